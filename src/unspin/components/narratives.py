"""Known narratives: which catalogued disinformation claims an article carries, where, and how.

``predict`` picks claim-bearing units (sentences of 5-120 words; with ``pairs=True`` also pairs of
adjacent sentences, for claims spread over two: off by default, since on 209 articles with
catalogued claims they gave no more right matches (20 against 21 by two annotators' labels) and
took 1.6-1.8x the time, see ``unspin eval narratives --parts f``), drops the units whose static vector (distilled from USE, a
table lookup: `unspin.narratives.static`) is not within ``static_gate`` (calibration.json) of any
catalogue row, embeds each distinct sentence of what is left of the batch once in one USE
pass (a pair is the normalised sum of its sentence vectors, so pairs cost no encoder time), searches
the catalogue index with the sentences and with the pairs that can still pass (a bound from their
sentences' best cosines skips the rest, exactly), re-ranks with e5 only the units whose USE cosine
clears the gate (0.55, see calibration.json; at most ``max_rerank`` a document, those most similar
by USE: e5 costs ~15-30 ms a sentence; its int8 draft first, the exact graph only for units that
could still reach the threshold) and calibrates (`unspin.narratives.matcher`). Per case it
keeps the best units above the threshold as evidence, each with its stance
(`unspin.narratives.stance`). ``set_annotations`` writes ``doc.narratives``, ranked by score::

    {case_id, title, score, stance, evidence: [{start, end, stance, score}], date, url, catalogue}
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from unspin.batching import one_blas_thread
from unspin.components.base import Component
from unspin.doc import Document, Skip
from unspin.narratives.encoders import E5_LANGUAGES, get_encoder
from unspin.narratives.matcher import Matcher, get_matcher
from unspin.narratives.stance import stance

LANGUAGES: tuple[str, ...] = E5_LANGUAGES
#: a ``static_gate`` at or below this turns the static stage off (every unit is USE-encoded)
STATIC_OFF = -1.0
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
        default_config={"catalogues": None, "threshold": None, "pairs": False, "max_matches": 10, "max_rerank": 4,
                        "gate": None, "prune_pairs": True, "static_gate": None, "draft": True},
    )


class Narratives(Component):
    """Match article sentences against the stored narrative catalogues."""

    name: ClassVar[str] = "narratives"

    def __init__(self, catalogues: list[str] | None = None, threshold: float | None = None, pairs: bool = False,
                 max_matches: int = 10, min_words: int = 5, max_words: int = 120, max_evidence: int = 3,
                 max_rerank: int = 4, matcher: Matcher | None = None, gate: float | None = None,
                 prune_pairs: bool = True, static_gate: float | None = None, draft: bool = True) -> None:
        # prune_pairs=False is the previous cascade (every pair searched, every shortlist drawn),
        # kept for the benchmark's comparison
        self.catalogues = catalogues
        self.threshold = threshold
        self.pairs = pairs
        self.max_matches = max_matches
        self.min_words = min_words
        self.max_words = max_words
        self.max_evidence = max_evidence
        self.max_rerank = max_rerank
        self.matcher = matcher
        self.gate = gate  # USE cosine a unit needs for e5 re-ranking; None: the calibration's
        self.prune_pairs = prune_pairs
        # static cosine a unit needs to be USE-encoded; None: the calibration's; STATIC_OFF or less: no static stage
        self.static_gate = static_gate
        # e5's int8 draft first, exact e5 only for units that could match (`Matcher.rerank`); False:
        # exact e5 for every re-ranked unit, kept for the benchmark's comparison
        self.draft = draft

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

    def _threshold(self, matcher: Matcher) -> float:
        return self.threshold if self.threshold is not None else matcher.threshold_

    def _floor(self, matcher: Matcher) -> float | None:
        """The score under which e5's draft may stand for exact e5 (`Matcher.rerank`); None: never."""
        return self._threshold(matcher) if self.draft else None

    def _matcher(self) -> Matcher:
        if self.matcher is None:
            self.matcher = get_matcher(self.catalogues)
        elif not self.matcher.loaded:
            self.matcher.load()
        return self.matcher

    def predict(self, docs: list[Document]) -> list[Any]:
        """Per document: a ranked list of narrative dicts, or a `Skip` for unsupported languages.

        BLAS runs on one thread throughout (`one_blas_thread`): the encoders and searches spread their
        own work over the cores, and OpenBLAS's threads, spinning after each call, would slow e5's
        ONNX Runtime sessions that come next."""
        with one_blas_thread():
            return self._predict(docs)

    def _predict(self, docs: list[Document]) -> list[Any]:
        matcher = self._matcher()
        threshold = self._threshold(matcher)
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
                candidates = matcher.search([u.text for u in units], language=language, floor=self._floor(matcher))
            else:
                candidates = self._search_static_first(units, matcher)
            for unit, cands in zip(units, candidates):
                for cand in cands:
                    if cand.score >= threshold:
                        found.setdefault(unit.doc, []).append((unit, cand))
        for i, hits in found.items():
            results[i] = self._aggregate(docs[i], hits, matcher)
        return results

    def _search_static_first(self, units: list[Unit], matcher: Matcher) -> list[list]:
        """Stage 0: only units whose static vector comes within ``static_gate`` of a catalogue row go on.

        Each distinct sentence gets a static vector; a pair's is the normalised sum of its sentences'
        and is computed only when the bound ``(best_1 + best_2) / |s_1 + s_2|`` reaches the gate (as for
        USE below). Kept: the sentences that pass, the pairs that pass and the sentences of those pairs
        (a pair's USE vector is built from them). The rest get no candidates and cost no encoder time.
        """
        gate = self.static_gate if self.static_gate is not None else matcher.static_gate_
        if gate <= STATIC_OFF or not units:
            return self._search_use_first(units, matcher)
        rows: dict[str, int] = {}
        for unit in units:
            if len(unit.parts) == 1:
                rows.setdefault(unit.text, len(rows))
        vectors = matcher.static_vectors(list(rows))
        best_of = matcher.best_static(vectors)
        self._count("static", len(rows))
        text_of = {(u.doc, u.parts[0]): u.text for u in units if len(u.parts) == 1}
        keep = set()
        pairs, pair_vectors = [], []
        for i, unit in enumerate(units):
            if len(unit.parts) == 1:
                if best_of[rows[unit.text]] >= gate:
                    keep.add(i)
                continue
            parts = [rows[text_of[(unit.doc, p)]] for p in unit.parts]
            vec = vectors[parts].sum(axis=0)
            norm = max(float(np.linalg.norm(vec)), 1e-12)
            if sum(best_of[r] for r in parts) / norm >= gate:
                pairs.append(i)
                pair_vectors.append(vec / norm)
        if pairs:
            single_index = {(u.doc, u.parts[0]): i for i, u in enumerate(units) if len(u.parts) == 1}
            for i, best in zip(pairs, matcher.best_static(np.stack(pair_vectors))):
                if best >= gate:
                    keep.add(i)
                    keep.update(single_index[(units[i].doc, p)] for p in units[i].parts)
        chosen = sorted(keep)
        results: list[list] = [[] for _ in units]
        for i, cands in zip(chosen, self._search_use_first([units[i] for i in chosen], matcher)):
            results[i] = cands
        return results

    def _search_use_first(self, units: list[Unit], matcher: Matcher) -> list[list]:
        """USE shortlist for the units that can reach the gate; e5 re-ranks at most ``max_rerank`` a document.

        Sentences are encoded once per batch (identical sentences, e.g. boilerplate repeated across
        articles, once) and searched for their best cosine only (the shortlist is drawn for the units
        e5 will see); a pair is searched only when it can pass: its cosine to any case
        is at most ``(best_1 + best_2) / |v_1 + v_2|`` (each sentence's best cosine), so a pair whose
        bound is under the gate or under its better sentence is skipped without changing the result.
        A pair is kept only when it comes closer to a case than both of its sentences (it then says
        more than either); units below the gate, and beyond the per-document budget (taken in order
        of USE similarity), get no candidates.
        """
        gate = self.gate if self.gate is not None else matcher.gate_
        singles = [i for i, u in enumerate(units) if len(u.parts) == 1]
        vectors = self._use_vectors(units)
        shortlists: list[list] = [[] for _ in units]
        best = np.full(len(units), -1.0)
        if self.prune_pairs:  # best cosines first; shortlists only for the units e5 will see
            best[singles] = matcher.best_use(vectors[singles])
        else:
            for i, cands in zip(singles, matcher.shortlist_use([units[i].text for i in singles], vectors[singles])):
                shortlists[i], best[i] = cands, (cands[0].use if cands else -1.0)
        single_row = {(u.doc, u.parts[0]): i for i, u in enumerate(units) if len(u.parts) == 1}
        pairs = []
        for i, unit in enumerate(units):
            if len(unit.parts) == 1:
                continue
            rows = [single_row[(unit.doc, p)] for p in unit.parts]
            if self.prune_pairs:
                norm = float(np.linalg.norm(sum(vectors[r] for r in rows)))  # singles are unit vectors
                bound = sum(best[r] for r in rows) / max(norm, 1e-12)
                if bound < gate or bound <= max(best[r] for r in rows):
                    continue
            pairs.append(i)
        if self.prune_pairs:
            best[pairs] = matcher.best_use(vectors[pairs])
        else:
            for i, cands in zip(pairs, matcher.shortlist_use([units[i].text for i in pairs], vectors[pairs])):
                shortlists[i], best[i] = cands, (cands[0].use if cands else -1.0)
        self._count("searched", len(singles) + len(pairs))
        eligible: dict[int, list[int]] = {}
        for i, unit in enumerate(units):
            if best[i] < gate:
                continue
            if len(unit.parts) > 1 and best[i] <= max(best[single_row[(unit.doc, p)]] for p in unit.parts):
                continue
            eligible.setdefault(unit.doc, []).append(i)
        chosen = sorted(i for rows in eligible.values() for i in sorted(rows, key=lambda r: -best[r])[: self.max_rerank])
        if self.prune_pairs:
            for i, cands in zip(chosen, matcher.shortlist_use([units[i].text for i in chosen], vectors[chosen])):
                shortlists[i] = cands
        self._count("reranked", len(chosen))
        self._count("reranked_pairs", sum(len(units[i].parts) > 1 for i in chosen))
        matcher.rerank([units[i].text for i in chosen], [shortlists[i] for i in chosen], floor=self._floor(matcher))
        keep = set(chosen)
        return [cands if i in keep else [] for i, cands in enumerate(shortlists)]

    def _count(self, key: str, n: int) -> None:
        """Add to ``stats_``: sentences encoded, units searched and re-ranked (the benchmark reads it)."""
        if not hasattr(self, "stats_"):
            self.stats_ = Counter()
        self.stats_[key] += n

    def _use_vectors(self, units: list[Unit]) -> np.ndarray:
        """USE vectors of units: each distinct sentence text encoded once, pairs as normalised sums."""
        rows: dict[str, int] = {}
        texts = []
        for unit in units:
            if len(unit.parts) == 1 and unit.text not in rows:
                rows[unit.text] = len(texts)
                texts.append(unit.text)
        encoded = get_encoder("use").encode(texts)
        self._count("encoded", len(texts))
        by_span = {(u.doc, *u.parts[0]): encoded[rows[u.text]] for u in units if len(u.parts) == 1}
        dim = encoded.shape[1] if len(encoded) else 512
        out = np.zeros((len(units), dim), dtype=np.float32)
        for row, unit in enumerate(units):
            vec = sum(by_span[(unit.doc, *part)] for part in unit.parts)
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
