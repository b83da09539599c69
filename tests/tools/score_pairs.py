#!/usr/bin/env python3
"""Score a built site's joins, contradictions and quote speakers against the hand labels
of tests/fixtures/pairs/ (see that folder's README.md).

    score_pairs.py SITE/briefing.json [--split dev|held-out|all] [--show] [--labels DIR]

Labels hold hashes only: a labelled sentence is found in the build's own paragraph text
(paragraph matched by the hash of its trimmed text) by its exact text when the ignored
pairs.local.yaml is present, else by hashing candidate sentences of that paragraph.
Python 3 standard library; PyYAML is used when present, else labels.json is read.
"""
import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LABELS = os.path.normpath(os.path.join(HERE, "..", "fixtures", "pairs"))


def h16(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_labels(folder):
    try:
        import yaml  # type: ignore
    except ImportError:
        yaml = None
    local = None
    if yaml is not None and os.path.exists(os.path.join(folder, "labels.yaml")):
        with open(os.path.join(folder, "labels.yaml"), encoding="utf-8") as f:
            labels = yaml.safe_load(f)
        lp = os.path.join(folder, "pairs.local.yaml")
        if os.path.exists(lp):
            with open(lp, encoding="utf-8") as f:
                local = yaml.safe_load(f)
    else:
        with open(os.path.join(folder, "labels.json"), encoding="utf-8") as f:
            labels = json.load(f)
    return labels, local


ABBR = re.compile(r"(?:U\.S|U\.K|U\.N|Gen|Mr|Mrs|Dr|Co|Corp|Inc|Maj|St|Sept|Oct|Mar|No|p\.m|a\.m|C\.C|S|Sen|Rep|vs|etc)\.$")


def candidate_sentences(par):
    """Every span between sentence-like boundaries (a superset of the labeller's splits)."""
    cuts = [0]
    for m in re.finditer(r"[.!?…]+[\"”’)]*\s+(?=[\"“(A-Z0-9$])", par):
        cuts.append(m.end())
    cuts.append(len(par))
    out = set()
    for i in range(len(cuts)):
        for j in range(i + 1, len(cuts)):
            out.add(par[cuts[i]:cuts[j]].strip())
    return out


class Site:
    def __init__(self, data):
        self.data = data
        self.par = {}        # (site source id, n) -> text
        self.by_hash = {}    # para hash -> (site source id, n)
        for s in data.get("sources", []):
            sid = s.get("id") or s.get("slug") or s.get("source")
            for p in s.get("paragraphs", []):
                t = (p.get("text") or "").strip()
                self.par[(sid, p["n"])] = t
                self.by_hash.setdefault(h16(t), (sid, p["n"]))

    def span(self, cit):
        """(site source, n, start, end) of a citation's quote, or None."""
        key = (cit.get("source"), cit.get("n"))
        t = self.par.get(key)
        if t is None:
            return None
        q = (cit.get("quote") or "").strip()
        if not q:
            return (key[0], key[1], 0, len(t))
        i = t.find(q)
        if i < 0:
            return None
        return (key[0], key[1], i, i + len(q))


class Index:
    """Labelled sentences located in the site's paragraphs."""

    def __init__(self, labels, local, site):
        self.site = site
        self.loc = {}  # sentence key -> (site source, n, start, end)
        self.missing = set()
        texts = {}
        if local:
            for p in local.get("pairs", []):
                for ref in (p["a"], p["b"]):
                    texts[(ref["source"], ref["n"], h16(ref["sentence"]))] = ref["sentence"]
            for f in local.get("facts", []):
                for ref in f["members"]:
                    texts[(ref["source"], ref["n"], h16(ref["sentence"]))] = ref["sentence"]
            for d in local.get("disagreements", []):
                for pos in d["positions"]:
                    for ref in pos:
                        texts[(ref["source"], ref["n"], h16(ref["sentence"]))] = ref["sentence"]
            qtext = {q["id"]: q["sentence"] for q in local.get("quotes", [])}
            for lq in labels.get("quotes", []):
                if lq.get("id") in qtext:
                    texts[(lq["source"], lq["n"], lq["sentence_hash"])] = qtext[lq["id"]]
        self.texts = texts
        for ref in self.all_refs(labels):
            self.locate(ref)

    @staticmethod
    def key(ref):
        return (ref["source"], ref["n"], ref["sentence_hash"])

    @staticmethod
    def all_refs(labels):
        for p in labels["pairs"]:
            yield p["a"]
            yield p["b"]
        for f in labels["facts"]:
            yield from f["members"]
        for d in labels["disagreements"]:
            for pos in d["positions"]:
                yield from pos
        yield from labels["quotes"]

    def locate(self, ref):
        k = self.key(ref)
        if k in self.loc or k in self.missing:
            return
        where = self.site.by_hash.get(ref["para_hash"])
        if where is None:
            self.missing.add(k)
            return
        par = self.site.par[where]
        text = self.texts.get(k)
        if text is None:
            for c in candidate_sentences(par):
                if h16(c) == ref["sentence_hash"]:
                    text = c
                    break
        i = par.find(text) if text else -1
        if i < 0:
            self.missing.add(k)
            return
        self.loc[k] = (where[0], where[1], i, i + len(text))

    def sentences_of(self, cit):
        sp = self.site.span(cit)
        if sp is None:
            return set()
        out = set()
        for k, (s, n, a, b) in self.loc.items():
            if s == sp[0] and n == sp[1] and a < sp[3] and sp[2] < b:
                out.add(k)
        return out


def last_name(s):
    toks = re.findall(r"[\w'’-]+", (s or "").lower())
    return toks[-1] if toks else ""


def ratio(a, b):
    return "n/a" if b == 0 else f"{a / b:.3f} ({a}/{b})"


def score(labels, local, data, split="all", show=False, out=None):
    out = out or sys.stdout
    site = Site(data)
    idx = Index(labels, local, site)
    insplit = lambda item: split == "all" or item.get("split") == split
    pair_label = {}
    for p in labels["pairs"]:
        pair_label[frozenset((idx.key(p["a"]), idx.key(p["b"])))] = p
    src_of = lambda k: k[0]
    res = {}

    # joins
    claims = data.get("claims", [])
    claim_sents = []
    counts = defaultdict(int)
    unlabelled = []
    for c in claims:
        cited = set()
        for cit in c.get("citations", []):
            cited |= idx.sentences_of(cit)
        claim_sents.append(cited)
        if len({cit.get("source") for cit in c.get("citations", [])}) < 2:
            continue
        for a, b in combinations(sorted(cited), 2):
            if src_of(a) == src_of(b):
                continue
            p = pair_label.get(frozenset((a, b)))
            if p is None:
                counts["unlabelled"] += 1
                unlabelled.append((c.get("id"), a, b))
                continue
            if not insplit(p):
                continue
            # A disputed claim sets its positions side by side: two sentences that contradict
            # each other in it are the disagreement shown, not a join of agreeing sources.
            if p["label"] == "contradiction" and c.get("disputed"):
                counts["disputed"] += 1
                continue
            counts[p["label"]] += 1
    labelled = counts["same"] + counts["different"] + counts["contradiction"]
    res["join_precision"] = ratio(counts["same"], labelled)
    res["join_wrong"] = {"different": counts["different"], "contradiction": counts["contradiction"]}
    res["join_unlabelled_pairs"] = counts["unlabelled"]
    res["contradictions_inside_disputed_claims"] = counts["disputed"]
    same = [p for p in labels["pairs"] if p["label"] == "same" and insplit(p)]
    hit = sum(1 for p in same if any(idx.key(p["a"]) in cs and idx.key(p["b"]) in cs for cs in claim_sents))
    res["join_recall"] = ratio(hit, len(same))
    facts = [f for f in labels["facts"] if insplit(f)]
    fhit = 0
    for f in facts:
        ks = {idx.key(m) for m in f["members"]}
        if any(len({src_of(k) for k in ks & cs}) >= 2 for cs in claim_sents):
            fhit += 1
    res["fact_recall"] = ratio(fhit, len(facts))

    # contradictions
    disc = [d for d in data.get("discrepancies", []) if d.get("severity") == "contradiction"]
    dpos = []
    ccount = defaultdict(int)
    for d in disc:
        positions = []
        for pos in d.get("positions", []):
            ks = set()
            for cit in pos.get("citations", []):
                ks |= idx.sentences_of(cit)
            positions.append(ks)
        dpos.append(positions)
        for i, j in combinations(range(len(positions)), 2):
            for a in positions[i]:
                for b in positions[j]:
                    if src_of(a) == src_of(b):
                        continue
                    p = pair_label.get(frozenset((a, b)))
                    if p is None:
                        ccount["unlabelled"] += 1
                    elif insplit(p):
                        ccount[p["label"]] += 1
    clab = ccount["same"] + ccount["different"] + ccount["contradiction"]
    res["contradiction_precision"] = ratio(ccount["contradiction"], clab)
    res["contradiction_unlabelled_pairs"] = ccount["unlabelled"]

    def apart(ka, kb):
        return any(any(ka & positions[i] and kb & positions[j] for i in range(len(positions)) for j in range(len(positions)) if i != j) for positions in dpos)

    cpairs = [p for p in labels["pairs"] if p["label"] == "contradiction" and insplit(p)]
    res["contradiction_recall_pairs"] = ratio(sum(1 for p in cpairs if apart({idx.key(p["a"])}, {idx.key(p["b"])})), len(cpairs))
    dis = [d for d in labels["disagreements"] if insplit(d)]
    dh = 0
    for d in dis:
        ps = [{idx.key(m) for m in pos} for pos in d["positions"]]
        if any(apart(ps[i], ps[j]) for i, j in combinations(range(len(ps)), 2)):
            dh += 1
    res["disagreement_recall"] = ratio(dh, len(dis))

    # quotes
    shown = data.get("quotes", [])
    def find_quote(lq):
        k = idx.key(lq)
        for q in shown:
            t = (q.get("text") or "").strip().strip("\"“”'‘’")
            if t and h16(t) == lq["quote_hash"]:
                return q
        for q in shown:
            for cit in q.get("citations", []):
                if k in idx.sentences_of(cit):
                    return q
        return None
    lqs = [q for q in labels["quotes"] if insplit(q) and q.get("speaker") and not q.get("term")]
    covered = right = 0
    for lq in lqs:
        q = find_quote(lq)
        if q and (q.get("speaker") or "").strip():
            covered += 1
            if last_name(q["speaker"]) == last_name(lq["speaker"]):
                right += 1
    res["speaker_coverage"] = ratio(covered, len(lqs))
    res["speaker_accuracy"] = ratio(right, len(lqs))
    res["speaker_right_when_shown"] = ratio(right, covered)
    # Quotes the text gives no speaker for, shown with one: always wrong.
    unnamed = [q for q in labels["quotes"] if insplit(q) and not q.get("speaker") and not q.get("term")]
    res["speaker_invented"] = sum(1 for lq in unnamed if (q := find_quote(lq)) and (q.get("speaker") or "").strip())
    terms = [q for q in labels["quotes"] if insplit(q) and q.get("term")]
    res["terms_listed_as_quotes"] = sum(1 for q in terms if find_quote(q))
    res["labelled_sentences_not_found"] = len(idx.missing)

    print(f"split: {split}", file=out)
    for k, v in res.items():
        print(f"  {k}: {v}", file=out)
    if show and unlabelled:
        print("unlabelled cross-source pairs joined by a claim (for a human to judge):", file=out)
        for cid, a, b in unlabelled:
            for k in (a, b):
                s, n, i, j = idx.loc[k]
                print(f"  [{cid}] {k[0]} ¶{k[1]}: {site.par[(s, n)][i:j]}", file=out)
            print("", file=out)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("briefing")
    ap.add_argument("--split", default="all", choices=["dev", "held-out", "all"])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--labels", default=DEFAULT_LABELS)
    a = ap.parse_args(argv)
    labels, local = load_labels(a.labels)
    with open(a.briefing, encoding="utf-8") as f:
        data = json.load(f)
    score(labels, local, data, a.split, a.show)


if __name__ == "__main__":
    main()
