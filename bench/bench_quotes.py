"""Per-article cost of the quotes component on 2 cores over English PPN articles.

Prints articles/s, ms per article and peak RSS for (a) the quotes component alone on prepared
documents (one spaCy pass per text: tagger, parser and NER, then the rules), (b) entities alone,
(c) entities then quotes, each parsing on its own (the kept Docs dropped in between), and (d)
entities then quotes sharing one pass, as in the pipeline: quotes completes the Docs entities
ran NER on with the tagger and parser. Every run starts with no Docs kept.

    .venv/bin/python bench/bench_quotes.py [--articles 200] [--repeat 2]
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "2")

import argparse  # noqa: E402

from unspin.components.entities import Entities  # noqa: E402
from unspin.components.quotes import Quotes  # noqa: E402
from unspin.data import ppn  # noqa: E402
from unspin.entities import nlp  # noqa: E402
from unspin.ingest import Record  # noqa: E402
from unspin.pipeline import make_document  # noqa: E402

from measure import peak_rss_mb, timed  # noqa: E402




def english_articles(limit: int) -> list[Record]:
    """The first ``limit`` English PPN records with some text, in file order."""
    records = []
    for index, row in enumerate(ppn.records()):
        if row.get("language") == "en" and len(row.get("maintext") or "") > 200:
            records.append(Record(f"ppn:{index}", f"ppn:{index}", row["maintext"]))
            if len(records) == limit:
                break
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    records = english_articles(args.articles + 2)
    warm, docs = [make_document(r) for r in records[:2]], [make_document(r) for r in records[2:]]
    n, chars = len(docs), sum(len(d.text) for d in docs)
    quotes, entities = Quotes(), Entities()
    quotes.predict(warm), entities.predict(warm)  # load spaCy and the alias table outside the timings

    def apart() -> None:
        entities.predict(docs)
        nlp.forget()
        quotes.predict(docs)

    runs = {"quotes component (prepared documents)": lambda: quotes.predict(docs),
            "entities component": lambda: entities.predict(docs),
            "entities then quotes, a spaCy pass each": apart,
            "entities then quotes, one shared pass": lambda: (entities.predict(docs), quotes.predict(docs))}
    print(f"{n} English PPN articles, {chars / n:.0f} characters on average, 2 threads")
    print(f"{'run':44} {'articles/s':>10} {'ms/article':>10}")
    for name, run in runs.items():
        seconds = timed(run, args.repeat, nlp.forget)
        print(f"{name:44} {n / seconds:10.1f} {1000 * seconds / n:10.1f}")
    found = quotes.predict(docs)
    print(f"quotes found: {sum(len(q) for q in found)} ({sum(q.speaker is not None for f in found for q in f)} "
          f"with a speaker)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
