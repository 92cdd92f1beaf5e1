/* targets.c — quantified and qualitative targets.
 *
 * Plans state targets in sentences: "Tỷ lệ học sinh ... đạt 35%, trong đó ít
 * nhất 2,5% thuộc ... và 18% thuộc ...".  The reader works on tokens (words,
 * numbers, punctuation, each with its byte span); words carry a folded key
 * (vn_fold) so that the phrase lists of grammars/comparators.txt, units.txt
 * and targets.txt match whatever the case and tone placement.  Only text
 * with a digit in it is tokenized at all, which keeps the stage cheap.
 *
 * For every number of a clause (a sentence cut at top-level ';') the reader
 * asks, in order: is it part of a reference, a date, a year, a phone number
 * or a phrase such as "lần thứ 4" (then it is no value); what unit follows it
 * (none: no target); which comparator words stand before it or after the
 * unit.  Then, over the clause: a starting level ("từ 30% lên 40%") and
 * remarks in parentheses are dropped, ranges are merged, a comparator
 * distributes over coordinated values, "trong đó" makes parts, the words
 * between values are shared out as indicators, and phases stated in the
 * sentence are attached.
 *
 * vn_targets_extract walks the tree without recursion and turns the hits of
 * each node's own text into vn_target records; items under Mục tiêu without
 * any number become qualitative targets.
 *
 * Speed: text without a digit is never rendered or tokenized; words are
 * folded only in sentences that hold a number, only when some grammar word
 * looks like them (same letters without diacritics), and each distinct word
 * once per document. */
#include "targets.h"
#include "match.h"
#include "grammar.h"
#include "stages.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/* ---- limits ------------------------------------------------------------------------ */

enum {
    MAX_PHRASE_TOKENS = 16,   /* longer grammar phrases are refused at load time */
    CITATION_LOOKBACK = 15,   /* tokens before a phase phrase searched for "Đề án ..." */
    MAX_PHASES_PER_SENTENCE = 32, /* keeps phase look-up linear on hostile input */
    MAX_NUMBER_DIGITS = 18,   /* beyond this a digit string is no quantity */
    FOLD_CACHE_MAX = 1 << 15, /* distinct words remembered per document */
    FOLD_CACHE_WORD = 64      /* longer words are folded every time */
};

/* ---- tokens --------------------------------------------------------------------------- */

enum { TK_WORD, TK_NUM, TK_PUNCT };

/* How a number is written, which decides how it is read. */
enum {
    NS_INT,        /* 35, 03, 2030 */
    NS_THOUSANDS,  /* 80.000, 1.000.000 (or 1,000,000) */
    NS_DECIMAL,    /* 2,5 — the Vietnamese decimal comma; 1.234,5 */
    NS_DOT_DECIMAL,/* 1.5, 4.0 — an English decimal point (one dot, not three digits) */
    NS_BAD         /* 1.2.3 and other section or version numbers */
};

typedef struct tok {
    uint32_t a, b;     /* bytes of the scanned text */
    uint32_t key, klen;/* folded key in scanner.keys (words, punctuation) */
    uint32_t hash;     /* of the key, for the phrase index */
    double num;        /* numbers: the value */
    uint8_t type;      /* TK_* */
    uint8_t glued;     /* no white space before it */
    uint8_t shape;     /* numbers: NS_* */
    uint8_t ndigits;   /* numbers: digits written (capped) */
    uint8_t lead_zero; /* numbers: written with a leading 0 */
    uint8_t paren;     /* depth of ( [ around it (capped) */
    uint8_t upper;     /* a word that starts with a capital letter */
    uint8_t keyed;     /* key and hash are set (words are folded on demand) */
} tok;

/* ---- compiled grammar ----------------------------------------------------------------- */

/* '*' and '@' in patterns ('#' would start a comment line of the grammar file) */
enum { HOLE_NONE, HOLE_VALUE, HOLE_YEAR };

typedef struct ptok {
    const char *key;
    uint32_t klen;
    double num;
    uint8_t type;
    uint8_t hole;
} ptok;

typedef struct phrase {
    const ptok *t;
    uint16_t n;
    int16_t hole_at;   /* index of the (last) hole, or -1 */
    int8_t cmp;        /* comparators: vn_cmp */
    bool needs_lead;   /* units: a target only after comparator words ("đạt 75 tuổi") */
    const char *cls;   /* units: the unit class */
    int32_t next_first, next_last; /* hash chains */
} phrase;

typedef struct phrase_set {
    phrase *v;
    size_t n, cap;
    int32_t *by_first, *by_last; /* bucket heads, indexed by a token key's hash */
    size_t nbuckets;
} phrase_set;

struct vn_target_rules {
    phrase_set before, after, from, change, range, coordinator; /* comparators.txt */
    phrase_set unit, counted, rate, rate_before, share_of, multiple; /* units.txt */
    phrase_set not_value, phase, not_phase, citation, sub_part, ind_lead, phase_heading,
        abbrev;                                                 /* targets.txt */
    pcre2_code **not_value_re;
    size_t nnot_value_re;
    vn_phrases situation; /* targets.txt [situation_heading]: headings of facts, not targets */
    /* the skeletons of every grammar word (see skeleton()), and their keys */
    struct vocab_entry *vocab, *keys;
    size_t nvocab;
    char base_latin[0x250 - 0xC0], base_extended[0x100]; /* base letters, 0 if none */
    int32_t lower_latin[0x250 - 0xC0], lower_extended[0x100]; /* lower case of the same blocks */
    vn_arena arena;
};

typedef struct vocab_entry {
    uint32_t hash, len;
    const char *s; /* NULL: empty slot */
} vocab_entry;

static const char CLASS_COUNT[] = "count";

/* ---- the scanner: reusable work space ---------------------------------------------------- */

typedef struct cand {
    uint32_t num;          /* token of the number */
    uint32_t lead;         /* first token of the comparator words before it (== num if none) */
    uint32_t unit_a, unit_b;
    uint32_t noun_a, noun_b; /* the counted noun, for counts */
    uint32_t end;          /* token after the unit and any comparator after it */
    uint32_t max_tok;      /* a range's upper number, or UINT32_MAX */
    uint32_t clause_a, clause_b, sent_a, sent_b;
    uint32_t ind_a[VN_SCAN_IND__COUNT], ind_b[VN_SCAN_IND__COUNT];
    uint32_t seg_before_a, seg_before_b, seg_after_a, seg_after_b; /* before trimming */
    double value, value_max;
    const char *cls;
    int8_t cmp;            /* -1 until decided */
    bool has_lead, from, change, after_cmp, in_paren, dropped, sub;
    int32_t parent;
    uint16_t phase;
} cand;

typedef struct phase_hit {
    uint32_t a, b, year_tok;
    uint16_t year;
    bool in_paren;
} phase_hit;

/* Folding a word (tone placement, case) costs far more than looking it up,
 * and a document uses a few thousand distinct syllables: each is folded
 * once.  Raw bytes and keys live in `bytes`; slots index entries. */
typedef struct fold_entry {
    uint32_t hash, raw, rawlen, key, keylen;
} fold_entry;

typedef struct fold_cache {
    fold_entry *slots; /* open addressing; rawlen 0 = empty */
    size_t nslots, used;
    vn_buf bytes;
} fold_cache;

typedef struct scanner {
    const struct vn_target_rules *r;
    fold_cache fc;
    const char *s;
    size_t n;
    tok *toks;
    size_t ntoks, captoks;
    vn_buf keys;
    uint8_t *blocked; /* per token: inside a [not_value_re] match */
    size_t capblocked;
    bool blocked_ready; /* the patterns have been run over this text */
    cand *cands;
    size_t ncands, capcands;
    phase_hit *phases;
    size_t nphases, capphases;
    int32_t list_parent; /* the target a "trong đó:" list of this sentence belongs to, or -1 */
    int32_t soft_parent; /* the target a "trong đó" (no colon) of an earlier clause opened, or -1 */
    double soft_sum;     /* ... the values of its parts so far */
    pcre2_match_data *md;
} scanner;

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

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *next)
{
    size_t k = i;
    int32_t cp = vn_utf8_next(s, n, &k);
    if (next)
        *next = k;
    return cp;
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
    *is_word = j < n && vn_cp_is_letter(cp_at(s, n, j, NULL));
    if (*is_word)
        return j;
    t->type = TK_NUM;
    t->ndigits = (uint8_t)(ndigits > 255 ? 255 : ndigits);
    t->lead_zero = s[a] == '0' && first_len > 1;
    if (overflow || ndigits > MAX_NUMBER_DIGITS)
        t->shape = NS_BAD;
    else
        read_number(t, s, a, first_len, seps, glen, ngroups);
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
        int32_t cp = cp_at(s, n, j, &k);
        if (cp_is_word(cp))
            j = k;
        else if (cp == '&' && k < n && vn_cp_is_alnum(cp_at(s, n, k, NULL)))
            j = k; /* KH&CN, R&D */
        else
            break;
    }
    return j;
}

static uint32_t hash_bytes(const char *p, size_t n);

static void fold_cache_grow(fold_cache *fc)
{
    size_t n = fc->nslots ? fc->nslots * 2 : 1024;
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
    uint32_t h = hash_bytes(w, n);
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

static void build_base_letters(struct vn_target_rules *r)
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

/* Writes the skeleton of w[0..n) to out; SIZE_MAX when it needs more than cap. */
static size_t skeleton(const struct vn_target_rules *r, const char *w, size_t n, char *out, size_t cap)
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
        if (base) {
            if (m >= cap)
                return SIZE_MAX;
            out[m++] = base;
        } else {
            char tmp[4];
            int k = vn_utf8_encode(cp, tmp);
            if (m + (size_t)k > cap)
                return SIZE_MAX;
            memcpy(out + m, tmp, (size_t)k);
            m += (size_t)k;
        }
    }
    return m;
}

static bool vocab_has(const vocab_entry *set, size_t nslots, const char *s, size_t n, uint32_t h)
{
    for (size_t at = h & (nslots - 1); set[at].s; at = (at + 1) & (nslots - 1))
        if (set[at].hash == h && set[at].len == n && memcmp(set[at].s, s, n) == 0)
            return true;
    return false;
}

static void vocab_insert(vocab_entry *set, size_t nslots, vn_arena *arena, const char *s, size_t n)
{
    uint32_t h = hash_bytes(s, n);
    if (vocab_has(set, nslots, s, n, h))
        return;
    size_t at = h & (nslots - 1);
    while (set[at].s)
        at = (at + 1) & (nslots - 1);
    set[at].hash = h;
    set[at].len = (uint32_t)n;
    set[at].s = vn_arena_strndup(arena, s, n);
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
        char tmp[4];
        int len = vn_utf8_encode(lower, tmp);
        if (m + (size_t)len > cap)
            return false;
        memcpy(low + m, tmp, (size_t)len);
        m += (size_t)len;
        if (cp >= 0x300 && cp <= 0x36F)
            continue; /* a combining mark (NFD text): no part of the skeleton */
        if (base) {
            if (k >= cap)
                return false;
            sk[k++] = base;
        } else {
            if (k + (size_t)len > cap)
                return false;
            memcpy(sk + k, tmp, (size_t)len);
            k += (size_t)len;
        }
    }
    *lowlen = m;
    *sklen = k;
    return true;
}

/* The key of a word without vn_fold where that gives the same result:
 * its lower case when that already is a grammar key (folding is
 * idempotent), or when no grammar word has its skeleton (then no phrase can
 * match it whatever its key).  Returns false when the word must be folded:
 * a grammar word in another spelling ("hoà" for "hòa"), or while the grammar
 * itself is being read. */
static bool cheap_key(const struct vn_target_rules *r, const char *w, size_t n, vn_buf *out)
{
    if (!r->vocab)
        return false;
    char low[FOLD_CACHE_WORD] = "", sk[FOLD_CACHE_WORD] = ""; /* (silences a false gcc warning) */
    size_t m, k;
    if (!lower_and_skeleton(r, w, n, low, &m, sk, &k, sizeof low))
        return false;
    if (vocab_has(r->keys, r->nvocab, low, m, hash_bytes(low, m))) {
        vn_buf_put(out, low, m);
        return true;
    }
    if (vocab_has(r->vocab, r->nvocab, sk, k, hash_bytes(sk, k)))
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
    else if (!cheap_key(sc->r, w, n, &sc->keys))
        fold_word_cached(&sc->fc, w, n, &sc->keys);
    t->key = (uint32_t)before;
    t->klen = (uint32_t)(sc->keys.len - before);
    t->hash = hash_bytes(sc->keys.data + t->key, t->klen);
}

static void tokenize(scanner *sc, const char *s, size_t n)
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
        int32_t cp = cp_at(s, n, i, &next);
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
        if (vn_is_digit(s[a])) {
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
            t.hash = hash_bytes("\x01", 1);
            t.keyed = 1;
        }
        VN_PUSH(sc->toks, sc->ntoks, sc->captoks) = t;
    }
}

/* Folds the words of tokens [a, b) that have no key yet. */
static void ensure_keys(scanner *sc, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < sc->ntoks; i++)
        if (!sc->toks[i].keyed)
            push_key(sc, &sc->toks[i], true);
}

static bool tok_is(const scanner *sc, size_t i, const char *key)
{
    if (i >= sc->ntoks || sc->toks[i].type == TK_NUM)
        return false;
    size_t len = strlen(key);
    return sc->toks[i].klen == len && memcmp(sc->keys.data + sc->toks[i].key, key, len) == 0;
}

static bool tok_is_year(const tok *t)
{
    return t->type == TK_NUM && t->shape == NS_INT && t->ndigits == 4 && !t->lead_zero &&
           t->num >= 1900 && t->num <= 2100;
}

/* ---- phrase sets -------------------------------------------------------------------------- */

static uint32_t hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* Numbers and holes share one bucket: their match is decided by value. */
static uint32_t ptok_hash(const ptok *p)
{
    if (p->hole || p->type == TK_NUM)
        return hash_bytes("\x01", 1);
    return hash_bytes(p->key, p->klen);
}


static bool ptok_matches(const scanner *sc, const ptok *p, const tok *t)
{
    if (p->hole == HOLE_VALUE)
        return t->type == TK_NUM && t->shape != NS_BAD;
    if (p->hole == HOLE_YEAR)
        return tok_is_year(t);
    if (p->type != t->type)
        return false;
    if (p->type == TK_NUM)
        return t->shape != NS_BAD && t->num == p->num;
    return p->klen == t->klen && memcmp(p->key, sc->keys.data + t->key, p->klen) == 0;
}

static bool phrase_matches_at(const scanner *sc, const phrase *ph, size_t start)
{
    for (size_t k = 0; k < ph->n; k++)
        if (!ptok_matches(sc, &ph->t[k], &sc->toks[start + k]))
            return false;
    return true;
}

/* The longest phrase of the set that starts at token i and ends before end. */
static const phrase *match_forward(const scanner *sc, const phrase_set *set, size_t i, size_t end,
                                   size_t *len)
{
    if (i >= end || set->nbuckets == 0)
        return NULL;
    const phrase *best = NULL;
    uint32_t h = sc->toks[i].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_first[h]; k >= 0; k = set->v[k].next_first) {
        const phrase *ph = &set->v[k];
        if (ph->n > end - i || (best && ph->n <= best->n))
            continue;
        if (phrase_matches_at(sc, ph, i))
            best = ph;
    }
    if (best && len)
        *len = best->n;
    return best;
}

/* The longest phrase of the set that ends at token j (inclusive) and starts
 * at or after lo. */
static const phrase *match_backward(const scanner *sc, const phrase_set *set, size_t j, size_t lo,
                                    size_t *len)
{
    if (j >= sc->ntoks || j < lo || set->nbuckets == 0)
        return NULL;
    const phrase *best = NULL;
    uint32_t h = sc->toks[j].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_last[h]; k >= 0; k = set->v[k].next_last) {
        const phrase *ph = &set->v[k];
        if (ph->n > j + 1 - lo || (best && ph->n <= best->n))
            continue;
        if (phrase_matches_at(sc, ph, j + 1 - ph->n))
            best = ph;
    }
    if (best && len)
        *len = best->n;
    return best;
}

/* A pattern with a '*' hole that fits around token i, within [lo, hi). */
static bool pattern_around(const scanner *sc, const phrase_set *set, size_t i, size_t lo, size_t hi)
{
    for (size_t k = 0; k < set->n; k++) {
        const phrase *ph = &set->v[k];
        if (ph->hole_at < 0 || (size_t)ph->hole_at > i - lo)
            continue;
        size_t start = i - (size_t)ph->hole_at;
        if (start + ph->n > hi)
            continue;
        if (phrase_matches_at(sc, ph, start))
            return true;
    }
    return false;
}

static void set_index(phrase_set *set)
{
    size_t nb = 16;
    while (nb < set->n * 2)
        nb *= 2;
    set->nbuckets = nb;
    set->by_first = vn_xmalloc(nb * sizeof *set->by_first);
    set->by_last = vn_xmalloc(nb * sizeof *set->by_last);
    for (size_t b = 0; b < nb; b++)
        set->by_first[b] = set->by_last[b] = -1;
    /* chains are built back to front so that they list phrases in file order */
    for (size_t k = set->n; k-- > 0;) {
        phrase *ph = &set->v[k];
        uint32_t hf = ptok_hash(&ph->t[0]) & (uint32_t)(nb - 1);
        uint32_t hl = ptok_hash(&ph->t[ph->n - 1]) & (uint32_t)(nb - 1);
        ph->next_first = set->by_first[hf];
        set->by_first[hf] = (int32_t)k;
        ph->next_last = set->by_last[hl];
        set->by_last[hl] = (int32_t)k;
    }
}

static void set_free(phrase_set *set)
{
    free(set->v);
    free(set->by_first);
    free(set->by_last);
    memset(set, 0, sizeof *set);
}

/* ---- loading the grammar files ------------------------------------------------------------- */

enum { NEED_NOTHING, NEED_VALUE_HOLE, NEED_YEAR_HOLE, NEED_ONE_TOKEN };

/* Tokenizes and folds one grammar phrase into the rules' arena. */
static vnplan_status add_phrase(struct vn_target_rules *r, scanner *sc, phrase_set *set,
                                const char *file, const vn_grow_row *row, int need,
                                phrase **out, vn_error *err)
{
    const char *text = row->f[0];
    tokenize(sc, text, strlen(text));
    ensure_keys(sc, 0, sc->ntoks);
    if (sc->ntoks == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: empty phrase", file, row->line);
    if (sc->ntoks > MAX_PHRASE_TOKENS)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: phrase longer than %d words", file,
                       row->line, MAX_PHRASE_TOKENS);
    if (need == NEED_ONE_TOKEN && sc->ntoks != 1)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: one word expected", file, row->line);
    ptok *pt = vn_arena_alloc(&r->arena, sizeof *pt * sc->ntoks);
    int holes = 0, hole_at = -1;
    for (size_t k = 0; k < sc->ntoks; k++) {
        const tok *t = &sc->toks[k];
        pt[k].type = t->type;
        pt[k].num = t->num;
        pt[k].hole = HOLE_NONE;
        pt[k].klen = t->klen;
        pt[k].key = t->type == TK_NUM ? "" : vn_arena_strndup(&r->arena, sc->keys.data + t->key, t->klen);
        if (t->type == TK_NUM && t->shape == NS_BAD)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: unreadable number", file, row->line);
        bool value_hole = need == NEED_VALUE_HOLE && tok_is(sc, k, "*");
        bool year_hole = need == NEED_YEAR_HOLE && tok_is(sc, k, "@");
        if (value_hole || year_hole) {
            pt[k].hole = value_hole ? HOLE_VALUE : HOLE_YEAR;
            holes++;
            hole_at = (int)k;
        }
    }
    if (need == NEED_VALUE_HOLE && holes != 1)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: a pattern needs exactly one '*'", file,
                       row->line);
    if (need == NEED_YEAR_HOLE && holes == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: a pattern needs a '@' for the year", file,
                       row->line);
    phrase *ph = &VN_PUSH(set->v, set->n, set->cap);
    memset(ph, 0, sizeof *ph);
    ph->t = pt;
    ph->n = (uint16_t)sc->ntoks;
    ph->hole_at = (int16_t)hole_at;
    ph->cmp = -1;
    if (out)
        *out = ph;
    return VNPLAN_OK;
}

/* What the second field of a row means for a block. */
enum { FIELD_NONE, FIELD_CMP, FIELD_CLASS };

static vnplan_status load_block(struct vn_target_rules *r, scanner *sc, const vnplan_grammar *g,
                                phrase_set *set, const char *file, const char *block, int field,
                                int need, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, file);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL) {
        if (row->nf == 0)
            continue;
        if (field != FIELD_NONE && (row->nf < 2 || row->f[1][0] == '\0'))
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: PHRASE<TAB>%s expected", file,
                           row->line, field == FIELD_CMP ? "COMPARATOR" : "CLASS");
        phrase *ph = NULL;
        vnplan_status st = add_phrase(r, sc, set, file, row, need, &ph, err);
        if (st != VNPLAN_OK)
            return st;
        if (field == FIELD_CMP) {
            int c = vn_cmp_from_name(row->f[1]);
            if (c < 0)
                return vn_fail(err, VNPLAN_ERR_GRAMMAR,
                               "%s:%u: unknown comparator \"%s\" (=, >=, >, <=, <, ~)", file,
                               row->line, row->f[1]);
            ph->cmp = (int8_t)c;
        } else if (field == FIELD_CLASS) {
            ph->cls = vn_arena_strndup(&r->arena, row->f[1], strlen(row->f[1]));
            if (row->nf >= 3 && strcmp(row->f[2], "lead") == 0)
                ph->needs_lead = true;
            else if (row->nf >= 3 && row->f[2][0] != '\0')
                return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: third field must be \"lead\" or empty",
                               file, row->line);
        }
    }
    set_index(set);
    return VNPLAN_OK;
}

static vnplan_status load_regexes(struct vn_target_rules *r, const vnplan_grammar *g, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, "targets.txt");
    size_t i = 0, cap = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "not_value_re", &i)) != NULL) {
        if (row->nf == 0 || row->f[0][0] == '\0')
            continue;
        pcre2_code *re = vn_grammar_regex(row->f[0], "targets.txt", row->line, err);
        if (!re)
            return VNPLAN_ERR_GRAMMAR;
        VN_PUSH(r->not_value_re, r->nnot_value_re, cap) = re;
    }
    return VNPLAN_OK;
}

static void scanner_init(scanner *sc, const struct vn_target_rules *r)
{
    memset(sc, 0, sizeof *sc);
    sc->r = r;
}

static void scanner_free(scanner *sc)
{
    free(sc->fc.slots);
    vn_buf_free(&sc->fc.bytes);
    free(sc->toks);
    vn_buf_free(&sc->keys);
    free(sc->blocked);
    free(sc->cands);
    free(sc->phases);
    if (sc->md)
        pcre2_match_data_free(sc->md);
    memset(sc, 0, sizeof *sc);
}

struct block_spec {
    size_t offset; /* of the phrase_set in vn_target_rules */
    const char *file, *block;
    int field, need;
};

#define RULE(member) offsetof(struct vn_target_rules, member)

static const struct block_spec block_specs[] = {
    {RULE(before), "comparators.txt", "before", FIELD_CMP, NEED_NOTHING},
    {RULE(after), "comparators.txt", "after", FIELD_CMP, NEED_NOTHING},
    {RULE(from), "comparators.txt", "from", FIELD_NONE, NEED_NOTHING},
    {RULE(change), "comparators.txt", "change", FIELD_NONE, NEED_NOTHING},
    {RULE(range), "comparators.txt", "range", FIELD_NONE, NEED_NOTHING},
    {RULE(coordinator), "comparators.txt", "coordinator", FIELD_NONE, NEED_NOTHING},
    {RULE(unit), "units.txt", "unit", FIELD_CLASS, NEED_NOTHING},
    {RULE(counted), "units.txt", "counted", FIELD_NONE, NEED_NOTHING},
    {RULE(rate), "units.txt", "rate", FIELD_CLASS, NEED_NOTHING},
    {RULE(rate_before), "units.txt", "rate_before", FIELD_CLASS, NEED_NOTHING},
    {RULE(share_of), "units.txt", "share_of", FIELD_CLASS, NEED_NOTHING},
    {RULE(multiple), "units.txt", "multiple", FIELD_CLASS, NEED_VALUE_HOLE},
    {RULE(not_value), "targets.txt", "not_value", FIELD_NONE, NEED_VALUE_HOLE},
    {RULE(phase), "targets.txt", "phase", FIELD_NONE, NEED_YEAR_HOLE},
    {RULE(not_phase), "targets.txt", "not_phase", FIELD_NONE, NEED_YEAR_HOLE},
    {RULE(citation), "targets.txt", "citation", FIELD_NONE, NEED_NOTHING},
    {RULE(sub_part), "targets.txt", "sub_part", FIELD_NONE, NEED_NOTHING},
    {RULE(ind_lead), "targets.txt", "indicator_lead", FIELD_NONE, NEED_NOTHING},
    {RULE(phase_heading), "targets.txt", "phase_heading", FIELD_NONE, NEED_ONE_TOKEN},
    {RULE(abbrev), "targets.txt", "abbrev", FIELD_NONE, NEED_ONE_TOKEN},
};

static void vocab_add(struct vn_target_rules *r, const char *key, size_t n)
{
    char sk[FOLD_CACHE_WORD];
    size_t m = skeleton(r, key, n, sk, sizeof sk);
    if (m == SIZE_MAX)
        return; /* longer than any word cheap_key looks at: those are folded anyway */
    vocab_insert(r->vocab, r->nvocab, &r->arena, sk, m);
    vocab_insert(r->keys, r->nvocab, &r->arena, key, n);
}

static void build_vocabulary(struct vn_target_rules *r)
{
    size_t words = 0;
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0]; k++) {
        const phrase_set *set = (const phrase_set *)((const char *)r + block_specs[k].offset);
        for (size_t p = 0; p < set->n; p++)
            words += set->v[p].n;
    }
    size_t slots = 64;
    while (slots < 2 * words + 2)
        slots *= 2;
    r->nvocab = slots;
    r->vocab = vn_xcalloc(slots, sizeof *r->vocab);
    r->keys = vn_xcalloc(slots, sizeof *r->keys);
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0]; k++) {
        const phrase_set *set = (const phrase_set *)((const char *)r + block_specs[k].offset);
        for (size_t p = 0; p < set->n; p++)
            for (size_t t = 0; t < set->v[p].n; t++)
                if (set->v[p].t[t].type == TK_WORD)
                    vocab_add(r, set->v[p].t[t].key, set->v[p].t[t].klen);
    }
}

vnplan_status vn_target_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_target_rules *r = vn_xcalloc(1, sizeof *r);
    build_base_letters(r);
    scanner sc;
    scanner_init(&sc, r);
    vnplan_status st = VNPLAN_OK;
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0] && st == VNPLAN_OK; k++) {
        const struct block_spec *b = &block_specs[k];
        phrase_set *set = (phrase_set *)((char *)r + b->offset);
        st = load_block(r, &sc, g, set, b->file, b->block, b->field, b->need, err);
    }
    if (st == VNPLAN_OK)
        st = load_regexes(r, g, err);
    if (st == VNPLAN_OK)
        st = vn_phrases_load(&r->situation, g, "targets.txt", "situation_heading", false, err);
    if (st == VNPLAN_OK)
        build_vocabulary(r);
    scanner_free(&sc);
    if (st != VNPLAN_OK) {
        vn_target_rules_free(r);
        return st;
    }
    g->targets = r;
    return VNPLAN_OK;
}

void vn_target_rules_free(struct vn_target_rules *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0]; k++)
        set_free((phrase_set *)((char *)r + block_specs[k].offset));
    for (size_t k = 0; k < r->nnot_value_re; k++)
        pcre2_code_free(r->not_value_re[k]);
    vn_phrases_free(&r->situation);
    free(r->not_value_re);
    free(r->vocab);
    free(r->keys);
    vn_arena_free(&r->arena);
    free(r);
}

/* ---- sentences and clauses ------------------------------------------------------------------ */

static bool is_sentence_end(scanner *sc, size_t i)
{
    const tok *t = &sc->toks[i];
    if (t->type != TK_PUNCT)
        return false;
    if (!tok_is(sc, i, ".") && !tok_is(sc, i, "!") && !tok_is(sc, i, "?") && !tok_is(sc, i, "…"))
        return false;
    if (i + 1 >= sc->ntoks)
        return true;
    const tok *nx = &sc->toks[i + 1];
    if (nx->glued)
        return false; /* "./.", "..." */
    bool opens = (nx->type == TK_WORD && nx->upper) || nx->type == TK_NUM || tok_is(sc, i + 1, "-") ||
                 tok_is(sc, i + 1, "+") || tok_is(sc, i + 1, "•") || tok_is(sc, i + 1, "(") ||
                 tok_is(sc, i + 1, "\"");
    if (!opens)
        return false;
    /* "TP. Hồ Chí Minh", "ThS. Nguyễn ..." */
    if (tok_is(sc, i, ".") && i > 0 && t->glued && sc->toks[i - 1].type == TK_WORD) {
        ensure_keys(sc, i - 1, i);
        if (match_forward(sc, &sc->r->abbrev, i - 1, i, NULL))
            return false;
    }
    return true;
}

static size_t sentence_end(scanner *sc, size_t a)
{
    for (size_t i = a; i < sc->ntoks; i++)
        if (is_sentence_end(sc, i))
            return i + 1;
    return sc->ntoks;
}

static size_t clause_end(const scanner *sc, size_t a, size_t sent_b)
{
    for (size_t i = a; i < sent_b; i++)
        if (sc->toks[i].paren == 0 && tok_is(sc, i, ";"))
            return i + 1;
    return sent_b;
}

/* ---- numbers that are no value ---------------------------------------------------------------- */

static bool is_joiner(const scanner *sc, size_t i)
{
    return tok_is(sc, i, "/") || tok_is(sc, i, "-") || tok_is(sc, i, ":") || tok_is(sc, i, "\\");
}

static bool is_word_or_num(const scanner *sc, size_t i)
{
    return i < sc->ntoks && sc->toks[i].type != TK_PUNCT;
}

/* Two numbers glued by '-': a date (24-5-2025) or a period of years are no
 * values; anything else may be a range ("10-15%"). */
static bool dash_pair_is_reference(const scanner *sc, size_t first)
{
    if (tok_is_year(&sc->toks[first]) || tok_is_year(&sc->toks[first + 2]))
        return true;
    bool more_after = first + 4 < sc->ntoks && sc->toks[first + 3].glued && tok_is(sc, first + 3, "-") &&
                      sc->toks[first + 4].glued && sc->toks[first + 4].type == TK_NUM;
    bool more_before = first >= 2 && sc->toks[first].glued && tok_is(sc, first - 1, "-") &&
                       sc->toks[first - 1].glued && sc->toks[first - 2].type == TK_NUM;
    return more_after || more_before;
}

/* A number glued into a reference, a date or a time: 1002/QĐ-TTg, 57-NQ/TW,
 * 24/5/2025, 10/12, 17:30, COVID-19. */
static bool is_glued_reference(const scanner *sc, size_t i)
{
    const tok *t = &sc->toks[i];
    if (i + 2 < sc->ntoks && sc->toks[i + 1].glued && is_joiner(sc, i + 1) && sc->toks[i + 2].glued &&
        is_word_or_num(sc, i + 2)) {
        if (!(tok_is(sc, i + 1, "-") && sc->toks[i + 2].type == TK_NUM))
            return true;
        if (dash_pair_is_reference(sc, i))
            return true;
    }
    if (i >= 2 && t->glued && is_joiner(sc, i - 1) && sc->toks[i - 1].glued &&
        is_word_or_num(sc, i - 2)) {
        if (!(tok_is(sc, i - 1, "-") && sc->toks[i - 2].type == TK_NUM))
            return true;
        if (dash_pair_is_reference(sc, i - 2))
            return true;
    }
    return false;
}

static bool is_phone_number(const tok *t)
{
    return t->ndigits >= 9 && t->lead_zero;
}

static void mark_blocked(scanner *sc);

/* Every reason a number can never be a value, whatever follows it.  The
 * [not_value_re] patterns are run over the text only when a number has
 * passed the cheaper tests: most numbers are dates and references. */
static bool never_a_value(scanner *sc, size_t i, size_t sent_a, size_t sent_b)
{
    const tok *t = &sc->toks[i];
    if (t->shape == NS_BAD || is_phone_number(t) || is_glued_reference(sc, i) ||
        pattern_around(sc, &sc->r->not_value, i, sent_a, sent_b))
        return true;
    if (!sc->blocked_ready)
        mark_blocked(sc);
    return sc->blocked[i];
}

/* ---- one candidate value -------------------------------------------------------------------- */

typedef struct unit_match {
    const char *cls;
    bool needs_lead;
    uint32_t a, b;         /* the unit as written */
    uint32_t noun_a, noun_b; /* the counted noun */
    uint32_t end;          /* where the words after the unit start */
} unit_match;

/* A rate some words after the counted noun: "500 tiến sĩ tài năng mỗi năm",
 * "14 người làm công tác nghiên cứu và phát triển trên 1 vạn dân".  Only
 * words may stand between: a comma or a number ends the noun's words. */
static const phrase *late_rate(const scanner *sc, size_t i, size_t end, size_t *at, size_t *len)
{
    enum { LOOKAHEAD = 12 };
    for (size_t k = i; k < end && k <= i + LOOKAHEAD; k++) {
        const phrase *ph = match_forward(sc, &sc->r->rate, k, end, len);
        if (ph) {
            *at = k;
            return ph;
        }
        if (sc->toks[k].type != TK_WORD)
            return NULL;
    }
    return NULL;
}

/* The unit right after token i-1: a complete unit, or a counted noun with
 * an optional rate ("người/năm"). */
static bool match_unit(const scanner *sc, size_t i, size_t end, unit_match *u)
{
    size_t len = 0, clen = 0;
    memset(u, 0, sizeof *u);
    const phrase *ph = match_forward(sc, &sc->r->unit, i, end, &len);
    /* the longer reading wins: "02 ngày hội" counts events, "15 ngày" is a duration */
    if (ph && match_forward(sc, &sc->r->counted, i, end, &clen) && clen > len)
        ph = NULL;
    if (ph) {
        u->cls = ph->cls;
        u->needs_lead = ph->needs_lead;
        u->a = (uint32_t)i;
        u->b = u->end = (uint32_t)(i + len);
        u->noun_a = u->noun_b = u->b;
        return true;
    }
    ph = match_forward(sc, &sc->r->counted, i, end, &len);
    if (!ph)
        return false;
    u->cls = CLASS_COUNT;
    u->a = u->noun_a = (uint32_t)i;
    u->b = u->noun_b = u->end = (uint32_t)(i + len);
    size_t rlen, at;
    const phrase *rate = match_forward(sc, &sc->r->rate, u->b, end, &rlen);
    if (rate) {
        u->cls = rate->cls;
        u->b = u->end = (uint32_t)(u->b + rlen);
    } else if ((rate = late_rate(sc, u->b, end, &at, &rlen)) != NULL) {
        /* the words between stay part of the indicator */
        u->cls = rate->cls;
        u->b = (uint32_t)(at + rlen);
    }
    return true;
}

/* The comparator words right before token i: "đạt tối thiểu", "khoảng".
 * The one nearest the number decides; a plain "=" never overrides. */
static void read_lead(const scanner *sc, cand *c, size_t i, size_t lo)
{
    size_t j = i;
    c->cmp = -1;
    while (j > lo) {
        size_t len;
        const phrase *ph = match_backward(sc, &sc->r->before, j - 1, lo, &len);
        if (!ph)
            break;
        /* "khoảng từ 20 đến 30": a qualifier before the low end of a range
         * qualifies the whole range */
        bool widens = c->from && c->cmp == VN_CMP_GE && ph->cmp == VN_CMP_APPROX;
        if (c->cmp < 0 || (c->cmp == VN_CMP_EQ && ph->cmp != VN_CMP_EQ) || widens)
            c->cmp = ph->cmp;
        if (match_backward(sc, &sc->r->from, j - 1, j - len, NULL))
            c->from = true;
        if (match_backward(sc, &sc->r->change, j - 1, j - len, NULL))
            c->change = true;
        j -= len;
        c->has_lead = true;
    }
    c->lead = (uint32_t)j;
}

/* A word that begins a comparator, range or coordinator phrase is never
 * the noun a number counts ("từ 18 đến 35 tuổi"). */
static bool is_function_word(const scanner *sc, size_t i, size_t end)
{
    const struct vn_target_rules *r = sc->r;
    return match_forward(sc, &r->range, i, end, NULL) || match_forward(sc, &r->change, i, end, NULL) ||
           match_forward(sc, &r->before, i, end, NULL) || match_forward(sc, &r->after, i, end, NULL) ||
           match_forward(sc, &r->coordinator, i, end, NULL) ||
           match_forward(sc, &r->sub_part, i, end, NULL);
}

/* "có 50 doanh nghiệp công nghệ số trở lên": a comparator after the unit's
 * own qualifiers, before any punctuation or other number. */
static const phrase *late_after(const scanner *sc, size_t i, size_t end)
{
    enum { LOOKAHEAD = 8 };
    for (size_t k = i; k < end && k < i + LOOKAHEAD; k++) {
        if (sc->toks[k].type != TK_WORD)
            return NULL;
        const phrase *ph = match_forward(sc, &sc->r->after, k, end, NULL);
        if (ph)
            return ph;
    }
    return NULL;
}

/* Tries to read a target value at token i of clause [ca, cb).  Returns the
 * token after what it consumed, or 0 when token i is no value. */
static size_t read_candidate(scanner *sc, size_t i, size_t ca, size_t cb, size_t sa, size_t sb,
                             cand *c)
{
    const tok *t = &sc->toks[i];
    if (never_a_value(sc, i, sa, sb))
        return 0;
    memset(c, 0, sizeof *c);
    c->num = (uint32_t)i;
    c->value = t->num;
    c->max_tok = UINT32_MAX;
    c->parent = -1;
    read_lead(sc, c, i, ca);
    unit_match u;
    size_t rlen;
    if (match_unit(sc, i + 1, cb, &u)) {
        /* a year is a value only when a unit says what it counts */
    } else if (match_forward(sc, &sc->r->range, i + 1, cb, &rlen) && i + 1 + rlen < cb &&
               sc->toks[i + 1 + rlen].type == TK_NUM && !tok_is_year(t) &&
               !never_a_value(sc, i + 1 + rlen, sa, sb) &&
               match_unit(sc, i + 2 + rlen, cb, &u)) {
        c->max_tok = (uint32_t)(i + 1 + rlen);
        c->value_max = sc->toks[c->max_tok].num;
    } else if (c->has_lead && c->cmp != VN_CMP_EQ && !tok_is_year(t) && i + 1 < cb &&
               sc->toks[i + 1].type == TK_WORD && !sc->toks[i + 1].upper &&
               !is_function_word(sc, i + 1, cb)) {
        /* "ít nhất 5 xã": an explicit qualifier makes the next word the counted noun */
        memset(&u, 0, sizeof u);
        u.cls = CLASS_COUNT;
        u.a = u.noun_a = (uint32_t)(i + 1);
        u.b = u.noun_b = u.end = (uint32_t)(i + 2);
        size_t rl, at;
        const phrase *rate = match_forward(sc, &sc->r->rate, u.b, cb, &rl);
        if (rate) {
            u.cls = rate->cls;
            u.b = u.end = (uint32_t)(u.b + rl);
        } else if ((rate = late_rate(sc, u.b, cb, &at, &rl)) != NULL) {
            /* "tối thiểu 02 phiên giao dịch việc làm/năm" */
            u.cls = rate->cls;
            u.b = (uint32_t)(at + rl);
        }
    } else {
        return 0;
    }
    if (u.needs_lead && !c->has_lead)
        return 0; /* "trẻ em 5 tuổi", "trong 5 ngày": a description, not a target */
    /* "tăng gấp 2 lần": a multiple of a base level, whatever "lần" counts elsewhere */
    const phrase *mult = i > 0 ? match_forward(sc, &sc->r->multiple, i - 1, cb, &rlen) : NULL;
    if (mult && i - 1 + rlen == u.b)
        u.cls = mult->cls;
    c->cls = u.cls;
    c->unit_a = u.a;
    c->unit_b = u.b;
    c->noun_a = u.noun_a;
    c->noun_b = u.noun_b;
    c->end = u.end;
    size_t alen;
    const phrase *after = match_forward(sc, &sc->r->after, c->end, cb, &alen);
    if (!after)
        after = late_after(sc, c->end, cb);
    else
        c->end += (uint32_t)alen;
    if (after) {
        c->cmp = after->cmp;
        c->after_cmp = true;
    }
    c->in_paren = t->paren > 0;
    c->clause_a = (uint32_t)ca;
    c->clause_b = (uint32_t)cb;
    c->sent_a = (uint32_t)sa;
    c->sent_b = (uint32_t)sb;
    return c->end;
}

/* ---- a clause: the values together ------------------------------------------------------------ */

static bool only_range_between(const scanner *sc, size_t a, size_t b)
{
    size_t len;
    return a < b && match_forward(sc, &sc->r->range, a, b, &len) && a + len == b;
}

/* "tăng từ 30% lên 40%": the first value is where the plan starts from.
 * "từ 10% đến 15%", "10% - 15%": one range. */
static void resolve_from_and_ranges(scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k + 1 < nv; k++) {
        cand *c = &v[k], *d = &v[k + 1];
        if (c->dropped || d->dropped)
            continue;
        if (c->from && !c->after_cmp && d->change) {
            c->dropped = true;
            d->lead = c->lead; /* "từ 65% lên" is all comparator words of 75% */
        } else if (c->max_tok == UINT32_MAX && d->lead == d->num && strcmp(c->cls, d->cls) == 0 &&
                   only_range_between(sc, c->end, d->num)) {
            c->value_max = d->value;
            c->max_tok = d->num;
            c->unit_a = d->unit_a;
            c->unit_b = d->unit_b;
            c->end = d->end;
            if (d->after_cmp) {
                c->cmp = d->cmp;
                c->after_cmp = true;
            }
            d->dropped = true;
        }
    }
}

/* A value in parentheses beside values outside them is a remark:
 * "đạt 80% (tương đương 5.000 người)", "(năm 2024 đạt 20%)". */
static void drop_remarks(cand *v, size_t nv)
{
    bool outside = false;
    for (size_t k = 0; k < nv; k++)
        outside |= !v[k].dropped && !v[k].in_paren;
    if (!outside)
        return;
    for (size_t k = 0; k < nv; k++)
        if (v[k].in_paren)
            v[k].dropped = true;
}

static size_t first_split(const scanner *sc, size_t a, size_t b, size_t *len);
static size_t find_sub_marker(const scanner *sc, size_t a, size_t b, size_t *len);

/* No top-level comma, coordinator or "trong đó" in [a, b). */
static bool one_phrase(const scanner *sc, size_t a, size_t b)
{
    size_t len;
    return first_split(sc, a, b, &len) == b && find_sub_marker(sc, a, b, &len) == SIZE_MAX;
}

/* A value with no comparator words of its own inside the words of another
 * value only describes what that one measures:
 *   "Tỷ lệ học sinh học 2 buổi/ngày không dưới 95%" (a count before a
 *   qualified value), "100% trẻ em 5 tuổi được ...", "100% xã có 01 điểm
 *   ..." (anything after a value, with no comma or "và" between). */
static void drop_qualifiers(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k + 1 < nv; k++) {
        cand *c = &v[k], *d = &v[k + 1];
        if (c->dropped || d->dropped || c->has_lead || c->after_cmp || !d->has_lead ||
            c->cls != CLASS_COUNT || c->num == c->clause_a)
            continue;
        if (one_phrase(sc, c->end, d->lead))
            c->dropped = true;
    }
    const cand *prev = NULL;
    for (size_t k = 0; k < nv; k++) {
        cand *d = &v[k];
        if (d->dropped)
            continue;
        if (prev && !d->has_lead && !d->after_cmp && prev->end <= d->lead &&
            one_phrase(sc, prev->end, d->lead)) {
            d->dropped = true;
            continue;
        }
        prev = d;
    }
}

static size_t compact(cand *v, size_t nv)
{
    size_t m = 0;
    for (size_t k = 0; k < nv; k++)
        if (!v[k].dropped)
            v[m++] = v[k];
    return m;
}

static void decide_comparators(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        cand *c = &v[k];
        if (c->max_tok != UINT32_MAX && (c->cmp < 0 || c->cmp == VN_CMP_EQ) && !c->after_cmp)
            c->cmp = VN_CMP_GE; /* a range states its low end as a minimum */
        if (c->cmp >= 0)
            continue;
        /* "ít nhất 2,5% ... và 18% ...": the comparator distributes */
        if (k > 0 && c->lead > c->clause_a &&
            match_backward(sc, &sc->r->coordinator, c->lead - 1, c->clause_a, NULL))
            c->cmp = v[k - 1].cmp;
        else
            c->cmp = VN_CMP_EQ;
    }
}

/* Where a "trong đó" marker lies in [a, b): its first token, or SIZE_MAX. */
static size_t find_sub_marker(const scanner *sc, size_t a, size_t b, size_t *len)
{
    for (size_t i = a; i < b; i++)
        if (match_forward(sc, &sc->r->sub_part, i, b, len))
            return i;
    return SIZE_MAX;
}

/* The target before a "trong đó" marker: the last main value before it in
 * this text, else the target before the text. */
static int32_t main_before(const cand *all, size_t upto)
{
    for (size_t k = upto; k-- > 0;)
        if (!all[k].sub)
            return (int32_t)k;
    return VN_SCAN_PARENT_BEFORE;
}

/* A clause after "trong đó" (no colon) goes on with the parts when it is one
 * value of the total's unit that still fits in it: "865,5 tỷ đồng, trong
 * đó ngân sách nhà nước 540 tỷ đồng; nguồn xã hội hóa 325,5 tỷ đồng" — not
 * "35%, trong đó 2,5% ...; tỷ lệ B đạt 90%". */
static bool continues_parts(const scanner *sc, const cand *all, const cand *v, size_t nv)
{
    if (sc->soft_parent < 0 || nv != 1)
        return false;
    const cand *p = &all[sc->soft_parent];
    if (!p->cls || !v[0].cls || strcmp(p->cls, v[0].cls) != 0 || isnan(p->value) || isnan(v[0].value))
        return false;
    bool additive = strcmp(p->cls, "pct") != 0 && strcmp(p->cls, "per_10k") != 0;
    double total = additive ? sc->soft_sum + v[0].value : v[0].value;
    return total <= p->value * 1.0001;
}

/* Values after "trong đó" in a clause are parts of the main value before
 * it.  "trong đó:" with a colon opens a list: the following clauses of the
 * sentence ("...; ngân sách tỉnh 620,5 tỷ đồng; ...") are parts too; without
 * the colon, the following clauses that fit (continues_parts). */
static void link_parts(scanner *sc, cand *all, size_t first, size_t nv)
{
    cand *v = all ? all + first : NULL; /* no candidate yet: no array either */
    int32_t parent = sc->list_parent;
    if (parent == -1 && nv > 0 && find_sub_marker(sc, v[0].clause_a, v[0].lead, NULL) == SIZE_MAX &&
        continues_parts(sc, all, v, nv)) {
        v[0].sub = true;
        v[0].parent = sc->soft_parent;
        sc->soft_sum += v[0].value;
        return;
    }
    sc->soft_parent = -1;
    for (size_t k = 0; k < nv; k++) {
        size_t from = k == 0 ? v[k].clause_a : v[k - 1].end;
        size_t len, m;
        if (parent == -1 && (m = find_sub_marker(sc, from, v[k].lead, &len)) != SIZE_MAX) {
            parent = main_before(all, first + k);
            if (tok_is(sc, m + len, ":"))
                sc->list_parent = parent;
            else if (parent >= 0) {
                sc->soft_parent = parent;
                sc->soft_sum = 0;
            }
        }
        if (parent != -1) {
            v[k].sub = true;
            v[k].parent = parent;
            if (parent == sc->soft_parent)
                sc->soft_sum += v[k].value;
        }
    }
}

/* ---- indicators ------------------------------------------------------------------------------ */

static bool is_trim_punct(const scanner *sc, size_t i)
{
    static const char *const marks[] = {",", ";", ":", "-", "(", ")", ".", "+", "•", "[", "]",
                                        "\"", "'", "…", "/"};
    if (sc->toks[i].type != TK_PUNCT)
        return false;
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (tok_is(sc, i, marks[k]))
            return true;
    return false;
}

static const phase_hit *phase_starting_at(const scanner *sc, size_t i)
{
    for (size_t k = 0; k < sc->nphases; k++)
        if (sc->phases[k].a == i)
            return &sc->phases[k];
    return NULL;
}

static const phase_hit *phase_ending_at(const scanner *sc, size_t b)
{
    for (size_t k = 0; k < sc->nphases; k++)
        if (sc->phases[k].b == b)
            return &sc->phases[k];
    return NULL;
}

/* A group "( ... )" starting at token a and closing before b that holds a
 * number: a remark such as "(năm 2024 đạt 38%)", not part of an indicator.
 * Returns the token after ')' or a. */
static size_t remark_after(const scanner *sc, size_t a, size_t b)
{
    if (!tok_is(sc, a, "("))
        return a;
    bool number = false;
    for (size_t i = a + 1; i < b; i++) {
        number |= sc->toks[i].type == TK_NUM;
        if (sc->toks[i].paren == sc->toks[a].paren && tok_is(sc, i, ")"))
            return number ? i + 1 : a;
    }
    return a;
}

/* The same, for a group that ends at token b-1.  Returns its '(' or b. */
static size_t remark_before(const scanner *sc, size_t a, size_t b)
{
    if (b == a || !tok_is(sc, b - 1, ")"))
        return b;
    bool number = false;
    for (size_t i = b - 1; i-- > a;) {
        number |= sc->toks[i].type == TK_NUM;
        if (sc->toks[i].paren == sc->toks[b - 1].paren && tok_is(sc, i, "("))
            return number ? i : b;
    }
    return b;
}

/* A '(' at a whose ')' lies before b, and the reverse: such a pair stays
 * in an indicator ("nghiên cứu và phát triển (R&D)"). */
static bool opens_group(const scanner *sc, size_t a, size_t b)
{
    if (!tok_is(sc, a, "("))
        return false;
    for (size_t i = a + 1; i < b; i++)
        if (sc->toks[i].paren == sc->toks[a].paren && tok_is(sc, i, ")"))
            return true;
    return false;
}

static bool closes_group(const scanner *sc, size_t a, size_t b)
{
    if (b == 0 || !tok_is(sc, b - 1, ")"))
        return false;
    for (size_t i = b - 1; i-- > a;)
        if (sc->toks[i].paren == sc->toks[b - 1].paren && tok_is(sc, i, "("))
            return true;
    return false;
}

/* Drops punctuation, remarks in parentheses, phase phrases, "trong đó",
 * a trailing "trở lên" and lead words such as "phấn đấu" from both ends of
 * [*a, *b).  With keep_head the start is left alone (it follows a noun). */
static void trim_indicator(const scanner *sc, uint32_t *a, uint32_t *b, bool drop_leads,
                           bool keep_head)
{
    bool changed = true;
    while (changed && *a < *b) {
        changed = false;
        size_t len, x;
        const phase_hit *ph;
        if (keep_head) {
            /* nothing */
        } else if ((x = remark_after(sc, *a, *b)) != *a) {
            *a = (uint32_t)x;
            changed = true;
        } else if (is_trim_punct(sc, *a) && !opens_group(sc, *a, *b)) {
            (*a)++;
            changed = true;
        } else if ((ph = phase_starting_at(sc, *a)) != NULL && ph->b <= *b) {
            *a = ph->b;
            changed = true;
        } else if (match_forward(sc, &sc->r->sub_part, *a, *b, &len) ||
                   (drop_leads && match_forward(sc, &sc->r->ind_lead, *a, *b, &len))) {
            *a += (uint32_t)len;
            changed = true;
        }
        if (*a >= *b)
            break;
        if ((x = remark_before(sc, *a, *b)) != *b) {
            *b = (uint32_t)x;
            changed = true;
        } else if (is_trim_punct(sc, *b - 1) && !closes_group(sc, *a, *b)) {
            (*b)--;
            changed = true;
        } else if ((ph = phase_ending_at(sc, *b)) != NULL && ph->a >= *a) {
            *b = ph->a;
            changed = true;
        } else if (match_backward(sc, &sc->r->coordinator, *b - 1, *a, &len) ||
                   match_backward(sc, &sc->r->after, *b - 1, *a, &len) ||
                   match_backward(sc, &sc->r->rate, *b - 1, *a, &len)) {
            *b -= (uint32_t)len;
            changed = true;
        }
    }
    if (*a >= *b)
        *a = *b;
}

/* The subject of a value is what follows the last top-level ':' of the words
 * before it ("Nhân lực KH&CN: phấn đấu đạt tỷ lệ ..." → "phấn đấu đạt tỷ lệ
 * ...").  When the value comes right after the colon, the words before it
 * are a label ("Đào tạo: ít nhất 35% sinh viên ...") if words follow the
 * value, and the subject itself otherwise ("Tỷ lệ đi học đúng độ tuổi: 99%"). */
static void cut_at_colon(const scanner *sc, uint32_t *a, uint32_t *b, bool words_after)
{
    size_t end = *b;
    while (end > *a && is_trim_punct(sc, end - 1) && !tok_is(sc, end - 1, ":"))
        end--;
    for (size_t i = end; i-- > *a;) {
        if (sc->toks[i].paren != 0 || !tok_is(sc, i, ":"))
            continue;
        if (i + 1 < end)
            *a = (uint32_t)(i + 1);
        else if (words_after)
            *a = *b;
        return;
    }
}

/* First top-level ',' or coordinator in [a, b), or b. */
static size_t first_split(const scanner *sc, size_t a, size_t b, size_t *len)
{
    uint8_t base = a < b ? sc->toks[a].paren : 0;
    for (size_t i = a; i < b; i++) {
        if (sc->toks[i].paren > base)
            continue;
        if (match_forward(sc, &sc->r->coordinator, i, b, len))
            return i;
    }
    *len = 0;
    return b;
}

/* Shares the words between two values: "... 2,5% thuộc các ngành khoa học
 * cơ bản và 18% ..." gives everything to the first; "... 35% ở mỗi trình độ,
 * tỷ lệ B đạt 40%" splits at the first comma; "trong đó" splits there. */
static void share_gap(const scanner *sc, cand *left, cand *right)
{
    uint32_t a = left->end, b = right->lead;
    size_t len;
    size_t m = find_sub_marker(sc, a, b, &len);
    if (m != SIZE_MAX) {
        left->seg_after_a = a;
        left->seg_after_b = (uint32_t)m;
        right->seg_before_a = (uint32_t)m;
        right->seg_before_b = b;
        return;
    }
    if (b > a && match_backward(sc, &sc->r->coordinator, b - 1, a, &len)) {
        left->seg_after_a = a;
        left->seg_after_b = b;
        right->seg_before_a = right->seg_before_b = b;
        return;
    }
    size_t split = first_split(sc, a, b, &len);
    if (split < b) {
        left->seg_after_a = a;
        left->seg_after_b = (uint32_t)split;
        right->seg_before_a = (uint32_t)(split + len);
        right->seg_before_b = b;
    } else {
        left->seg_after_a = left->seg_after_b = a;
        right->seg_before_a = a;
        right->seg_before_b = b;
    }
}

/* Does the token sequence [na, nb) occur in [a, b)? */
static bool contains_tokens(const scanner *sc, size_t a, size_t b, size_t na, size_t nb)
{
    size_t n = nb - na;
    for (size_t i = a; i + n <= b; i++) {
        size_t k = 0;
        while (k < n && sc->toks[i + k].type == sc->toks[na + k].type &&
               sc->toks[i + k].klen == sc->toks[na + k].klen &&
               memcmp(sc->keys.data + sc->toks[i + k].key, sc->keys.data + sc->toks[na + k].key,
                      sc->toks[na + k].klen) == 0)
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static void build_indicators(const scanner *sc, cand *v, size_t nv)
{
    if (nv == 0)
        return;
    v[0].seg_before_a = v[0].clause_a;
    v[0].seg_before_b = v[0].lead;
    v[nv - 1].seg_after_a = v[nv - 1].end;
    v[nv - 1].seg_after_b = v[nv - 1].clause_b;
    for (size_t k = 0; k + 1 < nv; k++)
        share_gap(sc, &v[k], &v[k + 1]);
    for (size_t k = 0; k < nv; k++) {
        cand *c = &v[k];
        uint32_t aa = c->seg_after_a, ab = c->seg_after_b;
        trim_indicator(sc, &aa, &ab, false, false);
        uint32_t a = c->seg_before_a, b = c->seg_before_b;
        size_t len;
        size_t m = find_sub_marker(sc, a, b, &len);
        if (m != SIZE_MAX)
            a = (uint32_t)(m + len);
        uint32_t label_a = a, label_b = b;
        cut_at_colon(sc, &a, &b, aa < ab || c->noun_a < c->noun_b);
        trim_indicator(sc, &a, &b, true, false);
        if (a == b && aa == ab && c->cls != CLASS_COUNT) {
            /* "Nhân lực số: phấn đấu đạt 20 người/1 vạn dân": nothing but the
             * label names the measure */
            a = label_a;
            b = label_b;
            for (size_t i = b; i-- > a;)
                if (sc->toks[i].paren == 0 && tok_is(sc, i, ":")) {
                    b = (uint32_t)i;
                    break;
                }
            trim_indicator(sc, &a, &b, true, false);
        }
        c->ind_a[VN_SCAN_IND_BEFORE] = a;
        c->ind_b[VN_SCAN_IND_BEFORE] = b;
        uint32_t na = c->noun_a, nb = c->noun_b;
        /* "Thu hút ít nhất 03 chuyên gia ...": the counted noun is part of
         * what is measured, unless the subject already names it.  Of a rate
         * ("người/năm") it is the subject of the words after it, if any. */
        bool noun_counts = c->cls == CLASS_COUNT || aa < ab || a == b; /* "Đạt 15 bác sĩ/10.000 dân" */
        if (na == nb || !noun_counts || contains_tokens(sc, a, b, na, nb))
            na = nb = c->end;
        if (na < nb && aa < ab && nb == c->end) {
            /* the noun runs on into its qualifiers: keep the text between as written */
            ab = c->seg_after_b;
            trim_indicator(sc, &nb, &ab, false, true);
            nb = ab;
            aa = ab;
        }
        c->ind_a[VN_SCAN_IND_NOUN] = na;
        c->ind_b[VN_SCAN_IND_NOUN] = nb;
        c->ind_a[VN_SCAN_IND_AFTER] = aa;
        c->ind_b[VN_SCAN_IND_AFTER] = ab;
    }
}

/* The [rate_before] phrase that ends the clause [a, b), before its final
 * punctuation ("... tại các cuộc thi khoa học kỹ thuật, tin học trẻ mỗi năm."),
 * or NULL. */
static const phrase *trailing_rate(const scanner *sc, size_t a, size_t b)
{
    while (b > a && sc->toks[b - 1].type != TK_WORD && sc->toks[b - 1].type != TK_NUM)
        b--;
    for (size_t i = b >= a + 4 ? b - 4 : a; i < b; i++) {
        size_t len;
        const phrase *ph = match_forward(sc, &sc->r->rate_before, i, b, &len);
        if (ph && i + len == b)
            return ph;
    }
    return NULL;
}

/* "Hằng năm, đào tạo 200 kỹ sư": a rate written before the counts of its
 * clause, or at its very end ("có ít nhất 10 học sinh đạt giải ... mỗi
 * năm").  One pass over the clause. */
static void apply_leading_rates(const scanner *sc, cand *v, size_t nv)
{
    const phrase *rate = NULL;
    size_t i = nv ? v[0].clause_a : 0;
    for (size_t k = 0; k < nv; k++) {
        for (; i < v[k].lead && !rate; i++)
            rate = match_forward(sc, &sc->r->rate_before, i, v[k].lead, NULL);
        if (i < v[k].end)
            i = v[k].end;
        const phrase *r = rate ? rate : trailing_rate(sc, v[k].end, v[k].clause_b);
        if (r && v[k].cls == CLASS_COUNT)
            v[k].cls = r->cls;
    }
}

/* "Tỷ trọng kinh tế số trong GRDP đạt 25%": a percentage whose indicator
 * names what it is a share of.  One pass over each value's clause, before
 * the value. */
static void apply_share_context(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (strcmp(v[k].cls, "pct") != 0)
            continue;
        const phrase *share = NULL;
        size_t from = v[k].clause_a;
        if (k > 0 && v[k - 1].clause_a == v[k].clause_a && v[k - 1].end > from)
            from = v[k - 1].end; /* not the words of an earlier value of the clause */
        for (size_t i = from; i < v[k].lead && !share; i++)
            share = match_forward(sc, &sc->r->share_of, i, v[k].lead, NULL);
        if (share)
            v[k].cls = share->cls;
    }
}

/* ---- phases stated in a sentence ------------------------------------------------------------ */

static bool inside_not_phase(const scanner *sc, size_t year_tok, size_t sa, size_t sb)
{
    size_t lo = year_tok >= MAX_PHRASE_TOKENS ? year_tok - MAX_PHRASE_TOKENS : 0;
    if (lo < sa)
        lo = sa;
    for (size_t i = lo; i <= year_tok; i++) {
        size_t len;
        if (match_forward(sc, &sc->r->not_phase, i, sb, &len) && i + len > year_tok)
            return true;
    }
    return false;
}

/* A cited document has a number or a name between its kind and the phase
 * ("Đề án đào tạo ... giai đoạn 2025 - 2035", "Quyết định số 1002/QĐ-TTg
 * ... đến năm 2030"); a kind followed at once by the phase ("kinh phí thực
 * hiện Kế hoạch giai đoạn 2025 - 2030", "Kế hoạch này ...") is the plan's own
 * period, which is the target's too. */
static bool after_citation(const scanner *sc, size_t at, size_t sa)
{
    size_t lo = at >= CITATION_LOOKBACK ? at - CITATION_LOOKBACK : 0;
    if (lo < sa)
        lo = sa;
    for (size_t i = lo; i < at; i++) {
        size_t len = 0;
        if (!match_forward(sc, &sc->r->citation, i, at, &len))
            continue;
        size_t gap = at - (i + len);
        if (gap == 1) {
            const tok *t = &sc->toks[i + len];
            if (t->b - t->a == 4 && memcmp(sc->s + t->a, "này", 4) == 0)
                continue;
        }
        if (gap > 0)
            return true;
    }
    return false;
}

static void find_phases(scanner *sc, size_t sa, size_t sb)
{
    sc->nphases = 0;
    for (size_t i = sa; i < sb && sc->nphases < MAX_PHASES_PER_SENTENCE;) {
        size_t len;
        const phrase *ph = match_forward(sc, &sc->r->phase, i, sb, &len);
        if (!ph) {
            i++;
            continue;
        }
        size_t year_tok = i + (size_t)ph->hole_at;
        if (!inside_not_phase(sc, year_tok, sa, sb) && !after_citation(sc, i, sa)) {
            phase_hit *h = &VN_PUSH(sc->phases, sc->nphases, sc->capphases);
            h->a = (uint32_t)i;
            h->b = (uint32_t)(i + len);
            h->year_tok = (uint32_t)year_tok;
            h->year = (uint16_t)sc->toks[year_tok].num;
            h->in_paren = sc->toks[i].paren > 0;
        }
        i += len;
    }
}

/* The phase a value's own words state, else its clause, else an earlier
 * clause of its sentence ("Đến năm 2030: ...; ..."). */
static uint16_t stated_phase(const scanner *sc, const cand *c)
{
    const phase_hit *own = NULL, *before = NULL, *after = NULL, *earlier = NULL;
    for (size_t k = 0; k < sc->nphases; k++) {
        const phase_hit *h = &sc->phases[k];
        if (h->in_paren != c->in_paren)
            continue;
        bool in_before = h->a >= c->seg_before_a && h->b <= c->seg_before_b;
        bool in_after = h->a >= c->seg_after_a && h->b <= c->seg_after_b;
        if (!own && (in_before || in_after))
            own = h;
        if (h->a >= c->clause_a && h->b <= c->lead)
            before = h;
        if (!after && h->a >= c->end && h->b <= c->clause_b)
            after = h;
        if (h->b <= c->clause_a)
            earlier = h;
    }
    const phase_hit *h = own ? own : before ? before : after ? after : earlier;
    return h ? h->year : VN_PHASE_NONE;
}

/* ---- the scan -------------------------------------------------------------------------------- */

static void mark_blocked(scanner *sc)
{
    sc->blocked_ready = true;
    if (sc->ntoks > sc->capblocked) {
        free(sc->blocked);
        sc->capblocked = sc->ntoks;
        sc->blocked = vn_xmalloc(sc->capblocked);
    }
    memset(sc->blocked, 0, sc->ntoks ? sc->ntoks : 1);
    for (size_t k = 0; k < sc->r->nnot_value_re; k++) {
        const pcre2_code *re = sc->r->not_value_re[k];
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
        if (!md)
            vn_oom();
        size_t off = 0, t = 0;
        /* no PCRE2_NO_UTF_CHECK: the scanner takes any bytes, and pcre2 on
         * invalid UTF-8 without its check is undefined behaviour */
        while (off <= sc->n && pcre2_match(re, (PCRE2_SPTR)sc->s, sc->n, off, 0, md, NULL) > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            size_t ma = ov[0], mb = ov[1];
            while (t < sc->ntoks && sc->toks[t].b <= ma)
                t++;
            for (size_t u = t; u < sc->ntoks && sc->toks[u].a < mb; u++)
                sc->blocked[u] = 1;
            off = mb > ma ? mb : mb + 1;
        }
        pcre2_match_data_free(md);
    }
}

static void scan_clause(scanner *sc, size_t ca, size_t cb, size_t sa, size_t sb)
{
    size_t first = sc->ncands;
    for (size_t i = ca; i < cb;) {
        if (sc->toks[i].type != TK_NUM) {
            i++;
            continue;
        }
        cand c;
        size_t next = read_candidate(sc, i, ca, cb, sa, sb, &c);
        if (!next) {
            i++;
            continue;
        }
        VN_PUSH(sc->cands, sc->ncands, sc->capcands) = c;
        i = next;
    }
    cand *v = sc->cands ? sc->cands + first : NULL; /* no candidate yet: no array either */
    size_t nv = sc->ncands - first;
    resolve_from_and_ranges(sc, v, nv);
    drop_remarks(v, nv);
    drop_qualifiers(sc, v, nv);
    nv = compact(v, nv);
    sc->ncands = first + nv;
    decide_comparators(sc, v, nv);
    link_parts(sc, sc->cands, first, nv);
    build_indicators(sc, v, nv);
    apply_leading_rates(sc, v, nv);
    apply_share_context(sc, v, nv);
    for (size_t k = 0; k < nv; k++)
        v[k].phase = stated_phase(sc, &v[k]);
}

static bool is_alnum_at(const char *s, size_t n, size_t i)
{
    return i < n && vn_cp_is_alnum(cp_at(s, n, i, NULL));
}

static bool is_alnum_before(const char *s, size_t i)
{
    size_t k = i;
    return i > 0 && vn_cp_is_alnum(vn_utf8_prev(s, &k));
}

/* A cheap look at the bytes before any tokenizing: does s[0..n) hold a digit
 * run that could be a value?  Runs glued into references and dates
 * ("57-NQ/TW", "24/5/2025", "1002/QĐ-TTg") or into words ("4G", "HĐND1")
 * cannot; tasks and duties are full of those.  Conservative: whatever the
 * exact rules might read as a value passes. */
static bool may_hold_value(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!vn_is_digit(s[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < n && (vn_is_digit(s[i]) ||
                         ((s[i] == '.' || s[i] == ',') && i + 1 < n && vn_is_digit(s[i + 1]))))
            i++;
        bool glued_word = is_alnum_before(s, a) || (i < n && vn_cp_is_letter(cp_at(s, n, i, NULL)));
        bool slash_after = i + 1 < n && s[i] == '/' && is_alnum_at(s, n, i + 1);
        bool slash_before = a >= 2 && s[a - 1] == '/' && is_alnum_before(s, a - 1);
        bool dash_word_after = i + 1 < n && s[i] == '-' && vn_cp_is_letter(cp_at(s, n, i + 1, NULL));
        bool dash_word_before = a >= 2 && s[a - 1] == '-' && is_alnum_before(s, a - 1) &&
                                !vn_is_digit(s[a - 2]);
        if (!(glued_word || slash_after || slash_before || dash_word_after || dash_word_before))
            return true;
    }
    return false;
}

static vn_scan_range tok_range(const scanner *sc, size_t a, size_t b)
{
    vn_scan_range r = {0, 0};
    if (a < b) {
        r.start = sc->toks[a].a;
        r.end = sc->toks[b - 1].b;
    } else if (a < sc->ntoks) {
        r.start = r.end = sc->toks[a].a;
    } else {
        r.start = r.end = (uint32_t)sc->n;
    }
    return r;
}

static void fill_hit(const scanner *sc, const cand *c, uint16_t default_phase, vn_scan_hit *h)
{
    memset(h, 0, sizeof *h);
    h->value = c->value;
    h->value_max = c->max_tok != UINT32_MAX ? c->value_max : 0;
    h->cmp = (uint8_t)c->cmp;
    h->phase = c->phase ? c->phase : default_phase;
    h->parent = c->parent;
    h->unit_class = c->cls;
    h->sentence = tok_range(sc, c->sent_a, c->sent_b);
    h->number = tok_range(sc, c->num, c->num + 1);
    h->unit = tok_range(sc, c->unit_a, c->unit_b);
    for (int k = 0; k < VN_SCAN_IND__COUNT; k++)
        h->indicator[k] = tok_range(sc, c->ind_a[k], c->ind_b[k]);
}

/* Scans s[0..n) into sc->cands. */
static void scan_text(scanner *sc, const char *s, size_t n)
{
    sc->ncands = 0;
    tokenize(sc, s, n);
    sc->blocked_ready = false;
    for (size_t sa = 0; sa < sc->ntoks;) {
        size_t sb = sentence_end(sc, sa);
        bool number = false;
        for (size_t i = sa; i < sb && !number; i++)
            number = sc->toks[i].type == TK_NUM;
        if (!number) {
            sa = sb;
            continue;
        }
        ensure_keys(sc, sa, sb);
        find_phases(sc, sa, sb);
        sc->list_parent = -1;
        sc->soft_parent = -1;
        for (size_t ca = sa; ca < sb;) {
            size_t cb = clause_end(sc, ca, sb);
            scan_clause(sc, ca, cb, sa, sb);
            ca = cb;
        }
        sa = sb;
    }
}

static size_t scan_into(scanner *sc, const char *s, size_t n, const vn_scan_ctx *ctx,
                        vn_scan_hit *out, size_t max)
{
    if (!s || n == 0 || n >= UINT32_MAX || !may_hold_value(s, n))
        return 0;
    scan_text(sc, s, n);
    uint16_t phase = ctx ? ctx->phase : VN_PHASE_NONE;
    for (size_t k = 0; k < sc->ncands && k < max; k++)
        fill_hit(sc, &sc->cands[k], phase, &out[k]);
    return sc->ncands;
}

size_t vn_targets_scan(const vnplan_grammar *g, const char *s, size_t n, const vn_scan_ctx *ctx,
                       vn_scan_hit *out, size_t max)
{
    if (!g)
        g = vnplan_grammar_default();
    if (!g || !g->targets)
        return 0;
    scanner sc;
    scanner_init(&sc, g->targets);
    size_t found = scan_into(&sc, s, n, ctx, out, max);
    scanner_free(&sc);
    return found;
}

void vn_scan_indicator(const char *s, const vn_scan_hit *hit, vn_buf *out)
{
    bool first = true;
    for (int k = 0; k < VN_SCAN_IND__COUNT; k++) {
        vn_scan_range r = hit->indicator[k];
        if (r.end <= r.start)
            continue;
        if (!first)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, s + r.start, r.end - r.start);
        first = false;
    }
}

/* Some phrase of the set ends with a token like token j. */
static bool ends_some_phrase(const scanner *sc, const phrase_set *set, size_t j)
{
    if (set->nbuckets == 0)
        return false;
    uint32_t h = sc->toks[j].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_last[h]; k >= 0; k = set->v[k].next_last)
        if (ptok_matches(sc, &set->v[k].t[set->v[k].n - 1], &sc->toks[j]))
            return true;
    return false;
}

static bool is_phase_heading(scanner *sc, const char *s, size_t n)
{
    tokenize(sc, s, n);
    bool words = false;
    for (size_t i = 0; i < sc->ntoks; i++) {
        ensure_keys(sc, i, i + 1); /* most headings fail at their first word */
        const tok *t = &sc->toks[i];
        if (t->type == TK_PUNCT || tok_is_year(t))
            continue;
        if (t->type != TK_WORD || !match_forward(sc, &sc->r->phase_heading, i, i + 1, NULL))
            return false;
        words = true;
    }
    return words;
}

static bool opens_parts(scanner *sc, const char *s, size_t n)
{
    /* only the end matters: start at a space some way before it */
    enum { TAIL = 160 };
    size_t from = n > TAIL ? n - TAIL : 0;
    while (from > 0 && from < n && s[from - 1] != ' ')
        from++;
    tokenize(sc, s + from, n - from);
    size_t b = sc->ntoks;
    while (b > 0 && sc->toks[b - 1].type == TK_PUNCT)
        b--;
    if (b == 0)
        return false;
    /* the last word must end some "trong đó" phrase before more is folded */
    ensure_keys(sc, b - 1, b);
    if (!ends_some_phrase(sc, &sc->r->sub_part, b - 1))
        return false;
    ensure_keys(sc, b > MAX_PHRASE_TOKENS ? b - MAX_PHRASE_TOKENS : 0, b);
    return b > 0 && match_backward(sc, &sc->r->sub_part, b - 1, 0, NULL);
}

bool vn_targets_is_phase_heading(const vnplan_grammar *g, const char *s, size_t n)
{
    if (!g)
        g = vnplan_grammar_default();
    if (!g || !g->targets || !s)
        return false;
    scanner sc;
    scanner_init(&sc, g->targets);
    bool yes = is_phase_heading(&sc, s, n);
    scanner_free(&sc);
    return yes;
}

bool vn_targets_opens_parts(const vnplan_grammar *g, const char *s, size_t n)
{
    if (!g)
        g = vnplan_grammar_default();
    if (!g || !g->targets || !s)
        return false;
    scanner sc;
    scanner_init(&sc, g->targets);
    bool yes = opens_parts(&sc, s, n);
    scanner_free(&sc);
    return yes;
}

/* ---- the tree ---------------------------------------------------------------------------------- */

#define TABLE_MAX_CELLS 12

typedef struct table_head {
    int32_t parent;          /* the node whose children the rows are, or -1 */
    size_t ncells;
    uint16_t phase[TABLE_MAX_CELLS]; /* per column; VN_PHASE_NONE for text columns */
    int unit_col;            /* -1 when no column names the unit */
    /* a table laid out with spaces (VN_PL_TABLE): the header's segments */
    size_t nsegs;
    vn_segment segs[TABLE_MAX_CELLS];
    int32_t last_main[TABLE_MAX_CELLS]; /* per column: the last row's target that is no part */
} table_head;

typedef struct extractor {
    vnplan_doc *doc;
    scanner sc;
    vn_buf text, tmp;
    vn_u32s map;
    int32_t *section;     /* per node: canonical label of its top-level section */
    int32_t *open_parent; /* per node: the target its sub-items' targets belong to, or -1 */
    table_head table;     /* the last header row of a table of targets */
    vn_buf cells;         /* the text of a laid-out row's cells, read from its lines */
    uint8_t *situation;   /* per node: under a heading that reports facts ("Đánh giá thực trạng") */
    uint8_t *list_clause; /* per node: its latest part ended a clause, so a paragraph may follow */
    int32_t *list_open;   /* per node: the target its next list items belong to, because a
                             paragraph among its children ended "..., trong đó:" — or -1 */
    int32_t last_main;    /* the last target that is no part of another */
} extractor;

static bool is_section_label(int label)
{
    return label >= VN_LABEL_MUC_DICH && label <= VN_LABEL_TO_CHUC_THUC_HIEN;
}

static bool is_skipped_subtree(const vn_node *nd)
{
    return nd->label == VN_LABEL_PREAMBLE || nd->label == VN_LABEL_CLOSING ||
           nd->label == VN_LABEL_FOOTNOTES || nd->kind == VN_KIND_FIELD ||
           nd->kind == VN_KIND_FOOTNOTE;
}

static void put_mapped(vn_buf *out, vn_u32s *map, const char *s, size_t a, size_t b)
{
    /* the output is never longer than the input: reserve once */
    vn_buf_reserve(out, b - a);
    map->v = vn_grow(map->v, &map->cap, map->len, b - a + 1, sizeof *map->v);
    size_t i = a;
    while (i < b) {
        size_t j = i;
        while (j < b && !vn_is_space((unsigned char)s[j]))
            j++;
        memcpy(out->data + out->len, s + i, j - i);
        out->len += j - i;
        for (size_t k = i; k < j; k++)
            map->v[map->len++] = (uint32_t)k;
        if (j < b) {
            size_t ws = j;
            while (j < b && vn_is_space((unsigned char)s[j]))
                j++;
            if (j < b) {
                out->data[out->len++] = ' ';
                map->v[map->len++] = (uint32_t)ws;
            }
        }
        i = j;
    }
}

/* vn_render_span (doc.c), plus a map from every rendered byte back to its
 * normalized offset so that targets get exact spans.  Keep the two in step. */
static void render_mapped(const vnplan_doc *doc, vn_span span, vn_buf *out, vn_u32s *map)
{
    if (span.end <= span.start)
        return;
    const char *s = doc->text.s;
    if (doc->nplines == 0) {
        put_mapped(out, map, s, span.start, span.end);
        return;
    }
    bool first = true;
    for (size_t k = vn_line_of(doc, span.start); k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->start >= span.end && pl->start != span.start)
            break;
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        size_t a = pl->start > span.start ? pl->start : span.start;
        size_t b = pl->end < span.end ? pl->end : span.end;
        while (a < b && vn_is_hspace(s[a]))
            a++;
        while (b > a && vn_is_hspace(s[b - 1]))
            b--;
        if (a >= b)
            continue;
        if (!first && !((pl->flags & VN_PL_JOIN_NOSPACE) && a == pl->start)) {
            vn_buf_putc(out, ' ');
            VN_PUSH(map->v, map->len, map->cap) = (uint32_t)a;
        } else if (!first && (pl->flags & VN_PL_DEHYPHEN) && a == pl->start && out->len &&
                   out->data[out->len - 1] == '-') {
            out->len--; /* as vn_render_span */
            map->len--;
        }
        put_mapped(out, map, s, a, b);
        first = false;
    }
}

/* A title and a text joined by nothing but punctuation on one line, or by a
 * colon ("- Nhân lực KH&CN: phấn đấu đạt ..."), are read as one sentence. */
static bool title_runs_into_text(const vnplan_doc *doc, vn_span title, vn_span text)
{
    if (text.start < title.end || text.start - title.end > 64)
        return false;
    const char *s = doc->text.s;
    bool newline = false, colon = false;
    for (size_t i = title.end; i < text.start; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || vn_is_digit(c) || (unsigned)((c | 0x20) - 'a') < 26u)
            return false;
        newline |= c == '\n';
        colon |= c == ':';
    }
    size_t e = title.end;
    while (e > title.start && vn_is_space((unsigned char)s[e - 1]))
        e--;
    colon |= e > title.start && s[e - 1] == ':';
    return !newline || colon;
}

/* The node's own text as one or two pieces: title and text. */
static size_t node_pieces(const vnplan_doc *doc, const vn_node *nd, vn_span out[2])
{
    bool has_title = nd->title.end > nd->title.start, has_text = nd->text.end > nd->text.start;
    if (has_title && has_text && title_runs_into_text(doc, nd->title, nd->text)) {
        out[0] = vn_span_make(nd->title.start, nd->text.end);
        return 1;
    }
    size_t n = 0;
    if (has_title)
        out[n++] = nd->title;
    if (has_text)
        out[n++] = nd->text;
    return n;
}

static vn_span map_range(const vn_u32s *map, vn_scan_range r)
{
    if (map->len == 0)
        return vn_span_make(0, 0);
    size_t last = map->len - 1;
    size_t a = r.start < map->len ? r.start : last;
    if (r.end <= r.start)
        return vn_span_make(map->v[a], map->v[a]);
    size_t b = r.end - 1 < map->len ? r.end - 1 : last;
    return vn_span_make(map->v[a], map->v[b] + 1);
}

static const char *arena_range(vnplan_doc *doc, const char *s, vn_scan_range r)
{
    return vn_arena_strndup(&doc->arena, s + r.start, r.end > r.start ? r.end - r.start : 0);
}

static vn_target *new_target(vnplan_doc *doc, int32_t node, int32_t section)
{
    vn_target *t = &VN_PUSH(doc->targets, doc->ntargets, doc->captargets);
    memset(t, 0, sizeof *t);
    char id[24];
    snprintf(id, sizeof id, "t%zu", doc->ntargets);
    t->id = vn_arena_strndup(&doc->arena, id, strlen(id));
    t->node = node;
    t->section = (uint8_t)section;
    t->parent = -1;
    return t;
}

/* A target's text is its sentence — but a "sentence" can be a whole page
 * when a plan lists figures separated only by commas, and every target would
 * carry (and every report repeat) all of it.  Past this length the text is
 * the clause around the value, and past it again a window around the value,
 * cut at spaces. */
#define TARGET_TEXT_MAX 600

static vn_scan_range target_context(const char *s, vn_scan_range sentence, vn_scan_range number)
{
    if (sentence.end - sentence.start <= TARGET_TEXT_MAX || number.start < sentence.start ||
        number.end > sentence.end)
        return sentence;
    /* the clause: look for its ends no further than the longest text kept */
    vn_scan_range r = sentence;
    uint32_t lo = number.start > sentence.start + TARGET_TEXT_MAX ? number.start - TARGET_TEXT_MAX : sentence.start;
    uint32_t hi = number.end + TARGET_TEXT_MAX < sentence.end ? number.end + TARGET_TEXT_MAX : sentence.end;
    r.start = lo;
    r.end = hi;
    for (uint32_t i = number.start; i > lo; i--)
        if (s[i - 1] == ';' || s[i - 1] == '.' || s[i - 1] == '\n') {
            r.start = i;
            break;
        }
    for (uint32_t i = number.end; i < hi; i++)
        if (s[i] == ';' || s[i] == '.' || s[i] == '\n') {
            r.end = i + 1;
            break;
        }
    if (r.end - r.start > TARGET_TEXT_MAX) {
        uint32_t half = TARGET_TEXT_MAX / 2;
        uint32_t a = number.start > r.start + half ? number.start - half : r.start;
        uint32_t b = number.end + half < r.end ? number.end + half : r.end;
        while (a > r.start && a < number.start && s[a - 1] != ' ')
            a++; /* forward to the next word start (never past the number) */
        while (b < r.end && b > number.end && s[b] != ' ')
            b--; /* back to the end of a word */
        /* never cut a UTF-8 sequence */
        while (a < number.start && ((unsigned char)s[a] & 0xC0) == 0x80)
            a++;
        while (b > number.end && b < r.end && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        r.start = a;
        r.end = b;
    }
    while (r.start < r.end && s[r.start] == ' ')
        r.start++;
    return r;
}

/* Records the hits of one piece of a node's text. */
/* A count of people over a stretch of time or of population. */
static bool is_rate_class(const char *cls)
{
    return cls && (!strcmp(cls, "per_year") || !strcmp(cls, "per_10k") || !strcmp(cls, "per_100") ||
                   !strcmp(cls, "per_1000"));
}

static size_t add_quantified(extractor *ex, int32_t n, int32_t inherited, int32_t *node_main)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    const char *s = ex->text.data;
    size_t base = doc->ntargets;
    int32_t section = ex->section[n];
    vn_scan_range last_sentence = {0, 0};
    const char *last_text = NULL;
    for (size_t k = 0; k < ex->sc.ncands; k++) {
        vn_scan_hit h;
        fill_hit(&ex->sc, &ex->sc.cands[k], nd->phase, &h);
        vn_target *t = new_target(doc, n, section);
        int32_t self = (int32_t)(doc->ntargets - 1);
        t->cmp = h.cmp;
        t->phase = h.phase;
        t->value = h.value;
        t->value_max = h.value_max;
        t->value_text = arena_range(doc, s, h.number);
        t->unit = arena_range(doc, s, h.unit);
        t->unit_class = vn_arena_strndup(&doc->arena, h.unit_class, strlen(h.unit_class));
        vn_buf_clear(&ex->tmp);
        vn_scan_indicator(s, &h, &ex->tmp);
        t->indicator = vn_arena_strndup(&doc->arena, ex->tmp.data ? ex->tmp.data : "", ex->tmp.len);
        /* the targets of one sentence share its text */
        vn_scan_range context = target_context(s, h.sentence, h.number);
        if (!last_text || context.start != last_sentence.start || context.end != last_sentence.end)
            last_text = arena_range(doc, s, context);
        last_sentence = context;
        t->text = last_text;
        /* "Năm 2026: tỷ lệ ... đạt 20%; năm 2027: đạt 25%": a clause that only
         * gives the next year's figure measures what the one before did */
        if (!*t->indicator && self > 0 && (size_t)self - 1 >= base) {
            const vn_target *prev = &doc->targets[self - 1];
            if (prev->text == t->text && prev->unit_class && !strcmp(prev->unit_class, t->unit_class))
                t->indicator = prev->indicator;
        }
        t->span = map_range(&ex->map, context);
        t->value_span = map_range(&ex->map, h.number);
        if (h.parent >= 0)
            t->parent = (int32_t)base + h.parent;
        else if (h.parent == VN_SCAN_PARENT_BEFORE)
            t->parent = ex->last_main >= 0 && doc->targets[ex->last_main].section == section
                            ? ex->last_main
                            : -1;
        else
            t->parent = inherited;
        /* a part that states no phase has its total's ("Tổng kinh phí giai
         * đoạn 2025 - 2030 ..., trong đó:" then "- Ngân sách tỉnh: 62 tỷ đồng") */
        if (t->parent >= 0 && !ex->sc.cands[k].phase && (size_t)t->parent < doc->ntargets)
            t->phase = doc->targets[t->parent].phase;
        /* and a count that is part of a yearly total is yearly too ("Hằng năm
         * đào tạo khoảng 2.000 lao động, trong đó: + Ít nhất 500 lao động ...") */
        if (t->parent >= 0 && (size_t)t->parent < doc->ntargets && !strcmp(t->unit_class, CLASS_COUNT) &&
            is_rate_class(doc->targets[t->parent].unit_class))
            t->unit_class = doc->targets[t->parent].unit_class;
        if (t->parent < 0) {
            ex->last_main = self;
            *node_main = self;
        }
    }
    return ex->sc.ncands;
}

static bool has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (vn_cp_is_letter(vn_utf8_next(s, n, &i)))
            return true;
    }
    return false;
}

/* An objective under Mục tiêu with no number: one qualitative target for the
 * node, unless it only names a phase ("Mục tiêu cụ thể đến năm 2030"). */
static void add_qualitative(extractor *ex, int32_t n)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    vn_span pieces[2];
    size_t np = 0;
    bool has_title = nd->title.end > nd->title.start, has_text = nd->text.end > nd->text.start;
    bool keep_title = false;
    if (has_title && !is_section_label(nd->label)) {
        vn_buf_clear(&ex->tmp);
        vn_render_span(doc, nd->title, &ex->tmp);
        keep_title = !is_phase_heading(&ex->sc, ex->tmp.data ? ex->tmp.data : "", ex->tmp.len);
    }
    if (keep_title)
        np = node_pieces(doc, nd, pieces);
    else if (has_text)
        pieces[np++] = nd->text;
    if (np == 0)
        return;
    vn_buf_clear(&ex->text);
    ex->map.len = 0;
    for (size_t k = 0; k < np; k++) {
        if (k > 0 && ex->text.len > 0) {
            vn_buf_putc(&ex->text, ' ');
            VN_PUSH(ex->map.v, ex->map.len, ex->map.cap) = pieces[k].start;
        }
        render_mapped(doc, pieces[k], &ex->text, &ex->map);
    }
    const char *s = ex->text.data ? ex->text.data : "";
    size_t len = ex->text.len;
    if (!has_letter(s, len) || is_phase_heading(&ex->sc, s, len))
        return;
    size_t ind_len = len;
    while (ind_len > 0 && (s[ind_len - 1] == ':' || s[ind_len - 1] == ';' || s[ind_len - 1] == ',' ||
                           s[ind_len - 1] == '.' || s[ind_len - 1] == ' '))
        ind_len--;
    vn_target *t = new_target(doc, n, ex->section[n]);
    t->qualitative = 1;
    t->cmp = VN_CMP_EQ;
    t->phase = nd->phase;
    t->text = vn_arena_strndup(&doc->arena, s, len);
    t->indicator = ind_len == len ? t->text : vn_arena_strndup(&doc->arena, s, ind_len);
    vn_scan_range whole = {0, (uint32_t)len};
    t->span = map_range(&ex->map, whole);
}

/* ---- tables of targets ------------------------------------------------------------------
 * Plans often list their figures in a table: a header row naming the phase
 * of each column ("Đến năm 2027", "Năm 2030"), then one row per indicator
 * with its unit and a value per phase.  Exported from Word the cells are
 * separated by TABs.  A header row is remembered for its parent node; each
 * row under it gives a target per value cell, read by the sentence scanner
 * from "INDICATOR đạt VALUE UNIT" so units and comparators mean the same
 * as in sentences. */

typedef struct table_cell {
    uint32_t start, end; /* normalized offsets, trimmed (a cell read from several lines: the first
                            piece's start to the last's end) */
    const char *text;    /* a cell read from several lines: its pieces joined; else NULL */
    uint32_t len;
} table_cell;

/* The text of a cell. */
static const char *cell_s(const char *s, const table_cell *c) { return c->text ? c->text : s + c->start; }
static size_t cell_n(const table_cell *c) { return c->text ? c->len : c->end - c->start; }

static size_t split_cells(const char *s, vn_span sp, table_cell *cells)
{
    size_t n = 0;
    uint32_t a = sp.start;
    for (uint32_t i = sp.start; i <= sp.end && n < TABLE_MAX_CELLS; i++) {
        if (i < sp.end && s[i] != '\t')
            continue;
        uint32_t x = a, y = i;
        while (x < y && vn_is_space(s[x]))
            x++;
        while (y > x && vn_is_space(s[y - 1]))
            y--;
        cells[n].start = x;
        cells[n].end = y;
        cells[n].text = NULL;
        cells[n].len = 0;
        n++;
        a = i + 1;
    }
    return n;
}

/* The phase a header cell names ("Đến năm 2027", "Năm 2030", "2030"). */
static uint16_t cell_phase(const char *text, const table_cell *c)
{
    const char *s = cell_s(text, c);
    size_t n = cell_n(c);
    uint16_t last = VN_PHASE_NONE; /* the last year of the cell: "2026-2030" ends in 2030 */
    for (size_t i = 0; i + 4 <= n; i++)
        if ((s[i] == '1' || s[i] == '2') && vn_is_digit(s[i + 1]) && vn_is_digit(s[i + 2]) &&
            vn_is_digit(s[i + 3]) && (i + 4 == n || !vn_is_digit(s[i + 4])) && (i == 0 || !vn_is_digit(s[i - 1])))
            last = (uint16_t)((s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0'));
    return last;
}

static bool cell_has_digit(const char *text, const table_cell *c)
{
    const char *s = cell_s(text, c);
    for (size_t i = 0; i < cell_n(c); i++)
        if (vn_is_digit(s[i]))
            return true;
    return false;
}

static bool cell_is_count(const char *text, const table_cell *c) /* "3", "1.2": the row number */
{
    const char *s = cell_s(text, c);
    size_t n = cell_n(c);
    if (n == 0 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!vn_is_digit(s[i]) && s[i] != '.')
            return false;
    return true;
}

/* A header row: some cells name a year, the others hold no digit. */
static bool read_table_head(const vnplan_doc *doc, const table_cell *cells, size_t n, table_head *h)
{
    const char *s = doc->text.s;
    size_t phases = 0;
    h->ncells = n;
    h->unit_col = -1;
    for (size_t i = 0; i < n; i++) {
        h->phase[i] = cell_phase(s, &cells[i]);
        h->last_main[i] = -1;
        if (h->phase[i])
            phases++;
        else if (cell_has_digit(s, &cells[i]))
            return false;
        else {
            vn_buf key = {0};
            vn_fold_key(cell_s(s, &cells[i]), cell_n(&cells[i]), &key);
            if (key.len && (strstr(key.data, "đơn vị") || strcmp(key.data, "đvt") == 0))
                h->unit_col = (int)i;
            vn_buf_free(&key);
        }
    }
    return phases >= 1 && n >= 3;
}

/* The text starts with a [sub_part] phrase: "Trong đó: thuộc các ngành ...". */
static bool starts_part(scanner *sc, const char *s, size_t n)
{
    tokenize(sc, s, n < 80 ? n : 80);
    size_t b = sc->ntoks < MAX_PHRASE_TOKENS ? sc->ntoks : MAX_PHRASE_TOKENS;
    ensure_keys(sc, 0, b);
    return b > 0 && match_forward(sc, &sc->r->sub_part, 0, b, NULL) != NULL;
}

/* One row of a table under a known header: a target per value cell.  A row
 * whose indicator starts "Trong đó" holds parts of the row above it, column
 * by column.  text: the row as a reader reads it. */
static size_t read_table_row(extractor *ex, int32_t n, table_head *h, const table_cell *cells, size_t ncells,
                             const char *text, size_t textlen)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    /* the indicator: the longest cell without a phase that is not the unit */
    int ind = -1;
    for (size_t i = 0; i < ncells && i < h->ncells; i++) {
        if (h->phase[i] || (int)i == h->unit_col || cell_is_count(s, &cells[i]) || cell_n(&cells[i]) == 0)
            continue;
        if (ind < 0 || cell_n(&cells[i]) > cell_n(&cells[ind]))
            ind = (int)i;
    }
    if (ind < 0)
        return 0;
    bool part = starts_part(&ex->sc, cell_s(s, &cells[ind]), cell_n(&cells[ind]));
    size_t found = 0;
    vn_buf sentence = {0};
    for (size_t i = 0; i < ncells && i < h->ncells; i++) {
        if (!h->phase[i] || !cell_has_digit(s, &cells[i]))
            continue;
        vn_buf_clear(&sentence);
        vn_buf_put(&sentence, cell_s(s, &cells[ind]), cell_n(&cells[ind]));
        size_t value_at = sentence.len + 5; /* after " đạt " */
        vn_buf_puts(&sentence, " đạt ");
        vn_buf_put(&sentence, cell_s(s, &cells[i]), cell_n(&cells[i]));
        if (h->unit_col >= 0 && (size_t)h->unit_col < ncells) {
            vn_buf_putc(&sentence, ' ');
            vn_buf_put(&sentence, cell_s(s, &cells[h->unit_col]), cell_n(&cells[h->unit_col]));
        }
        vn_scan_hit hit;
        vn_scan_ctx ctx = {h->phase[i]};
        if (vn_targets_scan(doc->grammar, sentence.data, sentence.len, &ctx, &hit, 1) < 1 ||
            hit.number.start < value_at)
            continue;
        vn_target *t = new_target(doc, n, ex->section[n]);
        int32_t self = (int32_t)(doc->ntargets - 1);
        t->cmp = hit.cmp;
        t->phase = h->phase[i];
        t->value = hit.value;
        t->value_max = hit.value_max;
        /* the number as written, without the cell's qualifier ("Tối thiểu 50") */
        t->value_text = vn_arena_strndup(&doc->arena, sentence.data + hit.number.start,
                                         hit.number.end - hit.number.start);
        t->unit = vn_arena_strndup(&doc->arena, sentence.data + hit.unit.start, hit.unit.end - hit.unit.start);
        t->unit_class = vn_arena_strndup(&doc->arena, hit.unit_class, strlen(hit.unit_class));
        t->indicator = vn_arena_strndup(&doc->arena, cell_s(s, &cells[ind]), cell_n(&cells[ind]));
        t->text = vn_arena_strndup(&doc->arena, text, textlen);
        t->span = vn_node_own_span(doc, (size_t)n);
        t->value_span = vn_span_make(cells[i].start, cells[i].end);
        t->parent = part ? h->last_main[i] : -1;
        if (!part)
            h->last_main[i] = self;
        found++;
    }
    vn_buf_free(&sentence);
    return found;
}

/* The cells of a row of a table laid out with spaces: each segment of each
 * of the row's lines goes to the column of the segment of the row's first
 * line that starts where it does (a wrapped indicator starts under its
 * first line), else to the header column it overlaps most; the pieces of a
 * cell are joined with a space (ex->cells holds the texts). */
#define ROW_MAX_PIECES 64
static size_t layout_row_cells(extractor *ex, const vn_node *nd, const table_head *h, table_cell *cells)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    struct piece { int col; uint32_t a, b; } pieces[ROW_MAX_PIECES];
    size_t np = 0, nfirst = 0;
    vn_segment first[TABLE_MAX_CELLS];
    int first_col[TABLE_MAX_CELLS];
    bool first_line = true;
    for (uint32_t k = nd->line_first; k <= nd->line_last && k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        vn_segment g[TABLE_MAX_CELLS];
        size_t ng = vn_line_segments(s + pl->start, pl->end - pl->start, vn_pline_indent(doc, k), g,
                                     TABLE_MAX_CELLS);
        for (size_t i = 0; i < ng && np < ROW_MAX_PIECES; i++) {
            int col = -1;
            for (size_t f = 0; f < nfirst && col < 0; f++)
                if (g[i].col + 1 >= first[f].col && g[i].col <= first[f].col + 1)
                    col = first_col[f];
            if (col < 0)
                col = vn_segment_column(h->segs, h->nsegs, &g[i], 3);
            if (col < 0)
                continue;
            if (first_line && nfirst < TABLE_MAX_CELLS) {
                first[nfirst] = g[i];
                first_col[nfirst++] = col;
            }
            pieces[np].col = col;
            pieces[np].a = pl->start + g[i].start;
            pieces[np].b = pl->start + g[i].end;
            np++;
        }
        first_line = false;
    }
    vn_buf_clear(&ex->cells);
    size_t off[TABLE_MAX_CELLS];
    for (size_t col = 0; col < h->nsegs; col++) {
        off[col] = ex->cells.len;
        cells[col].start = cells[col].end = 0;
        for (size_t p = 0; p < np; p++) {
            if (pieces[p].col != (int)col)
                continue;
            if (ex->cells.len > off[col])
                vn_buf_putc(&ex->cells, ' ');
            vn_buf_put(&ex->cells, s + pieces[p].a, pieces[p].b - pieces[p].a);
            if (cells[col].end == 0)
                cells[col].start = pieces[p].a;
            cells[col].end = pieces[p].b;
        }
        cells[col].len = (uint32_t)(ex->cells.len - off[col]);
    }
    /* pointers only now: the buffer may have moved while it grew */
    for (size_t col = 0; col < h->nsegs; col++)
        cells[col].text = ex->cells.data ? ex->cells.data + off[col] : "";
    return h->nsegs;
}

/* A row under the current header, its targets' text being the row as a
 * reader reads it: its cells, apart. */
static size_t read_table_row_text(extractor *ex, int32_t n, const table_cell *cells, size_t nc)
{
    const char *s = ex->doc->text.s;
    vn_buf row = {0};
    for (size_t c = 0; c < nc; c++) {
        if (!cell_n(&cells[c]))
            continue;
        if (row.len)
            vn_buf_puts(&row, " | ");
        vn_buf_put(&row, cell_s(s, &cells[c]), cell_n(&cells[c]));
    }
    size_t found = read_table_row(ex, n, &ex->table, cells, nc, row.data ? row.data : "", row.len);
    vn_buf_free(&row);
    return found;
}

/* Returns true when node n is a row of a table (handled here, not as a sentence). */
static bool visit_table_row(extractor *ex, int32_t n, size_t *found)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    if (nd->kind != VN_KIND_PARAGRAPH)
        return false;
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc;
    bool laid_out = nd->line_first < doc->nplines && (doc->plines[nd->line_first].flags & VN_PL_TABLE);
    vn_span own = vn_node_own_span(doc, (size_t)n);
    if (laid_out) {
        const vn_pline *pl = &doc->plines[nd->line_first];
        if (pl->flags & VN_PL_TABLE_HEAD) {
            vn_segment g[TABLE_MAX_CELLS];
            size_t ng = vn_line_segments(doc->text.s + pl->start, pl->end - pl->start,
                                         vn_pline_indent(doc, nd->line_first), g, TABLE_MAX_CELLS);
            for (size_t i = 0; i < ng; i++) {
                cells[i].start = pl->start + g[i].start;
                cells[i].end = pl->start + g[i].end;
                cells[i].text = NULL;
                cells[i].len = 0;
            }
            table_head head;
            if (ng < 3 || !read_table_head(doc, cells, ng, &head))
                return false;
            head.parent = nd->parent;
            head.nsegs = ng;
            memcpy(head.segs, g, ng * sizeof *g);
            ex->table = head;
            return true;
        }
        if (ex->table.parent != nd->parent || ex->table.nsegs == 0)
            return false;
        nc = layout_row_cells(ex, nd, &ex->table, cells);
        *found = read_table_row_text(ex, n, cells, nc);
        return true;
    }
    if (!memchr(doc->text.s + own.start, '\t', own.end - own.start))
        return false;
    /* a row whose first cell is empty starts with a TAB, which the line's
     * own span leaves out: the cells count from the line's start */
    while (own.start > 0 && (doc->text.s[own.start - 1] == '\t' || doc->text.s[own.start - 1] == ' '))
        own.start--;
    nc = split_cells(doc->text.s, own, cells);
    if (nc < 3)
        return false;
    table_head head;
    if (read_table_head(doc, cells, nc, &head)) {
        head.parent = nd->parent;
        head.nsegs = 0;
        ex->table = head;
        return true;
    }
    if (ex->table.parent != nd->parent || ex->table.ncells == 0)
        return false;
    *found = read_table_row_text(ex, n, cells, nc);
    return true;
}

/* The node's text ends a clause (";" or ","), not a sentence. */
static bool ends_clause(const vnplan_doc *doc, const vn_node *nd)
{
    size_t e = nd->text.end;
    while (e > nd->text.start && vn_is_space(doc->text.s[e - 1]))
        e--;
    return e > nd->text.start && (doc->text.s[e - 1] == ';' || doc->text.s[e - 1] == ',');
}

static void visit(extractor *ex, int32_t n)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    int32_t parent = nd->parent;
    /* an annex counts as a section of its own: a table of targets there is the plan's */
    ex->section[n] = is_section_label(nd->label) || (nd->kind == VN_KIND_PART && nd->label == VN_LABEL_ANNEX)
                         ? nd->label
                     : parent >= 0 ? ex->section[parent]
                                   : VN_LABEL_OTHER;
    int32_t inherited = parent >= 0 ? ex->open_parent[parent] : -1;
    /* "Tổng kinh phí ... 486,75 tỷ đồng, trong đó:" as a paragraph, then the
     * parts beside it: list items, or paragraphs as long as the one before
     * ended a clause (";" or ","), not a sentence (Word's lost sub-item
     * markers) — they belong to the paragraph's total */
    bool is_item = nd->kind == VN_KIND_ITEM;
    bool part_paragraph = nd->kind == VN_KIND_PARAGRAPH && parent >= 0 && ex->list_open[parent] >= 0 &&
                          ex->list_clause[parent];
    if (parent >= 0 && inherited < 0 && (is_item || part_paragraph))
        inherited = ex->list_open[parent];
    if (parent >= 0 && !is_item && !part_paragraph)
        ex->list_open[parent] = -1;
    if (part_paragraph)
        ex->list_clause[parent] = ends_clause(doc, nd);
    ex->open_parent[n] = -1;
    ex->list_open[n] = -1;
    if (nd->kind == VN_KIND_DOCUMENT || nd->kind == VN_KIND_PART)
        return;
    /* "Phần I. ĐÁNH GIÁ THỰC TRẠNG", "1. Kết quả đạt được": figures of the
     * present, not commitments (never inside the objectives) */
    ex->situation[n] = parent >= 0 ? ex->situation[parent] : 0;
    if (!ex->situation[n] && ex->section[n] != VN_LABEL_MUC_TIEU &&
        (nd->kind == VN_KIND_SECTION || nd->kind == VN_KIND_HEADING) && nd->title.end > nd->title.start) {
        vn_buf_clear(&ex->tmp);
        vn_render_span(doc, nd->title, &ex->tmp);
        vn_buf key = {0};
        vn_fold_key(ex->tmp.data ? ex->tmp.data : "", ex->tmp.len, &key);
        ex->situation[n] = vn_phrases_prefix(&doc->grammar->targets->situation, key.data ? key.data : "",
                                             key.len, NULL) >= 0;
        vn_buf_free(&key);
    }
    if (ex->situation[n])
        return;
    size_t table_found = 0;
    if (visit_table_row(ex, n, &table_found)) {
        if (table_found == 0 && ex->section[n] == VN_LABEL_MUC_TIEU && ex->table.parent != nd->parent)
            add_qualitative(ex, n);
        return;
    }
    if (nd->kind != VN_KIND_ITEM && nd->kind != VN_KIND_PARAGRAPH)
        ex->table.parent = -1; /* a heading ends any table */
    vn_span pieces[2];
    size_t np = node_pieces(doc, nd, pieces);
    size_t found = 0, rendered = SIZE_MAX;
    int32_t node_main = -1;
    vn_scan_ctx ctx = {nd->phase};
    for (size_t k = 0; k < np; k++) {
        /* most text holds no digit at all, or only references and dates:
         * skip it before any rendering */
        if (!may_hold_value(doc->text.s + pieces[k].start, pieces[k].end - pieces[k].start))
            continue;
        /* A TAB outside a table of targets still parts cells (a task table
         * in an annex: "7 ⇥ Tổ chức diễn đàn ... ⇥ 2025 - 2026 ⇥ Chương
         * trình ..."): a number never takes its unit from the next cell. */
        for (uint32_t a = pieces[k].start; a < pieces[k].end;) {
            const char *tab = memchr(doc->text.s + a, '\t', pieces[k].end - a);
            uint32_t b = tab ? (uint32_t)(tab - doc->text.s) : pieces[k].end;
            vn_span cell = vn_span_make(a, b);
            a = b + 1;
            if (b > cell.start && may_hold_value(doc->text.s + cell.start, b - cell.start)) {
                vn_buf_clear(&ex->text);
                ex->map.len = 0;
                render_mapped(doc, cell, &ex->text, &ex->map);
                rendered = tab || cell.start != pieces[k].start ? SIZE_MAX : k;
                ex->sc.ncands = 0;
                if (scan_into(&ex->sc, ex->text.data, ex->text.len, &ctx, NULL, 0) > 0)
                    found += add_quantified(ex, n, inherited, &node_main);
            }
        }
    }
    if (found == 0 && ex->section[n] == VN_LABEL_MUC_TIEU)
        add_qualitative(ex, n);
    /* "..., trong đó:" hands its target to the sub-items below */
    if (node_main < 0)
        return;
    if (rendered != np - 1) {
        vn_buf_clear(&ex->text);
        ex->map.len = 0;
        render_mapped(doc, pieces[np - 1], &ex->text, &ex->map);
    }
    if (opens_parts(&ex->sc, ex->text.data ? ex->text.data : "", ex->text.len)) {
        ex->open_parent[n] = node_main;
        if (!is_item && parent >= 0) {
            ex->list_open[parent] = node_main;
            ex->list_clause[parent] = 1;
        }
    }
}

static bool valid_link(const vnplan_doc *doc, int32_t i)
{
    return i >= -1 && (i < 0 || (size_t)i < doc->nnodes);
}

void vn_targets_extract(vnplan_doc *doc)
{
    if (!doc || doc->nnodes == 0 || !doc->grammar || !doc->grammar->targets)
        return;
    extractor ex;
    memset(&ex, 0, sizeof ex);
    ex.doc = doc;
    scanner_init(&ex.sc, doc->grammar->targets);
    ex.section = vn_xmalloc(doc->nnodes * sizeof *ex.section);
    ex.situation = vn_xcalloc(doc->nnodes, 1);
    ex.open_parent = vn_xmalloc(doc->nnodes * sizeof *ex.open_parent);
    ex.table.parent = -1;
    ex.list_open = vn_xmalloc(doc->nnodes * sizeof *ex.list_open);
    ex.list_clause = vn_xcalloc(doc->nnodes, 1);
    for (size_t i = 0; i < doc->nnodes; i++)
        ex.list_open[i] = -1;
    ex.last_main = -1;
    /* Pre-order walk by links, no recursion: a hostile document may nest
     * thousands of levels.  The step budget stops a malformed (cyclic) tree. */
    size_t steps = 0, budget = 4 * doc->nnodes + 4;
    int32_t n = 0;
    while (n >= 0 && steps++ < budget) {
        const vn_node *nd = &doc->nodes[n];
        bool skip = is_skipped_subtree(nd);
        if (!skip)
            visit(&ex, n);
        if (!skip && nd->first_child >= 0 && valid_link(doc, nd->first_child)) {
            n = nd->first_child;
            continue;
        }
        while (n >= 0 && steps++ < budget &&
               (doc->nodes[n].next < 0 || !valid_link(doc, doc->nodes[n].next)))
            n = valid_link(doc, doc->nodes[n].parent) ? doc->nodes[n].parent : -1;
        if (n >= 0)
            n = doc->nodes[n].next;
    }
    scanner_free(&ex.sc);
    vn_buf_free(&ex.text);
    vn_buf_free(&ex.tmp);
    free(ex.map.v);
    free(ex.section);
    free(ex.open_parent);
    free(ex.list_open);
    free(ex.list_clause);
    vn_buf_free(&ex.cells);
    free(ex.situation);
}
