#!/usr/bin/env python3
"""Score how well `briefing add` reads a source's metadata (published, author, publisher).

The labelled set is tests/fixtures/metadata/manifest.tsv; the plain-text copies of the pages
live, uncommitted, in tests/fixtures/metadata/texts/<id>.txt (see that folder's README.md).
For every manifest row whose text is present (and whose sha256 matches), the tool is run as

    BIN add --root PROJECT --dry-run [--url URL] TEXTFILE

in two modes: `text` (no --url) and `url` (with --url, the page's address). PROJECT is a fresh
temporary copy of tests/fixtures/minimal. The front matter of the file the dry run would write
is parsed and its `published`, `author` and `publisher` compared with the labels.

Matching: case-insensitive, whitespace collapsed, punctuation stripped at the ends; authors
compared as sets of names (split on " and " and ","); publishers also equal when they differ
only by a leading "The "; a label may list alternatives separated by "|"; a null label ("-")
is correct only when the tool gives nothing. A run that fails counts as wrong on every field.

Standard library only. Always exits 0 once it has scored (or found nothing to score).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "metadata"
COLUMNS = [
    "id", "split", "url", "sha256", "published", "author", "publisher", "agency",
    "published_in_text", "author_in_text", "publisher_in_text",
]
FIELDS = ["published", "author", "publisher"]
SPLITS = ["dev", "held-out", "fresh", "fresh2"]
MODES = ["text", "url"]


# --- manifest ------------------------------------------------------------------------------

def read_manifest(path: Path) -> list[dict]:
    """The rows of the manifest, checked for shape; '-' becomes None."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != COLUMNS:
            raise SystemExit(f"{path}: unexpected header {header!r}, expected {COLUMNS!r}")
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not cells or all(not c for c in cells):
                continue
            if len(cells) != len(COLUMNS):
                raise SystemExit(f"{path}:{number}: {len(cells)} columns, expected {len(COLUMNS)}")
            row = {k: (None if v == "-" else v) for k, v in zip(COLUMNS, cells)}
            if row["split"] not in SPLITS:
                raise SystemExit(f"{path}:{number}: unknown split {row['split']!r}")
            if row["published"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"]):
                raise SystemExit(f"{path}:{number}: published {row['published']!r} is not YYYY-MM-DD")
            if not row["publisher"]:
                raise SystemExit(f"{path}:{number}: publisher is always labelled")
            for flag in ("published_in_text", "author_in_text", "publisher_in_text"):
                if row[flag] not in ("true", "false"):
                    raise SystemExit(f"{path}:{number}: {flag} must be true or false")
                row[flag] = row[flag] == "true"
            row["line"] = number
            rows.append(row)
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit(f"{path}: duplicate ids")
    return rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the tool's output ---------------------------------------------------------------------

def front_matter_block(stdout: str) -> str | None:
    """The YAML between the first pair of `---` lines after `would add ...` (or anywhere)."""
    lines = stdout.splitlines()
    start = 0
    for i, line in enumerate(lines):
        if line.startswith("would add "):
            start = i + 1
            break
    opened = None
    for i in range(start, len(lines)):
        if lines[i].rstrip() == "---":
            if opened is None:
                opened = i
            else:
                return "\n".join(lines[opened + 1:i])
    return None


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}


def _double_quoted(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n in "xuU":
                width = {"x": 2, "u": 4, "U": 8}[n]
                out.append(chr(int(body[i + 2:i + 2 + width], 16)))
                i += 2 + width
                continue
            out.append(_ESCAPES.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _scalar(raw: str) -> str:
    """A flow scalar as serde_yaml writes it: plain, 'single' or "double" quoted."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return _double_quoted(raw[1:-1])
    if raw in ("~", "null", "Null", "NULL"):
        return ""
    return re.sub(r"\s+#.*$", "", raw)


def parse_front_matter(block: str) -> dict[str, str]:
    """Top-level `key: value` pairs of a simple YAML mapping (scalars; lists are skipped)."""
    result: dict[str, str] = {}
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        match = re.match(r"^([A-Za-z_][\w-]*):(?:\s+(.*))?$", line)
        i += 1
        if not match:
            continue
        key, value = match.group(1), (match.group(2) or "").rstrip()
        # the indented lines that belong to this key
        more = []
        while i < len(lines) and (lines[i].startswith((" ", "\t")) or not lines[i].strip()):
            more.append(lines[i])
            i += 1
        while more and not more[-1].strip():
            more.pop()
        if value[:1] in ("|", ">"):
            indent = min((len(m) - len(m.lstrip()) for m in more if m.strip()), default=0)
            parts = [m[indent:] for m in more]
            text = "\n".join(parts) if value[0] == "|" else " ".join(p.strip() for p in parts)
            result[key] = text.strip()
        elif not value and more and more[0].lstrip().startswith("- "):
            continue  # a list (tags); not scored
        elif value and value[0] in "'\"" and more:
            # a quoted scalar folded over several lines
            joined = value + " " + " ".join(m.strip() for m in more)
            result[key] = _scalar(joined)
        else:
            if more:
                value = " ".join([value] + [m.strip() for m in more]).strip()
            result[key] = _scalar(value)
    return result


# --- matching ------------------------------------------------------------------------------

def normalise(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201b\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201f\u2033]", '"', text)
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and (unicodedata.category(text[start])[0] in "PZ"):
        start += 1
    while end > start and (unicodedata.category(text[end - 1])[0] in "PZ"):
        end -= 1
    return text[start:end]


def names(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    parts = re.split(r"\s+and\s+|,", text, flags=re.IGNORECASE)
    return frozenset(n for n in (normalise(p) for p in parts) if n)


def without_the(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def letters(text: str) -> str:
    """A publisher's name as its letters and digits only, without a leading "the" or a
    trailing domain ending: "News Rescue", "NewsRescue" and "newsrescue.com" are one name."""
    text = without_the(normalise(text))
    text = re.sub(r"\.(com|org|net|news|info|site|co|ca|in|uk|au|ng|af|nyc|vn|io)(\.[a-z]{2})?$",
                  "", text)
    return "".join(c for c in text if c.isalnum())


def correct(field: str, truth: str | None, got: str | None) -> bool:
    if field == "publisher~":
        return bool(got) and any(letters(o) == letters(got) for o in (truth or "").split("|"))
    if truth is None:
        return normalise(got) == ""
    if normalise(got) == "":
        return False
    for option in truth.split("|"):
        if field == "author":
            if names(option) == names(got):
                return True
        elif field == "publisher":
            if without_the(normalise(option)) == without_the(normalise(got)):
                return True
        elif normalise(option) == normalise(got):
            return True
    return False


# --- running -------------------------------------------------------------------------------

def make_project(parent: Path) -> Path:
    """A fresh minimal project: tests/fixtures/minimal when it has a briefing.toml, else a
    folder with the top briefing.toml and empty content/ and themes/."""
    project = parent / "project"
    minimal = ROOT / "tests" / "fixtures" / "minimal"
    if (minimal / "briefing.toml").is_file():
        shutil.copytree(minimal, project)
    else:
        project.mkdir()
        shutil.copy(ROOT / "briefing.toml", project / "briefing.toml")
        (project / "content").mkdir()
        (project / "themes").mkdir()
    return project


def run(binary: str, row: dict, text: Path, mode: str, timeout: float) -> dict:
    """One dry run: {'ok': bool, 'rc': int, 'meta': {...}, 'error': str}."""
    with tempfile.TemporaryDirectory(prefix="metadata-eval-") as tmp:
        project = make_project(Path(tmp))
        # the file keeps its name (the tool may derive an id from it) but lives outside
        # the project, as a user's download would
        source = Path(tmp) / text.name
        shutil.copyfile(text, source)
        command = [binary, "add", "--root", str(project), "--dry-run"]
        if mode == "url":
            command += ["--url", row["url"]]
        command.append(str(source))
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "NO_COLOR": "1"})
        except FileNotFoundError:
            return {"ok": False, "rc": None, "meta": {}, "error": f"no binary at {binary}"}
        except subprocess.TimeoutExpired:
            return {"ok": False, "rc": None, "meta": {}, "error": f"timed out after {timeout}s"}
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or [""])[0]
            return {"ok": False, "rc": done.returncode, "meta": {}, "error": message}
        block = front_matter_block(done.stdout)
        if block is None:
            return {"ok": False, "rc": 0, "meta": {}, "error": "no front matter in the output"}
        return {"ok": True, "rc": 0, "meta": parse_front_matter(block), "error": ""}


# --- report --------------------------------------------------------------------------------

def cell(right: int, total: int) -> str:
    if total == 0:
        return "-"
    return f"{right}/{total} {100 * right / total:5.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Score `briefing add --dry-run` on the labelled metadata set.")
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "briefing"),
                        help="the briefing binary (default: target/release/briefing)")
    parser.add_argument("--manifest", default=str(FIXTURE / "manifest.tsv"))
    parser.add_argument("--texts", default=str(FIXTURE / "texts"),
                        help="folder of <id>.txt (default: tests/fixtures/metadata/texts)")
    parser.add_argument("--mode", choices=MODES, action="append",
                        help="run only this mode (repeatable; default: both)")
    parser.add_argument("--only", action="append", metavar="ID",
                        help="score only these ids (repeatable)")
    parser.add_argument("--limit", type=int, help="score only the first N usable rows")
    parser.add_argument("--agency", action="store_true",
                        help="also score the `agency` field, where the tool writes one")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--show", action="store_true", help="print every wrong case")
    parser.add_argument("--check-manifest", action="store_true",
                        help="only parse the manifest, check the texts, and print a summary")
    args = parser.parse_args()

    rows = read_manifest(Path(args.manifest))
    texts = Path(args.texts)
    usable, missing, mismatched = [], [], []
    for row in rows:
        path = texts / f"{row['id']}.txt"
        if not path.is_file():
            missing.append(row["id"])
            continue
        if sha256(path) != row["sha256"]:
            mismatched.append(row["id"])
            print(f"warning: {path}: sha256 differs from the manifest; skipped", file=sys.stderr)
            continue
        usable.append((row, path))
    if args.only:
        usable = [(r, p) for r, p in usable if r["id"] in set(args.only)]
    if args.limit is not None:
        usable = usable[:args.limit]

    print(f"manifest: {len(rows)} rows "
          f"({sum(r['split'] == 'dev' for r in rows)} dev, "
          f"{sum(r['split'] == 'held-out' for r in rows)} held-out); "
          f"{len(usable)} to score, {len(missing)} texts missing, {len(mismatched)} mismatched")
    if args.check_manifest:
        for field in FIELDS:
            labelled = sum(r[field] is not None for r in rows)
            printed = sum(r[f"{field}_in_text"] for r in rows)
            print(f"  {field:10} labelled {labelled:3}, printed in the text {printed:3}")
        print(f"  {'agency':10} labelled {sum(r['agency'] is not None for r in rows):3}")
        return 0
    if not usable:
        print("nothing to score (the texts are not committed: see "
              "tests/fixtures/metadata/README.md)")
        return 0

    # `publisher~` is the lenient reading of the publisher: the same letters, whatever the
    # spacing, capitals or domain ending ("Gephardtdaily" for "Gephardt Daily").
    fields = FIELDS + ["publisher~"] + (["agency"] if args.agency else [])
    modes = args.mode or MODES
    results: dict[str, list[tuple[dict, dict]]] = {}
    rejected: dict[str, str] = {}
    for mode in modes:
        results[mode] = []
        for row, path in usable:
            outcome = run(args.bin, row, path, mode, args.timeout)
            if outcome["rc"] is None and outcome["error"].startswith("no binary"):
                rejected[mode] = outcome["error"]
                break
            if outcome["rc"] == 2:  # clap's usage error: the tool rejects the command line
                rejected[mode] = outcome["error"] or "usage error"
                break
            results[mode].append((row, outcome))

    header = f"{'split':9} {'mode':5} {'n':>3} {'errors':>6}  " + "  ".join(
        f"{f:<16}" for f in fields)
    print()
    print(header)
    print("-" * len(header))
    for split in SPLITS + ["all"]:
        for mode in modes:
            if mode in rejected:
                print(f"{split:9} {mode:5} failed: {rejected[mode]}")
                continue
            chosen = [(r, o) for r, o in results[mode] if split == "all" or r["split"] == split]
            errors = sum(not o["ok"] for _, o in chosen)
            line = f"{split:9} {mode:5} {len(chosen):>3} {errors:>6}  "
            cells = []
            for field in fields:
                key = field.rstrip("~")
                right = sum(o["ok"] and correct(field, r[key], o["meta"].get(key))
                            for r, o in chosen)
                cells.append(f"{cell(right, len(chosen)):<16}")
            print(line + "  ".join(cells))
    if args.show:
        print()
        for mode in modes:
            if mode in rejected:
                continue
            for row, outcome in results[mode]:
                if not outcome["ok"]:
                    print(f"{mode:5} {row['split']:9} {row['id']:40} {'(all)':10} "
                          f"error: {outcome['error']}")
                    continue
                for field in fields:
                    key = field.rstrip("~")
                    got = outcome["meta"].get(key)
                    if correct(field, row[key], got):
                        continue
                    print(f"{mode:5} {row['split']:9} {row['id']:40} {field:10} "
                          f"truth={row[key] or '-'!s:40} got={got or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
