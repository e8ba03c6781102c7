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
#   MODE=instructions bench/quota.sh
#                             instructions executed instead of CPU time
#                             (valgrind's cachegrind; one round): exact
#                             where CPU time is noisy, blind to cache and
#                             branch effects. Go's collector runs only
#                             when the heap reaches 4 GiB (GOGC=off,
#                             GOMEMLIMIT=4GiB): its cycles, whose timing
#                             varies from run to run, would otherwise
#                             swamp the difference
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
unit="(s)"
if [[ ${MODE:-} == instructions ]]; then
  N=1
  unit="(G instr)"
  cpu() { # prints the billions of instructions one run executes
    GOGC=off GOMEMLIMIT=4GiB valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      awk '/I *refs:/ { gsub(",", "", $NF); print $NF / 1e9 }'
  }
fi
printf '| program | no limits %s | all limits %s | ratio |\n|---|---:|---:|---:|\n' "$unit" "$unit"
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
  printf '| %s | %.3f | %.3f | %s |\n' "$p" "$a" "$b" "$r"
done
awk -v s="$logsum" -v n="${#progs[@]}" 'BEGIN{printf "| geometric mean | | | %.3f |\n", exp(s / n)}'
