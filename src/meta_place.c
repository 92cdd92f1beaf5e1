/* meta_place.c — who issued the plan and for which place: the issuer, the
 * locality and its level, read from the header's issuer field or, when
 * the plan was exported without its letterhead, from the body that acts in
 * the opening, the place names the body uses with that level and the
 * place-and-date line.  meta.c calls it (vn_meta_find_issuer). */
#include "meta_private.h"
#include "utf8.h"

#include <utf8proc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- issuer, locality, level --------------------------------------------------------------- */

enum { NUMBERED_PLACE_DIGITS = 2 /* Quận 12, Phường 15: numbered units run to two digits */ };

/* Finds "LEVEL NAME" in folded text k, where NAME is the capitalised words
 * that follow in the original text t (same words, same order). */
enum { PLACE_END_BYTES = 64 /* bytes of a header word and those after it folded for [place_end] */ };

/* The words at t open the name of a body under the local government
 * (meta.txt [place_end]); scratch is a buffer for the folded words. */
static bool opens_body_under(const struct vn_meta_rules *r, const char *t, size_t tn, vn_buf *scratch)
{
    vn_buf_clear(scratch);
    vn_fold_key(t, tn < PLACE_END_BYTES ? tn : PLACE_END_BYTES, scratch);
    size_t len;
    if (vn_phrases_prefix(&r->place_end, scratch->data ? scratch->data : "", scratch->len, &len) < 0)
        return false;
    return len == scratch->len || scratch->data[len] == ' ';
}

static void level_and_locality(vnplan_doc *doc, const char *t, size_t tn, bool from_header)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_buf key = {0}, name = {0}, scratch = {0};
    vn_fold_key(t, tn, &key);
    size_t at, len;
    int li = -1;
    /* the first level word after a local body's name, or at the start */
    size_t bat, blen;
    size_t from = 0;
    if (vn_phrases_find(&r->local_body, key.data, key.len, &bat, &blen) >= 0)
        from = bat + blen;
    const char *k = key.data ? key.data + from : "";
    size_t kn = key.len - from;
    /* skip "(ubnd)" after "ủy ban nhân dân" */
    while (kn && (*k == ' ')) {
        k++;
        kn--;
    }
    if (kn && *k == '(') {
        const char *close = memchr(k, ')', kn);
        if (close) {
            kn -= (size_t)(close + 1 - k);
            k = close + 1;
            while (kn && *k == ' ')
                k++, kn--;
        }
    }
    li = vn_phrases_prefix(&r->level, k, kn, &len);
    at = (size_t)(k - key.data);
    /* a party committee names its level in its own name ("HUYỆN ỦY KRÔNG
     * BÔNG", "THÀNH ỦY HẢI PHÒNG"): meta.txt [body_level] */
    const char *body_level = NULL;
    int bl;
    if (li < 0 && from > 0 && at > 0 && kn &&
        (bl = vn_phrases_prefix(&r->body_level, key.data + bat, key.len - bat, NULL)) >= 0)
        body_level = r->body_level.v[bl].value;
    if (li >= 0 || body_level) {
        if (!doc->meta.level)
            doc->meta.level = li >= 0 ? r->level.v[li].value : body_level;
        /* the name: the words of t after as many words as key has up to at+len
         * (up to the body's name when it holds the level) */
        size_t words_before = 0, stop = li >= 0 ? at + len : at - 1;
        for (size_t q = 0; q < stop; q++)
            if (key.data[q] == ' ')
                words_before++;
        words_before++;
        size_t i = 0, w = 0;
        while (i < tn && w < words_before) {
            while (i < tn && vn_is_space(t[i]))
                i++;
            while (i < tn && !vn_is_space(t[i]))
                i++;
            w++;
        }
        while (i < tn && vn_is_space(t[i]))
            i++;
        /* capitalised words (in a header: the rest of the line); a ward,
         * commune or urban district may be named by a number alone
         * ("PHƯỜNG 12", "Quận 10", "Xã 3"): that number is its name */
        size_t a = i, b = i;
        size_t digits = 0;
        while (i + digits < tn && t[i + digits] >= '0' && t[i + digits] <= '9')
            digits++;
        if (digits && digits <= NUMBERED_PLACE_DIGITS &&
            (i + digits == tn || vn_is_space(t[i + digits]) || strchr(",;.)", t[i + digits]))) {
            b = i + digits;
            i = tn;
        }
        while (i < tn) {
            size_t q = i;
            int32_t cp = vn_utf8_next(t, tn, &q);
            if (!vn_cp_is_upper(cp) && !(from_header && vn_cp_is_letter(cp)))
                break;
            if (i > a && opens_body_under(r, t + i, tn - i, &scratch))
                break; /* "PHÚ THỌ SỞ NỘI VỤ": the Sở is no part of the place */
            while (i < tn && !vn_is_space(t[i]) && t[i] != ',' && t[i] != ';' && t[i] != ')' && t[i] != '.')
                i++;
            b = i;
            if (i < tn && t[i] == '-') {
                i++;
                continue;
            }
            if (i >= tn || !vn_is_space(t[i]))
                break;
            while (i < tn && vn_is_space(t[i]))
                i++;
            if (i < tn && t[i] == '-') { /* "Bà Rịa - Vũng Tàu" */
                i++;
                while (i < tn && vn_is_space(t[i]))
                    i++;
            }
        }
        if (b > a && !doc->meta.locality) {
            vn_meta_title_case(t + a, b - a, &name);
            vn_meta_place_spelling(r, &name);
            doc->meta.locality = vn_meta_keep(doc, name.data, name.len);
        }
    }
    vn_buf_free(&key);
    vn_buf_free(&name);
    vn_buf_free(&scratch);
}

enum {
    BODY_LOCALITY_SCAN = 1 << 16, /* bytes of a node's text looked at for "thành phố Huế" */
    BODY_LOCALITY_WINDOW = 120    /* bytes after a level word read for the name */
};

/* No header and an opening that names the body without its place ("Ủy ban
 * nhân dân thành phố xây dựng Kế hoạch ..."): the place the body's text
 * names with the document's own level ("trên địa bàn thành phố Huế") is the
 * locality.  The preamble and closing are left out: their recipients name
 * the bodies above (UBND tỉnh ...), not the issuer.  The issuer is the body
 * that acts in the opening, as it writes it (body; none when NULL or empty),
 * of that place: "Đảng ủy xã Tân Lập" for "Ban Thường vụ Đảng ủy xã". */
static void locality_from_body(vnplan_doc *doc, vn_buf *tmp, const vn_buf *body)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_buf key = {0};
    for (size_t n = 0; n < doc->nnodes && !doc->meta.locality; n++) {
        const vn_node *nd = &doc->nodes[n];
        if (nd->kind == VN_KIND_PART || nd->kind == VN_KIND_FIELD || nd->kind == VN_KIND_DOCUMENT)
            continue;
        bool in_part = false;
        size_t guard = 0;
        for (int32_t p = nd->parent; p >= 0 && (size_t)p < doc->nnodes && guard++ < doc->nnodes;
             p = doc->nodes[p].parent)
            in_part = in_part || doc->nodes[p].kind == VN_KIND_PART;
        if (in_part)
            continue;
        vn_buf_clear(tmp);
        vn_render_node_text(doc, nd, tmp);
        const char *t = vn_buf_cstr(tmp); /* strstr below reads to a NUL */
        size_t tn = tmp->len;
        for (size_t i = 0; i < tn && !doc->meta.locality && i < BODY_LOCALITY_SCAN; i++) {
            if (i > 0 && !vn_is_space(t[i - 1]))
                continue;
            size_t end = i;
            while (end < tn && end - i < BODY_LOCALITY_WINDOW && t[end] != ',' && t[end] != ';' &&
                   t[end] != '.')
                end++;
            vn_fold_key(t + i, end - i, &key);
            size_t len;
            int li = vn_phrases_prefix(&r->level, key.data ? key.data : "", key.len, &len);
            if (li < 0 || strcmp(r->level.v[li].value, doc->meta.level) != 0)
                continue;
            level_and_locality(doc, t + i, end - i, false);
            const char *loc = doc->meta.locality ? strstr(t + i, doc->meta.locality) : NULL;
            if (loc && !doc->meta.issuer && body && body->len) {
                /* the body as the opening writes it ("Đảng ủy", "Ủy ban nhân
                 * dân") + the level and name as the text writes them */
                vn_buf iss = {0};
                vn_buf_put(&iss, body->data, body->len);
                vn_buf_putc(&iss, ' ');
                vn_buf_put(&iss, t + i, (size_t)(loc - (t + i)) + strlen(doc->meta.locality));
                doc->meta.issuer = vn_meta_keep(doc, iss.data, iss.len);
                vn_buf_free(&iss);
            }
        }
    }
    vn_buf_free(&key);
}

/* A header that names only a department ("SỞ KHOA HỌC VÀ CÔNG NGHỆ") gives
 * the place and no level: the level is the word the text puts before that
 * place's name ("trên địa bàn thành phố Hải Phòng"), in the title, the
 * opening or the basis, else in the body. */
static void level_of_named_place(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_buf place = {0}, key = {0};
    vn_fold_key(doc->meta.locality, strlen(doc->meta.locality), &place);
    static const vn_field where[] = {VN_FIELD_TITLE, VN_FIELD_OPENING, VN_FIELD_BASIS};
    for (size_t w = 0; w <= 3 && !doc->meta.level && place.len; w++) {
        if (w < 3) {
            vn_meta_field_text(doc, where[w], " ", tmp);
        } else {
            vn_buf_clear(tmp);
            for (size_t n = 0; n < doc->nnodes && tmp->len < BODY_LOCALITY_SCAN; n++)
                if (doc->nodes[n].kind == VN_KIND_PARAGRAPH || doc->nodes[n].kind == VN_KIND_ITEM) {
                    vn_render_node_text(doc, &doc->nodes[n], tmp);
                    vn_buf_putc(tmp, ' ');
                }
        }
        vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
        const char *k = vn_buf_cstr(&key), *pk = vn_buf_cstr(&place); /* NUL-ended for strstr */
        for (const char *at = k; !doc->meta.level && (at = strstr(at, pk)) != NULL; at++) {
            size_t before = (size_t)(at - k), after = before + place.len;
            if (after < key.len && k[after] != ' ' && k[after] != ',' && k[after] != ';' && k[after] != '.')
                continue; /* part of a longer name */
            for (size_t li = 0; li < r->level.n && !doc->meta.level; li++) {
                const vn_phrase *lv = &r->level.v[li];
                if (lv->re || before < lv->len + 1 || k[before - 1] != ' ' ||
                    memcmp(k + before - 1 - lv->len, lv->text, lv->len) != 0 ||
                    (before > lv->len + 1 && k[before - 2 - lv->len] != ' '))
                    continue;
                doc->meta.level = lv->value;
            }
        }
    }
    vn_buf_free(&place);
    vn_buf_free(&key);
}

/* Line by line: the name of "UBND TỈNH LÂM ĐỒNG" ends with its line, before
 * "SỞ GIÁO DỤC VÀ ĐÀO TẠO".  A header that stacks the body above the issuer
 * ("UBND HUYỆN ..." over "ỦY BAN NHÂN DÂN XÃ ...") names the issuer last: a
 * later line with its own level and name wins over an earlier one, a line
 * with neither (a Sở, a Phòng) keeps its parent's.  A level word whose name
 * went to the next line ("ỦY BAN NHÂN DÂN TỈNH" / "BÀ RỊA - VŨNG TÀU") is
 * read with that line. */
enum { ISSUER_LINE_WORDS = 32 /* words of a header line looked at for a level word */ };

/* "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH GIA LAI", "PHÒNG GD&ĐT HUYỆN KRÔNG BÔNG": a
 * department with no body line above it names its body's place after its
 * own name.  The last level word of the line followed by a name gives them,
 * a [not_level] phrase ("Văn hóa - Xã hội") none. */
static void level_later_in_line(vnplan_doc *doc, const char *t, size_t tn)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    size_t starts[ISSUER_LINE_WORDS], nw = 0;
    for (size_t i = 0; i < tn && nw < ISSUER_LINE_WORDS; i++)
        if (!vn_is_space(t[i]) && (i == 0 || vn_is_space(t[i - 1])))
            starts[nw++] = i;
    vn_buf key = {0};
    for (size_t w = nw; w-- > 1 && !doc->meta.level;) {
        vn_fold_key(t + starts[w], tn - starts[w], &key);
        const char *k = key.data ? key.data : "";
        size_t len;
        if (vn_phrases_prefix(&r->not_level, k, key.len, NULL) >= 0 ||
            vn_phrases_prefix(&r->level, k, key.len, &len) < 0)
            continue;
        level_and_locality(doc, t + starts[w], tn - starts[w], true);
        if (!doc->meta.locality)
            doc->meta.level = NULL; /* a level word with no name after it */
    }
    vn_buf_free(&key);
}

/* "ỦY BAN NHÂN DÂN THÀNH" / "PHỐ HÀ NỘI": a level of two words broken at the
 * end of the line [a, b) of lines, its second word on the next line (a
 * header cell too narrow for the name).  Reads the last word with the next
 * line when together they start with a level phrase that the word alone
 * does not complete. */
static void level_broken_at_line_end(vnplan_doc *doc, const vn_buf *lines, size_t a, size_t b, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    if (b >= lines->len)
        return;
    size_t w = b;
    while (w > a && !vn_is_space(lines->data[w - 1]))
        w--;
    if (w == b)
        return;
    const char *nl = memchr(lines->data + b + 1, '\n', lines->len - b - 1);
    size_t c = nl ? (size_t)(nl - lines->data) : lines->len;
    vn_buf word = {0}, key = {0};
    vn_fold_key(lines->data + w, b - w, &word);
    vn_buf_clear(tmp);
    vn_buf_put(tmp, lines->data + w, b - w);
    vn_buf_putc(tmp, ' ');
    vn_buf_put(tmp, lines->data + b + 1, c - b - 1);
    vn_fold_key(tmp->data, tmp->len, &key);
    size_t len = 0;
    if (vn_phrases_prefix(&r->level, key.data ? key.data : "", key.len, &len) >= 0 && len > word.len)
        level_and_locality(doc, tmp->data, tmp->len, true);
    vn_buf_free(&word);
    vn_buf_free(&key);
}

/* s holds one word, no space inside. */
static bool one_word(const char *s, size_t n)
{
    while (n && vn_is_space(s[n - 1]))
        n--;
    while (n && vn_is_space(*s))
        s++, n--;
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (vn_is_space(s[i]))
            return false;
    return true;
}

/* The locality read from a header line is the first words of the place
 * the header dates the plan at ("Tam" of "Tam Phước Đông, ngày …"): the
 * name went on on the next line. */
static bool starts_place(const vnplan_doc *doc, const char *locality)
{
    if (!locality || !doc->meta.place)
        return false;
    vn_buf a = {0}, b = {0};
    vn_fold_key(locality, strlen(locality), &a);
    vn_fold_key(doc->meta.place, strlen(doc->meta.place), &b);
    bool starts = a.len && b.len > a.len + 1 && memcmp(a.data, b.data, a.len) == 0 && b.data[a.len] == ' ';
    vn_buf_free(&a);
    vn_buf_free(&b);
    return starts;
}

static void issuer_lines_level(vnplan_doc *doc, vn_buf *tmp)
{
    vn_buf lines = {0};
    vn_meta_field_lines(doc, VN_FIELD_ISSUER, "\n", false, &lines);
    const char *level = NULL, *locality = NULL;
    for (size_t a = 0; a < lines.len;) {
        const char *nl = memchr(lines.data + a, '\n', lines.len - a);
        size_t b = nl ? (size_t)(nl - lines.data) : lines.len;
        doc->meta.level = doc->meta.locality = NULL;
        level_and_locality(doc, lines.data + a, b - a, true);
        if (!doc->meta.level && !level)
            level_later_in_line(doc, lines.data + a, b - a);
        if (!doc->meta.level)
            level_broken_at_line_end(doc, &lines, a, b, tmp);
        const char *nl2 = b < lines.len ? memchr(lines.data + b + 1, '\n', lines.len - b - 1) : NULL;
        size_t c = b >= lines.len ? b : nl2 ? (size_t)(nl2 - lines.data) : lines.len;
        /* the locality's last word on the next line ("ĐẢNG ỦY XÃ IA" / "GRAI",
         * a cell too narrow for the name): a line of one word goes on with
         * it, and so does one that completes the place the plan is dated at
         * ("PHƯỜNG TAM" / "PHƯỚC ĐÔNG" over "Tam Phước Đông, ngày …") */
        if (doc->meta.level && b < lines.len &&
            (!doc->meta.locality || one_word(lines.data + b + 1, c - b - 1) ||
             starts_place(doc, doc->meta.locality))) {
            vn_buf_clear(tmp);
            vn_buf_put(tmp, lines.data + a, b - a);
            vn_buf_putc(tmp, ' ');
            vn_buf_put(tmp, lines.data + b + 1, c - b - 1);
            doc->meta.level = doc->meta.locality = NULL;
            level_and_locality(doc, tmp->data, tmp->len, true);
        }
        if (doc->meta.level && (doc->meta.locality || !level)) {
            level = doc->meta.level;
            locality = doc->meta.locality;
        }
        a = b + 1;
    }
    doc->meta.level = level;
    doc->meta.locality = locality;
    vn_buf_free(&lines);
}

/* quoc_gia and the [own_level] bodies (đại học quốc gia) govern no place: a
 * place in their header is where they sit, not a locality. */
static bool level_without_locality(const struct vn_meta_rules *r, const char *level)
{
    if (!level)
        return false;
    if (strcmp(level, "quoc_gia") == 0)
        return true;
    for (size_t i = 0; i < r->own_level.n; i++)
        if (strcmp(level, r->own_level.v[i].value) == 0)
            return true;
    return false;
}

/* The body that acts in an opening with no letterhead: the first local body
 * ("Ủy ban nhân dân", "UBND") that is neither the letters of a document's
 * number ("Kế hoạch số 185/KH-UBND": glued to the number) nor the author of
 * a document the opening cites ("... của Ủy ban nhân dân tỉnh Cà Mau":
 * meta.txt [cited_by]), which is the body above, not the issuer: "Thực hiện
 * Kế hoạch số 185/KH-UBND của UBND tỉnh Cà Mau ...; Ủy ban nhân dân xã ban
 * hành ..." is the commune's.  In folded text k; 1 and the match, or 0. */
static bool acting_body(const struct vn_meta_rules *r, const char *k, size_t kn, size_t *at, size_t *len)
{
    for (size_t from = 0; from < kn;) {
        size_t a, l;
        if (vn_phrases_find(&r->local_body, k + from, kn - from, &a, &l) < 0)
            return false;
        a += from;
        bool in_number = a > 0 && k[a - 1] != ' ';
        size_t w = a; /* the word before: back over the space, then the word */
        while (w > 0 && k[w - 1] == ' ')
            w--;
        size_t ws = w;
        while (ws > 0 && k[ws - 1] != ' ')
            ws--;
        bool cited = !in_number && w > ws && vn_phrases_whole(&r->cited_by, k + ws, w - ws) >= 0;
        if (!in_number && !cited) {
            *at = a;
            *len = l;
            return true;
        }
        from = a + l;
    }
    return false;
}

/* The offset in t of the word that begins at offset off of its folded key:
 * vn_fold_key keeps the words, so the n-th word of one is the n-th of the
 * other. */
static size_t word_at(const char *t, size_t tn, const char *key, size_t off)
{
    size_t words = 0;
    for (size_t q = 0; q < off; q++)
        words += key[q] == ' ';
    size_t i = 0;
    while (i < tn && vn_is_space(t[i]))
        i++;
    for (size_t w = 0; w < words && i < tn; w++) {
        while (i < tn && !vn_is_space(t[i]))
            i++;
        while (i < tn && vn_is_space(t[i]))
            i++;
    }
    return i;
}

/* An opening whose acting body names its level and no name ("...; Ủy ban
 * nhân dân tỉnh ban hành Kế hoạch ...") issues for the locality found
 * elsewhere (the place-and-date line "Lạng Sơn, ngày ..."): the body and
 * level as the opening writes them, then that name. */
static void issuer_of_unnamed_body(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_meta_field_text(doc, VN_FIELD_OPENING, " ", tmp);
    vn_buf key = {0};
    vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
    const char *k = key.data ? key.data : "";
    size_t at, len, llen;
    if (acting_body(r, k, key.len, &at, &len)) {
        size_t from = at + len;
        while (from < key.len && k[from] == ' ')
            from++;
        int li = vn_phrases_prefix(&r->level, k + from, key.len - from, &llen);
        size_t first = word_at(tmp->data, tmp->len, k, at);
        size_t next = from + llen < key.len ? word_at(tmp->data, tmp->len, k, from + llen + 1) : tmp->len;
        size_t end = next;
        while (end > first && vn_is_space(tmp->data[end - 1]))
            end--;
        /* a name would follow in capitals ("tỉnh Lạng Sơn"): that case is
         * find_issuer's own */
        size_t q = next;
        int32_t cp = next < tmp->len ? vn_utf8_next(tmp->data, tmp->len, &q) : 0;
        if (li >= 0 && !strcmp(r->level.v[li].value, doc->meta.level) && !vn_cp_is_upper(cp) && end > first) {
            vn_buf iss = {0};
            vn_buf_put(&iss, tmp->data + first, end - first);
            vn_buf_putc(&iss, ' ');
            vn_buf_puts(&iss, doc->meta.locality);
            doc->meta.issuer = vn_meta_keep(doc, iss.data, iss.len);
            vn_buf_free(&iss);
        }
    }
    vn_buf_free(&key);
}

/* The first unit the title or the opening names by its level alone ("trên
 * địa bàn phường"): the document's own unit, whose name the text gives
 * elsewhere.  Its level, and the level's words as written into word; or NULL. */
static const char *unnamed_unit_level(vnplan_doc *doc, vn_buf *tmp, vn_buf *word)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    static const vn_field where[] = {VN_FIELD_TITLE, VN_FIELD_OPENING};
    const char *level = NULL;
    vn_buf key = {0};
    for (size_t w = 0; w < 2 && !level; w++) {
        vn_meta_field_text(doc, where[w], " ", tmp);
        vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
        const char *k = key.data ? key.data : "";
        for (size_t at = 0; at < key.len && !level; at++) {
            size_t len;
            int li;
            if ((at > 0 && k[at - 1] != ' ') ||
                (li = vn_phrases_prefix(&r->level, k + at, key.len - at, &len)) < 0 ||
                vn_phrases_prefix(&r->not_level, k + at, key.len - at, NULL) >= 0)
                continue;
            size_t a = word_at(tmp->data, tmp->len, k, at), b = a;
            for (size_t q = at; q <= at + len && q <= key.len; q++)
                if (q == at + len || k[q] == ' ')
                    while (b < tmp->len && !vn_is_space(tmp->data[b++]))
                        ;
            while (b > a && (vn_is_space(tmp->data[b - 1]) || strchr(",;.:)", tmp->data[b - 1])))
                b--;
            size_t n = b;
            while (n < tmp->len && vn_is_space(tmp->data[n]))
                n++;
            size_t q = n;
            int32_t cp = n < tmp->len && b - a == (size_t)len ? vn_utf8_next(tmp->data, tmp->len, &q) : 0;
            /* "phường Bà Rịa", "Phường 3": a name follows, not this unit */
            if (b > a && !vn_cp_is_upper(cp) && !(cp >= '0' && cp <= '9')) {
                level = r->level.v[li].value;
                vn_buf_clear(word);
                vn_buf_put(word, tmp->data + a, b - a);
            }
        }
    }
    vn_buf_free(&key);
    return level;
}

/* No letterhead and no body acting in the opening, the closing signing for a
 * local body ("TM. ỦY BAN NHÂN DÂN") and the title naming the document's own
 * unit by its level alone ("... trên địa bàn phường"): that unit's name is the
 * one the body gives with that level, or else the one the recipients give
 * with it ("Thường trực Đảng ủy, HĐND phường Bà Rịa": the bodies above have
 * another level) when they give only one; the issuer is the body the closing
 * signs for, of that unit. */
static void unit_of_closing(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_buf word = {0}, key = {0}, body = {0};
    vn_meta_field_lines(doc, VN_FIELD_SIGNATURE, "\n", true, tmp);
    vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
    size_t at, len;
    if (vn_phrases_find(&r->local_body, key.data ? key.data : "", key.len, &at, &len) >= 0) {
        /* the body as the closing writes it, to the end of its line */
        size_t a = word_at(tmp->data, tmp->len, key.data, at), b = a;
        while (b < tmp->len && tmp->data[b] != '\n')
            b++;
        for (size_t i = a; i < b;) {
            bool first = i == a;
            int32_t cp = vn_utf8_next(tmp->data, b, &i);
            char enc[4];
            vn_buf_put(&body, enc, (size_t)vn_utf8_encode(first ? cp : utf8proc_tolower(cp), enc));
        }
    }
    const char *level = body.len ? unnamed_unit_level(doc, tmp, &word) : NULL;
    if (level) {
        doc->meta.level = level;
        locality_from_body(doc, tmp, NULL);
    }
    if (level && !doc->meta.locality) {
        /* the recipients: the items under "Nơi nhận:", one a line */
        vn_buf_clear(tmp);
        for (size_t n = 0; n < doc->nnodes; n++) {
            int32_t p = doc->nodes[n].parent;
            if (p < 0 || (size_t)p >= doc->nnodes || doc->nodes[p].kind != VN_KIND_FIELD ||
                doc->nodes[p].field != VN_FIELD_RECIPIENTS)
                continue;
            vn_render_node_text(doc, &doc->nodes[n], tmp);
            vn_buf_putc(tmp, '\n');
        }
        vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
        const char *k = key.data ? key.data : "", *found = NULL;
        bool clash = false;
        for (size_t i = 0; i < key.len; i++) {
            int li;
            if ((i > 0 && k[i - 1] != ' ') ||
                (li = vn_phrases_prefix(&r->level, k + i, key.len - i, &len)) < 0 ||
                strcmp(r->level.v[li].value, level) != 0)
                continue;
            size_t a = word_at(tmp->data, tmp->len, k, i), b = a;
            while (b < tmp->len && tmp->data[b] != '\n' && tmp->data[b] != ';')
                b++;
            doc->meta.locality = NULL;
            level_and_locality(doc, tmp->data + a, b - a, false);
            if (doc->meta.locality && found && strcmp(found, doc->meta.locality) != 0)
                clash = true;
            if (!found)
                found = doc->meta.locality;
        }
        doc->meta.locality = clash ? NULL : found;
    }
    if (doc->meta.locality && !doc->meta.issuer) {
        vn_buf_putc(&body, ' ');
        vn_buf_put(&body, word.data, word.len);
        vn_buf_putc(&body, ' ');
        vn_buf_puts(&body, doc->meta.locality);
        doc->meta.issuer = vn_meta_keep(doc, body.data, body.len);
    }
    if (!doc->meta.locality)
        doc->meta.level = NULL;
    vn_buf_free(&word);
    vn_buf_free(&key);
    vn_buf_free(&body);
}

void vn_meta_find_issuer(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_meta_field_text(doc, VN_FIELD_ISSUER, " ", tmp);
    if (tmp->len) {
        doc->meta.issuer = vn_meta_keep(doc, tmp->data, tmp->len);
        vn_buf key = {0};
        vn_fold_key(tmp->data, tmp->len, &key);
        /* "ĐẠI HỌC QUỐC GIA HÀ NỘI" before the national "đại học ..." */
        int own = vn_phrases_prefix(&r->own_level, key.data, key.len, NULL);
        if (own >= 0)
            doc->meta.level = r->own_level.v[own].value;
        else if (vn_phrases_whole(&r->national, key.data, key.len) >= 0 ||
                 vn_phrases_prefix(&r->national, key.data, key.len, NULL) >= 0)
            doc->meta.level = "quoc_gia";
        vn_buf_free(&key);
        if (!doc->meta.level)
            issuer_lines_level(doc, tmp);
    }
    if ((doc->meta.locality && doc->meta.level) || level_without_locality(r, doc->meta.level))
        return;
    /* no letterhead: "Ủy ban nhân dân (UBND) tỉnh Lạng Sơn ban hành ..." in the opening or title */
    static const vn_field where[] = {VN_FIELD_OPENING, VN_FIELD_TITLE, VN_FIELD_BASIS};
    for (size_t w = 0; w < 3 && !(doc->meta.locality && doc->meta.level); w++) {
        vn_meta_field_text(doc, where[w], " ", tmp);
        if (!tmp->len)
            continue;
        vn_buf key = {0};
        vn_fold_key(tmp->data, tmp->len, &key);
        size_t at, len;
        if (acting_body(r, key.data ? key.data : "", key.len, &at, &len)) {
            /* map the folded offset back by counting words */
            size_t words = 0;
            for (size_t q = 0; q < at; q++)
                if (key.data[q] == ' ')
                    words++;
            size_t i = 0, wc = 0;
            while (i < tmp->len && wc < words) {
                while (i < tmp->len && !vn_is_space(tmp->data[i]))
                    i++;
                while (i < tmp->len && vn_is_space(tmp->data[i]))
                    i++;
                wc++;
            }
            size_t end = i;
            while (end < tmp->len && tmp->data[end] != ',' && tmp->data[end] != ';' && tmp->data[end] != '.')
                end++;
            level_and_locality(doc, tmp->data + i, end - i, false);
            if (!doc->meta.issuer && doc->meta.level && doc->meta.locality) {
                /* "Ủy ban nhân dân tỉnh Lạng Sơn", as the text names it */
                vn_buf iss = {0};
                size_t q = i, stop = i;
                const char *loc = strstr(vn_buf_cstr(tmp) + i, doc->meta.locality);
                if (loc && (size_t)(loc - tmp->data) < end)
                    stop = (size_t)(loc - tmp->data) + strlen(doc->meta.locality);
                for (; q < stop; q++)
                    if (tmp->data[q] != '(' || !memchr(tmp->data + q, ')', stop - q))
                        vn_buf_putc(&iss, tmp->data[q]);
                    else
                        while (q < stop && tmp->data[q] != ')')
                            q++;
                vn_buf clean = {0};
                for (size_t c = 0; c < iss.len; c++)
                    if (!(iss.data[c] == ' ' && clean.len && clean.data[clean.len - 1] == ' '))
                        vn_buf_putc(&clean, iss.data[c]);
                doc->meta.issuer = vn_meta_keep(doc, clean.data, clean.len);
                vn_buf_free(&iss);
                vn_buf_free(&clean);
            }
        }
        vn_buf_free(&key);
    }
    /* the place of the place-and-date line names the locality of a provincial
     * body; a ministry's "Hà Nội, ngày ..." is only where it sits */
    bool national = level_without_locality(r, doc->meta.level);
    if (!doc->meta.locality && !national) {
        vn_meta_field_text(doc, VN_FIELD_PLACE_DATE, " ", tmp);
        const char *comma = tmp->len ? memchr(tmp->data, ',', tmp->len) : NULL;
        if (comma && comma > tmp->data) {
            /* "Phường 3, ngày ...", "Tp. Buôn Ma Thuột, ngày ...": the name
             * after a level word; else the place as written */
            level_and_locality(doc, tmp->data, (size_t)(comma - tmp->data), false);
            if (!doc->meta.locality)
                doc->meta.locality = vn_meta_keep(doc, tmp->data, (size_t)(comma - tmp->data));
            if (!doc->meta.issuer && doc->meta.level)
                issuer_of_unnamed_body(doc, tmp);
        }
    }
    if (doc->meta.locality && !doc->meta.level && !national)
        level_of_named_place(doc, tmp);
    if (!doc->meta.locality && doc->meta.level && !national) {
        vn_meta_field_text(doc, VN_FIELD_OPENING, " ", tmp);
        vn_buf key = {0};
        vn_fold_key(tmp->data ? tmp->data : "", tmp->len, &key);
        size_t at, len;
        vn_buf body = {0};
        if (acting_body(r, key.data ? key.data : "", key.len, &at, &len)) {
            size_t a = word_at(tmp->data, tmp->len, key.data, at);
            size_t b = at + len < key.len ? word_at(tmp->data, tmp->len, key.data, at + len + 1) : tmp->len;
            while (b > a && vn_is_space(tmp->data[b - 1]))
                b--;
            vn_buf_put(&body, tmp->data + a, b - a);
        }
        vn_buf_free(&key);
        locality_from_body(doc, tmp, &body);
        vn_buf_free(&body);
    }
    if (!doc->meta.locality && !doc->meta.level && !doc->meta.issuer)
        unit_of_closing(doc, tmp);
}
