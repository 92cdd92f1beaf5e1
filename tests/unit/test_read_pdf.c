/* test_read_pdf.c — the PDF reader: what pdf_layout.c makes of a page, on
 * glyphs placed here by hand, and what read_pdf.c makes of real PDFs printed
 * by LibreOffice from tests/fixtures/pdf/plan.fodt (tests/fixtures/pdf/make.sh
 * made them; the expectations below come from reading plan.fodt).
 *
 * Hostile files: a password, a truncated download, a scan without a text
 * layer, more pages than VN_PDF_MAX_PAGES — each refused with its message. */
#define VN_FUZZ_REPLAY
#include "../fuzz/fuzz_read_pdf.c"
#include "pdf_layout.h"
#include "tap.h"
#include "utf8.h"

#include <stdlib.h>

#define FUZZ_CUTS 16  /* prefixes of each fixture read */
#define FUZZ_FLIPS 24 /* copies of each with 8 bits flipped */

/* ---- helpers ------------------------------------------------------------------------ */

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    unsigned char *b = malloc(cap);
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

/* The text of source line i (a copy, NUL-terminated, in a static ring). */
static const char *line(const vn_source *s, size_t i)
{
    static char ring[4][1024];
    static int k;
    char *out = ring[k++ & 3];
    if (i >= s->nlines)
        return "";
    size_t a = s->lines[i].start, z = i + 1 < s->nlines ? s->lines[i + 1].start - 1 : s->text.len;
    size_t n = z - a < 1023 ? z - a : 1023;
    memcpy(out, s->text.data + a, n);
    out[n] = '\0';
    return out;
}

/* The first line that starts with (after blanks) `text`, or -1. */
static long find(const vn_source *s, const char *text)
{
    for (size_t i = 0; i < s->nlines; i++) {
        const char *t = line(s, i);
        while (*t == ' ')
            t++;
        if (strncmp(t, text, strlen(text)) == 0)
            return (long)i;
    }
    return -1;
}

static uint32_t flags_of(const vn_source *s, long i) { return i >= 0 ? s->lines[i].flags : 0; }

/* A page of glyphs placed by hand: each character 0.5 em wide, one em high. */
typedef struct page {
    vn_pdf_glyph g[4096];
    size_t n;
} page;

static void put_spaced(page *p, float x, float baseline, float size, uint8_t font, const char *text, float space)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len && p->n < 4096;) {
        int32_t cp = vn_utf8_next(text, len, &i);
        float adv = (cp == ' ' ? space : 0.5f) * size;
        vn_pdf_glyph *g = &p->g[p->n++];
        g->x0 = x, g->x1 = x + adv, g->y0 = baseline - 0.8f * size, g->y1 = baseline + 0.2f * size;
        g->cp = (uint32_t)cp, g->font = font;
        x += adv;
    }
    /* the library ends each of its lines with a line break */
    vn_pdf_glyph *g = &p->g[p->n++];
    memset(g, 0, sizeof *g);
    g->cp = '\n';
}

/* Text in letters half an em wide, spaces too. */
static void put(page *p, float x, float baseline, float size, uint8_t font, const char *text)
{
    put_spaced(p, x, baseline, size, font, text, 0.5f);
}

/* VN_TEST_DUMP=1 prints the lines a layout made, to see what a failure saw. */
static void dump(const vn_source *s)
{
    for (size_t i = 0; i < s->nlines; i++)
        printf("#   %u %04x [%s]\n", s->lines[i].loc, s->lines[i].flags, line(s, i));
}

static void lay_out(vn_source *s, page *pages, size_t n)
{
    vn_pdf_layout L;
    vn_pdf_layout_init(&L);
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < n; i++)
        vn_pdf_layout_page(&L, (uint32_t)i + 1, pages[i].g, pages[i].n);
    vn_pdf_layout_finish(&L, s);
    vn_pdf_layout_free(&L);
}

/* ---- layout rules on hand-placed glyphs ------------------------------------------------ */

static void two_columns_are_never_interleaved(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* a header in two columns (left centred on 150, right from 300), then text */
    put(&p, 110, 100, 12, 0, "ỦY BAN NHÂN DÂN");
    put(&p, 300, 100, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
    put(&p, 120, 115, 12, VN_PDF_BOLD, "XÃ AN PHÚ");
    put(&p, 300, 115, 12, VN_PDF_BOLD, "Độc lập - Tự do");
    put(&p, 110, 130, 12, 0, "Số: 12/KH-UBND");
    put(&p, 300, 130, 12, 0, "An Phú, ngày 5/9/2025");
    put(&p, 60, 170, 12, 0, "Thực hiện Kế hoạch số 325/KH-UBND của Ủy ban nhân dân tỉnh về");
    put(&p, 60, 185, 12, 0, "phát triển nguồn nhân lực, Ủy ban nhân dân xã xây dựng kế hoạch.");
    vn_source s;
    lay_out(&s, &p, 1);
    long issuer = find(&s, "ỦY BAN NHÂN DÂN"), commune = find(&s, "XÃ AN PHÚ"), number = find(&s, "Số: 12");
    long motto = find(&s, "CỘNG HÒA"), place = find(&s, "An Phú, ngày");
    ok(issuer >= 0 && commune > issuer && number > commune, "the left column's lines in order");
    ok(motto > number && place > motto, "then the right column's, after all of the left's");
    ok((flags_of(&s, issuer) & VN_SRC_CELL) && (flags_of(&s, motto) & VN_SRC_CELL), "both columns are cells");
    ok(s.lines[issuer].cell == 1 && s.lines[motto].cell == 2, "left cell 1, right cell 2");
    ok((flags_of(&s, issuer) & VN_SRC_PARA) && (flags_of(&s, motto) & VN_SRC_PARA), "each column starts anew");
    ok(flags_of(&s, motto) & VN_SRC_BOLD, "a bold line is flagged bold");
    ok(!(flags_of(&s, issuer) & VN_SRC_BOLD), "a regular one is not");
    long body = find(&s, "Thực hiện");
    ok(body > place && !(flags_of(&s, body) & VN_SRC_CELL), "the text under the header is no cell");
    ok(!(flags_of(&s, body + 1) & VN_SRC_PARA), "a line wrapped inside a sentence is left to lines.c");
    vn_source_free(&s);
}

static void running_headers_and_page_numbers_are_furniture(void)
{
    static page p[3];
    memset(p, 0, sizeof p);
    for (int i = 0; i < 3; i++) {
        char num[8];
        snprintf(num, sizeof num, "%d", i + 1);
        put(&p[i], 200, 40, 9, VN_PDF_ITALIC, "Kế hoạch số 12/KH-UBND của xã An Phú");
        put(&p[i], 60, 100, 12, 0, i == 0 ? "I. MỤC ĐÍCH, YÊU CẦU" : "- Nội dung tiếp theo của kế hoạch trên trang này,");
        /* a line of text that recurs on every page is no running header */
        put(&p[i], 60, 115, 12, 0, "được trình bày đầy đủ theo đúng thể thức văn bản hành chính.");
        put(&p[i], 290, 800, 12, 0, num);
    }
    vn_source s;
    lay_out(&s, p, 3);
    size_t furniture = 0, numbers = 0;
    for (size_t i = 0; i < s.nlines; i++)
        if (s.lines[i].flags & VN_SRC_FURNITURE) {
            furniture++;
            const char *t = line(&s, i);
            while (*t == ' ')
                t++;
            numbers += t[0] >= '1' && t[0] <= '3' && t[1] == '\0';
        }
    is_long((long)furniture, 6, "the header repeated on 3 pages and 3 page numbers are furniture");
    is_long((long)numbers, 3, "each page number among them");
    ok(!(flags_of(&s, find(&s, "I. MỤC")) & VN_SRC_FURNITURE), "the text is not");
    is_long((long)s.lines[find(&s, "I. MỤC")].loc, 1, "a line knows its page");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_year_wrapped_at_the_page_foot_is_no_page_number(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    /* a heading wrapped before its year, the year the page's last line */
    put(&p[0], 60, 100, 12, 0, "Nâng cao nhận thức của cấp ủy, chính quyền, Mặt trận Tổ quốc và các");
    put(&p[0], 60, 115, 12, 0, "đoàn thể về vai trò của đội ngũ trí thức; phát huy đội ngũ giáo viên,");
    put(&p[0], 60, 130, 12, 0, "y sĩ, bác sĩ, kỹ sư nông nghiệp đang công tác trên địa bàn xã.");
    /* a heading in larger type, its lines further apart than the text's */
    put(&p[0], 60, 760, 16, VN_PDF_BOLD, "II. MỤC TIÊU, CHỈ TIÊU ĐẾN NĂM");
    put(&p[0], 60, 786, 16, VN_PDF_BOLD, "2030");
    put(&p[1], 60, 100, 12, 0, "1. Tỷ lệ nữ trong đội ngũ trí thức không thấp hơn 50%.");
    put(&p[1], 290, 800, 12, 0, "2");
    vn_source s;
    lay_out(&s, p, 2);
    long year = find(&s, "2030");
    ok(year >= 0 && !(flags_of(&s, year) & VN_SRC_FURNITURE), "a year under a line ending with 'NĂM' is text");
    long num = -1;
    for (size_t i = 0; i < s.nlines; i++) {
        const char *t = line(&s, i);
        while (*t == ' ')
            t++;
        if (strcmp(t, "2") == 0)
            num = (long)i;
    }
    ok(num >= 0 && (flags_of(&s, num) & VN_SRC_FURNITURE), "the next page's number stays furniture");
    vn_source_free(&s);
}

static void footnotes_leave_the_paragraph_they_interrupt(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    /* body at 12 pt with a raised 7 pt mark after "325/KH-UBND" */
    put(&p[0], 60, 100, 12, 0, "Thực hiện Kế hoạch số 325/KH-UBND");
    put(&p[0], 258, 96, 7, 0, "1");
    put(&p[0], 274, 100, 12, 0, "ngày 15/8/2025 của tỉnh, Ủy ban");
    put(&p[0], 60, 115, 12, 0, "nhân dân xã xây dựng kế hoạch triển khai thực hiện như");
    /* the foot: the note in 10 pt, its mark raised */
    put(&p[0], 60, 760, 6, 0, "1");
    put(&p[0], 66, 764, 10, 0, "Kế hoạch số 325/KH-UBND ngày 15/8/2025 của Ủy ban nhân dân tỉnh.");
    put(&p[0], 290, 800, 12, 0, "1");
    put(&p[1], 60, 100, 12, 0, "sau: triển khai đồng bộ các nhiệm vụ được giao.");
    vn_source s;
    lay_out(&s, p, 2);
    long mark = find(&s, "Thực hiện");
    ok(mark >= 0 && strstr(line(&s, mark), "325/KH-UBND¹ ") != NULL && !strstr(line(&s, mark), "UBND1"),
       "the raised mark is written ¹, glued to its word");
    long note = find(&s, "¹ Kế hoạch số");
    ok(note >= 0, "the footnote starts with its mark as a superscript digit");
    ok((flags_of(&s, note) & (VN_SRC_FOOTNOTE | VN_SRC_PARA)) == (VN_SRC_FOOTNOTE | VN_SRC_PARA), "flagged footnote");
    long after = find(&s, "sau: triển khai");
    ok(after >= 0 && note > after, "it is moved after the body: the paragraph goes on unbroken");
    is_long((long)s.lines[note].loc, 1, "it keeps its page");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_data_table_is_read_row_by_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "Các chỉ tiêu chủ yếu đến năm 2030 của xã như sau:");
    /* four columns; the first row's indicator wraps in its cell; the rows
     * follow at the line spacing (no padding to tell them apart) */
    float y = 130;
    put(&p, 60, y, 12, VN_PDF_BOLD, "TT");
    put(&p, 100, y, 12, VN_PDF_BOLD, "Chỉ tiêu");
    put(&p, 330, y, 12, VN_PDF_BOLD, "Đơn vị");
    put(&p, 420, y, 12, VN_PDF_BOLD, "Năm 2030");
    y += 15;
    put(&p, 60, y, 12, 0, "1");
    put(&p, 100, y, 12, 0, "Tỷ lệ lao động qua");
    put(&p, 330, y, 12, 0, "%");
    put(&p, 420, y, 12, 0, "80");
    y += 15;
    put(&p, 100, y, 12, 0, "đào tạo");
    y += 15;
    put(&p, 60, y, 12, 0, "2");
    put(&p, 100, y, 12, 0, "Số doanh nghiệp số");
    put(&p, 330, y, 12, 0, "Doanh nghiệp");
    put(&p, 420, y, 12, 0, "500");
    put(&p, 60, y + 40, 12, 0, "Ủy ban nhân dân xã giao các cơ quan, đơn vị tổ chức thực hiện.");
    vn_source s;
    lay_out(&s, &p, 1);
    long head = find(&s, "TT\t"), one = find(&s, "1\t"), two = find(&s, "2\t");
    is_str(line(&s, head), "TT\tChỉ tiêu\tĐơn vị\tNăm 2030", "the header row, its cells apart by TAB");
    is_str(line(&s, one), "1\tTỷ lệ lao động qua đào tạo\t%\t80", "a row whose cell wrapped is one line");
    is_str(line(&s, two), "2\tSố doanh nghiệp số\tDoanh nghiệp\t500", "the next row starts at its number");
    ok((flags_of(&s, one) & (VN_SRC_TABLE_ROW | VN_SRC_PARA)) == (VN_SRC_TABLE_ROW | VN_SRC_PARA),
       "a row is flagged a table row");
    ok(s.lines[one].table > 0 && s.lines[one].row == 2 && s.lines[two].row == 3, "rows numbered in their table");
    long after = find(&s, "Ủy ban nhân dân xã giao");
    ok(after > two && !(flags_of(&s, after) & VN_SRC_TABLE_ROW), "the text under the table is no row");
    ok(!(flags_of(&s, find(&s, "Các chỉ tiêu")) & VN_SRC_TABLE_ROW), "nor the text above it");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_header_row_shows_by_a_line_beside_nothing(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* issuer and motto in one type, their first lines at one height; the
     * motto's second line stands beside nothing in the issuer's column */
    put(&p, 110, 100, 12, VN_PDF_BOLD, "BỘ CÔNG THƯƠNG");
    put(&p, 300, 100, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
    put(&p, 300, 115, 12, VN_PDF_BOLD, "Độc lập - Tự do");
    /* the last line of both columns: a row of its own; under the number, a
     * line alone: a third row whose other cell is empty */
    put(&p, 110, 130, 12, 0, "Số: 6218/KH-BCT");
    put(&p, 300, 130, 12, VN_PDF_ITALIC, "Hà Nội, ngày 05 tháng 9");
    put(&p, 130, 145, 12, 0, "[pic]");
    put(&p, 60, 185, 12, 0, "Căn cứ Nghị định số 40/2025/NĐ-CP của Chính phủ quy định chức năng,");
    put(&p, 60, 200, 12, 0, "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương;");
    vn_source s;
    lay_out(&s, &p, 1);
    long issuer = find(&s, "BỘ CÔNG"), motto = find(&s, "CỘNG HÒA"), number = find(&s, "Số: 6218");
    long place = find(&s, "Hà Nội, ngày"), pic = find(&s, "[pic]");
    ok(issuer >= 0 && motto > issuer && number > motto && place > number && pic > place,
       "issuer, motto, number, place and date, then the lone line");
    ok(motto >= 0 && place >= 0 && pic >= 0 && s.lines[motto].row == 1 && s.lines[place].row == 2 &&
           s.lines[pic].row == 3,
       "rows 1, 2 and 3");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* Bộ Công Thương's annex table as LibreOffice printed it (formats/, made by
 * tests/fixtures/tools/mkformats.sh): an STT column too narrow for "STT"
 * and "10", rows cut by page breaks.  The rows expected are the plan's own
 * (tests/fixtures/plans/bo-cong-thuong-1002-soffice-heading-variants.txt). */
static void reads_a_task_table_printed_by_libreoffice(void)
{
    const char *path = "tests/fixtures/formats/bo-cong-thuong-1002-soffice-heading-variants.pdf";
    size_t n;
    unsigned char *b = slurp(path, &n);
    if (!ok(b != NULL, "%s is there", path))
        return;
    vn_source s;
    vn_error e = {0};
    if (!is_long(vn_source_read(b, n, VNPLAN_INPUT_PDF, &s, &e), VNPLAN_OK, "read")) {
        printf("#   %s\n", e.msg);
        free(b);
        return;
    }
    is_str(line(&s, find(&s, "STT\t")), "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tSản phẩm",
           "the header row, \"S\" / \"T\" / \"T\" in the narrow STT column read as STT");
    is_str(line(&s, find(&s, "1\t")),
           "1\tRà soát, cập nhật chương trình đào tạo các ngành STEM\tCác trường thuộc Bộ\tVụ Tổ chức cán bộ\t"
           "2025 - 2026\tChương trình đào tạo được cập nhật",
           "a row cut by the page break, joined back cell by cell");
    is_str(line(&s, find(&s, "II\t")), "II\tNHÓM NHIỆM VỤ VỀ ĐỘI NGŨ VÀ CƠ SỞ VẬT CHẤT\t\t\t\t",
           "a group row whose Roman number wrapped (\"I\" / \"I\")");
    is_str(line(&s, find(&s, "10\t")),
           "10\tXây dựng quy chế phối hợp giữa các trường thuộc Bộ với doanh nghiệp trong đào tạo, thực tập\t"
           "Các trường thuộc Bộ\tCục Công nghiệp\tNăm 2026\tQuy chế phối hợp",
           "a row whose number wrapped (\"1\" / \"0\") is one row");
    vn_source_free(&s);
    free(b);
}

/* ---- real PDFs ------------------------------------------------------------------------- */

static void reads_a_plan_printed_by_libreoffice(void)
{
    size_t n;
    unsigned char *b = slurp("tests/fixtures/pdf/plan.pdf", &n);
    if (!ok(b != NULL, "tests/fixtures/pdf/plan.pdf is there"))
        return;
    vn_source s;
    vn_error e = {0};
    vnplan_status st = vn_source_read(b, n, VNPLAN_INPUT_PDF, &s, &e);
    if (!is_long(st, VNPLAN_OK, "read")) {
        printf("#   %s\n", e.msg);
        free(b);
        return;
    }
    long issuer = find(&s, "ỦY BAN NHÂN DÂN"), number = find(&s, "Số: 12/KH-UBND");
    long motto = find(&s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), place = find(&s, "An Phú, ngày 5 tháng 9 năm 2025");
    ok(issuer >= 0 && number > issuer && motto > number && place > motto,
       "header: issuer and number (left column), then motto and place-date (right column)");
    ok(motto >= 0 && strcmp(line(&s, motto), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 0,
       "the motto wrapped in its cell is one line again");
    long title = find(&s, "KẾ HOẠCH");
    ok((flags_of(&s, title) & (VN_SRC_CENTRED | VN_SRC_BOLD)) == (VN_SRC_CENTRED | VN_SRC_BOLD),
       "KẾ HOẠCH is centred and bold");
    ok(!(flags_of(&s, title) & VN_SRC_CELL), "the title is not taken into the header's right column");
    long recipients = find(&s, "Nơi nhận:"), archive = find(&s, "- Lưu: VT."), capacity = find(&s, "TM. ỦY BAN NHÂN DÂN");
    long chair = find(&s, "CHỦ TỊCH"), signer = find(&s, "Nguyễn Văn An");
    ok(recipients >= 0 && archive > recipients && capacity > archive && chair > capacity && signer > chair,
       "closing: every recipient, then capacity, title and signer");
    ok(find(&s, "- UBND tỉnh (để báo cáo);") > recipients, "a recipient stays a line of its own");
    long mark = find(&s, "Thực hiện Kế hoạch số 325/KH-UBND¹");
    ok(mark >= 0, "the footnote mark in the body is ¹");
    long note = find(&s, "¹ Kế hoạch số 325/KH-UBND ngày 15/8/2025");
    ok(note > signer && (flags_of(&s, note) & VN_SRC_FOOTNOTE), "the footnote comes after the closing, flagged");
    size_t running = 0, numbers = 0;
    for (size_t i = 0; i < s.nlines; i++)
        if (s.lines[i].flags & VN_SRC_FURNITURE) {
            running += strstr(line(&s, i), "Kế hoạch số 12/KH-UBND của Ủy ban") != NULL;
            const char *t = line(&s, i);
            while (*t == ' ')
                t++;
            numbers += strlen(t) == 1;
        }
    is_long((long)running, 2, "the running header is furniture on both pages");
    is_long((long)numbers, 2, "so are the page numbers");
    is_long((long)s.lines[find(&s, "Nơi nhận:")].loc, 2, "the closing is on page 2");
    vn_source_free(&s);

    /* the whole pipeline over it */
    vnplan_doc *doc = NULL;
    char err[256];
    st = vnplan_parse_bytes_as(b, n, "plan.pdf", VNPLAN_INPUT_AUTO, NULL, &doc, err, sizeof err);
    if (is_long(st, VNPLAN_OK, "parsed, the format found from the content")) {
        is_str(vnplan_meta_number(doc), "12/KH-UBND", "number");
        is_str(vnplan_meta_date(doc), "2025-09-05", "date");
        is_str(vnplan_meta_locality(doc), "An Phú", "locality");
        is_str(vnplan_meta_level(doc), "xa", "level");
        is_str(vnplan_meta_signer_name(doc), "Nguyễn Văn An", "signer");
        ok(vnplan_meta_implements_count(doc) == 1 && vnplan_meta_implements_number(doc, 0) &&
               strcmp(vnplan_meta_implements_number(doc, 0), "325/KH-UBND") == 0,
           "implements 325/KH-UBND (its footnote mark not read as a digit)");
        size_t targets = vnplan_target_count(doc);
        ok(targets >= 5, "the targets are read (%zu)", targets);
        vnplan_doc_free(doc);
    }
    free(b);
}

/* An annex of figures has few letters, but its words are words: read. */
static void reads_an_annex_of_figures(void)
{
    size_t n;
    unsigned char *b = slurp("tests/fixtures/pdf/annex.pdf", &n);
    if (!ok(b != NULL, "tests/fixtures/pdf/annex.pdf is there"))
        return;
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_parse_bytes_as(b, n, "annex.pdf", VNPLAN_INPUT_AUTO, NULL, &doc, err, sizeof err);
    is_long(st, VNPLAN_OK, "an annex of figures, one character in ten a letter, is read");
    vnplan_doc_free(doc);
    free(b);
}

static void refuses(const char *file, vnplan_status want, const char *words)
{
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/pdf/%s", file);
    size_t n;
    unsigned char *b = slurp(path, &n);
    if (!ok(b != NULL, "%s is there", path))
        return;
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_parse_bytes_as(b, n, file, VNPLAN_INPUT_AUTO, NULL, &doc, err, sizeof err);
    is_long(st, want, file);
    ok(doc == NULL, "%s: no document", file);
    ok(strstr(err, words) != NULL, "%s: says \"%s\" (%s)", file, words, err);
    vnplan_doc_free(doc);
    free(b);
}

/* The fuzz target over the fixtures cut short and with bytes flipped: under
 * the sanitizer build a memory error or undefined behaviour aborts here. */
static void survives_damaged_files(void)
{
    static const char *const files[] = {"plan.pdf", "encrypted.pdf", "scan.pdf"};
    uint32_t rng = 2463534242u;
    size_t runs = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[256];
        snprintf(path, sizeof path, "tests/fixtures/pdf/%s", files[f]);
        size_t n;
        unsigned char *b = slurp(path, &n);
        if (!b)
            continue;
        unsigned char *m = malloc(n);
        for (size_t cut = 1; cut <= FUZZ_CUTS; cut++, runs++)
            vn_fuzz_read_pdf(b, n * cut / (FUZZ_CUTS + 1));
        for (size_t k = 0; k < FUZZ_FLIPS && m; k++, runs++) {
            memcpy(m, b, n);
            for (int j = 0; j < 8; j++) {
                rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
                m[rng % n] ^= (unsigned char)(1u << (rng >> 29));
            }
            vn_fuzz_read_pdf(m, n);
        }
        free(m);
        free(b);
    }
    ok(runs == 3 * (FUZZ_CUTS + FUZZ_FLIPS), "%zu damaged PDFs read or refused without a fault", runs);
}


static void a_list_number_glued_to_its_text_is_written_apart(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "1.1.Mục đích");
    put(&p, 60, 115, 12, VN_PDF_BOLD, "III-NHIỆM VỤ VÀ GIẢI PHÁP");
    put(&p, 60, 130, 12, 0, "a)Các chỉ tiêu về chuyển đổi số");
    put(&p, 60, 145, 12, 0, "12/KH-UBND ngày 5/9/2025 của Ủy ban nhân dân tỉnh");
    put(&p, 60, 160, 12, 0, "H.Chí Minh");
    vn_source s;
    lay_out(&s, &p, 1);
    ok(find(&s, "1.1. Mục đích") >= 0, "a decimal number glued to a capital: 1.1. Mục đích");
    ok(find(&s, "III- NHIỆM VỤ") >= 0, "a Roman number glued with a dash");
    ok(find(&s, "a) Các chỉ tiêu") >= 0, "a letter glued with a parenthesis");
    ok(find(&s, "12/KH-UBND ngày") >= 0, "a document number is no marker");
    ok(find(&s, "H.Chí Minh") >= 0, "an initial in regular type is no marker");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_header_of_two_rows_is_read_row_by_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* the issuer in 12 pt, the motto in 11 pt: the columns go apart ... */
    put(&p, 110, 100, 12, 0, "ỦY BAN NHÂN DÂN");
    put(&p, 300, 99, 11, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
    put(&p, 120, 115, 12, VN_PDF_BOLD, "XÃ AN PHÚ");
    put(&p, 300, 112.5f, 11, VN_PDF_BOLD, "Độc lập - Tự do");
    /* ... and meet again under both: the second row */
    put(&p, 110, 135, 12, 0, "Số: 12/KH-UBND");
    put(&p, 300, 135, 12, 0, "An Phú, ngày 5/9/2025");
    put(&p, 60, 175, 12, 0, "Thực hiện Kế hoạch số 325/KH-UBND của Ủy ban nhân dân tỉnh về");
    put(&p, 60, 190, 12, 0, "phát triển nguồn nhân lực, Ủy ban nhân dân xã xây dựng kế hoạch.");
    vn_source s;
    lay_out(&s, &p, 1);
    long commune = find(&s, "XÃ AN PHÚ"), motto = find(&s, "CỘNG HÒA"), number = find(&s, "Số: 12");
    long place = find(&s, "An Phú, ngày");
    ok(commune >= 0 && motto > commune && number > motto && place > number,
       "issuer, motto, then number, place and date");
    ok(motto >= 0 && number >= 0 && s.lines[motto].row == 1 && s.lines[number].row == 2, "rows 1 and 2");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_line_filling_the_width_goes_on(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "Xây dựng kế hoạch của đơn vị, báo cáo kết quả về Phòng Văn hóa");
    put(&p, 60, 115, 12, 0, "- Xã hội theo quy định.");
    put(&p, 60, 130, 12, 0, "- Các trường học xây dựng kế hoạch.");
    vn_source s;
    lay_out(&s, &p, 1);
    long go_on = find(&s, "- Xã hội"), item = find(&s, "- Các trường");
    ok(flags_of(&s, go_on) & VN_SRC_CONT, "after a line filling the width and ending no sentence: it goes on");
    ok(!(flags_of(&s, item) & VN_SRC_CONT), "after a short line: left to lines.c");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* A unit cut inside its syllable by a narrow column, the rest going on
 * with the unit's slash ("Ngườ" / "i/năm", as LibreOffice wraps it): one
 * word again. */
static void a_unit_cut_in_its_syllable_is_one_word(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, VN_PDF_BOLD, "TT");
    put(&p, 100, 100, 12, VN_PDF_BOLD, "Chỉ tiêu");
    put(&p, 330, 100, 12, VN_PDF_BOLD, "ĐVT");
    put(&p, 420, 100, 12, VN_PDF_BOLD, "Năm 2030");
    put(&p, 60, 120, 12, 0, "1");
    put(&p, 100, 120, 12, 0, "Số người tốt nghiệp");
    put(&p, 330, 120, 12, 0, "Ngườ");
    put(&p, 330, 134, 12, 0, "i/năm");
    put(&p, 420, 120, 12, 0, "50");
    put(&p, 60, 160, 12, 0, "2");
    put(&p, 100, 160, 12, 0, "Tỷ lệ người học STEM");
    put(&p, 330, 160, 12, 0, "%");
    put(&p, 420, 160, 12, 0, "35");
    put(&p, 60, 200, 12, 0, "Các sở, ngành căn cứ chỉ tiêu trên xây dựng kế hoạch của đơn vị.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long one = find(&s, "1\t");
    is_str(line(&s, one), "1\tSố người tốt nghiệp\tNgười/năm\t50", "the unit one word again");
    vn_source_free(&s);
}

/* A closing whose signature is centred low in its cell: the signer's name
 * stands beside the wrapped rest of a recipient ("• Các trường THPT, TT
 * GDNN-" / "GDTX;"), at one height with it.  That rest goes on with its
 * cell; it starts no row of its own beside the name. */
static void a_recipient_wrapped_beside_the_name_starts_no_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "Các đơn vị triển khai thực hiện Kế hoạch này theo đúng quy định./.");
    put(&p, 60, 130, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p, 60, 144, 12, 0, "• Bộ Giáo dục và Đào tạo;");
    put(&p, 330, 144, 12, VN_PDF_BOLD, "KT. GIÁM ĐỐC");
    put(&p, 60, 158, 12, 0, "• UBND Thành phố (để b/c);");
    put(&p, 330, 158, 12, VN_PDF_BOLD, "PHÓ GIÁM ĐỐC");
    put(&p, 60, 172, 12, 0, "• Giám đốc, các PGĐ Sở;");
    put(&p, 60, 186, 12, 0, "• Các trường THPT, TT GDNN-");
    put(&p, 60, 200, 12, 0, "GDTX;");
    put(&p, 330, 200, 12, VN_PDF_BOLD, "Nguyễn Thị Thu Hằng");
    put(&p, 60, 214, 12, 0, "• Lưu: VT, GDPT.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long head = find(&s, "Nơi nhận"), tail = find(&s, "GDTX;"), name = find(&s, "Nguyễn Thị");
    ok(head >= 0 && tail >= 0 && s.lines[tail].row == s.lines[head].row && s.lines[tail].cell == 1,
       "the recipient's rest stays in the recipients' cell");
    ok(name >= 0 && s.lines[name].cell == 2 && s.lines[name].row == s.lines[head].row,
       "the name stays in the signature's cell of that row");
    vn_source_free(&s);
}

/* A closing whose cells are centred in their height: the signature's four
 * lines, centred on one axis, start a line above "Nơi nhận:" beside the
 * taller list of recipients.  That first line ("TM. ỦY BAN NHÂN DÂN",
 * wider than the lines under it) is the signature cell's first, read after
 * the recipients. */
static void a_centred_signature_above_the_recipients_is_its_cell(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 4; k++)
        put(&p, 85, 60 + 18.5f * (float)k, 12, 0, "Các trường học tổ chức hướng nghiệp, thống kê số học sinh theo học.");
    put(&p, 357, 158, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN");
    put(&p, 85, 176.5f, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p, 378, 176.5f, 12, VN_PDF_BOLD, "KT. CHỦ TỊCH");
    put(&p, 85, 195, 12, 0, "- UBND tỉnh (b/c);");
    put(&p, 378, 195, 12, VN_PDF_BOLD, "PHÓ CHỦ TỊCH");
    put(&p, 85, 213.5f, 12, 0, "- TT Đảng ủy, TT HĐND xã;");
    put(&p, 85, 232, 12, 0, "- Các trường học;");
    put(&p, 85, 250.5f, 12, 0, "- Lưu: VT.");
    put(&p, 375, 269, 12, VN_PDF_BOLD, "Hoàng Văn Quý");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long capacity = find(&s, "TM. ỦY BAN NHÂN DÂN"), archive = find(&s, "- Lưu: VT.");
    ok(capacity >= 0 && (flags_of(&s, capacity) & VN_SRC_CELL) && s.lines[capacity].cell == 2,
       "the signature's first line is its cell's");
    ok(archive >= 0 && capacity > archive, "read after the recipients");
    vn_source_free(&s);
}

/* The recipients, each opened by "-", in a cell narrower than margin to
 * gutter: "- Chủ tịch, các Phó Chủ tịch" / "UBND tỉnh;" wrapped well before
 * the gutter, though "UBND" would fit there.  The line with no mark goes on
 * the item above it. */
static void a_recipient_wrapped_in_a_narrow_cell_goes_on(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 4; k++)
        put(&p, 85, 200 + 18.5f * (float)k, 12, 0, "Các sở, ngành báo cáo gửi Sở Giáo dục và Đào tạo để tổng hợp./.");
    put(&p, 85, 300, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p, 357, 300, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN");
    put(&p, 85, 318.5f, 12, 0, "- Chủ tịch, các Phó Chủ tịch");
    put(&p, 378, 318.5f, 12, VN_PDF_BOLD, "KT. CHỦ TỊCH");
    put(&p, 85, 337, 12, 0, "UBND tỉnh;");
    put(&p, 378, 337, 12, VN_PDF_BOLD, "PHÓ CHỦ TỊCH");
    put(&p, 85, 355.5f, 12, 0, "- Các sở, ban, ngành;");
    put(&p, 85, 374, 12, 0, "- Lưu: VT, KGVX.");
    put(&p, 369, 411, 12, VN_PDF_BOLD, "Trần Thanh Nhàn");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long first = find(&s, "- Chủ tịch");
    is_str(line(&s, first), "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "the recipient's rest goes on its line");
    ok(find(&s, "UBND tỉnh;") < 0, "no line of its own");
    vn_source_free(&s);
}

/* The closing's table kept as pandoc's text, its bottom border
 * ("+------+------+") cut at the signature cell's edge and by the page
 * break: "+------" ends the page under the signer's name, "+------+" opens
 * the next under its running header.  The two pieces are one border. */
static void a_border_cut_by_the_page_break_is_one_line(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int k = 0; k < 30; k++)
        put(&p[0], 60, 60 + 18 * (float)k, 12, 0, "Các đơn vị triển khai thực hiện Kế hoạch này theo quy định.");
    put(&p[0], 60, 620, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p[0], 330, 620, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN");
    put(&p[0], 60, 638, 12, 0, "- UBND tỉnh (b/c);");
    put(&p[0], 330, 638, 12, VN_PDF_BOLD, "CHỦ TỊCH");
    put(&p[0], 60, 656, 12, 0, "- Lưu: VT, VHXH.");
    put(&p[0], 330, 656, 12, VN_PDF_BOLD, "Lâm Thị Ngọc Hân");
    put(&p[0], 330, 674, 12, VN_PDF_BOLD, "+------------------");
    put(&p[0], 290, 730, 12, 0, "1");
    put_spaced(&p[1], 150, 40, 10, 0, "Ủy ban nhân dân xã An Phú", 0.25f);
    put(&p[1], 330, 80, 12, VN_PDF_BOLD, "+------------------+");
    put(&p[1], 290, 730, 12, 0, "2");
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long border = find(&s, "+------------------+------------------+");
    ok(border >= 0 && s.lines[border].cell == 2, "the border's two pieces are one line of the signature's cell");
    size_t pieces = 0;
    for (size_t i = 0; i < s.nlines; i++)
        pieces += strchr(line(&s, i), '+') != NULL;
    is_long((long)pieces, 1, "no piece stands alone");
    vn_source_free(&s);
}

/* The closing's recipients cut by the page break in the middle of one that
 * wrapped in its cell: "• Chủ tịch, các PCT UBND" ends the left cell at the
 * page's foot, "phường;" opens the cell's rest under the next page's
 * running header.  The item ended no sentence, the piece opens with no
 * mark: the item's words go on, one line of the left cell. */
static void a_recipient_cut_by_the_page_break_goes_on(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int k = 0; k < 30; k++)
        put(&p[0], 60, 60 + 18 * (float)k, 12, 0, "Các đơn vị triển khai thực hiện Kế hoạch này theo quy định.");
    put(&p[0], 60, 620, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p[0], 330, 620, 12, VN_PDF_BOLD, "TL. CHỦ TỊCH");
    put(&p[0], 60, 638, 12, 0, "• UBND tỉnh (b/c);");
    put(&p[0], 330, 638, 12, VN_PDF_BOLD, "CHÁNH VĂN PHÒNG");
    put(&p[0], 60, 656, 12, 0, "• Chủ tịch, các PCT UBND");
    put(&p[0], 330, 674, 12, VN_PDF_BOLD, "Hồ Thị Mỹ Duyên");
    put(&p[0], 290, 730, 12, 0, "2");
    put_spaced(&p[1], 150, 40, 10, 0, "Ủy ban nhân dân phường An Phú", 0.25f);
    put(&p[1], 60, 80, 12, 0, "phường;");
    put(&p[1], 60, 98, 12, 0, "• Lưu: VT, VHXH.");
    put(&p[1], 290, 730, 12, 0, "3");
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long item = find(&s, "• Chủ tịch");
    ok(item >= 0 && strcmp(line(&s, item), "• Chủ tịch, các PCT UBND phường;") == 0 && s.lines[item].cell == 1,
       "the recipient's rest goes on its line of the left cell: %s", item >= 0 ? line(&s, item) : "");
    ok(find(&s, "phường;") < 0, "no line of its own");
    long last = find(&s, "• Lưu: VT");
    ok(last > item && s.lines[last].cell == 1, "the next recipient a line of its own");
    vn_source_free(&s);
}

/* A table row split by the page break, its rest right under the running
 * header, the next row far below it (cells spaced 1.5 lines with 6 pt
 * around each paragraph, as Nghị định 30/2020 asks): the rest goes on with
 * its row; only the running header stands apart. */
static void a_row_rest_under_the_running_header_goes_on(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int k = 0; k < 3; k++)
        put_spaced(&p[0], 60, 60 + 18 * (float)k, 12, 0, "Các chỉ tiêu chủ yếu của tỉnh đến năm 2030 như sau đây:", 0.25f);
    put_spaced(&p[0], 60, 130, 12, VN_PDF_BOLD, "TT", 0.25f);
    put_spaced(&p[0], 100, 130, 12, VN_PDF_BOLD, "Chỉ tiêu", 0.25f);
    put_spaced(&p[0], 360, 130, 12, VN_PDF_BOLD, "Đơn vị", 0.25f);
    put_spaced(&p[0], 460, 130, 12, VN_PDF_BOLD, "Năm 2030", 0.25f);
    put_spaced(&p[0], 60, 164, 12, 0, "1", 0.25f);
    put_spaced(&p[0], 100, 164, 12, 0, "Tỷ lệ người học các ngành", 0.25f);
    put_spaced(&p[0], 100, 186, 12, 0, "STEM của tỉnh", 0.25f);
    put_spaced(&p[0], 360, 164, 12, 0, "%", 0.25f);
    put_spaced(&p[0], 460, 164, 12, 0, "35", 0.25f);
    put_spaced(&p[0], 60, 220, 12, 0, "2", 0.25f);
    put_spaced(&p[0], 100, 220, 12, 0, "Số người tốt nghiệp CNTT và", 0.25f);
    put_spaced(&p[0], 360, 220, 12, 0, "Người/năm", 0.25f);
    put_spaced(&p[0], 460, 220, 12, 0, "3.000", 0.25f);
    put_spaced(&p[1], 150, 40, 10, 0, "ỦY BAN NHÂN DÂN TỈNH - Số 248/KH-UBND", 0.25f);
    put_spaced(&p[1], 100, 100, 12, 0, "truyền thông", 0.25f);
    put_spaced(&p[1], 60, 134, 12, 0, "3", 0.25f);
    put_spaced(&p[1], 100, 134, 12, 0, "Số người tốt nghiệp các chương", 0.25f);
    put_spaced(&p[1], 100, 156, 12, 0, "trình về trí tuệ nhân tạo", 0.25f);
    put_spaced(&p[1], 360, 134, 12, 0, "Người/năm", 0.25f);
    put_spaced(&p[1], 460, 134, 12, 0, "300", 0.25f);
    put_spaced(&p[1], 60, 190, 12, 0, "4", 0.25f);
    put_spaced(&p[1], 100, 190, 12, 0, "Số nhóm nghiên cứu mạnh", 0.25f);
    put_spaced(&p[1], 360, 190, 12, 0, "Nhóm", 0.25f);
    put_spaced(&p[1], 460, 190, 12, 0, "8", 0.25f);
    for (int k = 0; k < 5; k++)
        put_spaced(&p[1], 60, 240 + 18 * (float)k, 12, 0,
                   "Nguồn nhân lực công nghệ cao của tỉnh đủ về số lượng và chất lượng, là", 0.25f);
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long two = find(&s, "2\t");
    is_str(line(&s, two), "2\tSố người tốt nghiệp CNTT và truyền thông\tNgười/năm\t3.000",
           "the row's rest on the next page goes on with it");
    ok(find(&s, "truyền thông") < 0, "no paragraph of its own");
    vn_source_free(&s);
}

/* A task table's row cut by the page break after "Quý" in its time column:
 * the rest ("IV/2025", a quarter's Roman number before its year) is a
 * number's capitals, no new row's, and goes on with the row. */
static void a_quarter_cut_by_the_page_break_goes_on(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int k = 0; k < 3; k++)
        put_spaced(&p[0], 60, 60 + 18 * (float)k, 12, 0, "Các nhiệm vụ trọng tâm của tỉnh đến năm 2030 như sau đây:", 0.25f);
    put_spaced(&p[0], 60, 130, 12, VN_PDF_BOLD, "TT", 0.25f);
    put_spaced(&p[0], 100, 130, 12, VN_PDF_BOLD, "Nhiệm vụ", 0.25f);
    put_spaced(&p[0], 360, 130, 12, VN_PDF_BOLD, "Chủ trì", 0.25f);
    put_spaced(&p[0], 460, 130, 12, VN_PDF_BOLD, "Thời gian", 0.25f);
    put_spaced(&p[0], 60, 164, 12, 0, "1", 0.25f);
    put_spaced(&p[0], 100, 164, 12, 0, "Tỷ lệ người học các ngành", 0.25f);
    put_spaced(&p[0], 360, 164, 12, 0, "Các sở", 0.25f);
    put_spaced(&p[0], 100, 186, 12, 0, "STEM của tỉnh", 0.25f);
    put_spaced(&p[0], 460, 164, 12, 0, "Hằng năm", 0.25f);
    put_spaced(&p[0], 60, 220, 12, 0, "2", 0.25f);
    put_spaced(&p[0], 100, 220, 12, 0, "Số người tốt nghiệp CNTT và", 0.25f);
    put_spaced(&p[0], 360, 220, 12, 0, "Sở Nội", 0.25f);
    put_spaced(&p[0], 460, 220, 12, 0, "Quý", 0.25f);
    put_spaced(&p[1], 150, 40, 10, 0, "ỦY BAN NHÂN DÂN TỈNH - Số 156/KH-UBND", 0.25f);
    put_spaced(&p[1], 100, 100, 12, 0, "truyền thông", 0.25f);
    put_spaced(&p[1], 360, 100, 12, 0, "vụ", 0.25f);
    put_spaced(&p[1], 460, 100, 12, 0, "IV/2025", 0.25f);
    put_spaced(&p[1], 60, 134, 12, 0, "3", 0.25f);
    put_spaced(&p[1], 100, 134, 12, 0, "Số người tốt nghiệp các chương", 0.25f);
    put_spaced(&p[1], 100, 156, 12, 0, "trình về trí tuệ nhân tạo", 0.25f);
    put_spaced(&p[1], 360, 134, 12, 0, "Sở Tài chính", 0.25f);
    put_spaced(&p[1], 460, 134, 12, 0, "2026 - 2028", 0.25f);
    for (int k = 0; k < 5; k++)
        put_spaced(&p[1], 60, 190 + 18 * (float)k, 12, 0,
                   "Nguồn nhân lực công nghệ cao của tỉnh đủ về số lượng và chất lượng, là", 0.25f);
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    is_str(line(&s, find(&s, "2\t")), "2\tSố người tốt nghiệp CNTT và truyền thông\tSở Nội vụ\tQuý IV/2025",
           "the row's rest, its quarter in capitals, goes on with it");
    ok(find(&s, "\ttruyền thông") < 0, "no row of its own");
    vn_source_free(&s);
}

/* Text spaced 1.5 lines (24 pt) on a page of one-line paragraphs 30 pt
 * apart (a closing's recipients, each a paragraph): the commonest step is
 * the paragraphs'.  The page's own number, 20.5 pt under the last line of
 * a wrapped paragraph, stands a line's spacing of the page under the text,
 * measured by its closest lines: it is the page number. */
static void a_page_number_under_one_line_paragraphs_is_furniture(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    float y = 100;
    for (int k = 0; k < 2; k++, y += 24)
        put_spaced(&p, 60, y, 12, 0, "Trên đây là Kế hoạch thực hiện Quyết định số 1002/QĐ-TTg của Thủ tướng", 0.25f);
    for (int k = 0; k < 16; k++, y += 30)
        put_spaced(&p, 60, y, 12, 0, "Các sở, ban, ngành tỉnh thực hiện.", 0.25f);
    put_spaced(&p, 60, y, 12, 0, "Các cơ quan, đơn vị triển khai thực hiện nhiệm vụ được giao theo kế hoạch", 0.25f);
    put_spaced(&p, 60, y + 24, 12, 0, "đúng thời hạn.", 0.25f);
    put_spaced(&p, 290, y + 24 + 20.5f, 10, 0, "4", 0.25f);
    vn_pdf_layout L;
    vn_pdf_layout_init(&L);
    vn_source s;
    memset(&s, 0, sizeof s);
    vn_pdf_layout_page(&L, 4, p.g, p.n);
    vn_pdf_layout_finish(&L, &s);
    vn_pdf_layout_free(&L);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long four = -1;
    for (size_t i = 0; i < s.nlines; i++) {
        const char *t = line(&s, i);
        while (*t == ' ')
            t++;
        if (t[0] == '4' && t[1] == '\0')
            four = (long)i;
    }
    ok(four >= 0 && (flags_of(&s, four) & VN_SRC_FURNITURE), "the page's own number is furniture");
    vn_source_free(&s);
}

/* A targets table in cells spaced 1.5 lines, its header two rows high and
 * each row wrapped ("Đơn vị" / "tính"; "Năm" / "2027" under "Mục tiêu",
 * merged over the years), and under it, as on the page where
 * Word repeats the header, a row with no number ("Trong đó: …") before the
 * first numbered one: five lines above that row.  The merged cell hides no
 * stripe: each year is a column of its own. */
static void a_header_of_four_lines_keeps_its_merged_cell(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 88, 40 + 24 * (float)k, 12, 0, "Phấn đấu đạt các chỉ tiêu chủ yếu của tỉnh đến năm 2030 như sau đây:", 0.25f);
    put_spaced(&p, 88, 110, 12, VN_PDF_BOLD, "TT", 0.25f);
    put_spaced(&p, 120, 110, 12, VN_PDF_BOLD, "Chỉ tiêu", 0.25f);
    put_spaced(&p, 346, 110, 12, VN_PDF_BOLD, "Đơn vị", 0.25f);
    put_spaced(&p, 442, 110, 12, VN_PDF_BOLD, "Mục", 0.25f);
    put_spaced(&p, 467, 110, 12, VN_PDF_BOLD, "tiêu", 0.25f);
    put_spaced(&p, 355, 134, 12, VN_PDF_BOLD, "tính", 0.25f);
    put_spaced(&p, 423, 147, 12, VN_PDF_BOLD, "Năm", 0.25f);
    put_spaced(&p, 488, 147, 12, VN_PDF_BOLD, "Năm", 0.25f);
    put_spaced(&p, 423, 171, 12, VN_PDF_BOLD, "2027", 0.25f);
    put_spaced(&p, 488, 171, 12, VN_PDF_BOLD, "2030", 0.25f);
    put_spaced(&p, 120, 207, 12, 0, "Trong đó: nghiên cứu sinh", 0.25f);
    put_spaced(&p, 346, 207, 12, 0, "Người", 0.25f);
    put_spaced(&p, 424, 207, 12, 0, "-", 0.25f);
    put_spaced(&p, 489, 207, 12, 0, "200", 0.25f);
    put_spaced(&p, 94, 243, 12, VN_PDF_BOLD, "II", 0.25f);
    put_spaced(&p, 120, 243, 12, VN_PDF_BOLD, "Cơ cấu đội ngũ trí thức", 0.25f);
    put_spaced(&p, 94, 279, 12, 0, "3", 0.25f);
    put_spaced(&p, 120, 279, 12, 0, "Tỷ lệ trí thức trong các", 0.25f);
    put_spaced(&p, 120, 303, 12, 0, "ngành công nghệ cao", 0.25f);
    put_spaced(&p, 346, 279, 12, 0, "%", 0.25f);
    put_spaced(&p, 424, 279, 12, 0, "15", 0.25f);
    put_spaced(&p, 489, 279, 12, 0, "20", 0.25f);
    put_spaced(&p, 94, 339, 12, 0, "4", 0.25f);
    put_spaced(&p, 120, 339, 12, 0, "Tỷ lệ phụ nữ làm việc", 0.25f);
    put_spaced(&p, 346, 339, 12, 0, "%", 0.25f);
    put_spaced(&p, 424, 339, 12, 0, "35", 0.25f);
    put_spaced(&p, 489, 339, 12, 0, "40", 0.25f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long head = find(&s, "TT\t");
    is_str(line(&s, head), "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu\t", "the header's first row, its merged cell");
    is_str(line(&s, head + 1), "\t\t\tNăm 2027\tNăm 2030", "its second row, the years under it");
    is_str(line(&s, find(&s, "3\t")), "3\tTỷ lệ trí thức trong các ngành công nghệ cao\t%\t15\t20",
           "each year a column of its own");
    is_str(line(&s, find(&s, "\tTrong đó")), "\tTrong đó: nghiên cứu sinh\tNgười\t-\t200", "the unnumbered row too");
    vn_source_free(&s);
}

/* A table set as LaTeX sets pandoc's (longtable): one rule, under the
 * header, and none between the rows, whose lines follow at the cells'
 * spacing.  The one wider step is no rule between rows: the rows are told
 * by their numbers, and the unnumbered "Trong đó" row by its cells starting
 * again in the year columns after a line that left them empty. */
static void a_table_with_one_rule_tells_its_rows_by_their_cells(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 88, 40 + 12 * (float)k, 10, 0, "Các chỉ tiêu chủ yếu đến năm 2030 và năm 2035 của thành phố như sau:", 0.25f);
    put_spaced(&p, 88, 90, 10, VN_PDF_BOLD, "TT", 0.25f);
    put_spaced(&p, 120, 90, 10, VN_PDF_BOLD, "Chỉ tiêu", 0.25f);
    put_spaced(&p, 380, 90, 10, VN_PDF_BOLD, "Năm", 0.25f);
    put_spaced(&p, 440, 90, 10, VN_PDF_BOLD, "Năm", 0.25f);
    put_spaced(&p, 380, 102, 10, VN_PDF_BOLD, "2030", 0.25f);
    put_spaced(&p, 440, 102, 10, VN_PDF_BOLD, "2035", 0.25f);
    /* the rule under the header: 4 pt more */
    put_spaced(&p, 88, 118, 10, 0, "1", 0.25f);
    put_spaced(&p, 120, 118, 10, 0, "Tỷ lệ người học theo học các ngành STEM ở", 0.25f);
    put_spaced(&p, 380, 118, 10, 0, "35", 0.25f);
    put_spaced(&p, 440, 118, 10, 0, "40", 0.25f);
    put_spaced(&p, 120, 130, 10, 0, "mỗi trình độ đào tạo", 0.25f);
    put_spaced(&p, 120, 142, 10, 0, "Trong đó: thuộc các ngành khoa học cơ bản", 0.25f);
    put_spaced(&p, 380, 142, 10, 0, "2,5", 0.25f);
    put_spaced(&p, 440, 142, 10, 0, "3", 0.25f);
    put_spaced(&p, 88, 154, 10, 0, "2", 0.25f);
    put_spaced(&p, 120, 154, 10, 0, "Tỷ lệ chương trình đào tạo tích hợp", 0.25f);
    put_spaced(&p, 380, 154, 10, 0, "100", 0.25f);
    put_spaced(&p, 120, 166, 10, 0, "trí tuệ nhân tạo", 0.25f);
    put_spaced(&p, 88, 178, 10, 0, "3", 0.25f);
    put_spaced(&p, 120, 178, 10, 0, "Số người tốt nghiệp về trí tuệ nhân tạo", 0.25f);
    put_spaced(&p, 380, 178, 10, 0, "250", 0.25f);
    put_spaced(&p, 440, 178, 10, 0, "450", 0.25f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    is_str(line(&s, find(&s, "1\t")), "1\tTỷ lệ người học theo học các ngành STEM ở mỗi trình độ đào tạo\t35\t40",
           "a numbered row and its wrapped line");
    is_str(line(&s, find(&s, "\tTrong đó")), "\tTrong đó: thuộc các ngành khoa học cơ bản\t2,5\t3",
           "an unnumbered row: its cells start again under a line that left them empty");
    is_str(line(&s, find(&s, "2\t")), "2\tTỷ lệ chương trình đào tạo tích hợp trí tuệ nhân tạo\t100\t",
           "the next numbered row");
    is_str(line(&s, find(&s, "3\t")), "3\tSố người tốt nghiệp về trí tuệ nhân tạo\t250\t450", "and the last");
    vn_source_free(&s);
}

/* Numbers wrapped in narrow year columns at the foot of a page, their last
 * pieces a line of their own ("2." / "00" / "0", "2." / "50" / "0"): that
 * line of two numbers a cell's gap apart is no page number. */
static void numbers_wrapped_at_the_foot_are_no_page_number(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 30; k++)
        put_spaced(&p, 60, 60 + 18 * (float)k, 12, 0, "Phát triển nguồn nhân lực khoa học, công nghệ của tỉnh.", 0.25f);
    float y = 620;
    put_spaced(&p, 60, y, 12, VN_PDF_BOLD, "TT", 0.25f);
    put_spaced(&p, 100, y, 12, VN_PDF_BOLD, "Chỉ tiêu", 0.25f);
    put_spaced(&p, 330, y, 12, VN_PDF_BOLD, "2027", 0.25f);
    put_spaced(&p, 400, y, 12, VN_PDF_BOLD, "2029", 0.25f);
    y += 20;
    put_spaced(&p, 60, y, 12, 0, "3", 0.25f);
    put_spaced(&p, 100, y, 12, 0, "Doanh nghiệp khoa học và công nghệ", 0.25f);
    put_spaced(&p, 330, y, 12, 0, "40", 0.25f);
    put_spaced(&p, 400, y, 12, 0, "50", 0.25f);
    y += 20;
    put_spaced(&p, 60, y, 12, 0, "4", 0.25f);
    put_spaced(&p, 100, y, 12, 0, "Người được bồi dưỡng kỹ năng số", 0.25f);
    put_spaced(&p, 330, y, 12, 0, "2.", 0.25f);
    put_spaced(&p, 330, y + 14, 12, 0, "00", 0.25f);
    put_spaced(&p, 330, y + 28, 12, 0, "0", 0.25f);
    put_spaced(&p, 400, y, 12, 0, "2.", 0.25f);
    put_spaced(&p, 400, y + 14, 12, 0, "50", 0.25f);
    put_spaced(&p, 400, y + 28, 12, 0, "0", 0.25f);
    put_spaced(&p, 290, y + 90, 12, 0, "2", 0.25f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long four = find(&s, "4\t");
    is_str(line(&s, four), "4\tNgười được bồi dưỡng kỹ năng số\t2.000\t2.500", "each number whole");
    vn_source_free(&s);
}

/* Text spaced 1.5 lines (22 pt) that fills its pages: the page number
 * stands 26 pt under the last line, more than a line's spacing, less than
 * a paragraph's gap.  It is a page number all the same. */
static void a_page_number_under_spaced_text_is_furniture(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 30; k++)
            put_spaced(&p[i], 60, 100 + 22 * (float)k, 12, 0,
                       "Các cơ quan, đơn vị triển khai thực hiện nhiệm vụ được giao theo kế hoạch", 0.25f);
        put_spaced(&p[i], 290, 100 + 22 * 29 + 26, 12, 0, i ? "2" : "1", 0.25f);
    }
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    size_t numbers = 0;
    for (size_t i = 0; i < s.nlines; i++) {
        const char *t = line(&s, i);
        while (*t == ' ')
            t++;
        if ((t[0] == '1' || t[0] == '2') && t[1] == '\0')
            numbers += (s.lines[i].flags & VN_SRC_FURNITURE) != 0;
    }
    is_long((long)numbers, 2, "both page numbers are furniture");
    vn_source_free(&s);
}

/* A targets table set smaller than the body ends the page: its rows open
 * with their number like a note at the foot, and a row whose cells are full
 * stands its cells closer than a column gap (the words of "Khoảng 50" close
 * to "Người/năm"); they are the table's rows, not footnotes. */
static void a_table_ending_the_page_is_no_footnote(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 30; k++)
        put(&p, 60, 100 + 15 * (float)k, 14, 0,
            "Phát triển nguồn nhân lực các ngành khoa học, công nghệ của tỉnh.");
    float y = 600;
    put(&p, 60, y, 12, VN_PDF_BOLD, "TT");
    put(&p, 100, y, 12, VN_PDF_BOLD, "Chỉ tiêu");
    put(&p, 330, y, 12, VN_PDF_BOLD, "Đơn vị");
    put(&p, 420, y, 12, VN_PDF_BOLD, "Năm 2030");
    y += 20;
    put(&p, 60, y, 12, 0, "1");
    put(&p, 100, y, 12, 0, "Tỷ lệ người học STEM");
    put(&p, 330, y, 12, 0, "%");
    put(&p, 420, y, 12, 0, "35");
    y += 20;
    put(&p, 60, y, 12, 0, "2");
    put(&p, 100, y, 12, 0, "Số người tốt nghiệp AI");
    put(&p, 330, y, 12, 0, "Người/năm");
    put(&p, 392, y, 12, 0, "Khoảng 50");
    vn_source s;
    lay_out(&s, &p, 1);
    long one = find(&s, "1\t"), two = find(&s, "2\t");
    is_str(line(&s, one), "1\tTỷ lệ người học STEM\t%\t35", "a row at the foot of the page is a row");
    is_str(line(&s, two), "2\tSố người tốt nghiệp AI\tNgười/năm\tKhoảng 50",
           "so is the last, its cells close");
    ok(!(flags_of(&s, one) & VN_SRC_FOOTNOTE) && !(flags_of(&s, two) & VN_SRC_FOOTNOTE),
       "neither is a footnote");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* Two recipients in 11 pt beside "PHÓ CHỦ TỊCH" in 14 pt, which straddles
 * both: each recipient stays a line of its own, never interleaved with the
 * other letter by letter. */
static void stacked_small_lines_beside_a_taller_one_stay_apart(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 14, 0, "Trong quá trình thực hiện, báo cáo Ủy ban nhân dân tỉnh./.");
    put(&p, 60, 140, 11, 0, "- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);");
    put(&p, 60, 152, 11, 0, "- Chủ tịch, các PCT UBND tỉnh;");
    put(&p, 340, 146.9f, 14, VN_PDF_BOLD, "PHÓ CHỦ TỊCH");
    vn_source s;
    lay_out(&s, &p, 1);
    long a = find(&s, "- TT. Tỉnh"), b = find(&s, "- Chủ tịch");
    ok(a >= 0 && strstr(line(&s, a), "(b/c);") != NULL && !strstr(line(&s, a), "Chủ"),
       "the first recipient whole");
    ok(b > a && strstr(line(&s, b), "PCT UBND tỉnh;") != NULL, "the second on a line of its own");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* ---- a second producer's layout (Chromium's print to PDF: ragged text, HTML tables) ------ */

/* A letter from a font with no name (a Type 3 font's procedures) has a box
 * taller than its line and no bold in its name: it takes its neighbours'. */
static void a_glyph_of_a_font_with_no_name_takes_its_neighbours(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 18, VN_PDF_BOLD, "1. Mục đích");
    for (size_t i = 0; i < p.n; i++)
        if (p.g[i].cp == 0x1EE5) { /* "ụ" */
            p.g[i].font = VN_PDF_UNNAMED;
            p.g[i].y0 -= 4.5f, p.g[i].y1 += 4.5f;
        }
    put(&p, 60, 127, 12, 0, "Triển khai nghiêm túc, đồng bộ, hiệu quả Quyết định số 1002/QĐ-TTg.");
    vn_pdf_settle_unnamed(p.g, p.n);
    vn_source s;
    lay_out(&s, &p, 1);
    long h = find(&s, "1.");
    ok(h >= 0 && !strstr(line(&s, h), "¹"), "its line's number is no raised footnote mark");
    ok(flags_of(&s, h) & VN_SRC_BOLD, "its line is all bold");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void a_wrapped_heading_in_large_type_goes_on(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* body in 12 pt, 18 pt apart, ragged; a heading in 18 pt bold, 27 pt apart */
    float y = 100;
    for (int i = 0; i < 4; i++, y += 18)
        put(&p, 60, y, 12, 0,
            i == 3 ? "nhập quốc tế sâu rộng." : "Triển khai nghiêm túc, đồng bộ, hiệu quả các việc");
    put(&p, 60, y + 30, 18, VN_PDF_BOLD, "III. NHIỆM VỤ TRỌNG TÂM VÀ GIẢI");
    put(&p, 60, y + 57, 18, VN_PDF_BOLD, "PHÁP CHỦ YẾU");
    put(&p, 60, y + 87, 12, 0, "Phổ biến, quán triệt nội dung Kế hoạch này đến cán bộ, giảng viên.");
    vn_source s;
    lay_out(&s, &p, 1);
    long a = find(&s, "III."), b = find(&s, "PHÁP");
    ok(a >= 0 && b == a + 1, "the heading's two lines");
    ok(!(flags_of(&s, b) & VN_SRC_PARA), "its second line starts no paragraph (spacing of its own type)");
    ok(flags_of(&s, b) & VN_SRC_CONT, "it goes on: the word did not fit on the line above");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

static void notes_gathered_at_the_end_are_footnotes(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    put(&p[0], 60, 100, 12, 0, "Theo Nghị quyết số 42/2025/NQ-HĐND");
    put(&p[0], 276, 95, 7, 0, "1");
    put(&p[0], 290, 100, 12, 0, "của Hội đồng nhân dân tỉnh.");
    put(&p[1], 60, 100, 12, 0, "1. Nghị quyết số 42/2025/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân");
    put(&p[1], 72, 118, 12, 0, "tỉnh quy định chính sách.↩︎");
    vn_source s;
    lay_out(&s, p, 2);
    long note = find(&s, "¹ Nghị quyết số 42");
    ok(note >= 0, "the note opens with its mark, raised");
    ok((flags_of(&s, note) & (VN_SRC_FOOTNOTE | VN_SRC_PARA)) == (VN_SRC_FOOTNOTE | VN_SRC_PARA),
       "a footnote");
    long rest = find(&s, "tỉnh quy định");
    ok(rest == note + 1 && (flags_of(&s, rest) & VN_SRC_FOOTNOTE) && !strstr(line(&s, rest), "↩"),
       "its next line is the note's, without the back-link arrow");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* Cells centred in their height: the issuer's one line half way between the
 * motto's two paragraphs, the number and the date a row under them. */
static void cells_centred_beside_each_other_are_one_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 300, 100, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    put(&p, 66, 115, 12, VN_PDF_BOLD, "BỘ CÔNG THƯƠNG");
    put(&p, 320, 130, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc");
    put(&p, 66, 164.5f, 12, 0, "Số: 6218/KH-BCT");
    put(&p, 300, 164.5f, 12, 0, "Hà Nội, ngày 05 tháng 9 năm 2025");
    for (int i = 0; i < 4; i++)
        put(&p, 60, 200 + 18 * (float)i, 12, 0,
            "Căn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ;");
    vn_source s;
    lay_out(&s, &p, 1);
    long issuer = find(&s, "BỘ CÔNG THƯƠNG"), motto = find(&s, "CỘNG HÒA"), slogan = find(&s, "Độc lập");
    long number = find(&s, "Số: 6218"), place = find(&s, "Hà Nội, ngày");
    ok(issuer >= 0 && motto > issuer && slogan > motto && number > slogan && place > number,
       "issuer, motto, then number and date: two rows");
    ok(issuer >= 0 && s.lines[issuer].cell == 1 && s.lines[motto].cell == 2 && s.lines[number].row == 2,
       "cells of a two-column table");
    ok(slogan == motto + 1 && (flags_of(&s, slogan) & VN_SRC_PARA),
       "the motto's two paragraphs stay two lines");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* A short heading at the margin and an item set in under it ("1. Mục
 * đích"), each in bold, whose middles fall one on the other by chance, off
 * the page's axis: two paragraphs, not a note wrapped in a narrow column. */
static void an_item_under_a_heading_is_no_wrapped_column(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "nhân lực phục vụ phát triển công nghệ cao giai đoạn 2025 - 2035 và");
    put(&p, 60, 118, 12, 0, "định hướng đến năm 2045 trên địa bàn tỉnh như sau:");
    put(&p, 60, 136, 12, VN_PDF_BOLD, "MỤC ĐÍCH, YÊU CẦU");
    put(&p, 78, 154, 12, VN_PDF_BOLD, "1. Mục đích");
    put(&p, 78, 172, 12, 0, "- Triển khai kịp thời các mục tiêu, nhiệm vụ của Đề án trên địa");
    put(&p, 60, 190, 12, 0, "bàn tỉnh, phù hợp với điều kiện và lợi thế của địa phương từng bước.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long head = find(&s, "MỤC ĐÍCH"), item = find(&s, "1. Mục đích");
    ok(head >= 0 && item == head + 1, "the heading, then the item, each a line");
    ok(item >= 0 && !(flags_of(&s, item) & VN_SRC_CONT), "the item does not go on the heading's line");
    vn_source_free(&s);
}

/* LibreOffice and Word centre a table's cells vertically: a one-line cell
 * (the row's number, its values) stands half a line off the lines of a
 * wrapped cell beside it, and so does each line of a two-line cell
 * ("Người/1" / "vạn dân", "Ít nhất" / "250").  Each overlaps two lines of its
 * neighbour in height; the words of two lines must never be interleaved. */
static void a_row_of_cells_centred_vertically_keeps_its_lines(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* as LibreOffice prints 12 pt cells: the glyph boxes (one em here) are
     * taller than the line pitch (0.885 em), and a centred cell stands half
     * a pitch off its neighbour's lines */
    const float pitch = 10.6f, half = pitch / 2;
    /* in a proportional font's spaces (a quarter em): each cell's line is a
     * line of its own, and no space between two of its words is as wide as
     * the padding between two cells */
    float y = 100;
    put_spaced(&p, 60, y, 12, VN_PDF_BOLD, "STT", 0.25f);
    put_spaced(&p, 100, y, 12, VN_PDF_BOLD, "Chỉ tiêu", 0.25f);
    put_spaced(&p, 330, y, 12, VN_PDF_BOLD, "Đơn vị tính", 0.25f);
    put_spaced(&p, 420, y, 12, VN_PDF_BOLD, "Năm 2030", 0.25f);
    y += 3 * pitch;
    put_spaced(&p, 100, y, 12, 0, "Nhân lực nghiên cứu khoa", 0.25f);
    put_spaced(&p, 100, y + pitch, 12, 0, "học, phát triển công nghệ", 0.25f);
    put_spaced(&p, 100, y + 2 * pitch, 12, 0, "toàn thời gian", 0.25f);
    put_spaced(&p, 330, y + half, 12, 0, "Người/1", 0.25f);
    put_spaced(&p, 330, y + pitch + half, 12, 0, "vạn dân", 0.25f);
    put_spaced(&p, 60, y + pitch, 12, 0, "1", 0.25f);
    put_spaced(&p, 420, y + pitch, 12, 0, "12", 0.25f);
    y += 5 * pitch;
    put_spaced(&p, 60, y, 12, 0, "1.1", 0.25f);
    put_spaced(&p, 100, y, 12, 0, "Trong đó: nghiên cứu sinh", 0.25f);
    put_spaced(&p, 330, y, 12, 0, "Người", 0.25f);
    put_spaced(&p, 420, y - half, 12, 0, "Ít nhất", 0.25f);
    put_spaced(&p, 420, y + half, 12, 0, "250", 0.25f);
    put_spaced(&p, 60, y + 4 * pitch, 12, 0, "Các sở, ngành căn cứ chỉ tiêu trên xây dựng kế hoạch của đơn vị.", 0.25f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    /* each cell line whole, on a line of its own or beside its row's other cells */
    static const char *const whole[] = {"Nhân lực nghiên cứu khoa", "học, phát triển công nghệ", "Người/1",
                                        "vạn dân", "Ít nhất", "Trong đó: nghiên cứu sinh"};
    for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
        bool seen = false;
        for (size_t i = 0; i < s.nlines && !seen; i++)
            seen = strstr(line(&s, i), whole[k]) != NULL;
        ok(seen, "\"%s\" whole on a line", whole[k]);
    }
    for (size_t i = 0; i < s.nlines; i++)
        ok(!strstr(line(&s, i), "Nhânhọc") && !strstr(line(&s, i), "Ít250") && !strstr(line(&s, i), "Ngườihọc"),
           "line %zu: no words of two lines interleaved", i);
    /* and each row whole, its cells' lines joined (LibreOffice's boxes, as
     * tall as a line and a half apart, once chained them into one line) */
    long first = find(&s, "1\tNhân lực");
    ok(first >= 0 && strcmp(line(&s, first), "1\tNhân lực nghiên cứu khoa học, phát triển công nghệ toàn thời "
                                          "gian\tNgười/1 vạn dân\t12") == 0,
       "the first row's cells, each whole");
    long part = find(&s, "1.1\tTrong đó");
    ok(part >= 0 && strcmp(line(&s, part), "1.1\tTrong đó: nghiên cứu sinh\tNgười\tÍt nhất 250") == 0,
       "the part row's cells, \"Ít nhất\" / \"250\" one cell");
    vn_source_free(&s);
}

/* A layout that sets its lines at whole points (AbiWord's, printed by Cairo):
 * one cell's lines stand 18 or 17 pt apart as the rounding falls, rows 20 pt
 * apart (the cells' padding, 2 or 3 pt).  The closest two lines are no
 * measure of the cells' spacing there: a line 18 pt under the one above is
 * no new row, and one 20 pt under it is, whatever taller steps (an empty
 * line in the header) say of padding. */
static void lines_at_whole_points_keep_their_cells(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 15, 0, "Các chỉ tiêu cụ thể như sau:");
    float y = 130;
    put(&p, 60, y, 15, VN_PDF_BOLD, "TT");
    put(&p, 90, y, 15, VN_PDF_BOLD, "Chỉ tiêu");
    put(&p, 334, y, 15, VN_PDF_BOLD, "Đơn vị");
    put(&p, 420, y, 15, VN_PDF_BOLD, "Năm 2030");
    y += 38; /* the header row ends in an empty line: no padding measure either */
    put(&p, 60, y, 15, 0, "1");
    put(&p, 90, y, 15, 0, "Tỷ lệ sinh viên học ngành STEM");
    put(&p, 334, y, 15, 0, "%");
    put(&p, 420, y, 15, 0, "≥ 60");
    y += 18;
    put(&p, 90, y, 15, 0, "trên tổng quy mô");
    y += 17;
    put(&p, 90, y, 15, 0, "đào tạo");
    y += 20;
    put(&p, 60, y, 15, 0, "2");
    put(&p, 90, y, 15, 0, "Số sinh viên tốt nghiệp các khóa");
    put(&p, 334, y, 15, 0, "Người/");
    put(&p, 420, y, 15, 0, "800");
    y += 18;
    put(&p, 90, y, 15, 0, "đào tạo về công nghệ thông tin");
    put(&p, 334, y, 15, 0, "năm");
    y += 20;
    put(&p, 60, y, 15, 0, "3");
    put(&p, 90, y, 15, 0, "Số nhóm nghiên cứu mạnh cấp");
    put(&p, 334, y, 15, 0, "Nhóm");
    put(&p, 420, y, 15, 0, "05");
    put(&p, 60, y + 40, 15, 0, "Ngoài các chỉ tiêu trên, Trường phấn đấu có thêm.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    is_str(line(&s, find(&s, "1\t")), "1\tTỷ lệ sinh viên học ngành STEM trên tổng quy mô đào tạo\t%\t≥ 60",
           "a cell's lines 18 and 17 pt apart are one row");
    is_str(line(&s, find(&s, "2\t")),
           "2\tSố sinh viên tốt nghiệp các khóa đào tạo về công nghệ thông tin\tNgười/năm\t800",
           "and the next row starts 20 pt lower");
    vn_source_free(&s);
}

/* Notes set in the body's type, their marks on the baseline (AbiWord applies
 * neither the note's style nor the mark's): the last block of the page,
 * well under the text, opening with a number a word of the text ends with. */
static void notes_in_body_type_are_footnotes(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    put(&p[0], 60, 100, 12, 0, "Thực hiện Nghị quyết số 42/2025/NQ-HĐND1 ngày 10/12/2025");
    put(&p[0], 60, 115, 12, 0, "của HĐND tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch.");
    /* two line heights under the text: a page the text fills leaves no more */
    put(&p[0], 60, 139, 12, 0, "1 Nghị quyết số 42/2025/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh.");
    put(&p[0], 290, 800, 12, 0, "1");
    /* the same foot without the mark in the text: a paragraph, not a note */
    put(&p[1], 60, 100, 12, 0, "Thực hiện Nghị quyết số 42/2025/NQ-HĐND ngày 10/12/2025");
    put(&p[1], 60, 115, 12, 0, "của HĐND tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch.");
    put(&p[1], 60, 139, 12, 0, "2 Tổ chức thực hiện các nhiệm vụ được giao.");
    put(&p[1], 290, 800, 12, 0, "2");
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long note = find(&s, "¹ Nghị quyết số 42/2025/NQ-HĐND ngày");
    ok(note >= 0 && (flags_of(&s, note) & VN_SRC_FOOTNOTE), "a note in body type under a glued mark is a footnote");
    long body = find(&s, "2 Tổ chức thực hiện");
    ok(body >= 0 && !(flags_of(&s, body) & VN_SRC_FOOTNOTE), "a numbered line no word of the text points to is none");
    vn_source_free(&s);
}

/* A motto wrapped over more lines than the issuer beside it, whose two
 * centred lines start below the motto's first (WeasyPrint's header on A4
 * with pandoc's CSS): that first line, alone above the layout, starts where
 * the right column starts and is the motto's, not a line above the header. */
static void a_right_column_line_above_the_layout_is_its_first(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 255, 133, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 100, 148, 12, VN_PDF_BOLD, "BỘ GIÁO DỤC VÀ", 0.3f);
    put_spaced(&p, 255, 151, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 166, 12, VN_PDF_BOLD, "ĐÀO TẠO", 0.3f);
    put_spaced(&p, 255, 181, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 215, 12, 0, "Số: 1582/KH-BGDĐT", 0.3f);
    put_spaced(&p, 255, 215, 12, 0, "Hà Nội, ngày 18 tháng 7 năm 2025", 0.3f);
    /* the text, whose lines are 18 pt apart (12 pt type, line-height 1.5) */
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ",
        "tướng Chính phủ phê duyệt Đề án đào tạo nguồn nhân lực phục vụ",
        "phát triển công nghệ cao giai đoạn 2025 - 2035 và định hướng đến",
        "năm 2045, Bộ Giáo dục và Đào tạo ban hành Kế hoạch như sau:",
    };
    for (int k = 0; k < 4; k++)
        put_spaced(&p, 94, 250 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long issuer = find(&s, "BỘ GIÁO DỤC VÀ"), motto = find(&s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
    ok(issuer == 0, "the issuer's cell comes first");
    ok(motto > issuer && (flags_of(&s, motto) & VN_SRC_CELL) && s.lines[motto].cell == 2 &&
           s.lines[motto].row == 1 && find(&s, "VIỆT NAM") == motto + 1,
       "the motto's first line opens the right cell of the first row");
    vn_source_free(&s);
}

/* A recipient wrapped in its cell right after a slash ("(để b/" / "c);"):
 * the line broke where no space was typed, so the cell's line goes on with
 * none. */
static void a_cell_wrapped_after_a_slash_goes_on_with_no_space(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    static const char *const text[] = {
        "Các đơn vị căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị; báo",
        "cáo kết quả thực hiện về Bộ trước ngày 15/12 hằng năm.",
    };
    for (int k = 0; k < 2; k++)
        put_spaced(&p, 94, 100 + 18 * (float)k, 12, 0, text[k], 0.3f);
    put_spaced(&p, 100, 160, 11, VN_PDF_BOLD, "Nơi nhận:", 0.3f);
    put_spaced(&p, 330, 160, 12, VN_PDF_BOLD, "KT. BỘ TRƯỞNG", 0.3f);
    put_spaced(&p, 100, 176, 11, 0, "- Như trên;", 0.3f);
    put_spaced(&p, 330, 178, 12, VN_PDF_BOLD, "THỨ TRƯỞNG", 0.3f);
    put_spaced(&p, 100, 192, 11, 0, "- Thủ tướng Chính phủ (để b/", 0.3f);
    put_spaced(&p, 100, 208, 11, 0, "c);", 0.3f);
    put_spaced(&p, 100, 224, 11, 0, "- Lưu: VT.", 0.3f);
    put_spaced(&p, 330, 250, 12, VN_PDF_BOLD, "Trần Văn Khải", 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long item = find(&s, "- Thủ tướng Chính phủ");
    ok(item >= 0 && strcmp(line(&s, item), "- Thủ tướng Chính phủ (để b/c);") == 0 &&
           (flags_of(&s, item) & VN_SRC_CELL),
       "the recipient wrapped after its slash is one word again: %s", item >= 0 ? line(&s, item) : "");
    vn_source_free(&s);
}

/* The closing's first row alone at a page's foot ("Nơi nhận:" | "TM. ỦY
 * BAN NHÂN DÂN"), its cells going on at the top of the next page (the
 * recipients; "CHỦ TỊCH" and the signer's name beside them, the signature
 * cell centred in its row, WeasyPrint breaking the row across the pages):
 * the row is the layout's first, read as cells, once the next page shows its
 * right column going on.  A recipient long enough to close the gutter up is
 * split where that column starts.  One line with a wide gap at a page's foot
 * that the next page does not go on stays text. */
static void a_closing_row_cut_by_the_page_break_goes_on(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    static const char *const text[] = {
        "Yêu cầu các cơ quan, đơn vị, thôn, xóm triển khai thực hiện",
        "nghiêm túc Kế hoạch này; trong quá trình thực hiện có vướng",
        "mắc, báo cáo Ủy ban nhân dân xã để xem xét, giải quyết./.",
    };
    for (int k = 0; k < 3; k++)
        put(&p[0], 94, 600 + 18 * (float)k, 12, 0, text[k]);
    put(&p[0], 100, 680, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p[0], 290, 680, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN");
    put(&p[1], 100, 80, 12, 0, "- UBND tỉnh (b/c);");
    put(&p[1], 100, 98, 12, 0, "- Sở Khoa học và Công nghệ;");
    put(&p[1], 100, 116, 12, 0, "- Ủy ban MTTQ Việt Nam xã, các");
    put(&p[1], 290, 118, 12, VN_PDF_BOLD, "CHỦ TỊCH");
    put(&p[1], 100, 134, 12, 0, "tổ chức chính trị - xã hội;");
    put(&p[1], 100, 152, 12, 0, "- Lưu: VT.");
    put(&p[1], 290, 150, 12, VN_PDF_BOLD, "Hồ Văn Quang");
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long to = find(&s, "Nơi nhận:"), cap = find(&s, "TM. ỦY BAN"), chair = find(&s, "CHỦ TỊCH");
    long front = find(&s, "- Ủy ban MTTQ"), name = find(&s, "Hồ Văn Quang");
    ok(to >= 0 && strcmp(line(&s, to), "Nơi nhận:") == 0 && (flags_of(&s, to) & VN_SRC_CELL) &&
           s.lines[to].cell == 1,
       "the recipients' cell at the page's foot: %s", to >= 0 ? line(&s, to) : "");
    ok(cap > to && (flags_of(&s, cap) & VN_SRC_CELL) && s.lines[cap].cell == 2,
       "the signature's first line is the right cell of that row");
    ok(chair > 0 && strcmp(line(&s, chair), "CHỦ TỊCH") == 0 && s.lines[chair].cell == 2 && name > chair &&
           s.lines[name].cell == 2,
       "on the next page the signature goes on in its column");
    ok(front > 0 && strstr(line(&s, front), "CHỦ") == NULL && s.lines[front].cell == 1,
       "a recipient closing the gutter up is split where the right column starts: %s",
       front >= 0 ? line(&s, front) : "");
    vn_source_free(&s);

    /* a line with a wide gap ending a page whose next page is text: no row */
    memset(p, 0, sizeof p);
    for (int k = 0; k < 3; k++)
        put(&p[0], 94, 600 + 18 * (float)k, 12, 0, text[k]);
    put(&p[0], 100, 680, 12, VN_PDF_BOLD, "Điều 3.");
    put(&p[0], 290, 680, 12, VN_PDF_BOLD, "Hiệu lực thi hành");
    for (int k = 0; k < 3; k++)
        put(&p[1], 94, 80 + 18 * (float)k, 12, 0, text[k]);
    lay_out(&s, p, 2);
    long art = find(&s, "Điều 3.");
    ok(art >= 0 && !(flags_of(&s, art) & VN_SRC_CELL) && strstr(line(&s, art), "Hiệu lực") != NULL,
       "a line with a wide gap the next page does not go on stays text: %s", art >= 0 ? line(&s, art) : "");
    vn_source_free(&s);
}

/* A closing whose two cells are centred in their row (WeasyPrint's HTML
 * table): the signature, shorter, stands half a line off the recipients
 * beside it, and the recipients' first and last paragraphs have nothing
 * beside them.  They stand as far apart as the recipients' paragraphs do
 * beside the signature, so they are the left column's lines above and
 * under the layout, not text. */
static void recipients_above_and_under_a_centred_signature_are_its_column(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 8; k++)
        put(&p, 94, 100 + 18 * (float)k, 12, 0, "Các cơ quan, đơn vị, địa phương kịp thời phản ánh về Sở Giáo dục");
    put(&p, 100, 280, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p, 100, 310, 12, 0, "- Bộ Giáo dục và Đào tạo;");
    put(&p, 100, 340, 12, 0, "- TT Tỉnh ủy, TT HĐND tỉnh");
    put(&p, 290, 349, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN");
    put(&p, 100, 358, 12, 0, "(b/c);");
    put(&p, 290, 379, 12, VN_PDF_BOLD, "KT. CHỦ TỊCH");
    put(&p, 100, 388, 12, 0, "- CT, các PCT UBND tỉnh;");
    put(&p, 290, 409, 12, VN_PDF_BOLD, "PHÓ CHỦ TỊCH");
    put(&p, 100, 418, 12, 0, "- Các sở, ban, ngành;");
    put(&p, 290, 439, 12, VN_PDF_BOLD, "Y Kriêng Mlô");
    put(&p, 100, 448, 12, 0, "- Trường Đại học Tây");
    put(&p, 100, 466, 12, 0, "Nguyên;");
    put(&p, 100, 496, 12, 0, "- UBND các xã, phường;");
    put(&p, 100, 526, 12, 0, "- Lưu: VT.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long to = find(&s, "Nơi nhận:"), first = find(&s, "- Bộ Giáo dục"), keep = find(&s, "- Lưu: VT.");
    long cap = find(&s, "TM. ỦY BAN");
    ok(to >= 0 && (flags_of(&s, to) & VN_SRC_CELL) && s.lines[to].cell == 1 && first > to &&
           s.lines[first].cell == 1,
       "the recipients above the signature open the left cell");
    ok(keep > first && (flags_of(&s, keep) & VN_SRC_CELL) && s.lines[keep].cell == 1 &&
           s.lines[keep].table == s.lines[to].table,
       "the recipients under it end that cell");
    ok(cap > keep && s.lines[cap].cell == 2, "then the signature's cell");
    vn_source_free(&s);
}

/* The signature typed as one paragraph of capitals ("TM. ỦY BAN NHÂN DÂN
 * KT. CHỦ TỊCH PHÓ CHỦ TỊCH") wrapped in a narrow cell right after "KT.":
 * the period ends an abbreviation, no sentence, and the next word did not
 * fit, so the cell's line goes on. */
static void a_signature_wrapped_after_an_abbreviation_goes_on(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    for (int k = 0; k < 4; k++)
        put(&p, 94, 200 + 18 * (float)k, 12, 0, "Các cơ quan, đơn vị, địa phương kịp thời phản ánh về Sở Giáo dục");
    put(&p, 100, 300, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p, 330, 300, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN KT.");
    put(&p, 100, 318, 12, 0, "- Như trên;");
    put(&p, 330, 318, 12, VN_PDF_BOLD, "CHỦ TỊCH PHÓ CHỦ TỊCH");
    put(&p, 100, 336, 12, 0, "- Lưu: VT.");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long cap = find(&s, "TM. ỦY BAN");
    ok(cap >= 0 && strcmp(line(&s, cap), "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH") == 0 &&
           s.lines[cap].cell == 2,
       "the signature's paragraph is one line: %s", cap >= 0 ? line(&s, cap) : "");
    vn_source_free(&s);
}

/* The closing cut by the page break after its first recipient: the next
 * page opens with the second recipient and, beside it, the signer's name,
 * standing apart from the recipients under it (each a paragraph) as a
 * running header would.  Holding both columns, the name starting where the
 * signature's column starts, it is the layout going on. */
static void a_first_line_apart_holding_both_columns_goes_on(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    for (int k = 0; k < 8; k++)
        put(&p[0], 94, 100 + 18 * (float)k, 12, 0, "Các chi bộ căn cứ Chương trình này xây dựng kế hoạch thực hiện");
    put(&p[0], 100, 600, 12, VN_PDF_BOLD, "Nơi nhận:");
    put(&p[0], 290, 600, 12, VN_PDF_BOLD, "T/M ĐẢNG ỦY");
    put(&p[0], 100, 630, 12, 0, "- Ban Thường vụ Tỉnh ủy,");
    put(&p[0], 290, 630, 12, VN_PDF_BOLD, "BÍ THƯ");
    put(&p[1], 100, 40, 12, 0, "- Ban Tổ chức Tỉnh ủy,");
    put(&p[1], 290, 40, 12, VN_PDF_BOLD, "Rơ Châm Hiền");
    put(&p[1], 100, 70, 12, 0, "- Các chi bộ trực thuộc,");
    put(&p[1], 100, 100, 12, 0, "- Lưu Văn phòng Đảng ủy.");
    vn_source s;
    lay_out(&s, p, 2);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long second = find(&s, "- Ban Tổ chức"), name = find(&s, "Rơ Châm Hiền");
    ok(second >= 0 && strcmp(line(&s, second), "- Ban Tổ chức Tỉnh ủy,") == 0 && s.lines[second].cell == 1,
       "the recipient at the top of the page is the left cell's: %s", second >= 0 ? line(&s, second) : "");
    ok(name > second && strcmp(line(&s, name), "Rơ Châm Hiền") == 0 && s.lines[name].cell == 2,
       "the signer's name beside it the right cell's");
    vn_source_free(&s);
}

/* An issuer set flush left in its cell, the table indented from the text's
 * margin by its cells' padding (WeasyPrint's HTML tables): the cell starts
 * where its lines start, so a line that wrapped there ("PHƯỜNG TÂN HÒA" /
 * "ĐÔNG") is measured against the cell's width, not the margin's. */
static void a_flush_left_cell_is_measured_from_its_lines(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 100, 12, VN_PDF_BOLD, "ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 216.8f, 100, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 118, 12, VN_PDF_BOLD, "PHƯỜNG TÂN HÒA", 0.3f);
    put_spaced(&p, 216.8f, 118, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 136, 12, VN_PDF_BOLD, "ĐÔNG", 0.3f);
    put_spaced(&p, 100, 170, 12, 0, "Số: 09/KH-UBND", 0.3f);
    put_spaced(&p, 216.8f, 170, 12, 0, "Tân Hòa Đông, ngày 10 tháng 3 năm 2026", 0.3f);
    static const char *const text[] = {
        "Triển khai Kế hoạch số 36/KH-UBND ngày 27/01/2026 của Ủy ban nhân dân",
        "tỉnh về phát triển đội ngũ trí thức trên địa bàn, Ủy ban nhân dân phường",
        "ban hành Kế hoạch thực hiện như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 210 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long issuer = find(&s, "ỦY BAN NHÂN DÂN");
    ok(issuer >= 0 && strcmp(line(&s, issuer), "ỦY BAN NHÂN DÂN PHƯỜNG TÂN HÒA ĐÔNG") == 0,
       "the issuer's line wrapped in its cell is one line again: %s", issuer >= 0 ? line(&s, issuer) : "");
    vn_source_free(&s);
}

/* Two rows of cells centred in their height, parted by the rows' padding,
 * less than a blank line (WeasyPrint's HTML header): each column's first
 * line of the second row ("Thanh Hóa, ngày …" and "Số: …" centred beside its
 * two lines) stands further below its column's line above than a blank line
 * and than the cells' paragraphs step, so it opens row 2. */
static void rows_of_centred_cells_part_by_each_columns_step(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 133, 12, 0, "UBND TỈNH THANH", 0.3f);
    put_spaced(&p, 255, 142, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 100, 151, 12, 0, "HÓA", 0.3f);
    put_spaced(&p, 255, 160, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 181, 12, VN_PDF_BOLD, "SỞ KHOA HỌC VÀ", 0.3f);
    put_spaced(&p, 255, 190, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 199, 12, VN_PDF_BOLD, "CÔNG NGHỆ", 0.3f);
    put_spaced(&p, 255, 233.5f, 12, 0, "Thanh Hóa, ngày 26 tháng 9 năm", 0.3f);
    put_spaced(&p, 100, 242.5f, 12, 0, "Số: 2154/KH-SKHCN", 0.3f);
    put_spaced(&p, 255, 251.5f, 12, 0, "2025", 0.3f);
    static const char *const text[] = {
        "Triển khai thực hiện Kế hoạch số 95/KH-UBND ngày 12/6/2025 của Ủy ban",
        "nhân dân tỉnh về phát triển nguồn nhân lực chất lượng cao, Sở Khoa học",
        "và Công nghệ ban hành Kế hoạch thực hiện như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 290 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long number = find(&s, "Số: 2154"), place = find(&s, "Thanh Hóa, ngày"), sub = find(&s, "SỞ KHOA");
    ok(sub >= 0 && s.lines[sub].row == 1, "the issuer's second paragraph stays in row 1");
    ok(number >= 0 && s.lines[number].row == 2 && s.lines[number].cell == 1, "the number opens row 2");
    ok(place >= 0 && s.lines[place].row == 2 && s.lines[place].cell == 2, "the place and date are row 2's right cell");
    vn_source_free(&s);
}

/* A line of two rules under the issuer and the motto ends its row; the next
 * row's cells, centred at two heights ("Thái Nguyên, ngày …" over "năm
 * 2025", "Số: …" between), start a row of their own under it. */
static void a_row_of_centred_cells_under_two_rules_is_a_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 142, 12, 0, "ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 255, 133, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 255, 151, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 172, 12, VN_PDF_BOLD, "TỈNH THÁI NGUYÊN", 0.3f);
    put_spaced(&p, 255, 181, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 215.5f, 12, 0, "--------", 0.3f);
    put_spaced(&p, 255, 215.5f, 12, 0, "---------------------------", 0.3f);
    put_spaced(&p, 255, 238, 12, 0, "Thái Nguyên, ngày 30 tháng 7", 0.3f);
    put_spaced(&p, 100, 247, 12, 0, "Số: 248/KH-UBND", 0.3f);
    put_spaced(&p, 255, 256, 12, 0, "năm 2025", 0.3f);
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng",
        "Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:",
        "phát triển nguồn nhân lực chất lượng cao trên địa bàn tỉnh.",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 295 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long number = find(&s, "Số: 248"), place = find(&s, "Thái Nguyên, ngày");
    ok(number >= 0 && s.lines[number].row == 3 && s.lines[number].cell == 1, "the number opens the row under the rules");
    ok(place >= 0 && s.lines[place].row == 3 && s.lines[place].cell == 2, "the place and date are its right cell");
    vn_source_free(&s);
}

/* The same with the rows closer than a blank line (34.5 pt, lines 18 pt
 * apart) but further apart than the cells' paragraphs above (30 pt): that
 * gap is the measure. */
static void rows_part_further_than_the_cells_paragraphs(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 136, 12, 0, "ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 255, 136, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 255, 154, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 166, 12, VN_PDF_BOLD, "PHƯỜNG MINH", 0.3f);
    put_spaced(&p, 100, 184, 12, VN_PDF_BOLD, "KHÊ ĐÔNG", 0.3f);
    put_spaced(&p, 255, 184, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 255, 218.5f, 12, 0, "Minh Khê Đông, ngày 18 tháng 8 năm", 0.3f);
    put_spaced(&p, 100, 227.5f, 12, 0, "Số: 96/KH-UBND", 0.3f);
    put_spaced(&p, 255, 236.5f, 12, 0, "2025", 0.3f);
    static const char *const text[] = {
        "Triển khai thực hiện Kế hoạch số 187/KH-UBND ngày 02/7/2025 của Ủy ban",
        "nhân dân tỉnh về phát triển nguồn nhân lực chất lượng cao, Ủy ban nhân",
        "dân phường ban hành Kế hoạch thực hiện như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 280 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long number = find(&s, "Số: 96"), place = find(&s, "Minh Khê Đông, ngày");
    ok(number >= 0 && s.lines[number].row == 2 && s.lines[number].cell == 1,
       "a row's padding more than the cells' paragraph gap parts the rows");
    ok(place >= 0 && s.lines[place].row == 2 && s.lines[place].cell == 2, "the place and date open row 2's right cell");
    vn_source_free(&s);
}

/* The same under an issuer of six lines beside a motto of three centred
 * lower: lines of both cells half a line apart are one line whose baseline
 * is the lower one's, so the steps between the layout's lines say little;
 * each column's own steps show the row. */
static void rows_part_by_columns_beside_a_tall_issuer(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 136, 12, 0, "BỘ GIÁO DỤC VÀ", 0.3f);
    put_spaced(&p, 100, 154, 12, 0, "ĐÀO TẠO", 0.3f);
    put_spaced(&p, 255, 169, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 100, 184, 12, VN_PDF_BOLD, "TRƯỜNG ĐẠI HỌC", 0.3f);
    put_spaced(&p, 255, 187, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 202, 12, VN_PDF_BOLD, "KỸ THUẬT", 0.3f);
    put_spaced(&p, 255, 217, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 232, 12, VN_PDF_BOLD, "VÀ CÔNG NGHỆ", 0.3f);
    put_spaced(&p, 100, 250, 12, VN_PDF_BOLD, "MIỀN TRUNG", 0.3f);
    put_spaced(&p, 255, 284.7f, 12, 0, "Quảng Ngãi, ngày 08 tháng 10", 0.3f);
    put_spaced(&p, 100, 293.7f, 12, 0, "Số: 412/KH-ĐHKTCN", 0.3f);
    put_spaced(&p, 255, 302.7f, 12, 0, "năm 2025", 0.3f);
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng",
        "Chính phủ, Trường Đại học Kỹ thuật và Công nghệ Miền Trung ban hành",
        "Kế hoạch thực hiện như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 340 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long number = find(&s, "Số: 412"), place = find(&s, "Quảng Ngãi, ngày");
    ok(number >= 0 && s.lines[number].row == 2 && s.lines[number].cell == 1, "the number opens row 2 under a tall issuer");
    ok(place >= 0 && s.lines[place].row == 2 && s.lines[place].cell == 2, "the place and date are row 2's");
    vn_source_free(&s);
}

/* A header of two rows whose cells are centred in their height, its first
 * row's cells two lines each, side by side (no paragraph gap above to
 * measure a row by): the number centred beside the two paragraphs of the
 * place and date, their first line 34.5 pt under the motto's last, less than
 * a blank line (36 pt).  Each row's columns centre on a middle of their own,
 * the whole's do not: two rows, the motto before the number. */
static void centred_rows_part_by_their_middles(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 100, 100, 12, VN_PDF_BOLD, "UBND TỈNH LAI CHÂU", 0.3f);
    put_spaced(&p, 255, 100, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 100, 118, 12, VN_PDF_BOLD, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", 0.3f);
    put_spaced(&p, 255, 118, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 255, 152.5f, 12, VN_PDF_ITALIC, "Lai Châu, ngày 08 tháng 8 năm", 0.3f);
    put_spaced(&p, 100, 167.5f, 12, 0, "Số: 1187/KH-SGDĐT", 0.3f);
    put_spaced(&p, 255, 182.5f, 12, VN_PDF_ITALIC, "2025", 0.3f);
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng",
        "Chính phủ, Sở Giáo dục và Đào tạo xây dựng Kế hoạch thực hiện trong",
        "ngành như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 230 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long motto = find(&s, "CỘNG HÒA"), number = find(&s, "Số: 1187"), place = find(&s, "Lai Châu, ngày");
    ok(motto >= 0 && s.lines[motto].row == 1 && s.lines[motto].cell == 2, "the motto is row 1's right cell");
    ok(number >= 0 && s.lines[number].row == 2 && s.lines[number].cell == 1,
       "the number, centred beside the place and date, opens row 2");
    ok(place >= 0 && s.lines[place].row == 2 && s.lines[place].cell == 2, "the place and date are row 2's right cell");
    ok(motto >= 0 && number > motto, "the motto is read before the number");
    vn_source_free(&s);
}

/* One row of centred cells, each of paragraphs 30 pt apart, the issuer's
 * first one wrapped (lines 18 pt apart): the motto's first line stands
 * above the issuer's, its last under the number, both columns centred on one
 * middle.  Where the two cells' lines meet at one height by chance ("TRỊ"
 * beside "VIỆT NAM", "ỦY BAN NHÂN DÂN" beside "Độc lập …") no row starts:
 * the left cell is read whole, then the right. */
static void one_row_of_centred_cells_stays_one(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 255, 134, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 0.3f);
    put_spaced(&p, 100, 146, 12, 0, "UBND TỈNH QUẢNG", 0.3f);
    put_spaced(&p, 100, 164, 12, 0, "TRỊ", 0.3f);
    put_spaced(&p, 255, 164, 12, VN_PDF_BOLD, "VIỆT NAM", 0.3f);
    put_spaced(&p, 100, 194, 12, VN_PDF_BOLD, "ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 255, 194, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 100, 212, 12, VN_PDF_BOLD, "PHƯỜNG", 0.3f);
    put_spaced(&p, 255, 224, 12, VN_PDF_ITALIC, "Hòa Gianh Đông, ngày", 0.3f);
    put_spaced(&p, 100, 242, 12, VN_PDF_BOLD, "HÒA GIANH ĐÔNG", 0.3f);
    put_spaced(&p, 255, 254, 12, VN_PDF_ITALIC, "năm 2025", 0.3f);
    put_spaced(&p, 100, 272, 12, 0, "Số: 86 /KH-UBND", 0.3f);
    put_spaced(&p, 255, 284, 12, VN_PDF_ITALIC, "tháng 7", 0.3f);
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng",
        "Chính phủ, Ủy ban nhân dân phường ban hành Kế hoạch triển khai thực",
        "hiện trên địa bàn phường như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 340 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long issuer = find(&s, "UBND TỈNH QUẢNG"), body = find(&s, "ỦY BAN NHÂN DÂN"), number = find(&s, "Số: 86"),
         motto = find(&s, "CỘNG HÒA"), slogan = find(&s, "Độc lập");
    const long at[] = {issuer, body, number, motto, slogan};
    bool one_row = true;
    for (int k = 0; k < 5; k++)
        one_row = one_row && at[k] >= 0 && s.lines[at[k]].row == 1 && s.lines[at[k]].cell == (k < 3 ? 1 : 2);
    ok(one_row, "the cells' lines meeting at one height start no row");
    ok(issuer >= 0 && strstr(line(&s, (size_t)issuer), "CỘNG") == NULL, "no line of the motto joins the issuer");
    ok(number >= 0 && motto > number, "the left cell is read whole before the motto");
    vn_source_free(&s);
}

/* A header of two rows of centred cells whose first row's cells are set in
 * two sizes, each wrapped at single spacing (the issuer in 13 pt, lines 13
 * pt apart; the motto in 12 pt, 12 apart): their second lines' tops meet by
 * chance, which starts no row.  The second row's left cell ("———" over
 * "____" over the number) opens it alone under the issuer, the place and
 * date centred beside its middle line: the row starts at "———", both rows'
 * columns centring on middles of their own, and the two lines meeting at one
 * height there ("____" beside the place) start none. */
static void rows_of_cells_in_two_sizes_part_by_their_middles(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 95, 100, 13, VN_PDF_BOLD, "ỦY BAN NHÂN DÂN XÃ", 0.3f);
    put_spaced(&p, 225, 100.4f, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.3f);
    put_spaced(&p, 110, 113, 13, VN_PDF_BOLD, "SUỐI HÒA THỊNH", 0.3f);
    put_spaced(&p, 250, 112.4f, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 140, 126, 13, 0, "———", 0.3f);
    put_spaced(&p, 95, 139, 13, 0, "________________", 0.3f);
    put_spaced(&p, 230, 139, 13, VN_PDF_ITALIC, "Suối Hòa Thịnh, ngày 15 tháng 9 năm 2025", 0.3f);
    put_spaced(&p, 110, 152, 13, 0, "Số: 74/KH-UBND", 0.3f);
    static const char *const text[] = {
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng",
        "Chính phủ, Ủy ban nhân dân xã ban hành Kế hoạch thực hiện trên địa",
        "bàn xã như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 94, 200 + 18 * (float)k, 12, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long issuer = find(&s, "ỦY BAN NHÂN DÂN XÃ"), slogan = find(&s, "Độc lập"), rule = find(&s, "———"),
         number = find(&s, "Số: 74"), place = find(&s, "Suối Hòa Thịnh, ngày");
    ok(issuer >= 0 && strstr(line(&s, (size_t)issuer), "SUỐI HÒA THỊNH") && s.lines[issuer].row == 1,
       "the issuer's two lines are one paragraph of row 1");
    ok(slogan >= 0 && s.lines[slogan].row == 1 && s.lines[slogan].cell == 2, "the motto's slogan stays in row 1");
    ok(rule >= 0 && s.lines[rule].row == 2 && s.lines[rule].cell == 1 && strstr(line(&s, (size_t)rule), "____"),
       "the rules open row 2's left cell, as one line");
    ok(number >= 0 && s.lines[number].row == 2 && s.lines[number].cell == 1, "the number is row 2's left cell");
    ok(place >= 0 && s.lines[place].row == 2 && s.lines[place].cell == 2 && place > number,
       "the place and date are row 2's right cell, read after the number");
    vn_source_free(&s);
}

/* A header whose cells hold a text table's borders as text (pandoc's grid
 * tables), set from the top with paragraphs spaced before and after, under
 * a running header in small type that starts where the motto starts: the
 * running header is no line of the motto's column (smaller type), and the
 * border's last piece "---------+" beside the motto's rule "-------" is no
 * line of two rules under the cells' text (the piece goes on a border), so
 * the issuer under it stays in the motto's row. */
static void border_pieces_beside_a_rule_end_no_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put_spaced(&p, 267, 47.2f, 10, 0, "ỦY BAN NHÂN DÂN XÃ HÒA PHONG ĐÔNG - Số 87/KH-UBND", 0.3f);
    put_spaced(&p, 267, 79.1f, 12, VN_PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.3f);
    put_spaced(&p, 112, 80.4f, 13, 0, "+-----------------", 0.3f);
    put_spaced(&p, 318, 99.8f, 12, VN_PDF_BOLD, "Độc lập - Tự do - Hạnh phúc", 0.3f);
    put_spaced(&p, 86, 102.8f, 13, 0, "+------------------------", 0.3f);
    put_spaced(&p, 144, 125.2f, 13, 0, "-------+", 0.3f);
    put_spaced(&p, 380, 127.8f, 13, 0, "-------", 0.3f);
    put_spaced(&p, 94, 153.6f, 13, VN_PDF_BOLD, "ỦY BAN NHÂN DÂN XÃ", 0.3f);
    put_spaced(&p, 362, 156.2f, 13, 0, "---------------", 0.3f);
    put_spaced(&p, 106, 176, 13, VN_PDF_BOLD, "HÒA PHONG ĐÔNG", 0.3f);
    put_spaced(&p, 118, 242, 13, 0, "Số: 87/KH-UBND", 0.3f);
    put_spaced(&p, 276, 242, 13, VN_PDF_ITALIC, "Hòa Phong Đông, ngày 25 tháng 9 năm 2025", 0.3f);
    static const char *const text[] = {
        "Thực hiện Kế hoạch số 164/KH-UBND ngày 30/7/2025 của Ủy ban nhân dân",
        "tỉnh Quảng Ngãi về đào tạo nguồn nhân lực phục vụ phát triển công nghệ",
        "cao, Ủy ban nhân dân xã ban hành Kế hoạch thực hiện như sau:",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 85, 300 + 24 * (float)k, 13, 0, text[k], 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long header = find(&s, "ỦY BAN NHÂN DÂN XÃ HÒA PHONG ĐÔNG - Số"), motto = find(&s, "CỘNG HÒA"),
         issuer = find(&s, "ỦY BAN NHÂN DÂN XÃ"), number = find(&s, "Số: 87");
    if (issuer == header)
        for (long k = header + 1; k < (long)s.nlines && issuer == header; k++)
            if (strncmp(line(&s, (size_t)k), "ỦY BAN NHÂN DÂN XÃ", strlen("ỦY BAN NHÂN DÂN XÃ")) == 0)
                issuer = k;
    ok(header >= 0 && !(s.lines[header].flags & VN_SRC_CELL), "the running header in small type is no cell");
    ok(motto >= 0 && issuer >= 0 && s.lines[issuer].table == s.lines[motto].table && s.lines[issuer].row == 1 &&
           s.lines[motto].row == 1 && s.lines[issuer].cell == 1,
       "the issuer under the border's last piece stays in the motto's row");
    ok(number >= 0 && s.lines[number].row == 2, "the number opens row 2");
    vn_source_free(&s);
}

/* The closing set from the top with paragraphs spaced before and after (Nghị
 * định 30/2020): "Nơi nhận:" beside "TM. ỦY BAN NHÂN DÂN CHỦ" is the only line
 * of both columns; "TỊCH" and the signer's name stand alone, 6 pt off the
 * recipients 30 pt apart, which stand alone too.  One line of both columns
 * over two lines at least of each alone, each lined up with its column, is a
 * layout: the recipients are the left cell, the signature the right. */
static void a_spaced_closing_of_one_row_is_a_layout(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    static const char *const text[] = {
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị",
        "kịp thời báo cáo về Ủy ban nhân dân xã (qua công chức Văn hóa - Xã hội) để",
        "xem xét, chỉ đạo./.",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 85, 100 + 24 * (float)k, 13, 0, text[k], 0.3f);
    float y = 220;
    put_spaced(&p, 85, y, 13, VN_PDF_BOLD, "Nơi nhận:", 0.3f);
    put_spaced(&p, 315, y, 13, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN CHỦ", 0.3f);
    put_spaced(&p, 371.5f, y + 24, 13, VN_PDF_BOLD, "TỊCH", 0.3f);
    static const char *const to[] = {
        "- UBND tỉnh Quảng Ngãi (b/c);", "- Sở Giáo dục và Đào tạo (b/c);", "- TT Đảng ủy, TT HĐND xã;",
        "- CT, các PCT UBND xã;",        "- Các trường học trên địa bàn xã;", "- Lưu: VT, VHXH.",
    };
    for (int k = 0; k < 6; k++)
        put_spaced(&p, 85, y + 30 + 30 * (float)k, 12, 0, to[k], 0.3f);
    put_spaced(&p, 348, y + 144, 13, VN_PDF_BOLD, "Đinh Văn Hòa", 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long head = find(&s, "Nơi nhận:"), first = find(&s, "- UBND tỉnh"), last = find(&s, "- Lưu:"),
         capacity = find(&s, "TM. ỦY BAN"), name = find(&s, "Đinh Văn Hòa");
    const long left[] = {head, first, last}, right[] = {capacity, name};
    bool cells = true;
    for (int k = 0; k < 3; k++)
        cells = cells && left[k] >= 0 && (s.lines[left[k]].flags & VN_SRC_CELL) && s.lines[left[k]].cell == 1;
    for (int k = 0; k < 2; k++)
        cells = cells && right[k] >= 0 && (s.lines[right[k]].flags & VN_SRC_CELL) && s.lines[right[k]].cell == 2;
    ok(cells, "the recipients are the left cell, the signature the right");
    long rest = find(&s, "TỊCH");
    ok(rest >= 0 && (s.lines[rest].flags & VN_SRC_CELL) && s.lines[rest].cell == 2 && rest > capacity,
       "the capacity's last word, 6 pt over a recipient, is the signature's");
    ok(last >= 0 && name > last, "the signature is read after the recipients");
    vn_source_free(&s);
}

/* A closing set from the top: "Nơi nhận:" and two recipients beside the
 * capacity's three lines, then four recipients more, the signer's name half
 * way between the second and the third of them.  The lines above and under
 * "- TT Thành ủy …" happen to centre on middles of their own, but cells set
 * from the top start at one height and prove no row so: the closing is one
 * row. */
static void a_closing_set_from_the_top_is_one_row(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    static const char *const text[] = {
        "Trên đây là Kế hoạch triển khai thực hiện Chiến lược quốc gia về phát triển",
        "đội ngũ trí thức trên địa bàn thành phố, đề nghị các cơ quan, đơn vị thực",
        "hiện./.",
    };
    for (int k = 0; k < 3; k++)
        put_spaced(&p, 85, 100 + 18 * (float)k, 12, 0, text[k], 0.3f);
    static const char *const to[] = {
        "Nơi nhận:", "- Bộ Nội vụ;", "- Bộ Khoa học và Công nghệ;", "- TT Thành ủy, TT HĐND;",
        "- CT, các PCT UBND;", "- Các sở, ban, ngành;", "- Lưu: VT, KGVX.",
    };
    static const char *const sign[] = {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"};
    for (int k = 0; k < 7; k++)
        put_spaced(&p, 86, 180 + 18 * (float)k, 12, k == 0 ? VN_PDF_BOLD : 0, to[k], 0.3f);
    static const float at[] = {340, 361.4f, 361.4f};
    for (int k = 0; k < 3; k++)
        put_spaced(&p, at[k], 180 + 18 * (float)k, 12, VN_PDF_BOLD, sign[k], 0.3f);
    put_spaced(&p, 355.4f, 261, 12, VN_PDF_BOLD, "Hoàng Thị Minh", 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long head = find(&s, "Nơi nhận:"), later = find(&s, "- TT Thành ủy"), name = find(&s, "Hoàng Thị Minh");
    ok(head >= 0 && later >= 0 && name >= 0 && s.lines[head].row == 1 && s.lines[later].row == 1 &&
           s.lines[name].row == 1 && s.lines[later].table == s.lines[head].table,
       "a closing set from the top is one row");
    vn_source_free(&s);
}

/* The closing's right cell ends in a rule too long for it, wrapped ("-----"
 * beside the last recipient, "----------" alone under it, the page's last
 * line over its number): a line of rules is no page number (it has no
 * digit) and goes on the cell, and rules opening with "-" make no column of
 * items, whose lines would all join: the capacity's lines stay apart. */
static void a_rule_at_the_page_foot_ends_the_signature(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    static const char *const text[] = {
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị",
        "báo cáo về Sở Giáo dục và Đào tạo để tổng hợp, giải quyết./.",
    };
    for (int k = 0; k < 2; k++)
        put_spaced(&p, 85, 100 + 18 * (float)k, 12, 0, text[k], 0.3f);
    static const char *const to[] = {
        "Nơi nhận:",
        "- Bộ Giáo dục và Đào tạo;",
        "- Bộ Khoa học và Công nghệ;",
        "- TT Tỉnh ủy, TT HĐND;",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường;",
    };
    for (int k = 0; k < 6; k++)
        put_spaced(&p, 85, 602 + 18 * (float)k, 12, k == 0 ? VN_PDF_BOLD : 0, to[k], 0.3f);
    put_spaced(&p, 359, 602, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 380.4f, 620, 12, VN_PDF_BOLD, "KT. CHỦ TỊCH", 0.3f);
    put_spaced(&p, 380.4f, 638, 12, VN_PDF_BOLD, "PHÓ CHỦ TỊCH", 0.3f);
    put_spaced(&p, 374.4f, 674, 12, VN_PDF_BOLD, "Phan Đình Khải", 0.3f);
    put_spaced(&p, 345, 690, 12, VN_PDF_BOLD, "-----------------------", 0.3f);
    put_spaced(&p, 324, 708, 12, VN_PDF_BOLD, "------------------------------", 0.3f);
    put_spaced(&p, 297, 800, 10, 0, "3", 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long capacity = find(&s, "TM. ỦY BAN"), rule = find(&s, "-----------------------");
    ok(rule >= 0 && (s.lines[rule].flags & VN_SRC_CELL) && s.lines[rule].cell == 2 &&
           strlen(line(&s, (size_t)rule)) == 23 + 1 + 30,
       "the rule wrapped at the page's foot goes on the signature's cell, one line");
    ok(capacity >= 0 && strstr(line(&s, (size_t)capacity), "KT.") == NULL, "the capacity's lines stay apart");
    vn_source_free(&s);
}

/* The signature's cell holds a text border cut at its edge under the name
 * ("+-------------------" over "+-----------------+"): its widest piece is
 * the cell's text width, known before the lines above it are judged, so
 * "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", one paragraph wrapped in that cell, is
 * one line. */
static void a_border_under_the_name_measures_the_signature(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    static const char *const text[] = {
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị",
        "báo cáo về Ủy ban nhân dân xã để xem xét, chỉ đạo./.",
    };
    for (int k = 0; k < 2; k++)
        put_spaced(&p, 85, 400 + 18 * (float)k, 12, 0, text[k], 0.3f);
    static const char *const to[] = {
        "Nơi nhận:",      "- UBND tỉnh (b/c);",     "- Sở Giáo dục;", "- TT Đảng ủy;", "- CT, các PCT UBND xã;",
        "- Các trường học;", "- Các thôn, tổ dân phố;", "- Lưu: VT.",
    };
    for (int k = 0; k < 8; k++)
        put_spaced(&p, 85, 460 + 18 * (float)k, 12, k == 0 ? VN_PDF_BOLD : 0, to[k], 0.3f);
    put_spaced(&p, 358.8f, 460, 12, VN_PDF_BOLD, "TM. ỦY BAN NHÂN DÂN", 0.3f);
    put_spaced(&p, 388.2f, 478, 12, VN_PDF_BOLD, "CHỦ TỊCH", 0.3f);
    put_spaced(&p, 377.6f, 514, 12, VN_PDF_BOLD, "Đinh Văn Hòa", 0.3f);
    put_spaced(&p, 354, 532, 12, 0, "+-------------------", 0.3f);
    put_spaced(&p, 357, 550, 12, 0, "+-----------------+", 0.3f);
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long capacity = find(&s, "TM. ỦY BAN");
    ok(capacity >= 0 && strcmp(line(&s, (size_t)capacity), "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH") == 0,
       "the capacity wrapped in the cell the border measures is one line");
    vn_source_free(&s);
}

/* A running header in small type printed once, at the top of page 2 (Word's
 * different first page on a plan of two pages), above where page 1's text
 * starts: furniture.  A heading at a page's top, in the body's type and
 * standing apart from the text under it, is no header. */
static void a_small_header_printed_once_in_the_margin_is_furniture(void)
{
    static page p[2];
    memset(p, 0, sizeof p);
    put(&p[0], 60, 100, 12, 0, "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng");
    put(&p[0], 60, 115, 12, 0, "Chính phủ, Bộ Giáo dục và Đào tạo ban hành Kế hoạch như sau:");
    put(&p[0], 60, 130, 12, 0, "- Tỷ lệ học sinh tốt nghiệp trung học phổ thông theo học STEM.");
    put(&p[1], 250, 52, 9, VN_PDF_ITALIC, "BỘ GIÁO DỤC VÀ ĐÀO TẠO - Số 1582/KH-BGDĐT");
    put(&p[1], 60, 100, 12, VN_PDF_BOLD, "III. NHIỆM VỤ VÀ GIẢI PHÁP");
    put(&p[1], 60, 130, 12, 0, "- Rà soát, điều chỉnh chương trình đào tạo các ngành STEM.");
    put(&p[1], 60, 145, 12, 0, "- Tổ chức thực hiện và báo cáo kết quả về Bộ trước ngày 15/12.");
    vn_source s;
    lay_out(&s, p, 2);
    long header = find(&s, "BỘ GIÁO DỤC VÀ ĐÀO TẠO - Số"), heading = find(&s, "III. NHIỆM");
    ok(header >= 0 && (flags_of(&s, header) & VN_SRC_FURNITURE), "the small header above page 1's text start is furniture");
    ok(heading >= 0 && !(flags_of(&s, heading) & VN_SRC_FURNITURE), "the heading at the page's top is text");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* Text at x, its spaces stretched so that it ends at x + width, as a
 * justified line. */
static void put_justified(page *p, float x, float baseline, float size, const char *text, float width)
{
    size_t len = strlen(text), i = 0, chars = 0, spaces = 0;
    while (i < len) {
        int32_t cp = vn_utf8_next(text, len, &i);
        cp == ' ' ? spaces++ : chars++;
    }
    put_spaced(p, x, baseline, size, 0, text, (width - 0.5f * size * (float)chars) / ((float)spaces * size));
}

/* A paragraph indented from both margins (pandoc's LaTeX sets a typed
 * item so, in a quote): its full line stands centred on the page, and the
 * line under it starts where it starts; it ends no sentence, so that line
 * goes on with it.  Each letter half an em: the body's lines run 60 to 474,
 * the item's 90 to 450, its middle 3 pt off the page's. */
static void a_line_indented_on_both_sides_goes_on(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 60, 100, 12, 0, "Vận động các doanh nghiệp trong khu kinh tế, khu công nghiệp tham gia");
    put(&p, 60, 115, 12, 0, "phố Huế, tập trung vào các nội dung sau đây của kế hoạch này như sau:");
    put(&p, 90, 130, 12, 0, "o Chính sách hỗ trợ trí thức trẻ làm đề tài, dự án ở tỉnh và");
    put(&p, 90, 145, 12, 0, "công nghệ cấp thành phố;");
    put(&p, 60, 160, 12, 0, "Vận động các doanh nghiệp trong khu kinh tế, khu công nghiệp tham gia");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long tail = find(&s, "công nghệ cấp");
    ok(tail >= 0 && (flags_of(&s, tail) & VN_SRC_CONT), "the line under a full line of the indented block goes on");
    ok(tail < 0 || !(flags_of(&s, tail) & VN_SRC_PARA), "... and starts no paragraph");
    vn_source_free(&s);
}

/* A line stretched to the margin that ends a sentence, before a line that
 * opens an item: LibreOffice stretches a line a manual line break ends, in
 * justified text; the item starts anew. */
static void a_stretched_sentence_before_an_item_ends_it(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    /* lines of natural spaces (half an em) set the margin, 414 pt on */
    put(&p, 60, 100, 12, 0, "Vận động các doanh nghiệp trong khu kinh tế, khu công nghiệp tham gia");
    put_justified(&p, 60, 115, 12, "đặt hàng đào tạo, tiếp nhận thực tập và tuyển dụng người học ở đó.", 414);
    put(&p, 60, 130, 12, 0, "5. Ủy ban nhân dân các xã, phường");
    put(&p, 60, 145, 12, 0, "Tuyên truyền, tư vấn hướng nghiệp cho học sinh và người lao động trên");
    put_justified(&p, 60, 160, 12, "địa bàn xã, tổ chức hoạt động trải nghiệm, tham quan thực tế ở đó.", 414);
    put(&p, 60, 175, 12, 0, "Các trường phối hợp thực hiện.");
    vn_source s;
    lay_out(&s, &p, 1);
    long item = find(&s, "5. Ủy ban"), text = find(&s, "Các trường phối hợp");
    ok(item >= 0 && !(flags_of(&s, item) & VN_SRC_CONT), "the item after the stretched sentence does not go on");
    ok(text >= 0 && (flags_of(&s, text) & VN_SRC_CONT), "text after a stretched sentence goes on, as justified text does");
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    vn_source_free(&s);
}

/* A running header in small type set flush right above a closing whose
 * signature is centred in the right cell (Word's header right-aligned, as
 * LibreOffice prints a page of the closing): its centre may meet the
 * signature's by chance, yet it is no line of the closing's right column,
 * which a line in the layout's type so centred would be. */
static void a_small_header_centred_on_the_signature_is_no_lead(void)
{
    static page p;
    memset(&p, 0, sizeof p);
    put(&p, 323.6f, 45, 10, VN_PDF_ITALIC, "ỦY BAN NHÂN DÂN TỈNH AN PHÚ - Số 12/KH-UBND");
    static const char *const left[] = {"- Bộ Giáo dục và Đào tạo (b/c);", "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
                                       "- CT, các PCT UBND tỉnh;", "- Các sở, ban, ngành;",
                                       "- UBND các xã, phường;", "- Lưu: VT, KGVX."};
    for (int k = 0; k < 6; k++)
        put(&p, 85.2f, 78 + 30 * (float)k, 14, 0, left[k]);
    put(&p, 389.1f, 78, 14, VN_PDF_BOLD, "KT. CHỦ TỊCH");
    put(&p, 389.1f, 108, 14, VN_PDF_BOLD, "PHÓ CHỦ TỊCH");
    put(&p, 389.1f, 228, 14, VN_PDF_BOLD, "Y Kriêng Mlô");
    vn_source s;
    lay_out(&s, &p, 1);
    if (getenv("VN_TEST_DUMP"))
        dump(&s);
    long header = find(&s, "ỦY BAN NHÂN DÂN TỈNH AN PHÚ"), capacity = find(&s, "KT. CHỦ TỊCH");
    ok(header >= 0 && !(flags_of(&s, header) & VN_SRC_CELL), "the running header is no cell of the closing");
    ok(capacity >= 0 && (flags_of(&s, capacity) & VN_SRC_PARA) && (flags_of(&s, capacity) & VN_SRC_CELL),
       "the capacity opens the right cell");
    vn_source_free(&s);
}

int main(void)
{
    two_columns_are_never_interleaved();
    a_list_number_glued_to_its_text_is_written_apart();
    a_header_of_two_rows_is_read_row_by_row();
    a_line_filling_the_width_goes_on();
    a_header_row_shows_by_a_line_beside_nothing();
    running_headers_and_page_numbers_are_furniture();
    a_year_wrapped_at_the_page_foot_is_no_page_number();
    footnotes_leave_the_paragraph_they_interrupt();
    a_data_table_is_read_row_by_row();
    a_table_ending_the_page_is_no_footnote();
    stacked_small_lines_beside_a_taller_one_stay_apart();
    a_glyph_of_a_font_with_no_name_takes_its_neighbours();
    a_wrapped_heading_in_large_type_goes_on();
    notes_gathered_at_the_end_are_footnotes();
    cells_centred_beside_each_other_are_one_row();
    a_row_of_cells_centred_vertically_keeps_its_lines();
    an_item_under_a_heading_is_no_wrapped_column();
    a_unit_cut_in_its_syllable_is_one_word();
    a_recipient_wrapped_beside_the_name_starts_no_row();
    a_border_cut_by_the_page_break_is_one_line();
    a_recipient_cut_by_the_page_break_goes_on();
    a_centred_signature_above_the_recipients_is_its_cell();
    a_recipient_wrapped_in_a_narrow_cell_goes_on();
    a_row_rest_under_the_running_header_goes_on();
    a_quarter_cut_by_the_page_break_goes_on();
    a_page_number_under_one_line_paragraphs_is_furniture();
    a_header_of_four_lines_keeps_its_merged_cell();
    a_table_with_one_rule_tells_its_rows_by_their_cells();
    a_line_indented_on_both_sides_goes_on();
    numbers_wrapped_at_the_foot_are_no_page_number();
    a_page_number_under_spaced_text_is_furniture();
    lines_at_whole_points_keep_their_cells();
    notes_in_body_type_are_footnotes();
    a_right_column_line_above_the_layout_is_its_first();
    a_cell_wrapped_after_a_slash_goes_on_with_no_space();
    a_closing_row_cut_by_the_page_break_goes_on();
    recipients_above_and_under_a_centred_signature_are_its_column();
    a_signature_wrapped_after_an_abbreviation_goes_on();
    a_first_line_apart_holding_both_columns_goes_on();
    a_flush_left_cell_is_measured_from_its_lines();
    rows_of_centred_cells_part_by_each_columns_step();
    rows_part_further_than_the_cells_paragraphs();
    rows_part_by_columns_beside_a_tall_issuer();
    centred_rows_part_by_their_middles();
    one_row_of_centred_cells_stays_one();
    rows_of_cells_in_two_sizes_part_by_their_middles();
    border_pieces_beside_a_rule_end_no_row();
    a_spaced_closing_of_one_row_is_a_layout();
    a_closing_set_from_the_top_is_one_row();
    a_rule_at_the_page_foot_ends_the_signature();
    a_border_under_the_name_measures_the_signature();
    a_row_of_centred_cells_under_two_rules_is_a_row();
    a_small_header_printed_once_in_the_margin_is_furniture();
    a_small_header_centred_on_the_signature_is_no_lead();
    a_stretched_sentence_before_an_item_ends_it();
    reads_a_plan_printed_by_libreoffice();
    reads_a_task_table_printed_by_libreoffice();
    refuses("encrypted.pdf", VNPLAN_ERR_BINARY, "the PDF is protected by a password");
    refuses("truncated.pdf", VNPLAN_ERR_BINARY, "damaged or truncated");
    refuses("scan.pdf", VNPLAN_ERR_BINARY, "no text layer (a scanned document): run OCR first");
    refuses("too-many-pages.pdf", VNPLAN_ERR_TOO_LARGE, "5001 pages");
    refuses("no-unicode.pdf", VNPLAN_ERR_ENCODING, "text layer is not text");
    reads_an_annex_of_figures();
    survives_damaged_files();
    return done();
}
