/* frame_private.h — what the files of the frame stage share (frame.c,
 * frame_signing.c, frame_date.c): the rules compiled from grammars/frame.txt. */
#ifndef VN_FRAME_PRIVATE_H
#define VN_FRAME_PRIVATE_H

#include "match.h"

/* The phrase blocks of frame.txt, each loaded into the field of its name. */
#define FRAME_BLOCKS(X)                                                                                      \
    X(doc_type, true) X(motto, false) X(number, false) X(issued_with, false) X(place_date, false)            \
    X(authority, false) X(basis, false) X(opening, false) X(recipients, false) X(signature, false)           \
    X(capacity, false) X(annex, false) X(marking, false)

struct vn_frame_rules {
    FRAME_BLOCKS(VN_PHRASES_FIELD)
    /* first bytes (folded) of the recipients and signature phrases: a body
     * line that starts otherwise cannot open the closing, and is not folded */
    bool closing_first[256];
    bool closing_any; /* a pattern row: no first byte is known */
    /* [blank_field_end] and [blank_field_start]: words around a header field
     * left blank, as written (owned by the grammar) */
    const char **blank_end, **blank_start;
    size_t nblank_end, nblank_start;
};

/* Whether the piece t[0..tn), after the pieces from first_piece on, goes on
 * with the place and date before it (frame_date.c). */
bool vn_frame_place_date_part(const vnplan_doc *doc, size_t first_piece, const char *t, size_t tn);

/* "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the signing lines of a
 * signature run on into one line t[0..tn), opening with a signing prefix
 * (frame.txt [signature]) and ending with a whole capacity
 * (frame_signing.c).  tmp and key are scratch. */
bool vn_frame_signing_run_on(const vnplan_grammar *g, const char *t, size_t tn, vn_buf *tmp, vn_buf *key);

/* A personal name: two to six words, each starting with a capital, no
 * digits (frame_signing.c). */
bool vn_frame_looks_like_name(const char *s, size_t n);
/* Every word of s[0..n) holds a small letter: a name as it is written, not
 * a capacity in capitals (frame_signing.c). */
bool vn_frame_every_word_lower(const char *s, size_t n);
/* A line of the signature's cell that gives the signer: a name, with the
 * titles before it and a copy's note after it (frame_signing.c). */
bool vn_frame_signer_line(const vnplan_grammar *g, const char *s, size_t n);
/* "KẾ HOẠCH Triển khai thực hiện ...": the type line and the title joined
 * into one line s[0..n); where the title starts, or 0 (frame_header.c). */
size_t vn_frame_type_then_title(const vnplan_grammar *g, const char *s, size_t n);

#endif
