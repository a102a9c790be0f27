# Sourced by the bench/ scripts. write_block NAME BLOCK [DOC] puts the file
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
