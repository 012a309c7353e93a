"""`unspin catalogue ...` and `unspin match`: narrative catalogues and fact-check style lookups."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

catalogue_app = typer.Typer(help="Manage the catalogues of known narratives (stored under $UNSPIN_HOME).",
                            no_args_is_help=True)


class CatalogueFormat(str, Enum):
    euvsdisinfo = "euvsdisinfo"
    csv = "csv"
    jsonl = "jsonl"


@catalogue_app.command("import")
def import_command(
    path: Path = typer.Argument(..., exists=True, help="The EUvsDisinfo folder or one of its files, or a csv/jsonl catalogue."),
    fmt: CatalogueFormat = typer.Option(..., "--format", help="How the file is laid out."),
    name: str | None = typer.Option(None, help="Catalogue name (default: euvsdisinfo, or the file name)."),
) -> None:
    """Import or re-import a catalogue; only new or changed cases are embedded again."""
    from unspin.narratives import import_catalogue

    report = import_catalogue(path, fmt.value, name)
    for problem in report.problems:
        typer.echo(f"skipped {problem.path}:{problem.line}: {problem.reason}", err=True)
    typer.echo(f"{report.name}: {report.cases} cases ({report.added} added, {report.updated} updated, "
               f"{report.unchanged} unchanged, {report.removed} removed), {len(report.problems)} rows skipped, "
               f"embedded {report.embedded}, {report.seconds:.1f} s")


@catalogue_app.command("list")
def list_command() -> None:
    """The imported catalogues with their case counts."""
    from unspin.narratives import list_catalogues

    table = Table("name", "cases", "source", "format", "imported")
    for row in list_catalogues():
        table.add_row(*(str(row.get(key, "")) for key in ("name", "n_cases", "source", "fmt", "imported_at")))
    Console().print(table)


@catalogue_app.command("show")
def show_command(
    name_or_case: str = typer.Argument(..., help="A catalogue name, or a case id (URL for EUvsDisinfo cases)."),
    limit: int = typer.Option(10, help="Cases to list for a catalogue."),
) -> None:
    """A catalogue's first cases, or one case in full, as JSON."""
    from unspin.narratives import list_catalogues, show_case, show_catalogue

    if name_or_case in {row["name"] for row in list_catalogues()}:
        typer.echo(json.dumps(show_catalogue(name_or_case, limit), indent=1, ensure_ascii=False))
        return
    case = show_case(name_or_case)
    if not case:
        typer.echo(f"error: no catalogue or case {name_or_case!r}", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(case, indent=1, ensure_ascii=False))


@catalogue_app.command("remove")
def remove_command(name: str) -> None:
    """Delete a catalogue and its embeddings."""
    from unspin.narratives import remove_catalogue

    if not remove_catalogue(name):
        typer.echo(f"error: no catalogue {name!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"removed {name}")


class MatchFormat(str, Enum):
    text = "text"
    json = "json"


def match(
    claim: str | None = typer.Argument(None, help="A claim to look up."),
    file: Path | None = typer.Option(None, "--file", exists=True, help="One claim per line; one JSON line of results per claim."),
    catalogue: str | None = typer.Option(None, help="Search only this catalogue (default: all)."),
    top: int = typer.Option(5, "--top", help="Cases to return per claim."),
    fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", help="Output format for a single claim."),
) -> None:
    """Known narratives nearest to a claim, like a fact-check search box (scores are calibrated 0-1)."""
    from unspin.narratives import match_claims

    if (claim is None) == (file is None):
        typer.echo("error: give a CLAIM or --file, not both", err=True)
        raise typer.Exit(2)
    claims = [claim] if claim is not None else [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = match_claims(claims, catalogue=catalogue, top_k=top)
    if file is not None or fmt is MatchFormat.json:
        for claim_text, cases in zip(claims, results):
            typer.echo(json.dumps({"claim": claim_text, "cases": cases}, ensure_ascii=False) if file else
                       json.dumps(cases, ensure_ascii=False, indent=1))
        return
    table = Table("score", "case", "catalogue")
    for case in results[0]:
        table.add_row(f"{case['score']:.2f}", f"{case['title']}\n{case['case_id']}", case["catalogue"])
    Console().print(table)


def eval_narratives(
    limit: int | None = typer.Option(None, help="Evaluate on at most this many items per benchmark (quick check)."),
    parts: str = typer.Option("abcdef", help="Which parts to run, e.g. 'ce'."),
) -> None:
    """(a) EUvsDisinfo summary -> title recall@k, (b) VoxCheck per language, (c) false matches on PTC, (d) stance,
    (e) the static gate: true matches kept, false matches, work per article, (f) precision of article matches
    by two annotators' labels."""
    from unspin.narratives.evaluate import run_all

    run_all(limit=limit, print_fn=typer.echo, parts=parts)
