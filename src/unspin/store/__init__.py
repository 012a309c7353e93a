"""The corpus store: analysed documents, their annotations and failures, kept for search and analytics.

Why SQLite by default: a corpus of tens of thousands of articles fits in one file under
``$UNSPIN_HOME/corpus.sqlite`` with no server to install or run, FTS5 gives ranked full-text
search with snippets in the same file, WAL mode gives crash-safe commits (a killed ingest loses
at most its open batch), and Python ships the driver. PostgreSQL (``postgresql://...``, psycopg 3)
sits behind the same small interface for shared, multi-user or larger deployments; its full-text
search uses a ``tsvector`` column with a GIN index.

What is stored, per distinct text (dedup is by `content_hash` of the whitespace-normalised raw
text, so a text is analysed once however often it is syndicated):

- ``documents``: the result dict as JSON plus columns (id, source, url, title, outlet, published,
  week, language, content_hash, ingested_at, cluster);
- ``occurrences``: every (source, content_hash) seen, with its own url/outlet/date, so exact
  republications by several outlets all count in the outlet profiles;
- ``annotations``: one row per span of each span group (techniques, quotes, entities) and per
  narrative match, for analytics in SQL;
- ``failures``: (source, reason, code) of every record that could not be read or analysed;
- ``minhashes``: MinHash signatures over word shingles, from which near-duplicate (syndication)
  clusters are maintained incrementally (`unspin.store.clusters`).

Re-ingesting is idempotent: a record whose (source, content_hash) is stored is skipped before
analysis, and each batch is one transaction, so after a crash, SIGKILL or Ctrl-C a re-run
stores exactly the missing documents.
"""

from __future__ import annotations

from unspin.store.base import Store, content_hash, doc_id_for
from unspin.store.ingest import IngestCounts, ingest


def default_url() -> str:
    """``sqlite:///$UNSPIN_HOME/corpus.sqlite`` unless $UNSPIN_DB names another store."""
    import os

    from unspin.settings import home

    return os.environ.get("UNSPIN_DB") or f"sqlite:///{home() / 'corpus.sqlite'}"


def open_store(url: str | None = None) -> Store:
    """The store at ``url``: ``sqlite:///path``, a plain file path, or ``postgresql://...``."""
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://")):
        from unspin.store.postgres import PostgresStore

        return PostgresStore(url)
    from unspin.store.sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///").removeprefix("sqlite://"))


__all__ = ["IngestCounts", "Store", "content_hash", "default_url", "doc_id_for", "ingest", "open_store"]
