#!/bin/sh
# test_cli_files.sh — what `vnplan` does with the files around it: it never
# damages an input or an existing output, never hangs on a special file or a
# folder that loops, never takes its own output for a plan, and says what
# went wrong once.  Run by tests/run.sh with VNPLAN_BUILD set; prints TAP.
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
case $vn in /*) ;; *) vn=$PWD/$vn ;; esac
plan=$PWD/corpus/plans/ninh-binh-141-KH-UBND-1002.txt
plan2=$PWD/corpus/plans/lang-son-2711-word-paragraphs.txt
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=0
failed=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
# run ARGS...: runs vnplan (at most 20 s) in $t; status in $rc, output in $t/out, messages in $t/err
run() {
    rc=0
    (cd "$t" && timeout 20 "$vn" "$@" >"$t/out" 2>"$t/err") || rc=$?
}
says() { grep -q -- "$1" "$t/err"; }
count() { grep -c -- "$1" "$t/err"; }

# ---- an output that is one of the inputs -------------------------------------------
cp "$plan" "$t/plan.txt"
run parse plan.txt -o plan.txt
ok $([ $rc = 2 ] && cmp -s "$plan" "$t/plan.txt"; echo $?) "parse plan.txt -o plan.txt: refused (status $rc), plan.txt unchanged"
ok $(says "one of the inputs"; echo $?) "... the message says the output is one of the inputs"
run diff plan.txt -o plan.txt
ok $([ $rc = 2 ] && cmp -s "$plan" "$t/plan.txt"; echo $?) "diff plan.txt -o plan.txt: refused (status $rc), plan.txt unchanged"
mkdir -p "$t/d"
cp "$plan" "$t/d/p.txt"
ln "$t/d/p.txt" "$t/hard.txt"
run targets d -o hard.txt
ok $([ $rc = 2 ] && cmp -s "$plan" "$t/d/p.txt"; echo $?) "an output that is a hard link to a plan inside a folder input: refused"
run diff --base plan.txt d -o ./d/../plan.txt
ok $([ $rc = 2 ] && cmp -s "$plan" "$t/plan.txt"; echo $?) "an output that is the --base file under another name: refused"
mkdir -p "$t/bases"
cp "$plan" "$t/bases/other.txt"
run diff --base-dir bases "$plan2" -o bases/other.txt
ok $([ $rc = 2 ] && cmp -s "$plan" "$t/bases/other.txt"; echo $?) "an output that is a file of --base-dir: refused (status $rc)"
rm -f "$t/hard.txt" "$t/new.xml"
run parse plan.txt -o new.xml
ok $([ $rc = 0 ] && grep -q '<vnplan version' "$t/new.xml"; echo $?) "an output that does not exist yet is written (status $rc)"
ok $(ls -A "$t" | grep -q vnplan; [ $? = 1 ]; echo $?) "... and no temporary file is left behind"

# ---- nothing written when nothing succeeded ----------------------------------------
echo "an earlier result" > "$t/keep.xml"
run parse missing.txt -o keep.xml
ok $([ $rc = 2 ] && [ "$(cat "$t/keep.xml")" = "an earlier result" ]; echo $?) "every input fails: the existing -o file is untouched (status $rc)"
run parse missing.txt
ok $([ $rc = 2 ] && [ ! -s "$t/out" ]; echo $?) "every input fails: nothing on standard output"
run diff missing.txt -o keep.xml
ok $([ $rc = 2 ] && [ "$(cat "$t/keep.xml")" = "an earlier result" ]; echo $?) "diff: every plan fails: the existing -o file is untouched"

# ---- a run that dies midway leaves the old output whole ---------------------------------
big=$t/big.txt
for i in 1 2 3 4 5 6 7 8; do cat "$plan" "$plan2"; done > "$big"
rc=0
{ (cd "$t" && ulimit -f 64 && timeout 60 "$vn" parse big.txt -o keep.xml >/dev/null 2>&1) || rc=$?; } 2>/dev/null
ok $([ $rc != 0 ] && [ "$(cat "$t/keep.xml")" = "an earlier result" ]; echo $?) "a run killed while writing (file size limit, status $rc): the old output is whole"

# ---- write errors are said once --------------------------------------------------------
if [ -w /dev/full ]; then
    run parse plan.txt -o /dev/full
    ok $([ $rc = 2 ] && [ "$(count 'write error')" = 1 ]; echo $?) "parse -o /dev/full: status $rc, \"write error\" said once ($(count 'write error'))"
    run diff plan.txt -o /dev/full
    ok $([ $rc = 2 ] && [ "$(count 'write error')" = 1 ]; echo $?) "diff -o /dev/full: status $rc, \"write error\" said once ($(count 'write error'))"
fi

# ---- special files ---------------------------------------------------------------------------
mkfifo "$t/fifo.txt"
run parse fifo.txt
ok $([ $rc = 2 ] && says "not a regular file"; echo $?) "a FIFO given by name: refused at once (status $rc), not waited on"
mkdir -p "$t/withfifo"
cp "$plan" "$t/withfifo/p.txt"
mkfifo "$t/withfifo/q.txt"
run targets withfifo
ok $([ $rc = 2 ] && says "q.txt: not a regular file" && grep -q "p.txt" "$t/out"; echo $?) "a FIFO inside a folder: refused with a message (status $rc), the plan beside it read"
run diff --base fifo.txt plan.txt
ok $([ $rc = 2 ] && says "not a regular file"; echo $?) "a FIFO as --base: refused (status $rc)"
run diff fifo.txt
ok $([ $rc = 2 ] && says "not a regular file"; echo $?) "a FIFO as a plan of diff: refused (status $rc)"
run parse /dev/zero
ok $([ $rc = 2 ] && says "not a regular file"; echo $?) "/dev/zero: refused at once (status $rc)"

# ---- folders that loop -------------------------------------------------------------------------
mkdir -p "$t/loop"
cp "$plan" "$t/loop/p.txt"
ln -s . "$t/loop/a"
ln -s . "$t/loop/b"
run targets --format tsv loop
ok $([ $rc = 0 ] && [ "$(grep -c 'p.txt' "$t/out")" -gt 0 ]; echo $?) "a folder with two symbolic links to itself: the walk ends (status $rc)"
ok $([ "$(cut -f13 "$t/out" | grep -v '^source$' | sort -u | wc -l)" = 1 ]; echo $?) "... and its one plan is read once"
mkdir -p "$t/loop2/sub"
cp "$plan" "$t/loop2/sub/p.txt"
ln -s .. "$t/loop2/sub/up"
run targets loop2
ok $([ $rc = 0 ] && [ "$(grep -c '^# ' "$t/out")" = 1 ]; echo $?) "a link up to the parent folder: one plan, read once (status $rc)"

# ---- vnplan's own outputs in a folder are not plans -----------------------------------------
mkdir -p "$t/runs"
cp "$plan" "$t/runs/p.txt"
for f in xml json text; do (cd "$t" && "$vn" parse runs/p.txt --format $f -o runs/parse-$f.txt); done
for f in text json tsv xml; do (cd "$t" && "$vn" targets runs/p.txt --format $f -o runs/targets-$f.txt); done
for f in text json csv; do (cd "$t" && "$vn" diff runs/p.txt --format $f -o runs/diff-$f.txt); done
(cd "$t" && "$vn" diff runs/p.txt --color always -o runs/diff-color.txt)
(cd "$t" && "$vn" diff runs/p.txt --format html -o runs/diff.html)
(cd "$t" && "$vn" parse runs/p.txt --format text -o runs/outline.md)
for f in text json; do (cd "$t" && "$vn" check runs/p.txt --format $f -o runs/check-$f.txt); done
(cd "$t" && "$vn" check runs/p.txt --format html -o runs/check.html)
(cd "$t" && "$vn" check runs/p.txt --lang en -o runs/check-en.txt)
made=$(ls "$t/runs" | wc -l)
run targets --format tsv runs
ok $([ $rc = 0 ] && [ "$(cut -f13 "$t/out" | grep -v '^source$' | sort -u)" = "runs/p.txt" ]; echo $?) "a folder holding $((made - 1)) outputs of vnplan beside a plan: only the plan is read (status $rc)"
ok $([ "$(count 'output of vnplan')" = $((made - 1)) ]; echo $?) "... each output skipped with a note ($(count 'output of vnplan') of $((made - 1)))"
run targets -q --format tsv runs
ok $([ ! -s "$t/err" ]; echo $?) "... notes that -q silences"

# ---- messages ------------------------------------------------------------------------------------
printf '<vnplan version="1"><document>' > "$t/bad.xml"
run diff --base bad.xml plan.txt
ok $([ $rc = 2 ] && ! grep -q "bad.xml: bad.xml" "$t/err" && says "^vnplan: bad.xml:"; echo $?) "a broken --base tree: the path said once ($(head -c 120 "$t/err"))"
run diff --base d plan.txt
ok $([ $rc = 2 ] && says "is a directory"; echo $?) "--base DIR: says it is a directory ($(head -c 100 "$t/err"))"
mkdir -p "$t/g"
: > "$t/g/targets.txt"
: > "$t/g/units.txt"
run targets --grammars g plan.txt
ok $([ $rc = 2 ] && says "no entries"; echo $?) "--grammars with empty files: an error (status $rc), not silently no targets"

# ---- a plan that fails is in the summary across plans ----------------------------------
mkdir -p "$t/many"
cp "$plan" "$t/many/a.txt"
cp "$plan2" "$t/many/b.txt"
printf '\n\n' > "$t/many/empty.txt"
for f in text csv html json; do
    run diff --format $f many
    ok $([ $rc = 2 ] && grep -q "empty.txt" "$t/out" && grep -qi "empty" "$t/out"; echo $?) "diff --format $f of two plans and an empty file: the failure is in the report (status $rc)"
done
run diff --format text --lang en many
ok $(awk '/SUMMARY ACROSS PLANS/ { s = 1 } s && /empty.txt/ { f = 1 } END { exit !f }' "$t/out"; echo $?) "... in text, as a row of the summary across plans"
run diff --format csv many
ok $(grep -q '^many/empty.txt,failed,,failed,không đối chiếu,' "$t/out"; echo $?) "... in CSV, as a row \"FILE,failed,,failed,...\" of the one table"
run diff --format json many
ok $(grep -q '"failed": ' "$t/out"; echo $?) "... in JSON, as an entry with \"failed\""

# what a folder walk leaves out is in the report's list of files not compared, in every format
mkdir -p "$t/left"
cp corpus/plans/ninh-binh-141-KH-UBND-1002.txt "$t/left/plan.txt"
mkfifo "$t/left/pipe.txt"
printf 'x' >"$t/left/scan.jpg"
for fmt in text csv json html; do
    run diff --format $fmt left
    ok $([ $rc = 2 ] && grep -q 'left/pipe.txt' "$t/out" && grep -q 'left/scan.jpg' "$t/out" &&
         grep -q 'tệp ảnh, không phải văn bản' "$t/out" && grep -q 'không phải tệp thông thường (một ống dẫn FIFO)' "$t/out";
         echo $?) "diff --format $fmt of a folder: a FIFO and an image listed as not compared, in Vietnamese (status $rc)"
done
run diff --lang en --format csv left
ok $(grep -q 'left/scan.jpg,failed,,failed,not compared,an image, not text' "$t/out" ||
     grep -q 'left/scan.jpg,failed,,failed,not compared,"an image, not text' "$t/out"; echo $?) "--lang en: the reason in English"

echo "1..$n"
[ $failed = 0 ]
