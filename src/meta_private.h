/* meta_private.h — what meta.c (type, number, date, references, signer)
 * and meta_place.c (issuer, locality, level) share: the rules of meta.txt
 * and the helpers that read the fields frame.c named. */
#ifndef VN_META_PRIVATE_H
#define VN_META_PRIVATE_H

#include "stages.h"
#include "grammar.h"
#include "match.h"

#define META_FILE "meta.txt"

/* The phrase blocks of meta.txt, each loaded into the field of its name; [codes] is
 * read apart, its rows kept verbatim (spellings, not folded). */
#define META_BLOCKS(X)                                                                                       \
    X(level, true)                                                                                           \
    X(national, false) X(local_body, false) X(implement, false) X(basis, false) X(charter, false)            \
        X(ref, true) X(number_shape, false) X(ref_date, false) X(doc_date, false) X(doc_month, false)        \
            X(signer_title, false) X(own_level, true) X(body_level, true) X(not_level, false)                \
                X(cited_by, false) X(place_end, false) X(oversee, false)

struct vn_meta_rules {
    META_BLOCKS(VN_PHRASES_FIELD)
    vn_phrases codes;
    const char **spelling; /* place names whose spelling title case does not give ("Cư M'gar") */
    size_t nspelling;
};

/* s[0..n) kept in the document's arena. */
const char *vn_meta_keep(vnplan_doc *doc, const char *s, size_t n);
/* The text of every field f of the first document, sep between them. */
void vn_meta_field_text(const vnplan_doc *doc, vn_field f, const char *sep, vn_buf *out);
/* The same, line by line, the notes left out when skip_notes. */
void vn_meta_field_lines(const vnplan_doc *doc, vn_field f, const char *sep, bool skip_notes, vn_buf *out);
/* An all-caps name in title case, syllable by syllable. */
void vn_meta_title_case(const char *s, size_t n, vn_buf *out);
/* A place name spelled as meta.txt [place_spelling] says ("Cư M'gar"). */
void vn_meta_place_spelling(const struct vn_meta_rules *r, vn_buf *name);

/* meta_place.c: the issuer, the locality and its level. */
void vn_meta_find_issuer(vnplan_doc *doc, vn_buf *tmp);

#endif
