#!/usr/bin/env bash
# Build-time benchmark: `bash tests/bench/build.sh [N ...]` (default: the sample site, 1000
# and 10000 articles). Generates deterministic synthetic corpora with
# ../shared/bench/gen_corpus.py, builds each with the release binary (the sample project's
# themes and templates), and prints a table of wall time, CPU time and peak memory: the
# median of RUNS runs (default 5) after one warm-up. Output goes to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(sample 1000 10000)
gen=../shared/bench/gen_corpus.py
work=target/bench
mkdir -p "$work"
cargo build --release --locked -q
bin=$PWD/target/release/briefing

project_for() {
  local n=$1 dir=$work/project-$n
  if [ "$n" = sample ]; then echo "$PWD"; return; fi
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    cp -r briefing.toml themes templates "$dir/"
    rm -f "$dir"/themes/*.md # overviews cite the sample sources
    python3 "$gen" --articles "$n" --out "$dir/content" --seed 42 >/dev/null 2>&1
    touch "$dir/.complete"
  fi
  echo "$dir"
}

measure() { # prints: wall_s cpu_s peak_mib
  local root=$1 out=$2
  /usr/bin/time -f '%e %U %S %M' "$bin" build --root "$root" --out "$out" 2>&1 >/dev/null | tail -n 1 |
    awk '{ printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '| articles | median wall s | median cpu s | median peak RSS MiB | files written |\n'
printf '|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  root=$(project_for "$n")
  out=$PWD/$work/out-$n
  measure "$root" "$out" >/dev/null
  results=$(for _ in $(seq "$runs"); do measure "$root" "$out"; done)
  files=$(find "$out" -type f | wc -l)
  articles=$(find "$root/content" -name '*.md' | wc -l)
  printf '| %s | %s | %s | %s | %s |\n' "$articles" \
    "$(cut -d' ' -f1 <<<"$results" | median)" \
    "$(cut -d' ' -f2 <<<"$results" | median)" \
    "$(cut -d' ' -f3 <<<"$results" | median)" "$files"
done
