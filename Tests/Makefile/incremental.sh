#!/usr/bin/env bash
# Checks the Makefile's promises on Samples/ (run by `make test` after the Swift tests):
# a second `make` does nothing, touching one sample reruns only that document, FORCE reruns a stage,
# a stage target stops after that stage, failed documents make `make` fail after the run, and a run
# with make -j4 and one job per stage writes the same bytes.
set -uo pipefail
cd "$(dirname "$0")/../.."

source Tests/Makefile/checks.sh
make_() { make --no-print-directory CONFIGURATION="${CONFIGURATION:-debug}" CORPUS="$work/corpus" OUT="$work/out" "$@" 2>&1; }

first=$(make_)
check "first run processes every sample" grep -q "newsmill-summarize: 10 done, 0 unchanged, 0 failed" <<<"$first"

second=$(make_)
check "a second make runs no stage" test -z "$(grep 'newsmill-' <<<"$second")"

sleep 1
touch "$work/corpus/pages/port flood defences.html"
third=$(make_)
for stage in fetch clean segment extract summarize; do
  check "touching one sample reruns only it in $stage" grep -q "newsmill-$stage: 1 done, 9 unchanged, 0 failed" <<<"$third"
done

forced=$(make_ FORCE=segment)
check "FORCE=segment redoes every document of segment" grep -q "newsmill-segment: 10 done, 0 unchanged" <<<"$forced"
check "FORCE=segment leaves clean alone" test -z "$(grep 'newsmill-clean' <<<"$forced")"

partial=$(make --no-print-directory CONFIGURATION="${CONFIGURATION:-debug}" CORPUS="$work/corpus" OUT="$work/partial" segmented 2>&1)
check "make segmented stops after segment" test -d "$work/partial/3-segmented" -a ! -e "$work/partial/4-extracted"
check "make segmented ran fetch, clean and segment" grep -q "newsmill-segment: 10 done" <<<"$partial"

: > "$work/corpus/empty.html"
broken=$(make_); status=$?
check "a failed document makes make fail after the run" test "$status" -ne 0
check "the failure names the document" grep -q "empty.html: the file is empty" <<<"$broken"
check "the other documents still went through" grep -q "newsmill-summarize: 0 done, 10 unchanged, 0 failed" <<<"$broken"
rm "$work/corpus/empty.html"

check "no temporary file is left" test -z "$(find "$work/out" -name '.*tmp-*')"

# Determinism: a fresh run with make -j4 and one job per stage writes the same bytes as the runs above
# (brought up to date first: the broken sample has gone).
make_ >/dev/null
make --no-print-directory -j4 CONFIGURATION="${CONFIGURATION:-debug}" JOBS=1 CORPUS="$work/corpus" OUT="$work/parallel" >/dev/null 2>&1
same=true
for file in $(cd "$work/out" && find . -name '*.json' ! -path './_*' ! -path '*/_http-cache/*' | sort); do
  if [ "$(basename "$file")" = "_manifest.json" ]; then
    cmp -s <(sed "s|$work/out|OUT|g" "$work/out/$file") <(sed "s|$work/parallel|OUT|g" "$work/parallel/$file") || { echo "  differs: $file"; same=false; }
  else
    cmp -s "$work/out/$file" "$work/parallel/$file" || { echo "  differs: $file"; same=false; }
  fi
done
check "make -j4 with one job per stage writes byte-identical files" $same

echo "Makefile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
