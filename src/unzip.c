/* unzip.c — see unzip.h (not zip.h: -Isrc would shadow libzip's <zip.h>).
 * libzip parses the archive; what it inflates is counted here chunk by
 * chunk against the limits of source.h (per member, for the whole archive,
 * and the ratio of inflated to stored bytes), since the sizes in a zip's
 * headers are whatever its maker wrote.
 *
 * libzip is not linked but loaded by the first archive (dl.h: it brings
 * libcrypto, bzip2 and zlib, which a start on a text file does not need);
 * every call goes through the table zl, checked against <zip.h>. */
#include "dl.h"
#include "i18n.h"
#include "source.h"
#include "unzip.h"

#include <pthread.h>
#include <stdlib.h>
#include <zip.h>

#ifndef VN_ZIP_SONAME
#define VN_ZIP_SONAME "libzip.so.4"
#endif

#define ZIP_FUNCS(X)                                                                                         \
    X(zip_error_init)                                                                                        \
    X(zip_error_fini)                                                                                        \
    X(zip_error_code_zip)                                                                                    \
    X(zip_source_buffer_create)                                                                              \
    X(zip_source_free)                                                                                       \
    X(zip_open_from_source)                                                                                  \
    X(zip_get_num_entries)                                                                                   \
    X(zip_get_error)                                                                                         \
    X(zip_name_locate)                                                                                       \
    X(zip_stat_init)                                                                                         \
    X(zip_stat_index)                                                                                        \
    X(zip_fopen_index)                                                                                       \
    X(zip_fread)                                                                                             \
    X(zip_fclose)                                                                                            \
    X(zip_discard)

typedef struct zip_api {
    ZIP_FUNCS(VN_DL_FIELD)
} zip_api;

/* Loaded once per process (vn_dl_use), then only read. */
VN_DL_DEFINE(zip_api, zl, ZIP_FUNCS, zl_lib, VN_ZIP_SONAME, NULL);

#define ZIP_CHUNK 65536
/* The ratio limit applies past this many inflated bytes: a small XML part
 * full of repeated markup legitimately compresses far better than 200:1. */
#define ZIP_RATIO_FLOOR ((size_t)1 << 20)

struct vn_zip {
    zip_t *za;
    const char *kind;
    size_t total; /* inflated bytes read from all members so far */
};

static const char *open_problem(int code)
{
    switch (code) {
    case ZIP_ER_NOZIP: return N_("not a zip archive, or a truncated one (no central directory)");
    case ZIP_ER_INCONS: return N_("a damaged or truncated zip archive (inconsistent directory)");
    case ZIP_ER_MEMORY: return N_("out of memory while opening the archive");
    default: return N_("a damaged zip archive");
    }
}

vnplan_status vn_zip_open(const unsigned char *p, size_t n, const char *kind, vn_zip **out, vn_error *err)
{
    *out = NULL;
    if (!vn_dl_use(&zl_lib))
        return vn_fail(err, VNPLAN_ERR_BINARY,
                       "reading a %s file needs the libzip library, which cannot be loaded (%s); "
                       "on Debian: apt-get install libzip4",
                       kind, zl_lib.why);
    zip_error_t ze;
    zl.zip_error_init(&ze);
    zip_source_t *src = zl.zip_source_buffer_create(p, n, 0, &ze);
    if (!src) {
        zl.zip_error_fini(&ze);
        return vn_fail(err, VNPLAN_ERR_BINARY, "%s file: cannot be read as a zip archive", kind);
    }
    zip_t *za = zl.zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        int code = zl.zip_error_code_zip(&ze);
        zl.zip_source_free(src);
        zl.zip_error_fini(&ze);
        return vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s", kind, open_problem(code));
    }
    zl.zip_error_fini(&ze);
    zip_int64_t entries = zl.zip_get_num_entries(za, 0);
    if (entries < 0 || entries > VN_ZIP_MAX_ENTRIES) {
        zl.zip_discard(za);
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "%s file: more than %d members in the archive", kind,
                       VN_ZIP_MAX_ENTRIES);
    }
    vn_zip *z = vn_xcalloc(1, sizeof *z);
    z->za = za;
    z->kind = kind;
    *out = z;
    return VNPLAN_OK;
}

vnplan_status vn_zip_read(vn_zip *z, const char *name, vn_buf *out, bool *found, vn_error *err)
{
    vn_buf_clear(out);
    *found = false;
    zip_int64_t idx = zl.zip_name_locate(z->za, name, 0);
    if (idx < 0)
        return VNPLAN_OK;
    *found = true;
    zip_stat_t st;
    zl.zip_stat_init(&st);
    if (zl.zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0)
        return vn_fail(err, VNPLAN_ERR_BINARY, "%s file: member %s is damaged", z->kind, name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return vn_fail(
            err, VNPLAN_ERR_BINARY,
            "%s file: member %s is encrypted (password-protected); save the document without a password",
            z->kind, name);
    size_t stored = (st.valid & ZIP_STAT_COMP_SIZE) ? (size_t)st.comp_size : 0;
    zip_file_t *f = zl.zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!f) {
        int code = zl.zip_error_code_zip(zl.zip_get_error(z->za));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
            return vn_fail(
                err, VNPLAN_ERR_BINARY,
                "%s file: member %s is encrypted (password-protected); save the document without a password",
                z->kind, name);
        if (code == ZIP_ER_COMPNOTSUPP)
            return vn_fail(err, VNPLAN_ERR_BINARY,
                           "%s file: member %s uses a compression method that cannot be read", z->kind, name);
        return vn_fail(err, VNPLAN_ERR_BINARY, "%s file: member %s cannot be opened (damaged archive)",
                       z->kind, name);
    }
    vnplan_status rc = VNPLAN_OK;
    for (;;) {
        vn_buf_reserve(out, ZIP_CHUNK + 1);
        zip_int64_t got = zl.zip_fread(f, out->data + out->len, ZIP_CHUNK);
        if (got < 0) {
            /* libzip's words (its error string) are English in a Vietnamese report */
            rc = vn_fail(err, VNPLAN_ERR_BINARY, "%s file: member %s is damaged or truncated", z->kind, name);
            break;
        }
        if (got == 0)
            break;
        out->len += (size_t)got;
        z->total += (size_t)got;
        if (out->len > VN_ZIP_MAX_MEMBER) {
            rc = vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                         "%s file: member %s inflates to more than %zu MB (a zip bomb?)", z->kind, name,
                         VN_ZIP_MAX_MEMBER >> 20);
            break;
        }
        if (z->total > VN_ZIP_MAX_TOTAL) {
            rc = vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                         "%s file: its members inflate to more than %zu MB (a zip bomb?)", z->kind,
                         VN_ZIP_MAX_TOTAL >> 20);
            break;
        }
        if (out->len > ZIP_RATIO_FLOOR && out->len / VN_ZIP_MAX_RATIO > stored) {
            rc = vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                         "%s file: member %s inflates more than %d times its stored size (a zip bomb?)",
                         z->kind, name, VN_ZIP_MAX_RATIO);
            break;
        }
    }
    zl.zip_fclose(f);
    if (rc != VNPLAN_OK) {
        vn_buf_free(out);
        return rc;
    }
    vn_buf_cstr(out);
    return VNPLAN_OK;
}

void vn_zip_close(vn_zip *z)
{
    if (!z)
        return;
    zl.zip_discard(z->za);
    free(z);
}
