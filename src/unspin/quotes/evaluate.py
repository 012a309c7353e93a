"""How well quotes and their speakers are found, against the hand labels in eval/quotes.

Gold rows point into the raw article text; predictions are mapped back to raw offsets through
the Document's offset map, so the figures measure what users get. The labelled articles are
split by name: TEST is the fixed list TEST_SOURCES, labelled before the rules were last changed
and only ever scored; DEV is every other labelled article, on which rules may be tuned (see
eval/quotes/README.md for the history of the split).

Matching: a predicted quote matches a gold one when they overlap and have the same kind (each
used once, largest overlap first); the kind-agnostic figures ignore kind. For matched gold
quotes the speaker is correct (names agree, or both unknown), unknown (predicted None for a
known speaker) or wrong (a name that does not agree, including a name for a gold ``unknown``).
Names agree when, lower-cased and without diacritics, "the", possessives, punctuation and leading titles
("Pope", "St.", "President"), they equal one of the ``|`` alternatives, or when they end in the same surname and either is that surname alone or the
predicted name starts with the same letter ("Lavrov", "Sergei Lavrov" for "Sergey Lavrov";
"Recep Tayyip Erdoğan" for "Erdogan"),
or when one is an acronym the other's capitalised words spell ("WHO", "World Health Organization");
institution words ("Ministry") never count as surnames.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from unspin.entities.resolve import CONNECTORS, spells, split_suffix
from unspin.evaluate.bootstrap import Interval, ratio_interval
from unspin.evaluate.labels import MatchCounts, check_fingerprint, pair_by_overlap, source_texts
from unspin.quotes.attribution import DOCUMENTS, INSTITUTIONS, SPOKESPEOPLE, TITLES

#: The held-out articles (the twentieth test set: 5 PTC and 25 PPN articles labelled blind in session 22, first
#: scored with the rules of commit a6a2cf8, never tuned on); every other labelled article is dev.
TEST_SOURCES = frozenset({
    *(f"data/ptc/articles/article{number}.txt" for number in (
        "999001621", "697454736", "111111132", "703698295", "727634031")),
    *(f"ppn:{index}" for index in (215, 272, 59, 1076, 972, 1355, 858, 109, 261, 1364, 419, 164, 233,
                                   1343, 157, 715, 538, 1805, 958, 1468, 767, 1803, 1510, 70, 2129))})
KINDS = ("direct", "indirect")
#: the kind of a row saying that its article was read and holds no quotation (start = end = 0): the
#: article is scored, so every quotation predicted there counts against precision
NO_QUOTES = "none"
_PUNCT = re.compile(r"[^\w\s-]")


@dataclass(frozen=True, slots=True)
class Labelled:
    """A gold or predicted quote in raw offsets; ``speakers`` is empty for an unknown speaker."""

    start: int
    end: int
    kind: str
    speakers: tuple[str, ...] = ()


@dataclass(slots=True)
class Scores(MatchCounts):
    """Detection (the inherited gold, predicted, matched) and speaker counts over a set of articles."""

    correct: int = 0
    unknown: int = 0
    wrong: int = 0
    known: int = 0  # matched gold quotes with a known speaker
    known_correct: int = 0

    @property
    def speaker_recall(self) -> float:
        return self.known_correct / self.known if self.known else 0.0

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.matched if self.matched else 0.0


@dataclass(slots=True)
class Report:
    """Scores of one split: both kinds together, kind-agnostic detection, and per kind."""

    split: str
    articles: int
    overall: Scores = field(default_factory=Scores)
    any_kind: Scores = field(default_factory=Scores)
    per_kind: dict[str, Scores] = field(default_factory=lambda: {k: Scores() for k in KINDS})


#: Honorifics before a person's name that say what someone is, not who: "Pope Benedict XVI" is "Benedict XVI".
#: A fixed list, apart from the rules' titles: words such as "foreign" or "general" tell organisations apart.
_TITLE_WORDS = frozenset(("pope", "st", "saint", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame",
                          "lord", "lady", "president", "sen", "senator", "rep", "gov", "governor", "mayor", "judge",
                          "cardinal", "bishop", "archbishop", "rev", "reverend", "father", "sheikh", "shaykh", "imam",
                          "rabbi", "pastor", "king", "queen", "prince", "princess", "congressman", "congresswoman"))


def normalise(name: str) -> str:
    name = strip_diacritics(name.lower()).replace("’", "'").replace("'s ", " ").removesuffix("'s")
    words = _PUNCT.sub(" ", name).split()
    words = words[1:] if words[:1] == ["the"] else words
    while len(words) > 1 and words[0] in _TITLE_WORDS and words[-1] not in INSTITUTIONS | DOCUMENTS:
        words = words[1:]
    return " ".join(words)


def strip_diacritics(name: str) -> str:
    """"orbán" -> "orban": news writes one name with and without its accents. (Cyrillic й and ё
    lose theirs too; both sides of a comparison go through it.)"""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def same_speaker(predicted: str, gold: str) -> bool:
    """Whether a predicted name names the gold speaker (see the module docstring)."""
    p, g = normalise(predicted).split(), normalise(gold).split()
    if not p or not g:
        return False
    (p, p_suffix), (g, g_suffix) = split_suffix(p), split_suffix(g)
    # "Donald Trump Jr" is not "Donald Trump", nor is "Trump Jr"; a bare surname ("Curtis") may be either
    if p_suffix != g_suffix and not (not p_suffix and len(p) == 1 or not g_suffix and len(g) == 1):
        return False
    if p == g or _unhyphenated(p) == _unhyphenated(g) or spells(predicted, gold) or spells(gold, predicted) \
            or _part_of(p, g) or _part_of(g, p):
        return True
    if p[-1] != g[-1] or p[-1] in INSTITUTIONS | DOCUMENTS:
        return False
    return len(p) == 1 or len(g) == 1 or p[0][0] == g[0][0]


def _unhyphenated(words: list[str]) -> list[str]:
    """A name's words with hyphens as spaces ("Habib-Powell" is "Habib Powell"), for equality only: a part of a
    double surname is no surname of its own ("Jones" is not "Mary Smith-Jones")."""
    return [part for word in words for part in word.split("-")]


def _part_of(short: list[str], long: list[str]) -> bool:
    """Whether a name's words end a longer name, or open it with only a place or date after them, and hold a
    word of their own that is neither an institution's nor a title's ("embassy in Beijing" for "US embassy
    in Beijing", "Ali Yazdi" for "Sharaf ad-Din Ali Yazdi", "US embassy" for "US embassy in China"; not
    "Defense Ministry" for "Belarusian Defense Ministry", nor "Brenda Snipes" for "Brenda Snipes' office",
    who is someone else)."""
    if not 2 <= len(short) < len(long):
        return False
    if not [w for w in short if w not in INSTITUTIONS | DOCUMENTS | TITLES | _TITLE_WORDS | CONNECTORS]:
        return False
    speaking = INSTITUTIONS | DOCUMENTS | SPOKESPEOPLE | _TITLE_WORDS
    opens = long[: len(short)] == short and not speaking & set(long[len(short) :])
    return opens or long[-len(short) :] == short


def load_labels(path: Path, shared: Path) -> dict[str, tuple[str, list[Labelled]]]:
    """Raw text and gold quotes per source, in file order (an article with a `NO_QUOTES` row has
    none); raises if a text no longer matches."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = source_texts(shared, (r["source"] for r in rows))
    result: dict[str, tuple[str, list[Labelled]]] = {}
    empty: set[str] = set()
    for row in rows:
        source = row["source"]
        if source not in result:
            result[source] = (texts[source], [])
        text, gold = result[source]
        if row["kind"] == NO_QUOTES:
            if (row["start"], row["end"]) != (0, 0):
                raise ValueError(f"{source}: a {NO_QUOTES!r} row must have start = end = 0")
            empty.add(source)
            continue
        check_fingerprint(source, text, row)
        speakers = () if row["speaker"] == "unknown" else tuple(row["speaker"].split("|"))
        gold.append(Labelled(row["start"], row["end"], row["kind"], speakers))
    clash = sorted(source for source in empty if result[source][1])
    if clash:
        raise ValueError(f"{clash[0]}: a {NO_QUOTES!r} row beside quotes")
    return result


def split_sources(sources: list[str]) -> dict[str, list[str]]:
    """TEST: the sources in TEST_SOURCES; DEV: all others; both in file order."""
    return {"dev": [s for s in sources if s not in TEST_SOURCES], "test": [s for s in sources if s in TEST_SOURCES],
            "all": list(sources)}


def predict(texts: dict[str, str]) -> dict[str, list[Labelled]]:
    """The quotes component's output for raw texts (cleaned and segmented as by the pipeline), in raw offsets.

    The entities component runs first, as in the default pipeline, so speakers are scored under the
    canonical names users see ("Lavrov" -> "Sergei Lavrov"), not the article's own spelling."""
    from unspin.components.entities import Entities
    from unspin.components.quotes import Quotes
    from unspin.ingest import Record
    from unspin.pipeline import make_document

    docs = [make_document(Record(source, source, text)) for source, text in texts.items()]
    result: dict[str, list[Labelled]] = {}
    for doc in Quotes().pipe(Entities().pipe(docs)):
        quotes = []
        for span in doc.spans.get("quotes", []):
            start, end = doc.raw_span(span)
            speaker = span.attrs.get("speaker")
            quotes.append(Labelled(start, end, span.label, (speaker,) if speaker else ()))
        result[doc.id] = quotes
    return result


def match(gold: list[Labelled], predicted: list[Labelled], same_kind: bool = True) -> list[tuple[Labelled, Labelled]]:
    """One-to-one pairs of overlapping quotes (of the same kind unless ``same_kind`` is off), largest overlap first."""
    return pair_by_overlap(gold, predicted, (lambda g, p: g.kind == p.kind) if same_kind else None)


def add_scores(scores: Scores, gold: list[Labelled], predicted: list[Labelled], same_kind: bool = True) -> None:
    """Count detection and speaker outcomes of one article into ``scores``."""
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    for g, p in match(gold, predicted, same_kind):
        scores.matched += 1
        scores.known += bool(g.speakers)
        if not p.speakers:
            scores.correct += not g.speakers
            scores.unknown += bool(g.speakers)
        elif any(same_speaker(p.speakers[0], alternative) for alternative in g.speakers):
            scores.correct += 1
            scores.known_correct += 1
        else:
            scores.wrong += 1


def score_split(split: str, sources: list[str], gold: dict[str, list[Labelled]],
                predicted: dict[str, list[Labelled]]) -> Report:
    report = Report(split, len(sources))
    for source in sources:
        g, p = gold[source], predicted.get(source, [])
        add_scores(report.overall, g, p)
        add_scores(report.any_kind, g, p, same_kind=False)
        for kind in KINDS:
            add_scores(report.per_kind[kind], [q for q in g if q.kind == kind], [q for q in p if q.kind == kind])
    return report


def format_report(report: Report) -> str:
    rows = [f"{report.split}: {report.articles} articles",
            f"  {'':11} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}   {'correct':>7} {'unknown':>7} "
            f"{'wrong':>5} {'spk recall':>10} {'wrong %':>7}"]
    for name, s in [("all kinds", report.overall), *report.per_kind.items(), ("kind-blind", report.any_kind)]:
        rows.append(f"  {name:11} {s.gold:5d} {s.predicted:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                    f"{s.correct:7d} {s.unknown:7d} {s.wrong:5d} {s.speaker_recall:10.3f} {100 * s.wrong_share:6.1f}%")
    return "\n".join(rows)


def speaker_intervals(sources: list[str], gold: dict[str, list[Labelled]], predicted: dict[str, list[Labelled]],
                      resamples: int = 1000) -> dict[str, Interval]:
    """95% bootstrap intervals, over the articles, of speaker recall and of the wrong share: with
    20 test articles, one article of many quotes can move either by several points."""
    per_article = []
    for source in sources:
        scores = Scores()
        add_scores(scores, gold[source], predicted.get(source, []))
        per_article.append(scores)
    return {"speaker recall": ratio_interval([s.known_correct for s in per_article], [s.known for s in per_article],
                                             resamples),
            "wrong share": ratio_interval([s.wrong for s in per_article], [s.matched for s in per_article], resamples)}


def run(labels: Path, shared: Path, split: str = "all", print_fn: Callable[[str], None] = print,
        bootstrap: int = 0) -> list[Report]:
    """Score the chosen split(s) ("dev", "test" or "all": all three) and print them, each with
    `speaker_intervals` from ``bootstrap`` resamples when that is not 0."""
    labelled = load_labels(labels, shared)
    splits = split_sources(list(labelled))
    names = ["dev", "test", "all"] if split == "all" else [split]
    sources = {s for name in names for s in splits[name]}
    predicted = predict({s: labelled[s][0] for s in labelled if s in sources})
    gold = {s: quotes for s, (_, quotes) in labelled.items()}
    reports = [score_split(name, splits[name], gold, predicted) for name in names]
    for report in reports:
        print_fn(format_report(report))
        if bootstrap:
            intervals = speaker_intervals(splits[report.split], gold, predicted, bootstrap)
            recall, wrong = intervals["speaker recall"], intervals["wrong share"]
            print_fn(f"  95% intervals ({bootstrap} resamples of the articles): speaker recall "
                     f"{recall.low:.3f}-{recall.high:.3f}, wrong speakers {100 * wrong.low:.1f}%-{100 * wrong.high:.1f}%")
    return reports
