"""Speed of technique detection on 2 cores over the PTC test articles.

Prints articles/s and sentences/s of (a) the techniques component alone on prepared documents,
(b) the full pipeline (ingest record -> clean -> segment -> techniques), (c) the ONNX int8 encoder
pass as the model runs it (batches of one text, one single-threaded session per thread), beside
the pass as it ran before (batches across texts through one session on two threads), and (d) a
plain full-precision PyTorch forward pass over exactly the same windows and batches, with the
ratios measured in the same process. (d) needs torch and
transformers (the train extra); it uses the base all-MiniLM-L6-v2 weights with heads of the
shipped model's shapes: the arithmetic, and so the speed, is the same as the fine-tuned model's.

    .venv/bin/python bench/bench_techniques.py [--articles ../shared/data/ptc/articles] [--repeat 2] [--model DIR]
"""

from __future__ import annotations

import argparse

from unspin.components.techniques import Techniques
from unspin.data.ptc import fixed_split, load_articles
from unspin.ingest import Record
from unspin.pipeline import Pipeline, make_document
from unspin.techniques.model import BATCH_WINDOWS
from unspin.settings import shared_dir

from measure import peak_rss_mb, timed




def torch_forward_seconds(component: Techniques, docs, repeat: int) -> float | None:
    try:
        import torch
        from transformers import AutoModel

        from unspin.techniques.train import base_encoder_dir
    except ImportError:
        return None
    torch.set_num_threads(2)
    model = component.technique_model
    layers = model.meta.get("encoder_layers")  # a model trained on fewer layers is timed with as many
    encoder = AutoModel.from_pretrained(str(base_encoder_dir()), **({"num_hidden_layers": layers} if layers else {})).eval()
    head = torch.nn.Linear(384, 14)
    windows = model.encoder.windows([d.text for d in docs], [[(s.start, s.end) for s in d.sents] for d in docs])
    order = sorted(windows, key=len)
    batches = [model.encoder.batch(order[i : i + 32]) for i in range(0, len(order), 32)]

    def run() -> None:
        with torch.inference_mode():
            for ids, mask in batches:
                hidden = encoder(input_ids=torch.as_tensor(ids), attention_mask=torch.as_tensor(mask)).last_hidden_state
                torch.sigmoid(head(hidden))

    return timed(run, repeat)


def one_session_seconds(component: Techniques, docs, repeat: int) -> float:
    """The encoder pass as it ran before: windows of all texts sorted by length and cut into
    batches, through one session splitting each matrix over two threads (the baseline)."""
    import onnxruntime

    model = component.technique_model
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model.path / "model.onnx"), options, providers=["CPUExecutionProvider"])

    def run() -> None:  # windows cut inside the timing, as `TechniqueModel.encode` does
        windows = model.encoder.windows([d.text for d in docs], [[(s.start, s.end) for s in d.sents] for d in docs])
        order = sorted(windows, key=len)
        for i in range(0, len(order), BATCH_WINDOWS):
            ids, mask = model.encoder.batch(order[i : i + BATCH_WINDOWS])
            session.run(None, {"input_ids": ids, "attention_mask": mask})

    return timed(run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default=str(shared_dir() / "data/ptc/articles"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model", default=None, help="a technique model folder to time (default: the shipped one)")
    args = parser.parse_args()

    test_ids = set(fixed_split()["test"])
    articles = [a for a in load_articles(args.articles) if a.id in test_ids] or load_articles(args.articles)
    records = [Record(a.id, a.id, a.text) for a in articles]
    docs = [make_document(r) for r in records]
    sentences = sum(len(d.sents) for d in docs)
    pipeline = Pipeline(["techniques"], config={"techniques": {"model": args.model}})
    component: Techniques = pipeline.component("techniques")
    component.technique_model  # load outside the timings

    def onnx_forward() -> None:
        model = component.technique_model
        model.encode([d.text for d in docs], [[(s.start, s.end) for s in d.sents] for d in docs])

    component_seconds = timed(lambda: component.predict(docs), args.repeat)
    pipeline_seconds = timed(lambda: list(pipeline.analyze(records)), args.repeat)
    onnx_seconds = timed(onnx_forward, args.repeat)
    one_session = one_session_seconds(component, docs, args.repeat)
    torch_seconds = torch_forward_seconds(component, docs, args.repeat)

    n = len(docs)
    print(f"{n} PTC articles, {sentences} sentences, 2 threads")
    print(f"{'run':44} {'articles/s':>10} {'sentences/s':>12}")
    print(f"{'techniques component (prepared documents)':44} {n / component_seconds:10.1f} {sentences / component_seconds:12.0f}")
    print(f"{'full pipeline: clean, segment, techniques':44} {n / pipeline_seconds:10.1f} {sentences / pipeline_seconds:12.0f}")
    print(f"{'encoder pass, ONNX Runtime int8':44} {n / onnx_seconds:10.1f} {sentences / onnx_seconds:12.0f}")
    print(f"{'  before: batches across texts, one session':44} {n / one_session:10.1f} {sentences / one_session:12.0f}")
    print(f"speed-up over the pass as it ran before (same process): {one_session / onnx_seconds:.2f}x")
    if torch_seconds is None:
        print("encoder pass, PyTorch fp32: torch not installed (pip install unspin[train]) - no ratio")
    else:
        print(f"{'encoder pass, PyTorch fp32':44} {n / torch_seconds:10.1f} {sentences / torch_seconds:12.0f}")
        print(f"speed-up of ONNX int8 over PyTorch fp32 (same windows, same process): {torch_seconds / onnx_seconds:.2f}x")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
