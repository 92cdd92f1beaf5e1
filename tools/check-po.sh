#!/bin/sh
# check-po.sh BUILD — every message of the sources has a translation.
#
# Collects the msgids of src/ afresh (xgettext, as `make pot` does) and asks
# msgcmp whether each has a translation in every po/*.po that is neither
# missing, empty nor fuzzy; msgfmt --check has already checked the formats
# (%s, %zu ...) of each translation against its msgid.
set -eu
build=${1:-build}
mkdir -p "$build/po"
xgettext --from-code=UTF-8 --language=C --keyword=vn_tr:2 --keyword=vn_trn:2,3 --keyword=N_ \
    --keyword=_ --keyword=cli_error:2 --keyword=cli_warn:3 --keyword=vnplan_translate:2 --keyword=cli_tr --keyword=vn_fail:3 --keyword=cli_output_error:2 --keyword=cli_note:1 --keyword=vn_doc_warn:2 --flag=cli_note:1:c-format --flag=vn_fail:3:c-format --keyword=ld_fail:3 --flag=ld_fail:3:c-format --sort-by-file --package-name=vnplan --msgid-bugs-address=none --no-wrap --force-po \
    -o "$build/po/vnplan.pot" $(ls src/*.c src/cli/*.c src/*.h src/cli/*.h | sort)
status=0
for po in po/*.po; do
    if ! msgcmp "$po" "$build/po/vnplan.pot" 2> "$build/po/msgcmp.log"; then
        echo "not ok po: $po lacks translations of these messages (run 'make pot', then translate):" >&2
        sed 's/^/    /' "$build/po/msgcmp.log" | head -40 >&2
        status=1
    fi
done
[ $status = 0 ] && echo "ok   po: every message has a translation"
exit $status
