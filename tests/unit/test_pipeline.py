from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.doc import Document
from unspin.ingest import Failure, Record
from unspin.pipeline import Pipeline, make_document
from unspin.schema import validate_result

LINES = st.sampled_from([
    "Leave a Reply", "Fill in your details below or click an icon to log in:", ", pub-5167539840471953, DIRECT, f08c47fec0942fa0",
    "https://example.org/wp-content/uploads/2021/11/photo.jpg", "Up ↑", "  • News", "The minister said the talks failed.",
    "They are all", "obedient allies of Russia.", ".", "", "   ", "“Quoted words,” he said.", "U.S. officials met on Monday.",
])


def check(doc: Document) -> None:
    text = doc.text
    for span in [*doc.sents, *doc.paragraphs, *(s for group in doc.spans.values() for s in group)]:
        assert 0 <= span.start <= span.end <= len(text)
    for removed in doc.removed:
        assert 0 <= removed.start <= removed.end <= len(doc.raw)
    for piece in doc.offset_map.pieces:
        assert text[piece.clean_start:piece.clean_end] == doc.raw[piece.raw_start:piece.raw_end]
    for sentence in doc.sents:
        start, end = doc.raw_span(sentence)
        assert 0 <= start <= end <= len(doc.raw)
    validate_result({"status": "ok", **doc.to_dict()})
    assert Document.from_dict(doc.to_dict(), raw=doc.raw).to_dict() == doc.to_dict()


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_gives_valid_offsets(text):
    check(make_document(Record("x", "t", text)))


@settings(max_examples=100, deadline=None)
@given(st.lists(LINES, max_size=30).map("\n".join))
def test_scraped_looking_text_gives_valid_offsets(text):
    check(make_document(Record("x", "t", text)))


def test_pipeline_without_components_keeps_order_and_failures():
    records = [Record("a", "a.txt", "First article. It is short."), Failure("b.bin", "binary content"),
               Record("c", "c.txt", "Third article.")]
    results = list(Pipeline([]).analyze(records))
    assert [getattr(r, "id", None) for r in results] == ["a", None, "c"]
    assert isinstance(results[1], Failure)
    assert len(results[0].sents) == 2


def test_plain_text_headline_becomes_the_title_unless_metadata_has_one():
    article = "Talks Stall in Geneva\n\nThe ministers met on Tuesday. They disagreed."
    assert make_document(Record("a", "a.txt", article)).meta.title == "Talks Stall in Geneva"
    assert make_document(Record("b", "b.txt", article, {"title": "Given"})).meta.title == "Given"
    assert make_document(Record("c", "c.txt", "The ministers met on Tuesday.\n\nThey disagreed.")).meta.title is None
    assert make_document(Record("d", "d.txt", "Only one paragraph")).meta.title is None
