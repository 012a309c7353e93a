"""The corpus store on SQLite and on a real PostgreSQL server: the same tests for both back ends."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from unspin.doc import Document
from unspin.ingest import Failure, Record
from unspin.pipeline import Pipeline
from unspin.render import result_dict
from unspin.store import content_hash, doc_id_for, ingest, open_store
from unspin.store.base import MARK_START, StoreError

WORDS = ("army border talks minister sanctions energy grain port missile council election protest bank court "
         "river village winter summit treaty pipeline drone harbour embassy parliament referendum").split()


def text_of(seed: int, n: int = 220) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 60)) for _ in range(n)) + "."


def variant(text: str, seed: int, share: float = 0.03) -> str:
    rng = random.Random(seed)
    words = text.split()
    for i in rng.sample(range(len(words)), int(len(words) * share)):
        words[i] = "changed" + str(rng.randint(0, 999))
    return " ".join(words) + " Republished with permission."


def record(text: str, source: str, outlet: str = "a.example", published: str = "2023-03-01") -> Record:
    return Record(source, source, text, {"outlet": outlet, "published": published, "title": source})


def analysed(text: str, source: str, outlet: str = "a.example", published: str = "2023-03-01", techniques=(), narratives=()):
    doc = Document.from_text(text, source, source=source, outlet=outlet, published=published, title=source)
    doc.add_spans("techniques", [doc.char_span(s, e, label, score) for s, e, label, score in techniques])
    doc.narratives = list(narratives)
    return result_dict(doc), content_hash(text)


def test_add_get_round_trip(store):
    text = "The <b>talks</b> in Geneva failed on Monday, officials said."
    result, hash_ = analysed(text, "one.txt", techniques=[(4, 16, "Loaded_Language", 0.8)])
    assert store.add_batch([(result, hash_)]) == [doc_id_for(hash_)]
    assert store.add_batch([(result, hash_), (result, hash_)]) == []  # stored once, however often it comes
    got = store.get(doc_id_for(hash_))
    assert got["text"] == text and got["techniques"] == result["techniques"] and got["outlet"] == "a.example"
    assert got["store"]["occurrences"] == [{"source": "one.txt", "url": None, "outlet": "a.example", "published": "2023-03-01"}]
    assert store.get("nope") is None


def test_dedup_and_idempotent_reingest(store):
    texts = [text_of(i, 40) for i in range(6)]
    records = [record(t, f"src{i}") for i, t in enumerate(texts)]
    records += [record(texts[0], "copy-elsewhere", outlet="b.example"), record("  " + texts[1].replace(" ", "\n  "), "reflowed")]
    records.append(Failure("bad.txt", "empty file"))
    pipeline = Pipeline([])
    first = ingest(store, records, pipeline, batch_size=3)
    assert (first.analysed, first.skipped, first.failed) == (6, 2, 1)
    assert store.count() == 6
    again = ingest(store, records, pipeline, batch_size=3)
    assert (again.analysed, again.skipped) == (0, 8)
    stats = store.stats()
    assert stats["documents"] == 6 and stats["occurrences"] == 8 and stats["failures"] == 1 and stats["outlets"] == 2
    assert store.failures()[0]["source"] == "bad.txt"
    assert {o["outlet"] for o in store.get(doc_id_for(content_hash(texts[0])))["store"]["occurrences"]} == {"a.example", "b.example"}


def test_full_text_search(store):
    store.add_batch([analysed("Grain exports through the port of Odesa resumed in August.", "grain"),
                     analysed("The summit on energy prices ended without a deal.", "summit")])
    hits = store.search("grain Odesa")
    assert [h["id"] for h in hits] == [doc_id_for(content_hash("Grain exports through the port of Odesa resumed in August."))]
    assert MARK_START in hits[0]["snippet"]
    assert store.search('energy" (*') and store.search("   ") == [] and store.search("absentword") == []


def test_near_duplicate_clusters(store):
    batch = []
    for base in range(4):
        original = text_of(base)
        batch.append(analysed(original, f"b{base}-0", outlet="a.example"))
        batch += [analysed(variant(original, 100 * base + k), f"b{base}-{k}", outlet=f"o{k}.example") for k in (1, 2)]
    batch += [analysed(text_of(1000 + i), f"single{i}") for i in range(6)]
    store.add_batch(batch[:7])
    store.add_batch(batch[7:])  # incremental: the second batch joins clusters made by the first
    clusters = store.clusters()
    assert sorted(c["size"] for c in clusters) == [3, 3, 3, 3]
    for cluster in clusters:
        sources = {d["title"][:2] for d in cluster["documents"]}
        assert len(sources) == 1
    assert store.stats()["clusters"] == 4 and store.stats()["clustered_documents"] == 12
    # a reopened store continues the same clusters
    with open_store(store.url if store.kind == "postgresql" else str(store.path)) as again:
        again.add_batch([analysed(variant(text_of(0), 999), "b0-late", outlet="late.example")])
        assert sorted(c["size"] for c in again.clusters()) == [3, 3, 3, 4]


def test_timeline_outlet_profiles_and_stats(store):
    match = {"case_id": "EUVSD-1", "title": "NATO provoked the war", "score": 0.9, "stance": "asserted",
             "evidence": [{"start": 0, "end": 4}], "catalogue": "euvsd"}
    store.add_batch([
        analysed("NATO expanded east, the minister said.", "d1", outlet="x.example", published="2023-01-02",
                 techniques=[(0, 4, "Name_Calling", 0.7), (0, 12, "Loaded_Language", 0.6)], narratives=[match]),
        analysed("NATO again expanded, the deputy said.", "d2", outlet="y.example", published="2023-01-10T08:00:00",
                 narratives=[match]),
        analysed("No date on this one about NATO.", "d3", outlet="y.example", published=None, narratives=[match]),
    ])
    assert store.timeline() == [{"week": "2023-W01", "case_id": "EUVSD-1", "title": "NATO provoked the war", "matches": 1},
                                {"week": "2023-W02", "case_id": "EUVSD-1", "title": "NATO provoked the war", "matches": 1}]
    profiles = {p["outlet"]: p for p in store.outlets()}
    assert profiles["x.example"]["techniques"] == {"Loaded_Language": 1, "Name_Calling": 1}
    assert profiles["y.example"] == {"outlet": "y.example", "documents": 2, "techniques": {}, "narratives": {"EUVSD-1": 2}}
    stats = store.stats()
    json.dumps(stats)  # plain JSON types on every back end
    assert stats["narrative_matches"] == 3 and stats["annotations"]["techniques"] == 2 and stats["outlets"] == 2


def test_export_formats(store, tmp_path):
    store.add_batch([analysed("First text, with a comma.", "e1", techniques=[(0, 5, "Doubt", 0.5)]),
                     analysed("Second text.", "e2")])
    out = io.StringIO()
    assert store.export("csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["text"] for r in rows} == {"First text, with a comma.", "Second text."}
    assert {r["techniques"] for r in rows} == {"1", "0"}
    path = tmp_path / "corpus.jsonl"
    assert store.export("jsonl", path) == 2
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert {line["store"]["id"] for line in lines} == {r["id"] for r in rows}
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(StoreError, match="pyarrow"):
            store.export("parquet", tmp_path / "x.parquet")
    else:
        assert store.export("parquet", tmp_path / "x.parquet") == 2
    with pytest.raises(StoreError, match="unknown export format"):
        store.export("xml", out)


def test_two_writers_share_clusters(store_url):
    """A second Store on the same database (another process, in real life) sees the first one's
    documents when it clusters, and neither duplicates the other's documents."""
    original = text_of(42)
    with open_store(store_url) as first, open_store(store_url) as second:
        first.add_batch([analysed(text_of(1), "x")])
        second.add_batch([analysed(text_of(2), "y")])  # loads its index now
        first.add_batch([analysed(original, "orig")])
        assert second.add_batch([analysed(variant(original, 5), "copy"), analysed(original, "orig")]) == [
            doc_id_for(content_hash(variant(original, 5)))]
        assert [c["size"] for c in second.clusters()] == [2] and first.count() == 4


def test_threads_read_while_one_writes(store):
    from concurrent.futures import ThreadPoolExecutor

    store.add_batch([analysed(text_of(500 + i, 60), f"pre{i}") for i in range(20)])

    def write() -> int:
        for i in range(10):
            store.add_batch([analysed(text_of(700 + 10 * i + k, 60), f"w{i}-{k}") for k in range(10)])
        return 100

    def read(n: int) -> int:
        for _ in range(15):
            assert store.stats()["documents"] >= 20 and store.search("army") is not None and store.outlets()
        return n

    with ThreadPoolExecutor(6) as pool:
        writer = pool.submit(write)
        assert sorted(pool.map(read, range(5))) == list(range(5))
        assert writer.result() == 100
    assert store.count() == 120
