/* once.c — the library's process-wide state, set up once and safely from any
 * thread: the per-thread pcre2 match data (libxml2 initialises itself when
 * xml_dl.c loads it).
 *
 * Compiled grammars are shared read-only between threads; what a match
 * writes (the ovector) cannot be, so every thread gets its own match data,
 * created on its first match and freed when the thread ends. */
#include "grammar.h"

#include <pthread.h>
#include <stdlib.h>

/* Enough pairs for every grammar pattern's groups; pcre2 fills the pairs a
 * pattern has and ignores the rest. */
#define VN_MATCH_PAIRS 16

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_key_t match_key;
static bool match_key_ok;

static void free_match_data(void *md) { pcre2_match_data_free(md); }

static void init_process(void)
{
    match_key_ok = pthread_key_create(&match_key, free_match_data) == 0;
}

void vn_library_init(void) { pthread_once(&init_once, init_process); }

pcre2_match_data *vn_match_data(void)
{
    vn_library_init();
    if (!match_key_ok)
        vn_oom(); /* no key means the system is out of a resource, like memory */
    pcre2_match_data *md = pthread_getspecific(match_key);
    if (!md) {
        md = pcre2_match_data_create(VN_MATCH_PAIRS, NULL);
        if (!md || pthread_setspecific(match_key, md) != 0) {
            pcre2_match_data_free(md);
            vn_oom();
        }
    }
    return md;
}
