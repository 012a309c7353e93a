"""How well entities are found and named, against the hand labels in eval/entities.

The articles split by name: TEST is the fixed list TEST_SOURCES, labelled after the resolution was
last changed and only ever scored; DEV is every other labelled article. Gold rows point into the raw
article text. Predictions are the entities component's spans, run on
each article as the pipeline runs it (cleaned, segmented), mapped back to raw offsets.

Mentions: a predicted mention matches a gold one exactly when both offsets agree, or by overlap
(each used once, largest overlap first); the typed figures also need the same type (PER, ORG, LOC).

Names: over the mentions matched by overlap, whatever their types, B-cubed precision and recall of
the predicted canonical names against the gold entities (Bagga and Baldwin 1998). Each mention's
precision is the share of the mentions under its predicted name that are its gold entity, and its
recall the share of its gold entity's mentions under its predicted name. Two scopes:
- within articles: an article's entities named apart ("Lukashenka" under Alexander Lukashenko, not
  a name of its own; two Bundys not under one name);
- across articles: the corpus view, where reports count entities by canonical name, so the same
  entity must come out under one name in every article (Kiev and Kyiv, Лукашенко and Lukashenko).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unspin.evaluate.labels import MatchCounts as Counts
from unspin.evaluate.labels import check_fingerprint, harmonic_mean, pair_by_overlap, source_texts

TYPES = ("PER", "ORG", "LOC")
#: The held-out articles, labelled after the resolution was last changed and only ever scored; every
#: other labelled article is dev (its errors were read when the resolution was changed).
TEST_SOURCES = frozenset({
    *(f"data/ptc/articles/article{number}.txt" for number in (
        "776535164", "999000149", "730237078", "706088110", "715790840", "729581752")),
    *(f"ppn:{index}" for index in (978, 128, 238, 800, 18512, 18419, 10917, 11210, 10928, 10922))})


@dataclass(frozen=True, slots=True)
class Mention:
    """A gold or predicted mention in raw offsets; ``name`` is the gold entity or the predicted canonical name."""

    start: int
    end: int
    type: str
    name: str


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


@dataclass(slots=True)
class Report:
    articles: int
    mentions: dict[str, Counts] = field(default_factory=dict)  # "exact", "exact typed", "overlap", "overlap typed", and each type
    within_articles: BCubed = BCubed(0.0, 0.0)
    across_articles: BCubed = BCubed(0.0, 0.0)
    names_scored: int = 0


def load_labels(path: Path, shared: Path) -> dict[str, tuple[str, list[Mention]]]:
    """Raw text and gold mentions per source, in file order; raises if a text no longer matches."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = source_texts(shared, (r["source"] for r in rows))
    result: dict[str, tuple[str, list[Mention]]] = {}
    for row in rows:
        if row["type"] not in TYPES:
            raise ValueError(f"{row['source']} {row['start']}-{row['end']}: type {row['type']!r} is not one of {TYPES}")
        text, gold = result.setdefault(row["source"], (texts[row["source"]], []))
        check_fingerprint(row["source"], text, row)
        gold.append(Mention(row["start"], row["end"], row["type"], row["entity"]))
    return result


def predict(texts: dict[str, str]) -> tuple[dict[str, list[Mention]], dict[str, str]]:
    """The entities component's mentions of raw texts, in raw offsets, named by their canonical
    names; and each text's language as the pipeline detected it (it picks the NER model)."""
    from unspin.components.entities import Entities
    from unspin.ingest import Record
    from unspin.pipeline import make_document

    docs = list(Entities().pipe([make_document(Record(source, source, text)) for source, text in texts.items()]))
    mentions = {doc.id: [Mention(*doc.raw_span(span), span.label, span.attrs["canonical"])
                         for span in doc.spans.get("entities", [])] for doc in docs}
    return mentions, {doc.id: doc.meta.language for doc in docs}


def count(gold: Sequence[Mention], predicted: Sequence[Mention], exact: bool, typed: bool) -> Counts:
    def agree(g: Mention, p: Mention) -> bool:
        return (not exact or (g.start, g.end) == (p.start, p.end)) and (not typed or g.type == p.type)

    return Counts(len(gold), len(predicted), len(pair_by_overlap(gold, predicted, agree)))


def b_cubed(pairs: Sequence[tuple[Hashable, Hashable]]) -> BCubed:
    """B-cubed precision and recall of (gold cluster, predicted cluster) keys, one pair a mention."""
    if not pairs:
        return BCubed(0.0, 0.0)
    both, gold, predicted = Counter(pairs), Counter(g for g, _ in pairs), Counter(p for _, p in pairs)
    precision = sum(both[g, p] / predicted[p] for g, p in pairs) / len(pairs)
    recall = sum(both[g, p] / gold[g] for g, p in pairs) / len(pairs)
    return BCubed(precision, recall)


def score(gold: dict[str, list[Mention]], predicted: dict[str, list[Mention]]) -> Report:
    report = Report(len(gold))
    settings = {"exact": (True, False), "exact typed": (True, True), "overlap": (False, False), "overlap typed": (False, True)}
    for name, (exact, typed) in settings.items():
        report.mentions[name] = _sum(count(g, predicted.get(s, []), exact, typed) for s, g in gold.items())
    for type_ in TYPES:
        report.mentions[type_] = _sum(count([m for m in g if m.type == type_],
                                            [m for m in predicted.get(s, []) if m.type == type_], False, True)
                                      for s, g in gold.items())
    matched = [(source, g, p) for source, g_list in gold.items() for g, p in pair_by_overlap(g_list, predicted.get(source, []))]
    report.names_scored = len(matched)
    report.within_articles = b_cubed([((s, g.name), (s, p.name)) for s, g, p in matched])
    report.across_articles = b_cubed([(g.name, p.name) for _, g, p in matched])
    return report


def _sum(rows) -> Counts:
    total = Counts()
    for row in rows:
        total.gold += row.gold
        total.predicted += row.predicted
        total.matched += row.matched
    return total


def format_report(report: Report, title: str) -> str:
    lines = [f"{title}: {report.articles} articles",
             f"  {'mentions':15} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, c in report.mentions.items():
        label = f"{name} (overlap, typed)" if name in TYPES else name
        lines.append(f"  {label:15} {c.gold:5d} {c.predicted:5d} {c.matched:5d} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
    lines.append(f"  names, B-cubed over {report.names_scored} matched mentions:  {'P':>6} {'R':>6} {'F1':>6}")
    for name, b in (("within articles", report.within_articles), ("across articles", report.across_articles)):
        lines.append(f"  {name:40} {b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}")
    return "\n".join(lines)


def run(labels: Path, shared: Path, split: str = "all", print_fn: Callable[[str], None] = print) -> dict[str, Report]:
    """Score the chosen split ("dev", "test", or "all": dev, test and both together), each also
    per language, and print them."""
    labelled = load_labels(labels, shared)
    names = ["dev", "test", "all"] if split == "all" else [split]
    sources = {name: [s for s in labelled if name == "all" or (s in TEST_SOURCES) == (name == "test")] for name in names}
    chosen = {s for name in names for s in sources[name]}
    predicted, languages = predict({s: text for s, (text, _) in labelled.items() if s in chosen})
    gold = {source: mentions for source, (_, mentions) in labelled.items()}
    reports = {}
    for name in names:
        groups = {name: sources[name]}
        for source in sources[name]:
            groups.setdefault(f"{name}, language {languages[source] or 'unknown'}", []).append(source)
        for title, members in groups.items():
            reports[title] = score({s: gold[s] for s in members}, predicted)
            print_fn(format_report(reports[title], title))
    return reports
