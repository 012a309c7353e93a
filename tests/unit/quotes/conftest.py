"""One quotes component (and so one spaCy load) for the whole session."""

from __future__ import annotations

import pytest

from unspin.components.quotes import Quotes
from unspin.ingest import Record
from unspin.pipeline import make_document


@pytest.fixture(scope="session")
def quotes_component():
    return Quotes()


@pytest.fixture(scope="session")
def quotes_of(quotes_component):
    """Annotate a text as the pipeline would; returns (document, [(kind, quoted text, speaker)])."""

    def run(text: str):
        doc = quotes_component(make_document(Record("t", "t", text)))
        return doc, [(s.label, doc.text[s.start : s.end], s.attrs["speaker"]) for s in doc.spans.get("quotes", [])]

    return run
