/* vnplan.h — Vietnamese administrative plans as normalized trees.
 *
 * libvnplan reads a plan ("Kế hoạch triển khai thực hiện ..."), a decision or
 * a similar administrative document, and gives its normalized tree
 * (preamble, the numbered body with canonical section labels, closing,
 * footnotes), its metadata, and its quantified targets; it compares a plan
 * with the decision it implements.
 *
 * Conventions
 *   - Every type is opaque; every name starts with vnplan_.
 *   - Functions that can fail return a vnplan_status; on failure they fill a
 *     message the caller can print, in English (vnplan_strerror gives a
 *     generic one); vnplan_last_error gives the same message in Vietnamese.
 *   - The library never prints and never exits (one exception: see "Memory").
 *   - Strings returned by accessors are UTF-8 (NFC), owned by the object they
 *     come from, and valid until that object is freed.  Text accessors that
 *     need rendering (joining wrapped lines) write into a caller's buffer.
 *   - Offsets in spans are byte offsets into the original file as read, and
 *     line numbers are 1-based lines of that file.
 *
 * Memory
 *   - When an allocation fails inside vnplan_parse_file, vnplan_parse_bytes,
 *     vnplan_load_xml, vnplan_baseline_load, vnplan_baseline_for,
 *     vnplan_grammar_load or vnplan_compare, the call returns
 *     VNPLAN_ERR_NOMEM with *out set to NULL and "out of memory" in err.  The
 *     document or diff it was building, the copy of the input and the file it
 *     had open are released; temporary buffers of the stage that was running
 *     (and, for vnplan_grammar_load, the grammar half built) may stay
 *     allocated.  Objects passed in are untouched, and later calls work
 *     normally once memory is available.
 *   - vnplan_render, the vnplan_renderer functions and
 *     vnplan_diff_render(_many, _report) return VNPLAN_ERR_NOMEM the same
 *     way; what they had written to the FILE stays written (the output is
 *     then incomplete).  A renderer that failed refuses further documents;
 *     vnplan_renderer_finish still frees it (and vnplan_renderer_new
 *     returns NULL when it cannot allocate one).  Tree renderers free all
 *     they allocated; the diff reports may leave temporary buffers allocated.
 *   - vnplan_grammar_default and vnplan_baseline_count/_name/_title return
 *     NULL / 0 when memory runs out while they build what they share; the
 *     next call tries again.
 *   - vnplan_check_run returns VNPLAN_ERR_NOMEM the same way, with *out
 *     NULL: the result it was building and the bundled baseline it loaded
 *     are released (a baseline that could not be loaded for want of memory
 *     fails the check: it is never run without it); temporary buffers of
 *     the rules may stay allocated.  vnplan_check_render(_many) return
 *     VNPLAN_ERR_NOMEM having freed all they allocated; what they wrote
 *     stays written.
 *     Accessors do not allocate, but for vnplan_node_phase and
 *     vnplan_target_phase, which make a year's name once per process (and
 *     return NULL if even that fails).  Memory that libxml2 and pcre2 allocate on
 *     their own is theirs to handle (their errors are reported as usual).
 *
 * Threads
 *   - Any function may be called from any thread, with no set-up call first.
 *     The built-in grammar (vnplan_grammar_default) and the list of bundled
 *     baselines are built once per process, on first use, by whichever thread
 *     comes first (under a lock; the others wait for it), and are then shared
 *     read-only.  They are never freed: they stay valid until the process
 *     ends.  A grammar pattern is JIT-compiled once it has run a few hundred
 *     times, on a copy that is published atomically: matching never waits.
 *   - poppler-glib (PDF) and libzip (DOCX, ODT) are not linked: the first
 *     document of such a format loads them (dlopen, once per process, under
 *     pthread_once) and they stay loaded.  Without them installed, such a
 *     document is refused with VNPLAN_ERR_BINARY and a message naming the
 *     package; everything else works.
 *   - A vnplan_grammar, a vnplan_doc and a vnplan_diff may be read by several
 *     threads at once once made: parsing, comparing and rendering only read
 *     the grammar and the documents they are given (vnplan_node_phase and
 *     vnplan_target_phase add to the document's strings under a lock of their
 *     own: they are safe too; the first vnplan_compare with a document as
 *     the baseline, under the built-in grammar, keeps what it read of the
 *     baseline alone with that document for the next ones, set once
 *     atomically, so that comparing many plans with one baseline from
 *     several threads is safe and reads the baseline once).  Freeing one while
 *     another thread still uses it (or uses a diff made from it) is the
 *     caller's error.
 *   - A vnplan_renderer belongs to one thread at a time; so does a FILE the
 *     caller hands to a renderer.
 *   - The library sets up libxml2 (xmlInitParser) itself, once; it never
 *     changes libxml2's global settings, and it restores the calling
 *     thread's libxml2 error handlers before it returns.
 *
 * The common case is one call each way.  This whole program is compiled and
 * run by the test suite (tests/install.sh), linked through pkg-config both
 * ways: `cc example.c $(pkg-config --cflags --libs vnplan)` (the shared
 * library) and, for the static one, `pkg-config --static --libs vnplan`.
 *
 *     #include <vnplan.h>
 *
 *     int main(int argc, char **argv)
 *     {
 *         vnplan_doc *doc;
 *         char err[256];
 *         if (argc != 2 || vnplan_parse_file(argv[1], NULL, &doc, err, sizeof err) != VNPLAN_OK) {
 *             fprintf(stderr, "example: %s\n", argc != 2 ? "usage: example FILE" : err);
 *             return 1;
 *         }
 *         vnplan_status st = vnplan_render(doc, VNPLAN_FORMAT_XML, 0, stdout, err, sizeof err);
 *         if (st != VNPLAN_OK)
 *             fprintf(stderr, "example: %s\n", err);
 *         vnplan_doc_free(doc);
 *         return st == VNPLAN_OK ? 0 : 1;
 *     }
 */
#ifndef VNPLAN_H
#define VNPLAN_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; vnplan_version() gives the library's, which
 * differs when a program runs against another build than it was compiled
 * with.  The soname (libvnplan.so.0) changes when the ABI breaks. */
#define VNPLAN_VERSION_MAJOR 0
#define VNPLAN_VERSION_MINOR 1
#define VNPLAN_VERSION_PATCH 0
#define VNPLAN_VERSION "0.1.0"

/* Marks the functions the shared library exports; everything else in it is
 * hidden (built with -fvisibility=hidden). */
#ifndef VNPLAN_API
#if defined(__GNUC__) || defined(__clang__)
#define VNPLAN_API __attribute__((visibility("default")))
#else
#define VNPLAN_API
#endif
#endif
/* printf-style checking of a function's format and arguments */
#ifndef VNPLAN_PRINTF
#if defined(__GNUC__) || defined(__clang__)
#define VNPLAN_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define VNPLAN_PRINTF(fmt, args)
#endif
#endif

/* "MAJOR.MINOR.PATCH" of the library linked in. */
VNPLAN_API const char *vnplan_version(void);

/* ---- status ------------------------------------------------------------- */

typedef enum vnplan_status {
    VNPLAN_OK = 0,
    VNPLAN_ERR_IO,          /* the file could not be opened or read */
    VNPLAN_ERR_EMPTY,       /* no text at all (zero bytes or only white space) */
    VNPLAN_ERR_BINARY,      /* binary data, or a format that needs conversion first (PDF, DOC) */
    VNPLAN_ERR_ENCODING,    /* bytes that no supported encoding decodes */
    VNPLAN_ERR_TOO_LARGE,   /* larger than the 2 GiB limit */
    VNPLAN_ERR_GRAMMAR,     /* a grammar data file is malformed */
    VNPLAN_ERR_XML,         /* an XML tree that is not well formed or not valid */
    VNPLAN_ERR_NO_BASELINE, /* no baseline for the decision a plan implements */
    VNPLAN_ERR_USAGE,       /* a caller passed arguments that make no sense */
    VNPLAN_ERR_OUTPUT,      /* writing the output failed (disk full, closed pipe) */
    VNPLAN_ERR_NOMEM        /* memory ran out (see "Memory" above) */
} vnplan_status;

/* A generic English sentence for a status (the specific message is filled in
 * the caller's buffer by the function that failed). */
VNPLAN_API const char *vnplan_strerror(vnplan_status status);

/* ---- grammars ----------------------------------------------------------------
 * The data that names sections, phases, units, comparators, synonyms.  The
 * default set is compiled into the library; a directory of files of the same
 * names overrides it (any file missing there falls back to the default). */

typedef struct vnplan_grammar vnplan_grammar;

/* The built-in grammars; shared, never freed by the caller. */
VNPLAN_API const vnplan_grammar *vnplan_grammar_default(void);
VNPLAN_API vnplan_status vnplan_grammar_load(const char *dir, vnplan_grammar **out, char *err, size_t errlen);
VNPLAN_API void vnplan_grammar_free(vnplan_grammar *g);

/* ---- parsing ------------------------------------------------------------------ */

typedef struct vnplan_doc vnplan_doc;

/* The formats a document can be read from.  AUTO detects the format from
 * the content (magic bytes, the members of a zip archive, markup), never
 * from the file name. */
typedef enum vnplan_input {
    VNPLAN_INPUT_AUTO = 0,
    VNPLAN_INPUT_TEXT, /* plain text in any supported encoding */
    VNPLAN_INPUT_DOCX, /* Word (Office Open XML) */
    VNPLAN_INPUT_ODT,  /* OpenDocument text */
    VNPLAN_INPUT_PDF,  /* PDF with a text layer */
    VNPLAN_INPUT_HTML,
    VNPLAN_INPUT_MD    /* Markdown (CommonMark with GitHub tables and footnotes) */
} vnplan_input;

/* "auto", "txt", "docx", "odt", "pdf", "html", "md"; and back (-1 for an
 * unknown name). */
VNPLAN_API const char *vnplan_input_name(vnplan_input input);
VNPLAN_API int vnplan_input_from_name(const char *name);
/* What vnplan_parse_* with VNPLAN_INPUT_AUTO would take these bytes for. */
VNPLAN_API vnplan_input vnplan_detect_input(const void *bytes, size_t len);

/* grammar may be NULL for the built-in one. */
VNPLAN_API vnplan_status vnplan_parse_file(const char *path, const vnplan_grammar *grammar, vnplan_doc **out,
                                char *err, size_t errlen);
VNPLAN_API vnplan_status vnplan_parse_bytes(const void *bytes, size_t len, const char *name,
                                 const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                 size_t errlen);
/* The same, reading the input as the given format (VNPLAN_INPUT_AUTO:
 * detected from the content). */
VNPLAN_API vnplan_status vnplan_parse_file_as(const char *path, vnplan_input input, const vnplan_grammar *grammar,
                                   vnplan_doc **out, char *err, size_t errlen);
VNPLAN_API vnplan_status vnplan_parse_bytes_as(const void *bytes, size_t len, const char *name, vnplan_input input,
                                    const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                    size_t errlen);
/* Reads a tree in vnplan's own XML format (as written by vnplan_render with
 * VNPLAN_FORMAT_XML, or a hand-made baseline), validating it against the
 * schema first. */
VNPLAN_API vnplan_status vnplan_load_xml(const void *bytes, size_t len, const char *name,
                                         const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                         size_t errlen);
VNPLAN_API void vnplan_doc_free(vnplan_doc *doc);

/* The name given at parse time (file path) and the detected input encoding
 * ("utf-8", "utf-8-bom", "utf-16le", "utf-16be", "utf-32le", "utf-32be",
 * "windows-1258", "tcvn3", "vni", "viscii"; "xml" for a loaded tree). */
VNPLAN_API const char *vnplan_doc_name(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_doc_encoding(const vnplan_doc *doc);
/* The format the document was read from (VNPLAN_INPUT_TEXT for a loaded
 * XML tree). */
VNPLAN_API vnplan_input vnplan_doc_input(const vnplan_doc *doc);

/* Warnings the parser wants a human to see (a plan without a body, a
 * numbering gap it bridged ...); index from 0 to count-1. */
VNPLAN_API size_t vnplan_doc_warning_count(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_doc_warning(const vnplan_doc *doc, size_t i);

/* Time each pipeline stage took on this document, for `vnplan parse
 * --stats` and the benchmark: the stage's name, and its seconds in *seconds. */
VNPLAN_API size_t vnplan_doc_stage_count(void);
VNPLAN_API const char *vnplan_doc_stage(const vnplan_doc *doc, size_t i, double *seconds);

/* ---- metadata ------------------------------------------------------------------
 * Each accessor returns NULL when the document does not state the field
 * (a number left blank, "ngày   tháng   năm 2025"). */

VNPLAN_API const char *vnplan_meta_type(const vnplan_doc *doc);     /* "ke_hoach", "quyet_dinh", ... */
VNPLAN_API const char *vnplan_meta_number(const vnplan_doc *doc);   /* "141/KH-UBND" */
VNPLAN_API const char *vnplan_meta_date(const vnplan_doc *doc);     /* ISO "2025-06-20" */
VNPLAN_API const char *vnplan_meta_issuer(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_meta_locality(const vnplan_doc *doc); /* "Ninh Bình" */
VNPLAN_API const char *vnplan_meta_level(const vnplan_doc *doc);    /* "tinh", "xa", "phuong", ... */
VNPLAN_API const char *vnplan_meta_signer_name(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_meta_signer_capacity(const vnplan_doc *doc);
/* Documents the plan says it implements, in order of first mention. */
VNPLAN_API size_t vnplan_meta_implements_count(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_meta_implements_number(const vnplan_doc *doc, size_t i); /* "1002/QĐ-TTg" */
VNPLAN_API const char *vnplan_meta_implements_date(const vnplan_doc *doc, size_t i);   /* ISO, or NULL */
/* What kind of document it is: "quyet_dinh", "ke_hoach", "nghi_quyet" ...,
 * or NULL when the citation does not say. */
VNPLAN_API const char *vnplan_meta_implements_kind(const vnplan_doc *doc, size_t i);

/* ---- the tree --------------------------------------------------------------------
 * Nodes are addressed by index; 0 is the document root.  VNPLAN_NONE ends a
 * list.  Walking needs no recursion: first_child / next_sibling / parent. */

#define VNPLAN_NONE ((size_t)-1)

typedef struct vnplan_span {
    size_t start, end; /* byte offsets into the original file, end exclusive */
    size_t line;       /* 1-based line of start */
    size_t end_line;   /* 1-based line of the last byte */
} vnplan_span;

/* Where a node or a target starts in the original file, as a reader finds
 * it there: a line of a text file, a page of a PDF, a paragraph of a DOCX,
 * ODT, HTML or Markdown file (spans of those documents are offsets into the
 * text vnplan read from them).  number is 1-based (0: unknown); offset
 * counts the characters before the start within that page or paragraph. */
typedef enum vnplan_location_unit {
    VNPLAN_LOCATION_LINE = 0,
    VNPLAN_LOCATION_PAGE,
    VNPLAN_LOCATION_PARAGRAPH
} vnplan_location_unit;
typedef struct vnplan_location {
    vnplan_location_unit unit;
    size_t number;
    size_t offset;
} vnplan_location;

VNPLAN_API size_t vnplan_node_count(const vnplan_doc *doc);
VNPLAN_API size_t vnplan_node_parent(const vnplan_doc *doc, size_t node);
VNPLAN_API size_t vnplan_node_first_child(const vnplan_doc *doc, size_t node);
VNPLAN_API size_t vnplan_node_next_sibling(const vnplan_doc *doc, size_t node);
/* "document", "part", "section", "heading", "item", "paragraph", "field", "footnote" */
VNPLAN_API const char *vnplan_node_kind(const vnplan_doc *doc, size_t node);
/* The same kinds as numbers, for a switch; VNPLAN_KIND_NONE for a node
 * that does not exist. */
typedef enum vnplan_kind {
    VNPLAN_KIND_NONE = -1,
    VNPLAN_KIND_DOCUMENT,
    VNPLAN_KIND_PART,
    VNPLAN_KIND_SECTION,
    VNPLAN_KIND_HEADING,
    VNPLAN_KIND_ITEM,
    VNPLAN_KIND_PARAGRAPH,
    VNPLAN_KIND_FIELD,
    VNPLAN_KIND_FOOTNOTE
} vnplan_kind;
VNPLAN_API vnplan_kind vnplan_node_type(const vnplan_doc *doc, size_t node);
/* Canonical label ("muc_tieu", "preamble", "other", ...) or NULL. */
VNPLAN_API const char *vnplan_node_label(const vnplan_doc *doc, size_t node);
/* Objective phase: "general", or an end year such as "2030"; NULL if none. */
VNPLAN_API const char *vnplan_node_phase(const vnplan_doc *doc, size_t node);
/* Marker style: "roman", "arabic", "decimal", "alpha", "dash", "plus", "bullet",
 * "dieu", "chuong", "phan", "muc", "khoan", "diem" ...; NULL for unmarked. */
VNPLAN_API const char *vnplan_node_style(const vnplan_doc *doc, size_t node);
VNPLAN_API vnplan_span vnplan_node_span(const vnplan_doc *doc, size_t node);
VNPLAN_API vnplan_location vnplan_node_location(const vnplan_doc *doc, size_t node);
/* The marker's number without punctuation ("I", "2", "a", "đ", "1.2"),
 * the title and the text, rendered (wrapped lines joined) into buf; each
 * returns the full length (like snprintf) or 0 when the node has none. */
VNPLAN_API size_t vnplan_node_number(const vnplan_doc *doc, size_t node, char *buf, size_t buflen);
VNPLAN_API size_t vnplan_node_title(const vnplan_doc *doc, size_t node, char *buf, size_t buflen);
VNPLAN_API size_t vnplan_node_text(const vnplan_doc *doc, size_t node, char *buf, size_t buflen);

/* ---- targets ----------------------------------------------------------------------- */

VNPLAN_API size_t vnplan_target_count(const vnplan_doc *doc);
VNPLAN_API const char *vnplan_target_id(const vnplan_doc *doc, size_t t);
VNPLAN_API const char *vnplan_target_kind(const vnplan_doc *doc, size_t t);       /* "quantified" / "qualitative" */
VNPLAN_API const char *vnplan_target_indicator(const vnplan_doc *doc, size_t t);
VNPLAN_API double vnplan_target_value(const vnplan_doc *doc, size_t t);           /* NaN when qualitative */
/* The upper end of a range ("từ 30 đến 35%": 35); NaN when the target states
 * one value, or is qualitative. */
VNPLAN_API double vnplan_target_value_max(const vnplan_doc *doc, size_t t);
VNPLAN_API const char *vnplan_target_unit(const vnplan_doc *doc, size_t t);       /* as written: "%", "người/năm" */
VNPLAN_API const char *vnplan_target_unit_class(const vnplan_doc *doc, size_t t); /* "pct", "per_year", ... */
VNPLAN_API const char *vnplan_target_comparator(const vnplan_doc *doc, size_t t); /* "=", ">=", ">", "<=", "<", "~" */
VNPLAN_API const char *vnplan_target_phase(const vnplan_doc *doc, size_t t);      /* "2030", or NULL */
VNPLAN_API const char *vnplan_target_section(const vnplan_doc *doc, size_t t);    /* "muc_tieu", ... */
VNPLAN_API size_t vnplan_target_parent(const vnplan_doc *doc, size_t t);          /* index or VNPLAN_NONE */
VNPLAN_API size_t vnplan_target_node(const vnplan_doc *doc, size_t t);
VNPLAN_API const char *vnplan_target_text(const vnplan_doc *doc, size_t t);       /* whole sentence, unwrapped */
VNPLAN_API const char *vnplan_target_confidence(const vnplan_doc *doc, size_t t); /* baselines: "confirmed" ... */
/* A short Vietnamese name of what the target measures, as a baseline gives
 * it ("Tỷ lệ người học các ngành STEM"); NULL when the document has none. */
VNPLAN_API const char *vnplan_target_name(const vnplan_doc *doc, size_t t);
VNPLAN_API vnplan_span vnplan_target_span(const vnplan_doc *doc, size_t t);
VNPLAN_API vnplan_location vnplan_target_location(const vnplan_doc *doc, size_t t);

/* The kind and the comparator as numbers: 1 for a quantified target, 0 for
 * a qualitative one (or no such target); the comparator of vnplan_target_comparator,
 * VNPLAN_CMP_NONE when that is NULL. */
typedef enum vnplan_cmp {
    VNPLAN_CMP_NONE = -1,
    VNPLAN_CMP_EQ,    /* "=" */
    VNPLAN_CMP_GE,    /* ">=" */
    VNPLAN_CMP_GT,    /* ">" */
    VNPLAN_CMP_LE,    /* "<=" */
    VNPLAN_CMP_LT,    /* "<" */
    VNPLAN_CMP_APPROX /* "~" */
} vnplan_cmp;
VNPLAN_API int vnplan_target_is_quantified(const vnplan_doc *doc, size_t t);
VNPLAN_API vnplan_cmp vnplan_target_cmp(const vnplan_doc *doc, size_t t);

/* ---- rendering ------------------------------------------------------------------------ */

typedef enum vnplan_format {
    VNPLAN_FORMAT_XML,
    VNPLAN_FORMAT_JSON,
    VNPLAN_FORMAT_TEXT,
    VNPLAN_FORMAT_TSV,
    VNPLAN_FORMAT_CSV,
    VNPLAN_FORMAT_HTML
} vnplan_format;

/* Flags for rendering. */
#define VNPLAN_RENDER_COLOR 1u       /* terminal colour in text output */
#define VNPLAN_RENDER_NO_TARGETS 2u  /* parse output without the targets */
#define VNPLAN_RENDER_TARGETS_ONLY 4u /* the targets alone (vnplan targets) */
#define VNPLAN_RENDER_ENGLISH 8u      /* reports in English (default: Vietnamese) */
/* HTML reports: the stylesheet linked as "vnplan.css" beside the page
 * (vnplan_diff_html_css gives it) instead of written into each page; for
 * many pages in one folder (vnplan batch).  The running header of printed
 * pages stays in the page. */
#define VNPLAN_RENDER_SHARED_CSS 16u
/* HTML reports of one plan, with VNPLAN_RENDER_SHARED_CSS: the baseline's
 * text is not written into the page (the same decision in thousands of
 * pages); its links lead to the baseline's own page beside it, which
 * vnplan_diff_base_page names and vnplan_diff_render_base writes. */
#define VNPLAN_RENDER_SHARED_BASE 32u
/* Text reports wrapped to this many columns (a terminal's width); without
 * it, 100.  At least 40, at most 1000. */
#define VNPLAN_RENDER_WIDTH(cols) ((unsigned)((cols) & 0xFFFF) << 16)

/* The languages of reports and messages.  Reports speak Vietnamese unless
 * VNPLAN_RENDER_ENGLISH is given. */
typedef enum vnplan_lang { VNPLAN_LANG_VI = 0, VNPLAN_LANG_EN = 1 } vnplan_lang;
/* A message of vnplan's catalog (its English text) in a language: programs
 * built on the library use it to speak as the reports do.  The result is
 * static; msgid itself when the catalog has no translation. */
VNPLAN_API const char *vnplan_translate(vnplan_lang lang, const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(2)))
#endif
    ;
/* The message of the last call that failed on this thread (what its err
 * buffer received, which is English) in lang; "" before any failure.  Valid
 * until the next failing call on this thread; other threads' failures do not
 * touch it.  Reports in Vietnamese name a failed file's reason with it. */
VNPLAN_API const char *vnplan_last_error(vnplan_lang lang);
/* vsnprintf of a message of the catalog in lang: fmt (an English msgid)
 * translated, and every string argument (%s) that is itself a msgid of the
 * catalog translated too — a reason from vnplan_errno_text, say — and so is
 * the English message of this thread's last error (an err buffer passed on
 * as it came).  Returns the length written. */
VNPLAN_API int vnplan_vformat(vnplan_lang lang, char *buf, size_t len, const char *fmt, va_list ap)
    VNPLAN_PRINTF(4, 0);
/* An English msgid of the catalog for errno's common values (a missing file,
 * permission denied, ...), strerror(errnum) for the others. */
VNPLAN_API const char *vnplan_errno_text(int errnum);

/* Writes one document.  Formats: XML, JSON, TEXT (an outline) for the tree;
 * with VNPLAN_RENDER_TARGETS_ONLY also TSV. */
VNPLAN_API vnplan_status vnplan_render(const vnplan_doc *doc, vnplan_format format, unsigned flags, FILE *out,
                                       char *err, size_t errlen);

/* Several documents as one stream (a JSON array, one XML root, one TSV
 * header): begin, a document at a time, end. */
typedef struct vnplan_renderer vnplan_renderer;
VNPLAN_API vnplan_renderer *vnplan_renderer_new(vnplan_format format, unsigned flags, FILE *out);
VNPLAN_API vnplan_status vnplan_renderer_add(vnplan_renderer *r, const vnplan_doc *doc, char *err, size_t errlen);
VNPLAN_API vnplan_status vnplan_renderer_finish(vnplan_renderer *r, char *err, size_t errlen); /* frees r */

/* ---- comparison ------------------------------------------------------------------------
 * A plan compared with its baseline: the decision it implements (bundled, or
 * any tree or text the caller loads), or the plan of the level above.  See
 * docs/diff.md for how targets are aligned and what the statuses mean. */

typedef struct vnplan_diff vnplan_diff;

/* The baselines compiled into the library: the decision each stands for
 * ("1002/QĐ-TTg") and its human title. */
VNPLAN_API size_t vnplan_baseline_count(void);
VNPLAN_API const char *vnplan_baseline_name(size_t i);
VNPLAN_API const char *vnplan_baseline_title(size_t i);
/* Loads the bundled baseline for a decision number, in any spelling
 * (1002/QĐ-TTG, 1002/qd-ttg, or the bare number 1002); VNPLAN_ERR_NO_BASELINE
 * with a message naming the bundled ones when there is none. */
VNPLAN_API vnplan_status vnplan_baseline_load(const char *number, const vnplan_grammar *grammar,
                                              vnplan_doc **out, char *err, size_t errlen);
/* Picks the bundled baseline for what the plan says it implements; fails with
 * VNPLAN_ERR_NO_BASELINE naming the decision when none is bundled, or saying
 * that the plan names no decision. */
VNPLAN_API vnplan_status vnplan_baseline_for(const vnplan_doc *plan, const vnplan_grammar *grammar,
                                             vnplan_doc **out, char *err, size_t errlen);

/* Compares a plan with a baseline.  Both documents must outlive the diff.
 * grammar may be NULL (the plan's).  A baseline that stands for a decision
 * (a bundled baseline, or a parsed quyết định) is refused with
 * VNPLAN_ERR_USAGE when the plan names the documents it implements and that
 * decision is not among them.  Fails with VNPLAN_ERR_TOO_LARGE beyond 8M
 * baseline x plan target pairs. */
VNPLAN_API vnplan_status vnplan_compare(const vnplan_doc *base, const vnplan_doc *plan,
                                        const vnplan_grammar *grammar, vnplan_diff **out, char *err,
                                        size_t errlen);
VNPLAN_API void vnplan_diff_free(vnplan_diff *diff);

VNPLAN_API const vnplan_doc *vnplan_diff_base(const vnplan_diff *diff);
VNPLAN_API const vnplan_doc *vnplan_diff_plan(const vnplan_diff *diff);

/* 1 when the plan changes or leaves out any baseline target (diff(1) style),
 * 0 when it adopts them all. */
VNPLAN_API int vnplan_diff_has_differences(const vnplan_diff *diff);

/* Findings: one per quantified baseline target, in baseline order. */
VNPLAN_API size_t vnplan_diff_finding_count(const vnplan_diff *diff);
VNPLAN_API const char *vnplan_diff_finding_base_id(const vnplan_diff *diff, size_t i);
VNPLAN_API size_t vnplan_diff_finding_base_target(const vnplan_diff *diff, size_t i); /* index in the baseline */
VNPLAN_API const char *vnplan_diff_finding_status(const vnplan_diff *diff, size_t i); /* adopted, changed, missing */
VNPLAN_API size_t vnplan_diff_finding_plan_target(const vnplan_diff *diff, size_t i); /* or VNPLAN_NONE */
VNPLAN_API double vnplan_diff_finding_confidence(const vnplan_diff *diff, size_t i);  /* 0 .. 1 */
/* 1 when the finding rests on a baseline figure that is not confirmed
 * (confidence "likely" or "inferred"). */
VNPLAN_API int vnplan_diff_finding_unverified(const vnplan_diff *diff, size_t i);
/* What a changed target changes: "value", "comparator", "phase", "unit", each
 * with a direction: "stricter", "looser", "localized" (a local share of a
 * national amount), "different", or NULL when none can be told. */
VNPLAN_API size_t vnplan_diff_finding_change_count(const vnplan_diff *diff, size_t i);
VNPLAN_API const char *vnplan_diff_finding_change(const vnplan_diff *diff, size_t i, size_t k);
VNPLAN_API const char *vnplan_diff_finding_direction(const vnplan_diff *diff, size_t i, size_t k);
/* The same as numbers, for a switch: the status (VNPLAN_FINDING_NONE for
 * no such finding), what a change changes and its direction (VNPLAN_CHANGE_NONE
 * and VNPLAN_DIRECTION_NONE when there is no such change, or no direction). */
typedef enum vnplan_finding {
    VNPLAN_FINDING_NONE = -1,
    VNPLAN_FINDING_ADOPTED,
    VNPLAN_FINDING_CHANGED,
    VNPLAN_FINDING_MISSING
} vnplan_finding;
typedef enum vnplan_change {
    VNPLAN_CHANGE_NONE = -1,
    VNPLAN_CHANGE_VALUE,
    VNPLAN_CHANGE_COMPARATOR,
    VNPLAN_CHANGE_PHASE,
    VNPLAN_CHANGE_UNIT
} vnplan_change;
typedef enum vnplan_direction {
    VNPLAN_DIRECTION_NONE = -1,
    VNPLAN_DIRECTION_STRICTER,
    VNPLAN_DIRECTION_LOOSER,
    VNPLAN_DIRECTION_LOCALIZED,
    VNPLAN_DIRECTION_DIFFERENT
} vnplan_direction;
VNPLAN_API vnplan_finding vnplan_diff_finding_state(const vnplan_diff *diff, size_t i);
VNPLAN_API vnplan_change vnplan_diff_finding_change_type(const vnplan_diff *diff, size_t i, size_t k);
VNPLAN_API vnplan_direction vnplan_diff_finding_direction_type(const vnplan_diff *diff, size_t i, size_t k);
/* Plan targets that restate the one the finding rests on (the same target
 * stated again in another section): not matches of their own, never added. */
VNPLAN_API size_t vnplan_diff_finding_restatement_count(const vnplan_diff *diff, size_t i);
VNPLAN_API size_t vnplan_diff_finding_restatement(const vnplan_diff *diff, size_t i, size_t k);
/* Scope notes: what the plan target counts otherwise than the baseline
 * target while the finding keeps the status value, comparator, phase and
 * unit give.  Note k of finding i: *part is "population", "level" or
 * "field"; *relation "narrower", "wider" or "other"; *base and *plan the
 * words of each side, several joined by '|' ("cao đẳng|trung cấp"), *base
 * NULL when the baseline names none.  Returns 0 (outputs untouched) when
 * there is no such note; any output pointer may be NULL. */
VNPLAN_API size_t vnplan_diff_finding_scope_count(const vnplan_diff *diff, size_t i);
VNPLAN_API int vnplan_diff_finding_scope(const vnplan_diff *diff, size_t i, size_t k, const char **part,
                                         const char **base, const char **plan, const char **relation);
/* A scope note in words, as the reports say it ("trình độ cử nhân, kỹ sư →
 * cao đẳng (khác)"), from the strings vnplan_diff_finding_scope gives (or
 * the same read back from JSON: lists joined by '|' or ", "); 0 and "" for
 * an unknown part. */
VNPLAN_API int vnplan_scope_text(vnplan_lang lang, const char *part, const char *base, const char *plan,
                                 const char *relation, char *buf, size_t len);
/* An ISO date (YYYY-MM-DD) as a reader writes it: in Vietnamese "ngày 6
 * tháng 12 năm 2026", in English the ISO date; anything else as it is.
 * Returns the length written. */
VNPLAN_API int vnplan_date_text(vnplan_lang lang, const char *iso, char *buf, size_t len);
/* Plan targets that match no baseline target. */
VNPLAN_API size_t vnplan_diff_added_count(const vnplan_diff *diff);
VNPLAN_API size_t vnplan_diff_added_target(const vnplan_diff *diff, size_t i);

/* Formats: TEXT, JSON, CSV, HTML.  Flags: VNPLAN_RENDER_COLOR for TEXT. */
VNPLAN_API vnplan_status vnplan_diff_render(const vnplan_diff *diff, vnplan_format format, unsigned flags,
                                            FILE *out, char *err, size_t errlen);
/* The file name of the page of diff's baseline text for
 * VNPLAN_RENDER_SHARED_BASE ("base-" and 16 hex digits ".html": the same for
 * every diff against the same baseline); returns its length. */
VNPLAN_API int vnplan_diff_base_page(const vnplan_diff *diff, char *buf, size_t len);
/* That page: the baseline's text, its targets' sentences anchored for the
 * plans' pages to link to.  Flags: VNPLAN_RENDER_ENGLISH, _SHARED_CSS. */
VNPLAN_API vnplan_status vnplan_diff_render_base(const vnplan_diff *diff, unsigned flags, FILE *out, char *err,
                                                 size_t errlen);
/* The stylesheet of the HTML reports (static), for VNPLAN_RENDER_SHARED_CSS. */
VNPLAN_API const char *vnplan_diff_html_css(void);
/* Several diffs as one report: each plan's report, then (TEXT, CSV, HTML) a
 * summary across the plans: a row per baseline target, a column per plan.
 * JSON gives an array of reports.  NULL entries (plans that could not be
 * compared) are skipped. */
VNPLAN_API vnplan_status vnplan_diff_render_many(const vnplan_diff *const *diffs, size_t n,
                                                 vnplan_format format, unsigned flags, FILE *out, char *err,
                                                 size_t errlen);
/* The same, naming the plans that could not be compared: for each k with
 * diffs[k] == NULL, names[k] (its file) and reasons[k] (why) make a failure
 * row of the summary across plans (TEXT, CSV, HTML) or an entry
 * {"plan": {"source"}, "failed"} of the JSON array.  names or reasons may
 * be NULL, and so may an entry (a NULL name: skipped as before). */
VNPLAN_API vnplan_status vnplan_diff_render_report(const vnplan_diff *const *diffs, const char *const *names,
                                                   const char *const *reasons, size_t n, vnplan_format format,
                                                   unsigned flags, FILE *out, char *err, size_t errlen);

/* ---- checking ----------------------------------------------------------------------------
 * A plan's consistency with itself and with the decision it implements:
 * numbering that skips or repeats, a "trong đó" part above its total, a later
 * phase below an earlier one, a target restated with another value, the
 * decision cited with another number, date or issuer, a canonical section
 * missing or empty, a target year outside the period, duties given to a
 * level of government that no longer exists, a task group nobody is
 * responsible for.  docs/check.md describes every rule. */

typedef struct vnplan_check vnplan_check;

typedef enum vnplan_severity {
    VNPLAN_SEVERITY_INFO,
    VNPLAN_SEVERITY_WARNING,
    VNPLAN_SEVERITY_ERROR
} vnplan_severity;

/* "info", "warning", "error". */
VNPLAN_API const char *vnplan_severity_name(vnplan_severity s);

/* The rules: their ids ("numbering", "part-exceeds-total", ...) in report
 * order, and whether each runs by default (1) or only when enabled (0). */
VNPLAN_API size_t vnplan_check_rule_count(void);
VNPLAN_API const char *vnplan_check_rule_name(size_t i);
VNPLAN_API int vnplan_check_rule_default(size_t i);

/* Flags for vnplan_check_run. */
#define VNPLAN_CHECK_ENGLISH 1u /* messages in English (default: Vietnamese) */

/* Checks a plan.  base is the decision it implements (any document: a
 * bundled baseline, a loaded tree, a parsed text) or NULL for the bundled
 * baseline of what the plan says it implements (none: the plan is checked
 * against itself).  enable and disable are comma-separated rule ids ("all"
 * names every rule), or NULL; an unknown id fails with VNPLAN_ERR_USAGE.
 * Both documents must outlive the result only during this call: the result
 * keeps a pointer to plan alone. */
VNPLAN_API vnplan_status vnplan_check_run(const vnplan_doc *plan, const vnplan_doc *base, const char *enable,
                               const char *disable, unsigned flags, vnplan_check **out, char *err,
                               size_t errlen);
VNPLAN_API void vnplan_check_free(vnplan_check *check);

VNPLAN_API const vnplan_doc *vnplan_check_doc(const vnplan_check *check);
/* Findings in the order of the file (line, then offset). */
VNPLAN_API size_t vnplan_check_finding_count(const vnplan_check *check);
/* How many findings have this severity (exit status 1 when any is an error). */
VNPLAN_API size_t vnplan_check_count(const vnplan_check *check, vnplan_severity severity);
VNPLAN_API const char *vnplan_check_finding_rule(const vnplan_check *check, size_t i);
VNPLAN_API vnplan_severity vnplan_check_finding_severity(const vnplan_check *check, size_t i);
/* The words the finding rests on, in the original file. */
VNPLAN_API vnplan_span vnplan_check_finding_span(const vnplan_check *check, size_t i);
VNPLAN_API const char *vnplan_check_finding_message(const vnplan_check *check, size_t i);
VNPLAN_API const char *vnplan_check_finding_evidence(const vnplan_check *check, size_t i);

/* Formats: TEXT (FILE:LINE: severity: message [rule], like a compiler),
 * JSON ({"file", "findings": [...]}; several checks: an array), HTML (one
 * self-contained page).  Flags: VNPLAN_RENDER_COLOR for TEXT. */
VNPLAN_API vnplan_status vnplan_check_render(const vnplan_check *check, vnplan_format format, unsigned flags,
                                  FILE *out, char *err, size_t errlen);
VNPLAN_API vnplan_status vnplan_check_render_many(const vnplan_check *const *checks, size_t n, vnplan_format format,
                                       unsigned flags, FILE *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
