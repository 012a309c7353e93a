"""`unspin eval entities`: mention and canonical-name figures on the hand-labelled set."""

from __future__ import annotations

from pathlib import Path

import typer

from unspin.cli.quotes import LabelSplit


def eval_entities(
    labels: Path = typer.Option(Path("eval/entities/labels.jsonl"), "--labels", exists=True,
                                help="Hand labels (see eval/entities/README.md)."),
    split: LabelSplit = typer.Option(LabelSplit.all, "--split",
                                     help="dev (resolution tuned on it), test (held out), or all: both and together."),
) -> None:
    """Entity mention P/R/F1 (exact and overlapping, typed and not, per type) and B-cubed agreement
    of canonical names within and across articles."""
    from unspin.entities.evaluate import run
    from unspin.settings import shared_dir

    run(labels, shared_dir(), split.value, print_fn=typer.echo)
