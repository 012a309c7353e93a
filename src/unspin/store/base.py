"""The store interface and the SQL both back ends share; dialects differ only in a few hooks.

SQL is written once with ``?`` placeholders and ``ON CONFLICT DO NOTHING`` (both SQLite and
PostgreSQL understand it); the PostgreSQL store rewrites placeholders and supplies its own
schema and full-text search. Every public method takes the store's lock, so one Store can be
shared by the API's worker threads.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from unspin.doc import SPAN_GROUPS
from unspin.errors import UnspinError
from unspin.store.clusters import ClusterIndex, signature

#: Sentinels around matched words in search snippets; renderers escape the text, then mark them.
MARK_START, MARK_END = "\ue000", "\ue001"

#: Columns exported to CSV/Parquet, in order.
EXPORT_COLUMNS = ("id", "content_hash", "source", "url", "title", "outlet", "published", "week", "language",
                  "ingested_at", "cluster", "techniques", "quotes", "entities", "narratives", "text")


class StoreError(UnspinError):
    """The corpus store cannot be opened, or a request to it is invalid."""

    code = "E030"


def normalise(text: str) -> str:
    """The text as dedup sees it: NFC, whitespace runs collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """sha256 of the normalised raw text: the identity of a document in the store."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def doc_id_for(hash_: str) -> str:
    """A short stable document id derived from its content hash (the same in every store)."""
    return hash_[:16]


def iso_week(published: str | None) -> str | None:
    """``2023-W05`` for a date or datetime string starting with YYYY-MM-DD, else None."""
    if not published:
        return None
    try:
        year, week, _ = dt.date.fromisoformat(str(published)[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a text was seen: the (source, content_hash) pair and its own metadata."""

    content_hash: str
    source: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


def annotation_rows(doc_id: str, result: dict[str, Any]) -> list[tuple]:
    """(doc_id, grp, label, start_char, end_char, score, detail, extra) rows for every annotation.

    Driven by `SPAN_GROUPS`, so a new span group is stored without changes here; ``detail`` is
    the human part worth grouping on (quote speaker, narrative title, entity text).
    """
    rows = []
    text = result.get("text", "")
    for group, label_key in SPAN_GROUPS.items():
        for span in result.get(group) or []:
            extra = {k: v for k, v in span.items() if k not in ("start", "end", label_key, "score")}
            detail = span.get("speaker") or (text[span["start"]:span["end"]][:200] if group == "entities" else None)
            rows.append((doc_id, group, str(span.get(label_key)), span["start"], span["end"], span.get("score"),
                         detail, json.dumps(extra, ensure_ascii=False) if extra else None))
    for match in result.get("narratives") or []:
        evidence = match.get("evidence") or [{}]
        extra = {k: match.get(k) for k in ("stance", "catalogue", "url", "date") if match.get(k) is not None}
        rows.append((doc_id, "narratives", str(match.get("case_id")), evidence[0].get("start"), evidence[0].get("end"),
                     match.get("score"), match.get("title"), json.dumps(extra, ensure_ascii=False)))
    return rows


class Store:
    """A corpus database. Subclasses provide the connection, schema, transactions and search."""

    #: Name shown in errors and ``stats``.
    kind = "sql"

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._index: ClusterIndex | None = None
        self._main = self._connect()
        with self._lock, self.transaction():
            for statement in self._schema():
                self._exec(statement)

    # -- dialect hooks -------------------------------------------------------------------------
    def _connect(self) -> Any:
        raise NotImplementedError

    def _schema(self) -> list[str]:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def _sql(self, sql: str) -> str:
        return sql

    def _index_text(self, doc_id: str, title: str, text: str) -> None:
        raise NotImplementedError

    def _search(self, query: str, limit: int) -> list[tuple]:
        raise NotImplementedError

    # -- plumbing ------------------------------------------------------------------------------
    def _exec(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._connection().execute(self._sql(sql), tuple(params))

    def _many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            cursor = self._connection().cursor()
            cursor.executemany(self._sql(sql), rows)

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return list(self._exec(sql, params).fetchall())

    def _connection(self) -> Any:
        """The connection this thread uses (one shared connection unless a dialect says otherwise)."""
        return self._main

    def _reading(self) -> Any:
        """Held while reading: the store lock, unless each thread has its own connection."""
        return self._lock

    def close(self) -> None:
        with self._lock:
            self._main.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    def known(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored (analysed) already."""
        hashes = list(set(hashes))
        found: set[str] = set()
        with self._reading():
            for i in range(0, len(hashes), 500):
                chunk = hashes[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(h for (h,) in self._all(f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", chunk))
        return found

    def _cluster_index(self) -> ClusterIndex:
        if self._index is None:
            index = ClusterIndex()
            rows = self._all("SELECT m.doc_id, m.signature, d.cluster FROM minhashes m JOIN documents d ON d.id = m.doc_id")
            index.load((doc_id, bytes(sig), cluster) for doc_id, sig, cluster in rows)
            self._index = index
        return self._index

    def add_batch(self, documents: list[tuple[dict[str, Any], str]], occurrences: Iterable[Occurrence] = (),
                  failures: Iterable[tuple[str, str, str]] = ()) -> list[str]:
        """Store (result dict, content hash) pairs, occurrences and (source, reason, code) failures
        in ONE transaction; documents already stored are left as they are. Returns new doc ids."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        added: list[str] = []
        with self._lock:
            try:
                with self.transaction():
                    index = self._cluster_index()
                    if len(index.signatures) != self._all("SELECT COUNT(*) FROM minhashes")[0][0]:
                        self._index = None  # another process wrote to this store: start from what it holds
                        index = self._cluster_index()
                    for result, hash_ in documents:
                        doc_id = doc_id_for(hash_)
                        result = {k: v for k, v in result.items() if k != "status"}
                        inserted = self._exec(
                            "INSERT INTO documents (id, content_hash, source, url, title, outlet, published, week, language,"
                            " ingested_at, cluster, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            (doc_id, hash_, result.get("source"), result.get("url"), result.get("title"), result.get("outlet"),
                             result.get("published"), iso_week(result.get("published")), result.get("language"), now, doc_id,
                             json.dumps(result, ensure_ascii=False)))
                        if inserted.rowcount == 0:  # stored already (a re-run, or another writer got there first)
                            continue
                        self._index_text(doc_id, result.get("title") or "", result.get("text", ""))
                        self._many("INSERT INTO annotations (doc_id, grp, label, start_char, end_char, score, detail, extra)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", annotation_rows(doc_id, result))
                        sig = signature(result.get("text", ""))
                        if sig is not None:
                            self._exec("INSERT INTO minhashes (doc_id, signature) VALUES (?, ?)", (doc_id, sig.tobytes()))
                            for member, cluster in index.add(doc_id, sig).items():
                                self._exec("UPDATE documents SET cluster = ? WHERE id = ?", (cluster, member))
                        self._exec("INSERT INTO occurrences (content_hash, source, url, outlet, published, week)"
                                   " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                   (hash_, result.get("source") or "", result.get("url"), result.get("outlet"),
                                    result.get("published"), iso_week(result.get("published"))))
                        added.append(doc_id)
                    self._many("INSERT INTO occurrences (content_hash, source, url, outlet, published, week)"
                               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               [(o.content_hash, o.source, o.url, o.outlet, o.published, iso_week(o.published))
                                for o in occurrences])
                    self._many("INSERT INTO failures (source, reason, code, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               [(source, reason, code, now) for source, reason, code in failures])
            except BaseException:
                self._index = None  # the in-memory index may hold rows that were rolled back
                raise
        return added

    # -- reading -------------------------------------------------------------------------------
    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored result dict with ``store`` facts (hash, cluster, occurrences), or None."""
        with self._reading():
            rows = self._all("SELECT result, content_hash, cluster, ingested_at FROM documents WHERE id = ?", (doc_id,))
            if not rows:
                return None
            result, hash_, cluster, ingested_at = rows[0]
            seen = self._all("SELECT source, url, outlet, published FROM occurrences WHERE content_hash = ? ORDER BY published, source",
                             (hash_,))
            members = self._all("SELECT id, title, outlet, published FROM documents WHERE cluster = ? AND id <> ? ORDER BY published, id",
                                (cluster, doc_id))
        data = json.loads(result)
        data["store"] = {
            "id": doc_id, "content_hash": hash_, "cluster": cluster, "ingested_at": ingested_at,
            "occurrences": [dict(zip(("source", "url", "outlet", "published"), row)) for row in seen],
            "near_duplicates": [dict(zip(("id", "title", "outlet", "published"), row)) for row in members],
        }
        return data

    def count(self) -> int:
        with self._reading():
            return self._all("SELECT COUNT(*) FROM documents")[0][0]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching ``query`` (words, all required), best first, with a marked snippet."""
        if not query or not query.strip():
            return []
        with self._reading():
            rows = self._search(query, max(1, min(int(limit), 200)))
        return [dict(zip(("id", "title", "outlet", "published", "snippet"), row)) for row in rows]

    def stats(self) -> dict[str, Any]:
        """Counts of documents, occurrences, outlets, failures, clusters and annotations."""
        with self._reading():
            one = lambda sql: int(self._all(sql)[0][0] or 0)  # noqa: E731 - PostgreSQL SUM is a Decimal
            groups = dict(self._all("SELECT grp, COUNT(*) FROM annotations GROUP BY grp"))
            return {
                "documents": one("SELECT COUNT(*) FROM documents"),
                "occurrences": one("SELECT COUNT(*) FROM occurrences"),
                "repeated_texts": one("SELECT COUNT(*) FROM (SELECT content_hash FROM occurrences GROUP BY content_hash"
                                      " HAVING COUNT(*) > 1) r"),
                "outlets": one("SELECT COUNT(DISTINCT outlet) FROM occurrences WHERE outlet IS NOT NULL"),
                "languages": dict(self._all("SELECT COALESCE(language, 'unknown'), COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC")),
                "failures": one("SELECT COUNT(*) FROM failures"),
                "clusters": one("SELECT COUNT(*) FROM (SELECT cluster FROM documents GROUP BY cluster HAVING COUNT(*) > 1) c"),
                "clustered_documents": one("SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM documents"
                                           " GROUP BY cluster HAVING COUNT(*) > 1) c"),
                "annotations": {group: groups.get(group, 0) for group in (*SPAN_GROUPS, "narratives")},
                "narrative_matches": groups.get("narratives", 0),
                "documents_with_narratives": one("SELECT COUNT(DISTINCT doc_id) FROM annotations WHERE grp = 'narratives'"),
            }

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._reading():
            rows = self._all("SELECT source, reason, code, at FROM failures ORDER BY at DESC, source LIMIT ?", (limit,))
        return [dict(zip(("source", "reason", "code", "at"), row)) for row in rows]

    def clusters(self, min_size: int = 2, limit: int = 50) -> list[dict[str, Any]]:
        """Near-duplicate clusters, largest first, with their documents and outlets."""
        with self._reading():
            heads = self._all("SELECT cluster, COUNT(*) FROM documents GROUP BY cluster HAVING COUNT(*) >= ?"
                              " ORDER BY COUNT(*) DESC, cluster LIMIT ?", (max(2, min_size), limit))
            result = []
            for cluster, size in heads:
                docs = self._all("SELECT id, title, outlet, published FROM documents WHERE cluster = ? ORDER BY published, id",
                                 (cluster,))
                outlets = self._all("SELECT o.outlet, COUNT(*) FROM occurrences o JOIN documents d ON d.content_hash = o.content_hash"
                                    " WHERE d.cluster = ? GROUP BY o.outlet ORDER BY 2 DESC", (cluster,))
                result.append({"cluster": cluster, "size": size,
                               "outlets": {outlet or "unknown": n for outlet, n in outlets},
                               "documents": [dict(zip(("id", "title", "outlet", "published"), d)) for d in docs]})
        return result

    def timeline(self) -> list[dict[str, Any]]:
        """Narrative matches per case per ISO week of publication (documents without a date left out)."""
        with self._reading():
            rows = self._all("SELECT d.week, a.label, MAX(a.detail), COUNT(*) FROM annotations a JOIN documents d ON d.id = a.doc_id"
                             " WHERE a.grp = 'narratives' AND d.week IS NOT NULL GROUP BY d.week, a.label ORDER BY d.week, a.label")
        return [{"week": week, "case_id": case, "title": title, "matches": n} for week, case, title, n in rows]

    def outlets(self) -> list[dict[str, Any]]:
        """Per outlet: documents seen, and technique and narrative profiles (counts per label)."""
        with self._reading():
            docs = self._all("SELECT COALESCE(outlet, 'unknown'), COUNT(*) FROM occurrences GROUP BY 1 ORDER BY 2 DESC")
            rows = self._all("SELECT COALESCE(o.outlet, 'unknown'), a.grp, a.label, COUNT(*) FROM occurrences o"
                             " JOIN documents d ON d.content_hash = o.content_hash JOIN annotations a ON a.doc_id = d.id"
                             " WHERE a.grp IN ('techniques', 'narratives') GROUP BY 1, 2, 3")
        profiles = {outlet: {"outlet": outlet, "documents": n, "techniques": {}, "narratives": {}} for outlet, n in docs}
        for outlet, group, label, n in rows:
            profiles.setdefault(outlet, {"outlet": outlet, "documents": 0, "techniques": {}, "narratives": {}})[group][label] = n
        for profile in profiles.values():
            for group in ("techniques", "narratives"):
                profile[group] = dict(sorted(profile[group].items(), key=lambda item: (-item[1], item[0])))
        return list(profiles.values())

    # -- export --------------------------------------------------------------------------------
    def iter_export_rows(self) -> Iterator[dict[str, Any]]:
        """One flat row per document (counts per span group, narrative case ids, text)."""
        with self._reading():
            rows = self._all("SELECT id, content_hash, source, url, title, outlet, published, week, language, ingested_at,"
                             " cluster, result FROM documents ORDER BY ingested_at, id")
        for row in rows:
            result = json.loads(row[-1])
            flat = dict(zip(EXPORT_COLUMNS[:11], row[:-1]))
            for group in SPAN_GROUPS:
                flat[group] = len(result.get(group) or [])
            flat["narratives"] = ";".join(str(m.get("case_id")) for m in result.get("narratives") or [])
            flat["text"] = result.get("text", "")
            yield flat

    def iter_results(self) -> Iterator[dict[str, Any]]:
        with self._reading():
            rows = self._all("SELECT id, content_hash, cluster, result FROM documents ORDER BY ingested_at, id")
        for doc_id, hash_, cluster, result in rows:
            yield {**json.loads(result), "store": {"id": doc_id, "content_hash": hash_, "cluster": cluster}}

    def export(self, fmt: str, out: Path | TextIO | None = None) -> int:
        """Write every document as csv, jsonl or parquet to ``out`` (a path; stdout for csv/jsonl).
        Returns the number of documents written."""
        if fmt == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise StoreError("parquet export needs pyarrow, which is not installed: pip install pyarrow, "
                                 "or export --format csv|jsonl") from None
            if out is None or not isinstance(out, (str, Path)):
                raise StoreError("parquet export needs --out FILE")
            rows = list(self.iter_export_rows())
            table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in EXPORT_COLUMNS})
            pq.write_table(table, str(out))
            return len(rows)
        if fmt not in ("csv", "jsonl"):
            raise StoreError(f"unknown export format {fmt!r} (csv, jsonl, parquet)")
        stream, close = (sys.stdout, False) if out is None else ((open(out, "w", encoding="utf-8", newline=""), True)
                                                                  if isinstance(out, (str, Path)) else (out, False))
        n = 0
        try:
            if fmt == "csv":
                writer = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS)
                writer.writeheader()
                for n, row in enumerate(self.iter_export_rows(), 1):
                    writer.writerow(row)
            else:
                for n, result in enumerate(self.iter_results(), 1):
                    stream.write(json.dumps(result, ensure_ascii=False) + "\n")
        finally:
            if close:
                stream.close()
        return n


_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The words of a user query, stripped of any search syntax (so no query is an error)."""
    return _FTS_WORD.findall(query)[:32]


def common_schema(float_type: str, blob_type: str) -> list[str]:
    """The tables both back ends share; only column types differ (REAL/BLOB vs DOUBLE PRECISION/BYTEA)."""
    return [
        """CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT, url TEXT, title TEXT, outlet TEXT,
            published TEXT, week TEXT, language TEXT, ingested_at TEXT NOT NULL, cluster TEXT NOT NULL, result TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS documents_cluster ON documents (cluster)",
        "CREATE INDEX IF NOT EXISTS documents_outlet ON documents (outlet)",
        "CREATE INDEX IF NOT EXISTS documents_language ON documents (language)",
        """CREATE TABLE IF NOT EXISTS occurrences (
            content_hash TEXT NOT NULL, source TEXT NOT NULL, url TEXT, outlet TEXT, published TEXT, week TEXT,
            PRIMARY KEY (source, content_hash))""",
        "CREATE INDEX IF NOT EXISTS occurrences_hash ON occurrences (content_hash)",
        f"""CREATE TABLE IF NOT EXISTS annotations (
            doc_id TEXT NOT NULL, grp TEXT NOT NULL, label TEXT NOT NULL, start_char INTEGER, end_char INTEGER,
            score {float_type}, detail TEXT, extra TEXT)""",
        "CREATE INDEX IF NOT EXISTS annotations_doc ON annotations (doc_id)",
        "CREATE INDEX IF NOT EXISTS annotations_grp_label ON annotations (grp, label)",
        """CREATE TABLE IF NOT EXISTS failures (
            source TEXT NOT NULL, reason TEXT NOT NULL, code TEXT, at TEXT, PRIMARY KEY (source, reason))""",
        f"CREATE TABLE IF NOT EXISTS minhashes (doc_id TEXT PRIMARY KEY, signature {blob_type} NOT NULL)",
    ]
