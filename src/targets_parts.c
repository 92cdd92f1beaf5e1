/* targets_parts.c — the parts of what a target measures, read with the words
 * of grammars/indicators.txt: what is measured, who is counted, the training
 * level, the field and the place.  Two targets with the same head words
 * ("Số người tốt nghiệp các chương trình đào tạo chuyên sâu về ...") are
 * different indicators when their fields differ; the comparison needs the
 * parts to tell them apart and to say how a plan changed what it counts.
 *
 * A word is one part or another by the words around it, as plans write
 * them: a bare "đại học" is a level among levels ("cao đẳng, đại học") and
 * a place of study in a name ("các cơ sở giáo dục đại học"); a body counted
 * as the subject ("Số doanh nghiệp") says where after "của", "tại", "trong"
 * ("lao động trong các doanh nghiệp").  The rules are indicators.txt's
 * [in a list], [list head], [list join], [institution], [where], [body]. */
#include "targets_parts.h"
#include "targets_private.h"
#include "i18n.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>

enum {
    MAX_PART_NAMES = 16,   /* names kept per part of one target */
    MAX_PART_TEXT = 4096,  /* bytes of an indicator read for its parts */
    MAX_WITHIN_HOPS = 4    /* [within] chains followed (trí tuệ nhân tạo → công nghệ số → STEM) */
};

static const char *const part_blocks[VN_PART__COUNT] = {"measure", "population", "level",
                                                        "field", "place"};
/* Parts that keep only their first word: a target measures one thing of one group. */
static const bool part_single[VN_PART__COUNT] = {true, true, false, false, false};

typedef struct part_phrase {
    const char *key; /* folded */
    size_t len;
    uint32_t head; /* its first bytes, up to 4 (head_of) */
    const char *name; /* as the grammar writes it */
} part_phrase;

typedef struct part_within {
    int part;
    const char *narrower, *wider;
} part_within;

/* A row's phrase of one of the context blocks: folded, except the names of
 * [body] and [own list], kept as the grammar writes them to be compared
 * with the names a part gives. */
typedef struct part_key {
    const char *key;
    size_t len;
    int part;         /* the part the row is about, -1 for none */
    const char *name; /* [in a list]: the name the phrase gives */
} part_key;

typedef struct part_keys {
    part_key *v;
    size_t n, cap;
} part_keys;

struct vn_parts_rules {
    part_phrase *ph[VN_PART__COUNT];
    size_t nph[VN_PART__COUNT], capph[VN_PART__COUNT];
    /* the phrases of part p by their first byte b, in their order:
     * by_byte[p][by_start[p][b] .. by_start[p][b + 1]) (read_part) */
    uint32_t *by_byte[VN_PART__COUNT];
    uint32_t by_start[VN_PART__COUNT][257];
    part_within *within;
    size_t nwithin, capwithin;
    part_keys in_list, list_head, list_join, inst_before, inst_after, inst_kind, where, body, own;
    vn_arena arena;
};

static int by_length_desc(const void *a, const void *b)
{
    const part_phrase *x = a, *y = b;
    return (x->len < y->len) - (x->len > y->len);
}

static int part_index(const char *name)
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        if (strcmp(part_blocks[p], name) == 0)
            return p;
    return -1;
}

/* The first bytes of s[0..n), up to 4, as one number: a phrase whose head
 * differs from the text's there is not compared further. */
static uint32_t head_of(const char *s, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        h |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return h;
}

/* A counting sort of part p's phrases by their first byte, each byte's in
 * the order of the list. */
static void index_by_byte(struct vn_parts_rules *r, int p)
{
    uint32_t *start = r->by_start[p];
    memset(start, 0, sizeof r->by_start[p]);
    for (size_t i = 0; i < r->nph[p]; i++)
        start[(unsigned char)r->ph[p][i].key[0] + 1]++;
    for (int b = 1; b <= 256; b++)
        start[b] += start[b - 1];
    uint32_t fill[256];
    memcpy(fill, start, sizeof fill);
    r->by_byte[p] = vn_xmalloc((r->nph[p] + 1) * sizeof *r->by_byte[p]);
    for (size_t i = 0; i < r->nph[p]; i++)
        r->by_byte[p][fill[(unsigned char)r->ph[p][i].key[0]]++] = (uint32_t)i;
}

/* The name of part p that the grammar already gives, as that pointer (the
 * reading tells names apart by their pointers), else a copy. */
static const char *part_name_of(struct vn_parts_rules *r, int p, const char *name)
{
    for (size_t i = 0; i < r->nph[p]; i++)
        if (strcmp(r->ph[p][i].name, name) == 0)
            return r->ph[p][i].name;
    return vn_arena_strndup(&r->arena, name, strlen(name));
}

/* Loads the rows of `block` into out: with_part, a PART field first; with
 * name, a NAME field next; then phrases, folded unless `verbatim`.  The
 * first field of [institution], "before" or "after", picks the list. */
static vnplan_status load_keys(struct vn_parts_rules *r, const vn_gtable *t, const char *block, bool with_part,
                               bool with_name, bool verbatim, part_keys *out, vn_buf *key, vn_error *err)
{
    static const char file[] = "indicators.txt";
    bool institution = strcmp(block, "institution") == 0;
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL) {
        uint16_t lead = (uint16_t)(with_part + with_name + institution);
        int part = with_part && row->nf > 0 ? part_index(row->f[0]) : -1;
        part_keys *to = out;
        if (institution)
            to = NULL;
        if (institution && row->nf > 0)
            to = !strcmp(row->f[0], "before")  ? &r->inst_before
                 : !strcmp(row->f[0], "after") ? &r->inst_after
                 : !strcmp(row->f[0], "kind")  ? &r->inst_kind
                                               : NULL;
        if (row->nf <= lead || (with_part && part < 0) || !to)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: expected %s", file, row->line,
                           institution ? "before|after|kind<TAB>PHRASE"
                           : with_name ? "PART<TAB>NAME<TAB>PHRASE"
                           : with_part ? "PART<TAB>NAME"
                                       : N_("a phrase"));
        const char *name = with_name ? part_name_of(r, part, row->f[1]) : NULL;
        for (uint16_t f = lead; f < row->nf; f++) {
            if (verbatim) {
                vn_buf_clear(key);
                vn_buf_puts(key, row->f[f]);
            } else
                vn_fold_key(row->f[f], strlen(row->f[f]), key);
            if (key->len == 0)
                continue;
            part_key *e = &VN_PUSH(to->v, to->n, to->cap);
            e->key = vn_arena_strndup(&r->arena, key->data, key->len);
            e->len = key->len;
            e->part = part;
            e->name = name;
        }
    }
    return VNPLAN_OK;
}

vnplan_status vn_parts_rules_init(const vnplan_grammar *g, struct vn_parts_rules **out,
                                  vn_error *err)
{
    static const char file[] = "indicators.txt";
    struct vn_parts_rules *r = vn_xcalloc(1, sizeof *r);
    const vn_gtable *t = vn_grammar_table(g, file);
    vn_buf key = {0};
    for (int p = 0; p < VN_PART__COUNT; p++) {
        size_t i = 0;
        const vn_grow_row *row;
        while ((row = vn_grammar_next(t, part_blocks[p], &i)) != NULL) {
            const char *name = vn_arena_strndup(&r->arena, row->f[0], strlen(row->f[0]));
            for (uint16_t f = 0; f < row->nf; f++) {
                vn_fold_key_row(row, f, &key);
                if (key.len == 0)
                    continue;
                part_phrase *e = &VN_PUSH(r->ph[p], r->nph[p], r->capph[p]);
                e->key = vn_arena_strndup(&r->arena, key.data, key.len);
                e->len = key.len;
                e->head = head_of(key.data, key.len);
                e->name = name;
            }
        }
        if (r->nph[p])
            qsort(r->ph[p], r->nph[p], sizeof *r->ph[p], by_length_desc);
        index_by_byte(r, p);
    }
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "within", &i)) != NULL) {
        int p = row->nf == 3 ? part_index(row->f[0]) : -1;
        if (p < 0) {
            vn_buf_free(&key);
            vn_parts_rules_free(r);
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: expected PART<TAB>NARROWER<TAB>WIDER",
                           file, row->line);
        }
        part_within *w = &VN_PUSH(r->within, r->nwithin, r->capwithin);
        w->part = p;
        w->narrower = vn_arena_strndup(&r->arena, row->f[1], strlen(row->f[1]));
        w->wider = vn_arena_strndup(&r->arena, row->f[2], strlen(row->f[2]));
    }
    vnplan_status st = VNPLAN_OK;
    const struct {
        const char *block;
        bool with_part, with_name, verbatim;
        part_keys *list;
    } blocks[] = {
        {"in a list", true, true, false, &r->in_list},
        {"list head", true, false, false, &r->list_head},
        {"list join", false, false, false, &r->list_join},
        {"institution", false, false, false, NULL}, /* its rows say which list */
        {"where", false, false, false, &r->where},
        {"body", false, false, true, &r->body},
        {"own list", true, false, true, &r->own},
    };
    for (size_t b = 0; b < VN_COUNT(blocks) && st == VNPLAN_OK; b++)
        st = load_keys(r, t, blocks[b].block, blocks[b].with_part, blocks[b].with_name, blocks[b].verbatim,
                       blocks[b].list, &key, err);
    vn_buf_free(&key);
    if (st != VNPLAN_OK) {
        vn_parts_rules_free(r);
        return st;
    }
    *out = r;
    return VNPLAN_OK;
}

void vn_parts_rules_free(struct vn_parts_rules *r)
{
    if (!r)
        return;
    for (int p = 0; p < VN_PART__COUNT; p++) {
        free(r->ph[p]);
        free(r->by_byte[p]);
    }
    free(r->within);
    part_keys *lists[] = {&r->in_list, &r->list_head, &r->list_join, &r->inst_before,
                          &r->inst_after, &r->inst_kind, &r->where, &r->body, &r->own};
    for (size_t i = 0; i < VN_COUNT(lists); i++)
        free(lists[i]->v);
    vn_arena_free(&r->arena);
    free(r);
}

/* A byte of folded text that may sit inside a word: letters and digits
 * (every byte of a multi-byte letter). */
static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

typedef struct part_hit {
    size_t at;
    const char *name;
} part_hit;

static int by_position(const void *a, const void *b)
{
    const part_hit *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

/* A phrase found where it stands as words: phrase i of the part at byte at. */
typedef struct part_place {
    uint32_t i, at;
} part_place;

static int by_phrase_then_place(const void *a, const void *b)
{
    const part_place *x = a, *y = b;
    if (x->i != y->i)
        return (x->i > y->i) - (x->i < y->i);
    return (x->at > y->at) - (x->at < y->at);
}

static int by_place(const void *a, const void *b)
{
    const part_place *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

/* Every place in k[0..n) where a phrase of part p stands as words (not
 * inside a longer word), in the order of the phrases, then of the places:
 * the order in which a search of the text for each phrase in turn would
 * meet them.  Only the starts of words are tried, each against the phrases
 * that begin with its byte (a search of the whole text for each of the
 * part's phrases was a third of what loading a baseline cost). */
static part_place *phrase_places(const struct vn_parts_rules *r, int p, const char *k, size_t n,
                                 const uint32_t *starts, size_t nstarts, size_t text, size_t *count)
{
    part_place *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t w = 0; w < nstarts; w++) {
        size_t a = starts[w];
        unsigned char c = (unsigned char)k[a];
        uint32_t h4 = head_of(k + a, text - a);
        for (uint32_t q = r->by_start[p][c]; q < r->by_start[p][c + 1]; q++) {
            uint32_t i = r->by_byte[p][q];
            const part_phrase *ph = &r->ph[p][i];
            size_t b = a + ph->len;
            uint32_t mask = ph->len >= 4 ? 0xFFFFFFFFu : (1u << (8 * ph->len)) - 1;
            if (b > text || (h4 & mask) != ph->head || memcmp(k + a, ph->key, ph->len) != 0 ||
                (b < n && word_byte((unsigned char)k[b])))
                continue;
            part_place *e = &VN_PUSH(v, nv, cap);
            e->i = i;
            e->at = (uint32_t)a;
        }
    }
    if (nv > 1)
        qsort(v, nv, sizeof *v, by_phrase_then_place);
    *count = nv;
    return v;
}

/* ---- the words around a phrase --------------------------------------------------------- */

/* Whether a phrase of `keys` (of part p, or of any part for -1) ends at byte
 * e of k (k[0..e) ends with it), starting a word; its start in *at. */
static bool key_ends_at(const part_keys *keys, int p, const char *k, size_t e, size_t *at)
{
    for (size_t i = 0; i < keys->n; i++) {
        const part_key *w = &keys->v[i];
        if ((p >= 0 && w->part != p) || w->len > e || memcmp(k + e - w->len, w->key, w->len) != 0)
            continue;
        size_t a = e - w->len;
        /* a word must start a word: "hệ" is not the end of "thể hệ" */
        if (a > 0 && word_byte((unsigned char)w->key[0]) && word_byte((unsigned char)k[a - 1]))
            continue;
        if (at)
            *at = a;
        return true;
    }
    return false;
}

/* Whether a phrase of `keys` starts at byte a of k[0..text), ending a word;
 * its end in *end. */
static bool key_starts_at(const part_keys *keys, const char *k, size_t text, size_t a, size_t *end)
{
    for (size_t i = 0; i < keys->n; i++) {
        const part_key *w = &keys->v[i];
        size_t b = a + w->len;
        if (b > text || memcmp(k + a, w->key, w->len) != 0)
            continue;
        if (b < text && word_byte((unsigned char)w->key[w->len - 1]) && word_byte((unsigned char)k[b]))
            continue;
        if (end)
            *end = b;
        return true;
    }
    return false;
}

static size_t skip_spaces_back(const char *k, size_t e)
{
    while (e > 0 && (k[e - 1] == ' ' || k[e - 1] == ':'))
        e--;
    return e;
}

static size_t skip_spaces(const char *k, size_t text, size_t a)
{
    while (a < text && (k[a] == ' ' || k[a] == ':'))
        a++;
    return a;
}

/* The start of the list of part p's words that holds the word at k[a..)
 * (covered[] marks them; a word of [in a list] is one of them here, level
 * or not), walking back over joins; SIZE_MAX when an item before it is
 * none of them (a list of other things). */
static size_t list_start(const struct vn_parts_rules *r, int p, const char *k, size_t a,
                         const unsigned char *covered, const part_keys *kinds)
{
    size_t first = a;
    for (;;) {
        size_t j, e = skip_spaces_back(k, first);
        if (!key_ends_at(&r->list_join, -1, k, e, &j))
            return first;
        e = skip_spaces_back(k, j);
        if (e > 0 && covered[e - 1]) {
            while (e > 0 && covered[e - 1])
                e--;
            first = e;
        } else if (!key_ends_at(&r->in_list, p, k, e, &first) && !(kinds && key_ends_at(kinds, -1, k, e, &first)))
            return SIZE_MAX;
    }
}

/* Whether the words of [in a list] at k[a..b) name their level there: in a
 * list beside a word of the part (covered[] marks the part's words found so
 * far), or after a word that opens such a list, unless the list names
 * institutions ("các trường cao đẳng, đại học") or a name goes on after it
 * ("Đại học Quốc gia"). */
static bool named_in_list(const struct vn_parts_rules *r, int p, const char *k, size_t text, size_t a,
                          size_t b, const unsigned char *covered)
{
    if (b < text && k[b] == ' ' && key_starts_at(&r->inst_after, k, text, b + 1, NULL))
        return false;
    size_t first = list_start(r, p, k, a, covered, NULL);
    if (first == SIZE_MAX) /* "cơ sở giáo dục phổ thông, đại học, cao đẳng" */
        return false;
    size_t head = skip_spaces_back(k, first);
    if (key_ends_at(&r->inst_before, -1, k, head, NULL))
        return false;
    if (first < a || key_ends_at(&r->list_head, p, k, head, NULL))
        return true;
    /* or a word of the part after it: "đại học, sau đại học" */
    size_t x = skip_spaces(k, text, b), y;
    return key_starts_at(&r->list_join, k, text, x, &y) && (x = skip_spaces(k, text, y)) < text && covered[x] &&
           (x == 0 || !covered[x - 1]);
}

/* Whether the level at k[a..) names an institution: its list follows a
 * word of [institution] ("các trường cao đẳng", "các trường đại học, cao
 * đẳng", "cơ sở giáo dục đại học, cao đẳng"), the kinds of school that are
 * no level standing in it too ("cơ sở giáo dục phổ thông, đại học, cao
 * đẳng": [institution] kind). */
static bool names_institution(const struct vn_parts_rules *r, const char *k, size_t a, const unsigned char *covered)
{
    size_t first = list_start(r, VN_PART_LEVEL, k, a, covered, &r->inst_kind);
    return first != SIZE_MAX && key_ends_at(&r->inst_before, -1, k, skip_spaces_back(k, first), NULL);
}

/* Whether the body at k[a..) follows a word of [where]: "của các cơ sở giáo
 * dục đại học" says where the counted are. */
static bool after_where(const struct vn_parts_rules *r, const char *k, size_t a)
{
    return a > 0 && k[a - 1] == ' ' && key_ends_at(&r->where, -1, k, a - 1, NULL);
}

/* Whether the words at k[a..) follow a word that joins a list ("," "và"). */
static bool after_join(const struct vn_parts_rules *r, const char *k, size_t a)
{
    return key_ends_at(&r->list_join, -1, k, skip_spaces_back(k, a), NULL);
}

/* Whether k[a..b) is within one clause: no "." or ";" between. */
static bool one_clause(const char *k, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (k[i] == '.' || k[i] == ';')
            return false;
    return true;
}

static bool is_body(const struct vn_parts_rules *r, const char *name)
{
    for (size_t i = 0; i < r->body.n; i++)
        if (strcmp(r->body.v[i].key, name) == 0)
            return true;
    return false;
}

bool vn_parts_is_body(const vnplan_grammar *g, const char *name)
{
    const struct vn_parts_rules *r = g && g->targets ? g->targets->parts : NULL;
    return r && name && is_body(r, name);
}

/* Whether folded k starts with a phrase of keys, as a whole word. */
static bool key_starts(const part_keys *keys, const char *k, size_t n)
{
    for (size_t i = 0; i < keys->n; i++) {
        size_t len = keys->v[i].len;
        if (len <= n && memcmp(k, keys->v[i].key, len) == 0 && (len == n || !word_byte((unsigned char)k[len])))
            return true;
    }
    return false;
}

/* Whether a count's own noun names something other than a body: "tuyển
 * sinh 3.000 người học", "đào tạo 500 kỹ thuật viên", "có 05 nhóm nghiên
 * cứu" count people and groups, and the schools or firms the sentence opens
 * with ("Các trường cao đẳng … tuyển sinh") act; they are not counted.  A
 * unit that opens with a body or a word for a school ("500 doanh nghiệp",
 * "03 trường") counts that body. */
static bool unit_counts_other(const struct vn_parts_rules *r, const char *unit, const char *unit_class)
{
    if (!unit || !*unit || !unit_class || (strcmp(unit_class, "count") != 0 && strcmp(unit_class, "per_year") != 0))
        return false;
    vn_buf key = {0};
    vn_fold_key(unit, strlen(unit), &key);
    bool other = key.len > 0 && word_byte((unsigned char)key.data[0]) && !key_starts(&r->inst_before, key.data, key.len);
    for (size_t i = 0; other && i < r->nph[VN_PART_POPULATION]; i++) {
        const part_phrase *ph = &r->ph[VN_PART_POPULATION][i];
        other = !(is_body(r, ph->name) && ph->len <= key.len && memcmp(key.data, ph->key, ph->len) == 0 &&
                  (ph->len == key.len || !word_byte((unsigned char)key.data[ph->len])));
    }
    vn_buf_free(&key);
    return other;
}

/* Adds name at a to hits, once per name (its first place). */
static void add_hit(part_hit *hits, size_t *nhits, size_t a, const char *name)
{
    for (size_t h = 0; h < *nhits; h++)
        if (hits[h].name == name) {
            if (a < hits[h].at)
                hits[h].at = a;
            return;
        }
    if (*nhits < MAX_PART_NAMES)
        hits[(*nhits)++] = (part_hit){a, name};
}

/* The bodies found where the text says where (population), given to the
 * place part. */
typedef struct part_moved {
    part_hit v[MAX_PART_NAMES];
    size_t n;
} part_moved;

/* "các ngành, nghề thuộc lĩnh vực công nghệ số (công nghệ thông tin, điện
 * tử - viễn thông, tự động hóa)": a field named at a, inside parentheses
 * opened after the field named at before and holding a list (a comma), is
 * one of that field's members, not a field beside it.  A single name in
 * parentheses ("... (STEM)") names the words before it again. */
static bool members_in_parens(const char *k, size_t n, size_t before, size_t a)
{
    size_t open = SIZE_MAX;
    int depth = 0;
    for (size_t i = before; i < a; i++) {
        if (k[i] == '(' && depth++ == 0)
            open = i;
        else if (k[i] == ')' && depth > 0)
            depth--;
    }
    if (depth == 0 || open == SIZE_MAX)
        return false;
    for (size_t i = open + 1; i < n && k[i] && k[i] != ')'; i++)
        if (k[i] == ',')
            return true;
    return false;
}

/* The names of one part found in folded text k[0..n), joined, or NULL. */
static const char *read_part(const struct vn_parts_rules *r, int p, const char *k, size_t n,
                             const uint32_t *starts, size_t nstarts, size_t text, unsigned char *covered,
                             size_t acting_end, part_moved *moved, vn_arena *arena, vn_strset *strs)
{
    part_hit hits[MAX_PART_NAMES];
    size_t nhits = 0, nplaces = 0;
    memset(covered, 0, n);
    part_place *places = phrase_places(r, p, k, n, starts, nstarts, text, &nplaces);
    /* the phrases that stand (a longer one first), then read in the order
     * of the text: whether a body says where depends on what came before */
    size_t nkept = 0;
    for (size_t x = 0; x < nplaces; x++) {
        const part_phrase *ph = &r->ph[p][places[x].i];
        if (memchr(covered + places[x].at, 1, ph->len))
            continue;
        memset(covered + places[x].at, 1, ph->len);
        places[nkept++] = places[x];
    }
    if (nkept > 1)
        qsort(places, nkept, sizeof *places, by_place);
    size_t place_end = SIZE_MAX; /* the end of the last body read as a place */
    for (size_t x = 0; x < nkept && nhits < MAX_PART_NAMES; x++) {
        const part_phrase *ph = &r->ph[p][places[x].i];
        size_t a = places[x].at;
        /* "tại các cơ sở giáo dục nghề nghiệp, tổ chức khoa học và công
         * nghệ, doanh nghiệp": the list a place phrase opens is places */
        if (p == VN_PART_POPULATION && is_body(r, ph->name) &&
            (a < acting_end || after_where(r, k, a) ||
             (place_end != SIZE_MAX && after_join(r, k, a) && one_clause(k, place_end, a)))) {
            add_hit(moved->v, &moved->n, a, ph->name);
            place_end = a + ph->len;
            continue;
        }
        if (p == VN_PART_LEVEL && names_institution(r, k, a, covered))
            continue;
        if (p == VN_PART_FIELD && nhits && members_in_parens(k, n, hits[nhits - 1].at, a))
            continue;
        add_hit(hits, &nhits, a, ph->name);
    }
    free(places);
    /* the words that are a part only among its words: after the others,
     * whose places they look at */
    for (size_t i = 0; i < r->in_list.n; i++) {
        const part_key *w = &r->in_list.v[i];
        if (w->part != p)
            continue;
        for (size_t s = 0; s < nstarts; s++) {
            size_t a = starts[s], b = a + w->len;
            if (b > text || memcmp(k + a, w->key, w->len) != 0 || (b < n && word_byte((unsigned char)k[b])) ||
                memchr(covered + a, 1, w->len) || !named_in_list(r, p, k, text, a, b, covered))
                continue;
            add_hit(hits, &nhits, a, w->name);
        }
    }
    if (p == VN_PART_PLACE)
        for (size_t m = 0; m < moved->n; m++)
            add_hit(hits, &nhits, moved->v[m].at, moved->v[m].name);
    if (nhits == 0)
        return NULL;
    qsort(hits, nhits, sizeof hits[0], by_position);
    if (part_single[p])
        nhits = 1;
    vn_buf out = {0};
    for (size_t h = 0; h < nhits; h++) {
        if (h)
            vn_buf_putc(&out, VN_PART_SEP);
        vn_buf_puts(&out, hits[h].name);
    }
    const char *str = strs ? vn_intern(strs, arena, out.data, out.len) : vn_arena_strndup(arena, out.data, out.len);
    vn_buf_free(&out);
    return str;
}

/* The first byte of k where a phrase of part p stands, or text. */
static size_t first_place(const struct vn_parts_rules *r, int p, const char *k, size_t n, const uint32_t *starts,
                          size_t nstarts, size_t text)
{
    size_t nplaces = 0, first = text;
    part_place *places = phrase_places(r, p, k, n, starts, nstarts, text, &nplaces);
    for (size_t x = 0; x < nplaces; x++)
        if (places[x].at < first)
            first = places[x].at;
    free(places);
    return first;
}

/* Whether a [population] phrase that is no body stands at or after byte
 * `from` of k. */
static bool people_after(const struct vn_parts_rules *r, const char *k, size_t n, const uint32_t *starts,
                         size_t nstarts, size_t text, size_t from)
{
    size_t nplaces = 0;
    bool found = false;
    part_place *places = phrase_places(r, VN_PART_POPULATION, k, n, starts, nstarts, text, &nplaces);
    for (size_t x = 0; x < nplaces && !found; x++)
        found = places[x].at >= from && !is_body(r, r->ph[VN_PART_POPULATION][places[x].i].name);
    free(places);
    return found;
}

/* The parts of indicator s[0..n); unit and unit_class, when given, say what
 * its number counts (unit_counts_other). */
static void parts_read(const vnplan_grammar *g, const char *s, size_t n, const char *unit,
                       const char *unit_class, vn_arena *arena, vn_strset *strs, const char *out[VN_PART__COUNT])
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        out[p] = NULL;
    if (!g || !g->targets || !g->targets->parts || !s)
        return;
    if (n > MAX_PART_TEXT)
        n = MAX_PART_TEXT;
    vn_buf key = {0};
    vn_fold_key(s, n, &key);
    if (key.len) {
        unsigned char *covered = vn_xmalloc(key.len);
        /* where a phrase may begin: the start of the text and each byte
         * after one that is not part of a word; a search stops at a NUL */
        size_t text = strnlen(key.data, key.len), nstarts = 0;
        uint32_t *starts = vn_xmalloc((text + 1) * sizeof *starts);
        for (size_t a = 0; a < text; a++)
            if (a == 0 || !word_byte((unsigned char)key.data[a - 1]))
                starts[nstarts++] = (uint32_t)a;
        part_moved moved = {.n = 0};
        const struct vn_parts_rules *r = g->targets->parts;
        /* a body before the words of what is measured acts when the number
         * counts something else ("Các trường … tuyển sinh 3.000 người học");
         * after them ("Số doanh nghiệp"), or counted by the unit, it is counted */
        size_t measure_at = first_place(r, VN_PART_MEASURE, key.data, key.len, starts, nstarts, text);
        size_t acting_end = unit_counts_other(r, unit, unit_class) ? measure_at : 0;
        /* so does one before a measure that counts people after it: "Các cơ
         * sở giáo dục nghề nghiệp … bảo đảm tỷ lệ người học …" */
        if (acting_end == 0 && measure_at < text && people_after(r, key.data, key.len, starts, nstarts, text, measure_at))
            acting_end = measure_at;
        /* population before place: the bodies it leaves are places */
        for (int p = 0; p < VN_PART__COUNT; p++)
            out[p] = read_part(r, p, key.data, key.len, starts, nstarts, text, covered, acting_end, &moved, arena,
                               strs);
        free(starts);
        free(covered);
    }
    vn_buf_free(&key);
}

void vn_parts_read(const vnplan_grammar *g, const char *s, size_t n, const char *unit, const char *unit_class,
                   vn_arena *arena, const char *out[VN_PART__COUNT])
{
    parts_read(g, s, n, unit, unit_class, arena, NULL, out);
}

void vn_targets_parts(vnplan_doc *doc, vn_strset *strs)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (t->parts)
            continue;
        const char *s = t->indicator && *t->indicator ? t->indicator : t->text;
        const char *v[VN_PART__COUNT] = {NULL};
        if (s) {
            parts_read(doc->grammar, s, strlen(s), t->unit, t->unit_class, &doc->arena, strs, v);
            vn_target_set_parts(doc, t, v);
        }
    }
    /* a "trong đó" part counts the same people as the target it belongs to
     * unless it says otherwise; parents come before their parts */
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (t->parent < 0 || (size_t)t->parent >= i)
            continue;
        const char *v[VN_PART__COUNT];
        memcpy(v, vn_target_parts(doc, t), sizeof v);
        const char *const *up = vn_target_parts(doc, &doc->targets[t->parent]);
        bool more = false;
        for (int p = 0; p < VN_PART__COUNT; p++)
            if (!v[p] && up[p]) {
                v[p] = up[p];
                more = true;
            }
        if (more)
            vn_target_set_parts(doc, t, v);
    }
}

/* ---- relations ----------------------------------------------------------------------- */

static bool within(const struct vn_parts_rules *r, int p, const char *a, size_t alen,
                   const char *b, size_t blen, int hops)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return true;
    if (hops >= MAX_WITHIN_HOPS)
        return false;
    for (size_t i = 0; i < r->nwithin; i++) {
        const part_within *w = &r->within[i];
        /* the first letter before the length: most rules name other words */
        if (w->part != p || (alen && w->narrower[0] != a[0]) || strlen(w->narrower) != alen ||
            memcmp(w->narrower, a, alen) != 0)
            continue;
        if (within(r, p, w->wider, strlen(w->wider), b, blen, hops + 1))
            return true;
    }
    return false;
}

/* True when every name of xs lies within some name of ys. */
static bool all_within(const struct vn_parts_rules *r, int p, const char *xs, const char *ys)
{
    for (const char *x = xs; *x;) {
        const char *xe = strchr(x, VN_PART_SEP);
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        bool found = false;
        for (const char *y = ys; *y && !found;) {
            const char *ye = strchr(y, VN_PART_SEP);
            size_t yl = ye ? (size_t)(ye - y) : strlen(y);
            found = within(r, p, x, xl, y, yl, 0);
            y += yl + (ye ? 1 : 0);
        }
        if (!found)
            return false;
        x += xl + (xe ? 1 : 0);
    }
    return true;
}

vn_part_relation vn_parts_relation(const vnplan_grammar *g, int part, const char *base,
                                   const char *plan)
{
    if (!plan || part < 0 || part >= VN_PART__COUNT)
        return VN_PART_SAME; /* a plan that does not repeat the words keeps them */
    if (!base)
        return VN_PART_NARROWER; /* the decision counts every level, field ... */
    if (strcmp(base, plan) == 0 || !g || !g->targets || !g->targets->parts)
        return strcmp(base, plan) == 0 ? VN_PART_SAME : VN_PART_OTHER;
    const struct vn_parts_rules *r = g->targets->parts;
    bool narrower = all_within(r, part, plan, base), wider = all_within(r, part, base, plan);
    if (narrower && wider)
        return VN_PART_SAME;
    return narrower ? VN_PART_NARROWER : wider ? VN_PART_WIDER : VN_PART_OTHER;
}

bool vn_parts_disjoint(const vnplan_grammar *g, int part, const char *a, const char *b)
{
    if (!a || !b || !*a || !*b || part < 0 || part >= VN_PART__COUNT)
        return false;
    const struct vn_parts_rules *r = g && g->targets ? g->targets->parts : NULL;
    for (const char *x = a; *x;) {
        const char *xe = strchr(x, VN_PART_SEP);
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        for (const char *y = b; *y;) {
            const char *ye = strchr(y, VN_PART_SEP);
            size_t yl = ye ? (size_t)(ye - y) : strlen(y);
            if (xl == yl && memcmp(x, y, xl) == 0)
                return false;
            if (r && (within(r, part, x, xl, y, yl, 0) || within(r, part, y, yl, x, xl, 0)))
                return false;
            y += yl + (ye ? 1 : 0);
        }
        x += xl + (xe ? 1 : 0);
    }
    return true;
}

bool vn_parts_own_list(const vnplan_grammar *g, int part, const char *names)
{
    const struct vn_parts_rules *r = g && g->targets ? g->targets->parts : NULL;
    if (!r || !names || !*names)
        return false;
    for (const char *x = names; *x;) {
        const char *xe = strchr(x, VN_PART_SEP);
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        bool found = false;
        for (size_t i = 0; i < r->own.n && !found; i++)
            found = r->own.v[i].part == part && r->own.v[i].len == xl && memcmp(r->own.v[i].key, x, xl) == 0;
        if (!found)
            return false;
        x += xl + (xe ? 1 : 0);
    }
    return true;
}

void vn_scope_words(const char *part, vn_buf *out)
{
    vn_buf_clear(out);
    for (const char *c = part; c && *c; c++) {
        if (*c == VN_PART_SEP)
            vn_buf_puts(out, ", ");
        else
            vn_buf_putc(out, *c);
    }
    vn_buf_cstr(out);
}

const char *vn_part_name(int part)
{
    return part >= 0 && part < VN_PART__COUNT ? part_blocks[part] : "";
}

const char *vn_part_relation_name(vn_part_relation r)
{
    switch (r) {
    case VN_PART_NARROWER: return "narrower";
    case VN_PART_WIDER: return "wider";
    case VN_PART_OTHER: return "other";
    default: return "same";
    }
}
