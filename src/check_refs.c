/* check_refs.c — rules on what the plan says about documents, dates and
 * bodies: the decision it implements cited with another number, date or
 * issuer (or differently in two places), a plan dated before that decision,
 * duties given to a level of government that no longer exists.
 *
 * Citations are read everywhere in the file (title, opening, body,
 * footnotes): a reviewer checks every mention, not only the first one that
 * meta.c keeps. */
#include "check.h"
#include "compare_private.h" /* feature sets: the words of a title */
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>

#define CITE_TAIL_BYTES 160  /* how far after a number its date and issuer are looked for */
#define NUMBER_MAX_BYTES 48  /* a document number longer than this is something else */
#define MAX_MENTIONS 4096    /* mentions of documents read per file */

typedef struct mention {
    vn_span span;      /* the number as written (normalized offsets) */
    char key[64];      /* vn_number_key */
    char code[16];     /* the issuer code after the last '-' or '/', folded key */
    char date[16];     /* ISO, or "" */
    vn_span date_span; /* the date, when there is one */
    int issuer_row;    /* the [issuer] row naming who issued it ("của ..."), or -1 */
    vn_span issuer_span;
} mention;

static bool is_letter_byte(unsigned char ch) { return ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'); }

/* The code of a number key: what follows its last '-' or '/'. */
static void number_code(const char *key, char *out, size_t outlen)
{
    const char *p = key + strlen(key);
    while (p > key && p[-1] != '-' && p[-1] != '/')
        p--;
    size_t n = strlen(p);
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static bool iso_from(int d, int m, int y, char out[16])
{
    if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2200)
        return false;
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* Reads the date and the issuer after a number ending at `end`. */
static void read_tail(const vn_check_ctx *c, size_t end, mention *m, pcre2_match_data *md)
{
    const vnplan_doc *doc = c->doc;
    const struct vn_check_rules *r = c->rules;
    size_t tail_end = end + CITE_TAIL_BYTES < doc->text.len ? end + CITE_TAIL_BYTES : doc->text.len;
    while (tail_end > end && ((unsigned char)doc->text.s[tail_end] & 0xC0) == 0x80)
        tail_end--;
    vn_buf raw = {0}, folded = {0};
    vn_u32s map = {0};
    /* fold the raw text (line breaks are white space to the patterns) */
    vn_fold(doc->text.s + end, tail_end - end, VN_FOLD_KEY, &folded, &map);
    const char *k = folded.data ? folded.data : "";
    size_t after = 0;
    for (size_t p = 0; p < r->cite_date.n && !m->date[0]; p++) {
        if (vn_regex_match(r->cite_date.v[p].re, (PCRE2_SPTR)k, folded.len, 0, PCRE2_NO_UTF_CHECK, md, NULL) < 4)
            continue;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        int d = atoi(k + ov[2]), mo = atoi(k + ov[4]), y = atoi(k + ov[6]);
        if (iso_from(d, mo, y, m->date)) {
            m->date_span = vn_span_make(end + map.v[ov[2]], end + map.v[ov[7]]);
            after = ov[1];
        }
    }
    /* "..., của Thủ tướng Chính phủ" */
    size_t i = after;
    while (i < folded.len && (k[i] == ' ' || k[i] == ',' || k[i] == '\n' || k[i] == '\t'))
        i++;
    if (folded.len - i > 4 && !strncmp(k + i, "của", strlen("của"))) {
        i += strlen("của");
        while (i < folded.len && (k[i] == ' ' || k[i] == '\n' || k[i] == '\t'))
            i++;
        /* the patterns want one space between words */
        vn_buf one = {0};
        size_t j = i;
        bool sp = false;
        while (j < folded.len && one.len < 80) {
            if (vn_is_space(k[j])) {
                sp = one.len > 0;
            } else {
                if (sp)
                    vn_buf_putc(&one, ' ');
                sp = false;
                vn_buf_putc(&one, k[j]);
            }
            j++;
        }
        size_t len = 0;
        int row = vn_phrases_prefix(&r->issuer, one.data ? one.data : "", one.len, &len);
        if (row >= 0) {
            m->issuer_row = row;
            /* the issuer's words in the text: as many as the phrase has */
            size_t words = 1;
            for (size_t q = 0; q < len; q++)
                words += one.data[q] == ' ';
            size_t e = i, seen = 0;
            while (e < folded.len && seen < words) {
                while (e < folded.len && !vn_is_space(k[e]))
                    e++;
                seen++;
                if (seen < words)
                    while (e < folded.len && vn_is_space(k[e]))
                        e++;
            }
            m->issuer_span = vn_span_make(end + map.v[i], end + map.v[e]);
        }
        vn_buf_free(&one);
    }
    vn_buf_free(&raw);
    vn_buf_free(&folded);
    free(map.v);
}

/* Every document number in the text: digits at a word start, then '/' or
 * '-' and letters ("1002/QĐ-TTg", "57-NQ/TW"), a number broken at a line
 * end joined again. */
static size_t find_mentions(const vn_check_ctx *c, mention *out, size_t max)
{
    const vnplan_doc *doc = c->doc;
    const char *s = doc->text.s;
    size_t n = doc->text.len, count = 0;
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    vn_buf tok = {0}, key = {0};
    for (size_t i = 0; i < n && count < max; i++) {
        if (!vn_is_digit(s[i]) || (i > 0 && (vn_is_digit(s[i - 1]) || is_letter_byte((unsigned char)s[i - 1]) ||
                                             s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == ',')))
            continue;
        size_t j = i;
        while (j < n && vn_is_digit(s[j]))
            j++;
        if (j >= n || (s[j] != '/' && s[j] != '-'))
            continue;
        /* the token: up to white space or , ; ( ), across one line break after - or / */
        vn_buf_clear(&tok);
        size_t e = i;
        bool letters = false;
        while (e < n && tok.len < NUMBER_MAX_BYTES) {
            unsigned char ch = (unsigned char)s[e];
            if (vn_is_space(ch) || ch == ',' || ch == ';' || ch == '(' || ch == ')' || ch == '"') {
                if ((s[e - 1] == '-' || s[e - 1] == '/') && ch == '\n') {
                    size_t f = e;
                    while (f < n && vn_is_space(s[f]))
                        f++;
                    if (f < n && is_letter_byte((unsigned char)s[f])) {
                        e = f;
                        continue;
                    }
                }
                break;
            }
            letters = letters || is_letter_byte(ch);
            vn_buf_putc(&tok, (char)ch);
            e++;
        }
        while (tok.len && (tok.data[tok.len - 1] == '.' || tok.data[tok.len - 1] == ':' ||
                           tok.data[tok.len - 1] == '-' || tok.data[tok.len - 1] == '/')) {
            tok.len--;
            e--;
        }
        if (!letters || tok.len >= NUMBER_MAX_BYTES)
            continue;
        mention *m = &out[count++];
        memset(m, 0, sizeof *m);
        m->issuer_row = -1;
        m->span = vn_span_make(i, e);
        vn_number_key(vn_buf_cstr(&tok), &key);
        snprintf(m->key, sizeof m->key, "%s", key.data ? key.data : "");
        number_code(m->key, m->code, sizeof m->code);
        read_tail(c, e, m, md);
        i = e;
    }
    vn_buf_free(&tok);
    vn_buf_free(&key);
    pcre2_match_data_free(md);
    return count;
}

static size_t line_of(const vnplan_doc *doc, vn_span sp) { return vn_check_ospan(doc, sp).line; }

static void date_text(const vnplan_check *ck, const char *iso, char out[32])
{
    int y = 0, m = 0, d = 0;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
        snprintf(out, 32, ck->english ? "%d/%d/%d" : "%d/%d/%d", d, m, y);
    else
        snprintf(out, 32, "%s", iso);
}

/* The decision the plan implements as the baseline states it: number key, date. */
typedef struct cited {
    char key[64];
    char code[16];
    const char *number; /* as the baseline writes it */
    const char *date;   /* ISO or NULL */
    bool from_base;
} cited;

#define TITLE_TAIL_BYTES 300 /* the words after a citation that may name the document */
#define TITLE_COVERED 0.5    /* share of the decision's title those words must hold */

/* Whether the words after a mention (its trích yếu: "phê duyệt Đề án đào
 * tạo nguồn nhân lực ...") name the decision whose title is `title`: a
 * number of the same day and code is then the decision misnumbered, not
 * another decision signed that day (numbers run on through a day). */
static bool names_title(const vnplan_doc *doc, const mention *m, const char *title)
{
    if (!title || !*title)
        return false;
    /* a baseline's title may open with "Quyết định 1002/QĐ-TTg": only what follows names it */
    const char *slash = strchr(title, '/');
    if (slash && slash - title < 40) {
        const char *sp = strchr(slash, ' ');
        if (sp)
            title = sp + 1;
    }
    size_t from = m->date_span.end > m->span.end ? m->date_span.end : m->span.end;
    size_t to = from + TITLE_TAIL_BYTES < doc->text.len ? from + TITLE_TAIL_BYTES : doc->text.len;
    for (size_t q = from; q < to; q++)
        if (doc->text.s[q] == ';' || (doc->text.s[q] == '.' && q + 1 < to && vn_is_space(doc->text.s[q + 1]))) {
            to = q;
            break;
        }
    vn_buf tail = {0};
    vn_render_span(doc, vn_span_make(from, to), &tail);
    cx c;
    vn_cp_cx_init(&c, doc->grammar);
    vn_arena ar = {0};
    fset ft, fw;
    vn_cp_fset_make(&c, title, strlen(title), NULL, &ft, &ar);
    vn_cp_fset_make(&c, tail.data ? tail.data : "", tail.len, NULL, &fw, &ar);
    vn_cp_fset_weigh(&c, &ft, false);
    vn_cp_fset_weigh(&c, &fw, false);
    bool yes = vn_cp_fset_coverage(&ft, &fw) >= TITLE_COVERED;
    vn_arena_free(&ar);
    vn_cp_cx_free(&c);
    vn_buf_free(&tail);
    return yes;
}

static void check_citations(vn_check_ctx *c, mention *ms, size_t nm)
{
    const vnplan_doc *doc = c->doc;
    const struct vn_check_rules *r = c->rules;
    cited want[VN_MAX_DOCUMENTS + 1];
    size_t nwant = 0;
    vn_buf key = {0};
    const char *bnum = c->base ? (c->base->baseline ? c->base->baseline : c->base->meta.number) : NULL;
    if (bnum) {
        vn_number_key(bnum, &key);
        cited *w = &want[nwant++];
        snprintf(w->key, sizeof w->key, "%s", key.data ? key.data : "");
        number_code(w->key, w->code, sizeof w->code);
        w->number = bnum;
        w->date = c->base->meta.date;
        w->from_base = true;
    }
    for (size_t i = 0; i < doc->meta.nimplements && nwant < sizeof want / sizeof want[0]; i++) {
        vn_number_key(doc->meta.implements[i].number, &key);
        bool dup = false;
        for (size_t k = 0; k < nwant; k++)
            dup = dup || !strcmp(want[k].key, key.data ? key.data : "");
        if (dup)
            continue;
        cited *w = &want[nwant++];
        snprintf(w->key, sizeof w->key, "%s", key.data ? key.data : "");
        number_code(w->key, w->code, sizeof w->code);
        w->number = doc->meta.implements[i].number;
        w->date = NULL; /* judged by agreement between mentions */
        w->from_base = false;
    }
    vn_buf_free(&key);
    char d1[32], d2[32];
    for (size_t w = 0; w < nwant; w++) {
        const cited *cw = &want[w];
        const mention *first_dated = NULL;
        for (size_t i = 0; i < nm; i++) {
            const mention *m = &ms[i];
            bool same = !strcmp(m->key, cw->key);
            /* another number for the decision of the baseline's date and issuer code */
            if (!same && cw->from_base && cw->date && m->date[0] && !strcmp(m->date, cw->date) &&
                !strcmp(m->code, cw->code) && strlen(m->key) > strlen(m->code)) {
                /* the same kind of document: the letters before the code agree */
                const char *ka = strchr(m->key, '/'), *kb = strchr(cw->key, '/');
                const char *title = c->base->meta.title ? c->base->meta.title : c->base->base_title;
                if (ka && kb && !strcmp(ka, kb) && names_title(doc, m, title)) {
                    vn_buf as = {0};
                    vn_render_span(doc, m->span, &as);
                    date_text(c->out, cw->date, d1);
                    vn_check_add(c, VN_RULE_CITATION, VNPLAN_SEVERITY_ERROR, m->span, NULL,
                                 _("cited as number %s, but the decision of %s it implements is %s"),
                                 vn_buf_cstr(&as), d1, cw->number);
                    vn_buf_free(&as);
                }
                continue;
            }
            if (!same)
                continue;
            if (m->date[0]) {
                if (cw->date && strcmp(m->date, cw->date) != 0) {
                    date_text(c->out, m->date, d1);
                    date_text(c->out, cw->date, d2);
                    vn_check_add(c, VN_RULE_CITATION, VNPLAN_SEVERITY_ERROR, m->date_span, NULL,
                                 _("%s is cited with the date %s; it is of %s"), cw->number, d1, d2);
                } else if (!cw->date && first_dated && strcmp(m->date, first_dated->date) != 0) {
                    date_text(c->out, m->date, d1);
                    date_text(c->out, first_dated->date, d2);
                    vn_check_add(c, VN_RULE_CITATION, VNPLAN_SEVERITY_ERROR, m->date_span, NULL,
                                 _("%s is cited with the date %s here and %s at line %zu"), cw->number, d1, d2,
                                 line_of(doc, first_dated->date_span));
                }
                if (!first_dated)
                    first_dated = m;
            }
            if (m->issuer_row >= 0) {
                const char *said = r->issuer.v[m->issuer_row].value;
                vn_buf sk = {0};
                vn_number_key(said, &sk);
                bool known_code = false;
                for (size_t q = 0; q < r->issuer.n; q++) {
                    vn_buf qk = {0};
                    vn_number_key(r->issuer.v[q].value, &qk);
                    known_code = known_code || !strcmp(qk.data ? qk.data : "", cw->code);
                    vn_buf_free(&qk);
                }
                if (known_code && strcmp(sk.data ? sk.data : "", cw->code) != 0) {
                    vn_check_add(c, VN_RULE_CITATION, VNPLAN_SEVERITY_ERROR, m->issuer_span, NULL,
                                 _("%s is cited as issued by another body than the one its number names"),
                                 cw->number);
                }
                vn_buf_free(&sk);
            }
        }
    }
}

/* ---- date-order ----------------------------------------------------------------------------- */

static int32_t field_node(const vnplan_doc *doc, vn_field f)
{
    for (size_t i = 0; i < doc->nnodes; i++)
        if (doc->nodes[i].kind == VN_KIND_FIELD && doc->nodes[i].field == f)
            return (int32_t)i;
    return -1;
}

static void check_date_order(vn_check_ctx *c, const mention *ms, size_t nm)
{
    const vnplan_doc *doc = c->doc;
    long own = vn_check_iso_days(doc->meta.date);
    if (own < 0 || !doc->meta.date || strlen(doc->meta.date) < 10)
        return;
    int32_t pd = field_node(doc, VN_FIELD_PLACE_DATE);
    vn_span sp = pd >= 0 ? vn_node_own_span(doc, (size_t)pd) : vn_span_make(0, 0);
    char d1[32], d2[32];
    for (size_t i = 0; i < doc->meta.nimplements; i++) {
        const vn_ref *ref = &doc->meta.implements[i];
        const char *date = ref->date;
        /* the baseline's date for the decision it stands for */
        if (c->base && c->base->meta.date) {
            vn_buf a = {0}, b = {0};
            vn_number_key(ref->number, &a);
            vn_number_key(c->base->baseline ? c->base->baseline : c->base->meta.number, &b);
            if (a.data && b.data && !strcmp(a.data, b.data))
                date = c->base->meta.date;
            vn_buf_free(&a);
            vn_buf_free(&b);
        }
        long theirs = vn_check_iso_days(date);
        if (theirs < 0 || !date || strlen(date) < 10 || own >= theirs)
            continue;
        date_text(c->out, doc->meta.date, d1);
        date_text(c->out, date, d2);
        vn_check_add(c, VN_RULE_DATE_ORDER, VNPLAN_SEVERITY_ERROR, sp, NULL,
                     _("the plan is dated %s, before %s of %s that it implements"), d1, ref->number, d2);
    }
    /* a document cannot cite one issued after it (what it implements was
     * judged above, and its dates by the citation rule) */
    vn_buf num = {0}, key = {0};
    for (size_t i = 0; i < nm; i++) {
        const mention *m = &ms[i];
        long theirs = vn_check_iso_days(m->date[0] ? m->date : NULL);
        if (theirs < 0 || theirs <= own)
            continue;
        bool implemented = false;
        for (size_t k = 0; k < doc->meta.nimplements && !implemented; k++) {
            vn_number_key(doc->meta.implements[k].number, &key);
            implemented = key.data && !strcmp(key.data, m->key);
        }
        if (c->base && !implemented) {
            vn_number_key(c->base->baseline ? c->base->baseline : c->base->meta.number, &key);
            implemented = key.data && !strcmp(key.data, m->key);
        }
        /* of the implemented decision's own day: the decision misnumbered
         * (the citation rule says so), already judged above */
        if (c->base && c->base->meta.date && !strcmp(m->date, c->base->meta.date))
            implemented = true;
        if (implemented)
            continue;
        vn_buf_clear(&num);
        vn_render_span(doc, m->span, &num);
        date_text(c->out, doc->meta.date, d1);
        date_text(c->out, m->date, d2);
        vn_check_add(c, VN_RULE_DATE_ORDER, VNPLAN_SEVERITY_ERROR, vn_span_make(m->span.start, m->date_span.end),
                     NULL, _("the plan, dated %s, cites %s of %s, a later date"), d1, vn_buf_cstr(&num), d2);
    }
    vn_buf_free(&num);
    vn_buf_free(&key);
}


/* The words of node i's own lines as written (a section, heading, item or
 * paragraph), folded into `folded`, with `map` from folded offsets back to
 * them (a match maps back to its exact words) and their span in *own;
 * false for a node without words of its own. */
static bool fold_own_text(const vnplan_doc *doc, size_t i, vn_buf *folded, vn_u32s *map, vn_span *own)
{
    const vn_node *n = &doc->nodes[i];
    if (n->kind != VN_KIND_SECTION && n->kind != VN_KIND_HEADING && n->kind != VN_KIND_ITEM &&
        n->kind != VN_KIND_PARAGRAPH)
        return false;
    *own = vn_node_own_span(doc, i);
    if (own->end <= own->start)
        return false;
    vn_buf_clear(folded);
    map->len = 0;
    vn_fold(doc->text.s + own->start, own->end - own->start, VN_FOLD_KEY, folded, map);
    return true;
}

/* ---- admin-level ---------------------------------------------------------------------------- */

#define PAST_AFTER_BYTES 60  /* "(cũ)", "... khi kết thúc hoạt động" after it, within its sentence */
#define PAST_BEFORE_BYTES 60 /* "trước khi sắp xếp, ..." before it, within its sentence */

static void check_admin_level(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    const vn_phrases *lv = &c->rules->abolished_level;
    long own = vn_check_iso_days(doc->meta.date);
    /* An undated plan (a copy without its header) is no older than what it
     * implements: a plan of a decision of December 2025 is of December 2025
     * or later. */
    const char *since = NULL;
    if (own < 0) {
        for (size_t i = 0; i < doc->meta.nimplements; i++) {
            const char *d = doc->meta.implements[i].date;
            if (vn_check_iso_days(d) > own && strlen(d) >= 10) {
                own = vn_check_iso_days(d);
                since = d;
            }
        }
        const char *bd = c->base ? c->base->meta.date : NULL;
        if (bd && strlen(bd) >= 10 && vn_check_iso_days(bd) > own) {
            own = vn_check_iso_days(bd);
            since = bd;
        }
    }
    if (own < 0 || lv->n == 0)
        return;
    vn_buf folded = {0};
    vn_u32s map = {0};
    for (size_t i = 0; i < doc->nnodes; i++) {
        vn_span own_span;
        if (!fold_own_text(doc, i, &folded, &map, &own_span))
            continue;
        const char *k = folded.data ? folded.data : "";
        for (size_t p = 0; p < lv->n; p++) {
            if (vn_check_iso_days(lv->v[p].value) > own)
                continue;
            size_t start = 0;
            bool found = false;
            while (start < folded.len && !found) {
                if (vn_regex_match(lv->v[p].re, (PCRE2_SPTR)k, folded.len, start, PCRE2_NO_UTF_CHECK, vn_match_data(), NULL) < 0)
                    break;
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(vn_match_data());
                size_t a = ov[0], b = ov[1];
                start = b > start ? b : start + 1;
                /* a former district named as history: "huyện Hoàng Hóa (cũ)",
                 * "trước khi sắp xếp, cấp huyện ..." — in the words just
                 * before it (its sentence) or right after it */
                size_t before = a > PAST_BEFORE_BYTES ? a - PAST_BEFORE_BYTES : 0;
                for (size_t q = a; q > before; q--)
                    if (k[q - 1] == '.' || k[q - 1] == ';') {
                        before = q;
                        break;
                    }
                while (before < a && ((unsigned char)k[before] & 0xC0) == 0x80)
                    before++;
                size_t look = b + PAST_AFTER_BYTES < folded.len ? b + PAST_AFTER_BYTES : folded.len;
                for (size_t q = b; q < look; q++)
                    if (k[q] == '.' || k[q] == ';') {
                        look = q;
                        break;
                    }
                while (look > b && look < folded.len && ((unsigned char)k[look] & 0xC0) == 0x80)
                    look--;
                bool past = vn_phrases_find(&c->rules->abolished_past, k + before, a - before, NULL, NULL) >= 0 ||
                            vn_phrases_find(&c->rules->abolished_after, k + b, look - b, NULL, NULL) >= 0;
                if (past)
                    continue;
                found = true;
                char dbuf[32], lbuf[32];
                date_text(c->out, since ? since : doc->meta.date, dbuf);
                date_text(c->out, lv->v[p].value, lbuf);
                vn_span sp = vn_span_make(own_span.start + map.v[a], own_span.start + map.v[b]);
                if (since)
                    vn_check_add(c, VN_RULE_ADMIN_LEVEL, VNPLAN_SEVERITY_ERROR, sp, NULL,
                                 _("the plan (not dated, carrying out a document of %s) gives work to a level of "
                                   "government that no longer exists from %s"),
                                 dbuf, lbuf);
                else
                    vn_check_add(c, VN_RULE_ADMIN_LEVEL, VNPLAN_SEVERITY_ERROR, sp, NULL,
                                 _("the plan (dated %s) gives work to a level of government that no longer exists from %s"),
                                 dbuf, lbuf);
            }
            if (found)
                break; /* one finding per node */
        }
    }
    vn_buf_free(&folded);
    free(map.v);
}

/* ---- deadline ------------------------------------------------------------------------------- */

/* The canonical section a node sits in (its nearest labelled ancestor). */
static vn_label section_of(const vnplan_doc *doc, size_t node)
{
    for (int32_t n = (int32_t)node; n >= 0; n = doc->nodes[n].parent) {
        uint8_t l = doc->nodes[n].label;
        if (l == VN_LABEL_MUC_DICH || l == VN_LABEL_MUC_TIEU || l == VN_LABEL_NHIEM_VU || l == VN_LABEL_KINH_PHI ||
            l == VN_LABEL_TO_CHUC_THUC_HIEN)
            return (vn_label)l;
    }
    return VN_LABEL_NONE;
}

/* A deadline set by the tasks or duties that falls before the plan's own
 * date: copied from last year's plan, or a wrong year. */
static void check_deadlines(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    const vn_phrases *dl = &c->rules->deadline;
    long own = vn_check_iso_days(doc->meta.date);
    if (own < 0 || !doc->meta.date || strlen(doc->meta.date) < 10 || dl->n == 0)
        return;
    int own_year = atoi(doc->meta.date);
    vn_buf folded = {0};
    vn_u32s map = {0};
    char d1[32], d2[32];
    for (size_t i = 0; i < doc->nnodes; i++) {
        vn_label l = section_of(doc, i);
        if (l != VN_LABEL_NHIEM_VU && l != VN_LABEL_KINH_PHI && l != VN_LABEL_TO_CHUC_THUC_HIEN)
            continue;
        vn_span own_span;
        if (!fold_own_text(doc, i, &folded, &map, &own_span))
            continue;
        const char *k = folded.data ? folded.data : "";
        for (size_t p = 0; p < dl->n; p++) {
            size_t start = 0;
            int rc;
            while (start < folded.len &&
                   (rc = vn_regex_match(dl->v[p].re, (PCRE2_SPTR)k, folded.len, start, PCRE2_NO_UTF_CHECK, vn_match_data(), NULL)) >= 2) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(vn_match_data());
                size_t a = ov[0], b = ov[1];
                start = b > start ? b : start + 1;
                bool late;
                char iso[16];
                if (rc >= 4) {
                    if (!iso_from(atoi(k + ov[2]), atoi(k + ov[4]), atoi(k + ov[6]), iso))
                        continue;
                    late = vn_check_iso_days(iso) < own;
                    date_text(c->out, iso, d1);
                } else {
                    int y = atoi(k + ov[2]);
                    late = y >= 1900 && y < own_year;
                    snprintf(d1, sizeof d1, "%d", y);
                }
                if (!late)
                    continue;
                date_text(c->out, doc->meta.date, d2);
                vn_span sp = vn_span_make(own_span.start + map.v[a], own_span.start + map.v[b]);
                vn_check_add(c, VN_RULE_DEADLINE, VNPLAN_SEVERITY_WARNING, sp, NULL,
                             _("a deadline of %s, before the plan's own date (%s)"), d1, d2);
            }
        }
    }
    vn_buf_free(&folded);
    free(map.v);
}

void vn_check_refs(vn_check_ctx *c)
{
    mention *ms = vn_xmalloc(sizeof *ms * MAX_MENTIONS);
    size_t nm = find_mentions(c, ms, MAX_MENTIONS);
    check_citations(c, ms, nm);
    check_date_order(c, ms, nm);
    free(ms);
    check_admin_level(c);
    check_deadlines(c);
}
