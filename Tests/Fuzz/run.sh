#!/usr/bin/env bash
# Runs each fuzz target under libFuzzer and AddressSanitizer for a set time (make fuzz; make test runs a
# short round). usage: run.sh FUZZER SECONDS TARGET...
#
# Seeds: Tests/Fuzz/<target>/ (kept in git: hand-made inputs and every crash found, once fixed) and,
# for pages, the HTML in Samples/. What libFuzzer learns goes to build/fuzz/corpus/<target>/, so a later
# run starts where this one stopped; a crash or hang is saved under build/fuzz/crashes/.
set -uo pipefail
cd "$(dirname "$0")/../.."
fuzzer=$1 seconds=$2
shift 2
work=build/fuzz
mkdir -p "$work/crashes"
failed=()
for target in "$@"; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  seeds=("Tests/Fuzz/$target")
  max_len=16384
  case $target in
    html) seeds+=(Samples/pages); max_len=131072 ;;
    warc) max_len=65536 ;;
    stage-json) max_len=65536 ;;
  esac
  log="$work/$target.log"
  # -timeout: an input taking longer is a hang (worse than linear somewhere); -rss_limit_mb: memory.
  # detect_leaks=0: the stages keep their word lists in process-wide caches on purpose.
  if NEWSMILL_FUZZ_TARGET=$target NEWSMILL_PIPELINES="$PWD/Pipelines" ASAN_OPTIONS=detect_leaks=0 \
     "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
       -artifact_prefix="$work/crashes/$target-" -print_final_stats=1 "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    runs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+' | awk '{print $2}')
    echo "fuzz $target: ${runs:-?} inputs in ${seconds} s, coverage ${cov:-?} edges, no crash"
  else
    artifact=$(grep -oE "$work/crashes/$target-[a-z]+-[0-9a-f]+" "$log" | tail -1)
    echo "fuzz $target: FOUND A PROBLEM ($(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+|ERROR: libFuzzer: [a-z-]+|SUMMARY: [^ ]+ [^ ]+' "$log" || echo see the log)): $artifact"
    echo "  the log: $log; reproduce: .build/debug/newsmill-fuzz $target $artifact"
    echo "  once fixed, keep the input as a regression test: cp $artifact Tests/Fuzz/$target/"
    failed+=("$target")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: problems in ${failed[*]}" >&2; exit 1; }
