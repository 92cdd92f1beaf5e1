"""report_words.py — reads a diff report as the text a reader sees, for
test_report_golden.sh.

  report_words.py expect REPORT FORMAT EXPECT
      every fragment of EXPECT (a line; # lines are comments) is in the
      report, in this order; white space compared collapsed.  Prints
      "ok" or the first fragment not found and what follows the last one found.
  report_words.py english REPORT FORMAT POT DOC...
      the English words of the report outside the documents' own text: an
      ASCII word of 3 letters or more that is an English word — one of the
      words of the messages of po/vnplan.pot (the report's English) or of the
      list below — and is not a word of any DOC (the plan, the baseline's
      file: their sentences, names and file names).  Prints them, or "none".

The text of an HTML report is its elements' text without <style> and
<script>: attributes (ids in data-*, classes, links) are not read.  A CSV
report is read without its columns of ids for programs (part, base_id,
status, plan_id); FORMAT is text, html or csv.
"""
import csv
import html.parser
import io
import re
import sys

# common English words of reports, beside those of the messages
ENGLISH = set("""
the and for with not this that from are was were has have had but its into than then there which when
where what who why how all any each every other some more most less least only also same such very
adopted changed missing added baseline plan plans target targets confidence unverified summary status
line page paragraph value unit phase comparator stricter looser localized different general confirmed
likely inferred matched covered assigned local qualitative objectives funding duties groups task tasks
report comparison compared file files show none high medium low similarity restated implements
document documents header footer contents why could read bundled amount part total""".split())

# names a Vietnamese text keeps as they are: formats, programs and their arguments, a command's
# example (they are in the messages, and are no English words to a reader)
NAMES = set("""
fifo ocr png jpeg gif tiff bmp webp pdf docx doc odt rtf word wordperfect zip rar xlsx ods pptx odp utf
tesseract ocrmypdf soffice headless convert iconv vie gunzip bunzip2 unxz unzstd""".split())


class Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "td", "th", "tr", "li", "h1", "h2", "h3", "h4", "dt", "dd", "section", "nav",
             "header", "footer", "table", "title", "summary", "details", "ul", "ol", "br", "button", "span",
             "b", "em", "a", "mark", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        # inline elements join their text to their neighbours' as the page does (<b> is
        # a block in the counts' cards, and a name or a label elsewhere)
        if tag in self.BLOCK and tag not in ("span", "em", "a", "mark", "code"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        if tag in self.BLOCK and tag not in ("span", "em", "a", "mark", "code"):
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def report_text(path, fmt):
    s = open(path, encoding="utf-8-sig").read()
    if fmt == "csv":
        # the columns of ids for programs (part, status id, the targets' ids) are not words
        rows = list(csv.reader(io.StringIO(s)))
        ids = {1, 2, 3, 15}
        s = "\n".join(" ".join(c for i, c in enumerate(r) if i not in ids) for r in rows)
    if fmt == "html":
        p = Text()
        p.feed(s)
        s = "".join(p.out)
    return re.sub(r"\s+", " ", s).strip()


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def expect(report, fmt, exp):
    text = report_text(report, fmt)
    pos = 0
    for line in open(exp, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        frag = collapse(line)
        at = text.find(frag, pos)
        if at < 0:
            print("not found: %s" % frag)
            before = text.find(frag)
            if before >= 0:
                print("(it is earlier in the report, at %d; the last fragment ended at %d)" % (before, pos))
            print("after the last fragment found: %s" % text[pos : pos + 300])
            return
        pos = at + len(frag)
    print("ok")


# an ASCII word that is a whole word (not the start of "nhiệm")
WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{3,}(?![^\W\d_])")


def english(report, fmt, pot, docs):
    words = set(ENGLISH)
    for m in re.finditer(r'^msgid(?:_plural)? "(.*)"$', open(pot, encoding="utf-8").read(), re.M):
        for w in WORD.findall(m.group(1)):
            words.add(w.lower())
    own = set()
    for d in docs:
        own.update(w.lower() for w in WORD.findall(d))  # the file's name
        own.update(w.lower() for w in WORD.findall(open(d, encoding="utf-8", errors="replace").read()))
    # words that are Vietnamese as well (without marks) are not evidence of English
    own.add("vnplan")  # the program's name
    own.update(["tin", "cao", "trung", "theo", "tong", "chi", "can", "con", "nam", "tan", "hoa", "thi"])
    text = re.sub(r"--[a-z][a-z-]*", " ", report_text(report, fmt))  # options of the command line
    found = sorted({w for w in WORD.findall(text)
                    if w.lower() in words and w.lower() not in own and w.lower() not in NAMES})
    print(" ".join(found) if found else "none")


if sys.argv[1] == "expect":
    expect(sys.argv[2], sys.argv[3], sys.argv[4])
else:
    english(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
