"""From raw NER mentions to entities with one canonical name each, within one article.

Four steps, each a function below:

1. ``tidy``: trim what is not part of the name: quotes and brackets at the edges, anything from
   a line break or an opening bracket on (the models run over them), a possessive ('s), a
   leading "the" ("The" before two words or more), and for people leading titles ("President", "Mr.")
   and an owner before them ("U2's Bono" is Bono).
2. ``is_name``: drop what is not a name: descriptions ("the White House imposter": a lowercase
   word no name contains), pronouns and titles alone, and demonyms the model took for places
   ("Ukrainian"). Table aliases always pass ("von der Leyen").
3. ``add_table_matches``: add the table's aliases written in the text that the model missed
   (en_core_web_sm, trained on older news, does not know "Kyiv").
4. ``canonicalise``: give each mention its entity's canonical name. A headline's name that ran on
   into a verb is first cut back to a name the body uses (``trim_headline_run_ons``). A table alias
   (the hand table over every country's names, see countries.py) gives the table's name; a full
   name not in the table gives its table name through the surname when the first names start alike
   (Aleksandr ~ Alexander); a surname alone (also one the model typed as an organisation) takes the
   full name of the nearest preceding (else first following) person in the article with that
   surname, or the table's name, or the one person in the article with that first name ("Emmanuel"
   after "Macron"). Other mentions group by key, an acronym with the one longer name it spells
   ("GOA", "Gun Owners of America"), named by their most complete, most frequent form.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from unspin.entities.aliases import AliasTable, Entry
from unspin.entities.fold import is_cyrillic, keys
from unspin.entities.ner import Mention

#: Lowercase words that may stand inside an English name ("Bank of England", "Ursula von der Leyen").
CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "&", "de", "da", "del", "der", "den", "di", "du",
                        "la", "le", "van", "von", "bin", "ibn", "al", "el", "y"})
#: Words before a person's name that are not part of it (compared lowercased, without a final dot).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "president", "vice", "prime", "minister",
                    "foreign", "defence", "defense", "secretary", "general", "gen", "senator", "sen", "rep",
                    "chancellor", "premier", "pope", "king", "queen", "prince", "princess", "lord", "lady",
                    "spokesman", "spokeswoman", "spokesperson", "ambassador", "commander", "colonel", "col",
                    "lieutenant", "lt", "sgt", "captain", "capt", "mayor", "governor", "gov", "chairman",
                    "leader", "director", "deputy", "former", "ex", "late", "comrade", "professor", "prof",
                    "президент", "премьер", "министр", "господин", "госпожа", "глава", "спикер"})
PRONOUNS = frozenset({"i", "he", "she", "it", "we", "you", "they", "him", "her", "them", "his", "its", "their",
                      "this", "that", "who", "он", "она", "оно", "они"})
NOT_NAMES = TITLES | PRONOUNS
#: Last words of a name that a shorter name does not include ("Donald Trump Jr" is not "Donald Trump").
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_LOWER_SUFFIXES = frozenset(suffix.lower() for suffix in NAME_SUFFIXES)
LEADING = frozenset({"the"})
#: Endings of nationality adjectives ("Ukrainian", "Chinese", "Polish"), which en_core_web_sm
#: sometimes labels GPE: a one-word place ending so is dropped. ("-ean" is not: "Caribbean".)
DEMONYM_ENDINGS = ("ian", "ese", "ish")
_EDGE = " \t\n\"'`«»“”„‘’()[]{}<>,;:!?*–—-_/|"
_POSSESSIVES = ("'s", "’s", "'S", "’S")
#: A name never runs on past its line or into a bracket ("Закон и справедливость” (PiS").
_BREAKS = "\n("


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention in the article, typed PER, ORG or LOC, with its entity's canonical name."""

    start: int
    end: int
    type: str
    canonical: str


def resolve(text: str, mentions: list[Mention], table: AliasTable) -> list[Entity]:
    """The entities of one article from its raw NER mentions."""
    tidied = (tidy(text, m) for m in mentions)
    kept = [m for m in tidied if m is not None and is_name(text[m.start : m.end], m.type, table)]
    return canonicalise(text, add_table_matches(kept, table.find(text)), table)


def tidy(text: str, mention: Mention) -> Mention | None:
    """``mention`` without edge punctuation, possessive, leading "the" or (people) titles and owners."""
    start, end = _strip(text, mention.start, _first_break(text, mention.start, mention.end))
    if text.endswith(_POSSESSIVES, start, end):
        start, end = _strip(text, start, end - 2)
    if mention.type == "PER":
        start = max([start, *(i + len(p) + 1 for p in _POSSESSIVES if (i := text.rfind(p + " ", start, end)) != -1)])
    while (space := text.find(" ", start, end)) != -1 and _dropped(text[start:space], mention.type,
                                                                   len(text[space:end].split())):
        start = space + 1
    start, end = _strip(text, start, end)
    return Mention(start, end, mention.type) if start < end else None


def is_name(surface: str, type_: str, table: AliasTable) -> bool:
    """Whether ``surface`` reads as a proper name rather than a description, pronoun or demonym."""
    words = surface.split()
    if table.lookup(surface, type_) is not None:
        return True
    if type_ == "LOC" and len(words) == 1 and surface.endswith(DEMONYM_ENDINGS):
        return False
    if not words or not any(c.isalpha() for c in surface) or all(_bare(w) in NOT_NAMES for w in words):
        return False
    if not _capitalised(words[0]):
        return False
    # Russian capitalises only a name's first word ("Министерство иностранных дел").
    return is_cyrillic(surface) or all(_capitalised(w) or w in CONNECTORS for w in words[1:])


def add_table_matches(mentions: list[Mention], matches: list[tuple[int, int, Entry]]) -> list[Mention]:
    """``mentions`` plus the alias matches that overlap none of them, in text order."""
    added = [Mention(s, e, entry.type) for s, e, entry in matches
             if not any(s < m.end and m.start < e for m in mentions)]
    return sorted([*mentions, *added], key=lambda m: m.start)


def canonicalise(text: str, mentions: list[Mention], table: AliasTable) -> list[Entity]:
    """Each mention with its entity's type and canonical name (see the module docstring)."""
    mentions = trim_headline_run_ons(text, mentions, table)
    surfaces = [text[m.start : m.end] for m in mentions]
    people_surnames = {_key(_surname(s)) for m, s in zip(mentions, surfaces) if m.type == "PER" and len(s.split()) > 1}
    surname = [len(s.split()) == 1 and (m.type == "PER" or (m.type == "ORG" and _key(s) in people_surnames
                                                            and table.lookup(s, m.type) is None))
               for m, s in zip(mentions, surfaces)]
    clusters = [None if alone else _cluster(s, m.type, table) for m, s, alone in zip(mentions, surfaces, surname)]
    people = [(i, s) for i, (m, s) in enumerate(zip(mentions, surfaces)) if m.type == "PER" and not surname[i]]
    full_names = _full_names(people, clusters)
    for i, alone in enumerate(surname):
        if alone:
            clusters[i] = (_by_surname(i, surfaces[i], full_names) or table.lookup(surfaces[i], "PER")
                           or _by_first_name(surfaces[i], surfaces, clusters) or ("name", _key(surfaces[i])))
    clusters = _join_acronyms(mentions, surfaces, clusters, table)
    names = _cluster_names(surfaces, clusters)
    types = _cluster_types(mentions, clusters)
    return [Entity(m.start, m.end, types[c], names[c]) for m, c in zip(mentions, clusters)]


def trim_headline_run_ons(text: str, mentions: list[Mention], table: AliasTable) -> list[Mention]:
    """A headline's person cut back to the name the article uses ("Trump Tougher on Putin" ->
    "Trump", "Pope Francis Denounces ..." -> "Francis"): in Title Case every word is capitalised,
    and the model runs names on into the verb after them. A person of the first line is cut to their
    longest proper prefix that another mention in the body spells out (a full name or its
    surname), never dropping a suffix such as "Jr" and never cutting a name the table knows.
    Organisations are left whole: "Washington Post" is no run-on of "Washington"."""
    line_end = text.find("\n")
    line_end = len(text) if line_end == -1 else line_end
    body = {_key(w) for m in mentions if m.start > line_end
            for w in (text[m.start : m.end], text[m.start : m.end].split()[-1])}
    trimmed = []
    for m in mentions:
        surface = text[m.start : m.end]
        words = list(re.finditer(r"\S+", surface))
        if (m.type == "PER" and m.end <= line_end and len(words) > 1 and _key(surface) not in body
                and words[-1].group().rstrip(".") not in NAME_SUFFIXES and table.lookup(surface, m.type) is None):
            prefix = next((n for n in range(len(words) - 1, 0, -1)
                           if _key(surface[: words[n - 1].end()]) in body), None)
            if prefix is not None:
                m = Mention(m.start, m.start + words[prefix - 1].end(), m.type)
        trimmed.append(m)
    return trimmed


def _join_acronyms(mentions: list[Mention], surfaces: list[str], clusters: list[Cluster],
                   table: AliasTable) -> list[Cluster]:
    """An acronym joins the one longer name of an organisation or place in the article whose
    capitalised words it spells ("GOA" and "Gun Owners of America", "LPR" and "Luhansk People's
    Republic"). Never a person's: Russian capitalises every word of a name, and "ВП" is no Putin."""
    spelled: dict[str, set[Cluster]] = {}
    for mention, surface, cluster in zip(mentions, surfaces, clusters):
        spelling = initials(surface)
        if mention.type != "PER" and len(spelling) >= 2 and len(surface.split()) >= 2:
            spelled.setdefault(spelling, set()).add(cluster)
    joined = []
    for mention, surface, cluster in zip(mentions, surfaces, clusters):
        bare = acronym_of(surface)
        owners = spelled.get(bare, set()) if bare and table.lookup(surface, mention.type) is None else set()
        joined.append(next(iter(owners)) if len(owners) == 1 else cluster)
    return joined


def initials(name: str) -> str:
    """The capitals of a name's capitalised words, the acronym news writes for it ("(The) World Health
    Organization" -> "WHO", "Department of Homeland Security" -> "DHS")."""
    words = name.split()
    words = words[1:] if words[:1] in (["The"], ["the"]) else words
    return "".join(word[0] for word in words if word[:1].isupper())


def acronym_of(text: str) -> str | None:
    """``text`` as an acronym, without its dots and a leading "the" ("the U.N." -> "UN"), if it is one:
    two to six capital letters."""
    bare = text.strip().removeprefix("the ").removeprefix("The ").replace(".", "")
    return bare if bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6 else None


def spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is an acronym that spells the capitalised words of ``name`` ("WHO", "The World
    Health Organization"): one organisation, named either way."""
    bare = acronym_of(acronym)
    return bare is not None and bare == initials(name)


def _cluster(surface: str, type_: str, table: AliasTable) -> Cluster:
    """The table entry of a name (people's full names also through the surname), else its key."""
    entry = table.lookup(surface, type_)
    words = surface.split()
    if entry is None and type_ == "PER" and len(words) > 1:
        by_surname = table.lookup(words[-1], type_)
        if by_surname is not None and by_surname.type == "PER" and _initial(by_surname.canonical) == _initial(surface):
            entry = by_surname
    if entry is not None:
        return entry
    if type_ == "PER" and len(words) > 1:
        return ("person", _key(words[0]), _key(words[-1]))
    return ("name", _key(surface))


def split_suffix(words: list[str]) -> tuple[list[str], str]:
    """A name's words without a last suffix, and the suffix ("Edward E. Curtis IV": the surname is Curtis)."""
    if len(words) >= 2 and words[-1].rstrip(".").lower() in _LOWER_SUFFIXES:
        return words[:-1], words[-1]
    return words, ""


def _surname(name: str) -> str:
    return split_suffix(name.split())[0][-1]


def _full_names(people: list[tuple[int, str]], clusters: list[Cluster | None]) -> list[tuple[int, str, Cluster]]:
    """(index, surname key, cluster) of the article's full names of people. A name with a suffix gives its
    surname only when no name without one shares it: "Trump" is "Donald Trump" beside "Donald Trump Jr"."""
    plain = {_key(s.split()[-1]) for _, s in people}
    keyed = [(i, _key(_surname(s)), clusters[i]) for i, s in people]
    return [(i, key, cluster) for (i, key, cluster), (_, s) in zip(keyed, people)
            if key == _key(s.split()[-1]) or key not in plain]


def _by_surname(i: int, surface: str, full_names: list[tuple[int, str, Cluster]]) -> Cluster | None:
    """The cluster of the nearest preceding full name with this surname, else the first following."""
    same = [(j, cluster) for j, surname, cluster in full_names if surname == _key(surface)]
    before = [cluster for j, cluster in same if j < i]
    return before[-1] if before else (same[0][1] if same else None)


def _by_first_name(surface: str, surfaces: list[str], clusters: list[Cluster | None]) -> Cluster | None:
    """The one person cluster in the article whose first name this is (as the table's canonical
    name or one of the article's own full names gives it: "Йенс" for "Йенс Столтенберг"), if exactly one."""
    key = _key(surface)
    people = {c for c in clusters if isinstance(c, Entry) and c.type == "PER" and _first_key(c.canonical) == key}
    people |= {c for c in clusters if isinstance(c, tuple) and c[0] == "person" and c[1] == key}
    people |= {c for s, c in zip(surfaces, clusters) if isinstance(c, Entry) and c.type == "PER"
               and len(s.split()) > 1 and _first_key(s) == key}
    return people.pop() if len(people) == 1 else None


def _cluster_names(surfaces: list[str], clusters: list[Cluster]) -> dict[Cluster, str]:
    """The table's canonical name, else the most complete, then most frequent, then first form."""
    names: dict[Cluster, str] = {}
    for cluster in dict.fromkeys(clusters):
        if isinstance(cluster, Entry):
            names[cluster] = cluster.canonical
            continue
        forms = Counter(" ".join(s.split()) for s, c in zip(surfaces, clusters) if c == cluster)
        names[cluster] = max(forms, key=lambda form: (len(form.split()), forms[form]))
    return names


def _cluster_types(mentions: list[Mention], clusters: list[Cluster]) -> dict[Cluster, str]:
    """The table's type, else the type the model gave most often (the first on a tie)."""
    types: dict[Cluster, str] = {}
    for cluster in dict.fromkeys(clusters):
        if isinstance(cluster, Entry):
            types[cluster] = cluster.type
        else:
            types[cluster] = Counter(m.type for m, c in zip(mentions, clusters) if c == cluster).most_common(1)[0][0]
    return types


def _key(name: str) -> str:
    """The key mentions of one entity share: stemmed for Cyrillic, so case forms meet."""
    return keys(name)[-1]


def _first_key(name: str) -> str:
    return _key(name.split()[0])


def _initial(name: str) -> str:
    return _first_key(name)[:1]


def _first_break(text: str, start: int, end: int) -> int:
    """Where a name must end: at the first line break or opening bracket, else at ``end``."""
    return min((i for i in (text.find(c, start, end) for c in _BREAKS) if i != -1), default=end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _dropped(word: str, type_: str, words_after: int) -> bool:
    """A leading word that is no part of the name: "the" (capitalised only before two words or more:
    "The World Health Organization", but "The Hague"), a title."""
    return word in LEADING or (word == "The" and words_after >= 2) or (type_ == "PER" and _bare(word) in TITLES)


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()
