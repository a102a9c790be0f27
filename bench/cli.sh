#!/usr/bin/env bash
# Whole-process CLI timings, side by side in one run: httpstatus against
# Debian's hc (package httpcode) and a python3 one-liner over http.HTTPStatus.
# Writes bench/results/cli.md; paste its table into docs/benchmarks.md.
#   bash bench/cli.sh            (installs hyperfine and httpcode with apt if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine hc; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    pkg=$tool; [ "$tool" = hc ] && pkg=httpcode
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
  fi
done
bin=$(mktemp -d)/httpstatus
go build -trimpath -o "$bin" ./cmd/httpstatus
mkdir -p bench/results
out=bench/results/cli.md
py='import http,sys; s=http.HTTPStatus(int(sys.argv[1])); print(s.value, s.phrase, "-", s.description)'
pysearch='import http,sys; q=sys.argv[1].lower(); [print(s.value, s.phrase) for s in http.HTTPStatus if q in (s.phrase+" "+s.description).lower()]'
hyperfine -N --warmup 10 --runs 200 --export-markdown "$out.lookup" \
  -n "httpstatus 404" "$bin 404" \
  -n "hc 404" "hc 404" \
  -n "python3 http.HTTPStatus 404" "python3 -c '$py' 404"
hyperfine -N --warmup 10 --runs 200 --export-markdown "$out.search" \
  -n "httpstatus search too many requests" "$bin search too many requests" \
  -n "hc -s \"too many requests\"" "hc -s 'too many requests'" \
  -n "python3 http.HTTPStatus substring search" "python3 -c '$pysearch' 'too many requests'"
{
  echo "Command: \`bash bench/cli.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(go version | cut -d' ' -f3))"
  echo
  cat "$out.lookup"; echo; cat "$out.search"
} > "$out"
rm -f "$out.lookup" "$out.search"
cat "$out"
