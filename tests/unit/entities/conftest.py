"""One Entities component per test session: spaCy and natasha load once (about 3 s together)."""

from __future__ import annotations

import pytest

from unspin.components.entities import Entities
from unspin.doc import Document


@pytest.fixture(scope="session")
def entities():
    return Entities()


@pytest.fixture(scope="session")
def analyse(entities):
    """Text (and language) to [(mention text, type, canonical)] through the component."""

    def run(text: str, language: str = "en") -> list[tuple[str, str, str]]:
        doc = entities(Document.from_text(text, language=language))
        return [(s.attrs["text"], s.label, s.attrs["canonical"]) for s in doc.spans.get("entities", [])]

    return run
