/* test_html_report.c — the HTML diff report in a real browser.
 *
 * The reports of both 1002 plans (each alone, and the two together with the
 * summary across plans) are rendered through the library, opened in headless
 * Chromium (Debian's chromium package: `make check` installs it through
 * tools/deps.sh test), and the test fails on
 *   - any console message (Chromium logs them on stderr as CONSOLE lines:
 *     script errors, blocked resources, CSP violations);
 *   - missing content in the DOM Chromium dumps after running the page's
 *     script: every baseline target by its name (its id only in a data-*
 *     attribute, never in the text), every status in the page's language
 *     (Vietnamese by default, English with VNPLAN_RENDER_ENGLISH: the words
 *     below are written here by hand, not taken from the catalog), the
 *     anchor of every sentence a finding rests on (and the link to it), the
 *     summary matrix;
 *   - a script that did not run (it marks <html class="js">);
 *   - a baseline sentence whose comparator words and unit (the spans the
 *     target records carry) are not marked in it;
 *   - anything fetched from the network.
 * Without Chromium the test fails and says how to install it. */
#include "doc.h"
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256] = "";
static char tmpdir[256];

static void find_root(void) { tu_find_root("tests/gold", root, sizeof root); }

static const char *chromium(void)
{
    static const char *const paths[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (access(paths[i], X_OK) == 0)
            return paths[i];
    return NULL;
}

static const char *const plans[] = {
    "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
    "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
};

typedef struct cmp {
    vnplan_doc *plan, *base;
    vnplan_diff *diff;
} cmp;

static bool load(size_t i, cmp *c)
{
    char p[512], err[512];
    memset(c, 0, sizeof *c);
    snprintf(p, sizeof p, "%s%s", root, plans[i]);
    if (vnplan_parse_file(p, NULL, &c->plan, err, sizeof err) != VNPLAN_OK ||
        vnplan_baseline_for(c->plan, NULL, &c->base, err, sizeof err) != VNPLAN_OK ||
        vnplan_compare(c->base, c->plan, NULL, &c->diff, err, sizeof err) != VNPLAN_OK) {
        diag("%s: %s", plans[i], err);
        return false;
    }
    return true;
}

static void unload(cmp *c)
{
    vnplan_diff_free(c->diff);
    vnplan_doc_free(c->base);
    vnplan_doc_free(c->plan);
}

/* Opens the page in headless Chromium; the dumped DOM and the console lines
 * come back (malloc'd). */
static bool browse(const char *browser, const char *html, char **dom, char **console)
{
    char profile[300], out[300], err[300], cmd[2048];
    snprintf(profile, sizeof profile, "%s/profile-XXXXXX", tmpdir);
    if (!mkdtemp(profile))
        return false;
    snprintf(out, sizeof out, "%s/dom.html", tmpdir);
    snprintf(err, sizeof err, "%s/chromium.log", tmpdir);
    snprintf(cmd, sizeof cmd,
             "timeout 120 '%s' --headless --no-sandbox --disable-gpu --disable-background-networking "
             "--disable-component-update --disable-sync --no-first-run --user-data-dir='%s' "
             "--enable-logging=stderr --v=0 --dump-dom 'file://%s' >'%s' 2>'%s'",
             browser, profile, html, out, err);
    int rc = system(cmd);
    *dom = tu_read_text(out, NULL);
    char *log = tu_read_text(err, NULL);
    /* keep the console lines only */
    size_t n = strlen(log), k = 0;
    char *lines = malloc(n + 1);
    for (char *line = strtok(log, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, "CONSOLE")) {
            size_t l = strlen(line);
            memcpy(lines + k, line, l);
            k += l;
            lines[k++] = '\n';
        }
    lines[k] = '\0';
    *console = lines;
    free(log);
    return WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

static bool has(const char *dom, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static bool has(const char *dom, const char *fmt, ...)
{
    char needle[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(needle, sizeof needle, fmt, ap);
    va_end(ap);
    return strstr(dom, needle) != NULL;
}

/* The words of a page in one language. */
typedef struct words {
    const char *status[4]; /* adopted, changed, missing, added */
    const char *parts[4];  /* qualitative objectives, task groups, duties, funding */
    const char *mark[2];   /* the titles of a comparator's and a unit's marks */
    const char *summary;
} words;

static const words vi = {{"giữ nguyên", "thay đổi", "không có trong kế hoạch", "bổ sung"},
                         {"Mục tiêu định tính", "Nhóm nhiệm vụ", "Phân công", "Kinh phí"},
                         {"mức so sánh", "đơn vị"},
                         "Tổng hợp các kế hoạch"};
static const words en = {{"adopted", "changed", "not in the plan", "added by the plan"},
                         {"Qualitative objectives", "Task groups", "Duties", "Funding"},
                         {"comparator", "unit"},
                         "Summary across plans"};

/* The content a reviewer needs, for report number k of the page. */
static void check_report(const char *what, const char *dom, size_t k, const vnplan_diff *d, const words *w)
{
    const vnplan_doc *base = vnplan_diff_base(d);
    size_t missing_ids = 0, missing_anchor = 0, missing_link = 0, missing_status = 0, shown_ids = 0;
    for (size_t i = 0; i < vnplan_diff_finding_count(d); i++) {
        const char *id = vnplan_diff_finding_base_id(d, i), *st = vnplan_diff_finding_status(d, i);
        const char *name = vnplan_target_name(base, vnplan_diff_finding_base_target(d, i));
        if (!has(dom, "data-base-id=\"%s\"", id) && missing_ids++ < 3)
            diag("%s: no row of %s", what, id);
        if (name && !strchr(name, '&') && !strchr(name, '<') && !has(dom, "<b>%s</b>", name) && missing_ids++ < 3)
            diag("%s: %s is not named %s", what, id, name);
        if (has(dom, ">%s<", id) && shown_ids++ < 3)
            diag("%s: the id %s is shown as text", what, id);
        if (!has(dom, "id=\"d%zu-f-%zu\" class=\"f %s", k, i, st) && missing_status++ < 3)
            diag("%s: the row of %s does not say %s", what, id, st);
        size_t bt = vnplan_diff_finding_base_target(d, i);
        if (!has(dom, "id=\"d%zu-b-%zu\"", k, bt + 1) && missing_anchor++ < 3)
            diag("%s: no anchor of the baseline sentence of %s", what, id);
        size_t pt = vnplan_diff_finding_plan_target(d, i);
        if (pt == VNPLAN_NONE)
            continue;
        if (!has(dom, "id=\"d%zu-p-%zu\"", k, pt + 1) && missing_anchor++ < 3)
            diag("%s: no anchor of the plan sentence of %s", what, id);
        if (!has(dom, "href=\"#d%zu-p-%zu\"", k, pt + 1) && missing_link++ < 3)
            diag("%s: %s does not link to its plan sentence", what, id);
    }
    ok(!missing_ids, "%s: every baseline target has its row, named by what it measures", what);
    ok(!shown_ids, "%s: no internal id is shown to the reader", what);
    ok(!missing_status, "%s: every finding's row says its status", what);
    ok(!missing_anchor, "%s: every sentence a finding rests on has its highlighted anchor", what);
    ok(!missing_link, "%s: every finding links to its plan sentence", what);
    size_t missing_added = 0;
    for (size_t i = 0; i < vnplan_diff_added_count(d); i++) {
        size_t t = vnplan_diff_added_target(d, i);
        if (!has(dom, "id=\"d%zu-p-%zu\"", k, t + 1) && missing_added++ < 3)
            diag("%s: no anchor of added target %zu", what, t + 1);
    }
    ok(!missing_added, "%s: every added target has its highlighted anchor", what);
    static const char *const statuses[] = {"adopted", "changed", "missing", "added"};
    for (size_t s = 0; s < 4; s++) {
        bool used = false;
        for (size_t i = 0; i < vnplan_diff_finding_count(d); i++)
            used |= !strcmp(vnplan_diff_finding_status(d, i), statuses[s]);
        if (s == 3)
            used = vnplan_diff_added_count(d) > 0;
        if (used)
            ok(has(dom, ">%s</span>", w->status[s]), "%s: the status \"%s\" is shown as \"%s\"", what, statuses[s],
               w->status[s]);
    }
    ok(strstr(dom, w->parts[0]) && strstr(dom, w->parts[1]) && strstr(dom, w->parts[2]) && strstr(dom, w->parts[3]),
       "%s: the qualitative, task group, duty and funding parts", what);
    /* the marks of a baseline sentence are the words its record's spans hold */
    size_t marked = 0, unmarked = 0;
    for (size_t i = 0; i < vnplan_diff_finding_count(d); i++) {
        const vn_target *t = &base->targets[vnplan_diff_finding_base_target(d, i)];
        const vn_span parts[] = {t->cmp_span, t->unit_span};
        const char *const *titles = w->mark;
        for (size_t p = 0; p < 2; p++) {
            size_t n = parts[p].end - parts[p].start;
            if (parts[p].end <= parts[p].start || n > 200)
                continue;
            char said[256];
            memcpy(said, base->text.s + parts[p].start, n);
            said[n] = '\0';
            if (strchr(said, '&') || strchr(said, '<'))
                continue; /* escaped in the page */
            if (has(dom, "title=\"%s\">%s</mark>", titles[p], said))
                marked++;
            else if (unmarked++ < 3)
                diag("%s: %s of %s not marked: %s", what, titles[p], t->id, said);
        }
    }
    ok(marked > 0 && !unmarked, "%s: every baseline comparator and unit span is marked in its sentence (%zu)", what,
       marked);
}

int main(void)
{
    find_root();
    const char *browser = chromium();
    if (!ok(browser != NULL, "Chromium is installed (Debian: apt-get install chromium, or tools/deps.sh test)"))
        return done();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/vnplan-html-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        ok(0, "a temporary directory");
        return done();
    }
    cmp c[2];
    bool loaded0 = load(0, &c[0]), loaded1 = load(1, &c[1]); /* both, so that both can be freed */
    bool loaded = loaded0 && loaded1;
    if (!ok(loaded, "both 1002 plans compare")) {
        unload(&c[0]);
        unload(&c[1]);
        return done();
    }
    /* each plan alone, then both with the summary, then Lạng Sơn in English */
    for (size_t page = 0; page < 4; page++) {
        char html[400], err[512];
        snprintf(html, sizeof html, "%s/report-%zu.html", tmpdir, page);
        FILE *f = fopen(html, "w");
        const vnplan_diff *ds[2] = {c[0].diff, c[1].diff};
        size_t nd = page == 2 ? 2 : 1;
        const vnplan_diff *const *list = page == 2 ? ds : page == 3 ? &ds[0] : &ds[page];
        unsigned flags = page == 3 ? VNPLAN_RENDER_ENGLISH : 0;
        const words *w = page == 3 ? &en : &vi;
        vnplan_status st = f ? vnplan_diff_render_many(list, nd, VNPLAN_FORMAT_HTML, flags, f, err, sizeof err)
                             : VNPLAN_ERR_IO;
        if (f)
            fclose(f);
        const char *what = page == 0 ? "Lạng Sơn" : page == 1 ? "Ninh Bình" : page == 2 ? "both plans"
                                                                                    : "Lạng Sơn in English";
        if (!ok(st == VNPLAN_OK, "%s: the HTML report is written", what)) {
            diag("%s", err);
            continue;
        }
        char *src = tu_read_text(html, NULL);
        ok(!strstr(src, "src=\"http") && !strstr(src, "href=\"http") && !strstr(src, "url(") &&
               !strstr(src, "@import") && !strstr(src, "<link rel=\"stylesheet\""),
           "%s: the page refers to no outside resource", what);
        free(src);
        char *dom = NULL, *console = NULL;
        bool ran = browse(browser, html, &dom, &console);
        ok(ran, "%s: Chromium opens the page", what);
        if (!ok(console[0] == '\0', "%s: no console message", what))
            diag("%s", console);
        ok(strlen(dom) > 10000 && strstr(dom, "</html>"), "%s: Chromium dumps the DOM", what);
        ok(has(dom, "<html lang=\"%s\" class=\"js\">", page == 3 ? "en" : "vi"),
           "%s: the page's script ran; the page says its language", what);
        if (page != 2) {
            check_report(what, dom, 0, page == 3 ? c[0].diff : c[page].diff, w);
        } else {
            check_report("both plans, Lạng Sơn", dom, 0, c[0].diff, w);
            check_report("both plans, Ninh Bình", dom, 1, c[1].diff, w);
            ok(has(dom, "id=\"summary\"") && strstr(dom, w->summary), "both plans: the summary matrix");
            ok(has(dom, "<nav class=\"toc\">") && has(dom, "Mục lục"), "both plans: a table of contents");
            size_t cells = 0;
            for (const char *p = dom; (p = strstr(p, "href=\"#d1-f-")) != NULL; p++)
                cells++;
            ok(cells >= vnplan_diff_finding_count(c[1].diff),
               "both plans: a matrix cell per baseline target links to the second plan's finding (%zu)", cells);
        }
        free(dom);
        free(console);
    }
    unload(&c[0]);
    unload(&c[1]);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        diag("could not remove %s", tmpdir);
    return done();
}
