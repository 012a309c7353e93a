"""`unspin eval ...`: the published metrics, reproducible from the command line."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

eval_app = typer.Typer(help="Compute the published evaluation figures.", no_args_is_help=True)


class Split(str, Enum):
    all = "all"
    train = "train"
    dev = "dev"
    test = "test"


def split_ids(split: Split) -> set[str] | None:
    """Article ids of a part of unspin's fixed PTC split (None = every article given)."""
    if split is Split.all:
        return None
    from unspin.data.ptc import fixed_split

    return set(fixed_split()[split.value])


def predict_ptc(articles_dir: Path, ids: set[str] | None, batch_size: int = 16, model: Path | None = None) -> dict[str, list]:
    """Run the techniques component (with ``model``, a model folder, or the shipped one) over PTC
    articles; spans in raw-file offsets, as the scorer wants."""
    from unspin.data.ptc import LabelledSpan, load_articles
    from unspin.ingest import Record
    from unspin.pipeline import Pipeline

    articles = [a for a in load_articles(articles_dir) if ids is None or a.id in ids]
    records = [Record(a.id, str(articles_dir / f"article{a.id}.txt"), a.text) for a in articles]
    predictions: dict[str, list] = {}
    config = {"techniques": {"model": str(model)}} if model else None
    for doc in Pipeline(["techniques"], config=config, batch_size=batch_size).analyze(records):
        spans = [(doc.raw_span(s), s) for s in doc.spans.get("techniques", [])]
        predictions[doc.id] = [LabelledSpan(s.label, start, end) for (start, end), s in spans if end > start]
    return predictions


def classify_gold(articles: list, model_dir: Path | None = None) -> dict[str, list]:
    """The model's technique for every gold span (SemEval-2020 TC input)."""
    from unspin.data.ptc import LabelledSpan
    from unspin.techniques.model import TechniqueModel

    model = TechniqueModel.load(model_dir)
    result = {}
    for article in articles:
        offsets = [(s.start, s.end) for s in article.spans]
        labels = model.classify_spans(article.text, offsets) if offsets else []
        result[article.id] = [LabelledSpan(t, s, e) for (t, _), (s, e) in zip(labels, offsets)]
    return result


@eval_app.command("techniques")
def eval_techniques(
    articles: Path = typer.Option(..., exists=True, file_okay=False, help="Folder of articleID.txt files."),
    labels: Path = typer.Option(..., exists=True, file_okay=False, help="Folder of gold *.labels files."),
    predictions: Path | None = typer.Option(None, exists=True, help="Score these PTC-format predictions instead of running the model."),
    split: Split = typer.Option(Split.all, help="Only articles of this part of unspin's fixed PTC split."),
    model: Path | None = typer.Option(None, exists=True, file_okay=False,
                                      help="A technique model folder, e.g. from `unspin train techniques` (default: the shipped one)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    bootstrap: int = typer.Option(0, min=0, help="Also print 95% intervals of the micro F1s from this many "
                                                 "resamples of the articles (0: none; 1000 is plenty)."),
    against: Path | None = typer.Option(None, exists=True, file_okay=False,
                                        help="Another model folder: also print paired bootstrap intervals of this "
                                             "model's F1s minus that one's, on the same resampled articles."),
) -> None:
    """SemEval-2020 SI and TC, and the FLC technique-aware F1, per technique too.

    Without --predictions, SI and FLC score what `unspin analyze` finds (cleaning, segmentation and
    the techniques component, offsets mapped back to the article files), and TC scores the model's
    technique for each gold span, as the SemEval-2020 TC task defines it.
    """
    from dataclasses import asdict

    from unspin.data.ptc import load_articles
    from unspin.evaluate.ptc import (PtcReport, bootstrap_difference, bootstrap_f1, evaluate, flc_score, format_report,
                                     read_predictions, si_score, tc_score)

    if against and predictions:
        raise typer.BadParameter("--against compares two model folders; it does not go with --predictions")

    ids = split_ids(split)
    labelled = [a for a in load_articles(articles, labels) if ids is None or a.id in ids]
    gold = {a.id: a.spans for a in labelled}
    if predictions:
        predicted = {doc_id: spans for doc_id, spans in read_predictions(predictions).items() if doc_id in gold}
        classified = predicted
        report = evaluate(gold, predicted)
    else:
        predicted = predict_ptc(articles, set(gold), model=model)
        classified = classify_gold(labelled, model)
        report = PtcReport(len(gold), si_score(gold, predicted), tc_score(gold, classified),
                           flc_score(gold, predicted), True)
    measures = _micro_measures(predicted, classified)
    extra: dict[str, dict] = {}
    if bootstrap:
        extra["bootstrap"] = {name: asdict(bootstrap_f1(measure, gold, spans, bootstrap))
                              for name, (measure, spans) in measures.items()}
    if against:
        baseline = _micro_measures(predict_ptc(articles, set(gold), model=against), classify_gold(labelled, against))
        extra["against"] = {name: {"f1": measure(gold, baseline[name][1]).f1,
                                   **asdict(bootstrap_difference(measure, gold, spans, baseline[name][1], bootstrap or 1000))}
                            for name, (measure, spans) in measures.items()}
    if as_json:
        typer.echo(json.dumps({**asdict(report), **extra}, indent=1))
        return
    typer.echo(format_report(report))
    if bootstrap:
        typer.echo(f"\n95% intervals, {bootstrap} resamples of the {len(gold)} articles: " + ", ".join(
            f"{name} {i['low']:.4f}-{i['high']:.4f}" for name, i in extra["bootstrap"].items()))
    if against:
        typer.echo(f"\nagainst {against}: " + ", ".join(f"{name} {i['f1']:.4f}" for name, i in extra["against"].items()))
        typer.echo(f"this model minus that one, paired 95% intervals ({bootstrap or 1000} resamples): " + ", ".join(
            f"{name} {i['low']:+.4f} to {i['high']:+.4f}" for name, i in extra["against"].items()))


def _micro_measures(predicted: dict, classified: dict) -> dict:
    """Each micro F1 the intervals are given for: its measure and the predictions it scores (TC
    scores the technique given to each gold span)."""
    from unspin.evaluate.ptc import flc_score, si_score, tc_score

    return {"SI F1": (si_score, predicted), "TC micro F1": (lambda g, p: tc_score(g, p).micro, classified),
            "FLC micro F1": (lambda g, p: flc_score(g, p).micro, predicted)}


@eval_app.command("clean")
def eval_clean(
    labels: Path = typer.Option(Path("eval/cleaning/debris.json"), exists=True, help="Hand labels of debris lines."),
    shared: Path | None = typer.Option(None, help="The shared data folder the labels refer to (default: ../shared)."),
) -> None:
    """Debris precision/recall and article-line recall of cleaning, per source family."""
    from unspin.clean.evaluate import evaluate_cleaning, format_scores
    from unspin.settings import shared_dir

    typer.echo(format_scores(evaluate_cleaning(labels, shared or shared_dir())))
