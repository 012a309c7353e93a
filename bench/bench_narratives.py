"""Narrative catalogue import time and per-article matching latency.

Imports the EUvsDisinfo catalogue into a fresh state folder (or reuses ``--home`` if it already
holds one), then times the `Narratives` component article by article on PTC dev+test articles,
with the stages split out: USE encoding of the article's sentences, FAISS search of sentences
and adjacent pairs, e5 re-ranking of the units above the gate. Also times a FAISS search alone
on a synthetic 100k-case index (HNSW), to show the index is not the bottleneck at scale.

    .venv/bin/python bench/bench_narratives.py [--home DIR] [--models use,e5] [--articles N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="UNSPIN_HOME to use (default: a new temporary folder)")
    parser.add_argument("--models", default="use,e5", help="encoders to embed the catalogue with")
    parser.add_argument("--articles", type=int, default=60, help="PTC articles to time")
    parser.add_argument("--skip-scale", action="store_true", help="skip the synthetic 100k-case index")
    args = parser.parse_args()
    os.environ["UNSPIN_HOME"] = args.home or tempfile.mkdtemp(prefix="unspin-bench-")

    from unspin.components.narratives import Narratives
    from unspin.narratives import import_catalogue, list_catalogues
    from unspin.narratives.encoders import get_encoder
    from unspin.narratives.evaluate import ptc_documents
    from unspin.narratives.index import build, load_index
    from unspin.settings import shared_dir

    models = tuple(m for m in args.models.split(",") if m)
    known = {row["name"]: row for row in list_catalogues()}
    started = time.perf_counter()
    report = import_catalogue(shared_dir() / "data" / "euvsdisinfo", "euvsdisinfo", models=models)
    print(f"import euvsdisinfo: {report.cases} cases, {len(report.problems)} skipped rows, "
          f"embedded {report.embedded}, {time.perf_counter() - started:.1f} s"
          + (" (re-import of an existing catalogue)" if "euvsdisinfo" in known else ""))
    started = time.perf_counter()
    again = import_catalogue(shared_dir() / "data" / "euvsdisinfo", "euvsdisinfo", models=models)
    print(f"re-import (unchanged): embedded {again.embedded}, {time.perf_counter() - started:.1f} s")
    if "e5" not in models:
        print("no e5 vectors: matching below runs without re-ranking")
    started = time.perf_counter()
    for model in models:
        load_index(model)
    print(f"index load/build: {1000 * (time.perf_counter() - started):.0f} ms")

    docs = ptc_documents()[: args.articles]
    component = Narratives()
    matcher = component._matcher()
    if "e5" not in models:
        matcher.rerank_enabled = False
    component(ptc_documents()[-1])  # warm-up: models loaded, caches filled
    use = get_encoder("use")
    totals = {"use": 0.0, "search": 0.0, "e5": 0.0, "all": 0.0}
    units_n = gated_n = 0
    per_article = []
    for i, doc in enumerate(docs):
        t0 = time.perf_counter()
        units = component.units(doc, 0)
        singles = [u for u in units if len(u.parts) == 1]
        t1 = time.perf_counter()
        use.encode([u.text for u in singles])
        t2 = time.perf_counter()
        vectors = component._use_vectors(units)
        t3 = time.perf_counter()
        scores, _ = matcher._use_index.search(vectors, matcher.shortlist)
        t4 = time.perf_counter()
        gated = [u.text for u, s in zip(units, scores) if len(s) and s[0] >= matcher.gate_]
        if matcher.rerank_enabled:
            get_encoder("e5").encode(gated)
        t5 = time.perf_counter()
        doc.narratives = []
        component(doc)
        t6 = time.perf_counter()
        totals["use"] += t2 - t1
        totals["search"] += t4 - t3
        totals["e5"] += t5 - t4
        totals["all"] += t6 - t5
        per_article.append(t6 - t5)
        units_n += len(units)
        gated_n += len(gated)
    n = max(1, len(docs))
    print(f"PTC articles: {n}, units (sentences + pairs) per article {units_n / n:.1f}, "
          f"re-ranked per article {gated_n / n:.2f}")
    print(f"per article: USE encode {1000 * totals['use'] / n:.1f} ms, FAISS search {1000 * totals['search'] / n:.2f} ms, "
          f"e5 re-rank {1000 * totals['e5'] / n:.1f} ms")
    print(f"per article, whole component: mean {1000 * totals['all'] / n:.1f} ms, "
          f"median {1000 * float(np.median(per_article)):.1f} ms, p90 {1000 * float(np.percentile(per_article, 90)):.1f} ms")

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
