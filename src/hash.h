/* hash.h — the two hashes vnplan keys its tables and fingerprints with:
 * FNV-1a over bytes, and splitmix64's finalizer to spread a 64-bit key over
 * all its bits.  Header-only: the library and the program (src/cli) both
 * use them, and a hash written once keeps the sentence fingerprints of
 * documents.jsonl the same from one version to the next. */
#ifndef VN_HASH_H
#define VN_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits, of p[0..n). */
static inline uint64_t vn_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* splitmix64's finalizer: every bit of x moves every bit of the result. */
static inline uint64_t vn_hash_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* A hash and the item it was made of (a line, a plan), to sort with
 * vn_hashed_cmp: items of the same hash end up side by side, in their order,
 * so that a sort finds repeats in n log n. */
typedef struct vn_hashed {
    uint64_t hash;
    size_t item;
} vn_hashed;

static inline int vn_hashed_cmp(const void *a, const void *b)
{
    const vn_hashed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (x->item > y->item) - (x->item < y->item);
}

#endif
