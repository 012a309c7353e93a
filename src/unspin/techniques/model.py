"""The shipped technique model at inference time: ONNX Runtime + tokenizers + numpy, no torch.

A model is a folder (``src/unspin/models/techniques`` ships one): ``model.onnx`` (int8 encoder with
the token and window heads), ``span_head.npz`` (technique classifier for given spans), optionally
``lexical_head.npz`` (the span's words, mixed into that classifier) and ``word_prior.npz`` (each
word's chance of lying in a technique span, mixed into detection; both `unspin.techniques.lexical`),
``tokenizer.json``, ``meta.json`` (labels, decoding threshold, calibration, metrics, sha256 of the ONNX
file, the unspin versions it was made for) and a ``README.md`` model card. It is loaded lazily,
checked, and never downloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from unspin import __version__
from unspin.batching import similar_length_runs
from unspin.errors import ModelError
from unspin.techniques.decode import DocTokens, calibrate, decode_runs, doc_tokens, span_features, span_vector
from unspin.techniques.encoding import Encoder, Window
from unspin.techniques.lexical import LexicalHead, WordPrior, log_softmax

#: Windows sent to ONNX Runtime together: at most this many, of one text, the longest at most
#: PADDING_SLACK longer than the shortest (plus 4 pieces), so padding stays small.
BATCH_WINDOWS = 32
PADDING_SLACK = 0.25
REQUIRED_FILES = ("model.onnx", "span_head.npz", "tokenizer.json", "meta.json")
LEXICAL_FILE = "lexical_head.npz"
WORD_PRIOR_FILE = "word_prior.npz"


@dataclass(frozen=True, slots=True)
class Prediction:
    start: int
    end: int
    technique: str
    score: float


@dataclass(slots=True)
class Encoded:
    """One document's windows and what the network said about each."""

    windows: list[Window]
    token_probs: list[np.ndarray]
    hiddens: list[np.ndarray]


def span_input(text: str, encoded: Encoded, start: int, end: int) -> np.ndarray | None:
    """What the span classifier reads: the pooled pieces of [start, end) and the article features,
    or None when no piece of the span was encoded."""
    vector = span_vector(encoded.windows, encoded.hiddens, start, end)
    return None if vector is None else np.concatenate([vector, span_features(text, start, end)])


@dataclass(frozen=True, slots=True)
class SpanHead:
    """The technique classifier of a given span: a linear layer over its span vector
    (`span_input`), optionally mixed with the lexical model: log p = (1 - mix) log p_vector +
    mix log p_words, renormalised."""

    weight: np.ndarray
    bias: np.ndarray
    lexical: LexicalHead | None = None
    mix: float = 0.0

    def probabilities(self, text: str, vector: np.ndarray, start: int, end: int) -> np.ndarray:
        log_p = log_softmax(self.weight @ vector + self.bias)
        if self.lexical is not None and self.mix > 0:
            log_p = log_softmax((1 - self.mix) * log_p + self.mix * self.lexical.log_proba(text, start, end))
        return np.exp(log_p)


def _windows_by_doc(windows: Sequence[Window]) -> list[list[int]]:
    """Indices of the windows of each text, texts in order of first appearance."""
    by_doc: dict[int, list[int]] = {}
    for i, window in enumerate(windows):
        by_doc.setdefault(window.doc, []).append(i)
    return list(by_doc.values())


def default_model_dir() -> Path:
    return Path(str(resources.files("unspin.models").joinpath("techniques")))


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")[:3] if part.isdigit())


def check_version_range(spec: str, version: str = __version__) -> bool:
    """True when ``version`` satisfies a range like ``>=0.1.0,<0.2``."""
    current = _version_tuple(version)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        operator = clause[:2] if clause[:2] in (">=", "<=", "==") else clause[:1]
        bound = _version_tuple(clause[len(operator):])
        ok = {">=": current >= bound, "<=": current <= bound, "==": current == bound,
              ">": current > bound, "<": current < bound}.get(operator)
        if not ok:
            return False
    return True


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def without_nan_guards(path: Path) -> bytes:
    """The ONNX graph at ``path``, less the NaN guards that PyTorch's exporter puts after every
    attention softmax (``Where(IsNaN(p), 0, p)``), serialised for ONNX Runtime.

    A guard could only act on a row whose keys are all masked out, and every window's [CLS] piece
    is attended, so each one returns its input as it is: the outputs are the same to the bit, and
    the encoder is 1.01-1.11x as fast without them (eight alternations over the windows of 20 PTC
    test articles, one session). The file itself, and so its sha256, is unchanged.
    """
    import onnx

    model = onnx.load(str(path))
    nodes = model.graph.node
    producer = {output: node for node in nodes for output in node.output}
    guards = [node for node in nodes if node.op_type == "Where" and node.input[0] in producer
              and producer[node.input[0]].op_type == "IsNaN" and producer[node.input[0]].input[0] == node.input[2]]
    for guard in guards:
        kept = guard.input[2]
        for node in nodes:
            node.input[:] = [kept if name == guard.output[0] else name for name in node.input]
        nodes.remove(guard)
        nodes.remove(producer[guard.input[0]])
    used = {name for node in nodes for name in node.input} | {output.name for output in model.graph.output}
    for node in [node for node in nodes if node.op_type == "Constant" and not used & set(node.output)]:
        nodes.remove(node)  # the guards' zeros, which ONNX Runtime would warn about
    return model.SerializeToString()


class TechniqueModel:
    """Span detection and span classification for the 14 PTC techniques."""

    def __init__(self, path: Path, meta: dict, threads: int | None = None) -> None:
        self.path = path
        self.meta = meta
        self.labels: list[str] = meta["labels"]
        self.threshold: float = meta["decoding"]["threshold"]
        self.max_gap: int = meta["decoding"]["max_gap"]
        self.low: float | None = meta["decoding"].get("low")  # hysteresis edge threshold; None = threshold
        self.word_weight: float = meta["decoding"].get("word_weight", 0.0)
        # per technique, the span classifier's probability at which a span also carries that
        # technique beside its best one (techniques overlap in the gold data); absent: never
        self.technique_thresholds: dict[str, float] = meta["decoding"].get("technique_thresholds", {})
        # the token head's last column is "inside a span of any technique", read by detection
        self.any_channel: bool = meta.get("any_channel", False)
        self.word_prior = WordPrior.load(path / WORD_PRIOR_FILE) if (path / WORD_PRIOR_FILE).is_file() else None
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.encoder = Encoder(path / "tokenizer.json", meta.get("max_tokens", 128),
                               pack_lines=meta.get("pack_lines", False))
        head = np.load(path / "span_head.npz")
        lexical = LexicalHead.load(path / LEXICAL_FILE) if (path / LEXICAL_FILE).is_file() else None
        self.span_head = SpanHead(head["weight"], head["bias"], lexical, meta.get("span_head", {}).get("lexical_mix", 0.0))
        self._sessions: queue.SimpleQueue | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._start_lock = threading.Lock()  # the sessions start once, even when threads share the model

    @classmethod
    def load(cls, path: Path | str | None = None, *, check_hash: bool = True, threads: int | None = None) -> TechniqueModel:
        """Load a model folder (default: the one shipped with unspin), checking files, hash and version."""
        path = Path(path) if path is not None else default_model_dir()
        missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
        if missing:
            raise ModelError(f"technique model at {path} is incomplete: missing {', '.join(missing)}")
        meta = json.loads((path / "meta.json").read_text())
        if not check_version_range(meta.get("unspin_version", ""), __version__):
            raise ModelError(f"technique model {meta.get('version')} is for unspin {meta['unspin_version']}, not {__version__}")
        if check_hash and meta.get("sha256") and sha256(path / "model.onnx") != meta["sha256"]:
            raise ModelError(f"technique model at {path}: model.onnx does not match the sha256 in meta.json")
        return cls(path, meta, threads)

    def _new_session(self, graph: bytes):  # noqa: ANN202 - onnxruntime.InferenceSession, imported lazily
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def _run_batch(self, ids: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
        """One batch through whichever single-threaded session is free."""
        session = self._sessions.get()
        try:
            return session.run(None, {"input_ids": ids, "attention_mask": mask})
        finally:
            self._sessions.put(session)

    def _run_batches(self, batches: list[tuple[np.ndarray, np.ndarray]]) -> list[list[np.ndarray]]:
        """The network's outputs for each batch, in order, ``threads`` batches at a time.

        One single-threaded ONNX Runtime session per thread, each taking whole batches: on these
        short windows (~28 pieces on PTC) that encoded 1.0-1.3x as many windows a second as one
        session splitting each matrix over two threads, and varied less on busy cores
        (``bench/bench_techniques.py``). The batches themselves are the serial ones, so the outputs
        do not depend on ``threads``.
        """
        with self._start_lock:
            if self._sessions is None:
                sessions: queue.SimpleQueue = queue.SimpleQueue()
                graph = without_nan_guards(self.path / "model.onnx")
                for _ in range(self.threads):
                    sessions.put(self._new_session(graph))
                if self.threads > 1:
                    self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="unspin-techniques")
                self._sessions = sessions
        if self._pool is None:
            return [self._run_batch(ids, mask) for ids, mask in batches]
        return list(self._pool.map(lambda batch: self._run_batch(*batch), batches))

    def encode(self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]) -> list[Encoded]:
        """Run the network over every window of every text, batching windows of one text and of
        similar length.

        Never windows of two texts in one batch: the int8 encoder scales its activations by each
        batch's largest, so a window's output depends on its batch. Batched across the 56 PTC test
        articles, only 821 of 1,324 spans came out as when each article ran alone. Within one text
        the batches are fixed by the text, so a text gets the same spans alone or in any corpus.
        """
        windows = self.encoder.windows(texts, sentence_spans)
        token_probs: list[np.ndarray | None] = [None] * len(windows)
        hiddens: list[np.ndarray | None] = [None] * len(windows)
        groups = [[of_doc[i] for i in run] for of_doc in _windows_by_doc(windows)
                  for run in similar_length_runs([len(windows[i]) for i in of_doc], BATCH_WINDOWS, PADDING_SLACK, 4)]
        outputs = self._run_batches([self.encoder.batch([windows[i] for i in chosen]) for chosen in groups])
        for chosen, (probs, _, hidden) in zip(groups, outputs):
            for row, i in enumerate(chosen):
                n = len(windows[i])
                token_probs[i], hiddens[i] = probs[row, :n], hidden[row, :n]
        encoded = [Encoded([], [], []) for _ in texts]
        for window, probs, hidden in zip(windows, token_probs, hiddens):
            encoded[window.doc].windows.append(window)
            encoded[window.doc].token_probs.append(probs)
            encoded[window.doc].hiddens.append(hidden)
        return encoded

    def detection_tokens(self, text: str, encoded: Encoded, word_weight: float | None = None) -> DocTokens:
        """Each word piece's chance of lying in some technique span: the "any technique" column where
        the model has one, else the best technique's token probability; its log-odds shifted by
        ``word_weight`` x the word prior's where one ships."""
        tokens = doc_tokens(encoded.windows, encoded.token_probs)
        probs = tokens.probs[:, -1] if self.any_channel else tokens.probs.max(axis=1)
        weight = self.word_weight if word_weight is None else word_weight
        if self.word_prior is not None and weight > 0 and len(probs):
            clipped = np.clip(probs.astype(np.float64), 1e-5, 1 - 1e-5)
            log_odds = np.log(clipped / (1 - clipped)) + weight * self.word_prior.shift(text, tokens.offsets[:, 0])
            probs = 1 / (1 + np.exp(-log_odds))
        return DocTokens(tokens.offsets, probs[:, None].astype(np.float32))

    def detect(self, text: str, encoded: Encoded, threshold: float | None = None, max_gap: int | None = None,
               low: float | None = None, tokens: DocTokens | None = None) -> list[tuple[int, int, float, int]]:
        """Spans where any technique is likely: (start, end, mean probability, pieces).
        ``tokens`` may be given when the caller already has `detection_tokens`."""
        if not encoded.windows:
            return []
        tokens = tokens if tokens is not None else self.detection_tokens(text, encoded)
        threshold = self.threshold if threshold is None else threshold
        max_gap = self.max_gap if max_gap is None else max_gap
        return decode_runs(text, tokens, 0, threshold, max_gap, self.low if low is None else low)

    def decode(self, text: str, encoded: Encoded) -> list[Prediction]:
        """Spans where any technique is likely, each labelled by the span classifier.

        The best SemEval-2020 systems also find spans first and classify them second: on our dev
        articles this beats one threshold per technique channel on both SI and FLC. A span gets
        its best technique, and also every other technique whose probability reaches that
        technique's threshold (`technique_thresholds`, tuned on dev for FLC): in the gold data a
        fifth of the spans overlap one of another technique. A span's score is (mean token
        probability) x (probability of its technique), calibrated on dev.
        """
        runs = self.detect(text, encoded)
        probabilities = self.technique_probabilities(text, encoded, [(start, end) for start, end, _, _ in runs])
        curve = self.meta.get("calibration")
        predictions = []
        for (start, end, probability, _), probs in zip(runs, probabilities):
            for technique, technique_probability in self.techniques_of(probs):
                score = float(calibrate(probability * technique_probability, curve))
                predictions.append(Prediction(start, end, technique, round(min(max(score, 0.0), 1.0), 4)))
        return predictions

    def techniques_of(self, probs: np.ndarray | None) -> list[tuple[str, float]]:
        """A span's best technique, then the others that reach their `technique_thresholds`."""
        if probs is None:  # no piece of the span was encoded: the most common technique, unsure
            return [(self.labels[int(np.argmax(self.span_head.bias))], 0.0)]
        best = int(np.argmax(probs))
        others = [i for i, label in enumerate(self.labels)
                  if i != best and probs[i] >= self.technique_thresholds.get(label, np.inf)]
        return [(self.labels[i], round(float(probs[i]), 4)) for i in (best, *others)]

    def predict_spans(self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]) -> list[list[Prediction]]:
        """Technique spans of each text (character offsets into that text)."""
        return [self.decode(text, encoded) for text, encoded in zip(texts, self.encode(texts, sentence_spans))]

    def technique_probabilities(self, text: str, encoded: Encoded,
                                spans: Sequence[tuple[int, int]]) -> list[np.ndarray | None]:
        """The span classifier's probability of each technique for each given span (None for a
        span no encoded piece covers)."""
        results: list[np.ndarray | None] = []
        for start, end in spans:
            vector = span_input(text, encoded, start, end)
            results.append(None if vector is None else self.span_head.probabilities(text, vector, start, end))
        return results

    def classify_encoded(self, text: str, encoded: Encoded, spans: Sequence[tuple[int, int]]) -> list[tuple[str, float]]:
        """The most likely technique of each given span, with its probability."""
        return [self.techniques_of(probs)[0] for probs in self.technique_probabilities(text, encoded, spans)]

    def classify_spans(self, text: str, spans: Sequence[tuple[int, int]],
                       sentence_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[str, float]]:
        """Classify given spans of one text (SemEval-2020 TC)."""
        return self.classify_encoded(text, self.encode([text], [sentence_spans])[0], spans)
