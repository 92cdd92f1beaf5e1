/* lines_stamps.c — a digital signature's stamp printed on a page.
 *
 * A plan signed with a digital certificate (the government's CA of the Ban
 * Cơ yếu Chính phủ, as the portals publish plans) carries the signature's
 * appearance on its first or last page: a box of a few lines in small type,
 *
 *     Ký bởi: Ủy ban Nhân dân tỉnh Ninh Bình
 *     Email: ubnd@ninhbinh.gov.vn
 *     Cơ quan: Tỉnh Ninh Bình
 *     Thời gian ký: 20.06.2025 10:45:14 +07:00
 *
 * which text extraction prints where the box stands: above the header,
 * between the signer's capacity and name, at a page's foot in the middle of
 * a paragraph.  It is no part of the plan.  Its lines become page furniture,
 * so that a paragraph it cuts goes on over it, the header and the closing
 * are read without it, and its "Ký bởi" — a body — is never taken for the
 * person who signs.
 *
 * A stamp is a run of lines each opening with one of the stamp's keys and a
 * colon (lines.txt [stamp_signer], [stamp_field]), blank lines and page
 * furniture between them allowed, that holds the signer's line and another:
 * the keys alone ("Email:", "Cơ quan:") may open lines of a plan's own text,
 * a contact or a list, but never under "Ký bởi:".  A line without a key
 * between two of the stamp's is its value wrapped in the narrow box ("Ký
 * bởi: Ủy ban Nhân dân tỉnh Thừa Thiên" / "Huế" / "Email: …").  A reader's
 * own appearance heads it with a line of its own ("Signature Not Verified" /
 * "Digitally signed by …" / "Date: 2025.06.20 …"), part of the run too. */
#include "stages.h"
#include "lines_private.h"

/* The stamp's key on line k, or VN_STAMP_NONE. */
static int key_of(const vnplan_doc *doc, size_t k)
{
    const vn_pline *pl = &doc->plines[k];
    if (!vn_pline_is_content(pl))
        return VN_STAMP_NONE;
    return vn_lines_stamp_key(doc->grammar, doc->text.s + pl->start, pl->end - pl->start);
}

/* The next content line after k, or nplines. */
static size_t next_content(const vnplan_doc *doc, size_t k)
{
    while (++k < doc->nplines && !vn_pline_is_content(&doc->plines[k]))
        ;
    return k;
}

/* A wrapped value is short: the rest of a body's or a place's name. */
#define STAMP_WRAP_MAX_CHARS 40

void vn_lines_mark_stamps(vnplan_doc *doc)
{
    for (size_t k = 0; k < doc->nplines;) {
        if (key_of(doc, k) == VN_STAMP_NONE) {
            k++;
            continue;
        }
        /* the run of the stamp's lines from k: keyed lines, and a short line
         * without a key between two keyed ones */
        size_t first = k, last = k, keyed = key_of(doc, k) != VN_STAMP_HEADING;
        bool signer = key_of(doc, k) == VN_STAMP_SIGNER;
        for (size_t j = next_content(doc, k); j < doc->nplines; j = next_content(doc, j)) {
            int key = key_of(doc, j);
            if (key == VN_STAMP_NONE) {
                size_t after = next_content(doc, j);
                if (doc->plines[j].chars > STAMP_WRAP_MAX_CHARS || after >= doc->nplines ||
                    key_of(doc, after) == VN_STAMP_NONE)
                    break;
                continue;
            }
            signer |= key == VN_STAMP_SIGNER;
            keyed += key != VN_STAMP_HEADING;
            last = j;
        }
        if (signer && keyed >= 2)
            for (size_t j = first; j <= last; j++)
                if (vn_pline_is_content(&doc->plines[j]))
                    doc->plines[j].flags |= VN_PL_FURNITURE;
        k = last + 1;
    }
}
