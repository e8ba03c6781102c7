#!/usr/bin/env bash
# conformance.sh runs the official Lua 5.4 test suite (the testes/ directory
# of the Lua 5.4.4 sources) under tide, one file at a time, the way the
# suite's all.lua runs them for a portable installation: _port, _soft and
# _nomsg set, no T (C test library). It fetches nothing: give it the
# directory. The suite is never committed to this repository.
#
#   scripts/conformance.sh /path/to/lua-5.4.4/testes [file.lua ...]
#
# Environment: TIDE (a tide binary; default: build ./cmd/tide), LUA (the
# reference, default lua5.4; its column is left out when absent), TIMEOUT
# (seconds per file, default 300), INIT (the code run before each file;
# default '_port=true _soft=true _nomsg=true').
#
# scripts/conformance-skips.txt lists what tide legitimately does not do,
# one entry per line: "file.lua:LINES reason", where LINES is "*" (the whole
# file is skipped) or N or N-M (those lines are commented out in a scratch
# copy of the suite before running). Every entry applied is printed.
#
# Output: a markdown table with one row per file (tide's result, seconds,
# the reference's result, tide's first error line) and "N passed, N failed".
# The exit status is 1 when a file fails.
set -uo pipefail
if [ "$#" -lt 1 ] || [ ! -f "$1/all.lua" ]; then
  echo "usage: $0 TESTES_DIR [file.lua ...]   (TESTES_DIR holds all.lua)" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/.." && pwd)
skips="$root/scripts/conformance-skips.txt"
LUA=${LUA:-lua5.4}
TIMEOUT=${TIMEOUT:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${TIDE:-}" ]; then
  (cd "$root" && go build -o "$work/tide" ./cmd/tide) || exit 2
  TIDE="$work/tide"
fi
have_ref=0
if command -v "$LUA" >/dev/null 2>&1; then have_ref=1; fi

# The order of all.lua, plus the files it loads indirectly.
files=(main.lua gc.lua db.lua calls.lua strings.lua literals.lua tpack.lua
  attrib.lua gengc.lua locals.lua constructs.lua code.lua big.lua cstack.lua
  nextvar.lua pm.lua utf8.lua api.lua events.lua vararg.lua closure.lua
  coroutine.lua goto.lua errors.lua math.lua sort.lua bitwise.lua
  verybig.lua files.lua)
if [ "$#" -gt 0 ]; then files=("$@"); fi

cp -r "$src" "$work/testes"
declare -A wholeskip=()
echo "Skip list ($skips):"
while IFS= read -r entry; do
  case "$entry" in ''|'#'*) continue ;; esac
  spec=${entry%% *}
  reason=${entry#* }
  file=${spec%%:*}
  lines=${spec#*:}
  echo "  $file:$lines  $reason"
  if [ "$lines" = "*" ]; then
    wholeskip[$file]=$reason
    continue
  fi
  from=${lines%-*}
  to=${lines#*-}
  sed -i "${from},${to}s/^/-- [tide skip] /" "$work/testes/$file"
done <"$skips"
echo

init=${INIT:-'_port=true _soft=true _nomsg=true'}
run() { # dir binary file -> sets rc, secs, log
  local start end
  start=$(date +%s%N)
  (cd "$1" && env -u LUA_INIT -u LUA_INIT_5_4 timeout "$TIMEOUT" "$2" -e "$init" "$3" </dev/null >"$work/log" 2>&1)
  rc=$?
  end=$(date +%s%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
}

passed=0
failed=0
skipped=0
echo "| file | tide | seconds | $LUA | first error |"
echo "|---|---|---:|---|---|"
for f in "${files[@]}"; do
  ref="-"
  if [ "$have_ref" = 1 ]; then
    run "$src" "$LUA" "$f"
    if [ "$rc" = 0 ]; then ref=pass; else ref="fail ($rc)"; fi
  fi
  if [ -n "${wholeskip[$f]:-}" ]; then
    echo "| $f | skipped | | $ref | ${wholeskip[$f]} |"
    skipped=$((skipped + 1))
    continue
  fi
  run "$work/testes" "$TIDE" "$f"
  if [ "$rc" = 0 ]; then
    echo "| $f | pass | $secs | $ref | |"
    passed=$((passed + 1))
  else
    what="fail"
    if [ "$rc" = 124 ]; then what="timeout"; fi
    msg=$(grep -m1 -E 'tide:|error|assert' "$work/log" | cut -c1-160 | tr '|' '/')
    echo "| $f | $what | $secs | $ref | $msg |"
    failed=$((failed + 1))
  fi
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
