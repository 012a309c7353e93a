"""The corpus commands end to end: ingest, stats, search, clusters, export, and the UI upload form."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unspin.cli import app

runner = CliRunner()


def corpus(tmp_path):
    rows = [
        {"id": "a", "maintext": "Grain exports through Odesa resumed on Monday. " * 20, "source_domain": "rrn.media", "date_publish": "2023-08-01 10:00:00"},
        {"id": "b", "maintext": "Grain exports through Odesa resumed on Monday. " * 20, "source_domain": "waronfakes.com", "date_publish": "2023-08-02"},
        {"id": "c", "maintext": "The summit on energy prices ended without a deal, officials said.", "source_domain": "rrn.media"},
        {"id": "d", "title": "no text here"},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    return path


def test_ingest_query_and_export(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    first = runner.invoke(app, ["ingest", str(corpus(tmp_path)), "--db", db, "--components", ""])
    assert first.exit_code == 0, first.output
    assert "5 read, 2 analysed and stored, 1 stored already, 2 failed" in first.stderr and "docs/s" in first.stderr
    again = runner.invoke(app, ["ingest", str(corpus(tmp_path)), "--db", db, "--components", ""])
    assert "0 analysed and stored, 3 stored already" in again.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert (stats["documents"], stats["occurrences"], stats["outlets"], stats["failures"]) == (2, 3, 2, 2)
    assert "documents" in runner.invoke(app, ["stats", "--db", db]).stdout
    found = runner.invoke(app, ["search", "odesa grain", "--db", db])
    assert found.exit_code == 0 and "1 result(s)" in found.stderr and "Odesa" in found.stdout
    assert "0 cluster(s)" in runner.invoke(app, ["clusters", "--db", db]).stderr
    exported = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    assert len(list(csv.DictReader(io.StringIO(exported.stdout)))) == 2
    out = tmp_path / "c.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", db]).exit_code == 0
    assert len(out.read_text().splitlines()) == 2
    parquet = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path / "c.parquet"), "--db", db])
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        assert parquet.exit_code == 2 and "pip install pyarrow" in parquet.stderr
    else:
        assert parquet.exit_code == 0


def test_bad_store_url_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2 and "cannot connect to PostgreSQL" in result.stderr


def test_upload_html_file_in_the_ui(make_app):
    html = (b"<html><head><title>T</title><script>window.__pwned=1</script></head><body><article><h1>Headline</h1>"
            b"<p>The opposition are traitors, the minister said, and the plan was a disaster for everyone involved.</p>"
            b"<p>Observers were not convinced by the claims made at the press conference on Monday morning.</p>"
            b"</article></body></html>")
    page = TestClient(make_app()).post("/analyze", files={"file": ("story.html", html, "text/html")}, data={"text": ""})
    assert page.status_code == 200
    assert "traitors</span>" in page.text and "__pwned" not in page.text
    empty = TestClient(make_app()).post("/analyze", data={"text": "  "})
    assert empty.status_code == 422 and "non-empty" in empty.text
