/* test_read_md.c — a Markdown snippet in, the source lines it gives out
 * (source.h; the line format is described in source_lines.h).
 *
 * The examples are what converters (docling, marker, pandoc -t gfm) write
 * for a plan's .docx, reduced to the construct under test; then the
 * hostile files: 10,000 nested quotes and lists (refused: md4c keeps its
 * containers off the stack, and the reader counts the blocks it is in),
 * 10,000 brackets and emphasis marks (read). */
#include "source_lines.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define MD(name, input, want) check_lines(name, VNPLAN_INPUT_MD, input, sizeof input - 1, want)

static void blocks(void)
{
    MD("a heading keeps its number, loses its marks", "## I. MỤC TIÊU\n\n### 1. Mục tiêu chung\n",
       "PH|I. MỤC TIÊU\nPH|1. Mục tiêu chung\n");
    MD("emphasis is not text; a paragraph all bold is flagged",
       "**III. NHIỆM VỤ**\n\n**Sở Tài chính:** Tham mưu _bố trí_ **ít nhất 70%**.\n\n_Căn cứ Luật;_\n",
       "PB|III. NHIỆM VỤ\nP|Sở Tài chính: Tham mưu bố trí ít nhất 70%.\nP|Căn cứ Luật;\n");
    MD("backslash escapes resolved", "1\\. **Sở Nội vụ:** x\n\n\\- hai\n\n\\+ ba\n\n\\* bốn\n",
       "P|1. Sở Nội vụ: x\nP|- hai\nP|+ ba\nP|* bốn\n");
    MD("a soft line break is a space, a hard one a line of the paragraph", "một\nhai\n\nba  \nbốn\n",
       "P|một hai\nP|ba\n|bốn\n");
    MD("entities decoded", "a &amp; b &#273; &#x110; &nbsp;c &bogus;\n", "P|a & b đ Đ \xC2\xA0" "c &bogus;\n");
    MD("code spans and blocks are text", "Dùng `a*b` ở đây\n\n```\nx  y\nz\n```\n",
       "P|Dùng a*b ở đây\nP|x y\n|z\n");
    MD("a quote's paragraphs are indented, a level a step (pandoc: Word's left indent)",
       "> trích\n>\n> > dẫn\n\nhết\n", "P>36|trích\nP>72|dẫn\nP|hết\n");
    MD("a thematic break is the rule line as typed", "**KẾ HOẠCH**\n\n-----------\n\nx\n\n* * *\n",
       "PB|KẾ HOẠCH\nP|-----------\nP|x\nP|* * *\n");
    MD("an image's description is not text", "Ảnh ![con dấu](a.png) đây\n", "P|Ảnh đây\n");
}

static void lists(void)
{
    MD("bullets, ordered lists with their start and delimiter",
       "- a\n- b\n\n3. x\n4. y\n\n1) p\n\n+ q\n", "PL|- a\nPL|- b\nPL|3. x\nPL|4. y\nPL|1) p\nPL|+ q\n");
    MD("a bullet list inside a bullet list is '+'", "- a\n  - b\n- c\n", "PL|- a\nPL|+ b\nPL|- c\n");
    MD("a loose item's label goes with its first paragraph", "1. một\n\n   tiếp\n\n2. hai\n",
       "PL|1. một\nP|tiếp\nPL|2. hai\n");
}

static void tables(void)
{
    MD("a two-column pipe table is a layout table: cell after cell",
       "| ỦY BAN NHÂN DÂN TỈNH A | CỘNG HÒA |\n|---|---|\n| Số: 1/KH-UBND | A, ngày 1 |\n",
       "Pc|ỦY BAN NHÂN DÂN TỈNH A\nPc|CỘNG HÒA\nPc|Số: 1/KH-UBND\nPc|A, ngày 1\n");
    MD("a joined cell's items are paragraphs again; a picture mark splits a cell",
       "| **Nơi nhận:** - Bộ A; - Lưu: VT. | **KT. CHỦ TỊCH** <!-- image --> **Trần Văn B** |\n|---|---|\n",
       "Pc|Nơi nhận:\nPc|- Bộ A;\nPc|- Lưu: VT.\nPBc|KT. CHỦ TỊCH\nPc|<!-- image -->\nPBc|Trần Văn B\n");
    MD("a wider table holds data: a row a line, TAB between cells",
       "| **TT** | **Chỉ tiêu** | **2030** |\n|---|---|---|\n| 1.1 | _Trong đó:_ x | ≥ 2,5 |\n| 2 | y | - |\n",
       "PR|TT\\tChỉ tiêu\\t2030\nPR|1.1\\tTrong đó: x\\t≥ 2,5\nPR|2\\ty\\t-\n");
    MD("a raw HTML table (pandoc's, for cells with paragraphs) is read as HTML",
       "<table>\n<tbody>\n<tr>\n<td><p>UBND</p>\n<p><strong>TỈNH A</strong></p></td>\n<td>CỘNG HÒA</td>\n"
       "</tr>\n</tbody>\n</table>\n\n**KẾ HOẠCH**\n",
       "Pc|UBND\nPBc|TỈNH A\nPc|CỘNG HÒA\nPB|KẾ HOẠCH\n");
    MD("a grid table (pandoc -t markdown, cells of several paragraphs) keeps its lines: the text stages "
       "read its bars as in pandoc's plain text",
       "x\n\n+-------------+--------------+\n| ***Nơi nhận:*** | **TM. UBND** |\n| \\- Bộ A; | **Trần B** |\n"
       "+-------------+--------------+\n",
       "P|x\nP|+-------------+--------------+\n|| Nơi nhận: | TM. UBND |\n|| - Bộ A; | Trần B |\n"
       "|+-------------+--------------+\n");
    MD("pandoc's multiline table (-t markdown): the dash runs give the columns, a row's lines join cell by cell",
       "x\n\n  ----------------------------------------------\n"
       "  **TT**   **Chỉ tiêu**          **Đơn vị   **Năm\n"
       "                                 tính**     2030**\n"
       "  -------- --------------------- ---------- -------\n"
       "  1        Tỷ lệ người học theo  \\%         35\n"
       "           các ngành STEM\n\n"
       "  2        Số nhóm | mạnh        Nhóm       ≥ 2\n"
       "  ----------------------------------------------\n\nsau\n",
       "P|x\nPR|TT\\tChỉ tiêu\\tĐơn vị tính\\tNăm 2030\nPR|1\\tTỷ lệ người học theo các ngành STEM\\t%\\t35\n"
       "PR|2\\tSố nhóm | mạnh\\tNhóm\\t≥ 2\nP|sau\n");
    MD("pandoc's simple table: a header line over dash runs, a row a line, a blank line after",
       "  TT   Chỉ tiêu     Năm 2030\n  ---- ------------ ----------\n  1    Tỷ lệ A      35%\n"
       "  2    Tỷ lệ B      40%\n\nsau\n",
       "PR|TT\\tChỉ tiêu\\tNăm 2030\nPR|1\\tTỷ lệ A\\t35%\nPR|2\\tTỷ lệ B\\t40%\nP|sau\n");
    MD("a multiline table without a header, opened and closed by dash runs: its first row stands for it",
       "x\n\n  ---- ------------ ----------\n  TT   Chỉ tiêu     Năm\n                    2030\n\n"
       "  1    Tỷ lệ A      35%\n  ---- ------------ ----------\n\nsau\n",
       "P|x\nPR|TT\\tChỉ tiêu\\tNăm 2030\nPR|1\\tTỷ lệ A\\t35%\nP|sau\n");
    MD("pandoc's bracketed spans are their words, over a line's wrap too; links and images stay",
       "**[Độc lập - Tự do - Hạnh\nphúc]{.underline}** và [x]{#id .c} [liên kết](http://a) ![ảnh](b.png) [a]\n",
       "P|Độc lập - Tự do - Hạnh phúc và x liên kết [a]\n");
    MD("pandoc's smart dashes: -- an en dash, --- an em dash; rules, escapes and code stay",
       "Giai đoạn 2030--2035, kinh tế -- xã hội --- nay; x----y; \\-- a\n\n-----\n\n`a--b`\n",
       "P|Giai đoạn 2030\xE2\x80\x93" "2035, kinh tế \xE2\x80\x93 xã hội \xE2\x80\x94 nay; x----y; -- a\nP|-----\nP|a--b\n");
    MD("two lines of rules apart, not alike, hold no table between them",
       "x\n\n-------   ---------\n\nmột\n\nhai\n\n--- --- ---\n",
       "P|x\nP|------- ---------\nP|một\nP|hai\nP|--- --- ---\n");
    MD("dash runs in fenced code, and a rule under a paragraph, are no table",
       "```\nTT  A\n--  --\n1   b\n```\n\nmột\n\n-----\n",
       "P|TT A\n|-- --\n|1 b\nP|một\nP|-----\n");
}

/* A closing whose recipients run on in one paragraph and wrap, as a PDF or a
 * converter gives them, its last piece a paragraph of its own in capitals
 * ("… Lưu: VT," / "VHXH."), after the signature: the rest of the list, never
 * a signing line of the capacity. */
static void closing_recipients_wrapped_in_capitals(void)
{
    static const char md[] = "ỦY BAN NHÂN DÂN\n\nPHƯỜNG AN BÌNH\n\nSố: 09/KH-UBND\n\nKẾ HOẠCH\n\n"
                             "Thực hiện Kế hoạch số 36/KH-UBND\n\nI. MỤC ĐÍCH\n\nTriển khai.\n\n"
                             "TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nPhan Thị Thu\n\n"
                             "Nơi nhận: UBND tỉnh (b/c); các trường học trên địa bàn; Lưu: VT,\n\nVHXH.\n";
    vnplan_doc *doc = NULL;
    char err[256];
    if (!ok(vnplan_parse_bytes_as(md, sizeof md - 1, "closing.md", VNPLAN_INPUT_MD, NULL, &doc, err, sizeof err) ==
                VNPLAN_OK,
            "a closing with run-on recipients: read"))
        return;
    const char *cap = vnplan_meta_signer_capacity(doc);
    is_str(cap ? cap : "", "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH", "the capacity holds no piece of the recipients");
    vnplan_doc_free(doc);
}

static void footnotes_and_comments(void)
{
    MD("footnotes: marks become superscript numbers in order of reference, notes follow the body",
       "Văn bản[^a] và[^1].\n\n[^1]: Một\n    tiếp **đậm**.\n\n[^a]: Hai.\n\nSau.\n",
       "P|Văn bản\xC2\xB9 và\xC2\xB2.\nP|Sau.\nPF|\xC2\xB9 Hai.\nPF|\xC2\xB2 Một tiếp đậm.\n");
    MD("a reference to no footnote, an escaped one and one in code stay text",
       "a [^x] b \\[^1] `[^1]`\n\n[^1]: N.\n", "P|a [^x] b [^1] [^1]\nPF|\xC2\xB9 N.\n");
    MD("a footnote opening with its own raised mark (Word's custom mark, as pandoc writes it) has it once",
       "Kế hoạch[^1] số 1.\n\n[^1]: <sup>1</sup> Kế hoạch số 325.\n",
       "P|Kế hoạch\xC2\xB9 số 1.\nPF|\xC2\xB9 Kế hoạch số 325.\n");
    MD("digits in <sup> are superscript digits", "10 m<sup>2</sup>\n", "P|10 m\xC2\xB2\n");
    MD("a picture placeholder is a line; other comments are not text",
       "<!-- image -->\n\nx <!-- ghi chú --> y\n\n<!-- khác -->\n", "P|<!-- image -->\nP|x y\n");
}

static void hostile(void)
{
    vn_buf b = {0};
    for (int i = 0; i < 10000; i++)
        vn_buf_putc(&b, '>');
    vn_buf_puts(&b, " x\n");
    check_refused("10,000 nested quotes", VNPLAN_INPUT_MD, b.data, b.len, VNPLAN_ERR_TOO_LARGE);
    vn_buf_clear(&b);
    for (int i = 0; i < 10000; i++)
        vn_buf_puts(&b, "- ");
    vn_buf_puts(&b, "x\n");
    check_refused("10,000 nested lists on one line", VNPLAN_INPUT_MD, b.data, b.len, VNPLAN_ERR_TOO_LARGE);
    vn_buf_clear(&b);
    for (int i = 0; i < 2000; i++) {
        for (int k = 0; k < i; k++)
            vn_buf_puts(&b, "  ");
        vn_buf_puts(&b, "- x\n");
    }
    check_refused("2,000 list levels by indentation", VNPLAN_INPUT_MD, b.data, b.len, VNPLAN_ERR_TOO_LARGE);
    vn_buf_clear(&b);
    for (int i = 0; i < 10000; i++)
        vn_buf_putc(&b, '[');
    vn_buf_putc(&b, 'x');
    for (int i = 0; i < 10000; i++)
        vn_buf_putc(&b, ']');
    vn_buf_puts(&b, "\n\n");
    for (int i = 0; i < 10000; i++)
        vn_buf_putc(&b, '*');
    vn_buf_putc(&b, 'y');
    for (int i = 0; i < 10000; i++)
        vn_buf_putc(&b, '*');
    vn_buf_putc(&b, '\n');
    vn_source s;
    vn_error e = {0};
    vnplan_status st = vn_source_read((const unsigned char *)b.data, b.len, VNPLAN_INPUT_MD, &s, &e);
    if (ok(st == VNPLAN_OK, "10,000 brackets and emphasis marks: read (%s)", e.msg))
        vn_source_free(&s);
    check_refused("a file without text", VNPLAN_INPUT_MD, "\n\n<!-- x -->\n", 13, VNPLAN_ERR_EMPTY);

    /* 50,000 borders and rows of dash runs that close no table, and 50,000
     * span ends whose '[' lies far back: each search is a lookup or stops at
     * the last one, not a walk of the lines or bytes before */
    vn_buf_clear(&b);
    for (int i = 0; i < 50000; i++)
        vn_buf_puts(&b, "------\n**x**\n---- ----\nrow\n");
    for (int i = 0; i < 50000; i++)
        vn_buf_puts(&b, "[[[[[[[[]{.");
    vn_buf_putc(&b, '\n');
    st = vn_source_read((const unsigned char *)b.data, b.len, VNPLAN_INPUT_MD, &s, &e);
    if (ok(st == VNPLAN_OK, "50,000 borders closing nothing and span ends: read (%s)", e.msg))
        vn_source_free(&s);
    vn_buf_free(&b);

    /* 20,000 footnotes and references: labels are hashed, not searched; the
     * definitions past the limit stay text */
    vn_buf notes = {0};
    for (int i = 0; i < 20000; i++)
        vn_buf_printf(&notes, "x[^%d] ", i);
    vn_buf_puts(&notes, "\n\n");
    for (int i = 0; i < 20000; i++)
        vn_buf_printf(&notes, "[^%d]: n%d\n\n", i, i);
    st = vn_source_read((const unsigned char *)notes.data, notes.len, VNPLAN_INPUT_MD, &s, &e);
    if (ok(st == VNPLAN_OK, "20,000 footnotes: read (%s)", e.msg)) {
        size_t flagged = 0;
        for (size_t i = 0; i < s.nlines; i++)
            flagged += (s.lines[i].flags & VN_SRC_FOOTNOTE) != 0;
        is_long((long)flagged, 10000, "20,000 footnotes: the first 10,000 are footnotes");
        vn_source_free(&s);
    }
    vn_buf_free(&notes);

    /* 100,000 blank lines, then 100,000 breaks inside items ("1. ***",
     * not on a line of their own): the search for each break's rule line
     * goes on from where the last one stopped, never from the start */
    vn_buf breaks = {0};
    for (int i = 0; i < 100000; i++)
        vn_buf_putc(&breaks, '\n');
    for (int i = 0; i < 100000; i++)
        vn_buf_puts(&breaks, "1. ***\n");
    vn_buf_puts(&breaks, "\n-----------\n");
    clock_t t0 = clock();
    st = vn_source_read((const unsigned char *)breaks.data, breaks.len, VNPLAN_INPUT_MD, &s, &e);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (ok(st == VNPLAN_OK, "100,000 breaks in items: read (%s)", e.msg)) {
        ok(secs < 10, "100,000 breaks in items: read in %.2f s (under 10)", secs);
        size_t last = s.nlines - 1;
        char rule[16] = "";
        size_t len = s.text.len - s.lines[last].start;
        if (len < sizeof rule)
            memcpy(rule, s.text.data + s.lines[last].start, len);
        is_str(rule, "-----------", "100,000 breaks in items: the rule on a line of its own is still read as typed");
        vn_source_free(&s);
    }
    vn_buf_free(&breaks);
}

int main(void)
{
    blocks();
    lists();
    tables();
    footnotes_and_comments();
    closing_recipients_wrapped_in_capitals();
    hostile();
    return done();
}
