#!/usr/bin/env python3
"""Scores the claims and discrepancies of a built briefing.json against a hand-made list.

    python3 tests/tools/score_claims.py tests/fixtures/news/facts.yaml SITE/briefing.json --set A
    python3 tests/tools/score_claims.py --samples        # tests/fixtures/analysis/facts.yaml
                                                         # vs site/briefing.json (the samples)
    bash tests/tools/claims_eval.sh                      # builds both real-news sets and scores them

The list is either tests/fixtures/news/facts.yaml (members {source, n, hash, quote_hash}, one
set per entry: A = dev + held-out, B = fresh; --set picks one) or, with --samples, the
samples' tests/fixtures/analysis/facts.yaml (citations {source, n, quote}). The output read is
briefing.json's

    claims:        [{id, text, kind, value?, themes, sources, citations: [{source, n, quote}]}]
    discrepancies: [{id, topic, themes, positions: [{text, value?, citations: [...]}]}]
    timeline:      [{date, precision, text, inferred, citations}]     (counted, not scored)

where n is a paragraph number, or "7.2" for item 2 of the list in ¶7. Reported:

- fact recall: a labelled fact is found when one claim cites members of it (same source and n)
  in two or more different articles. "quote match" is stricter: the claim's quote must also
  overlap the labelled words (where both are known), so a claim about something else in the
  same paragraph does not count.
- discrepancy recall: a labelled discrepancy is found when one discrepancies[] entry has two
  positions citing members of two different labelled positions, in different articles.
- joins: every claim citing two or more articles is sorted by what its citations hit (a
  citation hits the labelled facts and positions of its paragraph whose words its quote
  overlaps; all of them when the quote cannot be placed): consistent (one labelled fact or
  position fits every citation), WRONG (no single labelled entry fits all the citations that hit
  one: they join different facts), merges of the positions of one labelled discrepancy (wrong
  for a contradiction, for review for a precision difference), partly unlabelled (a labelled
  fact joined with paragraphs not labelled for it: for review, it may be right if the list
  missed a member) and unlabelled (touches no labelled member: for review, not counted wrong).

Prints a table, then the misses and the joins to review, with the labelled words when known:
from the local quotes file (tests/fixtures/news/facts-quotes.local.yaml, git-ignored) or found
in the paragraph text by their hash. Exit status 0 when scored (also when the output has no
claims yet: it says so), 1 on bad input.
"""

import argparse
import json
import os
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_news_facts as cnf  # noqa: E402  (same folder)

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SAMPLES_FACTS = os.path.join(ROOT, "tests", "fixtures", "analysis", "facts.yaml")
SAMPLES_SITE = os.path.join(ROOT, "site", "briefing.json")
LIST_LIMIT = 25


class Member:
    def __init__(self, source, n, hash_=None, quote_hash=None, quote=None):
        self.source = source
        self.n = n  # string key: "4", "7.2"
        self.hash = hash_
        self.quote_hash = quote_hash
        self.quote = quote
        self.span = None  # (start, end) of the labelled words in the paragraph, when known

    @property
    def key(self):
        return (self.source, self.n)


class Unit:
    """A labelled fact, or a position of a labelled discrepancy."""

    def __init__(self, key, label, text, value, members, discrepancy=None):
        self.key = key
        self.label = label
        self.text = text
        self.value = value
        self.members = members
        self.discrepancy = discrepancy  # id, for a position
        self.alias = key  # a position that is also a corroborated fact joins under the fact's key

    @property
    def member_keys(self):
        return {m.key for m in self.members}


# ---- loading ----------------------------------------------------------------------------------

def load_news(path, wanted_set):
    data = cnf.load_yaml(path)
    facts, discrepancies = [], []
    for entry in data.get("corroborated") or []:
        if wanted_set and entry.get("set") != wanted_set:
            continue
        members = [Member(m["source"], cnf.n_key(m["n"]), m.get("hash"), m.get("quote_hash"))
                   for m in entry["members"]]
        facts.append(Unit(entry["id"], entry["id"], entry.get("fact", ""), entry.get("value"), members))
        facts[-1].kind = entry.get("kind")
        facts[-1].set = entry.get("set")
    for entry in data.get("discrepancies") or []:
        if wanted_set and entry.get("set") != wanted_set:
            continue
        positions = []
        for k, position in enumerate(entry["positions"], start=1):
            members = [Member(m["source"], cnf.n_key(m["n"]), m.get("hash"), m.get("quote_hash"))
                       for m in position["members"]]
            positions.append(Unit("%s#%d" % (entry["id"], k), "%s / %s" % (entry["id"], position.get("text")),
                                  position.get("text", ""), position.get("value"), members, entry["id"]))
        discrepancies.append({"id": entry["id"], "topic": entry.get("topic", ""), "severity": entry.get("severity"),
                              "set": entry.get("set"), "positions": positions})
    return facts, discrepancies


def load_samples(path):
    data = cnf.load_yaml(path)
    facts, discrepancies = [], []
    for entry in data.get("corroborated") or []:
        members = [Member(c["source"], cnf.n_key(c["n"]), quote=c.get("quote")) for c in entry["citations"]]
        facts.append(Unit(entry["id"], entry["id"], entry.get("fact", ""), entry.get("value"), members))
        facts[-1].kind = entry.get("kind")
        facts[-1].set = None
    for entry in data.get("discrepancies") or []:
        positions = []
        for k, position in enumerate(entry["positions"], start=1):
            members = [Member(c["source"], cnf.n_key(c["n"]), quote=c.get("quote")) for c in position["citations"]]
            positions.append(Unit("%s#%d" % (entry["id"], k), "%s / %s" % (entry["id"], position.get("text")),
                                  position.get("text", ""), position.get("value"), members, entry["id"]))
        discrepancies.append({"id": entry["id"], "topic": entry.get("topic", ""), "severity": entry.get("severity"),
                              "set": None, "positions": positions})
    return facts, discrepancies


def local_quotes(path):
    """quote_hash -> quote, from the local quotes file (empty when it is not there)."""
    if not path or not os.path.exists(path):
        return {}
    data = cnf.load_yaml(path)
    if not isinstance(data, dict):
        return {}
    return {cnf.sha16(member["quote"]): member["quote"] for _, _, _, member in cnf.iter_members(data)}


def same_value(a, b):
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    norm = lambda v: {k: (float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x)
                      for k, x in v.items()}
    return norm(a) == norm(b)


# ---- placing words in paragraphs ----------------------------------------------------------------

FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                      "\u00a0": " "})


def fold(text):
    """Same length as text: typographic quotes and dashes made plain, letters lowercased."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(FOLD))


def place(text, quote):
    """(start, end) of quote in text, or None. Tolerates typographic quotes, case, and an
    ellipsis inside the quote (then the span runs from the first piece to the last)."""
    if not isinstance(quote, str) or not quote.strip():
        return None
    quote = quote.strip()
    i = text.find(quote)
    if i >= 0:
        return (i, i + len(quote))
    ftext, fquote = fold(text), fold(quote)
    i = ftext.find(fquote)
    if i >= 0:
        return (i, i + len(fquote))
    pieces = [p.strip() for p in fquote.replace("\u2026", "...").split("...") if p.strip()]
    if len(pieces) > 1:
        start = ftext.find(pieces[0])
        if start >= 0:
            end = ftext.find(pieces[-1], start + len(pieces[0]))
            if end >= 0:
                return (start, end + len(pieces[-1]))
    return None


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


# ---- the scorer ---------------------------------------------------------------------------------

class Scorer:
    def __init__(self, facts, discrepancies, site, quotes):
        self.facts = facts
        self.discrepancies = discrepancies
        self.index = cnf.site_index(site)
        self.quotes = quotes
        self.warnings = []
        self.positions = [p for d in discrepancies for p in d["positions"]]
        self.units = {u.key: u for u in facts + self.positions}
        self.locate_members()
        # A position stating the same value as a corroborated fact, on a shared paragraph, is
        # that fact (the samples' "26 leaders" position is the fact foreign-leaders-present).
        for position in self.positions:
            for fact in facts:
                if same_value(position.value, fact.value) and position.member_keys & fact.member_keys:
                    position.alias = fact.key
                    break
        self.at = {}  # (source, n) -> [(joined unit key, unit, member)]
        for unit in facts + self.positions:
            for member in unit.members:
                self.at.setdefault(member.key, []).append((unit.alias, unit, member))

    def locate_members(self):
        by_paragraph = {}
        for unit in self.units.values():
            for member in unit.members:
                text = self.index.get(member.key)
                if text is None:
                    self.warnings.append("%s: %s has no ¶%s in this briefing.json" % (unit.label, member.source, member.n))
                    continue
                if member.hash and cnf.sha16(text) != member.hash:
                    self.warnings.append("%s: %s ¶%s is not the labelled text (hash differs): built from other texts?"
                                         % (unit.label, member.source, member.n))
                    continue
                if member.quote is not None:
                    member.span = place(text, member.quote)
                elif member.quote_hash:
                    by_paragraph.setdefault(member.key, []).append(member)
        for key, members in by_paragraph.items():
            text = self.index[key]
            found = cnf.find_quote_hashes(text, [m.quote_hash for m in members])
            for member in members:
                if member.quote_hash in found:
                    member.span = found[member.quote_hash]
                    member.quote = text[member.span[0]:member.span[1]]
                elif member.quote_hash in self.quotes:
                    member.quote = self.quotes[member.quote_hash]

    # -- citations --

    def cite(self, citation):
        """(key, span or None) of an output citation; key None when it names no paragraph."""
        if not isinstance(citation, dict) or citation.get("n") is None:
            return None, None
        n = citation["n"]
        key = (citation.get("source"), str(n) if not isinstance(n, float) else str(int(n)))
        text = self.index.get(key)
        if text is None:
            return key, None
        return key, place(text, citation.get("quote"))

    def candidates(self, citation, strict=True):
        """Joined unit keys a citation hits."""
        key, span = self.cite(citation)
        entries = self.at.get(key, [])
        if not strict or span is None:
            return {alias for alias, _, _ in entries}
        return {alias for alias, _, member in entries if member.span is None or overlaps(member.span, span)}

    def hits_member(self, citation, member, strict):
        key, span = self.cite(citation)
        if key != member.key:
            return False
        return not strict or span is None or member.span is None or overlaps(member.span, span)

    # -- recall --

    def fact_found(self, fact, claims, strict):
        """(best claim, sources of the fact it cites) over all claims."""
        best, best_sources = None, set()
        for claim in claims:
            sources = {m.source for c in claim_citations(claim) for m in fact.members
                       if self.hits_member(c, m, strict)}
            if len(sources) > len(best_sources):
                best, best_sources = claim, sources
        return best, best_sources

    def discrepancy_found(self, item, entries, strict):
        for entry in entries:
            positions = entry.get("positions") if isinstance(entry, dict) else None
            if not isinstance(positions, list):
                continue
            hits = []  # per output position: {(labelled position index, source)}
            for position in positions:
                found = set()
                for citation in (position.get("citations") or []) if isinstance(position, dict) else []:
                    for k, labelled in enumerate(item["positions"]):
                        for m in labelled.members:
                            if self.hits_member(citation, m, strict):
                                found.add((k, m.source))
                hits.append(found)
            for i, a in enumerate(hits):
                for b in hits[i + 1:]:
                    if any(ka != kb and sa != sb for ka, sa in a for kb, sb in b):
                        return entry
        return None

    # -- joins --

    def classify(self, claim):
        """(category, details) for a claim citing two or more articles, else None."""
        citations = [c for c in claim_citations(claim) if self.cite(c)[0] is not None]
        if len({self.cite(c)[0][0] for c in citations}) < 2:
            return None
        cands = [self.candidates(c) for c in citations]
        labelled = [c for c in cands if c]
        if not labelled:
            return "unlabelled", cands
        common = set.intersection(*labelled)
        if common:
            return ("consistent" if len(labelled) == len(cands) else "partly unlabelled"), cands
        for item in self.discrepancies:
            keys = {p.alias for p in item["positions"]}
            if all(c & keys for c in labelled):
                return ("merge-contradiction" if item["severity"] == "contradiction" else "merge-precision"), cands
        return "wrong", cands

    def unit_names(self, keys):
        names = []
        for key in sorted(keys):
            unit = self.units[key]
            names.append(unit.label)
        return names


def claim_citations(claim):
    citations = claim.get("citations") if isinstance(claim, dict) else None
    return [c for c in citations if isinstance(c, dict)] if isinstance(citations, list) else []


def value_agrees(claim_value, fact_value):
    """Whether a claim's value states the labelled number or date (None when either is missing)."""
    if not isinstance(claim_value, dict) or not isinstance(fact_value, dict):
        return None
    if "date" in fact_value:
        return str(claim_value.get("date")) == fact_value["date"] and (
            "end" not in fact_value or str(claim_value.get("end")) == fact_value["end"])
    if "amount" in fact_value:
        try:
            return float(claim_value.get("amount")) == float(fact_value["amount"])
        except (TypeError, ValueError):
            return False
    try:
        return (float(claim_value.get("min")), float(claim_value.get("max"))) == (
            float(fact_value["min"]), float(fact_value["max"]))
    except (TypeError, ValueError):
        return False


def shown_path(path):
    """A path relative to the working folder when it is inside it, else absolute."""
    path = os.path.abspath(path)
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def pct(found, total):
    return "%5.1f%%" % (100.0 * found / total) if total else "    –"


def describe_value(value):
    if not isinstance(value, dict):
        return ""
    if "date" in value:
        return value["date"] + ("..%s" % value["end"] if "end" in value else "") + " (%s)" % value.get("precision")
    if value.get("bound") == "range":
        return "%s-%s %s" % (value.get("min"), value.get("max"), value.get("unit"))
    return "%s %s %s" % (value.get("bound"), value.get("amount"), value.get("unit"))


def show_member(member):
    quote = (": “%s”" % member.quote) if member.quote else ""
    return "%s ¶%s%s" % (member.source, member.n, quote)


def show_citation(scorer, citation):
    key, _ = scorer.cite(citation)
    hit = scorer.candidates(citation) if key else set()
    quote = citation.get("quote")
    out = "%s ¶%s" % (citation.get("source"), citation.get("n"))
    if isinstance(quote, str) and quote:
        out += ": “%s”" % (quote if len(quote) <= 160 else quote[:157] + "…")
    if key is None or key not in scorer.index:
        out += "   [no such paragraph]"
    out += "   -> %s" % (", ".join(scorer.unit_names(hit)) if hit else "(no labelled words)")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("facts", nargs="?", help="facts.yaml (news) or, with --samples, the samples' list")
    ap.add_argument("site", nargs="?", help="briefing.json of a build")
    ap.add_argument("--set", choices=sorted(cnf.SETS), help="news list: score this set only")
    ap.add_argument("--samples", action="store_true",
                    help="score the samples' list (default %s vs %s)" % (os.path.relpath(SAMPLES_FACTS, ROOT),
                                                                        os.path.relpath(SAMPLES_SITE, ROOT)))
    ap.add_argument("--quotes", default=cnf.QUOTES, help="local quotes file (default: %(default)s)")
    ap.add_argument("--all", action="store_true", help="list every join to review, not the first %d" % LIST_LIMIT)
    args = ap.parse_args()

    try:
        import yaml  # noqa: F401
    except ImportError:
        print("PyYAML is needed (python3 -m pip install pyyaml, or apt-get install python3-yaml)", file=sys.stderr)
        return 1
    if args.samples:
        facts_path = args.facts or SAMPLES_FACTS
        site_path = args.site or SAMPLES_SITE
    elif not (args.facts and args.site):
        ap.error("give FACTS.yaml and BRIEFING.json, or --samples")
    else:
        facts_path, site_path = args.facts, args.site
    try:
        with open(site_path, encoding="utf-8") as f:
            site = json.load(f)
        if args.samples:
            facts, discrepancies = load_samples(facts_path)
            quotes = {}
        else:
            facts, discrepancies = load_news(facts_path, args.set)
            quotes = local_quotes(args.quotes)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("score_claims: cannot read the inputs: %s" % e, file=sys.stderr)
        return 1
    if not isinstance(site, dict) or not isinstance(site.get("sources"), list):
        print("score_claims: %s is not a briefing.json (no sources)" % site_path, file=sys.stderr)
        return 1
    if not args.samples and not args.set:
        # No set named: keep the entries whose articles are in this site.
        present = {s["id"] for s in site["sources"]}
        facts = [f for f in facts if f.members[0].source in present]
        discrepancies = [d for d in discrepancies if d["positions"][0].members[0].source in present]

    scorer = Scorer(facts, discrepancies, site, quotes)
    present = {s.get("id") for s in site["sources"] if isinstance(s, dict)}
    if (facts or discrepancies) and not any(m.source in present for u in scorer.units.values() for m in u.members):
        print("score_claims: %s holds none of the labelled articles%s: wrong site or wrong --set?"
              % (site_path, " of set %s" % args.set if args.set else ""), file=sys.stderr)
        return 1
    label = "samples" if args.samples else ("set %s" % args.set if args.set else "all sets")
    print("## claims: %s — %s vs %s" % (label, shown_path(facts_path), shown_path(site_path)))
    print("labelled: %d corroborated facts, %d discrepancies; the site has %d sources"
          % (len(facts), len(discrepancies), len(site["sources"])))
    if scorer.warnings:
        print("\nWARNING: %d labelled member(s) do not match this briefing.json:" % len(scorer.warnings))
        for w in scorer.warnings[:LIST_LIMIT]:
            print("  " + w)
    if quotes:
        print("(quotes shown from %s)" % shown_path(args.quotes))

    claims = site.get("claims")
    out_discrepancies = site.get("discrepancies")
    timeline = site.get("timeline")
    if not isinstance(claims, list):
        print("\nThis briefing.json has no `claims` (format %s): the build that wrote it does not group "
              "claims yet. Nothing to score." % site.get("format"))
        return 0
    if not isinstance(out_discrepancies, list):
        print("\nNOTE: this briefing.json has no `discrepancies`: discrepancy recall is 0.")
        out_discrepancies = []
    claims = [c for c in claims if isinstance(c, dict)]
    unknown = sorted({"%s ¶%s" % (c.get("source"), c.get("n"))
                      for item in claims + [p for e in out_discrepancies if isinstance(e, dict)
                                            for p in (e.get("positions") or []) if isinstance(p, dict)]
                      for c in claim_citations(item)
                      if c.get("n") is not None and scorer.cite(c)[0] not in scorer.index})
    if unknown:
        print("\nWARNING: the output cites %d paragraph(s) this briefing.json does not have: %s"
              % (len(unknown), ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")))
    multi = [c for c in claims if len({cit.get("source") for cit in claim_citations(c)}) >= 2]

    # Recall.
    fact_rows = []
    for fact in facts:
        loose, loose_sources = scorer.fact_found(fact, claims, strict=False)
        strict, strict_sources = scorer.fact_found(fact, claims, strict=True)
        fact_rows.append((fact, loose if len(loose_sources) >= 2 else None, loose_sources,
                          strict if len(strict_sources) >= 2 else None))
    disc_rows = []
    for item in discrepancies:
        disc_rows.append((item, scorer.discrepancy_found(item, out_discrepancies, strict=False),
                          scorer.discrepancy_found(item, out_discrepancies, strict=True)))
    # A claim's `differing` figures (shown as "may differ") as discrepancies of their own: the
    # claim's citations one position, each differing figure another.
    flagged = [{"positions": [{"citations": claim_citations(c)}] + [{"citations": [d]} for d in c["differing"]]}
               for c in claims if isinstance(c, dict) and isinstance(c.get("differing"), list)]
    disc_flagged = sum(1 for item in discrepancies
                       if scorer.discrepancy_found(item, out_discrepancies + flagged, strict=False))

    # Joins.
    categories = OrderedDict((c, []) for c in ("consistent", "wrong", "merge-contradiction", "merge-precision",
                                               "partly unlabelled", "unlabelled"))
    for claim in claims:
        result = scorer.classify(claim)
        if result:
            categories[result[0]].append(claim)

    # False discrepancies: an output discrepancy whose positions state one labelled fact.
    false_disc, unlabelled_disc = [], []
    matched_entries = {id(e) for _, e, _ in disc_rows if e is not None}
    for entry in out_discrepancies:
        if not isinstance(entry, dict) or id(entry) in matched_entries:
            continue
        per_position = []
        for position in entry.get("positions") or []:
            keys = set()
            for citation in (position.get("citations") or []) if isinstance(position, dict) else []:
                keys |= scorer.candidates(citation)
            per_position.append(keys)
        labelled = [k for k in per_position if k]
        if len(labelled) >= 2 and set.intersection(*labelled):
            false_disc.append(entry)
        else:
            unlabelled_disc.append(entry)

    n_facts, n_disc = len(facts), len(discrepancies)
    found_loose = sum(1 for r in fact_rows if r[1])
    found_strict = sum(1 for r in fact_rows if r[3])
    disc_loose = sum(1 for r in disc_rows if r[1])
    disc_strict = sum(1 for r in disc_rows if r[2])
    print()
    print("| measure | found | labelled | recall |")
    print("|---|---:|---:|---:|")
    print("| facts (same paragraph) | %d | %d | %s |" % (found_loose, n_facts, pct(found_loose, n_facts)))
    print("| facts (quote overlaps the labelled words) | %d | %d | %s |" % (found_strict, n_facts, pct(found_strict, n_facts)))
    for kind in ("quantity", "date", "event", "statement"):
        rows = [r for r in fact_rows if getattr(r[0], "kind", None) == kind]
        if rows:
            hit = sum(1 for r in rows if r[1])
            print("|   %s facts (same paragraph) | %d | %d | %s |" % (kind, hit, len(rows), pct(hit, len(rows))))
    print("| discrepancies (same paragraph) | %d | %d | %s |" % (disc_loose, n_disc, pct(disc_loose, n_disc)))
    print("| discrepancies (quote overlaps) | %d | %d | %s |" % (disc_strict, n_disc, pct(disc_strict, n_disc)))
    print("| discrepancies or figures shown as \"may differ\" (same paragraph) | %d | %d | %s |"
          % (disc_flagged, n_disc, pct(disc_flagged, n_disc)))
    print()
    print("output: %d claims (%d citing two or more articles), %d discrepancies, %s"
          % (len(claims), len(multi), len(out_discrepancies),
             "%d timeline entries (not scored)" % len(timeline) if isinstance(timeline, list) else "no timeline"))
    judged = len(categories["consistent"]) + len(categories["wrong"]) + len(categories["merge-contradiction"])
    print()
    print("| joins of claims citing 2+ articles | count |")
    print("|---|---:|")
    print("| consistent with one labelled fact | %d |" % len(categories["consistent"]))
    print("| WRONG: joins different labelled facts | %d |" % len(categories["wrong"]))
    print("| WRONG: merges the positions of a contradiction | %d |" % len(categories["merge-contradiction"]))
    print("| review: merges the positions of a precision discrepancy | %d |" % len(categories["merge-precision"]))
    print("| review: labelled fact joined with unlabelled paragraphs | %d |" % len(categories["partly unlabelled"]))
    print("| review: touches no labelled member | %d |" % len(categories["unlabelled"]))
    if judged:
        wrong = len(categories["wrong"]) + len(categories["merge-contradiction"])
        print("\njoin precision on labelled joins: %d of %d (%s)" % (judged - wrong, judged, pct(judged - wrong, judged).strip()))
    agree = [value_agrees(r[1].get("value"), r[0].value) for r in fact_rows if r[1]]
    agree = [a for a in agree if a is not None]
    if agree:
        print("values: %d of %d found facts carry the labelled figure or date" % (sum(agree), len(agree)))
    if false_disc:
        print("false discrepancies (positions that state one labelled fact): %d" % len(false_disc))

    # Misses.
    misses = [r for r in fact_rows if not r[1]]
    if misses:
        print("\n### missed facts (%d)" % len(misses))
        for fact, _, sources, _ in misses:
            print("- %s [%s]: %s" % (fact.key, " ".join(x for x in (getattr(fact, "kind", ""), describe_value(fact.value)) if x),
                                     fact.text))
            if sources:
                print("    closest claim cites only %s" % ", ".join(sorted(sources)))
            for member in fact.members:
                print("    %s" % show_member(member))
    loose_only = [r for r in fact_rows if r[1] and not r[3]]
    if loose_only:
        print("\n### found only by paragraph, not by quote (%d)" % len(loose_only))
        for fact, claim, _, _ in loose_only:
            print("- %s, by claim %s: %s" % (fact.key, claim.get("id"), claim.get("text")))
    dmisses = [r for r in disc_rows if not r[1]]
    if dmisses:
        print("\n### missed discrepancies (%d)" % len(dmisses))
        for item, _, _ in dmisses:
            print("- %s [%s]: %s" % (item["id"], item["severity"], item["topic"]))
            for position in item["positions"]:
                print("    position “%s” %s" % (position.text, describe_value(position.value)))
                for member in position.members:
                    print("      %s" % show_member(member))

    def list_claims(title, items, what="claim"):
        if not items:
            return
        print("\n### %s (%d)" % (title, len(items)))
        shown = items if args.all else items[:LIST_LIMIT]
        for claim in shown:
            print("- %s %s: %s" % (what, claim.get("id"), claim.get("text") or claim.get("topic")))
            if what == "claim":
                for citation in claim_citations(claim):
                    print("    " + show_citation(scorer, citation))
            else:
                for position in claim.get("positions") or []:
                    print("    position “%s”" % (position.get("text") if isinstance(position, dict) else position))
                    for citation in (position.get("citations") or []) if isinstance(position, dict) else []:
                        print("      " + show_citation(scorer, citation))
        if len(items) > len(shown):
            print("  … %d more (--all lists them)" % (len(items) - len(shown)))

    list_claims("WRONG joins: different labelled facts", categories["wrong"])
    list_claims("WRONG joins: positions of a contradiction merged", categories["merge-contradiction"])
    list_claims("review: positions of a precision discrepancy merged", categories["merge-precision"])
    list_claims("review: labelled fact joined with unlabelled paragraphs", categories["partly unlabelled"])
    list_claims("review: multi-source claims touching no labelled member", categories["unlabelled"])
    list_claims("false discrepancies", false_disc, what="discrepancy")
    list_claims("review: discrepancies not in the list", unlabelled_disc, what="discrepancy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
