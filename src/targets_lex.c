/* targets_lex.c — the targets stage's tokens.
 *
 * Text with a digit in it is cut into words, numbers and punctuation, each
 * with its byte span.  A number is read by how it is written ("80.000",
 * "2,5", "1.5", "1.2.3"), which decides its value or that it is no
 * quantity at all.  Words get a folded key (vn_fold) so that grammar phrases
 * match whatever the case and tone placement — but only words that could
 * match some grammar word are folded (their skeleton, see below), and each
 * distinct word once per document, which keeps the stage cheap. */
#include "targets_private.h"

/* ---- tokenizer -------------------------------------------------------------------------- */

static bool cp_is_mark(int32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1DC0 && cp <= 0x1DFF);
}

static bool cp_is_space(int32_t cp)
{
    return cp == 0xA0 || cp == 0x2007 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x3000;
}

int32_t vn_tg_cp_at(const char *s, size_t n, size_t i, size_t *next)
{
    size_t k = i;
    int32_t cp = vn_utf8_next(s, n, &k);
    if (next)
        *next = k;
    return cp;
}

/* The group after the comma at s[c] is "000". */
static bool zeros_after_comma(const char *s, size_t c)
{
    return s[c] == ',' && s[c + 1] == '0' && s[c + 2] == '0' && s[c + 3] == '0';
}

/* Reads the value of a digit string with its separators.  seps/glen describe
 * the groups after the first: separator character and group length. */
static void read_number(tok *t, const char *s, size_t a, size_t first_len, const char *seps,
                        const uint8_t *glen, size_t ngroups)
{
    size_t ndots = 0, ncommas = 0;
    bool dots_three = true, commas_three = true;
    for (size_t k = 0; k < ngroups; k++) {
        if (seps[k] == '.') {
            ndots++;
            dots_three &= glen[k] == 3;
        } else {
            ncommas++;
            commas_three &= glen[k] == 3;
        }
    }
    /* Where the decimal separator is (index into the groups), or none. */
    long decimal_at = -1;
    uint8_t shape;
    if (ngroups == 0)
        shape = NS_INT;
    else if (ncommas == 0 && dots_three && first_len <= 3)
        shape = NS_THOUSANDS;
    else if (ngroups == 1 && ncommas == 1 && first_len <= 3 && glen[0] == 3 && zeros_after_comma(s, a + first_len))
        /* "80,000 người", "8,000": thousands as English writes them; a
         * Vietnamese decimal never ends in three zeros ("80" or "80,5") */
        shape = NS_THOUSANDS;
    else if (ncommas == 1 && seps[ngroups - 1] == ',' &&
             (ndots == 0 || (first_len <= 3 && ngroups >= 2 && (ndots == ngroups - 1)))) {
        bool ok = true;
        for (size_t k = 0; k + 1 < ngroups; k++)
            ok &= glen[k] == 3;
        shape = ok ? NS_DECIMAL : NS_BAD;
        decimal_at = (long)ngroups - 1;
    } else if (ndots == 0 && ncommas >= 2 && commas_three && first_len <= 3)
        shape = NS_THOUSANDS;
    else if (ncommas == 0 && ndots == 1) {
        shape = NS_DOT_DECIMAL;
        decimal_at = 0;
    } else
        shape = NS_BAD;
    t->shape = shape;
    if (shape == NS_BAD || t->ndigits > MAX_NUMBER_DIGITS)
        return;
    char buf[64];
    size_t m = 0;
    size_t i = a;
    for (size_t k = 0; k < first_len; k++)
        buf[m++] = s[i++];
    for (size_t g = 0; g < ngroups; g++) {
        i++; /* the separator */
        if ((long)g == decimal_at)
            buf[m++] = '.';
        for (size_t k = 0; k < glen[g]; k++)
            buf[m++] = s[i++];
    }
    buf[m] = '\0';
    t->num = strtod(buf, NULL);
}

enum {
    FRACTION_MAX_DIGITS = 2 /* "12/15 xã": a part of a small whole; "1/2026" is no fraction */
};

size_t vn_tg_fraction_at(const char *s, size_t n, size_t a, double *pct)
{
    if (a > 0 && !vn_is_space((unsigned char)s[a - 1]) && s[a - 1] != '(')
        return 0; /* glued: "số1/3", "03/2025" inside a word */
    size_t j = a;
    unsigned num = 0, den = 0;
    while (j < n && vn_is_digit(s[j]) && j - a < FRACTION_MAX_DIGITS)
        num = num * 10 + (unsigned)(s[j++] - '0');
    if (j == a || j + 1 >= n || s[j] != '/' || !vn_is_digit(s[j + 1]))
        return 0;
    size_t d = ++j;
    while (j < n && vn_is_digit(s[j]) && j - d < FRACTION_MAX_DIGITS)
        den = den * 10 + (unsigned)(s[j++] - '0');
    /* "1/3" then a space and a word: not "1/3/2025", "1/QĐ-", "12/2025",
     * "1/3." ending a date, "15/12" (a day of a month: more than the whole) */
    if (j == d || j + 1 >= n || !vn_is_space((unsigned char)s[j]) || num == 0 || num > den || den < 2)
        return 0;
    if (s[a] == '0' || s[d] == '0')
        return 0; /* "01/02": a day and a month as clerks write them */
    *pct = (double)(long)(10000.0 * num / den + 0.5) / 100.0;
    return j;
}

/* A number token starting at s[a]; returns the end.  Digits glued to letters
 * ("4G", "17h30") are not a number: the caller makes a word of them. */
static size_t scan_number(tok *t, const char *s, size_t n, size_t a, bool *is_word)
{
    char seps[MAX_NUMBER_DIGITS + 2];
    uint8_t glen[MAX_NUMBER_DIGITS + 2];
    size_t ngroups = 0, ndigits = 0;
    size_t j = a;
    while (j < n && vn_is_digit(s[j]))
        j++;
    size_t first_len = j - a;
    ndigits = first_len;
    bool overflow = false;
    while (j + 1 < n && (s[j] == '.' || s[j] == ',') && vn_is_digit(s[j + 1])) {
        char sep = s[j++];
        size_t k = j;
        while (j < n && vn_is_digit(s[j]))
            j++;
        if (ngroups < sizeof seps) {
            seps[ngroups] = sep;
            glen[ngroups] = (uint8_t)(j - k > 255 ? 255 : j - k);
            ngroups++;
        } else
            overflow = true;
        ndigits += j - k;
    }
    *is_word = j < n && vn_cp_is_letter(vn_tg_cp_at(s, n, j, NULL));
    if (*is_word)
        return j;
    t->type = TK_NUM;
    t->ndigits = (uint8_t)(ndigits > 255 ? 255 : ndigits);
    t->lead_zero = s[a] == '0' && first_len > 1;
    if (overflow || ndigits > MAX_NUMBER_DIGITS)
        t->shape = NS_BAD;
    else
        read_number(t, s, a, first_len, seps, glen, ngroups);
    /* thousands set apart by spaces, as French and SI write them: "80 000",
     * "1 000 000" — only groups of three zeros, which no figure is alone
     * (two figures of a table one space apart, "12 300", stay two) */
    while (t->shape == NS_INT && first_len <= 3 && ngroups == 0 && j + 4 <= n && s[j] == ' ' &&
           !memcmp(s + j + 1, "000", 3) && (j + 4 == n || !vn_is_digit(s[j + 4])) &&
           !(j + 5 < n && (s[j + 4] == '.' || s[j + 4] == ',') && vn_is_digit(s[j + 5])) &&
           !(j + 4 < n && vn_cp_is_letter(vn_tg_cp_at(s, n, j + 4, NULL))) && t->ndigits + 3 <= MAX_NUMBER_DIGITS) {
        t->num *= 1000;
        t->ndigits = (uint8_t)(t->ndigits + 3);
        j += 4;
    }
    return j;
}

/* Letters of Vietnamese text without a table look-up: Latin-1 and Latin
 * Extended-A/B letters and Latin Extended Additional (ạ ả ấ ... ỹ). */
static bool cp_is_word(int32_t cp)
{
    if (cp < 0x80)
        return (unsigned)((cp | 0x20) - 'a') < 26u || (unsigned)(cp - '0') < 10u;
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return true;
    return vn_cp_is_alnum(cp) || cp_is_mark(cp);
}

static size_t scan_word(const char *s, size_t n, size_t j)
{
    while (j < n) {
        size_t k;
        int32_t cp = vn_tg_cp_at(s, n, j, &k);
        if (cp_is_word(cp))
            j = k;
        else if (cp == '&' && k < n && vn_cp_is_alnum(vn_tg_cp_at(s, n, k, NULL)))
            j = k; /* KH&CN, R&D */
        else
            break;
    }
    return j;
}

static void fold_cache_grow(fold_cache *fc)
{
    /* small at first: a scanner is made for each sentence of a loaded
     * baseline, and clearing 1024 slots for a dozen words was a tenth of
     * what reading the sentence cost */
    size_t n = fc->nslots ? fc->nslots * 2 : 64;
    fold_entry *slots = vn_xcalloc(n, sizeof *slots);
    for (size_t k = 0; k < fc->nslots; k++) {
        const fold_entry *e = &fc->slots[k];
        if (!e->rawlen)
            continue;
        size_t at = e->hash & (n - 1);
        while (slots[at].rawlen)
            at = (at + 1) & (n - 1);
        slots[at] = *e;
    }
    free(fc->slots);
    fc->slots = slots;
    fc->nslots = n;
}

/* Appends the folded key of word w[0..n) to out, through the cache. */
static void fold_word_cached(fold_cache *fc, const char *w, size_t n, vn_buf *out)
{
    if (n == 0 || n > FOLD_CACHE_WORD) {
        vn_fold(w, n, VN_FOLD_KEY, out, NULL);
        return;
    }
    uint32_t h = vn_tg_hash_bytes(w, n);
    if (fc->nslots) {
        for (size_t at = h & (fc->nslots - 1); fc->slots[at].rawlen; at = (at + 1) & (fc->nslots - 1)) {
            const fold_entry *e = &fc->slots[at];
            if (e->hash == h && e->rawlen == n && memcmp(fc->bytes.data + e->raw, w, n) == 0) {
                vn_buf_put(out, fc->bytes.data + e->key, e->keylen);
                return;
            }
        }
    }
    size_t before = out->len;
    vn_fold(w, n, VN_FOLD_KEY, out, NULL);
    if (fc->used >= FOLD_CACHE_MAX)
        return;
    if (2 * (fc->used + 1) > fc->nslots)
        fold_cache_grow(fc);
    fold_entry e = {h, (uint32_t)fc->bytes.len, (uint32_t)n, 0, (uint32_t)(out->len - before)};
    vn_buf_put(&fc->bytes, w, n);
    e.key = (uint32_t)fc->bytes.len;
    vn_buf_put(&fc->bytes, out->data + before, e.keylen);
    size_t at = h & (fc->nslots - 1);
    while (fc->slots[at].rawlen)
        at = (at + 1) & (fc->nslots - 1);
    fc->slots[at] = e;
    fc->used++;
}

/* ---- skeletons: which words need folding at all ----------------------------------------
 * A word can only match a grammar phrase if, without case and without any
 * diacritic, it equals a grammar word without them: that skeleton is the
 * same for every spelling vn_fold maps to one key (case, tone placement,
 * NFC or NFD).  Words whose skeleton no grammar word has keep their bytes as
 * their key, which can never equal a grammar key; only the others are
 * folded. */

void vn_tg_build_base_letters(struct vn_target_rules *r)
{
    for (int32_t cp = 0xC0; cp < 0x250; cp++) {
        utf8proc_int32_t dst[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cp, dst, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
        char base = 0;
        if (k >= 1 && dst[0] >= 'a' && dst[0] <= 'z')
            base = (char)dst[0];
        r->base_latin[cp - 0xC0] = base;
        r->lower_latin[cp - 0xC0] = utf8proc_tolower(cp);
    }
    r->base_latin[0x110 - 0xC0] = r->base_latin[0x111 - 0xC0] = 'd'; /* Đ đ do not decompose */
    for (int32_t cp = 0x1E00; cp < 0x1F00; cp++) {
        utf8proc_int32_t dst[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cp, dst, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
        r->base_extended[cp - 0x1E00] = (char)(k >= 1 && dst[0] >= 'a' && dst[0] <= 'z' ? dst[0] : 0);
        r->lower_extended[cp - 0x1E00] = utf8proc_tolower(cp);
    }
}

/* Appends `base` (a letter of a skeleton) or, when it is 0, cp in UTF-8 to
 * out at *m; false when that would pass cap. */
static bool put_char(char *out, size_t *m, size_t cap, char base, int32_t cp)
{
    char tmp[4];
    size_t len = base ? 1 : (size_t)vn_utf8_encode(cp, tmp);
    if (*m + len > cap)
        return false;
    if (base)
        out[*m] = base;
    else
        memcpy(out + *m, tmp, len);
    *m += len;
    return true;
}

/* Writes the skeleton of w[0..n) to out; SIZE_MAX when it needs more than cap. */
size_t vn_tg_skeleton(const struct vn_target_rules *r, const char *w, size_t n, char *out, size_t cap)
{
    size_t m = 0, i = 0;
    while (i < n) {
        int32_t cp = vn_utf8_next(w, n, &i);
        char base = 0;
        if (cp < 0x80)
            base = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        else if (cp >= 0x300 && cp <= 0x36F)
            continue; /* a combining mark (NFD text) */
        else if (cp >= 0xC0 && cp < 0x250)
            base = r->base_latin[cp - 0xC0];
        else if (cp >= 0x1E00 && cp < 0x1F00)
            base = r->base_extended[cp - 0x1E00];
        if (!put_char(out, &m, cap, base, cp))
            return SIZE_MAX;
    }
    return m;
}

static bool vocab_has(const vocab_entry *set, size_t nslots, const char *text, const char *s, size_t n,
                      uint32_t h)
{
    for (size_t at = h & (nslots - 1); set[at].len; at = (at + 1) & (nslots - 1))
        if (set[at].hash == h && set[at].len == n && memcmp(text + set[at].off, s, n) == 0)
            return true;
    return false;
}

void vn_tg_vocab_insert(vocab_entry *set, size_t nslots, vn_buf *text, const char *s, size_t n)
{
    if (n == 0)
        return; /* (no word has an empty skeleton or key) */
    uint32_t h = vn_tg_hash_bytes(s, n);
    if (vocab_has(set, nslots, text->data, s, n, h))
        return;
    size_t at = h & (nslots - 1);
    while (set[at].len)
        at = (at + 1) & (nslots - 1);
    set[at].hash = h;
    set[at].len = (uint32_t)n;
    set[at].off = (uint32_t)text->len;
    vn_buf_put(text, s, n);
}

/* w[0..n) in lower case into low and as a skeleton into sk, in one pass;
 * false when either needs more than cap bytes. */
static bool lower_and_skeleton(const struct vn_target_rules *r, const char *w, size_t n, char *low,
                               size_t *lowlen, char *sk, size_t *sklen, size_t cap)
{
    size_t m = 0, k = 0, i = 0;
    while (i < n) {
        int32_t cp = vn_utf8_next(w, n, &i), lower;
        char base = 0;
        if (cp < 0x80) {
            lower = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
            base = (char)lower;
        } else if (cp >= 0xC0 && cp < 0x250) {
            lower = r->lower_latin[cp - 0xC0];
            base = r->base_latin[cp - 0xC0];
        } else if (cp >= 0x1E00 && cp < 0x1F00) {
            lower = r->lower_extended[cp - 0x1E00];
            base = r->base_extended[cp - 0x1E00];
        } else {
            lower = utf8proc_tolower(cp);
        }
        if (!put_char(low, &m, cap, 0, lower))
            return false;
        if (cp >= 0x300 && cp <= 0x36F)
            continue; /* a combining mark (NFD text): no part of the skeleton */
        if (!put_char(sk, &k, cap, base, lower))
            return false;
    }
    *lowlen = m;
    *sklen = k;
    return true;
}

/* The key of a word without vn_fold where that gives the same result:
 * its lower case when that already is a grammar key (folding is
 * idempotent), or when no grammar word has its vn_tg_skeleton (then no phrase can
 * match it whatever its key).  Returns false when the word must be folded:
 * a grammar word in another spelling ("hoà" for "hòa"), or while the grammar
 * itself is being read. */
bool vn_tg_cheap_key(const struct vn_target_rules *r, const char *w, size_t n, vn_buf *out)
{
    if (!r->vocab)
        return false;
    char low[FOLD_CACHE_WORD] = "", sk[FOLD_CACHE_WORD] = ""; /* (silences a false gcc warning) */
    size_t m, k;
    if (!lower_and_skeleton(r, w, n, low, &m, sk, &k, sizeof low))
        return false;
    if (vocab_has(r->keys, r->nvocab, r->vocab_text, low, m, vn_tg_hash_bytes(low, m))) {
        vn_buf_put(out, low, m);
        return true;
    }
    if (vocab_has(r->vocab, r->nvocab, r->vocab_text, sk, k, vn_tg_hash_bytes(sk, k)))
        return false;
    vn_buf_put(out, low, m);
    return true;
}

static void push_key(scanner *sc, tok *t, bool fold)
{
    t->keyed = 1;
    size_t before = sc->keys.len;
    const char *w = sc->s + t->a;
    size_t n = t->b - t->a;
    if (!fold)
        vn_buf_put(&sc->keys, w, n);
    else if (!vn_tg_cheap_key(sc->r, w, n, &sc->keys))
        fold_word_cached(&sc->fc, w, n, &sc->keys);
    t->key = (uint32_t)before;
    t->klen = (uint32_t)(sc->keys.len - before);
    t->hash = vn_tg_hash_bytes(sc->keys.data + t->key, t->klen);
}

static void merge_fraction_words(scanner *sc);

void vn_tg_tokenize(scanner *sc, const char *s, size_t n)
{
    sc->s = s;
    sc->n = n;
    sc->ntoks = 0;
    vn_buf_clear(&sc->keys);
    bool space = true;
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        if (vn_is_space((unsigned char)s[i])) {
            space = true;
            i++;
            continue;
        }
        size_t a = i, next;
        int32_t cp = vn_tg_cp_at(s, n, i, &next);
        if (cp_is_space(cp)) {
            space = true;
            i = next;
            continue;
        }
        tok t;
        memset(&t, 0, sizeof t);
        t.a = (uint32_t)a;
        t.glued = !space;
        space = false;
        double pct;
        size_t fe;
        if (vn_is_digit(s[a]) && (fe = vn_tg_fraction_at(s, n, a, &pct)) != 0) {
            t.type = TK_NUM;
            t.shape = NS_DECIMAL;
            t.frac = 1;
            t.num = pct;
            t.ndigits = (uint8_t)(fe - a);
            i = fe;
        } else if (vn_is_digit(s[a])) {
            bool is_word;
            size_t j = scan_number(&t, s, n, a, &is_word);
            if (is_word) {
                memset(&t, 0, sizeof t);
                t.a = (uint32_t)a;
                t.glued = a > 0 && !vn_is_space((unsigned char)s[a - 1]);
                t.type = TK_WORD;
                j = scan_word(s, n, j);
            }
            i = j;
        } else if (vn_cp_is_letter(cp)) {
            t.type = TK_WORD;
            t.upper = vn_cp_is_upper(cp);
            i = scan_word(s, n, next);
        } else {
            t.type = TK_PUNCT;
            i = next;
            if (cp == '(' || cp == '[')
                depth++;
        }
        t.b = (uint32_t)i;
        t.paren = (uint8_t)(depth > 255 ? 255 : depth);
        if (t.type == TK_PUNCT && (cp == ')' || cp == ']') && depth > 0)
            depth--;
        /* words are folded later, and only where a number may need them */
        if (t.type == TK_PUNCT)
            push_key(sc, &t, false);
        else if (t.type == TK_NUM) {
            t.hash = vn_tg_hash_bytes("\x01", 1);
            t.keyed = 1;
        }
        VN_PUSH(sc->toks, sc->ntoks, sc->captoks) = t;
    }
    merge_fraction_words(sc);
}

/* Does s[0..n) hold a fraction in words (units.txt [fraction_words])?  A
 * cheap look for each phrase's words after its first ("nửa" of "một nửa",
 * "phần ba" of "hai phần ba") before any folding. */
static bool may_hold_fraction_words(const phrase_set *set, const char *s, size_t n)
{
    char tail[64];
    for (size_t p = 0; p < set->n; p++) {
        const phrase *ph = &set->v[p];
        size_t m = 0;
        for (uint16_t k = 1; k < ph->n; k++) {
            if (m + ph->t[k].klen + 1 >= sizeof tail)
                break;
            if (k > 1)
                tail[m++] = ' ';
            memcpy(tail + m, ph->t[k].key, ph->t[k].klen);
            m += ph->t[k].klen;
        }
        for (size_t i = 0; m && i + m <= n; i++) {
            const char *at = memchr(s + i, tail[0], n - i - m + 1);
            if (!at)
                break;
            i = (size_t)(at - s);
            if (memcmp(at, tail, m) == 0)
                return true;
        }
    }
    return false;
}

bool vn_tg_may_hold_fraction_words(const scanner *sc, const char *s, size_t n)
{
    return sc->r->fraction_words.n && may_hold_fraction_words(&sc->r->fraction_words, s, n);
}

/* "một nửa số giáo viên", "hai phần ba số xã": the words of a fraction are
 * one number token, a share as "1/2" and "2/3" are. */
static void merge_fraction_words(scanner *sc)
{
    if (!vn_tg_may_hold_fraction_words(sc, sc->s, sc->n))
        return;
    vn_tg_ensure_keys(sc, 0, sc->ntoks);
    size_t out = 0;
    for (size_t i = 0; i < sc->ntoks;) {
        size_t len = 0;
        const phrase *ph = sc->toks[i].type == TK_WORD
                               ? vn_tg_match_forward(sc, &sc->r->fraction_words, i, sc->ntoks, &len)
                               : NULL;
        tok t = sc->toks[i];
        if (ph && len && ph->cls) {
            t.type = TK_NUM;
            t.shape = NS_DECIMAL;
            t.frac = 1;
            t.num = strtod(ph->cls, NULL);
            t.b = sc->toks[i + len - 1].b;
            t.upper = 0;
            t.hash = vn_tg_hash_bytes("\x01", 1);
            t.keyed = 1;
            i += len;
        } else {
            i++;
        }
        sc->toks[out++] = t;
    }
    sc->ntoks = out;
}

/* Folds the words of tokens [a, b) that have no key yet. */
void vn_tg_ensure_keys(scanner *sc, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < sc->ntoks; i++)
        if (!sc->toks[i].keyed)
            push_key(sc, &sc->toks[i], true);
}

bool vn_tg_tok_is(const scanner *sc, size_t i, const char *key)
{
    if (i >= sc->ntoks || sc->toks[i].type == TK_NUM)
        return false;
    size_t len = strlen(key);
    return sc->toks[i].klen == len && memcmp(sc->keys.data + sc->toks[i].key, key, len) == 0;
}

bool vn_tg_tok_is_year(const tok *t)
{
    return t->type == TK_NUM && t->shape == NS_INT && t->ndigits == 4 && !t->lead_zero &&
           t->num >= 1900 && t->num <= 2100;
}
