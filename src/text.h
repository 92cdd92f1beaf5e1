/* text.h — the first two pipeline stages: read (bytes → UTF-8) and
 * normalize (UTF-8 → the normalized text every later stage reads).
 *
 * The normalized text is one NUL-terminated UTF-8 buffer in which
 *   - every line break of the input (LF, CRLF, CR, U+2028, U+2029, NEL) is one
 *     '\n', so the physical line with index k is line k+1 of the original file;
 *   - runs that are not NFC are composed (utf8proc), and only those runs;
 *   - space variants become ' ', invisible marks (ZWSP, soft hyphen, word
 *     joiner, stray BOMs) are dropped, a form feed becomes a space, Word's
 *     private-use bullet glyphs become U+2022; the eth, Ð ð, which Vietnamese
 *     lacks, is the Đ đ it stands for (a legacy font's look-alike);
 *   - a space a PDF's text put inside a syllable ("c ấp", "tối thi ểu",
 *     "ngư ời") is dropped (normalize_split.c);
 *   - dashes, quotes and tone placement are left as written: this is the text
 *     readers are shown.  The matching key (vn_fold) unifies them: every
 *     dash is '-', every double quote '"', every single quote '\''.
 * A map takes any normalized offset back to the byte offset in the original
 * file, so spans can always be reported against the file the user has. */
#ifndef VN_TEXT_H
#define VN_TEXT_H

#include "common.h"

typedef enum vn_encoding {
    VN_ENC_UTF8,
    VN_ENC_UTF8_BOM,
    VN_ENC_UTF16LE,
    VN_ENC_UTF16BE,
    VN_ENC_CP1258,
    VN_ENC_TCVN3,
    VN_ENC_VISCII,
    VN_ENC_VNI,
    VN_ENC_UTF32LE, /* only with a byte-order mark */
    VN_ENC_UTF32BE
} vn_encoding;

const char *vn_encoding_name(vn_encoding e);

/* Offset map: sorted runs.  A run says normalized bytes [norm, norm+nlen)
 * came from original bytes [orig, orig+olen); the run's end maps to
 * orig+olen.  How a position inside maps depends on `step`:
 *   VN_STEP_LUMP  when nlen == olen byte for byte, otherwise every position
 *                 inside maps to the run's start (a composed or replaced
 *                 character);
 *   VN_STEP_BYTE  byte for byte;
 *   VN_STEP_CHAR8 one original byte per code point (legacy 8-bit encodings),
 *                 two for the code points whose bit is set in `wide` (a
 *                 letter and the tone byte after it, composed; such runs
 *                 hold at most 64 code points);
 *   VN_STEP_UTF16 two original bytes per UTF-16 code unit (4 per character
 *                 beyond the BMP);
 *   VN_STEP_UTF32 four original bytes per code point;
 *   VN_STEP_NFD   one original byte per byte of the canonical decomposition
 *                 of the normalized text (decomposed input that NFC composed);
 *   VN_STEP_CRLF  byte for byte, except that each LF stands for CR LF.
 * In the counting steps the original range may be longer than the step
 * accounts for: the surplus (the LF of a CRLF, the second byte of a
 * no-break space, a dropped zero-width space) belongs to the run's last
 * character.  Counting runs are kept short (VN_RUN_MAX_COUNTED bytes) so a
 * look-up scans little.  This keeps the map to one run for a clean UTF-8
 * file and one per VN_RUN_MAX_COUNTED bytes for UTF-16, NFD or CRLF input,
 * instead of an entry per byte. */
enum { VN_STEP_LUMP = 0, VN_STEP_BYTE, VN_STEP_CHAR8, VN_STEP_UTF16, VN_STEP_UTF32, VN_STEP_NFD, VN_STEP_CRLF };
#define VN_RUN_MAX_COUNTED 512

typedef struct vn_offrun {
    uint32_t norm, nlen, orig, olen;
    uint32_t step; /* VN_STEP_*; 0 keeps the original lump-or-bytes meaning */
    uint64_t wide; /* VN_STEP_CHAR8: bit j, code point j took two bytes */
} vn_offrun;

/* Original offset of position k (norm <= k <= norm+nlen) inside run r; s is
 * the text the run's `norm` offsets index (the counting steps read it). */
size_t vn_offrun_map(const vn_offrun *r, const char *s, size_t k);

/* The index of the last run of runs[0..nruns) (nruns >= 1) that starts at
 * or before position k: the run that maps it. */
size_t vn_offruns_find(const vn_offrun *runs, size_t nruns, size_t k);
/* Original offset of position k through a whole map runs[0..nruns) (nruns
 * >= 1): the last run that starts at or before k maps it. */
size_t vn_offruns_map(const vn_offrun *runs, size_t nruns, const char *s, size_t k);

/* Appends the run [norm, norm+nlen) → [orig, orig+olen) of the given step
 * (wide 0) to runs[0..*n) and returns it.  Every map is built through it. */
vn_offrun *vn_offrun_push(vn_offrun **runs, size_t *n, size_t *cap, size_t norm, size_t nlen, size_t orig,
                          size_t olen, unsigned step);

/* True when a run starting at norm and orig continues `last` on both sides. */
static inline bool vn_offrun_continues(const vn_offrun *last, size_t norm, size_t orig)
{
    return (size_t)last->norm + last->nlen == norm && (size_t)last->orig + last->olen == orig;
}

typedef struct vn_text {
    unsigned char *orig; /* the file's bytes, owned; NULL once the text no longer needs
                            them (vn_text_drop_orig) */
    size_t orig_len;
    char *s; /* normalized UTF-8, NUL-terminated, owned */
    size_t len;
    vn_offrun *runs;
    size_t nruns, capruns;
    vn_encoding enc;
    unsigned flags; /* VN_TEXT_* below: what normalization had to do */
    bool s_in_orig; /* s points into orig (a file that needed nothing is not copied) */
} vn_text;

enum {
    VN_TEXT_HAD_BOM = 1u << 0,
    VN_TEXT_HAD_CR = 1u << 1,      /* CRLF or CR line ends */
    VN_TEXT_HAD_NFD = 1u << 2,     /* some runs were composed */
    VN_TEXT_HAD_INVALID = 1u << 3, /* a few undecodable bytes replaced by U+FFFD */
    VN_TEXT_HAD_LEGACY = 1u << 4   /* decoded from a legacy 8-bit encoding */
};

/* read + normalize.  Takes ownership of `bytes` (malloc'd, `n` long) on
 * success and on failure.  Fails with VNPLAN_ERR_EMPTY, _BINARY, _ENCODING or
 * _TOO_LARGE and a message saying what was found ("a PDF file: extract its
 * text first, e.g. pdftotext -layout"). */
vnplan_status vn_text_init(vn_text *t, unsigned char *bytes, size_t n, vn_error *err);
void vn_text_free(vn_text *t);
/* Frees the file's bytes when the text does not point into them (it was
 * decoded or normalized into a buffer of its own): offsets go back to the
 * file through the runs, which count in the normalized text, so a document
 * read from a plain-text file keeps one copy of its text, not two.  (A
 * structured format's document keeps its reader's text: its spans are
 * offsets into it.) */
void vn_text_drop_orig(vn_text *t);

/* The offsets of the spaces of UTF-8 s[0..n) that split a syllable, as
 * text taken out of a PDF leaves them ("Thủ t ướng", "tối thi ểu"), in
 * order; *out is malloc'd (free it), NULL when there is none. */
size_t vn_split_syllable_spaces(const char *s, size_t n, size_t **out);

/* Original byte offset for a normalized offset (0..len inclusive). */
size_t vn_text_orig_offset(const vn_text *t, size_t norm_off);

/* ---- read stage (read.c) -------------------------------------------------------
 * Decodes the file's bytes into UTF-8 and records, in `runs`, where each
 * decoded byte came from.  Used by vn_text_init; exposed for unit tests. */
typedef struct vn_decoded {
    char *s; /* UTF-8, NUL-terminated; may alias the input when it was UTF-8 */
    size_t len;
    bool owned; /* s must be freed */
    vn_offrun *runs; /* NULL when s maps byte for byte (plus a BOM skip) */
    size_t nruns, capruns;
    size_t skip; /* leading bytes skipped (a BOM) when runs is NULL */
    vn_encoding enc;
    unsigned flags;
} vn_decoded;

vnplan_status vn_read_decode(const unsigned char *bytes, size_t n, vn_decoded *out, vn_error *err);
void vn_decoded_free(vn_decoded *d);

/* Original byte offset of decoded offset k (0..len). */
size_t vn_decoded_orig_offset(const vn_decoded *d, size_t k);

/* ---- folding (fold.c) -----------------------------------------------------
 * A key for matching, never for display.  Any fold unifies dashes (– — ‐
 * − → '-') and quotes (“ ” « » → '"', ‘ ’ → '\'').  VN_FOLD_CASE lower-cases;
 * VN_FOLD_TONE moves every tone mark to one canonical place in its syllable
 * (hoà → hòa, Uỷ → ủy, khoẻ → khỏe: the mark goes where the traditional rule
 * puts it), so old and new tone placement give the same key;
 * VN_FOLD_STRIP removes every diacritic and turns đ into d (Đ into D unless
 * the case is folded too).  Input should be normalized text; anything else
 * is folded without harm.  Appends to out (NUL-terminated, not counted);
 * when map is non-NULL, appends to it: one entry per folded byte, the input
 * offset it came from (byte for byte where a character kept its length,
 * else the character's start), then one extra entry holding n.  Allocates
 * nothing but the growth of out and map. */
enum { VN_FOLD_CASE = 1u, VN_FOLD_TONE = 2u, VN_FOLD_STRIP = 4u };
#define VN_FOLD_KEY (VN_FOLD_CASE | VN_FOLD_TONE)

typedef struct vn_u32s {
    uint32_t *v;
    size_t len, cap;
} vn_u32s;

void vn_fold(const char *s, size_t n, unsigned flags, vn_buf *out, vn_u32s *map);

/* True when the code points cp[0..n) (one word, any case, NFC or NFD) spell
 * a well-formed Vietnamese syllable: initial consonant, vowel cluster,
 * final consonant, at most one tone mark.  Used to score legacy decodings. */
bool vn_is_vn_syllable(const int32_t *cp, size_t n);

#endif
