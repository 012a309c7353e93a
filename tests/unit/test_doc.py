import pytest

from unspin.doc import Document, Span
from unspin.errors import OffsetError


def test_char_span_checks_bounds():
    doc = Document.from_text("Hello world")
    assert doc.char_span(0, 5, "x").end == 5
    with pytest.raises(OffsetError):
        doc.char_span(3, 20, "x")
    with pytest.raises(OffsetError):
        doc.add_spans("techniques", [Span(5, 2, "Doubt")])


def test_to_dict_from_dict_round_trip_keeps_overlapping_spans():
    doc = Document.from_text("They lie and they always lie.", doc_id="a", title="T")
    doc.add_spans("techniques", [doc.char_span(0, 8, "Loaded_Language", 0.9), doc.char_span(5, 28, "Doubt", 0.5)])
    doc.add_spans("quotes", [doc.char_span(0, 28, "direct", speaker=None, cue="said")])
    doc.scores["propaganda"] = 0.5
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()
    assert [s.label for s in again.spans["techniques"]] == ["Loaded_Language", "Doubt"]
