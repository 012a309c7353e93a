"""Known narratives: which catalogued disinformation claims an article carries, where, and how.

``predict`` picks claim-bearing units (sentences of 5-120 words, plus pairs of adjacent sentences,
since a claim is often spread over two), embeds all sentences of the batch in one USE pass (a pair
is the normalised sum of its sentence vectors, so pairs cost no encoder time), searches the
catalogue index, re-ranks with e5 (at most ``max_rerank`` units a document, those most similar by
USE: e5 costs ~25-50 ms a sentence) and calibrates (`unspin.narratives.matcher`). Per case it keeps
the best units above the threshold as evidence, each with its stance (`unspin.narratives.stance`).
``set_annotations`` writes ``doc.narratives``, ranked by score::

    {case_id, title, score, stance, evidence: [{start, end, stance, score}], date, url, catalogue}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from unspin.components.base import Component
from unspin.doc import Document, Skip
from unspin.narratives.encoders import E5_LANGUAGES, get_encoder
from unspin.narratives.matcher import Matcher, get_matcher
from unspin.narratives.stance import stance

LANGUAGES: tuple[str, ...] = E5_LANGUAGES
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Unit:
    """A sentence or a pair of adjacent sentences of one document."""

    doc: int
    start: int
    end: int
    parts: tuple[tuple[int, int], ...]  # the sentence spans it is made of
    text: str


def info():
    """The registry entry for this component (``unspin.registry.ComponentInfo``)."""
    from unspin.registry import ComponentInfo

    return ComponentInfo(
        name="narratives",
        factory="unspin.components.narratives:Narratives",
        languages=LANGUAGES,
        assigns=("narratives",),
        requires=("sents",),
        description="Matches sentences to catalogued disinformation claims (EUvsDisinfo, VoxCheck, your own), "
                    "with evidence offsets and stance (asserted / attributed / refuted).",
        default_config={"catalogues": None, "threshold": None, "pairs": True, "max_matches": 10, "max_rerank": 4},
    )


class Narratives(Component):
    """Match article sentences against the stored narrative catalogues."""

    name: ClassVar[str] = "narratives"

    def __init__(self, catalogues: list[str] | None = None, threshold: float | None = None, pairs: bool = True,
                 max_matches: int = 10, min_words: int = 5, max_words: int = 120, max_evidence: int = 3,
                 max_rerank: int = 4, matcher: Matcher | None = None) -> None:
        self.catalogues = catalogues
        self.threshold = threshold
        self.pairs = pairs
        self.max_matches = max_matches
        self.min_words = min_words
        self.max_words = max_words
        self.max_evidence = max_evidence
        self.max_rerank = max_rerank
        self.matcher = matcher

    # -- finding ---------------------------------------------------------------------------------
    def units(self, doc: Document, index: int) -> list[Unit]:
        """Claim-bearing sentences of ``doc`` and pairs of adjacent ones."""
        singles: list[Unit] = []
        sents = doc.sents or [_whole(doc)]
        previous: Unit | None = None
        pairs: list[Unit] = []
        for span in sents:
            text = doc.text[span.start:span.end]
            words = len(_WORD.findall(text))
            if not self.min_words <= words <= self.max_words:
                previous = None
                continue
            unit = Unit(index, span.start, span.end, ((span.start, span.end),), text)
            singles.append(unit)
            if self.pairs and previous is not None:
                pairs.append(Unit(index, previous.start, span.end, previous.parts + unit.parts,
                                  previous.text + " " + text))
            previous = unit
        return singles + pairs

    def _matcher(self) -> Matcher:
        if self.matcher is None:
            self.matcher = get_matcher(self.catalogues)
        elif not self.matcher.loaded:
            self.matcher.load()
        return self.matcher

    def predict(self, docs: list[Document]) -> list[Any]:
        """Per document: a ranked list of narrative dicts, or a `Skip` for unsupported languages."""
        matcher = self._matcher()
        threshold = self.threshold if self.threshold is not None else matcher.threshold_
        results: list[Any] = [[] for _ in docs]
        if matcher.case_count() == 0:
            return [Skip(self.name, "no narrative catalogue imported (see `unspin catalogue import`)") for _ in docs]
        by_language: dict[str | None, list[Unit]] = {}
        for i, doc in enumerate(docs):
            language = doc.meta.language
            if language is not None and language not in LANGUAGES:
                results[i] = Skip(self.name, f"language {language!r} not covered by the sentence encoders")
                continue
            by_language.setdefault(language, []).extend(self.units(doc, i))
        found: dict[int, list[tuple[Unit, Any]]] = {}
        for language, units in by_language.items():
            if not units:
                continue
            if language in ("uk", "be"):
                candidates = matcher.search([u.text for u in units], language=language)
            else:
                candidates = self._search_use_first(units, matcher)
            for unit, cands in zip(units, candidates):
                for cand in cands:
                    if cand.score >= threshold:
                        found.setdefault(unit.doc, []).append((unit, cand))
        for i, hits in found.items():
            results[i] = self._aggregate(docs[i], hits, matcher)
        return results

    def _search_use_first(self, units: list[Unit], matcher: Matcher) -> list[list]:
        """USE shortlist for every unit; e5 re-ranks at most ``max_rerank`` units a document.

        A pair is kept only when it comes closer to a case than both of its sentences (it then says
        more than either); units below the gate, and beyond the per-document budget (taken in
        order of USE similarity), get no candidates.
        """
        shortlists = matcher.shortlist_use([u.text for u in units], self._use_vectors(units))
        best = [cands[0].use if cands else -1.0 for cands in shortlists]
        single_best = {(u.doc, u.parts[0]): best[i] for i, u in enumerate(units) if len(u.parts) == 1}
        eligible: dict[int, list[int]] = {}
        for i, unit in enumerate(units):
            if best[i] < matcher.gate_:
                continue
            if len(unit.parts) > 1 and best[i] <= max(single_best.get((unit.doc, p), -1.0) for p in unit.parts):
                continue
            eligible.setdefault(unit.doc, []).append(i)
        chosen = sorted(i for rows in eligible.values() for i in sorted(rows, key=lambda r: -best[r])[: self.max_rerank])
        matcher.rerank([units[i].text for i in chosen], [shortlists[i] for i in chosen])
        keep = set(chosen)
        return [cands if i in keep else [] for i, cands in enumerate(shortlists)]

    def _use_vectors(self, units: list[Unit]) -> np.ndarray:
        """USE vectors of units: sentences encoded once, pairs as normalised sums."""
        sentences: dict[tuple[int, int, int], int] = {}
        texts = []
        for unit in units:
            if len(unit.parts) == 1:
                key = (unit.doc, *unit.parts[0])
                if key not in sentences:
                    sentences[key] = len(texts)
                    texts.append(unit.text)
        encoded = get_encoder("use").encode(texts)
        out = np.zeros((len(units), encoded.shape[1] if len(encoded) else 512), dtype=np.float32)
        for row, unit in enumerate(units):
            vec = sum(encoded[sentences[(unit.doc, *part)]] for part in unit.parts)
            out[row] = vec / max(float(np.linalg.norm(vec)), 1e-12)
        return out

    def _aggregate(self, doc: Document, hits: list, matcher: Matcher) -> list[dict]:
        by_case: dict[tuple[str, str], list] = {}
        for unit, cand in hits:
            by_case.setdefault(cand.key(), []).append((cand.score, unit))
        ranked = sorted(by_case.items(), key=lambda kv: -max(s for s, _ in kv[1]))[: self.max_matches]
        cases = matcher.titles([key for key, _ in ranked])
        quotes = [(s.start, s.end) for s in doc.spans.get("quotes", [])]
        out = []
        for key, scored in ranked:
            scored.sort(key=lambda su: (-su[0], len(su[1].parts)))
            evidence: list[dict] = []
            for score, unit in scored:
                if any(unit.start < e["end"] and e["start"] < unit.end for e in evidence):
                    continue
                doc.check_span(unit.start, unit.end)
                # stance of a pair: the first of its sentences with a cue, else asserted
                stances = [stance(doc.text, s, e, quotes) for s, e in unit.parts]
                label = next((st for st, _ in stances if st != "asserted"), "asserted")
                evidence.append({"start": unit.start, "end": unit.end, "stance": label, "score": round(score, 4)})
                if len(evidence) >= self.max_evidence:
                    break
            case = cases.get(key)
            out.append({
                "case_id": key[1], "title": case.title if case else "", "score": evidence[0]["score"],
                "stance": evidence[0]["stance"], "evidence": evidence,
                "date": case.date if case else None, "url": case.url if case else None, "catalogue": key[0],
            })
        return out

    # -- writing ---------------------------------------------------------------------------------
    def set_annotations(self, docs: list[Document], predictions: list[Any]) -> None:
        for doc, prediction in zip(docs, predictions):
            if isinstance(prediction, Skip):
                doc.skipped.append(prediction)
                doc.narratives = []
                continue
            for narrative in prediction:
                for ev in narrative["evidence"]:
                    doc.check_span(ev["start"], ev["end"])
            doc.narratives = prediction


def _whole(doc: Document):
    from unspin.doc import Span

    return Span(0, len(doc.text), "sentence")
