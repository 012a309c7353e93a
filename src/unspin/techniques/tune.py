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
from unspin.techniques.lexical import fit_lexical, fit_word_prior, label_table, log_softmax
from unspin.techniques.model import LEXICAL_FILE, WORD_PRIOR_FILE, Encoded, Prediction, SpanHead, TechniqueModel, sha256, span_input
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
#: Lexical model beside the span head: inverse L2 strengths, and the mixes of log-probabilities
#: tried (0: the vector head alone), chosen by the same cross-validation.
LEXICAL_C_GRID = (10.0, 30.0)
LEXICAL_MIX_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)
#: Word prior for detection: its inverse L2 strength, and the weights of its log-odds tried with
#: the thresholds (0: the encoder's token probabilities alone).
WORD_PRIOR_C = 1.0
WORD_WEIGHT_GRID = (0.0, 0.5, 0.75, 1.0)
#: Probabilities tried as a technique's threshold for labelling a span with it beside its best technique.
TECHNIQUE_THRESHOLD_GRID = tuple(float(t) for t in np.round(np.arange(0.15, 0.61, 0.025), 3))
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


@dataclass(frozen=True, slots=True)
class GoldSpans:
    """Every gold span of some articles that the encoder reached: classifier input, technique
    index, the article's position, and (text, start, end) for the lexical model."""

    inputs: np.ndarray
    targets: np.ndarray
    owners: np.ndarray
    spans: list[tuple[str, int, int]]


def gold_span_inputs(model: TechniqueModel, articles: Sequence[PtcArticle]) -> GoldSpans:
    inputs, targets, owners, spans = [], [], [], []
    for first in range(0, len(articles), ENCODE_CHUNK):
        chunk = articles[first : first + ENCODE_CHUNK]
        for position, (article, encoded) in enumerate(zip(chunk, encode_articles(model, chunk)), start=first):
            for span in article.spans:
                vector = span_input(article.text, encoded, span.start, span.end)
                if vector is not None:
                    inputs.append(vector)
                    targets.append(LABEL_INDEX[span.technique])
                    owners.append(position)
                    spans.append((article.text, span.start, span.end))
    return GoldSpans(np.stack(inputs), np.asarray(targets), np.asarray(owners), spans)


def _fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression on standardised inputs, returned as (weight, bias) on raw
    inputs, the form `TechniqueModel` applies."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fitted = LogisticRegression(C=c, max_iter=1000).fit((x - mean) / scale, y, sample_weight=weights)
    weight, bias = label_table(fitted, len(TECHNIQUES))
    weight = (weight / scale).astype(np.float32)
    return weight, (bias - weight @ mean).astype(np.float32)


@dataclass(frozen=True, slots=True)
class SpanHeadFit:
    """The chosen refit, and the heads fitted without each dev fold (for out-of-fold calibration)."""

    choice: dict[str, float]
    fold_of_article: np.ndarray  # fold of each dev article
    fold_heads: list[SpanHead]  # fitted without that fold


def refit_span_head(model: TechniqueModel, train: Sequence[PtcArticle], dev: Sequence[PtcArticle],
                    log=print) -> SpanHeadFit:
    """Refit the technique classifier of given spans on frozen span vectors of train and dev spans,
    then fit the lexical model beside it and choose how much it counts.

    The head trained with the encoder sees vectors of spans the encoder is itself fitting: they
    separate far better than unseen ones (train accuracy 0.83 against 0.56 on dev for the first
    model), so its weights trust directions that do not hold on new text. A strongly regularised
    logistic regression over frozen vectors, with the dev spans (whose vectors look like test-time
    ones) among its data, generalises better. L2 strengths, dev weight and the lexical mix (0 keeps
    the vector head alone) are chosen by cross-validation over dev articles; the model's span head
    is replaced in place.
    """
    gold_train, gold_dev = gold_span_inputs(model, train), gold_span_inputs(model, dev)
    folds = np.random.RandomState(13).permutation(len(dev)) % CV_FOLDS
    held_out = [folds[gold_dev.owners] == fold for fold in range(CV_FOLDS)]
    choice, fold_heads = _choose_vector_head(gold_train, gold_dev, held_out, log)
    weights = np.concatenate([np.ones(len(gold_train.targets)), np.full(len(gold_dev.targets), choice["dev_weight"])])
    targets = np.concatenate([gold_train.targets, gold_dev.targets])
    weight, bias = _fit_logistic(np.concatenate([gold_train.inputs, gold_dev.inputs]), targets, weights, choice["c"])
    lexical_choice, fold_heads = _choose_lexical_mix(gold_train, gold_dev, held_out, fold_heads, choice["dev_weight"], log)
    choice.update(lexical_choice)
    lexical = None
    if choice["lexical_mix"] > 0:
        lexical = fit_lexical(gold_train.spans + gold_dev.spans, targets, weights, choice["lexical_c"], len(TECHNIQUES))
    model.span_head = SpanHead(weight, bias, lexical, choice["lexical_mix"])
    return SpanHeadFit(choice, folds, fold_heads)


def _choose_vector_head(gold_train: GoldSpans, gold_dev: GoldSpans, held_out: list[np.ndarray],
                        log) -> tuple[dict[str, float], list[SpanHead]]:
    """L2 strength and dev weight of the vector head with the best cross-validated dev accuracy."""
    best: tuple[float, dict[str, float], list[SpanHead]] = (-1.0, {}, [])
    for c in SPAN_C_GRID:
        for dev_weight in DEV_WEIGHT_GRID:
            correct, heads = 0, []
            for held in held_out:
                x = np.concatenate([gold_train.inputs, gold_dev.inputs[~held]])
                weights = np.concatenate([np.ones(len(gold_train.targets)), np.full(int((~held).sum()), dev_weight)])
                heads.append(SpanHead(*_fit_logistic(x, np.concatenate([gold_train.targets, gold_dev.targets[~held]]), weights, c)))
                logits = gold_dev.inputs[held] @ heads[-1].weight.T + heads[-1].bias
                correct += int((logits.argmax(axis=1) == gold_dev.targets[held]).sum())
            accuracy = correct / len(gold_dev.targets)
            log(f"span head C={c} dev weight={dev_weight}: dev cross-validated accuracy {accuracy:.4f}")
            if accuracy > best[0]:
                best = (accuracy, {"c": c, "dev_weight": dev_weight, "cv_accuracy": round(accuracy, 4)}, heads)
    return best[1], best[2]


def _choose_lexical_mix(gold_train: GoldSpans, gold_dev: GoldSpans, held_out: list[np.ndarray],
                        vector_heads: list[SpanHead], dev_weight: float, log) -> tuple[dict[str, float], list[SpanHead]]:
    """The lexical model's L2 strength and mix with the best cross-validated dev accuracy, with
    the fold heads that mix (the vector heads alone when no mix beats them)."""
    vector_log_p = np.zeros((len(gold_dev.targets), len(TECHNIQUES)))
    for held, head in zip(held_out, vector_heads):
        vector_log_p[held] = log_softmax(gold_dev.inputs[held] @ head.weight.T + head.bias)
    best = (-1.0, {"lexical_c": 0.0, "lexical_mix": 0.0}, vector_heads)
    for c in LEXICAL_C_GRID:
        lexical_log_p, heads = np.zeros_like(vector_log_p), []
        for held in held_out:
            kept = [span for span, h in zip(gold_dev.spans, held) if not h]
            weights = np.concatenate([np.ones(len(gold_train.targets)), np.full(len(kept), dev_weight)])
            lexical = fit_lexical(gold_train.spans + kept, np.concatenate([gold_train.targets, gold_dev.targets[~held]]),
                                  weights, c, len(TECHNIQUES))
            lexical_log_p[held] = [lexical.log_proba(*span) for span, h in zip(gold_dev.spans, held) if h]
            heads.append(lexical)
        for mix in LEXICAL_MIX_GRID:
            accuracy = float((((1 - mix) * vector_log_p + mix * lexical_log_p).argmax(axis=1) == gold_dev.targets).mean())
            log(f"lexical C={c} mix={mix}: dev cross-validated accuracy {accuracy:.4f}")
            if accuracy > best[0]:
                mixed = [SpanHead(v.weight, v.bias, lex, mix) for v, lex in zip(vector_heads, heads)]
                best = (accuracy, {"lexical_c": c if mix else 0.0, "lexical_mix": mix,
                                   "cv_accuracy_with_words": round(accuracy, 4)}, mixed if mix else vector_heads)
    return best[1], best[2]


def tune_decoding(model: TechniqueModel, articles: Sequence[PtcArticle], encoded: Sequence[Encoded]) -> dict[str, float]:
    """The word prior's weight (when the model has one), detection threshold, hysteresis edge
    threshold and gap merging with the best SI F1 (then precision) on these articles. SI ignores
    the technique, so only detection is run."""
    gold = {a.id: a.spans for a in articles}
    best: tuple[float, float, dict[str, float]] = (-1.0, -1.0, {})
    for word_weight in WORD_WEIGHT_GRID if model.word_prior is not None else (0.0,):
        tokens = [model.detection_tokens(a.text, enc, word_weight) for a, enc in zip(articles, encoded)]
        for threshold in THRESHOLD_GRID:
            for low in LOW_GRID[LOW_GRID <= threshold]:
                for max_gap in GAP_GRID:
                    pred = {a.id: [LabelledSpan("any", s, e) for s, e, _, _ in
                                   model.detect(a.text, enc, float(threshold), max_gap, float(low), tokens=t)]
                            for a, enc, t in zip(articles, encoded, tokens)}
                    score = si_score(gold, pred)
                    if (score.f1, score.precision) > best[:2]:
                        best = (score.f1, score.precision, {"threshold": float(threshold), "low": float(low),
                                                            "max_gap": max_gap, "word_weight": word_weight})
    return best[2]


def tune_technique_thresholds(model: TechniqueModel, articles: Sequence[PtcArticle], encoded: Sequence[Encoded],
                               heads: Sequence[SpanHead]) -> dict[str, float]:
    """Per technique, the threshold at which a detected span also carries it beside its best
    technique, for the best FLC micro F1 on these articles (two passes of coordinate ascent over
    `TECHNIQUE_THRESHOLD_GRID`; a technique no threshold helps gets none). ``heads`` gives each
    article a span head fitted without it, whose probabilities are as sure as on unseen text.
    SI is unchanged: the extra labels lie on spans already found. Leaves ``model`` using the
    chosen thresholds (and its own span head), as the calibration fitted next must."""
    gold = {a.id: a.spans for a in articles}
    final_head = model.span_head
    spans: dict[str, list[tuple[int, int, np.ndarray]]] = {}
    for article, enc, head in zip(articles, encoded, heads):
        model.span_head = head
        runs = [(start, end) for start, end, _, _ in model.detect(article.text, enc)]
        spans[article.id] = [(start, end, probs) for (start, end), probs in
                             zip(runs, model.technique_probabilities(article.text, enc, runs)) if probs is not None]
    model.span_head = final_head

    def flc(thresholds: dict[str, float]) -> float:
        model.technique_thresholds = thresholds
        pred = {doc_id: [LabelledSpan(technique, start, end) for start, end, probs in rows
                         for technique, _ in model.techniques_of(probs)] for doc_id, rows in spans.items()}
        return flc_score(gold, pred).micro.f1

    chosen: dict[str, float] = {}
    for _ in range(2):
        for technique in model.labels:
            without = {k: v for k, v in chosen.items() if k != technique}
            best = (flc(without), None)
            for threshold in sorted(TECHNIQUE_THRESHOLD_GRID, reverse=True):  # ties: the fewer labels
                score = flc({**without, technique: threshold})
                if score > best[0]:
                    best = (score, threshold)
            chosen = without if best[1] is None else {**without, technique: best[1]}
    model.technique_thresholds = chosen
    return chosen


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
                    heads: Sequence[SpanHead] | None = None) -> dict:
    """A monotone curve from raw span score to the chance the span is right, over all techniques.

    ``heads`` gives each article the span head fitted without it: a head that trained on an
    article's spans is over-confident there, and a curve fitted on that would be too."""
    model.meta["calibration"] = None
    final_head = model.span_head
    raw, right = [], []
    for i, (article, enc) in enumerate(zip(articles, encoded)):
        if heads is not None:
            model.span_head = heads[i]
        for prediction in model.decode(article.text, enc):
            raw.append(prediction.score)
            right.append(span_is_right(prediction, article.spans))
    model.span_head = final_head
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
    _save_span_head(model, model_dir)
    log(f"span head: {model.meta['span_head']}")
    model.word_prior = fit_word_prior([(a.text, [(g.start, g.end) for g in a.spans]) for a in train], WORD_PRIOR_C)
    dev_encoded = encode_articles(model, dev)
    _use_decoding(model, tune_decoding(model, dev, dev_encoded))
    _save_word_prior(model, model_dir)
    out_of_fold = [head_fit.fold_heads[fold] for fold in head_fit.fold_of_article]
    model.meta["decoding"]["technique_thresholds"] = tune_technique_thresholds(model, dev, dev_encoded, out_of_fold)
    log(f"decoding: {model.meta['decoding']}")
    model.meta["calibration"] = fit_calibration(model, dev, dev_encoded, out_of_fold)
    metrics = {"dev": measure(model, dev, dev_encoded), "test": measure(model, test)}
    _save_meta(model, model_dir, metrics)
    sizes = {path.name: path.stat().st_size for path in model_dir.iterdir() if path.suffix in (".onnx", ".npz", ".json")}
    (model_dir / "README.md").write_text(model_card(model.meta, sizes))
    log(json.dumps(metrics, indent=1))
    return metrics


def tune_like(model_dir: Path | str, data_dir: Path | str, reference_dir: Path | str, log=print) -> dict[str, Any]:
    """Settle a model trained on train and dev articles (``train_techniques(with_dev=True)``), which dev can no
    longer tune: the span classifier is refitted on the train and dev gold spans with the settings the tuned
    ``reference`` model chose, the word prior is fitted on both, and the reference's decoding thresholds and
    score calibration are taken as they are. Only the test articles measure it."""
    split, corpus = fixed_split(), {a.id: a for a in load_corpus(data_dir)}
    reference = json.loads((Path(reference_dir) / "meta.json").read_text())
    return refit_like(Path(model_dir), [corpus[i] for i in split["train"] + split["dev"]],
                      [corpus[i] for i in split["test"]], reference, log)


def refit_like(model_dir: Path, seen: Sequence[PtcArticle], test: Sequence[PtcArticle], reference: dict[str, Any],
               log=print) -> dict[str, Any]:
    """`tune_like` on given articles: those the network trained on (``seen``) and held-out ones (``test``)."""
    model = TechniqueModel.load(model_dir, check_hash=False)
    choice = {key: reference["span_head"][key] for key in ("c", "lexical_c", "lexical_mix")}
    gold = gold_span_inputs(model, seen)
    weights = np.ones(len(gold.targets))
    lexical = fit_lexical(gold.spans, gold.targets, weights, choice["lexical_c"], len(TECHNIQUES)) \
        if choice["lexical_mix"] > 0 else None
    model.span_head = SpanHead(*_fit_logistic(gold.inputs, gold.targets, weights, choice["c"]), lexical,
                               choice["lexical_mix"])
    _save_span_head(model, model_dir)
    model.word_prior = fit_word_prior([(a.text, [(g.start, g.end) for g in a.spans]) for a in seen], WORD_PRIOR_C)
    _use_decoding(model, reference["decoding"])
    _save_word_prior(model, model_dir)
    model.meta["calibration"] = reference["calibration"]
    model.meta["span_head"] = {**choice, "tuned_like": reference.get("sha256")}
    metrics = {"test": measure(model, test)}
    _save_meta(model, model_dir, metrics)
    log(json.dumps(metrics, indent=1))
    return metrics


def _save_span_head(model: TechniqueModel, model_dir: Path) -> None:
    np.savez(model_dir / "span_head.npz", weight=model.span_head.weight, bias=model.span_head.bias)
    (model_dir / LEXICAL_FILE).unlink(missing_ok=True)
    if model.span_head.lexical is not None:
        model.span_head.lexical.save(model_dir / LEXICAL_FILE)


def _use_decoding(model: TechniqueModel, decoding: dict[str, Any]) -> None:
    model.meta["decoding"] = decoding
    model.threshold, model.low, model.max_gap, model.word_weight = (
        decoding[k] for k in ("threshold", "low", "max_gap", "word_weight"))


def _save_word_prior(model: TechniqueModel, model_dir: Path) -> None:
    """The word prior's file, only when decoding gives it weight."""
    (model_dir / WORD_PRIOR_FILE).unlink(missing_ok=True)
    if model.word_weight > 0:
        model.word_prior.save(model_dir / WORD_PRIOR_FILE)


def _save_meta(model: TechniqueModel, model_dir: Path, metrics: dict[str, Any]) -> None:
    model.meta["metrics"] = metrics
    model.meta["sha256"] = sha256(model_dir / "model.onnx")
    (model_dir / "meta.json").write_text(json.dumps(model.meta, indent=1))


def _word_prior_clause(meta: dict[str, Any]) -> str:
    weight = meta["decoding"].get("word_weight", 0.0)
    if not weight:
        return ""
    return (f"; a piece's probability is first shifted by {weight} x the log-odds of a hashed n-gram model of its"
            " word and neighbours, fitted on the train articles, that the word lies in a technique span (`word_prior.npz`)")


def _technique_thresholds_clause(meta: dict[str, Any]) -> str:
    thresholds = meta["decoding"].get("technique_thresholds")
    if not thresholds:
        return " with its best technique, so predicted spans do not overlap each other"
    listed = ", ".join(f"{technique} {value:g}" for technique, value in sorted(thresholds.items()))
    return (" with its best technique and with every other technique whose probability reaches that technique's"
            f" threshold, tuned on dev for FLC F1 with out-of-fold span classifiers ({listed}; the others never"
            " label a span beside a better one), so spans of different techniques may share their text as in the"
            " gold data")


def _lexical_sentence(meta: dict[str, Any]) -> str:
    mix = meta.get("span_head", {}).get("lexical_mix", 0.0)
    if not mix:
        return ""
    return (f" Its log-probabilities are mixed, weight {mix}, with those of a hashed n-gram logistic"
            " model of the span's words, word pairs, character 2-5-grams and the five words either side"
            " (`lexical_head.npz`, fitted on the same spans).")


def _training_sentence(meta: dict[str, Any]) -> str:
    training = meta["training"]
    if "soup_of" not in training:
        return (f"Seed {training['seed']}, {training['epochs']} epochs, batch {training['batch_size']},\nlr {training['lr']},"
                f" {training['threads']} CPU threads: {training['seconds']} s on a 2-core machine.")
    members = "; ".join(f"seed {t['seed']}, {t['epochs']} epochs, lr {t['lr']}" for t in training["soup_of"])
    return (f"The network is a soup: the mean of the weights of {len(training['soup_of'])} networks trained alike"
            f" ({members}; batch {training['batch_size']}, {training['threads']} CPU threads), {training['seconds']} s"
            " of training in all on a 2-core machine.")


def _training_flags(training: dict[str, Any], every: bool = False) -> str:
    """The `unspin train techniques` options of one network's training: those off their defaults, or ``every`` one."""
    defaults = {"seed": 13, "epochs": 3, "lr": 5e-05}
    return "".join(f" --{name} {training[name]}" for name, value in defaults.items()
                   if every or training.get(name, value) != value)


def _reproduce_clause(meta: dict[str, Any]) -> str:
    any_channel = " --any-channel" if meta.get("any_channel") else ""
    training = meta["training"]
    command = "unspin train techniques --data ../shared/data/ptc --out DIR"
    if "soup_of" not in training:
        return f"`{command}{_training_flags(training)}{any_channel}`"
    members = training["soup_of"]
    runs = "; ".join(f"`{command}{i}{_training_flags(t, every=True)}{any_channel} --keep-weights`" for i, t in enumerate(members, 1))
    return f"{runs}; then `{command} {' '.join(f'--soup DIR{i}' for i in range(1, len(members) + 1))}`"


def model_card(meta: dict[str, Any], sizes: dict[str, int]) -> str:
    """The model card; ``sizes`` gives the bytes of each file of the folder (shipped models stay small)."""
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

**What it is.** {meta["base_model"].split(" (")[0].split("/")[-1]} ({meta.get("encoder_layers", 6)} layers, {meta.get("encoder_hidden", 384)}-d) fine-tuned with three heads on one encoder
pass, reading {"consecutive sentences packed across line breaks" if meta.get("pack_lines") else "the sentences of one line"} per window: per-token technique sigmoids{" (and one for any technique, which detection reads)" if meta.get("any_channel") else ""}, a window "contains propaganda" head (a training signal only)
and a span classifier over [mean, first, last, CLS] of the span's pieces plus two article
features. At inference, spans are the runs of word pieces where any technique is likely
(a run of pieces above {meta["decoding"].get("low", meta["decoding"]["threshold"])} with one piece above {meta["decoding"]["threshold"]}; runs less than {meta["decoding"]["max_gap"]} characters apart merged; tuned on dev{_word_prior_clause(meta)}),
each labelled by the span classifier{_technique_thresholds_clause(meta)}. After training,
the span classifier is refitted as a logistic regression on the frozen span vectors of the train and
dev gold spans (L2 strength and dev weight chosen by cross-validation over dev articles:
{meta.get("span_head", {})}).{_lexical_sentence(meta)} Encoder and
token heads are ONNX int8 ({sizes["model.onnx"] / 1e6:.1f} MB); the span classifier is a small numpy matrix. Files:
{", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items()))}; {sum(sizes.values()) / 1e6:.1f} MB in all
(the target is 40 MB at most). Runs on
CPU with onnxruntime and tokenizers only; nothing is downloaded.

**Data and split.** Trained on the {training["train_articles"]} train articles of unspin's fixed split of
the PTC training set (`src/unspin/data/ptc_split.json`, seed 13); the detection thresholds, gap merging and the
score calibration tuned on the 56 dev articles, whose gold spans also join the span classifier's refit; figures below on the 56 test articles, never used
for training or tuning. {_training_sentence(meta)}

Reproduce: {_reproduce_clause(meta)} (needs `pip install unspin[train]`),
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
