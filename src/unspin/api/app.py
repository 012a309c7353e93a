"""The FastAPI application: JSON endpoints under /api, the web UI at /, one shared core."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib.util
import json
import threading
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from unspin import __version__
from unspin.api.settings import ApiSettings
from unspin.errors import FetchError, UnspinError
from unspin.ingest import Failure, Record

#: Sent with every response: no inline script, no third-party anything, no framing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Core:
    """What every request shares: settings, one Pipeline (models load once), one Store."""

    def __init__(self, settings: ApiSettings, pipeline: Any = None, store: Any = None) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._store = store
        self._lock = threading.Lock()  # creation of the shared objects
        self._run_lock = threading.Lock()  # components are not promised to be thread-safe

    @property
    def pipeline(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                from unspin.pipeline import Pipeline

                self._pipeline = Pipeline(self.settings.components)
            return self._pipeline

    @property
    def store(self) -> Any:
        with self._lock:
            if self._store is None:
                from unspin.store import open_store

                self._store = open_store(self.settings.db)
            return self._store

    def analyze_record(self, record: Record) -> dict[str, Any]:
        """The result dict of one record (CPU work: call from the threadpool)."""
        from unspin.render import result_dict

        pipeline = self.pipeline
        with self._run_lock:
            result = next(pipeline.analyze([record]))
        if isinstance(result, Failure):
            raise ApiError(422, "not_analysable", result.reason)
        return result_dict(result)

    def record(self, text: str | None, url: str | None, meta: dict[str, Any], source: str = "api") -> Record:
        """A Record from pasted text, or from a fetched URL when fetching is enabled."""
        if url and not text:
            if not self.settings.fetch_urls:
                raise ApiError(403, "fetch_disabled", "fetching URLs is disabled on this server (UNSPIN_API_FETCH_URLS=1 enables it)")
            from unspin.api.fetch import fetch_article

            try:
                record = fetch_article(url, timeout=self.settings.fetch_timeout, max_bytes=self.settings.max_bytes)
            except FetchError as error:
                status = 403 if error.reason.startswith("refused") else 422
                raise ApiError(status, "fetch_refused" if status == 403 else "fetch_failed", error.reason) from None
            except UnspinError as error:
                raise ApiError(422, "fetch_failed", error.reason) from None
            record.meta = {**record.meta, "url": url, **{k: v for k, v in meta.items() if v}}
            return record
        if not text or not text.strip():
            raise ApiError(422, "empty_text", "give a non-empty 'text' (or a 'url')")
        doc_id = "api-" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:12]
        return Record(doc_id, source, text, {k: v for k, v in meta.items() if v})


class ApiError(Exception):
    """An error answered as ``{"error": {"status", "code", "message"}}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}}, status_code=status, headers=headers)


class Guard:
    """ASGI middleware: body size limit (413), request timeout (504), security headers on every response."""

    def __init__(self, app: Any, max_bytes: int, timeout: float) -> None:
        self.app, self.max_bytes, self.timeout = app, max_bytes, timeout

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        async def reply(status: int, code: str, text: str) -> None:
            if not started:
                await error_response(status, code, text)(scope, receive, send_with_headers)

        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and not length.isdigit():
            await reply(400, "bad_request", "invalid Content-Length header")
            return
        if length is not None and int(length) > self.max_bytes:
            await reply(413, "too_large", f"request body larger than {self.max_bytes:,} bytes")
            return
        body = bytearray()
        more = scope["method"] in ("POST", "PUT", "PATCH")
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await reply(413, "too_large", f"request body larger than {self.max_bytes:,} bytes")
                return
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        try:
            await asyncio.wait_for(self.app(scope, replay, send_with_headers), self.timeout)
        except TimeoutError:
            await reply(504, "timeout", f"request took longer than {self.timeout:g} s")


class AnalyzeRequest(BaseModel):
    text: str | None = Field(None, description="Article text (plain text or HTML).")
    url: str | None = Field(None, description="Article URL, fetched only when the server enables it; public addresses only.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, ISO 8601.")


def create_app(settings: ApiSettings | None = None, *, pipeline: Any = None, store: Any = None) -> FastAPI:
    """The API and web UI. ``pipeline`` and ``store`` may be given (tests); else created on first use."""
    settings = settings or ApiSettings.from_env()
    core = Core(settings, pipeline, store)
    app = FastAPI(title="unspin", version=__version__, docs_url=None, redoc_url=None,
                  description="Propaganda techniques, known narratives and quotes in news articles, with evidence.")
    app.state.core = core

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(error.status_code, "http_error")
        return error_response(error.status_code, code, str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in error.errors())
        return error_response(422, "invalid_request", problems or "invalid request")

    @app.exception_handler(UnspinError)
    async def _unspin_error(request: Request, error: UnspinError) -> JSONResponse:
        return error_response(400, error.code, error.reason)

    def require_token(request: Request) -> None:
        if not settings.token:
            return
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
            raise ApiError(401, "unauthorized", "this endpoint needs 'Authorization: Bearer <token>' (UNSPIN_API_TOKEN)")

    @app.post("/api/analyze", summary="Analyze one article (text, or URL when enabled); nothing is stored")
    async def analyze(body: AnalyzeRequest) -> dict:
        meta = {"title": body.title, "outlet": body.outlet, "published": body.published}
        record = await run_in_threadpool(core.record, body.text, body.url, meta)
        return await run_in_threadpool(core.analyze_record, record)

    @app.post("/api/documents", status_code=201, dependencies=[Depends(require_token)],
              summary="Analyze and store one article (Bearer token when UNSPIN_API_TOKEN is set)")
    async def store_document(body: AnalyzeRequest) -> dict:
        from unspin.store import content_hash, doc_id_for

        meta = {"title": body.title, "outlet": body.outlet, "published": body.published, "url": body.url}
        record = await run_in_threadpool(core.record, body.text, body.url, meta)
        hash_ = content_hash(record.text)
        store = await run_in_threadpool(lambda: core.store)
        if await run_in_threadpool(store.known, [hash_]):
            return {"id": doc_id_for(hash_), "created": False}
        record.source = body.url or f"api:{hash_[:12]}"
        result = await run_in_threadpool(core.analyze_record, record)
        await run_in_threadpool(store.add_batch, [(result, hash_)])
        return {"id": doc_id_for(hash_), "created": True}

    @app.get("/api/documents/{doc_id}", summary="A stored document's result, with its occurrences and near-duplicates")
    async def get_document(doc_id: str) -> dict:
        found = await run_in_threadpool(lambda: core.store.get(doc_id))
        if found is None:
            raise ApiError(404, "not_found", f"no stored document {doc_id!r}")
        return found

    @app.get("/api/search", summary="Full-text search over stored documents")
    async def search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=200)) -> dict:
        from unspin.store.base import MARK_END, MARK_START

        hits = await run_in_threadpool(lambda: core.store.search(q, limit))
        for hit in hits:
            hit["snippet"] = (hit["snippet"] or "").replace(MARK_START, "**").replace(MARK_END, "**")
        return {"query": q, "results": hits}

    @app.get("/api/stats", summary="Counts of documents, outlets, clusters and annotations")
    async def stats() -> dict:
        return await run_in_threadpool(lambda: core.store.stats())

    @app.get("/api/clusters", summary="Near-duplicate (syndication) clusters, largest first")
    async def clusters(min_size: int = Query(2, ge=2), limit: int = Query(50, ge=1, le=500)) -> dict:
        return {"clusters": await run_in_threadpool(lambda: core.store.clusters(min_size, limit))}

    @app.get("/api/timeline", summary="Narrative matches per case per ISO week")
    async def timeline() -> dict:
        return {"timeline": await run_in_threadpool(lambda: core.store.timeline())}

    @app.get("/api/outlets", summary="Technique and narrative profile of each outlet")
    async def outlets() -> dict:
        return {"outlets": await run_in_threadpool(lambda: core.store.outlets())}

    @app.get("/api/match", summary="Catalogue cases nearest to a claim (needs unspin.narratives)")
    async def match(q: str = Query(..., min_length=1, max_length=2000), top_k: int = Query(5, ge=1, le=50),
                    catalogue: str | None = None) -> dict:
        if importlib.util.find_spec("unspin.narratives") is None:
            raise ApiError(501, "not_implemented", "narrative matching is not available: the unspin.narratives module is not installed")
        narratives = importlib.import_module("unspin.narratives")
        match_claims = getattr(narratives, "match_claims", None)
        if match_claims is None:
            raise ApiError(501, "not_implemented", "unspin.narratives has no match_claims in this version")
        try:
            found = await run_in_threadpool(lambda: match_claims([q], catalogue=catalogue, top_k=top_k))
        except UnspinError as error:
            raise ApiError(503, error.code, error.reason) from None
        return {"query": q, "matches": json.loads(json.dumps(found[0] if found else [], default=str))}

    from unspin.ui import mount_ui

    mount_ui(app, core)
    return _wrap(app, settings)


def _wrap(app: FastAPI, settings: ApiSettings) -> FastAPI:
    """Install the Guard as the outermost middleware (so 413/504 and headers cover everything)."""
    app.add_middleware(Guard, max_bytes=settings.max_bytes, timeout=settings.timeout)
    return app
