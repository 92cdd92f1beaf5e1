/* targets_scan.c — the sentence scanner: the values of a text.
 *
 * For every number of a clause (a sentence cut at top-level ';') the reader
 * asks, in order: is it part of a reference, a date, a year, a phone number
 * or a phrase such as "lần thứ 4" (then it is no value); what unit follows it
 * (none: no target); which comparator words stand before it or after the
 * unit.  Then, over the clause: a starting level ("từ 30% lên 40%") and
 * remarks in parentheses are dropped, ranges are merged, a comparator
 * distributes over coordinated values, and "trong đó" makes parts.  What
 * each value measures is decided in targets_indicators.c.
 *
 * vn_targets_scan is the entry point tests use on plain strings. */
#include "targets_private.h"

#include <stdlib.h>

const char CLASS_COUNT[] = "count";
const char CLASS_FRACTION[] = "pct";

/* ---- sentences and clauses ------------------------------------------------------------------ */

static bool is_sentence_end(scanner *sc, size_t i)
{
    const tok *t = &sc->toks[i];
    if (t->type != TK_PUNCT)
        return false;
    if (!vn_tg_tok_is(sc, i, ".") && !vn_tg_tok_is(sc, i, "!") && !vn_tg_tok_is(sc, i, "?") && !vn_tg_tok_is(sc, i, "…"))
        return false;
    if (i + 1 >= sc->ntoks)
        return true;
    const tok *nx = &sc->toks[i + 1];
    if (nx->glued)
        return false; /* "./.", "..." */
    bool opens = (nx->type == TK_WORD && nx->upper) || nx->type == TK_NUM || vn_tg_tok_is(sc, i + 1, "-") ||
                 vn_tg_tok_is(sc, i + 1, "+") || vn_tg_tok_is(sc, i + 1, "•") || vn_tg_tok_is(sc, i + 1, "(") ||
                 vn_tg_tok_is(sc, i + 1, "\"");
    if (!opens)
        return false;
    /* "TP. Hồ Chí Minh", "ThS. Nguyễn ..." */
    if (vn_tg_tok_is(sc, i, ".") && i > 0 && t->glued && sc->toks[i - 1].type == TK_WORD) {
        vn_tg_ensure_keys(sc, i - 1, i);
        if (vn_tg_match_forward(sc, &sc->r->abbrev, i - 1, i, NULL))
            return false;
    }
    return true;
}

static size_t sentence_end(scanner *sc, size_t a)
{
    for (size_t i = a; i < sc->ntoks; i++)
        if (is_sentence_end(sc, i))
            return i + 1;
    return sc->ntoks;
}

static size_t clause_end(const scanner *sc, size_t a, size_t sent_b)
{
    for (size_t i = a; i < sent_b; i++)
        if (sc->toks[i].paren == 0 && vn_tg_tok_is(sc, i, ";"))
            return i + 1;
    return sent_b;
}

/* ---- numbers that are no value ---------------------------------------------------------------- */

static bool is_joiner(const scanner *sc, size_t i)
{
    return vn_tg_tok_is(sc, i, "/") || vn_tg_tok_is(sc, i, "-") || vn_tg_tok_is(sc, i, ":") || vn_tg_tok_is(sc, i, "\\");
}

static bool is_word_or_num(const scanner *sc, size_t i)
{
    return i < sc->ntoks && sc->toks[i].type != TK_PUNCT;
}

/* Two numbers glued by '-': a date (24-5-2025) or a period of years are no
 * values; anything else may be a range ("10-15%"). */
static bool dash_pair_is_reference(const scanner *sc, size_t first)
{
    if (vn_tg_tok_is_year(&sc->toks[first]) || vn_tg_tok_is_year(&sc->toks[first + 2]))
        return true;
    bool more_after = first + 4 < sc->ntoks && sc->toks[first + 3].glued && vn_tg_tok_is(sc, first + 3, "-") &&
                      sc->toks[first + 4].glued && sc->toks[first + 4].type == TK_NUM;
    bool more_before = first >= 2 && sc->toks[first].glued && vn_tg_tok_is(sc, first - 1, "-") &&
                       sc->toks[first - 1].glued && sc->toks[first - 2].type == TK_NUM;
    return more_after || more_before;
}

/* A number glued into a reference, a date or a time: 1002/QĐ-TTg, 57-NQ/TW,
 * 24/5/2025, 10/12, 17:30, COVID-19. */
static bool is_glued_reference(const scanner *sc, size_t i)
{
    const tok *t = &sc->toks[i];
    if (i + 2 < sc->ntoks && sc->toks[i + 1].glued && is_joiner(sc, i + 1) && sc->toks[i + 2].glued &&
        is_word_or_num(sc, i + 2)) {
        if (!(vn_tg_tok_is(sc, i + 1, "-") && sc->toks[i + 2].type == TK_NUM))
            return true;
        if (dash_pair_is_reference(sc, i))
            return true;
    }
    if (i >= 2 && t->glued && is_joiner(sc, i - 1) && sc->toks[i - 1].glued &&
        is_word_or_num(sc, i - 2)) {
        if (!(vn_tg_tok_is(sc, i - 1, "-") && sc->toks[i - 2].type == TK_NUM))
            return true;
        if (dash_pair_is_reference(sc, i - 2))
            return true;
    }
    return false;
}

static bool is_phone_number(const tok *t)
{
    return t->ndigits >= 9 && t->lead_zero;
}

static void mark_blocked(scanner *sc);

/* Every reason a number can never be a value, whatever follows it.  The
 * [not_value_re] patterns are run over the text only when a number has
 * passed the cheaper tests: most numbers are dates and references. */
static bool never_a_value(scanner *sc, size_t i, size_t sent_a, size_t sent_b)
{
    const tok *t = &sc->toks[i];
    if (t->shape == NS_BAD || is_phone_number(t) || is_glued_reference(sc, i) ||
        vn_tg_pattern_around(sc, &sc->r->not_value, i, sent_a, sent_b))
        return true;
    if (!sc->blocked_ready)
        mark_blocked(sc);
    return sc->blocked[i];
}

/* ---- one candidate value -------------------------------------------------------------------- */

typedef struct unit_match {
    const char *cls;
    bool needs_lead;
    uint32_t a, b;         /* the unit as written */
    uint32_t noun_a, noun_b; /* the counted noun */
    uint32_t end;          /* where the words after the unit start */
} unit_match;

/* A rate some words after the counted noun: "500 tiến sĩ tài năng mỗi năm",
 * "14 người làm công tác nghiên cứu và phát triển trên 1 vạn dân".  Only
 * words may stand between: a comma or a number ends the noun's words.
 * Further on, up to LAST words, a rate that ends the noun's words (a comma,
 * a full stop or the clause's end after it) still closes them: "8.000 người
 * tốt nghiệp các chương trình đào tạo chuyên sâu về trí tuệ nhân tạo mỗi
 * năm, trong đó ..." counts graduates a year. */
static const phrase *late_rate(const scanner *sc, size_t i, size_t end, size_t *at, size_t *len)
{
    enum { LOOKAHEAD = 12, LAST = 24 };
    for (size_t k = i; k < end && k <= i + LAST; k++) {
        const phrase *ph = vn_tg_match_forward(sc, &sc->r->rate, k, end, len);
        if (ph && (k <= i + LOOKAHEAD || k + *len >= end || sc->toks[k + *len].type == TK_PUNCT)) {
            *at = k;
            return ph;
        }
        if (sc->toks[k].type != TK_WORD)
            return NULL;
    }
    return NULL;
}

/* The unit right after token i-1: a complete unit, or a counted noun with
 * an optional rate ("người/năm"). */
static bool match_unit(const scanner *sc, size_t i, size_t end, unit_match *u)
{
    size_t len = 0, clen = 0;
    memset(u, 0, sizeof *u);
    const phrase *ph = vn_tg_match_forward(sc, &sc->r->unit, i, end, &len);
    /* the longer reading wins: "02 ngày hội" counts events, "15 ngày" is a duration */
    if (ph && vn_tg_match_forward(sc, &sc->r->counted, i, end, &clen) && clen > len)
        ph = NULL;
    if (ph) {
        u->cls = ph->cls;
        u->needs_lead = ph->needs_lead;
        u->a = (uint32_t)i;
        u->b = u->end = (uint32_t)(i + len);
        u->noun_a = u->noun_b = u->b;
        return true;
    }
    ph = vn_tg_match_forward(sc, &sc->r->counted, i, end, &len);
    if (!ph)
        return false;
    u->cls = CLASS_COUNT;
    u->a = u->noun_a = (uint32_t)i;
    u->b = u->noun_b = u->end = (uint32_t)(i + len);
    size_t rlen, at;
    const phrase *rate = vn_tg_match_forward(sc, &sc->r->rate, u->b, end, &rlen);
    if (rate) {
        u->cls = rate->cls;
        u->b = u->end = (uint32_t)(u->b + rlen);
    } else if ((rate = late_rate(sc, u->b, end, &at, &rlen)) != NULL) {
        /* the words between stay part of the indicator */
        u->cls = rate->cls;
        u->b = (uint32_t)(at + rlen);
    }
    return true;
}

/* The comparator words right before token i: "đạt tối thiểu", "khoảng".
 * The one nearest the number decides; a plain "=" never overrides. */
static void read_lead(const scanner *sc, cand *c, size_t i, size_t lo)
{
    size_t j = i;
    c->cmp = -1;
    while (j > lo) {
        size_t len;
        const phrase *ph = vn_tg_match_backward(sc, &sc->r->before, j - 1, lo, &len);
        if (!ph)
            break;
        /* "khoảng từ 20 đến 30": a qualifier before the low end of a range
         * qualifies the whole range */
        bool widens = c->from && c->cmp == VN_CMP_GE && ph->cmp == VN_CMP_APPROX;
        if (c->cmp < 0 || (c->cmp == VN_CMP_EQ && ph->cmp != VN_CMP_EQ) || widens)
            c->cmp = ph->cmp;
        if (vn_tg_match_backward(sc, &sc->r->from, j - 1, j - len, NULL))
            c->from = true;
        if (vn_tg_match_backward(sc, &sc->r->change, j - 1, j - len, NULL))
            c->change = true;
        j -= len;
        c->has_lead = true;
    }
    c->lead = (uint32_t)j;
}

/* A word that begins a comparator, range or coordinator phrase is never
 * the noun a number counts ("từ 18 đến 35 tuổi"). */
static bool is_function_word(const scanner *sc, size_t i, size_t end)
{
    const struct vn_target_rules *r = sc->r;
    return vn_tg_match_forward(sc, &r->range, i, end, NULL) || vn_tg_match_forward(sc, &r->change, i, end, NULL) ||
           vn_tg_match_forward(sc, &r->before, i, end, NULL) || vn_tg_match_forward(sc, &r->after, i, end, NULL) ||
           vn_tg_match_forward(sc, &r->coordinator, i, end, NULL) ||
           vn_tg_match_forward(sc, &r->sub_part, i, end, NULL);
}

/* "có 50 doanh nghiệp công nghệ số trở lên": a comparator after the unit's
 * own qualifiers, before any punctuation or other number.  *at gets its
 * first token, *len its length. */
static const phrase *late_after(const scanner *sc, size_t i, size_t end, size_t *at, size_t *len)
{
    enum { LOOKAHEAD = 8 };
    for (size_t k = i; k < end && k < i + LOOKAHEAD; k++) {
        if (sc->toks[k].type != TK_WORD)
            return NULL;
        const phrase *ph = vn_tg_match_forward(sc, &sc->r->after, k, end, len);
        if (ph) {
            *at = k;
            return ph;
        }
    }
    return NULL;
}

/* "02 (hai) nhóm", "120 (một trăm hai mươi) sinh viên": official texts write
 * a figure again in words, in parentheses, between it and what it counts.
 * A parenthesis at token i holding only number words (units.txt
 * [number_words]) repeats the figure; returns how many tokens it spans,
 * brackets included, or 0. */
static size_t spelled_again(scanner *sc, size_t i, size_t end)
{
    enum { MAX_WORDS = 8 };
    if (i + 2 >= end || !vn_tg_tok_is(sc, i, "("))
        return 0;
    vn_tg_ensure_keys(sc, i + 1, i + 2 + MAX_WORDS < end ? i + 2 + MAX_WORDS : end);
    for (size_t k = i + 1; k < end && k <= i + 1 + MAX_WORDS; k++) {
        if (k > i + 1 && vn_tg_tok_is(sc, k, ")"))
            return k + 1 - i;
        bool number_word = false;
        for (size_t w = 0; sc->toks[k].type == TK_WORD && w < sc->r->nnumber_words && !number_word; w++)
            number_word = vn_tg_tok_is(sc, k, sc->r->number_words[w]);
        if (!number_word)
            return 0;
    }
    return 0;
}

/* Tries to read a target value at token i of clause [ca, cb).  Returns the
 * token after what it consumed, or 0 when token i is no value. */
static size_t read_candidate(scanner *sc, size_t i, size_t ca, size_t cb, size_t sa, size_t sb,
                             cand *c)
{
    const tok *t = &sc->toks[i];
    if (never_a_value(sc, i, sa, sb))
        return 0;
    memset(c, 0, sizeof *c);
    c->num = (uint32_t)i;
    c->value = t->num;
    c->max_tok = UINT32_MAX;
    c->parent = -1;
    read_lead(sc, c, i, ca);
    unit_match u;
    size_t rlen;
    /* the token after the number and the words that repeat it */
    size_t after_num = i + 1 + spelled_again(sc, i + 1, cb);
    if (t->frac) {
        /* "1/3 số xã": a share of what follows, no unit written */
        memset(&u, 0, sizeof u);
        u.cls = CLASS_FRACTION;
        u.a = u.b = u.noun_a = u.noun_b = u.end = (uint32_t)(i + 1);
    } else if (match_unit(sc, after_num, cb, &u)) {
        /* a year is a value only when a unit says what it counts */
    } else if (vn_tg_match_forward(sc, &sc->r->range, i + 1, cb, &rlen) && i + 1 + rlen < cb &&
               sc->toks[i + 1 + rlen].type == TK_NUM && !vn_tg_tok_is_year(t) &&
               !never_a_value(sc, i + 1 + rlen, sa, sb) &&
               match_unit(sc, i + 2 + rlen, cb, &u)) {
        c->max_tok = (uint32_t)(i + 1 + rlen);
        c->value_max = sc->toks[c->max_tok].num;
    } else if (c->has_lead && c->cmp != VN_CMP_EQ && !vn_tg_tok_is_year(t) && after_num < cb &&
               sc->toks[after_num].type == TK_WORD && !sc->toks[after_num].upper &&
               !is_function_word(sc, after_num, cb)) {
        /* "ít nhất 5 xã": an explicit qualifier makes the next word the counted noun */
        memset(&u, 0, sizeof u);
        u.cls = CLASS_COUNT;
        u.a = u.noun_a = (uint32_t)after_num;
        u.b = u.noun_b = u.end = (uint32_t)(after_num + 1);
        size_t rl, at;
        const phrase *rate = vn_tg_match_forward(sc, &sc->r->rate, u.b, cb, &rl);
        if (rate) {
            u.cls = rate->cls;
            u.b = u.end = (uint32_t)(u.b + rl);
        } else if ((rate = late_rate(sc, u.b, cb, &at, &rl)) != NULL) {
            /* "tối thiểu 02 phiên giao dịch việc làm/năm" */
            u.cls = rate->cls;
            u.b = (uint32_t)(at + rl);
        }
    } else {
        return 0;
    }
    if (u.needs_lead && !c->has_lead)
        return 0; /* "trẻ em 5 tuổi", "trong 5 ngày": a description, not a target */
    /* "tăng gấp 2 lần": a multiple of a base level, whatever "lần" counts elsewhere */
    const phrase *mult = i > 0 ? vn_tg_match_forward(sc, &sc->r->multiple, i - 1, cb, &rlen) : NULL;
    if (mult && i - 1 + rlen == u.b)
        u.cls = mult->cls;
    c->cls = u.cls;
    c->unit_a = u.a;
    c->unit_b = u.b;
    c->noun_a = u.noun_a;
    c->noun_b = u.noun_b;
    c->end = u.end;
    size_t alen;
    const phrase *after = vn_tg_match_forward(sc, &sc->r->after, c->end, cb, &alen);
    if (!after) {
        size_t at;
        if ((after = late_after(sc, c->end, cb, &at, &alen)) != NULL) {
            c->after_a = (uint32_t)at;
            c->after_b = (uint32_t)(at + alen);
        }
    } else {
        c->after_a = c->end;
        c->end += (uint32_t)alen;
        c->after_b = c->end;
    }
    if (after) {
        c->cmp = after->cmp;
        c->after_cmp = true;
    }
    c->in_paren = t->paren > 0;
    c->clause_a = (uint32_t)ca;
    c->clause_b = (uint32_t)cb;
    c->sent_a = (uint32_t)sa;
    c->sent_b = (uint32_t)sb;
    return c->end;
}

/* ---- a clause: the values together ------------------------------------------------------------ */

static bool only_range_between(const scanner *sc, size_t a, size_t b)
{
    size_t len;
    return a < b && vn_tg_match_forward(sc, &sc->r->range, a, b, &len) && a + len == b;
}

/* "tăng từ 30% lên 40%": the first value is where the plan starts from.
 * "từ 10% đến 15%", "10% - 15%": one range. */
static void resolve_from_and_ranges(scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k + 1 < nv; k++) {
        cand *c = &v[k], *d = &v[k + 1];
        if (c->dropped || d->dropped)
            continue;
        if (c->from && !c->after_cmp && d->change) {
            c->dropped = true;
            d->lead = c->lead; /* "từ 65% lên" is all comparator words of 75% */
        } else if (c->max_tok == UINT32_MAX && d->lead == d->num && strcmp(c->cls, d->cls) == 0 &&
                   only_range_between(sc, c->end, d->num)) {
            c->value_max = d->value;
            c->max_tok = d->num;
            c->unit_a = d->unit_a;
            c->unit_b = d->unit_b;
            c->end = d->end;
            if (d->after_cmp) {
                c->cmp = d->cmp;
                c->after_cmp = true;
            }
            d->dropped = true;
        }
    }
}

/* A value in parentheses beside values outside them is a remark:
 * "đạt 80% (tương đương 5.000 người)", "(năm 2024 đạt 20%)". */
static void drop_remarks(cand *v, size_t nv)
{
    bool outside = false;
    for (size_t k = 0; k < nv; k++)
        outside |= !v[k].dropped && !v[k].in_paren;
    if (!outside)
        return;
    for (size_t k = 0; k < nv; k++)
        if (v[k].in_paren)
            v[k].dropped = true;
}

/* No top-level comma, coordinator or "trong đó" in [a, b). */
static bool one_phrase(const scanner *sc, size_t a, size_t b)
{
    size_t len;
    return vn_tg_first_split(sc, a, b, &len) == b && vn_tg_find_sub_marker(sc, a, b, &len) == SIZE_MAX;
}

/* A value with no comparator words of its own inside the words of another
 * value only describes what that one measures:
 *   "Tỷ lệ học sinh học 2 buổi/ngày không dưới 95%" (a count before a
 *   qualified value), "100% trẻ em 5 tuổi được ...", "100% xã có 01 điểm
 *   ..." (anything after a value, with no comma or "và" between). */
static void drop_qualifiers(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k + 1 < nv; k++) {
        cand *c = &v[k], *d = &v[k + 1];
        if (c->dropped || d->dropped || c->has_lead || c->after_cmp || !d->has_lead ||
            c->cls != CLASS_COUNT || c->num == c->clause_a)
            continue;
        if (one_phrase(sc, c->end, d->lead))
            c->dropped = true;
    }
    const cand *prev = NULL;
    for (size_t k = 0; k < nv; k++) {
        cand *d = &v[k];
        if (d->dropped)
            continue;
        if (prev && !d->has_lead && !d->after_cmp && prev->end <= d->lead &&
            one_phrase(sc, prev->end, d->lead)) {
            d->dropped = true;
            continue;
        }
        prev = d;
    }
}

static size_t compact(cand *v, size_t nv)
{
    size_t m = 0;
    for (size_t k = 0; k < nv; k++)
        if (!v[k].dropped)
            v[m++] = v[k];
    return m;
}

static void decide_comparators(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        cand *c = &v[k];
        if (c->max_tok != UINT32_MAX && (c->cmp < 0 || c->cmp == VN_CMP_EQ) && !c->after_cmp)
            c->cmp = VN_CMP_GE; /* a range states its low end as a minimum */
        if (c->cmp >= 0)
            continue;
        /* "ít nhất 2,5% ... và 18% ...": the comparator distributes */
        if (k > 0 && c->lead > c->clause_a &&
            vn_tg_match_backward(sc, &sc->r->coordinator, c->lead - 1, c->clause_a, NULL))
            c->cmp = v[k - 1].cmp;
        else
            c->cmp = VN_CMP_EQ;
    }
}

/* Where a "trong đó" marker lies in [a, b): its first token, or SIZE_MAX. */
size_t vn_tg_find_sub_marker(const scanner *sc, size_t a, size_t b, size_t *len)
{
    for (size_t i = a; i < b; i++)
        if (vn_tg_match_forward(sc, &sc->r->sub_part, i, b, len))
            return i;
    return SIZE_MAX;
}

/* The target before a "trong đó" marker: the last main value before it in
 * this text, else the target before the text. */
static int32_t main_before(const cand *all, size_t upto)
{
    for (size_t k = upto; k-- > 0;)
        if (!all[k].sub)
            return (int32_t)k;
    return VN_SCAN_PARENT_BEFORE;
}

/* A clause after "trong đó" (no colon) goes on with the parts when it is one
 * value of the total's unit that still fits in it: "865,5 tỷ đồng, trong
 * đó ngân sách nhà nước 540 tỷ đồng; nguồn xã hội hóa 325,5 tỷ đồng" — not
 * "35%, trong đó 2,5% ...; tỷ lệ B đạt 90%". */
static bool continues_parts(const scanner *sc, const cand *all, const cand *v, size_t nv)
{
    if (sc->soft_parent < 0 || nv != 1)
        return false;
    const cand *p = &all[sc->soft_parent];
    if (!p->cls || !v[0].cls || strcmp(p->cls, v[0].cls) != 0 || isnan(p->value) || isnan(v[0].value))
        return false;
    bool additive = !vn_tg_class_is(sc->r->class_not_additive, sc->r->nclass_not_additive, p->cls);
    double total = additive ? sc->soft_sum + v[0].value : v[0].value;
    return total <= p->value * 1.0001;
}

/* Values after "trong đó" in a clause are parts of the main value before
 * it.  "trong đó:" with a colon opens a list: the following clauses of the
 * sentence ("...; ngân sách tỉnh 620,5 tỷ đồng; ...") are parts too; without
 * the colon, the following clauses that fit (continues_parts). */
static void link_parts(scanner *sc, cand *all, size_t first, size_t nv)
{
    cand *v = all ? all + first : NULL; /* no candidate yet: no array either */
    int32_t parent = sc->list_parent;
    if (parent == -1 && nv > 0 && vn_tg_find_sub_marker(sc, v[0].clause_a, v[0].lead, NULL) == SIZE_MAX &&
        continues_parts(sc, all, v, nv)) {
        v[0].sub = true;
        v[0].parent = sc->soft_parent;
        sc->soft_sum += v[0].value;
        return;
    }
    sc->soft_parent = -1;
    for (size_t k = 0; k < nv; k++) {
        size_t from = k == 0 ? v[k].clause_a : v[k - 1].end;
        size_t len, m;
        if (parent == -1 && (m = vn_tg_find_sub_marker(sc, from, v[k].lead, &len)) != SIZE_MAX) {
            parent = main_before(all, first + k);
            if (vn_tg_tok_is(sc, m + len, ":"))
                sc->list_parent = parent;
            else if (parent >= 0) {
                sc->soft_parent = parent;
                sc->soft_sum = 0;
            }
        }
        if (parent != -1) {
            v[k].sub = true;
            v[k].parent = parent;
            /* a share of a count ("4.000 người/năm, trong đó 10% ...") makes
             * the parts shares: a later clause in the total's unit is a
             * target of its own, not one more part */
            if (parent == sc->soft_parent)
                sc->soft_sum += v[k].cls && all[parent].cls && strcmp(v[k].cls, all[parent].cls) != 0
                                    ? INFINITY
                                    : v[k].value;
        }
    }
}

/* ---- the scan -------------------------------------------------------------------------------- */

static void mark_blocked(scanner *sc)
{
    sc->blocked_ready = true;
    if (sc->ntoks > sc->capblocked) {
        free(sc->blocked);
        sc->capblocked = sc->ntoks;
        sc->blocked = vn_xmalloc(sc->capblocked);
    }
    memset(sc->blocked, 0, sc->ntoks ? sc->ntoks : 1);
    for (size_t k = 0; k < sc->r->nnot_value_re; k++) {
        vn_regex *re = sc->r->not_value_re[k];
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(vn_regex_code(re), NULL);
        if (!md)
            vn_oom();
        size_t off = 0, t = 0;
        /* no PCRE2_NO_UTF_CHECK: the scanner takes any bytes, and pcre2 on
         * invalid UTF-8 without its check is undefined behaviour */
        while (off <= sc->n && vn_regex_match(re, (PCRE2_SPTR)sc->s, sc->n, off, 0, md, NULL) > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            size_t ma = ov[0], mb = ov[1];
            while (t < sc->ntoks && sc->toks[t].b <= ma)
                t++;
            for (size_t u = t; u < sc->ntoks && sc->toks[u].a < mb; u++)
                sc->blocked[u] = 1;
            off = mb > ma ? mb : mb + 1;
        }
        pcre2_match_data_free(md);
    }
}

static void scan_clause(scanner *sc, size_t ca, size_t cb, size_t sa, size_t sb)
{
    size_t first = sc->ncands;
    for (size_t i = ca; i < cb;) {
        if (sc->toks[i].type != TK_NUM) {
            i++;
            continue;
        }
        cand c;
        size_t next = read_candidate(sc, i, ca, cb, sa, sb, &c);
        if (!next) {
            i++;
            continue;
        }
        VN_PUSH(sc->cands, sc->ncands, sc->capcands) = c;
        i = next;
    }
    cand *v = sc->cands ? sc->cands + first : NULL; /* no candidate yet: no array either */
    size_t nv = sc->ncands - first;
    resolve_from_and_ranges(sc, v, nv);
    drop_remarks(v, nv);
    drop_qualifiers(sc, v, nv);
    nv = compact(v, nv);
    sc->ncands = first + nv;
    decide_comparators(sc, v, nv);
    link_parts(sc, sc->cands, first, nv);
    vn_tg_build_indicators(sc, v, nv);
    vn_tg_apply_leading_rates(sc, v, nv);
    vn_tg_apply_share_context(sc, v, nv);
    for (size_t k = 0; k < nv; k++)
        v[k].phase = vn_tg_stated_phase(sc, &v[k]);
}

static bool is_alnum_at(const char *s, size_t n, size_t i)
{
    return i < n && vn_cp_is_alnum(vn_tg_cp_at(s, n, i, NULL));
}

static bool is_alnum_before(const char *s, size_t i)
{
    size_t k = i;
    return i > 0 && vn_cp_is_alnum(vn_utf8_prev(s, &k));
}

/* A cheap look at the bytes before any tokenizing: does s[0..n) hold a digit
 * run that could be a value?  Runs glued into references and dates
 * ("57-NQ/TW", "24/5/2025", "1002/QĐ-TTg") or into words ("4G", "HĐND1")
 * cannot; tasks and duties are full of those.  Conservative: whatever the
 * exact rules might read as a value passes. */
bool vn_tg_may_hold_value(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!vn_is_digit(s[i])) {
            i++;
            continue;
        }
        size_t a = i;
        double pct;
        if (vn_tg_fraction_at(s, n, a, &pct))
            return true; /* "1/3 số xã" */
        while (i < n && (vn_is_digit(s[i]) ||
                         ((s[i] == '.' || s[i] == ',') && i + 1 < n && vn_is_digit(s[i + 1]))))
            i++;
        bool glued_word = is_alnum_before(s, a) || (i < n && vn_cp_is_letter(vn_tg_cp_at(s, n, i, NULL)));
        bool slash_after = i + 1 < n && s[i] == '/' && is_alnum_at(s, n, i + 1);
        bool slash_before = a >= 2 && s[a - 1] == '/' && is_alnum_before(s, a - 1);
        bool dash_word_after = i + 1 < n && s[i] == '-' && vn_cp_is_letter(vn_tg_cp_at(s, n, i + 1, NULL));
        bool dash_word_before = a >= 2 && s[a - 1] == '-' && is_alnum_before(s, a - 1) &&
                                !vn_is_digit(s[a - 2]);
        if (!(glued_word || slash_after || slash_before || dash_word_after || dash_word_before))
            return true;
    }
    return false;
}

static vn_scan_range tok_range(const scanner *sc, size_t a, size_t b)
{
    vn_scan_range r = {0, 0};
    if (a < b) {
        r.start = sc->toks[a].a;
        r.end = sc->toks[b - 1].b;
    } else if (a < sc->ntoks) {
        r.start = r.end = sc->toks[a].a;
    } else {
        r.start = r.end = (uint32_t)sc->n;
    }
    return r;
}

void vn_tg_fill_hit(const scanner *sc, const cand *c, uint16_t default_phase, vn_scan_hit *h)
{
    memset(h, 0, sizeof *h);
    h->value = c->value;
    h->value_max = c->max_tok != UINT32_MAX ? c->value_max : 0;
    /* "80 nghìn người/năm" is 80.000 people a year: a unit that opens with a
     * word of units.txt [scale] multiplies a count (or a rate of people)
     * by it, and the unit goes on after the word ("người/năm", not
     * "nghìn người/năm" beside 80000); money keeps its figure, its unit
     * says "nghìn tỷ đồng" */
    size_t scale_len = 0, unit_a = c->unit_a;
    const phrase *scale =
        c->unit_a < c->unit_b ? vn_tg_match_forward(sc, &sc->r->scale, c->unit_a, c->unit_b, &scale_len) : NULL;
    if (scale && scale->cls && vn_tg_class_is(sc->r->class_scaled, sc->r->nclass_scaled, c->cls)) {
        double factor = strtod(scale->cls, NULL);
        if (factor > 0) {
            h->value *= factor;
            h->value_max *= factor;
            if (c->unit_a + scale_len < c->unit_b)
                unit_a = c->unit_a + scale_len;
        }
    }
    h->cmp = (uint8_t)c->cmp;
    h->phase = c->phase ? c->phase : default_phase;
    h->parent = c->parent;
    h->unit_class = c->cls;
    h->sentence = tok_range(sc, c->sent_a, c->sent_b);
    h->number = tok_range(sc, c->num, c->num + 1);
    h->unit = tok_range(sc, unit_a, c->unit_b);
    /* the words the comparator was read from: a phrase after the unit
     * decides it over the words before the value */
    if (c->after_cmp && c->after_a < c->after_b)
        h->cmp_words = tok_range(sc, c->after_a, c->after_b);
    else if (c->lead < c->num)
        h->cmp_words = tok_range(sc, c->lead, c->num);
    for (int k = 0; k < VN_SCAN_IND__COUNT; k++)
        h->indicator[k] = tok_range(sc, c->ind_a[k], c->ind_b[k]);
}

/* Where the words of a cited document's own target start in sentence
 * [sa, sb): a [quoting] phrase after a [citation] word and a document's
 * number, the number's clause going on to it ("Quyết định số 1002/QĐ-TTg
 * đặt mục tiêu ...") or a [sub_part] word opening it after a comma
 * ("Quyết định số 1002/QĐ-TTg ..., trong đó đặt mục tiêu ...").  The
 * figures from there on are the document's, quoted; sb when none.  After a
 * comma the subject may be the plan's own ("Thực hiện Quyết định số
 * 1002/QĐ-TTg, Ủy ban nhân dân tỉnh đặt mục tiêu ..."): not quoted. */
static size_t quoted_from(scanner *sc, size_t sa, size_t sb)
{
    bool cited = false, numbered = false, comma = false;
    size_t len;
    for (size_t i = sa; i < sb; i++) {
        if (!cited) {
            cited = vn_tg_match_forward(sc, &sc->r->citation, i, sb, &len) != NULL;
        } else if (!numbered) {
            numbered = sc->toks[i].type == TK_NUM && is_glued_reference(sc, i);
        } else if (!comma && vn_tg_match_forward(sc, &sc->r->quoting, i, sb, &len)) {
            return i;
        } else if (vn_tg_tok_is(sc, i, ",") || vn_tg_tok_is(sc, i, ";")) {
            comma = true;
        } else if (comma && i > sa && (vn_tg_tok_is(sc, i - 1, ",") || vn_tg_tok_is(sc, i - 1, ";")) &&
                   vn_tg_match_forward(sc, &sc->r->sub_part, i, sb, &len) &&
                   vn_tg_match_forward(sc, &sc->r->quoting, i + len, sb, &len)) {
            return i;
        }
    }
    return sb;
}

/* Scans s[0..n) into sc->cands. */
static void scan_text(scanner *sc, const char *s, size_t n)
{
    sc->ncands = 0;
    vn_tg_tokenize(sc, s, n);
    sc->blocked_ready = false;
    for (size_t sa = 0; sa < sc->ntoks;) {
        size_t sb = sentence_end(sc, sa);
        bool number = false;
        for (size_t i = sa; i < sb && !number; i++)
            number = sc->toks[i].type == TK_NUM;
        if (!number) {
            sa = sb;
            continue;
        }
        vn_tg_ensure_keys(sc, sa, sb);
        vn_tg_find_phases(sc, sa, sb);
        sc->list_parent = -1;
        sc->soft_parent = -1;
        size_t quoted = quoted_from(sc, sa, sb);
        for (size_t ca = sa; ca < quoted;) {
            size_t cb = clause_end(sc, ca, quoted);
            scan_clause(sc, ca, cb, sa, quoted);
            ca = cb;
        }
        sa = sb;
    }
}

size_t vn_tg_scan_into(scanner *sc, const char *s, size_t n, const vn_scan_ctx *ctx,
                        vn_scan_hit *out, size_t max)
{
    if (!s || n == 0 || n >= UINT32_MAX || !(vn_tg_may_hold_value(s, n) || vn_tg_may_hold_fraction_words(sc, s, n)))
        return 0;
    scan_text(sc, s, n);
    uint16_t phase = ctx ? ctx->phase : VN_PHASE_NONE;
    for (size_t k = 0; k < sc->ncands && k < max; k++)
        vn_tg_fill_hit(sc, &sc->cands[k], phase, &out[k]);
    return sc->ncands;
}

size_t vn_targets_scan(const vnplan_grammar *g, const char *s, size_t n, const vn_scan_ctx *ctx,
                       vn_scan_hit *out, size_t max)
{
    if (!g)
        g = vnplan_grammar_default();
    if (!g || !g->targets)
        return 0;
    scanner sc;
    vn_tg_scanner_init(&sc, g->targets);
    size_t found = vn_tg_scan_into(&sc, s, n, ctx, out, max);
    vn_tg_scanner_free(&sc);
    return found;
}

void vn_scan_indicator(const char *s, const vn_scan_hit *hit, vn_buf *out)
{
    bool first = true;
    for (int k = 0; k < VN_SCAN_IND__COUNT; k++) {
        vn_scan_range r = hit->indicator[k];
        if (r.end <= r.start)
            continue;
        if (!first)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, s + r.start, r.end - r.start);
        first = false;
    }
}

/* Some phrase of the set ends with a token like token j. */
static bool ends_some_phrase(const scanner *sc, const phrase_set *set, size_t j)
{
    if (set->nbuckets == 0)
        return false;
    uint32_t h = sc->toks[j].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_last[h]; k >= 0; k = set->v[k].next_last)
        if (vn_tg_ptok_matches(sc, &set->v[k].t[set->v[k].n - 1], &sc->toks[j]))
            return true;
    return false;
}

bool vn_tg_is_phase_heading(scanner *sc, const char *s, size_t n)
{
    vn_tg_tokenize(sc, s, n);
    bool words = false;
    for (size_t i = 0; i < sc->ntoks; i++) {
        vn_tg_ensure_keys(sc, i, i + 1); /* most headings fail at their first word */
        const tok *t = &sc->toks[i];
        if (t->type == TK_PUNCT || vn_tg_tok_is_year(t))
            continue;
        if (t->type != TK_WORD || !vn_tg_match_forward(sc, &sc->r->phase_heading, i, i + 1, NULL))
            return false;
        words = true;
    }
    return words;
}

bool vn_tg_opens_parts(scanner *sc, const char *s, size_t n)
{
    /* only the end matters: start at a space some way before it */
    enum { TAIL = 160 };
    size_t from = n > TAIL ? n - TAIL : 0;
    while (from > 0 && from < n && s[from - 1] != ' ')
        from++;
    vn_tg_tokenize(sc, s + from, n - from);
    size_t b = sc->ntoks;
    while (b > 0 && sc->toks[b - 1].type == TK_PUNCT)
        b--;
    if (b == 0)
        return false;
    /* the last word must end some "trong đó" phrase before more is folded */
    vn_tg_ensure_keys(sc, b - 1, b);
    if (!ends_some_phrase(sc, &sc->r->sub_part, b - 1))
        return false;
    vn_tg_ensure_keys(sc, b > MAX_PHRASE_TOKENS ? b - MAX_PHRASE_TOKENS : 0, b);
    return b > 0 && vn_tg_match_backward(sc, &sc->r->sub_part, b - 1, 0, NULL);
}

/* One of the scanner's questions about s[0..n), asked with g's rules (the
 * built-in grammars when g is NULL) in a scanner of its own. */
static bool ask(const vnplan_grammar *g, const char *s, size_t n, bool (*question)(scanner *, const char *, size_t))
{
    if (!g)
        g = vnplan_grammar_default();
    if (!g || !g->targets || !s)
        return false;
    scanner sc;
    vn_tg_scanner_init(&sc, g->targets);
    bool yes = question(&sc, s, n);
    vn_tg_scanner_free(&sc);
    return yes;
}

bool vn_targets_is_phase_heading(const vnplan_grammar *g, const char *s, size_t n)
{
    return ask(g, s, n, vn_tg_is_phase_heading);
}

bool vn_targets_opens_parts(const vnplan_grammar *g, const char *s, size_t n)
{
    return ask(g, s, n, vn_tg_opens_parts);
}
