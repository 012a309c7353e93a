"""Quotes: direct quotations and reported speech, each with its speaker (None when unclear).

``predict`` parses a whole batch of documents in one spaCy pass of the shared English pipeline
(unspin.entities.nlp), or completes the pass the entities component just made over the same
texts with the tagger and parser (English only: the rules rest on English verbs of saying and an
English parser); ``set_annotations`` adds
the spans to ``doc.spans["quotes"]`` with kind "direct" or "indirect", the speaker's normalised
name and where the text names it, and the cue that attributes it. When the entities component
ran first (as in the default pipeline), a speaker the article names as an entity is reported
under that entity's canonical name ("Sergey Lavrov" -> "Sergei Lavrov"), so counts of who is
quoted meet across articles; run alone, quotes keep the article's own spelling.
"""

from __future__ import annotations

from typing import Any, ClassVar

from unspin.components.base import Component
from unspin.doc import Document
from unspin.entities.fold import fold
from unspin.entities.resolve import NAME_SUFFIXES, acronym_of, initials


def info():
    """The registry entry for this component."""
    from unspin.registry import ComponentInfo

    return ComponentInfo(
        name="quotes",
        factory="unspin.components.quotes:Quotes",
        languages=("en",),
        assigns=("spans.quotes",),
        requires=("sents",),
        description="Direct quotations and reported speech with their speakers (English only; "
                    "speaker null when the text does not make it clear).",
    )


class Quotes(Component):
    """Find quotations and reported speech, and who said them, with rules over a spaCy parse."""

    name: ClassVar[str] = "quotes"

    def predict(self, docs: list[Document]) -> list[Any]:
        from unspin.quotes import quote_texts

        return quote_texts([doc.text for doc in docs], [[(p.start, p.end) for p in doc.paragraphs] for doc in docs])

    def set_annotations(self, docs: list[Document], predictions: list[Any]) -> None:
        for doc, quotes in zip(docs, predictions):
            names = canonical_names(doc)
            doc.add_spans("quotes", [
                doc.char_span(q.start, q.end, q.kind, None, speaker=canonical(q.speaker, names),
                              speaker_span=list(q.speaker_span) if q.speaker_span else None, cue=q.cue)
                for q in quotes])


def canonical_names(doc: Document) -> dict[str, str]:
    """Folded surface form -> canonical name of the people and organisations the entities component found.

    A form that could name two of the article's entities is left out, so the speaker keeps the
    article's spelling rather than take a namesake's full name: one written for two entities, or a
    surname alone that ends two people's names ("Bundy" beside Cliven and Ammon Bundy)."""
    names: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for span in doc.spans.get("entities", []):
        if span.label in ("PER", "ORG"):
            names.setdefault(fold(span.attrs["text"]), set()).add(span.attrs["canonical"])
        if span.label == "PER":
            surnames.setdefault(surname_key(span.attrs["canonical"]), set()).add(span.attrs["canonical"])
        if span.label == "ORG" and len(span.attrs["canonical"].split()) >= 2:
            acronyms.setdefault(initials(span.attrs["canonical"]), set()).add(span.attrs["canonical"])
    for form, canonicals in acronyms.items():  # "WHO said" when NER found only "World Health Organization";
        names.setdefault(ACRONYM + form, canonicals)  # kept apart, so "Who" is never taken for one
    return {form: next(iter(canonicals)) for form, canonicals in names.items()
            if len(canonicals) == 1 and len(surnames.get(form, ())) < 2}


def surname_key(name: str) -> str:
    """The folded last word of a name that is not a suffix ("Donald Trump Jr" -> "trump")."""
    words = [w for w in name.split() if w.rstrip(".") not in NAME_SUFFIXES] or name.split()
    return fold(words[-1]) if words else ""


#: Prefix of the keys under which `canonical_names` files acronyms ("acronym:WHO").
ACRONYM = "acronym:"


def canonical(speaker: str | None, names: dict[str, str]) -> str | None:
    """The canonical name of a speaker the entities name as written (or spell as an acronym), else the
    speaker unchanged."""
    if speaker is None:
        return None
    bare = acronym_of(speaker)
    return names.get(fold(speaker)) or (names.get(ACRONYM + bare) if bare else None) or speaker
