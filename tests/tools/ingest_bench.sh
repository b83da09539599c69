#!/usr/bin/env bash
# Scores `briefing add` on the article-extraction benchmark in ../shared/ingest-bench/ (181
# saved pages, kept out of the repository): body F1, precision and recall on all pages, on
# the tuning part and on the held-out part (the pages whose SHA-256 key, read as a number,
# starts below 0x2a: about 30 pages, never looked at while tuning).
#
#   bash tests/tools/ingest_bench.sh
#
# Skips (exit 0) when the benchmark is not there. Needs python3 for the benchmark's scorer.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$repo/../shared/ingest-bench"
if [ ! -d "$bench" ]; then
    echo "ingest_bench: $bench not found; skipped"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$bench/." "$work/all"
chmod -R u+w "$work"
mkdir -p "$work/all/output"

(cd "$repo" && cargo run --quiet --release --locked --example ingest_bench -- \
    "$work/all/html" "$work/all/output/briefing.json")

# Split ground truth and output into the two parts, each scored by evaluate.py on its own.
python3 - "$work" <<'PY'
import json, shutil, sys
from pathlib import Path
work = Path(sys.argv[1])
truth = json.loads((work / "all/ground-truth.json").read_text())
output = json.loads((work / "all/output/briefing.json").read_text())
for part, keep in [("tune", lambda k: int(k[:2], 16) >= 0x2a), ("held-out", lambda k: int(k[:2], 16) < 0x2a)]:
    folder = work / part
    (folder / "output").mkdir(parents=True)
    shutil.copy(work / "all/evaluate.py", folder / "evaluate.py")
    keys = [k for k in truth if keep(k)]
    (folder / "ground-truth.json").write_text(json.dumps({k: truth[k] for k in keys}))
    (folder / "output/briefing.json").write_text(json.dumps({k: output[k] for k in keys}))
PY

for part in all tune held-out; do
    count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/$part/ground-truth.json")
    echo "== $part ($count pages)"
    (cd "$work/$part" && python3 evaluate.py --n-bootstrap 100)
done
