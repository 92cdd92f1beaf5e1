/* test_read_legacy_fonts.c — DOCX and ODT text typed in Vietnam's legacy
 * 8-bit fonts (read_legacy.c): TCVN3's .VnTime and its capitals font
 * .VnTimeH, VNI's VNI-Times.  Word and LibreOffice keep such text as the
 * Windows-1252 reading of the font's codes ("Sè" for Số), so each case
 * shows the mojibake a document holds next to the Vietnamese it must give;
 * runs in a Unicode font beside them stay as they are; a PDF's glyphs by
 * their font's name.  Then the fixtures
 * of tests/fixtures/legacy/ (written by tests/fixtures/tools/mklegacy.py,
 * and LibreOffice's conversions of them), parsed whole. */
#include "read_legacy.h"
#include "source.h"
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "zip_build.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOC(body) "<w:document " W_NS "><w:body>" body "</w:body></w:document>"
#define STYLES(x) "<w:styles " W_NS ">" x "</w:styles>"
#define FONT(name) "<w:rFonts w:ascii=\"" name "\" w:hAnsi=\"" name "\"/>"
#define RUN(rpr, text) "<w:r><w:rPr>" rpr "</w:rPr><w:t xml:space=\"preserve\">" text "</w:t></w:r>"
#define P(runs) "<w:p>" runs "</w:p>"

/* ---- font names ------------------------------------------------------------------------- */

static void name_cases(void)
{
    static const struct {
        const char *name;
        vn_font_kind kind;
    } cases[] = {
        {".VnTime", VN_FONT_TCVN3},          {".VnTimeH", VN_FONT_TCVN3_CAPS},
        {".VnArial NarrowH", VN_FONT_TCVN3_CAPS}, {".VnBook-Antiqua", VN_FONT_TCVN3},
        {".VNTIME", VN_FONT_TCVN3},          {"'.VnTime'", VN_FONT_TCVN3},
        {"VNI-Times", VN_FONT_VNI},          {"VNI-Helve-Condense", VN_FONT_VNI},
        {"Times New Roman", VN_FONT_UNICODE}, {".Vn", VN_FONT_UNICODE},
        {"VnTime", VN_FONT_UNICODE},         {"Helvetica", VN_FONT_UNICODE},
        {"", VN_FONT_UNICODE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(vn_legacy_font(cases[i].name, strlen(cases[i].name)) == cases[i].kind, "font \"%s\" is of kind %d",
           cases[i].name, (int)cases[i].kind);
}

/* ---- DOCX --------------------------------------------------------------------------------- */

/* The source lines of a DOCX, one a line. */
static char *docx_text(const char *document, const char *styles)
{
    member m[3] = {{"[Content_Types].xml", "<Types/>", 0}, {"word/document.xml", document, 0}};
    size_t n = 2, len;
    if (styles)
        m[n++] = (member){"word/styles.xml", styles, 0};
    unsigned char *z = make_zip(m, n, NULL, &len);
    vn_source src;
    vn_error err = {0};
    char *text = NULL;
    if (vn_source_read(z, len, VNPLAN_INPUT_DOCX, &src, &err) == VNPLAN_OK) {
        text = strdup(vn_buf_cstr(&src.text));
        vn_source_free(&src);
    } else {
        diag("read failed: %s", err.msg);
    }
    free(z);
    return text;
}

static void expect_docx(const char *what, const char *document, const char *styles, const char *want)
{
    char *got = docx_text(document, styles);
    is_str(got ? got : "(failed)", want, what);
    free(got);
}

static void docx_cases(void)
{
    expect_docx("DOCX: .VnTimeH draws small codes as capitals, .VnTime as typed",
                DOC(P(RUN(FONT(".VnTimeH"), "ñy ban nh©n d©n")) P(RUN(FONT(".VnTime"), "Sè: 25/KH-UBND"))),
                NULL, "ỦY BAN NHÂN DÂN\nSố: 25/KH-UBND");
    expect_docx("DOCX: a Unicode run beside legacy ones is left as it is",
                DOC(P(RUN(FONT(".VnTime"), "Thùc hiÖn QuyÕt ®Þnh sè ") RUN(FONT("Times New Roman"), "1002/QĐ-TTg")
                          RUN(FONT(".VnTime"), " cña Thñ t\xC2\xADíng"))),
                NULL, "Thực hiện Quyết định số 1002/QĐ-TTg của Thủ tướng");
    expect_docx("DOCX: a capital TCVN3 cannot write starts a sentence (ñy → Ủy), not mid-sentence",
                DOC(P(RUN(FONT(".VnTime"), "ñy ban nh©n d©n x·. ñy ban") RUN(FONT(".VnTime"), " vµ ñy ban"))), NULL,
                "Ủy ban nhân dân xã. Ủy ban và ủy ban");
    expect_docx("DOCX: the font of docDefaults, of the paragraph style, of the character style",
                DOC(P(RUN("", "Sè")) "<w:p><w:pPr><w:pStyle w:val=\"Hoa\"/></w:pPr>" RUN("", "kÕ ho¹ch") "</w:p>"
                    P(RUN("<w:rStyle w:val=\"ChuHoa\"/>", "x· t©n phó"))),
                STYLES("<w:docDefaults><w:rPrDefault><w:rPr>" FONT(".VnTime") "</w:rPr></w:rPrDefault></w:docDefaults>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:rPr>" FONT(".VnTimeH") "</w:rPr></w:style>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"Hoa\"><w:basedOn w:val=\"Base\"/></w:style>"
                       "<w:style w:type=\"character\" w:styleId=\"ChuHoa\"><w:rPr>" FONT(".VnArialH")
                       "</w:rPr></w:style>"),
                "Số\nKẾ HOẠCH\nXÃ TÂN PHÚ");
    expect_docx("DOCX: a theme font and a run's own Unicode font override a legacy default",
                DOC(P(RUN("<w:rFonts w:asciiTheme=\"minorHAnsi\" w:hAnsiTheme=\"minorHAnsi\"/>", "Sè")
                          RUN(FONT("Arial"), " ©"))),
                STYLES("<w:docDefaults><w:rPrDefault><w:rPr>" FONT(".VnTime") "</w:rPr></w:rPrDefault></w:docDefaults>"),
                "Sè ©");
    expect_docx("DOCX: text with a character outside Windows-1252 was retyped in Unicode: left as it is",
                DOC(P(RUN(FONT(".VnTime"), "Cộng hòa xã hội"))), NULL, "Cộng hòa xã hội");
    expect_docx("DOCX: VNI composes a letter with the mark byte after it, capitals of its own",
                DOC(P(RUN(FONT("VNI-Times"), "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"))
                    P(RUN(FONT("VNI-Helve"), "ÑOÄC LAÄP - Töï do - Haïnh phuùc"))),
                NULL, "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐỘC LẬP - Tự do - Hạnh phúc");
    expect_docx("DOCX: a w:softHyphen in a TCVN3 run is its ư",
                DOC(P(RUN(FONT(".VnTime"), "Thñ t") "<w:r><w:rPr>" FONT(".VnTime") "</w:rPr><w:softHyphen/></w:r>"
                          RUN(FONT(".VnTime"), "íng"))),
                NULL, "Thủ tướng");
}

/* ---- ODT ------------------------------------------------------------------------------------ */

#define ODT_NS                                                                                        \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                               \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                   \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                                 \
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                          \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
#define FACES                                                                                                  \
    "<office:font-face-decls><style:font-face style:name=\"VnTime1\" svg:font-family=\"'.VnTime'\"/>"         \
    "<style:font-face style:name=\"Hoa\" svg:font-family=\".VnTimeH\"/>"                                      \
    "<style:font-face style:name=\"Times New Roman\" svg:font-family=\"'Times New Roman'\"/></office:font-face-decls>"
#define TSTYLE(name, face) \
    "<style:style style:name=\"" name "\" style:family=\"text\"><style:text-properties style:font-name=\"" face "\"/></style:style>"

static void odt_cases(void)
{
    const char *content =
        "<office:document-content " ODT_NS ">" FACES "<office:automatic-styles>" TSTYLE("T1", "Hoa")
        TSTYLE("T2", "Times New Roman") "<style:style style:name=\"P1\" style:family=\"paragraph\">"
        "<style:text-properties style:font-name=\"VnTime1\"/></style:style></office:automatic-styles>"
        "<office:body><office:text><text:p text:style-name=\"P1\"><text:span text:style-name=\"T1\">ñy ban "
        "nh©n d©n</text:span></text:p><text:p text:style-name=\"P1\">Thùc hiÖn <text:span text:style-name=\"T2\">"
        "1002/QĐ-TTg</text:span> cña Thñ t\xC2\xADíng</text:p><text:p>Soá</text:p>"
        "</office:text></office:body></office:document-content>";
    const char *styles = "<office:document-styles " ODT_NS "><office:font-face-decls><style:font-face "
                         "style:name=\"VNI-Times\" svg:font-family=\"VNI-Times\"/></office:font-face-decls>"
                         "<office:styles><style:default-style style:family=\"paragraph\"><style:text-properties "
                         "style:font-name=\"VNI-Times\"/></style:default-style></office:styles>"
                         "</office:document-styles>";
    member m[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                  {"content.xml", content, 0},
                  {"styles.xml", styles, 0}};
    size_t len;
    unsigned char *z = make_zip(m, 3, NULL, &len);
    vn_source src;
    vn_error err = {0};
    if (vn_source_read(z, len, VNPLAN_INPUT_ODT, &src, &err) == VNPLAN_OK) {
        is_str(vn_buf_cstr(&src.text),
               "ỦY BAN NHÂN DÂN\nThực hiện 1002/QĐ-TTg của Thủ tướng\nSố",
               "ODT: fonts through their declarations (a face named apart from its family), spans, the "
               "paragraph style, the default style (VNI-Times: \"Soá\")");
        vn_source_free(&src);
    } else {
        ok(0, "ODT read (%s)", err.msg);
    }
    free(z);
}

/* ---- PDF ------------------------------------------------------------------------------------ */

static void pdf_cases(void)
{
    static const struct {
        const char *name;
        vn_font_kind kind;
    } names[] = {
        {"ABCDEF+.VnTimeH,Bold", VN_FONT_TCVN3_CAPS}, {"ABCDEF+.VnTime", VN_FONT_TCVN3},
        {"VnTimeH", VN_FONT_TCVN3_CAPS},              {".VnArialH-Bold", VN_FONT_TCVN3_CAPS},
        {".VnBook-Antiqua", VN_FONT_TCVN3},           {"GHIJKL+VNI-Times", VN_FONT_VNI},
        {"TimesNewRomanPSMT", VN_FONT_UNICODE},       {"ABCDEF+Vn", VN_FONT_UNICODE},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ok(vn_legacy_pdf_font(names[i].name) == names[i].kind, "PDF font \"%s\" is of kind %d", names[i].name,
           (int)names[i].kind);

    char root[16], path[512];
    tu_find_root("tests/fixtures/legacy", root, sizeof root);
    snprintf(path, sizeof path, "%stests/fixtures/legacy/xa-thach-binh-1002-tcvn3-vni-fonts-header.pdf", root);
    size_t n = 0;
    char *bytes = tu_read_file(path, &n);
    vn_source src;
    vn_error e = {0};
    if (!ok(bytes && vn_source_read((const unsigned char *)bytes, n, VNPLAN_INPUT_PDF, &src, &e) == VNPLAN_OK,
            "the PDF in legacy fonts is read")) {
        diag("%s", e.msg);
        free(bytes);
        return;
    }
    char *text = tu_collapse(vn_buf_cstr(&src.text));
    static const char *const want[] = {"ỦY BAN NHÂN DÂN", "XÃ THẠCH BÌNH", "Số: 25/KH-UBND", "KẾ HOẠCH",
                                       "Thực hiện Quyết định số 1002/QD-TTg",
                                       "Cộng hòa xã hội chủ nghĩa Việt Nam"};
    bool all = true;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        all &= strstr(text, want[i]) != NULL;
    if (!ok(all, "PDF: glyphs of .VnTimeH (tagged, \",Bold\", dotless), .VnTime and VNI-Times decoded beside "
                 "Times New Roman"))
        diag("got %s", text);
    free(text);
    vn_source_free(&src);
    free(bytes);
}

/* ---- the fixtures --------------------------------------------------------------------------- */

/* What the plan says, read off tests/fixtures/tools/mklegacy.py. */
static void fixture_cases(void)
{
    static const char *const files[] = {
        "xa-thach-binh-1002-tcvn3-fonts.docx",
        "xa-thach-binh-1002-vni-fonts.docx",
        "xa-thach-binh-1002-tcvn3-fonts-soffice-fodt.odt",
        "xa-thach-binh-1002-tcvn3-fonts-soffice-fodt.docx",
        "xa-thach-binh-1002-tcvn3-fonts-soffice-docx.odt",
        "xa-thach-binh-1002-vni-fonts-soffice-docx.odt",
    };
    static const char *const want[] = {"ỦY BAN NHÂN DÂN XÃ THẠCH BÌNH", "25/KH-UBND", "Thạch Bình", "xa",
                                       "2025-09-15", "Nguyễn Văn An", "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH"};
    char root[16];
    tu_find_root("tests/fixtures/legacy", root, sizeof root);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%stests/fixtures/legacy/%s", root, files[i]);
        vnplan_doc *doc = NULL;
        char err[256] = "";
        if (!ok(vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK, "%s is read", files[i])) {
            diag("%s", err);
            continue;
        }
        const char *got[] = {vnplan_meta_issuer(doc), vnplan_meta_number(doc), vnplan_meta_locality(doc),
                             vnplan_meta_level(doc), vnplan_meta_date(doc), vnplan_meta_signer_name(doc),
                             vnplan_meta_signer_capacity(doc)};
        bool all = true;
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            all &= got[k] && strcmp(got[k], want[k]) == 0;
        if (!ok(all, "%s: issuer, number, locality, level, date and signer", files[i]))
            for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
                diag("got %s, want %s", got[k] ? got[k] : "(none)", want[k]);
        ok(vnplan_meta_implements_count(doc) == 1 &&
               strcmp(vnplan_meta_implements_number(doc, 0), "1002/QĐ-TTg") == 0,
           "%s: implements 1002/QĐ-TTg", files[i]);

        /* II.2's two targets: 100% of the commune's officials, at least 30% of pupils, by 2030 */
        size_t found = 0;
        for (size_t t = 0; t < vnplan_target_count(doc); t++) {
            const char *text = vnplan_target_text(doc, t);
            double v = vnplan_target_value(doc, t);
            const char *phase = vnplan_target_phase(doc, t);
            if (isnan(v) || !phase || strcmp(phase, "2030") != 0)
                continue;
            found += (v == 100 && strstr(text, "cán bộ, công chức xã được bồi dưỡng kỹ năng số")) ||
                     (v == 30 && strcmp(vnplan_target_comparator(doc, t), ">=") == 0 &&
                      strstr(text, "học sinh trung học cơ sở tham gia hoạt động giáo dục STEM"));
        }
        ok(found == 2, "%s: the two targets of 2030, in Vietnamese", files[i]);

        /* the headings, typed in .VnTimeH in small letters, read as capitals */
        size_t n = 0;
        char *bytes = tu_read_file(path, &n);
        vn_source src;
        vn_error e = {0};
        bool is_docx = strstr(files[i], ".docx") != NULL;
        bool read = bytes && vn_source_read((const unsigned char *)bytes, n,
                                            is_docx ? VNPLAN_INPUT_DOCX : VNPLAN_INPUT_ODT, &src, &e) == VNPLAN_OK;
        const char *text = read ? vn_buf_cstr(&src.text) : "";
        ok(strstr(text, "\nI. MỤC ĐÍCH, YÊU CẦU\n") && strstr(text, "\nKẾ HOẠCH\n") &&
               strstr(text, "\nỦy ban nhân dân xã giao nhiệm vụ") && strstr(text, "của Thủ tướng Chính phủ"),
           "%s: headings in capitals, a sentence's first capital, ư", files[i]);
        if (read)
            vn_source_free(&src);
        free(bytes);
        vnplan_doc_free(doc);
    }
}

int main(void)
{
    name_cases();
    docx_cases();
    odt_cases();
    pdf_cases();
    fixture_cases();
    return done();
}
