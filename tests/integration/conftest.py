"""Fixtures for the API and UI tests: a pipeline that marks known words, and a real uvicorn server."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest

from unspin.doc import Document

#: Words the marking pipeline labels, as a stand-in for the technique models (deterministic, instant).
MARKS = {"traitors": "Name_Calling", "disaster": "Loaded_Language", "obviously": "Doubt"}


class MarkingPipeline:
    """The real Pipeline with no components, plus technique spans on `MARKS` words and an
    overlapping sentence-long span wherever a sentence holds two marks, plus a quote."""

    def __init__(self, delay: float = 0.0) -> None:
        from unspin.pipeline import Pipeline

        self.inner = Pipeline([])
        self.delay = delay

    def analyze(self, records):
        for result in self.inner.analyze(records):
            if self.delay:
                time.sleep(self.delay)
            if isinstance(result, Document):
                spans = []
                for match in re.finditer(r"\w+", result.text):
                    label = MARKS.get(match.group().lower())
                    if label:
                        spans.append(result.char_span(match.start(), match.end(), label, 0.87))
                for sentence in result.sents:
                    inside = [s for s in spans if sentence.start <= s.start and s.end <= sentence.end]
                    if len(inside) >= 2:
                        spans.append(result.char_span(sentence.start, sentence.end, "Exaggeration", 0.55))
                result.add_spans("techniques", spans)
                for match in re.finditer(r"“([^”]+)”", result.text):
                    result.add_spans("quotes", [result.char_span(match.start(1), match.end(1), "direct", None, speaker="the minister")])
            yield result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A uvicorn server for ``app`` on 127.0.0.1 in a background thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def marking_pipeline():
    return MarkingPipeline()


@pytest.fixture
def make_app(tmp_path, marking_pipeline):
    """create_app with the marking pipeline and a fresh SQLite store; keyword args are settings."""
    from unspin.api import ApiSettings, create_app

    def make(pipeline=None, **settings):
        settings.setdefault("db", f"sqlite:///{tmp_path / 'api.sqlite'}")
        return create_app(ApiSettings(**settings), pipeline=pipeline or marking_pipeline)

    return make


@pytest.fixture
def live_server(make_app):
    """A real uvicorn server on a free loopback port, serving the API and UI."""
    with Server(make_app()) as server:
        yield server


@pytest.fixture
def serve():
    """`Server`, to run another app on a real uvicorn server: ``with serve(app) as server: ...``."""
    return Server


@pytest.fixture
def slow_pipeline():
    """A marking pipeline that takes 2 s per document (for timeouts)."""
    return MarkingPipeline(delay=2.0)
