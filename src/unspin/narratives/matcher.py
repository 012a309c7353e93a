"""Claim matching: texts -> ranked catalogue cases with a calibrated probability.

A cascade, each stage running only on what the previous one kept:

0. in articles (`unspin.components.narratives`), a static vector of each sentence
   (`unspin.narratives.static`, distilled from USE: a table lookup and a mean) is compared with the
   catalogue rows; sentences whose best static cosine is below ``static_gate`` are not encoded at
   all. Claim lookups (`match_claims`, benchmarks (a) and (b)) skip this stage;
1. embed every text with USE (one batch) and take the ``shortlist`` nearest cases from the FAISS
   index of case titles and example claims, a case scoring its best row (uk/be text, which USE was
   not trained on, is embedded and searched with e5);
2. texts whose best USE cosine is below ``gate`` stop here (no match): e5 is ~10x slower, so it
   only sees texts that might match;
3. embed the remaining texts with e5 and score each short-listed case by both cosines (e5: the
   best over the case's title and examples); in articles, e5's int8 draft comes first and only the
   texts that could still reach the threshold are embedded exactly (`rerank`);
4. turn (use, e5) into a probability with a logistic model fitted on a labelled dev set
   (`calibration.json`, see `evaluate.calibrate`), and keep cases above ``threshold``, chosen so
   that PTC news articles (no pro-Kremlin claims expected) get few false matches.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np

from unspin.batching import split_rows
from unspin.errors import ComponentError
from unspin.narratives import store
from unspin.narratives.encoders import E5_ONLY, get_encoder
from unspin.narratives.index import VectorIndex, load_index
from unspin.narratives.static import StaticUse

SHORTLIST = 10
#: What e5's int8 draft may be off by in a candidate's cosine: the largest rise from draft to exact
#: seen was 0.0164 (1,018 units of the articles of ``unspin eval narratives --parts f``, against
#: the EUvsDisinfo and VoxCheck rows; 0.011 in a best cosine on 360 PTC units before). The calibrated
#: score rises with the e5 cosine, so a text whose draft cosines, raised by this, stay under the
#: threshold cannot match.
DRAFT_MARGIN = 0.02


def load_calibration() -> dict:
    """The fitted calibration shipped with the package (weights, gate, threshold)."""
    return json.loads(resources.files("unspin.narratives").joinpath("calibration.json").read_text())


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass(slots=True)
class Candidate:
    """One catalogue case proposed for one text."""

    catalogue: str
    case_id: str
    use: float
    e5: float | None = None
    score: float = 0.0  # calibrated probability that the text carries this case's claim

    def key(self) -> tuple[str, str]:
        return (self.catalogue, self.case_id)


class Matcher:
    """Search and calibrated re-ranking over the stored catalogues (all, or those named)."""

    def __init__(self, catalogues: list[str] | None = None, shortlist: int = SHORTLIST,
                 threshold: float | None = None, gate: float | None = None, rerank: bool = True,
                 static_gate: float | None = None, threads: int | None = None) -> None:
        self.catalogues = catalogues
        self.shortlist = shortlist
        self.threshold = threshold
        self.gate = gate
        self.rerank_enabled = rerank
        self.static_gate = static_gate
        # searches and static vectors spread over this many threads (`split_rows`); None: as many as USE's workers
        self.threads = threads
        self._use_index: VectorIndex | None = None
        self._e5_index: VectorIndex | None = None
        self._static: StaticUse | None = None

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> Matcher:
        """Load calibration and both indexes (built from stored embeddings, cached on disk)."""
        if self.catalogues:
            with store.connect() as conn:
                known = store.catalogue_names(conn)
            unknown = [name for name in self.catalogues if name not in known]
            if unknown:
                raise ComponentError(f"no narrative catalogue named {', '.join(map(repr, unknown))} "
                                     f"(imported: {', '.join(known) or 'none'}; see `unspin catalogue list`)")
        self.calibration_ = load_calibration()
        self.threshold_ = self.threshold if self.threshold is not None else self.calibration_["threshold"]
        self.gate_ = self.gate if self.gate is not None else self.calibration_["gate"]
        self.static_gate_ = self.static_gate if self.static_gate is not None else self.calibration_["static_gate"]
        self.threads_ = self.threads or get_encoder("use").threads
        self._use_index = load_index("use", self.catalogues, self.threads_)
        self._e5_index = load_index("e5", self.catalogues, self.threads_)
        self._e5_rows = self._e5_index.rows_of()
        return self

    @property
    def loaded(self) -> bool:
        return self._use_index is not None

    def case_count(self) -> int:
        if not self.loaded:
            self.load()
        return len(self._use_index.cases)

    # -- scoring ---------------------------------------------------------------------------------
    def probability(self, use: np.ndarray, e5: np.ndarray, mode: str = "use+e5") -> np.ndarray:
        params = self.calibration_[mode]
        w = np.asarray(params["w"], dtype=float)
        features = np.stack([use, e5], axis=-1) if mode == "use+e5" else np.asarray(e5)[..., None]
        return _sigmoid(features @ w + params["b"])

    def search(self, texts: list[str], language: str | None = None,
               use_vectors: np.ndarray | None = None, texts_for_e5: list[str] | None = None,
               floor: float | None = None) -> list[list[Candidate]]:
        """Short-listed, scored candidates for each text, best first; [] for texts below the gate.

        ``use_vectors`` may be given when the caller already has USE embeddings (pairs of sentences
        are averaged sentence vectors). ``texts_for_e5`` (default ``texts``) is what e5 embeds.
        ``floor``: the caller's match threshold, below which scores may come from e5's draft (`rerank`).
        """
        if not self.loaded:
            self.load()
        if not texts:
            return []
        texts_for_e5 = texts_for_e5 or texts
        if language in E5_ONLY:
            return self._search_e5_only(texts_for_e5, floor)
        results = self.shortlist_use(texts, use_vectors)
        keep = [i for i, cands in enumerate(results) if cands and cands[0].use >= self.gate_]
        for i in set(range(len(texts))) - set(keep):
            results[i] = []
        self.rerank([texts_for_e5[i] for i in keep], [results[i] for i in keep], floor)
        return results

    def shortlist_use(self, texts: list[str], use_vectors: np.ndarray | None = None) -> list[list[Candidate]]:
        """Stage 1: the ``shortlist`` nearest cases by USE cosine for each text (no gate, no score)."""
        if not self.loaded:
            self.load()
        if use_vectors is None:
            use_vectors = get_encoder("use").encode(texts)
        scores, rows = self._use_index.search(use_vectors, self.shortlist)
        return [[Candidate(*self._use_index.cases[r], use=float(s)) for s, r in zip(scores[i], rows[i]) if r >= 0]
                for i in range(len(use_vectors))]

    def best_use(self, use_vectors: np.ndarray) -> np.ndarray:
        """Each vector's best USE cosine to any case (-1 with no case): the gate's input, no shortlist."""
        if not self.loaded:
            self.load()
        return self._use_index.best(use_vectors)

    def static_vectors(self, texts: list[str]) -> np.ndarray:
        """Static vectors of texts (stage 0, `unspin.narratives.static`), loaded on first use."""
        if not self.loaded:
            self.load()
        if self._static is None:
            self._static = StaticUse().load()
            self._static_rows = self._static.project(self._use_index.vectors)
        return split_rows(self._static.encode, texts, self.threads_)

    def best_static(self, vectors: np.ndarray) -> np.ndarray:
        """Each static vector's best cosine to any catalogue row: what ``static_gate`` compares (-1 with no case)."""
        if self._static is None:
            self.static_vectors([])
        if not len(vectors) or not len(self._static_rows):
            return np.full(len(vectors), -1.0, dtype=np.float32)
        return split_rows(lambda block: (block @ self._static_rows.T).max(axis=1),
                          np.asarray(vectors, dtype=np.float32), self.threads_)

    def rerank(self, texts: list[str], shortlists: list[list[Candidate]], floor: float | None = None) -> None:
        """Stages 3-4, in place: e5 cosine and calibrated score of each candidate, best first.

        With a ``floor`` (the caller's match threshold), each text is first embedded by e5's int8
        draft (`unspin.narratives.e5`, 1.78x as fast) and embedded exactly only when some candidate
        could reach the floor, its draft cosine raised by `DRAFT_MARGIN`; the others keep draft
        scores, all under the floor. Without one (claim lookups, which report every score), every
        text is embedded exactly.
        """
        if not texts:
            return
        if not self.rerank_enabled:
            for cands in shortlists:
                for c in cands:
                    c.score = float(self.probability(np.array(c.use), np.array(c.use)))
            return
        encoder = get_encoder("e5")
        e5_vectors = encoder.encode(texts, draft=floor is not None)
        sims = [self._e5_cosines(cands, vector) for cands, vector in zip(shortlists, e5_vectors)]
        if floor is not None:
            near = [row for row, cands in enumerate(shortlists)
                    if cands and self._probabilities(cands, sims[row] + DRAFT_MARGIN).max() >= floor]
            exact = encoder.encode([texts[row] for row in near]) if near else []
            for row, vector in zip(near, exact):
                sims[row] = self._e5_cosines(shortlists[row], vector)
        for cands, row_sims in zip(shortlists, sims):
            for c, sim, p in zip(cands, row_sims, self._probabilities(cands, row_sims)):
                c.e5, c.score = float(sim), float(p)
            cands.sort(key=lambda c: -c.score)

    def _e5_cosines(self, cands: list[Candidate], e5_vector: np.ndarray) -> np.ndarray:
        """Each candidate's e5 cosine: its best over the case's rows (title and examples)."""
        case_rows = [self._e5_rows.get(c.key()) for c in cands]
        return np.array([float((self._e5_index.vectors[r] @ e5_vector).max()) if r is not None else 0.0
                         for r in case_rows])

    def _probabilities(self, cands: list[Candidate], e5_cosines: np.ndarray) -> np.ndarray:
        return self.probability(np.array([c.use for c in cands]), e5_cosines)

    def _search_e5_only(self, texts: list[str], floor: float | None = None) -> list[list[Candidate]]:
        """uk/be text: e5 alone finds and scores the candidates; with a ``floor``, e5's draft first and
        the exact graph only for texts whose best draft cosine, raised by `DRAFT_MARGIN`, could match."""
        encoder = get_encoder("e5")
        vectors = encoder.encode(texts, draft=floor is not None)
        if floor is not None:
            bound = self.probability(np.array(0.0), self._e5_index.best(vectors) + DRAFT_MARGIN, mode="e5")
            near = np.nonzero(bound >= floor)[0].tolist()
            if near:
                vectors[near] = encoder.encode([texts[i] for i in near])
        scores, rows = self._e5_index.search(vectors, self.shortlist)
        results = []
        for i in range(len(texts)):
            cands = []
            for s, r in zip(scores[i], rows[i]):
                if r < 0:
                    continue
                c = Candidate(*self._e5_index.cases[r], use=float("nan"), e5=float(s))
                c.score = float(self.probability(np.array(0.0), np.array(s), mode="e5"))
                cands.append(c)
            results.append(cands)
        return results

    def titles(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], store.Case]:
        """The stored cases for (catalogue, case_id) keys."""
        out = {}
        with store.connect() as conn:
            for catalogue, case_id in set(keys):
                case = store.get_case(conn, case_id, catalogue)
                if case is not None:
                    out[(catalogue, case_id)] = case
        return out


_MATCHERS: dict[tuple, tuple[str, Matcher]] = {}


def _store_state() -> str:
    """Changes whenever a catalogue is imported or removed (or UNSPIN_HOME points elsewhere)."""
    with store.connect() as conn:
        rows = conn.execute("SELECT name, revision, imported_at FROM catalogues ORDER BY name").fetchall()
    return f"{store.db_path()}|{rows}"


def get_matcher(catalogues: list[str] | None = None) -> Matcher:
    """A loaded matcher shared by the process, reloaded when the stored catalogues change."""
    key = tuple(catalogues) if catalogues else ()
    state = _store_state()
    cached = _MATCHERS.get(key)
    if cached is None or cached[0] != state:
        cached = _MATCHERS[key] = (state, Matcher(list(key) or None).load())
    return cached[1]


def match_claims(claims: list[str], catalogue: str | list[str] | None = None, top_k: int = 5,
                 language: str | None = None) -> list[list[dict]]:
    """The ``top_k`` catalogue cases nearest to each claim: ``[[{case_id, title, score}, ...], ...]``.

    Models and indexes load once for the whole batch. ``score`` is the calibrated probability
    (0-1) that the claim is the case's claim; no threshold is applied here, so a caller sees the
    nearest cases even when none is a match. ``catalogue`` limits the search to one or more
    catalogues (all by default).
    """
    names = [catalogue] if isinstance(catalogue, str) else catalogue
    matcher = Matcher(names, shortlist=max(SHORTLIST, top_k), gate=-1.0).load()
    claims = list(claims)
    languages = [language or guess_e5_only_language(claim) for claim in claims]
    results: list[list[Candidate]] = [[] for _ in claims]
    for lang in set(languages):
        rows = [i for i, value in enumerate(languages) if value == lang]
        for i, cands in zip(rows, matcher.search([claims[i] for i in rows], language=lang)):
            results[i] = cands
    keys = [c.key() for cands in results for c in cands[:top_k]]
    cases = matcher.titles(keys)
    return [
        [{"case_id": c.case_id, "title": cases[c.key()].title if c.key() in cases else "", "score": round(c.score, 4),
          "catalogue": c.catalogue} for c in cands[:top_k]]
        for cands in results
    ]


_UK = re.compile("[іїєґІЇЄҐ]")
_BE = re.compile("[ўЎ]")


def guess_e5_only_language(text: str) -> str | None:
    """'be' or 'uk' when the letters say so (USE does not cover them), else None (USE path)."""
    if _BE.search(text):
        return "be"
    if _UK.search(text):
        return "uk"
    return None
