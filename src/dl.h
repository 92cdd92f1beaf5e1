/* dl.h — a library loaded when first needed (dlopen) instead of linked.
 *
 * Every shared library linked to the program is mapped and relocated at
 * every start, used or not: poppler-glib alone brought fifty of them (7 ms),
 * libzip and libxlsxwriter libcrypto (1 ms).  A library only some inputs or
 * commands need is therefore loaded by the first call that needs it, and its
 * functions reached through a table:
 *
 *     #define ZIP_FUNCS(X) X(zip_open_from_source) X(zip_fread) ...
 *     typedef struct { ZIP_FUNCS(VN_DL_FIELD) } zip_api;
 *     VN_DL_DEFINE(zip_api, zl, ZIP_FUNCS, zl_lib, VN_ZIP_SONAME, NULL);
 *
 * VN_DL_FIELD declares each pointer with the type of the function the real
 * header declares (__typeof__), so that the build still checks every call
 * against the library's API as linking did.  Header-only: the library and
 * the program (src/cli) both use it. */
#ifndef VN_DL_H
#define VN_DL_H

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define VN_DL_FIELD(fn) __typeof__(&fn) fn;
#define VN_DL_NAME(fn) #fn,

typedef void (*vn_dl_fn)(void);

/* Opens soname and fills the table at api, n pointers (a struct made of
 * VN_DL_FIELD only: n function pointers in a row), from the names.  false,
 * with the reason in why[0..whylen), when the library or a function is
 * missing; the table is then not to be used.  Not thread-safe by itself:
 * callers go through vn_dl_use. */
static inline bool vn_dl_load(const char *soname, const char *const *names, size_t n, void *api, char *why,
                              size_t whylen, bool lazy)
{
    /* RTLD_LOCAL: its symbols serve this table only; RTLD_NOW: a missing
     * dependency shows here, not in the middle of a document */
    void *h = dlopen(soname, (lazy ? RTLD_LAZY : RTLD_NOW) | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, whylen, "%s", e ? e : soname);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        /* looked up in the library and in those it needs (GLib for
         * poppler-glib) */
        void *sym = dlsym(h, names[i]);
        if (!sym) {
            snprintf(why, whylen, "%s has no %s", soname, names[i]);
            return false; /* h stays open: another table may share it */
        }
        /* POSIX: a function's address from dlsym converts to a function
         * pointer; all function pointers have one size and representation */
        vn_dl_fn fn;
        memcpy(&fn, &sym, sizeof fn);
        memcpy((char *)api + i * sizeof fn, &fn, sizeof fn);
    }
    return true;
}

/* A library loaded on first use and its table: vn_dl_use loads it the
 * first time (under the lock: once per process, from any thread) and says
 * whether the table is ready; `why` keeps the reason it is not, for every
 * later call (but a failure for want of memory, `nomem`, which the caller
 * reports as such, and the next call tries again).  `loaded` (may be NULL) runs once after a load that worked. */
typedef struct vn_dl_lib {
    const char *soname;
    const char *const *names;
    size_t n;
    void *api;
    void (*loaded)(void *api);
    /* RTLD_LAZY for a library whose own dependencies are large and bound
     * at first call (libxml2: ICU and libstdc++, 1.8 M instructions of
     * relocations with RTLD_NOW); the table's functions are looked up at
     * load all the same */
    bool lazy;
    pthread_mutex_t lock;
    bool tried, ok;
    bool nomem; /* the last attempt failed for want of memory: tried again next time */
    char why[160];
} vn_dl_lib;

/* The vn_dl_lib of the table `api` (a struct of VN_DL_FIELD) and its array
 * of `names` (VN_DL_NAME), checked to hold as many. */
#define VN_DL_LIB(soname, api, names, loaded)                                                                \
    {(soname), (names), sizeof(names) / sizeof(names)[0], &(api), (loaded), false, PTHREAD_MUTEX_INITIALIZER, \
     false, false, false, {0}}
#define VN_DL_LIB_LAZY(soname, api, names, loaded)                                                           \
    {(soname), (names), sizeof(names) / sizeof(names)[0], &(api), (loaded), true, PTHREAD_MUTEX_INITIALIZER,  \
     false, false, false, {0}}
#define VN_DL_CHECK(api, names)                                                                              \
    _Static_assert(sizeof(api) == sizeof(names) / sizeof(names)[0] * sizeof(vn_dl_fn),                        \
                   #api " holds exactly the function pointers " #names " names")
/* The whole set-up of a library: the table `api` (of api_type, a struct of
 * FUNCS(VN_DL_FIELD)), its names (api_names) and `lib`, which loads it from
 * soname and then calls loaded(&api), unless loaded is NULL. */
#define VN_DL_DEFINE(api_type, api, FUNCS, lib, soname, loaded)                                              \
    static api_type api;                                                                                     \
    static const char *const api##_names[] = {FUNCS(VN_DL_NAME)};                                            \
    VN_DL_CHECK(api, api##_names);                                                                           \
    static vn_dl_lib lib = VN_DL_LIB(soname, api, api##_names, loaded)

/* Whether dlopen failed for want of memory or address space (a library
 * loaded late, under a memory limit, cannot be mapped): the dynamic
 * loader says so only in words. */
static inline bool vn_dl_why_nomem(const char *why)
{
    return strstr(why, "map segment") || strstr(why, "allocate memory") || strstr(why, "Cannot allocate");
}

/* vn_dl_use, and *nomem (may be NULL) says whether it failed for want of
 * memory (read under the lock: another thread may be trying). */
static inline bool vn_dl_use_why(vn_dl_lib *l, bool *nomem)
{
    pthread_mutex_lock(&l->lock);
    if (!l->tried) {
        l->tried = true;
        l->ok = vn_dl_load(l->soname, l->names, l->n, l->api, l->why, sizeof l->why, l->lazy);
        if (l->ok && l->loaded)
            l->loaded(l->api);
        /* memory may be back next time: not a verdict to keep */
        l->nomem = !l->ok && vn_dl_why_nomem(l->why);
        if (l->nomem)
            l->tried = false;
    }
    bool ok = l->ok;
    if (nomem)
        *nomem = !ok && l->nomem;
    pthread_mutex_unlock(&l->lock);
    return ok;
}

static inline bool vn_dl_use(vn_dl_lib *l) { return vn_dl_use_why(l, NULL); }

#endif
