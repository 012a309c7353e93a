"""Catalogue import: formats, malformed rows, idempotent re-import, re-embedding only changes."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from unspin.narratives import (
    import_catalogue,
    list_catalogues,
    remove_catalogue,
    show_case,
    show_catalogue,
)
from unspin.narratives.encoders import Encoder, set_encoder
from unspin.narratives.importers import normalise_title, read_catalogue


class CountingEncoder(Encoder):
    """Deterministic fake vectors; remembers every text it was asked to embed."""

    dim = 8

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.seen: list[str] = []

    def encode(self, texts, draft=False):
        self.seen.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:32], dtype=np.uint8)[:8].astype(np.float32) + 1
                for t in texts]
        matrix = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


@pytest.fixture
def fake_encoders():
    encoders = {name: CountingEncoder(name) for name in ("use", "e5")}
    for name, enc in encoders.items():
        set_encoder(name, enc)
    yield encoders
    for name in encoders:
        set_encoder(name, None)


CSV = """id,title,summary,date,keywords,url
c1,NATO is preparing to attack Russia,,2021-01-02,NATO+war,https://example.org/c1
c2,"Ukraine is ruled by neo-Nazis",Summary two.,,Ukraine,
c3,,no title here,,,
c4,Too,many,fields,here,x,y
c5,Bad date,,31.02.2020,,
c1,Duplicate id,,,,
c6,The West staged the poisoning of Navalny,,02.09.2020,Navalny|West,
"""


def test_csv_import_reports_malformed_rows_with_line_numbers(tmp_path):
    path = tmp_path / "cat.csv"
    path.write_text(CSV, encoding="utf-8")
    cases, problems = read_catalogue(path, "csv")
    assert [c.case_id for c in cases] == ["c1", "c2", "c6"]
    assert cases[0].keywords == ["NATO", "war"] and cases[0].date == "2021-01-02"
    assert cases[2].date == "2020-09-02" and cases[2].keywords == ["Navalny", "West"]
    reasons = {p.line: p.reason for p in problems}
    assert set(reasons) == {4, 5, 6, 7}
    assert "empty id or title" in reasons[4]
    assert "expected 6 fields" in reasons[5]
    assert "unreadable date" in reasons[6]
    assert "duplicate id" in reasons[7]


def test_jsonl_import_skips_bad_lines(tmp_path):
    path = tmp_path / "cat.jsonl"
    lines = [json.dumps({"id": "j1", "title": "Sanctions hurt Europe more than Russia", "keywords": ["sanctions"]}),
             "{not json",
             json.dumps(["a", "list"]),
             json.dumps({"id": "j2"}),
             "",
             json.dumps({"id": "j3", "title": "Crimea joined Russia voluntarily", "keywords": "Crimea+referendum"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases, problems = read_catalogue(path, "jsonl")
    assert [c.case_id for c in cases] == ["j1", "j3"]
    assert cases[1].keywords == ["Crimea", "referendum"]
    assert [p.line for p in problems] == [2, 3, 4]


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(ValueError):
        read_catalogue(tmp_path, "xml")
    with pytest.raises(FileNotFoundError):
        read_catalogue(tmp_path / "nope.csv", "csv")


TITLES = """date,id,title,countries,keywords,languages,outlets
2017-07-16,https://euvsdisinfo.eu/report/a/,There is a need to erase Lithuania from the map,Lithuania,Baltic states,Russian,Outlet A
2017-07-17,https://euvsdisinfo.eu/report/b/,Ukraine is controlled politically and economically by the Jews and…,Ukraine,Jews,Polish,Outlet B
2017-07-18,https://euvsdisinfo.eu/report/c/,"ECHR’s decisions are not binding for Russia",Russia,ECHR+Navalny,Russian,Outlet C
not-a-date,https://euvsdisinfo.eu/report/d/,Broken date row,,,,
"""
FULL = '''"issue";"date";"outlet";"language";"origin";"reported by";"keywords";"source";"title";"summary";"disproof"
"1";"16.07.2017";"Outlet A";"Russian";"Lithuania";"x";"Baltic states";"s";"There is a need to erase Lithuania from the map. It is a black hole.";"Lithuania should be erased.";"No."
"1";"17.07.2017";"Outlet B";"Polish";"Ukraine";"x";"Jews";"s";"Ukraine is controlled politically and economically by the Jews and is planned to be a homeland.";"Summary B.";"Disproof B."
"1";"18.07.2017";"Outlet C";"Russian";"Russia";"x";"ECHR";"s";"ECHR's decisions are not binding for Russia";"Summary C.";"Disproof C."
"1";"19.07.2017";"Outlet E";"Russian";"EU";"x";"EU";"s";"The EU is collapsing";"Summary E.";"Disproof E."
"1";"19.07.2017";"Outlet E";"Russian";"EU";"x";"EU";"s";"The EU is collapsing";"Summary E.";"Disproof E."
"1";"20.07.2017";"too";"few"
'''


def test_euvsdisinfo_merge_by_normalised_title(tmp_path):
    (tmp_path / "cases_2015-2021_titles.csv").write_text(TITLES, encoding="utf-8")
    (tmp_path / "cases_2015-2017_full.csv").write_text(FULL, encoding="utf-8")
    cases, problems = read_catalogue(tmp_path, "euvsdisinfo")
    by_id = {c.case_id: c for c in cases}
    assert by_id["https://euvsdisinfo.eu/report/a/"].summary == "Lithuania should be erased."  # first sentence
    assert by_id["https://euvsdisinfo.eu/report/b/"].disproof == "Disproof B."  # truncated with …
    assert by_id["https://euvsdisinfo.eu/report/c/"].summary == "Summary C."  # ’ vs '
    own = [c for c in cases if c.case_id.startswith("euvsdisinfo:full:")]
    assert len(own) == 1 and own[0].title == "The EU is collapsing"  # repeated row added once
    assert by_id["https://euvsdisinfo.eu/report/c/"].keywords == ["ECHR", "Navalny"]
    assert sorted(p.line for p in problems) == [5, 7]
    # the synthetic id is stable across reads
    again, _ = read_catalogue(tmp_path, "euvsdisinfo")
    assert own[0].case_id in {c.case_id for c in again}
    assert normalise_title("ECHR’s  decisions!") == normalise_title("echr's decisions")


def test_reimport_is_idempotent_and_reembeds_only_changes(tmp_path, fake_encoders):
    path = tmp_path / "cat.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_catalogue(path, "csv", "mine")
    assert (report.added, report.embedded) == (3, {"use": 3, "e5": 3})
    assert len(report.problems) == 4
    again = import_catalogue(path, "csv", "mine")
    assert (again.added, again.updated, again.unchanged, again.embedded) == (0, 0, 3, {"use": 0, "e5": 0})
    changed = CSV.replace("Ukraine is ruled by neo-Nazis", "Ukraine is ruled by Nazis").replace(
        "c6,The West staged the poisoning of Navalny,,02.09.2020,Navalny|West,\n", "")
    path.write_text(changed, encoding="utf-8")
    fake_encoders["use"].seen.clear()
    third = import_catalogue(path, "csv", "mine")
    assert (third.updated, third.removed, third.unchanged) == (1, 1, 1)
    assert fake_encoders["use"].seen == ["Ukraine is ruled by Nazis"]
    # a summary-only change keeps the title embedding
    path.write_text(changed.replace("Summary two.", "Another summary."), encoding="utf-8")
    fourth = import_catalogue(path, "csv", "mine")
    assert fourth.updated == 1 and fourth.embedded == {"use": 0, "e5": 0}

    rows = list_catalogues()
    assert rows[0]["name"] == "mine" and rows[0]["n_cases"] == 2 and rows[0]["embeddings"] == {"use": 2, "e5": 2}
    assert show_case("c2")["summary"] == "Another summary."
    assert show_catalogue("mine", limit=1)["cases"] == [
        {"case_id": "c1", "title": "NATO is preparing to attack Russia", "date": "2021-01-02"}]
    with pytest.raises(KeyError):
        show_case("nope")
    assert remove_catalogue("mine") is True
    assert remove_catalogue("mine") is False
    assert list_catalogues() == []


def test_index_cache_follows_the_catalogue(tmp_path, fake_encoders):
    from unspin.narratives.index import load_index

    path = tmp_path / "cat.csv"
    path.write_text(CSV, encoding="utf-8")
    import_catalogue(path, "csv", "mine")
    first = load_index("use")
    assert len(first.keys) == 3 and first.path.exists()
    assert load_index("use").path == first.path  # cached
    path.write_text(CSV.replace("NATO is preparing", "NATO prepares"), encoding="utf-8")
    import_catalogue(path, "csv", "mine")
    second = load_index("use")
    assert second.path != first.path and not first.path.exists()
    scores, rows = second.search(fake_encoders["use"].encode(["NATO prepares to attack Russia"]), 1)
    assert second.cases[rows[0][0]] == ("mine", "c1") and scores[0][0] == pytest.approx(1.0, abs=1e-5)


def test_component_without_catalogue_records_a_skip(fake_encoders):
    from unspin.components.narratives import Narratives
    from unspin.doc import Document

    doc = Narratives()(Document.from_text("NATO is preparing to attack Russia, the anchor said.", language="en"))
    assert doc.narratives == [] and "no narrative catalogue" in doc.skipped[0].reason
    assert fake_encoders["use"].seen == []


EXAMPLES_JSONL = [
    {"id": "e1", "title": "NATO is preparing to attack Russia",
     "examples": ["NATO troops are massing at the border to invade Russia.", "NATO troops are massing at the border to invade Russia."]},
    {"id": "e2", "title": "Sanctions hurt Europe more than Russia", "examples": "Gas prices ruin German industry|  "},
    {"id": "e3", "title": "Crimea joined Russia voluntarily"},
]


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_examples_are_read_deduplicated_and_embedded_incrementally(tmp_path, fake_encoders):
    path = tmp_path / "cat.jsonl"
    _write_jsonl(path, EXAMPLES_JSONL)
    cases, _ = read_catalogue(path, "jsonl")
    assert [c.examples for c in cases] == [["NATO troops are massing at the border to invade Russia."],
                                           ["Gas prices ruin German industry"], []]
    first = import_catalogue(path, "jsonl", "ex")
    assert first.embedded == {"use": 5, "e5": 5}  # 3 titles + 2 examples
    rows = [dict(r) for r in EXAMPLES_JSONL]
    rows[1]["examples"] = ["Gas prices ruin German industry", "Europe freezes because of its own sanctions"]
    rows[0]["examples"] = []
    _write_jsonl(path, rows)
    fake_encoders["use"].seen.clear()
    second = import_catalogue(path, "jsonl", "ex")
    assert (second.updated, second.unchanged) == (2, 1)
    assert fake_encoders["use"].seen == ["Europe freezes because of its own sanctions"]  # only the new example
    from unspin.narratives.index import load_index

    index = load_index("use")
    assert index.keys.count(("ex", "e1")) == 1 and index.keys.count(("ex", "e2")) == 3
    assert index.cases == [("ex", "e1"), ("ex", "e2"), ("ex", "e3")]


def test_a_text_embedded_once_is_reused_by_another_catalogue(tmp_path, fake_encoders):
    path = tmp_path / "cat.jsonl"
    _write_jsonl(path, EXAMPLES_JSONL)
    import_catalogue(path, "jsonl", "one")
    fake_encoders["e5"].seen.clear()
    other = tmp_path / "other.csv"
    other.write_text("id,title,examples\nx1,Crimea joined Russia voluntarily,Gas prices ruin German industry|"
                     "The referendum in Crimea was legal\n", encoding="utf-8")
    report = import_catalogue(other, "csv", "two")
    assert report.embedded == {"use": 1, "e5": 1} and fake_encoders["e5"].seen == ["The referendum in Crimea was legal"]
    assert remove_catalogue("one")
    from unspin.narratives.index import load_index

    assert load_index("e5").keys == [("two", "x1")] * 3


def test_a_schema_1_store_gains_the_examples_column(tmp_path, narratives_home):
    import sqlite3

    from unspin.narratives import store

    old = sqlite3.connect(store.db_path())
    old.execute("CREATE TABLE cases (catalogue TEXT NOT NULL, case_id TEXT NOT NULL, title TEXT NOT NULL, "
                "summary TEXT NOT NULL DEFAULT '', disproof TEXT NOT NULL DEFAULT '', date TEXT, "
                "keywords TEXT NOT NULL DEFAULT '[]', countries TEXT NOT NULL DEFAULT '[]', "
                "languages TEXT NOT NULL DEFAULT '[]', outlets TEXT NOT NULL DEFAULT '[]', url TEXT, "
                "content_hash TEXT NOT NULL, PRIMARY KEY (catalogue, case_id))")
    old.execute("INSERT INTO cases(catalogue, case_id, title, content_hash) VALUES ('c', 'k', 'A claim', 'h')")
    old.commit()
    old.close()
    with store.connect() as conn:
        case = store.get_case(conn, "k")
    assert case.title == "A claim" and case.examples == []
    # an old case without examples hashes as it did before examples existed
    assert store.Case("k", "A claim").content_hash() == hashlib.sha1(json.dumps(
        {f: v for f, v in store.Case("k", "A claim").to_dict().items() if f not in ("catalogue", "examples")},
        sort_keys=True, ensure_ascii=False).encode()).hexdigest()
