"""Ingest the PPN corpus (or any corpus) into a temporary store and report throughput and size.

    .venv/bin/python bench/bench_ingest_store.py --limit 3000            # components off (default)
    .venv/bin/python bench/bench_ingest_store.py --components techniques --limit 200
    .venv/bin/python bench/bench_ingest_store.py --db postgresql://...   # an empty PostgreSQL database

Prints docs/s (documents analysed and stored per second), records/s, DB size, peak RSS,
near-duplicate cluster count and the store's stats, then a re-run (everything skipped) as the
cost of idempotent re-ingest. The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from unspin.data import ppn
from unspin.ingest import IngestOptions, iter_records
from unspin.pipeline import Pipeline
from unspin.store import ingest, open_store


def db_size(store) -> int:
    if store.kind == "sqlite":
        return sum(p.stat().st_size for p in store.path.parent.glob(store.path.name + "*"))
    return store._all("SELECT pg_database_size(current_database())")[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ppn.default_path())
    parser.add_argument("--limit", type=int, default=None, help="Read only the first N records.")
    parser.add_argument("--components", default="", help="Comma-separated components ('' = none, the default).")
    parser.add_argument("--db", default=None, help="Store URL (default: a new SQLite file in a temp folder).")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="unspin-bench-")
    url = args.db or f"sqlite:///{Path(folder.name) / 'corpus.sqlite'}"
    components = [c for c in args.components.split(",") if c.strip()]
    pipeline = Pipeline(components)
    records = lambda: islice(iter_records([str(args.corpus)], IngestOptions()), args.limit)  # noqa: E731

    with open_store(url) as store:
        started = time.perf_counter()
        counts = ingest(store, records(), pipeline, batch_size=args.batch_size)
        seconds = time.perf_counter() - started
        again_started = time.perf_counter()
        again = ingest(store, records(), pipeline, batch_size=args.batch_size)
        again_seconds = time.perf_counter() - again_started
        stats = store.stats()
        report = {
            "corpus": str(args.corpus), "limit": args.limit, "components": components or "none", "store": store.kind,
            "records_read": counts.read, "documents_stored": counts.analysed, "skipped_duplicates": counts.skipped,
            "failed": counts.failed, "seconds": round(seconds, 1),
            "docs_per_s": round(counts.analysed / seconds, 1), "records_per_s": round(counts.read / seconds, 1),
            "db_bytes": db_size(store), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "clusters": stats["clusters"], "clustered_documents": stats["clustered_documents"],
            "reingest_seconds": round(again_seconds, 1), "reingest_stored": again.analysed, "reingest_skipped": again.skipped,
            "stats": stats,
        }
    folder.cleanup()
    print(json.dumps(report, indent=1))
    print(f"{report['documents_stored']} docs stored from {report['records_read']} records in {report['seconds']} s: "
          f"{report['docs_per_s']} docs/s ({report['records_per_s']} records/s); DB {report['db_bytes'] / 1e6:.1f} MB; "
          f"peak RSS {report['peak_rss_mb']} MB; {report['clusters']} near-duplicate clusters "
          f"({report['clustered_documents']} docs); re-run {report['reingest_seconds']} s, {report['reingest_stored']} stored",
          file=sys.stderr)


if __name__ == "__main__":
    main()
