#!/usr/bin/env bash
# regen.sh regenerates the golden files of the script corpus from the
# reference interpreter (lua5.4, 5.4.4). Usage, from anywhere:
#
#   testdata/scripts/regen.sh              # every script
#   testdata/scripts/regen.sh name.lua ... # only these scripts
#
# For each name.lua it writes name.out (stdout) and, only when lua5.4 exits
# non-zero, name.err (stderr with the leading "lua5.4: " replaced by "tide: ").
# Scripts run with testdata/scripts as the current directory and the bare file
# name as argument, so chunk names are "@name.lua"; stdin is empty and LUA_INIT
# is unset. "go test ./cmd/tide -run TestScripts -update" does the same from Go.
# Review the diff afterwards.
set -euo pipefail
cd "$(dirname "$0")"
LUA=${LUA:-lua5.4}
if [ "$#" -eq 0 ]; then set -- *.lua; fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for script in "$@"; do
  script=$(basename "$script")
  base=${script%.lua}
  status=0
  env -u LUA_INIT -u LUA_INIT_5_4 "$LUA" "$script" </dev/null >"$base.out" 2>"$tmp" || status=$?
  if [ "$status" -ne 0 ]; then
    sed '1s/^lua5\.4: /tide: /' "$tmp" >"$base.err"
  else
    rm -f "$base.err"
    if [ -s "$tmp" ]; then
      echo "warning: $script wrote to stderr but exited 0" >&2
    fi
  fi
done
