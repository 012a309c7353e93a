"""Folding a name into a key, so spellings, scripts and Russian case forms of one name meet.

``fold`` transliterates Cyrillic (Russian, Ukrainian and Belarusian letters) with one fixed table,
drops diacritics, case, dots and apostrophes, and spells a few British words the American way:
"U.S." and "US", "Tsikhanoŭskaya" and "Tsikhanouskaya", "Лукашенко" and "Lukashenko", "Organisation"
and "Organization" give the same key. Keys are never shown; the alias
table decides which key belongs to which canonical name.

Russian declines names ("Путин", "Путина", "Путиным"), and the only Russian lemmatiser at hand
(pymorphy2, under natasha) no longer imports on Python 3.11. ``stem`` therefore cuts one case
ending off each Cyrillic word; applied to both the mention and the table entry it makes the
forms of one name meet, which is all a key needs.
"""

from __future__ import annotations

import re
import unicodedata

#: One Latin spelling per Cyrillic letter, close to the common English-language news spelling.
#: Keys only need to be consistent; the alias table lists the spellings people actually use.
CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}

#: Russian case endings of nouns and adjectives, and the Ukrainian ones written with і/ї ("Росії",
#: "Франції", "Україні"), longest first so "-ого" wins over "-о".
#: "-ов"/"-ев" are left out on purpose: they end surnames (Lavrov, Peskov) in the nominative.
RUSSIAN_ENDINGS: tuple[str, ...] = tuple(sorted(
    ("ией", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая",
     "яя", "ое", "ее", "ом", "ем", "ым", "им", "ах", "ях", "ую", "юю", "ии", "ия", "ие", "ию", "ью",
     "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "й",
     "ією", "ії", "ія", "ію", "ої", "ою", "і", "ї"),
    key=len, reverse=True))

#: A stem shorter than this is left whole (США, ЕС): cutting it would merge unrelated names.
MIN_STEM = 3

_CYRILLIC_WORD = re.compile(r"[а-яёіїєґў]", re.IGNORECASE)
_DROPPED = re.compile(r"[.'’ʼ`]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
#: British spellings frequent in organisations' names, and the American ones keys use instead.
_AMERICAN = {"organisation": "organization", "organisations": "organizations", "defence": "defense",
             "centre": "center", "programme": "program"}
_BRITISH = re.compile(r"\b(?:" + "|".join(_AMERICAN) + r")\b")


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic ones (lowercased); other characters pass unchanged."""
    return "".join(CYRILLIC.get(char, char) for char in text.lower())


def fold(name: str) -> str:
    """The key of a name: ASCII, lowercase, words separated by single spaces, British spellings
    American ("World Health Organisation", "Ministry of Defence")."""
    ascii_name = unicodedata.normalize("NFKD", transliterate(name)).encode("ascii", "ignore").decode()
    folded = _SEPARATORS.sub(" ", _DROPPED.sub("", ascii_name)).strip()
    return _BRITISH.sub(lambda m: _AMERICAN[m.group()], folded)


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC_WORD.search(text))


def stem(name: str) -> str:
    """``name`` with one Russian case ending cut off each Cyrillic word."""
    return " ".join(_stem_word(word) for word in name.split())


def _stem_word(word: str) -> str:
    if not is_cyrillic(word):
        return word
    lower = word.lower()
    for ending in RUSSIAN_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return lower[: -len(ending)]
    return lower


def keys(name: str) -> list[str]:
    """The keys to look a name up by, exact first: the stemmed key only for Cyrillic names."""
    exact = fold(name)
    if not is_cyrillic(name):
        return [exact]
    stemmed = fold(stem(name))
    return [exact] if stemmed == exact else [exact, stemmed]
