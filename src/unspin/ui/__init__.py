"""The web UI, served by the API app: analyze page, document page, corpus page.

Server-rendered Jinja2 with autoescape (article text is untrusted and is only ever inserted
as escaped text), one small script and one stylesheet from /static, so the strict CSP of
`unspin.api.app` (no inline script or style) holds. What is shown comes from the result dict
through `unspin.render.view`, so any component's spans appear without code here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from unspin import __version__
from unspin.render import view

HERE = Path(__file__).parent
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)


def colour_class(label: str) -> str:
    """A CSS class per label (the CSP forbids inline style attributes)."""
    return f"c{view.PALETTE.index(view.colour(label))}"


def marked(snippet: str | None) -> Markup:
    """A search snippet escaped, with the store's match sentinels turned into <mark>."""
    from unspin.store.base import MARK_END, MARK_START

    return Markup(str(escape(snippet or "")).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


ENV.globals.update(colour_class=colour_class, run_title=view.run_title, version=__version__, marked=marked,
                   narrative_note=view.NARRATIVE_NOTE)


def result_view(data: dict[str, Any]) -> dict[str, Any]:
    """Everything a page shows of one result dict."""
    entities: dict[str, list[str]] = defaultdict(list)
    for span in data.get("entities") or []:
        surface = data["text"][span["start"]:span["end"]]
        if surface not in entities[span.get("type", "entity")]:
            entities[span.get("type", "entity")].append(surface)
    return {"data": data, "paragraphs": view.paragraph_runs(data), "legend": view.technique_counts(data),
            "speakers": view.quotes_by_speaker(data), "entities": sorted(entities.items())}


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=status)


def mount_ui(app: FastAPI, core: Any) -> None:
    """Add the UI pages and static files to ``app``; ``core`` is the API's shared `Core`."""
    from unspin.api.app import ApiError

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    settings = core.settings

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_page() -> HTMLResponse:
        return page("analyze.html.j2", fetch_urls=settings.fetch_urls, text="")

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_form(request: Request) -> HTMLResponse:
        form = await request.form()
        text, url, title = form.get("text") or "", (form.get("url") or "").strip(), (form.get("title") or "").strip()
        upload = form.get("file")
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read()
            if data:
                from unspin.errors import InputError
                from unspin.ingest import record_from_content
                from unspin.ingest.decode import decode_bytes

                try:
                    content = decode_bytes(data)
                    name = (upload.filename or "").lower()
                    text = record_from_content(content, upload.filename or "upload", "upload",
                                               html=name.endswith((".html", ".htm")) or None).text
                except InputError as error:
                    return page("analyze.html.j2", 422, fetch_urls=settings.fetch_urls, text="", error=error.reason)
        try:
            record = await run_in_threadpool(core.record, text, url or None, {"title": title or None}, "ui")
            result = await run_in_threadpool(core.analyze_record, record)
        except ApiError as error:
            return page("analyze.html.j2", error.status, fetch_urls=settings.fetch_urls, text=text, error=error.message)
        return page("analyze.html.j2", fetch_urls=settings.fetch_urls, text=text, r=result_view(result))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    async def document_page(doc_id: str) -> HTMLResponse:
        found = await run_in_threadpool(lambda: core.store.get(doc_id))
        if found is None:
            return page("error.html.j2", 404, message=f"No stored document {doc_id}.")
        return page("document.html.j2", r=result_view(found), store=found["store"])

    @app.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
    async def corpus_page(q: str = "") -> HTMLResponse:
        from unspin.ui.charts import stacked_bars_svg, timeline_svg

        def gather() -> dict[str, Any]:
            store = core.store
            outlets = store.outlets()
            return {"stats": store.stats(), "hits": store.search(q, 30) if q.strip() else None,
                    "timeline": timeline_svg(store.timeline()), "clusters": store.clusters(2, 30),
                    "technique_bars": stacked_bars_svg(outlets, "techniques"),
                    "narrative_bars": stacked_bars_svg(outlets, "narratives"), "outlets": outlets,
                    "failures": store.failures(20)}

        return page("corpus.html.j2", q=q, **await run_in_threadpool(gather))
