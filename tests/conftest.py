"""Shared fixtures: an isolated UNSPIN_HOME for every test, and the shared data folder."""

from __future__ import annotations

import pytest

from unspin.settings import shared_dir


@pytest.fixture(autouse=True)
def unspin_home(tmp_path_factory, monkeypatch):
    """Tests never touch the user's real state folder."""
    home = tmp_path_factory.mktemp("unspin-home")
    monkeypatch.setenv("UNSPIN_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def shared():
    """../shared beside the checkout (third-party data); tests that need it skip without it."""
    path = shared_dir()
    if not (path / "examples").is_dir():
        pytest.skip(f"shared data folder not found at {path}")
    return path
