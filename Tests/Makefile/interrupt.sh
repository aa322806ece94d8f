#!/usr/bin/env bash
# Interrupted runs lose nothing (run by `make test`): the pipeline on Samples/ is killed with SIGKILL
# at random moments several times, then run to the end; its outputs must be byte-identical to those of
# an uninterrupted run, with no temporary file left behind.
set -uo pipefail
cd "$(dirname "$0")/../.."

source Tests/Makefile/checks.sh
run() { make --no-print-directory CONFIGURATION="${CONFIGURATION:-debug}" CORPUS="$work/corpus" OUT="$1" >/dev/null 2>&1; }

run "$work/reference"

RANDOM=20261126
kills=0
for attempt in 1 2 3 4 5 6; do
  # Every document changed: each run has all of its work to do when it is killed.
  find "$work/corpus" -type f -exec touch {} +
  setsid make --no-print-directory CONFIGURATION="${CONFIGURATION:-debug}" CORPUS="$work/corpus" OUT="$work/out" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))$((RANDOM % 10))"
  if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null && kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
done
echo "  (killed $kills of 6 runs before they finished)"
run "$work/out"

same=true
for stage in 1-normalized 2-cleaned 3-segmented 4-extracted 5-summarized; do
  for file in "$work/reference/$stage"/*.json; do
    name=$(basename "$file")
    if [ "$name" = "_manifest.json" ]; then
      # The manifest names its inputs by path: compare with the folder names made equal.
      cmp -s <(sed "s|$work/reference|OUT|g" "$file") <(sed "s|$work/out|OUT|g" "$work/out/$stage/$name") || { echo "  differs: $stage/$name"; same=false; }
    else
      cmp -s "$file" "$work/out/$stage/$name" || { echo "  differs: $stage/$name"; same=false; }
    fi
  done
  [ "$(ls "$work/reference/$stage" | wc -l)" = "$(ls "$work/out/$stage" | wc -l)" ] || { echo "  file count differs in $stage"; same=false; }
done
check "after SIGKILLs and a rerun, every output equals an uninterrupted run's" $same
check "no temporary file is left" test -z "$(find "$work/out" -name '.*.tmp-*')"

# Ctrl-C: a stage stops starting documents, finishes the ones in progress, says what it left, exits 130;
# the rerun keeps what was done and finishes the rest, to the same bytes as an uninterrupted run.
bin="build/${CONFIGURATION:-debug}/bin"
mkdir -p "$work/many"
for copy in $(seq 1 40); do
  for page in Samples/pages/*.html; do
    { cat "$page"; echo "<!-- copy $copy -->"; } > "$work/many/$(basename "$page" .html)-$copy.html"
  done
done
"$bin/newsmill-fetch" --quiet --out "$work/many-1" "$work/many"
"$bin/newsmill-clean" --quiet --jobs 1 --out "$work/many-ref" "$work/many-1"
"$bin/newsmill-clean" --jobs 1 --out "$work/many-2" "$work/many-1" 2>"$work/sigint.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
check "SIGINT: the stage exits with status 130" test "$status" = 130
check "SIGINT: it says what it left undone" grep -qE 'interrupted: [0-9]+ done.*[1-9][0-9]* not started' "$work/sigint.err"
check "SIGINT: no temporary file, no account of a partial run" test -z "$(find "$work/many-2" -name '.*.tmp-*' -o -name '_manifest.json')"
"$bin/newsmill-clean" --jobs 1 --out "$work/many-2" "$work/many-1" 2>"$work/rerun.err"
check "SIGINT: the rerun keeps what was done" grep -qE ' [1-9][0-9]* unchanged' "$work/rerun.err"
check "SIGINT: the rerun's outputs equal an uninterrupted run's" diff -rq "$work/many-ref" "$work/many-2"
sed 's/^/    /' "$work/sigint.err" | tail -2

echo "Interruption: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
