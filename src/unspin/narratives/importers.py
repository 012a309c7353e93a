"""Readers that turn catalogue files into `Case`s, reporting bad rows instead of failing.

Formats:

* ``euvsdisinfo``: the EUvsDisinfo folder, or one of its two files.
  ``cases_2015-2021_titles.csv`` (comma-separated; ``id`` is the case address, used as case id;
  multi-valued fields joined by ``+``) and ``cases_2015-2017_full.csv`` (``;``-separated, quoted,
  with ``summary`` and ``disproof`` but no address). A full row is merged into the first titles case
  with the same normalised title; rows that match none become cases of their own with the stable
  id ``euvsdisinfo:full:<sha1 of normalised title and summary>``. Repeated full rows add nothing.
* ``csv``: header ``id,title,summary,date,keywords,url`` (``keywords`` joined by ``+`` or ``|``),
  optionally ``examples``: claims already attributed to the case, joined by ``|``.
* ``jsonl``: one object a line with the same keys (``keywords`` and ``examples`` a list or a joined string).

Examples are what an analyst has seen said for a narrative: concrete quotes, where a title is an
abstract label. They are embedded and searched beside the title (see `store`).

Every reader returns ``(cases, problems)``; a problem is a `RowProblem` naming file, line and reason.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from unspin.narratives.store import Case

TITLES_FILE = "cases_2015-2021_titles.csv"
FULL_FILE = "cases_2015-2017_full.csv"
FORMATS = ("euvsdisinfo", "csv", "jsonl")

csv.field_size_limit(10_000_000)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was skipped: where it is and why."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})


def normalise_title(title: str) -> str:
    """Lower case, unified quotes and dashes, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _split(value: str | None, seps: str = "+") -> list[str]:
    if not value:
        return []
    parts = re.split("[" + re.escape(seps) + "]", value)
    return [p.strip() for p in parts if p.strip()]


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d")


def parse_date(value: str | None) -> str | None:
    """ISO date from the forms the catalogues use; None for an empty value; ValueError otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value[:10], fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r}")


def _csv_records(path: Path, delimiter: str = ","):
    """(first line number, row dict or None, problem text) for each record of a CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield 1, None, f"unreadable header: {error}"
            return
        header = [h.strip() for h in header]
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield line, None, f"malformed CSV: {error}"
                line = reader.line_num + 1
                continue
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield start, None, f"expected {len(header)} fields, got {len(row)}"
                continue
            yield start, dict(zip(header, row)), None


def _require_columns(path: Path, header_row: dict | None, needed: tuple[str, ...]) -> None:
    if header_row is None:
        return
    missing = [c for c in needed if c not in header_row]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")


def read_euvsdisinfo_titles(path: Path) -> tuple[list[Case], list[RowProblem]]:
    cases: list[Case] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for line, row, problem in _csv_records(path):
        if row is None:
            problems.append(RowProblem(str(path), line, problem))
            continue
        _require_columns(path, row, ("id", "title"))
        case_id, title = row.get("id", "").strip(), row.get("title", "").strip()
        if not case_id or not title:
            problems.append(RowProblem(str(path), line, "empty id or title"))
            continue
        if case_id in seen:
            problems.append(RowProblem(str(path), line, f"duplicate id {case_id}"))
            continue
        try:
            date = parse_date(row.get("date"))
        except ValueError as error:
            problems.append(RowProblem(str(path), line, str(error)))
            continue
        seen.add(case_id)
        cases.append(Case(
            case_id, title, date=date, keywords=_split(row.get("keywords")), countries=_split(row.get("countries")),
            languages=_split(row.get("languages")), outlets=_split(row.get("outlets")),
            url=case_id if case_id.startswith("http") else None,
        ))
    return cases, problems


def read_euvsdisinfo_full(path: Path) -> tuple[list[Case], list[RowProblem]]:
    """Cases of the 2015-2017 file, one per row (repeats included, in file order)."""
    cases: list[Case] = []
    problems: list[RowProblem] = []
    for line, row, problem in _csv_records(path, delimiter=";"):
        if row is None:
            problems.append(RowProblem(str(path), line, problem))
            continue
        _require_columns(path, row, ("title", "summary"))
        title = row.get("title", "").strip()
        if not title:
            problems.append(RowProblem(str(path), line, "empty title"))
            continue
        try:
            date = parse_date(row.get("date"))
        except ValueError as error:
            problems.append(RowProblem(str(path), line, str(error)))
            continue
        summary = row.get("summary", "").strip()
        digest = hashlib.sha1(f"{normalise_title(title)}\0{summary}".encode()).hexdigest()[:12]
        cases.append(Case(
            f"euvsdisinfo:full:{digest}", title, summary, row.get("disproof", "").strip(), date,
            keywords=_split(row.get("keywords"), ","), countries=_split(row.get("origin"), ","),
            languages=_split(row.get("language"), ","), outlets=_split(row.get("outlet"), ","),
        ))
    return cases, problems


def _is_truncated(title: str) -> bool:
    return title.rstrip().endswith(("…", "..."))


def _prefix_key(normalised: str) -> str:
    return " ".join(normalised.split()[:5])


def merge_full_into_titles(titles: list[Case], full: list[Case]) -> list[Case]:
    """Titles cases with summary/disproof from the full file; unmatched full rows appended once.

    A full row meets a titles case when their normalised titles are equal, or when the titles case
    is a prefix of it: the titles file cuts long claims ("... and…") or keeps their first sentence.
    Among prefix candidates one with the same date wins, then the first in file order.
    """
    exact: dict[str, Case] = {}
    by_prefix: dict[str, list[tuple[str, Case]]] = {}
    for case in titles:
        norm = normalise_title(case.title)
        exact.setdefault(norm, case)
        words = norm.split()
        if _is_truncated(case.title):
            words = words[:-1]  # the cut may fall inside the last word
        if len(words) >= 4:
            head = " ".join(words)
            by_prefix.setdefault(_prefix_key(head), []).append((head, case))
    merged = list(titles)
    own: set[str] = set()
    for row in full:
        norm = normalise_title(row.title)
        target = exact.get(norm)
        if target is None:
            candidates = [c for head, c in by_prefix.get(_prefix_key(norm), [])
                          if norm == head or norm.startswith(head + " ")]
            same_day = [c for c in candidates if c.date == row.date]
            target = (same_day or candidates or [None])[0]
        if target is not None:
            if not target.summary:
                target.summary, target.disproof = row.summary, row.disproof
            continue
        if row.case_id in own:
            continue
        own.add(row.case_id)
        exact.setdefault(norm, row)
        merged.append(row)
    return merged


def read_euvsdisinfo(path: Path) -> tuple[list[Case], list[RowProblem]]:
    path = Path(path)
    if path.is_dir():
        titles_path, full_path = path / TITLES_FILE, path / FULL_FILE
    elif path.name == FULL_FILE or path.open(encoding="utf-8-sig", errors="replace").readline().count(";") > 5:
        titles_path, full_path = None, path
    else:
        titles_path, full_path = path, None
    titles, problems = ([], [])
    if titles_path is not None and titles_path.exists():
        titles, problems = read_euvsdisinfo_titles(titles_path)
    full: list[Case] = []
    if full_path is not None and full_path.exists():
        full, more = read_euvsdisinfo_full(full_path)
        problems += more
    if titles_path is None and full_path is None or (not titles and not full and not problems):
        raise FileNotFoundError(f"no EUvsDisinfo files found at {path}")
    return merge_full_into_titles(titles, full), problems


def _list_field(value: object, seps: str) -> list[str]:
    """A list field of a csv/jsonl row: a JSON list as is, or a string joined by ``seps``."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return _split(value, seps)


def _case_from_mapping(row: dict) -> Case:
    case_id = str(row.get("id") or "").strip()
    title = str(row.get("title") or "").strip()
    if not case_id or not title:
        raise ValueError("empty id or title")
    lists = {key: _list_field(row.get(key), "+|") for key in ("keywords", "countries", "languages", "outlets")}
    examples = list(dict.fromkeys(_list_field(row.get("examples"), "|")))  # a quote listed twice counts once
    url = str(row.get("url") or "").strip() or None
    return Case(case_id, title, str(row.get("summary") or "").strip(), str(row.get("disproof") or "").strip(),
                parse_date(row.get("date")), url=url, examples=examples, **lists)


def _dedupe(cases_lines: list[tuple[int, Case]], path: Path, problems: list[RowProblem]) -> list[Case]:
    seen: set[str] = set()
    out = []
    for line, case in cases_lines:
        if case.case_id in seen:
            problems.append(RowProblem(str(path), line, f"duplicate id {case.case_id}"))
            continue
        seen.add(case.case_id)
        out.append(case)
    return out


def read_csv(path: Path) -> tuple[list[Case], list[RowProblem]]:
    path = Path(path)
    problems: list[RowProblem] = []
    found: list[tuple[int, Case]] = []
    for line, row, problem in _csv_records(path):
        if row is None:
            problems.append(RowProblem(str(path), line, problem))
            continue
        _require_columns(path, row, ("id", "title"))
        try:
            found.append((line, _case_from_mapping(row)))
        except ValueError as error:
            problems.append(RowProblem(str(path), line, str(error)))
    return _dedupe(found, path, problems), problems


def read_jsonl(path: Path) -> tuple[list[Case], list[RowProblem]]:
    path = Path(path)
    problems: list[RowProblem] = []
    found: list[tuple[int, Case]] = []
    with path.open(encoding="utf-8-sig") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
                found.append((line_number, _case_from_mapping(row)))
            except (ValueError, TypeError) as error:
                problems.append(RowProblem(str(path), line_number, str(error)))
    return _dedupe(found, path, problems), problems


READERS = {"euvsdisinfo": read_euvsdisinfo, "csv": read_csv, "jsonl": read_jsonl}


def read_catalogue(path: Path | str, fmt: str) -> tuple[list[Case], list[RowProblem]]:
    """Cases and skipped-row problems of a catalogue file in format ``fmt`` (see FORMATS)."""
    if fmt not in READERS:
        raise ValueError(f"unknown catalogue format {fmt!r} (known: {', '.join(FORMATS)})")
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"catalogue file not found: {path}")
    return READERS[fmt](path)
