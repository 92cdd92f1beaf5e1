/* zip_build.h — archives made in memory with libzip, for the tests of the
 * DOCX and ODT readers. */
#ifndef VN_ZIP_BUILD_H
#define VN_ZIP_BUILD_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct member {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} member;

static inline unsigned char *make_zip(const member *m, size_t count, const char *password, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (size_t i = 0; i < count; i++) {
        size_t n = m[i].len ? m[i].len : strlen(m[i].data);
        zip_source_t *s = zip_source_buffer(za, m[i].data, n, 0);
        zip_int64_t idx = zip_file_add(za, m[i].name, s, ZIP_FL_ENC_UTF_8);
        if (password && idx >= 0)
            zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, password);
    }
    zip_close(za);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    *len = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc(*len + 1);
    zip_source_read(src, out, *len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

#endif
