"""Every bad input becomes one clear Failure; the rest of the batch is still read."""

import gzip
import http.server
import json
import threading

import pytest

from unspin.ingest import Failure, IngestOptions, Record, iter_records


def read(paths, **options):
    return list(iter_records([str(p) for p in paths], IngestOptions(**options)))


def test_text_file_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nSome text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Другой текст.", encoding="utf-8")
    (tmp_path / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    options = IngestOptions()
    results = list(iter_records([str(tmp_path)], options))
    assert [r.id for r in results] == ["a", "b"]
    assert results[0].text == "Title\n\nSome text."
    assert options.ignored == [str(tmp_path / "picture.jpg")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty document"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "binary content"),
    ],
)
def test_unreadable_files_fail_with_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Fine article.")
    results = read([bad, good])
    assert isinstance(results[0], Failure) and reason in results[0].reason and results[0].source == str(bad)
    assert isinstance(results[1], Record)


def test_huge_file_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # sparse 100 MB file: costs no disk or memory
        stream.truncate(100_000_000)
    (failure,) = read([huge])
    assert "too large (100.0 MB" in failure.reason


def test_invalid_utf8_and_legacy_encodings_are_decoded(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Déclaration du ministère à propos de la crise économique.".encode("cp1252"))
    (tmp_path / "broken.txt").write_bytes(b"Valid start \xff\xfe\xfd and a valid end of the article.")
    broken, latin = read(sorted(tmp_path.iterdir()))
    assert "ministère" in latin.text
    assert broken.text.startswith("Valid start") and broken.text.endswith("end of the article.")


def test_missing_path():
    (failure,) = read(["/nonexistent/article.txt"])
    assert failure.reason == "no such file or folder"


def test_jsonl_with_malformed_lines_and_news_please_records(tmp_path):
    corpus = tmp_path / "corpus.jsonl.gz"
    lines = [
        json.dumps({"id": "x1", "text": "First article.", "title": "One", "date": "2022-01-01", "outlet": "a.example"}),
        "{not json",
        json.dumps({"maintext": "News-please article.", "date_publish": "2023-01-01 10:00:00", "source_domain": "b.example",
                    "url": "https://b.example/1", "title": "Two"}),
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
    ]
    corpus.write_bytes(gzip.compress("\n".join(lines).encode()))
    results = read([corpus])
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record", "Failure", "Failure"]
    assert results[0].meta == {"title": "One", "published": "2022-01-01", "outlet": "a.example"}
    assert results[2].id == "corpus-3" and results[2].meta["outlet"] == "b.example"
    assert results[1].source.endswith("corpus.jsonl.gz:2") and "malformed JSON" in results[1].reason
    assert "no text" in results[4].reason


def test_csv_with_ragged_rows(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('id,title,text\n1,One,"First, with a comma."\n2,Two\n3,Three,Third.,extra\n4,Four,Fourth.\n')
    results = read([corpus])
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Failure", "Record"]
    assert results[0].text == "First, with a comma."
    assert results[1].source.endswith("c.csv:3")
    (failure,) = read([_write(tmp_path / "no_text.csv", "id,title\n1,x\n")])
    assert "no text column" in failure.reason


def _write(path, content):
    path.write_text(content)
    return path


def test_hostile_html_keeps_text_and_drops_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Hostile page</title><script>alert(1)</script></head><body><article>"
        "<h1>Hostile page</h1><p>The minister said the talks had failed after three days of negotiations in Geneva.</p>"
        '<p>Observers expect <img src=x onerror="alert(2)">new sanctions to follow within weeks, diplomats said.</p>'
        "<script>document.write('evil')</script></article></body></html>")
    (record,) = read([page])
    assert "talks had failed" in record.text and "new sanctions" in record.text
    assert "alert" not in record.text and "<" not in record.text
    assert record.meta["title"] == "Hostile page"


@pytest.fixture()
def web_server():
    """A real HTTP server on loopback serving a page, a plain text, a binary and a 404."""
    pages = {
        "/article.html": ("text/html", b"<html><body><article><p>"
                          + b"A long enough paragraph about the summit between the two leaders in the capital. " * 3
                          + b"</p></article></body></html>"),
        "/plain.txt": ("text/plain; charset=utf-8", "Plain text article about Kyiv.".encode()),
        "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            if self.path not in pages:
                self.send_error(404)
                return
            content_type, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_fetched_from_a_local_server(web_server):
    results = list(iter_records([f"{web_server}/article.html", f"{web_server}/plain.txt", f"{web_server}/image.png",
                                 f"{web_server}/missing", "http://127.0.0.1:9/closed"], IngestOptions(fetch_timeout=5)))
    article, plain, image, missing, closed = results
    assert "summit between the two leaders" in article.text and article.meta["url"].endswith("/article.html")
    assert plain.text == "Plain text article about Kyiv."
    assert "not a text page" in image.reason
    assert "HTTP 404" in missing.reason
    assert "unreachable" in closed.reason
    (refused,) = list(iter_records([f"{web_server}/plain.txt"], IngestOptions(fetch_urls=False)))
    assert "disabled" in refused.reason
