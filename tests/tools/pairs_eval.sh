#!/usr/bin/env bash
# Build the pairs set's texts into a temporary project and score the joins.
#   tests/tools/pairs_eval.sh [BIN]        (SPLIT=dev|held-out|all, default dev; SHOW=1 for --show)
# dev builds the three dev events; held-out and all build all four (held-out items are in every event).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${1:-$ROOT/target/release/briefing}"
SPLIT="${SPLIT:-dev}"
D="$ROOT/tests/fixtures/pairs"
if [ ! -d "$D/texts" ]; then
  echo "pairs_eval: $D/texts is absent (third-party texts are not committed; see $D/README.md); nothing to score"
  exit 0
fi
# PAIRS_EVAL_DIR=DIR keeps the built project there, to read its pages.
if [ -n "${PAIRS_EVAL_DIR:-}" ]; then
  P="$PAIRS_EVAL_DIR"; rm -rf "$P"; mkdir -p "$P"
else
  P="$(mktemp -d)"; trap 'rm -rf "$P"' EXIT
fi
cp "$ROOT/briefing.toml" "$P/"
mkdir -p "$P/themes" "$P/content"
cp "$ROOT"/themes/*.yaml "$P/themes/"
cp -r "$ROOT/templates" "$P/templates"
HELD=$(awk '/^held_out_event:/{print $2}' "$D/labels.yaml")
tail -n +2 "$D/manifest.tsv" | while IFS=$'\t' read -r id event rest; do
  if [ "$SPLIT" = dev ] && [ "$event" = "$HELD" ]; then continue; fi
  # The texts keep the page as saved; the project format wants an id.
  { echo "---"; echo "id: $id"; tail -n +2 "$D/texts/$id.md"; } > "$P/content/$id.md"
done
"$BIN" build --root "$P" --out "$P/site"
python3 "$ROOT/tests/tools/score_pairs.py" "$P/site/briefing.json" --split "$SPLIT" ${SHOW:+--show}
