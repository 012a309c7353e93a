"""Reading the Propaganda Techniques Corpus (SemEval-2020 Task 11) and our fixed split of it.

The corpus stays where the user keeps it (``../shared/data/ptc`` here); nothing of it is copied
into the project. The split is a committed list of article ids so every figure we publish is
computed on articles the model never trained on, reproducibly.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    technique: str
    start: int
    end: int


@dataclass(slots=True)
class PtcArticle:
    id: str
    text: str
    spans: list[LabelledSpan] = field(default_factory=list)


def article_id(path: Path) -> str:
    """``article111111111.txt`` -> ``111111111`` (the id used in label files)."""
    return path.stem.removeprefix("article").split(".")[0]


def read_labels(path: Path) -> dict[str, list[LabelledSpan]]:
    """Parse ``id<TAB>technique<TAB>start<TAB>end`` lines (end exclusive); blank lines skipped."""
    spans: dict[str, list[LabelledSpan]] = {}
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ValueError(f"{path}:{line_number}: expected 4 tab-separated fields, got {len(parts)}")
        doc_id, technique, start, end = parts
        spans.setdefault(doc_id, []).append(LabelledSpan(technique, int(start), int(end)))
    return spans


def load_articles(articles_dir: Path | str, labels_dir: Path | str | None = None) -> list[PtcArticle]:
    """Articles of a PTC-format folder, with their gold spans when a labels folder is given."""
    articles_dir = Path(articles_dir)
    gold: dict[str, list[LabelledSpan]] = {}
    if labels_dir is not None:
        for label_file in sorted(Path(labels_dir).glob("*.labels")):
            for doc_id, spans in read_labels(label_file).items():
                gold.setdefault(doc_id, []).extend(spans)
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        doc_id = article_id(path)
        text = path.read_text(encoding="utf-8")
        articles.append(PtcArticle(doc_id, text, sorted(gold.get(doc_id, []), key=lambda s: (s.start, s.end))))
    return articles


def load_corpus(data_dir: Path | str) -> list[PtcArticle]:
    """A PTC folder laid out as ``articles/`` and ``labels/`` (as ../shared/data/ptc)."""
    data_dir = Path(data_dir)
    return load_articles(data_dir / "articles", data_dir / "labels")


def make_split(ids: list[str], seed: int = 13, dev: float = 0.15, test: float = 0.15) -> dict[str, list[str]]:
    """Split article ids into train/dev/test at random with a fixed seed."""
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    n_test, n_dev = round(len(ids) * test), round(len(ids) * dev)
    return {
        "test": sorted(shuffled[:n_test]),
        "dev": sorted(shuffled[n_test : n_test + n_dev]),
        "train": sorted(shuffled[n_test + n_dev :]),
    }


def fixed_split() -> dict[str, list[str]]:
    """The committed split of the 371 PTC training articles used for every published figure."""
    return json.loads(resources.files("unspin.data").joinpath("ptc_split.json").read_text())
