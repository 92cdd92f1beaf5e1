/* test_read_docx.c — the DOCX and ODT readers: what source lines a small
 * document gives (source.h's layout), Word's automatic numbering computed
 * from numbering.xml feature by feature, ODF list numbering, tables,
 * notes, tracked changes, fields, and the hostile archives every reader
 * must refuse with a message (a zip bomb, a truncated zip, a missing part,
 * an encrypted member, XXE, billion laughs, deep nesting).
 *
 * The archives are built here with libzip, so that each case shows the
 * XML it is about next to the lines it must give. */
#include "docx_numbering.h"
#include "source.h"
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zip_build.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOC(body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>" body "</w:body></w:document>"
#define NUMBERING(x) "<w:numbering " W_NS ">" x "</w:numbering>"
#define STYLES(x) "<w:styles " W_NS ">" x "</w:styles>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define NP(num, lvl, text)                                                                                       \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr><w:r><w:t>" \
    text "</w:t></w:r></w:p>"
#define SP(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define LVL(i, start, fmt, text)                                                                             \
    "<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" fmt "\"/><w:lvlText w:val=\"" \
    text "\"/></w:lvl>"
#define ABS(id, levels) "<w:abstractNum w:abstractNumId=\"" #id "\">" levels "</w:abstractNum>"
#define NUM(id, abs) "<w:num w:numId=\"" #id "\"><w:abstractNumId w:val=\"" #abs "\"/></w:num>"
/* the ladder of a plan: I. / 1. / 1.1. / a) / - */
#define PLAN_LEVELS                                                                                      \
    LVL(0, 1, "upperRoman", "%1.") LVL(1, 1, "decimal", "%2.") LVL(2, 1, "decimal", "%2.%3.")             \
    LVL(3, 1, "lowerLetter", "%4)") LVL(4, 1, "bullet", "-")

/* The lines of a source as text: one a line, a line that does not start a
 * paragraph prefixed with "+ ". */
static char *lines_of(const vn_source *s)
{
    size_t cap = s->text.len + 4 * s->nlines + 2, len = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < s->nlines; i++) {
        size_t a = s->lines[i].start, b = i + 1 < s->nlines ? s->lines[i + 1].start - 1 : s->text.len;
        if (i)
            out[len++] = '\n';
        if (!(s->lines[i].flags & VN_SRC_PARA)) {
            memcpy(out + len, "+ ", 2);
            len += 2;
        }
        memcpy(out + len, s->text.data + a, b - a);
        len += b - a;
    }
    out[len] = '\0';
    return out;
}

typedef struct read_result {
    vnplan_status st;
    vn_error err;
    vn_source src;
    char *text;
} read_result;

static read_result read_members(const member *m, size_t count, vnplan_input in)
{
    read_result r;
    memset(&r, 0, sizeof r);
    size_t n;
    unsigned char *zipped = make_zip(m, count, NULL, &n);
    r.st = vn_source_read(zipped, n, in, &r.src, &r.err);
    r.text = r.st == VNPLAN_OK ? lines_of(&r.src) : NULL;
    free(zipped);
    return r;
}

static void result_free(read_result *r)
{
    if (r->st == VNPLAN_OK)
        vn_source_free(&r->src);
    free(r->text);
}

/* A DOCX of these parts (NULL: absent) read into lines. */
static read_result docx(const char *document, const char *numbering, const char *styles, const char *footnotes)
{
    member m[6];
    size_t n = 0;
    m[n++] = (member){"[Content_Types].xml", "<Types/>", 0};
    m[n++] = (member){"word/document.xml", document, 0};
    if (numbering)
        m[n++] = (member){"word/numbering.xml", numbering, 0};
    if (styles)
        m[n++] = (member){"word/styles.xml", styles, 0};
    if (footnotes)
        m[n++] = (member){"word/footnotes.xml", footnotes, 0};
    m[n++] = (member){"word/header1.xml", "<w:hdr " W_NS "><w:p><w:r><w:t>RUNNING HEADER</w:t></w:r></w:p></w:hdr>", 0};
    return read_members(m, n, VNPLAN_INPUT_DOCX);
}

static void expect_docx(const char *what, const char *document, const char *numbering, const char *styles,
                        const char *want)
{
    read_result r = docx(document, numbering, styles, NULL);
    if (r.st != VNPLAN_OK) {
        ok(0, "%s (read failed: %s)", what, r.err.msg);
        return;
    }
    is_str(r.text, want, what);
    result_free(&r);
}

/* ---- Word's numbering ------------------------------------------------------------ */

static void numbering_cases(void)
{
    static const char *const plan_num = NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0));
    expect_docx("labels: upperRoman %1., decimal %2., %2.%3., lowerLetter %4), bullet",
                DOC(NP(1, 0, "MỤC ĐÍCH") NP(1, 1, "Mục đích") NP(1, 2, "Chi tiết") NP(1, 3, "điểm") NP(1, 4, "ý")
                        NP(1, 4, "ý hai") NP(1, 3, "điểm hai")),
                plan_num, NULL,
                "I. MỤC ĐÍCH\n1. Mục đích\n1.1. Chi tiết\na) điểm\n- ý\n- ý hai\nb) điểm hai");
    expect_docx("a level starts again after a higher one",
                DOC(NP(1, 0, "A") NP(1, 1, "a1") NP(1, 1, "a2") NP(1, 0, "B") NP(1, 1, "b1") NP(1, 2, "x")
                        NP(1, 1, "b2") NP(1, 2, "y")),
                plan_num, NULL, "I. A\n1. a1\n2. a2\nII. B\n1. b1\n1.1. x\n2. b2\n2.1. y");
    expect_docx("w:start and decimalZero",
                DOC(NP(1, 0, "x") NP(1, 0, "y")),
                NUMBERING(ABS(0, LVL(0, 9, "decimalZero", "%1.")) NUM(1, 0)), NULL, "09. x\n10. y");
    expect_docx("w:lvlRestart 0: a level never starts again",
                DOC(NP(1, 0, "A") NP(1, 1, "one") NP(1, 0, "B") NP(1, 1, "two")),
                NUMBERING(ABS(0, LVL(0, 1, "upperRoman", "%1.")
                                     "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:lvlRestart w:val=\"0\"/>"
                                     "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>") NUM(1, 0)),
                NULL, "I. A\n1. one\nII. B\n2. two");
    expect_docx("two w:num of one list go on from each other; a startOverride starts again",
                DOC(NP(1, 0, "a") NP(2, 0, "b") NP(3, 0, "c") NP(3, 0, "d")),
                NUMBERING(ABS(0, LVL(0, 1, "decimal", "%1)")) NUM(1, 0) NUM(2, 0)
                              "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
                              "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"),
                NULL, "1) a\n2) b\n1) c\n2) d");
    expect_docx("a lvlOverride's own w:lvl replaces the level",
                DOC(NP(2, 0, "a")),
                NUMBERING(ABS(0, LVL(0, 1, "decimal", "%1."))
                              "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">" LVL(
                                  0, 3, "upperLetter", "%1-") "</w:lvlOverride></w:num>"),
                NULL, "C- a");
    expect_docx("isLgl writes every level in digits",
                DOC(NP(1, 0, "A") NP(1, 1, "x")),
                NUMBERING(ABS(0, LVL(0, 1, "upperRoman", "%1.")
                                     "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:isLgl/><w:numFmt w:val=\"decimal\"/>"
                                     "<w:lvlText w:val=\"%1.%2.\"/></w:lvl>") NUM(1, 0)),
                NULL, "I. A\n1.1. x");
    expect_docx("numbering from the paragraph style, through w:basedOn; numId 0 switches it off",
                DOC(SP("H1", "MỤC TIÊU") SP("H1b", "NHIỆM VỤ")
                        "<w:p><w:pPr><w:pStyle w:val=\"H1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>"
                        "<w:r><w:t>không số</w:t></w:r></w:p>" SP("H1", "KINH PHÍ")),
                plan_num,
                STYLES("<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
                       "</w:numPr></w:pPr></w:style>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"H1b\"><w:basedOn w:val=\"H1\"/></w:style>"),
                "I. MỤC TIÊU\nII. NHIỆM VỤ\nkhông số\nIII. KINH PHÍ");
    expect_docx("a style's level is the w:lvl that names the style (w:pStyle)",
                DOC(SP("H2", "Mục tiêu chung")),
                NUMBERING(ABS(0, LVL(0, 1, "upperRoman", "%1.")
                                     "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:pStyle w:val=\"H2\"/>"
                                     "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>") NUM(1, 0)),
                STYLES("<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
                       "</w:numPr></w:pPr></w:style>"),
                "1. Mục tiêu chung");
    expect_docx("a Symbol-font bullet is its glyph code (U+F0B7), an unknown list no label",
                DOC(NP(1, 0, "ý") NP(9, 0, "không")),
                NUMBERING(ABS(0, "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xC2\xB7\"/>"
                                 "<w:rPr><w:rFonts w:ascii=\"Symbol\"/></w:rPr></w:lvl>") NUM(1, 0)),
                NULL, "\xEF\x82\xB7 ý\nkhông");

    expect_docx("a list whose w:numStyleLink names a numbering style counts in the list that style points to",
                DOC(NP(1, 0, "một") NP(2, 0, "hai")),
                NUMBERING(ABS(0, LVL(0, 1, "decimal", "%1.")) "<w:abstractNum w:abstractNumId=\"5\">"
                          "<w:numStyleLink w:val=\"KieuSo\"/></w:abstractNum>" NUM(1, 0) NUM(2, 5)),
                STYLES("<w:style w:type=\"numbering\" w:styleId=\"KieuSo\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
                       "</w:numPr></w:pPr></w:style>"),
                "1. một\n2. hai");

    char buf[32];
    static const struct {
        const char *fmt;
        int n;
        const char *want;
    } fmts[] = {{"upperRoman", 1994, "MCMXCIV"}, {"lowerRoman", 4, "iv"}, {"lowerLetter", 27, "aa"},
                {"upperLetter", 2, "B"},        {"decimalZero", 7, "07"}, {"decimal", 12, "12"},
                {"cardinalText", 3, "3"},       {"upperRoman", 0, "0"}};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        vn_numbering_format(fmts[i].fmt, fmts[i].n, buf, sizeof buf);
        char what[64];
        snprintf(what, sizeof what, "numFmt %s of %d", fmts[i].fmt, fmts[i].n);
        is_str(buf, fmts[i].want, what);
    }
}

/* ---- text, tables, notes ----------------------------------------------------------- */

static void text_cases(void)
{
    expect_docx("tracked changes read as accepted: w:ins kept, w:del and w:moveFrom dropped",
                DOC("<w:p><w:r><w:t xml:space=\"preserve\">Thực hiện </w:t></w:r><w:ins><w:r><w:t xml:space=\"preserve\">"
                    "Quyết định </w:t></w:r></w:ins><w:del><w:r><w:delText>Nghị quyết </w:delText></w:r></w:del>"
                    "<w:moveFrom><w:r><w:t>cũ </w:t></w:r></w:moveFrom><w:r><w:t>số 1002</w:t></w:r></w:p>"),
                NULL, NULL, "Thực hiện Quyết định số 1002");
    /* Word marks a paragraph deleted or moved away whole by its runs AND its
     * mark (w:pPr/w:rPr/w:del, w:moveFrom); accepted, nothing of it is left */
    expect_docx("a paragraph deleted or moved away with its mark leaves no item and takes no number",
                DOC(NP(1, 3, "một")
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"3\"/><w:numId w:val=\"1\"/></w:numPr>"
                    "<w:rPr><w:del w:id=\"1\" w:author=\"A\" w:date=\"2025-11-14T09:12:00Z\"/></w:rPr></w:pPr>"
                    "<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>đã xoá</w:delText></w:r></w:del></w:p>"
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"4\"/><w:numId w:val=\"1\"/></w:numPr>"
                    "<w:rPr><w:moveFrom w:id=\"3\" w:author=\"A\"/></w:rPr></w:pPr><w:moveFromRangeStart w:id=\"4\" "
                    "w:name=\"move1\"/><w:moveFrom w:id=\"5\" w:author=\"A\"><w:r><w:t>chuyển đi</w:t></w:r>"
                    "</w:moveFrom><w:moveFromRangeEnd w:id=\"4\"/></w:p>" NP(1, 3, "hai")
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"4\"/><w:numId w:val=\"1\"/></w:numPr>"
                    "<w:rPr><w:moveTo w:id=\"6\" w:author=\"A\"/></w:rPr></w:pPr><w:moveTo w:id=\"7\" w:author=\"A\">"
                    "<w:r><w:t>chuyển đi</w:t></w:r></w:moveTo></w:p>"),
                NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), NULL, "a) một\nb) hai\n- chuyển đi");
    expect_docx("a deleted paragraph mark joins the paragraph to the next",
                DOC("<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr></w:pPr><w:r><w:t>Kinh phí từ ngân "
                    "sách</w:t></w:r><w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>,</w:t></w:r></w:ins></w:p>"
                    "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\"> nguồn xã hội hóa."
                    "</w:t></w:r></w:p>" P("Đoạn sau")),
                NULL, NULL, "Kinh phí từ ngân sách, nguồn xã hội hóa.\nĐoạn sau");
    expect_docx("a hidden paragraph mark (w:vanish in w:pPr/w:rPr) joins the paragraph to the next, unnumbered",
                DOC("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"3\"/><w:numId w:val=\"1\"/></w:numPr><w:rPr><w:vanish/>"
                    "</w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Tổ chức tuyên truyền </w:t></w:r></w:p>"
                    NP(1, 3, "về phòng cháy.")
                    "<w:p><w:pPr><w:rPr><w:vanish w:val=\"0\"/></w:rPr></w:pPr><w:r><w:t>Đoạn sau</w:t></w:r></w:p>"
                    P("Cuối")),
                NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), NULL, "a) Tổ chức tuyên truyền về phòng cháy.\nĐoạn sau\nCuối");
    expect_docx("a deleted mark before a table: its text stays a paragraph of its own, out of the cells",
                DOC("<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr></w:pPr><w:r><w:t>Trước bảng</w:t>"
                    "</w:r></w:p><w:tbl><w:tr><w:tc>" P("ô một") "</w:tc><w:tc>" P("ô hai") "</w:tc></w:tr></w:tbl>"
                    P("Sau bảng")),
                NULL, NULL, "Trước bảng\nô một\nô hai\nSau bảng");
    expect_docx("a mark's other run properties (and an inserted mark) change nothing",
                DOC("<w:p><w:pPr><w:rPr><w:b/><w:ins w:id=\"1\" w:author=\"A\"/><w:rPrChange w:id=\"2\" w:author=\"A\">"
                    "<w:rPr><w:del w:id=\"3\" w:author=\"A\"/></w:rPr></w:rPrChange></w:rPr></w:pPr><w:r><w:t>Một</w:t>"
                    "</w:r></w:p>" P("Hai")),
                NULL, NULL, "Một\nHai");
    expect_docx("a row starting right of the grid's first column (w:gridBefore) keeps its cells under their columns",
                DOC("<w:tbl><w:tblPr><w:tblBorders><w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr>"
                    "<w:tr><w:tc>" P("TT") "</w:tc><w:tc>" P("Chỉ tiêu") "</w:tc><w:tc>" P("Năm 2030") "</w:tc>"
                    "<w:tc>" P("Năm 2035") "</w:tc></w:tr><w:tr><w:tc>" P("1") "</w:tc><w:tc>" P("Tỷ lệ") "</w:tc>"
                    "<w:tc>" P("35%") "</w:tc><w:tc>" P("40%") "</w:tc></w:tr>"
                    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:wBefore w:w=\"700\" w:type=\"dxa\"/></w:trPr>"
                    "<w:tc>" P("Trong đó") "</w:tc><w:tc>" P("18%") "</w:tc><w:tc>" P("20%") "</w:tc></w:tr></w:tbl>"),
                NULL, NULL, "TT\tChỉ tiêu\tNăm 2030\tNăm 2035\n1\tTỷ lệ\t35%\t40%\n\tTrong đó\t18%\t20%");
    expect_docx("w:caps shows text in capitals: the run's own, its character style's, its paragraph style's",
                DOC("<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>Kế hoạch</w:t></w:r></w:p>" SP("Heading1", "Mục tiêu")
                    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:rPr><w:caps w:val=\"0\"/></w:rPr>"
                    "<w:t>Mục đích</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val=\"Hoa\"/></w:rPr>"
                    "<w:t>ủy ban</w:t></w:r><w:r><w:t xml:space=\"preserve\"> nhân dân</w:t></w:r></w:p>"),
                NULL,
                STYLES("<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
                       "<w:rPr><w:b/><w:caps/></w:rPr></w:style><w:style w:type=\"character\" w:styleId=\"Hoa\">"
                       "<w:name w:val=\"Hoa\"/><w:rPr><w:caps/></w:rPr></w:style>"),
                "KẾ HOẠCH\nMỤC TIÊU\nMục đích\nỦY BAN nhân dân");
    expect_docx("w:smallCaps is read in capitals too, the run's own and its style's; switched off it leaves w:caps",
                DOC("<w:p><w:r><w:rPr><w:smallCaps/></w:rPr><w:t>Kế hoạch</w:t></w:r></w:p>" SP("Tieude", "Mục tiêu")
                    "<w:p><w:r><w:rPr><w:caps/><w:smallCaps w:val=\"0\"/></w:rPr><w:t>ủy ban</w:t></w:r></w:p>"
                    "<w:p><w:pPr><w:pStyle w:val=\"Tieude\"/></w:pPr><w:r><w:rPr><w:smallCaps w:val=\"false\"/>"
                    "</w:rPr><w:t>Mục đích</w:t></w:r></w:p>"),
                NULL,
                STYLES("<w:style w:type=\"paragraph\" w:styleId=\"Tieude\"><w:name w:val=\"Tieude\"/>"
                       "<w:rPr><w:smallCaps/></w:rPr></w:style>"),
                "KẾ HOẠCH\nMỤC TIÊU\nỦY BAN\nMục đích");
    expect_docx("a field shows its result, never its code (w:fldChar, w:fldSimple)",
                DOC("<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/>"
                    "</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                    "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                    "<w:fldSimple w:instr=\" DATE \"><w:r><w:t xml:space=\"preserve\"> ngày 5</w:t></w:r></w:fldSimple></w:p>"),
                NULL, NULL, "Trang 3 ngày 5");
    expect_docx("a line break is a line of the same paragraph; a page break, a soft hyphen nothing; a tab kept",
                DOC("<w:p><w:r><w:t>KẾ HOẠCH</w:t><w:br/><w:t>Triển</w:t><w:softHyphen/><w:t>khai</w:t>"
                    "<w:br w:type=\"page\"/><w:tab/><w:t>Covid</w:t><w:noBreakHyphen/><w:t>19</w:t></w:r></w:p>"),
                NULL, NULL, "KẾ HOẠCH\n+ Triểnkhai\tCovid-19");
    expect_docx("content controls are read, their properties are not; headers are not read; hidden text is not",
                DOC("<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" P("Trong điều khiển")
                    "</w:sdtContent></w:sdt><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
                    "<w:r><w:t>hiện</w:t></w:r></w:p>"
                    "<w:sectPr><w:headerReference w:id=\"rId1\"/></w:sectPr>"),
                NULL, NULL, "Trong điều khiển\nhiện");

    expect_docx("a content control showing its placeholder (w:showingPlcHdr) gives no text, in a paragraph or whole",
                DOC("<w:p><w:r><w:t xml:space=\"preserve\">Số: </w:t></w:r><w:sdt><w:sdtPr><w:id w:val=\"1\"/>"
                    "<w:placeholder><w:docPart w:val=\"DefaultPlaceholder\"/></w:placeholder><w:showingPlcHdr/>"
                    "</w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>"
                    "<w:t>Nhấp vào đây để nhập văn bản.</w:t></w:r></w:sdtContent></w:sdt><w:r>"
                    "<w:t>/KH-UBND</w:t></w:r></w:p>"
                    "<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtEndPr/><w:sdtContent>"
                    P("Click or tap here to enter text.") "</w:sdtContent></w:sdt>"
                    "<w:sdt><w:sdtPr><w:showingPlcHdr w:val=\"0\"/></w:sdtPr><w:sdtEndPr/><w:sdtContent>"
                    P("Đã nhập") "</w:sdtContent></w:sdt>"),
                NULL, NULL, "Số: /KH-UBND\n\nĐã nhập");
    /* a TOC field's result: its entries (hyperlinks, PAGEREF fields inside)
     * would be read as the plan's headings a second time */
#define TOC_ENTRY(text, page)                                                                                   \
    "<w:hyperlink w:anchor=\"_Toc1\"><w:r><w:t>" text "</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar "        \
    "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF _Toc1 \\h </w:instrText>" \
    "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>" page "</w:t></w:r><w:r>"             \
    "<w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>"
    expect_docx("a table of contents is no heading of the plan: a TOC field's result paragraphs are left out",
                DOC(P("KẾ HOẠCH") "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr><w:r><w:fldChar "
                    "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h "
                    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" TOC_ENTRY("I. MỤC ĐÍCH", "1")
                    "</w:p><w:p>" TOC_ENTRY("II. NỘI DUNG", "2") "</w:p><w:p><w:r><w:fldChar w:fldCharType=\"end\"/>"
                    "</w:r></w:p>" P("I. MỤC ĐÍCH") "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                    "<w:instrText>TOCX</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>"
                    "<w:t>kết quả</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"),
                NULL, NULL, "KẾ HOẠCH\nI. MỤC ĐÍCH\nkết quả");
    expect_docx("a table of contents in Word's content control (w:docPartGallery) is left out with its title",
                DOC("<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/>"
                    "</w:docPartObj></w:sdtPr><w:sdtEndPr/><w:sdtContent>" SP("TOCHeading", "Mục lục")
                    "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>" TOC_ENTRY("1. Mục tiêu", "3") "</w:p>"
                    "</w:sdtContent></w:sdt>" P("1. Mục tiêu") "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery "
                    "w:val=\"Cover Pages\"/></w:docPartObj></w:sdtPr><w:sdtContent>" P("Bìa") "</w:sdtContent></w:sdt>"),
                NULL, NULL, "1. Mục tiêu\nBìa");
    expect_docx("a TOC field whose end is lost ends at the first heading after it, not with the document",
                DOC("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>"
                    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" TOC_ENTRY("I. MỤC ĐÍCH", "1") "</w:p>"
                    SP("Heading1", "I. MỤC ĐÍCH") P("Nội dung")),
                NULL, STYLES("<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>"),
                "I. MỤC ĐÍCH\nNội dung");
#undef TOC_ENTRY

    /* the header: a borderless two-column table before the first heading */
    const char *header =
        DOC("<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"nil\"/></w:tblBorders></w:tblPr>"
            "<w:tr><w:tc>" P("ỦY BAN NHÂN DÂN") P("TỈNH NINH BÌNH") "</w:tc><w:tc>" P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                P("Độc lập - Tự do - Hạnh phúc") "</w:tc></w:tr>"
            "<w:tr><w:tc>" P("Số: 141/KH-UBND") "</w:tc><w:tc>" P("Ninh Bình, ngày 20 tháng 6 năm 2025") "</w:tc></w:tr></w:tbl>"
            NP(1, 0, "MỤC TIÊU")
            "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr>"
            "<w:tr><w:tc>" P("TT") "</w:tc><w:tc>" P("Chỉ tiêu") "</w:tc><w:tc>" P("Đơn vị") "</w:tc><w:tc>" P("Năm 2030") "</w:tc></w:tr>"
            "<w:tr><w:tc>" P("1") "</w:tc><w:tc>" P("Tỷ lệ") P("lao động") "</w:tc><w:tc>" P("%") "</w:tc><w:tc>" P("80") "</w:tc></w:tr>"
            "<w:tr><w:tc>" P("2") "</w:tc><w:tc>" P("Số người") "</w:tc><w:tc></w:tc><w:tc>" P("500") "</w:tc></w:tr></w:tbl>"
            "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr><w:tr><w:tc>" P("Nơi nhận:")
                P("- Như trên;") "</w:tc><w:tc>" P("TM. ỦY BAN NHÂN DÂN") P("CHỦ TỊCH") "</w:tc></w:tr></w:tbl>");
    read_result r = docx(header, NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), NULL, NULL);
    is_str(r.text,
           "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 141/KH-UBND\nNinh Bình, ngày 20 tháng 6 năm 2025\nI. MỤC TIÊU\n"
           "TT\tChỉ tiêu\tĐơn vị\tNăm 2030\n1\tTỷ lệ lao động\t%\t80\n2\tSố người\t\t500\n"
           "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
           "tables: a layout table cell by cell, a data table a row a line with TABs, the closing cell by cell");
    if (r.st == VNPLAN_OK) {
        ok(r.src.nlines == 14 && (r.src.lines[0].flags & VN_SRC_CELL) && r.src.lines[2].cell == 2 &&
               r.src.lines[0].table == 1,
           "a layout table's lines are cells: table 1, the motto in cell 2");
        ok((r.src.lines[7].flags & VN_SRC_TABLE_ROW) && r.src.lines[8].row == 2 && r.src.lines[8].table == 2,
           "a data table's lines are rows: table 2, row 2");
        ok((r.src.lines[6].flags & VN_SRC_LABEL) && r.src.lines[6].label_len == 2 && r.src.lines[6].loc == 7,
           "a numbered paragraph: its label's length, and its place (đoạn 7, counting the table's paragraphs)");
    }
    result_free(&r);

    /* a value cell merged across two year columns (w:gridSpan): the cells
     * after it stay in their columns, an empty cell for each covered one */
    const char *merged =
        DOC(NP(1, 0, "MỤC TIÊU")
            "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr>"
            "<w:tr><w:tc>" P("TT") "</w:tc><w:tc>" P("Chỉ tiêu") "</w:tc><w:tc>" P("Năm 2027") "</w:tc><w:tc>"
                P("Năm 2030") "</w:tc><w:tc>" P("Năm 2035") "</w:tc></w:tr>"
            "<w:tr><w:tc>" P("1") "</w:tc><w:tc>" P("Tỷ lệ trường đạt chuẩn (%)") "</w:tc>"
            "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P("90") "</w:tc><w:tc>" P("100") "</w:tc></w:tr>"
            "<w:tr><w:tc>" P("2") "</w:tc><w:tc>" P("Tỷ lệ xã có điểm tư vấn (%)") "</w:tc><w:tc>" P("50") "</w:tc>"
            "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P("80") "</w:tc></w:tr></w:tbl>");
    r = docx(merged, NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), NULL, NULL);
    is_str(r.text,
           "I. MỤC TIÊU\nTT\tChỉ tiêu\tNăm 2027\tNăm 2030\tNăm 2035\n1\tTỷ lệ trường đạt chuẩn (%)\t90\t\t100\n"
           "2\tTỷ lệ xã có điểm tư vấn (%)\t50\t80",
           "tables: a cell merged across columns leaves them empty, the next cell under its own header");
    result_free(&r);

    /* footnotes: the mark where the note is referred to, its text after the body */
    r = docx(DOC("<w:p><w:r><w:t>Thực hiện Kế hoạch số 325</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
                 "<w:r><w:t xml:space=\"preserve\"> của tỉnh.</w:t></w:r></w:p>" P("Nội dung")),
             NULL, NULL,
             "<w:footnotes " W_NS "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
             "</w:footnote><w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\">"
             " Kế hoạch số 325/KH-UBND ngày 15/8/2025.</w:t></w:r></w:p></w:footnote></w:footnotes>");
    is_str(r.text, "Thực hiện Kế hoạch số 325¹ của tỉnh.\nNội dung\n¹ Kế hoạch số 325/KH-UBND ngày 15/8/2025.",
           "a footnote: a superscript mark in the body, its text after the body");
    if (r.st == VNPLAN_OK)
        ok(r.src.nlines == 3 && (r.src.lines[2].flags & VN_SRC_FOOTNOTE) && !(r.src.lines[1].flags & VN_SRC_FOOTNOTE) &&
               r.src.lines[2].loc == 1,
           "the note's line is flagged a footnote, the body's are not; it is located at the paragraph referring to it");
    result_free(&r);

    /* endnotes are notes too, numbered with the footnotes in the order they are referred to */
    {
        member m[] = {{"[Content_Types].xml", "<Types/>", 0},
                      {"word/document.xml",
                       DOC("<w:p><w:r><w:t>A</w:t><w:endnoteReference w:id=\"3\"/><w:t xml:space=\"preserve\"> B</w:t>"
                           "<w:footnoteReference w:id=\"3\"/></w:r></w:p>"),
                       0},
                      {"word/footnotes.xml",
                       "<w:footnotes " W_NS "><w:footnote w:id=\"3\"><w:p><w:r><w:t>chân trang</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>đoạn hai</w:t></w:r></w:p></w:footnote></w:footnotes>",
                       0},
                      {"word/endnotes.xml",
                       "<w:endnotes " W_NS "><w:endnote w:id=\"3\"><w:p><w:r><w:t>cuối văn bản</w:t></w:r></w:p>"
                       "</w:endnote></w:endnotes>",
                       0}};
        read_result e = read_members(m, 4, VNPLAN_INPUT_DOCX);
        is_str(e.text, "A¹ B²\n¹ cuối văn bản\n² chân trang\nđoạn hai",
               "an endnote and a footnote of the same id, each its own; a note of two paragraphs, two lines");
        result_free(&e);
    }

    /* a mark the author typed (w:customMarkFollows): kept, as a superscript, in the body and in the note */
    r = docx(DOC("<w:p><w:r><w:t>Kế hoạch số 325</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FNR\"/></w:rPr>"
                 "<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"1\"/><w:t>7</w:t></w:r>"
                 "<w:r><w:t xml:space=\"preserve\"> của tỉnh.</w:t></w:r></w:p>"),
             NULL,
             STYLES("<w:style w:type=\"character\" w:styleId=\"FNR\"><w:name w:val=\"footnote reference\"/></w:style>"),
             "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:rPr><w:rStyle w:val=\"FNR\"/></w:rPr>"
             "<w:t>7</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Ghi chú.</w:t></w:r></w:p></w:footnote></w:footnotes>");
    is_str(r.text, "Kế hoạch số 325⁷ của tỉnh.\n⁷ Ghi chú.", "a footnote mark typed by its author");
    result_free(&r);

    /* a writer that lost w:customMarkFollows (AbiWord's export) keeps the typed mark as plain text
     * after the automatic reference, in the body and at the note's start: the mark, once */
    r = docx(DOC("<w:p><w:r><w:t>Kế hoạch số 325/KH-UBND</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/>"
                 "</w:rPr><w:footnoteReference w:id=\"1\"/></w:r>"
                 "<w:r><w:t xml:space=\"preserve\">2 ngày 15/8/2025 của tỉnh, năm 2025.</w:t></w:r></w:p>"),
             NULL, NULL,
             "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r>"
             "<w:t xml:space=\"preserve\">2 Kế hoạch số 325/KH-UBND.</w:t></w:r></w:p></w:footnote></w:footnotes>");
    is_str(r.text, "Kế hoạch số 325/KH-UBND² ngày 15/8/2025 của tỉnh, năm 2025.\n² Kế hoạch số 325/KH-UBND.",
           "a typed mark kept as text after an automatic reference is the note's mark, once");
    result_free(&r);
    /* but a number that only happens to open the note and the text after the mark is kept */
    r = docx(DOC("<w:p><w:r><w:t>Chỉ tiêu</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
                 "<w:r><w:t xml:space=\"preserve\"> 2025 đạt 80%.</w:t></w:r></w:p>"),
             NULL, NULL,
             "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r>"
             "<w:t xml:space=\"preserve\"> 2025 là năm gốc.</w:t></w:r></w:p></w:footnote></w:footnotes>");
    is_str(r.text, "Chỉ tiêu¹ 2025 đạt 80%.\n¹ 2025 là năm gốc.", "a note opening with a year has Word's mark");
    result_free(&r);

    /* bold and centring from runs and styles */
    r = docx(DOC("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
                 "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Đậm </w:t></w:r><w:r><w:t>thường</w:t></w:r></w:p>"
                 SP("Tieude", "MỤC TIÊU")),
             NULL,
             STYLES("<w:style w:type=\"paragraph\" w:styleId=\"Tieude\"><w:name w:val=\"heading 1\"/><w:rPr><w:b/></w:rPr>"
                    "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"),
             NULL);
    if (r.st == VNPLAN_OK && r.src.nlines == 3) {
        ok((r.src.lines[0].flags & (VN_SRC_BOLD | VN_SRC_CENTRED)) == (VN_SRC_BOLD | VN_SRC_CENTRED),
           "a bold, centred paragraph is flagged so");
        ok(!(r.src.lines[1].flags & VN_SRC_BOLD), "a paragraph bold in part is not bold");
        ok((r.src.lines[2].flags & (VN_SRC_BOLD | VN_SRC_CENTRED | VN_SRC_HEADING)) ==
               (VN_SRC_BOLD | VN_SRC_CENTRED | VN_SRC_HEADING),
           "bold, centring and heading level come from the paragraph style");
    } else {
        ok(0, "bold and centring (read failed: %s)", r.err.msg);
    }
    result_free(&r);
}

/* ---- ODT --------------------------------------------------------------------------------- */

#define ODT_NS                                                                                        \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                               \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                   \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                                 \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                                 \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
#define CONTENT(styles, body)                                                                                 \
    "<office:document-content " ODT_NS "><office:automatic-styles>" styles "</office:automatic-styles>" \
    "<office:body><office:text>" body "</office:text></office:body></office:document-content>"
#define OLVL(lv, fmt, suffix, display)                                                                      \
    "<text:list-level-style-number text:level=\"" #lv "\" style:num-format=\"" fmt "\" style:num-suffix=\"" \
    suffix "\" text:display-levels=\"" #display "\"/>"
#define OP(text) "<text:p>" text "</text:p>"
#define ITEM(x) "<text:list-item>" x "</text:list-item>"
#define PLAN_LIST_STYLE                                                                                       \
    "<text:list-style style:name=\"L1\">" OLVL(1, "I", ".", 1) OLVL(2, "1", ".", 1) OLVL(3, "1", ".", 2)     \
    OLVL(4, "a", ")", 1) "<text:list-level-style-bullet text:level=\"5\" text:bullet-char=\"-\" style:num-suffix=\"-\"/>"     \
    "</text:list-style>"

static void expect_odt(const char *what, const char *content, const char *want)
{
    member m[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                  {"content.xml", content, 0},
                  {"styles.xml",
                   "<office:document-styles " ODT_NS "><office:master-styles><style:master-page><style:header>"
                   "<text:p>RUNNING HEADER</text:p></style:header></style:master-page></office:master-styles>"
                   "</office:document-styles>",
                   0}};
    read_result r = read_members(m, 3, VNPLAN_INPUT_ODT);
    if (r.st != VNPLAN_OK) {
        ok(0, "%s (read failed: %s)", what, r.err.msg);
        return;
    }
    is_str(r.text, want, what);
    result_free(&r);
}

static void odt_cases(void)
{
    expect_odt("ODT lists: I. / 1. / 1.1. (display-levels) / a) / bullet, nested items, an item without a number",
               CONTENT(PLAN_LIST_STYLE,
                       "<text:list text:style-name=\"L1\">" ITEM(
                           "<text:h text:outline-level=\"1\">MỤC ĐÍCH</text:h><text:list>" ITEM(OP("Mục đích")
                           "<text:list>" ITEM(OP("Chi tiết")) "</text:list>") ITEM(OP("Yêu cầu") "<text:list><text:list-item>"
                           "<text:list>" ITEM(OP("điểm") "<text:list>" ITEM(OP("ý")) "</text:list>") "</text:list>"
                           "</text:list-item></text:list>") "</text:list>") "<text:list-header>" OP("không số")
                       "</text:list-header>" ITEM(OP("MỤC TIÊU") OP("đoạn tiếp")) "</text:list>"),
               "I. MỤC ĐÍCH\n1. Mục đích\n1.1. Chi tiết\n2. Yêu cầu\na) điểm\n- ý\nkhông số\nII. MỤC TIÊU\nđoạn tiếp");
    expect_odt("ODT: fo:text-transform uppercase and fo:font-variant small-caps show text in capitals, "
               "from the paragraph's style chain or a span's",
               CONTENT("<style:style style:name=\"Tieu_de\" style:family=\"paragraph\"><style:text-properties "
                       "fo:text-transform=\"uppercase\" fo:font-weight=\"bold\"/></style:style>"
                       "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Tieu_de\"/>"
                       "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties "
                       "fo:font-variant=\"small-caps\"/></style:style><style:style style:name=\"T2\" "
                       "style:family=\"text\"><style:text-properties fo:text-transform=\"none\"/></style:style>",
                       "<text:h text:style-name=\"P1\" text:outline-level=\"1\">Mục tiêu</text:h>"
                       "<text:p text:style-name=\"P1\">Giao <text:span text:style-name=\"T2\">cho</text:span> "
                       "Sở</text:p><text:p><text:span text:style-name=\"T1\">ủy ban</text:span> nhân dân</text:p>"),
               "MỤC TIÊU\nGIAO cho SỞ\nỦY BAN nhân dân");
    expect_odt("ODT: a table of contents (its title and entries) and a placeholder's prompt give no text",
               CONTENT("", "<text:table-of-content text:name=\"Mục lục1\"><text:table-of-content-source "
                           "text:outline-level=\"3\"><text:index-title-template>Mục lục</text:index-title-template>"
                           "</text:table-of-content-source><text:index-body><text:index-title><text:p>Mục lục</text:p>"
                           "</text:index-title><text:p>I. MỤC ĐÍCH<text:tab/>1</text:p></text:index-body>"
                           "</text:table-of-content><text:h text:outline-level=\"1\">I. MỤC ĐÍCH</text:h>"
                           "<text:p>Số: <text:placeholder text:placeholder-type=\"text\">&lt;số&gt;</text:placeholder>"
                           "/KH-UBND</text:p>"),
               "I. MỤC ĐÍCH\nSố: /KH-UBND");
    expect_odt("ODT: continue-numbering and continue-list go on, a new list starts again, start-value",
               CONTENT("<text:list-style style:name=\"L2\">" OLVL(1, "1", ")", 1) "</text:list-style>",
                       "<text:list xml:id=\"a\" text:style-name=\"L2\">" ITEM(OP("một")) "</text:list>" OP("chen")
                       "<text:list text:style-name=\"L2\" text:continue-numbering=\"true\">" ITEM(OP("hai")) "</text:list>"
                       "<text:list text:style-name=\"L2\">" ITEM(OP("lại")) "</text:list>"
                       "<text:list text:style-name=\"L2\" text:continue-list=\"a\">" ITEM(OP("ba")) "</text:list>"
                       "<text:list text:style-name=\"L2\"><text:list-item text:start-value=\"7\">" OP("bảy")
                       "</text:list-item></text:list>"),
               "1) một\nchen\n2) hai\n1) lại\n3) ba\n7) bảy");
    expect_odt("ODT: a heading marked a list header has no number; an item outside any list (malformed) none",
               CONTENT(PLAN_LIST_STYLE,
                       "<text:list text:style-name=\"L1\">" ITEM("<text:h text:is-list-header=\"true\">KẾ HOẠCH</text:h>")
                       ITEM(OP("MỤC ĐÍCH")) "</text:list>" ITEM(OP("lạc"))),
               "KẾ HOẠCH\nI. MỤC ĐÍCH\nlạc");
    expect_odt("ODT text: text:s, text:tab, text:line-break, soft page breaks, tracked deletions, notes",
               CONTENT("",
                       "<text:tracked-changes><text:changed-region><text:deletion><text:p>đã xoá</text:p></text:deletion>"
                       "</text:changed-region></text:tracked-changes>"
                       "<text:p>A<text:s text:c=\"2\"/>B<text:tab/>C<text:line-break/>D<text:soft-page-break/>E"
                       "<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body>"
                       "<text:p>Ghi chú.</text:p></text:note-body></text:note> sau</text:p>"),
               "A  B\tC\n+ DE¹ sau\n¹ Ghi chú.");
    {
        /* headings numbered by the outline style (styles.xml), outside any list */
        member m[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                      {"content.xml", CONTENT("", "<text:h text:outline-level=\"1\">MỤC ĐÍCH</text:h>"
                                                  "<text:h text:outline-level=\"2\">Mục đích</text:h>"
                                                  "<text:h text:outline-level=\"1\">MỤC TIÊU</text:h>"
                                                  "<text:h text:outline-level=\"2\">Chung</text:h>"),
                       0},
                      {"styles.xml",
                       "<office:document-styles " ODT_NS "><office:styles><text:outline-style style:name=\"Outline\">"
                       "<text:outline-level-style text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"
                       "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\"/>"
                       "</text:outline-style></office:styles></office:document-styles>",
                       0}};
        read_result r = read_members(m, 3, VNPLAN_INPUT_ODT);
        is_str(r.text, "I. MỤC ĐÍCH\n1. Mục đích\nII. MỤC TIÊU\n1. Chung", "ODT headings numbered by the outline style");
        result_free(&r);
    }
    expect_odt("ODT tables: the header cell by cell, a data table a row a line",
               CONTENT("<style:style style:name=\"B\" style:family=\"table-cell\"><style:table-cell-properties "
                       "fo:border=\"0.5pt solid #000000\"/></style:style>",
                       "<table:table><table:table-row><table:table-cell>" OP("ỦY BAN NHÂN DÂN") OP("XÃ A")
                       "</table:table-cell><table:table-cell>" OP("CỘNG HÒA") "</table:table-cell></table:table-row></table:table>"
                       "<text:h text:outline-level=\"1\">I. MỤC TIÊU</text:h>"
                       "<table:table><table:table-row><table:table-cell table:style-name=\"B\">" OP("TT")
                       "</table:table-cell><table:table-cell table:style-name=\"B\">" OP("Chỉ tiêu")
                       "</table:table-cell><table:covered-table-cell/><table:table-cell table:style-name=\"B\">" OP("2030")
                       "</table:table-cell></table:table-row></table:table>"),
               "ỦY BAN NHÂN DÂN\nXÃ A\nCỘNG HÒA\nI. MỤC TIÊU\nTT\tChỉ tiêu\t\t2030");
}

/* ---- text boxes ------------------------------------------------------------------------------ */

/* The namespaces Word declares for drawings. */
#define DRAW_NS                                                                                     \
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""                     \
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""          \
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""                            \
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""                       \
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""              \
    " xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"" \
    " xmlns:w10=\"urn:schemas-microsoft-com:office:word\""
#define DDOC(body) \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS DRAW_NS "><w:body>" body "</w:body></w:document>"
/* A text box as Word writes it, in a run: the DrawingML shape in mc:Choice
 * (its alt text in wp:docPr's descr), then the same box in VML in
 * mc:Fallback (the alt text in v:shape's alt).  choice and fallback are the
 * paragraphs of w:txbxContent in each; Word writes the same in both. */
#define WBOX2(alt, choice, fallback)                                                                              \
    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor distT=\"0\" distB=\"0\" "         \
    "distL=\"114300\" distR=\"114300\" simplePos=\"0\" relativeHeight=\"251659264\" behindDoc=\"0\" locked=\"0\" "   \
    "layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\">"   \
    "<wp:posOffset>-342900</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0"   \
    "</wp:posOffset></wp:positionV><wp:extent cx=\"2743200\" cy=\"914400\"/><wp:effectExtent l=\"0\" t=\"0\" "      \
    "r=\"0\" b=\"0\"/><wp:wrapNone/><wp:docPr id=\"1\" name=\"Text Box 1\" descr=\"" alt "\"/><wp:cNvGraphicFramePr/>" \
    "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp>" \
    "<wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"2743200\" cy=\"914400\"/>"     \
    "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"6350\"><a:noFill/></a:ln>"      \
    "</wps:spPr><wps:txbx><w:txbxContent>" choice "</w:txbxContent></wps:txbx><wps:bodyPr rot=\"0\" vert=\"horz\" " \
    "wrap=\"square\" anchor=\"t\" anchorCtr=\"0\"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>" \
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shapetype id=\"_x0000_t202\" "                     \
    "coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/>"     \
    "<v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype><v:shape id=\"Text Box 1\" "               \
    "o:spid=\"_x0000_s1026\" type=\"#_x0000_t202\" alt=\"" alt "\" style=\"position:absolute;margin-left:-27pt;"     \
    "margin-top:0;width:216pt;height:72pt;z-index:251659264;visibility:visible;mso-wrap-style:square\" "            \
    "filled=\"f\" stroked=\"f\" strokeweight=\".5pt\"><v:textbox><w:txbxContent>" fallback "</w:txbxContent>"       \
    "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
#define WBOX(alt, paras) WBOX2(alt, paras, paras)
/* A picture (no text box) as Word writes it: its alt text must stay out. */
#define WPICTURE(alt)                                                                                             \
    "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"914400\" "          \
    "cy=\"914400\"/><wp:docPr id=\"9\" name=\"Picture 9\" descr=\"" alt "\" title=\"" alt "\"/><a:graphic>"          \
    "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"        \
    "<pic:cNvPr id=\"9\" name=\"quoc-huy.png\" descr=\"" alt "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>"      \
    "<a:blip r:embed=\"rId9\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>"     \
    "</pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"

#define BOX_ISSUER P("ỦY BAN NHÂN DÂN") P("XÃ TÂN PHONG") P("Số: 45/KH-UBND")
#define BOX_MOTTO P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") P("Độc lập - Tự do - Hạnh phúc") \
    P("Tân Phong, ngày 12 tháng 8 năm 2025")
#define BOX_HEADER_LINES                                                                                 \
    "ỦY BAN NHÂN DÂN\nXÃ TÂN PHONG\nSố: 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"                 \
    "Độc lập - Tự do - Hạnh phúc\nTân Phong, ngày 12 tháng 8 năm 2025"

/* A plan's header, closing and body around text boxes, parsed whole. */
#define BOX_PLAN(header, closing)                                                                         \
    DDOC(header P("KẾ HOẠCH") P("Triển khai thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng " \
    "Chính phủ") P("I. MỤC TIÊU") P("Đến năm 2030, tỷ lệ lao động qua đào tạo đạt 80%.") closing)

static void expect_meta(const char *what, const char *document, const char *issuer, const char *number,
                        const char *date, const char *signer)
{
    member m[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", document, 0}};
    size_t n;
    unsigned char *z = make_zip(m, 2, NULL, &n);
    vnplan_doc *doc = NULL;
    char err[256] = "";
    if (vnplan_parse_bytes_as(z, n, "plan.docx", VNPLAN_INPUT_DOCX, NULL, &doc, err, sizeof err) != VNPLAN_OK) {
        ok(0, "%s (parse failed: %s)", what, err);
        free(z);
        return;
    }
    const char *got[] = {vnplan_meta_issuer(doc), vnplan_meta_number(doc), vnplan_meta_date(doc),
                         vnplan_meta_signer_name(doc)};
    const char *want[] = {issuer, number, date, signer};
    bool all = true;
    for (size_t i = 0; i < 4; i++)
        all &= got[i] && strcmp(got[i], want[i]) == 0;
    if (!ok(all, "%s", what))
        for (size_t i = 0; i < 4; i++)
            diag("got %s, want %s", got[i] ? got[i] : "(none)", want[i]);
    vnplan_doc_free(doc);
    free(z);
}

static void textbox_cases(void)
{
    expect_docx("Word's header in two text boxes side by side in one paragraph: box after box, each once "
                "(mc:Choice read, mc:Fallback not), before the anchor's own text; alt text left out",
                DDOC("<w:p>" WBOX("Hình chữ nhật: ỦY BAN NHÂN DÂN", BOX_ISSUER) WBOX("Quốc hiệu", BOX_MOTTO)
                     "<w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>" P("Triển khai")),
                NULL, NULL, BOX_HEADER_LINES "\nKẾ HOẠCH\nTriển khai");
    expect_docx("of a Choice and a Fallback that differ, the Choice; with no Choice, the Fallback",
                DDOC("<w:p>" WBOX2("", P("trong Choice"), P("trong Fallback")) "</w:p>"
                     "<w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
                     P("chỉ Fallback") "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
                     "</mc:AlternateContent></w:r><w:r><w:t>sau</w:t></w:r></w:p>"),
                NULL, NULL, "trong Choice\n\nchỉ Fallback\nsau");
    expect_docx("a VML text box without mc:AlternateContent (Word 2003-2007), a text box in the middle of a run",
                DDOC("<w:p><w:r><w:t xml:space=\"preserve\">Phụ lục </w:t><w:pict><v:shape alt=\"nhãn\"><v:textbox>"
                     "<w:txbxContent>" P("DỰ THẢO") "</w:txbxContent></v:textbox></v:shape></w:pict>"
                     "<w:t>kèm theo</w:t></w:r></w:p>"),
                NULL, NULL, "DỰ THẢO\nPhụ lục kèm theo");
    expect_docx("a paragraph whose mark was deleted, before one holding a text box: joined to it, not to the box",
                DDOC("<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr></w:pPr><w:r><w:t>Trước</w:t></w:r>"
                     "</w:p><w:p>" WBOX("", P("trong hộp")) "<w:r><w:t xml:space=\"preserve\"> sau</w:t></w:r></w:p>"),
                NULL, NULL, "trong hộp\nTrước sau");
    expect_docx("a picture's alt text, a deleted text box, a hidden one and deleted text inside a box stay out",
                DDOC("<w:p>" WPICTURE("Quốc huy Việt Nam") "<w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
                     "<w:p><w:del w:id=\"1\" w:author=\"A\">" WBOX("", P("đã xoá")) "</w:del>"
                     "<w:r><w:rPr><w:vanish/></w:rPr><w:pict><v:shape><v:textbox><w:txbxContent>" P("ẩn")
                     "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
                     WBOX("", "<w:p><w:r><w:t xml:space=\"preserve\">Số: </w:t></w:r><w:del w:id=\"2\" "
                              "w:author=\"A\"><w:r><w:delText>12</w:delText></w:r></w:del><w:r><w:t>45/KH-UBND</w:t>"
                              "</w:r></w:p>") "</w:p>"),
                NULL, NULL, "KẾ HOẠCH\nSố: 45/KH-UBND\n");
    /* a numbered paragraph keeps its number; the box's paragraphs are counted before it */
    read_result r = docx(DDOC(NP(1, 0, "MỤC TIÊU" "</w:t></w:r>" WBOX("", P("Phụ lục I")) "<w:r><w:t>")
                                  NP(1, 0, "NHIỆM VỤ")),
                         NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), NULL, NULL);
    is_str(r.text, "Phụ lục I\nI. MỤC TIÊU\nII. NHIỆM VỤ",
           "a text box in a numbered paragraph: its own line before it, the numbering unchanged");
    if (r.st == VNPLAN_OK)
        ok(r.src.nlines == 3 && r.src.lines[0].loc == 1 && r.src.lines[1].loc == 2 &&
               (r.src.lines[1].flags & VN_SRC_LABEL) && !(r.src.lines[0].flags & VN_SRC_LABEL),
           "the box's paragraph is đoạn 1, unnumbered; its anchor đoạn 2, numbered");
    result_free(&r);
    /* a note referred to before a text box in the same paragraph is located at that paragraph, not the box's */
    r = docx(DDOC("<w:p><w:r><w:t>Thực hiện</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
                  WBOX("", P("DỰ THẢO")) "<w:r><w:t xml:space=\"preserve\"> Kế hoạch</w:t></w:r></w:p>"),
             NULL, NULL,
             "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:t>Ghi chú.</w:t></w:r></w:p></w:footnote>"
             "</w:footnotes>");
    is_str(r.text, "DỰ THẢO\nThực hiện¹ Kế hoạch\n¹ Ghi chú.", "a note and a text box in one paragraph");
    if (r.st == VNPLAN_OK)
        ok(r.src.nlines == 3 && r.src.lines[2].loc == 2, "the note is located at the paragraph referring to it "
                                                         "(đoạn 2), not at the box's (đoạn 1)");
    result_free(&r);
    expect_docx("a text box in a layout table's cell belongs to that cell, before the anchor's text",
                DDOC("<w:tbl><w:tr><w:tc>" P("Nơi nhận:") P("- Như trên;") "</w:tc><w:tc><w:p>"
                     WBOX("", P("TM. ỦY BAN NHÂN DÂN") P("CHỦ TỊCH")) "<w:r><w:t>(đã ký)</w:t></w:r></w:p>"
                     "</w:tc></w:tr></w:tbl>"),
                NULL, NULL, "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(đã ký)");
    expect_docx("a table inside a text box is read as a table, before the anchor",
                DDOC("<w:p>" WBOX("", "<w:tbl><w:tr><w:tc>" P("ỦY BAN NHÂN DÂN") "</w:tc><w:tc>" P("CỘNG HÒA")
                                      "</w:tc></w:tr></w:tbl>") "<w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"),
                NULL, NULL, "ỦY BAN NHÂN DÂN\nCỘNG HÒA\nKẾ HOẠCH");
    expect_docx("a group of shapes (wpg:wgp) with two text boxes: both, in the group's order",
                DDOC("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wpg\"><w:drawing><wp:anchor>"
                     "<wp:docPr id=\"3\" name=\"Group 3\" descr=\"nhóm\"/><a:graphic><a:graphicData><wpg:wgp "
                     "xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\"><wps:wsp>"
                     "<wps:txbx><w:txbxContent>" P("ỦY BAN NHÂN DÂN") "</w:txbxContent></wps:txbx></wps:wsp>"
                     "<wps:wsp><wps:bodyPr/></wps:wsp><wps:wsp><wps:txbx><w:txbxContent>" P("CỘNG HÒA")
                     "</w:txbxContent></wps:txbx></wps:wsp></wpg:wgp></a:graphicData></a:graphic></wp:anchor>"
                     "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:group><v:shape><v:textbox><w:txbxContent>"
                     P("ỦY BAN NHÂN DÂN") "</w:txbxContent></v:textbox></v:shape></v:group></w:pict></mc:Fallback>"
                     "</mc:AlternateContent></w:r><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"),
                NULL, NULL, "ỦY BAN NHÂN DÂN\nCỘNG HÒA\nKẾ HOẠCH");
    expect_docx("a text box inside a text box: the inner one's paragraphs before the outer paragraph holding it",
                DDOC("<w:p>" WBOX("", "<w:p><w:r><w:t>ngoài</w:t></w:r>" WBOX("", P("trong")) "</w:p>")
                     "<w:r><w:t>thân</w:t></w:r></w:p>"),
                NULL, NULL, "trong\nngoài\nthân");

    /* the metadata of a plan whose header and signature are in text boxes */
    expect_meta("a header in two text boxes and a signature in a third: issuer, number, date and signer",
                BOX_PLAN("<w:p>" WBOX("", BOX_ISSUER) WBOX("", BOX_MOTTO) "</w:p>",
                         "<w:p>" WBOX("Chữ ký", P("TM. ỦY BAN NHÂN DÂN") P("CHỦ TỊCH") P("Nguyễn Văn An"))
                         "<w:r><w:t>Nơi nhận:</w:t></w:r></w:p>" P("- UBND tỉnh;") P("- Lưu: VT.")),
                "ỦY BAN NHÂN DÂN XÃ TÂN PHONG", "45/KH-UBND", "2025-08-12", "Nguyễn Văn An");
    expect_meta("the motto's box anchored before the issuer's reads the same",
                BOX_PLAN("<w:p>" WBOX("", BOX_MOTTO) WBOX("", BOX_ISSUER) "</w:p>",
                         P("Nơi nhận:") P("- Lưu: VT.") "<w:p>"
                         WBOX("", P("TM. ỦY BAN NHÂN DÂN") P("CHỦ TỊCH") P("Nguyễn Văn An")) "</w:p>"),
                "ỦY BAN NHÂN DÂN XÃ TÂN PHONG", "45/KH-UBND", "2025-08-12", "Nguyễn Văn An");

    /* ODT: LibreOffice's text frames (draw:frame/draw:text-box) and shapes with text (draw:custom-shape) */
#define DRAW_ODT_NS                                                                                         \
    " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                                     \
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
#define DCONTENT(body)                                                                                      \
    "<office:document-content " ODT_NS DRAW_ODT_NS "><office:body><office:text>" body                       \
    "</office:text></office:body></office:document-content>"
#define OFRAME(paras)                                                                                       \
    "<draw:frame text:anchor-type=\"paragraph\" draw:name=\"Khung\" svg:width=\"6cm\"><draw:text-box>" paras \
    "</draw:text-box><svg:title>Khung tiêu đề</svg:title><svg:desc>Hình chữ nhật: mô tả</svg:desc></draw:frame>"
    expect_odt("ODT: two text frames side by side in one paragraph, box after box, before its text; alt text out",
               DCONTENT("<text:p>" OFRAME(OP("ỦY BAN NHÂN DÂN") OP("XÃ TÂN PHONG") OP("Số: 45/KH-UBND"))
                        OFRAME(OP("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") OP("Độc lập - Tự do - Hạnh phúc")
                                   OP("Tân Phong, ngày 12 tháng 8 năm 2025")) "KẾ HOẠCH</text:p>"),
               BOX_HEADER_LINES "\nKẾ HOẠCH");
    expect_odt("ODT: a shape's own paragraphs (draw:custom-shape) are read, its geometry and a picture's text not",
               DCONTENT("<text:p>Nơi nhận:<draw:custom-shape text:anchor-type=\"char\"><svg:desc>chữ ký</svg:desc>"
                        OP("TM. ỦY BAN NHÂN DÂN") OP("CHỦ TỊCH") "<draw:enhanced-geometry draw:type=\"rect\">"
                        "<draw:equation draw:name=\"f0\" draw:formula=\"logwidth/2\"/></draw:enhanced-geometry>"
                        "</draw:custom-shape></text:p><text:p><draw:frame><draw:image><text:p>ảnh</text:p>"
                        "</draw:image><svg:desc>Quốc huy</svg:desc></draw:frame>- Lưu: VT.</text:p>"),
               "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNơi nhận:\n- Lưu: VT.");
    {
        member m[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                      {"content.xml",
                       DCONTENT("<text:p>A<text:note><text:note-body><text:p>chú</text:p></text:note-body></text:note>"
                                OFRAME(OP("hộp")) " B</text:p>"),
                       0}};
        read_result o = read_members(m, 2, VNPLAN_INPUT_ODT);
        is_str(o.text, "hộp\nA¹ B\n¹ chú", "ODT: a note and a frame in one paragraph");
        if (o.st == VNPLAN_OK)
            ok(o.src.nlines == 3 && o.src.lines[2].loc == 2, "ODT: the note is located at its paragraph (đoạn 2)");
        result_free(&o);
    }
    expect_odt("ODT: a frame anchored at the page, between paragraphs; a list in a box inside a list item",
               DCONTENT(OFRAME(OP("DỰ THẢO")) "<text:list>" ITEM("<text:p>một" OFRAME("<text:list>" ITEM(OP("hộp"))
                        "</text:list>") " tiếp</text:p>") "</text:list>"),
               "DỰ THẢO\nhộp\nmột tiếp");
}

/* Text boxes nested deeper than the readers follow, mc:AlternateContent
 * nested as deep as XML allows, and a file cut inside a text box: read
 * without harm, the boxes within the limit kept. */
static void textbox_hostile_cases(void)
{
    enum { BOXES = 12, ALTS = 80 };
    vn_buf b = {0};
    vn_buf_puts(&b, "<?xml version=\"1.0\"?><w:document " W_NS DRAW_NS "><w:body>");
    for (int i = 0; i < BOXES; i++)
        vn_buf_puts(&b, "<w:p><w:r><w:t>x</w:t><w:pict><v:shape><v:textbox><w:txbxContent>");
    vn_buf_puts(&b, P("đáy"));
    for (int i = 0; i < BOXES; i++)
        vn_buf_puts(&b, "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>");
    for (int i = 0; i < ALTS; i++)
        vn_buf_puts(&b, "<mc:AlternateContent><mc:Choice Requires=\"wps\">");
    vn_buf_puts(&b, P("sâu"));
    for (int i = 0; i < ALTS; i++)
        vn_buf_puts(&b, "</mc:Choice></mc:AlternateContent>");
    vn_buf_puts(&b, P("cuối") "</w:body></w:document>");
    read_result r = docx(vn_buf_cstr(&b), NULL, NULL, NULL);
    ok(r.st == VNPLAN_OK && r.text && strstr(r.text, "xxxxxxxx") == NULL && strstr(r.text, "x\nx") != NULL &&
           strstr(r.text, "đáy") == NULL && strstr(r.text, "sâu") == NULL && strstr(r.text, "cuối") != NULL,
       "text boxes nested 12 deep and AlternateContent 80 deep: the outer 8 boxes and 16 choices read, the rest "
       "left out, the text after them read");
    result_free(&r);

    /* cut inside a text box: the box's paragraph and then its anchor are written */
    vn_buf_clear(&b);
    vn_buf_puts(&b, DDOC("<w:p><w:r><w:t>neo</w:t></w:r>" WBOX("", P("hộp"))));
    b.len -= strlen("</w:body></w:document>") + strlen("</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
                                                        "</mc:AlternateContent></w:r>");
    r = docx(vn_buf_cstr(&b), NULL, NULL, NULL);
    ok(r.st != VNPLAN_OK, "a document cut inside a text box is refused as not well formed");
    result_free(&r);
    vn_buf_free(&b);
}

/* The fixtures made with LibreOffice (tests/fixtures/README.md, "Text boxes"):
 * a commune's plan whose header is two text frames side by side and whose
 * signature is a third beside the recipients, as .odt, as the .docx
 * LibreOffice writes of it (wps text boxes with their VML fallback, alt
 * text in wp:docPr), and as the .odt LibreOffice writes of that .docx (the
 * boxes become draw:custom-shape).  The metadata were read off the .fodt. */
static void fixture_cases(void)
{
    static const char *const files[] = {
        "tests/fixtures/textbox/xa-thanh-binh-nam-1002-soffice-fodt-odt-textbox-header.odt",
        "tests/fixtures/textbox/xa-thanh-binh-nam-1002-soffice-fodt-docx-textbox-header.docx",
        "tests/fixtures/textbox/xa-thanh-binh-nam-1002-soffice-docx-odt-custom-shape-header.odt"};
    char root[16];
    tu_find_root("tests/fixtures/textbox", root, sizeof root);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", root, files[i]);
        vnplan_doc *doc = NULL;
        char err[256] = "";
        if (!ok(vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK, "%s is read", files[i] + 23)) {
            diag("%s", err);
            continue;
        }
        const char *got[] = {vnplan_meta_issuer(doc), vnplan_meta_number(doc), vnplan_meta_locality(doc),
                             vnplan_meta_level(doc), vnplan_meta_date(doc), vnplan_meta_signer_name(doc),
                             vnplan_meta_signer_capacity(doc)};
        static const char *const want[] = {"ỦY BAN NHÂN DÂN XÃ THANH BÌNH NAM", "52/KH-UBND", "Thanh Bình Nam", "xa",
                                           "2025-08-18", "Phạm Thị Thu Hà",
                                           "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"};
        bool all = true;
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            all &= got[k] && strcmp(got[k], want[k]) == 0;
        if (!ok(all, "%s: issuer, number, locality, level, date and signer from its text boxes", files[i] + 23))
            for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
                diag("got %s, want %s", got[k] ? got[k] : "(none)", want[k]);
        vnplan_doc_free(doc);

        /* the boxes' alt text ("Hình chữ nhật: ...", "Khung chữ ký: ...") is no text of the plan */
        size_t n = 0;
        char *bytes = tu_read_file(path, &n);
        vn_source src;
        vn_error e = {0};
        bool read = bytes && vn_source_read((const unsigned char *)bytes, n,
                                            i == 1 ? VNPLAN_INPUT_DOCX : VNPLAN_INPUT_ODT, &src, &e) == VNPLAN_OK;
        ok(read && !strstr(vn_buf_cstr(&src.text), "Hình chữ nhật") && !strstr(vn_buf_cstr(&src.text), "Khung"),
           "%s: no alt text among its lines", files[i] + 23);
        if (read)
            vn_source_free(&src);
        free(bytes);
    }
}

/* ---- hostile archives ------------------------------------------------------------------------- */

static void expect_refused(const char *what, const unsigned char *p, size_t n, vnplan_input in, const char *words)
{
    vn_source s;
    vn_error e = {0};
    vnplan_status st = vn_source_read(p, n, in, &s, &e);
    if (st == VNPLAN_OK)
        vn_source_free(&s);
    if (!ok(st != VNPLAN_OK && strstr(e.msg, words) != NULL, "%s", what))
        diag("status %d, message: %s (wanted: %s)", st, e.msg, words);
}

static void refused_docx(const char *what, const char *document, const char *words)
{
    member m[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", document, 0}};
    size_t n;
    unsigned char *z = make_zip(m, 2, NULL, &n);
    expect_refused(what, z, n, VNPLAN_INPUT_DOCX, words);
    free(z);
}

#define BOMB_BYTES ((size_t)8 << 20) /* zeros: deflate packs them about a thousand to one */
#define DEEP_LEVELS 10000

static void hostile_cases(void)
{
    /* a zip bomb: a member that inflates far more than the ratio allows */
    char *zeros = calloc(BOMB_BYTES, 1);
    memcpy(zeros, "<w:document>", 12);
    member bomb[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", zeros, BOMB_BYTES}};
    size_t n;
    unsigned char *z = make_zip(bomb, 2, NULL, &n);
    expect_refused("a zip bomb stops at the ratio limit", z, n, VNPLAN_INPUT_DOCX, "zip bomb");
    free(zeros);

    /* truncated: the archive cut in half loses its central directory */
    expect_refused("a truncated zip", z, n / 2, VNPLAN_INPUT_DOCX, "truncated");
    free(z);

    member nodoc[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/styles.xml", STYLES(""), 0}};
    z = make_zip(nodoc, 2, NULL, &n);
    expect_refused("a DOCX without word/document.xml", z, n, VNPLAN_INPUT_DOCX, "no word/document.xml");
    free(z);
    member nocontent[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0}};
    z = make_zip(nocontent, 1, NULL, &n);
    expect_refused("an ODT without content.xml", z, n, VNPLAN_INPUT_ODT, "no content.xml");
    free(z);

    member secret[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", DOC(P("bí mật")), 0}};
    z = make_zip(secret, 2, "matkhau", &n);
    expect_refused("an encrypted member", z, n, VNPLAN_INPUT_DOCX, "encrypted");
    free(z);

    expect_refused("bytes that are no zip", (const unsigned char *)"PK\x03\x04garbage", 11, VNPLAN_INPUT_DOCX,
                   "zip");

    refused_docx("XXE: an external entity is never loaded",
                 "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                 "<w:document " W_NS "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>",
                 "DOCTYPE");
    refused_docx("billion laughs: entities are refused before any is expanded",
                 "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                 "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                 "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                 "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
                 "<!ENTITY lol9 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">]>"
                 "<w:document " W_NS "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>",
                 "DOCTYPE");
    refused_docx("malformed XML", DOC("<w:p><w:r><w:t>không đóng</w:r></w:p>"), "not well-formed");

    /* ten thousand nested elements */
    size_t cap = DEEP_LEVELS * 16 + 256, len = 0;
    char *deep = malloc(cap);
    len += (size_t)snprintf(deep, cap, "<w:document %s><w:body>", W_NS);
    for (int i = 0; i < DEEP_LEVELS; i++)
        len += (size_t)snprintf(deep + len, cap - len, "<w:sdt>");
    for (int i = 0; i < DEEP_LEVELS; i++)
        len += (size_t)snprintf(deep + len, cap - len, "</w:sdt>");
    snprintf(deep + len, cap - len, "</w:body></w:document>");
    refused_docx("10,000 nested elements", deep, "deeper than");
    free(deep);

    member ent[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                    {"content.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><office:document-content " ODT_NS "/>", 0}};
    z = make_zip(ent, 2, NULL, &n);
    expect_refused("an ODT whose content.xml declares entities", z, n, VNPLAN_INPUT_ODT, "DOCTYPE");
    free(z);
}

/* ---- the command line ------------------------------------------------------------------------ */

static char *slurp_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = calloc(1, 1 << 16);
    size_t n = b ? fread(b, 1, (1 << 16) - 1, f) : 0;
    (void)n;
    fclose(f);
    return b;
}

static int write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(p, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

/* vnplan (the program of $VNPLAN_BUILD, as tests/run.sh sets it) on a file:
 * its exit status, standard output and error. */
static int run_cli(const char *args, const char *dir, char **out, char **err)
{
    const char *b = getenv("VNPLAN_BUILD");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s/vnplan' %s >'%s/out' 2>'%s/err'", b && *b ? b : "build", args, dir, dir);
    int rc = system(cmd);
    char path[1024];
    snprintf(path, sizeof path, "%s/out", dir);
    *out = slurp_file(path);
    snprintf(path, sizeof path, "%s/err", dir);
    *err = slurp_file(path);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void cli_cases(void)
{
    char dir[] = "/tmp/vnplan-docx-XXXXXX";
    if (!ok(mkdtemp(dir) != NULL, "a temporary directory"))
        return;
    member plan[] = {{"[Content_Types].xml", "<Types/>", 0},
                     {"word/document.xml",
                      DOC(P("KẾ HOẠCH") NP(1, 0, "MỤC TIÊU") NP(1, 1, "Mục tiêu cụ thể")
                              NP(1, 4, "Tỷ lệ lao động qua đào tạo đạt 80% vào năm 2030.")),
                      0},
                     {"word/numbering.xml", NUMBERING(ABS(0, PLAN_LEVELS) NUM(1, 0)), 0}};
    size_t n;
    unsigned char *z = make_zip(plan, 3, NULL, &n);
    char path[256], args[512];
    snprintf(path, sizeof path, "%s/ke-hoach.doc", dir); /* a name that lies: the content decides */
    write_file(path, z, n);
    free(z);
    char *out, *err;
    snprintf(args, sizeof args, "targets '%s'", path);
    int rc = run_cli(args, dir, &out, &err);
    ok(rc == 0 && out && strstr(out, "80 %") && strstr(out, "2030"),
       "vnplan targets reads a .docx (named .doc) and finds its target under the computed numbering");
    if (rc != 0 || !out || !strstr(out, "80 %"))
        diag("status %d, out: %s, err: %s", rc, out ? out : "", err ? err : "");
    free(out);
    free(err);

    char *zeros = calloc(BOMB_BYTES, 1);
    member bomb[] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", zeros, BOMB_BYTES}};
    z = make_zip(bomb, 2, NULL, &n);
    free(zeros);
    snprintf(path, sizeof path, "%s/bomb.docx", dir);
    write_file(path, z, n);
    free(z);
    snprintf(args, sizeof args, "parse '%s'", path);
    rc = run_cli(args, dir, &out, &err);
    ok(rc == 2 && err && strstr(err, "zip bomb"), "a zip bomb: exit status 2 and a message");
    if (rc != 2)
        diag("status %d, err: %s", rc, err ? err : "");
    free(out);
    free(err);

    snprintf(args, sizeof args, "parse --from odt '%s/ke-hoach.doc'", dir);
    rc = run_cli(args, dir, &out, &err);
    ok(rc == 2 && err && strstr(err, "no content.xml"), "a DOCX read as ODT (--from odt) is refused by name");
    free(out);
    free(err);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        diag("could not remove %s", dir);
}

int main(void)
{
    numbering_cases();
    text_cases();
    odt_cases();
    textbox_cases();
    textbox_hostile_cases();
    fixture_cases();
    hostile_cases();
    cli_cases();
    return done();
}
