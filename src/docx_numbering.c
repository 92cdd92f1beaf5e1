/* docx_numbering.c — see docx_numbering.h. */
#include "docx_numbering.h"
#include "source.h"
#include "utf8.h"
#include "xmlread.h"

#include <stdio.h>
#include <stdlib.h>

enum num_fmt { FMT_DECIMAL, FMT_DECIMAL_ZERO, FMT_UPPER_ROMAN, FMT_LOWER_ROMAN, FMT_UPPER_LETTER,
               FMT_LOWER_LETTER, FMT_BULLET, FMT_NONE };

#define RESTART_DEFAULT -1 /* no w:lvlRestart: after any higher level */
#define STYLE_ID_MAX 64

typedef struct level {
    int start;
    int restart; /* RESTART_DEFAULT, 0 never, k: after level k (1-based) is counted */
    uint8_t fmt;
    bool is_lgl, defined;
    char text[VN_NUM_LABEL_MAX];
    char pstyle[STYLE_ID_MAX];
    char font[32]; /* w:rFonts of the level: Symbol and Wingdings bullets are glyph codes */
} level;

typedef struct abstract_num {
    int id;
    level lvl[VN_NUM_LEVELS];
    char num_style_link[STYLE_ID_MAX];
    int link_num;  /* the numId its numStyleLink leads to, or -1 */
    int counter[VN_NUM_LEVELS];
    bool counted[VN_NUM_LEVELS];
} abstract_num;

typedef struct num {
    int id, abstract_id;
    bool used;
    bool has_start[VN_NUM_LEVELS];
    int start_override[VN_NUM_LEVELS];
    level *lvl[VN_NUM_LEVELS]; /* a w:lvlOverride's own w:lvl, or NULL */
} num;

struct vn_numbering {
    abstract_num *abs;
    size_t nabs, capabs;
    num *nums;
    size_t nnums, capnums;
};

static const struct {
    const char *name;
    uint8_t fmt;
} fmt_names[] = {
    {"decimal", FMT_DECIMAL},           {"decimalZero", FMT_DECIMAL_ZERO}, {"upperRoman", FMT_UPPER_ROMAN},
    {"lowerRoman", FMT_LOWER_ROMAN},    {"upperLetter", FMT_UPPER_LETTER}, {"lowerLetter", FMT_LOWER_LETTER},
    {"bullet", FMT_BULLET},             {"none", FMT_NONE},
};

static uint8_t fmt_of(const char *name)
{
    for (size_t i = 0; i < sizeof fmt_names / sizeof fmt_names[0]; i++)
        if (strcmp(name, fmt_names[i].name) == 0)
            return fmt_names[i].fmt;
    return FMT_DECIMAL; /* ordinal, cardinalText, decimalFullWidth ...: Word's digits are close enough */
}

static size_t put_roman(int n, bool upper, char *buf, size_t size)
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},  {1, "i"}};
    size_t len = 0;
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        while (n >= r[i].v && len + 3 < size) {
            for (const char *s = r[i].s; *s; s++)
                buf[len++] = upper ? (char)(*s - 'a' + 'A') : *s;
            n -= r[i].v;
        }
    buf[len] = '\0';
    return len;
}

static size_t format_number(uint8_t fmt, int n, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    buf[0] = '\0';
    switch (fmt) {
    case FMT_NONE:
    case FMT_BULLET:
        return 0;
    case FMT_UPPER_ROMAN:
    case FMT_LOWER_ROMAN:
        if (n >= 1 && n < 4000)
            return put_roman(n, fmt == FMT_UPPER_ROMAN, buf, size);
        break;
    case FMT_UPPER_LETTER:
    case FMT_LOWER_LETTER:
        if (n >= 1) {
            /* Word repeats the letter past z: 27 is aa, 28 bb */
            size_t reps = (size_t)(n - 1) / 26 + 1, len = 0;
            char c = (char)((fmt == FMT_UPPER_LETTER ? 'A' : 'a') + (n - 1) % 26);
            while (len < reps && len + 1 < size)
                buf[len++] = c;
            buf[len] = '\0';
            return len;
        }
        break;
    case FMT_DECIMAL_ZERO:
        if (n >= 0 && n < 10) {
            int w = snprintf(buf, size, "0%d", n);
            return w < 0 ? 0 : (size_t)w < size ? (size_t)w : size - 1;
        }
        break;
    default:
        break;
    }
    int w = snprintf(buf, size, "%d", n);
    return w < 0 ? 0 : (size_t)w < size ? (size_t)w : size - 1;
}

size_t vn_numbering_format(const char *fmt, int n, char *buf, size_t size)
{
    return format_number(fmt_of(fmt), n, buf, size);
}

/* ---- reading numbering.xml --------------------------------------------------- */

bool vn_docx_ns(const char *ns)
{
    return strstr(ns, "wordprocessingml/2006/main") || strstr(ns, "purl.oclc.org/ooxml/wordprocessingml/main");
}

static bool is_w(const vn_xml *x, const char *local)
{
    return strcmp(vn_xml_name(x), local) == 0 && vn_docx_ns(vn_xml_ns(x));
}

int vn_docx_int(const vn_xml *x, const char *local, int dflt)
{
    char v[32];
    if (!vn_xml_attr(x, local, NULL, v, sizeof v))
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v)
        return dflt;
    return n < -1000000 ? -1000000 : n > 1000000 ? 1000000 : (int)n;
}

bool vn_docx_on(const vn_xml *x)
{
    char v[16];
    if (!vn_xml_attr(x, "val", NULL, v, sizeof v))
        return true;
    return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static void level_init(level *l)
{
    memset(l, 0, sizeof *l);
    l->restart = RESTART_DEFAULT;
}

/* An element inside a w:lvl (depth known to be inside it). */
static void read_level_child(vn_xml *x, level *l)
{
    char v[VN_NUM_LABEL_MAX];
    if (is_w(x, "start"))
        l->start = vn_docx_int(x, "val", 0);
    else if (is_w(x, "numFmt") && vn_xml_attr(x, "val", NULL, v, sizeof v))
        l->fmt = fmt_of(v);
    else if (is_w(x, "lvlText")) {
        vn_xml_attr(x, "val", NULL, l->text, sizeof l->text);
    } else if (is_w(x, "lvlRestart"))
        l->restart = vn_docx_int(x, "val", RESTART_DEFAULT);
    else if (is_w(x, "isLgl"))
        l->is_lgl = vn_docx_on(x);
    else if (is_w(x, "pStyle"))
        vn_xml_attr(x, "val", NULL, l->pstyle, sizeof l->pstyle);
    else if (is_w(x, "rFonts") && !l->font[0])
        vn_xml_attr(x, "ascii", NULL, l->font, sizeof l->font);
}

/* Lists are sorted by id once read, and found by bisection: a paragraph's
 * lookup costs no time proportional to a hostile file's thousands of lists. */
#define FIND_BY_ID(NAME, TYPE, ARR, LEN)                        \
    static TYPE *NAME(const vn_numbering *nb, int id)           \
    {                                                           \
        size_t lo = 0, hi = nb->LEN;                            \
        while (lo < hi) {                                       \
            size_t mid = lo + (hi - lo) / 2;                    \
            if (nb->ARR[mid].id < id)                           \
                lo = mid + 1;                                   \
            else                                                \
                hi = mid;                                       \
        }                                                       \
        return lo < nb->LEN && nb->ARR[lo].id == id ? &nb->ARR[lo] : NULL; \
    }
FIND_BY_ID(find_num, num, nums, nnums)
FIND_BY_ID(find_abstract, abstract_num, abs, nabs)

static int cmp_num(const void *a, const void *b)
{
    int x = ((const num *)a)->id, y = ((const num *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_abstract(const void *a, const void *b)
{
    int x = ((const abstract_num *)a)->id, y = ((const abstract_num *)b)->id;
    return (x > y) - (x < y);
}

vnplan_status vn_numbering_parse(const char *xml, size_t n, vn_numbering **out, vn_error *err)
{
    vn_numbering *nb = vn_xcalloc(1, sizeof *nb);
    *out = NULL;
    vn_xml x;
    vnplan_status st = vn_xml_open(&x, xml, n, "DOCX", "word/numbering.xml", err);
    if (st != VNPLAN_OK) {
        vn_numbering_free(nb);
        return st;
    }
    /* where we are: the list being read, the level within it */
    size_t cur_abs = (size_t)-1, cur_num = (size_t)-1;
    level *cur_lvl = NULL;
    int lvl_depth = -1, list_depth = -1, override_lvl = -1;
    int rc;
    while ((rc = vn_xml_next(&x, err)) == 1) {
        int type = vn_xml_type(&x), depth = vn_xml_depth(&x);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (depth == lvl_depth)
                cur_lvl = NULL, lvl_depth = -1;
            if (depth == list_depth)
                cur_abs = cur_num = (size_t)-1, list_depth = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (nb->nabs + nb->nnums > VN_NUM_MAX_LISTS) {
            st = vn_fail(err, VNPLAN_ERR_TOO_LARGE, "DOCX file: word/numbering.xml defines more than %d lists",
                         VN_NUM_MAX_LISTS);
            break;
        }
        bool empty = vn_xml_empty(&x);
        if (cur_lvl) {
            read_level_child(&x, cur_lvl);
            continue;
        }
        if (is_w(&x, "abstractNum")) {
            abstract_num *a = &VN_PUSH_ZERO(nb->abs, nb->nabs, nb->capabs);
            a->id = vn_docx_int(&x, "abstractNumId", -1);
            a->link_num = -1;
            for (int i = 0; i < VN_NUM_LEVELS; i++)
                level_init(&a->lvl[i]);
            cur_abs = nb->nabs - 1;
            list_depth = empty ? -1 : depth;
            if (empty)
                cur_abs = (size_t)-1;
        } else if (is_w(&x, "num")) {
            num *m = &VN_PUSH_ZERO(nb->nums, nb->nnums, nb->capnums);
            m->id = vn_docx_int(&x, "numId", -1);
            m->abstract_id = -1;
            cur_num = nb->nnums - 1;
            list_depth = empty ? -1 : depth;
            if (empty)
                cur_num = (size_t)-1;
        } else if (cur_abs != (size_t)-1 && is_w(&x, "lvl")) {
            int i = vn_docx_int(&x, "ilvl", 0);
            if (i >= 0 && i < VN_NUM_LEVELS && !empty) {
                cur_lvl = &nb->abs[cur_abs].lvl[i];
                level_init(cur_lvl);
                cur_lvl->defined = true;
                lvl_depth = depth;
            }
        } else if (cur_abs != (size_t)-1 && is_w(&x, "numStyleLink")) {
            abstract_num *a = &nb->abs[cur_abs];
            vn_xml_attr(&x, "val", NULL, a->num_style_link, sizeof a->num_style_link);
        } else if (cur_num != (size_t)-1 && is_w(&x, "abstractNumId")) {
            nb->nums[cur_num].abstract_id = vn_docx_int(&x, "val", -1);
        } else if (cur_num != (size_t)-1 && is_w(&x, "lvlOverride")) {
            int i = vn_docx_int(&x, "ilvl", -1);
            override_lvl = i >= 0 && i < VN_NUM_LEVELS ? i : -1;
        } else if (cur_num != (size_t)-1 && override_lvl >= 0 && is_w(&x, "startOverride")) {
            num *m = &nb->nums[cur_num];
            m->has_start[override_lvl] = true;
            m->start_override[override_lvl] = vn_docx_int(&x, "val", 0);
        } else if (cur_num != (size_t)-1 && override_lvl >= 0 && is_w(&x, "lvl") && !empty) {
            num *m = &nb->nums[cur_num];
            if (!m->lvl[override_lvl])
                m->lvl[override_lvl] = vn_xmalloc(sizeof(level));
            cur_lvl = m->lvl[override_lvl];
            level_init(cur_lvl);
            cur_lvl->defined = true;
            lvl_depth = depth;
        }
    }
    vn_xml_close(&x);
    if (rc < 0 || st != VNPLAN_OK) {
        vn_numbering_free(nb);
        return rc < 0 ? err->status : st;
    }
    if (nb->nnums)
        qsort(nb->nums, nb->nnums, sizeof *nb->nums, cmp_num);
    if (nb->nabs)
        qsort(nb->abs, nb->nabs, sizeof *nb->abs, cmp_abstract);
    *out = nb;
    return VNPLAN_OK;
}

void vn_numbering_link_style(vn_numbering *nb, const char *style_id, int num_id)
{
    if (!nb || !style_id[0])
        return;
    for (size_t i = 0; i < nb->nabs; i++)
        if (strcmp(nb->abs[i].num_style_link, style_id) == 0)
            nb->abs[i].link_num = num_id;
}

void vn_numbering_free(vn_numbering *nb)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->nnums; i++)
        for (int l = 0; l < VN_NUM_LEVELS; l++)
            free(nb->nums[i].lvl[l]);
    free(nb->nums);
    free(nb->abs);
    free(nb);
}

/* ---- counting ------------------------------------------------------------------ */

/* The list a w:num counts in: its abstract numbering, followed through a
 * numStyleLink (a bounded number of hops: links may form a loop). */
#define LINK_MAX_HOPS 8
static abstract_num *list_of(const vn_numbering *nb, const num *m)
{
    abstract_num *a = find_abstract(nb, m->abstract_id);
    for (int hop = 0; a && a->link_num >= 0 && hop < LINK_MAX_HOPS; hop++) {
        const num *target = find_num(nb, a->link_num);
        abstract_num *b = target ? find_abstract(nb, target->abstract_id) : NULL;
        if (!b || b == a)
            break;
        a = b;
    }
    return a;
}

static const level *level_of(const num *m, const abstract_num *a, int i)
{
    return m->lvl[i] ? m->lvl[i] : &a->lvl[i];
}

int vn_numbering_style_level(const vn_numbering *nb, int num_id, const char *style_id)
{
    const num *m = nb ? find_num(nb, num_id) : NULL;
    const abstract_num *a = m ? list_of(nb, m) : NULL;
    if (!a || !style_id[0])
        return 0;
    for (int i = 0; i < VN_NUM_LEVELS; i++)
        if (strcmp(level_of(m, a, i)->pstyle, style_id) == 0)
            return i;
    return 0;
}

/* A Symbol or Wingdings bullet is a glyph code of that font: Word shows it
 * as U+F0xx, which normalize.c reads as a bullet.  A character below U+0100
 * in lvlText is such a code. */
static size_t put_symbol_text(const char *text, char *buf, size_t size)
{
    size_t len = 0, n = strlen(text);
    for (size_t i = 0; i < n && len + 4 < size;) {
        int32_t cp = vn_utf8_next(text, n, &i);
        if (cp < 0)
            continue;
        if (cp < 0x100)
            cp += 0xF000;
        len += (size_t)vn_utf8_encode(cp, buf + len);
    }
    buf[len] = '\0';
    return len;
}

static bool symbol_font(const char *font)
{
    return strstr(font, "Symbol") || strstr(font, "Wingdings") || strstr(font, "Webdings");
}

size_t vn_numbering_next(vn_numbering *nb, int num_id, int ilvl, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    num *m = nb && num_id > 0 ? find_num(nb, num_id) : NULL;
    abstract_num *a = m ? list_of(nb, m) : NULL;
    if (!a || size < 2)
        return 0;
    if (ilvl < 0 || ilvl >= VN_NUM_LEVELS)
        ilvl = 0;
    if (!m->used) {
        /* a w:num that restarts the list does so on its first paragraph */
        m->used = true;
        for (int l = 0; l < VN_NUM_LEVELS; l++)
            if (m->has_start[l]) {
                a->counter[l] = m->start_override[l] - 1;
                a->counted[l] = true;
                for (int k = l + 1; k < VN_NUM_LEVELS; k++)
                    a->counted[k] = false;
            }
    }
    const level *lv = level_of(m, a, ilvl);
    if (a->counted[ilvl] && a->counter[ilvl] < INT32_MAX)
        a->counter[ilvl]++;
    else if (!a->counted[ilvl])
        a->counter[ilvl] = lv->start;
    a->counted[ilvl] = true;
    for (int k = ilvl + 1; k < VN_NUM_LEVELS; k++) {
        int r = level_of(m, a, k)->restart;
        if (r == RESTART_DEFAULT || (r > 0 && ilvl < r))
            a->counted[k] = false;
    }
    if (lv->fmt == FMT_BULLET && symbol_font(lv->font))
        return put_symbol_text(lv->text, buf, size);
    size_t len = 0;
    for (const char *t = lv->text; *t && len + 1 < size; t++) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            int k = t[1] - '1';
            const level *ref = level_of(m, a, k);
            /* a level above never counted shows its start value, as in Word */
            int value = a->counted[k] ? a->counter[k] : ref->start;
            uint8_t fmt = lv->is_lgl && ref->fmt != FMT_BULLET && ref->fmt != FMT_NONE ? FMT_DECIMAL : ref->fmt;
            len += format_number(fmt, value, buf + len, size - len);
            t++;
            continue;
        }
        buf[len++] = *t;
    }
    buf[len] = '\0';
    /* the suffix (tab, space) is no part of the label */
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
        buf[--len] = '\0';
    return len;
}
