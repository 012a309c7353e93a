"""The default store: one SQLite file, WAL journal, FTS5 full-text index."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from unspin.store.base import MARK_END, MARK_START, Store, StoreError, query_words

SCHEMA = [
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
    """CREATE TABLE IF NOT EXISTS annotations (
        doc_id TEXT NOT NULL, grp TEXT NOT NULL, label TEXT NOT NULL, start_char INTEGER, end_char INTEGER,
        score REAL, detail TEXT, extra TEXT)""",
    "CREATE INDEX IF NOT EXISTS annotations_doc ON annotations (doc_id)",
    "CREATE INDEX IF NOT EXISTS annotations_grp_label ON annotations (grp, label)",
    """CREATE TABLE IF NOT EXISTS failures (
        source TEXT NOT NULL, reason TEXT NOT NULL, code TEXT, at TEXT, PRIMARY KEY (source, reason))""",
    "CREATE TABLE IF NOT EXISTS minhashes (doc_id TEXT PRIMARY KEY, signature BLOB NOT NULL)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
        id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')""",
]


class SQLiteStore(Store):
    kind = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        super().__init__(f"sqlite:///{self.path}")

    def _connect(self) -> sqlite3.Connection:
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._local.conn = self._open()
        return self._local.conn

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread: WAL lets readers run in parallel with each other and a writer."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
        return conn

    def _reading(self) -> Any:
        return nullcontext()

    def close(self) -> None:
        with self._lock:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
            self._local = threading.local()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 30000")
            self._opened.append(conn)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot open SQLite store {self.path}: {error}") from error
        return conn

    def _schema(self) -> list[str]:
        return SCHEMA

    @contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _index_text(self, doc_id: str, title: str, text: str) -> None:
        self._exec("INSERT INTO documents_fts (id, title, text) VALUES (?, ?, ?)", (doc_id, title, text))

    def _search(self, query: str, limit: int) -> list[tuple[Any, ...]]:
        words = query_words(query)
        if not words:
            return []
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        return self._all(
            "SELECT d.id, d.title, d.outlet, d.published,"
            f" snippet(documents_fts, 2, '{MARK_START}', '{MARK_END}', '…', 16)"
            " FROM documents_fts f JOIN documents d ON d.id = f.id WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit))
