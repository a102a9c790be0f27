# Sourced by the bench/ scripts.
#
# bench_table RAW prints, from go test -bench output with several counts,
# the Markdown table of each benchmark's median and minimum ns/op, B/op
# and allocs/op, in the order the benchmarks first appear.
bench_table() {
  echo "| benchmark | ns/op median | ns/op min | B/op | allocs/op |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  awk '/^Benchmark/ { name = $1; sub(/-[0-9]+$/, "", name); ns[name] = ns[name] " " $3; b[name] = $5; a[name] = $7; if (!(name in seen)) { order[++n] = name; seen[name] = 1 } }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; m = split(substr(ns[k], 2), v, " ")
        for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (v[y] + 0 < v[x] + 0) { t = v[x]; v[x] = v[y]; v[y] = t }
        med = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
        printf "| %s | %.0f | %.0f | %s | %s |\n", k, med, v[1], b[k], a[k]
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
