"""Ingest records into a store: skip what is stored, analyse the rest, commit batch by batch.

A record whose text is stored already (same content hash) is not analysed again; only its
occurrence (source, url, outlet, date) is recorded. Results are committed every ``batch_size``
documents in one transaction, so a crash or kill loses at most the open batch, and a re-run
stores exactly what is missing: no document lost, none duplicated. Failures are stored too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from unspin.doc import Document
from unspin.ingest import Failure, Record
from unspin.render import result_dict
from unspin.store.base import Occurrence, Store, content_hash


@dataclass(slots=True)
class IngestCounts:
    """What one ingest run did."""

    read: int = 0  # records and failures read from the inputs
    analysed: int = 0  # documents analysed and stored now
    skipped: int = 0  # records whose text was stored already (re-runs, syndicated copies)
    failed: int = 0  # records that could not be read or analysed (stored as failures)


def _occurrence(record: Record, hash_: str) -> Occurrence:
    meta = record.meta
    return Occurrence(hash_, record.source, meta.get("url"), meta.get("outlet"), meta.get("published"))


def ingest(store: Store, records: Iterable[Record | Failure], pipeline, batch_size: int = 64,
           on_progress: Callable[[IngestCounts], None] | None = None) -> IngestCounts:
    """Analyse and store records not stored yet; returns the counts. ``pipeline`` is a `Pipeline`."""
    counts = IngestCounts()
    pending: list[Occurrence] = []
    in_flight: set[str] = set()

    def fresh() -> Iterator[Record | Failure]:
        """Records that need analysis; the others only leave an occurrence behind."""
        buffer: list[Record | Failure] = []

        def drain() -> Iterator[Record | Failure]:
            hashes = {id(r): content_hash(r.text) for r in buffer if isinstance(r, Record)}
            stored = store.known(hashes.values())
            for item in buffer:
                if isinstance(item, Failure):
                    yield item
                    continue
                hash_ = hashes[id(item)]
                if hash_ in stored or hash_ in in_flight:
                    counts.skipped += 1
                    pending.append(_occurrence(item, hash_))
                else:
                    in_flight.add(hash_)
                    yield item
            buffer.clear()

        for item in records:
            counts.read += 1
            buffer.append(item)
            if len(buffer) >= 256:
                yield from drain()
        yield from drain()

    docs: list[tuple[dict, str]] = []
    failures: list[tuple[str, str, str]] = []

    def flush() -> None:
        store.add_batch(docs, pending, failures)
        counts.analysed += len(docs)
        counts.failed += len(failures)
        docs.clear()
        failures.clear()
        pending.clear()
        if on_progress:
            on_progress(counts)

    for result in pipeline.analyze(fresh()):
        if isinstance(result, Document):
            docs.append((result_dict(result), content_hash(result.raw)))
        else:
            failures.append((result.source, result.reason, result.code))
        if len(docs) + len(failures) >= batch_size:
            flush()
    flush()
    return counts
