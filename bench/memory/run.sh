#!/usr/bin/env bash
# Memory measurements: the breathing curve, pauses and (TIDE_HEAVY=1) the
# 4 GB ceiling run, for tide and lua5.4. See README.md.
#
# usage: bench/memory/run.sh [breathing] [pauses] [ceiling]   (default: all)
#   TIDE=path      use this tide binary instead of building cmd/tide
#   PAIRS=n        objects of the breathing run (4000000)
#   REPS=n         repetitions of the pauses run, interleaved (3)
#   TIDE_HEAVY=1   also run the ceiling (about 5 GB of RSS, a few minutes)
#   OUT=dir        where the CSV curves go (a temporary directory)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
OUT=${OUT:-$bin}
mkdir -p "$OUT"
if [[ -z ${TIDE:-} ]]; then
  (cd "$root" && go build -o "$bin/tide" ./cmd/tide)
  TIDE=$bin/tide
fi
(cd "$root/bench" && go build -o "$bin/memdrive" ./memory/memdrive)
md=$bin/memdrive
what=("$@")
if ((${#what[@]} == 0)); then what=(breathing pauses ceiling); fi
have_lua=0
if command -v lua5.4 >/dev/null; then have_lua=1; fi
cd "$here" # the scripts write nothing; they are read from here

for w in "${what[@]}"; do
  case $w in
    breathing)
      "$md" rss -label tide -- "$TIDE" breathing.lua "${PAIRS:-4000000}" 12 >"$OUT/breathing-tide.csv"
      grep '^#' "$OUT/breathing-tide.csv"
      if ((have_lua)); then
        "$md" rss -label lua5.4 -- lua5.4 breathing.lua "${PAIRS:-4000000}" 12 >"$OUT/breathing-lua.csv"
        grep '^#' "$OUT/breathing-lua.csv"
      fi
      echo "curves: $OUT/breathing-*.csv (label,seconds,rss_mb,output)"
      ;;
    pauses)
      for ((i = 1; i <= ${REPS:-3}; i++)); do
        echo "tide:   $("$md" pauses pauses.lua | tr '\n' ' ')"
        if ((have_lua)); then echo "lua5.4: $(lua5.4 pauses.lua)"; fi
      done
      ;;
    ceiling)
      if [[ ${TIDE_HEAVY:-0} != 1 ]]; then
        echo "ceiling: skipped (set TIDE_HEAVY=1)"
        continue
      fi
      "$md" rss -every 2s -label tide -- "$TIDE" ceiling.lua >"$OUT/ceiling-tide.csv"
      grep -v '^tide,[0-9.]*,[0-9.]*,$' "$OUT/ceiling-tide.csv" | tail -4
      ;;
    *)
      echo "unknown measurement $w" >&2
      exit 2
      ;;
  esac
done
