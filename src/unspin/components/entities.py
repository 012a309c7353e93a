"""Named entities: people (PER), organisations (ORG) and places (LOC), with canonical names.

``predict`` runs the NER model of each language once over the batch's texts and resolves each
article's mentions to canonical names (see unspin.entities.resolve); ``set_annotations`` adds
the spans to ``doc.spans["entities"]`` with attrs ``canonical`` (the same string for the same
entity in every article, where the alias table or a full name allows) and ``text`` (as written).
Reports count mentions per entity from these spans (unspin.render.view.entity_counts), so the
result dict needs no field of its own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from unspin.components.base import Component
from unspin.doc import Document
from unspin.entities.resolve import Entity


def info():
    """The registry entry for this component."""
    from unspin.registry import ComponentInfo

    return ComponentInfo(
        name="entities",
        factory="unspin.components.entities:Entities",
        languages=("en", "ru"),
        assigns=("spans.entities",),
        description="People, organisations and places, with aliases and transliterations "
                    "(Lukashenka, Лукашенко) folded into one canonical name per entity.",
        default_config={"aliases": None},
    )


class Entities(Component):
    """Find named entities and name each after its canonical form."""

    name: ClassVar[str] = "entities"

    def __init__(self, aliases: str | None = None) -> None:
        self.aliases = aliases
        self._table: Any = None

    @property
    def table(self) -> Any:
        """The shipped alias table with the user's (``aliases``: a path) merged over it."""
        if self._table is None:
            from unspin.entities.aliases import AliasTable

            self._table = AliasTable.load(self.aliases)
        return self._table

    def predict(self, docs: list[Document]) -> list[list[Entity]]:
        from unspin.entities.ner import BACKENDS
        from unspin.entities.resolve import resolve

        results: list[list[Entity]] = [[] for _ in docs]
        for language, backend in BACKENDS.items():
            chosen = [i for i, doc in enumerate(docs) if doc.meta.language == language]
            if not chosen:
                continue
            for i, mentions in zip(chosen, backend([docs[i].text for i in chosen])):
                results[i] = resolve(docs[i].text, mentions, self.table)
        return results

    def set_annotations(self, docs: list[Document], predictions: list[list[Entity]]) -> None:
        for doc, entities in zip(docs, predictions):
            doc.add_spans("entities", [doc.char_span(e.start, e.end, e.type, None, canonical=e.canonical,
                                                     text=doc.text[e.start : e.end]) for e in entities])

