"""Part (f) of `unspin eval narratives`: precision of article matches against two annotators' labels."""

from __future__ import annotations

import pytest

from unspin.narratives.evaluate import load_match_labels, match_figures

LABELS = {
    ("doc1", "euvsdisinfo", "a"): ("yes", "yes"),
    ("doc1", "euvsdisinfo", "b"): ("yes", "no"),
    ("doc2", "euvsdisinfo", "c"): ("no", "no"),
    ("doc3", "voxcheck", "d"): ("yes", "yes"),
}


def test_precision_counts_only_labelled_matches_and_both_yes_as_right():
    per_doc = [[("doc1", "euvsdisinfo", "a"), ("doc1", "euvsdisinfo", "b"), ("doc1", "euvsdisinfo", "new")],
               [("doc2", "euvsdisinfo", "c")], []]
    got = match_figures(per_doc, LABELS, resamples=50)
    assert (got["matches"], got["labelled"], got["right_both"], got["right_either"]) == (4, 3, 1, 2)
    assert got["precision_both"] == pytest.approx(1 / 3) and got["precision_either"] == pytest.approx(2 / 3)
    assert got["found"] == pytest.approx(1 / 2)  # doc3's right match was not found
    assert 0.0 <= got["precision_both_interval"].low <= got["precision_both_interval"].high <= 1.0


def test_no_matches_gives_zero_not_an_error():
    got = match_figures([[], []], LABELS, resamples=10)
    assert got["precision_both"] == 0.0 and got["found"] == 0.0


def test_the_shipped_labels_are_well_formed():
    labels = load_match_labels()
    assert len(labels) >= 190
    assert {a for pair in labels.values() for a in pair} <= {"yes", "no", "unsure"}
    assert all(len(sha) == 12 for sha, _, _ in labels)
