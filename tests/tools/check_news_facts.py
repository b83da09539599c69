#!/usr/bin/env python3
"""Keep the real-news claim labels (tests/fixtures/news/facts.yaml) honest.

    python3 tests/tools/check_news_facts.py                  # check facts.yaml
    python3 tests/tools/check_news_facts.py --site SITE.json # also against a built briefing.json
    python3 tests/tools/check_news_facts.py --write tests/fixtures/news/facts-quotes.local.yaml
        # (re)write facts.yaml from the local file that keeps the exact quotes

facts.yaml lists, per set (A = the `dev` and `held-out` articles of manifest.tsv, B = the
`fresh` ones), the figures and dates that two or more articles state (`corroborated`) and the
figures and dates on which articles disagree (`discrepancies`). A member is
`{source, n, hash, quote_hash}`: the article id, the paragraph number as the site numbers it
(`sources[].paragraphs[].n` of briefing.json; "7.2" for item 2 of a list in ¶7), the first 16
hex digits of the SHA-256 of the paragraph's text as briefing.json gives it, and the same of the
exact words that state the fact. No article text is committed: the quotes live in the
git-ignored tests/fixtures/news/facts-quotes.local.yaml, same layout with `quote` in place of
the two hashes.

Always checked: the layout, ids, kinds, values, severities; that every source is in the
manifest and in the entry's set; that a fact has members from two different articles and a
discrepancy two positions backed by different articles; that each paragraph hash equals the
paragraph's hash in labels.yaml (the site's paragraph text is the article's paragraph, trimmed).
With texts/ present: every hash against the text, and every quote hash against some run of
words of its paragraph. With the local quotes file present: every quote is in its paragraph
and hashes to its quote_hash, and the file and facts.yaml list the same members.
With --site: the paragraph numbers and hashes against that briefing.json.

Exit status: 0 when everything checked agrees, 1 on any problem.
"""

import argparse
import bisect
import hashlib
import json
import os
import re
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import news_manifest  # noqa: E402  (same folder)

NEWS = news_manifest.NEWS
FACTS = os.path.join(NEWS, "facts.yaml")
QUOTES = os.path.join(NEWS, "facts-quotes.local.yaml")
SETS = {"A": ("dev", "held-out"), "B": ("fresh",)}
KINDS = {"quantity", "date"}
BOUNDS = {"exact", "over", "under", "about", "range"}
SEVERITIES = {"contradiction", "precision"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
N_STR = re.compile(r"^([1-9][0-9]*)(?:\.([1-9][0-9]*))?$")
DATE_FORMATS = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "day": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
}
QUOTE_WORDS = (2, 16)
MAX_QUOTE_CHARS = 240

HEADER = """\
# Claim labels for the real-news set (tests/fixtures/news, see README.md): the figures and
# dates that several articles state, and the ones they disagree on. Written by
# tests/tools/check_news_facts.py --write from a local file of exact quotes (git-ignored:
# no article text is committed); checked by tests/tools/check_news_facts.py; scored by
# tests/tools/score_claims.py. Labelled by reading every article of each set, before any
# claim grouping existed or was tuned.
#
# Sets: A = the `dev` and `held-out` articles of manifest.tsv (tune on it), B = the `fresh`
# articles (report it, never tune on it). Facts and discrepancies never join articles of
# different sets.
#
# A member is {source, n, hash, quote_hash}: the article id; the paragraph number as the site
# numbers it (briefing.json sources[].paragraphs[].n); the first 16 hex of the SHA-256 of the
# paragraph text as briefing.json gives it (it equals the paragraph hash in labels.yaml); the
# same of the exact words stating the fact (a run of whole words of that paragraph).
#
# Conventions (those of tests/fixtures/analysis/facts.yaml, limited to figures and dates):
# - Listed: counts, amounts, durations, years, dates of events that two or more DIFFERENT
#   articles of the same set state about the same thing. A second paragraph of the same
#   article adds a member, not a source. Not listed: events, statements and assessments
#   without a figure or date, and figures that only one article gives.
# - kind: quantity {amount, unit, bound: exact|over|under|about} or {min, max, unit, bound:
#   range}; date {date: ISO, precision: year|month|day}, with `end` for a span of days.
# - Dates given by weekday ("on Tuesday") are normalised to the day they name in the week of
#   the parade (Tuesday 2, Wednesday 3, Thursday 4 September 2025); "last year" in these 2025
#   reports is 2024. Forward-looking wording ("will take place", "expected to arrive") is
#   joined with the past-tense report of the same thing.
# - Discrepancies: severity "precision" when the positions can all be true and differ in how
#   exactly they state it (exact vs bound, year vs month vs day); "contradiction" when, read
#   normally, they cannot all be true. "thousands" is 2,000-9,999. Articles that agree are
#   also a corroborated fact (the 2024 treaty, at year precision, includes the article that
#   gives June 2024), so a member can be in a fact and in a position.
# - `note` says in the labeller's words what was read how, and what was left out on purpose.
"""


def sha16(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def n_key(n):
    """A paragraph number as a string key: 4 -> "4", "7.2" -> "7.2"."""
    if isinstance(n, bool):
        return None
    if isinstance(n, int):
        return str(n) if n >= 1 else None
    if isinstance(n, str) and N_STR.match(n):
        return n
    return None


def load_yaml(path):
    import yaml  # PyYAML

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def split_sets():
    """article id -> set letter, from the manifest."""
    out = {}
    for row in news_manifest.read_manifest():
        for letter, splits in SETS.items():
            if row["split"] in splits:
                out[row["id"]] = letter
    return out


def site_index(site):
    """(source id, n key) -> text, for every paragraph and list item of a briefing.json."""
    index = {}
    for source in site.get("sources", []):
        for paragraph in source.get("paragraphs", []):
            index[(source["id"], str(paragraph["n"]))] = paragraph.get("text") or ""
            for item in paragraph.get("items") or []:
                index[(source["id"], "%s.%s" % (paragraph["n"], item["n"]))] = item.get("text") or ""
    return index


def text_index():
    """(source id, n key) -> paragraph text, from texts/ (None when the texts are missing)."""
    if not os.path.isdir(news_manifest.TEXTS):
        return None
    names = [n for n in os.listdir(news_manifest.TEXTS) if n.endswith(".md")]
    if not names:
        return None
    index = {}
    for name in names:
        _, paragraphs, _ = news_manifest.read_article(os.path.join(news_manifest.TEXTS, name))
        for n, text in enumerate(paragraphs, start=1):
            index[(name[:-3], str(n))] = text
    return index


def word_spans(text, max_chars=MAX_QUOTE_CHARS):
    """Every run of whole words of text (no space at either end, not cut inside a word or
    number), as (start, end), up to max_chars long."""
    def cut(k):  # may a quote begin or end between text[k - 1] and text[k]?
        return k == 0 or k == len(text) or not (text[k - 1].isalnum() and text[k].isalnum())
    starts = [i for i in range(len(text)) if not text[i].isspace() and cut(i)]
    ends = [j for j in range(1, len(text) + 1) if not text[j - 1].isspace() and cut(j)]
    for i in starts:
        for j in ends[bisect.bisect_right(ends, i):]:
            if j - i > max_chars:
                break
            yield i, j


def find_quote_hashes(text, wanted):
    """{quote_hash: (start, end)} for the wanted hashes found among the word runs of text."""
    found = {}
    wanted = set(wanted)
    if not wanted:
        return found
    for i, j in word_spans(text):
        h = sha16(text[i:j])
        if h in wanted and h not in found:
            found[h] = (i, j)
            if len(found) == len(wanted):
                break
    return found


def is_word_run(text, quote):
    """Whether quote occurs in text as a run of whole words (see word_spans)."""
    start = text.find(quote)
    while start >= 0:
        end = start + len(quote)
        if (quote == quote.strip() and (start == 0 or not (text[start - 1].isalnum() and quote[0].isalnum()))
                and (end == len(text) or not (text[end].isalnum() and quote[-1].isalnum()))):
            return True
        start = text.find(quote, start + 1)
    return False


def iter_members(entries):
    """(where, entry, position or None, member) for every member of the entries."""
    for entry in entries.get("corroborated") or []:
        for member in entry.get("members") or []:
            yield "corroborated %s" % entry.get("id"), entry, None, member
    for entry in entries.get("discrepancies") or []:
        for k, position in enumerate(entry.get("positions") or [], start=1):
            for member in position.get("members") or []:
                yield "discrepancies %s position %d" % (entry.get("id"), k), entry, position, member


class Checker:
    def __init__(self, sets, quotes_mode=False):
        self.sets = sets  # article id -> set letter
        self.quotes_mode = quotes_mode  # members carry `quote` instead of the two hashes
        self.problems = []

    def problem(self, where, message):
        self.problems.append("%s: %s" % (where, message))

    def value(self, where, value, kind=None):
        if not isinstance(value, dict):
            self.problem(where, "value must be a mapping, not %r" % (value,))
            return
        if "date" in value:
            if kind == "quantity":
                self.problem(where, "a quantity needs a quantity value")
            if set(value) - {"date", "end", "precision"} or "precision" not in value:
                self.problem(where, "a date value is date, precision and optionally end: %r" % (value,))
                return
            pattern = DATE_FORMATS.get(value["precision"])
            if pattern is None:
                self.problem(where, "precision must be year, month or day: %r" % (value["precision"],))
                return
            for key in ("date", "end"):
                if key in value and (not isinstance(value[key], str) or not pattern.match(value[key])):
                    self.problem(where, "%s %r does not match precision %s" % (key, value[key], value["precision"]))
            if "end" in value and isinstance(value.get("end"), str) and value["end"] <= str(value["date"]):
                self.problem(where, "end must come after date: %r" % (value,))
            return
        if kind == "date":
            self.problem(where, "a date needs a date value")
        bound = value.get("bound")
        if bound not in BOUNDS:
            self.problem(where, "bound must be one of %s: %r" % (sorted(BOUNDS), value))
            return
        if not isinstance(value.get("unit"), str) or not value["unit"].strip():
            self.problem(where, "a quantity needs a unit: %r" % (value,))
        number = (int, float)
        if bound == "range":
            if set(value) != {"min", "max", "unit", "bound"}:
                self.problem(where, "a range has exactly min, max, unit and bound: %r" % (value,))
            elif not (isinstance(value["min"], number) and isinstance(value["max"], number)
                      and value["min"] <= value["max"]):
                self.problem(where, "a range needs numbers min <= max: %r" % (value,))
        elif set(value) != {"amount", "unit", "bound"}:
            self.problem(where, "a quantity has exactly amount, unit and bound: %r" % (value,))
        elif not isinstance(value["amount"], number) or isinstance(value["amount"], bool):
            self.problem(where, "amount must be a number: %r" % (value,))

    def members(self, where, members, letter):
        """Checks a member list; returns the set of articles it cites."""
        cited = set()
        if not isinstance(members, list) or not members:
            self.problem(where, "no members")
            return cited
        keys = {"source", "n", "quote"} if self.quotes_mode else {"source", "n", "hash", "quote_hash"}
        seen = set()
        for i, member in enumerate(members, start=1):
            at = "%s member %d" % (where, i)
            if not isinstance(member, dict) or set(member) != keys:
                self.problem(at, "must have exactly %s: %r" % (", ".join(sorted(keys)), member))
                continue
            source = member["source"]
            if source not in self.sets:
                self.problem(at, "unknown article %r (not in manifest.tsv)" % (source,))
                continue
            if self.sets[source] != letter:
                self.problem(at, "%s is in set %s, not %s" % (source, self.sets[source], letter))
            if n_key(member["n"]) is None:
                self.problem(at, "n must be a paragraph number or a string like \"7.2\": %r" % (member["n"],))
                continue
            if self.quotes_mode:
                if not isinstance(member["quote"], str) or not member["quote"].strip():
                    self.problem(at, "empty quote")
                    continue
                words = len(member["quote"].split())
                if not QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]:
                    self.problem(at, "quote has %d words, keep to %d-%d" % ((words,) + QUOTE_WORDS))
                if len(member["quote"]) > MAX_QUOTE_CHARS:
                    self.problem(at, "quote longer than %d characters" % MAX_QUOTE_CHARS)
                key = (source, n_key(member["n"]), member["quote"])
            else:
                for field in ("hash", "quote_hash"):
                    if not isinstance(member[field], str) or not HEX16.match(member[field]):
                        self.problem(at, "%s must be 16 lowercase hex digits: %r" % (field, member[field]))
                key = (source, n_key(member["n"]), member["quote_hash"])
            if key in seen:
                self.problem(at, "listed twice")
            seen.add(key)
            cited.add(source)
        return cited

    def entry_head(self, where, entry, allowed):
        if set(entry) - allowed:
            self.problem(where, "unexpected keys %s" % sorted(set(entry) - allowed))
        letter = entry.get("set")
        if letter not in SETS:
            self.problem(where, "set must be A or B: %r" % (letter,))
        if "note" in entry and (not isinstance(entry["note"], str) or not entry["note"].strip()):
            self.problem(where, "note must be text")
        return letter

    def fact(self, where, fact):
        letter = self.entry_head(where, fact, {"id", "set", "fact", "kind", "value", "note", "members"})
        if not isinstance(fact.get("fact"), str) or not fact["fact"].strip():
            self.problem(where, "no fact sentence")
        kind = fact.get("kind")
        if kind not in KINDS:
            self.problem(where, "kind must be quantity or date: %r" % (kind,))
        elif "value" not in fact:
            self.problem(where, "a %s needs a value" % kind)
        else:
            self.value(where, fact["value"], kind)
        cited = self.members(where, fact.get("members"), letter)
        if len(cited) < 2:
            self.problem(where, "cites %d article(s), needs two different articles" % len(cited))

    def discrepancy(self, where, item):
        letter = self.entry_head(where, item, {"id", "set", "topic", "severity", "note", "positions"})
        if not isinstance(item.get("topic"), str) or not item["topic"].strip():
            self.problem(where, "no topic")
        if item.get("severity") not in SEVERITIES:
            self.problem(where, "severity must be contradiction or precision: %r" % (item.get("severity"),))
        positions = item.get("positions")
        if not isinstance(positions, list) or len(positions) < 2:
            self.problem(where, "needs at least two positions")
            return
        backing = []
        for k, position in enumerate(positions, start=1):
            at = "%s position %d" % (where, k)
            if not isinstance(position, dict) or set(position) - {"text", "value", "members"}:
                self.problem(at, "a position has text, value (optional) and members: %r" % (position,))
                backing.append(set())
                continue
            if not isinstance(position.get("text"), str) or not position["text"].strip():
                self.problem(at, "no text")
            if "value" in position:
                self.value(at, position["value"])
            backing.append(self.members(at, position.get("members"), letter))
        texts = [p.get("text") for p in positions if isinstance(p, dict)]
        if len(set(texts)) != len(texts):
            self.problem(where, "two positions have the same text")
        if not any(a != b for i, x in enumerate(backing) for y in backing[i + 1:] for a in x for b in y):
            self.problem(where, "needs two positions backed by different articles")

    def document(self, data, path):
        if not isinstance(data, dict) or set(data) != {"corroborated", "discrepancies"}:
            self.problem(path, "top level must be exactly corroborated and discrepancies")
            return
        seen = set()
        for section in ("corroborated", "discrepancies"):
            entries = data[section]
            if not isinstance(entries, list):
                self.problem(section, "must be a list")
                continue
            for i, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    self.problem("%s[%d]" % (section, i), "must be a mapping")
                    continue
                ident = entry.get("id")
                where = "%s %s" % (section, ident or i)
                if not isinstance(ident, str) or not KEBAB.match(ident):
                    self.problem(where, "id must be kebab-case: %r" % (ident,))
                elif ident in seen:
                    self.problem(where, "duplicate id")
                seen.add(ident)
                if section == "corroborated":
                    self.fact(where, entry)
                else:
                    self.discrepancy(where, entry)


# ---- writing facts.yaml from the quotes file ------------------------------------------------

def flow(value):
    """A value as a one-line YAML flow mapping / scalar, in a fixed layout."""
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (k, flow(v)) for k, v in value.items())
    if isinstance(value, bool) or value is None:
        raise ValueError("unexpected value %r" % (value,))
    if isinstance(value, (int, float)):
        return repr(value)
    return scalar(value)


PLAIN = re.compile(r"^[A-Za-z][A-Za-z ]*[A-Za-z]$")
YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}


def scalar(text):
    if PLAIN.match(text) and text.lower() not in YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def write_facts(quotes, texts, out_path):
    """Writes facts.yaml from the quotes document; returns a list of problems (nothing is
    written if there is any)."""
    problems = []
    lines = [HEADER]

    def member_line(indent, where, member):
        key = (member["source"], n_key(member["n"]))
        text = texts.get(key)
        if text is None:
            problems.append("%s: %s has no ¶%s in texts/" % (where, key[0], key[1]))
            return
        if member["quote"] not in text:
            problems.append("%s: quote not in %s ¶%s: %r" % (where, key[0], key[1], member["quote"]))
            return
        if not is_word_run(text, member["quote"]):
            problems.append("%s: quote must start and end at word boundaries: %r" % (where, member["quote"]))
        n = member["n"]
        lines.append("%s- {source: %s, n: %s, hash: %s, quote_hash: %s}"
                     % (indent, member["source"], n if isinstance(n, int) else scalar(n),
                        sha16(text), sha16(member["quote"])))

    def head(entry, keys):
        lines.append("  - id: %s" % entry["id"])
        lines.append("    set: %s" % entry["set"])
        for key in keys:
            if key in entry:
                v = entry[key]
                if key == "note":
                    lines.append("    note: >-")
                    lines.extend(textwrap.wrap(v, 96, initial_indent="      ", subsequent_indent="      ",
                                               break_long_words=False, break_on_hyphens=False))
                else:
                    lines.append("    %s: %s" % (key, flow(v) if isinstance(v, dict) else scalar(v)))

    for section in ("corroborated", "discrepancies"):
        lines.append("%s:" % section)
        last_set = None
        for entry in quotes[section]:
            if entry["set"] != last_set:
                lines.append("  # ---- set %s %s" % (entry["set"], "-" * 78))
                last_set = entry["set"]
            if section == "corroborated":
                head(entry, ("fact", "kind", "value", "note"))
                lines.append("    members:")
                for member in entry["members"]:
                    member_line("      ", "corroborated %s" % entry["id"], member)
            else:
                head(entry, ("topic", "severity", "note"))
                lines.append("    positions:")
                for k, position in enumerate(entry["positions"], start=1):
                    lines.append("      - text: %s" % scalar(position["text"]))
                    if "value" in position:
                        lines.append("        value: %s" % flow(position["value"]))
                    lines.append("        members:")
                    for member in position["members"]:
                        member_line("          ", "discrepancies %s position %d" % (entry["id"], k), member)
            lines.append("")
    if problems:
        return problems
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    return []


# ---- checking hashes -------------------------------------------------------------------------

def check_hashes(checker, facts, index, what, quotes_by_hash=None):
    """Paragraph hashes (and, with the paragraph text, quote hashes) against an index of
    (source, n) -> text. Members of articles the index does not hold at all are skipped (a
    site built from one set); returns how many members were checked."""
    wanted = {}
    sources = {source for source, _ in index}
    checked = 0
    for where, _, _, member in iter_members(facts):
        if not isinstance(member, dict) or n_key(member.get("n")) is None:
            continue
        key = (member.get("source"), n_key(member["n"]))
        if key[0] not in sources:
            continue
        checked += 1
        text = index.get(key)
        if text is None:
            checker.problem(where, "%s has no ¶%s in %s" % (key[0], key[1], what))
            continue
        if sha16(text) != member.get("hash"):
            checker.problem(where, "%s ¶%s: hash %s, %s gives %s" % (key[0], key[1], member.get("hash"), what, sha16(text)))
            continue
        wanted.setdefault(key, []).append((where, member.get("quote_hash")))
    for key, entries in wanted.items():
        text = index[key]
        found = find_quote_hashes(text, [h for _, h in entries])
        for where, h in entries:
            if h not in found:
                checker.problem(where, "%s ¶%s: no run of words hashes to quote_hash %s" % (key[0], key[1], h))
            elif quotes_by_hash is not None and h in quotes_by_hash and quotes_by_hash[h] != text[found[h][0]:found[h][1]]:
                checker.problem(where, "%s ¶%s: quote_hash %s found but not as the local quote" % (key[0], key[1], h))
    return checked


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("facts", nargs="?", default=FACTS, help="facts.yaml (default: %(default)s)")
    ap.add_argument("--site", help="a briefing.json built from the texts: check n and hashes against it")
    ap.add_argument("--quotes", default=QUOTES, help="the local quotes file (default: %(default)s)")
    ap.add_argument("--write", metavar="QUOTES_YAML", help="write facts.yaml from this quotes file, then check")
    args = ap.parse_args()

    try:
        import yaml  # noqa: F401
    except ImportError:
        print("PyYAML is needed (python3 -m pip install pyyaml, or apt-get install python3-yaml)", file=sys.stderr)
        return 1
    sets = split_sets()
    texts = text_index()

    if args.write:
        quotes = load_yaml(args.write)
        checker = Checker(sets, quotes_mode=True)
        checker.document(quotes, args.write)
        if checker.problems:
            print("\n".join(checker.problems), file=sys.stderr)
            print("%d problem(s) in %s: nothing written" % (len(checker.problems), args.write), file=sys.stderr)
            return 1
        if texts is None:
            print("texts/ is missing: cannot hash the paragraphs, nothing written", file=sys.stderr)
            return 1
        problems = write_facts(quotes, texts, args.facts)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print("%d problem(s): nothing written" % len(problems), file=sys.stderr)
            return 1
        print("wrote %s" % args.facts)
        args.quotes = args.write

    facts = load_yaml(args.facts)
    checker = Checker(sets)
    checker.document(facts, args.facts)
    if checker.problems:
        print("\n".join(checker.problems), file=sys.stderr)
        print("%d problem(s) in %s" % (len(checker.problems), args.facts), file=sys.stderr)
        return 1

    # Paragraph hashes against labels.yaml (always there): same text, same hash.
    labels = news_manifest.read_labels()
    label_index = {(aid, str(n)): h for aid, paras in labels.items() for n, (h, _) in paras.items()}
    for where, _, _, member in iter_members(facts):
        key = (member["source"], n_key(member["n"]))
        if "." in key[1]:
            continue  # list items are not in labels.yaml
        if key not in label_index:
            checker.problem(where, "%s has no ¶%s in labels.yaml" % key)
        elif label_index[key] != member["hash"]:
            checker.problem(where, "%s ¶%s: hash %s, labels.yaml has %s" % (key[0], key[1], member["hash"], label_index[key]))

    quotes_by_hash = None
    checked = ["structure", "labels.yaml paragraph hashes"]
    if os.path.exists(args.quotes):
        quotes = load_yaml(args.quotes)
        qchecker = Checker(sets, quotes_mode=True)
        qchecker.document(quotes, args.quotes)
        checker.problems.extend(qchecker.problems)
        quotes_by_hash = {}
        local = {}
        for where, entry, position, member in iter_members(quotes):
            quotes_by_hash[sha16(member["quote"])] = member["quote"]
            local.setdefault(where, []).append((member["source"], n_key(member["n"]), sha16(member["quote"])))
        committed = {}
        for where, entry, position, member in iter_members(facts):
            committed.setdefault(where, []).append((member["source"], n_key(member["n"]), member["quote_hash"]))
        if local != committed:
            for where in sorted(set(local) | set(committed)):
                if local.get(where) != committed.get(where):
                    checker.problem(where, "facts.yaml and %s differ (run --write)" % args.quotes)
        checked.append("local quotes")
    if texts is not None:
        check_hashes(checker, facts, texts, "texts/", quotes_by_hash)
        checked.append("texts/ hashes and quote hashes")
    if args.site:
        with open(args.site, encoding="utf-8") as f:
            count = check_hashes(checker, facts, site_index(json.load(f)), args.site, quotes_by_hash)
        if count == 0:
            checker.problem(args.site, "holds none of the labelled articles")
        checked.append("%d members against %s" % (count, args.site))

    if checker.problems:
        print("\n".join(checker.problems), file=sys.stderr)
        print("%d problem(s)" % len(checker.problems), file=sys.stderr)
        return 1
    for letter in sorted(SETS):
        facts_n = [f for f in facts["corroborated"] if f["set"] == letter]
        disc = [d for d in facts["discrepancies"] if d["set"] == letter]
        members = sum(len(f["members"]) for f in facts_n) + sum(
            len(p["members"]) for d in disc for p in d["positions"])
        kinds = {k: sum(f["kind"] == k for f in facts_n) for k in sorted(KINDS)}
        sev = {s: sum(d["severity"] == s for d in disc) for s in sorted(SEVERITIES)}
        print("set %s: %d corroborated facts (%s), %d discrepancies (%s), %d members"
              % (letter, len(facts_n), ", ".join("%d %s" % (n, k) for k, n in kinds.items()),
                 len(disc), ", ".join("%d %s" % (n, s) for s, n in sev.items()), members))
    print("ok: %s" % "; ".join(checked))
    if texts is None:
        print("(texts/ is missing: hashes checked against labels.yaml only, quotes not verified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
