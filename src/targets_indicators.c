/* targets_indicators.c — what a value measures, and when.
 *
 * The words between the values of a clause are shared out as their
 * indicators: the words before a comparator, the counted noun, the words
 * after the unit, trimmed of punctuation, remarks and list openers.  Phases
 * stated in the sentence ("đến năm 2030", but not a year inside a cited
 * programme's name) are attached to the values they govern. */
#include "targets_private.h"

/* ---- indicators ------------------------------------------------------------------------------ */

static bool is_trim_punct(const scanner *sc, size_t i)
{
    static const char *const marks[] = {",", ";", ":", "-", "(", ")", ".", "+", "•", "[", "]",
                                        "\"", "'", "…", "/"};
    if (sc->toks[i].type != TK_PUNCT)
        return false;
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (vn_tg_tok_is(sc, i, marks[k]))
            return true;
    return false;
}

static const phase_hit *phase_starting_at(const scanner *sc, size_t i)
{
    for (size_t k = 0; k < sc->nphases; k++)
        if (sc->phases[k].a == i)
            return &sc->phases[k];
    return NULL;
}

static const phase_hit *phase_ending_at(const scanner *sc, size_t b)
{
    for (size_t k = 0; k < sc->nphases; k++)
        if (sc->phases[k].b == b)
            return &sc->phases[k];
    return NULL;
}

/* A group "( ... )" starting at token a and closing before b that holds a
 * number: a remark such as "(năm 2024 đạt 38%)", not part of an indicator.
 * Returns the token after ')' or a. */
static size_t remark_after(const scanner *sc, size_t a, size_t b)
{
    if (!vn_tg_tok_is(sc, a, "("))
        return a;
    bool number = false;
    for (size_t i = a + 1; i < b; i++) {
        number |= sc->toks[i].type == TK_NUM;
        if (sc->toks[i].paren == sc->toks[a].paren && vn_tg_tok_is(sc, i, ")"))
            return number ? i + 1 : a;
    }
    return a;
}

/* The same, for a group that ends at token b-1.  Returns its '(' or b. */
static size_t remark_before(const scanner *sc, size_t a, size_t b)
{
    if (b == a || !vn_tg_tok_is(sc, b - 1, ")"))
        return b;
    bool number = false;
    for (size_t i = b - 1; i-- > a;) {
        number |= sc->toks[i].type == TK_NUM;
        if (sc->toks[i].paren == sc->toks[b - 1].paren && vn_tg_tok_is(sc, i, "("))
            return number ? i : b;
    }
    return b;
}

/* A '(' at a whose ')' lies before b, and the reverse: such a pair stays
 * in an indicator ("nghiên cứu và phát triển (R&D)"). */
static bool opens_group(const scanner *sc, size_t a, size_t b)
{
    if (!vn_tg_tok_is(sc, a, "("))
        return false;
    for (size_t i = a + 1; i < b; i++)
        if (sc->toks[i].paren == sc->toks[a].paren && vn_tg_tok_is(sc, i, ")"))
            return true;
    return false;
}

static bool closes_group(const scanner *sc, size_t a, size_t b)
{
    if (b == 0 || !vn_tg_tok_is(sc, b - 1, ")"))
        return false;
    for (size_t i = b - 1; i-- > a;)
        if (sc->toks[i].paren == sc->toks[b - 1].paren && vn_tg_tok_is(sc, i, "("))
            return true;
    return false;
}

/* Drops punctuation, remarks in parentheses, phase phrases, "trong đó",
 * a trailing "trở lên" and lead words such as "phấn đấu" from both ends of
 * [*a, *b).  With keep_head the start is left alone (it follows a noun). */
static void trim_indicator(const scanner *sc, uint32_t *a, uint32_t *b, bool drop_leads,
                           bool keep_head)
{
    bool changed = true;
    while (changed && *a < *b) {
        changed = false;
        size_t len, x;
        const phase_hit *ph;
        if (keep_head) {
            /* nothing */
        } else if ((x = remark_after(sc, *a, *b)) != *a) {
            *a = (uint32_t)x;
            changed = true;
        } else if (is_trim_punct(sc, *a) && !opens_group(sc, *a, *b)) {
            (*a)++;
            changed = true;
        } else if ((ph = phase_starting_at(sc, *a)) != NULL && ph->b <= *b) {
            *a = ph->b;
            changed = true;
        } else if (vn_tg_match_forward(sc, &sc->r->sub_part, *a, *b, &len) ||
                   (drop_leads && vn_tg_match_forward(sc, &sc->r->ind_lead, *a, *b, &len))) {
            *a += (uint32_t)len;
            changed = true;
        }
        if (*a >= *b)
            break;
        if ((x = remark_before(sc, *a, *b)) != *b) {
            *b = (uint32_t)x;
            changed = true;
        } else if (is_trim_punct(sc, *b - 1) && !closes_group(sc, *a, *b)) {
            (*b)--;
            changed = true;
        } else if ((ph = phase_ending_at(sc, *b)) != NULL && ph->a >= *a) {
            *b = ph->a;
            changed = true;
        } else if (vn_tg_match_backward(sc, &sc->r->coordinator, *b - 1, *a, &len) ||
                   vn_tg_match_backward(sc, &sc->r->after, *b - 1, *a, &len) ||
                   vn_tg_match_backward(sc, &sc->r->rate, *b - 1, *a, &len)) {
            *b -= (uint32_t)len;
            changed = true;
        }
    }
    if (*a >= *b)
        *a = *b;
}

/* The subject of a value is what follows the last top-level ':' of the words
 * before it ("Nhân lực KH&CN: phấn đấu đạt tỷ lệ ..." → "phấn đấu đạt tỷ lệ
 * ...").  When the value comes right after the colon, the words before it
 * are a label ("Đào tạo: ít nhất 35% sinh viên ...") if words follow the
 * value, and the subject itself otherwise ("Tỷ lệ đi học đúng độ tuổi: 99%"). */
static void cut_at_colon(const scanner *sc, uint32_t *a, uint32_t *b, bool words_after)
{
    size_t end = *b;
    while (end > *a && is_trim_punct(sc, end - 1) && !vn_tg_tok_is(sc, end - 1, ":"))
        end--;
    for (size_t i = end; i-- > *a;) {
        if (sc->toks[i].paren != 0 || !vn_tg_tok_is(sc, i, ":"))
            continue;
        if (i + 1 < end)
            *a = (uint32_t)(i + 1);
        else if (words_after)
            *a = *b;
        return;
    }
}

/* First top-level ',' or coordinator in [a, b), or b. */
size_t vn_tg_first_split(const scanner *sc, size_t a, size_t b, size_t *len)
{
    uint8_t base = a < b ? sc->toks[a].paren : 0;
    for (size_t i = a; i < b; i++) {
        if (sc->toks[i].paren > base)
            continue;
        if (vn_tg_match_forward(sc, &sc->r->coordinator, i, b, len))
            return i;
    }
    *len = 0;
    return b;
}

/* Shares the words between two values: "... 2,5% thuộc các ngành khoa học
 * cơ bản và 18% ..." gives everything to the first; "... 35% ở mỗi trình độ,
 * tỷ lệ B đạt 40%" splits at the first comma; "trong đó" splits there. */
static void share_gap(const scanner *sc, cand *left, cand *right)
{
    uint32_t a = left->end, b = right->lead;
    size_t len;
    size_t m = vn_tg_find_sub_marker(sc, a, b, &len);
    if (m != SIZE_MAX) {
        left->seg_after_a = a;
        left->seg_after_b = (uint32_t)m;
        right->seg_before_a = (uint32_t)m;
        right->seg_before_b = b;
        return;
    }
    if (b > a && vn_tg_match_backward(sc, &sc->r->coordinator, b - 1, a, &len)) {
        left->seg_after_a = a;
        left->seg_after_b = b;
        right->seg_before_a = right->seg_before_b = b;
        return;
    }
    size_t split = vn_tg_first_split(sc, a, b, &len);
    if (split < b) {
        left->seg_after_a = a;
        left->seg_after_b = (uint32_t)split;
        right->seg_before_a = (uint32_t)(split + len);
        right->seg_before_b = b;
    } else {
        left->seg_after_a = left->seg_after_b = a;
        right->seg_before_a = a;
        right->seg_before_b = b;
    }
}

/* Does the token sequence [na, nb) occur in [a, b)? */
static bool contains_tokens(const scanner *sc, size_t a, size_t b, size_t na, size_t nb)
{
    size_t n = nb - na;
    for (size_t i = a; i + n <= b; i++) {
        size_t k = 0;
        while (k < n && sc->toks[i + k].type == sc->toks[na + k].type &&
               sc->toks[i + k].klen == sc->toks[na + k].klen &&
               memcmp(sc->keys.data + sc->toks[i + k].key, sc->keys.data + sc->toks[na + k].key,
                      sc->toks[na + k].klen) == 0)
            k++;
        if (k == n)
            return true;
    }
    return false;
}

void vn_tg_build_indicators(const scanner *sc, cand *v, size_t nv)
{
    if (nv == 0)
        return;
    v[0].seg_before_a = v[0].clause_a;
    v[0].seg_before_b = v[0].lead;
    v[nv - 1].seg_after_a = v[nv - 1].end;
    v[nv - 1].seg_after_b = v[nv - 1].clause_b;
    for (size_t k = 0; k + 1 < nv; k++)
        share_gap(sc, &v[k], &v[k + 1]);
    for (size_t k = 0; k < nv; k++) {
        cand *c = &v[k];
        uint32_t aa = c->seg_after_a, ab = c->seg_after_b;
        trim_indicator(sc, &aa, &ab, false, false);
        uint32_t a = c->seg_before_a, b = c->seg_before_b;
        size_t len;
        size_t m = vn_tg_find_sub_marker(sc, a, b, &len);
        if (m != SIZE_MAX)
            a = (uint32_t)(m + len);
        /* "Ủy ban nhân dân tỉnh đặt mục tiêu đến năm 2030 tỷ lệ ...", "Chủ
         * trì, phối hợp ..., phấn đấu đến năm 2030 tỷ lệ ...": who sets the
         * target and how the plan acts are not what it measures; the words
         * after the [quoting] phrase are, and those from an
         * [indicator_lead] opening a clause after a comma */
        for (size_t i = b; i-- > a;) {
            if (vn_tg_match_forward(sc, &sc->r->quoting, i, b, &len)) {
                a = (uint32_t)(i + len);
                break;
            }
            /* after a comma, or after the subject ("Các cơ sở giáo dục
             * nghề nghiệp trên địa bàn tỉnh phấn đấu có 35% người học ..."):
             * a lead of two words at least, not a lone abbreviation */
            if (i > a && sc->toks[i].paren == 0 && vn_tg_match_forward(sc, &sc->r->ind_lead, i, b, &len) &&
                (vn_tg_tok_is(sc, i - 1, ",") || len >= 2)) {
                /* not when nothing but the lead and a phase follow it, and
                 * no words after the value: "Tỷ lệ … phấn đấu đến năm 2030
                 * đạt 35%" measures what it opens with */
                uint32_t ta = (uint32_t)i, tb = b;
                trim_indicator(sc, &ta, &tb, true, false);
                if (ta < tb || aa < ab || c->noun_a < c->noun_b)
                    a = (uint32_t)i;
                break;
            }
        }
        uint32_t label_a = a, label_b = b;
        cut_at_colon(sc, &a, &b, aa < ab || c->noun_a < c->noun_b);
        trim_indicator(sc, &a, &b, true, false);
        if (a == b && aa == ab && c->cls != CLASS_COUNT) {
            /* "Nhân lực số: phấn đấu đạt 20 người/1 vạn dân": nothing but the
             * label names the measure */
            a = label_a;
            b = label_b;
            for (size_t i = b; i-- > a;)
                if (sc->toks[i].paren == 0 && vn_tg_tok_is(sc, i, ":")) {
                    b = (uint32_t)i;
                    break;
                }
            trim_indicator(sc, &a, &b, true, false);
        }
        c->ind_a[VN_SCAN_IND_BEFORE] = a;
        c->ind_b[VN_SCAN_IND_BEFORE] = b;
        uint32_t na = c->noun_a, nb = c->noun_b;
        /* "Thu hút ít nhất 03 chuyên gia ...": the counted noun is part of
         * what is measured, unless the subject already names it.  Of a rate
         * ("người/năm") it is the subject of the words after it, if any. */
        bool noun_counts = c->cls == CLASS_COUNT || aa < ab || a == b; /* "Đạt 15 bác sĩ/10.000 dân" */
        if (na == nb || !noun_counts || contains_tokens(sc, a, b, na, nb))
            na = nb = c->end;
        if (na < nb && aa < ab && nb == c->end) {
            /* the noun runs on into its qualifiers: keep the text between as written */
            ab = c->seg_after_b;
            trim_indicator(sc, &nb, &ab, false, true);
            nb = ab;
            aa = ab;
        }
        c->ind_a[VN_SCAN_IND_NOUN] = na;
        c->ind_b[VN_SCAN_IND_NOUN] = nb;
        c->ind_a[VN_SCAN_IND_AFTER] = aa;
        c->ind_b[VN_SCAN_IND_AFTER] = ab;
    }
}

/* The [rate_before] phrase that ends the clause [a, b), before its final
 * punctuation ("... tại các cuộc thi khoa học kỹ thuật, tin học trẻ mỗi năm."),
 * or NULL.  Not one inside parentheses deeper than the value (depth paren):
 * "hỗ trợ 150 người ... (bình quân 30 người mỗi năm)" gives a total for the
 * period, and the remark its yearly average. */
static const phrase *trailing_rate(const scanner *sc, size_t a, size_t b, unsigned paren)
{
    while (b > a && sc->toks[b - 1].type != TK_WORD && sc->toks[b - 1].type != TK_NUM)
        b--;
    for (size_t i = b >= a + 4 ? b - 4 : a; i < b; i++) {
        size_t len;
        const phrase *ph = vn_tg_match_forward(sc, &sc->r->rate_before, i, b, &len);
        if (ph && i + len == b)
            return sc->toks[i].paren > paren ? NULL : ph;
    }
    return NULL;
}

/* "Hằng năm, đào tạo 200 kỹ sư": a rate written before the counts of its
 * clause, or at its very end ("có ít nhất 10 học sinh đạt giải ... mỗi
 * năm").  One pass over the clause. */
void vn_tg_apply_leading_rates(const scanner *sc, cand *v, size_t nv)
{
    const phrase *rate = NULL;
    size_t i = nv ? v[0].clause_a : 0;
    for (size_t k = 0; k < nv; k++) {
        for (; i < v[k].lead && !rate; i++)
            rate = vn_tg_match_forward(sc, &sc->r->rate_before, i, v[k].lead, NULL);
        if (i < v[k].end)
            i = v[k].end;
        const phrase *r = rate ? rate : trailing_rate(sc, v[k].end, v[k].clause_b, sc->toks[v[k].num].paren);
        if (r && v[k].cls == CLASS_COUNT)
            v[k].cls = r->cls;
    }
}

/* "Tỷ trọng kinh tế số trong GRDP đạt 25%": a percentage whose indicator
 * names what it is a share of.  One pass over each value's clause, before
 * the value. */
void vn_tg_apply_share_context(const scanner *sc, cand *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (!vn_tg_class_is(sc->r->class_share, sc->r->nclass_share, v[k].cls))
            continue;
        const phrase *share = NULL;
        size_t from = v[k].clause_a;
        if (k > 0 && v[k - 1].clause_a == v[k].clause_a && v[k - 1].end > from)
            from = v[k - 1].end; /* not the words of an earlier value of the clause */
        for (size_t i = from; i < v[k].lead && !share; i++)
            share = vn_tg_match_forward(sc, &sc->r->share_of, i, v[k].lead, NULL);
        if (share)
            v[k].cls = share->cls;
    }
}

/* ---- phases stated in a sentence ------------------------------------------------------------ */

static bool inside_not_phase(const scanner *sc, size_t year_tok, size_t sa, size_t sb)
{
    size_t lo = year_tok >= MAX_PHRASE_TOKENS ? year_tok - MAX_PHRASE_TOKENS : 0;
    if (lo < sa)
        lo = sa;
    for (size_t i = lo; i <= year_tok; i++) {
        size_t len;
        if (vn_tg_match_forward(sc, &sc->r->not_phase, i, sb, &len) && i + len > year_tok)
            return true;
    }
    return false;
}

/* Words a document kind that names no document may have before its
 * clause ends ("kế hoạch thực hiện,"): more would be a title, whose own
 * commas ("công nghiệp hóa, hiện đại hóa") do not end the citation. */
#define UNNAMED_KIND_WORDS 4

/* The clause goes on past ',' or ';' within UNNAMED_KIND_WORDS plain words
 * after the kind, which ends at `from`: no number and no capital before it. */
static bool kind_left_unnamed(const scanner *sc, size_t from, size_t to)
{
    for (size_t j = from; j < to && j <= from + UNNAMED_KIND_WORDS; j++) {
        if (vn_tg_tok_is(sc, j, ",") || vn_tg_tok_is(sc, j, ";"))
            return true;
        if (sc->toks[j].type != TK_WORD || sc->toks[j].upper)
            return false;
    }
    return false;
}

/* A cited document has a number or a name between its kind and the phase
 * ("Đề án đào tạo ... giai đoạn 2025 - 2035", "Quyết định số 1002/QĐ-TTg
 * ... đến năm 2030"); a kind followed at once by the phase ("kinh phí thực
 * hiện Kế hoạch giai đoạn 2025 - 2030", "Kế hoạch này ...") is the plan's own
 * period, which is the target's too; nor is one the clause leaves at once
 * ("thực hiện Kế hoạch, bảo đảm đến năm 2035 ..."). */
static bool after_citation(const scanner *sc, size_t at, size_t sa)
{
    size_t lo = at >= CITATION_LOOKBACK ? at - CITATION_LOOKBACK : 0;
    if (lo < sa)
        lo = sa;
    for (size_t i = lo; i < at; i++) {
        size_t len = 0;
        if (!vn_tg_match_forward(sc, &sc->r->citation, i, at, &len))
            continue;
        size_t gap = at - (i + len);
        if (gap == 1) {
            const tok *t = &sc->toks[i + len];
            if (t->b - t->a == 4 && memcmp(sc->s + t->a, "này", 4) == 0)
                continue;
        }
        /* "hướng dẫn thực hiện Kế hoạch, bảo đảm đến năm 2035 ...", "xây
         * dựng kế hoạch thực hiện, bảo đảm đến năm 2030 ...": a kind the
         * clause leaves at once, or after a few plain words (no number, no
         * capital: no document's number or name), names no cited document */
        if (gap > 0 && kind_left_unnamed(sc, i + len, at))
            continue;
        if (gap > 0)
            return true;
    }
    return false;
}

void vn_tg_find_phases(scanner *sc, size_t sa, size_t sb)
{
    sc->nphases = 0;
    for (size_t i = sa; i < sb && sc->nphases < MAX_PHASES_PER_SENTENCE;) {
        size_t len;
        const phrase *ph = vn_tg_match_forward(sc, &sc->r->phase, i, sb, &len);
        if (!ph) {
            i++;
            continue;
        }
        size_t year_tok = i + (size_t)ph->hole_at;
        if (!inside_not_phase(sc, year_tok, sa, sb) && !after_citation(sc, i, sa)) {
            phase_hit *h = &VN_PUSH(sc->phases, sc->nphases, sc->capphases);
            h->a = (uint32_t)i;
            h->b = (uint32_t)(i + len);
            h->year_tok = (uint32_t)year_tok;
            h->year = (uint16_t)sc->toks[year_tok].num;
            h->in_paren = sc->toks[i].paren > 0;
        }
        i += len;
    }
}

/* The phase a value's own words state, else its clause, else an earlier
 * clause of its sentence ("Đến năm 2030: ...; ..."). */
uint16_t vn_tg_stated_phase(const scanner *sc, const cand *c)
{
    const phase_hit *own = NULL, *before = NULL, *after = NULL, *earlier = NULL;
    for (size_t k = 0; k < sc->nphases; k++) {
        const phase_hit *h = &sc->phases[k];
        if (h->in_paren != c->in_paren)
            continue;
        bool in_before = h->a >= c->seg_before_a && h->b <= c->seg_before_b;
        bool in_after = h->a >= c->seg_after_a && h->b <= c->seg_after_b;
        if (!own && (in_before || in_after))
            own = h;
        if (h->a >= c->clause_a && h->b <= c->lead)
            before = h;
        if (!after && h->a >= c->end && h->b <= c->clause_b)
            after = h;
        if (h->b <= c->clause_a)
            earlier = h;
    }
    const phase_hit *h = own ? own : before ? before : after ? after : earlier;
    return h ? h->year : VN_PHASE_NONE;
}
