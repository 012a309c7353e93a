"""The REST API: in-process (TestClient) where that is enough, a real uvicorn server on loopback otherwise."""

from __future__ import annotations

import http.server
import importlib.util
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unspin.schema import validate_result

ARTICLE = ("The minister called them traitors and said the plan was a disaster.\n\n"
           "“We will not give up,” the minister said. Obviously the talks failed.")


def test_openapi_lists_every_endpoint(make_app):
    schema = TestClient(make_app()).get("/openapi.json").json()
    assert {"/api/analyze", "/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/stats", "/api/clusters",
            "/api/timeline", "/api/outlets", "/api/match"} <= set(schema["paths"])


def test_analyze_returns_the_result_dict(make_app):
    response = TestClient(make_app()).post("/api/analyze", json={"text": ARTICLE, "title": "T"})
    assert response.status_code == 200, response.text
    result = response.json()
    validate_result(result)
    assert {s["technique"] for s in result["techniques"]} >= {"Name_Calling", "Loaded_Language", "Exaggeration"}
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_analyze_with_the_shipped_technique_model_over_a_real_server(make_app, serve):
    from unspin.pipeline import Pipeline

    article = ("The corrupt traitors in Washington want to destroy our great nation.\n\n"
               "They are lying to you, again and again, and the media covers it up.")
    with serve(make_app(pipeline=Pipeline(["techniques"]))) as server:
        response = httpx.post(f"{server.url}/api/analyze", json={"text": article}, timeout=60)
    assert response.status_code == 200, response.text
    result = response.json()
    validate_result(result)
    assert result["techniques"], "the model finds no technique in an obviously loaded text"
    for span in result["techniques"]:
        assert 0 <= span["start"] < span["end"] <= len(result["text"])
    assert 0 < result["scores"]["propaganda"] <= 1


def test_clear_4xx_errors(make_app):
    client = TestClient(make_app())
    for response in (client.post("/api/analyze", json={}), client.post("/api/analyze", json={"text": "   "}),
                     client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})):
        assert response.status_code == 422 and response.json()["error"]["message"]
    assert client.get("/api/documents/missing").json()["error"]["code"] == "not_found"
    assert client.get("/api/search").status_code == 422
    assert client.get("/no/such/page").status_code == 404


def test_store_needs_token_then_serves_document(make_app, monkeypatch):
    client = TestClient(make_app(token="s3cret"))
    assert client.post("/api/documents", json={"text": ARTICLE}).status_code == 401
    assert client.post("/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    created = client.post("/api/documents", json={"text": ARTICLE, "outlet": "x.example", "published": "2024-02-01"}, headers=auth)
    assert created.status_code == 201 and created.json()["created"] is True
    again = client.post("/api/documents", json={"text": ARTICLE}, headers=auth)
    assert again.json() == {"id": created.json()["id"], "created": False}
    document = client.get(f"/api/documents/{created.json()['id']}").json()
    assert document["outlet"] == "x.example" and document["store"]["content_hash"]
    assert client.get("/api/search", params={"q": "traitors"}).json()["results"][0]["snippet"].count("**") == 2
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 1 and stats["annotations"]["techniques"] >= 3
    assert client.get("/api/outlets").json()["outlets"][0]["techniques"]["Name_Calling"] == 1
    assert client.get("/api/clusters").json() == {"clusters": []}
    assert client.get("/api/timeline").json() == {"timeline": []}
    # reads never need the token
    assert client.get(f"/documents/{created.json()['id']}").status_code == 200


def test_match_is_501_without_the_narratives_module(make_app, monkeypatch):
    client = TestClient(make_app())
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "unspin.narratives" else real(name, *a))
    response = client.get("/api/match", params={"q": "NATO provoked Russia"})
    assert response.status_code == 501 and "unspin.narratives" in response.json()["error"]["message"]


def test_too_large_bodies_are_413_on_a_real_server(live_server):
    big = json.dumps({"text": "x" * 2_100_000})
    response = httpx.post(f"{live_server.url}/api/analyze", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(30):
            yield b"x" * 100_000

    response = httpx.post(f"{live_server.url}/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert httpx.post(f"{live_server.url}/analyze", files={"file": ("a.txt", b"y" * 2_100_000)}).status_code == 413


def test_concurrent_clients_share_one_pipeline(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as client, ThreadPoolExecutor(16) as pool:
        texts = [f"{ARTICLE} Number {i}." for i in range(32)]
        responses = list(pool.map(lambda t: client.post("/api/analyze", json={"text": t}), texts))
    assert [r.status_code for r in responses] == [200] * 32
    assert all(r.json()["techniques"] for r in responses)


def test_request_timeout_is_504(make_app, serve, slow_pipeline):
    app = make_app(pipeline=slow_pipeline, timeout=0.3)
    with serve(app) as server:
        response = httpx.post(f"{server.url}/api/analyze", json={"text": "Slow text."}, timeout=10)
    assert response.status_code == 504 and response.json()["error"]["code"] == "timeout"


def test_url_fetching_is_off_by_default(make_app):
    response = TestClient(make_app()).post("/api/analyze", json={"url": "https://example.org/article"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "fetch_disabled"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/", "http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
    "http://10.1.2.3/", "http://192.168.0.1/", "http://0x7f000001/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
    "file:///etc/passwd", "ftp://example.org/x", "http://100.64.0.1/",
])
def test_ssrf_refused(make_app, url):
    response = TestClient(make_app(fetch_urls=True)).post("/api/analyze", json={"url": url})
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "fetch_refused"


class _Handler(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):  # noqa: N802
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", self.target)
            self.end_headers()
        else:
            body = b"A fetched article. The minister called them traitors."
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_redirects_are_checked_hop_by_hop(make_app, monkeypatch):
    """With 127.0.0.1 treated as public (there is no internet here), a fetch works, and a redirect
    to another loopback address (still non-public) is refused at the second hop."""
    from unspin.api import fetch

    real = fetch.is_public
    monkeypatch.setattr(fetch, "is_public", lambda address: address == "127.0.0.1" or real(address))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = httpd.server_address[1]
    _Handler.target = f"http://127.0.0.2:{port}/secret"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        client = TestClient(make_app(fetch_urls=True))
        fetched = client.post("/api/analyze", json={"url": f"http://127.0.0.1:{port}/article"})
        assert fetched.status_code == 200 and "traitors" in fetched.json()["text"]
        assert fetched.json()["url"] == f"http://127.0.0.1:{port}/article"
        refused = client.post("/api/analyze", json={"url": f"http://127.0.0.1:{port}/redirect"})
        assert refused.status_code == 403 and "127.0.0.2" in refused.json()["error"]["message"]
    finally:
        httpd.shutdown()


def test_serve_get_runs_one_request_in_process(tmp_path, monkeypatch):
    from unspin.cli import app

    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = CliRunner().invoke(app, ["serve", "--db", db, "--components", "", "--get", "/api/stats"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 0
    missing = CliRunner().invoke(app, ["serve", "--db", db, "--components", "", "--get", "/api/documents/nope"])
    assert missing.exit_code == 1 and "not_found" in missing.stdout


def test_corpus_page_draws_charts_and_escapes(make_app):
    from unspin.doc import Document
    from unspin.render import result_dict
    from unspin.store import content_hash, open_store

    app = make_app()
    store = app.state.core.store
    hostile = "<script>window.__pwned=1</script>"
    rows = []
    for i, (outlet, week_day) in enumerate([("a.example", "2023-01-02"), (hostile, "2023-01-09"), ("a.example", "2023-01-16")]):
        text = f"Story {i}: traitors everywhere, {hostile} said nobody."
        doc = Document.from_text(text, f"d{i}", source=f"s{i}", outlet=outlet, published=week_day, title=f"Title {i} {hostile}")
        doc.add_spans("techniques", [doc.char_span(10, 18, "Name_Calling", 0.9)])
        doc.narratives = [{"case_id": "C1", "title": f"Case {hostile}", "score": 0.8, "stance": "asserted",
                           "evidence": [{"start": 0, "end": 5}]}]
        rows.append((result_dict(doc), content_hash(text)))
    ids = store.add_batch(rows)
    page = TestClient(app).get("/corpus", params={"q": "traitors"}).text
    assert page.count("<svg") == 3 and "<polyline" in page and "<rect" in page
    assert hostile not in page and "&lt;script&gt;" in page
    assert page.count("<mark>") >= 3
    article = TestClient(app).get(f"/documents/{ids[1]}").text
    assert "Leads to check, not verdicts" in article and hostile not in article
    assert open_store  # the same store module serves the CLI
