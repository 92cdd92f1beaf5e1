/* check_i18n.c — the language of the check stage's messages: the
 * project's catalog (i18n.h, po/vi.po) in the language the run asked for. */
#include "check_i18n.h"
#include "i18n.h"

static _Thread_local bool english;

void vn_check_i18n_english(bool on) { english = on; }

const char *vn_check_gettext(const char *msgid)
{
    return vn_tr(english ? VN_LANG_EN : VN_LANG_VI, msgid);
}
