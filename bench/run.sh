#!/usr/bin/env bash
# Cross-engine benchmark: runs bench/programs/*.lua under tide, the C
# reference lua5.4, LuaJIT and the Go Lua implementations gopher-lua,
# Shopify/go-lua and arnodel/golua, checks that every engine prints the same
# checksum, and prints a markdown table of the best (minimum) wall time of N
# runs, the ratio to lua5.4 and the geometric means.
#
# usage: bench/run.sh [-n N] [--quick] [program...]
#   N=3        runs per program and engine (the minimum is reported)
#   QUICK=1    one run with small inputs: a correctness check for CI, the
#              timings mean nothing; engines default to "tide lua5.4"
#   ENGINES="tide lua5.4 luajit gopher-lua go-lua golua"  the engines to
#              run (space or comma separated); this list is the default
#              outside QUICK mode
#   TIDE=path  use this tide binary instead of building cmd/tide
#   TIMEOUT=s  seconds before one run is stopped (60)
#   RAW=file   also write one line per program and engine to file:
#              program engine seconds (or n/a, timeout, FAIL, wrong),
#              and the CPU seconds
#   CPU=1      also print the table in CPU time (user + system) of the
#              same runs
#   BUDGET=s   stop repeating a program on an engine once its runs took
#              this many seconds in all, keeping the minimum of the runs
#              done (at least one); 0, the default, always runs N times
# lua5.4 and luajit come from the system (a missing one is shown n/a); the
# Go peers are built from the module proxy inside the bench module, which
# alone depends on them (a peer that cannot be built is shown n/a).
# Peers that implement an older Lua (gopher-lua and LuaJIT: 5.1, go-lua:
# 5.2) are n/a on the programs in LUA54_ONLY when they fail or print
# another checksum, and so is a peer on a program that needs a library it
# lacks (see unsupported); anywhere else a failure or a wrong checksum is
# an error. A peer that runs out of TIMEOUT is shown as a timeout, left out
# of the geometric means, and is no error; tide or lua5.4 timing out is.
# Exit status 1 on an error.
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
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) programs+=("$1"); shift ;;
  esac
done
if ((${#programs[@]} == 0)); then
  for f in "$here"/programs/*.lua; do programs+=("$(basename "$f" .lua)"); done
fi
if [[ -n ${RAW:-} ]]; then : >"$RAW"; fi
if [[ $QUICK == 1 ]]; then
  N=1
  ENGINES=${ENGINES:-tide lua5.4}
else
  ENGINES=${ENGINES:-tide lua5.4 luajit gopher-lua go-lua golua}
fi
TIMEOUT=${TIMEOUT:-60}
BUDGET=${BUDGET:-0}
read -r -a engines <<<"${ENGINES//,/ }"

# Programs that use Lua 5.3/5.4 features (integer division, bitwise
# operators, string.rep's separator).
LUA54_ONLY=" loops method_calls string_build "

# unsupported ENGINE PROGRAM: why ENGINE cannot run PROGRAM, or nothing.
unsupported() {
  case $1 in
    gopher-lua|luajit|go-lua)
      if [[ $LUA54_ONLY == *" $2 "* ]]; then echo "Lua 5.4 features"; return; fi ;;
  esac
  case $1,$2 in
    go-lua,coroutines) echo "no coroutine library" ;;
    go-lua,patterns|go-lua,json) echo "no string.gsub/gmatch/match" ;;
  esac
}

# Small inputs for QUICK mode, from programs/quick_sizes.txt (the defaults
# inside the programs take lua5.4 about 0.5-1 s each).
quick_arg() {
  awk -v p="$1" '$1 == p { print $2 }' "$here/programs/quick_sizes.txt"
}

# The Go peers: engine name -> directory under bench/cmd.
declare -A peer_dir=([gopher-lua]=gopherlua [go-lua]=goluashopify [golua]=golua)
declare -A peer_module=([gopher-lua]=github.com/yuin/gopher-lua [go-lua]=github.com/Shopify/go-lua
  [golua]=github.com/arnodel/golua)

declare -A bin    # engine -> command ("" when not available)
declare -A why    # engine -> why it is not available
notes=()
mkdir -p "$here/bin"
for e in "${engines[@]}"; do
  case $e in
    tide)
      if [[ -n ${TIDE:-} ]]; then
        bin[$e]=$TIDE
      else
        (cd "$root" && go build -o "$here/bin/tide" ./cmd/tide)
        bin[$e]=$here/bin/tide
      fi
      ;;
    lua5.4|luajit)
      bin[$e]=$(command -v "$e" || true)
      if [[ -z ${bin[$e]} ]]; then why[$e]="not installed"; fi
      ;;
    gopher-lua|go-lua|golua)
      bin[$e]=""
      if (cd "$here" && go build -o "bin/${peer_dir[$e]}" "./cmd/${peer_dir[$e]}") 2>"$here/bin/${peer_dir[$e]}.build.log"; then
        bin[$e]=$here/bin/${peer_dir[$e]}
      else
        why[$e]="not available from the module proxy here (${peer_module[$e]} did not build)"
        echo "note: $e: build failed, shown n/a:" >&2
        cat "$here/bin/${peer_dir[$e]}.build.log" >&2
      fi
      ;;
    *)
      echo "unknown engine $e (known: tide lua5.4 luajit gopher-lua go-lua golua)" >&2
      exit 2
      ;;
  esac
  if [[ -n ${why[$e]:-} ]]; then notes+=("$e: n/a, ${why[$e]}"); fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_time ENGINE PROGRAM ARG OUT: the minimum wall time and the minimum
# CPU time (user + system) in seconds over N runs, as "wall cpu"; the last
# run's stdout goes to OUT, stderr to OUT.err. Prints FAIL when a run
# fails, TIMEOUT when it runs out of time.
best_time() {
  local cmd=$1 prog=$2 arg=$3 out=$4 i rc TIMEFORMAT='%3R %3U %3S'
  : >"$out.times"
  for ((i = 0; i < N; i++)); do
    rc=0
    # shellcheck disable=SC2086 # arg is empty or one number
    { time timeout "$TIMEOUT" "$cmd" "$here/programs/$prog.lua" $arg >"$out" 2>"$out.err"; } 2>>"$out.times" || rc=$?
    if ((rc == 124)); then echo TIMEOUT; return; fi
    if ((rc != 0)); then echo FAIL; return; fi
    if ((BUDGET > 0)) && awk -v b="$BUDGET" '{ s += $1 } END { exit !(s >= b) }' "$out.times"; then break; fi
  done
  awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 + $3 < c { c = $2 + $3 }
    END { printf "%.3f %.3f", w, c }' "$out.times"
}

is_peer() { [[ $1 != tide && $1 != lua5.4 ]]; }

status=0
na_seen=() # engine:reason pairs behind the n/a cells
declare -A secs  # engine,program -> wall seconds (successful runs only)
declare -A cpus  # engine,program -> CPU seconds (successful runs only)
declare -A cells # engine,program -> the table's text when not a time
header="| program |"
rule="|---|"
for e in "${engines[@]}"; do header+=" $e |"; rule+="---:|"; done
echo "$header"
echo "$rule"
for prog in "${programs[@]}"; do
  arg=""
  if [[ $QUICK == 1 ]]; then arg=$(quick_arg "$prog"); fi
  declare -A cell=()
  ref=""
  # The reference output is lua5.4's when it runs, tide's otherwise: so
  # run those two first.
  ordered=()
  for e in lua5.4 tide; do
    if [[ " ${engines[*]} " == *" $e "* ]]; then ordered+=("$e"); fi
  done
  for e in "${engines[@]}"; do
    if [[ $e != lua5.4 && $e != tide ]]; then ordered+=("$e"); fi
  done
  for e in "${ordered[@]}"; do
    if [[ -z ${bin[$e]} ]]; then cell[$e]="n/a"; continue; fi
    out="$tmp/$prog.$e"
    tc=""
    read -r t tc <<<"$(best_time "${bin[$e]}" "$prog" "$arg" "$out")"
    bad=""
    if [[ $t == TIMEOUT ]] && is_peer "$e"; then
      cell[$e]="timeout (> ${TIMEOUT} s)"
      notes+=("$e: $prog ran out of time (${TIMEOUT} s); left out of the means")
      continue
    elif [[ $t == TIMEOUT ]]; then
      bad="ran out of time (${TIMEOUT} s)"
    elif [[ $t == FAIL ]]; then
      bad="failed: $(head -c 300 "$out.err")"
    elif [[ -z $ref ]]; then
      ref=$out
    elif ! cmp -s "$out" "$ref"; then
      bad="printed '$(head -c 300 "$out")', expected '$(head -c 300 "$ref")'"
    fi
    if [[ -z $bad ]]; then
      secs[$e,$prog]=$t
      cpus[$e,$prog]=$tc
      cell[$e]=$t
    elif is_peer "$e" && [[ -n $(unsupported "$e" "$prog") ]]; then
      cell[$e]="n/a"
      reason=$(unsupported "$e" "$prog")
      if [[ " ${na_seen[*]:-} " != *" $e:$reason "* ]]; then na_seen+=("$e:$reason"); fi
    else
      echo "$prog: $e $bad" >&2
      status=1
      case $t in
        FAIL|TIMEOUT) cell[$e]=$t ;;
        *) cell[$e]="$t (wrong)" ;;
      esac
    fi
  done
  if [[ -n ${RAW:-} ]]; then
    for e in "${engines[@]}"; do
      c=${cell[$e]}
      case $c in
        *wrong*) c=wrong ;;
        timeout*) c=timeout ;;
      esac
      echo "$prog $e $c ${cpus[$e,$prog]:-}" >>"$RAW"
    done
  fi
  for e in "${engines[@]}"; do
    if [[ -z ${secs[$e,$prog]:-} ]]; then cells[$e,$prog]=${cell[$e]}; fi
  done
  row="| $prog |"
  for e in "${engines[@]}"; do
    c=${cell[$e]}
    l=${secs[lua5.4,$prog]:-}
    if [[ -n ${secs[$e,$prog]:-} && -n $l && $e != lua5.4 ]]; then
      c+=$(awk -v a="$c" -v b="$l" 'BEGIN { if (b > 0) printf " (%.2fx)", a / b }')
    fi
    row+=" $c |"
  done
  echo "$row"
  unset cell
done

# geomean TIMES ENGINE BASE: geometric mean of time(ENGINE)/time(BASE),
# from the array named TIMES, over the programs both ran, as
# "ratio (count)", or "-".
geomean() {
  local -n times=$1
  local e=$2 b=$3 p list=""
  for p in "${programs[@]}"; do
    if [[ -n ${times[$e,$p]:-} && -n ${times[$b,$p]:-} ]]; then
      list+="${times[$e,$p]} ${times[$b,$p]}"$'\n'
    fi
  done
  if [[ -z $list ]]; then echo "-"; return; fi
  printf '%s' "$list" | awk '$1 > 0 && $2 > 0 { s += log($1 / $2); n++ }
    END { if (n) printf "%.2fx (%d)", exp(s / n), n; else print "-" }'
}

# means TIMES: the geometric-mean rows of a table.
means() {
  local row e
  row="| geometric mean, ratio to lua5.4 (programs) |"
  for e in "${engines[@]}"; do
    if [[ $e == lua5.4 && -n ${bin[$e]} ]]; then row+=" 1.00x |"; else row+=" $(geomean "$1" "$e" lua5.4) |"; fi
  done
  echo "$row"
  if [[ " ${engines[*]} " == *" tide "* ]]; then
    row="| geometric mean, time relative to tide (programs) |"
    for e in "${engines[@]}"; do
      if [[ $e == tide ]]; then row+=" 1.00x |"; else row+=" $(geomean "$1" "$e" tide) |"; fi
    done
    echo "$row"
  fi
}
means secs
echo
if ((BUDGET > 0)); then
  echo "Seconds: the minimum wall time of $N run(s), fewer when the runs of a program on an"
  echo "engine had taken ${BUDGET} s in all; (r x): the ratio to lua5.4 on that program."
else
  echo "Seconds: the minimum wall time of $N run(s); (r x): the ratio to lua5.4 on that program."
fi
echo "n/a: the engine is missing, or it cannot run the program: the programs"
echo "${LUA54_ONLY# }use Lua 5.4 features, and some peers lack libraries."
for pair in "${na_seen[@]}"; do
  e=${pair%%:*}
  reason=${pair#*:}
  list=""
  for p in "${programs[@]}"; do
    if [[ $(unsupported "$e" "$p") == "$reason" ]]; then list+="$p "; fi
  done
  notes+=("$e: n/a on ${list% } ($reason)")
done
for note in "${notes[@]}"; do echo "- $note"; done

# The same runs in CPU time: steadier than wall time on a busy machine,
# but it counts the Go engines' parallel garbage collection in full.
if [[ ${CPU:-0} == 1 ]]; then
  echo
  echo "CPU seconds (user + system, the minimum over the same runs):"
  echo
  echo "$header"
  echo "$rule"
  for prog in "${programs[@]}"; do
    row="| $prog |"
    for e in "${engines[@]}"; do
      if [[ -n ${cpus[$e,$prog]:-} ]]; then
        c=${cpus[$e,$prog]}
        l=${cpus[lua5.4,$prog]:-}
        if [[ -n $l && $e != lua5.4 ]]; then
          c+=$(awk -v a="$c" -v b="$l" 'BEGIN { if (b > 0) printf " (%.2fx)", a / b }')
        fi
      else
        c=${cells[$e,$prog]:-n/a}
      fi
      row+=" $c |"
    done
    echo "$row"
  done
  means cpus
fi
if [[ $QUICK == 1 ]]; then echo; echo "(QUICK mode: small inputs, one run; timings are not meaningful)"; fi
exit $status
