/* json_read.h — a line of documents.jsonl read into a tree of values, for
 * `vnplan report` and the report that `vnplan batch` feeds (cmd_report.c).
 *
 * A reader of its own rather than json-c: json-c made an object with a
 * hash table, and a string, for every value of every line, and reading the
 * lines was a tenth of a batch's instructions (issue 13).  Here a line's
 * values go into one array and its strings into one buffer, both kept from
 * line to line by the parser, so that a line allocates nothing once the
 * parser has grown to the longest. */
#ifndef VN_CLI_JSON_READ_H
#define VN_CLI_JSON_READ_H

#include <stddef.h>

typedef enum { JR_NULL, JR_FALSE, JR_TRUE, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT } jr_type;

typedef struct jr_value {
    jr_type type;
    const char *key; /* a member of an object: its name */
    const char *s;   /* a string: its text; a number: its text as written (NUL-terminated) */
    double num;      /* a number */
    size_t n;        /* an array or an object: how many items */
    const struct jr_value *first, *next; /* the items of an array or object, in order */
} jr_value;

typedef struct jr_parser {
    jr_value *v;
    struct jr_link *ln; /* per value, while a line is read: indices, not pointers */
    size_t nv, cap;
    char *str;
    size_t nstr, strcap;
} jr_parser;

/* The value of the JSON text at text (what follows it is not read, as
 * json-c's json_tokener_parse_ex does not); NULL when it is no JSON, with
 * *why saying what is wrong.  The values live until the next call. */
const jr_value *jr_parse(jr_parser *p, const char *text, const char **why);
void jr_parser_free(jr_parser *p);

/* The member key of an object (NULL: none, or o is no object). */
const jr_value *jr_get(const jr_value *o, const char *key);

#endif
