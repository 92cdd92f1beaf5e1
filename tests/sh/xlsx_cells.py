"""xlsx_cells.py XLSX — the CSV report as LibreOffice Calc read it (converted
to .xlsx): says, for test_report_print.sh,

  header ok       the first row holds the Vietnamese column names
  numbers ok      every filled cell of the value, value_max, confidence and
                  line columns is a number (and there are such cells)
  comparators ok  every filled comparator cell is text: ≥ ≤ > < ≈ or "bằng",
                  and no cell of the sheet is a formula
"""
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
NUMERIC = ["đối chiếu: giá trị", "đối chiếu: giá trị tối đa", "độ tin cậy", "kế hoạch: giá trị",
           "kế hoạch: giá trị tối đa", "kế hoạch: dòng"]
COMPARATORS = ["đối chiếu: mức so sánh", "kế hoạch: mức so sánh"]
SYMBOLS = {"≥", "≤", ">", "<", "≈", "bằng"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n - 1


def main():
    z = zipfile.ZipFile(sys.argv[1])
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    formulas = 0
    for row in sheet.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            if c.find("m:f", NS) is not None:
                formulas += 1
            v = c.find("m:v", NS)
            kind = c.get("t", "n")
            if kind == "s" and v is not None:
                val = shared[int(v.text)]
            elif kind == "inlineStr":
                val = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            else:
                val = v.text if v is not None else ""
            cells[col_index(c.get("r"))] = (kind, val)
        rows.append(cells)
    header = [rows[0].get(i, ("", ""))[1] for i in range(max(rows[0]) + 1)] if rows else []
    print("header: %s" % " | ".join(header[:6]))
    if header and header[0] == "kế hoạch" and all(h in header for h in NUMERIC + COMPARATORS):
        print("header ok")
    else:
        return
    numbers = bad = 0
    for name in NUMERIC:
        k = header.index(name)
        for r in rows[1:]:
            kind, val = r.get(k, ("", ""))
            if val == "":
                continue
            if kind == "n":
                numbers += 1
            else:
                bad += 1
                if bad <= 3:
                    print("not a number: %s = %r (%s)" % (name, val, kind))
    print("numeric cells: %d, other: %d" % (numbers, bad))
    if numbers and not bad:
        print("numbers ok")
    texts = wrong = 0
    for name in COMPARATORS:
        k = header.index(name)
        for r in rows[1:]:
            kind, val = r.get(k, ("", ""))
            if val == "":
                continue
            if kind in ("s", "inlineStr", "str") and val in SYMBOLS:
                texts += 1
            else:
                wrong += 1
                if wrong <= 3:
                    print("comparator cell: %r (%s)" % (val, kind))
    print("comparator cells: %d, other: %d, formulas: %d" % (texts, wrong, formulas))
    if texts and not wrong and not formulas:
        print("comparators ok")


main()
