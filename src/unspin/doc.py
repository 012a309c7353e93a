"""The one data model every stage shares: a `Document` with character-offset `Span`s.

Modelled on spaCy's Doc: the cleaned ``text`` is immutable, analyzers add spans into their own
named group (``doc.spans["techniques"]``), spans may overlap, and ``to_dict``/``from_dict``
round-trip without loss. That dict is what the CLI, API, UI and store exchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unspin.errors import OffsetError
from unspin.offsets import OffsetMap

#: Span groups with a fixed place in the result, and the JSON key their label is written under.
SPAN_GROUPS: dict[str, str] = {
    "techniques": "technique",
    "quotes": "kind",
    "entities": "type",
}


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` labelled ``label``; ``attrs`` holds component-specific extras."""

    start: int
    end: int
    label: str
    score: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, label_key: str = "label") -> dict[str, Any]:
        row: dict[str, Any] = {"start": self.start, "end": self.end, label_key: self.label}
        if self.score is not None:
            row["score"] = round(float(self.score), 4)
        row.update(self.attrs)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any], label_key: str = "label") -> Span:
        extras = {k: v for k, v in row.items() if k not in ("start", "end", label_key, "score")}
        return cls(row["start"], row["end"], row[label_key], row.get("score"), extras)


@dataclass(slots=True)
class Meta:
    """What is known about an article besides its text."""

    source: str = ""
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A component that did not run on this document, and why (e.g. unsupported language)."""

    component: str
    reason: str


@dataclass(slots=True)
class Document:
    """One article: raw input, cleaned text, offset map, segmentation and analyzer output."""

    id: str
    raw: str
    text: str
    offset_map: OffsetMap
    meta: Meta = field(default_factory=Meta)
    sents: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    removed: list[Span] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    narratives: list[dict[str, Any]] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    skipped: list[Skip] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, doc_id: str = "doc", **meta: Any) -> Document:
        """A document whose text needs no cleaning (tests, API calls with clean text)."""
        return cls(doc_id, text, text, OffsetMap.identity(len(text)), Meta(**meta))

    def check_span(self, start: int, end: int) -> None:
        """Raise OffsetError unless 0 <= start <= end <= len(text)."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(self.text)):
            raise OffsetError(f"span ({start}, {end}) outside text of length {len(self.text)} in {self.id}")

    def char_span(self, start: int, end: int, label: str, score: float | None = None, **attrs: Any) -> Span:
        """A bounds-checked span; components create spans through this, never directly."""
        self.check_span(start, end)
        return Span(start, end, label, score, attrs)

    def add_spans(self, group: str, spans: list[Span]) -> None:
        """Add spans to a group, checking every offset."""
        for span in spans:
            self.check_span(span.start, span.end)
        self.spans.setdefault(group, []).extend(spans)
        self.spans[group].sort(key=lambda s: (s.start, s.end, s.label))

    def raw_span(self, span: Span) -> tuple[int, int]:
        """Offsets of a span in the raw input, for formats that point into the user's file."""
        return self.offset_map.to_raw_span(span.start, span.end)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON result (see schema/result.schema.json)."""
        result: dict[str, Any] = {
            "id": self.id,
            "source": self.meta.source,
            "url": self.meta.url,
            "title": self.meta.title,
            "outlet": self.meta.outlet,
            "published": self.meta.published,
            "author": self.meta.author,
            "language": self.meta.language,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sents],
            "paragraphs": [{"start": p.start, "end": p.end, **p.attrs} for p in self.paragraphs],
            "removed": [{"start": r.start, "end": r.end, "reason": r.label} for r in self.removed],
        }
        for group, label_key in SPAN_GROUPS.items():
            result[group] = [s.to_dict(label_key) for s in self.spans.get(group, [])]
        result["narratives"] = self.narratives
        result["scores"] = self.scores
        result["skipped"] = [{"component": s.component, "reason": s.reason} for s in self.skipped]
        result["errors"] = self.errors
        result["offset_map"] = self.offset_map.to_dict()
        result["raw_length"] = self.offset_map.raw_length
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any], raw: str | None = None) -> Document:
        """Rebuild a Document from `to_dict` output; ``raw`` is optional since JSON omits it."""
        text = data["text"]
        raw_length = data.get("raw_length", len(text))
        offset_map = OffsetMap.from_dict(data.get("offset_map", [[0, 0, len(text)]] if text else []), len(text), raw_length)
        meta = Meta(**{k: data.get(k) for k in ("url", "title", "outlet", "published", "author", "language")},
                    source=data.get("source", ""))
        doc = cls(data["id"], raw if raw is not None else "", text, offset_map, meta)
        doc.sents = [Span(s["start"], s["end"], "sentence") for s in data.get("sentences", [])]
        doc.paragraphs = [Span.from_dict({**p, "label": "paragraph"}) for p in data.get("paragraphs", [])]
        doc.removed = [Span(r["start"], r["end"], r["reason"]) for r in data.get("removed", [])]
        for group, label_key in SPAN_GROUPS.items():
            if data.get(group):
                doc.spans[group] = [Span.from_dict(row, label_key) for row in data[group]]
        doc.narratives = list(data.get("narratives", []))
        doc.scores = dict(data.get("scores", {}))
        doc.skipped = [Skip(**s) for s in data.get("skipped", [])]
        doc.errors = list(data.get("errors", []))
        return doc
