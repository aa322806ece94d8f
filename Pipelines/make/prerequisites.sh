#!/usr/bin/env bash
# Checks what building newsmill needs and installs what is missing where it can (Debian's packages,
# as root); otherwise stops with one line saying what to install.
set -euo pipefail

fail() { echo "newsmill: $*" >&2; exit 1; }

command -v swift >/dev/null 2>&1 || fail "Swift 6 is needed to build newsmill: install it from swift.org and put swift on PATH"

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
else
  missing+=(libxml2-dev zlib1g-dev)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "newsmill: installing ${missing[*]} with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "install ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]})"
  fi
fi
