"""The entity metrics on cases small enough to count by hand, and the labelled set's loader."""

from __future__ import annotations

import json

import pytest

from unspin.entities.evaluate import Mention, b_cubed, count, load_labels, score
from unspin.evaluate.labels import fingerprint


def test_mentions_exact_and_overlapping_typed_and_not():
    gold = [Mention(0, 13, "PER", "Sergey Lavrov"), Mention(20, 26, "LOC", "Russia"), Mention(30, 34, "ORG", "NATO")]
    predicted = [Mention(0, 13, "PER", "Sergei Lavrov"),  # exact, same type
                 Mention(20, 30, "ORG", "Russia's"),  # overlaps, another type
                 Mention(40, 45, "LOC", "Minsk")]  # no gold mention
    assert (count(gold, predicted, exact=True, typed=True).matched, count(gold, predicted, exact=False, typed=False).matched) == (1, 2)
    assert count(gold, predicted, exact=False, typed=True).matched == 1
    rows = count(gold, predicted, exact=False, typed=False)
    assert (rows.gold, rows.predicted, rows.precision, rows.recall) == (3, 3, 2 / 3, 2 / 3)


def test_b_cubed_by_hand():
    # gold A = {m1, m2, m3}, B = {m4}; predicted X = {m1, m2}, Y = {m3, m4}
    result = b_cubed([("A", "X"), ("A", "X"), ("A", "Y"), ("B", "Y")])
    assert result.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert result.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert b_cubed([("A", "X"), ("A", "X")]).f1 == 1.0


def test_names_across_articles_need_one_name_for_one_entity():
    gold = {"a": [Mention(0, 4, "LOC", "Kyiv")], "b": [Mention(0, 4, "LOC", "Kyiv")]}
    one_name = {"a": [Mention(0, 4, "LOC", "Kyiv")], "b": [Mention(0, 4, "LOC", "Kyiv")]}
    two_names = {"a": [Mention(0, 4, "LOC", "Kiev")], "b": [Mention(0, 4, "LOC", "Kyiv")]}
    assert score(gold, one_name).across_articles.f1 == 1.0
    split = score(gold, two_names)
    assert split.within_articles.f1 == 1.0  # each article names its one entity consistently
    assert (split.across_articles.precision, split.across_articles.recall) == (1.0, 0.5)


def test_labels_load_and_refuse_a_moved_text(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.txt").write_text("Lukashenka met Putin.", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [{"source": "examples/a.txt", "start": 0, "end": 10, "sha1_8": fingerprint("Lukashenka"),
             "type": "PER", "entity": "Alexander Lukashenko"}]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert load_labels(labels, tmp_path)["examples/a.txt"][1] == [Mention(0, 10, "PER", "Alexander Lukashenko")]
    (tmp_path / "examples" / "a.txt").write_text("Lukashenko met Putin.", encoding="utf-8")
    with pytest.raises(ValueError, match="does not match"):
        load_labels(labels, tmp_path)
