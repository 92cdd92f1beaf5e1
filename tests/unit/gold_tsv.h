/* gold_tsv.h — the hand-made targets gold files (columns of
 * ../shared/gold/README.md: tid, phase, section, comparator, value,
 * unit_class, parent, key phrase), read by the tests that check the
 * program's targets against them (test_targets_gold.c for the corpus,
 * test_fixture_targets.c for tests/fixtures).  Header-only, like tap.h. */
#ifndef VN_TEST_GOLD_TSV_H
#define VN_TEST_GOLD_TSV_H

#include "tap.h"
#include "testutil.h" /* tu_collapse */
#include "vnplan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gold_row {
    char *tid, *phase, *section, *cmp, *unit_class, *parent, *key;
    double value;
    int line;
} gold_row;

typedef struct gold {
    gold_row *rows;
    size_t n;
} gold;

static inline char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        exit(2);
    memcpy(p, s, n + 1);
    return p;
}

static inline void *grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        exit(2);
    return p;
}

static inline int load_gold(const char *path, gold *g)
{
    memset(g, 0, sizeof *g);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[4096];
    int lineno = 0, good = 1;
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *field[8];
        int nf = 0;
        char *p = line;
        while (nf < 8) {
            field[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nf != 8) {
            diag("%s:%d: 8 tab-separated fields expected, %d found", path, lineno, nf);
            good = 0;
            continue;
        }
        if (g->n == cap) {
            cap = cap ? cap * 2 : 32;
            g->rows = grow(g->rows, cap * sizeof *g->rows);
        }
        gold_row *r = &g->rows[g->n++];
        r->tid = dup_str(field[0]);
        r->phase = dup_str(field[1]);
        r->section = dup_str(field[2]);
        r->cmp = dup_str(field[3]);
        r->value = strtod(field[4], NULL);
        r->unit_class = dup_str(field[5]);
        r->parent = dup_str(field[6]);
        r->key = tu_collapse(field[7]);
        r->line = lineno;
    }
    fclose(f);
    return good && g->n > 0;
}

static inline void free_gold(gold *g)
{
    for (size_t k = 0; k < g->n; k++) {
        gold_row *r = &g->rows[k];
        free(r->tid);
        free(r->phase);
        free(r->section);
        free(r->cmp);
        free(r->unit_class);
        free(r->parent);
        free(r->key);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

static inline const char *or_dash(const char *s) { return s && *s ? s : "-"; }

static inline int quantified(const vnplan_doc *d, size_t t)
{
    const char *k = vnplan_target_kind(d, t);
    return k && strcmp(k, "quantified") == 0;
}

#endif
