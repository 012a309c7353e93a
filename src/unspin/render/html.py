"""A self-contained HTML report: escaped article text, highlighted spans, legend, no scripts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

import jinja2

from unspin import __version__
from unspin.doc import Document
from unspin.ingest import Failure
from unspin.render import view

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("unspin.render", "templates"),
    autoescape=True,  # article text is untrusted: everything is escaped unless marked safe, and nothing is
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(colour=view.colour, run_title=view.run_title, narrative_note=view.NARRATIVE_NOTE)


def render_html(results: Iterable[Document | Failure]) -> str:
    documents, failures = [], []
    for result in results:
        if isinstance(result, Failure):
            failures.append(result)
        else:
            data = result.to_dict()
            documents.append({"data": data, "paragraphs": view.paragraph_runs(data),
                              "legend": view.technique_counts(data), "speakers": view.quotes_by_speaker(data),
                              "entities": view.entity_counts(data)})
    return _ENV.get_template("report.html.j2").render(documents=documents, failures=failures, version=__version__)


def write_html(results: Iterable[Document | Failure], out: TextIO) -> None:
    out.write(render_html(results))
