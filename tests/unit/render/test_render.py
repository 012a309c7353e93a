import io
import json

from unspin.doc import Document
from unspin.ingest import Failure
from unspin.render import FORMATS
from unspin.render.segments import runs
from unspin.schema import validate_result

HOSTILE = 'Breaking: <script>alert("x")</script> and <img src=x onerror="alert(1)"> "quoted" & more.'


def analysed(text: str = HOSTILE) -> Document:
    doc = Document.from_text(text, doc_id="d1", title='<b onmouseover="x">T</b>', url="javascript:alert(1)")
    doc.paragraphs = [doc.char_span(0, len(text), "paragraph")]
    doc.sents = [doc.char_span(0, len(text), "sentence")]
    doc.add_spans("techniques", [doc.char_span(0, 8, "Loaded_Language", 0.9), doc.char_span(4, 30, "Doubt", 0.4)])
    doc.add_spans("quotes", [doc.char_span(70, 78, "direct", speaker=None, speaker_span=None, cue=None)])
    doc.narratives = [{"case_id": "c1", "title": "<i>claim</i>", "score": 0.7, "stance": "asserted",
                       "evidence": [{"start": 0, "end": 10}], "url": "javascript:alert(2)"}]
    doc.scores["propaganda"] = 0.3
    return doc


def render(fmt: str, results) -> str:
    out = io.StringIO()
    FORMATS[fmt](results, out)
    return out.getvalue()


def test_runs_split_overlapping_spans_at_every_boundary():
    spans = [{"start": 0, "end": 5}, {"start": 3, "end": 8}]
    assert [(r.start, r.end, len(r.spans)) for r in runs(10, 0, 10, spans)] == [(0, 3, 1), (3, 5, 2), (5, 8, 1), (8, 10, 0)]


def test_html_escapes_article_text_everywhere_and_drops_script_urls():
    page = render("html", [analysed(), Failure("<bad>.txt", "empty <file>")])
    assert "<script>" not in page and "<img" not in page and "<b " not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    assert "javascript:" not in page
    assert "Content-Security-Policy" in page
    assert "&lt;bad&gt;.txt: empty &lt;file&gt;" in page
    assert 'class="hl t multi ev"' in page  # overlapping techniques are visible


def test_json_and_jsonl_validate_against_the_schema():
    results = [analysed(), Failure("x.bin", "binary content")]
    for item in json.loads(render("json", results)):
        validate_result(item)
    lines = render("jsonl", results).splitlines()
    assert len(lines) == 2
    for line in lines:
        validate_result(json.loads(line))


def test_ptc_lines_use_raw_offsets():
    lines = render("ptc", [analysed()]).splitlines()
    assert lines == ["d1\tLoaded_Language\t0\t8", "d1\tDoubt\t4\t30"]


def test_text_report_shows_the_text_without_interpreting_markup():
    report = render("text", [analysed(), Failure("a.txt", "empty file")])
    assert "<script>alert" in report and "Loaded_Language ×1" in report and "FAILED a.txt: empty file" in report


def test_narrative_matches_come_with_their_evidence_and_what_a_score_means():
    report, page = render("text", [analysed()]), render("html", [analysed()])
    assert "narrative 0.70 asserted: <i>claim</i>\n  Breaking:\n" in report
    assert "Leads to check, not verdicts" in report and "Leads to check, not verdicts" in page
    plain = render("text", [Document.from_text("No claims here.", doc_id="d3")])
    assert "Leads to check" not in plain


def with_speakers() -> Document:
    text = "“We will not negotiate under pressure,” Lavrov said. Lavrov spoke in Moscow."
    doc = Document.from_text(text, doc_id="d2")
    doc.paragraphs = [doc.char_span(0, len(text), "paragraph")]
    doc.add_spans("quotes", [doc.char_span(0, 39, "direct", speaker="Sergei Lavrov", speaker_span=[40, 46],
                                           cue="said")])
    doc.add_spans("entities", [doc.char_span(40, 46, "PER", canonical="Sergei Lavrov", text="Lavrov"),
                               doc.char_span(53, 59, "PER", canonical="Sergei Lavrov", text="Lavrov"),
                               doc.char_span(70, 76, "LOC", canonical="Moscow", text="Moscow")])
    return doc


def test_text_and_html_list_each_quote_under_its_speaker_and_entities_by_mentions():
    doc = with_speakers()
    text, html = render("text", [doc]), render("html", [doc])
    assert "Sergei Lavrov: 1 quote(s)" in text and "  “We will not negotiate under pressure,”" in text
    assert "entities: Sergei Lavrov (PER) ×2, Moscow (LOC) ×1" in text
    assert "<strong>Sergei Lavrov</strong> (1)" in html
    assert "<li>“We will not negotiate under pressure,”</li>" in html
    assert "Sergei Lavrov <small>PER &times; 2</small>" in html
