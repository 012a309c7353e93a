"""A readable terminal report (Rich): the article with its spans highlighted, then the lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.text import Text

from unspin.doc import Document
from unspin.ingest import Failure
from unspin.render import view


def _paragraph(text: str, runs: list[view.Run]) -> Text:
    line = Text()
    for run in runs:
        techniques = [s for s in run.spans if s["kind"] == "technique"]
        style = f"on {view.colour(techniques[0]['label'])} black" if techniques else ""
        if any(s["kind"] == "evidence" for s in run.spans):
            style += " underline"
        line.append(text[run.start:run.end], style=style.strip() or None)  # Text.append never parses markup
    return line


def _document(console: Console, result: Document) -> None:
    data = result.to_dict()
    console.rule(Text(data["title"] or data["id"], style="bold"))
    facts = [data["source"], data["outlet"], data["published"], f"language {data['language'] or 'unknown'}",
             f"{len(data['sentences'])} sentences", f"{len(data['removed'])} debris lines removed"]
    if "propaganda" in data["scores"]:
        facts.append(f"propaganda share {data['scores']['propaganda']:.0%}")
    console.print(Text(" · ".join(f for f in facts if f), style="dim"))
    for skip in data["skipped"]:
        console.print(Text(f"{skip['component']}: {skip['reason']}", style="yellow"))
    for error in data["errors"]:
        console.print(Text(error, style="red"))
    legend = Text()
    for label, count, colour in view.technique_counts(data):
        legend.append(f" {label} ×{count} ", style=f"on {colour} black")
        legend.append(" ")
    if legend:
        console.print(legend)
    for runs in view.paragraph_runs(data):
        console.print(_paragraph(data["text"], runs))
        console.print()
    if data["narratives"]:
        console.print(Text(view.NARRATIVE_NOTE, style="red"))
    for match in data["narratives"]:
        console.print(Text(f"narrative {match['score']:.2f} {match['stance']}: {match['title']}", style="bold red"))
        for evidence in match.get("evidence", []):
            console.print(Text(f"  {view.shorten(data['text'][evidence['start']:evidence['end']])}"))
    for speaker, quotes in view.quotes_by_speaker(data):
        console.print(Text(f"{speaker}: {len(quotes)} quote(s)", style="cyan"))
        for quote in quotes:
            console.print(Text(f"  {view.shorten(quote)}"))
    entities = view.entity_counts(data)
    if entities:
        console.print(Text("entities: " + ", ".join(f"{e['canonical']} ({e['type']}) ×{e['mentions']}"
                                                    for e in entities), style="magenta"))


def write_text(results: Iterable[Document | Failure], out: TextIO) -> None:
    console = Console(file=out, soft_wrap=False, highlight=False)
    for result in results:
        if isinstance(result, Failure):
            console.print(Text(f"FAILED {result.source}: {result.reason}", style="bold red"))
        else:
            _document(console, result)
