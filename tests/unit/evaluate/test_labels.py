"""Reading labelled sources and pairing spans, on cases small enough to check by hand."""

from __future__ import annotations

import gzip
import json

import pytest

from unspin.evaluate.labels import check_fingerprint, fingerprint, pair_by_overlap, source_texts
from unspin.quotes.evaluate import Labelled


def test_pairs_take_the_largest_overlap_first_and_each_span_once():
    gold = [Labelled(0, 10, "direct"), Labelled(12, 20, "direct")]
    predicted = [Labelled(8, 18, "direct"), Labelled(0, 5, "direct")]
    # 8-18 overlaps the second gold span by 6 and the first by 2: it goes to the second
    assert pair_by_overlap(gold, predicted) == [(gold[1], predicted[0]), (gold[0], predicted[1])]
    assert pair_by_overlap(gold, predicted, lambda g, p: p.start == 0) == [(gold[0], predicted[1])]
    assert pair_by_overlap(gold, [Labelled(10, 12, "direct")]) == []  # touching is no overlap


def test_sources_are_read_from_files_and_ppn_records(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.txt").write_text("Lavrov spoke.", encoding="utf-8")
    corpus = tmp_path / "data" / "ppn" / "ppn_articles.jsonl.gz"
    corpus.parent.mkdir(parents=True)
    with gzip.open(corpus, "wt", encoding="utf-8") as stream:
        for text in ("first", "Лукашенко сказал.", "third"):
            stream.write(json.dumps({"maintext": text}) + "\n")
    texts = source_texts(tmp_path, ["ppn:1", "examples/a.txt", "ppn:1"])
    assert texts == {"ppn:1": "Лукашенко сказал.", "examples/a.txt": "Lavrov spoke."}


def test_a_label_that_no_longer_fits_its_text_is_refused():
    text = "Sergei Lavrov said so."
    row = {"start": 0, "end": 13, "sha1_8": fingerprint("Sergei Lavrov")}
    check_fingerprint("s", text, row)
    with pytest.raises(ValueError, match="does not match"):
        check_fingerprint("s", "Sergey Lavrov said so.", row)
