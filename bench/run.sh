#!/usr/bin/env bash
# Cross-engine benchmark: runs bench/programs/*.lua under tide and lua5.4,
# checks that both print the same checksum, and prints a markdown table of
# the best (minimum) wall time of N runs with the geometric mean of the
# tide/lua5.4 ratios.
#
# usage: bench/run.sh [-n N] [--quick] [program...]
#   N=3      runs per program and engine (minimum is reported)
#   QUICK=1  one run with small inputs: a correctness check for CI, the
#            timings mean nothing
#   TIDE=path  use this tide binary instead of building cmd/tide
# Exit status 1 when a program fails or the checksums differ.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
N=${N:-3}
QUICK=${QUICK:-0}
programs=()
while (($#)); do
  case $1 in
    -n) N=$2; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) programs+=("$1"); shift ;;
  esac
done
if ((${#programs[@]} == 0)); then
  for f in "$here"/programs/*.lua; do programs+=("$(basename "$f" .lua)"); done
fi
if [[ $QUICK == 1 ]]; then N=1; fi

# Small inputs for QUICK mode (the defaults inside the programs take
# lua5.4 about 0.5-1 s each).
quick_arg() {
  case $1 in
    fib) echo 20 ;;
    loops) echo 100000 ;;
    nbody) echo 1000 ;;
    binary_trees) echo 6 ;;
    string_build) echo 5000 ;;
    method_calls) echo 20000 ;;
    *) echo "" ;;
  esac
}

if [[ -n ${TIDE:-} ]]; then
  tide=$TIDE # a prebuilt binary
else
  mkdir -p "$here/bin"
  (cd "$root" && go build -o "$here/bin/tide" ./cmd/tide)
  tide="$here/bin/tide"
fi
lua=$(command -v lua5.4 || true)
if [[ -z $lua ]]; then
  echo "note: lua5.4 not found: timing tide only, no checksum comparison" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_time ENGINE PROGRAM ARG OUT: minimum wall time in seconds over N
# runs; the last run's stdout goes to OUT. Prints FAIL on error.
best_time() {
  local engine=$1 prog=$2 arg=$3 out=$4 best="" start end t i
  for ((i = 0; i < N; i++)); do
    start=$(date +%s%N)
    if ! "$engine" "$here/programs/$prog.lua" $arg >"$out" 2>"$out.err"; then
      echo FAIL
      return
    fi
    end=$(date +%s%N)
    t=$((end - start))
    if [[ -z $best ]] || ((t < best)); then best=$t; fi
  done
  awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

status=0
ratios=()
echo "| program | tide s | lua5.4 s | ratio |"
echo "|---|---:|---:|---:|"
for prog in "${programs[@]}"; do
  arg=""
  if [[ $QUICK == 1 ]]; then arg=$(quick_arg "$prog"); fi
  tt=$(best_time "$tide" "$prog" "$arg" "$tmp/$prog.tide")
  if [[ $tt == FAIL ]]; then
    echo "$prog: tide failed:" >&2
    cat "$tmp/$prog.tide.err" >&2
    status=1
  fi
  lt="-"
  ratio="-"
  if [[ -n $lua ]]; then
    lt=$(best_time "$lua" "$prog" "$arg" "$tmp/$prog.lua")
    if [[ $lt == FAIL ]]; then
      echo "$prog: lua5.4 failed:" >&2
      cat "$tmp/$prog.lua.err" >&2
      status=1
    elif [[ $tt != FAIL ]]; then
      if ! cmp -s "$tmp/$prog.tide" "$tmp/$prog.lua"; then
        echo "$prog: checksum mismatch: tide printed '$(cat "$tmp/$prog.tide")', lua5.4 '$(cat "$tmp/$prog.lua")'" >&2
        status=1
        tt="$tt (wrong)"
      else
        ratio=$(awk -v a="$tt" -v b="$lt" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
        if [[ $ratio != "-" ]]; then ratios+=("$ratio"); fi
      fi
    fi
  fi
  echo "| $prog | $tt | $lt | $ratio |"
done
if ((${#ratios[@]} > 0)); then
  gm=$(printf '%s\n' "${ratios[@]}" | awk '$1 > 0 { s += log($1); n++ } END { if (n) printf "%.2f", exp(s / n) }')
  echo "| geometric mean | | | $gm |"
fi
if [[ $QUICK == 1 ]]; then echo; echo "(QUICK mode: small inputs, one run; timings are not meaningful)"; fi
exit $status
