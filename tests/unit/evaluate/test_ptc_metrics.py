"""SI, TC and FLC on cases small enough to compute by hand (the arithmetic is in the comments)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from unspin.data.ptc import TECHNIQUES, LabelledSpan
from unspin.errors import InputError
from unspin.evaluate.ptc import (
    bootstrap_f1,
    evaluate,
    evaluate_folders,
    flc_score,
    format_report,
    merge_overlapping,
    propaganda_share,
    read_predictions,
    si_score,
    tc_score,
)
from unspin.settings import shared_dir

LOADED, DOUBT, NAME, FLAG = "Loaded_Language", "Doubt", "Name_Calling,Labeling", "Flag-Waving"


def S(technique: str, start: int, end: int) -> LabelledSpan:
    return LabelledSpan(technique, start, end)


@dataclass(frozen=True)
class ScoredSpan:
    """A prediction as a model gives it: the scorers need only technique/start/end."""

    technique: str
    start: int
    end: int
    score: float


# --- merging ----------------------------------------------------------------------------------


def test_merge_joins_overlaps_but_not_touching_spans():
    assert merge_overlapping([(5, 20), (0, 10), (30, 40), (40, 45)]) == [(0, 20), (30, 40), (40, 45)]
    assert merge_overlapping([(0, 10), (0, 10), (2, 3)]) == [(0, 10)]


# --- SI ---------------------------------------------------------------------------------------


def test_si_partial_overlap():
    # gold [0,10), pred [5,15): |s&t| = 5 -> P = 5/10, R = 5/10, F1 = 0.5
    score = si_score({"a": [S(LOADED, 0, 10)]}, {"a": [S(LOADED, 5, 15)]})
    assert (score.precision, score.recall, score.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (score.n_pred, score.n_gold) == (1, 1)


def test_si_one_prediction_over_two_gold_fragments():
    # gold [0,10) and [20,30); pred [5,25) overlaps each by 5
    # P = (5/20 + 5/20) / 1 = 0.5 ; R = (5/10 + 5/10) / 2 = 0.5
    score = si_score({"a": [S(LOADED, 0, 10), S(DOUBT, 20, 30)]}, {"a": [S(LOADED, 5, 25)]})
    assert (score.precision, score.recall) == pytest.approx((0.5, 0.5))


def test_si_merges_overlapping_gold_of_any_technique():
    # gold Loaded [0,10) + Doubt [5,20) -> one fragment [0,20); pred [0,10)
    # P = 10/10 = 1 ; R = 10/20 = 0.5 ; F1 = 2*0.5/1.5 = 2/3
    # (unmerged it would be R = (10/10 + 5/15)/2 = 2/3: merging matters)
    score = si_score({"a": [S(LOADED, 0, 10), S(DOUBT, 5, 20)]}, {"a": [S(NAME, 0, 10)]})
    assert (score.precision, score.recall, score.f1) == pytest.approx((1.0, 0.5, 2 / 3))
    assert score.n_gold == 1


def test_si_merges_predictions_too():
    # pred [0,10) twice and [5,10) -> one fragment [0,10): P = 1, not 3 fragments
    pred = {"a": [S(LOADED, 0, 10), S(DOUBT, 0, 10), S(LOADED, 5, 10)]}
    score = si_score({"a": [S(LOADED, 0, 10)]}, pred)
    assert (score.precision, score.recall, score.n_pred) == (1.0, 1.0, 1)


def test_si_touching_gold_spans_stay_apart():
    # gold [0,2) and [2,10) share no character, so stay two fragments (official scorer: sets of offsets)
    # pred [0,2): R = (2/2 + 0/8) / 2 = 0.5  (merged it would be 2/10)
    score = si_score({"a": [S(LOADED, 0, 2), S(DOUBT, 2, 10)]}, {"a": [S(LOADED, 0, 2)]})
    assert score.n_gold == 2
    assert score.recall == pytest.approx(0.5)


def test_si_empty_predictions():
    # no prediction: P = 0 by convention, R = 0/1 = 0, F1 = 0
    for pred in ({}, {"a": []}):
        score = si_score({"a": [S(LOADED, 0, 10)]}, pred)
        assert (score.precision, score.recall, score.f1, score.n_pred) == (0.0, 0.0, 0.0, 0)


def test_si_empty_gold():
    # predictions but no gold: P = 0/1, R = 0 (no gold), F1 = 0
    score = si_score({}, {"a": [S(LOADED, 0, 10)]})
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_nothing_to_find_and_nothing_found_is_f1_one():
    # the official compute_prec_rec_f1: both denominators 0 -> F1 = 1, P = R = 0
    score = si_score({"a": []}, {})
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 1.0)


def test_si_prediction_in_article_without_gold():
    # article a perfect, article b has no gold: P = (1 + 0)/2 = 0.5, R = 1/1, F1 = 2/3
    gold = {"a": [S(LOADED, 0, 10)]}
    pred = {"a": [S(LOADED, 0, 10)], "b": [S(LOADED, 0, 10)]}
    score = si_score(gold, pred)
    assert (score.precision, score.recall, score.f1) == pytest.approx((0.5, 1.0, 2 / 3))


def test_si_gold_of_unpredicted_article_counts_in_recall():
    # article b has gold but no prediction at all: R = (1 + 0)/2
    gold = {"a": [S(LOADED, 0, 10)], "b": [S(LOADED, 0, 10)]}
    score = si_score(gold, {"a": [S(LOADED, 0, 10)]})
    assert (score.precision, score.recall) == pytest.approx((1.0, 0.5))


# --- TC ---------------------------------------------------------------------------------------


def tc_gold():
    # span [0,10) carries two gold labels; [20,30) one
    return {"a": [S(LOADED, 0, 10), S(NAME, 0, 10), S(DOUBT, 20, 30)]}


def test_tc_duplicate_labels_match_one_to_one_in_any_order():
    pred = {"a": [S(NAME, 0, 10), S(LOADED, 0, 10), S(DOUBT, 20, 30)]}
    report = tc_score(tc_gold(), pred, strict=True)
    assert report.micro.f1 == 1.0


def test_tc_duplicate_label_predicted_twice_counts_once():
    # pred Loaded, Loaded on [0,10) and Doubt on [20,30): Loaded matched once, Name_Calling missed
    # correct = 2 of 3 -> micro P = R = F1 = 2/3 (accuracy, as sklearn's micro average)
    # Loaded: P = 1/2, R = 1/1, F1 = 2/3 ; Name_Calling: P = 0 (no pred), R = 0, F1 = 0 ; Doubt: 1
    # macro over the techniques present = (2/3 + 0 + 1)/3 = 5/9
    pred = {"a": [S(LOADED, 0, 10), S(LOADED, 0, 10), S(DOUBT, 20, 30)]}
    report = tc_score(tc_gold(), pred, strict=True)
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == pytest.approx((2 / 3,) * 3)
    loaded = report.technique(LOADED)
    assert (loaded.precision, loaded.recall, loaded.f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert report.technique(NAME).f1 == 0.0
    assert report.technique(DOUBT).f1 == 1.0
    assert report.macro_f1 == pytest.approx(5 / 9)
    # a technique absent from gold and predictions: the scorer's F1 = 1, left out of the macro
    assert report.technique(FLAG).f1 == 1.0
    assert [row.technique for row in report.per_technique] == list(TECHNIQUES)


def test_tc_strict_refuses_other_spans_and_lenient_counts_them_wrong():
    pred = {"a": [S(LOADED, 0, 10), S(NAME, 0, 10), S(DOUBT, 20, 29)]}
    with pytest.raises(InputError):
        tc_score(tc_gold(), pred, strict=True)
    # lenient: [20,29) matches no gold span -> correct 2, P = 2/3, R = 2/3
    report = tc_score(tc_gold(), pred)
    assert (report.micro.precision, report.micro.recall) == pytest.approx((2 / 3, 2 / 3))


def test_tc_missing_prediction_lowers_recall_only():
    # 2 predictions, both right, 3 gold instances: P = 2/2, R = 2/3, F1 = 0.8
    report = tc_score(tc_gold(), {"a": [S(LOADED, 0, 10), S(DOUBT, 20, 30)]})
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == pytest.approx((1.0, 2 / 3, 0.8))


# --- FLC --------------------------------------------------------------------------------------


def test_flc_wrong_technique_scores_zero_where_si_scores_one():
    gold, pred = {"a": [S(LOADED, 0, 10)]}, {"a": [S(DOUBT, 0, 10)]}
    assert si_score(gold, pred).f1 == 1.0
    report = flc_score(gold, pred)
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == (0.0, 0.0, 0.0)


def test_flc_partial_overlap_same_technique():
    # C(s,t,|s|) = 5/10, C(s,t,|t|) = 5/10
    report = flc_score({"a": [S(LOADED, 0, 10)]}, {"a": [S(LOADED, 5, 15)]})
    assert (report.micro.precision, report.micro.recall) == pytest.approx((0.5, 0.5))


def test_flc_mixed_and_per_technique():
    # gold Loaded [0,10), Doubt [20,30); pred Loaded [0,10), Loaded [20,25)
    # overall: P = (10/10 + 0)/2 = 0.5 ; R = (10/10 + 0)/2 = 0.5 (Loaded [20,25) vs Doubt: delta = 0)
    # Loaded row: P = 1/2, R = 1/1, F1 = 2/3 ; Doubt row: P = 0 (no pred), R = 0/1, F1 = 0
    # macro = (2/3 + 0)/2 = 1/3 ; SI for contrast: P = 1, R = (1 + 5/10)/2 = 0.75
    gold = {"a": [S(LOADED, 0, 10), S(DOUBT, 20, 30)]}
    pred = {"a": [S(LOADED, 0, 10), S(LOADED, 20, 25)]}
    report = flc_score(gold, pred)
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == pytest.approx((0.5, 0.5, 0.5))
    loaded = report.technique(LOADED)
    assert (loaded.precision, loaded.recall, loaded.f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert report.technique(DOUBT).f1 == 0.0
    assert report.macro_f1 == pytest.approx(1 / 3)
    si = si_score(gold, pred)
    assert (si.precision, si.recall) == pytest.approx((1.0, 0.75))


def test_flc_merges_overlaps_within_a_technique_only():
    # gold Loaded [0,10) + Loaded [5,20) -> Loaded [0,20); Doubt [0,20) stays separate
    # pred Loaded [0,20): P = 20/20 = 1 ; R = (1 + 0)/2 = 0.5 (Doubt missed) ; n_gold = 2
    gold = {"a": [S(LOADED, 0, 10), S(LOADED, 5, 20), S(DOUBT, 0, 20)]}
    report = flc_score(gold, {"a": [S(LOADED, 0, 20)]})
    assert (report.micro.precision, report.micro.recall, report.micro.n_gold) == pytest.approx((1.0, 0.5, 2))
    assert report.technique(LOADED).recall == 1.0


def test_flc_per_technique_recall_uses_gold_lengths():
    # the official script reuses the precision sum as recall per technique; the paper does not:
    # gold Loaded [0,20), pred Loaded [0,5): P = 5/5 = 1, R = 5/20 = 0.25
    report = flc_score({"a": [S(LOADED, 0, 20)]}, {"a": [S(LOADED, 0, 5)]})
    loaded = report.technique(LOADED)
    assert (loaded.precision, loaded.recall) == pytest.approx((1.0, 0.25))


# --- together ---------------------------------------------------------------------------------


def test_perfect_prediction_is_one_everywhere_with_scored_spans():
    gold = {"a": [S(LOADED, 0, 10), S(NAME, 0, 10), S(DOUBT, 5, 30)], "b": [S(FLAG, 3, 9)], "c": []}
    pred = {k: [ScoredSpan(s.technique, s.start, s.end, 0.9) for s in v] for k, v in gold.items()}
    report = evaluate(gold, pred)
    assert report.si.f1 == report.tc.micro.f1 == report.flc.micro.f1 == 1.0
    assert report.tc.macro_f1 == report.flc.macro_f1 == 1.0
    assert report.tc_on_gold_spans and report.n_articles == 3


def test_bad_spans_and_unknown_techniques_are_refused():
    with pytest.raises(InputError):
        si_score({"a": [S(LOADED, 5, 5)]}, {})
    with pytest.raises(InputError):
        flc_score({}, {"a": [S("Loaded Language", 0, 5)]})
    # techniques=None: rows are whatever labels occur
    report = flc_score({"a": [S("custom", 0, 5)]}, {"a": [S("custom", 0, 5)]}, techniques=None)
    assert [row.technique for row in report.per_technique] == ["custom"]


def test_propaganda_share():
    # [0,10) + [5,20) cover 20 of 40 characters
    assert propaganda_share([S(LOADED, 0, 10), S(DOUBT, 5, 20)], 40) == 0.5
    assert propaganda_share([], 0) == 0.0


def test_format_report_is_aligned_and_marks_empty_rows():
    gold = {"a": [S(LOADED, 0, 10), S(DOUBT, 20, 30)]}
    text = format_report(evaluate(gold, {"a": [S(LOADED, 0, 10), S(LOADED, 20, 25)]}))
    assert "SI" in text and "FLC macro" in text and "not the gold spans" in text
    rows = [line for line in text.splitlines() if line.split(" ")[0] in TECHNIQUES]
    assert len(rows) == len(TECHNIQUES)
    assert len({len(line) for line in rows}) == 1
    flag = next(line for line in rows if line.startswith(FLAG))
    assert " - " in flag


# --- files ------------------------------------------------------------------------------------


def _write_corpus(root: Path) -> tuple[Path, Path]:
    articles, labels = root / "articles", root / "labels"
    articles.mkdir()
    labels.mkdir()
    for doc_id in ("1", "2", "3"):
        (articles / f"article{doc_id}.txt").write_text("x" * 50, encoding="utf-8")
    (labels / "article1.task-flc-tc.labels").write_text(f"1\t{LOADED}\t0\t10\n1\t{DOUBT}\t20\t30\n")
    (labels / "article2.task-flc-tc.labels").write_text(f"2\t{NAME}\t5\t15\n")
    (labels / "article3.task-flc-tc.labels").write_text("")
    return articles, labels


def test_evaluate_folders_file_and_folder(tmp_path):
    articles, labels = _write_corpus(tmp_path)
    pred = tmp_path / "pred.tsv"
    # article 1: Loaded exact, Doubt missed; article 2 none; article 3 (no gold) one false alarm
    pred.write_text(f"1\t{LOADED}\t0\t10\n3\t{FLAG}\t0\t10\n")
    report = evaluate_folders(articles, labels, pred)
    # SI: gold fragments 3, pred fragments 2; P = (1 + 0)/2, R = (1 + 0 + 0)/3
    assert (report.si.precision, report.si.recall) == pytest.approx((0.5, 1 / 3))
    assert report.n_articles == 3
    folder = tmp_path / "preds"
    folder.mkdir()
    (folder / "a.labels").write_text(f"1\t{LOADED}\t0\t10\n")
    (folder / "b.tsv").write_text(f"3\t{FLAG}\t0\t10\n")
    (folder / "README.md").write_text("not predictions\n")
    assert evaluate_folders(articles, labels, folder) == report
    assert read_predictions(folder) == read_predictions(pred)
    # restricted to article 1: P = 1, R = 1/2
    only_1 = evaluate_folders(articles, labels, pred, article_ids=["1"])
    assert (only_1.si.precision, only_1.si.recall, only_1.n_articles) == (1.0, 0.5, 1)


def test_evaluate_folders_refuses_unknown_articles_and_spans_past_the_end(tmp_path):
    articles, labels = _write_corpus(tmp_path)
    pred = tmp_path / "pred.tsv"
    pred.write_text(f"9\t{LOADED}\t0\t10\n")
    with pytest.raises(InputError):
        evaluate_folders(articles, labels, pred)
    pred.write_text(f"1\t{LOADED}\t40\t51\n")
    with pytest.raises(InputError):
        evaluate_folders(articles, labels, pred)
    pred.write_text("1\tLoaded_Language\t0\n")
    with pytest.raises(InputError):
        evaluate_folders(articles, labels, pred)


PTC = shared_dir() / "data" / "ptc"


@pytest.mark.skipif(not (PTC / "articles").is_dir(), reason="PTC corpus not available")
def test_gold_against_itself_scores_one_on_the_real_corpus():
    report = evaluate_folders(PTC / "articles", PTC / "labels", PTC / "labels")
    assert report.n_articles == 371
    assert report.tc.micro.n_gold == 6128
    assert report.si.f1 == report.tc.micro.f1 == report.flc.micro.f1 == pytest.approx(1.0)
    assert report.tc.macro_f1 == report.flc.macro_f1 == pytest.approx(1.0)


# --- bootstrap intervals ----------------------------------------------------------------------


def test_bootstrap_of_identical_articles_collapses_to_their_f1():
    gold = {f"a{i}": [S(LOADED, 0, 10), S(DOUBT, 20, 30)] for i in range(3)}
    pred = {f"a{i}": [S(LOADED, 5, 10)] for i in range(3)}
    f1 = si_score(gold, pred).f1  # P 1, R 0.25: 0.4
    interval = bootstrap_f1(si_score, gold, pred, resamples=200)
    assert interval.low == pytest.approx(f1) and interval.high == pytest.approx(f1) and f1 == pytest.approx(0.4)


def test_bootstrap_spans_the_draws_of_a_perfect_and_a_failed_article():
    # draws of {good, good} score 1, {bad, bad} 0, one of each the full-sample F1
    gold = {"good": [S(LOADED, 0, 10)], "bad": [S(LOADED, 0, 10)]}
    pred = {"good": [S(LOADED, 0, 10)], "bad": [S(LOADED, 50, 60)]}
    interval = bootstrap_f1(lambda g, p: flc_score(g, p).micro, gold, pred, resamples=400, level=0.9)
    assert interval.low == 0.0 and interval.high == 1.0 and interval.resamples == 400
    assert bootstrap_f1(si_score, gold, pred, resamples=400, seed=3) == bootstrap_f1(si_score, gold, pred, 400, seed=3)
