"""Narrative catalogues kept in one SQLite file, ``home()/catalogues.sqlite``.

Why SQLite: it ships with Python (no server, no extra dependency), one file is easy to back up or
delete, imports are transactional (a failed import leaves the previous catalogue intact), and the
CLI can list or show a case with one indexed query instead of loading everything. Embeddings are
stored beside the cases as float32 blobs, one row per (catalogue, case, model), each with the hash
of the text it was computed from, so a re-import re-embeds only cases whose text changed. A case
may also carry example claims (quotes already attributed to it); each gets its own vector row in
``example_embeddings``, keyed by its text hash, so adding or dropping one example embeds or drops
only that one. A text already embedded anywhere in the store (same model, same text hash) is
copied, not encoded again. The vector index (FAISS, see `index.py`) is a cache built from these
rows and can always be rebuilt.

Tables::

    catalogues(name, source, fmt, imported_at, revision, n_cases)
    cases(catalogue, case_id, title, summary, disproof, date, keywords, countries, languages,
          outlets, examples, url, content_hash)         -- list fields as JSON arrays
    embeddings(catalogue, case_id, model, text_hash, dim, vector)          -- the title
    example_embeddings(catalogue, case_id, model, text_hash, dim, vector)  -- one per example
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from unspin.settings import home

SCHEMA_VERSION = 2
LIST_FIELDS = ("keywords", "countries", "languages", "outlets", "examples")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalogues (
    name TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    fmt TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    n_cases INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS cases (
    catalogue TEXT NOT NULL REFERENCES catalogues(name) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    disproof TEXT NOT NULL DEFAULT '',
    date TEXT,
    keywords TEXT NOT NULL DEFAULT '[]',
    countries TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    outlets TEXT NOT NULL DEFAULT '[]',
    examples TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (catalogue, case_id)
);
CREATE INDEX IF NOT EXISTS cases_by_id ON cases(case_id);
"""


def _vector_table(name: str, key: str) -> str:
    """DDL of a vector table: one float32 blob per (catalogue, case, model) and ``key`` columns."""
    return f"""
CREATE TABLE IF NOT EXISTS {name} (
    catalogue TEXT NOT NULL,
    case_id TEXT NOT NULL,
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (catalogue, case_id, model{key}),
    FOREIGN KEY (catalogue, case_id) REFERENCES cases(catalogue, case_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS {name}_by_hash ON {name}(model, text_hash);
"""


#: titles: one vector per case and model; examples: one per example text
_SCHEMA += _vector_table("embeddings", "") + _vector_table("example_embeddings", ", text_hash")

#: title rows then example rows of each case, so a case's rows are adjacent in an index
_ALL_EMBEDDINGS = ("(SELECT catalogue, case_id, model, text_hash, dim, vector, 0 AS unit FROM embeddings "
                   "UNION ALL SELECT catalogue, case_id, model, text_hash, dim, vector, 1 FROM example_embeddings)")


@dataclass(slots=True)
class Case:
    """One known disinformation claim (a 'narrative' case) of a catalogue."""

    case_id: str
    title: str
    summary: str = ""
    disproof: str = ""
    date: str | None = None
    keywords: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    url: str | None = None
    catalogue: str = ""
    examples: list[str] = field(default_factory=list)  # claims known to carry this case's narrative

    def content_hash(self) -> str:
        """Hash of every stored field, to tell changed cases on re-import.

        No examples hashes as before examples existed, so older stores see their cases unchanged.
        """
        payload = asdict(self)
        payload.pop("catalogue")
        if not payload["examples"]:
            payload.pop("examples")
        return hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def embedding_text(self) -> str:
        """The text a case is embedded from: its title, the claim as stated.

        The summary is deliberately left out: it is what benchmark (a) queries with, and a title
        is the closest in form to a sentence of an article.
        """
        return self.title

    def to_dict(self) -> dict:
        return asdict(self)


def text_hash(text: str, model: str) -> str:
    return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()[:16]


def db_path() -> Path:
    return home() / "catalogues.sqlite"


@contextmanager
def connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection with the schema in place; commits on success, rolls back on error."""
    conn = sqlite3.connect(path or db_path())
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(_SCHEMA)
    _add_examples_column(conn)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    try:
        yield conn
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()


def _add_examples_column(conn: sqlite3.Connection) -> None:
    """Give a schema-1 ``cases`` table its ``examples`` column (CREATE IF NOT EXISTS cannot)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(cases)")}
    if "examples" not in columns:
        conn.execute("ALTER TABLE cases ADD COLUMN examples TEXT NOT NULL DEFAULT '[]'")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def _row_to_case(row: sqlite3.Row | tuple) -> Case:
    (catalogue, case_id, title, summary, disproof, date, *lists, url) = row
    keywords, countries, languages, outlets, examples = (json.loads(v) for v in lists)
    return Case(case_id, title, summary, disproof, date, keywords, countries, languages, outlets, url, catalogue,
                examples)


_CASE_COLUMNS = ("catalogue, case_id, title, summary, disproof, date, keywords, countries, languages, outlets, "
                 "examples, url")


def write_cases(conn: sqlite3.Connection, name: str, source: str, fmt: str, cases: list[Case]) -> dict[str, int]:
    """Replace catalogue ``name`` by ``cases``; returns counts added/updated/unchanged/removed.

    Cases whose content hash is unchanged are not touched, so their embeddings stay valid.
    """
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    conn.execute(
        "INSERT INTO catalogues(name, source, fmt, imported_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET source=excluded.source, fmt=excluded.fmt, imported_at=excluded.imported_at",
        (name, source, fmt, now),
    )
    old = dict(conn.execute("SELECT case_id, content_hash FROM cases WHERE catalogue = ?", (name,)))
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
    seen = set()
    rows = []
    for case in cases:
        seen.add(case.case_id)
        digest = case.content_hash()
        if old.get(case.case_id) == digest:
            counts["unchanged"] += 1
            continue
        counts["updated" if case.case_id in old else "added"] += 1
        rows.append((name, case.case_id, case.title, case.summary, case.disproof, case.date,
                     *(json.dumps(getattr(case, f), ensure_ascii=False) for f in LIST_FIELDS), case.url, digest))
    conn.executemany(
        f"INSERT INTO cases({_CASE_COLUMNS}, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(catalogue, case_id) DO UPDATE SET title=excluded.title, summary=excluded.summary, "
        "disproof=excluded.disproof, date=excluded.date, keywords=excluded.keywords, countries=excluded.countries, "
        "languages=excluded.languages, outlets=excluded.outlets, examples=excluded.examples, url=excluded.url, "
        "content_hash=excluded.content_hash",
        rows,
    )  # an upsert, not REPLACE: a replaced row would cascade-delete the case's embeddings
    gone = [case_id for case_id in old if case_id not in seen]
    for table in ("embeddings", "example_embeddings"):
        conn.executemany(f"DELETE FROM {table} WHERE catalogue = ? AND case_id = ?", [(name, c) for c in gone])
    conn.executemany("DELETE FROM cases WHERE catalogue = ? AND case_id = ?", [(name, c) for c in gone])
    counts["removed"] = len(gone)
    changed = counts["added"] + counts["updated"] + counts["removed"]
    conn.execute(
        "UPDATE catalogues SET n_cases = (SELECT COUNT(*) FROM cases WHERE catalogue = ?), "
        "revision = revision + ? WHERE name = ?",
        (name, 1 if changed else 0, name),
    )
    return counts


def catalogue_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM catalogues ORDER BY name")]


def catalogue_rows(conn: sqlite3.Connection) -> list[dict]:
    cur = conn.execute("SELECT name, source, fmt, imported_at, revision, n_cases FROM catalogues ORDER BY name")
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row)) for row in cur]


def iter_cases(conn: sqlite3.Connection, name: str) -> Iterator[Case]:
    for row in conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE catalogue = ? ORDER BY rowid", (name,)):
        yield _row_to_case(row)


def get_case(conn: sqlite3.Connection, case_id: str, catalogue: str | None = None) -> Case | None:
    if catalogue is None:
        row = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE case_id = ? LIMIT 1", (case_id,)).fetchone()
    else:
        row = conn.execute(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE catalogue = ? AND case_id = ?", (catalogue, case_id)
        ).fetchone()
    return _row_to_case(row) if row else None


def cases_to_embed(conn: sqlite3.Connection, name: str, model: str) -> list[tuple[str, str, str]]:
    """(case_id, text, text_hash) of cases whose stored ``model`` title embedding is missing or stale."""
    stored = dict(conn.execute(
        "SELECT case_id, text_hash FROM embeddings WHERE catalogue = ? AND model = ?", (name, model)))
    todo = []
    for case in iter_cases(conn, name):
        text = case.embedding_text()
        digest = text_hash(text, model)
        if stored.get(case.case_id) != digest:
            todo.append((case.case_id, text, digest))
    return todo


def examples_to_embed(conn: sqlite3.Connection, name: str, model: str) -> list[tuple[str, str, str]]:
    """(case_id, text, text_hash) of examples without a ``model`` vector; drops vectors of removed examples."""
    stored = set(conn.execute(
        "SELECT case_id, text_hash FROM example_embeddings WHERE catalogue = ? AND model = ?", (name, model)))
    wanted: dict[tuple[str, str], str] = {}
    for case in iter_cases(conn, name):
        for example in case.examples:
            wanted.setdefault((case.case_id, text_hash(example, model)), example)
    conn.executemany("DELETE FROM example_embeddings WHERE catalogue = ? AND case_id = ? AND model = ? "
                     "AND text_hash = ?", [(name, c, model, h) for c, h in stored - set(wanted)])
    return [(case_id, text, digest) for (case_id, digest), text in wanted.items() if (case_id, digest) not in stored]


def stored_vectors(conn: sqlite3.Connection, model: str, digests: set[str]) -> dict[str, bytes]:
    """Vectors already in the store (any catalogue, title or example) for these text hashes."""
    found: dict[str, bytes] = {}
    digests = list(digests)
    for start in range(0, len(digests), 500):  # SQLite's bound-parameter limit
        chunk = digests[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT text_hash, vector FROM {_ALL_EMBEDDINGS} WHERE model = ? AND text_hash IN ({marks})",
            (model, *chunk)))
    return found


def write_embeddings(conn: sqlite3.Connection, name: str, model: str, rows: list[tuple[str, str]],
                     vectors: np.ndarray, examples: bool = False) -> None:
    """Store one float32 vector per (case_id, text_hash) row: titles, or with ``examples`` examples."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    table = "example_embeddings" if examples else "embeddings"
    conn.executemany(
        f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?, ?, ?)",
        [(name, case_id, model, digest, vectors.shape[1], vectors[i].tobytes())
         for i, (case_id, digest) in enumerate(rows)],
    )


def load_embeddings(conn: sqlite3.Connection, names: list[str], model: str) -> tuple[list[tuple[str, str]], np.ndarray]:
    """((catalogue, case_id) keys, matrix) of the stored ``model`` vectors of catalogues ``names``.

    A case with examples has several rows (title first), always adjacent.
    """
    keys: list[tuple[str, str]] = []
    blobs: list[bytes] = []
    dim = 0
    for name in names:
        for case_id, d, blob in conn.execute(
            f"SELECT e.case_id, e.dim, e.vector FROM {_ALL_EMBEDDINGS} e JOIN cases c "
            "ON c.catalogue = e.catalogue AND c.case_id = e.case_id "
            "WHERE e.catalogue = ? AND e.model = ? ORDER BY c.rowid, e.unit, e.text_hash", (name, model)):
            keys.append((name, case_id))
            blobs.append(blob)
            dim = d
    if not blobs:
        return [], np.zeros((0, dim), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), dim)
    return keys, matrix


def embedding_digests(conn: sqlite3.Connection, name: str, model: str) -> Iterator[tuple[str, str]]:
    """(case_id, text_hash) of every stored ``model`` vector of catalogue ``name``, in a fixed order."""
    yield from conn.execute(f"SELECT case_id, text_hash FROM {_ALL_EMBEDDINGS} WHERE catalogue = ? AND model = ? "
                            "ORDER BY case_id, unit, text_hash", (name, model))


def revisions(conn: sqlite3.Connection, names: list[str]) -> list[tuple[str, int]]:
    rows = dict(conn.execute("SELECT name, revision FROM catalogues"))
    return [(n, rows[n]) for n in names if n in rows]
