#!/usr/bin/env python3
"""Unit test of score_pairs.py on hand-made labels and a hand-made briefing.json.

    python3 tests/tools/test_score_pairs.py
"""
import hashlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_pairs  # noqa: E402


def h(t):
    return hashlib.sha256(t.encode()).hexdigest()[:16]


A1 = "The strikes killed 31 people. Officials said more would follow."
A2 = '"We will respond," said Jane Roe.'
B1 = "At least 31 people died in the strikes on Saturday."
B2 = "The toll was 20, the ministry said."
C1 = "The ministry put the dead at 31 and the strikes began on Monday."


def ref(src, n, par, sent):
    return {"source": src, "n": n, "para_hash": h(par), "sentence_hash": h(sent)}


def labels():
    s_a = "The strikes killed 31 people."
    s_a2 = "Officials said more would follow."
    pairs = [
        {"id": "p1", "split": "dev", "label": "same", "kind": "quantity", "a": ref("a", 1, A1, s_a), "b": ref("b", 1, B1, B1)},
        {"id": "p2", "split": "dev", "label": "contradiction", "kind": "quantity", "a": ref("a", 1, A1, s_a), "b": ref("b", 2, B2, B2)},
        {"id": "p3", "split": "dev", "label": "different", "kind": "event", "a": ref("a", 1, A1, s_a2), "b": ref("b", 1, B1, B1)},
        {"id": "p4", "split": "held-out", "label": "same", "kind": "quantity", "a": ref("b", 1, B1, B1), "b": ref("c", 1, C1, C1)},
    ]
    facts = [{"id": "f1", "split": "dev", "members": [ref("a", 1, A1, s_a), ref("b", 1, B1, B1)]}]
    dis = [{"id": "d1", "split": "dev", "type": "figure", "positions": [[ref("a", 1, A1, s_a)], [ref("b", 2, B2, B2)]]}]
    quotes = [
        dict(ref("a", 2, A2, A2), id="q1", split="dev", quote_hash=h("We will respond,"), speaker="Jane Roe"),
        dict(ref("b", 2, B2, B2), id="q2", split="dev", quote_hash=h("nothing"), speaker=None, term=True),
    ]
    return {"pairs": pairs, "facts": facts, "disagreements": dis, "quotes": quotes}


def site():
    src = lambda i, ps: {"id": i, "paragraphs": [{"n": n, "text": t} for n, t in enumerate(ps, 1)]}
    return {
        "sources": [src("a", [A1, A2]), src("b", [B1, B2]), src("c", [C1])],
        "claims": [
            # right join (p1) plus a wrong one (p3): "Officials said..." is cited too
            {"id": "c1", "kind": "quantity", "sources": ["a", "b"], "support": 2,
             "citations": [{"source": "a", "n": 1, "quote": "killed 31 people. Officials said"},
                           {"source": "b", "n": 1, "quote": "At least 31 people died"}]},
            # a wrong join of a contradiction (p2) and an unlabelled pair (a1/c1)
            {"id": "c2", "kind": "quantity", "sources": ["b", "c"], "support": 2,
             "citations": [{"source": "b", "n": 2, "quote": "The toll was 20"},
                           {"source": "c", "n": 1, "quote": "dead at 31"}]},
            {"id": "c3", "kind": "quantity", "sources": ["a"], "support": 1,
             "citations": [{"source": "a", "n": 1, "quote": "killed 31"}]},
        ],
        "discrepancies": [
            {"severity": "contradiction", "positions": [
                {"citations": [{"source": "a", "n": 1, "quote": "The strikes killed 31 people."}]},
                {"citations": [{"source": "b", "n": 2, "quote": "The toll was 20"}]}]},
        ],
        "quotes": [{"speaker": "Roe", "text": "We will respond,", "citations": [{"source": "a", "n": 2, "quote": "We will respond,"}]}],
        "timeline": [],
    }


class ScoreTest(unittest.TestCase):
    def run_score(self, split):
        out = io.StringIO()
        return score_pairs.score(labels(), None, site(), split, show=True, out=out), out.getvalue()

    def test_dev(self):
        r, text = self.run_score("dev")
        self.assertEqual(r["join_precision"], "0.500 (1/2)")
        self.assertEqual(r["join_wrong"], {"different": 1, "contradiction": 0})
        self.assertEqual(r["join_recall"], "1.000 (1/1)")
        self.assertEqual(r["fact_recall"], "1.000 (1/1)")
        self.assertEqual(r["contradiction_precision"], "1.000 (1/1)")
        self.assertEqual(r["contradiction_recall_pairs"], "1.000 (1/1)")
        self.assertEqual(r["disagreement_recall"], "1.000 (1/1)")
        self.assertEqual(r["speaker_coverage"], "1.000 (1/1)")
        self.assertEqual(r["speaker_accuracy"], "1.000 (1/1)")
        self.assertEqual(r["terms_listed_as_quotes"], 0)
        self.assertEqual(r["labelled_sentences_not_found"], 0)

    def test_held_out_and_unlabelled(self):
        r, text = self.run_score("held-out")
        # c2 joins b2 (toll 20) with c1: that pair is not labelled; p4 (b1/c1) is never joined
        self.assertEqual(r["join_unlabelled_pairs"], 1)
        self.assertEqual(r["join_recall"], "0.000 (0/1)")
        self.assertIn("unlabelled cross-source pairs", text)

    def test_cli_with_json_labels(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "labels.json"), "w") as f:
                json.dump(labels(), f)
            bj = os.path.join(d, "briefing.json")
            with open(bj, "w") as f:
                json.dump(site(), f)
            old = sys.stdout
            sys.stdout = io.StringIO()
            try:
                score_pairs.main([bj, "--split", "dev", "--labels", d])
                text = sys.stdout.getvalue()
            finally:
                sys.stdout = old
            self.assertIn("join_precision: 0.500 (1/2)", text)


if __name__ == "__main__":
    unittest.main()
