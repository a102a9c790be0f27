#!/usr/bin/env bash
# Lighthouse scores of / and /404, desktop and mobile presets, against
# `httpstatus serve` on loopback, with Debian's chromium. Lighthouse (pinned)
# is installed with npm into bench/results/lighthouse (npm's cache makes a
# second run offline). Prints one line per page and preset; the JSON reports
# stay in bench/results/lighthouse/.
#   bash bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=12.8.2
port=18399
out=bench/results/lighthouse
command -v chromium >/dev/null || { echo "needs chromium (apt-get install -y chromium)" >&2; exit 2; }
command -v npm >/dev/null || { echo "needs npm (apt-get install -y nodejs npm)" >&2; exit 2; }
mkdir -p "$out"
if [ ! -x "$out/node_modules/.bin/lighthouse" ] || [ "$("$out/node_modules/.bin/lighthouse" --version)" != "$version" ]; then
  npm install --prefix "$out" --no-save --no-audit --no-fund --prefer-offline --loglevel=error "lighthouse@$version" >/dev/null
fi
go build -o "$out/httpstatus" ./cmd/httpstatus
"$out/httpstatus" serve --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
echo "lighthouse $version, $(chromium --version), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for page in / /404; do
  name=$(echo "$page" | tr -d /); name=${name:-home}
  for preset in desktop mobile; do
    flags=()
    [ "$preset" = desktop ] && flags=(--preset=desktop)
    report="$out/$name-$preset.json"
    for try in 1 2 3; do # Lighthouse 12 with Chromium 156 now and then loses the trace (NO_NAVSTART): run again
      CHROME_PATH=$(command -v chromium) "$out/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$page" "${flags[@]}" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$report" --quiet 2>/dev/null || true
      node -e 'process.exit(require(process.argv[1]).runtimeError ? 1 : 0)' "$PWD/$report" && break
    done
    node -e '
      const r = require(process.argv[1]), c = r.categories, a = r.audits;
      const s = k => Math.round(c[k].score * 100);
      console.log(`${process.argv[2]} ${process.argv[3]}: performance ${s("performance")}, accessibility ${s("accessibility")}, ` +
        `best practices ${s("best-practices")}, SEO ${s("seo")}; FCP ${Math.round(a["first-contentful-paint"].numericValue)} ms, ` +
        `LCP ${Math.round(a["largest-contentful-paint"].numericValue)} ms, TBT ${Math.round(a["total-blocking-time"].numericValue)} ms, ` +
        `CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, ${a["total-byte-weight"].numericValue} bytes`);
    ' "$PWD/$report" "$page" "$preset"
  done
done
