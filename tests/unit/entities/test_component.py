"""The component on real sentences, through spaCy (English) and natasha (Russian)."""

from unspin.components.entities import Entities, info
from unspin.doc import Document
from unspin.render.view import entity_counts
from unspin.schema import validate_result


def canonicals(rows, type_="PER"):
    return {canonical for _, t, canonical in rows if t == type_}


def test_lukashenko_and_lukashenka_are_one_person(analyse):
    rows = analyse("Alexander Lukashenko met reporters in Minsk on Monday. "
                   "Lukashenka said the West's sanctions had failed.")
    assert [r for r in rows if r[1] == "PER"] == [("Alexander Lukashenko", "PER", "Alexander Lukashenko"),
                                                  ("Lukashenka", "PER", "Alexander Lukashenko")]


def test_tikhanovskaya_and_tsikhanouskaya_are_one_person_across_articles(analyse):
    first = analyse("Svetlana Tikhanovskaya, the opposition leader, spoke in Vilnius on Friday.")
    second = analyse("Sviatlana Tsikhanouskaya's team denied the report. Tsikhanouskaya left for Warsaw.")
    assert canonicals(first) == canonicals(second) == {"Sviatlana Tsikhanouskaya"}


def test_kiev_and_kyiv_are_one_place(analyse):
    rows = analyse("Russian troops shelled Kiev overnight. The mayor of Kyiv, Vitali Klitschko, said the city held.")
    assert [r for r in rows if r[0] in ("Kiev", "Kyiv")] == [("Kiev", "LOC", "Kyiv"), ("Kyiv", "LOC", "Kyiv")]


def test_the_white_house_imposter_is_not_a_name(analyse):
    rows = analyse("The White House imposter told the crowd that the White House imposter had won the election.")
    assert all("imposter" not in text and "imposter" not in canonical for text, _, canonical in rows)
    assert not canonicals(rows)  # a description names nobody


def test_titles_and_possessives_are_trimmed(analyse):
    rows = analyse("He said that President Vladimir Putin's envoy met NATO's Jens Stoltenberg "
                   "and the European Union in Washington.")
    assert ("Vladimir Putin", "PER", "Vladimir Putin") in rows
    assert ("NATO", "ORG", "NATO") in rows
    assert ("European Union", "ORG", "European Union") in rows


def test_russian_lukashenko_has_the_english_canonical(analyse):
    english = analyse("Alexander Lukashenko said Minsk would not yield.")
    russian = analyse("Президент Белоруссии Александр Лукашенко заявил, что Минск не уступит. "
                      "Позже Лукашенко встретился с Путиным в Москве.", "ru")
    assert canonicals(english) <= canonicals(russian) == {"Alexander Lukashenko", "Vladimir Putin"}
    assert {"Belarus", "Minsk", "Moscow"} <= canonicals(russian, "LOC")


def test_spans_round_trip_and_validate_with_a_summary():
    doc = Document.from_text("Joe Biden met Olaf Scholz in Berlin. Biden thanked Scholz.", language="en")
    Entities()(doc)
    validate_result({"status": "ok", **doc.to_dict()})
    assert Document.from_dict(doc.to_dict()).spans["entities"] == doc.spans["entities"]
    assert entity_counts(doc.to_dict())[:2] == [{"canonical": "Joe Biden", "type": "PER", "mentions": 2},
                                {"canonical": "Olaf Scholz", "type": "PER", "mentions": 2}]


def test_a_user_alias_table_is_merged_over_the_shipped_one(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("Alyaksandr Lukashenka\tPER\tLukashenko|Alexander Lukashenko\n", encoding="utf-8")
    doc = Entities(aliases=str(path))(Document.from_text("Alexander Lukashenko spoke in Minsk.", language="en"))
    assert [s.attrs["canonical"] for s in doc.spans["entities"] if s.label == "PER"] == ["Alyaksandr Lukashenka"]


def test_a_batch_of_mixed_languages_keeps_order_and_leaves_others_empty(entities):
    docs = [Document.from_text("Sergei Lavrov spoke.", language="en"),
            Document.from_text("Сергей Лавров выступил.", language="ru"),
            Document.from_text("Sergej Lawrow sprach.", language="de")]
    list(entities.pipe(docs))
    assert [[s.attrs["canonical"] for s in d.spans.get("entities", [])] for d in docs] == [
        ["Sergei Lavrov"], ["Sergei Lavrov"], []]


def test_info_declares_languages_and_output():
    assert info().languages == ("en", "ru") and info().assigns == ("spans.entities",)
