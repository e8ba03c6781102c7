#!/usr/bin/env bash
# Server benchmark: tide serve against nginx with its Lua module (the
# OpenResty programming model), on loopback, same four endpoints:
#   GET /plain     "hello, world"
#   POST /echo     the JSON body decoded and encoded again
#   GET /counter   incr of a shared-dict counter
#   GET /limited   a token bucket on a shared dict, keyed per connection
#                  (?key=N); 429 when empty, which counts as success
# Each endpoint runs under bench/serve/loadgen (keep-alive HTTP/1.1
# connections, fixed concurrency and duration) against tide, then nginx,
# REPEAT times interleaved; the server's CPU time (utime+stime from
# /proc/PID/stat, all nginx processes) is divided by the requests. Prints
# a markdown table.
#
# usage: bench/serve/run.sh [endpoint...]
#   DURATION=5    measured seconds per run (after WARMUP=1 s of load)
#   CONC=32       connections
#   REPEAT=1      runs per endpoint and server; above 1 the table holds
#                 the medians and a second table the min-max
#   STATES=nproc  tide's --states, and nginx's worker_processes
#   API=native    tide's handlers: native (app/app.lua, tide's own API) or
#                 ngx (app/handlers_ngx.lua, the very handlers nginx runs)
#   TIDE=path     use this tide binary instead of building cmd/tide
#   APP_DIR=dir   tide's application (default: bench/serve/app)
#   NGINX=path    nginx binary (default: nginx on PATH; missing = n/a)
#   PORT=18480    tide listens on PORT, nginx on PORT+1 (127.0.0.1)
#   RAW=file      also write one line per run: endpoint server loadgen-line
#   KEEP=1        keep the temp dir (logs, nginx.conf) and print its path
# Exit status 1 when tide fails an endpoint it should serve or a run has
# errors.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/.." && pwd)
root=$(cd "$bench/.." && pwd)
DURATION=${DURATION:-5}
CONC=${CONC:-32}
REPEAT=${REPEAT:-1}
WARMUP=${WARMUP:-1}
STATES=${STATES:-$(nproc)}
API=${API:-native}
PORT=${PORT:-18480}
case ${1:-} in -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { print }' "$0"; exit 0 ;; esac
endpoints=("$@")
if ((${#endpoints[@]} == 0)); then endpoints=(plain echo counter limited); fi
case $API in native|ngx) ;; *) echo "API must be native or ngx" >&2; exit 2 ;; esac
if [[ -n ${RAW:-} ]]; then : >"$RAW"; fi

tmp=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# the binaries
mkdir -p "$bench/bin"
(cd "$bench" && go build -o bin/loadgen ./serve/loadgen)
loadgen=$bench/bin/loadgen
if [[ -n ${TIDE:-} ]]; then
  tide=$TIDE
else
  (cd "$root" && go build -o "$bench/bin/tide" ./cmd/tide)
  tide=$bench/bin/tide
fi
nginx=${NGINX:-$(command -v nginx || true)}
nginx_why=""
lua_module=""
if [[ -z $nginx ]]; then
  nginx_why="nginx is not installed (Debian: apt-get install nginx libnginx-mod-http-lua)"
elif [[ ! -x $nginx ]]; then
  nginx_why="$nginx is not an executable"
  nginx=""
else
  for d in /usr/lib/nginx/modules /usr/share/nginx/modules /usr/lib64/nginx/modules; do
    if [[ -f $d/ngx_http_lua_module.so ]]; then lua_module=$d; break; fi
  done
  if [[ -z $lua_module ]] && ! "$nginx" -V 2>&1 | grep -q lua; then
    nginx_why="nginx has no Lua module (Debian: apt-get install libnginx-mod-http-lua)"
    nginx=""
  fi
fi
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)

# listening HOST PORT: whether something accepts connections there.
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_listen PORT PID: until the server listens (10 s at most); fails
# when the process died.
wait_listen() {
  local i
  for ((i = 0; i < 100; i++)); do
    if listening 127.0.0.1 "$1"; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}

# children PID: the process ids whose parent is PID.
children() {
  local f rest
  for f in /proc/[0-9]*/stat; do
    rest=$(cat "$f" 2>/dev/null) || continue
    rest=${rest##*) }
    read -r _ ppid _ <<<"$rest"
    if [[ $ppid == "$1" ]]; then f=${f#/proc/}; echo "${f%/stat}"; fi
  done
}

for p in "$PORT" "$((PORT + 1))"; do
  if listening 127.0.0.1 "$p"; then echo "port $p is in use: set PORT" >&2; exit 2; fi
done

# tide serve
tide_port=$PORT
TIDE_BENCH_API=$API "$tide" serve --listen "127.0.0.1:$tide_port" --states "$STATES" \
  "${APP_DIR:-$here/app}" >"$tmp/tide.access.log" 2>"$tmp/tide.error.log" &
tide_pid=$!
pids+=("$tide_pid")
if ! wait_listen "$tide_port" "$tide_pid"; then
  echo "tide serve did not start:" >&2
  cat "$tmp/tide.error.log" >&2
  exit 1
fi
tide_pids=$tide_pid

# nginx with the same handlers (app/handlers_ngx.lua)
nginx_port=$((PORT + 1))
nginx_pids=""
if [[ -n $nginx ]]; then
  mkdir -p "$tmp/nginx/logs"
  modules=""
  if [[ -n $lua_module ]]; then
    if [[ -f $lua_module/ndk_http_module.so ]]; then
      modules+="load_module $lua_module/ndk_http_module.so;"$'\n'
    fi
    modules+="load_module $lua_module/ngx_http_lua_module.so;"
  fi
  cat >"$tmp/nginx/nginx.conf" <<EOF
$modules
worker_processes $STATES;
daemon off;
master_process on;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  default_type text/plain;
  access_log $tmp/nginx/logs/access.log;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  client_body_buffer_size 1m;
  client_max_body_size 1m;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  lua_package_path "$here/app/?.lua;;";
  lua_shared_dict counters 1m;
  lua_shared_dict limits 1m;
  init_by_lua_block { H = require "handlers_ngx" }
  server {
    listen 127.0.0.1:$nginx_port;
    location = /plain { content_by_lua_block { H.plain() } }
    location = /echo { content_by_lua_block { H.echo() } }
    location = /counter { content_by_lua_block { H.counter() } }
    location = /limited { content_by_lua_block { H.limited() } }
  }
}
EOF
  "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx/logs/stderr.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  if ! wait_listen "$nginx_port" "$nginx_pid"; then
    nginx_why="nginx did not start (exited, or not listening after 10 s): $(cat "$tmp/nginx/logs/stderr.log" "$tmp/nginx/logs/error.log" 2>/dev/null | head -c 300 | tr '\n' ' ' || true)"
    echo "note: $nginx_why" >&2
    nginx=""
  else
    sleep 0.2 # workers
    nginx_pids=$nginx_pid
    for c in $(children "$nginx_pid"); do nginx_pids+=",$c"; done
  fi
fi

# the load of each endpoint: set_load ENDPOINT sets largs, loadgen's
# arguments
echo_body='{"user":"tide","id":12345,"active":true,"score":9.5,"tags":["lua","http","bench"],"nested":{"a":1,"b":[1,2,3],"c":null}}'
set_load() {
  case $1 in
    plain) largs=(-path /plain -expect "hello, world") ;;
    echo) largs=(-method POST -path /echo -H "Content-Type: application/json" -body "$echo_body" -expect-json "$echo_body") ;;
    counter) largs=(-path /counter) ;;
    limited) largs=(-path "/limited?key={conn}" -ok 200,429) ;;
    *) echo "unknown endpoint $1 (plain echo counter limited)" >&2; return 1 ;;
  esac
}
# run_load SERVER ENDPOINT EXTRA...: runs loadgen, printing its line (or
# FAIL: reason).
run_load() {
  local server=$1 ep=$2 port pidlist out
  shift 2
  if [[ $server == tide ]]; then port=$tide_port pidlist=$tide_pids; else port=$nginx_port pidlist=$nginx_pids; fi
  set_load "$ep"
  if out=$("$loadgen" -addr "127.0.0.1:$port" -pid "$pidlist" -clk-tck "$clk_tck" "${largs[@]}" "$@" 2>"$tmp/loadgen.err"); then
    echo "$out"
  else
    echo "FAIL: $(head -c 300 "$tmp/loadgen.err" | tr '\n' ' ')"
  fi
}
# field LINE KEY: the value of key=value in a loadgen line.
field() { sed -n "s/.*\\b$2=\\([^ ]*\\).*/\\1/p" <<<"$1"; }

status=0
notes=()
declare -A na  # server,endpoint -> why n/a
declare -A lines # server,endpoint,i -> loadgen line
servers=(tide)
if [[ -n $nginx ]]; then servers+=(nginx); fi

# smoke test: one request of each endpoint on each server
for ep in "${endpoints[@]}"; do
  set_load "$ep" || exit 2
  for s in "${servers[@]}"; do
    r=$(run_load "$s" "$ep" -c 1 -n 1 -d 0 -warmup 0)
    if [[ $r == FAIL* || $(field "$r" errors) != 0 ]]; then
      why=$(head -c 200 "$tmp/loadgen.err" | tr '\n' ' ')
      if [[ $s == tide && ($ep == counter || $ep == limited) ]] &&
        grep -q "no shared dict\\|shared\\|field 'counters'\\|field 'limits'" "$tmp/loadgen.err" "$tmp/tide.error.log"; then
        na[$s,$ep]="shared dicts missing in tide serve ($why)"
      elif [[ $s == nginx ]]; then
        na[$s,$ep]="failed under nginx: $why"
      else
        echo "$ep: tide: $why" >&2
        na[$s,$ep]="FAIL: $why"
        status=1
      fi
      notes+=("$s $ep: n/a, ${na[$s,$ep]}")
    fi
  done
done

# the runs: per endpoint, tide then nginx, REPEAT times
for ep in "${endpoints[@]}"; do
  for ((i = 0; i < REPEAT; i++)); do
    for s in "${servers[@]}"; do
      if [[ -n ${na[$s,$ep]:-} ]]; then continue; fi
      r=$(run_load "$s" "$ep" -c "$CONC" -d "${DURATION}s" -warmup "${WARMUP}s")
      if [[ -n ${RAW:-} ]]; then echo "$ep $s $r" >>"$RAW"; fi
      if [[ $r == FAIL* ]]; then
        echo "$ep: $s: $r" >&2
        status=1
        continue
      fi
      if [[ $(field "$r" errors) != 0 ]]; then
        echo "$ep: $s: $(field "$r" errors) errors: $(head -c 300 "$tmp/loadgen.err")" >&2
        status=1
      fi
      lines[$s,$ep,$i]=$r
    done
  done
done

# stat SERVER ENDPOINT KEY FN: FN (median, min, max) of KEY over the
# runs, or empty.
stat() {
  local s=$1 ep=$2 key=$3 fn=$4 i vals=""
  for ((i = 0; i < REPEAT; i++)); do
    if [[ -n ${lines[$s,$ep,$i]:-} ]]; then vals+="$(field "${lines[$s,$ep,$i]}" "$key") "; fi
  done
  [[ -n $vals ]] || return 0
  tr ' ' '\n' <<<"${vals% }" | { grep -v "^n/a$" || true; } | sort -g | awk -v fn="$fn" '{ v[NR] = $1 }
    END { if (!NR) exit; if (fn == "min") print v[1]; else if (fn == "max") print v[NR];
          else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
cell() { # SERVER ENDPOINT: "why" when n/a
  if [[ -n ${na[$1,$2]:-} ]]; then echo "n/a"; elif [[ $1 == nginx && -z $nginx ]]; then echo "n/a"; fi
}

echo "| endpoint | tide req/s | nginx req/s | ratio | tide p50 / p99 ms | nginx p50 / p99 ms | tide CPU µs/req | nginx CPU µs/req |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
verdicts=()
for ep in "${endpoints[@]}"; do
  row="| $ep |"
  declare -A v=()
  for s in tide nginx; do
    if [[ -n $(cell "$s" "$ep") ]]; then continue; fi
    v[$s,rps]=$(stat "$s" "$ep" rps median)
    v[$s,p50]=$(stat "$s" "$ep" p50_us median)
    v[$s,p99]=$(stat "$s" "$ep" p99_us median)
    v[$s,cpu]=$(stat "$s" "$ep" server_cpu_us median)
  done
  for s in tide nginx; do
    c=$(cell "$s" "$ep"); row+=" ${c:-${v[$s,rps]:-FAIL}} |"
  done
  ratio="-"
  if [[ -n ${v[tide,rps]:-} && -n ${v[nginx,rps]:-} ]]; then
    ratio=$(awk -v a="${v[tide,rps]}" -v b="${v[nginx,rps]}" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
    p99r=$(awk -v a="${v[tide,p99]}" -v b="${v[nginx,p99]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print 0 }')
    cpur=$(awk -v a="${v[tide,cpu]}" -v b="${v[nginx,cpu]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print 0 }')
    verdict=$(awk -v r="${ratio%x}" -v p="$p99r" -v c="$cpur" 'BEGIN {
      if (r >= 1 && p <= 1 && c <= 1) print "target met";
      else if (r >= 0.8 && p <= 1.5) print "floor met (0.8x req/s, p99 within 1.5x), target not";
      else print "below the floor" }')
    verdicts+=("$ep: req/s ${ratio}, p99 ${p99r}x, CPU/req ${cpur}x of nginx: $verdict")
  fi
  row+=" $ratio |"
  for s in tide nginx; do
    c=$(cell "$s" "$ep")
    if [[ -n $c || -z ${v[$s,p50]:-} ]]; then row+=" ${c:-FAIL} |"; else row+=" $(ms "${v[$s,p50]}") / $(ms "${v[$s,p99]}") |"; fi
  done
  for s in tide nginx; do
    c=$(cell "$s" "$ep"); row+=" ${c:-${v[$s,cpu]:-FAIL}} |"
  done
  echo "$row"
  unset v
done

if ((REPEAT > 1)); then
  echo
  echo "Min-max over the $REPEAT runs:"
  echo
  echo "| endpoint | tide req/s | nginx req/s | tide p99 ms | nginx p99 ms | tide CPU µs/req | nginx CPU µs/req |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for ep in "${endpoints[@]}"; do
    row="| $ep |"
    for key in rps p99_us server_cpu_us; do
      for s in tide nginx; do
        c=$(cell "$s" "$ep")
        lo=$(stat "$s" "$ep" "$key" min) hi=$(stat "$s" "$ep" "$key" max)
        if [[ -n $c || -z $lo ]]; then row+=" ${c:-FAIL} |"; continue; fi
        if [[ $key == p99_us ]]; then lo=$(ms "$lo") hi=$(ms "$hi"); fi
        row+=" $lo - $hi |"
      done
    done
    echo "$row"
  done
fi

echo
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "Machine: $(nproc) cores${model:+ ($model)}; the load generator runs on the same cores as the server."
echo "Load: $CONC keep-alive connections, ${WARMUP} s warm-up then ${DURATION} s measured per run, $REPEAT run(s) per endpoint and server (interleaved)$( ((REPEAT > 1)) && echo "; each cell is the median of the runs")."
echo "tide: $("$tide" -v 2>&1 | head -1) serve --states $STATES, handlers: $([[ $API == ngx ]] && echo 'app/handlers_ngx.lua through the ngx layer' || echo 'app/app.lua (native API)'); commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [[ -n $(git status --porcelain 2>/dev/null) ]] && echo ' (with uncommitted changes)')."
if [[ -n $nginx ]]; then
  echo "nginx: $("$nginx" -v 2>&1 | sed 's/^nginx version: //') with ${lua_module:-its built-in}/ngx_http_lua_module, worker_processes $STATES, handlers app/handlers_ngx.lua."
else
  echo "nginx: n/a, $nginx_why."
fi
echo "Latency: from the sorted samples of every measured request; CPU: utime+stime of the server processes (/proc/PID/stat, ${clk_tck} Hz ticks) over the measured time, divided by the requests."
echo "Both servers write an access log line per request to a file in a temp dir."
for ep in "${endpoints[@]}"; do
  if [[ $ep == limited ]]; then
    for s in "${servers[@]}"; do
      l=${lines[$s,limited,0]:-}
      if [[ -n $l ]]; then
        st=$(field "$l" statuses)
        echo "$s /limited statuses (first run): $st (429 = rate limited, counted as success)"
      fi
    done
  fi
done
lo="" hi=""
for s in "${servers[@]}"; do
  for ep in "${endpoints[@]}"; do
    a=$(stat "$s" "$ep" client_cpu_us min) b=$(stat "$s" "$ep" client_cpu_us max)
    if [[ -n $a ]]; then
      if [[ -z $lo ]] || awk -v x="$a" -v y="$lo" 'BEGIN { exit !(x < y) }'; then lo=$a; fi
      if [[ -z $hi ]] || awk -v x="$b" -v y="$hi" 'BEGIN { exit !(x > y) }'; then hi=$b; fi
    fi
  done
done
if [[ -n $lo ]]; then echo "The load generator itself used $lo - $hi µs of CPU per request, on the same cores."; fi
for n in "${verdicts[@]}"; do echo "- $n"; done
for n in "${notes[@]}"; do echo "- $n"; done
exit $status
