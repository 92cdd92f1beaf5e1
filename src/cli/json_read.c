/* json_read.c — a line of documents.jsonl read into a tree of values
 * (json_read.h says why not json-c).
 *
 * RFC 8259's grammar, read by recursive descent to a depth of
 * JR_MAX_DEPTH.  Values go into one growing array and are linked by index
 * while the line is read (the array may move), then by pointer; strings are
 * unescaped into one buffer as long as the text, which no unescaped string
 * outgrows (each loses its two quotes and gains one NUL).  Numbers are
 * read by strtod: the program never calls setlocale, so its decimal point
 * is '.'. */
#include "json_read.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JR_MAX_DEPTH 32 /* json-c's default depth */
#define JR_NONE SIZE_MAX

struct jr_link {
    size_t first, last, next, s, key; /* values; offsets into str (JR_NONE: none) */
};

typedef struct jr_reader {
    jr_parser *p;
    const char *t; /* the text, read from t[i] */
    size_t i;
    const char *why;
} jr_reader;

static void *jr_realloc(void *v, size_t n)
{
    void *r = realloc(v, n ? n : 1);
    if (!r) {
        fputs("vnplan: out of memory\n", stderr);
        exit(2);
    }
    return r;
}

static void skip_space(jr_reader *r)
{
    for (;;) {
        char c = r->t[r->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        r->i++;
    }
}

static size_t new_value(jr_reader *r, jr_type type)
{
    jr_parser *p = r->p;
    if (p->nv == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->v = jr_realloc(p->v, p->cap * sizeof *p->v);
        p->ln = jr_realloc(p->ln, p->cap * sizeof *p->ln);
    }
    size_t k = p->nv++;
    memset(&p->v[k], 0, sizeof p->v[k]);
    p->v[k].type = type;
    p->ln[k] = (struct jr_link){JR_NONE, JR_NONE, JR_NONE, JR_NONE, JR_NONE};
    return k;
}

static bool fail(jr_reader *r, const char *why)
{
    if (!r->why)
        r->why = r->t[r->i] ? why : "unexpected end of data";
    return false;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_utf8(jr_parser *p, uint32_t cp)
{
    char *o = p->str + p->nstr;
    if (cp < 0x80) {
        o[0] = (char)cp;
        p->nstr += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        p->nstr += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        p->nstr += 3;
    } else {
        o[0] = (char)(0xF0 | cp >> 18);
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        p->nstr += 4;
    }
}

/* A string at t[i] == '"', unescaped into p->str; its offset in *off.  An
 * escape \uXXXX takes at most as many bytes in UTF-8 as in the text (three
 * for six, four for a surrogate pair's twelve), so the buffer suffices. */
static bool read_string(jr_reader *r, size_t *off)
{
    jr_parser *p = r->p;
    const char *t = r->t;
    size_t i = r->i + 1;
    *off = p->nstr;
    for (;;) {
        size_t run = i;
        while (t[i] && t[i] != '"' && t[i] != '\\')
            i++;
        memcpy(p->str + p->nstr, t + run, i - run);
        p->nstr += i - run;
        if (!t[i]) {
            r->i = i;
            return fail(r, "unexpected end of data");
        }
        if (t[i] == '"')
            break;
        char e = t[i + 1];
        const char *plain = strchr("\"\\/bfnrt", e);
        if (e && plain) {
            p->str[p->nstr++] = "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"];
            i += 2;
            continue;
        }
        int u = e == 'u' ? hex4(t + i + 2) : -1;
        if (u < 0) {
            r->i = i;
            return fail(r, "invalid string sequence");
        }
        i += 6;
        uint32_t cp = (uint32_t)u;
        if (u >= 0xD800 && u <= 0xDBFF && t[i] == '\\' && t[i + 1] == 'u') {
            int lo = hex4(t + i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + (((uint32_t)u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                i += 6;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) /* a lone surrogate: U+FFFD */
            cp = 0xFFFD;
        put_utf8(p, cp);
    }
    p->str[p->nstr++] = '\0';
    r->i = i + 1;
    return true;
}

static bool read_number(jr_reader *r, size_t k)
{
    jr_parser *p = r->p;
    const char *t = r->t;
    size_t i = r->i, a = i;
    if (t[i] == '-')
        i++;
    if (t[i] == '0')
        i++;
    else if (t[i] >= '1' && t[i] <= '9')
        while (t[i] >= '0' && t[i] <= '9')
            i++;
    else
        return fail(r, "number expected");
    if (t[i] == '.') {
        if (!(t[++i] >= '0' && t[i] <= '9')) {
            r->i = i;
            return fail(r, "number expected");
        }
        while (t[i] >= '0' && t[i] <= '9')
            i++;
    }
    if (t[i] == 'e' || t[i] == 'E') {
        i++;
        if (t[i] == '+' || t[i] == '-')
            i++;
        if (!(t[i] >= '0' && t[i] <= '9')) {
            r->i = i;
            return fail(r, "number expected");
        }
        while (t[i] >= '0' && t[i] <= '9')
            i++;
    }
    p->ln[k].s = p->nstr;
    memcpy(p->str + p->nstr, t + a, i - a);
    p->nstr += i - a;
    p->str[p->nstr++] = '\0';
    /* an integer is read as one, as json-c reads it ("-0" is 0, not -0.0) */
    const char *num = p->str + p->ln[k].s;
    bool integer = !strpbrk(num, ".eE");
    errno = 0;
    long long whole = integer ? strtoll(num, NULL, 10) : 0;
    p->v[k].num = integer && !errno ? (double)whole : strtod(num, NULL);
    r->i = i;
    return true;
}

static bool read_value(jr_reader *r, size_t *out, int depth);

/* An array or an object at t[i] ('[' or '{'): its items linked in order. */
static bool read_items(jr_reader *r, size_t k, bool object, int depth)
{
    jr_parser *p = r->p;
    char close = object ? '}' : ']';
    r->i++;
    skip_space(r);
    if (r->t[r->i] == close) {
        r->i++;
        return true;
    }
    for (;;) {
        size_t key = JR_NONE, item;
        if (object) {
            skip_space(r);
            if (r->t[r->i] != '"')
                return fail(r, "quoted object property name expected");
            if (!read_string(r, &key))
                return false;
            skip_space(r);
            if (r->t[r->i] != ':')
                return fail(r, "object property name separator ':' expected");
            r->i++;
        }
        if (!read_value(r, &item, depth + 1))
            return false;
        p->ln[item].key = key;
        if (p->ln[k].last == JR_NONE)
            p->ln[k].first = item;
        else
            p->ln[p->ln[k].last].next = item;
        p->ln[k].last = item;
        p->v[k].n++;
        skip_space(r);
        char c = r->t[r->i];
        if (c == close) {
            r->i++;
            return true;
        }
        if (c != ',')
            return fail(r, object ? "object value separator ',' expected"
                                  : "array value separator ',' expected");
        r->i++;
    }
}

static bool read_value(jr_reader *r, size_t *out, int depth)
{
    if (depth > JR_MAX_DEPTH)
        return fail(r, "nesting too deep");
    skip_space(r);
    const char *t = r->t + r->i;
    size_t k;
    switch (*t) {
    case '{':
    case '[':
        k = new_value(r, *t == '{' ? JR_OBJECT : JR_ARRAY);
        *out = k;
        return read_items(r, k, *t == '{', depth);
    case '"':
        k = new_value(r, JR_STRING);
        *out = k;
        return read_string(r, &r->p->ln[k].s);
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = {"true", "false", "null"};
        static const jr_type types[] = {JR_TRUE, JR_FALSE, JR_NULL};
        int w = *t == 't' ? 0 : *t == 'f' ? 1 : 2;
        size_t len = strlen(words[w]);
        if (strncmp(t, words[w], len) != 0)
            return fail(r, "unexpected character");
        *out = new_value(r, types[w]);
        r->i += len;
        return true;
    }
    default:
        if (*t == '-' || (*t >= '0' && *t <= '9')) {
            k = new_value(r, JR_NUMBER);
            *out = k;
            return read_number(r, k);
        }
        return fail(r, "unexpected character");
    }
}

const jr_value *jr_parse(jr_parser *p, const char *text, const char **why)
{
    size_t len = strlen(text);
    if (len + 1 > p->strcap) {
        p->strcap = len + 1;
        p->str = jr_realloc(p->str, p->strcap);
    }
    p->nv = 0;
    p->nstr = 0;
    jr_reader r = {p, text, 0, NULL};
    size_t top;
    if (!read_value(&r, &top, 1)) {
        *why = r.why;
        return NULL;
    }
    /* the links as pointers now that the array stays where it is */
    for (size_t k = 0; k < p->nv; k++) {
        const struct jr_link *l = &p->ln[k];
        jr_value *v = &p->v[k];
        v->first = l->first == JR_NONE ? NULL : &p->v[l->first];
        v->next = l->next == JR_NONE ? NULL : &p->v[l->next];
        v->s = l->s == JR_NONE ? NULL : p->str + l->s;
        v->key = l->key == JR_NONE ? NULL : p->str + l->key;
    }
    *why = NULL;
    return &p->v[top];
}

void jr_parser_free(jr_parser *p)
{
    free(p->v);
    free(p->ln);
    free(p->str);
    memset(p, 0, sizeof *p);
}

const jr_value *jr_get(const jr_value *o, const char *key)
{
    if (!o || o->type != JR_OBJECT)
        return NULL;
    /* the last of equal names, as json-c keeps it */
    const jr_value *found = NULL;
    for (const jr_value *m = o->first; m; m = m->next)
        if (m->key[0] == key[0] && !strcmp(m->key, key))
            found = m;
    return found;
}
