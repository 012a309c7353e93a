"""Every narratives test gets its own empty UNSPIN_HOME (catalogues, index cache); a module that
defines ``CATALOGUE`` (csv text) can ask for ``tiny_catalogue_home``, a home holding it, imported
once per module because embedding it with the real encoders takes seconds."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def narratives_home(tmp_path, monkeypatch):
    home = tmp_path / "unspin-home"
    home.mkdir()
    monkeypatch.setenv("UNSPIN_HOME", str(home))
    return home


@pytest.fixture(scope="module")
def tiny_catalogue_home(tmp_path_factory, request):
    from unspin.narratives import import_catalogue

    home = tmp_path_factory.mktemp("narr-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNSPIN_HOME", str(home))
        path = home / "tiny.csv"
        path.write_text(request.module.CATALOGUE, encoding="utf-8")
        import_catalogue(path, "csv", "tiny")
    return home
