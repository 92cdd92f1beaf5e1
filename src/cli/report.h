/* report.h — `vnplan report`: the plans of one or more documents.jsonl
 * (cmd_report.c reads them), grouped per decision, and the writers of its
 * outputs (report_csv.c: the CSV tables and matrix.xlsx; report_html.c:
 * index.html). */
#ifndef VN_CLI_REPORT_H
#define VN_CLI_REPORT_H

#include "batch.h"

/* Labels of the outputs: English msgids, said in Vietnamese (po/vi.po). */
#define _(s) vnplan_translate(VNPLAN_LANG_VI, s)
#define N_(s) s

/* A pair of plans is listed in similarity.csv from this share of
 * equal fingerprint slots (an estimate of the share of sentences shared). */
#define REPORT_SIMILARITY_MIN 0.5
/* The dashboard lists this many of the most similar pairs. */
#define REPORT_SIMILARITY_SHOWN 200

enum { RP_NONE = -1, RP_ADOPTED, RP_CHANGED, RP_MISSING };
enum { RP_STRICTER = 1, RP_LOOSER = 2, RP_LOCALIZED = 4, RP_DIFFERENT = 8 };

typedef struct rp_cell {
    int status;     /* RP_ADOPTED ... or RP_NONE: no such finding */
    unsigned dirs;  /* RP_STRICTER | ... of its changes */
    double value;   /* the plan's figure, NaN when none */
    double value_max; /* the upper end of its range, NaN when it is no range */
    char cmp[4];    /* its comparator ("=", ">=" ...), "" when none */
    char *scope;    /* its scope notes in words, "; " between them, or NULL */
} rp_cell;

typedef struct rp_plan {
    char *file, *locality, *level, *number, *date, *decision, *page, *error;
    size_t dec;     /* index of its decision (plans without error) */
    rp_cell *cells; /* one per target of its decision */
    size_t sentences;
    uint64_t sig[BATCH_MINHASH_SLOTS];
} rp_plan;

typedef struct rp_decision {
    char *name;            /* "1002/QĐ-TTg" */
    char *slug;            /* "1002-QD-TTg": in file and sheet names */
    size_t ntargets;
    char **ids, **names;   /* the baseline targets, in baseline order */
    size_t *plans;         /* indices of its plans, in file order */
    size_t nplans;
} rp_decision;

typedef struct rp_pair {
    size_t a, b;
    double share;
} rp_pair;

typedef struct rp_data {
    rp_plan *plans; /* sorted by file */
    size_t nplans;
    rp_decision *decs; /* sorted by name */
    size_t ndecs;
    size_t nfailed;
    rp_pair *pairs; /* sorted by share, most similar first */
    size_t npairs;
} rp_data;

/* What the report keeps of one plan, before it is placed among the others
 * (report_row.c makes it, from a line or from a comparison): the cells in
 * the order of its findings, with their targets' ids and names. */
struct batch_report_row {
    const char *bad;  /* why it is no line of documents.jsonl, or NULL */
    rp_plan p;        /* p.cells: one per finding, in the line's order */
    size_t nfindings;
    char **ids;       /* per finding: its base_id (NULL: none) */
    char **names;     /* per finding: its name in the tables */
};

/* strdup and calloc that end the program when memory runs out (strdup of
 * NULL: NULL); the plan's strings and cells freed. */
char *rp_strdup(const char *s);
void *rp_calloc(size_t n, size_t size);
void rp_free_plan(rp_plan *p, size_t ncells);

/* The words of the outputs. */
const char *rp_status_label(int status);
const char *rp_cmp_label(const char *cmp);
/* "tỉnh", "xã" ... for a level's slug ("tinh", "xa"); the slug when unknown. */
const char *rp_level_label(const char *level);
/* (adopted + changed) / targets of the plan, 0 .. 1. */
double rp_completeness(const rp_data *d, const rp_plan *p);

/* Each writes its file in dir; false after a message. */
bool rp_write_matrix_csv(const rp_data *d, const char *dir);
bool rp_write_summary_csv(const rp_data *d, const char *dir);
bool rp_write_similarity_csv(const rp_data *d, const char *dir);
bool rp_write_xlsx(const rp_data *d, const char *dir);
bool rp_write_html(const rp_data *d, const char *dir);

#endif
