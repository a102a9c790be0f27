#!/usr/bin/env bash
# Server throughput and latency on loopback, in one run: `httpstatus serve`
# against go-httpbin and bench/bare (a fixed-response net/http handler, the
# ceiling for Go's HTTP stack), measured with wrk. On a 2-core machine the
# servers are pinned to CPU 0 and wrk to CPU 1, so that neither steals the
# other's core; every URL is measured ROUNDS times, interleaved, and the
# median and the best round are reported (on a shared machine another
# process can only slow a round down, so the best round is the least
# disturbed). Compare ratios within one run, not across machines.
#
# Writes the block between the BEGIN/END markers of docs/benchmarks.md
# (creating the file if needed; text outside the markers is kept).
#   bash bench/server.sh
#   DURATION=5s ROUNDS=1 bash bench/server.sh      (a quick look)
# Settings (environment): DURATION (10s), CONNS (64), THREADS (1), ROUNDS (3),
# WARMUP (3s), SERVER_CPU (0), CLIENT_CPU (1).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3s}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
HTTPBIN=github.com/mccutchen/go-httpbin/v2/cmd/go-httpbin@v2.26.0
out=docs/benchmarks.md

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
for tool in taskset curl ss; do
  command -v "$tool" >/dev/null 2>&1 || { echo "server.sh: $tool is needed" >&2; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== building httpstatus, bench/bare and go-httpbin (into $tmp)" >&2
go build -trimpath -o "$tmp/httpstatus" ./cmd/httpstatus
go build -trimpath -o "$tmp/bare" ./bench/bare
GOBIN="$tmp" go install -trimpath "$HTTPBIN"

# free_port prints a TCP port that nothing on this machine listens on.
free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$((20000 + RANDOM % 30000))
    if [ -z "$(ss -Htln "sport = :$p")" ]; then echo "$p"; return 0; fi
  done
  echo "server.sh: found no free port" >&2
  return 1
}

# start NAME PROBE-URL COMMAND...: runs COMMAND pinned to SERVER_CPU, its
# output discarded (httpstatus and go-httpbin log every request: that cost is
# part of what is measured), and waits up to 10 s for PROBE-URL to answer.
start() {
  local name=$1 probe=$2 pid i
  shift 2
  taskset -c "$SERVER_CPU" "$@" >/dev/null 2>&1 &
  pid=$!
  pids+=("$pid")
  printf '%s\n' "$pid" >"$tmp/$name.pid"
  printf 'taskset -c %s %s\n' "$SERVER_CPU" "$(basename "$1") ${*:2}" >>"$tmp/commands"
  for i in $(seq 1 100); do
    if curl -fsS -o /dev/null --max-time 1 "$probe" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "server.sh: $name exited" >&2; return 1; }
    sleep 0.1
  done
  echo "server.sh: $name did not answer $probe within 10 s" >&2
  return 1
}

p_ours=$(free_port); p_bare=$(free_port); p_bin=$(free_port)
while [ "$p_bare" = "$p_ours" ]; do p_bare=$(free_port); done
while [ "$p_bin" = "$p_ours" ] || [ "$p_bin" = "$p_bare" ]; do p_bin=$(free_port); done
ours=http://127.0.0.1:$p_ours
bare=http://127.0.0.1:$p_bare
bin=http://127.0.0.1:$p_bin

start httpstatus "$ours/healthz" "$tmp/httpstatus" serve --addr "127.0.0.1:$p_ours"
start bare "$bare/" "$tmp/bare" -addr "127.0.0.1:$p_bare"
start go-httpbin "$bin/status/200" "$tmp/go-httpbin" -host 127.0.0.1 -port "$p_bin"

# The cases, in the order they are run in every round: label|server|URL.
cases=(
  "httpstatus /status/200|httpstatus|$ours/status/200"
  "go-httpbin /status/200|go-httpbin|$bin/status/200"
  "bare fixed 200|bare|$bare/status/200"
  "httpstatus /status/418|httpstatus|$ours/status/418"
  "go-httpbin /status/418|go-httpbin|$bin/status/418"
  "httpstatus /|httpstatus|$ours/"
  "httpstatus /404|httpstatus|$ours/404"
  "httpstatus /api/v1/codes/404|httpstatus|$ours/api/v1/codes/404"
)

wrk_cmd=(taskset -c "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency)

# to_ms turns a wrk duration (850.00us, 1.23ms, 1.05s) into milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n
  }'
}

# median, best and least print the median, the largest and the smallest of
# the numbers in a file, one a line.
median() { sort -g "$1" | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
best() { sort -g "$1" | tail -1; }
least() { sort -g "$1" | head -1; }

echo "== warming up (${WARMUP} per case)" >&2
for c in "${cases[@]}"; do
  url=${c##*|}
  taskset -c "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$url" >/dev/null
done

mkdir -p "$tmp/res"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!cases[@]}"; do
    c=${cases[$i]}
    label=${c%%|*}
    url=${c##*|}
    echo "== round $round/$ROUNDS: $label" >&2
    "${wrk_cmd[@]}" "$url" >"$tmp/wrk.out"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.out")
    p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$tmp/wrk.out")
    errs=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$tmp/wrk.out")
    echo "$rps" >>"$tmp/res/$i.rps"
    to_ms "$p99" >>"$tmp/res/$i.p99"
    echo >>"$tmp/res/$i.p99"
    echo "${non2xx:-0}" >>"$tmp/res/$i.non2xx"
    echo "${errs:-0}" >>"$tmp/res/$i.errs"
    echo "   $rps req/s, p99 $p99" >&2
  done
done

# Peak resident memory of each server over the whole run.
hwm() { awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$(cat "$tmp/$1.pid")/status"; }
rss_ours=$(hwm httpstatus); rss_bare=$(hwm bare); rss_bin=$(hwm go-httpbin)

# Response size, headers and body, of one plain GET.
size() { curl -s -o /dev/null -w '%{size_header}+%{size_download}' "$1"; }

med_rps() { median "$tmp/res/$1.rps"; }
best_rps() { best "$tmp/res/$1.rps"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
ratios() { echo "$(ratio "$(med_rps "$1")" "$(med_rps "$2")") | $(ratio "$(best_rps "$1")" "$(best_rps "$2")")"; }

block=$tmp/block.md
{
  echo "<!-- BEGIN bench/server.sh: generated by \`bash bench/server.sh\`; edit outside the markers -->"
  echo "Command: \`bash bench/server.sh\` (DURATION=$DURATION CONNS=$CONNS THREADS=$THREADS ROUNDS=$ROUNDS WARMUP=$WARMUP)"
  echo "on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)),"
  echo "$(go version | cut -d' ' -f3), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), Linux $(uname -r), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Servers pinned to CPU $SERVER_CPU (so each Go server runs with GOMAXPROCS=1), wrk to CPU $CLIENT_CPU;"
  echo "all three servers up for the whole run, the cases interleaved in each round of $ROUNDS."
  echo "\"median\" is the median round, \"best\" the round with the most req/s (and, for p99, the lowest);"
  echo "the rounds column lists every round's req/s in order, to show how much the machine disturbed them."
  echo
  echo "| Server and URL | req/s median | req/s best | rounds (req/s) | p99 ms median | p99 ms best | non-2xx/3xx | socket errors | response bytes (headers+body) |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!cases[@]}"; do
    c=${cases[$i]}
    label=${c%%|*}
    url=${c##*|}
    rounds=$(awk '{printf "%s%.0f", (NR > 1 ? ", " : ""), $1}' "$tmp/res/$i.rps")
    nz=$(awk '{s += $1} END {print s}' "$tmp/res/$i.non2xx")
    er=$(awk '{s += $1} END {print s}' "$tmp/res/$i.errs")
    echo "| $label | $(med_rps "$i") | $(best_rps "$i") | $rounds | $(median "$tmp/res/$i.p99") | $(least "$tmp/res/$i.p99") | $nz | $er | $(size "$url") |"
  done
  echo
  echo "| Ratio of req/s | median | best |"
  echo "| --- | ---: | ---: |"
  echo "| httpstatus /status/200 ÷ go-httpbin /status/200 (target ≥ 1.2) | $(ratios 0 1) |"
  echo "| httpstatus /status/200 ÷ bare (target ≥ 0.80) | $(ratios 0 2) |"
  echo "| go-httpbin /status/200 ÷ bare | $(ratios 1 2) |"
  echo "| httpstatus /status/418 ÷ go-httpbin /status/418 | $(ratios 3 4) |"
  echo "| httpstatus /status/418 ÷ bare | $(ratios 3 2) |"
  echo
  echo "| Server | peak RSS (VmHWM, MB) |"
  echo "| --- | ---: |"
  echo "| httpstatus | $rss_ours |"
  echo "| go-httpbin | $rss_bin |"
  echo "| bare | $rss_bare |"
  echo
  echo "Exact commands (ports picked free for this run; wrk once per case and round, after a ${WARMUP} warm-up per case):"
  echo
  echo '```'
  cat "$tmp/commands"
  for c in "${cases[@]}"; do echo "${wrk_cmd[*]} ${c##*|}"; done
  echo '```'
  echo "<!-- END bench/server.sh -->"
} >"$block"

# shellcheck source=bench/block.sh
. bench/block.sh
write_block bench/server.sh "$block" "$out"
cat "$block"
