/* compare_assign.c — pairing baseline and plan by one global assignment.
 *
 * A strong pair is never lost to whoever came first: the pairs that
 * maximize the total score above the threshold are found by the Hungarian
 * algorithm (vn_assign). */
#include "compare_private.h"

/* ---- the assignment ---------------------------------------------------------------------- */

/* Hungarian algorithm (shortest augmenting paths with potentials) on an
 * n x m cost matrix, n <= m, 1-based as in the classic formulation;
 * row_of_col[j] receives the row of column j (0: none). */
static void hungarian(const double *cost, size_t n, size_t m, size_t *row_of_col)
{
    double *u = vn_xcalloc(n + 1, sizeof *u), *v = vn_xcalloc(m + 1, sizeof *v);
    double *minv = vn_xmalloc((m + 1) * sizeof *minv);
    size_t *way = vn_xcalloc(m + 1, sizeof *way);
    bool *used = vn_xmalloc((m + 1) * sizeof *used);
    size_t *p = row_of_col;
    memset(p, 0, (m + 1) * sizeof *p);
    for (size_t i = 1; i <= n; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= m; j++) {
            minv[j] = DBL_MAX;
            used[j] = false;
        }
        do {
            used[j0] = true;
            size_t i0 = p[j0], j1 = 0;
            double delta = DBL_MAX;
            for (size_t j = 1; j <= m; j++) {
                if (used[j])
                    continue;
                double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            if (j1 == 0) /* cannot happen with n <= m; a guard against NaN */
                break;
            for (size_t j = 0; j <= m; j++) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    VN_FREE_ALL(u, v, minv, way, used);
}

typedef cp_pair pair_;

static int cmp_pair_desc(const void *a, const void *b)
{
    const pair_ *x = a, *y = b;
    if (x->s != y->s)
        return x->s > y->s ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* The assignment over a dense matrix of scores (the unit tests probe it):
 * its pairs at or above the threshold, row by row, for vn_assign_pairs. */
void vn_assign(const double *score, size_t n, size_t m, double threshold, int32_t *row_col)
{
    for (size_t i = 0; i < n; i++)
        row_col[i] = -1;
    if (n == 0 || m == 0)
        return;
    pair_ *pp = NULL;
    size_t np = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            if (score[i * m + j] >= threshold) {
                pair_ *q = &VN_PUSH(pp, np, cap);
                q->s = score[i * m + j];
                q->i = (uint32_t)i;
                q->j = (uint32_t)j;
            }
    vn_assign_pairs(pp, np, n, m, threshold, row_col);
    free(pp);
}

/* Pairs are assigned within connected groups of candidate pairs (a
 * baseline and a plan target scoring at least the threshold; pp holds
 * them, in order of row then column, and no other pair scores that much):
 * each group is gathered by a counting sort on its root, so the work grows
 * with the number of candidates, not with rows x columns x groups.  A pair
 * outside pp weighs as no pair at all, so a caller that never made the
 * matrix of all scores (compare.c) gets what the dense matrix gives. */
void vn_assign_pairs(const cp_pair *pp, size_t np, size_t n, size_t m, double threshold, int32_t *row_col)
{
    for (size_t i = 0; i < n; i++)
        row_col[i] = -1;
    if (np == 0)
        return;
    /* connected groups: rows 0..n-1, columns n..n+m-1 */
    size_t *parent = vn_xmalloc((n + m) * sizeof *parent);
    for (size_t k = 0; k < n + m; k++)
        parent[k] = k;
    for (size_t k = 0; k < np; k++) {
        size_t a = uf_find(parent, pp[k].i), b = uf_find(parent, n + pp[k].j);
        if (a != b)
            parent[a] = b;
    }
    /* a dense number per group that has a pair, in the order rows first meet it */
    size_t *group = vn_xmalloc((n + m) * sizeof *group);
    size_t ngroups = 0;
    for (size_t k = 0; k < n + m; k++)
        group[k] = SIZE_MAX;
    size_t *gid = vn_xmalloc((n + m) * sizeof *gid); /* group of each root */
    for (size_t k = 0; k < n + m; k++)
        gid[k] = SIZE_MAX;
    for (size_t k = 0; k < np; k++) {
        size_t r = uf_find(parent, pp[k].i);
        if (gid[r] == SIZE_MAX)
            gid[r] = ngroups++;
        group[pp[k].i] = group[n + pp[k].j] = gid[r];
    }
    /* members and pairs of each group, by counting sort (rows, then columns,
     * each in index order; pairs in the order found) */
    size_t *mstart = vn_xcalloc(ngroups + 1, sizeof *mstart), *pstart = vn_xcalloc(ngroups + 1, sizeof *pstart);
    for (size_t k = 0; k < n + m; k++)
        if (group[k] != SIZE_MAX)
            mstart[group[k] + 1]++;
    for (size_t k = 0; k < np; k++)
        pstart[group[pp[k].i] + 1]++;
    for (size_t g = 0; g < ngroups; g++) {
        mstart[g + 1] += mstart[g];
        pstart[g + 1] += pstart[g];
    }
    size_t *members = vn_xmalloc((n + m) * sizeof *members), *mfill = vn_xmalloc((ngroups + 1) * sizeof *mfill);
    pair_ *gpairs = vn_xmalloc(np * sizeof *gpairs);
    size_t *pfill = vn_xmalloc((ngroups + 1) * sizeof *pfill);
    memcpy(mfill, mstart, (ngroups + 1) * sizeof *mfill);
    memcpy(pfill, pstart, (ngroups + 1) * sizeof *pfill);
    for (size_t k = 0; k < n + m; k++)
        if (group[k] != SIZE_MAX)
            members[mfill[group[k]]++] = k;
    for (size_t k = 0; k < np; k++)
        gpairs[pfill[group[pp[k].i]]++] = pp[k];
    size_t *rows = vn_xmalloc(n * sizeof *rows), *cols = vn_xmalloc(m * sizeof *cols);
    size_t *at = vn_xmalloc((n + m) * sizeof *at); /* a member's place among its group's rows or columns */
    bool *col_used = vn_xcalloc(m, sizeof *col_used);
    for (size_t g = 0; g < ngroups; g++) {
        size_t nr = 0, nc = 0;
        for (size_t k = mstart[g]; k < mstart[g + 1]; k++) {
            if (members[k] < n) {
                at[members[k]] = nr;
                rows[nr++] = members[k];
            } else {
                at[members[k]] = nc;
                cols[nc++] = members[k] - n;
            }
        }
        if (nr + nc > VN_ASSIGN_MAX_EXACT) {
            /* greedy, best pair first: bounded time for a hostile input */
            pair_ *gp = gpairs + pstart[g];
            size_t gn = pstart[g + 1] - pstart[g];
            qsort(gp, gn, sizeof *gp, cmp_pair_desc);
            for (size_t k = 0; k < gn; k++)
                if (row_col[gp[k].i] < 0 && !col_used[gp[k].j]) {
                    row_col[gp[k].i] = (int32_t)gp[k].j;
                    col_used[gp[k].j] = true;
                }
            continue;
        }
        /* minimize the cost -(score - threshold) over pairs above the
         * threshold; a pair below costs 0, like no pair at all */
        bool transpose = nr > nc;
        size_t a = transpose ? nc : nr, b = transpose ? nr : nc;
        double *cost = vn_xcalloc(a * b + 1, sizeof *cost);
        for (size_t k = pstart[g]; k < pstart[g + 1]; k++) {
            size_t r = at[gpairs[k].i], q = at[n + gpairs[k].j];
            size_t x = transpose ? q : r, y = transpose ? r : q;
            cost[x * b + y] = -(gpairs[k].s - threshold) - 1e-9;
        }
        size_t *row_of_col = vn_xmalloc((b + 1) * sizeof *row_of_col);
        hungarian(cost, a, b, row_of_col);
        for (size_t y = 1; y <= b; y++) {
            size_t x = row_of_col[y];
            if (!x)
                continue;
            x--;
            size_t i = transpose ? rows[y - 1] : rows[x], j = transpose ? cols[x] : cols[y - 1];
            if (cost[x * b + (y - 1)] < 0) /* a pair at or above the threshold */
                row_col[i] = (int32_t)j;
        }
        free(row_of_col);
        free(cost);
    }
    VN_FREE_ALL(col_used, at, rows, cols, gpairs, pfill, mfill, members, mstart, pstart, gid, group, parent);
}
