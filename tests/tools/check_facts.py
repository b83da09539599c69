#!/usr/bin/env python3
"""Checks the hand-made claim fixture against a built site.

    python3 tests/tools/check_facts.py                      # tests/fixtures/analysis/facts.yaml vs site/briefing.json
    python3 tests/tools/check_facts.py FACTS.yaml SITE.json

Verifies that every citation names a source and a paragraph (or list item, "7.2") of
briefing.json and that its quote is an exact substring of that paragraph's text, that every
corroborated fact cites at least two different sources, that every discrepancy has at least two
positions backed by different sources, and that ids, kinds, values and severities follow the
fixture's format. Prints each problem and exits 1 if there is any; otherwise prints a summary.
"""

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
N_FORMAT = re.compile(r"^([1-9][0-9]*)(?:\.([1-9][0-9]*))?$")
KINDS = {"quantity", "date", "event", "statement"}
BOUNDS = {"exact", "over", "under", "about", "range"}
SEVERITIES = {"contradiction", "precision"}
DATE_FORMATS = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "day": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
}
QUOTE_WORDS = (3, 15)


def paragraph_index(site):
    """(source id, n as written in citations) -> text, for every paragraph and list item."""
    index = {}
    for source in site["sources"]:
        for paragraph in source["paragraphs"]:
            index[(source["id"], str(paragraph["n"]))] = paragraph.get("text") or ""
            for item in paragraph.get("items") or []:
                index[(source["id"], f'{paragraph["n"]}.{item["n"]}')] = item.get("text") or ""
    return index


class Checker:
    def __init__(self, index, sources):
        self.index = index
        self.sources = sources
        self.problems = []

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def citations(self, where, citations):
        """Checks a citation list; returns the set of sources it cites."""
        cited = set()
        if not isinstance(citations, list) or not citations:
            self.problem(where, "no citations")
            return cited
        for i, citation in enumerate(citations):
            at = f"{where} citation {i + 1}"
            if not isinstance(citation, dict) or set(citation) != {"source", "n", "quote"}:
                self.problem(at, f"must have exactly source, n and quote: {citation!r}")
                continue
            source, n, quote = citation["source"], citation["n"], citation["quote"]
            if source not in self.sources:
                self.problem(at, f"unknown source {source!r}")
                continue
            if not isinstance(n, str) or not N_FORMAT.match(n):
                self.problem(at, f"n must be a string like \"7\" or \"7.2\", not {n!r}")
                continue
            text = self.index.get((source, n))
            if text is None:
                self.problem(at, f"{source} has no ¶{n}")
                continue
            if not isinstance(quote, str) or not quote.strip():
                self.problem(at, "empty quote")
                continue
            if quote not in text:
                self.problem(at, f"quote not in {source} ¶{n}: {quote!r}")
                continue
            words = len(quote.split())
            if not QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]:
                self.problem(at, f"quote has {words} words, keep to {QUOTE_WORDS[0]}–{QUOTE_WORDS[1]}: {quote!r}")
            cited.add(source)
        return cited

    def value(self, where, value):
        if not isinstance(value, dict):
            self.problem(where, f"value must be a mapping, not {value!r}")
            return
        if "date" in value:
            if set(value) != {"date", "precision"}:
                self.problem(where, f"a date value has exactly date and precision: {value!r}")
                return
            pattern = DATE_FORMATS.get(value["precision"])
            if pattern is None:
                self.problem(where, f"precision must be year, month or day: {value['precision']!r}")
            elif not isinstance(value["date"], str) or not pattern.match(value["date"]):
                self.problem(where, f"date {value['date']!r} does not match precision {value['precision']}")
            return
        bound = value.get("bound")
        if bound not in BOUNDS:
            self.problem(where, f"bound must be one of {sorted(BOUNDS)}: {value!r}")
            return
        if not isinstance(value.get("unit"), str) or not value["unit"].strip():
            self.problem(where, f"a quantity needs a unit: {value!r}")
        number = (int, float)
        if bound == "range":
            if set(value) != {"min", "max", "unit", "bound"}:
                self.problem(where, f"a range has exactly min, max, unit and bound: {value!r}")
            elif not (isinstance(value["min"], number) and isinstance(value["max"], number) and value["min"] <= value["max"]):
                self.problem(where, f"a range needs numbers min <= max: {value!r}")
        else:
            if set(value) != {"amount", "unit", "bound"}:
                self.problem(where, f"a quantity has exactly amount, unit and bound: {value!r}")
            elif not isinstance(value["amount"], number) or isinstance(value["amount"], bool):
                self.problem(where, f"amount must be a number: {value!r}")

    def fact(self, where, fact):
        allowed = {"id", "fact", "kind", "value", "citations"}
        if set(fact) - allowed:
            self.problem(where, f"unexpected keys {sorted(set(fact) - allowed)}")
        if not isinstance(fact.get("fact"), str) or not fact["fact"].strip():
            self.problem(where, "no fact sentence")
        kind = fact.get("kind")
        if kind not in KINDS:
            self.problem(where, f"kind must be one of {sorted(KINDS)}: {kind!r}")
        elif kind in ("quantity", "date"):
            if "value" not in fact:
                self.problem(where, f"a {kind} fact needs a value")
            else:
                self.value(where, fact["value"])
                if kind == "date" and "date" not in fact["value"]:
                    self.problem(where, "a date fact needs a date value")
                if kind == "quantity" and "date" in fact["value"]:
                    self.problem(where, "a quantity fact needs a quantity value")
        elif "value" in fact:
            self.problem(where, f"a value only goes with quantity or date, not {kind}")
        cited = self.citations(where, fact.get("citations"))
        if len(cited) < 2:
            self.problem(where, f"cites {len(cited)} source(s), needs at least two different sources")
        return cited

    def discrepancy(self, where, item):
        allowed = {"id", "topic", "severity", "positions"}
        if set(item) - allowed:
            self.problem(where, f"unexpected keys {sorted(set(item) - allowed)}")
        if not isinstance(item.get("topic"), str) or not item["topic"].strip():
            self.problem(where, "no topic")
        if item.get("severity") not in SEVERITIES:
            self.problem(where, f"severity must be one of {sorted(SEVERITIES)}: {item.get('severity')!r}")
        positions = item.get("positions")
        if not isinstance(positions, list) or len(positions) < 2:
            self.problem(where, "needs at least two positions")
            return set()
        backing = []
        for i, position in enumerate(positions):
            at = f"{where} position {i + 1}"
            if not isinstance(position, dict) or set(position) - {"text", "value", "citations"}:
                self.problem(at, f"position has text, value (optional) and citations: {position!r}")
                backing.append(set())
                continue
            if not isinstance(position.get("text"), str) or not position["text"].strip():
                self.problem(at, "no text")
            if "value" in position:
                self.value(at, position["value"])
            backing.append(self.citations(at, position.get("citations")))
        texts = [p.get("text") for p in positions if isinstance(p, dict)]
        if len(set(texts)) != len(texts):
            self.problem(where, "two positions have the same text")
        # At least two positions must be backed by different sources: some pair of positions
        # with a source on one side that is not the only source on the other.
        if not any(a != b for i, x in enumerate(backing) for y in backing[i + 1:] for a in x for b in y):
            self.problem(where, "needs two positions from different sources")
        return set().union(*backing)


def main(argv):
    facts_path = Path(argv[1]) if len(argv) > 1 else ROOT / "tests/fixtures/analysis/facts.yaml"
    site_path = Path(argv[2]) if len(argv) > 2 else ROOT / "site/briefing.json"
    facts = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    site = json.loads(site_path.read_text(encoding="utf-8"))
    sources = {source["id"] for source in site["sources"]}
    checker = Checker(paragraph_index(site), sources)

    if not isinstance(facts, dict) or set(facts) != {"corroborated", "discrepancies"}:
        print(f"{facts_path}: top level must be exactly corroborated and discrepancies", file=sys.stderr)
        return 1
    seen = set()
    for section in ("corroborated", "discrepancies"):
        entries = facts[section]
        if not isinstance(entries, list) or not entries:
            checker.problem(section, "must be a non-empty list")
            continue
        for i, entry in enumerate(entries):
            where = f"{section}[{i}]"
            if not isinstance(entry, dict):
                checker.problem(where, "must be a mapping")
                continue
            ident = entry.get("id")
            where = f"{section} {ident or i}"
            if not isinstance(ident, str) or not KEBAB.match(ident):
                checker.problem(where, f"id must be kebab-case: {ident!r}")
            elif ident in seen:
                checker.problem(where, "duplicate id")
            seen.add(ident)
            if section == "corroborated":
                checker.fact(where, entry)
            else:
                checker.discrepancy(where, entry)

    if checker.problems:
        for problem in checker.problems:
            print(problem, file=sys.stderr)
        print(f"{len(checker.problems)} problem(s) in {facts_path}", file=sys.stderr)
        return 1
    corroborated, discrepancies = facts["corroborated"], facts["discrepancies"]
    quotes = sum(len(f["citations"]) for f in corroborated) + sum(
        len(p["citations"]) for d in discrepancies for p in d["positions"]
    )
    by_severity = {s: sum(d["severity"] == s for d in discrepancies) for s in sorted(SEVERITIES)}
    print(
        f"ok: {len(corroborated)} corroborated facts, {len(discrepancies)} discrepancies "
        f"({', '.join(f'{n} {s}' for s, n in by_severity.items())}), {quotes} quotes checked "
        f"against {len(sources)} sources"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
