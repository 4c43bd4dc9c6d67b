#!/usr/bin/env python3
"""Makes two sentence-pair data sets from public bias data, for trying `debias finetune --pair-field`.

  winobias-nli-{train,test}.jsonl  NLI-style: premise = a WinoBias sentence (brackets removed),
      hypotheses of two kinds. kind=coref: the clause after its subject pronoun with the pronoun
      replaced by one of the two occupations; entailment for the occupation the pronoun refers to
      (WinoBias's brackets mark it), not_entailment for the other, so only resolving the pronoun tells
      them apart (the WinoBias question). kind=unrelated: the referent with the clause of another
      sentence, not_entailment. Fields: id, premise, hypothesis, label, kind, stereotype (pro or anti),
      gender (of the pronoun), occupation. Train from the .dev files, test from .test. Only sentences
      whose pronoun is the subject "he" or "she" are used.
  crows-sts-{train,test}.jsonl  STS-style: sentence1/sentence2 = a CrowS-Pairs pair (score = 5 x the
      Jaccard overlap of their lower-cased word sets) or a sentence with another row's sentence (the
      same score rule, so mostly low); fields id, sentence1, sentence2, score, bias_type. The score is
      lexical overlap, not a human similarity judgement: it makes a learnable regression target on real
      sentences. Rows split 80/20 by row number modulo 5.

Usage: python3 make_pair_sets.py SHARED_DATA_DIR OUT_DIR   (seeded; the same inputs give the same files)
"""
import csv
import json
import random
import re
import sys
from pathlib import Path


def winobias(data, out):
    files = sorted((data / "winobias").glob("*_stereotyped_type*.txt.*"))
    occupations = set()
    for f in files:
        for line in f.read_text().splitlines():
            for b in re.findall(r"\[([^\]]+)\]", line):
                if b.lower().startswith("the "):
                    occupations.add(b[4:].lower())
    by_length = sorted(occupations, key=len, reverse=True)
    rows = {"train": [], "test": []}
    rng = random.Random(11)
    clauses = []
    for f in files:
        split = "train" if f.suffix == ".dev" else "test"
        stereotype = "pro" if f.name.startswith("pro") else "anti"
        for line in f.read_text().splitlines():
            number, sentence = line.split(" ", 1)
            brackets = re.findall(r"\[([^\]]+)\]", sentence)
            if len(brackets) != 2 or brackets[1].lower() not in ("he", "she"):
                continue
            referent = brackets[0].lower().removeprefix("the ").strip()
            before, after = sentence.split("[" + brackets[1] + "]", 1)
            plain_before = before.replace("[", "").replace("]", "").lower()
            others = [o for o in by_length if o != referent and re.search(r"\bthe " + re.escape(o) + r"\b", plain_before)]
            if not others or referent not in occupations:
                continue
            other = others[0]
            clause = after.strip().rstrip(".").strip()
            premise = re.sub(r"\s+", " ", sentence.replace("[", "").replace("]", "")).replace(" 's", "'s").strip()
            gender = "male" if brackets[1].lower() == "he" else "female"
            for occupation, label in ((referent, "entailment"), (other, "not_entailment")):
                rows[split].append({"id": f"{f.name}:{number}:{label}", "premise": premise,
                                    "hypothesis": f"The {occupation} {clause}.", "label": label, "kind": "coref",
                                    "stereotype": stereotype, "gender": gender, "occupation": referent})
            clauses.append((split, clause))
            unrelated = [c for s2, c in clauses if s2 == split and c != clause]
            if unrelated:
                rows[split].append({"id": f"{f.name}:{number}:unrelated", "premise": premise,
                                    "hypothesis": f"The {referent} {rng.choice(unrelated)}.",
                                    "label": "not_entailment", "kind": "unrelated", "stereotype": stereotype,
                                    "gender": gender, "occupation": referent})
    for split, r in rows.items():
        write(out / f"winobias-nli-{split}.jsonl", r)


def crows(data, out):
    with open(data / "crows_pairs" / "crows_pairs_anonymized.csv", newline="") as fh:
        table = list(csv.DictReader(fh))
    rng = random.Random(7)
    rows = {"train": [], "test": []}
    for i, row in enumerate(table):
        split = "test" if i % 5 == 0 else "train"
        other = table[rng.randrange(len(table))]
        for k, (a, b) in enumerate(((row["sent_more"], row["sent_less"]), (row["sent_more"], other["sent_less"]))):
            rows[split].append({"id": f"{i}-{k}", "sentence1": a, "sentence2": b,
                                "score": f"{5 * jaccard(a, b):.4f}", "bias_type": row["bias_type"]})
    for split, r in rows.items():
        write(out / f"crows-sts-{split}.jsonl", r)


def jaccard(a, b):
    x = set(re.findall(r"[a-z0-9']+", a.lower()))
    y = set(re.findall(r"[a-z0-9']+", b.lower()))
    return len(x & y) / len(x | y) if x | y else 0.0


def write(path, rows):
    with open(path, "w") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)} records")


if __name__ == "__main__":
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    winobias(data, out)
    crows(data, out)
