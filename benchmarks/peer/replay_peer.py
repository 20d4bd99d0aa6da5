#!/usr/bin/python3
"""The replay peer: the notification loop as a data scientist would first build it.

Same protocol as `konomi bench replay`: rows of id,text,label,time sorted by time then id; the first SEED rows are
labelled up front; then batches of BATCH rows; each batch is scored by the current model and every row with
p >= 0.5 is posted; only posted rows reveal their label; the model (TF-IDF char_wb 2-4 +
LogisticRegression(class_weight='balanced', C=1)) is retrained on every revealed label after every batch.
Prints one JSON object. Run with /usr/bin/python3 (Debian python3-sklearn).
"""
import csv, json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def fit(texts, labels):
    if len(set(labels)) < 2:
        return None
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model


def main(path, seed, batch):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [(r["id"], r["text"], int(r["label"]), int(r["time"])) for r in csv.DictReader(f)]
    rows.sort(key=lambda r: (r[3], r[0]))
    known_texts = [r[1] for r in rows[:seed]]
    known_labels = [r[2] for r in rows[:seed]]
    rest = rows[seed:]
    fitted = fit(known_texts, known_labels)
    posted = liked_posted = 0
    for start in range(0, len(rest), batch):
        crawl = rest[start:start + batch]
        if fitted is None:
            continue
        vectorizer, model = fitted
        p = model.predict_proba(vectorizer.transform([r[1] for r in crawl]))[:, 1]
        for row, score in zip(crawl, p):
            if score >= 0.5:
                posted += 1
                liked_posted += row[2]
                known_texts.append(row[1])
                known_labels.append(row[2])
        fitted = fit(known_texts, known_labels)
    liked_total = sum(r[2] for r in rest)
    precision = liked_posted / posted if posted else 0.0
    recall = liked_posted / liked_total if liked_total else 0.0
    f1 = 2 * liked_posted / (posted + liked_total) if liked_posted else 0.0
    print(json.dumps(dict(items=len(rest), likedTotal=liked_total, posted=posted, likedPosted=liked_posted,
                          precision=precision, recall=recall, f1=f1, labelsRevealed=posted)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
