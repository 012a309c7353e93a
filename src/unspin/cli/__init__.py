"""The `unspin` command: parses arguments, calls the core, renders results. No logic of its own."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from unspin import __version__, registry
from unspin.doc import Document
from unspin.errors import UnspinError
from unspin.ingest import Failure, IngestOptions, iter_records
from unspin.render import FORMATS

app = typer.Typer(help="Show, with evidence, how news articles try to persuade or mislead.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per message, never wrapped


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    ptc = "ptc"


@contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """The file to write results to, or standard output."""
    if path is None:
        yield sys.stdout
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            yield stream


def with_progress(results: Iterator[Document | Failure], show: bool) -> Iterator[Document | Failure]:
    """Pass results through, ticking a progress bar on standard error for batches."""
    if not show:
        yield from results
        return
    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("analyse", total=None)
        for result in results:
            progress.advance(task)
            yield result


def report_problems(results: Iterator[Document | Failure], counts: dict[str, int]) -> Iterator[Document | Failure]:
    """Print one line per failed document and count outcomes, passing results through."""
    for result in results:
        if isinstance(result, Failure):
            counts["failed"] += 1
            stderr.print(f"[red]error[/red]: {result.source}: {result.reason}", markup=True, highlight=False)
        else:
            counts["ok"] += 1
            for message in result.errors:
                counts["errors"] += 1
                stderr.print(f"[yellow]warning[/yellow]: {result.source}: {message}", markup=True)
        yield result


def comma_list(value: str | None) -> list[str] | None:
    """Names given as ``a,b,c`` (components, catalogues); None when the option was not given."""
    if value is None:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, folders, corpora (.jsonl/.csv, gzip ok), http(s) URLs, or - for standard input."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write results to this file instead of standard output."),
    components: str | None = typer.Option(None, help="Comma-separated components to run (default: all; '' for none). See `unspin info`."),
    fetch: bool = typer.Option(True, help="Fetch http(s) URLs given as inputs."),
    max_bytes: int = typer.Option(20_000_000, help="Largest single article file read, in bytes."),
    batch_size: int = typer.Option(16, help="Documents analysed together (models batch their sentences)."),
    threshold: float | None = typer.Option(None, min=0.0, max=1.0, help="Technique detection threshold (default: tuned on dev; lower finds more)."),
    min_score: float = typer.Option(0.0, min=0.0, max=1.0, help="Drop technique spans scored below this (calibrated: ~ chance the span is right)."),
    catalogue: str | None = typer.Option(None, help="Comma-separated narrative catalogues to match against (default: every imported one)."),
    narrative_threshold: float | None = typer.Option(None, min=0.0, max=1.0, help="Narrative match threshold (default 0.05, calibrated: ~ chance the match is right; higher finds fewer, surer matches)."),
) -> None:
    """Analyze articles and report techniques, narratives and quotes with their character offsets."""
    from unspin.pipeline import Pipeline

    options = IngestOptions(max_file_bytes=max_bytes, fetch_urls=fetch)
    try:
        config = {"techniques": {"threshold": threshold, "min_score": min_score},
                  "narratives": {"catalogues": comma_list(catalogue), "threshold": narrative_threshold}}
        pipeline = Pipeline(comma_list(components), config=config, batch_size=batch_size)
        if catalogue is not None and "narratives" in pipeline.names:
            from unspin.narratives.matcher import get_matcher

            get_matcher(comma_list(catalogue))  # an unknown catalogue name stops here, before any article
    except UnspinError as error:
        stderr.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None
    counts = {"ok": 0, "failed": 0, "errors": 0}
    results = pipeline.analyze(iter_records(paths, options, stdin=sys.stdin.buffer))
    results = report_problems(with_progress(results, show=stderr.is_terminal), counts)
    with output(out) as stream:
        FORMATS[fmt.value](results, stream)
    for ignored in options.ignored:
        stderr.print(f"note: {ignored}: not a readable article type, ignored", highlight=False)
    summary = f"{counts['ok']} analysed, {counts['failed']} failed"
    stderr.print(summary + (f", written to {out}" if out else ""), highlight=False)
    raise typer.Exit(1 if counts["failed"] or counts["errors"] else 0)


#: Languages shown as columns by `unspin info`; the rest are listed per component.
INFO_LANGUAGES = ("en", "ru", "uk", "be", "de", "fr", "it", "es", "pl")


@app.command()
def info() -> None:
    """Show the version, components and the languages each one supports, and output formats."""
    table = Table(title=f"unspin {__version__}: components x languages")
    table.add_column("component")
    for language in INFO_LANGUAGES:
        table.add_column(language, justify="center")
    table.add_column("other languages")
    table.add_column("writes")
    table.add_row("clean, segment", *["yes"] * len(INFO_LANGUAGES), "any", "text, sentences, paragraphs, language")
    for component in registry.components().values():
        marks = ["yes" if component.supports(language) else "-" for language in INFO_LANGUAGES]
        others = "any" if "*" in component.languages else " ".join(
            sorted(set(component.languages) - set(INFO_LANGUAGES))) or "-"
        table.add_row(component.name, *marks, others, ", ".join(component.assigns))
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(f"formats: {', '.join(FORMATS)}")


from unspin.cli.evaluate import eval_app  # noqa: E402 - sub-commands register on the app defined above

from unspin.cli.entities import eval_entities  # noqa: E402
from unspin.cli.models import classify_spans, train_app  # noqa: E402
from unspin.cli.narratives import catalogue_app, eval_narratives, match  # noqa: E402
from unspin.cli.quotes import eval_quotes  # noqa: E402

app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.command("classify-spans")(classify_spans)
app.add_typer(catalogue_app, name="catalogue")
app.command("match")(match)
eval_app.command("narratives")(eval_narratives)
eval_app.command("quotes")(eval_quotes)
eval_app.command("entities")(eval_entities)

from unspin.cli import corpus as _corpus  # noqa: E402

_corpus.register(app)
