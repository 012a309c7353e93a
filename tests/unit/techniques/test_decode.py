"""Span features the encoder cannot see: how often a span's words recur in the article."""

import numpy as np
import pytest

from unspin.techniques.decode import count_phrase, normalise, span_features

TEXT = ("They won't stop. THEY WON’T STOP, ever.\nThey won't-stop again and again and again; "
        "the again-and-again crowd won't.")


@pytest.mark.parametrize(("span", "expected"), [
    ("They won't stop", 2),  # case and any punctuation or line break between words, not another mark
    ("won't", 3),            # the apostrophe as written: "WON’T" is another word
    ("won’t", 1),
    ("won", 4),              # the part of "won't" before the mark is a whole word too
    ("again and again", 2),  # occurrences do not overlap: "again and again and again" holds one
    ("stop ever", 1),
    ("crowd won't stop", 0),
])
def test_counts_whole_words_in_order_ignoring_case_and_separators(span, expected):
    assert count_phrase(TEXT, normalise(span)) == expected


def test_span_features_are_the_log_of_other_occurrences_and_of_the_length():
    start = TEXT.index("again and again")
    features = span_features(TEXT, start, start + len("again and again"))
    np.testing.assert_allclose(features, [np.log1p(1), np.log1p(3) / 3.0], rtol=1e-6)
    assert span_features(TEXT, 0, 0).tolist() == [0.0, 0.0]
