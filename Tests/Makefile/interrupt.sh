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

echo "Interruption: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
