"""The default store: one SQLite file, WAL journal, FTS5 full-text index."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from unspin.store.base import MARK_END, MARK_START, Store, StoreError, common_schema, query_words

SCHEMA = common_schema("REAL", "BLOB") + [
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
