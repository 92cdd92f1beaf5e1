#!/usr/bin/env python3
"""bench-growth-gen.py KIND N -- writes to standard output a plan of N items
in a structured format, for tools/bench-growth.sh: each reader timed at n, 2n
and 4n shows whether its time grows with its input or faster.

  docx        N numbered paragraphs of targets (a fifth with a "- Trong đó"
              part after it), as Word paragraphs
  docx-table  one Word table of N rows (STT | indicator | value)
  docx-runs   one paragraph of N runs ("đạt 12%; " each)
  odt         the N paragraphs as ODF text:p
  html        the N items as one <ol>, the parts as nested <ul>
  html-deep   N items nested 100 deep at a time (libxml2 refuses 256 deep;
              the tree caps its nesting at 48)
  html-table  one <table> of N rows
  md          the N items as a Markdown ordered list, parts indented
  md-table    one pipe table of N rows
  pdf-line    a PDF page printing one line of N words (no page does; PDF
              line building weighed each word against all the words of its
              line, and took 7 s on 40,000)

The files are the smallest each format allows (zipfile and hand-written
XML): what is measured is the reader's walk, not a producer's decoration.
"""
import io
import sys
import zipfile
from xml.sax.saxutils import escape as x

HEAD = ["ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "Số: 1/KH-UBND", "KẾ HOẠCH",
        "Triển khai thực hiện Quyết định số 1002/QĐ-TTg", "I. MỤC TIÊU"]
TAIL = ["II. NHIỆM VỤ", "1. Tổ chức thực hiện."]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def items(n):
    for i in range(1, n + 1):
        yield "%d. Đến năm 2030, có ít nhất %d trường học loại %d đạt chuẩn số %d." % (i, i, i, i)
        if i % 5 == 0:
            yield "- Trong đó %d%% trường học vùng khó khăn." % (i % 100)


def rows(n):
    for i in range(1, n + 1):
        yield (str(i), "Tỷ lệ trường học loại %d đạt chuẩn" % i, "%d%%" % (i % 100))


def w_para(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % x(text)


def w_cell(text):
    return "<w:tc>%s</w:tc>" % w_para(text)


def docx(body):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body))
    return out.getvalue()


def odt(body):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>%s</office:text></office:body></office:document-content>' % body)
    return out.getvalue()


def html(body):
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>\n%s\n%s</body></html>\n'
            % ("".join("<p>%s</p>\n" % x(p) for p in HEAD), body)).encode()


def pdf_line(n):
    # a page as wide as PDF allows (200 inches), the words in type small
    # enough for N of them to fit on it
    size = min(12.0, 14000 / (1.8 * n + 1))  # "ab " is 1.8 em of Courier
    content = ("BT /F1 %.4f Tf 10 10 Td (%s) Tj ET" % (size, "ab " * n)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 40] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    out, offs = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, o in enumerate(objs):
        offs.append(out.tell())
        out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offs))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def make(kind, n):
    if kind == "docx":
        return docx("".join(w_para(p) for p in HEAD + list(items(n)) + TAIL))
    if kind == "docx-table":
        trs = "".join("<w:tr>%s</w:tr>" % "".join(w_cell(c) for c in r) for r in [("STT", "Chỉ tiêu", "Năm 2030")] + list(rows(n)))
        return docx("".join(w_para(p) for p in HEAD) + "<w:tbl>%s</w:tbl>" % trs)
    if kind == "docx-runs":
        runs = "".join('<w:r><w:t xml:space="preserve">đạt %d%%; </w:t></w:r>' % (i % 100) for i in range(n))
        return docx("".join(w_para(p) for p in HEAD) + "<w:p>%s</w:p>" % runs)
    if kind == "odt":
        return odt("".join("<text:p>%s</text:p>" % x(p) for p in HEAD + list(items(n)) + TAIL))
    if kind == "html":
        lis = "".join("<ul><li>%s</li></ul>\n" % x(p[2:]) if p.startswith("- ") else "<li>%s</li>\n" % x(p.split(". ", 1)[1])
                      for p in items(n))
        return html("<ol>\n%s</ol>\n%s" % (lis, "".join("<p>%s</p>\n" % x(p) for p in TAIL)))
    if kind == "html-deep":
        parts = []
        for b in range(0, n, 100):
            k = min(n, b + 100) - b
            parts.append("".join("<ul><li>Chỉ tiêu %d đạt %d%%.\n" % (i, i % 100) for i in range(b, b + k)))
            parts.append("</li></ul>" * k)
        return html("".join(parts))
    if kind == "html-table":
        trs = "".join("<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n" % tuple(map(x, r)) for r in rows(n))
        return html("<table><tr><th>STT</th><th>Chỉ tiêu</th><th>Năm 2030</th></tr>\n%s</table>" % trs)
    if kind == "md":
        body = "".join(("    " + p if p.startswith("- ") else p) + "\n" for p in items(n))
        return ("".join(p + "\n\n" for p in HEAD) + body + "\n" + "".join(p + "\n\n" for p in TAIL)).encode()
    if kind == "md-table":
        body = "".join("| %s | %s | %s |\n" % r for r in rows(n))
        return ("".join(p + "\n\n" for p in HEAD) + "| STT | Chỉ tiêu | Năm 2030 |\n|---|---|---|\n" + body).encode()
    if kind == "pdf-line":
        return pdf_line(n)
    sys.exit("bench-growth-gen.py: unknown kind %s" % kind)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.stdout.buffer.write(make(sys.argv[1], int(sys.argv[2])))
