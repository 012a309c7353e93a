"""Output formats: a registry of renderers over the same result dicts (JSON is just the first).

Rendering has two stages, as displaCy: a Document becomes a plain dict (`Document.to_dict`),
and each renderer turns dicts into its format, escaping article text wherever it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO

from unspin.doc import Document
from unspin.ingest import Failure

Result = Document | Failure
Renderer = Callable[[Iterable[Result], TextIO], None]


def failure_dict(failure: Failure) -> dict:
    """The JSON form of a document that could not be read or analysed."""
    return {"status": "failed", "source": failure.source, "error": {"code": failure.code, "reason": failure.reason}}


def result_dict(result: Result) -> dict:
    if isinstance(result, Failure):
        return failure_dict(result)
    return {"status": "ok", **result.to_dict()}


def write_jsonl(results: Iterable[Result], out: TextIO) -> None:
    """One JSON object per line, streamed: the format for corpora of any size."""
    for result in results:
        out.write(json.dumps(result_dict(result), ensure_ascii=False) + "\n")


def write_json(results: Iterable[Result], out: TextIO) -> None:
    """A JSON array of result objects."""
    json.dump([result_dict(r) for r in results], out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_ptc(results: Iterable[Result], out: TextIO) -> None:
    """SemEval-2020 Task 11 lines ``id<TAB>technique<TAB>start<TAB>end``, offsets in the raw input."""
    for result in results:
        if isinstance(result, Document):
            for span in result.spans.get("techniques", []):
                start, end = result.raw_span(span)
                out.write(f"{result.id}\t{span.label}\t{start}\t{end}\n")


def _write_text(results: Iterable[Result], out: TextIO) -> None:
    from unspin.render.text import write_text

    write_text(results, out)


def _write_html(results: Iterable[Result], out: TextIO) -> None:
    from unspin.render.html import write_html

    write_html(results, out)


FORMATS: dict[str, Renderer] = {
    "text": _write_text,
    "json": write_json,
    "jsonl": write_jsonl,
    "html": _write_html,
    "ptc": write_ptc,
}
