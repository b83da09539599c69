#!/usr/bin/env python3
"""Checks the Who's who gazetteer (themes/entities.yaml) and shows what it finds in articles.

    python3 tests/tools/check_entities.py                  # check, then report on content/*.md
    python3 tests/tools/check_entities.py FILE.md ...      # report on other articles instead
    python3 tests/tools/check_entities.py --totals DIR/*.md   # one line per entity over all files
    python3 tests/tools/check_entities.py --json COPY.json # read a JSON copy of the gazetteer

The gazetteer is read with PyYAML; without it, from a JSON copy (a list of the same objects):
--json PATH, else themes/entities.json if present.

Checks (exit status 1 if any fails): ids are unique kebab-case ASCII; every entry has a name
and a valid kind; aliases and short are lists of non-empty strings; no name, alias or short
name belongs to two entries (a lowercase form, which matches in any case, clashes with any
form with the same letters), so in particular no alias is another entry's name.

Matching, as the Who's who feature is meant to do it:
- every name and alias matches whole-word (not inside a longer run of letters, digits or _),
  case-sensitively unless it is all lowercase, in which case it matches in any case;
- where matches overlap, the longest wins, then the leftmost ("South China Sea" is not China,
  "Kim Yo Jong" is not "Kim"), and a matched span is not matched again;
- a `short` name counts only after the entity's name or an alias has matched earlier in the
  same source (the title comes first, then the body).

For each article the report lists the entities it mentions with counts, then the capitalised
multi-word names and all-caps acronyms that no entry covers: candidates for the gazetteer.
Headings are skipped for candidates (Title Case headings are mostly noise) but counted for
mentions. The front matter is skipped, except the title.
"""

import argparse
import glob
import json
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GAZETTEER = os.path.join(ROOT, "themes", "entities.yaml")
KINDS = {"person", "country", "organisation", "initiative", "weapon", "event", "place"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WORD = r"[^\W\u02bc]"  # a letter, digit or underscore, in any script; ʼ (U+02BC) is an apostrophe here


def load_entries(json_path):
    try:
        import yaml  # noqa: F401
    except ImportError:
        yaml = None
    if yaml is not None and json_path is None:
        with open(GAZETTEER, encoding="utf-8") as f:
            return yaml.safe_load(f), GAZETTEER
    path = json_path or os.path.join(ROOT, "themes", "entities.json")
    if not os.path.exists(path):
        sys.exit(f"PyYAML is not installed and there is no JSON copy at {path} (use --json PATH)")
    with open(path, encoding="utf-8") as f:
        return json.load(f), path


def as_list(value):
    return [] if value is None else value


def check(entries):
    """Returns a list of problems; empty if the gazetteer is sound."""
    problems = []
    if not isinstance(entries, list):
        return ["the gazetteer is not a list of entries"]
    ids = Counter()
    # surface form -> list of (entry id, field)
    forms = defaultdict(list)
    for i, e in enumerate(entries):
        where = f"entry {i + 1}"
        if not isinstance(e, dict):
            problems.append(f"{where}: not a mapping")
            continue
        eid = e.get("id")
        if not isinstance(eid, str) or not ID_RE.match(eid):
            problems.append(f"{where}: id {eid!r} is not kebab-case ASCII")
        else:
            where = eid
        ids[eid] += 1
        unknown = set(e) - {"id", "name", "kind", "role", "aliases", "short"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            problems.append(f"{where}: missing name")
        if e.get("kind") not in KINDS:
            problems.append(f"{where}: kind {e.get('kind')!r} is not one of {sorted(KINDS)}")
        if "role" in e and not isinstance(e["role"], str):
            problems.append(f"{where}: role is not a string")
        for field in ("aliases", "short"):
            values = as_list(e.get(field))
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                problems.append(f"{where}: {field} must be a list of non-empty strings")
                continue
            for v in values:
                if v != v.strip():
                    problems.append(f"{where}: {field} {v!r} has surrounding spaces")
        if isinstance(e.get("name"), str):
            forms[e["name"]].append((eid, "name"))
        for field in ("aliases", "short"):
            for v in as_list(e.get(field)):
                if isinstance(v, str):
                    forms[v].append((eid, field))
    for eid, n in ids.items():
        if n > 1:
            problems.append(f"id {eid!r} is used by {n} entries")
    # exact duplicates (also within one entry)
    for form, owners in forms.items():
        if len(owners) > 1:
            problems.append(f"{form!r} is listed more than once: {owners}")
    # a lowercase form matches in any case, so it clashes with any form of the same letters
    by_fold = defaultdict(list)
    for form, owners in forms.items():
        by_fold[form.casefold()].append(form)
    for fold, group in by_fold.items():
        if len(group) < 2 or not any(f == f.lower() for f in group):
            continue
        owners = {o[0] for f in group for o in forms[f]}
        if len(owners) > 1:
            problems.append(f"{sorted(group)} clash (a lowercase form matches any case): {sorted(owners)}")
    return problems


class Matcher:
    def __init__(self, entries):
        self.names = {e["id"]: e["name"] for e in entries}
        self.kinds = {e["id"]: e["kind"] for e in entries}
        full, short = [], []
        for e in entries:
            for form in [e["name"]] + as_list(e.get("aliases")):
                full.append((form, e["id"]))
            for form in as_list(e.get("short")):
                short.append((form, e["id"]))
        self.patterns = [(self._compile(f), f, eid, False) for f, eid in full]
        self.patterns += [(self._compile(f), f, eid, True) for f, eid in short]

    @staticmethod
    def _compile(form):
        flags = re.IGNORECASE if form == form.lower() else 0
        body = re.escape(form).replace(r"\ ", r"\s+")
        return re.compile(rf"(?<!{WORD}){body}(?!{WORD})", flags)

    def spans(self, text):
        """Resolved matches: list of (start, end, entity id, is_short), longest then leftmost."""
        cands = []
        for rx, form, eid, is_short in self.patterns:
            for m in rx.finditer(text):
                cands.append((m.start(), m.end(), eid, is_short))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = []  # chosen spans
        occupied = []
        for c in cands:
            if any(c[0] < o[1] and o[0] < c[1] for o in occupied):
                continue
            occupied.append((c[0], c[1]))
            taken.append(c)
        taken.sort()
        # short names count only after a full match of the same entity
        seen, out = set(), []
        for s, e, eid, is_short in taken:
            if is_short and eid not in seen:
                continue
            if not is_short:
                seen.add(eid)
            out.append((s, e, eid, is_short))
        return out, [(s, e) for s, e, _, _ in taken]


def read_article(path):
    """Returns (text for mentions, text for candidates) of a content/*.md file."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    title, body = "", raw
    m = re.match(r"^---\n(.*?)\n---\n", raw, re.S)
    if m:
        body = raw[m.end():]
        t = re.search(r'^title:\s*(.*)$', m.group(1), re.M)
        if t:
            title = t.group(1).strip()
            if len(title) >= 2 and title[0] == title[-1] and title[0] in "\"'":
                title = title[1:-1]
    body = re.sub(r"<[^>]+>", " ", body)
    # apostrophes: ʼ (U+02BC) and ‘ are taken as ’, as the gazetteer lists ' and ’ forms only
    title, body = (t.replace("\u02bc", "’").replace("‘", "’") for t in (title, body))
    lines = body.split("\n")
    prose = "\n".join(l for l in lines if not l.lstrip().startswith("#"))
    # image credits name outlets, not subjects
    prose = re.sub(r"Image Source:[^\n]*", " ", prose)
    return title + "\n\n" + body, prose


# Capitalised word (allowing internal hyphens/apostrophes, or digits after a hyphen), or acronym.
CAP = r"(?:[A-Z][\w’'.-]*[\w]|[A-Z])"
JOIN = r"(?:\s+(?:of|and|the|for|on|de|da|von|der|du|al|bin)\s+|\s+)"
MULTI = re.compile(rf"(?<![\w’'-]){CAP}(?:{JOIN}{CAP})+")
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)?(?![\w-])")
# Words that start sentences or are capitalised for other reasons; stripped from candidate edges.
EDGE_STOP = {
    "The", "A", "An", "In", "On", "At", "For", "By", "As", "And", "But", "Or", "Of", "To", "From",
    "This", "That", "These", "Those", "It", "Its", "His", "Her", "Their", "Our", "We", "He", "She",
    "They", "While", "When", "With", "Without", "Unlike", "Since", "Yet", "Still", "If", "Even",
    "Across", "Beyond", "Once", "Far", "Many", "Most", "Some", "Each", "Both", "All", "No", "Not",
    "Only", "Leaders", "Chinese", "Russian", "North", "South", "Western", "American", "Korean",
    "Japanese", "European", "Asian", "African", "Soviet", "Iranian", "Indian", "President",
    "Prime", "Minister", "Foreign", "Leader", "Image", "Source", "Picture", "Observers", "Analysts",
    "Experts", "Military", "State", "First", "Second", "Third", "Finally", "Yes", "Overall",
    "Twenty-six", "Several", "Middle", "Eastern", "Beijing’s", "China’s", "Russia’s", "Kim’s", "Xi’s", "Putin’s",
}
STOP_WHOLE = {"Image Source", "Tuesday", "Wednesday"}


def candidates(prose, covered, matcher):
    """Capitalised multi-word names and acronyms not inside any matched span."""
    out = Counter()

    def uncovered(s, e):
        return not any(s < ce and cs < e for cs, ce in covered)

    for m in MULTI.finditer(prose):
        words = [(w.group(0), m.start() + w.start(), m.start() + w.end())
                 for w in re.finditer(r"\S+", m.group(0))]
        while words and (words[0][0] in EDGE_STOP or words[0][0].lower() == words[0][0]):
            words.pop(0)
        while words and (words[-1][0] in EDGE_STOP or words[-1][0].lower() == words[-1][0]):
            words.pop()
        if len(words) < 2:
            continue
        s, e = words[0][1], words[-1][2]
        text = " ".join(w[0] for w in words)
        if text in STOP_WHOLE:
            continue
        if prose[e:e + 1] == ":":  # a list item's bold label ("Economic Leverage:")
            continue
        if uncovered(s, e):
            out[text] += 1
    for m in ACRONYM.finditer(prose):
        if uncovered(m.start(), m.end()):
            out[m.group(0)] += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="articles (default: content/*.md)")
    ap.add_argument("--json", help="read the gazetteer from this JSON copy instead of YAML")
    ap.add_argument("--totals", action="store_true",
                    help="print totals over all files (mentions, sources) instead of per file")
    args = ap.parse_args()

    entries, path = load_entries(args.json)
    problems = check(entries)
    kinds = Counter(e.get("kind") for e in entries if isinstance(e, dict))
    print(f"{os.path.relpath(path, ROOT)}: {len(entries)} entries "
          + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds, key=lambda k: -kinds[k])))
    if problems:
        for p in problems:
            print("ERROR:", p)
        return 1

    files = args.files or sorted(glob.glob(os.path.join(ROOT, "content", "*.md")))
    matcher = Matcher(entries)
    total, sources, missed_all = Counter(), Counter(), Counter()
    for f in files:
        text, prose = read_article(f)
        found, _ = matcher.spans(text)
        counts = Counter(eid for _, _, eid, _ in found)
        total.update(counts)
        sources.update(counts.keys())
        _, covered_prose = matcher.spans(prose)
        missed = candidates(prose, covered_prose, matcher)
        missed_all.update(missed)
        if args.totals:
            continue
        print(f"\n== {os.path.basename(f)}: {sum(counts.values())} mentions of {len(counts)} entities")
        print("  " + ", ".join(f"{matcher.names[eid]} {n}" for eid, n in counts.most_common()))
        if missed:
            print("  not covered: " + ", ".join(
                f"{c} ({n})" if n > 1 else c for c, n in sorted(missed.items(), key=lambda x: (-x[1], x[0]))))
    if args.totals:
        print(f"\n{len(files)} files; mentions (sources) per entity:")
        for eid, n in total.most_common():
            print(f"  {matcher.names[eid]} [{matcher.kinds[eid]}]: {n} ({sources[eid]})")
        unused = [e["id"] for e in entries if e["id"] not in total]
        print(f"\nnever mentioned ({len(unused)}): " + ", ".join(unused))
        print("\nnot covered (>=2): " + ", ".join(
            f"{c} ({n})" for c, n in sorted(missed_all.items(), key=lambda x: (-x[1], x[0])) if n >= 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
