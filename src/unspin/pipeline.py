"""The pipeline, top to bottom: ingest -> clean -> segment -> components -> results.

`make_document` turns a raw Record into a Document (cleaned text, offset map, paragraphs,
sentences, language). `Pipeline` then runs the chosen components over batches of Documents,
skipping a component for a document whose language it does not support (and saying so on the
Document), and isolating failures so one bad document never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from unspin import registry
from unspin.clean import clean_text
from unspin.doc import Document, Meta, Skip
from unspin.ingest import Failure, Record
from unspin.segment import segment

Result = Document | Failure


def make_document(record: Record) -> Document:
    """Clean, segment and identify the language of one raw record."""
    cleaned = clean_text(record.text)
    language, paragraphs, sentences = segment(cleaned.text)
    meta = Meta(source=record.source, **{k: v for k, v in record.meta.items() if k in Meta.__slots__ and k != "source"})
    meta.language = language or meta.language
    meta.title = meta.title or headline(cleaned.text, paragraphs)
    return Document(
        id=record.id,
        raw=record.text,
        text=cleaned.text,
        offset_map=cleaned.offset_map,
        meta=meta,
        sents=sentences,
        paragraphs=paragraphs,
        removed=list(cleaned.removed),
    )


#: A first paragraph counts as the headline when it is one line this short with no final stop.
MAX_HEADLINE_CHARS = 200


def headline(text: str, paragraphs: list) -> str | None:
    """The title of a plain-text article: its first paragraph, if that looks like a headline."""
    if len(paragraphs) < 2:
        return None
    first = text[paragraphs[0].start : paragraphs[0].end]
    if "\n" in first or len(first) > MAX_HEADLINE_CHARS or first.rstrip()[-1:] in ".!?…:;,":
        return None
    return first


class Pipeline:
    """Runs named components over Documents; the same object serves the CLI, API and store."""

    def __init__(self, components: Sequence[str] | None = None, config: dict[str, dict[str, Any]] | None = None,
                 batch_size: int = 16) -> None:
        self.names = list(components) if components is not None else list(registry.components())
        self.config = config or {}
        self.batch_size = batch_size
        self.infos = [registry.get(name) for name in self.names]
        self._instances: dict[str, Any] = {}

    def component(self, name: str) -> Any:
        """The component instance, created (and its model loaded) on first use."""
        if name not in self._instances:
            self._instances[name] = registry.create(name, **self.config.get(name, {}))
        return self._instances[name]

    def __call__(self, text: str, doc_id: str = "doc", **meta: Any) -> Document:
        """Analyze one text (the Python API: ``unspin.analyze(text)``)."""
        result = next(self.analyze([Record(doc_id, meta.pop("source", "<text>"), text, meta)]))
        if isinstance(result, Failure):
            raise ValueError(result.reason)
        return result

    def analyze(self, records: Iterable[Record | Failure]) -> Iterator[Result]:
        """Documents (or Failures) for records, in input order, processed in batches."""
        iterator = iter(records)
        while batch := list(islice(iterator, self.batch_size)):
            results: list[Result] = [self._prepare(item) for item in batch]
            self.run_components([r for r in results if isinstance(r, Document)])
            yield from results

    @staticmethod
    def _prepare(item: Record | Failure) -> Result:
        if isinstance(item, Failure):
            return item
        try:
            return make_document(item)
        except Exception as error:  # a bug on one hostile input must not stop the batch
            return Failure(item.source, f"could not be prepared: {type(error).__name__}: {error}", "E000")

    def run_components(self, docs: list[Document]) -> None:
        """Run every component over already prepared Documents, skipping unsupported languages."""
        for info in self.infos:
            supported = [doc for doc in docs if info.supports(doc.meta.language)]
            for doc in docs:
                if not info.supports(doc.meta.language):
                    doc.skipped.append(Skip(info.name, f"not analysed, language {doc.meta.language or 'unknown'}"))
            if supported:
                self._run_one(info.name, supported)

    def _run_one(self, name: str, docs: list[Document]) -> None:
        """Run a component on a batch; on error, retry one by one so only the culprit fails."""
        component = self.component(name)
        try:
            list(component.pipe(docs, batch_size=len(docs)))
        except Exception:
            for doc in docs:
                try:
                    component(doc)
                except Exception as error:
                    doc.errors.append(f"{name}: {type(error).__name__}: {error}")


def analyze(text: str, components: Sequence[str] | None = None, **meta: Any) -> Document:
    """Analyze one article text with the default (or given) components."""
    return Pipeline(components)(text, **meta)
