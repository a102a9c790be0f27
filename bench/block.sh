# Sourced by the bench/ scripts.
#
# bench_table RAW prints, from go test -bench output with several counts,
# the Markdown table of each benchmark's median and minimum ns/op, B/op
# and allocs/op, in the order the benchmarks first appear; the median of any
# other metric a benchmark reports (b.ReportMetric) follows in a last column.
bench_table() {
  echo "| benchmark | ns/op median | ns/op min | B/op | allocs/op | other metrics, median |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  awk 'function median(s,    m, v, x, y, t) {
      m = split(substr(s, 2), v, " ")
      for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (v[y] + 0 < v[x] + 0) { t = v[x]; v[x] = v[y]; v[y] = t }
      low = v[1]
      return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    }
    /^Benchmark/ {
      name = $1; sub(/-[0-9]+$/, "", name)
      if (!(name in seen)) { order[++n] = name; seen[name] = 1 }
      for (i = 3; i < NF; i += 2) {
        u = $(i + 1)
        if (u == "ns/op") ns[name] = ns[name] " " $i
        else if (u == "B/op") b[name] = $i
        else if (u == "allocs/op") a[name] = $i
        else { if (!((name, u) in has)) { units[name] = units[name] " " u; has[name, u] = 1 }; other[name, u] = other[name, u] " " $i }
      }
    }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; med = median(ns[k]); lo = low
        extra = ""
        nu = split(substr(units[k], 2), us, " ")
        for (j = 1; j <= nu; j++) extra = extra (j > 1 ? ", " : "") sprintf("%.0f %s", median(other[k, us[j]]), us[j])
        printf "| %s | %.0f | %.0f | %s | %s | %s |\n", k, med, lo, b[k], a[k], extra
      }
    }' "$1"
}

# write_block NAME BLOCK [DOC] puts the file
# BLOCK, which starts with "<!-- BEGIN NAME" and ends with "<!-- END NAME",
# in place of the same block in DOC (default docs/benchmarks.md), or appends
# it when DOC has none. Text outside the markers is left as it is.
write_block() {
  local name=$1 block=$2 doc=${3:-docs/benchmarks.md} tmp
  mkdir -p "$(dirname "$doc")"
  [ -f "$doc" ] || printf '# Benchmarks\n\n' >"$doc"
  if grep -qF "<!-- BEGIN $name" "$doc"; then
    tmp=$(mktemp)
    awk -v blk="$block" -v begin="<!-- BEGIN $name" -v end="<!-- END $name" '
      index($0, begin) == 1 { while ((getline l < blk) > 0) print l; skip = 1; next }
      index($0, end) == 1 { skip = 0; next }
      !skip { print }' "$doc" >"$tmp"
    cp "$tmp" "$doc"
    rm -f "$tmp"
  else
    { echo; cat "$block"; } >>"$doc"
  fi
}
