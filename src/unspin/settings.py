"""Where unspin keeps state, and the few settings users may change.

All state (catalogues, corpus databases, caches) lives under one folder, ``$UNSPIN_HOME``,
defaulting to the platform's user data dir, so nothing is written elsewhere unless asked.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def home() -> Path:
    """The state folder, created on first use."""
    path = Path(os.environ.get("UNSPIN_HOME") or platformdirs.user_data_dir("unspin", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path:
    """Where the third-party data sets live (``../shared`` beside a checkout), or $UNSPIN_SHARED."""
    configured = os.environ.get("UNSPIN_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "shared"
