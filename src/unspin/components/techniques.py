"""Propaganda techniques: character spans of the 14 PTC techniques, with calibrated scores.

``predict`` runs the technique model once over the sentences of a whole batch of documents (one
ONNX pass for many windows); ``set_annotations`` adds the spans to ``doc.spans["techniques"]``
and the article-level figures to ``doc.scores``: ``propaganda`` (share of the text's characters
inside any technique span) and ``technique_density`` (spans per 1,000 words).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from unspin.components.base import Component
from unspin.doc import Document
from unspin.evaluate.ptc import propaganda_share

_WORD = re.compile(r"\w+")


def info():
    """The registry entry for this component."""
    from unspin.registry import ComponentInfo

    return ComponentInfo(
        name="techniques",
        factory="unspin.components.techniques:Techniques",
        languages=("en",),
        assigns=("spans.techniques", "scores.propaganda", "scores.technique_density"),
        requires=("sents",),
        description="Spans using one of the 14 propaganda techniques of the PTC (SemEval-2020 Task 11).",
        default_config={"model": None, "threshold": None, "min_score": 0.0},
    )


class Techniques(Component):
    """Detect technique spans with the shipped (or a given) technique model."""

    name: ClassVar[str] = "techniques"

    def __init__(self, model: str | None = None, threshold: float | None = None, min_score: float = 0.0) -> None:
        self.model = model
        self.threshold = threshold
        self.min_score = min_score
        self._model: Any = None

    @property
    def technique_model(self) -> Any:
        """The model, loaded on first use; ``threshold`` overrides the tuned detection threshold
        (lower finds more spans, higher fewer and surer ones)."""
        if self._model is None:
            from unspin.techniques.model import TechniqueModel

            self._model = TechniqueModel.load(self.model)
            if self.threshold is not None:
                self._model.threshold = self.threshold
        return self._model

    def predict(self, docs: list[Document]) -> list[Any]:
        texts = [doc.text for doc in docs]
        sentences = [[(s.start, s.end) for s in doc.sents] for doc in docs]
        return self.technique_model.predict_spans(texts, sentences)

    def set_annotations(self, docs: list[Document], predictions: list[Any]) -> None:
        for doc, spans in zip(docs, predictions):
            kept = [p for p in spans if p.score >= self.min_score]
            doc.add_spans("techniques", [doc.char_span(p.start, p.end, p.technique, p.score) for p in kept])
            words = len(_WORD.findall(doc.text))
            doc.scores["propaganda"] = round(propaganda_share(kept, len(doc.text)), 4)  # as the gold share is measured
            doc.scores["technique_density"] = round(1000 * len(kept) / words, 2) if words else 0.0
