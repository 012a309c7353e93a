"""Known narratives: catalogues of disinformation claims, and matching article text against them.

Public functions (what ``unspin catalogue ...``, ``unspin match`` and ``unspin eval narratives``
call): `import_catalogue`, `list_catalogues`, `show_catalogue`, `show_case`, `remove_catalogue`,
`match_claims`. The article-level component is `unspin.components.narratives.Narratives`.
Heavy modules (encoders, FAISS) load on first use.
"""

from __future__ import annotations

from unspin.narratives.catalogue import (
    DEFAULT_MODELS,
    ImportReport,
    embed_catalogue,
    import_catalogue,
    list_catalogues,
    remove_catalogue,
    show_case,
    show_catalogue,
)
from unspin.narratives.importers import FORMATS, RowProblem
from unspin.narratives.matcher import match_claims

__all__ = [
    "DEFAULT_MODELS", "FORMATS", "ImportReport", "RowProblem", "embed_catalogue", "import_catalogue",
    "list_catalogues", "match_claims", "remove_catalogue", "show_case", "show_catalogue",
]
