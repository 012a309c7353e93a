"""The alias table: which spellings name which canonical entity (see aliases.tsv for the format).

A hand-written table rather than a learned linker: the names that matter in this domain are few,
their transliterations are known, and a reader can check and extend a table line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

from unspin.entities.fold import keys

TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table. ``in_text``: also search the text for the aliases as written (hand
    lines); off for the generated country list, which only names mentions the NER model found."""

    canonical: str
    type: str
    aliases: tuple[str, ...]
    in_text: bool = True


def shipped_path() -> Path:
    return Path(str(files("unspin.entities").joinpath("aliases.tsv")))


def read_entries(path: str | Path) -> list[Entry]:
    """The lines of one table file; a malformed line raises ValueError naming file and line."""
    entries = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 3 or columns[1] not in TYPES or not columns[0].strip():
            raise ValueError(f"{path}:{number}: expected canonical<TAB>PER|ORG|LOC<TAB>alias|alias|...")
        canonical = columns[0].strip()
        aliases = [a.strip() for a in columns[2].split("|") if a.strip()]
        entries.append(Entry(canonical, columns[1], tuple(dict.fromkeys([canonical, *aliases]))))
    return entries


def merge(base: list[Entry], overrides: list[Entry], keep_aliases: bool = False) -> list[Entry]:
    """``overrides`` plus the ``base`` lines that share no alias key with any of them. With
    ``keep_aliases`` an override also takes the aliases of the base lines it replaces (the hand
    table's "Belarus" keeps ISO's "Republic of Belarus")."""
    owner = {key: i for i, entry in enumerate(overrides) for alias in entry.aliases for key in keys(alias)}
    extra: dict[int, list[str]] = {}
    kept = []
    for entry in base:
        hits = {owner[key] for alias in entry.aliases for key in keys(alias) if key in owner}
        if not hits:
            kept.append(entry)
        elif keep_aliases and len(hits) == 1:
            extra.setdefault(hits.pop(), []).extend(entry.aliases)
    joined = [replace(entry, aliases=tuple(dict.fromkeys([*entry.aliases, *extra.get(i, ())])))
              for i, entry in enumerate(overrides)]
    return [*joined, *kept]


class AliasTable:
    """Looks names up by key, and finds the aliases written verbatim in a text."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key = {key: entry for entry in reversed(entries) for alias in entry.aliases for key in keys(alias)}
        surface = sorted({alias for entry in entries if entry.in_text for alias in entry.aliases}, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, surface)) + r")(?!\w)") if surface else None
        self._surface = {alias: entry for entry in reversed(entries) if entry.in_text for alias in entry.aliases}

    @classmethod
    def load(cls, user_path: str | Path | None = None) -> AliasTable:
        """The shipped table over the country list, with the user's table (if any) merged over both."""
        from unspin.entities.countries import country_entries

        entries = merge(list(country_entries()), read_entries(shipped_path()), keep_aliases=True)
        if user_path is not None:
            entries = merge(entries, read_entries(user_path))
        return cls(entries)

    def lookup(self, name: str) -> Entry | None:
        """The entry ``name`` is an alias of, by exact key first, then (Cyrillic) by stem."""
        for key in keys(name):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Aliases written in ``text`` as in the table (case-sensitive, whole words).

        Cyrillic aliases are found in the nominative only; the NER model finds other case forms."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._surface[m.group()]) for m in self._pattern.finditer(text)]

