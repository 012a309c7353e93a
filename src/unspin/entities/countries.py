"""Every country's names in English, Russian and Ukrainian, from ISO 3166 as pycountry ships it.

A Russian article's "Франции" and an English one's "France" must meet under one canonical name, or
the corpus view counts two countries. The hand-written alias table lists the few places this domain
argues about; the ISO 3166 list and its translations (the iso-codes project, shipped with pycountry)
name the rest. Countries are looked up for mentions the NER model found, never searched in the text:
"Chad" and "Jordan" are people too.
"""

from __future__ import annotations

import gettext
from collections import Counter
from functools import lru_cache

from unspin.entities.aliases import Entry

#: The translations read beside the English names (the languages the entities component reads, and Ukrainian).
LANGUAGES = ("ru", "uk")


@lru_cache(maxsize=1)
def country_entries() -> tuple[Entry, ...]:
    """One LOC entry per country: its short English name as canonical; its ISO, official and common
    names and their translations as aliases."""
    import pycountry

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
                    for language in LANGUAGES]
    countries = list(pycountry.countries)
    heads = Counter(_short_name(c).split(",")[0] for c in countries)
    entries = []
    for country in countries:
        canonical = _canonical(country, heads)
        if canonical is None:
            continue
        english = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        translated = [t.gettext(name) for t in translations for name in english if name]
        aliases = [_without_the(name) for name in (*english, *translated) if name and "," not in name]
        entries.append(Entry(canonical, "LOC", tuple(dict.fromkeys([canonical, *aliases])), in_text=False))
    return tuple(entries)


def _short_name(country) -> str:  # noqa: ANN001 - a pycountry record
    return getattr(country, "common_name", None) or country.name


def _canonical(country, heads: Counter) -> str | None:  # noqa: ANN001 - a pycountry record
    """The short name; for ISO's inverted names ("Palestine, State of") the part before the comma
    when no other country shares it, else the official name ("British Virgin Islands"), else None
    (the two Congos: the hand table names the one news means)."""
    name = _short_name(country)
    if "," not in name:
        return name
    head = name.split(",")[0]
    if heads[head] == 1:
        return head
    official = getattr(country, "official_name", None)
    return _without_the(official) if official and "," not in official else None


def _without_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name
