/* unzip.h — the archives DOCX and ODT files are, read safely (libzip).
 *
 * A member is inflated in chunks and the limits of source.h are enforced as
 * the bytes come, never from the sizes the archive declares: a zip bomb stops
 * at the limit with a message, before the memory is spent. */
#ifndef VN_UNZIP_H
#define VN_UNZIP_H

#include "common.h"

typedef struct vn_zip vn_zip;

/* Opens an archive held in memory (p must outlive the vn_zip).  kind names
 * the format in messages ("DOCX", "ODT"). */
vnplan_status vn_zip_open(const unsigned char *p, size_t n, const char *kind, vn_zip **out, vn_error *err);

/* Reads member `name` whole into out (cleared first, NUL-terminated).  A
 * missing member is no error: *found says whether it was there. */
vnplan_status vn_zip_read(vn_zip *z, const char *name, vn_buf *out, bool *found, vn_error *err);

void vn_zip_close(vn_zip *z);

#endif
