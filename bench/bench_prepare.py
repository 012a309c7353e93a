"""Throughput of ingest -> clean -> segment on a corpus (default: the PPN corpus, 18,729 records).

Prints documents/s and sentences/s for each stage added on top of the previous one, the ratio of
each stage to the ingest-only baseline measured in the same process (machines here are noisy:
compare ratios, not absolute figures), and the peak resident memory.

    .venv/bin/python bench/bench_prepare.py [--corpus PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from unspin.clean import clean_text
from unspin.data import ppn
from unspin.ingest import Record, iter_records
from unspin.pipeline import make_document

from measure import peak_rss_mb



def load(corpus: str, limit: int | None) -> tuple[list[Record], int, float]:
    start = time.perf_counter()
    records, failures = [], 0
    for item in iter_records([corpus]):
        if isinstance(item, Record):
            records.append(item)
        else:
            failures += 1
        if limit and len(records) >= limit:
            break
    return records, failures, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ppn.default_path()))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    records, failures, ingest_seconds = load(args.corpus, args.limit)
    n = len(records)
    chars = sum(len(r.text) for r in records)
    print(f"corpus {Path(args.corpus).name}: {n} records with text, {failures} without (reported, not dropped), "
          f"{chars / 1e6:.1f} M characters")

    start = time.perf_counter()
    removed = sum(len(clean_text(r.text).removed) for r in records)
    clean_seconds = time.perf_counter() - start

    start = time.perf_counter()
    sentences = sum(len(make_document(r).sents) for r in records)
    full_seconds = time.perf_counter() - start

    rows = [("ingest (read, decode)", ingest_seconds), ("+ clean", ingest_seconds + clean_seconds),
            ("+ clean + segment + language", ingest_seconds + full_seconds)]
    print(f"{'stage':32} {'docs/s':>9} {'ratio to ingest':>16}")
    for name, seconds in rows:
        print(f"{name:32} {n / seconds:9.1f} {ingest_seconds / seconds:16.3f}")
    print(f"sentences/s (full preparation): {sentences / (ingest_seconds + full_seconds):.0f}; "
          f"{sentences} sentences, {removed} debris lines removed")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
