"""Catalogue management: import, list, show, remove (the functions behind ``unspin catalogue``)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from unspin.narratives import store
from unspin.narratives.encoders import get_encoder
from unspin.narratives.importers import RowProblem, read_catalogue

#: Encoders every imported case is embedded with: "use" for search, "e5" for re-ranking and uk/be.
DEFAULT_MODELS: tuple[str, ...] = ("use", "e5")
EMBED_BATCH = 256


@dataclass(slots=True)
class ImportReport:
    """What an import did: case counts, skipped rows, embeddings computed per model, seconds."""

    name: str
    source: str
    fmt: str
    cases: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    embedded: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "name": self.name, "source": self.source, "fmt": self.fmt, "cases": self.cases,
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged, "removed": self.removed,
            "problems": [{"path": p.path, "line": p.line, "reason": p.reason} for p in self.problems],
            "embedded": self.embedded, "seconds": round(self.seconds, 2),
        }


def import_catalogue(path: str | Path, fmt: str, name: str | None = None,
                     models: tuple[str, ...] = DEFAULT_MODELS, progress=None) -> ImportReport:
    """Import (or re-import) a catalogue file as catalogue ``name`` and embed new or changed cases.

    ``fmt`` is "euvsdisinfo", "csv" or "jsonl". Re-importing replaces the catalogue's cases: cases
    whose content did not change keep their embeddings, cases no longer in the file are removed.
    Malformed rows are skipped and listed in ``report.problems`` (file, line, reason).
    ``progress``, if given, is called as ``progress(model, done, total)`` while embedding.
    """
    started = time.perf_counter()
    path = Path(path)
    name = name or (fmt if fmt == "euvsdisinfo" else path.stem)
    cases, problems = read_catalogue(path, fmt)
    report = ImportReport(name, str(path), fmt, cases=len(cases), problems=problems)
    with store.connect() as conn:
        counts = store.write_cases(conn, name, str(path), fmt, cases)
    for key, value in counts.items():
        setattr(report, key, value)
    for model in models:
        report.embedded[model] = embed_catalogue(name, model, progress=progress)
    report.seconds = time.perf_counter() - started
    return report


def embed_catalogue(name: str, model: str, progress=None) -> int:
    """Compute the missing or stale ``model`` vectors (titles and examples) of catalogue ``name``.

    Returns how many texts were encoded; a text whose vector the store already holds (another
    catalogue, or the same claim as title and example) is copied instead.
    """
    with store.connect() as conn:
        todo = [(False, *row) for row in store.cases_to_embed(conn, name, model)]
        todo += [(True, *row) for row in store.examples_to_embed(conn, name, model)]
        known = store.stored_vectors(conn, model, {digest for *_, digest in todo})
        reused = [unit for unit in todo if unit[3] in known]
        if reused:
            _write_units(conn, name, model, reused,
                         np.stack([np.frombuffer(known[unit[3]], dtype=np.float32) for unit in reused]))
    todo = [unit for unit in todo if unit[3] not in known]
    encoder = get_encoder(model) if todo else None
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start:start + EMBED_BATCH]
        vectors = encoder.encode([text for _, _, text, _ in batch])
        with store.connect() as conn:  # one transaction a batch: an interrupted import keeps its work
            _write_units(conn, name, model, batch, vectors)
        if progress is not None:
            progress(model, min(start + EMBED_BATCH, len(todo)), len(todo))
    return len(todo)


def _write_units(conn, name: str, model: str, units: list[tuple[bool, str, str, str]], vectors: np.ndarray) -> None:
    """Store the vectors of (is_example, case_id, text, text_hash) units, titles and examples apart."""
    for is_example in (False, True):
        rows = [i for i, unit in enumerate(units) if unit[0] is is_example]
        if rows:
            store.write_embeddings(conn, name, model, [(units[i][1], units[i][3]) for i in rows], vectors[rows],
                                   examples=is_example)


def list_catalogues() -> list[dict]:
    """Every catalogue: name, source, fmt, imported_at, revision, n_cases, and embeddings per model."""
    with store.connect() as conn:
        rows = store.catalogue_rows(conn)
        for row in rows:
            row["embeddings"] = dict(conn.execute(
                "SELECT model, COUNT(*) FROM embeddings WHERE catalogue = ? GROUP BY model", (row["name"],)))
    return rows


def show_catalogue(name: str, limit: int = 10) -> dict:
    """A catalogue's metadata and its first ``limit`` cases; KeyError if there is none by that name."""
    for row in list_catalogues():
        if row["name"] == name:
            with store.connect() as conn:
                cases = []
                for case in store.iter_cases(conn, name):
                    if len(cases) >= limit:
                        break
                    cases.append({"case_id": case.case_id, "title": case.title, "date": case.date})
            return {**row, "cases": cases}
    raise KeyError(f"no catalogue named {name!r}")


def show_case(case_id: str, catalogue: str | None = None) -> dict:
    """Every stored field of one case; KeyError if it is not found."""
    with store.connect() as conn:
        case = store.get_case(conn, case_id, catalogue)
    if case is None:
        raise KeyError(f"no case {case_id!r}" + (f" in catalogue {catalogue!r}" if catalogue else ""))
    return case.to_dict()


def remove_catalogue(name: str) -> bool:
    """Delete a catalogue with its cases and embeddings; False if there was none."""
    with store.connect() as conn:
        for table in ("embeddings", "example_embeddings"):
            conn.execute(f"DELETE FROM {table} WHERE catalogue = ?", (name,))
        conn.execute("DELETE FROM cases WHERE catalogue = ?", (name,))
        return conn.execute("DELETE FROM catalogues WHERE name = ?", (name,)).rowcount > 0
