"""Corpus commands: ingest into a store, query it (stats, search, clusters, export), serve the API and UI.

`register(app)` adds them to the main `unspin` command; each only parses arguments, calls
`unspin.store` / `unspin.api` and prints the result.
"""

from __future__ import annotations

import json
import sys
import time
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from unspin.errors import UnspinError

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
DB_HELP = "Store URL: sqlite:///path or postgresql://... (default: $UNSPIN_DB or $UNSPIN_HOME/corpus.sqlite)."


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class StatsFormat(str, Enum):
    text = "text"
    json = "json"


def _open(db: str | None):
    from unspin.store import open_store

    try:
        return open_store(db)
    except UnspinError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(2) from None


def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, corpora (.jsonl/.csv, gzip ok)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    components: str | None = typer.Option(None, help="Comma-separated components to run (default: all; '' for none)."),
    batch_size: int = typer.Option(64, help="Documents committed per transaction."),
    fetch: bool = typer.Option(False, help="Fetch http(s) URLs given as inputs."),
) -> None:
    """Analyse articles and store them (skipping texts stored already); prints docs/s at the end."""
    from unspin.cli import comma_list
    from unspin.ingest import IngestOptions, iter_records
    from unspin.pipeline import Pipeline
    from unspin.store import ingest as run_ingest

    store = _open(db)
    try:
        pipeline = Pipeline(comma_list(components))
    except UnspinError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(2) from None
    options = IngestOptions(fetch_urls=fetch)
    started = time.perf_counter()
    columns = (TextColumn("ingesting"), BarColumn(), TextColumn("{task.fields[line]}"), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=False, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("ingest", total=None, line="")

        def tick(c) -> None:
            progress.update(task, line=f"{c.read} read, {c.analysed} stored, {c.skipped} already stored, {c.failed} failed")

        try:
            counts = run_ingest(store, iter_records(paths, options), pipeline, batch_size=batch_size, on_progress=tick)
        except KeyboardInterrupt:
            stderr.print("interrupted: every committed batch is kept; run the same command again to resume")
            raise typer.Exit(130) from None
        finally:
            store.close()
    seconds = time.perf_counter() - started
    rate = counts.analysed / seconds if seconds else 0.0
    stderr.print(f"{counts.read} read, {counts.analysed} analysed and stored, {counts.skipped} stored already, "
                 f"{counts.failed} failed; {seconds:.1f} s, {rate:.1f} docs/s -> {store.url}")


def stats(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: StatsFormat = typer.Option(StatsFormat.text, "--format", "-f"),
) -> None:
    """Counts of documents, outlets, clusters, annotations and narrative matches in the store."""
    with _open(db) as store:
        data = store.stats()
    if fmt is StatsFormat.json:
        print(json.dumps(data, indent=1))
        return
    table = Table(title=f"corpus {escape(store.url)}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in data.items():
        table.add_row(key, escape(", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else str(value)))
    Console().print(table)


def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="csv, jsonl or parquet (needs pyarrow)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (default: standard output; required for parquet)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export every stored document (flat rows for csv/parquet, full results for jsonl)."""
    with _open(db) as store:
        try:
            n = store.export(fmt.value, out)
        except UnspinError as error:
            stderr.print(f"error: {error}")
            raise typer.Exit(2) from None
    stderr.print(f"{n} documents exported" + (f" to {out}" if out else ""))


def search(
    query: str = typer.Argument(..., help="Words to find (all required)."),
    limit: int = typer.Option(20, help="Most results shown."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Full-text search over stored documents."""
    from unspin.store.base import MARK_END, MARK_START

    with _open(db) as store:
        hits = store.search(query, limit)
    console = Console(highlight=False)
    for hit in hits:
        snippet = escape(hit["snippet"] or "").replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/bold yellow]")
        console.print(f"[bold]{hit['id']}[/bold] {escape(hit['title'] or '')} · {escape(hit['outlet'] or '')} · {hit['published'] or ''}")
        console.print(f"  {snippet}")
    stderr.print(f"{len(hits)} result(s)")


def clusters(
    min_size: int = typer.Option(2, help="Smallest cluster shown."),
    limit: int = typer.Option(20, help="Most clusters shown."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Near-duplicate (syndication) clusters, largest first."""
    with _open(db) as store:
        found = store.clusters(min_size, limit)
    console = Console(highlight=False)
    for cluster in found:
        outlets = ", ".join(f"{k} ({v})" for k, v in cluster["outlets"].items())
        console.print(f"[bold]cluster {cluster['cluster']}[/bold]: {cluster['size']} documents · {escape(outlets)}")
        for doc in cluster["documents"][:10]:
            console.print(f"  {doc['id']} {doc['published'] or '':<25} {escape(doc['outlet'] or ''):<25} {escape(doc['title'] or '')}")
    stderr.print(f"{len(found)} cluster(s)")


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    components: str | None = typer.Option(None, help="Comma-separated components to run (default: all; '' for none)."),
    get: str | None = typer.Option(None, "--get", help="Run one GET request for this path in-process, print the response and exit."),
) -> None:
    """Serve the REST API (/api, /docs) and the web UI (/); --get /path answers one request and exits."""
    from unspin.api import ApiSettings, create_app
    from unspin.cli import comma_list

    settings = ApiSettings.from_env(db=db, components=comma_list(components))
    try:
        app = create_app(settings)
    except UnspinError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(2) from None
    if get is not None:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            response = client.get(get)
        sys.stdout.write(response.text)
        if not response.text.endswith("\n"):
            sys.stdout.write("\n")
        raise typer.Exit(0 if response.status_code < 400 else 1)
    import uvicorn

    from unspin.ingest import Record

    try:  # load the models now, not on the first user's request
        app.state.core.analyze_record(Record("warm-up", "warm-up", "Models load once, before the first request.", {}))
    except Exception as error:  # noqa: BLE001 - the server still starts; the error is shown per request
        stderr.print(f"warning: warm-up analysis failed: {error}")
    stderr.print(f"serving http://{host}:{port}/ (API docs at /docs) store {settings.db or 'default'}")
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the `unspin` command."""
    for command in (ingest, stats, export, search, clusters, serve):
        app.command(command.__name__)(command)
