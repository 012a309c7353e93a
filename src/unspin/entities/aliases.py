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
    ``keep_aliases`` an override also takes the aliases of a base line it replaces when that line is
    the same entity: of the same type, its canonical name one of the override's aliases (the hand
    table's "Belarus" keeps ISO's "Republic of Belarus"). A base line that shares keys with several
    overrides is dropped."""
    owner = {key: i for i, entry in enumerate(overrides) for alias in entry.aliases for key in keys(alias)}
    extra: dict[int, list[str]] = {}
    kept = []
    for entry in base:
        hits = {owner[key] for alias in entry.aliases for key in keys(alias) if key in owner}
        if not hits:
            kept.append(entry)
            continue
        same = owner.get(keys(entry.canonical)[0])
        if keep_aliases and hits == {same} and overrides[same].type == entry.type:
            extra.setdefault(same, []).extend(entry.aliases)
    joined = [replace(entry, aliases=tuple(dict.fromkeys([*entry.aliases, *extra.get(i, ())])))
              for i, entry in enumerate(overrides)]
    return [*joined, *kept]


class AliasTable:
    """Looks names up by key, and finds the aliases written verbatim in a text."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key = {keys(alias)[0]: entry for entry in reversed(entries) for alias in entry.aliases}
        # Cyrillic stems are short ("Дания" -> "дан"): a stem names an entry only when no other entry
        # has it as a stem or a key ("Нигерии" is Nigeria's or, as "Нигера", Niger's), and only
        # Cyrillic names are looked up by stem
        stems: dict[str, set[Entry]] = {}
        for entry in entries:
            for alias in entry.aliases:
                for key in keys(alias)[1:]:
                    stems.setdefault(key, set()).add(entry)
        self._by_stem = {key: next(iter(owners)) for key, owners in stems.items()
                         if len(owners | ({self._by_key[key]} if key in self._by_key else set())) == 1}
        self._ambiguous = {key for key in stems if key not in self._by_stem}
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

    def lookup(self, name: str, type_: str | None = None) -> Entry | None:
        """The entry ``name`` is an alias of, by exact key first, then (a Cyrillic name) by its stem.

        Given the type the model found, an entry of the country list (``in_text`` off) names only a
        place: "Jordan" scoring for the Bulls and "Israel" Adesanya stay people."""
        exact, *stemmed = keys(name)
        entry = self._by_key.get(exact)
        for key in stemmed:
            entry = entry or self._by_stem.get(key) or (self._by_key.get(key) if key not in self._ambiguous else None)
        if entry is not None and not entry.in_text and type_ not in (None, "LOC"):
            return None
        return entry

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Aliases written in ``text`` as in the table (case-sensitive, whole words).

        Cyrillic aliases are found in the nominative only; the NER model finds other case forms."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._surface[m.group()]) for m in self._pattern.finditer(text)]

