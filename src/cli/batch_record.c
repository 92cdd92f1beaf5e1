/* batch_record.c — one plan of `vnplan batch`: read, compared with its
 * baseline, and written as one line of documents.jsonl (metadata, targets,
 * findings, added targets, a sentence fingerprint) — or {"file", "error"}.
 * Everything the report computes across plans comes from these lines.
 * Runs on the worker threads: it touches no global state of the CLI, only
 * the shared baselines under their lock.  An error is kept in English
 * ("error", for programs) and in Vietnamese ("error_vi", what a report in
 * Vietnamese shows). */
#include "batch.h"
#include "cli.h"
#include "appendf.h"
#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- strings ---- */

static void out_of_memory(void)
{
    fputs("vnplan: out of memory\n", stderr);
    exit(2);
}

void bs_spill(batch_str *b)
{
    /* a failed write leaves the file's error indicator set: closing it
     * (batch_file_close) reports it */
    if (b->spill && b->len)
        (void)!fwrite(b->s, 1, b->len, b->spill);
    b->len = 0;
}

static void bs_grow(batch_str *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    if (b->spill && b->len + more + 1 > BATCH_SPILL_AT) {
        bs_spill(b);
        if (more + 1 <= b->cap)
            return;
    }
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s)
        out_of_memory();
    b->s = s;
    b->cap = cap;
}

void bs_put(batch_str *b, const char *s, size_t n)
{
    bs_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void bs_puts(batch_str *b, const char *s) { bs_put(b, s, strlen(s)); }

char *bs_take(batch_str *b)
{
    if (!b->s)
        return NULL;
    /* a string kept for the whole run is cut to its length: a growing
     * string starts at 4 KB, and a cell's scope notes held that for each
     * of ten thousand plans (100 MB) */
    char *s = realloc(b->s, b->len + 1);
    if (!s)
        s = b->s;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

VN_APPENDF_DEFINE(bs_printf, batch_str, bs_grow, s)

void bs_json(batch_str *b, const char *s)
{
    if (!s) {
        bs_puts(b, "null");
        return;
    }
    bs_grow(b, strlen(s) + 2);
    bs_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* a run of bytes that need no escape, copied at once */
        const unsigned char *q = p;
        while (*q && *q != '"' && *q != '\\' && *q >= 0x20)
            q++;
        if (q > p) {
            bs_put(b, (const char *)p, (size_t)(q - p));
            p = q - 1;
            continue;
        }
        if (*p == '"' || *p == '\\') {
            char e[2] = {'\\', (char)*p};
            bs_put(b, e, 2);
        } else if (*p < 0x20) {
            if (*p == '\n')
                bs_put(b, "\\n", 2);
            else if (*p == '\t')
                bs_put(b, "\\t", 2);
            else
                bs_printf(b, "\\u%04x", *p);
        } else {
            bs_put(b, (const char *)p, 1);
        }
    }
    bs_put(b, "\"", 1);
}

void bs_json_num(batch_str *b, double v)
{
    if (isnan(v) || isinf(v)) {
        bs_puts(b, "null");
        return;
    }
    char buf[40];
    /* a whole number under a million, as most are (figures, lines): what
     * "%.6g" writes, without the round trips below */
    if (fabs(v) < 1e6 && v == (double)(long)v) {
        long whole = labs((long)v);
        char *p = buf + sizeof buf;
        *--p = '\0';
        do
            *--p = (char)('0' + whole % 10);
        while ((whole /= 10) > 0);
        if (signbit(v))
            *--p = '-';
        bs_puts(b, p);
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    bs_puts(b, buf);
}

/* `, "key": value`: one member of an object after its first, the value a
 * JSON string (NULL: null) or number (not finite: null). */
static void bs_key(batch_str *b, const char *key)
{
    bs_puts(b, ", \"");
    bs_puts(b, key);
    bs_puts(b, "\": ");
}

static void bs_kv(batch_str *b, const char *key, const char *v)
{
    bs_key(b, key);
    bs_json(b, v);
}

static void bs_kv_num(batch_str *b, const char *key, double v)
{
    bs_key(b, key);
    bs_json_num(b, v);
}

void batch_page_name(const char *file, char out[32])
{
    snprintf(out, 32, "plans/%016llx.html", (unsigned long long)vn_hash_bytes(file, strlen(file)));
}

/* The process's umask, read once: reading it means setting it, and two
 * workers doing that at once could leave it 0 for good (every later file
 * world-writable). */
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;
static mode_t umask_value;

static void read_umask(void)
{
    umask_value = umask(0);
    umask(umask_value);
}

static mode_t process_umask(void)
{
    pthread_once(&umask_once, read_umask);
    return umask_value;
}

bool batch_file_open(batch_file *bf, const char *path)
{
    size_t n = strlen(path) + 16;
    bf->tmp = malloc(n);
    if (!bf->tmp)
        out_of_memory();
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    /* hidden (a leading dot): a folder walk never takes it for a plan */
    snprintf(bf->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(bf->tmp);
    bf->f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!bf->f) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(bf->tmp);
        }
        free(bf->tmp);
        bf->tmp = NULL;
        errno = e;
        return false;
    }
    return true;
}

bool batch_file_close(batch_file *bf, const char *path, bool keep)
{
    bool ok = keep;
    int e = errno;
    if (ok && (ferror(bf->f) || fflush(bf->f) != 0)) {
        ok = false;
        e = errno ? errno : EIO;
    }
    if (ok)
        fchmod(fileno(bf->f), 0666 & ~process_umask());
    if (fclose(bf->f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(bf->tmp, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok)
        unlink(bf->tmp);
    free(bf->tmp);
    bf->tmp = NULL;
    bf->f = NULL;
    errno = e;
    return ok;
}

bool batch_write_file(const char *path, const char *bytes, size_t len)
{
    batch_file bf;
    if (!batch_file_open(&bf, path))
        return false;
    bool ok = fwrite(bytes, 1, len, bf.f) == len;
    return batch_file_close(&bf, path, ok);
}

/* ---- the sentence fingerprint ---- */

/* A sentence normalized so that copies of one template compare equal:
 * ASCII letters in lower case, figures left out (each province puts its
 * own), punctuation and runs of white space one space. */
static void add_sentence(const char *s, size_t n, uint64_t sig[BATCH_MINHASH_SLOTS], size_t *count)
{
    char norm[1024];
    size_t k = 0, words = 0;
    bool space = true;
    for (size_t i = 0; i < n && k + 1 < sizeof norm; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            continue;
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            if (!space)
                norm[k++] = ' ';
            space = true;
            continue;
        }
        if (space)
            words++;
        space = false;
        norm[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (words < BATCH_SENTENCE_MIN_WORDS)
        return;
    uint64_t h = vn_hash_bytes(norm, k);
    for (size_t slot = 0; slot < BATCH_MINHASH_SLOTS; slot++) {
        uint64_t v = vn_hash_mix64(h ^ (0x9e3779b97f4a7c15ull * (slot + 1)));
        if (v < sig[slot])
            sig[slot] = v;
    }
    (*count)++;
}

/* The sentences of the nodes' own text (paragraphs, items, headings): how
 * many, and their fingerprint in sig. */
static size_t fingerprint(const vnplan_doc *doc, uint64_t sig[BATCH_MINHASH_SLOTS])
{
    for (size_t i = 0; i < BATCH_MINHASH_SLOTS; i++)
        sig[i] = UINT64_MAX;
    size_t count = 0;
    batch_str text = {0};
    for (size_t n = 0; n < vnplan_node_count(doc); n++) {
        vnplan_kind k = vnplan_node_type(doc, n);
        if (k != VNPLAN_KIND_PARAGRAPH && k != VNPLAN_KIND_ITEM && k != VNPLAN_KIND_HEADING)
            continue;
        /* rendered once when the buffer is large enough (most nodes), the
         * buffer grown and the node rendered again when it is not */
        text.len = 0;
        bs_grow(&text, 0);
        size_t len = vnplan_node_text(doc, n, text.s, text.cap);
        if (!len)
            continue;
        if (len + 1 > text.cap) {
            bs_grow(&text, len);
            vnplan_node_text(doc, n, text.s, len + 1);
        }
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            char c = i < len ? text.s[i] : '.';
            bool end = i == len || ((c == '.' || c == ';' || c == '?' || c == '!' || c == ':') &&
                                    (i + 1 >= len || text.s[i + 1] == ' ' || text.s[i + 1] == '\n'));
            if (c == '\n' || end) {
                if (i > start)
                    add_sentence(text.s + start, i - start, sig, &count);
                start = i + 1;
            }
        }
    }
    free(text.s);
    return count;
}

static void bs_fingerprint(batch_str *line, size_t count, const uint64_t sig[BATCH_MINHASH_SLOTS])
{
    bs_printf(line, ", \"sentences\": %zu, \"minhash\": [", count);
    for (size_t i = 0; i < BATCH_MINHASH_SLOTS; i++) { /* "%016llx", without printf's cost per slot */
        char hex[20];
        uint64_t v = count ? sig[i] : 0;
        size_t k = 0;
        if (i)
            hex[k++] = ',';
        hex[k++] = '"';
        for (int d = 15; d >= 0; d--)
            hex[k++] = "0123456789abcdef"[(v >> (4 * d)) & 0xf];
        hex[k++] = '"';
        bs_put(line, hex, k);
    }
    bs_puts(line, "]");
}

/* ---- the record ---- */

/* A reason on one line: the library's messages may hold a newline. */
static void bs_json_line(batch_str *line, const char *reason)
{
    char *r = strdup(reason && *reason ? reason : "unknown error");
    if (!r)
        out_of_memory();
    for (char *p = r; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    bs_json(line, r);
    free(r);
}

void batch_error_line(batch_str *line, const char *file, const char *reason_en, const char *reason_vi)
{
    line->len = 0;
    bs_puts(line, "{\"file\": ");
    bs_json(line, file);
    bs_puts(line, ", \"error\": ");
    bs_json_line(line, reason_en);
    bs_puts(line, ", \"error_vi\": ");
    bs_json_line(line, reason_vi && *reason_vi ? reason_vi : vnplan_translate(VNPLAN_LANG_VI, reason_en));
    bs_puts(line, "}\n");
}

static void plan_target(batch_str *line, const vnplan_doc *doc, size_t t)
{
    bs_puts(line, "{\"id\": ");
    bs_json(line, vnplan_target_id(doc, t));
    bs_kv(line, "kind", vnplan_target_kind(doc, t));
    bs_kv(line, "indicator", vnplan_target_indicator(doc, t));
    bs_kv(line, "comparator", vnplan_target_comparator(doc, t));
    bs_kv_num(line, "value", vnplan_target_value(doc, t));
    bs_kv_num(line, "value_max", vnplan_target_value_max(doc, t));
    bs_kv(line, "unit", vnplan_target_unit(doc, t));
    bs_kv(line, "unit_class", vnplan_target_unit_class(doc, t));
    bs_kv(line, "phase", vnplan_target_phase(doc, t)); /* the plan is this thread's alone */
    bs_kv(line, "section", vnplan_target_section(doc, t));
    size_t parent = vnplan_target_parent(doc, t);
    bs_kv(line, "parent", parent == VNPLAN_NONE ? NULL : vnplan_target_id(doc, parent));
    bs_puts(line, "}");
}

const char *batch_list_words(batch_str *buf, const char *words)
{
    if (!words)
        return NULL;
    buf->len = 0;
    bs_puts(buf, "");
    for (const char *c = words; *c; c++) {
        if (*c == '|')
            bs_puts(buf, ", ");
        else
            bs_put(buf, c, 1);
    }
    return buf->s;
}

/* The library's '|'-joined words as the JSON report gives them: ", "
 * between them; null for none. */
static void bs_json_list(batch_str *line, const char *words)
{
    batch_str s = {0};
    bs_json(line, batch_list_words(&s, words));
    free(s.s);
}

static void findings(batch_str *line, const vnplan_diff *diff)
{
    const vnplan_doc *base = vnplan_diff_base(diff), *plan = vnplan_diff_plan(diff);
    bs_puts(line, ", \"findings\": [");
    for (size_t i = 0; i < vnplan_diff_finding_count(diff); i++) {
        size_t bt = vnplan_diff_finding_base_target(diff, i);
        size_t pt = vnplan_diff_finding_plan_target(diff, i);
        bs_puts(line, i ? ", {\"base_id\": " : "{\"base_id\": ");
        bs_json(line, vnplan_diff_finding_base_id(diff, i));
        bs_kv(line, "base_name", vnplan_target_name(base, bt));
        bs_kv(line, "base_phase", vnplan_target_phase(base, bt)); /* interned under the library's lock */
        bs_kv_num(line, "base_value", vnplan_target_value(base, bt));
        bs_kv(line, "base_comparator", vnplan_target_comparator(base, bt));
        bs_kv(line, "base_unit", vnplan_target_unit(base, bt));
        bs_kv(line, "status", vnplan_diff_finding_status(diff, i));
        bs_kv(line, "plan_id", pt == VNPLAN_NONE ? NULL : vnplan_target_id(plan, pt));
        bs_kv_num(line, "value", pt == VNPLAN_NONE ? NAN : vnplan_target_value(plan, pt));
        bs_kv_num(line, "value_max", pt == VNPLAN_NONE ? NAN : vnplan_target_value_max(plan, pt));
        bs_kv(line, "comparator", pt == VNPLAN_NONE ? NULL : vnplan_target_comparator(plan, pt));
        bs_kv(line, "unit", pt == VNPLAN_NONE ? NULL : vnplan_target_unit(plan, pt));
        size_t nscope = vnplan_diff_finding_scope_count(diff, i);
        for (size_t k = 0; k < nscope; k++) {
            const char *part = NULL, *sb = NULL, *sp = NULL, *rel = NULL;
            vnplan_diff_finding_scope(diff, i, k, &part, &sb, &sp, &rel);
            bs_puts(line, k ? ", {\"part\": " : ", \"scope\": [{\"part\": ");
            bs_json(line, part);
            bs_puts(line, ", \"base\": ");
            bs_json_list(line, sb);
            bs_puts(line, ", \"plan\": ");
            bs_json_list(line, sp);
            bs_puts(line, ", \"relation\": ");
            bs_json(line, rel);
            bs_puts(line, k + 1 == nscope ? "}]" : "}");
        }
        bs_puts(line, ", \"changes\": [");
        for (size_t k = 0; k < vnplan_diff_finding_change_count(diff, i); k++) {
            bs_puts(line, k ? ", {\"change\": " : "{\"change\": ");
            bs_json(line, vnplan_diff_finding_change(diff, i, k));
            bs_kv(line, "direction", vnplan_diff_finding_direction(diff, i, k));
            bs_puts(line, "}");
        }
        bs_printf(line, "], \"confidence\": %.2f, \"unverified\": %s}", vnplan_diff_finding_confidence(diff, i),
                  vnplan_diff_finding_unverified(diff, i) ? "true" : "false");
    }
    bs_puts(line, "], \"added\": [");
    for (size_t i = 0; i < vnplan_diff_added_count(diff); i++) {
        if (i)
            bs_puts(line, ", ");
        bs_json(line, vnplan_target_id(plan, vnplan_diff_added_target(diff, i)));
    }
    bs_puts(line, "]");
}

/* What the plan says it implements, as one key of the shared baselines. */
static void implements_key(const vnplan_doc *doc, batch_str *key)
{
    key->len = 0;
    bs_puts(key, "");
    for (size_t i = 0; i < vnplan_meta_implements_count(doc); i++) {
        bs_puts(key, vnplan_meta_implements_number(doc, i));
        bs_puts(key, "\n");
    }
}

/* The bundled baseline for the plan: looked up by what the plan implements,
 * loaded once (under the lock) for all workers. */
static const vnplan_doc *base_for(const batch_ctx *ctx, const vnplan_doc *plan, char *err, char *err_vi,
                                  size_t errlen)
{
    batch_bases *b = ctx->bases;
    batch_str key = {0};
    implements_key(plan, &key);
    const vnplan_doc *found = NULL;
    pthread_mutex_lock(&b->lock);
    size_t i = 0;
    while (i < b->n && strcmp(b->keys[i], key.s) != 0)
        i++;
    if (i == b->n) {
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 8;
            b->keys = realloc(b->keys, b->cap * sizeof *b->keys);
            b->docs = realloc(b->docs, b->cap * sizeof *b->docs);
            b->errs = realloc(b->errs, b->cap * sizeof *b->errs);
            b->errs_vi = realloc(b->errs_vi, b->cap * sizeof *b->errs_vi);
            if (!b->keys || !b->docs || !b->errs || !b->errs_vi)
                out_of_memory();
        }
        vnplan_doc *doc = NULL;
        char e[512] = "";
        if (vnplan_baseline_for(plan, ctx->grammar, &doc, e, sizeof e) != VNPLAN_OK)
            doc = NULL;
        b->keys[i] = strdup(key.s);
        b->errs[i] = strdup(e);
        b->errs_vi[i] = strdup(doc ? "" : vnplan_last_error(VNPLAN_LANG_VI));
        b->docs[i] = doc;
        if (!b->keys[i] || !b->errs[i] || !b->errs_vi[i])
            out_of_memory();
        b->n++;
    }
    found = b->docs[i];
    if (!found) {
        snprintf(err, errlen, "%s", b->errs[i]);
        snprintf(err_vi, errlen, "%s", b->errs_vi[i]);
    }
    pthread_mutex_unlock(&b->lock);
    free(key.s);
    return found;
}

static void meta(batch_str *line, const vnplan_doc *doc)
{
    bs_kv(line, "format", vnplan_input_name(vnplan_doc_input(doc)));
    bs_puts(line, ", \"meta\": {\"type\": ");
    bs_json(line, vnplan_meta_type(doc));
    bs_kv(line, "number", vnplan_meta_number(doc));
    bs_kv(line, "date", vnplan_meta_date(doc));
    bs_kv(line, "issuer", vnplan_meta_issuer(doc));
    bs_kv(line, "locality", vnplan_meta_locality(doc));
    bs_kv(line, "level", vnplan_meta_level(doc));
    bs_puts(line, ", \"implements\": [");
    for (size_t i = 0; i < vnplan_meta_implements_count(doc); i++) {
        if (i)
            bs_puts(line, ", ");
        bs_json(line, vnplan_meta_implements_number(doc, i));
    }
    bs_puts(line, "]}");
}

/* Renders a page (the plan's, or its baseline's text) and writes it to
 * out_dir/name. */
static void write_html(const batch_ctx *ctx, const char *name, const vnplan_diff *diff, bool base_text)
{
    /* rendered straight into the file (a temporary renamed into place): no
     * copy of the page in memory */
    batch_str path = {0};
    bs_printf(&path, "%s/%s", ctx->out_dir, name);
    batch_file bf;
    bool ok = batch_file_open(&bf, path.s);
    if (ok) {
        char err[256];
        unsigned flags = VNPLAN_RENDER_SHARED_CSS | VNPLAN_RENDER_SHARED_BASE;
        bool rendered = (base_text ? vnplan_diff_render_base(diff, flags, bf.f, err, sizeof err)
                                   : vnplan_diff_render(diff, VNPLAN_FORMAT_HTML, flags, bf.f, err, sizeof err)) ==
                        VNPLAN_OK;
        /* a page that failed to render is not written, as before; only a
         * failed write is reported */
        ok = batch_file_close(&bf, path.s, rendered) || !rendered;
    }
    if (!ok)
        fprintf(stderr, "vnplan: %s: %s\n", path.s, vnplan_translate(cli_lang(), vnplan_errno_text(errno)));
    free(path.s);
}

/* The plan's own diff page, beside documents.jsonl; the text of its
 * baseline on a page of its own, written once for all the plans that
 * share it (the same decision in thousands of pages was a fifth of each). */
static void write_page(const batch_ctx *ctx, const char *file, const vnplan_diff *diff)
{
    char name[32], base[48], base_path[64];
    batch_page_name(file, name);
    vnplan_diff_base_page(diff, base, sizeof base);
    snprintf(base_path, sizeof base_path, "plans/%s", base);
    batch_bases *b = ctx->bases;
    pthread_mutex_lock(&b->lock);
    bool fresh = true;
    for (size_t i = 0; i < b->npages && fresh; i++)
        fresh = strcmp(b->pages[i], base) != 0;
    if (fresh) {
        if (b->npages == b->pagecap) {
            b->pagecap = b->pagecap ? b->pagecap * 2 : 8;
            b->pages = realloc(b->pages, b->pagecap * sizeof *b->pages);
            if (!b->pages)
                out_of_memory();
        }
        if (!(b->pages[b->npages++] = strdup(base)))
            out_of_memory();
        write_html(ctx, base_path, diff, true);
    }
    pthread_mutex_unlock(&b->lock);
    write_html(ctx, name, diff, false);
}

bool batch_record(const batch_ctx *ctx, const char *file, batch_str *line, batch_report_row **row)
{
    line->len = 0;
    struct stat sb;
    if (stat(file, &sb) != 0) {
        batch_error_line(line, file, vnplan_errno_text(errno), NULL);
        return false;
    }
    if (!S_ISREG(sb.st_mode)) {
        batch_error_line(line, file, "not a regular file", vnplan_translate(VNPLAN_LANG_VI, "not a regular file"));
        return false;
    }
    /* refused before the parser tries: a file this process may not read */
    int fd = open(file, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        batch_error_line(line, file, vnplan_errno_text(errno), NULL);
        return false;
    }
    close(fd);
    char err[512], err_vi[512] = "";
    vnplan_doc *doc = NULL;
    if (vnplan_parse_file_as(file, ctx->from, ctx->grammar, &doc, err, sizeof err) != VNPLAN_OK) {
        batch_error_line(line, file, err, vnplan_last_error(VNPLAN_LANG_VI));
        return false;
    }
    const vnplan_doc *base = ctx->given ? ctx->given : base_for(ctx, doc, err, err_vi, sizeof err);
    vnplan_diff *diff = NULL;
    if (!base || vnplan_compare(base, doc, ctx->grammar, &diff, err, sizeof err) != VNPLAN_OK) {
        batch_error_line(line, file, err, base ? vnplan_last_error(VNPLAN_LANG_VI) : err_vi);
        vnplan_doc_free(doc);
        return false;
    }
    const char *decision = ctx->given ? ctx->given_name : vnplan_meta_number(base);
    char page[32];
    batch_page_name(file, page);
    bs_puts(line, "{\"file\": ");
    bs_json(line, file);
    meta(line, doc);
    bs_kv(line, "decision", decision);
    bs_kv(line, "page", ctx->out_dir ? page : NULL);
    bs_puts(line, ", \"targets\": [");
    for (size_t t = 0; t < vnplan_target_count(doc); t++) {
        if (t)
            bs_puts(line, ", ");
        plan_target(line, doc, t);
    }
    bs_puts(line, "]");
    findings(line, diff);
    uint64_t sig[BATCH_MINHASH_SLOTS];
    size_t sentences = fingerprint(doc, sig);
    bs_fingerprint(line, sentences, sig);
    bs_puts(line, "}\n");
    if (row)
        *row = batch_report_row_of(file, diff, decision, ctx->out_dir ? page : NULL, sentences, sig);
    if (ctx->out_dir)
        write_page(ctx, file, diff);
    vnplan_diff_free(diff);
    vnplan_doc_free(doc);
    return true;
}
