"""pdf_rows.py PDF BBOX — reads a printed report (pdftotext -bbox into BBOX)
and says, for test_report_print.sh:

  pages: N
  rows: the row numbers (STT) found under the findings tables' headers,
        in sequence (1, 2, 3 ... starting again at 1 for the next table)
  split rows: how many times a table's header on a page is followed by text
        of a row before the first row number (the rest of a row cut at the
        page before), or by text and no row number at all
  sizes ok: every page A4; the summary across plans on landscape pages and
        the findings tables on portrait pages
  headers ok: every page has a line in its top margin and "trang N / M" (N
        the page's number, M the count) in its bottom margin
"""
import re
import subprocess
import sys

A4 = (595.0, 842.0)
TOL = 3.0


def words_of(pdf, bbox):
    subprocess.run(["pdftotext", "-bbox", pdf, bbox], check=True)
    text = open(bbox, encoding="utf-8").read()
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        ws = []
        for w in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', m.group(3)
        ):
            x0, y0, x1, y1 = (float(w.group(i)) for i in range(1, 5))
            t = w.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            ws.append((x0, y0, x1, y1, t))
        pages.append((float(m.group(1)), float(m.group(2)), ws))
    return pages


def has_lower(t):
    return any(c.isalpha() for c in t) and t != t.upper()


def main():
    pages = words_of(sys.argv[1], sys.argv[2])
    rows = 0
    split = 0
    expect = 1
    sizes_ok = True
    headers_ok = True
    for no, (w, h, ws) in enumerate(pages, 1):
        landscape = w > h
        if abs(min(w, h) - A4[0]) > TOL or abs(max(w, h) - A4[1]) > TOL:
            sizes_ok = False
            print("page %d is not A4: %.0f x %.0f" % (no, w, h))
        heads = sorted((x for x in ws if x[4] == "STT"), key=lambda x: x[1])
        if heads and landscape:
            sizes_ok = False
            print("page %d: a findings table on a landscape page" % no)
        # the running header and the page number
        top = [x for x in ws if x[3] < 36]
        bottom = " ".join(x[4] for x in ws if x[1] > h - 40)
        if not top or not re.search(r"trang %d / %d" % (no, len(pages)), bottom):
            headers_ok = False
            print("page %d: header %r, foot %r" % (no, " ".join(x[4] for x in top)[:60], bottom))
        for i, hd in enumerate(heads):
            next_y = heads[i + 1][1] if i + 1 < len(heads) else h
            below = [x for x in ws if x[1] > hd[3] and x[1] < next_y - 1]
            nums = sorted(
                (x for x in below if re.fullmatch(r"\d+", x[4]) and x[0] >= hd[0] - 10 and x[2] <= hd[2] + 6),
                key=lambda x: x[1],
            )
            seq = []
            for x in nums:
                v = int(x[4])
                if v == expect or v == 1:
                    seq.append(x)
                    expect = v + 1
                    rows += 1
            if seq:
                first = seq[0][1]
                cut = [x for x in below if x[3] < first - 1 and has_lower(x[4])]
            else:
                cut = [x for x in below if has_lower(x[4]) and x[1] < h - 40]
            if cut:
                split += 1
                print("page %d: under the header, before a row's number: %s" % (no, " ".join(x[4] for x in cut[:12])))
    # the summary across plans: its heading on a landscape page
    for no, (w, h, ws) in enumerate(pages, 1):
        for i, x in enumerate(ws[:-3]):
            if [y[4] for y in ws[i : i + 4]] == ["Tổng", "hợp", "các", "kế"] and x[1] < 120:
                if not w > h:
                    sizes_ok = False
                    print("page %d: the summary across plans on a portrait page" % no)
    print("pages: %d" % len(pages))
    print("rows: %d" % rows)
    print("split rows: %d" % split)
    if sizes_ok:
        print("sizes ok")
    if headers_ok:
        print("headers ok")


main()
