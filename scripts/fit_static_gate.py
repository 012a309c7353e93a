"""Fit the static gate's map (src/unspin/narratives/static_map.npz) from USE vectors of real text.

Training text: every title and example of the catalogues in UNSPIN_HOME (their stored USE vectors)
and sentences of PPN articles (../shared/data/ppn, all languages), USE-encoded here. Articles used by
the evaluations are left out: the PPN articles of eval/narratives/stance.jsonl and every article
whose URL hashes to 0 mod 10 (`unspin.narratives.evaluate.ppn_eval_documents` reads those).

    UNSPIN_HOME=... .venv/bin/python scripts/fit_static_gate.py [--articles 3000] [--dim 128] [--l2 0.1] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from pathlib import Path

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="PPN articles to take sentences from")
    parser.add_argument("--sentences", type=int, default=40000, help="at most this many PPN sentences")
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--cache", help="npz to save the training texts and USE vectors to (or to read them from)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "src/unspin/narratives/static_map.npz"))
    args = parser.parse_args()

    from unspin.narratives.static import fit

    if args.cache and Path(args.cache).exists():
        with np.load(args.cache, allow_pickle=False) as z:
            texts, matrix = [str(t) for t in z["texts"]], z["vectors"]
        print(f"training rows from {args.cache}: {len(texts)}")
    else:
        texts, matrix = _training_rows(args)
        if args.cache:
            np.savez(args.cache, texts=np.array(texts), vectors=matrix)
    started = time.perf_counter()
    fitted = fit(texts, matrix, dim=args.dim, l2=args.l2)
    np.savez_compressed(args.out, weights=fitted["weights"], basis=fitted["basis"],
                        dim=np.array(args.dim), l2=np.array(args.l2), rows=np.array(len(texts)))
    print(f"fitted in {time.perf_counter() - started:.1f} s -> {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB)")


def _training_rows(args) -> tuple[list[str], np.ndarray]:
    """Catalogue rows with their stored USE vectors, then PPN sentences USE-encoded now."""
    from unspin.ingest.records import Record
    from unspin.narratives import store
    from unspin.narratives.encoders import UseEncoder, set_encoder
    from unspin.narratives.evaluate import is_ppn_eval_url, stance_ppn_urls
    from unspin.pipeline import make_document
    from unspin.settings import shared_dir

    texts: list[str] = []
    vectors: list[np.ndarray] = []
    with store.connect() as conn:
        names = store.catalogue_names(conn)
        for name in names:
            by_hash: dict[str, str] = {}
            for case in store.iter_cases(conn, name):
                by_hash[store.text_hash(case.title, "use")] = case.title
                for example in case.examples:
                    by_hash[store.text_hash(example, "use")] = example
            for digest, blob in conn.execute(
                    "SELECT text_hash, vector FROM embeddings WHERE catalogue = ? AND model = 'use' UNION ALL "
                    "SELECT text_hash, vector FROM example_embeddings WHERE catalogue = ? AND model = 'use'",
                    (name, name)):
                if digest in by_hash:
                    texts.append(by_hash[digest])
                    vectors.append(np.frombuffer(blob, dtype=np.float32))
    print(f"catalogue rows: {len(texts)} ({', '.join(names)})")
    excluded = stance_ppn_urls()
    records = []
    with gzip.open(shared_dir() / "data" / "ppn" / "ppn_articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            url = record.get("url") or ""
            if record.get("maintext") and url not in excluded and not is_ppn_eval_url(url):
                records.append(record)
    rng = random.Random(0)
    rng.shuffle(records)
    seen: set[str] = set()
    sentences: list[str] = []
    for record in records[: args.articles]:
        doc = make_document(Record(record["url"], record["url"], record["maintext"]))
        for span in doc.sents:
            text = doc.text[span.start:span.end]
            if 5 <= len(re.findall(r"\w+", text)) <= 120 and text not in seen:
                seen.add(text)
                sentences.append(text)
    rng.shuffle(sentences)
    sentences = sentences[: args.sentences]
    encoder = UseEncoder(threads=2)
    set_encoder("use", encoder)
    started = time.perf_counter()
    ppn_vectors = encoder.encode(sentences)
    print(f"PPN sentences: {len(sentences)} from {min(args.articles, len(records))} articles, "
          f"USE-encoded in {time.perf_counter() - started:.0f} s")
    return texts + sentences, np.vstack([np.stack(vectors), ppn_vectors])


if __name__ == "__main__":
    main()
