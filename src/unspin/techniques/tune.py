"""Tuning a trained technique model on dev, and measuring it on held-out articles.

`tune_model` refits the span classifier on frozen span vectors of the train and dev gold spans
(`refit_span_head`), picks the detection thresholds (a span needs one piece above ``threshold``
and extends over neighbours above ``low``) and gap merging for SI F1 on the dev articles of the
fixed split, fits the score calibration there with out-of-fold span heads (a span is "right" when
at least half of it lies in gold spans of its technique), stamps the ONNX file's sha256, and
records the held-out test figures in meta.json and the model card. Test articles are only ever
predicted, never tuned on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from unspin.data.ptc import TECHNIQUES, LabelledSpan, PtcArticle, fixed_split, load_corpus
from unspin.evaluate.calibration import expected_calibration_error, mean_absolute_error, spearman
from unspin.evaluate.ptc import flc_score, propaganda_share, si_score, tc_score
from unspin.techniques.decode import fit_isotonic
from unspin.techniques.encoding import lines
from unspin.techniques.model import Encoded, Prediction, TechniqueModel, sha256, span_input
from unspin.techniques.train import LABEL_INDEX

THRESHOLD_GRID = np.round(np.arange(0.3, 0.81, 0.05), 2)
LOW_GRID = np.round(np.arange(0.2, 0.81, 0.05), 2)
GAP_GRID = (0, 3, 10, 25)
#: A predicted span counts as right for calibration when this share of it lies in gold of its technique.
RIGHT_OVERLAP = 0.5
#: Span classifier refit: inverse L2 strengths and weights of dev spans tried, chosen by
#: cross-validation over dev articles (train spans always in).
SPAN_C_GRID = (0.003, 0.01, 0.03)
DEV_WEIGHT_GRID = (3.0, 10.0)
CV_FOLDS = 3
#: Articles encoded at once while collecting span inputs (bounds the hidden states held in memory).
ENCODE_CHUNK = 32


def encode_articles(model: TechniqueModel, articles: Sequence[PtcArticle]) -> list[Encoded]:
    return model.encode([a.text for a in articles], [lines(a.text) for a in articles])


def as_labelled(predictions: Sequence[Prediction]) -> list[LabelledSpan]:
    return [LabelledSpan(p.technique, p.start, p.end) for p in predictions if p.end > p.start]


def span_is_right(prediction: Prediction, gold: Sequence[LabelledSpan]) -> bool:
    covered = np.zeros(prediction.end - prediction.start, dtype=bool)
    for span in gold:
        if span.technique == prediction.technique and span.start < prediction.end and span.end > prediction.start:
            covered[max(span.start, prediction.start) - prediction.start : min(span.end, prediction.end) - prediction.start] = True
    return bool(covered.mean() >= RIGHT_OVERLAP) if len(covered) else False


def gold_span_inputs(model: TechniqueModel, articles: Sequence[PtcArticle]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Span classifier inputs of every gold span, its technique's index and its article's index."""
    inputs, targets, owners = [], [], []
    for first in range(0, len(articles), ENCODE_CHUNK):
        chunk = articles[first : first + ENCODE_CHUNK]
        for position, (article, encoded) in enumerate(zip(chunk, encode_articles(model, chunk)), start=first):
            for span in article.spans:
                vector = span_input(article.text, encoded, span.start, span.end)
                if vector is not None:
                    inputs.append(vector)
                    targets.append(LABEL_INDEX[span.technique])
                    owners.append(position)
    return np.stack(inputs), np.asarray(targets), np.asarray(owners)


def _fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression on standardised inputs, returned as (weight, bias) on raw
    inputs, the form `TechniqueModel` applies."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fitted = LogisticRegression(C=c, max_iter=1000).fit((x - mean) / scale, y, sample_weight=weights)
    weight = np.zeros((len(TECHNIQUES), x.shape[1]), np.float32)
    bias = np.full(len(TECHNIQUES), -1e4, np.float32)  # a technique with no training span is never chosen
    weight[fitted.classes_] = fitted.coef_ / scale
    bias[fitted.classes_] = fitted.intercept_ - (fitted.coef_ / scale) @ mean
    return weight, bias


@dataclass(frozen=True, slots=True)
class SpanHeadFit:
    """The chosen refit, and the heads fitted without each dev fold (for out-of-fold calibration)."""

    choice: dict[str, float]
    fold_of_article: np.ndarray  # fold of each dev article
    fold_heads: list[tuple[np.ndarray, np.ndarray]]  # (weight, bias) fitted without that fold


def refit_span_head(model: TechniqueModel, train: Sequence[PtcArticle], dev: Sequence[PtcArticle],
                    log=print) -> SpanHeadFit:
    """Refit the technique classifier of given spans on frozen span vectors of train and dev spans.

    The head trained with the encoder sees vectors of spans the encoder is itself fitting: they
    separate far better than unseen ones (train accuracy 0.83 against 0.56 on dev for the first
    model), so its weights trust directions that do not hold on new text. A strongly regularised
    logistic regression over frozen vectors, with the dev spans (whose vectors look like test-time
    ones) among its data, generalises better. L2 strength and dev weight are chosen by
    cross-validation over dev articles; the model's span head is replaced in place.
    """
    x_train, y_train, _ = gold_span_inputs(model, train)
    x_dev, y_dev, dev_article = gold_span_inputs(model, dev)
    folds = np.random.RandomState(13).permutation(len(dev)) % CV_FOLDS
    best: tuple[float, dict[str, float], list] = (-1.0, {}, [])
    for c in SPAN_C_GRID:
        for dev_weight in DEV_WEIGHT_GRID:
            correct, heads = 0, []
            for fold in range(CV_FOLDS):
                held = folds[dev_article] == fold
                x = np.concatenate([x_train, x_dev[~held]])
                weights = np.concatenate([np.ones(len(y_train)), np.full(int((~held).sum()), dev_weight)])
                heads.append(_fit_logistic(x, np.concatenate([y_train, y_dev[~held]]), weights, c))
                correct += int(((x_dev[held] @ heads[-1][0].T + heads[-1][1]).argmax(axis=1) == y_dev[held]).sum())
            accuracy = correct / len(y_dev)
            log(f"span head C={c} dev weight={dev_weight}: dev cross-validated accuracy {accuracy:.4f}")
            if accuracy > best[0]:
                best = (accuracy, {"c": c, "dev_weight": dev_weight, "cv_accuracy": round(accuracy, 4)}, heads)
    _, choice, fold_heads = best
    weights = np.concatenate([np.ones(len(y_train)), np.full(len(y_dev), choice["dev_weight"])])
    model.span_weight, model.span_bias = _fit_logistic(np.concatenate([x_train, x_dev]), np.concatenate([y_train, y_dev]),
                                                       weights, choice["c"])
    return SpanHeadFit(choice, folds, fold_heads)


def tune_decoding(model: TechniqueModel, articles: Sequence[PtcArticle], encoded: Sequence[Encoded]) -> dict[str, float]:
    """The detection threshold, hysteresis edge threshold and gap merging with the best SI F1 (then
    precision) on these articles. SI ignores the technique, so only detection is run."""
    gold = {a.id: a.spans for a in articles}
    best: tuple[float, float, dict[str, float]] = (-1.0, -1.0, {})
    for threshold in THRESHOLD_GRID:
        for low in LOW_GRID[LOW_GRID <= threshold]:
            for max_gap in GAP_GRID:
                pred = {a.id: [LabelledSpan("any", s, e) for s, e, _, _ in model.detect(a.text, enc, float(threshold), max_gap, float(low))]
                        for a, enc in zip(articles, encoded)}
                score = si_score(gold, pred)
                if (score.f1, score.precision) > best[:2]:
                    best = (score.f1, score.precision, {"threshold": float(threshold), "low": float(low), "max_gap": max_gap})
    return best[2]


def measure(model: TechniqueModel, articles: Sequence[PtcArticle], encoded: Sequence[Encoded] | None = None) -> dict[str, Any]:
    """SI, TC (on gold spans), FLC, article-level share and calibration figures on labelled articles."""
    encoded = encoded or encode_articles(model, articles)
    gold = {a.id: a.spans for a in articles}
    predictions = {a.id: model.decode(a.text, e) for a, e in zip(articles, encoded)}
    pred = {doc_id: as_labelled(p) for doc_id, p in predictions.items()}
    classified = {a.id: [LabelledSpan(t, s.start, s.end) for (t, _), s in
                         zip(model.classify_encoded(a.text, e, [(s.start, s.end) for s in a.spans]), a.spans)]
                  for a, e in zip(articles, encoded)}
    si, flc, tc = si_score(gold, pred), flc_score(gold, pred), tc_score(gold, classified)
    shares_pred = [propaganda_share(pred[a.id], len(a.text)) for a in articles]
    shares_gold = [propaganda_share(a.spans, len(a.text)) for a in articles]
    scores = [p.score for a in articles for p in predictions[a.id]]
    right = [span_is_right(p, a.spans) for a in articles for p in predictions[a.id]]
    return {
        "articles": len(articles),
        "si": {"precision": si.precision, "recall": si.recall, "f1": si.f1},
        "tc_micro_f1": tc.micro.f1,
        "flc": {"precision": flc.micro.precision, "recall": flc.micro.recall, "f1": flc.micro.f1, "macro_f1": flc.macro_f1},
        "flc_per_technique": {row.technique: round(row.score.f1, 4) for row in flc.per_technique},
        "propaganda_share": {"spearman": spearman(shares_pred, shares_gold), "mae": mean_absolute_error(shares_pred, shares_gold)},
        "calibration": {"spans": len(scores), "ece": expected_calibration_error(scores, right) if scores else None},
    }


def fit_calibration(model: TechniqueModel, articles: Sequence[PtcArticle], encoded: Sequence[Encoded],
                    heads: Sequence[tuple[np.ndarray, np.ndarray]] | None = None) -> dict:
    """A monotone curve from raw span score to the chance the span is right, over all techniques.

    ``heads`` gives each article the span head fitted without it: a head that trained on an
    article's spans is over-confident there, and a curve fitted on that would be too."""
    model.meta["calibration"] = None
    final_head = model.span_weight, model.span_bias
    raw, right = [], []
    for i, (article, enc) in enumerate(zip(articles, encoded)):
        if heads is not None:
            model.span_weight, model.span_bias = heads[i]
        for prediction in model.decode(article.text, enc):
            raw.append(prediction.score)
            right.append(span_is_right(prediction, article.spans))
    model.span_weight, model.span_bias = final_head
    return fit_isotonic(raw, right)


def tune_model(model_dir: Path | str, data_dir: Path | str, log=print) -> dict[str, Any]:
    """Tune decoding and calibration on dev, then record dev and test figures in the model folder."""
    model_dir = Path(model_dir)
    model = TechniqueModel.load(model_dir, check_hash=False)
    split, corpus = fixed_split(), {a.id: a for a in load_corpus(data_dir)}
    train = [corpus[i] for i in split["train"]]
    dev = [corpus[i] for i in split["dev"]]
    test = [corpus[i] for i in split["test"]]
    head_fit = refit_span_head(model, train, dev, log)
    model.meta["span_head"] = head_fit.choice
    np.savez(model_dir / "span_head.npz", weight=model.span_weight, bias=model.span_bias)
    log(f"span head: {model.meta['span_head']}")
    dev_encoded = encode_articles(model, dev)
    model.meta["decoding"] = tune_decoding(model, dev, dev_encoded)
    model.threshold, model.low, model.max_gap = (model.meta["decoding"][k] for k in ("threshold", "low", "max_gap"))
    log(f"decoding: {model.meta['decoding']}")
    out_of_fold = [head_fit.fold_heads[fold] for fold in head_fit.fold_of_article]
    model.meta["calibration"] = fit_calibration(model, dev, dev_encoded, out_of_fold)
    metrics = {"dev": measure(model, dev, dev_encoded), "test": measure(model, test)}
    model.meta["metrics"] = metrics
    model.meta["sha256"] = sha256(model_dir / "model.onnx")
    (model_dir / "meta.json").write_text(json.dumps(model.meta, indent=1))
    (model_dir / "README.md").write_text(model_card(model.meta, (model_dir / "model.onnx").stat().st_size))
    log(json.dumps(metrics, indent=1))
    return metrics


def model_card(meta: dict[str, Any], size: int) -> str:
    test, dev = meta["metrics"]["test"], meta["metrics"]["dev"]
    rows = "\n".join(f"| {name} | {f1:.3f} |" for name, f1 in test["flc_per_technique"].items())
    training = meta["training"]
    return f"""---
name: {meta["name"]}
version: {meta["version"]}
languages: [en]
unspin_version: "{meta["unspin_version"]}"
base_model: {meta["base_model"]}
---
# {meta["name"]} {meta["version"]}

Finds the spans of an English news article that use one of the 14 propaganda techniques of the
Propaganda Techniques Corpus (SemEval-2020 Task 11), and classifies given spans.

**What it is.** all-MiniLM-L6-v2 ({meta.get("encoder_layers", 6)} of its 6 layers, 384-d) fine-tuned with three heads on one encoder
pass, reading {"consecutive sentences packed across line breaks" if meta.get("pack_lines") else "the sentences of one line"} per window: per-token technique sigmoids, a window "contains propaganda" head (a training signal only)
and a span classifier over [mean, first, last, CLS] of the span's pieces plus two article
features. At inference, spans are the runs of word pieces where any technique is likely
(a run of pieces above {meta["decoding"].get("low", meta["decoding"]["threshold"])} with one piece above {meta["decoding"]["threshold"]}; runs less than {meta["decoding"]["max_gap"]} characters apart merged; tuned on dev),
each labelled by the span classifier, so predicted spans do not overlap each other. After training,
the span classifier is refitted as a logistic regression on the frozen span vectors of the train and
dev gold spans (L2 strength and dev weight chosen by cross-validation over dev articles:
{meta.get("span_head", {})}). Encoder and
token heads are ONNX int8 ({size / 1e6:.1f} MB); the span classifier is a small numpy matrix. Runs on
CPU with onnxruntime and tokenizers only; nothing is downloaded.

**Data and split.** Trained on the {training["train_articles"]} train articles of unspin's fixed split of
the PTC training set (`src/unspin/data/ptc_split.json`, seed 13); the detection thresholds, gap merging and the
score calibration tuned on the 56 dev articles, whose gold spans also join the span classifier's refit; figures below on the 56 test articles, never used
for training or tuning. Seed {training["seed"]}, {training["epochs"]} epochs, batch {training["batch_size"]},
lr {training["lr"]}, {training["threads"]} CPU threads: {training["seconds"]} s on a 2-core machine.

Reproduce: `unspin train techniques --data ../shared/data/ptc --out DIR` (needs `pip install unspin[train]`),
then `unspin eval techniques --articles ../shared/data/ptc/articles --labels ../shared/data/ptc/labels --split test`.

## Held-out test figures ({test["articles"]} articles)

| measure | value |
|---|---|
| SI precision / recall / F1 (SemEval-2020, partial overlap) | {test["si"]["precision"]:.3f} / {test["si"]["recall"]:.3f} / {test["si"]["f1"]:.3f} |
| TC micro-F1 (technique of given gold spans) | {test["tc_micro_f1"]:.3f} |
| FLC P / R / F1 (technique-aware, Da San Martino et al. 2019) | {test["flc"]["precision"]:.3f} / {test["flc"]["recall"]:.3f} / {test["flc"]["f1"]:.3f} |
| propaganda share vs gold share: Spearman / MAE | {test["propaganda_share"]["spearman"]:.3f} / {test["propaganda_share"]["mae"]:.3f} |
| span score calibration: ECE over {test["calibration"]["spans"]} predicted spans | {test["calibration"]["ece"]:.3f} |

Dev (used for tuning; its spans also train the span classifier, so its TC is not a held-out figure):
SI F1 {dev["si"]["f1"]:.3f}, TC {dev["tc_micro_f1"]:.3f}, FLC F1 {dev["flc"]["f1"]:.3f}.

FLC F1 per technique on test:

| technique | F1 |
|---|---|
{rows}

## Limits

English only. Trained on 259 articles of US and world news from 2017-2019: other genres, other
years and scraped pseudo-news differ. Rare techniques (fewer than 100 training spans) are found
rarely. A span's score is calibrated on dev as "at least half of the span lies in gold spans of its
technique". Figures from the SemEval-2020 test set (where published systems report SI 0.5155 and
TC 0.6207) are not comparable one to one: this is a 56-article split of the training set.
"""
