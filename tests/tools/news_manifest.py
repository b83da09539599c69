#!/usr/bin/env python3
"""Keep the real-news fixture set honest: manifest, texts and labels must agree.

The set lives in tests/fixtures/news/:

    manifest.tsv   one row per article (committed)
    labels.yaml    per-paragraph themes, each with a hash of the paragraph (committed)
    texts/<id>.md  the article texts (NOT committed: third-party text, see README.md)

Paragraphs are the blocks separated by blank lines after the closing `---` of the
front matter, each trimmed; empty blocks are not paragraphs.  A paragraph's hash is
the first 16 hex digits of the SHA-256 of its UTF-8 text.  An article's sha256 is the
SHA-256 of the whole .md file.  The split of the first batch is fixed by the article
id: the first 8 hex digits of sha256(id), as an integer, modulo 10: below 6 is `dev`,
else `held-out`.  Articles gathered after tuning on `dev` had begun are split `fresh`
(a test set nobody has tuned on); a `fresh` row is exempt from the hash rule.

Usage:
    python3 tests/tools/news_manifest.py                 # check everything (default)
    python3 tests/tools/news_manifest.py --write-manifest # recompute manifest.tsv from texts/
        # (rows already `fresh` stay `fresh`; ids new to the manifest get the hash rule,
        #  or `fresh` with --new-split fresh)
    python3 tests/tools/news_manifest.py --stats          # counts per split (for README.md)
    python3 tests/tools/news_manifest.py --emit-labels THEMES.json
        # write labels.yaml from {id: [[themes of ¶1], [themes of ¶2], ...]}, hashing texts/

Exit status: 0 when everything agrees, 1 on any mismatch, 2 when texts/ is missing
(then only the manifest and labels are checked against each other).
"""

import argparse
import hashlib
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NEWS = os.path.normpath(os.path.join(HERE, "..", "fixtures", "news"))
TEXTS = os.path.join(NEWS, "texts")
MANIFEST = os.path.join(NEWS, "manifest.tsv")
LABELS = os.path.join(NEWS, "labels.yaml")

THEMES = [
    "military-hardware",
    "diplomacy",
    "finance-and-de-dollarization",
    "sanctions-and-arms-transfers",
    "north-korea",
    "history-and-memory",
    "western-response",
]
HEADER = ["id", "split", "publisher", "url", "title", "paragraphs", "sha256"]
FRESH = "fresh"
SPLITS = ["dev", "held-out", FRESH]
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Block starts that Markdown would turn into a heading, list or quote.
BAD_START = re.compile(r"^(#|-|\*|>|\+ |\d+[.)](\s|$))")


def split_of(article_id):
    return "dev" if int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) % 10 < 6 else "held-out"


def para_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def read_article(path):
    """Return (front matter dict, [paragraphs], sha256 of file)."""
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("no front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ValueError("front matter not closed")
    front = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError("bad front matter line: %r" % line)
        front[key.strip()] = unquote(value)
    body = "\n".join(lines[end + 1:])
    paragraphs = [b.strip() for b in re.split(r"\n[ \t]*\n", body)]
    paragraphs = [p for p in paragraphs if p]
    return front, paragraphs, hashlib.sha256(raw).hexdigest()


def load_texts():
    articles = {}
    for name in sorted(os.listdir(TEXTS)):
        if name.endswith(".md"):
            articles[name[:-3]] = read_article(os.path.join(TEXTS, name))
    return articles


def read_manifest():
    rows = []
    with open(MANIFEST, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != HEADER:
            raise ValueError("manifest header is %r, expected %r" % (header, HEADER))
        for n, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) != len(HEADER):
                raise ValueError("manifest line %d has %d cells" % (n, len(cells)))
            rows.append(dict(zip(HEADER, cells)))
    return rows


def write_manifest(articles, new_split="hash"):
    """Rewrite manifest.tsv from texts/.  A row already split `fresh` stays `fresh`;
    an id not yet in the manifest gets the hash rule, or `fresh` if new_split is "fresh"."""
    old = {r["id"]: r["split"] for r in read_manifest()} if os.path.exists(MANIFEST) else {}
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for aid, (front, paras, sha) in sorted(articles.items()):
            if old.get(aid) == FRESH or (aid not in old and new_split == FRESH):
                split = FRESH
            else:
                split = split_of(aid)
            cells = [aid, split, front.get("publisher", ""), front.get("url", ""),
                     front.get("title", ""), str(len(paras)), sha]
            for c in cells:
                if "\t" in c or "\n" in c:
                    raise ValueError("%s: tab or newline in a manifest cell" % aid)
            f.write("\t".join(cells) + "\n")


LABEL_LINE = re.compile(r"^  (\d+): \{hash: ([0-9a-f]{16}), themes: \[(.*)\]\}\s*$")


def read_labels():
    """Parse the fixed labels.yaml layout written by --emit-labels."""
    labels = {}
    current = None
    with open(LABELS, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            stripped = line.rstrip("\n")
            if not stripped.strip() or stripped.lstrip().startswith("#"):
                continue
            if not stripped.startswith(" "):
                if not stripped.endswith(":"):
                    raise ValueError("labels.yaml line %d: expected '<id>:'" % n)
                current = stripped[:-1].strip()
                if current in labels:
                    raise ValueError("labels.yaml line %d: %s listed twice" % (n, current))
                labels[current] = {}
                continue
            m = LABEL_LINE.match(stripped)
            if not m or current is None:
                raise ValueError("labels.yaml line %d: cannot parse %r" % (n, stripped))
            num = int(m.group(1))
            themes = [t.strip() for t in m.group(3).split(",") if t.strip()]
            if num in labels[current]:
                raise ValueError("labels.yaml line %d: paragraph %d twice" % (n, num))
            labels[current][num] = (m.group(2), themes)
    return labels


def emit_labels(articles, themes_json):
    wanted = json.load(open(themes_json, encoding="utf-8"))
    problems = []
    out = ["# Per-paragraph themes for tests/fixtures/news (see README.md).",
           "# hash = first 16 hex of sha256(paragraph text as in texts/<id>.md, trimmed)."]
    for aid in sorted(articles):
        paras = articles[aid][1]
        lists = wanted.get(aid)
        if lists is None:
            problems.append("%s: no themes given" % aid)
            continue
        if len(lists) != len(paras):
            problems.append("%s: %d theme lists for %d paragraphs" % (aid, len(lists), len(paras)))
            continue
        out.append("%s:" % aid)
        for n, (p, ts) in enumerate(zip(paras, lists), start=1):
            for t in ts:
                if t not in THEMES:
                    problems.append("%s ¶%d: unknown theme %r" % (aid, n, t))
            ordered = [t for t in THEMES if t in ts]
            out.append("  %d: {hash: %s, themes: [%s]}" % (n, para_hash(p), ", ".join(ordered)))
    for aid in wanted:
        if aid not in articles:
            problems.append("%s: themes given but no text" % aid)
    if problems:
        return problems
    with open(LABELS, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return []


def check(articles):
    problems = []
    rows = read_manifest()
    labels = read_labels()
    by_id = {}
    for r in rows:
        if r["id"] in by_id:
            problems.append("manifest: %s listed twice" % r["id"])
        by_id[r["id"]] = r
        if not ID_RE.match(r["id"]):
            problems.append("manifest: bad id %r" % r["id"])
        if r["split"] not in SPLITS:
            problems.append("%s: unknown split %r" % (r["id"], r["split"]))
        elif r["split"] != FRESH and r["split"] != split_of(r["id"]):
            problems.append("%s: split %s, rule gives %s" % (r["id"], r["split"], split_of(r["id"])))
        lab = labels.get(r["id"])
        if lab is None:
            problems.append("%s: no labels" % r["id"])
        elif sorted(lab) != list(range(1, len(lab) + 1)):
            problems.append("%s: label paragraph numbers are not 1..%d" % (r["id"], len(lab)))
        elif str(len(lab)) != r["paragraphs"]:
            problems.append("%s: manifest says %s paragraphs, labels have %d"
                            % (r["id"], r["paragraphs"], len(lab)))
        for n, (_, ts) in (lab or {}).items():
            for t in ts:
                if t not in THEMES:
                    problems.append("%s ¶%d: unknown theme %r" % (r["id"], n, t))
    for aid in labels:
        if aid not in by_id:
            problems.append("labels: %s is not in the manifest" % aid)
    if articles is None:
        return problems
    for aid in articles:
        if aid not in by_id:
            problems.append("texts: %s.md is not in the manifest" % aid)
    for aid, r in by_id.items():
        if aid not in articles:
            problems.append("%s: texts/%s.md is missing" % (aid, aid))
            continue
        front, paras, sha = articles[aid]
        if front.get("id") != aid:
            problems.append("%s: front matter id is %r" % (aid, front.get("id")))
        for key in ("publisher", "url", "title"):
            if front.get(key, "") != r[key]:
                problems.append("%s: manifest %s differs from the text's front matter" % (aid, key))
        if sha != r["sha256"]:
            problems.append("%s: sha256 of the text changed (manifest %s…, file %s…)"
                            % (aid, r["sha256"][:12], sha[:12]))
        if str(len(paras)) != r["paragraphs"]:
            problems.append("%s: manifest says %s paragraphs, text has %d" % (aid, r["paragraphs"], len(paras)))
        lab = labels.get(aid, {})
        for n, p in enumerate(paras, start=1):
            if BAD_START.match(p):
                problems.append("%s ¶%d starts like Markdown markup: %r" % (aid, n, p[:20]))
            if n not in lab:
                problems.append("%s ¶%d has no label" % (aid, n))
            elif lab[n][0] != para_hash(p):
                problems.append("%s ¶%d: label hash %s, text hash %s" % (aid, n, lab[n][0], para_hash(p)))
        for n in lab:
            if n > len(paras):
                problems.append("%s: label for ¶%d but the text has %d paragraphs" % (aid, n, len(paras)))
    return problems


def stats(articles):
    rows = read_manifest()
    labels = read_labels()
    out = []
    for split in SPLITS + ["all"]:
        ids = [r["id"] for r in rows if split == "all" or r["split"] == split]
        n_par = sum(len(labels[i]) for i in ids)
        per_theme = {t: 0 for t in THEMES}
        none = 0
        for i in ids:
            for _, ts in labels[i].values():
                for t in ts:
                    per_theme[t] += 1
                if not ts:
                    none += 1
        pubs = sorted({r["publisher"] for r in rows if r["id"] in ids})
        out.append("## %s: %d articles, %d paragraphs, %d publishers" % (split, len(ids), n_par, len(pubs)))
        for t in THEMES:
            out.append("  %-30s %d" % (t, per_theme[t]))
        out.append("  %-30s %d" % ("(no theme)", none))
        words = [len(p.split()) for i in ids for p in articles[i][1]] if articles is not None else []
        if words:
            out.append("  median paragraph length: %s words (mean %.1f)"
                       % (statistics.median(words), statistics.mean(words)))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-manifest", action="store_true", help="recompute manifest.tsv from texts/")
    ap.add_argument("--new-split", choices=["hash", FRESH], default="hash",
                    help="with --write-manifest: split for ids new to the manifest (default: hash rule)")
    ap.add_argument("--emit-labels", metavar="THEMES_JSON", help="write labels.yaml from a themes JSON")
    ap.add_argument("--stats", action="store_true", help="print counts per split")
    args = ap.parse_args()

    articles = load_texts() if os.path.isdir(TEXTS) and any(
        n.endswith(".md") for n in os.listdir(TEXTS)) else None
    if (args.write_manifest or args.emit_labels) and articles is None:
        print("texts/ is missing: cannot write anything (see tests/fixtures/news/README.md)", file=sys.stderr)
        return 2
    if args.write_manifest:
        write_manifest(articles, args.new_split)
        print("wrote %s (%d articles)" % (MANIFEST, len(articles)))
    if args.emit_labels:
        problems = emit_labels(articles, args.emit_labels)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        print("wrote %s" % LABELS)
    try:
        problems = check(articles)
    except (OSError, ValueError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    if args.stats:
        print(stats(articles))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("%d problem(s)" % len(problems), file=sys.stderr)
        return 1
    if articles is None:
        print("texts/ is missing: manifest and labels agree with each other, texts not verified", file=sys.stderr)
        return 2
    print("ok: %d articles, %d paragraphs; manifest, texts and labels agree"
          % (len(articles), sum(len(a[1]) for a in articles.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
