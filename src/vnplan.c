/* vnplan.c — the public entry points: parse a file or bytes through the
 * pipeline, and the accessors of include/vnplan.h. */
#include "stages.h"
#include "grammar.h"
#include "source.h"
#include "i18n.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *vnplan_strerror(vnplan_status st)
{
    switch (st) {
    case VNPLAN_OK: return N_("success");
    case VNPLAN_ERR_IO: return N_("cannot read the file");
    case VNPLAN_ERR_EMPTY: return N_("empty input");
    case VNPLAN_ERR_BINARY: return N_("binary data, not text");
    case VNPLAN_ERR_ENCODING: return N_("text in an encoding that cannot be decoded");
    case VNPLAN_ERR_TOO_LARGE: return N_("input larger than 2 GiB");
    case VNPLAN_ERR_GRAMMAR: return N_("malformed grammar data");
    case VNPLAN_ERR_XML: return N_("malformed or invalid XML tree");
    case VNPLAN_ERR_NO_BASELINE: return N_("no baseline for the decision the plan implements");
    case VNPLAN_ERR_USAGE: return N_("invalid arguments");
    case VNPLAN_ERR_OUTPUT: return N_("cannot write the output");
    case VNPLAN_ERR_NOMEM: return N_("out of memory");
    }
    return N_("unknown error");
}

const vn_error *vn_grammar_default_record(void);
vnplan_status vn_grammar_default_status(void);

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t vnplan_doc_stage_count(void) { return 7; }

const char *vnplan_doc_stage(const vnplan_doc *doc, size_t i, double *seconds)
{
    static const char *const names[] = {"read+normalize", "lines", "frame", "tree", "label", "meta", "targets"};
    if (i >= 7)
        return NULL;
    if (seconds)
        *seconds = doc->stage_seconds[i];
    return names[i];
}

/* A structured file (DOCX, ODT, PDF, HTML, Markdown) is read into source
 * lines; their text then takes the place of the file's bytes for the text
 * stages, and the lines' attributes stay with the document. */
static vnplan_status read_structured(vnplan_doc *doc, unsigned char **bytes, size_t *len, vnplan_input in,
                                     vn_error *e)
{
    vn_recover *rec = vn_recover_current();
    vn_source src;
    vnplan_status st = vn_source_read(*bytes, *len, in, &src, e);
    rec->mem = NULL;
    free(*bytes);
    *bytes = NULL;
    if (st != VNPLAN_OK)
        return st;
    *len = src.text.len;
    vn_buf_putc(&src.text, '\0'); /* a buffer of at least one byte, even for no text */
    *bytes = (unsigned char *)src.text.data;
    rec->mem = *bytes;
    doc->src = src.lines;
    doc->nsrc = src.nlines;
    doc->input = (uint8_t)in;
    doc->loc_unit = src.loc_unit;
    return VNPLAN_OK;
}

/* Runs the pipeline over bytes the document takes ownership of. */
static vnplan_status parse_owned(unsigned char *bytes, size_t len, const char *name, vnplan_input in,
                                 const vnplan_grammar *grammar, vnplan_doc **out, char *err, size_t errlen)
{
    vn_error e = {0};
    *out = NULL;
    if (!grammar)
        grammar = vnplan_grammar_default();
    if (!grammar) {
        free(bytes);
        vn_recover_current()->mem = NULL;
        if (vn_grammar_default_status() == VNPLAN_ERR_NOMEM)
            vn_oom();
        vn_fail_nested(&e, VNPLAN_ERR_GRAMMAR, N_("built-in grammars"), vn_grammar_default_record());
        return vn_error_give(&e, err, errlen);
    }
    if (len > VN_MAX_INPUT) {
        free(bytes);
        vn_recover_current()->mem = NULL;
        vn_fail(&e, VNPLAN_ERR_TOO_LARGE, "larger than the 2 GiB limit");
        return vn_error_give(&e, err, errlen);
    }
    vn_recover *rec = vn_recover_current();
    vnplan_doc *doc = vn_xcalloc(1, sizeof *doc);
    rec->doc = doc;
    doc->name = vn_xstrndup(name ? name : "-", strlen(name ? name : "-"));
    doc->grammar = grammar;
    double t0 = now_seconds();
    if (in == VNPLAN_INPUT_AUTO)
        in = vn_detect_input(bytes, len);
    doc->input = VNPLAN_INPUT_TEXT;
    vnplan_status st = VNPLAN_OK;
    if (in != VNPLAN_INPUT_TEXT)
        st = read_structured(doc, &bytes, &len, in, &e);
    if (st != VNPLAN_OK) {
        rec->doc = NULL;
        vnplan_doc_free(doc);
        return vn_error_give(&e, err, errlen);
    }
    rec->mem = NULL; /* the document owns the bytes from here: vn_text_init takes them before it allocates */
    st = vn_text_init(&doc->text, bytes, len, &e);
    if (st != VNPLAN_OK) {
        rec->doc = NULL;
        vnplan_doc_free(doc);
        return vn_error_give(&e, err, errlen);
    }
    double t1 = now_seconds();
    doc->stage_seconds[0] = t1 - t0;
    static void (*const stages[])(vnplan_doc *) = {vn_lines_build, vn_frame_mark, vn_tree_build,
                                                    vn_label_apply, vn_meta_extract, vn_targets_extract};
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        stages[i](doc);
        /* the file's bytes, once the lines are built: only they look back at
         * the original (a form feed normalized to a space opens a page,
         * lines_footnotes.c); later stages map offsets through the runs */
        if (i == 0 && doc->input == VNPLAN_INPUT_TEXT)
            vn_text_drop_orig(&doc->text);
        double t = now_seconds();
        doc->stage_seconds[i + 1] = t - t1;
        t1 = t;
    }
    *out = doc;
    return VNPLAN_OK;
}

static vnplan_status parse_bytes(const void *bytes, size_t len, const char *name, vnplan_input input,
                                 const vnplan_grammar *grammar, vnplan_doc **out, char *err, size_t errlen)
{
    *out = NULL;
    if (len > VN_MAX_INPUT) {
        snprintf(err, errlen, "larger than the 2 GiB limit");
        return VNPLAN_ERR_TOO_LARGE;
    }
    unsigned char *copy = vn_xmalloc(len ? len : 1);
    vn_recover_current()->mem = copy;
    if (len)
        memcpy(copy, bytes, len);
    return parse_owned(copy, len, name, input, grammar, out, err, errlen);
}

/* The public entry points run their work under a recovery point
 * (common.h): an allocation failure anywhere below returns VNPLAN_ERR_NOMEM. */
vnplan_status vnplan_parse_bytes_as(const void *bytes, size_t len, const char *name, vnplan_input input,
                                    const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                    size_t errlen)
{
    VN_RETURN_RECOVERING(parse_bytes(bytes, len, name, input, grammar, out, err, errlen), out, err, errlen);
}

vnplan_status vnplan_parse_bytes(const void *bytes, size_t len, const char *name,
                                 const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                 size_t errlen)
{
    return vnplan_parse_bytes_as(bytes, len, name, VNPLAN_INPUT_AUTO, grammar, out, err, errlen);
}

static vnplan_status parse_file(const char *path, vnplan_input input, const vnplan_grammar *grammar,
                                vnplan_doc **out, char *err, size_t errlen);

vnplan_status vnplan_parse_file_as(const char *path, vnplan_input input, const vnplan_grammar *grammar,
                                   vnplan_doc **out, char *err, size_t errlen)
{
    VN_RETURN_RECOVERING(parse_file(path, input, grammar, out, err, errlen), out, err, errlen);
}

vnplan_status vnplan_parse_file(const char *path, const vnplan_grammar *grammar, vnplan_doc **out,
                                char *err, size_t errlen)
{
    return vnplan_parse_file_as(path, VNPLAN_INPUT_AUTO, grammar, out, err, errlen);
}

static vnplan_status parse_file(const char *path, vnplan_input input, const vnplan_grammar *grammar,
                                vnplan_doc **out, char *err, size_t errlen)
{
    vn_recover *rec = vn_recover_current();
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return VNPLAN_ERR_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        close(fd);
        snprintf(err, errlen, "is a directory");
        return VNPLAN_ERR_IO;
    }
    /* a device (/dev/zero, a terminal, a disk) is no plan and may never end;
     * a pipe is read, up to the size limit */
    if (fstat(fd, &sb) == 0 && (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))) {
        close(fd);
        snprintf(err, errlen, "not a regular file (a device)");
        return VNPLAN_ERR_IO;
    }
    /* A regular file is read once into a buffer of its size (large buffers
     * on huge pages: reading 100 MB costs a third of the time); a pipe
     * grows the buffer as it reads. */
    bool regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
    if (regular && (uint64_t)sb.st_size > VN_MAX_INPUT) {
        close(fd);
        snprintf(err, errlen, "larger than the 2 GiB limit");
        return VNPLAN_ERR_TOO_LARGE;
    }
    size_t cap = regular ? (size_t)sb.st_size + 1 : 1 << 16;
    rec->fd = fd;
    unsigned char *buf = vn_alloc_big(cap);
    rec->mem = buf;
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            /* the limit is checked before the buffer grows: it never holds
             * more than the limit and one byte (which proves it too large) */
            if (len > VN_MAX_INPUT) {
                close(fd);
                free(buf);
                rec->fd = -1;
                rec->mem = NULL;
                snprintf(err, errlen, "larger than the 2 GiB limit");
                return VNPLAN_ERR_TOO_LARGE;
            }
            cap = cap > VN_MAX_INPUT / 2 ? VN_MAX_INPUT + 1 : cap * 2;
            buf = vn_xrealloc(buf, cap);
            rec->mem = buf;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            free(buf);
            rec->fd = -1;
            rec->mem = NULL;
            snprintf(err, errlen, "read error: %s", strerror(e));
            return VNPLAN_ERR_IO;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    rec->fd = -1;
    return parse_owned(buf, len, path, input, grammar, out, err, errlen);
}

void vnplan_doc_free(vnplan_doc *doc)
{
    if (!doc)
        return;
    vn_text_free(&doc->text);
    for (size_t i = 0; i < doc->nwarnings; i++)
        free(doc->warnings[i]);
    VN_FREE_ALL(doc->name, doc->plines, doc->llines, doc->pieces, doc->nodes, doc->targets, doc->part_sets,
                doc->part_slots, doc->meta.implements, doc->warnings, doc->src, doc->node_ospans,
                doc->target_ospans);
    vn_cmp_cache_free(atomic_load(&doc->cmp_cache));
    vn_arena_free(&doc->arena);
    free(doc);
}

const char *vnplan_doc_name(const vnplan_doc *doc) { return doc->name; }
const char *vnplan_doc_encoding(const vnplan_doc *doc)
{
    return doc->from_xml ? "xml" : vn_encoding_name(doc->text.enc);
}
vnplan_input vnplan_doc_input(const vnplan_doc *doc)
{
    return doc->input ? (vnplan_input)doc->input : VNPLAN_INPUT_TEXT;
}
size_t vnplan_doc_warning_count(const vnplan_doc *doc) { return doc->nwarnings; }
const char *vnplan_doc_warning(const vnplan_doc *doc, size_t i)
{
    return i < doc->nwarnings ? doc->warnings[i] : NULL;
}

/* ---- metadata ---- */
const char *vnplan_meta_type(const vnplan_doc *d) { return d->meta.type; }
const char *vnplan_meta_number(const vnplan_doc *d) { return d->meta.number; }
const char *vnplan_meta_date(const vnplan_doc *d) { return d->meta.date; }
const char *vnplan_meta_issuer(const vnplan_doc *d) { return d->meta.issuer; }
const char *vnplan_meta_locality(const vnplan_doc *d) { return d->meta.locality; }
const char *vnplan_meta_level(const vnplan_doc *d) { return d->meta.level; }
const char *vnplan_meta_signer_name(const vnplan_doc *d) { return d->meta.signer_name; }
const char *vnplan_meta_signer_capacity(const vnplan_doc *d) { return d->meta.signer_capacity; }
size_t vnplan_meta_implements_count(const vnplan_doc *d) { return d->meta.nimplements; }
const char *vnplan_meta_implements_number(const vnplan_doc *d, size_t i)
{
    return i < d->meta.nimplements ? d->meta.implements[i].number : NULL;
}
const char *vnplan_meta_implements_kind(const vnplan_doc *d, size_t i)
{
    return i < d->meta.nimplements ? d->meta.implements[i].kind : NULL;
}
const char *vnplan_meta_implements_date(const vnplan_doc *d, size_t i)
{
    return i < d->meta.nimplements ? d->meta.implements[i].date : NULL;
}

/* ---- tree ---- */
static size_t idx(int32_t i) { return i < 0 ? VNPLAN_NONE : (size_t)i; }

size_t vnplan_node_count(const vnplan_doc *d) { return d->nnodes; }
size_t vnplan_node_parent(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? idx(d->nodes[n].parent) : VNPLAN_NONE;
}
size_t vnplan_node_first_child(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? idx(d->nodes[n].first_child) : VNPLAN_NONE;
}
size_t vnplan_node_next_sibling(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? idx(d->nodes[n].next) : VNPLAN_NONE;
}
const char *vnplan_node_kind(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? vn_kind_name(d->nodes[n].kind) : NULL;
}
const char *vnplan_node_label(const vnplan_doc *d, size_t n)
{
    if (n >= d->nnodes)
        return NULL;
    if (d->nodes[n].kind == VN_KIND_FIELD)
        return vn_field_name(d->nodes[n].field);
    return vn_label_name(d->nodes[n].label);
}
const char *vnplan_node_style(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? vn_style_name(d->nodes[n].style) : NULL;
}

const char *vn_phase_name(uint16_t phase, char buf[8]);
const char *vn_phase_name(uint16_t phase, char buf[8])
{
    if (phase == VN_PHASE_NONE)
        return NULL;
    if (phase == VN_PHASE_GENERAL)
        return "general";
    snprintf(buf, 8, "%u", (unsigned)phase);
    return buf;
}

/* The name of a phase, shared by every document of the process: a year's
 * is made the first time that year is asked for and kept, so that the
 * accessors never write to the document (threads may read one document at
 * once).  NULL when memory runs out (plain malloc: an accessor has no
 * recovery point). */
static _Atomic(char *) year_names[UINT16_MAX + 1];

static const char *phase_name(uint16_t phase)
{
    if (phase == VN_PHASE_NONE)
        return NULL;
    if (phase == VN_PHASE_GENERAL)
        return "general";
    char *s = atomic_load_explicit(&year_names[phase], memory_order_acquire);
    if (s)
        return s;
    char tmp[8];
    vn_phase_name(phase, tmp);
    size_t n = strlen(tmp) + 1;
    char *mine = malloc(n);
    if (!mine)
        return NULL;
    memcpy(mine, tmp, n);
    char *first = NULL;
    if (atomic_compare_exchange_strong_explicit(&year_names[phase], &first, mine, memory_order_acq_rel,
                                                memory_order_acquire))
        return mine;
    free(mine); /* another thread made it first */
    return first;
}

const char *vnplan_node_phase(const vnplan_doc *d, size_t n)
{
    return n < d->nnodes ? phase_name(d->nodes[n].phase) : NULL;
}

vnplan_span vnplan_node_span(const vnplan_doc *d, size_t n)
{
    vnplan_span z = {0, 0, 0, 0};
    return n < d->nnodes ? vn_node_ospan(d, n) : z;
}

/* A source line's location, counting the characters from its start to the
 * normalized offset off. */
static vnplan_location locate(const vnplan_doc *d, size_t off, size_t line)
{
    vnplan_location loc = {VNPLAN_LOCATION_LINE, line, 0};
    if (!d->src || d->from_xml)
        return loc;
    size_t k = vn_line_of(d, off);
    if (k >= d->nsrc)
        return loc;
    const vn_srcline *sl = &d->src[k];
    loc.unit = d->loc_unit == VN_LOC_PAGE ? VNPLAN_LOCATION_PAGE : VNPLAN_LOCATION_PARAGRAPH;
    loc.number = sl->loc;
    size_t chars = 0;
    size_t ls = k < d->nplines ? d->plines[k].start : off;
    for (size_t i = ls; i < off && i < d->text.len; i++)
        chars += ((unsigned char)d->text.s[i] & 0xC0) != 0x80;
    loc.offset = sl->loc_char + chars;
    return loc;
}

vnplan_location vnplan_node_location(const vnplan_doc *d, size_t n)
{
    vnplan_location z = {VNPLAN_LOCATION_LINE, 0, 0};
    if (n >= d->nnodes)
        return z;
    vnplan_span sp = vn_node_ospan(d, n);
    return locate(d, d->nodes[n].sub_start, sp.line);
}

/* Copies b into buf[0..buflen) (cut, NUL-terminated), frees it, and
 * returns its whole length: the snprintf convention of the header. */
static size_t copy_out(vn_buf *b, char *buf, size_t buflen)
{
    size_t n = b->len;
    if (buflen) {
        size_t c = n < buflen - 1 ? n : buflen - 1;
        memcpy(buf, b->data ? b->data : "", c);
        buf[c] = '\0';
    }
    vn_buf_free(b);
    return n;
}

size_t vnplan_node_number(const vnplan_doc *d, size_t n, char *buf, size_t len)
{
    vn_buf b = {0};
    if (n < d->nnodes)
        vn_render_number(d, n, &b);
    return copy_out(&b, buf, len);
}
size_t vnplan_node_title(const vnplan_doc *d, size_t n, char *buf, size_t len)
{
    vn_buf b = {0};
    if (n < d->nnodes)
        vn_render_span(d, d->nodes[n].title, &b);
    return copy_out(&b, buf, len);
}
size_t vnplan_node_text(const vnplan_doc *d, size_t n, char *buf, size_t len)
{
    vn_buf b = {0};
    if (n < d->nnodes)
        vn_render_node_text(d, &d->nodes[n], &b);
    return copy_out(&b, buf, len);
}

/* ---- targets ---- */
#define T(d, t) (&(d)->targets[t])
size_t vnplan_target_count(const vnplan_doc *d) { return d->ntargets; }
const char *vnplan_target_id(const vnplan_doc *d, size_t t) { return t < d->ntargets ? T(d, t)->id : NULL; }
const char *vnplan_target_kind(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? (T(d, t)->qualitative ? "qualitative" : "quantified") : NULL;
}
const char *vnplan_target_indicator(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? T(d, t)->indicator : NULL;
}
double vnplan_target_value(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets && !T(d, t)->qualitative ? T(d, t)->value : NAN;
}
double vnplan_target_value_max(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets && !T(d, t)->qualitative && T(d, t)->value_max > T(d, t)->value ? T(d, t)->value_max
                                                                                            : NAN;
}
const char *vnplan_target_unit(const vnplan_doc *d, size_t t) { return t < d->ntargets ? T(d, t)->unit : NULL; }
const char *vnplan_target_unit_class(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? T(d, t)->unit_class : NULL;
}
const char *vnplan_target_comparator(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets && !T(d, t)->qualitative ? vn_cmp_name(T(d, t)->cmp) : NULL;
}
const char *vnplan_target_phase(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? phase_name(T(d, t)->phase) : NULL;
}
const char *vnplan_target_section(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? vn_label_name(T(d, t)->section) : NULL;
}
size_t vnplan_target_parent(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? idx(T(d, t)->parent) : VNPLAN_NONE;
}
size_t vnplan_target_node(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? idx(T(d, t)->node) : VNPLAN_NONE;
}
const char *vnplan_target_text(const vnplan_doc *d, size_t t) { return t < d->ntargets ? T(d, t)->text : NULL; }
const char *vnplan_target_name(const vnplan_doc *d, size_t t) { return t < d->ntargets ? T(d, t)->name : NULL; }
const char *vnplan_target_confidence(const vnplan_doc *d, size_t t)
{
    return t < d->ntargets ? T(d, t)->confidence : NULL;
}
vnplan_span vnplan_target_span(const vnplan_doc *d, size_t t)
{
    vnplan_span z = {0, 0, 0, 0};
    if (t >= d->ntargets)
        return z;
    if (d->target_ospans) {
        const vn_ospan *x = &d->target_ospans[t];
        vnplan_span o = {x->start, x->end, x->line, x->end_line};
        return o;
    }
    return vn_span_to_orig(d, T(d, t)->span);
}

vnplan_location vnplan_target_location(const vnplan_doc *d, size_t t)
{
    vnplan_location z = {VNPLAN_LOCATION_LINE, 0, 0};
    if (t >= d->ntargets)
        return z;
    vnplan_span sp = vnplan_target_span(d, t);
    return locate(d, T(d, t)->span.start, sp.line);
}
