"""API settings: one dataclass, mapped from the environment (see `unspin.api`)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(slots=True)
class ApiSettings:
    """Everything the API can be configured with; `from_env` maps the environment onto it."""

    db: str | None = None
    components: list[str] | None = None
    max_bytes: int = 2_000_000
    timeout: float = 60.0
    fetch_urls: bool = False
    fetch_timeout: float = 10.0
    token: str | None = None

    @classmethod
    def from_env(cls, **overrides) -> ApiSettings:
        settings = cls(
            db=os.environ.get("UNSPIN_DB") or None,
            max_bytes=int(os.environ.get("UNSPIN_API_MAX_BYTES") or 2_000_000),
            timeout=float(os.environ.get("UNSPIN_API_TIMEOUT") or 60.0),
            fetch_urls=_flag(os.environ.get("UNSPIN_API_FETCH_URLS")),
            token=os.environ.get("UNSPIN_API_TOKEN") or None,
        )
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
        return settings

