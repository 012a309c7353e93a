"""The PostgreSQL store (psycopg 3): same tables as SQLite, full-text search on a tsvector."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from unspin.store.base import MARK_END, MARK_START, Store, StoreError, common_schema, query_words

#: Text search configuration: 'simple' (no stemming) since the corpus mixes languages.
TS_CONFIG = "simple"

SCHEMA = common_schema("DOUBLE PRECISION", "BYTEA") + [
    "CREATE TABLE IF NOT EXISTS documents_fts (id TEXT PRIMARY KEY, text TEXT NOT NULL, tsv TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING GIN (tsv)",
]


class PostgresStore(Store):
    kind = "postgresql"

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError:
            raise StoreError("a postgresql:// store needs psycopg 3: pip install 'psycopg[binary]'") from None
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL: {error}") from error

    def _schema(self) -> list[str]:
        return SCHEMA

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._main.transaction():
            yield

    def _index_text(self, doc_id: str, title: str, text: str) -> None:
        self._exec(f"INSERT INTO documents_fts (id, text, tsv) VALUES (?, ?, to_tsvector('{TS_CONFIG}', ?))",
                   (doc_id, text, f"{title}\n{text}"))

    def _search(self, query: str, limit: int) -> list[tuple[Any, ...]]:
        words = query_words(query)
        if not words:
            return []
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1"
        return self._all(
            f"SELECT d.id, d.title, d.outlet, d.published, ts_headline('{TS_CONFIG}', f.text, q, '{options}')"
            f" FROM documents_fts f JOIN documents d ON d.id = f.id, plainto_tsquery('{TS_CONFIG}', ?) q"
            f" WHERE f.tsv @@ q ORDER BY ts_rank(f.tsv, q) DESC, d.id LIMIT ?",
            (" ".join(words), limit))
