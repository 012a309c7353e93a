"""A view model of a result dict shared by the terminal and HTML reports.

It decides *what* is shown (paragraph runs with covering spans, legend, quotes by speaker,
narratives with evidence, entities by mentions); the renderers only decide *how*.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from unspin.render.segments import Run, runs

PALETTE = (
    "#f4a261", "#e76f51", "#2a9d8f", "#e9c46a", "#8ab17d", "#b56576", "#6d597a",
    "#90be6d", "#f28482", "#84a59d", "#f6bd60", "#9d8189", "#5e60ce", "#48bfe3",
)


#: what a narrative score means, shown above the matches in the reports: at the default threshold
#: about one match in eight is right (two annotators' labels, `unspin eval narratives --parts f`)
NARRATIVE_NOTE = ("Leads to check, not verdicts: a score is the calibrated chance that the evidence makes "
                  "the case's claim, so a match at 0.06 is right about one time in sixteen.")


def colour(label: str) -> str:
    """A stable colour per label, the same in every report."""
    return PALETTE[int(hashlib.sha1(label.encode()).hexdigest(), 16) % len(PALETTE)]


def highlight_spans(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Everything drawn over the text: technique spans, narrative evidence and quotes."""
    spans = [{**s, "kind": "technique", "label": s["technique"]} for s in result.get("techniques", [])]
    for match in result.get("narratives", []):
        spans += [{"start": e["start"], "end": e["end"], "kind": "evidence", "label": match.get("title", "")}
                  for e in match.get("evidence", [])]
    spans += [{**q, "kind": "quote", "label": q.get("speaker") or "unknown speaker"} for q in result.get("quotes", [])]
    return spans


def paragraph_runs(result: dict[str, Any]) -> list[list[Run]]:
    """Each paragraph of the text as runs with their covering spans."""
    text, spans = result["text"], highlight_spans(result)
    paragraphs = result.get("paragraphs") or [{"start": 0, "end": len(text)}]
    return [runs(len(text), p["start"], p["end"], spans) for p in paragraphs]


def technique_counts(result: dict[str, Any]) -> list[tuple[str, int, str]]:
    counts = Counter(s["technique"] for s in result.get("techniques", []))
    return [(label, n, colour(label)) for label, n in counts.most_common()]


def quotes_by_speaker(result: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Speakers, most quoted first, with the text of their quotes; unknown speakers last."""
    by_speaker: dict[str, list[str]] = {}
    for quote in result.get("quotes", []):
        by_speaker.setdefault(quote.get("speaker") or "unknown", []).append(result["text"][quote["start"]:quote["end"]])
    return sorted(by_speaker.items(), key=lambda item: (item[0] == "unknown", -len(item[1]), item[0]))


#: Longest quotation a terminal report prints in full.
SHORT_QUOTE = 160


def shorten(quote: str) -> str:
    """A quotation on one line, cut at a word with an ellipsis when longer than SHORT_QUOTE."""
    line = " ".join(quote.split())
    return line if len(line) <= SHORT_QUOTE else line[:SHORT_QUOTE].rsplit(" ", 1)[0] + " …"


def entity_counts(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Entities of an article, most mentioned first: canonical name, type and mention count."""
    counts = Counter((e.get("canonical") or result["text"][e["start"]:e["end"]], e["type"])
                     for e in result.get("entities", []))
    return [{"canonical": name, "type": type_, "mentions": n} for (name, type_), n in counts.most_common()]


def run_title(run: Run) -> str:
    """Hover text of a run: every span over it with its score."""
    parts = []
    for span in run.spans:
        score = f" {span['score']:.2f}" if span.get("score") is not None else ""
        parts.append(f"{span['kind']}: {span['label']}{score}")
    return "; ".join(parts)
