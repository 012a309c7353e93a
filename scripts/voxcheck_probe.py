"""How far can VoxCheck quotes be told apart by sub-narrative at all? A supervised probe beside matching.

`unspin eval narratives --parts b` measures matching: a quote against the 69 sub-narrative titles
(labels only), or against titles plus other cases' quotes as examples. This script asks a
different question: given the same sentence vectors, how well does a classifier *trained* on the
quotes of 4/5 of the cases (all five languages) pick the sub-narrative of a quote of a held-out
case (same 5 folds by case id as part (b))? If even that stays far under the 0.80 top-3 goal,
the limit is in how separable the sub-narratives are with these encoders, not in the matcher.

Rows: cosine to the title alone (USE, e5 and their sum), title plus the training quotes (best row,
as the matcher scores a case with examples; and the normalised centroid), and a multinomial
logistic regression on e5 and on USE+e5 vectors (scikit-learn, in the dev extra). uk quotes are
embedded by USE too here, though the matcher sends uk to e5 alone (USE was not trained on uk).

    .venv/bin/python scripts/voxcheck_probe.py [--c 10]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json

import numpy as np

from unspin.narratives.encoders import get_encoder
from unspin.narratives.importers import normalise_title
from unspin.settings import shared_dir

LANGS = ("en", "ru", "uk", "de", "it")
FOLDS = 5


def load() -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Sub-narrative titles, and each quote with its language, gold sub-narrative and fold."""
    folder = shared_dir() / "data" / "voxcheck"
    titles = [row["title"] for row in csv.DictReader((folder / "subnarratives.csv").open(encoding="utf-8"))]
    index = {normalise_title(t): i for i, t in enumerate(titles)}
    quotes, langs, gold, folds = [], [], [], []
    for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line) if line.strip() else {}
        target = index.get(normalise_title(case.get("subnarrative") or ""))
        for lang in LANGS:
            quote = (case.get("quotes") or {}).get(lang)
            if quote and target is not None:
                quotes.append(quote)
                langs.append(lang)
                gold.append(target)
                folds.append(int(hashlib.sha1(case["id"].encode()).hexdigest(), 16) % FOLDS)
    return titles, quotes, np.array(langs), np.array(gold), np.array(folds)


def accuracies(scores: np.ndarray, langs: np.ndarray, gold: np.ndarray) -> list[str]:
    """'top-1/top-3' of each language."""
    ranked = np.argsort(-scores, axis=1)
    cells = []
    for lang in LANGS:
        rows = langs == lang
        top1 = np.mean(ranked[rows, 0] == gold[rows])
        top3 = np.mean((ranked[rows, :3] == gold[rows, None]).any(axis=1))
        cells.append(f"{top1:.3f}/{top3:.3f}")
    return cells


def with_examples(queries: np.ndarray, titles: np.ndarray, gold: np.ndarray, folds: np.ndarray,
                  centroid: bool) -> np.ndarray:
    """Per held-out fold: each sub-narrative scored by its title and the other folds' quotes."""
    scores = np.full((len(queries), len(titles)), -1.0)
    for fold in range(FOLDS):
        test, train = folds == fold, folds != fold
        for case in range(len(titles)):
            rows = np.vstack([titles[case:case + 1], queries[train & (gold == case)]])
            if centroid:
                vector = rows.sum(axis=0)
                scores[test, case] = queries[test] @ (vector / np.linalg.norm(vector))
            else:
                scores[test, case] = (queries[test] @ rows.T).max(axis=1)
    return scores


def probe(features: np.ndarray, gold: np.ndarray, folds: np.ndarray, n_classes: int, c: float) -> np.ndarray:
    """Held-out log-probabilities of a logistic regression fitted on the other folds."""
    from sklearn.linear_model import LogisticRegression

    scores = np.full((len(features), n_classes), -np.inf)
    for fold in range(FOLDS):
        test = folds == fold
        model = LogisticRegression(C=c, max_iter=2000).fit(features[~test], gold[~test])
        scores[np.ix_(test, model.classes_)] = model.predict_log_proba(features[test])
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=10.0, help="inverse L2 strength of the probe")
    args = parser.parse_args()
    titles, quotes, langs, gold, folds = load()
    use, e5 = get_encoder("use"), get_encoder("e5")
    q_use, t_use, q_e5, t_e5 = use.encode(quotes), use.encode(titles), e5.encode(quotes), e5.encode(titles)
    rows = [
        ("title, USE", q_use @ t_use.T),
        ("title, e5", q_e5 @ t_e5.T),
        ("title, USE + e5 cosines", q_use @ t_use.T + q_e5 @ t_e5.T),
        ("title + examples, e5, best row", with_examples(q_e5, t_e5, gold, folds, centroid=False)),
        ("title + examples, e5, centroid", with_examples(q_e5, t_e5, gold, folds, centroid=True)),
        ("logistic probe, e5", probe(q_e5, gold, folds, len(titles), args.c)),
        ("logistic probe, USE + e5", probe(np.hstack([q_use, q_e5]), gold, folds, len(titles), args.c)),
    ]
    print(f"VoxCheck: {len(quotes)} quotes of {len(set(gold))} sub-narratives ({len(titles)} listed), "
          f"{FOLDS} folds by case; top-1/top-3 per language")
    print(f"{'scoring':34} " + " ".join(f"{lang:>11}" for lang in LANGS))
    for name, scores in rows:
        print(f"{name:34} " + " ".join(f"{cell:>11}" for cell in accuracies(scores, langs, gold)))


if __name__ == "__main__":
    main()
