"""`unspin eval quotes`: quote detection and speaker figures on the hand-labelled set."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer


class LabelSplit(str, Enum):
    """The parts of a hand-labelled set (eval/quotes, eval/entities): tuned on, held out, or both."""

    dev = "dev"
    test = "test"
    all = "all"


def eval_quotes(
    labels: Path = typer.Option(Path("eval/quotes/labels.jsonl"), "--labels", exists=True,
                                help="Hand labels (see eval/quotes/README.md)."),
    split: LabelSplit = typer.Option(LabelSplit.all, "--split",
                                     help="dev (rules tuned on it), test (held out), or all: both and together."),
    bootstrap: int = typer.Option(0, min=0, help="Also print 95% intervals of speaker recall and the wrong share "
                                                 "from this many resamples of the articles (0: none)."),
) -> None:
    """Quote P/R/F1 (overlap, same kind), speaker correct/unknown/wrong and speaker recall, per kind."""
    from unspin.quotes.evaluate import run
    from unspin.settings import shared_dir

    run(labels, shared_dir(), split.value, print_fn=typer.echo, bootstrap=bootstrap)
