#!/usr/bin/python3
"""The peer a data scientist would try first: TF-IDF char n-grams + LogisticRegression(class_weight='balanced').

Reads the CSV files Konomi's benchmark writes (id,text,label,fold), cross-validates on exactly those folds and
prints one JSON object per file on stdout. Two thresholds are reported for every fold:
  - "default": scikit-learn's predict() cut at probability 0.5;
  - "trainFolds": the max-F1 threshold chosen on out-of-fold probabilities of a 3-fold stratified inner CV
    inside the training folds (what Konomi does), never looking at the test fold.
Settings (benchmarks.md): livedoor char 1-3, C=1; movielens char_wb 2-4, C=1.
Run with /usr/bin/python3 (Debian python3-sklearn 1.2.1).
"""
import csv, json, sys, time
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

SETTINGS = {
    "livedoor": dict(analyzer="char", ngram_range=(1, 3)),
    "movielens": dict(analyzer="char_wb", ngram_range=(2, 4)),
}


def fit(texts, labels, setting):
    vectorizer = TfidfVectorizer(**SETTINGS[setting])
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit(x, labels)
    return vectorizer, model


def max_f1_threshold(scores, labels):
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    k = np.arange(1, len(y) + 1)
    f1 = 2 * tp / (k + y.sum())
    distinct = np.append(s[1:] != s[:-1], True)  # a cut is only possible between distinct scores
    f1 = np.where(distinct, f1, -1)
    best = int(np.argmax(f1))
    return (s[best] + s[best + 1]) / 2 if best + 1 < len(s) else s[best]


def inner_threshold(texts, labels, setting):
    oof = np.zeros(len(labels))
    for train, held in StratifiedKFold(n_splits=3, shuffle=False).split(texts, labels):
        vectorizer, model = fit(texts[train], labels[train], setting)
        oof[held] = model.predict_proba(vectorizer.transform(texts[held]))[:, 1]
    return max_f1_threshold(oof, labels)


# The inference service scores one crawl at a time: 20-200 works.
BATCHES = (20, 200)


def batch_scoring_seconds(vectorizer, model, texts, size):
    started = time.perf_counter()
    for at in range(0, len(texts), size):
        model.predict_proba(vectorizer.transform(texts[at:at + size]))
    return time.perf_counter() - started


def metrics(labels, scores, threshold):
    predicted = (scores >= threshold).astype(int)
    return dict(
        accuracy=accuracy_score(labels, predicted),
        precision=precision_score(labels, predicted, zero_division=0),
        recall=recall_score(labels, predicted, zero_division=0),
        f1=f1_score(labels, predicted, zero_division=0),
        rocAuc=roc_auc_score(labels, scores),
        averagePrecision=average_precision_score(labels, scores),
        threshold=float(threshold),
    )


def run(path, setting):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = np.array([r["text"] for r in rows], dtype=object)
    labels = np.array([int(r["label"]) for r in rows])
    folds = np.array([int(r["fold"]) for r in rows])
    per = {"default": [], "trainFolds": []}
    out_of_fold, predicted = np.zeros(len(rows)), np.zeros(len(rows), dtype=int)
    train_seconds, inner_seconds, score_seconds, scored = [], [], [], 0
    batch_seconds = {size: 0.0 for size in BATCHES}
    for fold in sorted(set(folds)):
        train, test = folds != fold, folds == fold
        started = time.perf_counter()
        vectorizer, model = fit(texts[train], labels[train], setting)
        train_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        threshold = inner_threshold(texts[train], labels[train], setting)
        inner_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        scores = model.predict_proba(vectorizer.transform(texts[test]))[:, 1]
        score_seconds.append(time.perf_counter() - started)
        scored += int(test.sum())
        for size in BATCHES:
            batch_seconds[size] += batch_scoring_seconds(vectorizer, model, texts[test], size)
        out_of_fold[test], predicted[test] = scores, (scores >= threshold).astype(int)
        per["default"].append(metrics(labels[test], scores, 0.5))
        per["trainFolds"].append(metrics(labels[test], scores, threshold))
    mean = lambda results: {k: float(np.mean([r[k] for r in results])) for k in results[0]}
    return dict(
        file=path, setting=setting, n=len(rows), positives=int(labels.sum()),
        default=mean(per["default"]), trainFolds=mean(per["trainFolds"]),
        # Every example counted once, in its test fold: F1 of the summed decisions, AP of the pooled scores.
        # Whether each row was posted, in file order, so Konomi's decisions can be compared with them pair by pair.
        pooled=dict(f1=float(f1_score(labels, predicted, zero_division=0)), averagePrecision=float(average_precision_score(labels, out_of_fold)),
                    posted=[bool(d) for d in predicted]),
        trainSeconds=float(np.mean(train_seconds)),
        trainSecondsWithThreshold=float(np.mean(np.add(train_seconds, inner_seconds))),
        scoresPerSecond=scored / sum(score_seconds),
        batchScoresPerSecond={str(size): scored / seconds for size, seconds in batch_seconds.items()},
    )


if __name__ == "__main__":
    if len(sys.argv) < 3 or len(sys.argv) % 2 == 0:
        sys.exit("usage: sklearn_peer.py SETTING FILE.csv [SETTING FILE.csv ...]   (SETTING: livedoor | movielens)")
    for setting, path in zip(sys.argv[1::2], sys.argv[2::2]):
        print(json.dumps(run(path, setting)), flush=True)
