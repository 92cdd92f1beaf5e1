/* normalize.c — the normalize stage: decoded UTF-8 → the text every later
 * stage reads (see the promise at the top of text.h), the map from it back to
 * the file's bytes, and the folded keys used for matching.
 *
 * Speed comes from doing nothing to the bytes that need nothing: printable
 * ASCII, Latin letters (U+00C0–U+02FF) and the Vietnamese block (U+1E80–U+1EFF)
 * are found with a byte scan and copied in runs.  Everything else is looked
 * at one character at a time, and only a combining mark (or the rare
 * character that composes or decomposes) sends a short stretch — from the
 * last starter to the next safe one — through utf8proc's NFC. */
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <utf8proc.h>

const char *vn_encoding_name(vn_encoding e)
{
    static const char *const names[] = {"utf-8",        "utf-8-bom", "utf-16le", "utf-16be",
                                        "windows-1258", "tcvn3",     "viscii",   "vni",
                                        "utf-32le",     "utf-32be"};
    return (unsigned)e < sizeof names / sizeof names[0] ? names[e] : "unknown";
}

/* NFC works on one stretch at a time; a stretch of more non-starters than
 * this is cut (the Unicode "stream-safe" limit is 30), so that a hostile run
 * of a million combining marks costs linear time. */
#define NFC_MAX_STRETCH 32
#define NORMALIZED_MAX ((size_t)UINT32_MAX - 8)

/* ---- what happens to one character ----------------------------------------------- */

enum { KEEP = -1, DROP = -2 };

/* The unifications text.h promises, for characters outside ASCII: KEEP, DROP
 * or the replacement character. */
static int32_t replacement_for(int32_t cp)
{
    if (cp < 0xA0) /* C1 controls; NEL is a line break */
        return cp == 0x85 ? '\n' : ' ';
    switch (cp) {
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000:
        return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return DROP;
    case 0x2028: case 0x2029:
        return '\n';
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return ' ';
    /* dashes and quotes stay as written: they are shown to readers; the
     * matching key (vn_fold) unifies them */
    if (cp >= 0xF000 && cp <= 0xF0FF) /* Word's Symbol-font bullets */
        return 0x2022;
    return KEEP;
}

/* Blocks holding the few starters that compose with the character before
 * them (Indic and Myanmar vowel signs, Hangul jamo, Balinese, Brahmic
 * scripts); test_normalize checks the list against utf8proc's data. */
static bool may_compose_with_previous(int32_t cp)
{
    return (cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x1000 && cp <= 0x109F) ||
           (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x1B00 && cp <= 0x1B7F) ||
           (cp >= 0x11000 && cp <= 0x11FFF);
}

/* A character NFC may change in context: a combining mark, a character with
 * a canonical decomposition (most are stable, a few are not: Ω U+2126), or a
 * starter that composes with its predecessor. */
static bool nfc_sensitive(int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0)
        return true;
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
        return true;
    return may_compose_with_previous(cp);
}

/* Where the byte scan must stop: anything but printable ASCII, TAB, LF, and
 * the two- and three-byte forms of the blocks that are always NFC-stable
 * starters (Latin U+00C0–U+02FF, lead bytes C3–CB; Latin Extended
 * Additional U+1E80–U+1EFF, E1 BA–BB).  The input is valid UTF-8 (the read
 * stage sees to it), so a lead byte says how long its character is. */
enum { STOP = 0, ONE, TWO, LATIN_EXT, LATIN1, PUNCT };
static const uint8_t plain_kind[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, /* TAB, LF */
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x30 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x40 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x50 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x60 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x70 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, /* DEL */
    /* 0x80-0xBF: continuation bytes */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0xC0 */ 0, 0, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, /* U+00A1-U+02FF (C2: checked further) */
    /* 0xD0 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0xE0 */ 0, 3, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* U+1xxx, U+20xx: checked further */
    /* 0xF0 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static size_t scan_plain(const unsigned char *p, size_t i, size_t n)
{
    while (i < n) {
        /* most bytes: printable ASCII (one comparison), or the lead byte of a
         * Vietnamese letter; eight at a time only along runs of ASCII */
        if ((unsigned)p[i] - 0x20u < 0x5Fu) {
            i++;
            if (i + 16 <= n && (unsigned)p[i] - 0x20u < 0x5Fu && vn_printable8(p + i))
                i += 8;
            continue;
        }
        switch (plain_kind[p[i]]) {
        case ONE:
            i++;
            continue;
        case TWO:
            if (i + 2 > n)
                return i;
            i += 2;
            continue;
        case LATIN_EXT:
            if (i + 3 > n || (p[i + 1] != 0xBA && p[i + 1] != 0xBB))
                return i;
            i += 3;
            continue;
        case LATIN1: /* U+00A1–U+00BF (« » ¹ § ...), not NBSP or the soft hyphen */
            if (i + 2 > n || p[i + 1] < 0xA1 || p[i + 1] == 0xAD)
                return i;
            i += 2;
            continue;
        case PUNCT: /* U+2010–U+2027 and U+2030–U+203E: dashes, quotes, •, … — kept as written */
            if (i + 3 > n || p[i + 1] != 0x80 ||
                !((p[i + 2] >= 0x90 && p[i + 2] <= 0xA7) || (p[i + 2] >= 0xB0 && p[i + 2] <= 0xBE)))
                return i;
            i += 3;
            continue;
        default:
            return i;
        }
    }
    return i;
}

/* ---- the normalizer: output buffer and offset runs ---------------------------------
 * Runs are built in decoded coordinates (vn_offrun.orig holds a decoded
 * offset) and composed with the read stage's runs at the end.  The open run
 * is byte for byte (VN_STEP_BYTE) or, when the input is the file's own
 * UTF-8, may count: VN_STEP_NFD when its input is exactly the NFD of its
 * output, so that composed letters need no run of their own, VN_STEP_CRLF
 * when each of its LFs was a CRLF.  A character replaced by a shorter one
 * (NBSP, a curly quote) or dropped gives the open run a tail, after which
 * nothing more can join it. */
typedef struct normalizer {
    const char *in;
    size_t n;
    char *out;
    size_t len, cap;
    vn_offrun *runs;
    size_t nruns, capruns;
    size_t open_norm, open_dec, consumed;
    unsigned open_step;  /* VN_STEP_BYTE, VN_STEP_NFD or VN_STEP_CRLF */
    bool tail;           /* the open run has surplus input at its end */
    bool counting_steps; /* NFD and CRLF runs allowed: the input is the file's UTF-8 */
    size_t plain_from, plain_upto; /* the latest stretch copied as is, for NFC to back up into */
    int32_t *cps;
    size_t capcps;
    vn_buf stretch, decomposed;
    struct stretch_memo *memo; /* NFC of short stretches seen before, made on first use */
    unsigned flags;
} normalizer;

/* Decomposed text repeats the same few hundred letter-and-marks stretches;
 * remembering their NFC makes it several times faster than asking utf8proc
 * each time. */
#define MEMO_SLOTS 1024
#define MEMO_BYTES 8

typedef struct stretch_memo {
    uint8_t in_len, out_len; /* in_len 0: empty slot */
    bool nfd_exact;          /* the input was the plain NFD of the output */
    char in[MEMO_BYTES], out[MEMO_BYTES];
} stretch_memo;

static stretch_memo *memo_slot(normalizer *z, const char *in, size_t len)
{
    if (len > MEMO_BYTES)
        return NULL;
    if (!z->memo)
        z->memo = vn_xcalloc(MEMO_SLOTS, sizeof *z->memo);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)in[k]) * 16777619u;
    return &z->memo[h % MEMO_SLOTS];
}

static void reserve_out(normalizer *z, size_t extra)
{
    if (z->len + extra + 1 <= z->cap)
        return;
    z->out = vn_grow(z->out, &z->cap, z->len, extra + 1, 1);
}

static void push_run(normalizer *z, size_t norm, size_t nlen, size_t dec, size_t dlen, unsigned step)
{
    vn_offrun *r = &VN_PUSH(z->runs, z->nruns, z->capruns);
    r->norm = (uint32_t)norm;
    r->nlen = (uint32_t)nlen;
    r->orig = (uint32_t)dec;
    r->olen = (uint32_t)dlen;
    r->step = step;
    r->wide = 0;
}

static void close_run(normalizer *z, unsigned next_step)
{
    if (z->len > z->open_norm)
        push_run(z, z->open_norm, z->len - z->open_norm, z->open_dec, z->consumed - z->open_dec, z->open_step);
    z->open_norm = z->len;
    z->open_dec = z->consumed;
    z->open_step = next_step;
    z->tail = false;
}

/* Makes the open run one that k more bytes of the given step can join. */
static void join_run(normalizer *z, unsigned step, size_t k)
{
    if (z->len == z->open_norm) {
        z->open_step = step;
        return;
    }
    if (z->tail || z->open_step != step ||
        (step != VN_STEP_BYTE && z->len - z->open_norm + k > VN_RUN_MAX_COUNTED))
        close_run(z, step);
}

static void append(normalizer *z, const char *bytes, size_t k, size_t consumed_to)
{
    reserve_out(z, k);
    memcpy(z->out + z->len, bytes, k);
    z->len += k;
    z->consumed = consumed_to;
}

/* True when s[0..n) is its own canonical decomposition. */
static bool is_nfd_stable(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp = vn_utf8_next(s, n, &i), parts[4];
        int boundclass = 0;
        if (utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &boundclass) != 1 || parts[0] != cp)
            return false;
    }
    return true;
}

/* The step under which input [a, b), copied as is, can join the open run. */
static unsigned plain_step(const normalizer *z, size_t a, size_t b)
{
    bool counting = z->open_step != VN_STEP_BYTE && !z->tail && z->len > z->open_norm &&
                    z->len - z->open_norm + (b - a) <= VN_RUN_MAX_COUNTED;
    if (counting && z->open_step == VN_STEP_NFD && is_nfd_stable(z->in + a, b - a))
        return VN_STEP_NFD;
    if (counting && z->open_step == VN_STEP_CRLF && !memchr(z->in + a, '\n', b - a))
        return VN_STEP_CRLF;
    return VN_STEP_BYTE;
}

static void emit_plain(normalizer *z, size_t a, size_t b)
{
    join_run(z, plain_step(z, a, b), b - a);
    if (z->plain_upto != a || z->len == z->open_norm)
        z->plain_from = a; /* backing up never leaves the open run */
    append(z, z->in + a, b - a, b);
    z->plain_upto = b;
}

/* Input up to b replaced by k bytes of the same length: still byte for byte. */
static void emit_same_length(normalizer *z, size_t b, const char *bytes, size_t k)
{
    join_run(z, VN_STEP_BYTE, k);
    append(z, bytes, k, b);
    z->plain_upto = SIZE_MAX;
}

/* Input up to b replaced by one byte; the rest of the character is the run's tail. */
static void emit_shorter(normalizer *z, size_t b, char byte)
{
    join_run(z, z->len == z->open_norm ? VN_STEP_BYTE : z->open_step, 1);
    append(z, &byte, 1, b);
    z->tail = true;
    z->plain_upto = SIZE_MAX;
}

/* A CRLF at [b - 2, b): one LF.  It joins the open run as a counted line
 * break when that run has no LF of its own (which would then be ambiguous). */
static void emit_crlf(normalizer *z, size_t b)
{
    bool open = z->len > z->open_norm && !z->tail;
    bool fits = open && z->len - z->open_norm + 1 <= VN_RUN_MAX_COUNTED;
    bool lf_free = z->open_step == VN_STEP_CRLF ||
                   (z->open_step == VN_STEP_BYTE && !memchr(z->out + z->open_norm, '\n', z->len - z->open_norm));
    if (!z->counting_steps) {
        emit_shorter(z, b, '\n');
        return;
    }
    if (fits && lf_free)
        z->open_step = VN_STEP_CRLF;
    else
        join_run(z, VN_STEP_CRLF, 1);
    append(z, "\n", 1, b);
    z->plain_upto = SIZE_MAX;
}

static void emit_drop(normalizer *z, size_t b)
{
    if (z->len == z->open_norm) /* nothing to hang it on: the next run starts after it */
        z->open_dec = b;
    else
        z->tail = true;
    z->consumed = b;
    z->plain_upto = SIZE_MAX;
}

/* Input [a, b) became k different bytes: one run, every position inside
 * mapping to its start. */
static void emit_lump(normalizer *z, size_t a, size_t b, const char *bytes, size_t k)
{
    close_run(z, VN_STEP_BYTE);
    push_run(z, z->len, k, a, b - a, VN_STEP_LUMP);
    append(z, bytes, k, b);
    z->open_norm = z->len;
    z->open_dec = b;
    z->plain_upto = SIZE_MAX;
}

static void put_cp(vn_buf *b, int32_t cp)
{
    char u[4];
    vn_buf_put(b, u, (size_t)vn_utf8_encode(cp, u));
}

/* utf8proc's decomposition (with the options given) of s[0..n) into
 * z->cps; returns the count, or -1 for input that is not UTF-8. */
static utf8proc_ssize_t decompose_into(normalizer *z, const char *s, size_t n, utf8proc_option_t opt)
{
    for (;;) {
        utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, z->cps,
                                                (utf8proc_ssize_t)z->capcps, opt);
        if (k < 0)
            return -1;
        if ((size_t)k <= z->capcps)
            return k;
        z->cps = vn_grow(z->cps, &z->capcps, 0, (size_t)k, sizeof *z->cps);
    }
}

/* True when input [a, b) is the canonical decomposition of bytes[0..k). */
static bool input_is_nfd_of(normalizer *z, size_t a, size_t b, const char *bytes, size_t k)
{
    utf8proc_ssize_t m = decompose_into(z, bytes, k, UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
    if (m < 0)
        return false;
    vn_buf_clear(&z->decomposed);
    for (utf8proc_ssize_t q = 0; q < m; q++)
        put_cp(&z->decomposed, z->cps[q]);
    return z->decomposed.len == b - a && memcmp(z->decomposed.data, z->in + a, b - a) == 0;
}

/* NFC of input [a, b): an unchanged stretch is copied; a changed one joins
 * an NFD-step run when the input was its plain decomposition, and is a lump
 * otherwise. */
/* NFC of input [a, b) into z->stretch; false for input that is not UTF-8
 * (which cannot happen after the read stage). */
static bool nfc_of(normalizer *z, size_t a, size_t b)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t k = decompose_into(z, z->in + a, b - a, opt);
    if (k < 0)
        return false;
    k = utf8proc_normalize_utf32(z->cps, k, opt);
    vn_buf_clear(&z->stretch);
    for (utf8proc_ssize_t q = 0; q < k; q++)
        put_cp(&z->stretch, z->cps[q]);
    return true;
}

/* NFC of input [a, b): an unchanged stretch is copied; a changed one joins
 * an NFD-step run when the input was its plain decomposition, and is a lump
 * otherwise. */
static void compose_stretch(normalizer *z, size_t a, size_t b)
{
    const char *in = z->in + a, *out;
    size_t len = b - a, m;
    bool nfd_exact;
    stretch_memo *memo = memo_slot(z, in, len);
    if (memo && memo->in_len == len && memcmp(memo->in, in, len) == 0) {
        out = memo->out;
        m = memo->out_len;
        nfd_exact = memo->nfd_exact;
    } else {
        if (!nfc_of(z, a, b)) {
            emit_plain(z, a, b);
            return;
        }
        out = z->stretch.data;
        m = z->stretch.len;
        nfd_exact = input_is_nfd_of(z, a, b, out, m);
        if (memo && m <= MEMO_BYTES) {
            memo->in_len = (uint8_t)len;
            memo->out_len = (uint8_t)m;
            memo->nfd_exact = nfd_exact;
            memcpy(memo->in, in, len);
            memcpy(memo->out, out, m);
        }
    }
    if (m == len && memcmp(out, in, m) == 0) {
        emit_plain(z, a, b);
        return;
    }
    z->flags |= VN_TEXT_HAD_NFD;
    if (z->counting_steps && nfd_exact) {
        join_run(z, VN_STEP_NFD, m);
        append(z, out, m, b);
        z->plain_upto = SIZE_MAX;
        return;
    }
    emit_lump(z, a, b, out, m);
}

/* A character NFC may change sits at [a, b): back up to the starter before
 * it when that was copied as is, go on over the characters that may still
 * combine, and compose the stretch. */
static size_t handle_sensitive(normalizer *z, size_t a, size_t b)
{
    const unsigned char *p = (const unsigned char *)z->in;
    size_t start = a;
    if (z->plain_upto == a && z->plain_from < a) {
        start = a - 1;
        while (start > z->plain_from && (p[start] & 0xC0) == 0x80)
            start--;
        z->len -= a - start; /* un-copy the starter: it joins the stretch */
        z->consumed = start;
    }
    size_t end = b;
    for (int count = 1; end < z->n && count < NFC_MAX_STRETCH; count++) {
        if (p[end] < 0x80 || scan_plain(p, end, z->n) != end)
            break;
        size_t next = end;
        int32_t cp = vn_utf8_next(z->in, z->n, &next);
        if (replacement_for(cp) != KEEP || !nfc_sensitive(cp))
            break;
        end = next;
    }
    compose_stretch(z, start, end);
    return end;
}

/* One character at i that the byte scan stopped at; returns where the next
 * one starts. */
static size_t normalize_one(normalizer *z, size_t i)
{
    const unsigned char *p = (const unsigned char *)z->in;
    unsigned c = p[i];
    if (c == '\r') {
        z->flags |= VN_TEXT_HAD_CR;
        if (i + 1 < z->n && p[i + 1] == '\n') {
            emit_crlf(z, i + 2);
            return i + 2;
        }
        emit_same_length(z, i + 1, "\n", 1);
        return i + 1;
    }
    if (c < 0x80) { /* other controls, form feed included, and DEL */
        emit_same_length(z, i + 1, " ", 1);
        return i + 1;
    }
    size_t a = i;
    int32_t cp = vn_utf8_next(z->in, z->n, &i);
    int32_t r = replacement_for(cp);
    if (r == DROP) {
        emit_drop(z, i);
    } else if (r != KEEP) {
        char u[4];
        size_t k = (size_t)vn_utf8_encode(r, u);
        if (k == i - a)
            emit_same_length(z, i, u, k);
        else if (k == 1)
            emit_shorter(z, i, u[0]);
        else
            emit_lump(z, a, i, u, k);
    } else if (nfc_sensitive(cp)) {
        return handle_sensitive(z, a, i);
    } else {
        emit_plain(z, a, i);
    }
    return i;
}

/* The output buffer is as big as the input: it only grows past that for
 * the odd character NFC lengthens. */
static void allocate_out(normalizer *z)
{
    z->cap = z->n + 64;
    z->out = vn_alloc_big(z->cap);
}

/* Normalizes the whole input, of which [0, clean) is known to need nothing. */
static void normalize_all(normalizer *z, size_t clean)
{
    const unsigned char *p = (const unsigned char *)z->in;
    size_t i = clean;
    z->plain_upto = SIZE_MAX;
    allocate_out(z);
    if (clean)
        emit_plain(z, 0, clean);
    while (i < z->n) {
        size_t j = scan_plain(p, i, z->n);
        if (j > i) {
            emit_plain(z, i, j);
            i = j;
            if (i >= z->n)
                break;
        }
        i = normalize_one(z, i);
    }
    close_run(z, VN_STEP_BYTE);
}

/* ---- composing the two maps ------------------------------------------------------------
 * Normalized → decoded (the normalizer's runs) followed by decoded → file
 * bytes (the read stage's runs, or a plain shift past a byte-order mark). */

static void push_final(vn_text *t, size_t norm, size_t nlen, size_t orig, size_t olen, unsigned step,
                       uint64_t wide)
{
    if (step == VN_STEP_LUMP && nlen == olen)
        step = VN_STEP_BYTE;
    if (t->nruns) {
        vn_offrun *last = &t->runs[t->nruns - 1];
        if (step == VN_STEP_BYTE && last->step == VN_STEP_BYTE && last->nlen == last->olen &&
            (size_t)last->norm + last->nlen == norm && (size_t)last->orig + last->olen == orig) {
            last->nlen += (uint32_t)nlen;
            last->olen += (uint32_t)olen;
            return;
        }
    }
    vn_offrun *r = &VN_PUSH(t->runs, t->nruns, t->capruns);
    r->norm = (uint32_t)norm;
    r->nlen = (uint32_t)nlen;
    r->orig = (uint32_t)orig;
    r->olen = (uint32_t)olen;
    r->step = step;
    r->wide = wide;
}

/* The read run holding decoded offset k, searching forward from *cursor
 * (look-ups come in increasing order). */
static const vn_offrun *read_run_at(const vn_decoded *d, size_t *cursor, size_t k)
{
    while (*cursor + 1 < d->nruns && d->runs[*cursor + 1].norm <= k)
        (*cursor)++;
    return &d->runs[*cursor];
}

/* The `wide` bits of read run rr for a piece starting at decoded offset pos. */
static uint64_t wide_from(const vn_offrun *rr, const char *s, size_t pos)
{
    if (!rr->wide || pos <= rr->norm)
        return rr->wide;
    size_t skipped = 0;
    for (size_t i = rr->norm; i < pos; i++)
        skipped += ((unsigned char)s[i] & 0xC0) != 0x80;
    return skipped >= 64 ? 0 : rr->wide >> skipped;
}

static void compose_maps(vn_text *t, const normalizer *z, const vn_decoded *d)
{
    size_t cursor = 0;
    for (size_t q = 0; q < z->nruns; q++) {
        const vn_offrun *r = &z->runs[q];
        size_t dec = r->orig, dec_end = dec + r->olen;
        if (!d->runs) {
            push_final(t, r->norm, r->nlen, dec + d->skip, r->olen, r->step, 0);
            continue;
        }
        if (r->step == VN_STEP_LUMP) {
            size_t o1 = vn_offrun_map(read_run_at(d, &cursor, dec), d->s, dec);
            size_t o2 = vn_offrun_map(read_run_at(d, &cursor, dec_end), d->s, dec_end);
            push_final(t, r->norm, r->nlen, o1, o2 - o1, VN_STEP_LUMP, 0);
            continue;
        }
        /* byte for byte over [dec, aligned_end), then the tail: split at the
         * read runs so that each piece keeps its read step */
        size_t aligned_end = dec + r->nlen, pos = dec;
        while (pos < aligned_end) {
            const vn_offrun *rr = read_run_at(d, &cursor, pos);
            size_t rr_end = (size_t)rr->norm + rr->nlen;
            size_t piece_end = rr_end > pos && rr_end < aligned_end ? rr_end : aligned_end;
            size_t o1 = vn_offrun_map(rr, d->s, pos);
            size_t o2 = piece_end < aligned_end ? vn_offrun_map(rr, d->s, piece_end)
                                                : vn_offrun_map(read_run_at(d, &cursor, dec_end), d->s, dec_end);
            push_final(t, r->norm + (pos - dec), piece_end - pos, o1, o2 > o1 ? o2 - o1 : 0, rr->step,
                       wide_from(rr, d->s, pos));
            pos = piece_end;
        }
    }
    /* whatever was dropped at the very end belongs to the last run */
    if (t->nruns) {
        vn_offrun *last = &t->runs[t->nruns - 1];
        if ((size_t)last->orig + last->olen < t->orig_len) {
            if (last->step == VN_STEP_LUMP && last->nlen == last->olen)
                last->step = VN_STEP_BYTE;
            last->olen = (uint32_t)(t->orig_len - last->orig);
        }
    }
}

static bool only_white_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return false;
    return true;
}

/* Decoded text that needs nothing becomes the normalized text as it is:
 * a decoded buffer is taken over, and a clean UTF-8 file is used in place
 * (one byte more for the NUL), so the common case copies nothing. */
static void adopt_decoded(vn_text *t, vn_decoded *d)
{
    t->len = d->len;
    if (d->owned) {
        t->s = d->s;
        d->owned = false;
        t->runs = d->runs;
        t->nruns = d->nruns;
        t->capruns = d->capruns;
        d->runs = NULL;
        return;
    }
    t->orig = vn_xrealloc(t->orig, t->orig_len + 1);
    t->orig[t->orig_len] = '\0';
    t->s = (char *)t->orig + d->skip;
    t->s_in_orig = true;
    if (t->len)
        push_final(t, 0, t->len, d->skip, t->len, VN_STEP_BYTE, 0);
}

static void normalize_decoded(vn_text *t, vn_decoded *d, size_t clean)
{
    normalizer z;
    memset(&z, 0, sizeof z);
    z.in = d->s;
    z.n = d->len;
    z.open_step = VN_STEP_BYTE;
    z.counting_steps = d->runs == NULL;
    normalize_all(&z, clean);
    t->s = z.out;
    t->len = z.len;
    t->s[t->len] = '\0';
    t->flags |= z.flags;
    if (z.len <= NORMALIZED_MAX)
        compose_maps(t, &z, d);
    free(z.runs);
    free(z.cps);
    vn_buf_free(&z.stretch);
    vn_buf_free(&z.decomposed);
    free(z.memo);
}

vnplan_status vn_text_init(vn_text *t, unsigned char *bytes, size_t n, vn_error *err)
{
    memset(t, 0, sizeof *t);
    t->orig = bytes;
    t->orig_len = n;
    vn_decoded d;
    vnplan_status st = vn_read_decode(bytes, n, &d, err);
    if (st != VNPLAN_OK)
        goto fail;
    t->enc = d.enc;
    t->flags = d.flags;
    size_t clean = scan_plain((const unsigned char *)d.s, 0, d.len);
    if (clean == d.len)
        adopt_decoded(t, &d);
    else
        normalize_decoded(t, &d, clean);
    vn_decoded_free(&d);
    if (t->len > NORMALIZED_MAX) {
        st = vn_fail(err, VNPLAN_ERR_TOO_LARGE, "normalizes to more than 4 GiB of text");
        goto fail;
    }
    if (only_white_space(t->s, t->len)) {
        st = vn_fail(err, VNPLAN_ERR_EMPTY, "only white space");
        goto fail;
    }
    return VNPLAN_OK;
fail:
    vn_text_free(t);
    return st;
}

void vn_text_free(vn_text *t)
{
    if (!t->s_in_orig)
        free(t->s);
    free(t->orig);
    free(t->runs);
    memset(t, 0, sizeof *t);
}

size_t vn_text_orig_offset(const vn_text *t, size_t off)
{
    if (off > t->len)
        off = t->len;
    if (!t->nruns)
        return off < t->orig_len ? off : t->orig_len;
    size_t lo = 0, hi = t->nruns;
    while (hi - lo > 1) { /* the last run starting at or before off */
        size_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid].norm <= off)
            lo = mid;
        else
            hi = mid;
    }
    return vn_offrun_map(&t->runs[lo], t->s, off);
}

/* ---- Vietnamese letters and syllables -----------------------------------------------------
 * A letter is an ASCII base with at most one modifier (the circumflex of â ê
 * ô, the breve of ă, the horn of ơ ư, the stroke of đ) and one tone mark. */

enum { MOD_NONE, MOD_CIRC, MOD_BREVE, MOD_HORN, MOD_STROKE };
enum { TONE_NONE, TONE_GRAVE, TONE_ACUTE, TONE_HOOK, TONE_TILDE, TONE_DOT };

typedef struct vn_letter {
    char base; /* lower-case ASCII */
    uint8_t mod, tone;
    bool upper;
} vn_letter;

static int tone_of_mark(int32_t m)
{
    switch (m) {
    case 0x300: return TONE_GRAVE;
    case 0x301: return TONE_ACUTE;
    case 0x309: return TONE_HOOK;
    case 0x303: return TONE_TILDE;
    case 0x323: return TONE_DOT;
    default: return TONE_NONE;
    }
}

static int32_t mark_of_tone(int tone)
{
    static const int32_t marks[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
    return marks[tone];
}

static int mod_of_mark(int32_t m)
{
    switch (m) {
    case 0x302: return MOD_CIRC;
    case 0x306: return MOD_BREVE;
    case 0x31B: return MOD_HORN;
    default: return MOD_NONE;
    }
}

/* Adds cp to the letters of a word: a letter opens a new entry, a combining
 * mark amends the last one.  False for anything a Vietnamese word cannot
 * hold (and for a word longer than max letters). */
static bool add_letter(vn_letter *l, size_t *n, size_t max, int32_t cp)
{
    bool ascii_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (ascii_letter || cp == 0x110 || cp == 0x111) {
        if (*n == max)
            return false;
        vn_letter *x = &l[(*n)++];
        x->upper = cp == 0x110 || (cp >= 'A' && cp <= 'Z');
        x->base = ascii_letter ? (char)(cp | 0x20) : 'd';
        x->mod = ascii_letter ? MOD_NONE : MOD_STROKE;
        x->tone = TONE_NONE;
        return true;
    }
    int tone = tone_of_mark(cp), mod = mod_of_mark(cp);
    if (tone || mod) {
        if (*n == 0)
            return false;
        vn_letter *x = &l[*n - 1];
        if ((tone && x->tone) || (mod && x->mod))
            return false;
        if (tone)
            x->tone = (uint8_t)tone;
        else
            x->mod = (uint8_t)mod;
        return true;
    }
    if (cp < 0xC0 || cp > 0x1EFF)
        return false;
    int32_t parts[4];
    int boundclass = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &boundclass);
    if (k < 2 || k > 3 || parts[0] >= 0x80)
        return false;
    for (utf8proc_ssize_t q = 0; q < k; q++)
        if (!add_letter(l, n, max, parts[q]))
            return false;
    return true;
}

/* The letters as code points: base, modifier and tone composed. */
static size_t letter_cps(const vn_letter *x, bool upper, bool keep_marks, int32_t out[4])
{
    int32_t base = upper ? x->base - 0x20 : x->base;
    if (x->mod == MOD_STROKE) {
        out[0] = keep_marks ? (upper ? 0x110 : 0x111) : base;
        return 1;
    }
    size_t k = 0;
    out[k++] = base;
    if (!keep_marks)
        return k;
    /* in canonical order: horn (216), dot below (220), then the marks above */
    if (x->mod == MOD_HORN)
        out[k++] = 0x31B;
    if (x->tone == TONE_DOT)
        out[k++] = 0x323;
    if (x->mod == MOD_CIRC)
        out[k++] = 0x302;
    else if (x->mod == MOD_BREVE)
        out[k++] = 0x306;
    if (x->tone && x->tone != TONE_DOT)
        out[k++] = mark_of_tone(x->tone);
    if (k > 1)
        k = (size_t)utf8proc_normalize_utf32(out, (utf8proc_ssize_t)k, UTF8PROC_COMPOSE);
    return k;
}

static bool is_vowel(const vn_letter *x)
{
    return x->base == 'a' || x->base == 'e' || x->base == 'i' || x->base == 'o' || x->base == 'u' ||
           x->base == 'y';
}

/* The vowels, without tone, as small codes; 0 for a modifier the vowel
 * cannot take (a circumflex on i). */
enum { V_NONE, V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y };

static unsigned vowel_code(const vn_letter *x)
{
    switch (x->base) {
    case 'a': return x->mod == MOD_NONE ? V_A : x->mod == MOD_BREVE ? V_AW : x->mod == MOD_CIRC ? V_AA : V_NONE;
    case 'e': return x->mod == MOD_NONE ? V_E : x->mod == MOD_CIRC ? V_EE : V_NONE;
    case 'o': return x->mod == MOD_NONE ? V_O : x->mod == MOD_CIRC ? V_OO : x->mod == MOD_HORN ? V_OW : V_NONE;
    case 'u': return x->mod == MOD_NONE ? V_U : x->mod == MOD_HORN ? V_UW : V_NONE;
    case 'i': return x->mod == MOD_NONE ? V_I : V_NONE;
    case 'y': return x->mod == MOD_NONE ? V_Y : V_NONE;
    default: return V_NONE;
    }
}

/* Vowel clusters of Vietnamese, as codes of up to three vowels (the first
 * in the low bits): those ending in a semivowel take no final consonant
 * (OPEN), a few cannot end a syllable without one (CLOSED). */
enum { EITHER, OPEN, CLOSED };
#define SHIFT2 (1 << 4)
#define SHIFT3 (1 << 8)
static const struct {
    uint16_t vowels;
    uint8_t final;
} vowel_clusters[] = {
    {V_A, EITHER}, {V_AW, CLOSED}, {V_AA, CLOSED}, {V_E, EITHER}, {V_EE, EITHER}, {V_I, EITHER},
    {V_O, EITHER}, {V_OO, EITHER}, {V_OW, EITHER}, {V_U, EITHER}, {V_UW, EITHER}, {V_Y, EITHER},
    {V_A + V_I * SHIFT2, OPEN},   /* ai */  {V_A + V_O * SHIFT2, OPEN},     /* ao */
    {V_A + V_U * SHIFT2, OPEN},   /* au */  {V_A + V_Y * SHIFT2, OPEN},     /* ay */
    {V_AA + V_U * SHIFT2, OPEN},  /* âu */  {V_AA + V_Y * SHIFT2, OPEN},    /* ây */
    {V_E + V_O * SHIFT2, OPEN},   /* eo */  {V_EE + V_U * SHIFT2, OPEN},    /* êu */
    {V_I + V_A * SHIFT2, OPEN},   /* ia */  {V_I + V_EE * SHIFT2, CLOSED},  /* iê */
    {V_I + V_U * SHIFT2, OPEN},   /* iu */  {V_O + V_A * SHIFT2, EITHER},   /* oa */
    {V_O + V_AW * SHIFT2, CLOSED},/* oă */  {V_O + V_E * SHIFT2, EITHER},   /* oe */
    {V_O + V_I * SHIFT2, OPEN},   /* oi */  {V_O + V_O * SHIFT2, CLOSED},   /* oo */
    {V_OO + V_I * SHIFT2, OPEN},  /* ôi */  {V_OW + V_I * SHIFT2, OPEN},    /* ơi */
    {V_U + V_A * SHIFT2, OPEN},   /* ua */  {V_U + V_AA * SHIFT2, CLOSED},  /* uâ */
    {V_U + V_EE * SHIFT2, EITHER},/* uê */  {V_U + V_I * SHIFT2, OPEN},     /* ui */
    {V_U + V_OO * SHIFT2, CLOSED},/* uô */  {V_U + V_OW * SHIFT2, OPEN},    /* uơ */
    {V_U + V_Y * SHIFT2, EITHER}, /* uy */  {V_UW + V_A * SHIFT2, OPEN},    /* ưa */
    {V_UW + V_I * SHIFT2, OPEN},  /* ưi */  {V_UW + V_OW * SHIFT2, CLOSED}, /* ươ */
    {V_UW + V_U * SHIFT2, OPEN},  /* ưu */  {V_Y + V_EE * SHIFT2, CLOSED},  /* yê */
    {V_I + V_EE * SHIFT2 + V_U * SHIFT3, OPEN},  /* iêu */
    {V_O + V_A * SHIFT2 + V_I * SHIFT3, OPEN},   /* oai */
    {V_O + V_A * SHIFT2 + V_O * SHIFT3, OPEN},   /* oao */
    {V_O + V_A * SHIFT2 + V_Y * SHIFT3, OPEN},   /* oay */
    {V_O + V_E * SHIFT2 + V_O * SHIFT3, OPEN},   /* oeo */
    {V_U + V_AA * SHIFT2 + V_Y * SHIFT3, OPEN},  /* uây */
    {V_U + V_OO * SHIFT2 + V_I * SHIFT3, OPEN},  /* uôi */
    {V_U + V_Y * SHIFT2 + V_A * SHIFT3, OPEN},   /* uya */
    {V_U + V_Y * SHIFT2 + V_EE * SHIFT3, CLOSED},/* uyê */
    {V_U + V_Y * SHIFT2 + V_U * SHIFT3, OPEN},   /* uyu */
    {V_UW + V_OW * SHIFT2 + V_I * SHIFT3, OPEN}, /* ươi */
    {V_UW + V_OW * SHIFT2 + V_U * SHIFT3, OPEN}, /* ươu */
    {V_Y + V_EE * SHIFT2 + V_U * SHIFT3, OPEN},  /* yêu */
};
#undef SHIFT2
#undef SHIFT3

typedef struct syllable {
    size_t nucleus, coda; /* onset [0, nucleus), vowels [nucleus, coda), final [coda, n) */
    size_t tone_at;       /* the letter carrying the tone, or SIZE_MAX */
} syllable;

static bool plain_consonant(const vn_letter *x)
{
    return x->mod == MOD_NONE && x->tone == TONE_NONE && !is_vowel(x);
}

/* The base letter of l[k] if it is a plain consonant, else 0. */
static char consonant_at(const vn_letter *l, size_t n, size_t k)
{
    return k < n && plain_consonant(&l[k]) ? l[k].base : 0;
}

/* The onset's length: b c d đ g h k l m n p r s t v x, ch gh kh ng nh ph
 * th tr, ngh; and the two spellings in which a vowel letter belongs to the
 * consonant: "qu" (quý, quà) and "gi" before another vowel (già, giữ; but
 * gì, gìn).  That vowel letter may carry a misplaced tone (qúa, gìa).
 * SIZE_MAX for a consonant Vietnamese does not begin with (f j w z, q
 * without u). */
static size_t onset_length(const vn_letter *l, size_t n)
{
    if (l[0].mod == MOD_STROKE)
        return l[0].tone == TONE_NONE ? 1 : SIZE_MAX;
    char c0 = consonant_at(l, n, 0), c1 = consonant_at(l, n, 1);
    switch (c0) {
    case 0:
        return 0; /* starts with a vowel */
    case 'q':
        return n > 1 && l[1].base == 'u' && l[1].mod == MOD_NONE ? 2 : SIZE_MAX;
    case 'g':
        if (n > 2 && l[1].base == 'i' && l[1].mod == MOD_NONE && is_vowel(&l[2]))
            return 2;
        return c1 == 'h' ? 2 : 1;
    case 'n':
        if (c1 == 'g')
            return consonant_at(l, n, 2) == 'h' ? 3 : 2;
        return c1 == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p':
        return c1 == 'h' ? 2 : 1;
    case 't':
        return c1 == 'h' || c1 == 'r' ? 2 : 1;
    case 'b': case 'd': case 'h': case 'l': case 'm': case 'r': case 's': case 'v': case 'x':
        return 1;
    default:
        return SIZE_MAX;
    }
}

/* True when l[j..n) is a final consonant: c ch m n ng nh p t. */
static bool is_coda(const vn_letter *l, size_t j, size_t n)
{
    char c0 = consonant_at(l, n, j), c1 = consonant_at(l, n, j + 1);
    if (n - j == 1)
        return c0 == 'c' || c0 == 'm' || c0 == 'n' || c0 == 'p' || c0 == 't';
    if (n - j == 2)
        return (c0 == 'c' && c1 == 'h') || (c0 == 'n' && (c1 == 'g' || c1 == 'h'));
    return false;
}

/* Spelling rules of the onset before a front vowel (e ê i y): k, gh, ngh
 * there and only there; c, g, ng never (but gi, and g in gì). */
static bool onset_fits_vowel(const vn_letter *l, size_t onset, const vn_letter *vowel)
{
    bool front = vowel->base == 'e' || vowel->base == 'i' || vowel->base == 'y';
    char first = l[0].base, last = onset ? l[onset - 1].base : 0;
    if (onset == 0 || l[0].mod == MOD_STROKE)
        return true;
    if ((first == 'k' && onset == 1) || (first == 'g' && last == 'h') || (onset == 3 && first == 'n'))
        return front; /* k, gh, ngh */
    if ((first == 'c' && onset == 1) || (first == 'n' && onset == 2 && last == 'g'))
        return !front; /* c, ng */
    if (first == 'g' && onset == 1)
        return vowel->base != 'e';
    return true;
}

static bool parse_syllable(const vn_letter *l, size_t n, syllable *s)
{
    if (n == 0 || n > 7)
        return false;
    s->tone_at = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        if (!l[k].tone)
            continue;
        if (s->tone_at != SIZE_MAX)
            return false;
        s->tone_at = k;
    }
    size_t i = onset_length(l, n);
    if (i == SIZE_MAX || i >= n || !onset_fits_vowel(l, i, &l[i]))
        return false;
    size_t j = i;
    unsigned vowels = 0;
    while (j < n && is_vowel(&l[j]) && j - i < 3) {
        unsigned v = vowel_code(&l[j]);
        if (v == V_NONE)
            return false;
        vowels |= v << (4 * (j - i));
        j++;
    }
    if (j == i)
        return false;
    int final = -1;
    for (size_t q = 0; q < sizeof vowel_clusters / sizeof vowel_clusters[0] && final < 0; q++)
        if (vowel_clusters[q].vowels == vowels)
            final = vowel_clusters[q].final;
    if (final < 0 || (final == OPEN && j < n) || (final == CLOSED && j == n))
        return false;
    if (j < n && !is_coda(l, j, n))
        return false;
    /* a syllable closed by a stop (c ch p t) has the rising or the heavy tone */
    char last = l[n - 1].base;
    if (j < n && (last == 'c' || last == 'p' || last == 't' || (last == 'h' && l[n - 2].base == 'c')) &&
        s->tone_at != SIZE_MAX && l[s->tone_at].tone != TONE_ACUTE && l[s->tone_at].tone != TONE_DOT)
        return false;
    if (s->tone_at != SIZE_MAX && s->tone_at >= j)
        return false;
    if (s->tone_at != SIZE_MAX && s->tone_at < i && !(i == 2 && s->tone_at == 1))
        return false;
    s->nucleus = i;
    s->coda = j;
    return true;
}

/* Where the traditional rule puts the tone: on the vowel with a diacritic of
 * its own (the last one: ươ → ơ); else, before a final consonant, on the last
 * vowel (hoàng); else on the first of two vowels (hòa, khỏe, thủy, mùa) or
 * the middle of three (ngoài, khuỷu).  The newer rule differs only for oa,
 * oe, uy without a final (hoà, khoẻ, thuỷ). */
static size_t canonical_tone_place(const vn_letter *l, size_t n, const syllable *s)
{
    for (size_t k = s->coda; k-- > s->nucleus;)
        if (l[k].mod != MOD_NONE)
            return k;
    if (s->coda < n)
        return s->coda - 1;
    return s->coda - s->nucleus == 3 ? s->nucleus + 1 : s->nucleus;
}

#define SYLLABLE_MAX_LETTERS 8

bool vn_is_vn_syllable(const int32_t *cp, size_t n)
{
    vn_letter l[SYLLABLE_MAX_LETTERS];
    size_t count = 0;
    for (size_t k = 0; k < n; k++)
        if (!add_letter(l, &count, SYLLABLE_MAX_LETTERS, cp[k]))
            return false;
    syllable s;
    return parse_syllable(l, count, &s);
}

/* ---- folding ------------------------------------------------------------------------------- */

#define FOLD_MAX_LETTERS 24 /* a longer "word" is no syllable: folded character by character */

typedef struct folder {
    const char *s;
    size_t n;
    unsigned flags;
    vn_buf *out;
    vn_u32s *map;
} folder;

/* Appends k output bytes that came from input [a, b): byte for byte when the
 * lengths agree, else all from a. */
static void fold_put(folder *f, const char *bytes, size_t k, size_t a, size_t b)
{
    vn_buf *out = f->out;
    if (out->len + k + 1 > out->cap)
        vn_buf_reserve(out, k);
    memcpy(out->data + out->len, bytes, k);
    out->len += k;
    if (!f->map)
        return;
    vn_u32s *map = f->map;
    if (map->len + k > map->cap)
        map->v = vn_grow(map->v, &map->cap, map->len, k, sizeof *map->v);
    for (size_t q = 0; q < k; q++)
        map->v[map->len++] = (uint32_t)(k == b - a ? a + q : a);
}

static void fold_put_cps(folder *f, const int32_t *cps, size_t k, size_t a, size_t b)
{
    char u[32];
    size_t len = 0;
    for (size_t q = 0; q < k && len + 4 <= sizeof u; q++)
        len += (size_t)vn_utf8_encode(cps[q], u + len);
    if (len == b - a && memcmp(u, f->s + a, len) == 0)
        fold_put(f, f->s + a, len, a, b);
    else
        fold_put(f, u, len, a, b);
}

/* Any character outside a Vietnamese word: lower-cased, stripped of marks. */
/* The dash, quote and apostrophe variants a key does not tell apart. */
static int32_t unified_punctuation(int32_t cp)
{
    switch (cp) {
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
        return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
        return '\'';
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return cp >= 0x2010 && cp <= 0x2015 ? '-' : cp;
    }
}

static void fold_char(folder *f, size_t a, size_t b, int32_t cp)
{
    cp = unified_punctuation(cp);
    if (f->flags & VN_FOLD_STRIP) {
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME)
            return;
        if (cp == 0x111 || cp == 0x110) {
            cp = cp == 0x110 && !(f->flags & VN_FOLD_CASE) ? 'D' : 'd';
        } else if (cp >= 0xC0) {
            int32_t parts[4];
            int boundclass = 0;
            utf8proc_ssize_t k =
                utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &boundclass);
            if (k == 1)
                cp = parts[0];
        }
    }
    if (f->flags & VN_FOLD_CASE)
        cp = utf8proc_tolower(cp);
    fold_put_cps(f, &cp, 1, a, b);
}

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_MN;
}

/* Lower case without a table look-up for ASCII and the Vietnamese letters. */
static int32_t lower_fast(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x1EA0 && cp <= 0x1EF9)
        return cp | 1; /* capitals even, small letters odd */
    if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 || cp == 0x1A0 || cp == 0x1AF)
        return cp + 1; /* Ă Đ Ĩ Ũ Ơ Ư */
    return utf8proc_tolower(cp);
}

/* The base vowel of a Vietnamese letter, in lower case, or 0. */
static char base_vowel(int32_t cp)
{
    if (cp < 0x80) {
        char c = (char)(cp | 0x20);
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ? c : 0;
    }
    if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        if (cp <= 0x1EB7) return 'a';
        if (cp <= 0x1EC7) return 'e';
        if (cp <= 0x1ECB) return 'i';
        if (cp <= 0x1EE3) return 'o';
        if (cp <= 0x1EF1) return 'u';
        return 'y';
    }
    int32_t c = cp >= 0xC0 && cp <= 0xDE ? cp + 32 : cp;
    if (c >= 0xE0 && c <= 0xE5) return 'a';
    if (c >= 0xE8 && c <= 0xEB) return 'e';
    if (c >= 0xEC && c <= 0xEF) return 'i';
    if (c >= 0xF2 && c <= 0xF6) return 'o';
    if (c >= 0xF9 && c <= 0xFC) return 'u';
    if (c == 0xFD || c == 0xFF) return 'y';
    switch (cp) {
    case 0x102: case 0x103: return 'a';
    case 0x128: case 0x129: return 'i';
    case 0x168: case 0x169: case 0x1AF: case 0x1B0: return 'u';
    case 0x1A0: case 0x1A1: return 'o';
    default: return 0;
    }
}

/* Whether a word can have its tone in one of two places (oa, oe, uy — hòa /
 * hoà, thủy / thuỷ): only then is the syllable taken apart.  A combining
 * mark (text that is not NFC) always takes the careful path. */
static bool tone_may_move(const char *s, size_t a, size_t b)
{
    char prev = 0;
    int32_t prev_cp = 0;
    for (size_t i = a; i < b;) {
        int32_t cp = vn_utf8_next(s, b, &i);
        if (cp >= 0x300 && cp <= 0x36F)
            return true;
        char v = base_vowel(cp);
        if ((prev == 'o' && (v == 'a' || v == 'e')) || (prev == 'u' && v == 'y'))
            return true;
        /* "qu" and "gi": the u and the i belong to the consonant (qúa → quá, gìa → già) */
        if (((prev_cp | 0x20) == 'q' && v == 'u') || ((prev_cp | 0x20) == 'g' && v == 'i'))
            return true;
        prev = v;
        prev_cp = cp < 0x80 ? cp : 0;
    }
    return false;
}

/* A word whose tone has one place: lower case only, letter by letter. */
static void fold_word_case(folder *f, size_t a, size_t b)
{
    bool fold_case = f->flags & VN_FOLD_CASE;
    for (size_t i = a; i < b;) {
        size_t at = i;
        int32_t cp = vn_utf8_next(f->s, b, &i);
        int32_t lc = fold_case ? lower_fast(cp) : cp;
        if (lc == cp) {
            fold_put(f, f->s + at, i - at, at, i);
        } else {
            char u[4];
            int k = vn_utf8_encode(lc, u);
            fold_put(f, u, (size_t)k, at, i);
        }
    }
}

/* One word [a, b) of letters: moves its tone to the canonical place, then
 * writes each letter cased and stripped as asked.  False when the word is
 * not made of Vietnamese letters (the caller folds it character by
 * character). */
static bool fold_word(folder *f, size_t a, size_t b)
{
    vn_letter l[FOLD_MAX_LETTERS];
    uint32_t from[FOLD_MAX_LETTERS + 1];
    size_t n = 0, i = a;
    while (i < b) {
        size_t at = i, before = n;
        int32_t cp = vn_utf8_next(f->s, b, &i);
        if (!add_letter(l, &n, FOLD_MAX_LETTERS, cp))
            return false;
        if (n > before)
            from[n - 1] = (uint32_t)at;
    }
    from[n] = (uint32_t)b;
    if (n == 0)
        return false;
    /* a tone can only be misplaced in a word with one tone and two vowels */
    size_t tones = 0, vowels = 0;
    for (size_t k = 0; k < n; k++) {
        tones += l[k].tone != TONE_NONE;
        vowels += is_vowel(&l[k]);
    }
    size_t moved_from = SIZE_MAX, moved_to = SIZE_MAX;
    syllable s;
    if ((f->flags & VN_FOLD_TONE) && !(f->flags & VN_FOLD_STRIP) && tones == 1 && vowels >= 2 &&
        parse_syllable(l, n, &s)) {
        size_t place = canonical_tone_place(l, n, &s);
        if (place != s.tone_at) {
            l[place].tone = l[s.tone_at].tone;
            l[s.tone_at].tone = TONE_NONE;
            moved_from = s.tone_at;
            moved_to = place;
        }
    }
    bool fold_case = f->flags & VN_FOLD_CASE, strip = f->flags & VN_FOLD_STRIP;
    for (size_t k = 0; k < n; k++) {
        bool changed = k == moved_from || k == moved_to || strip || (fold_case && l[k].upper);
        if (!changed) {
            fold_put(f, f->s + from[k], from[k + 1] - from[k], from[k], from[k + 1]);
            continue;
        }
        int32_t cps[4];
        size_t m = letter_cps(&l[k], l[k].upper && !fold_case, !strip, cps);
        fold_put_cps(f, cps, m, from[k], from[k + 1]);
    }
    return true;
}

void vn_fold(const char *s, size_t n, unsigned flags, vn_buf *out, vn_u32s *map)
{
    folder f = {s, n, flags, out, map};
    vn_buf_reserve(out, n + 8);
    if (map)
        map->v = vn_grow(map->v, &map->cap, map->len, n + 8, sizeof *map->v);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (c < 0x80 && !letter) {
            fold_put(&f, s + i, 1, i, i + 1);
            i++;
            continue;
        }
        size_t a = i, end = i;
        while (end < n) { /* the word: letters and marks */
            size_t k = end;
            if (!is_word_cp(vn_utf8_next(s, n, &k)))
                break;
            end = k;
        }
        if (end > a && !(flags & VN_FOLD_STRIP) && !tone_may_move(s, a, end)) {
            fold_word_case(&f, a, end); /* most words: nothing to move */
            i = end;
            continue;
        }
        if (end > a && (flags & (VN_FOLD_TONE | VN_FOLD_STRIP | VN_FOLD_CASE)) && fold_word(&f, a, end)) {
            i = end;
            continue;
        }
        if (end == a) /* not a letter: one character */
            vn_utf8_next(s, n, &end);
        while (i < end) {
            size_t at = i;
            int32_t cp = vn_utf8_next(s, n, &i);
            fold_char(&f, at, i, cp);
        }
    }
    vn_buf_cstr(out);
    if (map) {
        map->v = vn_grow(map->v, &map->cap, map->len, 1, sizeof *map->v);
        map->v[map->len++] = (uint32_t)n;
    }
}
