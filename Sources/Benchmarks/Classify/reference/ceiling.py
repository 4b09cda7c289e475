"""How far surface-form methods get on the dev titles: a reference for bench-classify's accuracy figures.

Run with `make bench-classify-reference` (builds a throw-away venv with scikit-learn under .build/).
It reads ../shared only and writes nothing. It prints:

1. label agreement: dev titles that are identical after normalisation, and how often they share one label
   (the labels follow the job board's category, which the title does not show);
2. a learned reference coder, independent of rencai: a linear SVM over character 1-4-grams with word
   boundaries, trained on the classification's names and aliases plus the dev titles of the other folds,
   scored by the same 5-fold cross-validation and the same "right" rule as bench-classify;
3. its learning curve (share of the training folds used), to show what more labelled titles buy;
4. optionally (--rencai BINARY) rencai's own 5-fold figure through the CLI, and a blend of the two rankings,
   to show how much the two methods' errors overlap.
"""
import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import warnings
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

NOISE = re.compile(
    r"(五险一金|包吃住|包住|包吃|周末双休|双休|急招|高薪|底薪|提成|月薪|日薪|年薪|五险|六险|社保"
    r"|\d+[kK千万wW元]?[-~至到]\d*[kK千万wW元]*|\d+元|[0-9]+)")


def normalise(text):
    """NFKC, lower case, bracketed asides and pay/benefit phrases removed (as rencai's normaliser does)."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = re.sub(r"[\(\[（【].*?[\)\]）】]", " ", s)
    s = NOISE.sub(" ", s)
    return re.sub(r"[^\w]+", " ", s).strip()


def with_boundaries(text):
    return "^" + normalise(text).replace(" ", "$ ^") + "$"


def is_right(predicted, label):
    """Right when equal to the label or inside the label's group (trailing zero parts)."""
    significant = label.split("-")
    while len(significant) > 1 and int(significant[-1]) == 0:
        significant.pop()
    return predicted.split("-")[: len(significant)] == significant


def folds(dev, k):
    train = [d for i, d in enumerate(dev) if i % 5 != k]
    test = [d for i, d in enumerate(dev) if i % 5 == k]
    return train, test


def svm_rankings(dev, names, fraction=1.0, seed=0):
    """Per dev title (in file order), the SVM's 30 best codes with decision values, by 5-fold CV."""
    rng = random.Random(seed)
    out = [None] * len(dev)
    for k in range(5):
        train, _ = folds(dev, k)
        train = rng.sample(train, int(len(train) * fraction))
        texts = [with_boundaries(t) for t, _ in names] + [with_boundaries(d["job_name"]) for d in train]
        labels = [c for _, c in names] + [d["expected_code"] for d in train]
        weights = [1.0] * len(names) + [3.0] * len(train)
        vectoriser = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True)
        model = LinearSVC(C=0.5).fit(vectoriser.fit_transform(texts), labels, sample_weight=weights)
        test_rows = [i for i in range(len(dev)) if i % 5 == k]
        scores = model.decision_function(vectoriser.transform([with_boundaries(dev[i]["job_name"]) for i in test_rows]))
        for i, row in zip(test_rows, scores):
            best = np.argsort(-row)[:30]
            out[i] = [(model.classes_[j], float(row[j])) for j in best]
    return out


def accuracy(dev, rankings):
    top1 = top5 = 0
    for d, ranked in zip(dev, rankings):
        hits = [is_right(code, d["expected_code"]) for code, _ in ranked[:5]]
        top1 += bool(hits[:1] and hits[0])
        top5 += any(hits)
    return 100.0 * top1 / len(dev), 100.0 * top5 / len(dev)


def rencai_rankings(binary, dev, classification):
    """rencai's 5-fold CV through the CLI: a store per fold with the other folds imported as confirmed mappings."""
    out = [None] * len(dev)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(5):
            train, test = folds(dev, k)
            store = os.path.join(tmp, f"fold{k}.sqlite")
            mappings = os.path.join(tmp, f"train{k}.csv")
            inputs = os.path.join(tmp, f"test{k}.csv")
            with open(mappings, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["text", "code"])
                w.writerows([d["job_name"], d["expected_code"]] for d in train)
            with open(inputs, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["job_name"])
                w.writerows([d["job_name"]] for d in test)
            run = lambda *args: subprocess.run([binary, *args, "--store", store], check=True, capture_output=True, text=True)
            run("occupations", "import", classification)
            run("occupations", "mappings", "import", mappings)
            lines = run("classify", "--input", inputs, "--column", "job_name", "--json", "--top", "20").stdout.splitlines()
            test_rows = [i for i in range(len(dev)) if i % 5 == k]
            for i, line in zip(test_rows, lines):
                out[i] = [(c["code"], c["score"]) for c in json.loads(line)["candidates"]]
    return out


def blend(first, second, weight):
    """First's scores scaled to its best, plus weight × second's decision value (-1 where second has none)."""
    out = []
    for a, b in zip(first, second):
        top = a[0][1] if a else 1.0
        scores = {code: s / top for code, s in a}
        b_scores = dict(b)
        for code in b_scores:
            scores.setdefault(code, 0.0)
        ranked = sorted(scores, key=lambda c: -(scores[c] + weight * b_scores.get(c, -1.0)))
        out.append([(c, 0.0) for c in ranked[:5]])
    return out


def main():
    # scikit-learn warns that there are many classes for few samples: true, and the point of the measurement.
    warnings.filterwarnings("ignore", category=UserWarning)
    here = os.path.dirname(os.path.abspath(__file__))
    default_shared = os.path.normpath(os.path.join(here, "../../../../../shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("RENCAI_SHARED", default_shared))
    parser.add_argument("--rencai", help="a rencai binary, to add its 5-fold figure and the blend")
    args = parser.parse_args()
    dev_path = os.path.join(args.shared, "bench/cn-job-titles-dev.csv")
    classification = os.path.join(args.shared, "data/csco22.csv")
    dev = list(csv.DictReader(open(dev_path, encoding="utf-8")))
    names = []
    for e in csv.DictReader(open(classification, encoding="utf-8")):
        if e["level"] in ("3", "4"):
            for text in {e["name"], *[a for a in e["alias"].split(",") if a]}:
                names.append((text, e["code"]))

    same = defaultdict(list)
    for d in dev:
        same[normalise(d["job_name"])].append(d["expected_code"])
    repeated = {t: codes for t, codes in same.items() if len(codes) > 1}
    agreeing = sum(1 for codes in repeated.values() if len(set(codes)) == 1)
    print(f"dev titles: {len(dev)}, {len({d['expected_code'] for d in dev})} distinct labels")
    print(f"label agreement: {len(repeated)} titles occur more than once after normalisation "
          f"({sum(map(len, repeated.values()))} rows); {agreeing} of them always carry one label")

    svm = svm_rankings(dev, names)
    print("reference SVM (char 1-4-grams, names+aliases+other folds), 5-fold CV: top-1 %.1f %%, top-5 %.1f %%" % accuracy(dev, svm))
    for fraction in (0.0, 0.25, 0.5):
        used = int(len(dev) * 0.8 * fraction)
        print(f"  learning curve, {used:4d} training titles a fold: top-1 %.1f %%, top-5 %.1f %%"
              % accuracy(dev, svm_rankings(dev, names, fraction)))
    if args.rencai:
        ours = rencai_rankings(args.rencai, dev, classification)
        print("rencai, same folds through the CLI: top-1 %.1f %%, top-5 %.1f %%" % accuracy(dev, ours))
        recall = sum(any(is_right(c, d["expected_code"]) for c, _ in r) for d, r in zip(dev, ours))
        print(f"  right code among rencai's 20 candidates: {100.0 * recall / len(dev):.1f} %")
        print("blend rencai + SVM (weight 1): top-1 %.1f %%, top-5 %.1f %%" % accuracy(dev, blend(ours, svm, 1.0)))


if __name__ == "__main__":
    sys.exit(main())
