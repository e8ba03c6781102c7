#!/usr/bin/env bash
# Regenerates bench/RESULTS.md: the machine, the versions, the cross-engine
# table of bench/run.sh (all engines, N runs each), process startup times
# and the Go benchmarks of the bench module (State creation and memory,
# Go<->Lua calls, coroutine switches, parallel States). RESULTS.md is only
# ever written by this script.
#
# usage: bench/results.sh [program...]   (all programs by default; N=3 runs,
#   ENGINES, QUICK, BUDGET and TIMEOUT as for run.sh; BENCHTIME=1s for the
#   Go benchmarks)
# Takes about a quarter of an hour; run it on a quiet machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export N=${N:-3}
out="$here/RESULTS.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

# The table first: it builds tide and the peers into bench/bin.
status=0
CPU=1 RAW="$tmp/raw.txt" "$here/run.sh" "$@" >"$tmp/table.md" 2>"$tmp/table.err" || status=$?

# startup ENGINE_BINARY: the minimum and the median wall time, in ms, of
# 20 runs of an empty script.
: >"$tmp/empty.lua"
startup() {
  local i start end times=()
  for ((i = 0; i < 20; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed"; return; }
    end=$(date +%s%N)
    times+=($((end - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f ms (median %.1f ms)", t[1] / 1e6, t[int((NR + 1) / 2)] / 1e6 }'
}
{
  echo "| engine | command | minimum of 20 runs |"
  echo "|---|---|---:|"
  echo "| tide | \`tide -e ''\` | $(startup "${TIDE:-$here/bin/tide}" -e '') |"
  if command -v lua5.4 >/dev/null; then echo "| lua5.4 | \`lua5.4 -e ''\` | $(startup lua5.4 -e '') |"; fi
  if command -v luajit >/dev/null; then echo "| luajit | \`luajit -e ''\` | $(startup luajit -e '') |"; fi
  for p in gopherlua:gopher-lua goluashopify:go-lua golua:golua; do
    if [[ -x $here/bin/${p%%:*} ]]; then
      echo "| ${p#*:} | runner on an empty file | $(startup "$here/bin/${p%%:*}" "$tmp/empty.lua") |"
    fi
  done
} >"$tmp/startup.md"

(cd "$here" && go test -run '^$' -bench '^Benchmark(NewState|ResumeYield|CallGoToLua|CallLuaToGo|ParallelStates|Peer.*)$' -benchmem -benchtime "${BENCHTIME:-1s}" .) >"$tmp/gobench.txt" 2>&1 || status=$?

# Parallel speedup: ns/op with one State over ns/op with k States.
speedup=$(awk '
  $1 ~ /^BenchmarkParallelStates\// {
    split($1, parts, "/"); w = parts[2]; k = parts[3]; sub(/-[0-9]+$/, "", k); sub(/states=/, "", k)
    ns[w, k] = $3; if (!(w in seen)) { seen[w] = 1; order[++n] = w }
    if (k + 0 > maxk[w]) maxk[w] = k + 0
    for (i = 4; i < NF; i++) if ($(i + 1) == "gc-cpu-%") gc[w, k] = $i
  }
  END {
    for (i = 1; i <= n; i++) {
      w = order[i]; k = maxk[w]
      if (k > 1 && ns[w, k] > 0)
        printf "- %s: %d States on %d goroutines run %.2fx the throughput of one (GC share of Go CPU: %s%% with one, %s%% with %d)\n", w, k, k, ns[w, 1] / ns[w, k], gc[w, 1], gc[w, k], k
    }
  }' "$tmp/gobench.txt")

# The targets of issue 6, checked against this run's figures.
startup_ms=$(grep -m1 '^| tide |' "$tmp/startup.md" | sed -E 's/.*\| ([0-9.]+) ms.*/\1/')
targets=$(awk -v startup="$startup_ms" '
  FILENAME ~ /raw.txt$/ {
    if ($3 ~ /^[0-9.]+$/) { t[$1, $2] = $3; c[$1, $2] = $4; progs[$1] = 1; engines[$2] = 1 }
    next
  }
  $1 ~ /^BenchmarkNewState-/ {
    for (i = 3; i < NF; i++) {
      if ($(i + 1) == "ns/op") ns = $i
      if ($(i + 1) == "B/op") bop = $i
      if ($(i + 1) == "live-B/state") live = $i
    }
  }
  $1 ~ /^BenchmarkParallelStates\// {
    split($1, parts, "/"); w = parts[2]; k = parts[3]; sub(/-[0-9]+$/, "", k); sub(/states=/, "", k)
    pns[w, k + 0] = $3; if (k + 0 > maxk) maxk = k + 0; works[w] = 1
  }
  function verdict(ok) { return ok ? "met" : "**not met**" }
  END {
    n = 0; s = 0; sc = 0; worst = 0; over = ""
    for (p in progs) if ((p, "tide") in t && (p, "lua5.4") in t && t[p, "lua5.4"] > 0) {
      r = t[p, "tide"] / t[p, "lua5.4"]; s += log(r); n++
      if (c[p, "lua5.4"] > 0 && c[p, "tide"] > 0) sc += log(c[p, "tide"] / c[p, "lua5.4"])
      if (r > worst) { worst = r; wp = p }
      if (r > 2.5) over = over sprintf(" %s (%.2fx)", p, r)
    }
    if (n) {
      g = exp(s / n)
      printf "- geometric mean at most 1.5x lua5.4 (aim 1.25x): %.2fx over %d programs (%.2fx in CPU time): %s\n", g, n, exp(sc / n), verdict(g <= 1.5)
      printf "- no program worse than 2.5x lua5.4: worst %s at %.2fx: %s%s\n", wp, worst, verdict(worst <= 2.5), over == "" ? "" : "; over 2.5x:" over
    }
    split("gopher-lua go-lua golua", peers, " ")
    for (i = 1; i <= 3; i++) {
      e = peers[i]; if (!(e in engines)) continue
      m = 0; s = 0; sc = 0
      for (p in progs) if ((p, e) in t && (p, "tide") in t && t[p, "tide"] > 0) {
        s += log(t[p, e] / t[p, "tide"]); m++
        if (c[p, e] > 0 && c[p, "tide"] > 0) sc += log(c[p, e] / c[p, "tide"])
      }
      if (m) printf "- at least 3x faster than %s (geometric mean over the %d programs both ran, timeouts left out): %.2fx (%.2fx in CPU time): %s\n", e, m, exp(s / m), exp(sc / m), verdict(exp(s / m) >= 3)
    }
    if (live != "") printf "- fresh State with the standard libraries under 64 KB: %.0f B allocated, %.0f B live: %s\n", bop, live, verdict(bop < 65536 && live < 65536)
    if (ns != "") printf "- fresh State under 50 µs to create: %.1f µs (NewState and Close): %s\n", ns / 1000, verdict(ns < 50000)
    if (startup != "") printf "- startup of tide -e with an empty chunk under 10 ms: %s ms: %s\n", startup, verdict(startup + 0 < 10)
    for (w in works) if (maxk > 1 && pns[w, maxk] > 0) {
      sp = pns[w, 1] / pns[w, maxk]
      printf "- %d States reach at least 1.6x the throughput of one (%s): %.2fx: %s\n", maxk, w, sp, verdict(sp >= 1.6)
    }
  }' "$tmp/raw.txt" "$tmp/gobench.txt")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain 2>/dev/null) ]]; then commit+=" (with uncommitted changes)"; fi
peers=$(cd "$here" && go list -m -f '{{.Path}} {{.Version}}' github.com/yuin/gopher-lua github.com/Shopify/go-lua github.com/arnodel/golua 2>/dev/null | sed 's/^/- /')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/results.sh\`: do not edit by hand, rerun the script."
  echo
  echo "- date: $started"
  echo "- tide commit: $commit"
  echo "- machine: $cpu, $(nproc) cores (nproc), $mem, Linux $(uname -r)"
  echo "- load average (1, 5, 15 min): $load_before before, $load_after after"
  echo "- $(go version)"
  echo "- $(lua5.4 -v 2>&1 || echo 'lua5.4: not installed')"
  echo "- $(luajit -v 2>&1 || echo 'luajit: not installed')"
  echo "- Go peers, built from the module proxy in the bench module:"
  echo "$peers" | sed 's/^/  /'
  echo
  echo "## Lua programs"
  echo
  if [[ ${QUICK:-0} == 1 ]]; then
    echo "\`QUICK=1 bench/run.sh\`: small inputs and one run: a check of the harness, the timings"
    echo "mean nothing."
  else
    echo "\`N=$N bench/run.sh\`: seconds are the minimum wall time of $N runs of bench/programs/*.lua"
    echo "at its default size, each including process startup."
  fi
  if awk -v l="${load_before%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
    echo
    echo "**The machine was busy (load average ${load_before%% *} on $(nproc) cores): these timings are noisy.**"
  fi
  echo
  cat "$tmp/table.md"
  if [[ -s $tmp/table.err ]]; then
    echo
    echo "Errors reported by run.sh:"
    echo
    echo '```'
    cat "$tmp/table.err"
    echo '```'
  fi
  echo
  echo "## Targets (issue 6)"
  echo
  echo "Checked by results.sh against the figures below (wall time; CPU time in"
  echo "parentheses). Not checked here: zero allocations per operation (see the allocs/op"
  echo "columns and the VM's own benchmarks)."
  if [[ ${QUICK:-0} == 1 ]]; then echo "QUICK mode: the program timings, and so these verdicts, mean nothing."; fi
  echo
  echo "$targets"
  echo
  echo "## Startup"
  echo
  cat "$tmp/startup.md"
  echo
  echo "## Go benchmarks (bench/embed_test.go, bench/peers_test.go)"
  echo
  echo "NewState: B/op allocated to create and close a State with the standard libraries,"
  echo "live-B/state kept reachable by one. CallGoToLua: State.Call of function(x) return"
  echo "x + 1 end. CallLuaToGo uses math.abs: the root package cannot register Go functions"
  echo "yet. ResumeYield: one resume/yield round trip. ParallelStates: ns/op per unit of"
  echo "work. Peer*: the same State creation and Go->Lua call in the Go peers."
  echo
  if [[ -n $speedup ]]; then echo "$speedup"; echo; fi
  echo '```'
  cat "$tmp/gobench.txt"
  echo '```'
} >"$tmp/RESULTS.md"
mv "$tmp/RESULTS.md" "$out"
echo "wrote $out" >&2
exit $status
