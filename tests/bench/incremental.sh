#!/usr/bin/env bash
# Incremental-build benchmark: `bash tests/bench/incremental.sh [N]` (default 10000).
# Makes the sample project plus N synthetic articles (../shared/bench/gen_corpus.py), then
# prints a table: a clean build (no cache, no site), a build with nothing changed, and one
# article added then built (and the files that build wrote), each the median of RUNS runs
# (default 3). The target is an added article built in at most 10% of a clean build.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=${1:-10000}
runs=${RUNS:-3}
gen=../shared/bench/gen_corpus.py
work=$PWD/target/bench/incremental-$n
cargo build --release --locked -q
bin=$PWD/target/release/briefing

if [ ! -f "$work/.corpus" ]; then
  rm -rf "$work" && mkdir -p "$work/generated"
  python3 "$gen" --articles "$n" --out "$work/generated" --seed 42 >/dev/null 2>&1
  touch "$work/.corpus"
fi
project=$work/project
rm -rf "$project" && mkdir -p "$project/content"
cp -r briefing.toml themes templates "$project/"
cp content/*.md "$project/content/"
cp "$work"/generated/. "$project/content/" -r
added=$(find "$work/generated" -name "*.md" | sort | sed -n 1p)

timed() { # prints wall seconds; the build's own line goes to $work/last.txt
  /usr/bin/time -f '%e' "$bin" build --root "$project" 2>&1 >"$work/last.txt" | tail -n 1
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

clean=$(for _ in $(seq "$runs"); do rm -rf "$project/site" "$project/.briefing-cache"; timed; done | median)
same=$(for _ in $(seq "$runs"); do timed; done | median)
add_runs=()
for i in $(seq "$runs"); do
  sed "s/^id: .*/id: bench-added-$i/; s/^title: .*/title: \"An added article, number $i\"/" "$added" >"$project/content/bench-added-$i.md"
  add_runs+=("$(timed)")
  wrote=$(sed -n 's/.*(\([0-9]*\) written.*/\1/p' "$work/last.txt")
done
added_s=$(printf '%s\n' "${add_runs[@]}" | median)
files=$(find "$project/site" -type f | wc -l)
printf '| articles | clean build s | nothing changed s | one added s | added / clean | files written by the add | site files |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
awk -v n="$(find "$project/content" -name "*.md" | wc -l)" -v c="$clean" -v s="$same" -v a="$added_s" -v w="$wrote" -v f="$files" \
  'BEGIN { printf "| %d | %.2f | %.2f | %.2f | %.1f%% | %d | %d |\n", n, c, s, a, 100 * a / c, w, f }'
