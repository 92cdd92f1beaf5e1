/* read_legacy.h — Vietnam's legacy 8-bit encodings (read_legacy.c): the
 * byte tables of TCVN3, VNI, VISCII and Windows-1258, how a plain-text file
 * is told to be in one of them, and the decoding, for read.c. */
#ifndef VN_READ_LEGACY_H
#define VN_READ_LEGACY_H

#include "text.h"

typedef struct vn_byte_table vn_byte_table;

/* The legacy encoding that reads most like Vietnamese on a sample of p, its
 * table in *table (free it), or false when none does. */
bool vn_legacy_pick(const unsigned char *p, size_t n, vn_encoding *enc, vn_byte_table **table);

/* Decodes p with t into out (started here), the offset map into d. */
void vn_legacy_decode(const vn_byte_table *t, const unsigned char *p, size_t n, vn_decoded *d, vn_buf *out);

/* Puts back the capitals TCVN3 could not write, line by line (read_legacy.c
 * says how they are recognised).  The length of s is unchanged. */
void vn_tcvn3_restore_capitals(char *s, size_t len);

/* From read.c, shared with the legacy decoder: a run of the offset map, and
 * an empty output buffer with room for cap bytes and a NUL. */
void vn_read_push_run(vn_decoded *d, size_t norm, size_t nlen, size_t orig, size_t olen, unsigned step);
void vn_read_start_output(vn_buf *out, size_t cap);

#endif
