"""Every narratives test gets its own empty UNSPIN_HOME (catalogues, index cache)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def narratives_home(tmp_path, monkeypatch):
    home = tmp_path / "unspin-home"
    home.mkdir()
    monkeypatch.setenv("UNSPIN_HOME", str(home))
    return home
