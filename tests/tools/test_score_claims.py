#!/usr/bin/env python3
"""Tests of score_claims.py and check_news_facts.py on hand-made briefing.json outputs.

    python3 tests/tools/test_score_claims.py

The samples' cases run anywhere (site/briefing.json and tests/fixtures/analysis/facts.yaml are
committed). The real-news cases need tests/fixtures/news/texts/ and are skipped without it: they
make a briefing.json from the texts (a paragraph's text is the article's paragraph, as the site
gives it), so no build is needed. Standard library and PyYAML only.
"""

import copy
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import check_news_facts as cnf  # noqa: E402
import news_manifest  # noqa: E402

SCORER = os.path.join(HERE, "score_claims.py")
NEWS_FACTS = os.path.join(cnf.NEWS, "facts.yaml")


def cite(source, n, quote=None):
    c = {"source": source, "n": n}
    if quote is not None:
        c["quote"] = quote
    return c


def claim(ident, *citations, value=None):
    c = {"id": ident, "text": ident, "kind": "quantity", "themes": [],
         "sources": len({x["source"] for x in citations}), "citations": list(citations)}
    if value is not None:
        c["value"] = value
    return c


def disc(ident, *positions):
    return {"id": ident, "topic": ident, "themes": [],
            "positions": [{"text": "p%d" % i, "citations": list(cs)} for i, cs in enumerate(positions)]}


def run(args):
    out = subprocess.run([sys.executable, SCORER] + args, capture_output=True, text=True)
    return out.returncode, out.stdout + out.stderr


def write_site(site):
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(site, f)
    f.close()
    return f.name


def row(output, label):
    """The numbers of a table row, by its first cell."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == label:
            return cells[1:]
    raise AssertionError("no row %r in:\n%s" % (label, output))


class Samples(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ROOT, "site", "briefing.json"), encoding="utf-8") as f:
            cls.site = json.load(f)

    def score(self, claims=None, discrepancies=None, without_claims=False):
        site = copy.deepcopy(self.site)
        if without_claims:
            site.pop("claims", None)
        if claims is not None:
            site["claims"] = claims
        if discrepancies is not None:
            site["discrepancies"] = discrepancies
        path = write_site(site)
        try:
            return run(["--samples", os.path.join(ROOT, "tests/fixtures/analysis/facts.yaml"), path])
        finally:
            os.unlink(path)

    def test_no_claims_says_so(self):
        code, out = self.score(without_claims=True)
        self.assertEqual(code, 0, out)
        self.assertIn("no `claims`", out)

    def test_figures_shown_as_may_differ_count_as_a_flagged_discrepancy(self):
        flagged = claim("troops", cite("china-russia-north-korea-alliance-parade", 1, "over 10,000 troops"))
        flagged["differing"] = [cite("kim-armored-train-beijing-parade", 3, "thousands of soldiers")]
        code, out = self.score(claims=[flagged], discrepancies=[])
        self.assertEqual(code, 0, out)
        self.assertEqual(row(out, "discrepancies (same paragraph)")[:2], ["0", "7"])
        self.assertEqual(row(out, 'discrepancies or figures shown as "may differ" (same paragraph)')[:2],
                         ["1", "7"])

    def test_found_wrong_and_merged(self):
        claims = [
            # Found: 26 leaders in two articles (n as number and as string).
            claim("leaders", cite("china-russia-north-korea-alliance-parade", 2, "26 foreign leaders"),
                  cite("putin-kim-join-xi-military-show", "1", "Twenty-six foreign heads of state"),
                  value={"amount": 26, "unit": "leaders", "bound": "exact"}),
            # Merges the positions of a contradiction (troops on parade).
            claim("troops", cite("china-russia-north-korea-alliance-parade", 1, "over 10,000 troops"),
                  cite("kim-armored-train-beijing-parade", 3, "thousands of soldiers")),
            # Joins two different facts: 2019 visit and the 2022 war.
            claim("years", cite("kim-armored-train-beijing-parade", 1, "first visit to China since 2019"),
                  cite("putin-kim-join-xi-military-show", 12, "after Russia invaded Ukraine in 2022")),
            # A list item, consistent.
            claim("west", cite("china-russia-north-korea-alliance-parade", "8.3", "Excluding Western leaders"),
                  cite("putin-kim-join-xi-military-show", 14, "most Western leaders have stayed away")),
            # One source only: not a join.
            claim("single", cite("xi-putin-kim-one-stage", 1, "Tiananmen Square")),
        ]
        discrepancies = [disc("troops", [cite("china-russia-north-korea-alliance-parade", 1, "over 10,000 troops")],
                              [cite("kim-armored-train-beijing-parade", 3, "thousands of soldiers")])]
        code, out = self.score(claims, discrepancies)
        self.assertEqual(code, 0, out)
        # By paragraph, the troops claim also "finds" two facts its long paragraphs state
        # (xi-putin-kim-stood-together, parade-in-tiananmen-square); by quote it does not.
        self.assertEqual(row(out, "facts (same paragraph)")[:2], ["4", "38"])
        self.assertEqual(row(out, "facts (quote overlaps the labelled words)")[:2], ["2", "38"])
        self.assertEqual(row(out, "discrepancies (same paragraph)")[:2], ["1", "7"])
        self.assertEqual(row(out, "consistent with one labelled fact"), ["2"])
        self.assertEqual(row(out, "WRONG: joins different labelled facts"), ["1"])
        self.assertEqual(row(out, "WRONG: merges the positions of a contradiction"), ["1"])
        self.assertIn("values: 1 of 1 found facts", out)
        self.assertIn("- claim years: years", out)


@unittest.skipUnless(cnf.text_index() is not None, "tests/fixtures/news/texts/ is missing")
class News(unittest.TestCase):
    """Citations are made from the labels and the texts at run time (no article words here):
    labelled(...) gives the words a member's quote_hash stands for, other(...) words of a
    paragraph that no label covers."""

    @classmethod
    def setUpClass(cls):
        sets = cnf.split_sets()
        cls.sites, cls.text = {}, {}
        for letter in sorted(cnf.SETS):
            sources = []
            for aid in sorted(a for a, s in sets.items() if s == letter):
                with warnings.catch_warnings():  # news_manifest leaves the file to the collector
                    warnings.simplefilter("ignore", ResourceWarning)
                    _, paragraphs, _ = news_manifest.read_article(os.path.join(news_manifest.TEXTS, aid + ".md"))
                sources.append({"id": aid, "paragraphs": [{"n": n, "text": t} for n, t in enumerate(paragraphs, 1)]})
                for n, t in enumerate(paragraphs, 1):
                    cls.text[(aid, n)] = t
            cls.sites[letter] = {"format": 2, "sources": sources}
        cls.facts = cnf.load_yaml(NEWS_FACTS)
        cls.spans = {}  # (source, n) -> labelled spans
        for _, _, _, m in cnf.iter_members(cls.facts):
            text = cls.text[(m["source"], m["n"])]
            span = cnf.find_quote_hashes(text, [m["quote_hash"]])[m["quote_hash"]]
            cls.spans.setdefault((m["source"], m["n"]), []).append(span)

    def labelled(self, entry_id, source, n, position=None):
        """A citation with the labelled words of a member of a fact or of a position (1-based)."""
        for section in ("corroborated", "discrepancies"):
            for entry in self.facts[section]:
                if entry["id"] != entry_id:
                    continue
                members = entry["members"] if position is None else entry["positions"][position - 1]["members"]
                for m in members:
                    if (m["source"], m["n"]) == (source, n):
                        text = self.text[(source, n)]
                        i, j = cnf.find_quote_hashes(text, [m["quote_hash"]])[m["quote_hash"]]
                        return cite(source, n, text[i:j])
        raise AssertionError("no member %s ¶%d in %s" % (source, n, entry_id))

    def other(self, source, n):
        """A citation with four words of the paragraph that no labelled span touches."""
        text = self.text[(source, n)]
        spans = self.spans.get((source, n), [])
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        for k in range(len(words) - 3):
            span = (words[k][0], words[k + 3][1])
            if not any(span[0] < b and a < span[1] for a, b in spans):
                return cite(source, n, text[span[0]:span[1]])
        raise AssertionError("%s ¶%d: every word is labelled" % (source, n))

    def score(self, letter, claims, discrepancies=(), extra=()):
        site = copy.deepcopy(self.sites[letter])
        site["claims"] = claims
        site["discrepancies"] = list(discrepancies)
        path = write_site(site)
        try:
            return run([NEWS_FACTS, path, "--set", letter] + list(extra))
        finally:
            os.unlink(path)

    def test_labels_check(self):
        out = subprocess.run([sys.executable, os.path.join(HERE, "check_news_facts.py")], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)

    def test_set_a(self):
        L = self.labelled
        claims = [
            claim("80th", L("a-eightieth-anniversary", "africanews-putin-kim-attend-parade", 1),
                  L("a-eightieth-anniversary", "menafn-xi-rise-unstoppable", 1)),
            # Both paragraphs are members of the parade date, but one quote is the anniversary:
            # the date is found by paragraph only, and the join is wrong.
            claim("mixed", L("a-eightieth-anniversary", "cde-xi-axis-of-upheaval", 2),
                  L("a-parade-date", "aryanage-drone-submarines-parade", 1)),
            # The 2024 fact includes the article that gives June 2024: consistent.
            claim("treaty", cite("tass-kim-thanks-putin-kursk", 4),
                  L("a-russia-nk-treaty-date", "chinadaily-putin-meets-kim-beijing", 6, position=2)),
            claim("troops", L("a-nk-troops-sent-count", "indiatoday-putin-thanks-kim-kursk", 1, position=1),
                  L("a-nk-troops-sent-count", "hindustantimes-putin-thanks-kim-troops", 3, position=3)),
            claim("leaders", L("a-parade-foreign-leaders-count", "liga-vucic-fico-beijing-parade", 2, position=1),
                  self.other("sputnik-tianjin-declaration", 7)),
            claim("west", self.other("bbc-western-leaders-shy-away", 1),
                  self.other("africanews-putin-kim-attend-parade", 1)),
        ]
        discrepancies = [
            disc("war", [L("a-war-of-resistance-start", "anews-china-protests-japan-wwii-event", 8, position=1)],
                 [L("a-war-of-resistance-start", "chinadaily-putin-meets-kim-beijing", 2, position=2)]),
            disc("agree", [L("a-russia-china-agreements-count", "newser-putin-xi-hot-mic", 3)],
                 [L("a-russia-china-agreements-count", "world-xi-putin-mongolia-agreements", 1)]),
        ]
        code, out = self.score("A", claims, discrepancies)
        self.assertEqual(code, 0, out)
        self.assertEqual(row(out, "facts (same paragraph)")[:1], ["3"])  # 80th, parade date, treaty
        self.assertEqual(row(out, "facts (quote overlaps the labelled words)")[:1], ["2"])
        self.assertEqual(row(out, "discrepancies (same paragraph)")[:1], ["1"])
        self.assertEqual(row(out, "consistent with one labelled fact"), ["2"])
        self.assertEqual(row(out, "WRONG: joins different labelled facts"), ["1"])
        self.assertEqual(row(out, "WRONG: merges the positions of a contradiction"), ["1"])
        self.assertEqual(row(out, "review: labelled fact joined with unlabelled paragraphs"), ["1"])
        self.assertEqual(row(out, "review: touches no labelled member"), ["1"])
        self.assertIn("false discrepancies (positions that state one labelled fact): 1", out)

    def test_set_b_precision_merge_and_wrong_set(self):
        claims = [claim("date", self.labelled("b-parade-date-precision", "slashgear-ly1-laser-weapon", 1, position=2),
                        self.labelled("b-parade-date", "thestar-anwar-joins-vday-parade", 1))]
        code, out = self.score("B", claims, extra=["--quotes", os.devnull])
        self.assertEqual(code, 0, out)
        self.assertEqual(row(out, "review: merges the positions of a precision discrepancy"), ["1"])
        path = write_site(copy.deepcopy(self.sites["B"]))
        try:
            code, out = run([NEWS_FACTS, path, "--set", "A"])
        finally:
            os.unlink(path)
        self.assertEqual(code, 1, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
