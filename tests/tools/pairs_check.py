#!/usr/bin/env python3
"""Check that the local texts of tests/fixtures/pairs/ agree with manifest.tsv and labels.yaml
(file sha256, paragraph counts, paragraph and sentence hashes, quote hashes) and, when
pairs.local.yaml is present, that every exact sentence/quote there matches its hash.
Exit 0 when all agree, 1 on a mismatch, 2 when texts/ is absent."""
import hashlib, json, os, re, sys
D = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "pairs"))
h16 = lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest()[:16]
def main():
    tdir = os.path.join(D, "texts")
    if not os.path.isdir(tdir):
        print(f"no texts in {tdir}: restore them first (README.md)"); return 2
    try:
        import yaml
        L = yaml.safe_load(open(os.path.join(D, "labels.yaml"), encoding="utf-8"))
        lp = os.path.join(D, "pairs.local.yaml")
        LOC = yaml.safe_load(open(lp, encoding="utf-8")) if os.path.exists(lp) else None
    except ImportError:
        L = json.load(open(os.path.join(D, "labels.json"), encoding="utf-8")); LOC = None
    bad = []
    paras = {}
    rows = [r.split("\t") for r in open(os.path.join(D, "manifest.tsv"), encoding="utf-8").read().splitlines()[1:]]
    for r in rows:
        i, ev, split, pub, url, title, npar, sha = r
        f = os.path.join(tdir, i + ".md")
        if not os.path.exists(f): bad.append(f"missing text {i}"); continue
        raw = open(f, "rb").read()
        if hashlib.sha256(raw).hexdigest() != sha: bad.append(f"sha256 differs: {i}")
        body = raw.decode("utf-8").split("\n---\n", 1)[1]
        ps = [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
        if len(ps) != int(npar): bad.append(f"paragraph count differs: {i}")
        paras[i] = ps
    def check(ref, what):
        ps = paras.get(ref["source"])
        if ps is None or not 1 <= ref["n"] <= len(ps): bad.append(f"{what}: no paragraph {ref['source']} {ref['n']}"); return None
        p = ps[ref["n"] - 1]
        if h16(p) != ref["para_hash"]: bad.append(f"{what}: paragraph hash differs {ref['source']} {ref['n']}")
        return p
    for p in L["pairs"]:
        check(p["a"], p["id"]); check(p["b"], p["id"])
    for f in L["facts"]:
        for m in f["members"]: check(m, f["id"])
    for d in L["disagreements"]:
        for pos in d["positions"]:
            for m in pos: check(m, d["id"])
    for q in L["quotes"]: check(q, q["id"])
    if LOC:
        def exact(lr, ref, what):
            p = paras.get(lr["source"], [None] * 99)[lr["n"] - 1]
            if p is None or lr["sentence"] not in p: bad.append(f"{what}: sentence not in paragraph")
            if h16(lr["sentence"]) != ref["sentence_hash"]: bad.append(f"{what}: sentence hash differs")
        byid = {p["id"]: p for p in L["pairs"]}
        for lp in LOC["pairs"]:
            exact(lp["a"], byid[lp["id"]]["a"], lp["id"]); exact(lp["b"], byid[lp["id"]]["b"], lp["id"])
        qid = {q["id"]: q for q in L["quotes"]}
        for lq in LOC["quotes"]:
            q = qid[lq["id"]]
            if h16(lq["sentence"]) != q["sentence_hash"] or h16(lq["quote"]) != q["quote_hash"] or lq["quote"] not in lq["sentence"]:
                bad.append(f"{lq['id']}: quote hashes differ")
    for b in bad: print(b)
    print(f"{len(rows)} texts, {len(L['pairs'])} pairs, {len(L['quotes'])} quotes, {len(L['facts'])} facts, {len(L['disagreements'])} disagreements: {'OK' if not bad else str(len(bad)) + ' problems'}")
    return 1 if bad else 0
if __name__ == "__main__":
    sys.exit(main())
