/* check_i18n.c — TEMPORARY: the Vietnamese text of the check stage's
 * msgids, until the project's gettext lookup (po/vi.po) replaces it; see
 * check_i18n.h.  Each pair moves to po/vi.po as msgid / msgstr unchanged
 * (the arguments keep their order). */
#include "check_i18n.h"

#include <stddef.h>
#include <string.h>

typedef struct vn_msg_pair {
    const char *msgid, *vi;
} vn_msg_pair;

static const vn_msg_pair table[] = {
    {"%s is cited as issued by another body than the one its number names",
     "%s được trích dẫn là của một cơ quan khác với cơ quan mà số hiệu của văn bản cho biết"},
    {"%s is cited with the date %s here and %s at line %zu",
     "%s được trích dẫn ở đây với ngày %s, còn ngày %s ở dòng %zu"},
    {"%s is cited with the date %s; it is of %s", "%s được trích dẫn với ngày %s; văn bản này ban hành ngày %s"},
    {"%zu file(s) checked: %zu error(s), %zu warning(s), %zu note(s)\n",
     "Đã kiểm tra %zu tệp: %zu lỗi, %zu cảnh báo, %zu ghi chú\n"},
    {"Consistency check", "Kiểm tra tính thống nhất"},
    {"Funding (Kinh phí)", "Kinh phí"},
    {"Implementation (Tổ chức thực hiện)", "Tổ chức thực hiện"},
    {"No finding.", "Không có phát hiện nào."},
    {"Objectives (Mục tiêu)", "Mục tiêu"},
    {"Purpose and requirements (Mục đích, yêu cầu)", "Mục đích, yêu cầu"},
    {"Tasks and solutions (Nhiệm vụ và giải pháp)", "Nhiệm vụ và giải pháp"},
    {"a target for %u, outside the period of the decision it implements (%u - %u)",
     "chỉ tiêu cho năm %u, nằm ngoài thời kỳ của quyết định được triển khai (%u - %u)"},
    {"a target for %u, outside the plan's own period (%u - %u)",
     "chỉ tiêu cho năm %u, nằm ngoài thời kỳ của chính kế hoạch (%u - %u)"},
    {"cited as number %s, but the decision of %s it implements is %s",
     "trích dẫn số %s, nhưng quyết định ngày %s mà kế hoạch triển khai là %s"},
    {"error", "lỗi"},
    {"finding", "phát hiện"},
    {"line", "dòng"},
    {"no body in Tổ chức thực hiện is given the task group \"%s\"",
     "không cơ quan nào trong phần Tổ chức thực hiện được giao nhóm nhiệm vụ \"%s\""},
    {"note", "ghi chú"},
    {"numbering goes back: %s comes after %s", "đánh số lùi lại: %s đứng sau %s"},
    {"numbering repeats: %s comes again after %s", "đánh số lặp lại: %s xuất hiện lần nữa sau %s"},
    {"numbering skips: %s comes after %s", "đánh số bị nhảy cóc: %s đứng ngay sau %s"},
    {"numbering starts at %s: the first marker of this list is missing",
     "đánh số bắt đầu từ %s: thiếu mục đầu tiên của danh sách"},
    {"rule", "quy tắc"},
    {"severity", "mức độ"},
    {"the %u target (%s) is higher than the %u target (%s, line %zu) of an indicator meant to go down",
     "chỉ tiêu năm %u (%s) cao hơn chỉ tiêu năm %u (%s, dòng %zu) của một chỉ số cần giảm"},
    {"the %u target (%s) is lower than the %u target (%s, line %zu)",
     "chỉ tiêu năm %u (%s) thấp hơn chỉ tiêu năm %u (%s, dòng %zu)"},
    {"the part (%s) is larger than its total (%s)", "phần \"trong đó\" (%s) lớn hơn tổng của nó (%s)"},
    {"the parts add up to %s, more than their total (%s)",
     "các phần \"trong đó\" cộng lại được %s, vượt tổng của chúng (%s)"},
    {"the plan (dated %s) gives work to a level of government that no longer exists from %s",
     "kế hoạch (ngày %s) giao việc cho một cấp chính quyền không còn tồn tại từ ngày %s"},
    {"the plan has no section %s", "kế hoạch không có phần %s"},
    {"the plan is dated %s, before %s of %s that it implements",
     "kế hoạch ban hành ngày %s, trước %s ngày %s mà kế hoạch triển khai"},
    {"the plan, dated %s, cites %s of %s, a later date", "kế hoạch ban hành ngày %s lại trích dẫn %s ngày %s, một ngày sau đó"},
    {"the section %s has no content", "phần %s không có nội dung"},
    {"this target (%s) is stated as %s at line %zu", "chỉ tiêu này (%s) được nêu là %s ở dòng %zu"},
    {"warning", "cảnh báo"},
};

static _Thread_local bool english;

void vn_check_i18n_english(bool on) { english = on; }

const char *vn_check_gettext(const char *msgid)
{
    if (english)
        return msgid;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strcmp(table[i].msgid, msgid))
            return table[i].vi;
    return msgid;
}
