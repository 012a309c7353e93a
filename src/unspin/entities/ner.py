"""Named-entity recognition backends: raw mentions of people, organisations and places.

English: spaCy's en_core_web_sm (OntoNotes labels), the small CPU model already pinned for the
project. Russian: natasha's news NER (slovnet on navec embeddings, trained on Russian news),
which ships its weights in the pip package and runs offline; only its segmenter and NER tagger
are used, as its lemmatiser (pymorphy2) fails to import on Python 3.11.

Both are reduced to three types. OntoNotes PERSON is PER, ORG is ORG; GPE, LOC and FAC are LOC
(countries, regions and also buildings such as airports: all places a reader can point at).
NORP (nationalities, religious and political groups: "Russian", "Ukrainians", "Democrats") is
dropped: it is mostly adjectives, and the groups it names are not one entity to count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from unspin.entities import nlp

SPACY_TYPES: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
NATASHA_TYPES: dict[str, str] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


@dataclass(frozen=True, slots=True)
class Mention:
    """``text[start:end]`` named as an entity of ``type`` (PER, ORG or LOC)."""

    start: int
    end: int
    type: str


def english(texts: Sequence[str]) -> list[list[Mention]]:
    return [[Mention(e.start_char, e.end_char, SPACY_TYPES[e.label_]) for e in doc.ents if e.label_ in SPACY_TYPES]
            for doc in nlp.parse(texts, nlp.NER_PIPES)]


def russian(texts: Sequence[str]) -> list[list[Mention]]:
    segmenter, tagger = _natasha()
    from natasha import Doc

    results = []
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        results.append([Mention(s.start, s.stop, NATASHA_TYPES[s.type]) for s in doc.spans if s.type in NATASHA_TYPES])
    return results


@cache
def _natasha() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


BACKENDS = {"en": english, "ru": russian}
