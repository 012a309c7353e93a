"""The REST API (FastAPI) and, on the same app, the web UI (`unspin.ui`).

One `Pipeline` and one `Store` per app, created on first use and shared; analysis runs in the
threadpool so the event loop keeps answering. Every endpoint parses input, calls the core and
returns the same result dict the CLI writes. The schema is at /openapi.json.

Settings (environment, read by `ApiSettings.from_env`):

- ``UNSPIN_API_TOKEN``: when set, write endpoints (POST /api/documents) need ``Authorization: Bearer <token>``;
- ``UNSPIN_API_FETCH_URLS``: ``1`` lets POST /api/analyze fetch a ``url`` (public addresses only); off by default;
- ``UNSPIN_API_MAX_BYTES``: largest request body (default 2,000,000; larger is 413);
- ``UNSPIN_API_TIMEOUT``: seconds before a request is answered 504 (default 60);
- ``UNSPIN_DB``: the store (default ``$UNSPIN_HOME/corpus.sqlite``).
"""

from __future__ import annotations

from unspin.api.app import create_app
from unspin.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
