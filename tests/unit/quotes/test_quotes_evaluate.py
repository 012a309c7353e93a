"""The quote metrics on a case small enough to count by hand."""

from __future__ import annotations

import hashlib
import json

import pytest

from unspin.quotes.evaluate import (Labelled, Scores, add_scores, load_labels, same_speaker, speaker_intervals,
                                    split_sources)


def test_same_speaker_rules():
    assert same_speaker("Sergei Lavrov", "Sergey Lavrov")
    assert same_speaker("Lavrov", "Sergey Lavrov")
    assert same_speaker("Recep Tayyip Erdoğan", "Erdogan")  # a gold surname alone names whoever bears it
    assert not same_speaker("Tayyip Erdoğan", "Sergey Erdogan")
    assert same_speaker("Viktor Orbán", "Viktor Orban")  # the canonical name keeps its accents
    assert same_speaker("the Kremlin’s press service", "Kremlin's press service")
    assert not same_speaker("Russian Defense Ministry", "Belarusian Defense Ministry")
    assert not same_speaker("Ministry", "Belarusian Defense Ministry")
    assert not same_speaker("Dmitry Peskov", "Sergey Lavrov")
    assert same_speaker("Benedict XVI", "Pope Benedict XVI")  # a title says what someone is, not who
    assert same_speaker("St. Thomas Aquinas", "Thomas Aquinas")
    assert not same_speaker("Pope Francis", "Pope Benedict XVI")
    assert same_speaker("WHO", "World Health Organization") and same_speaker("Department of Homeland Security", "DHS")
    assert not same_speaker("Who", "World Health Organization") and not same_speaker("WHO", "World Hunger Office Ltd")
    assert same_speaker("embassy in Beijing", "US embassy in Beijing") and same_speaker("US embassy in China", "US embassy")
    assert same_speaker("Ali Yazdi", "Sharaf ad-Din Ali Yazdi")  # a longer name that ends in the predicted one
    assert not same_speaker("Defense Ministry", "Belarusian Defense Ministry")  # institution words only
    assert not same_speaker("Brenda Snipes", "Brenda Snipes’ office")  # her office is someone else
    assert same_speaker("The WHO", "World Health Organization") and same_speaker("WHO", "The World Health Organization")
    assert not same_speaker("Foreign Ministry", "Defence Ministry")  # qualifiers tell organisations apart
    assert not same_speaker("Foreign Office", "Prime Minister's Office")
    assert same_speaker("Dina Habib-Powell", "Dina Habib Powell")  # a hyphen or a space between two surnames
    assert same_speaker("Curtis", "Edward E. Curtis IV") and same_speaker("Edward Curtis IV", "Edward E. Curtis IV")
    assert not same_speaker("Donald Trump Jr.", "Donald Trump") and not same_speaker("Trump Jr.", "Donald Trump")
    assert same_speaker("Trump Jr.", "Donald Trump Jr.")
    assert not same_speaker("Jones", "Mary Smith-Jones") and not same_speaker("Mary Smith-Jones", "Mark Jones")
    assert not same_speaker("Jean-Pierre Raffarin", "Pierre Raffarin")


def test_scores_by_hand():
    gold = [Labelled(0, 10, "direct", ("Sergey Lavrov",)),  # matched, right speaker
            Labelled(20, 30, "direct", ("Dmitry Peskov",)),  # matched, no speaker predicted: unknown
            Labelled(40, 50, "indirect", ()),  # matched by a direct quote only: kinds differ, missed
            Labelled(60, 70, "indirect", ()),  # matched, a name for an unknown speaker: wrong
            Labelled(80, 90, "direct", ("Kremlin",))]  # not found
    predicted = [Labelled(2, 9, "direct", ("Lavrov",)), Labelled(25, 35, "direct"),
                 Labelled(41, 49, "direct", ("Lavrov",)), Labelled(60, 65, "indirect", ("Peskov",)),
                 Labelled(100, 110, "direct")]
    scores = Scores()
    add_scores(scores, gold, predicted)
    assert (scores.gold, scores.predicted, scores.matched) == (5, 5, 3)
    assert (scores.correct, scores.unknown, scores.wrong) == (1, 1, 1)
    assert scores.precision == scores.recall == scores.f1 == 0.6
    assert scores.speaker_recall == 0.5  # 1 right of 2 matched quotes with a known speaker
    assert round(scores.wrong_share, 4) == round(1 / 3, 4)
    blind = Scores()
    add_scores(blind, gold, predicted, same_kind=False)
    assert blind.matched == 4


def test_split_holds_out_exactly_the_named_test_sources_in_file_order():
    test = ["data/ptc/articles/article999001621.txt", "ppn:215", "data/ptc/articles/article697454736.txt",
            "ppn:272"]
    old_test = ["data/ptc/articles/article763761219.txt",  # the round 3 test, dev since round 4
                "data/ptc/articles/article754131438.txt",  # the round 4 test, dev since round 5
                "ppn:18436",  # the round 5 test, dev since round 6
                "data/ptc/articles/article770938827.txt", "ppn:1665",  # the round 6 test, dev since round 7
                "data/ptc/articles/article729561658.txt", "ppn:1062",  # the round 7 test, dev since round 8
                "data/ptc/articles/article741802985.txt", "ppn:599",  # the round 8 test, dev since round 9
                "data/ptc/articles/article735090638.txt", "ppn:275",  # the round 9 test, dev since round 10
                "data/ptc/articles/article999000125.txt", "ppn:1777",  # the round 10 test, dev since round 11
                "data/ptc/articles/article765953146.txt", "ppn:10",  # the round 11 test, dev since round 12
                "data/ptc/articles/article700461600.txt", "ppn:237",  # the round 12 test, dev since round 13
                "data/ptc/articles/article782149225.txt", "ppn:755",  # the round 13 test, dev since round 14
                "data/ptc/articles/article731927633.txt", "ppn:436",  # the round 14 test, dev since round 15
                "data/ptc/articles/article788900262.txt", "ppn:824",  # the round 15 test, dev since round 16
                "data/ptc/articles/article722507879.txt", "ppn:340",  # the round 16 test, dev since round 17
                "data/ptc/articles/article771879020.txt", "ppn:1036",  # the round 17 test, dev since round 18
                "data/ptc/articles/article764518567.txt", "ppn:1245",  # the round 18 test, dev since round 19
                "data/ptc/articles/article789615291.txt", "ppn:1735"]  # the round 19 test, dev since round 20
    sources = ["examples/a.txt", test[0], "ppn:840", test[1], old_test[0], test[2], "ppn:1662", old_test[1], test[3],
               *old_test[2:]]
    split = split_sources(sources)
    assert split["dev"] == ["examples/a.txt", "ppn:840", old_test[0], "ppn:1662", old_test[1], *old_test[2:]]
    assert split["test"] == test
    assert split["all"] == sources


def test_speaker_intervals_span_the_articles_one_could_draw():
    # article a: its one quote right; b: its one quote wrong. Draws of {a, a} give recall 1 and no
    # wrong speaker, {b, b} recall 0 and all wrong.
    gold = {"a": [Labelled(0, 10, "direct", ("Sergey Lavrov",))], "b": [Labelled(0, 10, "direct", ("Dmitry Peskov",))]}
    predicted = {"a": [Labelled(0, 10, "direct", ("Lavrov",))], "b": [Labelled(0, 10, "direct", ("Lavrov",))]}
    intervals = speaker_intervals(["a", "b"], gold, predicted, resamples=400)
    recall, wrong = intervals["speaker recall"], intervals["wrong share"]
    assert (recall.low, recall.high, wrong.low, wrong.high) == (0.0, 1.0, 0.0, 1.0)
    same = speaker_intervals(["a", "a"], gold, predicted, resamples=50)
    assert same["speaker recall"].low == same["speaker recall"].high == 1.0 and same["wrong share"].high == 0.0


QUOTE = {"source": "examples/a.txt", "start": 13, "end": 36, "kind": "direct", "speaker": "Sergey Lavrov",
         "sha1_8": hashlib.sha1('"We are ready to talk."'.encode()).hexdigest()[:8]}


def _write_labels(tmp_path, rows):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.txt").write_text('Lavrov said: "We are ready to talk."', encoding="utf-8")
    (tmp_path / "examples" / "b.txt").write_text("The comet passed Earth on Tuesday.", encoding="utf-8")
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_an_article_read_and_found_without_quotes_is_scored_with_no_gold(tmp_path):
    none = {"source": "examples/b.txt", "start": 0, "end": 0, "kind": "none", "speaker": "unknown", "sha1_8": ""}
    labels = load_labels(_write_labels(tmp_path, [QUOTE, none]), tmp_path)
    assert [len(gold) for _, gold in labels.values()] == [1, 0]
    assert labels["examples/b.txt"][0].startswith("The comet")


def test_a_none_row_beside_quotes_of_the_same_article_is_refused(tmp_path):
    none = {"source": "examples/a.txt", "start": 0, "end": 0, "kind": "none", "speaker": "unknown", "sha1_8": ""}
    with pytest.raises(ValueError, match="beside quotes"):
        load_labels(_write_labels(tmp_path, [none, QUOTE]), tmp_path)
