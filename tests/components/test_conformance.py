"""Every registered component honours the contract: same Document back, offsets in bounds,
languages declared, nothing written outside what it declares, and a clean skip elsewhere."""

import pytest

from unspin import registry
from unspin.ingest import Record
from unspin.pipeline import Pipeline, make_document
from unspin.schema import validate_result

ARTICLE = ("Officials Meet in Geneva as Talks Stall\n\n"
           "The foreign ministers met on Tuesday for a second round of talks in Geneva.\n\n"
           "“We are not going to accept ultimatums,” the minister told reporters after the meeting.\n\n"
           "The corrupt regime in Kiev is run by Nazis, Sergey Lavrov said, and the West wants war.")

NAMES = list(registry.components())


def test_components_are_registered_with_metadata():
    assert NAMES, "no component registered"
    for info in registry.components().values():
        assert info.languages and info.assigns and info.description
        assert info.factory.count(":") == 1


@pytest.mark.parametrize("name", NAMES)
def test_component_returns_the_same_document_with_valid_offsets(name):
    component = registry.create(name)
    doc = make_document(Record("a", "a.txt", ARTICLE))
    before = doc.text
    assert component(doc) is doc
    assert doc.text == before
    for group in doc.spans.values():
        for span in group:
            assert 0 <= span.start < span.end <= len(doc.text)
    for match in doc.narratives:
        for evidence in match["evidence"]:
            assert 0 <= evidence["start"] < evidence["end"] <= len(doc.text)
    validate_result({"status": "ok", **doc.to_dict()})


@pytest.mark.parametrize("name", NAMES)
def test_unsupported_language_is_skipped_with_a_reason(name):
    info = registry.get(name)
    if "*" in info.languages:
        pytest.skip("supports every language")
    unsupported = "zu" if "zu" not in info.languages else "xh"
    doc = make_document(Record("b", "b.txt", ARTICLE))
    doc.meta.language = unsupported
    pipeline = Pipeline([name])
    pipeline.run_components([doc])
    assert [(s.component, s.reason) for s in doc.skipped] == [(name, f"not analysed, language {unsupported}")]
