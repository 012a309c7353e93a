"""How well cleaning separates debris from article lines, on hand-labelled lines of real inputs.

The labels (``eval/cleaning/debris.json``) name, per source under ../shared, the line numbers a
reader judged debris; every other non-blank line is article. A line counts as removed when none
of its characters survive in the cleaned text (checked through the offset map), so the figures
measure what users get, not what the rules meant.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from unspin.clean import clean_text, split_lines


@dataclass(frozen=True, slots=True)
class CleaningScore:
    family: str
    debris_precision: float
    debris_recall: float
    article_recall: float
    debris_lines: int
    article_lines: int


def read_source(shared: Path, source: str) -> str:
    """The raw text of a labelled source: a file, or ``file.jsonl.gz#N``, the maintext of record N."""
    path, _, record = source.partition("#")
    if not record:
        return (shared / path).read_text(encoding="utf-8")
    with gzip.open(shared / path, "rt", encoding="utf-8") as stream:
        for index, line in enumerate(stream):
            if index == int(record):
                return json.loads(line).get("maintext") or ""
    raise ValueError(f"{source}: no record {record}")


def line_outcomes(raw: str, debris: set[int]) -> list[tuple[str, bool, str]]:
    """(gold label, removed?, sha1_8) for every non-blank line of a raw text."""
    cleaned = clean_text(raw)
    outcomes = []
    for number, line in enumerate(split_lines(raw)):
        if line.blank:
            continue
        survived = any(cleaned.offset_map.from_raw(i) is not None for i in range(line.start, line.end))
        label = "debris" if number in debris else "article"
        outcomes.append((label, not survived, hashlib.sha1(line.text.encode()).hexdigest()[:8]))
    return outcomes


def _score(family: str, outcomes: list[tuple[str, bool, str]]) -> CleaningScore:
    removed_debris = sum(1 for label, removed, _ in outcomes if removed and label == "debris")
    removed = sum(1 for _, removed, _ in outcomes if removed)
    debris = sum(1 for label, _, _ in outcomes if label == "debris")
    article = len(outcomes) - debris
    kept_article = sum(1 for label, removed, _ in outcomes if not removed and label == "article")
    return CleaningScore(family, removed_debris / removed if removed else 1.0, removed_debris / debris if debris else 1.0,
                         kept_article / article if article else 1.0, debris, article)


def evaluate_cleaning(labels_path: Path, shared: Path) -> list[CleaningScore]:
    """Scores per source family (examples, ppn, ptc) and overall."""
    labels = {k: set(v) for k, v in json.loads(labels_path.read_text()).items() if not k.startswith("_")}
    by_family: dict[str, list[tuple[str, bool, str]]] = {}
    for source, debris in labels.items():
        family = "examples" if source.startswith("examples/") else source.split("/")[1]
        by_family.setdefault(family, []).extend(line_outcomes(read_source(shared, source), debris))
    scores = [_score(family, outcomes) for family, outcomes in sorted(by_family.items())]
    return scores + [_score("all", [o for outcomes in by_family.values() for o in outcomes])]


def format_scores(scores: list[CleaningScore]) -> str:
    rows = [f"{'family':10} {'debris P':>9} {'debris R':>9} {'article R':>10} {'debris':>7} {'article':>8}"]
    rows += [f"{s.family:10} {s.debris_precision:9.3f} {s.debris_recall:9.3f} {s.article_recall:10.3f} "
             f"{s.debris_lines:7d} {s.article_lines:8d}" for s in scores]
    return "\n".join(rows)
