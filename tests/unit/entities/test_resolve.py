"""Resolution on hand-made mentions: no model needed."""

import pytest

from unspin.entities.aliases import AliasTable
from unspin.entities.ner import Mention
from unspin.entities.resolve import is_name, resolve, tidy


@pytest.fixture(scope="module")
def table():
    return AliasTable.load()


def mention(text: str, surface: str, type_: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), type_)


def rows(text, entities):
    return [(text[e.start : e.end], e.type, e.canonical) for e in entities]


def test_tidy_trims_possessive_the_and_titles():
    text = "said the European Union's envoy and President Vladimir Putin’s aide"
    eu = tidy(text, mention(text, "the European Union's", "ORG"))
    putin = tidy(text, mention(text, "President Vladimir Putin’s", "PER"))
    assert text[eu.start : eu.end] == "European Union"
    assert text[putin.start : putin.end] == "Vladimir Putin"


def test_tidy_drops_the_owner_before_a_persons_name():
    text = "said U2’s Bono and Russia's Sergei Lavrov"
    bono = tidy(text, mention(text, "U2’s Bono", "PER"))
    lavrov = tidy(text, mention(text, "Russia's Sergei Lavrov", "PER"))
    assert (text[bono.start : bono.end], text[lavrov.start : lavrov.end]) == ("Bono", "Sergei Lavrov")


def test_tidy_stops_a_name_at_the_end_of_its_line():
    text = "Chigrinets Roman Pavlovich\nIdentity of a soldier"
    name = tidy(text, Mention(0, text.index(" of"), "PER"))
    assert text[name.start : name.end] == "Chigrinets Roman Pavlovich"


def test_tidy_stops_a_name_at_an_opening_bracket():
    text = "партия “Закон и справедливость” (PiS) чистит ряды"
    name = tidy(text, mention(text, "Закон и справедливость” (PiS", "ORG"))
    assert text[name.start : name.end] == "Закон и справедливость"


def test_tidy_keeps_a_capital_the_that_belongs_to_the_name():
    text = "talks in The Hague"
    hague = tidy(text, mention(text, "The Hague", "LOC"))
    assert text[hague.start : hague.end] == "The Hague"


@pytest.mark.parametrize(("surface", "type_"), [
    ("the White House imposter", "PER"), ("White House imposter", "ORG"), ("He", "PER"), ("President", "PER"),
    ("Mr.", "PER"), ("the minister", "PER"), ("2024", "ORG"), ("Ukrainian", "LOC"), ("Polish", "LOC")])
def test_descriptions_pronouns_titles_and_demonyms_are_not_names(table, surface, type_):
    assert not is_name(surface, type_, table)


@pytest.mark.parametrize(("surface", "type_"), [
    ("Bank of England", "ORG"), ("Ursula von der Leyen", "PER"), ("von der Leyen", "PER"),
    ("Министерство иностранных дел", "ORG"), ("NATO", "ORG"), ("Caribbean", "LOC"), ("Christian", "PER")])
def test_names_with_lowercase_connectors_are_names(table, surface, type_):
    assert is_name(surface, type_, table)


def test_surname_takes_the_nearest_preceding_full_name(table):
    text = "Joe Biden spoke. Biden left. Hunter Biden stayed. Biden smiled."
    mentions = [mention(text, "Joe Biden", "PER"), mention(text, "Biden", "PER", 1),
                mention(text, "Hunter Biden", "PER"), mention(text, "Biden", "PER", 3)]
    assert [e.canonical for e in resolve(text, mentions, table)] == ["Joe Biden", "Joe Biden", "Hunter Biden",
                                                                        "Hunter Biden"]


def test_surname_of_a_full_name_with_a_suffix(table):
    text = "Edward E. Curtis IV wrote a book. Curtis said so. Donald Trump met Donald Trump Jr. Trump left."
    mentions = [mention(text, w, "PER") for w in ("Edward E. Curtis IV", "Curtis", "Donald Trump", "Donald Trump Jr.")]
    mentions.append(mention(text, "Trump", "PER", 2))
    assert [e.canonical for e in resolve(text, mentions, table)] == [
        "Edward E. Curtis IV", "Edward E. Curtis IV", "Donald Trump", "Donald Trump Jr.", "Donald Trump"]


def test_surname_before_the_full_name_takes_it_too(table):
    text = "Smith denied it. Later, Anna Smith of Acme Corp confirmed."
    mentions = [mention(text, "Smith", "PER"), mention(text, "Anna Smith", "PER"), mention(text, "Acme Corp", "ORG")]
    assert rows(text, resolve(text, mentions, table)) == [
        ("Smith", "PER", "Anna Smith"), ("Anna Smith", "PER", "Anna Smith"), ("Acme Corp", "ORG", "Acme Corp")]


def test_a_first_name_alone_takes_the_one_person_with_that_first_name(table):
    text = "Scholz complained about Macron: Emmanuel negotiated it. Anna Smith and Anna Jones met Boris."
    mentions = [mention(text, w, "PER") for w in ("Scholz", "Macron", "Emmanuel", "Anna Smith", "Anna Jones", "Boris")]
    assert [e.canonical for e in resolve(text, mentions, table)] == [
        "Olaf Scholz", "Emmanuel Macron", "Emmanuel Macron", "Anna Smith", "Anna Jones", "Boris"]


def test_full_name_resolves_through_the_surname_only_when_first_names_agree(table):
    text = "Aliaksandar Lukashenko and Viktor Lukashenko met."
    mentions = [mention(text, "Aliaksandar Lukashenko", "PER"), mention(text, "Viktor Lukashenko", "PER")]
    assert [e.canonical for e in resolve(text, mentions, table)] == ["Alexander Lukashenko", "Viktor Lukashenko"]


def test_table_type_wins_and_missed_aliases_are_added(table):
    text = "Kiev was shelled; Kyiv says the Kremlin lied."
    entities = resolve(text, [mention(text, "Kiev", "PER")], table)
    assert rows(text, entities) == [("Kiev", "LOC", "Kyiv"), ("Kyiv", "LOC", "Kyiv"), ("Kremlin", "ORG", "Kremlin")]


def test_russian_case_forms_of_an_unknown_name_group_under_one_canonical(table):
    text = "Ивана Петрова уволили. Петрову не сообщили. Иван Петров ушёл."
    mentions = [mention(text, "Ивана Петрова", "PER"), mention(text, "Петрову", "PER"),
                mention(text, "Иван Петров", "PER")]
    assert len({e.canonical for e in resolve(text, mentions, table)}) == 1


def test_every_country_meets_its_russian_and_ukrainian_names(table):
    text = "Во Франции и Германии, у Німеччини"
    entities = resolve(text, [mention(text, "Франции", "LOC"), mention(text, "Германии", "LOC"),
                              mention(text, "Німеччини", "LOC")], table)
    assert [e.canonical for e in entities] == ["France", "Germany", "Germany"]
    assert table.lookup("Republic of Belarus").canonical == "Belarus"  # a hand line keeps ISO's names
    assert table.find("Chad said that Jordan met him.") == []  # countries are not searched in the text


def test_a_capitalised_the_is_dropped_before_a_longer_name_only(table):
    text = "The World Health Organization met in The Hague."
    entities = resolve(text, [mention(text, "The World Health Organization", "ORG"), mention(text, "The Hague", "LOC")], table)
    assert rows(text, entities) == [("World Health Organization", "ORG", "World Health Organization"),
                                    ("The Hague", "LOC", "The Hague")]


def test_a_surname_the_model_typed_as_an_organisation_is_the_person(table):
    text = "Glenn Greenwald wrote on Monday. Greenwald added that it was so."
    entities = resolve(text, [mention(text, "Glenn Greenwald", "PER"), mention(text, "Greenwald", "ORG", 1)], table)
    assert rows(text, entities) == [("Glenn Greenwald", "PER", "Glenn Greenwald"), ("Greenwald", "PER", "Glenn Greenwald")]


def test_an_acronym_joins_the_one_name_it_spells(table):
    text = "Gun Owners of America (GOA) rates senators. GOA said the Gun Control Act (GCA) failed."
    entities = resolve(text, [mention(text, "Gun Owners of America", "ORG"), mention(text, "GOA", "ORG"),
                              mention(text, "GOA", "ORG", 1), mention(text, "GCA", "ORG")], table)
    assert [e.canonical for e in entities] == ["Gun Owners of America"] * 3 + ["GCA"]  # "Gun Control Act" no mention


def test_a_headline_name_run_on_into_a_verb_is_cut_back(table):
    text = ("Francis Denounces Abuse, Donald Trump Jr Says\n\nPope Francis spoke on Sunday. "
            "Donald Trump Jr and Donald Trump did not.")
    entities = resolve(text, [mention(text, "Francis Denounces", "PER"), mention(text, "Donald Trump Jr", "PER"),
                              mention(text, "Pope Francis", "PER"), mention(text, "Donald Trump Jr", "PER", 1),
                              mention(text, "Donald Trump", "PER", 2)], table)
    # "Pope" is a title, so the body's Pope Francis is "Francis"; the headline's mention joins it
    assert rows(text, entities)[:3] == [("Francis", "PER", "Francis"), ("Donald Trump Jr", "PER", "Donald Trump Jr"),
                                        ("Francis", "PER", "Francis")]


def test_a_russian_first_name_alone_is_the_one_person_with_it(table):
    text = "Йенс Столтенберг останется. Йенс сказал это."
    entities = resolve(text, [mention(text, "Йенс Столтенберг", "PER"), mention(text, "Йенс", "PER", 1)], table)
    assert [e.canonical for e in entities] == ["Jens Stoltenberg", "Jens Stoltenberg"]


def test_headline_organisations_and_spacing_are_safe_from_the_cut(table):
    text = "Washington Post Says Sergei  Lavrov Warns West\n\nOfficials in Washington and Sergei Lavrov said so."
    entities = resolve(text, [mention(text, "Washington Post", "ORG"), mention(text, "Sergei  Lavrov Warns", "PER"),
                              mention(text, "Washington", "LOC", 1), mention(text, "Sergei Lavrov", "PER")], table)
    assert rows(text, entities)[:2] == [("Washington Post", "ORG", "Washington Post"), ("Sergei  Lavrov", "PER", "Sergei Lavrov")]


def test_a_place_named_like_someone_stays_a_place_and_no_acronym_joins_a_person(table):
    text = "Lloyd Austin visited troops. Protesters gathered in Austin. Владимир Путин сказал. ВП ответил."
    entities = resolve(text, [mention(text, "Lloyd Austin", "PER"), mention(text, "Austin", "LOC", 1),
                              mention(text, "Владимир Путин", "PER"), mention(text, "ВП", "ORG")], table)
    assert [(e.type, e.canonical) for e in entities] == [("PER", "Lloyd Austin"), ("LOC", "Austin"),
                                                         ("PER", "Vladimir Putin"), ("ORG", "ВП")]
