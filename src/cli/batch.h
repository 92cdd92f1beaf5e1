/* batch.h — what `vnplan batch` (cmd_batch.c, batch_record.c) and
 * `vnplan report` (cmd_report.c, report_*.c) share: the growing string the
 * JSON lines are built in, the sentence fingerprint, the name of a plan's
 * own diff page. */
#ifndef VN_CLI_BATCH_H
#define VN_CLI_BATCH_H

#include "vnplan.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A MinHash signature of a document's normalized sentences: the share of
 * equal slots of two signatures estimates the share of sentences the two
 * documents have in common (Jaccard), in a fixed 64 numbers a document. */
#define BATCH_MINHASH_SLOTS 64
/* Sentences shorter than this many words (a heading "Mục tiêu", a date
 * line) are in every plan: they say nothing of a shared template. */
#define BATCH_SENTENCE_MIN_WORDS 4

/* A growing string; the program ends with a message when memory runs out.
 * With spill set, a string only appended to (an output file being made)
 * is written to spill whenever it would pass BATCH_SPILL_AT bytes, so that
 * a large output (the dashboard of 10,000 plans: 34 MB) is never held
 * whole; bs_spill writes what is left. */
#define BATCH_SPILL_AT (256 * 1024)
typedef struct batch_str {
    char *s;
    size_t len, cap;
    FILE *spill;
} batch_str;

void bs_put(batch_str *b, const char *s, size_t n);
void bs_puts(batch_str *b, const char *s);
/* Writes what a spilling string holds to its file and empties it. */
void bs_spill(batch_str *b);
/* The string, cut to its length, to keep; b is empty after it. */
char *bs_take(batch_str *b);
void bs_printf(batch_str *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s as a JSON string (quoted), or null for NULL. */
void bs_json(batch_str *b, const char *s);
/* A number as JSON (shortest form that reads back the same), null for NaN. */
void bs_json_num(batch_str *b, double v);

/* The library's '|'-joined words as the outputs give them, ", " between
 * them, made in buf; NULL for NULL. */
const char *batch_list_words(batch_str *buf, const char *words);

/* "plans/0123456789abcdef.html": the diff page of the plan read from file,
 * named by a hash of its path so that shards name it alike. */
void batch_page_name(const char *file, char out[32]);

/* The bundled baselines met so far, shared read-only by the workers (the
 * thread rules of vnplan.h allow it).  Loaded under the lock. */
typedef struct batch_bases {
    pthread_mutex_t lock;
    char **keys;       /* what the plans said they implement, joined */
    vnplan_doc **docs; /* the baseline picked for it (NULL: none; err says why) */
    char **errs, **errs_vi; /* why a baseline failed to load, in English and Vietnamese */
    size_t n, cap;
    char **pages; /* the pages of baselines' texts written (VNPLAN_RENDER_SHARED_BASE) */
    size_t npages, pagecap;
} batch_bases;

typedef struct batch_ctx {
    const vnplan_grammar *grammar;
    vnplan_input from;        /* --from, or AUTO */
    const vnplan_doc *given;  /* --base, or NULL */
    const char *given_name;   /* its decision or file, for the record */
    const char *out_dir;      /* --out DIR, or NULL: no diff pages */
    batch_bases *bases;
} batch_ctx;

/* One input, read, compared and written as its line of documents.jsonl
 * (with the newline) into line; false when it failed (the line then holds
 * {"file", "error"}).  With row not NULL, a plan compared also gives the
 * report's row of it there (batch_report_row_of); a failed one leaves it
 * as it was.  Safe to call from several threads at once. */
typedef struct batch_report_row batch_report_row;
bool batch_record(const batch_ctx *ctx, const char *file, batch_str *line, batch_report_row **row);
/* The line of a file that failed or was skipped: {"file", "error" (English),
 * "error_vi"}; reason_vi NULL: reason_en's translation in the catalog. */
void batch_error_line(batch_str *line, const char *file, const char *reason_en, const char *reason_vi);

/* Writes bytes to path through a temporary file beside it renamed into
 * place; false with errno set on failure. */
bool batch_write_file(const char *path, const char *bytes, size_t len);
/* The same for a file written piece by piece: batch_file_open makes the
 * temporary (false with errno set), f takes the bytes, and
 * batch_file_close renames it to path when keep (false with errno set when
 * a write failed) or removes it. */
typedef struct batch_file {
    FILE *f;
    char *tmp;
} batch_file;
bool batch_file_open(batch_file *bf, const char *path);
bool batch_file_close(batch_file *bf, const char *path, bool keep);

/* vnplan report DIR...: reads the documents.jsonl of each DIR (or the file
 * itself) and writes the tables and the dashboard into out_dir, the
 * spreadsheet on a second thread when threads > 1. */
int batch_report(const char *const *inputs, size_t n, const char *out_dir, bool quiet, unsigned threads);
/* The same report fed the lines of documents.jsonl as batch writes them, so
 * that reading them back overlaps the workers instead of following them:
 * src names the file in messages; each line with its newline, NUL after it;
 * finish writes the report into out_dir (NULL: only frees) and frees f. */
typedef struct batch_report_feed batch_report_feed;
batch_report_feed *batch_report_feed_new(const char *src);
void batch_report_feed_line(batch_report_feed *f, const char *line, size_t len);
/* The costly part of feeding a line, its reading, done on any thread (each
 * with a parser of its own): batch_report_parse reads a line (NUL-ended)
 * into a row, which batch_report_feed_row then gives to the report in the
 * order of the lines (taking it), as batch_report_feed_line would have. */
typedef struct batch_report_parser batch_report_parser;
batch_report_parser *batch_report_parser_new(void);
void batch_report_parser_free(batch_report_parser *ps);
batch_report_row *batch_report_parse(batch_report_parser *ps, const char *line);
/* The row that batch_report_parse would read from the line batch_record
 * writes of a plan compared, made from the comparison itself: the plan's
 * file, the decision and page named on its line, its fingerprint. */
batch_report_row *batch_report_row_of(const char *file, const vnplan_diff *diff, const char *decision,
                                      const char *page, size_t sentences, const uint64_t sig[BATCH_MINHASH_SLOTS]);
void batch_report_row_free(batch_report_row *row);
void batch_report_feed_row(batch_report_feed *f, batch_report_row *row);
int batch_report_feed_finish(batch_report_feed *f, const char *out_dir, bool quiet, unsigned threads);

int cmd_batch(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
