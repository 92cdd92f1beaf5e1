/* match.c — phrase lists from grammar files, matched on folded text. */
#include "match.h"
#include "i18n.h"
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* White space of the folded text in out collapsed to one space between
 * words, in place (the key is never longer than the folded text): no
 * buffer of its own to allocate at each of the parse's many keys. */
static void collapse_spaces(vn_buf *out)
{
    char *o = out->data;
    size_t len = 0;
    bool space = false;
    for (size_t i = 0; i < out->len; i++) {
        char c = o[i];
        if (vn_is_space(c)) {
            space = len > 0;
            continue;
        }
        if (space)
            o[len++] = ' ';
        space = false;
        o[len++] = c;
    }
    out->len = len;
    vn_buf_cstr(out);
}

void vn_fold_key(const char *s, size_t n, vn_buf *out)
{
    vn_buf_clear(out);
    vn_fold(s, n, VN_FOLD_KEY, out, NULL);
    collapse_spaces(out);
}

void vn_fold_key_row(const vn_grow_row *row, size_t k, vn_buf *out)
{
    vn_buf_clear(out);
    vn_grammar_fold(row, k, out);
    collapse_spaces(out);
}

vnplan_status vn_phrases_load(vn_phrases *p, const vnplan_grammar *g, const char *file,
                              const char *block, bool with_value, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, file);
    size_t i = 0;
    const vn_grow_row *r;
    vn_buf key = {0};
    while ((r = vn_grammar_next(t, block, &i)) != NULL) {
        size_t need = with_value ? 2 : 1;
        if (r->nf < need) {
            vn_buf_free(&key);
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: expected %s", file, r->line,
                           with_value ? "VALUE<TAB>PHRASE" : N_("a phrase"));
        }
        const char *phrase = r->f[with_value ? 1 : 0];
        vn_phrase *e = &VN_PUSH_ZERO(p->v, p->n, p->cap);
        e->value = with_value ? r->f[0] : NULL;
        e->line = r->line;
        size_t plen = strlen(phrase);
        if (plen >= 2 && phrase[0] == '/' && phrase[plen - 1] == '/') {
            e->text = vn_xstrndup(phrase + 1, plen - 2);
            e->len = plen - 2;
            e->re = vn_grammar_regex(e->text, file, r->line, err);
            if (!e->re) {
                vn_buf_free(&key);
                return VNPLAN_ERR_GRAMMAR;
            }
        } else {
            vn_fold_key_row(r, with_value ? 1 : 0, &key);
            e->text = vn_xstrndup(key.data ? key.data : "", key.len);
            e->len = key.len;
        }
    }
    vn_buf_free(&key);
    return VNPLAN_OK;
}

static vn_phrases *block_field(void *rules, const vn_phrase_block *b)
{
    return (vn_phrases *)((char *)rules + b->offset);
}

vnplan_status vn_phrases_load_blocks(void *rules, const vnplan_grammar *g, const char *file,
                                     const vn_phrase_block *blocks, size_t n, vn_error *err)
{
    vnplan_status st = VNPLAN_OK;
    for (size_t i = 0; i < n && st == VNPLAN_OK; i++)
        st = vn_phrases_load(block_field(rules, &blocks[i]), g, file, blocks[i].block, blocks[i].with_value,
                             err);
    return st;
}

void vn_phrases_free_blocks(void *rules, const vn_phrase_block *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vn_phrases_free(block_field(rules, &blocks[i]));
}

void vn_phrases_free(vn_phrases *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].text);
        vn_regex_free(p->v[i].re);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

/* A word boundary: the text ends, or the next character is not a letter or digit. */
static bool boundary_after(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return true;
    size_t k = i;
    return !vn_cp_is_alnum(vn_utf8_next(s, n, &k));
}

static bool boundary_before(const char *s, size_t i)
{
    if (i == 0)
        return true;
    size_t k = i;
    return !vn_cp_is_alnum(vn_utf8_prev(s, &k));
}

static bool re_match(const vn_phrase *e, const char *s, size_t n, size_t start,
                     uint32_t opts, size_t *at, size_t *len)
{
    pcre2_match_data *md = vn_match_data();
    int rc = vn_regex_match(e->re, (PCRE2_SPTR)s, n, start, opts | PCRE2_NO_UTF_CHECK, md, NULL);
    if (rc < 0)
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    *at = ov[0];
    *len = ov[1] - ov[0];
    return true;
}

int vn_phrases_prefix(const vn_phrases *p, const char *s, size_t n, size_t *len)
{
    for (size_t i = 0; i < p->n; i++) {
        const vn_phrase *e = &p->v[i];
        size_t at, l;
        if (e->re) {
            if (re_match(e, s, n, 0, PCRE2_ANCHORED, &at, &l)) {
                if (len)
                    *len = l;
                return (int)i;
            }
        } else if (e->len <= n && memcmp(s, e->text, e->len) == 0 && boundary_after(s, n, e->len)) {
            if (len)
                *len = e->len;
            return (int)i;
        }
    }
    return -1;
}

int vn_phrases_whole(const vn_phrases *p, const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ':' || s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ',' ||
                     s[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < p->n; i++) {
        const vn_phrase *e = &p->v[i];
        size_t at, l;
        if (e->re) {
            if (re_match(e, s, n, 0, PCRE2_ANCHORED, &at, &l) && l == n)
                return (int)i;
        } else if (e->len == n && memcmp(s, e->text, n) == 0) {
            return (int)i;
        }
    }
    return -1;
}

int vn_phrases_find(const vn_phrases *p, const char *s, size_t n, size_t *at, size_t *len)
{
    int best = -1;
    size_t best_at = (size_t)-1, best_len = 0;
    for (size_t i = 0; i < p->n; i++) {
        const vn_phrase *e = &p->v[i];
        size_t a, l;
        if (e->re) {
            if (re_match(e, s, n, 0, 0, &a, &l) && a < best_at) {
                best = (int)i, best_at = a, best_len = l;
            }
            continue;
        }
        if (e->len == 0 || e->len > n)
            continue;
        /* the places where the phrase's first byte is, memchr finding them:
         * a memcmp at every byte of the text was most of this search */
        for (size_t k = 0; k + e->len <= n && k < best_at; k++) {
            const char *q = memchr(s + k, e->text[0], n - e->len + 1 - k);
            if (!q || (k = (size_t)(q - s)) >= best_at)
                break;
            if (memcmp(s + k, e->text, e->len) == 0 && boundary_before(s, k) &&
                boundary_after(s, n, k + e->len)) {
                best = (int)i, best_at = k, best_len = e->len;
                break;
            }
        }
    }
    if (best >= 0) {
        if (at)
            *at = best_at;
        if (len)
            *len = best_len;
    }
    return best;
}
