"""The alias table: which spellings name which canonical entity (see aliases.tsv for the format).

A hand-written table rather than a learned linker: the names that matter in this domain are few,
their transliterations are known, and a reader can check and extend a table line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from unspin.entities.fold import keys

TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table."""

    canonical: str
    type: str
    aliases: tuple[str, ...]


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


def merge(base: list[Entry], overrides: list[Entry]) -> list[Entry]:
    """``overrides`` plus the ``base`` lines that share no alias key with any of them."""
    taken = {key for entry in overrides for alias in entry.aliases for key in keys(alias)}
    kept = [e for e in base if not any(key in taken for alias in e.aliases for key in keys(alias))]
    return [*overrides, *kept]


class AliasTable:
    """Looks names up by key, and finds the aliases written verbatim in a text."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key = {key: entry for entry in reversed(entries) for alias in entry.aliases for key in keys(alias)}
        surface = sorted({alias for entry in entries for alias in entry.aliases}, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, surface)) + r")(?!\w)") if surface else None
        self._surface = {alias: entry for entry in reversed(entries) for alias in entry.aliases}

    @classmethod
    def load(cls, user_path: str | Path | None = None) -> AliasTable:
        """The shipped table, with the user's table (if any) merged over it."""
        entries = read_entries(shipped_path())
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

