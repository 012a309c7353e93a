"""The component contract: analyzers are estimators that annotate Documents in place.

As in spaCy and scikit-learn: ``__init__`` only stores configuration; ``predict`` computes and
changes nothing; ``set_annotations`` writes into the component's own span group or field;
``__call__``/``pipe`` return the same Document objects they were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, ClassVar

from unspin.doc import Document


class Component:
    """Base class for analyzers; subclasses implement `predict` and `set_annotations`."""

    name: ClassVar[str] = "component"

    def predict(self, docs: list[Document]) -> list[Any]:
        raise NotImplementedError

    def set_annotations(self, docs: list[Document], predictions: list[Any]) -> None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """Annotate in batches so models can share one forward pass over many sentences."""
        iterator = iter(docs)
        while batch := list(islice(iterator, batch_size)):
            self.set_annotations(batch, self.predict(batch))
            yield from batch
