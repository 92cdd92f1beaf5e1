/* check_i18n.h — the check stage's messages: English msgids wrapped in
 * _("...") (N_("...") where only marked), looked up in the project's
 * catalog (i18n.h, po/vi.po) in the language of the current thread's run. */
#ifndef VN_CHECK_I18N_H
#define VN_CHECK_I18N_H

#include <stdbool.h>

/* The language of the messages of the current thread's run. */
void vn_check_i18n_english(bool english);
/* The msgid in that language (itself for English). */
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
