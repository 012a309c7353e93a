"""Speed of the entities component on PPN articles of one language (default: 200 English ones).

Prints the one-off model load time, then articles/s, ms/article and words/s of (a) the NER
backend alone (spaCy NER for en, natasha for ru) and (b) the whole component (NER, then tidying,
alias table and canonical names), both in batches of 16 as the pipeline runs them, best of
``--repeat`` runs; then the mentions found and the peak resident memory. The spaCy Doc cache
keeps one batch, so repeated runs do not hit it.

    .venv/bin/python bench/bench_entities.py [--corpus PATH] [--language en] [--articles 200] [--repeat 2]
"""

from __future__ import annotations

import argparse
import re
import time

from unspin.components.entities import Entities
from unspin.data import ppn
from unspin.doc import Document
from unspin.entities.ner import BACKENDS
from unspin.ingest import Record, iter_records
from unspin.pipeline import make_document

from measure import peak_rss_mb, timed

BATCH = 16
_WORD = re.compile(r"\w+")




def articles(corpus: str, language: str, limit: int) -> list[Document]:
    """The first ``limit`` prepared documents in ``language`` (by unspin's own language id)."""
    docs = []
    for item in iter_records([corpus]):
        if isinstance(item, Record) and item.meta.get("language") in (language, None):
            doc = make_document(item)
            if doc.meta.language == language and doc.text.strip():
                docs.append(doc)
        if len(docs) >= limit:
            break
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ppn.default_path()))
    parser.add_argument("--language", default="en", choices=sorted(BACKENDS))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    docs = articles(args.corpus, args.language, args.articles)
    texts = [d.text for d in docs]
    words = sum(len(_WORD.findall(t)) for t in texts)
    backend = BACKENDS[args.language]
    component = Entities()

    started = time.perf_counter()
    backend(["Warm-up."])
    component.table
    load_seconds = time.perf_counter() - started

    def ner_only() -> None:
        for i in range(0, len(texts), BATCH):
            backend(texts[i : i + BATCH])

    def whole() -> None:
        for i in range(0, len(docs), BATCH):
            component.predict(docs[i : i + BATCH])

    ner_seconds = timed(ner_only, args.repeat)
    whole_seconds = timed(whole, args.repeat)
    list(component.pipe(docs, batch_size=BATCH))
    mentions = sum(len(d.spans.get("entities", [])) for d in docs)
    entities = sum(len({s.attrs["canonical"] for s in d.spans.get("entities", [])}) for d in docs)

    n = len(docs)
    print(f"{n} PPN articles ({args.language}), {words} words, {words / n:.0f} words/article; batches of {BATCH}")
    print(f"model and alias table load (once per process): {load_seconds:.1f} s")
    print(f"{'run':40} {'articles/s':>10} {'ms/article':>10} {'words/s':>9}")
    for name, seconds in (("NER backend only", ner_seconds), ("entities component (NER + resolution)", whole_seconds)):
        print(f"{name:40} {n / seconds:10.1f} {1000 * seconds / n:10.1f} {words / seconds:9.0f}")
    print(f"{mentions} mentions, {entities} distinct entities per article summed ({mentions / n:.1f} mentions/article)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
