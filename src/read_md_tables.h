/* read_md_tables.h — pandoc's simple and multiline tables written again as
 * pipe tables before md4c reads the Markdown (read_md_tables.c). */
#ifndef VN_READ_MD_TABLES_H
#define VN_READ_MD_TABLES_H

#include "common.h"

/* Copies the Markdown p[0..n) to out, each of pandoc's simple or multiline
 * tables (outside fenced code) as a pipe table, and each of its bracketed
 * spans ("[words]{.underline}") as its words. */
void vn_md_pandoc_tables(const char *p, size_t n, vn_buf *out);

#endif
