/* grammar.c — loads the data files of grammars/ (built in, or a directory
 * that overrides them file by file) and lets each stage compile its part. */
#include "grammar.h"
#include "text.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static vn_gtable *table_get(vnplan_grammar *g, const char *file, bool create)
{
    for (size_t i = 0; i < g->ntables; i++)
        if (strcmp(g->tables[i].file, file) == 0)
            return &g->tables[i];
    if (!create)
        return NULL;
    vn_gtable *t = &VN_PUSH_ZERO(g->tables, g->ntables, g->captables);
    t->file = vn_arena_strndup(&g->arena, file, strlen(file));
    return t;
}

const vn_gtable *vn_grammar_table(const vnplan_grammar *g, const char *file)
{
    static const vn_gtable empty = {"", NULL, 0, 0};
    for (size_t i = 0; i < g->ntables; i++)
        if (strcmp(g->tables[i].file, file) == 0)
            return &g->tables[i];
    return &empty;
}

const vn_grow_row *vn_grammar_next(const vn_gtable *t, const char *block, size_t *i)
{
    /* the rows of one [block] share its name (parse_table): a name found
     * not to match is passed over without comparing it again */
    const char *miss = NULL;
    while (*i < t->nrows) {
        const vn_grow_row *r = &t->rows[(*i)++];
        if (r->block == miss)
            continue;
        if (strcmp(r->block, block) == 0)
            return r;
        miss = r->block;
    }
    return NULL;
}

void vn_grammar_fold(const vn_grow_row *row, size_t k, vn_buf *out)
{
    if (row->folded)
        vn_buf_puts(out, row->folded[k] ? row->folded[k] : row->f[k]);
    else
        vn_fold(row->f[k], strlen(row->f[k]), VN_FOLD_KEY, out, NULL);
}

void vn_grammar_words(const vnplan_grammar *g, const char *file, const char *block, const char ***out, size_t *n)
{
    const vn_gtable *t = vn_grammar_table(g, file);
    size_t i = 0, cap = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL)
        if (row->nf >= 1 && row->f[0][0])
            VN_PUSH(*out, *n, cap) = row->f[0];
}

/* Set while this thread builds the built-in grammar: its patterns are
 * compiled on first use (grammar.h, vn_regex). */
static _Thread_local bool lazy_patterns;

static pcre2_code *compile(const char *pattern, int *code, PCRE2_SIZE *off)
{
    return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_NO_UTF_CHECK, code, off, NULL);
}

pcre2_code *vn_regex_code(vn_regex *rx)
{
    pcre2_code *c = atomic_load_explicit(&rx->code, memory_order_acquire);
    if (c)
        return c;
    int code;
    PCRE2_SIZE off;
    if (!rx->baked || pcre2_serialize_decode(&c, 1, rx->baked, NULL) != 1)
        c = compile(rx->pattern, &code, &off);
    if (!c)
        vn_oom(); /* a built-in pattern compiles (see grammar.h): only memory lacks */
    pcre2_code *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&rx->code, &expected, c, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pcre2_code_free(c); /* another thread was first */
        c = expected;
    }
    return c;
}

/* The patterns of the built-in grammar, in the order made, for the bake
 * tool (read by it alone, single-threaded); written only under
 * default_lock, while the grammar or its check rules are built.  The
 * strings are the grammar's, which is never freed (a build that fails,
 * a defect of the built-in files, leaves some dangling: the bake tool
 * then stops). */
static const char **made_patterns;
static size_t nmade_patterns, capmade_patterns;

const char *const *vn_grammar_default_patterns(size_t *n)
{
    *n = nmade_patterns;
    return made_patterns;
}

static int baked_pattern_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const vn_baked_pattern *)elem)->pattern);
}

bool vn_regex_serialize(const char *pattern, vn_buf *out)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *c = compile(pattern, &code, &off);
    uint8_t *bytes = NULL;
    PCRE2_SIZE size = 0;
    bool done = c && pcre2_serialize_encode((const pcre2_code **)&c, 1, &bytes, &size, NULL) == 1;
    if (done)
        vn_buf_put(out, bytes, size);
    pcre2_serialize_free(bytes);
    pcre2_code_free(c);
    return done;
}

vn_regex *vn_grammar_regex(const char *pattern, const char *file, uint32_t line, vn_error *err)
{
    vn_regex *rx = vn_xcalloc(1, sizeof *rx); /* first: an allocation failure leaves by longjmp */
    rx->pattern = pattern;
    if (lazy_patterns) {
        VN_PUSH(made_patterns, nmade_patterns, capmade_patterns) = pattern;
        const vn_baked_pattern *b = vn_baked_patterns_count
                                        ? bsearch(pattern, vn_baked_patterns, vn_baked_patterns_count,
                                                  sizeof *vn_baked_patterns, baked_pattern_cmp)
                                        : NULL;
        rx->baked = b ? b->code : NULL;
        return rx;
    }
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = compile(pattern, &code, &off);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: bad pattern at offset %zu: %s", file, line,
                (size_t)off, (const char *)msg);
        free(rx);
        return NULL;
    }
    atomic_store_explicit(&rx->code, re, memory_order_relaxed);
    return rx;
}

/* Exactly one thread sees the count reach VN_REGEX_JIT_AFTER and makes the
 * copy; the count stops there, so it never wraps round to a second copy. */
static void regex_jit(vn_regex *rx)
{
    pcre2_code *copy = pcre2_code_copy(vn_regex_code(rx));
    /* best effort: without memory or JIT support the interpreter goes on */
    if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) == 0)
        atomic_store_explicit(&rx->jit, copy, memory_order_release);
    else
        pcre2_code_free(copy);
}

int vn_regex_match(vn_regex *rx, PCRE2_SPTR subject, PCRE2_SIZE length, PCRE2_SIZE start, uint32_t options,
                   pcre2_match_data *md, pcre2_match_context *mctx)
{
    pcre2_code *jit = atomic_load_explicit(&rx->jit, memory_order_acquire);
    if (!jit && atomic_load_explicit(&rx->uses, memory_order_relaxed) < VN_REGEX_JIT_AFTER &&
        atomic_fetch_add_explicit(&rx->uses, 1, memory_order_relaxed) + 1 == VN_REGEX_JIT_AFTER) {
        regex_jit(rx);
        jit = atomic_load_explicit(&rx->jit, memory_order_acquire);
    }
    return pcre2_match(jit ? jit : vn_regex_code(rx), subject, length, start, options, md, mctx);
}

void vn_regex_free(vn_regex *rx)
{
    if (!rx)
        return;
    pcre2_code_free(atomic_load_explicit(&rx->code, memory_order_relaxed));
    pcre2_code_free(atomic_load_explicit(&rx->jit, memory_order_relaxed));
    free(rx);
}

/* Parses one file's text (already normalized) into rows. */
static void parse_table(vnplan_grammar *g, vn_gtable *t, const char *s, size_t n)
{
    const char *block = "";
    uint32_t lineno = 0;
    size_t i = 0;
    while (i < n) {
        /* memchr: the grammar's text is scanned at every start */
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        lineno++;
        size_t a = i, b = j;
        i = j + 1;
        while (a < b && vn_is_hspace(s[b - 1]))
            b--;
        size_t lead = a;
        while (lead < b && s[lead] == ' ')
            lead++;
        if (lead == b || s[lead] == '#')
            continue;
        if (s[lead] == '[' && s[b - 1] == ']') {
            block = vn_arena_strndup(&g->arena, s + lead + 1, b - lead - 2);
            continue;
        }
        /* fields: separated by one or more TABs */
        const char *fields[32];
        uint16_t nf = 0;
        size_t k = a;
        while (k < b && nf < 32) {
            const char *tab = memchr(s + k, '\t', b - k);
            size_t e = tab ? (size_t)(tab - s) : b;
            size_t fa = k, fb = e;
            while (fa < fb && s[fa] == ' ')
                fa++;
            while (fb > fa && s[fb - 1] == ' ')
                fb--;
            fields[nf++] = vn_arena_strndup(&g->arena, s + fa, fb - fa);
            k = e;
            while (k < b && s[k] == '\t')
                k++;
        }
        vn_grow_row *r = &VN_PUSH(t->rows, t->nrows, t->caprows);
        r->nf = nf;
        r->line = lineno;
        r->block = block;
        r->folded = NULL;
        r->f = vn_arena_alloc(&g->arena, sizeof(char *) * (nf ? nf : 1));
        memcpy(r->f, fields, sizeof(char *) * nf);
    }
}

static vnplan_status load_bytes(vnplan_grammar *g, const char *file, const unsigned char *data,
                                size_t len, vn_error *err)
{
    vn_gtable *t = table_get(g, file, true);
    t->nrows = 0; /* an override replaces the built-in file wholesale */
    /* ... so a file without entries would silently switch its stage off
     * (no targets at all): refused, the built-in file is used by leaving
     * it out of the folder */
#define EMPTY_GRAMMAR N_("%s: no entries (a grammar file replaces the built-in one; " \
                      "leave it out of the folder to use the built-in one)")
    if (len == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, EMPTY_GRAMMAR, file);
    unsigned char *copy = vn_xmalloc(len);
    memcpy(copy, data, len);
    vn_text txt;
    vnplan_status st = vn_text_init(&txt, copy, len, err);
    if (st == VNPLAN_ERR_EMPTY)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, EMPTY_GRAMMAR, file);
    if (st != VNPLAN_OK) {
        return vn_fail_nested(err, VNPLAN_ERR_GRAMMAR, file, err);
    }
    parse_table(g, t, txt.s, txt.len);
    vn_text_free(&txt);
    if (t->nrows == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, EMPTY_GRAMMAR, file);
#undef EMPTY_GRAMMAR
    return VNPLAN_OK;
}

static void grammar_free_parts(vnplan_grammar *g)
{
#define FREE_PART(name, field) vn_##name##_rules_free(g->field);
    VN_GRAMMAR_STAGES(FREE_PART)
#undef FREE_PART
    for (size_t i = 0; i < g->ntables; i++)
        if (g->tables[i].caprows) /* 0: the baked rows of the built-in grammar */
            free(g->tables[i].rows);
    free(g->tables);
    vn_arena_free(&g->arena);
}

/* Each stage compiles its part of the grammar, in pipeline order.  The
 * built-in grammar leaves the last one, check's, to the first check
 * (vn_grammar_check_rules): parse, targets and diff never read it, and it
 * was a tenth of what building the grammar cost at every start (issue 13).
 * A grammar loaded from files compiles every stage at once, so that a
 * mistake in its check.txt shows when it is loaded. */
#define INIT_OF(name, field) vn_##name##_rules_init,
static vnplan_status (*const stage_rules_init[])(vnplan_grammar *g, vn_error *err) = {VN_GRAMMAR_STAGES(INIT_OF)};
#undef INIT_OF
enum { STAGES = sizeof stage_rules_init / sizeof stage_rules_init[0], LAZY_STAGES = 1 };

static vnplan_status compile_stages(vnplan_grammar *g, size_t nstages, vn_error *err)
{
    vnplan_status st = VNPLAN_OK;
    for (size_t i = 0; i < nstages && st == VNPLAN_OK; i++)
        st = stage_rules_init[i](g, err);
    return st;
}

/* The built-in files are read as they are, without vn_text_init's decoding
 * and normalization (a third of what building the built-in grammar cost,
 * 0.3 ms at every start): they are UTF-8 already in the normalized form,
 * which test_grammar_embedded checks file by file — a file that is not
 * fails there, not here. */
static vnplan_status load_embedded(vnplan_grammar *g, vn_error *err)
{
    for (size_t i = 0; i < vn_embedded_grammars_count; i++) {
        const vn_embedded *e = &vn_embedded_grammars[i];
        vn_gtable *t = table_get(g, e->name, true);
        t->nrows = 0;
        parse_table(g, t, (const char *)e->data, e->len);
        if (t->nrows == 0)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s: no entries", e->name);
    }
    return VNPLAN_OK;
}

/* The built-in grammar's tables, already split at build time (tools/bake.c
 * writes them from load_embedded's own parse, test_grammar_embedded checks
 * them against it): no copy, no parse at start (0.5 M instructions and
 * some 30 page faults of `vnplan diff`).  The rows are shared, read-only
 * data (caprows 0: never grown nor freed, see grammar_free_parts); false
 * when this build has none (the bake tool itself). */
static bool load_baked_tables(vnplan_grammar *g)
{
    if (vn_baked_grammar_count != vn_embedded_grammars_count || vn_baked_grammar_count == 0)
        return false;
    for (size_t i = 0; i < vn_baked_grammar_count; i++) {
        vn_gtable *t = table_get(g, vn_baked_grammar[i].file, true);
        /* not written through: the built-in grammar is only read */
        t->rows = (vn_grow_row *)vn_baked_grammar[i].rows;
        t->nrows = vn_baked_grammar[i].nrows;
        t->caprows = 0;
    }
    return true;
}

/* The built-in grammar: built once per process by whichever thread asks
 * first (the lock makes the others wait), then shared read-only.  Not
 * pthread_once: an allocation failure leaves the once routine by longjmp,
 * and the next call must be able to try again.  It is never freed: a
 * process that exits, or a library unloaded, while another thread still
 * parses must not pull it away (and an atexit handler in a shared library
 * would outlive the library's code).  Why the last attempt of this thread
 * failed is kept per thread. */
static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(vnplan_grammar *) default_grammar;
static _Thread_local vn_error default_error;

/* The built-in files are tested, so failure other than memory is a build
 * defect, reported through a NULL return and vn_grammar_default_error. */
static vnplan_grammar *build_default(void)
{
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb)) {
        /* a half-built grammar is left allocated: its stages do not all
         * say how far they got */
        lazy_patterns = false;
        vn_fail(&default_error, VNPLAN_ERR_NOMEM, "out of memory");
        return NULL;
    }
    vnplan_grammar *g = vn_xcalloc(1, sizeof *g);
    lazy_patterns = true;
    vnplan_status st = load_baked_tables(g) ? VNPLAN_OK : load_embedded(g, &default_error);
    if (st == VNPLAN_OK)
        st = compile_stages(g, STAGES - LAZY_STAGES, &default_error);
    lazy_patterns = false;
    if (st != VNPLAN_OK) {
        grammar_free_parts(g);
        free(g);
        g = NULL;
    }
    vn_recover_pop(&rec);
    return g;
}

const vnplan_grammar *vnplan_grammar_default(void)
{
    vnplan_grammar *g = atomic_load_explicit(&default_grammar, memory_order_acquire);
    if (g)
        return g;
    vn_library_init();
    pthread_mutex_lock(&default_lock);
    g = atomic_load_explicit(&default_grammar, memory_order_relaxed);
    if (!g) {
        g = build_default();
        atomic_store_explicit(&default_grammar, g, memory_order_release);
    }
    pthread_mutex_unlock(&default_lock);
    return g;
}

bool vn_grammar_is_default(const vnplan_grammar *g)
{
    return g && g == atomic_load_explicit(&default_grammar, memory_order_acquire);
}

/* The check rules of the built-in grammar, compiled by the first check
 * (under default_lock, like the grammar) and never freed; a compilation cut
 * short by an allocation failure is tried again by the next call.  They are
 * compiled into a copy of the grammar's head, so that the shared grammar is
 * never written once other threads read it. */
static _Atomic(struct vn_check_rules *) default_check;

static struct vn_check_rules *build_default_check(const vnplan_grammar *g, vn_error *err)
{
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb)) {
        lazy_patterns = false;
        vn_fail(err, VNPLAN_ERR_NOMEM, "out of memory");
        return NULL;
    }
    vnplan_grammar tmp = *g;
    tmp.check = NULL;
    lazy_patterns = true;
    vnplan_status st = vn_check_rules_init(&tmp, err);
    lazy_patterns = false;
    if (st != VNPLAN_OK) {
        vn_check_rules_free(tmp.check);
        tmp.check = NULL;
    }
    vn_recover_pop(&rec);
    return tmp.check;
}

const struct vn_check_rules *vn_grammar_check_rules(const vnplan_grammar *g, vn_error *err)
{
    if (!g || g != atomic_load_explicit(&default_grammar, memory_order_acquire))
        return g ? g->check : NULL;
    struct vn_check_rules *r = atomic_load_explicit(&default_check, memory_order_acquire);
    if (r)
        return r;
    pthread_mutex_lock(&default_lock);
    r = atomic_load_explicit(&default_check, memory_order_relaxed);
    if (!r) {
        r = build_default_check(g, err);
        atomic_store_explicit(&default_check, r, memory_order_release);
    }
    pthread_mutex_unlock(&default_lock);
    return r;
}

const char *vn_grammar_default_error(void);
const char *vn_grammar_default_error(void) { return default_error.msg; }
const vn_error *vn_grammar_default_record(void);
const vn_error *vn_grammar_default_record(void) { return &default_error; }
vnplan_status vn_grammar_default_status(void);
vnplan_status vn_grammar_default_status(void) { return default_error.status; }

static bool has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static vnplan_status grammar_load(const char *dir, vnplan_grammar **out, char *errbuf, size_t errlen);

vnplan_status vnplan_grammar_load(const char *dir, vnplan_grammar **out, char *errbuf, size_t errlen)
{
    VN_RETURN_RECOVERING(grammar_load(dir, out, errbuf, errlen), out, errbuf, errlen);
}

static vnplan_status grammar_load(const char *dir, vnplan_grammar **out, char *errbuf, size_t errlen)
{
    vn_error err = {0};
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) {
        vn_fail(&err, VNPLAN_ERR_GRAMMAR, "%s: %s", dir, vnplan_errno_text(errno));
        return vn_error_give(&err, errbuf, errlen);
    }
    vnplan_grammar *g = vn_xcalloc(1, sizeof *g);
    vnplan_status st = load_embedded(g, &err);
    size_t overridden = 0;
    struct dirent *de;
    while (st == VNPLAN_OK && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) {
            st = vn_fail(&err, VNPLAN_ERR_GRAMMAR, "%s: %s", path, vnplan_errno_text(errno));
            break;
        }
        vn_buf b = {0};
        char chunk[8192];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            vn_buf_put(&b, chunk, n);
        bool bad = ferror(f);
        fclose(f);
        if (bad)
            st = vn_fail(&err, VNPLAN_ERR_GRAMMAR, "%s: read error", path);
        else
            st = load_bytes(g, de->d_name, (const unsigned char *)b.data, b.len, &err);
        vn_buf_free(&b);
        overridden++;
    }
    closedir(d);
    if (st == VNPLAN_OK && overridden == 0)
        st = vn_fail(&err, VNPLAN_ERR_GRAMMAR, "%s: no grammar files (*.txt) in this directory", dir);
    if (st == VNPLAN_OK)
        st = compile_stages(g, STAGES, &err);
    if (st != VNPLAN_OK) {
        vn_error_give(&err, errbuf, errlen);
        grammar_free_parts(g);
        free(g);
        return st;
    }
    *out = g;
    return VNPLAN_OK;
}

void vnplan_grammar_free(vnplan_grammar *g)
{
    if (!g || g == atomic_load_explicit(&default_grammar, memory_order_acquire))
        return;
    grammar_free_parts(g);
    free(g);
}
