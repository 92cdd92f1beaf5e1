/* test_fuzz_readers.c — the fuzz targets of the DOCX and ODT readers
 * (tests/fuzz/fuzz_read_docx.c, fuzz_read_odt.c) run briefly over inputs
 * made here deterministically: a small plan as DOCX and as ODT, with bytes
 * of its XML flipped before it is zipped (so that the XML layer sees broken
 * markup) and of the archive after (so that the zip layer sees broken
 * archives), cut at every length class; the same for a header in text
 * boxes (Word's mc:AlternateContent, a box in a box and in a table cell;
 * ODT frames and shapes); and over the files of tests/fixtures/formats/,
 * textbox/, legacy/ and hostile/ when there are any.
 * Under the sanitizer build of `make check` a memory error, a leak or
 * undefined behaviour aborts this test. */
#define VN_FUZZ_NO_MAIN
#include "../fuzz/fuzz_read_docx.c"
#include "../fuzz/fuzz_read_odt.c"
#include "tap.h"
#include "testutil.h"
#include "zip_build.h"

#include <dirent.h>
#include <sys/stat.h>

#define MUTATIONS 300 /* broken variants of each seed */

static uint32_t rng_state = 2463534242u;
static uint32_t rng(void) { return tu_xorshift32(&rng_state); }

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
static const char DOCX_XML[] =
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t>"
    "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>MỤC TIÊU</w:t>"
    "</w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r>"
    "<w:t>Đạt 80% vào năm 2030</w:t><w:footnoteReference w:id=\"1\"/></w:r><w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>"
    "<w:del><w:r><w:delText>bớt</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE"
    "</w:instrText><w:fldChar w:fldCharType=\"separate\"/><w:t>3</w:t><w:fldChar w:fldCharType=\"end\"/><w:br/>"
    "</w:r></w:p></w:body></w:document>";
static const char NUMBERING_XML[] =
    "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt "
    "w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId "
    "w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"2\"/></w:lvlOverride></w:num></w:numbering>";
static const char FOOTNOTES_XML[] =
    "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:t>Ghi chú</w:t></w:r></w:p></w:footnote></w:footnotes>";
#define ODT_NS                                                                                        \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                               \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                   \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                                 \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
static const char CONTENT_XML[] =
    "<office:document-content " ODT_NS "><office:automatic-styles><text:list-style style:name=\"L\">"
    "<text:list-level-style-number text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"
    "<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" text:display-levels=\"2\"/>"
    "</text:list-style></office:automatic-styles><office:body><office:text><table:table><table:table-row>"
    "<table:table-cell><text:p>ỦY BAN</text:p></table:table-cell></table:table-row></table:table>"
    "<text:list text:style-name=\"L\"><text:list-item><text:h>MỤC TIÊU</text:h><text:list><text:list-item>"
    "<text:p>Đạt<text:s text:c=\"3\"/>80%<text:note><text:note-body><text:p>chú</text:p></text:note-body>"
    "</text:note></text:p></text:list-item></text:list></text:list-item></text:list>"
    "<text:list text:continue-numbering=\"true\" text:style-name=\"L\"><text:list-item><text:p>KINH PHÍ</text:p>"
    "</text:list-item></text:list></office:text></office:body></office:document-content>";

/* A header in text boxes as Word writes them (mc:Choice and its VML
 * mc:Fallback), a box inside the box, a box in a table cell. */
#define DRAW_NS                                                                                    \
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""                    \
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""         \
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""             \
    " xmlns:v=\"urn:schemas-microsoft-com:vml\""
#define BOX(paras)                                                                                 \
    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"1\" " \
    "descr=\"alt\"/><wps:wsp><wps:txbx><w:txbxContent>" paras "</w:txbxContent></wps:txbx></wps:wsp>" \
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape alt=\"alt\"><v:textbox>"     \
    "<w:txbxContent>" paras "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"         \
    "</mc:AlternateContent></w:r>"
static const char DOCX_BOX_XML[] =
    "<?xml version=\"1.0\"?><w:document " W_NS DRAW_NS "><w:body><w:p>"
    BOX("<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r>" BOX("<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>") "</w:p>"
        "<w:p><w:r><w:t>Số: 45/KH-UBND</w:t></w:r></w:p>")
    BOX("<w:p><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p>") "<w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p></w:tc><w:tc><w:p>"
    BOX("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>TM."
        "</w:t></w:r></w:p>") "</w:p></w:tc></w:tr></w:tbl></w:body></w:document>";
#define DRAW_ODT_NS                                                                                \
    " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                            \
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
static const char CONTENT_BOX_XML[] =
    "<office:document-content " ODT_NS DRAW_ODT_NS "><office:body><office:text><text:p><draw:frame><draw:text-box>"
    "<text:p>ỦY BAN<draw:frame><draw:text-box><text:p>DỰ THẢO</text:p></draw:text-box></draw:frame></text:p>"
    "<text:list><text:list-item><text:p>Số: 45</text:p></text:list-item></text:list></draw:text-box>"
    "<svg:desc>alt</svg:desc></draw:frame><draw:custom-shape><svg:title>alt</svg:title><text:p>CỘNG HÒA</text:p>"
    "<draw:enhanced-geometry/></draw:custom-shape>KẾ HOẠCH</text:p><table:table><table:table-row>"
    "<table:table-cell><text:p><draw:g><draw:frame><draw:image><text:p>ảnh</text:p></draw:image></draw:frame>"
    "<draw:rect><text:p>TM.</text:p></draw:rect></draw:g></text:p></table:table-cell></table:table-row>"
    "</table:table></office:text></office:body></office:document-content>";

static unsigned char *docx_of(const char *document, size_t dlen, size_t *n)
{
    member m[] = {{"[Content_Types].xml", "<Types/>", 0},
                  {"word/document.xml", document, dlen},
                  {"word/numbering.xml", NUMBERING_XML, 0},
                  {"word/footnotes.xml", FOOTNOTES_XML, 0}};
    return make_zip(m, 4, NULL, n);
}

static unsigned char *odt_of(const char *content, size_t clen, size_t *n)
{
    member m[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0}, {"content.xml", content, clen}};
    return make_zip(m, 2, NULL, n);
}

/* The option byte, then the file. */
static void run(int (*one)(const uint8_t *, size_t), const unsigned char *p, size_t n, unsigned opts)
{
    if (n > ((size_t)1 << 30))
        return;
    uint8_t *in = malloc(n + 1);
    if (!in)
        return;
    in[0] = (uint8_t)opts;
    memcpy(in + 1, p, n);
    one(in, n + 1);
    free(in);
}

static size_t mutate_runs(int (*one)(const uint8_t *, size_t), const char *xml,
                          unsigned char *(*pack)(const char *, size_t, size_t *))
{
    size_t runs = 0, xlen = strlen(xml);
    char *x = malloc(xlen);
    for (int i = 0; i < MUTATIONS; i++) {
        /* broken markup, zipped whole */
        memcpy(x, xml, xlen);
        for (int k = 0; k < 1 + i % 4; k++)
            x[rng() % xlen] = (char)(rng() & 0xFF);
        size_t n;
        unsigned char *z = pack(x, i % 7 == 0 ? rng() % xlen + 1 : xlen, &n);
        run(one, z, n, (unsigned)i);
        runs++;
        /* a broken archive */
        for (int k = 0; k < 1 + i % 3; k++)
            z[rng() % n] ^= (unsigned char)(1u << (rng() % 8));
        run(one, z, i % 5 == 0 ? rng() % n : n, (unsigned)i);
        runs++;
        free(z);
    }
    free(x);
    return runs;
}

/* Every file of a directory through both targets. */
static size_t replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t runs = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue; /* a folder of regressions opens too, and has no size */
        size_t n = 0;
        unsigned char *p = (unsigned char *)tu_read_file(path, &n);
        if (!p)
            continue;
        run(vn_fuzz_docx_one, p, n, 0);
        run(vn_fuzz_odt_one, p, n, 2);
        runs += 2;
        free(p);
    }
    closedir(d);
    return runs;
}

int main(void)
{
    size_t n;
    unsigned char *z = docx_of(DOCX_XML, 0, &n);
    for (unsigned opts = 0; opts < 4; opts++)
        run(vn_fuzz_docx_one, z, n, opts);
    free(z);
    z = odt_of(CONTENT_XML, 0, &n);
    for (unsigned opts = 0; opts < 4; opts++)
        run(vn_fuzz_odt_one, z, n, opts);
    free(z);
    z = docx_of(DOCX_BOX_XML, 0, &n);
    for (unsigned opts = 0; opts < 4; opts++)
        run(vn_fuzz_docx_one, z, n, opts);
    free(z);
    z = odt_of(CONTENT_BOX_XML, 0, &n);
    for (unsigned opts = 0; opts < 4; opts++)
        run(vn_fuzz_odt_one, z, n, opts);
    free(z);
    ok(1, "the seed DOCX and ODT, and those with text boxes, under every output format");
    size_t runs = mutate_runs(vn_fuzz_docx_one, DOCX_XML, docx_of);
    ok(runs == 2 * MUTATIONS, "%zu broken DOCX files read or refused without a fault", runs);
    runs = mutate_runs(vn_fuzz_odt_one, CONTENT_XML, odt_of);
    ok(runs == 2 * MUTATIONS, "%zu broken ODT files read or refused without a fault", runs);
    runs = mutate_runs(vn_fuzz_docx_one, DOCX_BOX_XML, docx_of);
    ok(runs == 2 * MUTATIONS, "%zu broken DOCX files with text boxes read or refused without a fault", runs);
    runs = mutate_runs(vn_fuzz_odt_one, CONTENT_BOX_XML, odt_of);
    ok(runs == 2 * MUTATIONS, "%zu broken ODT files with frames read or refused without a fault", runs);
    runs = replay_dir("tests/fixtures/formats") + replay_dir("tests/fixtures/textbox") +
           replay_dir("tests/fixtures/legacy") + replay_dir("tests/fixtures/hostile") +
           replay_dir("tests/fuzz/regressions/read_docx") + replay_dir("tests/fuzz/regressions/read_odt");
    ok(1, "%zu fixture, hostile and regression files through both readers", runs);
    return done();
}
