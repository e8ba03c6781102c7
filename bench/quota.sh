#!/usr/bin/env bash
# quota.sh measures what quota checking costs: every program of
# bench/programs run by the same tide binary without limits and with all
# of them (instructions, memory, depth, time) set far above what the
# programs need, interleaved, N rounds; it prints the minimum user+system
# CPU seconds of each and the ratio. CPU time, not wall time, so that
# other load on the machine disturbs the comparison less.
#
#   bench/quota.sh            N=5 rounds
#   N=3 bench/quota.sh fib    only the programs named
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/tide" ./cmd/tide
limits=(--max-instructions 1e15 --max-memory 8GiB --max-depth 1000000 --timeout 1h)
progs=("$@")
if [[ ${#progs[@]} -eq 0 ]]; then
  for f in bench/programs/*.lua; do progs+=("$(basename "$f" .lua)"); done
fi
cpu() { # prints user+sys seconds of one run
  /usr/bin/time -o "$bin/t" -f '%U %S' "$@" >/dev/null 2>&1
  awk '{print $1 + $2}' "$bin/t"
}
printf '| program | no limits (s) | all limits (s) | ratio |\n|---|---:|---:|---:|\n'
logsum=0
for p in "${progs[@]}"; do
  f=bench/programs/$p.lua
  a=999999 b=999999
  for ((i = 0; i < N; i++)); do
    x=$(cpu "$bin/tide" "$f"); y=$(cpu "$bin/tide" "${limits[@]}" "$f")
    a=$(awk -v a="$a" -v x="$x" 'BEGIN{print (x < a) ? x : a}')
    b=$(awk -v b="$b" -v y="$y" 'BEGIN{print (y < b) ? y : b}')
  done
  r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b / a}')
  logsum=$(awk -v s="$logsum" -v r="$r" 'BEGIN{print s + log(r)}')
  printf '| %s | %.2f | %.2f | %s |\n' "$p" "$a" "$b" "$r"
done
awk -v s="$logsum" -v n="${#progs[@]}" 'BEGIN{printf "| geometric mean | | | %.3f |\n", exp(s / n)}'
