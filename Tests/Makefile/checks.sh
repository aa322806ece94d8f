# Shared by the Makefile checks: a counted `check NAME COMMAND...` and a scratch copy of Samples/.
# Sourced, not run.
passed=0
failed=0
check() { # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok: $name"; else failed=$((failed + 1)); echo "  FAILED: $name"; fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Samples "$work/corpus"
