/* i18n.h — the language of reports and messages.
 *
 * Every string a reader sees is written in the source as an English msgid
 * wrapped in vn_tr (or N_ where it sits in a table and is translated where
 * it is used).  xgettext collects them into po/vnplan.pot; po/vi.po holds
 * the Vietnamese; msgfmt compiles it into a .mo catalog that the build
 * embeds in the library (`make check` fails on any msgid without a
 * translation).  Vietnamese is the default language of every report;
 * English is the msgid itself.
 *
 * Why not gettext() at run time: libintl takes the language from the
 * process's locale, so a report could not be asked for in one language
 * while another thread writes one in the other, and a user without the
 * vi_VN locale installed would get English.  The catalog is the same .mo
 * file gettext reads; only the look-up (a binary search in its sorted
 * table) is ours. */
#ifndef VN_I18N_H
#define VN_I18N_H

#include "common.h"

#include <stdarg.h>

typedef enum vn_lang { VN_LANG_VI = 0, VN_LANG_EN = 1 } vn_lang;

/* The language a renderer's flags ask for. */
static inline vn_lang vn_lang_of(unsigned flags)
{
    return (flags & VNPLAN_RENDER_ENGLISH) ? VN_LANG_EN : VN_LANG_VI;
}

/* msgid in lang: the catalog's translation, or msgid itself (English, or a
 * msgid the catalog lacks). */
const char *vn_tr(vn_lang lang, const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(2)))
#endif
    ;
/* The same for a message with a count: singular/plural in English; the
 * Vietnamese has one form. */
const char *vn_trn(vn_lang lang, const char *singular, const char *plural, unsigned long n)
#if defined(__GNUC__)
    __attribute__((format_arg(2))) __attribute__((format_arg(3)))
#endif
    ;

/* fmt (an English msgid) formatted with ap twice: as it is into en, as
 * its Vietnamese translation into vi (vn_fail). */
void vn_vformat2(const char *fmt, va_list ap, char *en, char *vi, size_t len) VNPLAN_PRINTF(1, 0);
#define VN_FORMAT_PIECE 512 /* the longest one conversion writes */

/* Marks a string for xgettext where it is not translated on the spot. */
#ifndef N_
#define N_(s) s
#endif

#endif
