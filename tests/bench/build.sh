#!/usr/bin/env bash
# Build-time benchmark: `bash tests/bench/build.sh [N ...]` (default: the sample site, 1000
# and 10000 articles); every build is clean, without the cache or a previous site. Generates deterministic synthetic corpora with
# ../shared/bench/gen_corpus.py, builds each with the release binary (the sample project's
# themes and templates), and prints a table of wall time, CPU time and peak memory (the
# median of RUNS runs, default 5, after one warm-up), the size of the site and of
# briefing.json, and briefing.json's size as a share of content/. Output goes to
# target/bench/.
#
# To measure another build of the tool on the same corpora (before/after a change), set
# BIN to its binary and TEMPLATES to the templates folder it expects.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(sample 1000 10000)
gen=../shared/bench/gen_corpus.py
work=target/bench
mkdir -p "$work"
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked -q
fi
bin=${BIN:-$PWD/target/release/briefing}
templates=${TEMPLATES:-$PWD/templates}

project_for() {
  local n=$1 dir=$work/project-$n
  if [ "$n" = sample ]; then echo "$PWD"; return; fi
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    cp briefing.toml "$dir/"
    python3 "$gen" --articles "$n" --out "$dir/content" --seed 42 >/dev/null 2>&1
    touch "$dir/.complete"
  fi
  # Themes and templates are refreshed on every run, so the corpus is generated once but the
  # project always measures the current vocabularies (overviews cite the sample sources, so
  # they are left out).
  rm -rf "$dir/templates" "$dir/themes" && cp -r "$templates" "$dir/templates"
  mkdir -p "$dir/themes" && cp themes/*.yaml "$dir/themes/"
  echo "$dir"
}

measure() { # prints: wall_s cpu_s peak_mib, for a clean build (no cache, no site)
  local root=$1 out=$2
  rm -rf "$root/.briefing-cache" "$out"
  /usr/bin/time -f '%e %U %S %M' "$bin" build --root "$root" --out "$out" 2>&1 >/dev/null | tail -n 1 |
    awk '{ printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '| articles | median wall s | median cpu s | median peak RSS MiB | files written | site MB | briefing.json MB | json / content |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  root=$(project_for "$n")
  out=$PWD/$work/out-$n
  measure "$root" "$out" >/dev/null
  results=$(for _ in $(seq "$runs"); do measure "$root" "$out"; done)
  files=$(find "$out" -type f | wc -l)
  articles=$(find "$root/content" -name '*.md' | wc -l)
  site_bytes=$(du -sb "$out" | cut -f1)
  json_bytes=$(stat -c %s "$out/briefing.json")
  content_bytes=$(du -sb "$root/content" | cut -f1)
  printf '| %s | %s | %s | %s | %s | %.1f | %.1f | %.2f |\n' "$articles" \
    "$(cut -d' ' -f1 <<<"$results" | median)" \
    "$(cut -d' ' -f2 <<<"$results" | median)" \
    "$(cut -d' ' -f3 <<<"$results" | median)" "$files" \
    "$(bc -l <<<"$site_bytes / 1000000")" "$(bc -l <<<"$json_bytes / 1000000")" \
    "$(bc -l <<<"$json_bytes / $content_bytes")"
done
