/* blocks.c — line classification: what a line's start says.
 *
 * vn_classify_line is a pure function of the line's text (and, to break a
 * tie, the previous line's result).  It recognises the markers of
 * administrative documents — Phần / Chương / Mục / Điều, I. II., A. B.,
 * 1. 2., 1) (1), 1.1., a) b) đ), i) ii), - + • — and reports the marker's
 * number, its sequence value and where the text after it starts.  The words
 * of markers (list letters, Điều/Chương/Phần/Mục, ordinals, "QUYẾT ĐỊNH:",
 * picture placeholders) are grammars/markers.txt; the numerals and bullets
 * are here.  Whether a marker really opens an item (it fits the numbering)
 * is decided later, by lines.c and tree.c, which know what came before. */
#include "doc.h"
#include "grammar.h"
#include "utf8.h"

#include <utf8proc.h>
#include <string.h>

#define ROW_NUMBER_CHARS 4 /* "1.1.", "IV": a table row's number */

/* ---- the words of markers (grammars/markers.txt) -------------------------- */

typedef struct vn_letter {
    int32_t cp;     /* lower case */
    uint32_t value; /* its place in the list */
} vn_letter;

struct vn_marker_rules {
    vn_letter *letters;
    size_t nletters, capletters;
    struct vn_keyword {
        const char *word; /* lower case */
        vn_style style;
    } *keywords;
    size_t nkeywords, capkeywords;
    const char **ordinals; /* lower case, in order */
    size_t nordinals, capordinals;
    const char **enact;
    size_t nenact, capenact;
    const char **pictures; /* between brackets */
    size_t npictures, cappictures;
    const char **picture_lines;
    size_t npicture_lines, cappicture_lines;
};

#define MARKERS_FILE "markers.txt"

/* A row's word in lower case, kept in the grammar's arena: lines are matched
 * letter by letter in lower case (starts_keyword). */
static const char *lower_word(vnplan_grammar *g, const char *s)
{
    vn_buf b = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        char u[4];
        vn_buf_put(&b, u, (size_t)vn_utf8_encode(utf8proc_tolower(vn_utf8_next(s, n, &i)), u));
    }
    const char *w = vn_arena_strndup(&g->arena, b.data ? b.data : "", b.len);
    vn_buf_free(&b);
    return w;
}

/* The rows of a block of one field each, as lower-case words. */
static vnplan_status load_words(vnplan_grammar *g, const char *block, const char ***v, size_t *n, size_t *cap,
                                vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, MARKERS_FILE);
    const vn_grow_row *row;
    for (size_t i = 0; (row = vn_grammar_next(t, block, &i));) {
        if (row->nf != 1)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [%s] rows are one word or phrase", MARKERS_FILE,
                           row->line, block);
        VN_PUSH(*v, *n, *cap) = lower_word(g, row->f[0]);
    }
    return VNPLAN_OK;
}

static vnplan_status load_letters(vnplan_grammar *g, struct vn_marker_rules *m, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, MARKERS_FILE);
    const vn_grow_row *row;
    uint32_t place = 0;
    for (size_t i = 0; (row = vn_grammar_next(t, "letters", &i));) {
        place++;
        for (uint16_t f = 0; f < row->nf; f++) {
            size_t n = strlen(row->f[f]), k = 0;
            int32_t cp = n ? vn_utf8_next(row->f[f], n, &k) : 0;
            if (!n || k != n || !vn_cp_is_letter(cp))
                return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [letters] holds single letters", MARKERS_FILE,
                               row->line);
            VN_PUSH(m->letters, m->nletters, m->capletters) = (vn_letter){utf8proc_tolower(cp), place};
        }
    }
    return VNPLAN_OK;
}

static vnplan_status load_keywords(vnplan_grammar *g, struct vn_marker_rules *m, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, MARKERS_FILE);
    const vn_grow_row *row;
    for (size_t i = 0; (row = vn_grammar_next(t, "keyword", &i));) {
        int style = 0;
        for (int k = VN_STYLE_PHAN; k <= VN_STYLE_DIEU && row->nf == 2 && !style; k++)
            if (strcmp(row->f[0], vn_style_name((vn_style)k)) == 0)
                style = k;
        if (!style)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [keyword] rows are STYLE<TAB>WORD, STYLE one of "
                           "phan, chuong, muc, dieu", MARKERS_FILE, row->line);
        struct vn_keyword *kw = &VN_PUSH(m->keywords, m->nkeywords, m->capkeywords);
        kw->word = lower_word(g, row->f[1]);
        kw->style = (vn_style)style;
    }
    return VNPLAN_OK;
}

vnplan_status vn_marker_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_marker_rules *m = g->markers = vn_xcalloc(1, sizeof *m);
    vnplan_status st = load_letters(g, m, err);
    if (st == VNPLAN_OK)
        st = load_keywords(g, m, err);
    if (st == VNPLAN_OK)
        st = load_words(g, "ordinal", &m->ordinals, &m->nordinals, &m->capordinals, err);
    if (st == VNPLAN_OK)
        st = load_words(g, "enact", &m->enact, &m->nenact, &m->capenact, err);
    if (st == VNPLAN_OK)
        st = load_words(g, "picture", &m->pictures, &m->npictures, &m->cappictures, err);
    if (st == VNPLAN_OK)
        st = load_words(g, "picture_line", &m->picture_lines, &m->npicture_lines, &m->cappicture_lines, err);
    return st;
}

void vn_marker_rules_free(struct vn_marker_rules *m)
{
    if (!m)
        return;
    VN_FREE_ALL(m->letters, m->keywords, m->ordinals, m->enact, m->pictures, m->picture_lines, m);
}

/* The number of a list letter ("đ" is the fifth), else 0. */
static uint32_t alpha_value(const struct vn_marker_rules *m, int32_t cp)
{
    for (size_t i = 0; i < m->nletters; i++)
        if (m->letters[i].cp == cp)
            return m->letters[i].value;
    return 0;
}

/* Value of a Roman numeral written in canonical form (1..89), else 0.
 * Canonical form is checked by re-encoding, so "IIII" or "VX" are refused. */
static uint32_t roman_value(const char *s, size_t n, bool upper)
{
    if (n == 0 || n > 7)
        return 0;
    uint32_t total = 0, prev = 0;
    for (size_t i = n; i-- > 0;) {
        char c = upper ? s[i] : (char)(s[i] - 'a' + 'A');
        uint32_t v = c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : c == 'L' ? 50 : 0;
        if (!v)
            return 0;
        if (v < prev)
            total -= v;
        else {
            total += v;
            prev = v;
        }
    }
    if (total == 0 || total >= 90)
        return 0;
    static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"};
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    char canon[16];
    size_t k = 0;
    for (const char *p = tens[total / 10]; *p; p++)
        canon[k++] = *p;
    for (const char *p = ones[total % 10]; *p; p++)
        canon[k++] = *p;
    if (k != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = upper ? s[i] : (char)(s[i] - 'a' + 'A');
        if (c != canon[i])
            return 0;
    }
    return total;
}

static bool is_roman_letter(char c, bool upper)
{
    return upper ? (c == 'I' || c == 'V' || c == 'X' || c == 'L')
                 : (c == 'i' || c == 'v' || c == 'x' || c == 'l');
}

/* Bullet glyphs that open a list item (after normalization, Word's
 * private-use bullets are already U+2022). */
static bool is_bullet_cp(int32_t cp)
{
    switch (cp) {
    case 0x2022: /* • */
    case 0x25CF: /* ● */
    case 0x25AA: /* ▪ */
    case 0x25A0: /* ■ */
    case 0x27A2: /* ➢ */
    case 0x25BA: /* ► */
    case 0x2756: /* ❖ */
    case 0x2713: /* ✓ */
    case 0x00B7: /* · */
    case 0x2043: /* ⁃ */
    case 0x25C6: /* ◆ */
    case 0x2666: /* ♦ */
    case 0x27A4: /* ➤ */
    case 0x2192: /* → */
    case 0x25B6: /* ▶ */
    case 0x2023: /* ‣ */
        return true;
    default:
        return false;
    }
}

/* Bullets whose symbol font was lost on export: Word writes its second-level
 * bullet as "o" and its Wingdings arrows and squares as "Ø", "§", "ü".  Taken
 * for bullets when a TAB follows, or (for "o") a space and a capital right
 * after another list item. */
static bool is_lost_bullet(const char *s, size_t n, int32_t cp, size_t after, const vn_class *prev)
{
    if (cp != 'o' && cp != 0xD8 && cp != 0xA7 && cp != 0xFC)
        return false;
    if (after < n && s[after] == '\t')
        return true;
    if (after + 1 < n && s[after] == ' ' && prev &&
        (prev->style == VN_STYLE_BULLET || prev->style == VN_STYLE_CIRCLE || prev->style == VN_STYLE_DASH ||
         prev->style == VN_STYLE_PLUS)) {
        size_t k = after + 1;
        return vn_cp_is_upper(vn_utf8_next(s, n, &k));
    }
    return false;
}

/* Case-insensitive test that s[i..] starts with the keyword `kw_lower`
 * (given in lower case, NFC) followed by a space. */
static bool starts_keyword(const char *s, size_t n, const char *kw_lower, size_t *after)
{
    size_t i = 0, k = 0, klen = strlen(kw_lower);
    while (k < klen) {
        if (i >= n)
            return false;
        int32_t a = utf8proc_tolower(vn_utf8_next(s, n, &i));
        int32_t b = vn_utf8_next(kw_lower, klen, &k);
        if (a != b)
            return false;
    }
    if (i >= n || !vn_is_hspace(s[i]))
        return false;
    while (i < n && vn_is_hspace(s[i]))
        i++;
    *after = i;
    return true;
}

static size_t skip_hspace(const char *s, size_t n, size_t i)
{
    while (i < n && vn_is_hspace(s[i]))
        i++;
    return i;
}

/* Describes the content that starts at `off`: case of its first letter,
 * capitals, and how the line ends. */
static void describe_content(const char *s, size_t n, vn_class *c)
{
    size_t i = c->content_off;
    /* first letter (skipping opening brackets and quotes) */
    size_t j = i;
    while (j < n && (s[j] == '(' || s[j] == '"' || s[j] == '\'' || s[j] == '['))
        j++;
    if (j < n) {
        size_t k = j;
        int32_t cp = vn_utf8_next(s, n, &k);
        c->upper_start = vn_cp_is_upper(cp);
        c->lower_start = vn_cp_is_lower(cp);
    }
    /* capitals: at least two letters and no small one (stop at the first) */
    size_t letters = 0;
    bool lower = false;
    for (size_t k = i; k < n && !lower;) {
        unsigned char b = (unsigned char)s[k];
        if (b < 0x80) {
            lower = b >= 'a' && b <= 'z';
            letters += (b >= 'A' && b <= 'Z');
            k++;
            continue;
        }
        int32_t cp = vn_utf8_next(s, n, &k);
        lower = vn_cp_is_lower(cp);
        letters += vn_cp_is_letter(cp);
    }
    c->all_caps = letters >= 2 && !lower;
    size_t e = n;
    while (e > i && (vn_is_hspace(s[e - 1])))
        e--;
    /* look through closing brackets and quotes */
    size_t t = e;
    while (t > i && (s[t - 1] == ')' || s[t - 1] == '"' || s[t - 1] == '\'' || s[t - 1] == ']'))
        t--;
    if (t > i) {
        char last = s[t - 1];
        c->ends_terminal = last == '.' || last == ';' || last == ':' || last == '!' || last == '?';
        c->ends_colon = last == ':';
    }
    /* "1002/QĐ-" broken before "TTg": a hyphen glued to a letter or digit */
    size_t h = e > i + 1 && s[e - 1] == '-' ? e - 1 : (e > i + 3 && vn_dash_len(s, e, e - 3) == 3 ? e - 3 : e);
    if (h < e) {
        size_t k = h;
        c->ends_hyphen = vn_cp_is_alnum(vn_utf8_prev(s, &k));
    }
}

/* After a number or letter: the punctuation that makes it a marker. */
static bool marker_punct(const char *s, size_t n, size_t i, bool allow_dot, char *punct, size_t *after)
{
    if (i >= n)
        return false;
    char p = s[i];
    if (vn_is_hspace(p)) {
        /* "2 / Yêu cầu": a slash typed apart from its number */
        size_t k = skip_hspace(s, n, i);
        if (k + 1 < n && s[k] == '/' && vn_is_hspace(s[k + 1])) {
            i = k;
            p = '/';
        } else {
            return false;
        }
    }
    if (p == '.' && allow_dot) {
        /* "1." then text; not "1.000" or "2.5%" (handled by the caller) */
        if (i + 1 < n && (vn_is_digit(s[i + 1]) || s[i + 1] == '.' || s[i + 1] == ','))
            return false;
    } else if (p == ')') {
        /* fine */
    } else if (p == '/' || p == '-') {
        /* "1/ Mục đích", "I- MỤC TIÊU": with white space after; "1/Mục đích"
         * typed without it: a capital and a small letter (not "12/KH-UBND") */
        if (i + 1 >= n)
            return false;
        if (!vn_is_hspace(s[i + 1])) {
            size_t k = i + 1;
            int32_t c1 = vn_utf8_next(s, n, &k);
            int32_t c2 = k < n ? vn_utf8_next(s, n, &k) : 0;
            if (p != '/' || !vn_cp_is_upper(c1) || !vn_cp_is_lower(c2))
                return false;
        }
    } else {
        return false;
    }
    *punct = p;
    *after = skip_hspace(s, n, i + 1);
    return true;
}

bool vn_is_rule_line(const char *s, size_t n)
{
    size_t count = 0, ornament = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        size_t d = vn_dash_len(s, n, i);
        if (d || c == '_' || c == '*' || c == '=' || c == '~' || c == '.') {
            count++;
            i += d ? d : 1;
        } else if (vn_is_hspace(c)) {
            i++;
        } else if ((c == 'o' || c == 'O' || c == '0' || c == '+' || c == 'x') && ornament < 3) {
            ornament++; /* "-------oOo-------", "---o0o---": the clerk's flourish */
            i++;
        } else {
            return false;
        }
    }
    return count >= 3 && count >= 2 * ornament;
}

size_t vn_glued_rule_end(const char *s, size_t n)
{
    size_t i = 0, marks = 0;
    while (i < n) {
        size_t d = vn_dash_len(s, n, i);
        if (!d && s[i] != '_' && s[i] != '=')
            break;
        i += d ? d : 1;
        marks++;
    }
    if (marks < 3 || vn_is_rule_line(s, n))
        return 0;
    while (i < n && vn_is_hspace(s[i]))
        i++;
    size_t k = i;
    return i < n && vn_cp_is_letter(vn_utf8_next(s, n, &k)) ? i : 0;
}

/* A marker was found: its punctuation, its number at s[off .. off + len),
 * its content from s[content]. */
static bool marker_at(vn_class *c, int punct, size_t off, size_t len, size_t content)
{
    c->punct = (uint8_t)punct;
    c->number_off = (uint32_t)off;
    c->number_len = (uint32_t)len;
    c->content_off = (uint32_t)content;
    return true;
}

static bool classify_number(const char *s, size_t n, vn_class *c)
{
    size_t i = 0;
    uint32_t v = 0;
    while (i < n && vn_is_digit(s[i]) && i < 4) {
        v = v * 10 + (uint32_t)(s[i] - '0');
        i++;
    }
    if (i == 0 || i > 3 || (i < n && vn_is_digit(s[i])) || v == 0)
        return false; /* 2030., 0. are not list numbers */
    /* decimal: 1.1 / 1.1. / 2.3.1. — components of one or two digits */
    if (i + 1 < n && s[i] == '.' && vn_is_digit(s[i + 1])) {
        size_t k = i;
        uint8_t depth = 1;
        uint32_t last = v;
        while (k + 1 < n && s[k] == '.' && vn_is_digit(s[k + 1])) {
            size_t d = k + 1;
            uint32_t comp = 0;
            while (d < n && vn_is_digit(s[d]) && d - k - 1 < 3) {
                comp = comp * 10 + (uint32_t)(s[d] - '0');
                d++;
            }
            if (d - k - 1 > 2 || (d < n && vn_is_digit(s[d])) || comp == 0)
                return false; /* 1.000 is a number, not a marker */
            last = comp;
            depth++;
            k = d;
        }
        size_t num_end = k;
        if (k < n && (s[k] == '.' || s[k] == ')'))
            k++;
        if (k < n && !vn_is_hspace(s[k])) {
            /* 2.5%, 1.2km are no markers; "1.1.Chính sách" is: LibreOffice's
             * HTML glues a heading's computed number to its title */
            size_t q = k;
            if (k == num_end || s[num_end] != '.' || !vn_cp_is_upper(vn_utf8_next(s, n, &q)))
                return false;
        }
        if (depth > 6)
            return false;
        c->style = VN_STYLE_DECIMAL;
        c->depth = depth;
        c->value = last;
        return marker_at(c, (k > num_end) ? (uint8_t)s[num_end] : 0, 0, num_end, skip_hspace(s, n, k));
    }
    char punct;
    size_t after;
    if (!marker_punct(s, n, i, true, &punct, &after))
        return false;
    c->style = punct == ')' ? VN_STYLE_ARABIC_PAREN : VN_STYLE_ARABIC;
    c->value = v;
    return marker_at(c, punct, 0, i, after);
}

/* "(1)" and "(a)" */
static bool classify_parenthesized(const struct vn_marker_rules *m, const char *s, size_t n, vn_class *c)
{
    size_t i = 1;
    if (i < n && vn_is_digit(s[i])) {
        uint32_t v = 0;
        while (i < n && vn_is_digit(s[i]) && i < 4)
            v = v * 10 + (uint32_t)(s[i++] - '0');
        if (i >= n || s[i] != ')' || v == 0)
            return false;
        c->style = VN_STYLE_ARABIC_PAREN;
        c->value = v;
    } else {
        int32_t cp = vn_utf8_next(s, n, &i);
        uint32_t v = alpha_value(m, cp);
        if (!v || i >= n || s[i] != ')')
            return false;
        c->style = VN_STYLE_ALPHA;
        c->value = v;
    }
    return marker_at(c, ')', 1, i - 1, skip_hspace(s, n, i + 1));
}

static bool classify_keyword(const struct vn_marker_rules *m, const char *s, size_t n, vn_class *c)
{
    for (size_t k = 0; k < m->nkeywords; k++) {
        size_t i;
        if (!starts_keyword(s, n, m->keywords[k].word, &i))
            continue;
        vn_style style = m->keywords[k].style;
        size_t num = i;
        uint32_t v = 0;
        if (i < n && vn_is_digit(s[i])) {
            while (i < n && vn_is_digit(s[i]) && i - num < 4)
                v = v * 10 + (uint32_t)(s[i++] - '0');
        } else {
            while (i < n && (is_roman_letter(s[i], true) || is_roman_letter(s[i], false)))
                i++;
            if (i > num)
                v = roman_value(s + num, i - num, s[num] >= 'A' && s[num] <= 'Z');
            else if (style == VN_STYLE_PHAN || style == VN_STYLE_CHUONG) {
                /* PHẦN THỨ NHẤT / Phần thứ hai: the ordinal in words */
                for (size_t o = 0; o < m->nordinals && !v; o++) {
                    size_t ol = strlen(m->ordinals[o]), p = num, q = 0;
                    bool same = true;
                    while (q < ol && same) {
                        if (p >= n) {
                            same = false;
                            break;
                        }
                        same = utf8proc_tolower(vn_utf8_next(s, n, &p)) == vn_utf8_next(m->ordinals[o], ol, &q);
                    }
                    if (same && (p >= n || !vn_cp_is_letter((int32_t)(unsigned char)s[p]))) {
                        v = (uint32_t)o + 1;
                        i = p;
                    }
                }
            }
        }
        if (!v || (i < n && vn_is_digit(s[i])))
            return false;
        c->style = (uint8_t)style;
        c->value = v;
        c->number_off = (uint32_t)num;
        c->number_len = (uint32_t)(i - num);
        size_t j = i;
        if (j < n && (s[j] == '.' || s[j] == ':' || s[j] == ')' || s[j] == '-')) {
            c->punct = (uint8_t)s[j];
            j++;
        }
        c->content_off = (uint32_t)skip_hspace(s, n, j);
        return true;
    }
    return false;
}

/* QUYẾT ĐỊNH: / QUYẾT NGHỊ: — the line that opens a decision's articles. */
static bool classify_enact(const struct vn_marker_rules *m, const char *s, size_t n, vn_class *c)
{
    for (size_t k = 0; k < m->nenact; k++) {
        const char *phrase = m->enact[k];
        size_t i = 0, q = 0, pl = strlen(phrase);
        bool same = true;
        while (q < pl && same) {
            if (i >= n)
                return false;
            int32_t a = vn_utf8_next(s, n, &i), b = vn_utf8_next(phrase, pl, &q);
            if (b == ' ') {
                if (!vn_is_hspace((int)a))
                    same = false;
                while (i < n && vn_is_hspace(s[i]))
                    i++;
                continue;
            }
            same = utf8proc_tolower(a) == b;
        }
        if (!same)
            continue;
        size_t j = skip_hspace(s, n, i);
        bool colon = j < n && s[j] == ':';
        if (colon)
            j = skip_hspace(s, n, j + 1);
        if (j != n)
            continue;
        /* "QUYẾT ĐỊNH" without a colon is the document type, unless the
         * caller knows better; keep the colon as the decisive sign. */
        if (!colon)
            return false;
        c->style = VN_STYLE_ENACT;
        c->value = 1;
        c->content_off = 0;
        return true;
    }
    return false;
}

static bool classify_letters(const struct vn_marker_rules *m, const char *s, size_t n, vn_class *c,
                             const vn_class *prev)
{
    size_t i = 0;
    int32_t cp = vn_utf8_next(s, n, &i);
    bool upper = vn_cp_is_upper(cp);
    /* Roman numerals: I. II. IV. (upper) and i) ii) (lower) */
    size_t r = 0;
    while (r < n && r < 7 && is_roman_letter(s[r], upper))
        r++;
    if (r > 0) {
        uint32_t rv = roman_value(s, r, upper);
        char punct;
        size_t after;
        bool punct_ok = rv && marker_punct(s, n, r, true, &punct, &after);
        /* after "I." white space, the end, or (sloppy typing) a capital */
        bool spaced = punct_ok && (after > r + 1 || after >= n);
        if (punct_ok && !spaced && upper && after < n) {
            size_t k = after;
            spaced = vn_cp_is_upper(vn_utf8_next(s, n, &k));
        }
        if (punct_ok && (after < n ? !vn_is_digit(s[after]) : true) && (punct != '.' || spaced)) {
            if (upper) {
                c->style = VN_STYLE_ROMAN;
                c->value = rv;
                if (r == 1 && alpha_value(m, utf8proc_tolower(cp))) {
                    c->alt_style = VN_STYLE_UPPER_ALPHA;
                    c->alt_value = alpha_value(m, utf8proc_tolower(cp));
                }
            } else if (r == 1) {
                /* i) v) x): a letter of the list, or a small Roman number */
                c->style = VN_STYLE_ALPHA;
                c->value = alpha_value(m, cp);
                c->alt_style = VN_STYLE_LOWER_ROMAN;
                c->alt_value = rv;
                if (prev && prev->style == VN_STYLE_LOWER_ROMAN) {
                    c->style = VN_STYLE_LOWER_ROMAN;
                    c->value = rv;
                    c->alt_style = VN_STYLE_ALPHA;
                    c->alt_value = alpha_value(m, cp);
                }
            } else {
                c->style = VN_STYLE_LOWER_ROMAN;
                c->value = rv;
            }
            return marker_at(c, punct, 0, r, after);
        }
    }
    /* single letters: a) b) đ) / A. B. */
    uint32_t av = alpha_value(m, utf8proc_tolower(cp));
    if (!av)
        return false;
    char punct;
    size_t after;
    if (!marker_punct(s, n, i, true, &punct, &after))
        return false;
    if (punct == '.' && after == i + 1 && after < n)
        return false; /* "v.v." or "A.B": a dot must be followed by white space */
    if (upper && punct == ')')
        upper = true;
    c->style = upper ? VN_STYLE_UPPER_ALPHA : VN_STYLE_ALPHA;
    c->value = av;
    return marker_at(c, punct, 0, i, after);
}

/* ASCII letters in either case: "[Pic]", "[IMAGE]" */
static bool same_ascii_caseless(const char *s, const char *lower, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if ((s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]) != lower[k])
            return false;
    return true;
}

bool vn_is_picture_line(const vnplan_grammar *g, const char *s, size_t n)
{
    const struct vn_marker_rules *m = g->markers;
    while (n && vn_is_hspace(s[n - 1]))
        n--;
    while (n && vn_is_hspace(*s))
        s++, n--;
    for (size_t i = 0; i < m->npicture_lines; i++)
        if (n == strlen(m->picture_lines[i]) && same_ascii_caseless(s, m->picture_lines[i], n))
            return true;
    if (n < 2 || s[0] != '[' || s[n - 1] != ']')
        return false;
    for (size_t i = 0; i < m->npictures; i++)
        if (n - 2 == strlen(m->pictures[i]) && same_ascii_caseless(s + 1, m->pictures[i], n - 2))
            return true;
    return false;
}

bool vn_is_separator_line(const vnplan_grammar *g, const char *s, size_t n)
{
    return vn_is_rule_line(s, n) || vn_is_picture_line(g, s, n);
}

bool vn_is_scan_noise_line(const vnplan_grammar *g, const char *s, size_t n)
{
    if (n == 0 || n > 40 || vn_is_separator_line(g, s, n))
        return false;
    size_t letters = 0, marks = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp = vn_utf8_next(s, n, &i);
        if (vn_cp_is_letter(cp))
            letters++;
        else if (cp != ' ' && cp != '\t' && !(cp >= '0' && cp <= '9'))
            marks++;
    }
    return marks > 0 && marks >= letters;
}

bool vn_is_lone_bullet(const char *s, size_t n)
{
    if (n == 1)
        return s[0] == '-' || s[0] == '+';
    size_t i = 0;
    int32_t cp = vn_utf8_next(s, n, &i);
    return i == n && (is_bullet_cp(cp) || cp == 0x2013 /* – */);
}

bool vn_is_table_row(const char *s, size_t n)
{
    while (n && vn_is_hspace(*s))
        s++, n--;
    return n > 1 && s[0] == '|' && memchr(s + 1, '|', n - 1) != NULL;
}

size_t vn_split_row_number(const char *s, vn_segment *g, size_t ng, size_t max, uint32_t col1, uint32_t slack)
{
    if (ng == 0 || ng >= max || g[0].col + slack >= col1)
        return ng;
    size_t i = g[0].start, k = i;
    while (k < g[0].end && (vn_is_digit(s[k]) || s[k] == '.' || s[k] == 'I' || s[k] == 'V' || s[k] == 'X'))
        k++;
    if (k == i || k - i > ROW_NUMBER_CHARS || k >= g[0].end || s[k] != ' ')
        return ng;
    size_t t = k;
    while (t < g[0].end && s[t] == ' ')
        t++;
    uint32_t text_col = g[0].col + (uint32_t)(t - i); /* the number and spaces: one column a byte */
    /* the text starts before the second column's header at the latest (a
     * header centred over its column stands right of the cells' text) */
    if (t >= g[0].end || t - k > 2 || text_col > col1 + slack)
        return ng;
    memmove(&g[1], &g[0], ng * sizeof *g);
    g[0].end = (uint32_t)k;
    g[0].end_col = g[0].col + (uint32_t)(k - i);
    g[1].start = (uint32_t)t;
    g[1].col = text_col;
    return ng + 1;
}

static bool holds_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (vn_is_digit(s[i]))
            return true;
    return false;
}

size_t vn_split_value_pairs(const char *s, vn_segment *g, size_t ng, size_t max, const vn_segment *head,
                            size_t nhead, uint32_t slack)
{
    for (size_t i = 0; i < ng && ng < max; i++)
        for (size_t c = 0; c + 1 < nhead; c++) {
            if (!(g[i].col < head[c].end_col && g[i].end_col > head[c + 1].col))
                continue;
            long gap_lo = (long)head[c].end_col - (long)slack, gap_hi = (long)head[c + 1].col + (long)slack;
            long mid = ((long)head[c].end_col + (long)head[c + 1].col) / 2;
            size_t cut = 0;
            long cut_col = 0, best = -1;
            uint32_t col = g[i].col;
            for (size_t p = g[i].start; p < g[i].end; p++) {
                if ((s[p] & 0xC0) == 0x80)
                    continue; /* a column is a character, not a byte */
                if (s[p] == ' ' && p > g[i].start && s[p - 1] != ' ' && p + 1 < g[i].end && s[p + 1] != ' ' &&
                    (long)col >= gap_lo && (long)col <= gap_hi &&
                    (vn_is_digit(s[p - 1]) || s[p - 1] == '%') && holds_digit(s, p + 1, g[i].end)) {
                    long d = (long)col > mid ? (long)col - mid : mid - (long)col;
                    if (best < 0 || d < best)
                        best = d, cut = p, cut_col = (long)col;
                }
                col++;
            }
            if (best < 0)
                continue;
            memmove(&g[i + 2], &g[i + 1], (ng - i - 1) * sizeof *g);
            g[i + 1].start = (uint32_t)cut + 1;
            g[i + 1].end = g[i].end;
            g[i + 1].col = (uint32_t)cut_col + 1;
            g[i + 1].end_col = g[i].end_col;
            g[i].end = (uint32_t)cut;
            g[i].end_col = (uint32_t)cut_col;
            ng++;
            break;
        }
    return ng;
}

/* A unit written with a symbol: "%", "%/năm", "người/năm" (no digit); not
 * one in parentheses, which a group row's title ends with ("Các chỉ tiêu
 * tính bằng tỷ lệ (%)"). */
static bool unit_symbol_word(const char *s, size_t a, size_t b)
{
    if (s[a] == '(')
        return false;
    bool sym = false;
    for (size_t p = a; p < b; p++) {
        if (vn_is_digit(s[p]))
            return false;
        sym |= s[p] == '%' || (s[p] == '/' && p > a && p + 1 < b);
    }
    return sym && b - a <= 24;
}

size_t vn_split_unit_symbol(const char *s, vn_segment *g, size_t ng, size_t max, const vn_segment *head,
                            size_t nhead, uint32_t slack)
{
    for (size_t i = 0; i < ng && ng < max; i++) {
        size_t sp = g[i].end;
        while (sp > g[i].start && s[sp - 1] != ' ')
            sp--;
        if (sp <= g[i].start + 1 || s[sp - 2] == ' ' || !unit_symbol_word(s, sp, g[i].end))
            continue;
        uint32_t word_col = g[i].end_col - (uint32_t)vn_utf8_count(s + sp, g[i].end - sp);
        int c = vn_segment_column(head, nhead, &g[i], slack);
        if (c < 0 || (size_t)c + 1 >= nhead || word_col < head[c].end_col + slack || word_col >= head[c + 1].end_col)
            continue;
        memmove(&g[i + 2], &g[i + 1], (ng - i - 1) * sizeof *g);
        g[i + 1].start = (uint32_t)sp;
        g[i + 1].end = g[i].end;
        g[i + 1].col = word_col;
        g[i + 1].end_col = g[i].end_col;
        g[i].end = (uint32_t)sp - 1;
        g[i].end_col = word_col - 1;
        ng++;
        i++;
    }
    return ng;
}

size_t vn_line_segments(const char *s, size_t n, uint32_t indent, vn_segment *out, size_t max)
{
    size_t count = 0, i = 0;
    uint32_t col = indent;
    while (i < n && count < max) {
        /* the gap: spaces, TABs, form feeds */
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v')) {
            col += s[i] == ' ' || s[i] == '\t';
            i++;
        }
        if (i >= n)
            break;
        vn_segment *g = &out[count++];
        g->start = (uint32_t)i;
        g->col = col;
        size_t end = i;
        uint32_t end_col = col;
        while (i < n && s[i] != '\t') {
            if (s[i] == ' ') {
                size_t k = i;
                while (k < n && s[k] == ' ')
                    k++;
                if (k - i >= 3 || k >= n)
                    break;
                col += (uint32_t)(k - i);
                i = k;
                continue;
            }
            if (((unsigned char)s[i] & 0xC0) != 0x80)
                col++; /* a character starts here */
            i++;
            end = i;
            end_col = col;
        }
        g->end = (uint32_t)end;
        g->end_col = end_col;
    }
    return count;
}

size_t vn_border_columns(const char *s, size_t n, uint32_t indent, vn_segment *out, size_t max)
{
    size_t count = 0;
    uint32_t col = indent;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            size_t k = i;
            while (k < n && s[k] == ' ')
                k++;
            if (count > 0 && k < n && k - i > 1)
                return 0; /* a wide gap: dashes spread in a sentence, not a border */
            col += (uint32_t)(k - i);
            i = k;
            continue;
        }
        if (s[i] != '-' || count >= max)
            return 0;
        vn_segment *g = &out[count++];
        g->start = (uint32_t)i;
        g->col = col;
        while (i < n && s[i] == '-')
            i++, col++;
        g->end = (uint32_t)i;
        g->end_col = col;
    }
    return count >= 3 ? count : 0;
}

void vn_cut_columns(const char *s, size_t n, uint32_t indent, const vn_segment *cols, size_t ncols,
                    vn_segment *out)
{
    for (size_t c = 0; c < ncols; c++) {
        out[c].start = out[c].end = (uint32_t)n;
        out[c].col = out[c].end_col = 0;
    }
    uint32_t col = indent;
    size_t c = 0;
    for (size_t i = 0; i < n;) {
        while (c + 1 < ncols && col >= cols[c + 1].col)
            c++;
        size_t len = 1;
        while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
            len++;
        if (s[i] != ' ' && s[i] != '\f' && col >= cols[0].col) {
            if (out[c].start == n) {
                out[c].start = (uint32_t)i;
                out[c].col = col;
            }
            out[c].end = (uint32_t)(i + len);
            out[c].end_col = col + 1;
        }
        if (s[i] != '\f')
            col++;
        i += len;
    }
    for (size_t k = 0; k < ncols; k++)
        if (out[k].start == n)
            out[k].start = out[k].end = 0;
}

int vn_segment_column(const vn_segment *head, size_t nhead, const vn_segment *g, uint32_t slack)
{
    int best = -1;
    long best_overlap = 0;
    for (size_t c = 0; c < nhead; c++) {
        long a = (long)head[c].col - (long)slack, b = (long)head[c].end_col + (long)slack;
        long lo = (long)g->col > a ? (long)g->col : a, hi = (long)g->end_col < b ? (long)g->end_col : b;
        if (hi - lo > best_overlap) {
            best_overlap = hi - lo;
            best = (int)c;
        }
    }
    return best;
}

int vn_segment_column_in_line(const vn_segment *head, size_t nhead, const vn_segment *g, size_t ng, size_t i,
                              uint32_t slack)
{
    int c = vn_segment_column(head, nhead, &g[i], slack);
    if (c >= 0)
        return c;
    size_t right = 0;
    while (right < nhead && head[right].col < g[i].end_col)
        right++;
    if (right == 0 || right == nhead || g[i].col < head[right - 1].end_col)
        return -1;
    for (size_t k = 0; k < ng; k++)
        if (k != i && vn_segment_column(head, nhead, &g[k], slack) == (int)right)
            return -1;
    return (int)right;
}

vn_class vn_classify_line(const vnplan_grammar *g, const char *s, size_t n, const vn_class *prev)
{
    const struct vn_marker_rules *m = g->markers;
    vn_class c;
    memset(&c, 0, sizeof c);
    size_t lead = skip_hspace(s, n, 0);
    s += lead;
    n -= lead;
    while (n > 0 && vn_is_space(s[n - 1]))
        n--;
    if (n == 0)
        return c;

    unsigned char b = (unsigned char)s[0];
    bool marked = false;
    size_t dash = vn_dash_len(s, n, 0); /* "–" and "—" open items as "-" does */
    if (dash)
        b = '-';
    if (b == '-' || b == '+' || b == '*') {
        if (!vn_is_rule_line(s, n)) {
            size_t i = dash ? dash : 1;
            /* "- text", "-text" (a sloppy dash glued to a capital), not "-2-" */
            if (i < n && vn_is_hspace(s[i])) {
                marked = true;
            } else if (i < n && b == '-') {
                size_t k = i;
                int32_t cp = vn_utf8_next(s, n, &k);
                marked = vn_cp_is_upper(cp);
            }
            /* "- 2 -" is a page number, not an item */
            if (marked) {
                bool digits_only = true;
                for (size_t k = i; k < n && digits_only; k++)
                    digits_only = vn_is_digit(s[k]) || vn_dash_len(s, n, k) || vn_is_hspace(s[k]) ||
                                  ((unsigned char)s[k] & 0xC0) == 0x80;
                marked = !digits_only;
            }
            if (marked) {
                c.style = b == '-' ? VN_STYLE_DASH : b == '+' ? VN_STYLE_PLUS : VN_STYLE_BULLET;
                c.number_off = 0;
                c.number_len = 0;
                c.content_off = (uint32_t)skip_hspace(s, n, dash ? dash : 1);
            }
        }
    } else if (vn_is_digit(b)) {
        marked = classify_number(s, n, &c);
    } else if (b == '(') {
        marked = classify_parenthesized(m, s, n, &c);
    } else if (b >= 0x80 || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')) {
        size_t i = 0;
        int32_t cp = vn_utf8_next(s, n, &i);
        if (cp == 0x25E6 || cp == 0x25CB || (cp == 'o' && is_lost_bullet(s, n, cp, i, prev))) {
            c.style = VN_STYLE_CIRCLE; /* ◦ ○ o: the second level of Word's lists */
            c.content_off = (uint32_t)skip_hspace(s, n, i);
            marked = true;
        } else if (is_bullet_cp(cp) || is_lost_bullet(s, n, cp, i, prev)) {
            c.style = VN_STYLE_BULLET;
            c.content_off = (uint32_t)skip_hspace(s, n, i);
            marked = true;
        } else if (vn_cp_is_letter(cp)) {
            marked = classify_keyword(m, s, n, &c) || classify_enact(m, s, n, &c) ||
                     classify_letters(m, s, n, &c, prev);
        }
    }
    if (!marked)
        memset(&c, 0, sizeof c);
    if (c.content_off > n)
        c.content_off = (uint32_t)n;
    describe_content(s, n, &c);
    /* offsets are relative to the caller's s */
    c.number_off += (uint32_t)lead;
    c.content_off += (uint32_t)lead;
    return c;
}
