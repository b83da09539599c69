#!/usr/bin/env bash
# Scores claim grouping (corroborated figures and dates, discrepancies) on the real-news set
# against the hand-made list tests/fixtures/news/facts.yaml, and on the five samples against
# tests/fixtures/analysis/facts.yaml.
#
#   bash tests/tools/claims_eval.sh                 # uses target/release/briefing
#   bash tests/tools/claims_eval.sh path/to/briefing
#   CLAIMS_EVAL_DIR=target/claims-eval bash tests/tools/claims_eval.sh   # keep the projects
#
# Two projects are built, one per set, each from a copy of briefing.toml, themes/*.yaml (not the
# editors' overviews, which cite the sample sources) and templates/, with the set's article
# texts as content/:
#   A  the `dev` and `held-out` articles of tests/fixtures/news/manifest.tsv (tuning set)
#   B  the `fresh` articles (held-out test set: report it, never tune on it)
# then `briefing build --root P --out P/site`, then tests/tools/score_claims.py on
# P/site/briefing.json. A third project, a copy of the repository's own (content/, themes/,
# templates/, briefing.toml), is scored with --samples. The news texts are not in the
# repository (third-party text, see tests/fixtures/news/README.md): without them the script
# says so, scores the samples only, and exits 0. Build the binary first (`cargo build
# --release`); this script never compiles. Exit status: 0, or 1 if a build or a scorer fails.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
news="$repo/tests/fixtures/news"
texts="$news/texts"
bin="${1:-$repo/target/release/briefing}"

have_texts=1
if [ ! -d "$texts" ] || ! ls "$texts"/*.md >/dev/null 2>&1; then
    have_texts=0
    echo "claims_eval: NOTE: $texts is missing (the article texts are not in git; see"
    echo "tests/fixtures/news/README.md to restore them). Sets A and B are not scored; only the"
    echo "labels' structure can be checked: python3 tests/tools/check_news_facts.py"
fi
if [ ! -x "$bin" ]; then
    if [ "$have_texts" = 0 ]; then
        echo "claims_eval: NOTE: no binary at $bin; the samples are not scored either (cargo build --release)"
        exit 0
    fi
    echo "claims_eval: no binary at $bin (run \`cargo build --release\` first, or pass one)" >&2
    exit 1
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

if [ -n "${CLAIMS_EVAL_DIR:-}" ]; then
    mkdir -p "$CLAIMS_EVAL_DIR"
    work="$(cd "$CLAIMS_EVAL_DIR" && pwd)"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

build() {  # build PROJECT NAME
    "$bin" build --root "$1" --out "$1/site" >"$1/build.log" 2>&1 || {
        cat "$1/build.log" >&2
        echo "claims_eval: build of $2 failed" >&2
        exit 1
    }
}

# ids of a set, from the manifest: A = dev + held-out, B = fresh.
ids_of() {
    awk -F '\t' -v set="$1" 'NR > 1 && $1 != "" {
        if ((set == "A" && ($2 == "dev" || $2 == "held-out")) || (set == "B" && $2 == "fresh")) print $1
    }' "$news/manifest.tsv"
}

status=0
if [ "$have_texts" = 1 ]; then
    for set in A B; do
        project="$work/$set"
        rm -rf "$project"
        mkdir -p "$project/content" "$project/themes"
        cp "$repo/briefing.toml" "$project/"
        cp "$repo"/themes/*.yaml "$project/themes/"
        cp -r "$repo/templates" "$project/templates"
        count=0
        while read -r id; do
            if [ ! -f "$texts/$id.md" ]; then
                echo "claims_eval: $texts/$id.md is missing (restore the texts first)" >&2
                exit 1
            fi
            cp "$texts/$id.md" "$project/content/"
            count=$((count + 1))
        done < <(ids_of "$set")
        if [ "$set" = A ]; then role="dev + held-out: tune on it"; else role="fresh: report it, never tune on it"; fi
        echo "== set $set ($role): $count articles -> $project"
        build "$project" "set $set"
        python3 "$repo/tests/tools/score_claims.py" "$news/facts.yaml" "$project/site/briefing.json" \
            --set "$set" || status=1
        echo
    done
fi

project="$work/samples"
rm -rf "$project"
mkdir -p "$project"
cp -r "$repo/briefing.toml" "$repo/content" "$repo/themes" "$repo/templates" "$project/"
echo "== samples (content/): $(ls "$project/content" | wc -l) articles -> $project"
build "$project" "the samples"
python3 "$repo/tests/tools/score_claims.py" --samples "$repo/tests/fixtures/analysis/facts.yaml" \
    "$project/site/briefing.json" || status=1
exit "$status"
