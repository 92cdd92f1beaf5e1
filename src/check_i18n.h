/* check_i18n.h — TEMPORARY stand-in for the gettext lookup of the check
 * reports, until src/i18n.h (GNU gettext, po/vi.po with English msgids)
 * lands in main.  Every message of the check stage is written as an English
 * msgid wrapped in _("...") (N_("...") where it is only marked), exactly as
 * gettext wants it; this stand-in returns the Vietnamese text from a small
 * table (check_i18n.c) unless the run asked for English.  To be replaced by
 * the project's gettext lookup: delete this file and check_i18n.c, include
 * "i18n.h", and move the table's pairs into po/vi.po. */
#ifndef VN_CHECK_I18N_H
#define VN_CHECK_I18N_H

#include <stdbool.h>

/* TEMPORARY: the language of the messages of the current thread's run. */
void vn_check_i18n_english(bool english);
/* TEMPORARY: the Vietnamese text of an English msgid (the msgid itself for
 * English, or when the table has no translation). */
const char *vn_check_gettext(const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;

#ifndef _
#define _(s) vn_check_gettext(s)
#endif
#ifndef N_
#define N_(s) (s)
#endif

#endif
