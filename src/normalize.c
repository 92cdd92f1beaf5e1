/* normalize.c — the normalize stage: decoded UTF-8 → the text every later
 * stage reads (see the promise at the top of text.h), the map from it back to
 * the file's bytes.  The folded keys used for matching are made in fold.c.
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
    /* Vietnamese has no eth: Ð and ð in its text are Đ and đ typed with a
     * look-alike (a legacy font's conversion, a keyboard's table), and
     * "1002/QÐ-TTg" must cite the decision "1002/QĐ-TTg" */
    case 0x00D0:
        return 0x0110;
    case 0x00F0:
        return 0x0111;
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
            if (i + 2 > n || (p[i] == 0xC3 && (p[i + 1] == 0x90 || p[i + 1] == 0xB0))) /* Ð ð: see below */
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
    const size_t *drops; /* spaces inside a syllable, dropped (normalize_split.c) */
    size_t ndrops;
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
    vn_offrun_push(&z->runs, &z->nruns, &z->capruns, norm, nlen, dec, dlen, step);
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
    size_t d = 0; /* the next space to drop */
    while (i < z->n) {
        while (d < z->ndrops && z->drops[d] < i) /* inside a stretch NFC took whole */
            d++;
        size_t stop = d < z->ndrops ? z->drops[d] : z->n;
        if (i == stop) {
            emit_drop(z, i + 1);
            i++;
            d++;
            continue;
        }
        size_t j = scan_plain(p, i, stop);
        if (j > i) {
            emit_plain(z, i, j);
            i = j;
            if (i >= z->n)
                break;
            if (i == stop)
                continue;
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
            vn_offrun_continues(last, norm, orig)) {
            last->nlen += (uint32_t)nlen;
            last->olen += (uint32_t)olen;
            return;
        }
    }
    vn_offrun_push(&t->runs, &t->nruns, &t->capruns, norm, nlen, orig, olen, step)->wide = wide;
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

static void normalize_decoded(vn_text *t, vn_decoded *d, size_t clean, const size_t *drops, size_t ndrops)
{
    normalizer z;
    memset(&z, 0, sizeof z);
    z.in = d->s;
    z.n = d->len;
    z.drops = drops;
    z.ndrops = ndrops;
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
    size_t *drops = NULL;
    size_t ndrops = vn_split_syllable_spaces(d.s, d.len, &drops);
    if (ndrops && drops[0] < clean)
        clean = drops[0];
    if (clean == d.len)
        adopt_decoded(t, &d);
    else
        normalize_decoded(t, &d, clean, drops, ndrops);
    free(drops);
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

void vn_text_drop_orig(vn_text *t)
{
    if (!t->s_in_orig) {
        free(t->orig);
        t->orig = NULL;
    }
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
    return vn_offruns_map(t->runs, t->nruns, t->s, off);
}
