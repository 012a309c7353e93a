"""Scoring technique spans the way the Propaganda Techniques Corpus papers do.

Three published measures, each a pure function of ``{article_id: [span, ...]}`` for gold and for
predictions (a span is anything with ``technique``, ``start`` and ``end``; end exclusive, so
:class:`unspin.data.ptc.LabelledSpan` or a scored prediction both fit):

``si_score``
    SemEval-2020 Task 11 span identification. Labels are ignored; within each article the
    gold spans that share at least one character are merged, and so are the predicted ones. With
    S the predicted and T the gold fragments of the whole corpus::

        P = 1/|S| * sum_s sum_t |s & t| / |s|      R = 1/|T| * sum_s sum_t |s & t| / |t|

``flc_score``
    The technique-aware variant of Da San Martino et al., EMNLP 2019: the same sums where a pair
    counts only if both carry the same technique, C(s, t, h) = |s & t| / h * [l(s) == l(t)].
    Overlapping spans are merged per technique. Rows per technique restrict S and T to it.

``tc_score``
    SemEval-2020 technique classification on given (gold) spans: micro P/R/F1 over span
    instances. A span that carries several gold labels is several instances; identical spans are
    matched label to label, one to one, so predicting its k labels (in any order) scores k.

Conventions copied from the official scorers (SemEval-2020 ``tools/task-SI_scorer.py`` and
``src/annotations.py``, Da San Martino; read as mirrored in github.com/aschern/semeval2020_task11):

* no predictions: P = 0; no gold: R = 0; F1 = 0 when P or R is 0, except F1 = 1 when there is
  neither a prediction nor a gold span (``compute_prec_rec_f1``);
* merging joins spans that share a character; spans that only touch ([0, 5) and [5, 9)) stay
  apart, because the scorer keeps spans as sets of character offsets;
* gold spans of articles with no prediction count in R's denominator, and predictions on an
  article with no gold count in P's;
* a span with ``end <= start`` or ``start < 0`` is refused, as the scorers refuse it.

Where we deliberately differ: the official FLC per-technique recall reuses the precision sum
(``technique_Spr_prec`` twice); we use the paper's recall. Macro F1 averages the techniques that
occur in gold or predictions (as scikit-learn's ``average="macro"`` without ``labels``), so the
F1 = 1 of a technique absent from both never inflates it.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from unspin.data.ptc import TECHNIQUES, LabelledSpan, load_articles, read_labels
from unspin.evaluate.bootstrap import Interval, percentile_interval, resample_rows
from unspin.errors import InputError

PREDICTION_SUFFIXES: tuple[str, ...] = (".labels", ".tsv", ".txt")
"""Files read from a predictions folder; anything else there is left alone."""


class SpanLike(Protocol):
    """What the scorers need of a span: a technique and character offsets, end exclusive."""

    @property
    def technique(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Spans = Mapping[str, Sequence[SpanLike]]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the number of predicted and gold units they were computed on
    (merged fragments for SI and FLC, span instances for TC)."""

    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


@dataclass(frozen=True, slots=True)
class TechniqueRow:
    technique: str
    score: PRF


@dataclass(frozen=True, slots=True)
class ClassReport:
    """A technique-aware score: the micro figure over all techniques, macro F1, one row each."""

    micro: PRF
    macro_f1: float
    per_technique: tuple[TechniqueRow, ...]

    def technique(self, name: str) -> PRF:
        for row in self.per_technique:
            if row.technique == name:
                return row.score
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class PtcReport:
    """All three measures on one set of predictions.

    ``tc_on_gold_spans`` is False when the predicted spans are not exactly the gold ones (the
    official TC scorer then refuses to score); TC is still given, as correct/n_pred and
    correct/n_gold over exact span matches, but it is no longer the SemEval TC figure.
    """

    n_articles: int
    si: PRF
    tc: ClassReport
    flc: ClassReport
    tc_on_gold_spans: bool


# --- the arithmetic -------------------------------------------------------------------------


def prf(prec_sum: float, n_pred: int, rec_sum: float, n_gold: int) -> PRF:
    """P = prec_sum/n_pred, R = rec_sum/n_gold, with the official scorer's zero conventions."""
    precision = prec_sum / n_pred if n_pred else 0.0
    recall = rec_sum / n_gold if n_gold else 0.0
    if precision > 0 and recall > 0:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 1.0 if n_pred == 0 and n_gold == 0 else 0.0
    return PRF(precision, recall, f1, n_pred, n_gold)


def merge_overlapping(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of half-open intervals; those sharing a character merge, touching ones don't."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _overlap_sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """sum_s sum_t |s & t|/|s| and sum_s sum_t |s & t|/|t| for two sorted lists of disjoint intervals."""
    prec_sum = rec_sum = 0.0
    first = 0
    for s_start, s_end in pred:
        while first < len(gold) and gold[first][1] <= s_start:
            first += 1
        for t_start, t_end in itertools.islice(gold, first, None):
            if t_start >= s_end:
                break
            inter = min(s_end, t_end) - max(s_start, t_start)
            if inter > 0:
                prec_sum += inter / (s_end - s_start)
                rec_sum += inter / (t_end - t_start)
    return prec_sum, rec_sum


def _check(spans: Spans, side: str, techniques: Sequence[str] | None) -> None:
    allowed = None if techniques is None else set(techniques)
    for doc_id, article_spans in spans.items():
        for span in article_spans:
            if span.start < 0 or span.end <= span.start:
                raise InputError(f"{side} span {span.start}-{span.end} in article {doc_id}: need 0 <= start < end")
            if allowed is not None and span.technique not in allowed:
                raise InputError(f"{side} technique {span.technique!r} in article {doc_id} is not known")


def _technique_list(gold: Spans, pred: Spans, techniques: Sequence[str] | None) -> list[str]:
    if techniques is not None:
        return list(techniques)
    seen = {s.technique for spans in (gold, pred) for article in spans.values() for s in article}
    return sorted(seen)


def _class_report(rows: dict[str, PRF], micro: PRF) -> ClassReport:
    present = [score.f1 for score in rows.values() if score.n_pred or score.n_gold]
    macro = sum(present) / len(present) if present else 0.0
    return ClassReport(micro, macro, tuple(TechniqueRow(name, score) for name, score in rows.items()))


# --- the three measures -----------------------------------------------------------------------


def si_score(gold: Spans, pred: Spans) -> PRF:
    """SemEval-2020 span identification: technique-blind, partial-overlap P/R/F1 (module docstring)."""
    _check(gold, "gold", None)
    _check(pred, "predicted", None)
    prec_sum = rec_sum = 0.0
    n_pred = n_gold = 0
    for doc_id in gold.keys() | pred.keys():
        g = merge_overlapping((s.start, s.end) for s in gold.get(doc_id, ()))
        p = merge_overlapping((s.start, s.end) for s in pred.get(doc_id, ()))
        n_gold += len(g)
        n_pred += len(p)
        ps, rs = _overlap_sums(p, g)
        prec_sum += ps
        rec_sum += rs
    return prf(prec_sum, n_pred, rec_sum, n_gold)


def flc_score(gold: Spans, pred: Spans, techniques: Sequence[str] | None = TECHNIQUES) -> ClassReport:
    """Technique-aware partial-overlap P/R/F1 of Da San Martino et al. (2019), overall and per technique.

    ``techniques`` lists the rows (and the labels allowed); None takes those found in the data.
    """
    _check(gold, "gold", techniques)
    _check(pred, "predicted", techniques)
    names = _technique_list(gold, pred, techniques)
    sums = {name: [0.0, 0, 0.0, 0] for name in names}  # prec_sum, n_pred, rec_sum, n_gold
    for doc_id in gold.keys() | pred.keys():
        by_technique: dict[str, tuple[list, list]] = {}
        for side, spans in ((0, gold), (1, pred)):
            for s in spans.get(doc_id, ()):
                by_technique.setdefault(s.technique, ([], []))[side].append((s.start, s.end))
        for name, (g_raw, p_raw) in by_technique.items():
            g, p = merge_overlapping(g_raw), merge_overlapping(p_raw)
            ps, rs = _overlap_sums(p, g)
            row = sums[name]
            row[0] += ps
            row[1] += len(p)
            row[2] += rs
            row[3] += len(g)
    rows = {name: prf(*row) for name, row in sums.items()}
    micro = prf(*(sum(row[i] for row in sums.values()) for i in range(4)))
    return _class_report(rows, micro)


def same_spans(gold: Spans, pred: Spans) -> bool:
    """True when every article has the same multiset of (start, end) in gold and predictions."""
    for doc_id in gold.keys() | pred.keys():
        g = Counter((s.start, s.end) for s in gold.get(doc_id, ()))
        p = Counter((s.start, s.end) for s in pred.get(doc_id, ()))
        if g != p:
            return False
    return True


def tc_score(
    gold: Spans, pred: Spans, techniques: Sequence[str] | None = TECHNIQUES, strict: bool = False
) -> ClassReport:
    """SemEval-2020 technique classification: micro P/R/F1 over span instances, rows per technique.

    Predictions and gold instances on the same (article, start, end) are matched label to label;
    a matched pair is correct. With the gold spans as input (the TC setting) P = R = F1 = accuracy,
    as the official scorer's micro averages. ``strict=True`` raises InputError when predicted
    spans are not exactly the gold ones, as the official scorer refuses to score; otherwise a
    prediction on a non-gold span is simply wrong and a gold span without one is missed.
    """
    _check(gold, "gold", techniques)
    _check(pred, "predicted", techniques)
    if strict and not same_spans(gold, pred):
        raise InputError("TC needs predictions on exactly the gold spans, one per gold label")
    names = _technique_list(gold, pred, techniques)
    correct: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for doc_id in gold.keys() | pred.keys():
        g_at: dict[tuple[int, int], Counter[str]] = {}
        p_at: dict[tuple[int, int], Counter[str]] = {}
        for spans, at, counts in ((gold, g_at, n_gold), (pred, p_at, n_pred)):
            for s in spans.get(doc_id, ()):
                at.setdefault((s.start, s.end), Counter())[s.technique] += 1
                counts[s.technique] += 1
        for key, labels in p_at.items():
            correct.update(labels & g_at.get(key, Counter()))
    rows = {name: prf(correct[name], n_pred[name], correct[name], n_gold[name]) for name in names}
    total = sum(correct.values())
    micro = prf(total, sum(n_pred.values()), total, sum(n_gold.values()))
    return _class_report(rows, micro)


def evaluate(gold: Spans, pred: Spans, techniques: Sequence[str] | None = TECHNIQUES) -> PtcReport:
    """SI, TC and FLC of one set of predictions against gold."""
    return PtcReport(
        n_articles=len(gold.keys() | pred.keys()),
        si=si_score(gold, pred),
        tc=tc_score(gold, pred, techniques),
        flc=flc_score(gold, pred, techniques),
        tc_on_gold_spans=same_spans(gold, pred),
    )


def bootstrap_f1(measure: Callable[[Spans, Spans], PRF], gold: Spans, pred: Spans, resamples: int = 1000,
                 level: float = 0.95, seed: int = 0) -> Interval:
    """How far a micro F1 could move with another draw of articles of the same kind (see
    `unspin.evaluate.bootstrap`): each article's four ``prf`` terms are computed once and resampled."""
    ids = sorted(gold.keys() | pred.keys())
    draws = resample_rows(len(ids), resamples, seed)
    return percentile_interval(_resampled_f1(_article_terms(measure, gold, pred, ids), draws), level, resamples)


def bootstrap_difference(measure: Callable[[Spans, Spans], PRF], gold: Spans, pred: Spans, baseline: Spans,
                         resamples: int = 1000, level: float = 0.95, seed: int = 0) -> Interval:
    """The interval of F1(pred) - F1(baseline) when both are scored on the same resampled
    articles (a paired bootstrap): the way to say whether one model beats another here."""
    ids = sorted(gold.keys() | pred.keys() | baseline.keys())
    draws = resample_rows(len(ids), resamples, seed)
    differences = (_resampled_f1(_article_terms(measure, gold, pred, ids), draws)
                   - _resampled_f1(_article_terms(measure, gold, baseline, ids), draws))
    return percentile_interval(differences, level, resamples)


def _article_terms(measure: Callable[[Spans, Spans], PRF], gold: Spans, pred: Spans, ids: list[str]) -> np.ndarray:
    """Each article's (precision sum, predictions, recall sum, gold spans) under ``measure``."""
    rows = []
    for doc_id in ids:
        score = measure({doc_id: gold.get(doc_id, [])}, {doc_id: pred.get(doc_id, [])})
        rows.append((score.precision * score.n_pred, score.n_pred, score.recall * score.n_gold, score.n_gold))
    return np.asarray(rows, dtype=np.float64).reshape(-1, 4)


def _resampled_f1(terms: np.ndarray, draws: np.ndarray) -> np.ndarray:
    return np.asarray([prf(p, int(n_p), r, int(n_g)).f1 for p, n_p, r, n_g in terms[draws].sum(axis=1)])


def propaganda_share(spans: Iterable[SpanLike], text_length: int) -> float:
    """Fraction of an article's characters inside at least one span (0 for an empty text)."""
    if text_length <= 0:
        return 0.0
    merged = merge_overlapping((max(s.start, 0), min(s.end, text_length)) for s in spans)
    return sum(max(end - start, 0) for start, end in merged) / text_length


# --- files ------------------------------------------------------------------------------------


def read_predictions(path: Path | str) -> dict[str, list[LabelledSpan]]:
    """Predictions in PTC format (``id<TAB>technique<TAB>start<TAB>end``) from one file, or from
    every ``.labels``/``.tsv``/``.txt`` file of a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in PREDICTION_SUFFIXES)
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"no predictions at {path}")
    spans: dict[str, list[LabelledSpan]] = {}
    for file in files:
        try:
            labels = read_labels(file)
        except ValueError as error:
            raise InputError(str(error)) from error
        for doc_id, article_spans in labels.items():
            spans.setdefault(doc_id, []).extend(article_spans)
    return spans


def evaluate_folders(
    articles_dir: Path | str,
    gold_labels_dir: Path | str,
    predictions: Path | str,
    techniques: Sequence[str] | None = TECHNIQUES,
    article_ids: Iterable[str] | None = None,
) -> PtcReport:
    """Score a predictions file (or folder of them) against a PTC-format corpus.

    The articles of ``articles_dir`` (optionally only ``article_ids``, e.g. a split) are the
    universe: an article with no gold and no predicted span still counts, predictions for an
    article outside the folder or past the end of its text raise InputError, and predictions for
    articles of the folder that are not in ``article_ids`` are dropped.
    """
    articles = load_articles(articles_dir, gold_labels_dir)
    lengths = {a.id: len(a.text) for a in articles}
    keep = set(lengths) if article_ids is None else set(article_ids)
    missing = keep - set(lengths)
    if missing:
        raise InputError(f"article ids not in {articles_dir}: {', '.join(sorted(missing)[:5])}")
    pred_all = read_predictions(predictions)
    for doc_id, spans in pred_all.items():
        if doc_id not in lengths:
            raise InputError(f"predictions for article {doc_id}, which is not in {articles_dir}")
        for s in spans:
            if s.end > lengths[doc_id]:
                raise InputError(f"predicted span {s.start}-{s.end} is past the end of article {doc_id}")
    gold = {a.id: a.spans for a in articles if a.id in keep}
    pred = {doc_id: pred_all.get(doc_id, []) for doc_id in gold}
    return evaluate(gold, pred, techniques)


# --- text -------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.4f}"


def _cells(score: PRF) -> list[str]:
    if not (score.n_pred or score.n_gold):
        return ["-"] * 3
    return [_fmt(score.precision), _fmt(score.recall), _fmt(score.f1)]


def format_report(report: PtcReport) -> str:
    """An aligned plain-text table: the three measures, then P/R/F1 per technique for TC and FLC.

    Technique rows with neither a gold nor a predicted span show ``-`` (the scorer's F1 there is a
    convention, not a measurement)."""
    lines = [f"PTC evaluation on {report.n_articles} articles"]
    head = f"{'measure':<10} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6}"
    lines += ["", head, "-" * len(head)]
    for name, score in (("SI", report.si), ("TC micro", report.tc.micro), ("FLC micro", report.flc.micro)):
        lines.append(
            f"{name:<10} {_fmt(score.precision):>7} {_fmt(score.recall):>7} {_fmt(score.f1):>7}"
            f" {score.n_pred:>6} {score.n_gold:>6}"
        )
    for name, cls in (("TC macro", report.tc), ("FLC macro", report.flc)):
        lines.append(f"{name:<10} {'':>7} {'':>7} {_fmt(cls.macro_f1):>7}")
    if not report.tc_on_gold_spans:
        lines.append("note: predicted spans are not the gold spans; TC counts exact span matches only")

    width = max([len("technique")] + [len(row.technique) for row in report.flc.per_technique])
    head = (
        f"{'technique':<{width}}  {'TC P':>6} {'TC R':>6} {'TC F1':>6} {'pred':>5} {'gold':>5}"
        f"  {'FLC P':>6} {'FLC R':>6} {'FLC F1':>6} {'pred':>5} {'gold':>5}"
    )
    lines += ["", head, "-" * len(head)]
    for flc_row in report.flc.per_technique:
        try:
            tc = report.tc.technique(flc_row.technique)
        except KeyError:
            tc = PRF(0.0, 0.0, 0.0, 0, 0)
        flc = flc_row.score
        tc_cells, flc_cells = _cells(tc), _cells(flc)
        lines.append(
            f"{flc_row.technique:<{width}}  {tc_cells[0]:>6} {tc_cells[1]:>6} {tc_cells[2]:>6}"
            f" {tc.n_pred:>5} {tc.n_gold:>5}"
            f"  {flc_cells[0]:>6} {flc_cells[1]:>6} {flc_cells[2]:>6} {flc.n_pred:>5} {flc.n_gold:>5}"
        )
    return "\n".join(lines)
