/* test_page_footnotes.c — a number a PDF prints in its footer is the page's,
 * never a footnote's (src/lines_footnotes.c).
 *
 * AbiWord numbers every page of Quảng Ngãi's plan "1" in the footer
 * (tests/fixtures/tools/mkabiword.sh), so that no page count tells the page
 * numbers, and the text holds the mark of footnote 1 ("Tỉnh ủy1").  The last
 * page ends with the signer's name, then the footer's "1": read as footnote
 * 1 printed after its text, the name left the signature and became the
 * footnote.  The PDF reader flags the footer as page furniture; the
 * footnote reader must take its word.  The file waits in formats-pending/
 * for another reason (README there) and moves to formats/ when it reads
 * right: both places are looked at. */
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <stdio.h>
#include <string.h>

#define DOC "tinh-quang-ngai-1002-pdftotext-layout-glued-rule-spliced-footnote.abiword.pdf"

int main(void)
{
    char root[512], path[1024], err[512] = "";
    tu_find_root("tests/fixtures/plans", root, sizeof root);
    snprintf(path, sizeof path, "%stests/fixtures/formats-pending/" DOC, root);
    FILE *f = fopen(path, "rb");
    if (!f)
        snprintf(path, sizeof path, "%stests/fixtures/formats/" DOC, root);
    else
        fclose(f);
    vnplan_doc *doc = NULL;
    if (!ok(vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK, "%s parses (%s)", path, err))
        return done();
    is_str(vnplan_meta_signer_name(doc), "Võ Thị Minh Thư",
           "the name above the footer's page number is the signer's, not footnote 1");
    is_str(vnplan_meta_signer_capacity(doc), "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH", "the signing lines");
    vnplan_doc_free(doc);
    return done();
}
