/* test_load_xml.c — vnplan_load_xml: trees that must be refused (each with
 * VNPLAN_ERR_XML and a message naming the file and line), a hand-written
 * baseline, damaged input that must never crash, and the round trip on every
 * corpus plan and bundled baseline: parse → XML (valid against
 * docs/vnplan.rng) → load → XML gives the same bytes. */
#include "vnplan.h"

#include "schema_valid.h"
#include "tap.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_DIR "corpus/plans/"
#define BASELINE_DIR "corpus/decisions/"
#define FIXTURE_DIR "tests/fixtures/plans/"

static char *render(const vnplan_doc *doc, vnplan_format fmt, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char err[256];
    if (vnplan_render(doc, fmt, flags, f, err, sizeof err) != VNPLAN_OK)
        diag("render: %s", err);
    fclose(f);
    return buf;
}

static int xml_valid(const char *s, const char *what) { return schema_valid(s, strlen(s), what, 0); }

/* ---- refusals ------------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vnplan version=\"1\">\n<document source=\"b.txt\">\n"
#define TAIL "</document>\n</vnplan>\n"

static void refuse(const char *xml, vnplan_status want, const char *what, const char *needle)
{
    vnplan_doc *doc = (vnplan_doc *)1;
    char err[256] = "";
    vnplan_status st = vnplan_load_xml(xml, strlen(xml), "bad.xml", NULL, &doc, err, sizeof err);
    ok(st == want && doc == NULL && err[0], "refused: %s (%s)", what, err);
    if (needle && !ok(strstr(err, needle) != NULL, "refused: %s: the message says \"%s\"", what, needle))
        diag("message: %s", err);
    if (st == VNPLAN_OK)
        vnplan_doc_free(doc);
}

static void test_refusals(void)
{
    refuse("", VNPLAN_ERR_EMPTY, "empty input", "bad.xml");
    refuse("  \n ", VNPLAN_ERR_EMPTY, "white space only", NULL);
    refuse("hello, world", VNPLAN_ERR_XML, "not XML", "bad.xml:1:");
    refuse("<vnplan version=\"1\"><document>", VNPLAN_ERR_XML, "truncated",
           "not well-formed XML: an element is not closed, or is closed by the wrong tag (the file may be cut short)");
    refuse("<?xml version=\"1.0\"?>\n<plan/>\n", VNPLAN_ERR_XML, "wrong root", "bad.xml:2: not a vnplan tree");
    refuse("<vnplan version=\"2\"/>", VNPLAN_ERR_XML, "wrong version", "not a valid vnplan tree");
    refuse("<vnplan version=\"1\"/>", VNPLAN_ERR_XML, "no document", "no <document>");
    refuse("<vnplan version=\"1\"><document/><document/></vnplan>", VNPLAN_ERR_XML, "two documents",
           "2 documents");
    refuse(HEAD "<node kind=\"document\">\n<node kind=\"chapter\"/>\n</node>\n" TAIL, VNPLAN_ERR_XML,
           "unknown node kind", "bad.xml:5: not a valid vnplan tree (docs/vnplan.rng): <node>: an attribute, or an attribute's value, the schema does not allow");
    refuse(HEAD "<node kind=\"document\">\n<node kind=\"section\" label=\"muc_tieuu\"/>\n</node>\n" TAIL,
           VNPLAN_ERR_XML, "unknown label", "bad.xml:5: not a valid vnplan tree (docs/vnplan.rng): <node label>: an attribute, or an attribute's value, the schema does not allow");
    refuse(HEAD "<node kind=\"document\">\n<node kind=\"field\" label=\"muc_tieu\"/>\n</node>\n" TAIL,
           VNPLAN_ERR_XML, "a field with a section label", NULL);
    refuse(HEAD "<node kind=\"document\">\n<node kind=\"item\" phase=\"20300\"/>\n</node>\n" TAIL, VNPLAN_ERR_XML,
           "a phase that is not a year", NULL);
    refuse(HEAD "<node kind=\"document\" start=\"-1\"/>\n" TAIL, VNPLAN_ERR_XML, "a negative offset", NULL);
    refuse(HEAD "<node kind=\"document\" start=\"99999999999\"/>\n" TAIL, VNPLAN_ERR_XML, "an offset beyond 32 bits",
           "bad.xml:4: start=\"99999999999\"");
    refuse(HEAD "<node kind=\"section\"/>\n" TAIL, VNPLAN_ERR_XML, "a root that is not the document", NULL);
    refuse(HEAD "<target id=\"a\" value=\"2,5\"/>\n" TAIL, VNPLAN_ERR_XML, "a decimal comma", NULL);
    refuse(HEAD "<target id=\"a\" comparator=\"=&gt;\"/>\n" TAIL, VNPLAN_ERR_XML, "an unknown comparator", NULL);
    refuse(HEAD "<target id=\"a\" confidence=\"sure\"/>\n" TAIL, VNPLAN_ERR_XML, "an unknown confidence", NULL);
    refuse(HEAD "<target value=\"3\"/>\n" TAIL, VNPLAN_ERR_XML, "a target without id", "bad.xml:4: <target> without the id attribute");
    refuse(HEAD "<target id=\"a\"/>\n<target id=\"b\" parent=\"zz\"/>\n" TAIL, VNPLAN_ERR_XML, "an unknown parent id",
           "bad.xml:5: parent=\"zz\": no target has that id");
    refuse(HEAD "<target id=\"a\"/>\n<target id=\"a\"/>\n" TAIL, VNPLAN_ERR_XML, "a duplicate id",
           "bad.xml:5: target id \"a\" is used twice");
    refuse(HEAD "<target id=\"a\" parent=\"a\"/>\n" TAIL, VNPLAN_ERR_XML, "its own parent", NULL);
    refuse(HEAD "<target id=\"a\" parent=\"b\"/>\n<target id=\"b\" parent=\"a\"/>\n" TAIL, VNPLAN_ERR_XML,
           "a cycle of parents", "cycle");
    refuse(HEAD "<target id=\"a\" kind=\"qualitative\" value=\"3\"/>\n" TAIL, VNPLAN_ERR_XML,
           "a qualitative target with a value", NULL);
    refuse(HEAD "<meta><date>20 June 2025</date></meta>\n" TAIL, VNPLAN_ERR_XML, "a date not in ISO form", NULL);
    refuse(HEAD "<unknown/>\n" TAIL, VNPLAN_ERR_XML, "an unknown element", NULL);
    refuse("<?xml version=\"1.0\"?>\n<!DOCTYPE vnplan [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
           "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
           "<vnplan version=\"1\"><document source=\"&c;\"/></vnplan>\n",
           VNPLAN_ERR_XML, "a DOCTYPE with entities", "DOCTYPE");
    refuse("<vnplan version=\"1\"><document source=\"\xFF\"/></vnplan>", VNPLAN_ERR_XML, "invalid UTF-8", NULL);
    refuse("<vnplan version=\"1\"><document><node kind=\"document\"><title>a\x01</title></node></document></vnplan>",
           VNPLAN_ERR_XML, "a control character", NULL);
    char err[64];
    vnplan_doc *doc;
    ok(vnplan_load_xml(NULL, 5, "x", NULL, &doc, err, sizeof err) == VNPLAN_ERR_USAGE, "no bytes: usage error");
    ok(vnplan_load_xml("<a/>", 4, "x", NULL, NULL, err, sizeof err) == VNPLAN_ERR_USAGE, "no out: usage error");
}

/* ---- a hand-written baseline ------------------------------------------------------- */

static const char baseline[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- a baseline as a person writes it: no spans, wrapped and indented text -->\n"
    "<vnplan version=\"1\">\n"
    "  <document baseline=\"1002/QĐ-TTg\" title=\"Quyết định 1002/QĐ-TTg (from the facts sheet)\">\n"
    "    <meta>\n"
    "      <number>1002/QĐ-TTg</number>\n"
    "      <type>quyet_dinh</type>\n"
    "      <date>2025-05-24</date>\n"
    "      <signer name=\"Lê Thành Long\"/>\n"
    "    </meta>\n"
    "    <node kind=\"document\">\n"
    "      <node kind=\"section\" label=\"muc_tieu\" style=\"roman\" marker=\"II.\" number=\"II\">\n"
    "        <title>MỤC TIÊU</title>\n"
    "        <node kind=\"section\" style=\"arabic\" number=\"2\" phase=\"2030\">\n"
    "          <title>Mục tiêu cụ thể\n"
    "                 đến năm 2030</title>\n"
    "          <node kind=\"item\" style=\"dash\" marker=\"-\" line=\"42\">\n"
    "            <text><![CDATA[Tỷ lệ người học STEM đạt 35% & hơn]]></text>\n"
    "            <target id=\"stem_basic_2030\" comparator=\"&gt;=\" value=\"2.5\" unit=\"%\" unit-class=\"pct\"\n"
    "                    phase=\"2030\" section=\"muc_tieu\" parent=\"stem_share_2030\" confidence=\"confirmed\">\n"
    "              <indicator>khoa học cơ bản</indicator>\n"
    "            </target>\n"
    "            <target id=\"stem_share_2030\" value=\"35\" value-text=\"35\" unit=\"%\" unit-class=\"pct\"\n"
    "                    phase=\"2030\" section=\"muc_tieu\" confidence=\"likely\">\n"
    "              <indicator>tỷ lệ người học STEM</indicator>\n"
    "              <sentence>Tỷ lệ người học STEM\n   đạt 35%</sentence>\n"
    "            </target>\n"
    "          </node>\n"
    "        </node>\n"
    "      </node>\n"
    "    </node>\n"
    "  </document>\n"
    "</vnplan>\n";

static void test_baseline(void)
{
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_load_xml(baseline, sizeof baseline - 1, "base.xml", NULL, &doc, err, sizeof err);
    if (!ok(st == VNPLAN_OK, "hand-written baseline loads"))
        diag("%s", err);
    if (!doc)
        return;
    is_str(vnplan_meta_number(doc), "1002/QĐ-TTg", "baseline: number");
    is_str(vnplan_meta_type(doc), "quyet_dinh", "baseline: type (meta in any order)");
    is_str(vnplan_meta_signer_name(doc), "Lê Thành Long", "baseline: signer");
    is_str(vnplan_meta_issuer(doc), NULL, "baseline: no issuer");
    is_long((long)vnplan_node_count(doc), 4, "baseline: 4 nodes");
    char buf[128];
    vnplan_node_title(doc, 2, buf, sizeof buf);
    is_str(buf, "Mục tiêu cụ thể đến năm 2030", "baseline: wrapped title collapsed");
    vnplan_node_text(doc, 3, buf, sizeof buf);
    is_str(buf, "Tỷ lệ người học STEM đạt 35% & hơn", "baseline: CDATA text");
    ok(vnplan_node_number(doc, 2, buf, sizeof buf) == 1 && strcmp(buf, "2") == 0, "baseline: number without marker");
    vnplan_span sp = vnplan_node_span(doc, 1);
    ok(sp.start == 0 && sp.end == 0 && sp.line == 0, "baseline: no span given, none invented");
    sp = vnplan_node_span(doc, 3);
    is_long((long)sp.line, 42, "baseline: a line alone is kept");
    is_long((long)vnplan_target_count(doc), 2, "baseline: 2 targets");
    is_str(vnplan_target_id(doc, 0), "stem_basic_2030", "baseline: target id");
    is_long((long)vnplan_target_parent(doc, 0), 1, "baseline: parent declared later resolves");
    is_str(vnplan_target_confidence(doc, 0), "confirmed", "baseline: confidence");
    is_str(vnplan_target_comparator(doc, 0), ">=", "baseline: comparator");
    is_str(vnplan_target_comparator(doc, 1), "=", "baseline: comparator defaults to =");
    is_num(vnplan_target_value(doc, 1), 35, "baseline: value");
    is_str(vnplan_target_text(doc, 1), "Tỷ lệ người học STEM đạt 35%", "baseline: sentence collapsed");
    is_str(vnplan_target_text(doc, 0), NULL, "baseline: no sentence");
    is_long((long)vnplan_target_node(doc, 0), 3, "baseline: target in its node");
    is_str(vnplan_target_kind(doc, 0), "quantified", "baseline: kind defaults to quantified");

    char *xml = render(doc, VNPLAN_FORMAT_XML, 0);
    xml_valid(xml, "baseline rendered");
    ok(strstr(xml, "<document baseline=\"1002/QĐ-TTg\" title=\"Quyết định 1002/QĐ-TTg (from the facts sheet)\">") !=
           NULL,
       "baseline: baseline and title attributes written back");
    vnplan_doc *again = NULL;
    if (vnplan_load_xml(xml, strlen(xml), "base2.xml", NULL, &again, err, sizeof err) == VNPLAN_OK) {
        char *xml2 = render(again, VNPLAN_FORMAT_XML, 0);
        is_str(xml2, xml, "baseline: load → XML → load → XML is a fixed point");
        free(xml2);
        vnplan_doc_free(again);
    } else {
        ok(0, "baseline: rendered XML loads (%s)", err);
    }
    char *json = render(doc, VNPLAN_FORMAT_JSON, 0);
    ok(strstr(json, "\"baseline\": \"1002/QĐ-TTg\"") && strstr(json, "\"confidence\": \"likely\""),
       "baseline: JSON carries baseline and confidence");
    free(json);
    free(xml);
    vnplan_doc_free(doc);
}

/* ---- damaged input never crashes ------------------------------------------------------ */

static void test_damage(void)
{
    size_t n = sizeof baseline - 1;
    char *buf = malloc(n + 1);
    size_t loaded = 0, refused = 0, other = 0;
    /* every third prefix, short of the final "</vnplan>" */
    for (size_t cut = 0; cut + 10 < n; cut += 3) {
        vnplan_doc *doc = NULL;
        char err[256];
        vnplan_status st = vnplan_load_xml(baseline, cut, "cut.xml", NULL, &doc, err, sizeof err);
        st == VNPLAN_OK ? loaded++ : st == VNPLAN_ERR_XML || st == VNPLAN_ERR_EMPTY ? refused++ : other++;
        vnplan_doc_free(doc);
    }
    if (!ok(loaded == 0 && other == 0, "truncated trees: all %zu refused with VNPLAN_ERR_XML", refused))
        diag("%zu loaded, %zu other", loaded, other);
    unsigned seed = 12345;
    loaded = refused = other = 0;
    for (int round = 0; round < 400; round++) { /* a few bytes changed at random */
        memcpy(buf, baseline, n);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            /* half of the time a printable character, so that some of the
             * changed trees still load */
            buf[at] = round % 2 ? (char)(seed >> 16) : (char)(' ' + (seed >> 16) % 95);
        }
        vnplan_doc *doc = NULL;
        char err[256];
        vnplan_status st = vnplan_load_xml(buf, n, "mut.xml", NULL, &doc, err, sizeof err);
        st == VNPLAN_OK ? loaded++ : st == VNPLAN_ERR_XML ? refused++ : other++;
        if (doc) {
            char *x = render(doc, VNPLAN_FORMAT_XML, 0);
            xmlDocPtr d = xmlReadMemory(x, (int)strlen(x), "m", NULL, XML_PARSE_NOERROR);
            if (!d)
                other++;
            xmlFreeDoc(d);
            free(x);
            vnplan_doc_free(doc);
        }
    }
    ok(other == 0, "mutated trees: %zu loaded, %zu refused, none crashed or gave bad output", loaded, refused);
    free(buf);
}

/* ---- round trips ---------------------------------------------------------------------- */

static void roundtrip_doc(vnplan_doc *doc, const char *what)
{
    char *xml = render(doc, VNPLAN_FORMAT_XML, 0);
    if (!xml_valid(xml, what)) {
        free(xml);
        return;
    }
    vnplan_doc *back = NULL;
    char err[256] = "";
    if (!ok(vnplan_load_xml(xml, strlen(xml), what, NULL, &back, err, sizeof err) == VNPLAN_OK,
            "%s: XML loads back", what)) {
        diag("%s", err);
        free(xml);
        return;
    }
    char *xml2 = render(back, VNPLAN_FORMAT_XML, 0);
    is_str(xml2, xml, what);
    char *j1 = render(doc, VNPLAN_FORMAT_JSON, 0), *j2 = render(back, VNPLAN_FORMAT_JSON, 0);
    ok(j1 && j2 && strcmp(j1, j2) == 0, "%s: JSON of the loaded tree is the same", what);
    char *t1 = render(doc, VNPLAN_FORMAT_TEXT, 0), *t2 = render(back, VNPLAN_FORMAT_TEXT, 0);
    ok(t1 && t2 && strcmp(t1, t2) == 0, "%s: text of the loaded tree is the same", what);
    is_long((long)vnplan_node_count(back), (long)vnplan_node_count(doc), "node count kept");
    is_long((long)vnplan_target_count(back), (long)vnplan_target_count(doc), "target count kept");
    free(j1);
    free(j2);
    free(t1);
    free(t2);
    free(xml2);
    free(xml);
    vnplan_doc_free(back);
}

/* parse: 0 load XML, 1 parse (must succeed), 2 parse (a file the parser
 * refuses is skipped: fixtures include refusals on purpose) */
static size_t roundtrip_dir(const char *dir, const char *suffix, int parse)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name), sl = strlen(suffix);
        if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", dir, names[i]);
        vnplan_doc *doc = NULL;
        char err[256] = "";
        vnplan_status st;
        if (parse) {
            st = vnplan_parse_file(path, NULL, &doc, err, sizeof err);
        } else {
            FILE *f = fopen(path, "rb");
            char *buf = NULL;
            size_t len = 0;
            if (f) {
                fseek(f, 0, SEEK_END);
                len = (size_t)ftell(f);
                rewind(f);
                buf = malloc(len + 1);
                len = fread(buf, 1, len, f);
                fclose(f);
            }
            st = vnplan_load_xml(buf ? buf : "", len, path, NULL, &doc, err, sizeof err);
            free(buf);
        }
        if (parse == 2 && st != VNPLAN_OK)
            diag("%s: skipped: %s", path, err);
        else if (ok(st == VNPLAN_OK, "%s: %s", path, parse ? "parses" : "loads"))
            roundtrip_doc(doc, path);
        else
            diag("%s", err);
        vnplan_doc_free(doc);
        free(names[i]);
    }
    free(names);
    return n;
}

int main(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(SCHEMA_FILE);
    schema = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlRelaxNGFreeParserCtxt(pc);
    ok(schema != NULL, "%s compiles", SCHEMA_FILE);

    test_refusals();
    test_baseline();
    test_damage();
    size_t plans = roundtrip_dir(PLAN_DIR, ".txt", 1);
    ok(plans >= 3, "round trip ran on %zu corpus plans", plans);
    size_t fixtures = roundtrip_dir(FIXTURE_DIR, ".txt", 2);
    diag("round trip ran on %zu fixture plans", fixtures);
    size_t bases = roundtrip_dir(BASELINE_DIR, ".xml", 0);
    diag("round trip ran on %zu bundled baselines", bases);

    xmlRelaxNGFree(schema);
    return done();
}
