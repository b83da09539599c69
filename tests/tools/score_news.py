#!/usr/bin/env python3
"""Scores a built site's briefing.json against the labelled real-news set.

    python3 tests/tools/score_news.py            # build the news texts as a project, then score
    python3 tests/tools/score_news.py SITE.json  # score a briefing.json built from them

The texts are not in the repository (tests/fixtures/news/README.md says how to restore them
into tests/fixtures/news/texts/). With no argument, the script makes a project in
target/news-project from those texts and the repository's themes and templates (without the
editors' overviews, which cite the sample sources), builds it with the release binary, and
scores its briefing.json: per split (`dev` for tuning, `held-out` for reporting), precision,
recall and F1 per theme, and macro-F1. Every label's paragraph hash is checked against the
text first, so labels that drifted from their texts are refused rather than scored.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests/fixtures/news"


def paragraphs(path):
    """The paragraphs of a source file: blocks separated by blank lines after the front matter."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return [block.strip() for block in body.split("\n\n") if block.strip()]


def load_labels():
    import yaml  # PyYAML; the labels are plain YAML

    labels = yaml.safe_load((NEWS / "labels.yaml").read_text(encoding="utf-8"))
    rows = (NEWS / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    splits = {}
    for row in rows[1:]:
        fields = dict(zip(header, row.split("\t")))
        splits.setdefault(fields["split"], []).append(fields["id"])
    for ids in splits.values():
        for source in ids:
            path = NEWS / "texts" / f"{source}.md"
            if not path.exists():
                sys.exit(f"missing {path}: restore the texts first (see {NEWS / 'README.md'})")
            for n, text in enumerate(paragraphs(path), start=1):
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
                if labels[source][n]["hash"] != digest:
                    sys.exit(f"{source} ¶{n}: the text no longer matches its label")
    return labels, splits


def build():
    project = ROOT / "target/news-project"
    if project.exists():
        shutil.rmtree(project)
    (project / "themes").mkdir(parents=True)
    shutil.copytree(NEWS / "texts", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    for theme in (ROOT / "themes").glob("*.yaml"):
        shutil.copy(theme, project / "themes")
    config = (ROOT / "briefing.toml").read_text(encoding="utf-8")
    (project / "briefing.toml").write_text(config, encoding="utf-8")
    subprocess.run(
        ["cargo", "run", "--release", "--locked", "-q", "--", "build", "--root", str(project)],
        cwd=ROOT,
        check=True,
    )
    return project / "site/briefing.json"


def main():
    labels, splits = load_labels()
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else build()
    export = json.loads(site.read_text(encoding="utf-8"))
    themes = [theme["id"] for theme in export["themes"]]
    # Labels are per paragraph; a list is filed item by item, so it counts as filed under
    # every theme one of its items is filed under.
    filed = {
        (source["id"], paragraph["n"]): set(paragraph.get("filed", {})).union(
            *(item.get("filed", {}) for item in paragraph.get("items", []))
        )
        for source in export["sources"]
        for paragraph in source["paragraphs"]
    }
    for split, ids in sorted(splits.items()):
        counts = {theme: [0, 0, 0] for theme in themes}  # tp, fp, fn
        paragraph_count = 0
        for source in ids:
            for n, label in labels[source].items():
                paragraph_count += 1
                got = filed.get((source, n))
                if got is None:
                    sys.exit(f"{site} has no ¶{n} of {source}: was it built from the texts?")
                for theme in themes:
                    want = theme in label["themes"]
                    has = theme in got
                    counts[theme][0] += want and has
                    counts[theme][1] += has and not want
                    counts[theme][2] += want and not has
        print(f"## {split}: {len(ids)} articles, {paragraph_count} paragraphs")
        print("| theme | precision | recall | F1 |")
        print("|---|---:|---:|---:|")
        f1s = []
        for theme, (tp, fp, fn) in counts.items():
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            f1s.append(f1)
            print(f"| {theme} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")
        print(f"macro-F1 {sum(f1s) / len(f1s):.3f}\n")


if __name__ == "__main__":
    main()
