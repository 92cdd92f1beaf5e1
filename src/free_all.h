/* free_all.h — VN_FREE_ALL, which frees each pointer it names, in order: the
 * arrays a struct owns, or a function's scratch arrays, listed once where they
 * are let go of (free(NULL) does nothing, so an array never grown may be
 * named).  Header-only: the library (through common.h) and the program
 * (src/cli) both use it. */
#ifndef VN_FREE_ALL_H
#define VN_FREE_ALL_H

#include <stddef.h>
#include <stdlib.h>

static inline void vn_free_all(void *const *ptrs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ptrs[i]);
}

#define VN_FREE_ALL(...)                                                                                     \
    vn_free_all((void *[]){__VA_ARGS__}, sizeof((void *[]){__VA_ARGS__}) / sizeof(void *))

#endif
