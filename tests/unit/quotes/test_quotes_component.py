"""The quotes component on news-style sentences, one construction per test."""

from __future__ import annotations

import pytest

from unspin.components.quotes import info
from unspin.ingest import Record
from unspin.pipeline import make_document


def direct(rows):
    return [(text, speaker) for kind, text, speaker in rows if kind == "direct"]


def indirect(rows):
    return [(text, speaker) for kind, text, speaker in rows if kind == "indirect"]


def speakers(rows, kind):
    return [speaker for k, _, speaker in rows if k == kind]


def parse_of(rows, ents):
    """A parse given token by token: (word, space after, POS, tag, dependency, head index), and IOB entity tags."""
    from spacy.tokens import Doc

    from unspin.entities import nlp

    words, spaces, pos, tags, deps, heads = zip(*rows)
    return Doc(nlp.english().vocab, words=list(words), spaces=[bool(s) for s in spaces], pos=list(pos),
               tags=list(tags), deps=list(deps), heads=list(heads), ents=ents)


def quotes_of_parse(doc):
    """Quotes of a parse given as is (the model's parse of a sentence in its article differs from its parse alone)."""
    from unspin.quotes import direct_quotes, find_quotes, paragraph_spans

    paragraphs = paragraph_spans(doc.text, [])
    return find_quotes(doc.text, paragraphs, doc, direct_quotes(doc.text, paragraphs))


def test_info_declares_english_only():
    entry = info()
    assert entry.name == "quotes" and entry.languages == ("en",) and "English" in entry.description
    assert entry.assigns == ("spans.quotes",) and entry.requires == ("sents",)


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")])
def test_direct_quotation_with_each_kind_of_mark(quotes_of, opening, closing):
    text = (f"{opening}We will not allow any provocation on our western border,{closing} Belarusian Defence "
            "Minister Viktor Khrenin said on Tuesday.")
    _, rows = quotes_of(text)
    quoted = f"{opening}We will not allow any provocation on our western border,{closing}"
    assert direct(rows) == [(quoted, "Viktor Khrenin")]


def test_nested_quotation_stays_one_quote(quotes_of):
    text = ("“The minister called the report ‘a complete fabrication’ and refused to comment further,” "
            "government spokesman Piotr Müller told reporters.")
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index(",”") + 2], "Piotr Müller")]


def test_quotation_continued_over_paragraphs(quotes_of):
    text = ("Foreign Minister Sergey Lavrov told reporters in Moscow on Friday:\n\n"
            "“The sanctions have failed to achieve any of their declared goals.\n\n"
            "“We will continue to trade with our partners in Asia and Africa.”")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“The sanctions have failed to achieve any of their declared goals.", "Sergey Lavrov"),
                            ("“We will continue to trade with our partners in Asia and Africa.”", "Sergey Lavrov")]


def test_quotation_split_by_attribution_keeps_the_speaker(quotes_of):
    text = ("Kremlin spokesman Dmitry Peskov spoke to journalists after the meeting.\n\n"
            "“The talks were constructive,” Peskov said. “But no agreement has been reached yet.”")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“The talks were constructive,”", "Dmitry Peskov"),
                            ("“But no agreement has been reached yet.”", "Dmitry Peskov")]


def test_reported_speech_with_said_that(quotes_of):
    _, rows = quotes_of("Hungarian Prime Minister Viktor Orban said that his government would veto the new package.")
    assert indirect(rows) == [("his government would veto the new package", "Viktor Orban")]


def test_reported_speech_with_according_to(quotes_of):
    _, rows = quotes_of("According to the Ukrainian General Staff, the enemy lost twelve tanks near Bakhmut overnight.")
    assert indirect(rows) == [("the enemy lost twelve tanks near Bakhmut overnight", "Ukrainian General Staff")]


def test_reported_speech_before_its_attribution(quotes_of):
    _, rows = quotes_of("The grain corridor will remain closed until further notice, Turkish Foreign Minister "
                        "Mevlut Cavusoglu said on Monday.")
    assert indirect(rows) == [("The grain corridor will remain closed until further notice", "Mevlut Cavusoglu")]


def test_appositive_speaker(quotes_of):
    _, rows = quotes_of("Viktor Khrenin, Belarus' defence minister, warned that the joint exercises would "
                        "continue until the end of the year.")
    assert indirect(rows) == [("the joint exercises would continue until the end of the year", "Viktor Khrenin")]


def test_colon_introduced_quoted_paragraphs(quotes_of):
    _, rows = quotes_of("Commenting on the drone attack, Maria Zakharova said the following:\n\n"
                        "“This is a deliberate attempt to disrupt the negotiations.”\n\n"
                        "“Those responsible will be found and punished.”")
    assert speakers(rows, "direct") == ["Maria Zakharova", "Maria Zakharova"]


def test_name_and_colon_introduce_quotations(quotes_of):
    _, rows = quotes_of("Our media do not write. Dima is 7 years old. During the shelling of a house in Mariupol by "
                        "Ukrainian troops, he lost his parents. He himself miraculously got out of the wreckage. "
                        'Dima: "Our house has collapsed. A bomb fell into the basement. My aunt called, said all the '
                        'relatives were missing there." "I drew Dad and Mom."')
    assert speakers(rows, "direct") == ["Dima", "Dima"]


@pytest.mark.parametrize("text, speaker", [
    ("The Kremlin's press service said that the two presidents had discussed gas supplies by telephone.",
     "Kremlin's press service"),
    ("An Estonian Defense Forces press release said that two Russian drones had crossed the border near Narva.",
     "Estonian Defense Forces"),
])
def test_institutional_speaker(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Iranian authorities said the protests were part of an “enemy strategy to weaken the Islamic regime”.",
     "Iranian authorities"),
    ("Earlier, Gazprom announced that it had completely suspended gas supplies to Bulgaria and Poland.", "Gazprom"),
])
def test_institution_or_name_the_model_missed_as_subject(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert set(speakers(rows, "indirect")) == {speaker}


def test_institution_demanding_keeps_its_own_quotation(quotes_of):
    text = ("“Mr. President! Iran was liberated 43 years ago, and it’s determined not to become your captive "
            "again. We will never become a milk cow,” President Ibrahim Raisi replied to Biden. And the "
            "country’s Foreign Ministry demanded that the American leader “stop his hypocritical behaviour”.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Ibrahim Raisi", "Foreign Ministry"]
    assert indirect(rows) == [("the American leader “stop his hypocritical behaviour”", "Foreign Ministry")]


def test_spokesperson_is_the_speaker_not_whom_they_speak_for(quotes_of):
    text = ("A spokesman for Vladimir Zelensky immediately stated that this was “sensitive” information and that "
            "the president would release the statistics later, “when the time was right”.")
    _, rows = quotes_of(text)
    assert {s for _, _, s in rows} == {"spokesman for Vladimir Zelensky"}


@pytest.mark.parametrize("text", [
    "An unnamed former Democratic congressional aide told Politico that the senator tried to forcibly kiss her in 2006.\n"
    "She says she avoided the kiss.",
    "In an environment with “so many young women,” said one ex-House aide, the men “have no self-control.”"])
def test_former_or_unnamed_spokesperson_speaks_for_nobody(quotes_of, text):
    _, rows = quotes_of(text)
    assert rows and {s for _, _, s in rows} == {None}


def test_pronoun_after_a_spokesperson_refers_to_them(quotes_of):
    text = ("Anand also added that since the Ukraine crisis, there has been a real demonstration of BRICS strength.\n"
            "Previously, Iran’s foreign ministry spokesman announced that the country had applied for membership "
            "in the organization. He noted that the BRICS “represents 42% of the world’s population and 24% of the "
            "world’s gross product.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Iran’s foreign ministry spokesman"]
    assert speakers(rows, "indirect")[1:] == ["Iran’s foreign ministry spokesman"] * 2


def test_pronoun_after_an_unnamed_speaker_is_unknown(quotes_of):
    text = ("Anand also added that since the Ukraine crisis, there has been a real demonstration of BRICS strength.\n"
            "Previously, a foreign ministry spokesman announced that the country had applied for membership. "
            "He noted that the BRICS “represents 42% of the world’s population and 24% of the world’s gross "
            "product.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]
    assert speakers(rows, "indirect") == ["Anand", None, None]


def test_pronoun_after_an_unnamed_speaker_and_a_person_named_since_refers_to_that_person(quotes_of):
    text = ("He also claimed that the former leader of the nationalist movement had no ties to Nazi Germany.\n"
            "Andriy Melnyk, Ukrainian ambassador to Germany, defended Stepan Bandera and compared him to Robin Hood "
            "in an interview with a journalist from Germany.\n"
            "“I visited his grave because he is important as the symbol of the struggle for freedom. The freedom "
            "fighter is not subject to any laws,” he told journalist Thilo Jung.\n"
            "“Poles want to politicize this story,” the diplomat said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]
    assert speakers(rows, "direct") == ["Andriy Melnyk", "Andriy Melnyk"]


def test_appositive_name_after_a_role_with_its_own_object(quotes_of):
    _, rows = quotes_of("The TV host of The Next Revolution, Steve Hilton, noted on Fox News that Biden caused more "
                        "damage to Washington than any of his predecessors as head of state.")
    assert speakers(rows, "indirect") == ["Steve Hilton"]


def test_a_name_ending_in_a_title_is_no_second_person_beside_the_one_named(quotes_of):
    # the model reads "Uniper CFO" as a name; a title ends it, so Tiina Tuomela alone is named
    _, rows = quotes_of("Following the Austrian OMV, the German enterprise Uniper CFO, Tiina Tuomela, during a "
                        "conference call with investors stated that a new scheme for paying for Russian gas in rubles "
                        "does not contradict with the sanctions.")
    assert speakers(rows, "indirect") == ["Tiina Tuomela"]


@pytest.mark.parametrize("text, speaker", [
    ("In an email chain released on Tuesday, Citrus County Supervisor of Elections Susan Gill last week told DOS "
     "officials that a voter had received a call.", "Susan Gill"),
    ("Mark Judge said that he had no memory of the party.", "Mark Judge"),  # a title that is a surname too
])
def test_a_title_ends_no_persons_name_unless_surnames_share_it(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


def test_quotation_after_a_paragraph_naming_who_spoke(quotes_of):
    text = ("Additionally, the DPR Central Bank officially denied this information.\n"
            "“We inform you that this information is false and does not correspond to reality. DNR Central Bank "
            "branches and ATMs are operating as usual,” the message reads.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Central Bank"]


def test_pronoun_resolved_to_the_one_person_named(quotes_of):
    text = ("Polish Prime Minister Mateusz Morawiecki arrived in Kyiv on Friday morning.\n\n"
            "He said that Poland would send another forty tanks before the spring.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Poland would send another forty tanks before the spring", "Mateusz Morawiecki")]


@pytest.mark.parametrize("subject", ["He", "The chancellor"])
def test_ambiguous_pronoun_or_description_gives_no_speaker(quotes_of, subject):
    text = ("Emmanuel Macron and Olaf Scholz met in Berlin on Monday evening.\n\n"
            f"{subject} said that Europe must buy more of its weapons at home.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Europe must buy more of its weapons at home", None)]


def test_anonymous_speaker_is_unknown(quotes_of):
    _, rows = quotes_of("“The situation on the border is extremely tense,” one senior European official said.")
    assert direct(rows) == [("“The situation on the border is extremely tense,”", None)]


def test_surname_normalised_to_the_full_name(quotes_of):
    text = ("Sergey Lavrov met his Turkish counterpart in Antalya.\n\n"
            "Later, Lavrov told reporters that Moscow was ready for new talks on the grain deal.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Moscow was ready for new talks on the grain deal", "Sergey Lavrov")]


def test_scare_quotes_and_titles_are_not_quotes(quotes_of):
    text = ("The so-called “special operation” entered its second year. Chirico wrote an article titled "
            "“Why the War Must End Now” for the newspaper's website.")
    _, rows = quotes_of(text)
    assert direct(rows) == []


def test_offsets_are_valid_and_serialised(quotes_of):
    text = ("“We are ready to talk, but not under pressure,” Lavrov said. According to the Russian Foreign "
            "Ministry, the meeting will take place in Geneva.")
    doc, _ = quotes_of(text)
    rows = doc.to_dict()["quotes"]
    assert rows and {"start", "end", "kind", "speaker", "speaker_span", "cue"} <= set(rows[0])
    for row in rows:
        assert 0 <= row["start"] < row["end"] <= len(doc.text)
        if row["speaker_span"]:
            assert 0 <= row["speaker_span"][0] < row["speaker_span"][1] <= len(doc.text)
        if row["kind"] == "direct":
            assert doc.text[row["start"]] == "“" and doc.text[row["end"] - 1] == "”"


def test_owner_of_a_common_noun_is_not_the_speaker(quotes_of):
    _, rows = quotes_of("The writer died 12 days after Pinochet came to power. His death was “due to natural "
                        "causes” but Neruda’s driver claimed he had been poisoned.")
    assert indirect(rows) == [("he had been poisoned", None)]


def test_institution_inside_an_appositive_is_not_the_speaker(quotes_of):
    text = ("The cooling pools will be drained in order to clean them as planned, rather than to search for weapons "
            "allegedly hidden there, as Ukrainian sources claim, said Alexei Selivanov, deputy head of the "
            "Zaporizhzhia Oblast Ministry of Internal Affairs.\n"
            "On 5 July, Zaporizhzhya Oblast authorities stated that they were ready to allow experts to visit the "
            "plant. Previously, the IAEA reported that data exchange from the Zaporizhzhya nuclear power plant had "
            "been restored.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Alexei Selivanov", "Zaporizhzhya Oblast authorities", "IAEA"]


@pytest.mark.parametrize("text, kind, speaker", [
    ("Fox News host Steve Hilton criticised the president on Sunday. He recalled that Biden withdrew troops from "
     "Afghanistan. “It is what these geniuses of international politics have led us to,” said the presenter.",
     "direct", "Steve Hilton"),
    # of two presidents, the one just mentioned
    ("President Joe Biden mixed up Ukraine and Iran on Tuesday. The White House corrected the transcript. Few "
     "noticed the slip. The speech lasted an hour. It was his third this week.\nEarlier, former U.S. President "
     "George W. Bush also mixed up countries in his speech. After realizing his mistake, the former president noted "
     "that he was already seventy-five years old.", "indirect", "George W. Bush"),
])
def test_description_refers_back_to_the_person_speaking(quotes_of, text, kind, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, kind) == [speaker]


def test_quotes_complete_the_parse_the_entities_component_made(quotes_component):
    from unspin.components.entities import Entities
    from unspin.entities import nlp

    text = "“We will not allow any provocation,” Belarusian Defence Minister Viktor Khrenin said on Tuesday."
    alone = quotes_component.predict([make_document(Record("t", "t", text))])
    nlp.parse(["Another batch."])  # only the last batch's Docs are kept
    doc = make_document(Record("t", "t", text))
    Entities().predict([doc])
    named = nlp.parse([text], nlp.NER_PIPES)[0]
    assert not named.has_annotation("DEP")
    assert quotes_component.predict([doc]) == alone
    assert nlp.parse([text], nlp.NER_PIPES)[0] is named and named.has_annotation("DEP")


def test_speakers_take_canonical_names_but_not_a_namesake_s(quotes_component):
    """After the entities component, "Lavrov" is reported as the article's "Sergei Lavrov"; "Bundy",
    written for two people, stays "Bundy" rather than become one of them."""
    from unspin.components.entities import Entities

    text = ("Sergei Lavrov met the press in Moscow. “We see no reason for talks,” Lavrov said.\n\n"
            "Cliven Bundy and his son Ammon Bundy spoke outside the court. "
            "“The government has no right to this land,” Bundy said.")
    doc = quotes_component(Entities()(make_document(Record("t", "t", text))))
    assert [s.attrs["speaker"] for s in doc.spans["quotes"]] == ["Sergei Lavrov", "Bundy"]


def test_an_acronym_speaks_under_the_one_organisation_it_spells(quotes_component):
    from unspin.components.entities import Entities

    text = ("The World Health Organization sent a team to Mbandaka on Monday.\n\n"
            "WHO said it was working closely with the government to rapidly scale up its response.")
    doc = quotes_component(Entities()(make_document(Record("t", "t", text))))
    assert [s.attrs["speaker"] for s in doc.spans["quotes"]] == ["World Health Organization"]


def test_quotation_belongs_to_the_speaker_not_the_outlet_reporting_it(quotes_of):
    _, rows = quotes_of("Farrakhan Speech: 'Jews Are My Enemy,' 'White Folks Are Going Down'\n\n"
                        "With the leftist media entirely focused on the push to ban AR-15s and repeal the Second "
                        "Amendment, practically no one noticed Louis Farrakhan's Saviours’ Day 2018 Address in which "
                        'he told an approving audience that "powerful Jews are my enemy," and "white folks are going '
                        'down," according to The Washington Examiner.')
    assert speakers(rows, "direct") == ["Louis Farrakhan", "Louis Farrakhan"]
    assert speakers(rows, "indirect") == ["Washington Examiner"]


def test_plural_unnamed_speaker_leaves_she_to_the_person_speaking(quotes_of):
    text = ("“He walks out of the courthouse right now,” Chief U.S. District Judge Patti Saris said.\n\n"
            "Rombot’s lawyers said he was arrested despite a 2015 letter from ICE.\n\n"
            "“This is what intent was, that he would be given the opportunity to leave under his own steam and not "
            "under shackles,” she said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Patti Saris", "Patti Saris"]
    assert speakers(rows, "indirect") == [None]


@pytest.mark.parametrize("text, speaker", [
    # the model reads the second "Flake" as a common noun
    ("Outgoing Flake said that he sided with his colleagues. Senator Jeff Flake wanted to side with Senate "
     'Democrats.\n"This country is being ripped apart here, and we\'ve got to make sure we do due diligence," Flake '
     "said.", "Jeff Flake"),
    # and "CRIF’s Francis Kalifat" as a work of art
    ("“We do not understand the determination and procrastination that consistently seeks to turn this killer into "
     "a demented person,” CRIF’s Francis Kalifat wrote.", "Francis Kalifat"),
])
def test_name_the_model_mistook_is_still_the_speaker(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


def test_quotation_running_on_over_lines_until_its_closing_mark(quotes_of):
    # one sentence per line (PTC): the second line goes on without reopening, so the cue after it counts
    text = ('"China has conducted an earnest investigation and has given preliminary feedback to the US.\n'
            'So far we have not yet found causes or clues to the situation described by the US," Foreign Ministry '
            "spokesman Lu Kang said in a daily news conference.")
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index('US,"') + 4], "Lu Kang")]


def test_quotation_running_on_over_unmarked_lines_until_its_closing_mark(quotes_of):
    text = ("“Madagascar, like many African countries, does not have many doctors.\n"
            "There are around three thousand doctors for 22 million people.\n"
            "Without the aid coming in, things would be much worse for them,” Derek Gatherer told reporters.")
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index(",”") + 2], "Derek Gatherer")]


def test_a_blank_line_ends_a_quotation_left_open(quotes_of):
    text = ("“Madagascar does not have many doctors for its people.\n\n"
            "There are around three thousand doctors.\nIt is worse elsewhere,” Derek Gatherer told reporters.")
    _, rows = quotes_of(text)
    assert [quote for quote, _ in direct(rows)] == [text[: text.index("\n")]]


def test_a_pronoun_reaches_back_over_the_lines_of_a_long_quotation(quotes_of):
    # one sentence per line: the five quoted lines are the speaker's, not the writer's, so she is still the topic
    text = ("Karen Monahan wrote on Twitter that nobody had believed her.\n"
            "“I have been smeared and threatened.\nI have been isolated from my own party.\n"
            "I provided medical records from 2017.\nI told them about the abuse.\n"
            "My therapist released records of it.”\n\n"
            "She added: “Four people stated that I came to them and shared the same story.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[-1] == "Karen Monahan"


@pytest.mark.parametrize("text", [
    "Headline\n\nHe came of age in the ‘80s, when the plant employed 3,000 people.\nThe plant closed in 2009.\n"
    "Now the workers’ union wants the site reopened as a battery factory.",
    'Headline\n\nThe storm left a 6" layer of ice on roads across the county.\nSchools were closed on Monday.\n'
    'Crews said drifts reached 30" in some places, making roads impassable.'])
def test_an_apostrophe_or_inch_mark_does_not_run_on_over_the_writers_lines(quotes_of, text):
    _, rows = quotes_of(text)
    assert not any("\n" in quote for quote, _ in direct(rows))


def test_a_pronoun_reaches_past_a_long_quotation_only_when_nobody_spoke_since(quotes_of):
    text = ("Police chief John Ames said the bridge would reopen on Friday.\nThe closure had lasted six weeks.\n"
            "The Transport Ministry said in a statement: “The repairs took longer than planned. Steel beams had to be "
            "replaced. We thank drivers for their patience. Safety is our first concern. The work is now complete.”\n"
            "“We are relieved it is over,” she said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[-1] is None


def test_surname_written_first_is_normalised_to_the_full_name(quotes_of):
    text = ('"So far we have not yet found causes or clues," Foreign Ministry spokesman Lu Kang said in a daily '
            "news conference.\nChina has always protected the safety of workers at foreign diplomatic missions in "
            "China according to the Vienna Convention on Diplomatic Relations, Lu said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Lu Kang"]


def test_name_modifying_a_common_noun_is_not_the_speaker(quotes_of):
    _, rows = quotes_of("A caller to the Michael Savage radio show who says he was neighbors with Las Vegas gunman "
                        "Stephen Paddock asserts that Paddock could not have carried out the massacre.")
    assert "Michael Savage" not in speakers(rows, "indirect")


def test_a_known_surname_inside_a_mistyped_name_is_not_that_person(quotes_of):
    text = ("But Winner’s mother had a blunt reply: “Please pardon my daughter Reality Winner.”\n"
            "“Something she said, she didn’t like her new boss,” Billie Winner-Davis said in June 2017.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[1] == "Billie Winner-Davis"


def test_a_name_only_in_the_headline_is_no_antecedent(quotes_of):
    text = ("Suspect’s Wife Hid in Bushes While Husband Shot Officers, 911 Call Shows\n\n"
            "The wife of the Ohio man suspected of killing two police officers on Saturday hid in the bushes as she "
            "called 911 to report that her husband had shot the cops, according to an audio recording of the call.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_appositive_comma_is_no_inversion(quotes_of):
    # "X, a professor ..., told The Sun Online ...": the outlet told is not the speaker
    _, rows = quotes_of("Since there are regular flights in and out of Madagascar, others are at risk.\n"
                        "Dr. Ashok Chopra, a professor of microbiology and immunology at the University of Texas, told "
                        "The Sun Online the crisis in Madagascar had yet to peak.")
    assert speakers(rows, "indirect") == ["Ashok Chopra"]


def test_pronoun_after_another_name_in_its_sentence_is_unknown(quotes_of):
    text = ("Syed Muzaffar Shah said he was banned from preaching in Pakistan.\n"
            "The UK Home Office also admitted Shaykh Hamza Sodagar into the country, despite the fact that he has "
            "said: “If there’s homosexual men, the punishment is one of five things.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_two_names_misparsed_as_one_phrase_give_no_speaker(quotes_of):
    # the model reads "Trump continued pounding Sessions" as one noun phrase, subject of "saying"
    text = ("ATLANTA — The record-setting prison sentence given to Reality Winner has caught the attention of President "
            "Donald Trump, who used it to take another dig at Attorney General Jeff Sessions.\n"
            "In an early Friday post on Twitter, Trump wrote that her sentence of 63 months in federal prison was "
            "unfair and accused Sessions of having a double standard.\n"
            "Meanwhile, Trump continued pounding Sessions in other tweets, saying he needed to investigate “deleted "
            "Emails, Comey lies & leaks, Mueller conflicts, McCabe, Strzok, Page, Ohr…the Clinton Foundation, illegal "
            "surveillance of Trump Campaign, Russian collusion by Dems — and so much more.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]
    assert speakers(rows, "indirect") == ["Donald Trump", None]


def test_a_title_alone_names_nobody(quotes_of):
    _, rows = quotes_of("“Credible Evidence Of A Terrorist Infiltration”: Congressman Says ‘Secret Intel’ Proves "
                        "ISIS Connection To Las Vegas Massacre\n\nCongress is in possession of secret intelligence.")
    assert speakers(rows, "direct") == [None]


def test_continued_after_a_quotation_attributes_it(quotes_of):
    _, rows = quotes_of("“Let’s face it, twice before the attack ISIS warned the United States that they would attack "
                        "Las Vegas and then after the attack claimed responsibility four times,” Perry continued.\n"
                        "Meanwhile, Trump continued pounding Sessions in other tweets.")
    assert speakers(rows, "direct") == ["Perry"]
    assert [r for r in rows if r[0] == "indirect"] == []


def test_officials_of_a_named_organisation_speak_for_it(quotes_of):
    _, rows = quotes_of("Immigrations and Customs Enforcement (ICE) officials announced this week that the four-day "
                        "raid led to the arrest of 232 illegal immigrants in the San Francisco Bay Area.\n"
                        "US officials said that the raid was over.")
    assert speakers(rows, "indirect") == ["Immigrations and Customs Enforcement", None]


def test_police_speak_under_their_common_name(quotes_of):
    _, rows = quotes_of("Police have not released many details about the way the events transpired, but did say that "
                        "Smith had injuries and was transported from the home.")
    assert speakers(rows, "indirect") == ["police"]


def test_prosecutors_speak_under_their_common_name(quotes_of):
    _, rows = quotes_of("The former clerk said he only wanted souvenirs, but federal prosecutors argued he had put "
                        "the investigation at risk.")
    assert ("he had put the investigation at risk", "federal prosecutors") in indirect(rows)


def test_police_speak_as_the_one_force_the_article_names(quotes_of):
    _, rows = quotes_of("The Akron Police Department identified the driver as a 42-year-old local man.\n"
                        "Police said the van had been reported stolen two days earlier.")
    assert speakers(rows, "indirect") == ["Akron Police Department"]


def test_the_institution_refers_back_to_the_one_named_speaking(quotes_of):
    text = ("The unnamed US citizen assigned to the consulate in Guangzhou had reported a variety of \"physical "
            "symptoms\" dating from late 2017 to April this year, the US embassy in Beijing said in an email.\n"
            "The worker was sent to the US for further evaluation.\n"
            "\"The clinical findings of this evaluation matched mild traumatic brain injury,\" the embassy said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["US embassy in Beijing"]


def test_attribution_in_the_sentence_after_an_exclamation(quotes_of):
    _, rows = quotes_of("“How dare you!” Attorney General Jeff Sessions said in California this month, addressing "
                        "Schaaf.\n“How dare you needlessly endanger the lives of our law enforcement officers to promote "
                        "a radical, open borders agenda.”")
    assert speakers(rows, "direct") == ["Jeff Sessions", "Jeff Sessions"]


def test_coordinated_name_of_one_organisation(quotes_of):
    _, rows = quotes_of("Customs and Border Protection said the first smuggling attempt was broken up on Oct. 4, after "
                        "Border Patrol agents stopped a car at a checkpoint on Interstate 35.")
    assert speakers(rows, "indirect") == ["Customs and Border Protection"]


def test_officials_of_an_acronym_speak_for_it(quotes_of):
    _, rows = quotes_of("ICE officials said the arrangement had always been a temporary one and that the agency always "
                        "had discretion to deport the people covered by the arrangement.")
    assert speakers(rows, "indirect") == ["ICE"]


def test_a_name_after_a_preposition_is_part_of_a_longer_one():
    # the model takes "Consular Relations" for an organisation, which may read as a person's name
    from unspin.entities import nlp
    from unspin.quotes.attribution import Article

    text = ("China has always protected the safety of workers at foreign diplomatic missions in China according to "
            "the Vienna Convention on Diplomatic Relations and the Vienna Convention on Consular Relations, Lu said.")
    doc = nlp.parse([text], nlp.PARSE_PIPES)[0]
    assert "Consular Relations" in {e.text for e in doc.ents}
    assert "Consular Relations" not in Article(text, [(0, len(text))], doc, []).names


@pytest.mark.parametrize("text, speaker", [
    ("Democratic Illinois Rep. Danny Davis defended Nation of Islam leader Louis Farrakhan as an “outstanding human "
     "being” on Monday.", "Danny Davis"),
    # the words belong to whoever owns the clause holding them: not the subject of the main verb
    ("Sessions responded to the claim that he “never took control of the Justice Department.”", None),
    ("Police arrested a man who called himself “the king of the world”.", None),
    # what the subject should have done is the writer's view, in someone else's words
    ("Washington should have sat down at the negotiating table with Russia “sometime in 2007, seven years before the "
     "illegal coup that overthrew Ukraine’s democratically elected government”, sponsored by the CIA.", None),
])
def test_quotation_held_by_a_verb_belongs_to_its_named_subject(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


def test_subject_inside_the_quotation_is_not_the_speaker(quotes_of):
    text = ("“Teen who made national news after having #MAGA hat stolen at a San Antonio fast food restaurant just got "
            "this in the mail.\nA hat signed by @realDonaldTrump,” Joe Gallow wrote on Twitter.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Joe Gallow"]


def test_outlet_reporting_does_not_end_a_continued_quotation(quotes_of):
    text = ('"I did what I believe was right for my community as well as to protect public safety," Schaaf said '
            "Friday, according to NBC Bay Area.\n"
            '"People should be able to live without fear or panic and know their rights and responsibilities as well '
            'as their recourses."')
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Schaaf", "Schaaf"]


def test_a_leading_wh_word_tagged_into_a_name_is_dropped(quotes_of):
    text = ("Hillary Clinton sat down with Kara Swisher on Thursday.\n"
            "Which Clinton quickly corrected:\n"
            "“Well that was Eric Holder…”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Hillary Clinton"]


def test_who_receives_a_message_is_not_its_speaker(quotes_of):
    text = ("According to emails, the Oakland Indie Alliance, a group of independent businesses, got a message saying "
            "“Important Alert! Credible information ICE Raids in Oakland Sunday 2/25 and Monday 2/26” and “This "
            "information comes directly from the Mayor.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None, None]


def test_a_headline_subject_without_a_verb_of_saying_is_no_speaker(quotes_of):
    text = ("Solar Storm Will Strike Earth Tonight, ‘Weak Power Grid Fluctuations’ Possible\n\n"
            "The NOAA Space Weather Prediction Center forecasts an aurora could light up the sky above areas in the "
            "United State including Michigan and Maine.")
    _, rows = quotes_of(text)
    assert direct(rows) == [("‘Weak Power Grid Fluctuations’", None)]


def test_no_speaker_is_lent_across_another_named_person(quotes_of):
    text = ("“I didn’t agree with their ideology,” Khweis said in an interview with Kurdistan24 in 2016.\n"
            "“Our daily life was basically prayer, eating, and learning about the religion for about eight hours.” "
            "Kweis graduated from Alexandria’s Thomas Edison High School in 2007, where friends described him as “one "
            "of the guys.” “He wasn’t someone who was an outcast or something like that — he was one of the guys,” "
            "Harrison Weinhold told CBS News in March 2016.")
    _, rows = quotes_of(text)
    found = dict(direct(rows))
    assert found["“I didn’t agree with their ideology,”"] == "Khweis"
    assert found["“Our daily life was basically prayer, eating, and learning about the religion for about eight "
                 "hours.”"] != "Harrison Weinhold"
    assert found["“He wasn’t someone who was an outcast or something like that — he was one of the guys,”"] == \
        "Harrison Weinhold"


def test_an_abbreviated_title_is_a_person_not_an_organisation(quotes_of):
    text = ("Attorney General Jeff Sessions has a message for Donald Trump.\n"
            "“I took control of the Department of Justice the day I was sworn in, which is why we have had "
            "unprecedented success at effectuating the President’s agenda,” the AG said in a statement.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[0] in (None, "Jeff Sessions")


@pytest.mark.parametrize("text", [
    "It’s worth noting that Belliterri is not the only one in this predicament.",
    "But it should be noted that the main purpose of von der Leyen’s speech was to use frozen Russian assets to "
    "ostensibly rebuild the destroyed infrastructure.",
    "Of course, that’s not to say the storms are insignificant — many are large enough to swallow an entire continent.",
])
def test_the_writers_aside_is_not_reported_speech(quotes_of, text):
    _, rows = quotes_of(text)
    assert indirect(rows) == []


@pytest.mark.parametrize("text", [
    "When Graham had his time to speak, he said what many of us thought should have been said.",
    "Near the closing of the hearing, Graham finally said what everyone had been waiting on and said it with passion.",
])
def test_a_question_word_clause_reports_no_content(quotes_of, text):
    _, rows = quotes_of(text)
    assert indirect(rows) == []


def test_evidence_that_suggests_is_no_speaker(quotes_of):
    text = ("Although Pablo was indeed ill with cancer, all the circumstances suggested that Pinochet had simply "
            "eliminated an inconvenient and influential opponent.")
    _, rows = quotes_of(text)
    assert indirect(rows) == []


def test_a_relative_clause_reports_from_the_verb_on(quotes_of):
    text = ("The planet, which NASA says is the windiest in our Solar System, hosts regular storms which appear as "
            "dark spots.")
    _, rows = quotes_of(text)
    assert [content for content, _ in indirect(rows)] == ["is the windiest in our Solar System"]


@pytest.mark.parametrize("text, opening, speaker", [
    ("It is likely that the Upper Rhine will be completely closed to traffic, warned Martina Becker from HGK "
     "shipping.", "It is likely that the Upper Rhine", "Martina Becker"),
    # the model does not parse these as a clause and its attribution
    ("Health officials suspect it’s no coincidence that the outbreak coincides with the time of year when families "
     "customarily exhume the remains of dead relatives, wrap them in a sheet, and dance with them through the streets "
     "in a sacred ritual, AFP reports.", "Health officials suspect", "AFP"),
    ("Richard’s hat appeared to be gone for good until the video of the incident went viral and he received a new "
     "MAGA hat signed by the president himself, reported The Daily Wire.", "Richard’s hat appeared", "Daily Wire"),
    ("(CNN) The government of the Democratic Republic of Congo declared an outbreak of Ebola hemorrhagic fever, a rare "
     "and deadly disease, on Tuesday, the World Health Organization reported.", "The government of the Democratic",
     "World Health Organization"),
])
def test_a_sentence_closed_by_its_attribution_is_reported_speech(quotes_of, text, opening, speaker):
    _, rows = quotes_of(text)
    found = indirect(rows)
    assert len(found) == 1 and found[0][1] == speaker
    assert found[0][0].startswith(opening) and not found[0][0].endswith((",", "."))


def test_a_participle_before_the_attribution_is_no_content(quotes_of):
    text = "Commenting on what’s going on, Sergey Lavrov said the following:\n\n“(A) very heated discussion is on.”"
    _, rows = quotes_of(text)
    assert indirect(rows) == [] and speakers(rows, "direct") == ["Sergey Lavrov"]


@pytest.mark.parametrize("text, content", [
    ("According to police sources, the American’s death occurred under mysterious circumstances.",
     "the American’s death occurred under mysterious circumstances"),
    ("Russia stops the Nord Stream pipeline in pure revenge for Europe’s support for Ukraine, according to Western "
     "media reports.", "Russia stops the Nord Stream pipeline in pure revenge for Europe’s support for Ukraine"),
])
def test_according_to_unnamed_speakers_is_reported_speech(quotes_of, text, content):
    _, rows = quotes_of(text)
    assert indirect(rows) == [(content, None)]


def test_according_to_figures_is_not_reported_speech(quotes_of):
    _, rows = quotes_of("According to the 2011 census, 17 percent of the city's residents speak Russian at home.")
    assert indirect(rows) == []


@pytest.mark.parametrize("text, speaker", [
    ("“Yeah, I know they all look alike,” Clinton joked, triggering howls of laughter from the audience.", "Clinton"),
    ('"What you want to do is destroy this guy\'s life, hold this seat open, and hope you win in 2020," Graham '
     "blasted Democrat Senators on the committee.", "Graham"),
])
def test_joking_and_blasting_are_verbs_of_saying(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("“This is unacceptable! Madam President of the Bundestag, please use the switch,” urges Reiner Holznagel, "
     "President of the Taxpayers’ Association.", "Reiner Holznagel"),
    ("“Whatever cargo was being delivered, it was all ordered a long time ago, well before COVID-19,” Thandi Modise "
     "clarified.", "Thandi Modise"),
    ("Shafayat Mohamed exclaimed, “Here the President says a man can marry a man, but you can’t say a man can have "
     "four wives…!”", "Shafayat Mohamed"),
])
def test_urging_clarifying_and_exclaiming_are_verbs_of_saying(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert len(direct(rows)) == 1
    assert speakers(rows, "direct") == [speaker]


@pytest.mark.parametrize("line", [
    "“Iran Admits To Facilitating 9/11 Terror Attacks,” by Adam Kredo, Washington Free Beacon, June 8, 2018:",
    "“Man whose vehicle exploded at Travis AFB identified,” KGO, March 23, 2018:",
])
def test_a_cited_article_title_before_a_repost_is_no_quotation(quotes_of, line):
    text = line + "\nIranian officials, in a first, have admitted to facilitating the 9/11 terrorist attacks."
    _, rows = quotes_of(text)
    assert direct(rows) == []


@pytest.mark.parametrize("when", ["on Tuesday", "on June 8, 2018"])
def test_an_attribution_ending_its_line_with_a_colon_is_kept(quotes_of, when):
    text = f"“We will not allow any provocation on our western border,” Viktor Khrenin said {when}:\nMore follows."
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Viktor Khrenin"]


def test_called_the_introduces_a_name_not_a_quotation(quotes_of):
    _, rows = quotes_of("Bush, Biden and Pelosi might as well be called the “lords of dementia”.")
    assert direct(rows) == []


@pytest.mark.parametrize("text, speaker", [
    ('ICE reports that 864 illegal immigrants with criminal convictions and other public safety threats "remain at '
     'large" in the area.', "ICE"),
    ("But Swedish TV reported there were over 300 shootings, mostly in turf battles between gangs over drugs, "
     "protection rackets and prostitution.", "Swedish TV"),
    # a title abbreviated is nobody's name
    ("The CEO said the company would cut 300 jobs in the next two years.", None),
])
def test_an_acronym_typed_as_a_common_noun_names_its_speaker(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


def test_an_apostrophe_does_not_stop_a_quotation_running_on_to_the_next_line(quotes_of):
    text = ("Josephine Ralisiarisoa firmly believes the country’s cash-strapped government is just exaggerating the "
            "problem.\n“I have participated in at least 15 famadihana ceremonies in my life.\n"
            "And I’ve never caught the plague,” she told the AFP.")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“I have participated in at least 15 famadihana ceremonies in my life.\n"
                             "And I’ve never caught the plague,”", "Josephine Ralisiarisoa")]
    assert indirect(rows) == []


def test_of_several_recent_persons_he_is_the_one_the_sentence_before_is_about(quotes_of):
    text = ("That line of criticism has been picked up by, among others, Rep. Duncan Hunter, R-Calif., who was indicted "
            "on federal officials this week on charges of misusing campaign finance funds for personal use.\n"
            "Trump did not directly answer a Fox News interviewer’s question about whether he intends to fire Sessions "
            "and Deputy Attorney General Rod Rosenstein, who is overseeing the special counsel investigation, after "
            "November’s congressional elections.\n"
            "He also said he only gave the former senator the job because Sessions was a supporter during the 2016 "
            "presidential race.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Trump"]


def test_the_group_refers_back_to_the_organisation_just_named(quotes_of):
    text = ("The bipartisan U.S. Conference of Mayors passed a series of resolutions calling for more gun control "
            "measures during the group's annual meeting in Boston this week.\n"
            "“The U.S. Conference has a 50-year history of formally adopting and aggressively promoting strong policies "
            "to reduce gun violence, all consistent with its support for the Second Amendment to the Constitution,” "
            "the group said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["U.S. Conference of Mayors"]


def test_the_paper_refers_back_to_the_outlet_just_cited(quotes_of):
    text = ("According to The Denver Post, enrolment at charter schools rose sharply this autumn.\n"
            "The paper noted that “waiting lists have doubled in some districts since the spring.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Denver Post"]


def test_a_camel_case_brand_reporting_is_its_speaker(quotes_of):
    _, rows = quotes_of("In June, LifeSiteNews reported that the mayor had taken a strong stand against the plan.")
    assert indirect(rows) == [("the mayor had taken a strong stand against the plan", "LifeSiteNews")]


def test_an_outlet_named_like_a_nationality_speaks_but_a_people_does_not(quotes_of):
    _, rows = quotes_of("The bridge will close in May for repairs, The Australian reported.\n"
                        "The official spoke with the Germans, who explained their decision as follows: "
                        "“We arrived here to spend the winter.”")
    assert speakers(rows, "indirect") == ["Australian"]
    assert speakers(rows, "direct") == [None]


def test_reports_from_an_outlet_are_its_words_and_bare_reports_nobodys(quotes_of):
    _, rows = quotes_of("According to reports from the Associated Press, the talks were postponed until next spring.\n"
                        "According to reports, the two delegations could not agree on a venue.")
    assert speakers(rows, "indirect") == ["Associated Press", None]


def test_the_doctor_is_the_one_introduced_as_dr(quotes_of):
    text = ("The head of the hospital trust, Dr Helen Marsh, has warned that waiting times doubled this year.\n"
            "“For those with poor health, a ward is often a frightening place,” the doctor admitted.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Helen Marsh"]


def test_the_cardinal_is_the_one_introduced_as_cardinal(quotes_of):
    text = ("Cardinal Giovanni Rossi announced the collection in a letter to every parish in the diocese.\n"
            "“Many families will not be able to heat their homes this winter,” the cardinal said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Giovanni Rossi"]


def test_the_president_of_two_just_named_is_the_one_the_sentence_before_is_about(quotes_of):
    text = ("After meeting President Vladimir Putin, President Trump said he has “full faith and support for America’s "
            "great intelligence agencies”.\n"
            "In his remarks to members of Congress Tuesday, President Trump went on to admit that he needed to clarify "
            "his statements in Helsinki.\n"
            "The president said: “It was a mistake to say it the way I did.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[-1] == "Trump"


def test_a_name_the_model_makes_the_root_is_the_subject_of_the_verb_it_hangs_there(quotes_of):
    # the model reads "called" as a clause of "Baumann", the sentence's root
    text = ("Andre Baumann, deputy environment minister of Baden-Württemberg, called on German citizens to sort their "
            "rubbish more responsibly.\n"
            "“There are treasures buried in the trash bins,” he said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Andre Baumann"]


def test_the_host_is_never_the_guest_just_speaking(quotes_of):
    text = ("Former national security adviser John Bolton admitted on CNN that he had helped plan coups abroad.\n"
            "“As somebody who has helped plan coups d’état, not here but other places, it takes a lot of work,” the "
            "politician pointed out.\n"
            "When the host suggested that there were other events Bolton was silent about, he replied, "
            "“I’m sure there are.”")
    _, rows = quotes_of(text)
    assert "John Bolton" not in [speaker for _, text, speaker in rows if text.startswith("there were")]


def test_the_presenter_is_the_one_introduced_as_host_of_a_show(quotes_of):
    text = ("The TV host of The Next Revolution, Steve Hilton, noted on Fox News that Joe Biden caused more damage "
            "than any of his predecessors.\n"
            "Biden said on Monday that the alliance had never been stronger.\n"
            "“It is what these geniuses of international politics have done,” said the presenter.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Steve Hilton"]


def test_a_cue_inside_a_reported_clause_does_not_close_its_paragraph(quotes_of):
    text = ("Grassley said his staff contacted the other individuals who allegedly attended the party at which the "
            "conduct Ford complained of allegedly took place: Mark Judge, Patrick Smyth, and Leland Keyser.\n"
            "“All three submitted statements to the Senate under penalty of felony, denying any knowledge of the "
            "events.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") != ["Ford"]


def test_a_she_refers_to_the_one_person_the_writer_calls_she_not_to_men_named_since(quotes_of):
    text = ("Julie Swetnick says in her affidavit that she saw Brett Kavanaugh drink excessively at many parties.\n"
            "At the time, Kavanaugh and Mark Judge were students at Georgetown Prep.\n"
            "She said that Kavanaugh and Judge engaged in abusive behaviour toward girls.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect")[-1] == "Julie Swetnick"


def test_a_she_after_a_man_spoke_refers_to_the_woman_named_since(quotes_of):
    text = ("Ambellas and Intellihub claim that the FBI and the Las Vegas Metropolitan Police Department are providing "
            "cover for the real story behind the massacre, with help from Haig.\n"
            "In public statements this week, Haig denied any connection to the massacre and said he merely sold "
            "Paddock the rounds.\n"
            "\"However, don’t be fooled,\" Intellihub writes.\n"
            "\"Haig is likely a CIA cut-out who is just upholding the public narrative in conjunction with the FBI Las "
            "Vegas and the LVMPD.\"\n"
            "Laura Loomer, a noxious far-right personality who formerly worked for Project Veritas, also started making "
            "hay with Haig's background in Arizona aerospace.\n"
            "She wrote on Twitter that the massacre \"is starting to look more and more like a gun running operation "
            "gone wrong every day.\"")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect")[-1] == "Laura Loomer"


def test_the_writers_pronouns_give_a_persons_gender_only_when_they_agree():
    from unspin.entities import nlp
    from unspin.quotes import direct_quotes, paragraph_spans
    from unspin.quotes.attribution import Article

    text = ("Julie Swetnick says in her affidavit that she saw the parties.\n"
            "Patrick Smyth wrote a book about his school days.\n"
            "Leland Keyser said he or she could not remember.")
    doc = next(iter(nlp.parse([text], nlp.PARSE_PIPES)))
    paragraphs = paragraph_spans(text, [])
    article = Article(text, paragraphs, doc, direct_quotes(text, paragraphs))
    article.read()
    assert article.genders == {"Julie Swetnick": "she", "Patrick Smyth": "he"}


def test_the_article_speaks_for_the_outlet_that_published_the_piece_mentioned_last(quotes_of):
    text = ("The New Yorker has just published an article written by Ronan Farrow and Jane Mayer.\n"
            "The article recounted a claim by Deborah Ramirez, concerning “a dormitory party gone awry.”\n"
            "As the article acknowledged, however, “her memories contained gaps because she had been drinking.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["New Yorker", "New Yorker"]


def test_the_report_speaks_for_the_issuer_of_the_last_report_named(quotes_of):
    text = ("The majority report by the Permanent Subcommittee on Investigations says that the Treasury granted a "
            "license to convert the funds.\n"
            "A Treasury official wrote in an email that the department had committed to a lot.\n"
            "The exchange was legal, the report notes.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect")[-1] == "Permanent Subcommittee on Investigations"


def test_the_article_names_nobody_when_the_piece_mentioned_last_has_no_outlet(quotes_of):
    text = ("The New Yorker has just published an article about the nominee.\n"
            "A blogger then wrote a piece about the hearing.\n"
            "The article claimed that “the committee had known for weeks.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_the_judge_is_not_a_president_just_named(quotes_of):
    text = ("President Donald Trump on Tuesday pardoned two ranchers convicted of setting fires on federal land.\n"
            "At their first sentencing, the judge noted that the ranchers were respected in their community.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_a_petition_speaks_for_its_owner(quotes_of):
    text = ("Her coworker Maria Lopez started a fundraiser for him this week.\n"
            "“Any support would help him while he recovers,” Lopez’s online petition says.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Maria Lopez"]


def test_the_media_outlet_refers_back_to_the_outlet_just_speaking(quotes_of):
    text = ("NBC News said on Monday that the caravan had reached the border town overnight.\n"
            "The media outlet reported that Mexico had sent extra police to its southern border.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["NBC News", "NBC News"]


def test_the_publication_refers_back_to_the_outlet_named_and_speaking_last(quotes_of):
    text = ("Le Figaro recalled that the bridge had been a target for months.\n"
            "The New York Times pointed out that the bridge was hated in Ukraine.\n"
            "The publication also recalled that the military had threatened to strike it.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Le Figaro", "New York Times", "New York Times"]


def test_the_publication_names_nobody_when_someone_else_spoke_since(quotes_of):
    text = ("Le Figaro recalled that the bridge had been a target for months.\n"
            "The New York Times pointed out that the bridge was hated in Ukraine.\n"
            "John Kirby said that the attack was not discussed with Washington.\n"
            "The publication also recalled that the military had threatened to strike it.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect")[-1] is None


def test_a_passive_verb_of_saying_names_its_doer(quotes_of):
    _, rows = quotes_of("As reported by The Boston Globe, the shooting was the last straw for many parents.\n"
                        "“We are doing what we can,” Mayor Ann Cole told The Associated Press as reported by WBZ.")
    assert indirect(rows) == [("the shooting was the last straw for many parents", "Boston Globe")]
    assert speakers(rows, "direct") == ["Ann Cole"]


def test_it_refers_back_to_the_organisation_that_spoke_last(quotes_of):
    text = ("Four new cases were confirmed by the laboratory on Sunday, Kenya's health ministry said.\n"
            "Since then, no deaths have been reported among the patients, it said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Kenya's health ministry", "Kenya's health ministry"]


def test_an_institution_name_keeps_a_conjunct_inside_it(quotes_of):
    text = ("Earlier this month, the U.S. Department of Housing and Urban Development announced it would provide $1.5 "
            "billion to help rebuild housing in Puerto Rico.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["U.S. Department of Housing and Urban Development"]


def test_the_group_is_the_organisation_named_in_apposition(quotes_of):
    text = ("According to The Washington Times, Democrats sent emails asking for donations.\n"
            "While voting is common, the watchdog group, the Foundation for Accountability and Civic Trust (FACT), says "
            "asking for money ahead of time crosses the line into vote-buying.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect")[-1] == "Foundation for Accountability and Civic Trust"


def test_a_person_name_the_model_broke_is_the_person_not_an_institution(quotes_of):
    # the model types "Ursula von" a person and "Leyen" a place: the name runs on through "der" to "Leyen"
    text = ("Last year, the homosexuality law had already brought Orban into serious trouble in the EU. “This Hungarian "
            "law is a disgrace,” said EU Commission President Ursula von der Leyen.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Ursula von der Leyen"]


def test_an_institution_in_common_nouns_alone_names_nobody(quotes_of):
    text = ("Seventeen people in northwest Democratic Republic of Congo (DRC) have died from Ebola, the health ministry "
            "said on Tuesday.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_the_group_with_two_organisations_just_named_is_unknown(quotes_of):
    text = ("The U.S. Conference of Mayors and the National Rifle Association met in Boston this week.\n"
            "“We have a 50-year history of promoting strong policies to reduce gun violence,” the group said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_the_company_after_another_speaker_the_model_took_for_a_person_is_unknown(quotes_of):
    text = ("San Antonio police told Fox News on Thursday they had received a complaint and detectives had been "
            "assigned to the case.\n"
            "Earlier in the day, a police spokesperson said the department hadn't received a report.\n"
            "Whataburger told Fox News that it is cooperating with the police investigation.\n"
            "“We were shocked to see this video and certainly don’t condone this type of customer behavior in our "
            "restaurants,\" the company said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_an_owned_title_is_the_one_introduced_with_it_never_its_owner(quotes_of):
    text = ("Mohamad Khweis, unlike the dozens of other people in the United States who failed to join ISIS and were "
            "subsequently charged, actually made it to Syria, The Washington Post reports.\n"
            "Khweis’ defense attorney said Friday that even he has no idea what caused Khweis to join ISIS.\n"
            "“It’s difficult to understand,” defense attorney John Zwerling said Friday.")
    _, rows = quotes_of(text)
    assert ("even he has no idea what caused Khweis to join ISIS", "John Zwerling") in indirect(rows)


def test_according_to_an_outlet_gives_way_to_the_named_speaker_it_reports(quotes_of):
    text = ("President Donald Trump said he’ll mobilize the U.S. military to close the border with Mexico to stop an "
            "“assault” on the nation by a caravan of migrants from Central America, according to a report by "
            "Bloomberg.com.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("he’ll mobilize the U.S. military to close the border with Mexico to stop an “assault” "
                               "on the nation by a caravan of migrants from Central America", "Donald Trump")]


@pytest.mark.parametrize("text, content", [
    ("The unidentified woman says the incident took place at a party in the early 1980s, according to the NYDN, which "
     "claims to have obtained the letter.", "the incident took place at a party in the early 1980s"),
    ("Fox News further reported that a source familiar with the timing told the media outlet that they expected the "
     "warrant application to be declassified first.", "they expected the warrant application to be declassified first")])
def test_an_outlet_gives_way_to_the_unnamed_speaker_it_reports(quotes_of, text, content):
    _, rows = quotes_of(text)
    assert indirect(rows) == [(content, None)]


@pytest.mark.parametrize("text", [
    "According to Carlson, the owner of the tape maintains that law enforcement investigators have never asked to see "
    "the footage.",
    "According to Breitbart, on Friday, 65 women who have known Kavanaugh since high school defended his character and "
    "said he has always behaved honorably.",
    "According to the Daily Mail, experts warn the outbreak of plague in Madagascar this year is being fueled by a "
    "strain more lethal than the one which usually strikes the country."])
def test_according_to_before_an_unnamed_subject_with_a_clause_of_its_own_is_unknown(quotes_of, text):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_a_person_described_by_a_title_keeps_what_they_say_another_said(quotes_of):
    text = ("“In November, inflation amounted to 10% in the eurozone as a whole,” Russian President Vladimir Putin said.\n"
            "He also spoke about transatlantic rift. The Russian leader stressed that the EU authorities themselves "
            "admit that the United States is leading them towards de-industrialization.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("the EU authorities themselves admit that the United States is leading them towards "
                               "de-industrialization", "Vladimir Putin")]


def test_according_to_inside_what_a_verb_of_saying_reports_is_part_of_it(quotes_of):
    text = ("According to the Daily Mail, Madagascar’s healthcare system will be unable to cope if the deadly plague "
            "outbreak continues to escalate, a scientist has warned.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [(text[: text.index(", a scientist")], None)]


def test_an_unnamed_speaker_keeps_what_they_say_another_said(quotes_of):
    text = "One of the women says Franken suggested that he and she should go to the bathroom together."
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Franken suggested that he and she should go to the bathroom together", None)]


def test_an_attribution_before_another_is_not_its_content(quotes_of):
    text = ("Rock musician Roger Waters has explained why the US and its allies are making mistakes in foreign policy.\n"
            "The musician recalled how the United States is condescending to its allies and the world in general: in "
            "2014, Victoria Nuland, as Assistant Secretary of State for European and Eurasian Affairs and who was "
            "involved in organising the coup, said literally: “F#ck the EU”.")
    _, rows = quotes_of(text)
    assert ("how the United States is condescending to its allies and the world in general", "Roger Waters") in indirect(rows)


def test_a_description_refers_back_to_the_person_just_speaking(quotes_of):
    text = ("Rock musician Roger Waters has explained why the US and its allies are making mistakes in foreign policy "
            "that lead to endless conflicts.\n"
            "When asked whether America should help Ukraine, that is growing and sucking the West into a vortex, the "
            "singer said that “first of all, there should never be any military contribution” to the conflict.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Roger Waters"]
    assert set(speakers(rows, "indirect")) == {"Roger Waters"}


@pytest.mark.parametrize("text, speaker", [
    ("But what Democrat Nancy Pelosi, who lost the seat, will do is not yet known: Her spokeswoman said she was "
     "“overwhelmed by calls from colleagues, friends and supporters” and will announce her plans on Thursday.",
     "Nancy Pelosi’s spokeswoman"),
    ("“Simon, you are wrong. People are stealing like there is no tomorrow,” Zelensky’s aide told American journalist "
     "Simon Shuster in an interview.", "Zelensky’s aide"),
])
def test_someones_spokesperson_or_aide_is_named_by_the_description(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert set(speakers(rows, "direct")) == {speaker}


def test_someones_lawyers_speak_under_that_description_and_are_no_he_or_she(quotes_of):
    text = ("Rombot, part of a wave of Indonesian Christians who fled their country following deadly riots in 1998, "
            "learned of the policy change when he appeared for an Aug. 1 check-in with ICE and was arrested.\n\n"
            "“He walks out of the courthouse right now,” Chief U.S. District Judge Patti Saris said after concluding "
            "that Rombot’s detention violated his rights.\n\n"
            "Rombot’s lawyers said he was arrested despite a 2015 letter from ICE saying he would have a chance to "
            "prepare for an “orderly” departure.\n\n"
            "“This is what intent was, that he would be given the opportunity to leave under his own steam and not under "
            "shackles,” she said.\n\n"
            "Outside the courtroom, Rombot said: “I just want to say thank you to my attorney, my pastor and all of my "
            "friends.”")
    _, rows = quotes_of(text)
    assert "Rombot’s lawyers" in speakers(rows, "indirect")
    assert "Rombot’s lawyers" not in speakers(rows, "direct")


def test_the_clause_after_the_verb_is_what_was_said_when_the_model_hangs_another_before(quotes_of):
    text = ("The figure itself is not new: General Mark Milley, chairman of the US Joint Chiefs of Staff, earlier said "
            "that Ukrainian army losses were “well over 100,000”.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Ukrainian army losses were “well over 100,000”", "Mark Milley")]


def test_a_person_described_by_a_title_of_something_may_be_the_next_she(quotes_of):
    text = ("“At least that’s what the Slovak Minister of Economy Affairs said,” the Hungarian Foreign Minister Peter "
            "Szijjarto noted.\n"
            "Earlier, Gazprom announced that it had completely suspended gas supplies to Bulgaria and Poland.\n"
            "The head of the European Commission has already called Gazprom’s statements on gas supplies suspension a "
            "“blackmail”, She added the EU is ready for such scenario and is planning a response.")
    _, rows = quotes_of(text)
    assert ("the EU is ready for such scenario and is planning a response", None) in indirect(rows)


def test_a_person_only_mentioned_in_the_paragraph_before_is_not_the_next_he(quotes_of):
    text = ("During the air traffic control recordings, which were released by political strategist and co-founder of "
            "“The New Right” Mike Tokes, one of the dispatchers is heard telling an incoming plane that landing might "
            "not be a good idea because there were multiple active shooters on the airport property itself.\n"
            "“Shutting down might not be a good idea, there’s active shooters on the runway,” he declared.")
    _, rows = quotes_of(text)
    assert direct(rows)[-1] == (text[text.index("“Shutting") : text.index(" he declared")], None)


def test_with_no_subject_near_only_an_owner_named_before_he_is_him(quotes_of):
    text = ("Afzal Qadri’s preaching of hatred was so hardline that he was banned from preaching in Pakistan.\n"
            "The UK Home Office also admitted Shaykh Hamza Sodagar into the country, despite the fact that he has said: "
            "“If there’s homosexual men, the punishment is one of five things.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_a_person_the_sentence_before_asks_may_be_the_next_she(quotes_of):
    text = ("“Something is not adding up,” Perry replied.\n"
            "An incredulous Carlson asked fellow guest Catherine Lombardo, a lawyer representing families affected by "
            "the tragedy, about the investigation into the shooting.\n"
            "“The FBI and the Las Vegas metro police department have been conducting the investigation,” she said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Perry", None]


def test_a_person_described_by_a_bare_title_may_be_the_next_he(quotes_of):
    text = ("Chinese President Xi Jinping publicly lectured the Canadian premier for leaking a conversation.\n"
            "Trudeau began to make excuses, saying that everyone in Canada believes in “open and honest dialogue”.\n"
            "But the PRC leader was not much convinced by these arguments. He replied: “Let’s create the conditions "
            "first”.")
    _, rows = quotes_of(text)
    assert direct(rows)[-1] == ("“Let’s create the conditions first”", None)


@pytest.mark.parametrize("text, content", [
    ("The authorities recorded more than 2 000 cases, and Tedros said Wednesday the death toll stood at 207.",
     "the death toll stood at 207"),
    ("Since the airborne version of the plague can kill a person in just three hours, experts warn that its too soon "
     "to think that since there hasn’t been a person infected in recent days, that it won’t pop up again.",
     "its too soon to think that since there hasn’t been a person infected in recent days, that it won’t pop up "
     "again"),
])
def test_a_clause_the_model_did_not_hang_on_the_verb_is_still_reported(quotes_of, text, content):
    _, rows = quotes_of(text)
    assert content in [quoted for quoted, _ in indirect(rows)]


def test_after_a_passive_verb_of_saying_no_clause_is_guessed(quotes_of):
    text = ("The caller mentioned how some people in the crowd were warned 45 minutes before the shooting that they were "
            "going to die.")
    _, rows = quotes_of(text)
    assert not any(quoted.startswith("before the shooting") for quoted, _ in indirect(rows))


def test_a_second_verb_of_saying_in_the_clause_reports_its_own_content(quotes_of):
    text = ("From the very start of his trial, Khweis said he regretted his actions and said his decision to join ISIS "
            "in December 2015 was a drunken one.")
    _, rows = quotes_of(text)
    assert [quoted for quoted, _ in indirect(rows)] == [
        "he regretted his actions", "his decision to join ISIS in December 2015 was a drunken one"]


@pytest.mark.parametrize("line", [
    "From Reuters:Wikipedia has a page devoted to “ List of Grenade Attacks in Sweden ,” which lists 80 different "
    "attacks beginning in 2014.",
    "In 1994, US astronomer Carl Sagan reflected on the significance of the photograph to an audience at Cornell "
    "University, famously coining its name as the \"Pale Blue Dot\", and giving one of the most widely published "
    "speeches of all time.",
    "The document “The Whole Truth About Ukraine’s Crimes in Donbass” confirms this.",
])
def test_a_title_case_quotation_in_the_body_is_a_title(quotes_of, line):
    _, rows = quotes_of("Sweden in the news\n\nThe story so far.\n" + line)
    assert direct(rows) == []


def test_a_title_case_quotation_in_the_headline_is_kept(quotes_of):
    text = ("“Credible Evidence Of A Terrorist Infiltration”: Congressman Says ‘Secret Intel’ Proves ISIS Connection To "
            "Las Vegas Massacre\n\nCongress is in possession of ‘secret intel’, according to Pennsylvania Congressman "
            "Scott Perry.")
    _, rows = quotes_of(text)
    assert [quoted for quoted, _ in direct(rows)] == ["“Credible Evidence Of A Terrorist Infiltration”"]


def test_a_title_of_several_words_introduces_its_person(quotes_of):
    text = ("WASHINGTON — Attorney General Jeff Sessions has a message for Donald Trump: You’re wrong, Mr. President.\n"
            "Sessions long has been one of Trump’s favorite pinatas, often taking the brunt of the president’s public "
            "scorn.\n"
            "Trump, in an interview that aired Thursday morning, also blasted Sessions because, he said, the former "
            "Alabama senator “never took control of the Justice Department.”\n"
            "About seven hours later, the country’s top law enforcement officer fired back.\n"
            "“I took control of the Department of Justice the day I was sworn in,” the AG said in a statement.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[-1] == "Jeff Sessions"


@pytest.mark.parametrize("text, speaker", [
    ("Although Russia prepares an armed contingent to intervene, it insists that it is the others who are meddling in "
     "the fight between Lukashenko and the opposition.", "Russia"),
    ("In October, the US government expelled 15 Cuban diplomats for what it said was Cuba's failure to protect staff "
     "at the US embassy in Havana from mysterious health incidents.", "US government"),
])
def test_it_refers_to_the_organisation_or_country_that_is_the_subject_before_it(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


def test_the_embassy_refers_back_to_the_one_named_as_a_subject(quotes_of):
    text = ("Pompeo's remarks on Wednesday came hours after the US embassy in China issued a health warning to Americans "
            "living there over an \"unusual\" auditory or sensory phenomena.\n"
            "The embassy said a US government employee in the southern city of Guangzhou reported experiencing a "
            "\"subtle and vague, but abnormal, sensations of sound and pressure\", which led to a mild brain injury.")
    _, rows = quotes_of(text)
    assert set(speakers(rows, "indirect")) == {"US embassy in China"}


@pytest.mark.parametrize("text, expected", [
    # “...,” Larijani was quoted as saying: the passive subject of “quoted” speaks
    ("“Our government agreed not to stamp the passports of some of them because they were on transit flights for "
     "two hours.\nHowever their movements were under the complete supervision of the Iranian intelligence,” "
     "Larijani was quoted as saying.",
     ["Larijani"]),
    # a transcript line: a name, then “to” its audience, and a colon
    ("\"What you want to do is destroy this guy's life, hold this seat open, and hope you win in 2020,\" Graham "
     "blasted Democrat Senators on the committee.\n"
     "Sen. Lindsey Graham to committee Democrats: \"This is the most unethical sham since I've been in "
     "politics.\"",
     ["Lindsey Graham", "Lindsey Graham"]),
    # “continued” right before a quotation
    ("I'm not a fan of Senator Lindsey Graham, but he was right on point on Thursday.\n"
     "Graham continued, \"Would you say you've been through hell?\"",
     ["Lindsey Graham"]),
    # a thing misparsed as a subject of saying (“her sentence ... and accused”) is no unnamed speaker
    ("In an early Friday post on Twitter, Trump wrote that her sentence of 63 months in federal prison was unfair "
     "and accused Sessions of having a double standard.\n"
     "“Gee, this is ‘small potatoes’ compared to what Hillary Clinton did!” he tweeted about Winner, a former "
     "National Security Agency contractor who leaked a document about Russian meddling in the 2016 presidential "
     "election.",
     ["Trump"]),
    # a known surname opening a sentence as the subject of saying, tagged a plural noun
    ("Rock musician Roger Waters has explained why the US and its allies are making mistakes in foreign policy "
     "that lead to endless conflicts.\n"
     "Waters concludes by addressing Biden and the entire American establishment: “You are living in the past. "
     "The unipolar thing won’t work any more.”",
     ["Roger Waters"]),
])
def test_a_direct_quotations_speaker_found_by_its_construction(quotes_of, text, expected):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == expected


def test_the_doer_of_a_passive_makes_a_description_unclear(quotes_of):
    # "by Kevin McCarthy" is as much a subject as "She": "the politician" may be either of them
    text = ("“If you’re a border community, Ukraine is the furthest thing from your mind,” said North Dakota House "
            "member Kelly Armstrong.\n"
            "She was supported by Republican Kevin McCarthy. “I think people are gonna be sitting in a recession. "
            "They just won’t do it,” the politician said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Kelly Armstrong", None]


def test_according_to_after_an_adverb_reports_the_rest_of_the_sentence(quotes_of):
    # its content is Salvini's words, so the Conte named inside it is no antecedent of the later "He"
    text = ("However, according to Matteo Salvini, head of the center-right Lega party, this is unlikely to change "
            "the situation, since it is one of the leaders of the center-left, Giuseppe Conte, who is responsible for "
            "the political crisis occurred.\n"
            "The Lega’s head also came out with a proposal to change the government’s previous course on the "
            "Ukrainian crisis. He suggested that Italy should at least take a neutral position and mediate in the "
            "conflict.")
    _, rows = quotes_of(text)
    assert indirect(rows)[0][0].startswith("this is unlikely to change the situation")
    assert speakers(rows, "indirect") == ["Matteo Salvini", "Matteo Salvini"]


def test_a_bare_attribution_the_model_reads_as_a_noun_phrase_names_its_speaker(quotes_of):
    text = ("Matteo Salvini, head of the center-right Lega party, spoke on Monday.\n"
            "“The vile leftist Conte is behind the fall of the Draghi government,” Salvini claims.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Matteo Salvini"]


def test_a_verb_the_model_hangs_as_a_noun_lends_no_subject_to_its_quotation(quotes_of):
    text = ("Newly Released Private Surveillance Footage From The Las Vegas Massacre Shows “Helicopter Hovering "
            "Overhead” During The Attack\n\n"
            "Newly released footage of the Las Vegas Massacre, captured by a private surveillance camera and recently "
            "released by Fox News host Tucker Carlson, shows a helicopter.")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“Helicopter Hovering Overhead”", None)]


def test_a_date_after_an_outlet_is_not_part_of_its_name(quotes_of):
    text = ("A 15-YEAR long mini ice age could be due to hit the Northern hemisphere in just four years as the sun "
            "prepares for “hibernation” – triggering a barrage of cataclysmic events, says The Express UK in 2016.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Express UK"]


def test_a_name_running_on_into_a_title_is_nobodys(quotes_of):
    # the model takes "Watts Up" for a person, cutting short the website's name
    text = ("As the sun gets successively more blank with each day, due to lack of sunspots, it is also dimming, "
            "says the website Watts Up With That?")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_a_misspelt_surname_is_the_person_named_before(quotes_of):
    text = ("German Foreign Minister Annalena Baerbock spoke in Berlin on Monday.\n"
            "For Kyiv, the news is not happy either. Baerbok pointed out that although Ukrainians see their way "
            "forward in the EU, it will be long and difficult.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Annalena Baerbock"]


@pytest.mark.parametrize("text, speaker", [
    ("“We take anti-Semitism quite seriously,” J Street’s statement read.", "J Street"),
    ("“Footage has emerged that may show muzzle flashes coming from the helicopter on that fateful night,” read a "
     "report in The Daily Sheeple.", "Daily Sheeple"),
])
def test_a_document_read_out_speaks_for_its_issuer(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


def test_a_document_read_out_with_no_issuer_keeps_the_speaker_named_before(quotes_of):
    text = ("Additionally, the DPR Central Bank officially denied this information.\n"
            "“We inform you that this information is false and does not correspond to reality,” the message reads.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Central Bank"]


def test_the_release_is_that_of_the_speaker_who_spoke_in_one(quotes_of):
    text = ("“If you have concerns about any symptoms, consult a medical professional,” the State Department said in "
            "a public release.\n"
            "“Instead, move to a location where the sounds are not present,” the release said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["State Department", "State Department"]


def test_a_known_surname_tagged_a_common_noun_but_a_person_opening_a_sentence_speaks(quotes_of):
    text = ("President Donald Trump spoke on Thursday.\n"
            "Trump offered this assessment of his hand-picked attorney general recusing himself from the Justice "
            "Department’s special counsel probe of Russian election meddling: “What kind of man is this?”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Donald Trump"]


def test_asked_right_after_a_quotation_names_its_speaker(quotes_of):
    text = ("“Why on earth would the Trump administration make it easier for terrorists and gunmen to produce "
            "undetectable plastic guns?” asked Sen. Robert Menendez (D-N.J.).")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Robert Menendez"]


def test_a_name_after_the_tagged_a_person_is_an_outlet():
    # the model, in some articles, tags "the Enquirer" a person: no he/she refers to it, but it speaks by its name
    from spacy.tokens import Span

    from unspin.entities import nlp

    text = ("In it, a woman can be heard crying before the line goes dead, the Enquirer reported.\n"
            "In the following call, the woman pleads for help.\n"
            "“Please help, please help,” she tells the dispatcher.\n"
            "Her husband illegally carried a gun, according to the Enquirer.")
    doc = next(iter(nlp.parse([text], nlp.PARSE_PIPES)))
    outlet = [t.i for t in doc if t.text == "Enquirer"]
    doc.ents = [e for e in doc.ents if not any(e.start <= i < e.end for i in outlet)] + [
        Span(doc, i, i + 1, "PERSON") for i in outlet]
    quotes = quotes_of_parse(doc)
    assert [(q.kind, q.speaker) for q in quotes if q.kind == "direct"] == [("direct", None)]
    assert [q.speaker for q in quotes if q.kind == "indirect"] == ["Enquirer", "Enquirer"]


def test_someone_speaking_inside_what_another_said_leaves_he_clear(quotes_of):
    text = ("Democratic Illinois Rep. Danny Davis defended Nation of Islam leader Louis Farrakhan on Monday.\n"
            "“I personally know [Farrakhan], I’ve been to his home,” Davis told TheDC.\n"
            "The congressman wasn’t sure why the ADL wrote that he had been misquoted in his praise for the "
            "anti-Semite, and said he wasn’t sure if someone from his office had told the ADL he was misquoted, he "
            "told The Daily Caller News Foundation on Sunday.")
    _, rows = quotes_of(text)
    assert indirect(rows)[0] == ("The congressman wasn’t sure why the ADL wrote that he had been misquoted in his "
                                 "praise for the anti-Semite", "Danny Davis")


def test_those_who_spoke_are_plural_and_no_he(quotes_of):
    text = ("Among those who commented on the video’s original posting was Donald Trump Jr., who retweeted a story "
            "about the assault against the teenager.\n"
            "“If someone can get me this young man’s information I’ll get him a new #maga hat!” he wrote on Twitter.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Donald Trump Jr"]


def test_an_appositive_the_model_reads_as_the_subject_leaves_the_name_before_it_speaking():
    # the parse the model gives this sentence in its article: "operations" the subject of "said"
    rows = [("Christine", " ", "PROPN", "NNP", "compound", 1), ("South", "", "PROPN", "NNP", "npadvmod", 10),
            (",", " ", "PUNCT", ",", "punct", 1), ("head", " ", "NOUN", "NN", "appos", 1),
            ("of", " ", "ADP", "IN", "prep", 3), ("IFRC", "", "PROPN", "NNP", "poss", 8),
            ("’s", " ", "PART", "POS", "case", 5), ("emergency", " ", "NOUN", "NN", "compound", 8),
            ("operations", "", "NOUN", "NNS", "nsubj", 10), (",", " ", "PUNCT", ",", "punct", 10),
            ("said", "", "VERB", "VBD", "ROOT", 10), (":", " ", "PUNCT", ":", "punct", 10),
            ("“", "", "PUNCT", "``", "punct", 14), ("There", " ", "PRON", "EX", "expl", 14),
            ("is", " ", "VERB", "VBZ", "ccomp", 10), ("a", " ", "DET", "DT", "det", 16),
            ("possibility", "", "NOUN", "NN", "attr", 14), (".", "", "PUNCT", ".", "punct", 14),
            ("”", "", "PUNCT", "''", "punct", 10)]
    doc = parse_of(rows, ["B-PERSON", "I-PERSON", *["O"] * 3, "B-ORG", *["O"] * 13])
    assert [q.speaker for q in quotes_of_parse(doc) if q.kind == "direct"] == ["Christine South"]


def test_a_verb_of_saying_with_no_subject_gives_way_and_ends_no_continued_quotation():
    # the article's parse: "said" a parataxis with no subject, "Wong" the subject of "says"
    rows = [("“", "", "PUNCT", "``", "punct", 2), ("We", " ", "PRON", "PRP", "nsubj", 2),
            ("thought", " ", "VERB", "VBD", "ccomp", 7), ("it", " ", "PRON", "PRP", "nsubj", 4),
            ("drifts", "", "VERB", "VBZ", "ccomp", 2), (",", "", "PUNCT", ",", "punct", 7),
            ("”", " ", "PUNCT", "''", "punct", 7), ("said", " ", "VERB", "VBD", "parataxis", 14),
            ("Michael", " ", "PROPN", "NNP", "compound", 10), ("H.", " ", "PROPN", "NNP", "compound", 10),
            ("Wong", " ", "PROPN", "NNP", "nsubj", 14), ("of", " ", "ADP", "IN", "prep", 10),
            ("the", " ", "DET", "DT", "det", 13), ("University", " ", "PROPN", "NNP", "pobj", 11),
            ("says", "", "VERB", "VBZ", "ROOT", 14), (".", "", "PUNCT", ".", "punct", 14),
            ("\n", "", "SPACE", "_SP", "dep", 15),
            # nor does it end his quotation running on in the next paragraph
            ("“", "", "PUNCT", "``", "punct", 19), ("It", " ", "PRON", "PRP", "nsubj", 19),
            ("stayed", " ", "VERB", "VBD", "ROOT", 19), ("its", " ", "PRON", "PRP$", "poss", 21),
            ("course", "", "NOUN", "NN", "dobj", 19), (".", "", "PUNCT", ".", "punct", 19),
            ("”", "", "PUNCT", "''", "punct", 19)]
    doc = parse_of(rows, [*["O"] * 8, "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", *["O"] * 10])
    assert [q.speaker for q in quotes_of_parse(doc) if q.kind == "direct"] == ["Michael H. Wong", "Michael H. Wong"]


def test_a_title_an_organisation_owns_names_its_holder_by_the_description(quotes_of):
    text = ("“In 10 months of combat operations, the Ukrainian Armed Forces spent the Javelin stockpile that we have "
            "been producing for 13 years,” Raytheon’s CEO was quoted by reporters as saying.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Raytheon’s CEO"]


@pytest.mark.parametrize("text, speaker", [
    ("Another Republican who wants to stop investigating is former RNC Chair, Michael Steele: “There is no Spygate "
     "because there are no spies in the campaign.”", "Michael Steele"),
    # the colon after the attribute is not the one that introduces the quotation
    ("One source is Paul Ryan: Evidence: “House Speaker Paul Ryan said Wednesday that Oversight Chairman Trey Gowdy "
     "was ‘accurate’.”", None),
])
def test_an_introduction_by_a_copula_names_its_attribute(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


def test_a_verb_of_saying_in_manner_attributes_a_quotation(quotes_of):
    text = ("In December, the AJHS will feature “Rubble Rubble”, a play by Dan Fishback based on his trip to Israel.\n"
            "\"I have grown accustomed to feeling unwelcome in Jewish spaces,\" Dan Fishback whines.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Dan Fishback"]


def test_a_bare_title_in_the_headline_is_the_one_introduced_with_it(quotes_of):
    text = ("“Credible Evidence Of A Terrorist Infiltration”: Congressman Says ‘Secret Intel’ Proves ISIS Connection To "
            "Las Vegas Massacre\n\n"
            "Congress is in possession of ‘secret intel’ that exposes an ISIS connection to the horrific Las Vegas "
            "Massacre, according to a surprising claim made by Pennsylvania Congressman Scott Perry.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[0] == "Scott Perry"


def test_according_to_a_claim_made_by_someone_is_theirs(quotes_of):
    text = ("Congress is in possession of ‘secret intel’ that exposes an ISIS connection to the horrific Las Vegas "
            "Massacre, according to a surprising claim made by Pennsylvania Congressman Scott Perry.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Scott Perry"]


def test_the_owner_of_a_history_of_comments_said_them(quotes_of):
    text = ("Democratic Illinois Rep. Danny Davis defended Nation of Islam leader Louis Farrakhan as an “outstanding "
            "human being” on Monday.\n"
            "Farrakhan’s history of racially extreme comments includes blaming Jews for the September 11 attacks, "
            "saying white people “deserve to die” and praising Adolf Hitler as a “very great man.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Louis Farrakhan"]
    assert indirect(rows)[0][0].startswith("white people “deserve to die”")


def test_a_name_the_model_cuts_short_runs_on_into_the_proper_noun_it_compounds(quotes_of):
    text = ("Ursula von der Leyen’s words about Ukrainian army losses were cut from the speech.\n"
            "In a clipped extract, the official claimed that the Ukrainian army lost more than 100,000 people killed.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Ursula von der Leyen"]


def test_a_spokesperson_described_after_a_quotation_gives_way_to_the_introduction_naming_whom(quotes_of):
    # the sentence's root is the verb after the quotation; the introduction's verb comes before the colon
    text = ("Zelensky’s office was, expectedly, outraged: “We were shocked to hear those words from Mr McCarthy, "
            "frankly,” the Ukrainian presidential aide immediately complained.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Zelensky’s office"]


def test_he_never_refers_to_someone_named_only_later():
    # direct quotations are attributed once the whole article is read: later speakers are no antecedents
    from unspin.entities import nlp
    from unspin.quotes import direct_quotes, paragraph_spans
    from unspin.quotes.attribution import Article

    text = ("However, he is pessimistic and angry at the authorities.\n"
            "The other day in Palermo, the bakery owner Mario Rossi announced a temporary closure.")
    doc = next(iter(nlp.parse([text], nlp.PARSE_PIPES)))
    paragraphs = paragraph_spans(text, [])
    article = Article(text, paragraphs, doc, direct_quotes(text, paragraphs))
    article.read()
    assert [name for _, name, _ in article.speakers] == ["Mario Rossi"]
    assert article.speaker(0, doc[2])[0] is None  # "he"


def test_the_writers_own_words_report_nobodys_speech(quotes_of):
    text = ("I completely agree.\n"
            "In fact, I've often said if we catch people close to the border, we should not even bring them into the "
            "system if they are not citizens.")
    _, rows = quotes_of(text)
    assert indirect(rows) == []


def test_as_someone_noted_reports_the_rest_of_the_sentence(quotes_of):
    text = ("Mac Slavo wrote about the outbreak on Monday.\n"
            "As Slavo noted, should the disease spread to the African mainland, one can assume that it will be all "
            "but impossible to control, thus increasing the likelihood of global pandemic.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("should the disease spread to the African mainland, one can assume that it will be "
                               "all but impossible to control, thus increasing the likelihood of global pandemic",
                               "Mac Slavo")]


def test_a_title_and_name_after_the_tagged_a_person_is_still_a_person():
    from spacy.tokens import Span

    from unspin.entities import nlp

    text = "“We will work on their release through Kiev,” said the Prime-Minister Boris Johnson."
    doc = next(iter(nlp.parse([text], nlp.PARSE_PIPES)))
    start = next(t.i for t in doc if t.text == "Prime")
    doc.ents = [e for e in doc.ents if e.end <= start] + [Span(doc, start, len(doc) - 1, "PERSON")]
    assert [q.speaker for q in quotes_of_parse(doc) if q.kind == "direct"] == ["Boris Johnson"]


def test_someone_named_after_a_continued_quotation_does_not_end_it(quotes_of):
    text = ("Mohamad Jamal Khweis, 28, of Alexandria, was sentenced on Friday.\n"
            "“I didn’t agree with their ideology,” Khweis said in an interview with Kurdistan24 in 2016.\n"
            "“Our daily life was basically prayer, eating, and learning about the religion for about eight hours.” "
            "Harrison Weinhold graduated from Thomas Edison High School in 2007.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Mohamad Jamal Khweis", "Mohamad Jamal Khweis"]


def test_a_he_holding_a_quotation_in_its_object_is_its_speaker(quotes_of):
    text = ("Earlier, former U.S. President George W. Bush also mixed up countries in his speech. While discussing the "
            "situation in Ukraine, he spoke of the “unjustified and cruel” invasion of Iraq.")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“unjustified and cruel”", "George W. Bush")]


def test_a_finite_verb_the_model_hangs_as_an_adverbial_clause_takes_no_subject_from_the_main_clause(quotes_of):
    # "lamented" is Benedict's, read as an adverbial clause of "repeated" with no subject of its own
    text = ("In his letter, Francis repeated a famous 2005 quote by his predecessor Benedict XVI, who, a month before "
            "being elected pope, lamented “how much filth” there was in the Catholic Church.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_an_introductions_verb_before_the_colon_counts_only_when_an_attribution_roots_the_sentence(quotes_of):
    text = ("As a proper Antichrist, Islam exists only as an enemy of all: “Between us and you there is enmity and "
            "hatred forever, until you believe in Allah alone!” (Qur’an 60.4) For the Qur’an, Christians “are only "
            "impurity” (Quran 9.28).")
    _, rows = quotes_of(text)
    assert set(speakers(rows, "direct")) == {None}


def test_a_subject_after_a_verb_other_than_of_saying_is_a_misread_object(quotes_of):
    text = ("Nation of Islam leader Louis Farrakhan spoke in Chicago.\n"
            "Farrakhan has repeatedly denounced Jews as “satanic,” praised Hitler as a “very great man” and has said "
            "that white people “deserve to die.”")
    _, rows = quotes_of(text)
    assert "Hitler" not in {speaker for _, _, speaker in rows}


def test_the_official_speaks_for_the_organisation_whose_official_spoke_last(quotes_of):
    text = ("Louis Farrakhan said Jews were responsible for the 9/11 terror attacks.\n"
            "“He expressed an interest in seeing some of the latest statements,” the ADL official told JTA in a "
            "statement.\n"
            "The official said the ADL had shared information with Davis about Farrakhan’s anti-Semitism.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Louis Farrakhan", "ADL"]


def test_the_statement_is_not_that_of_an_earlier_speaker_when_another_spoke_since(quotes_of):
    text = ("Police Chief U. Reneé Hall gave contradictory explanations last week.\n"
            "In a statement, Hall said that any disciplinary investigation would risk compromising the criminal case.\n"
            "Police did not explain what changed by Monday, when the department announced that an internal-affairs "
            "investigation had been launched.\n"
            "The statement notes that Guyger can appeal her firing.")
    _, rows = quotes_of(text)
    assert indirect(rows)[-1] == ("Guyger can appeal her firing", None)


def test_a_report_from_a_country_says_where_it_comes_from_not_who_issued_it(quotes_of):
    text = "The report from Great Britain notes: “18 Carmels have closed in the last 40 years.”"
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_a_named_person_acting_before_a_colon_introduces_the_quotation_after_it(quotes_of):
    text = ("Brandee Porterfield, however, shot back: “They are not going over anything else in this much detail.” "
            "The district did not answer.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Brandee Porterfield"]


@pytest.mark.parametrize("text", [
    "To quote Cajetan again: “Indeed the Church has the right to separate herself from an heretical pope according "
    "to divine law.”",
    "Ex-Muslim Catholics to Pope Francis: “Naiveté in the face of Islam is suicidal and very dangerous”",
])
def test_the_subject_inside_a_quotation_after_a_colon_is_not_its_speaker(quotes_of, text):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_a_verb_of_saying_the_model_runs_a_name_into_is_not_part_of_it(quotes_of):
    text = ("Laura Loomer obtained the image from a source.\n"
            "The picture “proves FBI misled public about #StephenPaddock’s check in date,” Loomer Tweeted.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Laura Loomer"]


def test_a_description_before_a_name_is_not_part_of_it(quotes_of):
    text = ("Billionaire George Soros funds groups in Hungary.\n"
            "Soros, for his part, compared Orbán unfavourably to both the Nazis and the Communists, saying his rule "
            "evoked dark tones from the 1930's.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["George Soros"]


def test_a_title_introduced_for_someone_unnamed_does_not_refer_back_to_another_person(quotes_of):
    text = ("A professor at Southern New Hampshire University failed one of her student's assignments.\n"
            "The student, Ashley Arnold, is working towards an online sociology degree with the university.\n"
            "When Arnold complained, the professor said they'd reexamine the assignment.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("they'd reexamine the assignment", None)]


def test_an_owned_police_force_is_not_the_officer_introduced_with_its_name(quotes_of):
    text = ("According to head of the city police Søren Thomassen, three people were killed.\n"
            "The Royal Arena stadium is located in the same area. The city’s police insisted on cancelling the event "
            "“for security reasons”.")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“for security reasons”", None)]


def test_a_common_noun_for_someone_the_article_will_not_name_does_not_refer_back(quotes_of):
    text = ("The unidentified woman says the incident took place at a party while Kavanaugh was a student.\n"
            "“I categorically and unequivocally deny this allegation,” Kavanaugh said in a statement.\n"
            "The woman says she has had to undergo psychological treatment as a result of the incident.")
    _, rows = quotes_of(text)
    assert indirect(rows)[-1] == ("she has had to undergo psychological treatment as a result of the incident", None)


def test_an_anonymous_woman_speaks_for_nobody_beside_an_outlet_and_is_not_referred_back_to_later(quotes_of):
    text = ("Kavanaugh accused in letter of forcing himself on woman while in high school; Kavanaugh denies it "
            "happened\n\n"
            "According to the New York Daily News, Brett Kavanaugh held a woman down at a party in high school.\n"
            "The unidentified woman says the incident took place at a party in the early 1980s, according to the NYDN.\n"
            "Kavanaugh, 53, vehemently denied the woman’s allegations.\n"
            "“I categorically and unequivocally deny this allegation,” he said in a statement.\n"
            "The woman says she has had to undergo psychological treatment as a result of the incident.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["New York Daily News", None, None]
    assert speakers(rows, "direct") == ["Brett Kavanaugh"]


def test_a_common_noun_for_someone_introduced_unnamed_still_refers_back_to_the_person_named_since(quotes_of):
    text = ("A caller to the Michael Savage radio show says he was neighbors with Stephen Paddock.\n"
            "The man, a former Marine who called himself Rick, says he was Paddock’s neighbor.\n"
            "“I’m not a big conspiracy theory guy, but it don’t sit right,” said Rick.\n"
            "The caller mentioned how some people in the crowd were warned before the shooting.")
    _, rows = quotes_of(text)
    assert indirect(rows)[-1][1] == "Rick"


def test_of_two_subjects_the_model_hangs_on_one_verb_the_one_right_before_it_speaks(quotes_of):
    # the model reads both "Nation" and "Farrakhan" as subjects of "chanted"
    text = ("Algemeiner reported:\n"
            "Nation of Islam leader and prominent antisemite Louis Farrakhan chanted “Death to America” and claimed "
            "that “America has never been a democracy” on Sunday during a solidarity trip to Iran.\n")
    _, rows = quotes_of(text)
    assert set(speakers(rows, "direct") + speakers(rows, "indirect")) == {"Louis Farrakhan"}


def test_according_to_an_outlet_does_not_name_the_speaker_of_words_a_person_in_its_clause_used(quotes_of):
    text = ("A professor at Southern New Hampshire University failed one of her student's assignments because the "
            "professor incorrectly thought Australia \"is not a country,\" according to a report in BuzzFeed News.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_according_to_names_the_speaker_of_words_about_a_thing(quotes_of):
    text = ("According to the Investigative Committee, the interview could have been about “the Ukrainian "
            "in-advance preparation for war with Russia”.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Investigative Committee"]


def test_a_named_speaker_inside_a_reported_clause_speaks_the_quotation_the_outlet_reports(quotes_of):
    text = ("Fox News reported recently that in a February 2003 radio interview, Green Party activist Ernest Hancock "
            "said to Kyrsten Sinema, who is now Arizona’s Democrat candidate for Senate: “As an individual, if I want "
            "to go fight in the Taliban army, I go over there, and I’m fighting for the Taliban.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Ernest Hancock"]


def test_a_noun_the_model_reads_as_the_subject_of_a_bare_participle_does_not_speak(quotes_of):
    text = ("Ah yes, Nation of Islam leader, racist, and totalitarian Louis Farrakhan was recently captured on video in "
            "Tehran, Iran chanting “Death to America” in Arabic and stating that America is the “Great Satan.”")
    _, rows = quotes_of(text)
    assert "Iran" not in speakers(rows, "indirect")


def test_a_name_the_model_runs_on_past_a_full_name_of_the_article_is_that_name(quotes_of):
    text = ("Louis Farrakhan, leader of Nation of Islam, met Mohsen Rezaee, secretary of Iran‘s Expediency "
            "Discernment Council, on Sunday in Tehran.\n"
            "Louis Farrakhan Refers to the U.S. as \"Great Satan\" during a Tehran University Speech; Says to Iranians: "
            "If You Persevere in Your Revolution Despite the Sanctions, \"Victory Will Be Yours.\"\n"
            "pic.twitter.com/7ZVloq2cXL — MEMRI (@MEMRIReports) November 5, 2018")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Louis Farrakhan"]


def test_a_lawsuit_speaks_for_its_owner_not_the_outlet_reporting_it(quotes_of):
    text = ("Former Navy sailor Kristian Saucier is suing the Obama administration.\n"
            "According to Fox News, Saucier’s federal lawsuit alleges that the United States government was "
            "“overzealous” in prosecuting him for “mishandling classified information.”")
    _, rows = quotes_of(text)
    assert set(speakers(rows, "indirect")) == {"Kristian Saucier"}


def test_an_acronym_in_capitals_the_model_takes_for_a_question_word_names_its_speaker(quotes_of):
    text = ("The WHO, however, stopped short of declaring the outbreak a global health emergency.\n"
            "WHO said there should not be restrictions on international travel or trade.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["WHO"]


def test_a_place_the_model_also_tags_a_person_names_an_institutions_branch_not_its_speaker(quotes_of):
    # "San Diego" is a person to the model here and a place in the tweet's signature
    text = ("Border Patrol has not confirmed whether this group is part of the caravan.STORY: "
            "http://via.kswbtv.com/Ky5E4 Posted by FOX 5 San Diego on Tuesday, November 13, 2018\n"
            "US Customs and Border Patrol San Diego tweeted, \"The first group of the migrant caravan arrived at the "
            "Tijuana border yesterday afternoon.\n"
            "All seeking entry into the U.S. are urged to present themselves at an official Port of Entry.\"\n"
            "#USBP pic.twitter.com/uGWUKjxJkj — CBP San Diego (@CBPSanDiego) November 14, 2018")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[0] == "US Customs and Border Patrol San Diego"


def test_cited_as_saying_is_the_cited_sources(quotes_of):
    text = ("The Guardian cited two unidentified sources as saying Manafort first met Assange at the embassy in "
            "2013.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Manafort first met Assange at the embassy in 2013", None)]


def test_object_misread_as_an_inverted_subject_is_no_antecedent(quotes_of):
    # "praised Hitler as ...": the model reads "Hitler" as the subject of "praised"
    text = ("Nation of Islam leader Louis Farrakhan spoke in Chicago on Sunday.\n"
            "Farrakhan has repeatedly denounced Jews as “satanic,” praised Hitler as a “very great man” and has said "
            "that white people “deserve to die.”\n"
            "He told reporters on Sunday that he had been misquoted.")
    _, rows = quotes_of(text)
    assert indirect(rows)[-1] == ("he had been misquoted", "Louis Farrakhan")


def test_spelled_out_title_refers_to_the_one_introduced_abbreviated(quotes_of):
    text = ("Democratic Illinois Rep. Danny Davis defended Nation of Islam leader Louis Farrakhan on Monday.\n"
            "Farrakhan has repeatedly denounced Jews as “satanic.”\n"
            "The congressman said he wasn’t sure why the ADL wrote that he had been misquoted.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("he wasn’t sure why the ADL wrote that he had been misquoted", "Danny Davis")]


HALL = ("“The delay raised questions about why investigators held off on arresting the officer,” Kristine Phillips and "
        "Deanna Paul wrote for The Post.\n"
        "After repeated protests, Police Chief Renee Hall gave contradictory explanations last week for why she could "
        "not fire the officer.\n"
        "She told a town hall that “local, state and federal laws prohibit me from taking action,” according to ABC "
        "affiliate WFAA.")


def test_coordinated_speakers_are_no_antecedent_of_she(quotes_of):
    _, rows = quotes_of(HALL)
    assert direct(rows)[-1] == ("“local, state and federal laws prohibit me from taking action,”", "Renee Hall")


def test_told_that_and_a_whole_quotation_is_reported_speech_of_its_subject(quotes_of):
    # "according to" the outlet gives way to the speaker opening the clause it reports
    _, rows = quotes_of(HALL)
    assert indirect(rows) == [("local, state and federal laws prohibit me from taking action", "Renee Hall")]


def test_institution_coordinated_with_other_speakers_is_not_named_alone(quotes_of):
    text = ("The United States and British military spokesmen made no objections to the local authorities and "
            "collectively stated that they “respect the sovereignty of their foreign partners in the Solomon Islands.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None] and speakers(rows, "indirect") == [None]


def test_outlet_relaying_a_named_speaker_gives_way_to_them(quotes_of):
    text = ("The BBC adds that the WHO said it was not recommending any trade or travel restrictions either within DR "
            "Congo or internationally.\n"
            "The Mail reports that health workers have recorded confirmed, probable and suspected cases of Ebola in "
            "three health zones, the WHO said.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["WHO", "WHO"]


def test_mistyped_name_keeps_every_compound_before_its_head(quotes_of):
    text = ("Two days later, the Dallas Morning News reported that police could fire Guyger but did not plan to review "
            "her employment until a criminal investigation wrapped up.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Dallas Morning News"]


def test_subject_read_as_an_appositive_of_an_opening_phrase_speaks(quotes_of):
    text = ("In a new undercover video from Project Veritas, Omar Smith, who is a staffer for Gillum and claims to have "
            "also attended college with him, said that if Gillum is elected none of the programs would happen.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("if Gillum is elected none of the programs would happen", "Omar Smith")]


def test_curly_opening_closed_by_a_straight_quote(quotes_of):
    text = ("“Throughout this process, I’ve been interviewed by the FBI and I answered questions under oath about every "
            "topic the Senators asked me,\" Kavanaugh said in a statement that was released by the White House.")
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index(',"') + 2], "Kavanaugh")]


def test_straight_opening_closed_by_a_curly_quote(quotes_of):
    text = ("\"The presidency of Fidesz has discussed yesterday the announcement of the Belgian Prime Minister,” "
            "Orban stated.\n“According to their plan, this will happen in June,\" he added.")
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index(",”") + 2], "Orban"),
                            (text[text.index("“"): text.index(',"') + 2], "Orban")]


def test_straight_quotes_nested_in_curly_ones_still_pair(quotes_of):
    text = "“He called the report \"a complete fabrication\" and refused to comment,” Piotr Müller told reporters."
    _, rows = quotes_of(text)
    assert direct(rows) == [(text[: text.index(",”") + 2], "Piotr Müller")]


def test_asked_someone_right_before_a_quotation(quotes_of):
    text = ("Kara Swisher interviewed Hillary Clinton over the weekend.\n"
            "Swisher asked her, \"What do you think of Cory Booker saying kick them in the shins, essentially?\"")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Kara Swisher"]


def test_quotation_continues_a_speaker_who_went_on_in_reported_speech(quotes_of):
    text = ("Paul Hunter is a professor of health protection at the University of East Anglia.\n"
            "He previously said: “The big anxiety is it could spread to mainland Africa.\n"
            "If we don’t carry on doing stuff here, at one point something will happen and it will get out of our "
            "control.” There is always a risk with travel that the disease will spread globally, Hunter added.\n"
            "“We don’t want a situation where the disease spreads so fast it gets out of control.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Paul Hunter", "Paul Hunter"]


def test_two_people_speaking_together_name_the_first(quotes_of):
    _, rows = quotes_of(HALL)
    assert speakers(rows, "direct")[0] == "Kristine Phillips"


def test_phrase_inside_the_writers_sentence_takes_no_speaker_from_the_next_quotation(quotes_of):
    text = ("Helen Marsh has led the tenants' union since 2015.\n"
            "Last spring she had the union's banner repainted in “bright harbour blue.” As Marsh explained, “People "
            "should see us coming from the other end of the street.”")
    _, rows = quotes_of(text)
    assert direct(rows) == [("“bright harbour blue.”", None),
                            ("“People should see us coming from the other end of the street.”", "Helen Marsh")]


def test_second_verb_of_saying_shares_the_first_ones_subject(quotes_of):
    text = ("The Boston Globe said Senator Alan Pryce visited the plant twice in 2019 and said its sources had seen "
            "him there again last spring.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Senator Alan Pryce visited the plant twice in 2019", "Boston Globe"),
                              ("its sources had seen him there again last spring", "Boston Globe")]


def test_the_ig_is_the_inspector_general_introduced_by_name(quotes_of):
    text = ("Pentagon Inspector General Karen Whitfield released her review of the contract on Monday.\n"
            "The IG said her team had found no sign that the award was steered to a favoured bidder.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Karen Whitfield"]


def test_a_quoted_subject_is_no_speaker_of_its_verb(quotes_of):
    text = ("The Boston Globe reported on Friday that “Martin Hale, a veteran city councillor,” has written to the "
            "governor, urging her to “halt the sale of the harbour land before the public has had its say.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Boston Globe", "Boston Globe"]


def test_spokesperson_described_by_an_organisation_speaks_as_it(quotes_of):
    text = ("“The department is already working with the Director of National Intelligence to comply with the "
            "president’s order,” a Justice Department spokesman said in a statement.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Justice Department"]


def test_an_adjective_before_a_name_is_no_part_of_it(quotes_of):
    text = ("The editorial page has wanted this war for years.\n"
            "The interventionist Post is saying that the situation in Syria is intolerable.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Post"]


def test_a_headline_topic_before_a_colon_is_no_speaker(quotes_of):
    text = ("Secret Gun Control Agenda Revealed: “three day waiting period for everybody,” the first step\n\n"
            "The campaign released nothing on Friday.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


def test_a_known_surname_opening_a_headline_before_a_colon_speaks(quotes_of):
    text = ('Trump: "If You Don\'t Want To Be Saying The Words Speaker Pelosi... Go Out & Vote"\n\n'
            "President Donald Trump spoke at a rally of 8,500 in Indiana on Friday.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Donald Trump"]


def test_a_participle_after_a_relative_clause_is_nobodys_for_sure(quotes_of):
    text = ("Pope Benedict XVI has warned against precisely the kind of “accommodation” Faggioli is calling for, "
            "writing that when “the people cannot cope” with God, they “bring him down into their own world,” and "
            "insist that “he must be the kind of God that [they need].”")
    _, rows = quotes_of(text)
    assert {s for _, _, s in rows} == {None}


def test_the_owner_before_a_name_is_no_part_of_the_speaker(quotes_of):
    # the model takes the "’s" of "U2’s Bono" for a quotation mark
    _, rows = quotes_of("“We live in a time,” said U2’s Bono this week, “when institutions as vital to human progress "
                        "as the United Nations are under attack.”")
    assert speakers(rows, "direct") == ["Bono", "Bono"]


def test_a_report_by_an_outlet_the_model_typed_as_nothing_is_the_outlets(quotes_of):
    _, rows = quotes_of("According to a report by The Intercept, the letter was relayed to lawmakers by an individual "
                        "affiliated with Stanford University.")
    assert speakers(rows, "indirect") == ["Intercept"]


def test_a_coalition_qualified_by_a_name_speaks_as_an_institution(quotes_of):
    _, rows = quotes_of("The U.S. coalition in Syria said this week the border force will be built up over the next "
                        "several years.")
    assert speakers(rows, "indirect") == ["U.S. coalition in Syria"]


def test_pronoun_refers_to_the_one_person_subject_before_it_in_its_sentence(quotes_of):
    text = ("Hungary's Prime Minister Viktor Orban has been somewhat of a lone voice in Europe against the plan, and on "
            "Wednesday he gave a speech in which he declared that he would fight those who want to change Europe.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Viktor Orban"]


def test_pronoun_after_one_of_the_other_gender_is_not_the_subject_before_it(quotes_of):
    text = ("Kavanaugh then allegedly covered the woman’s mouth with his hand and attempted to force himself on her, but "
            "she says she managed to free herself and bolt out of the room.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [None]


def test_a_description_named_by_a_participle_is_that_person(quotes_of):
    text = ("Recently a Muslim spokesman in Tunisia named Said Khecharem, who is affiliated with the organization Hizb "
            "ut-Tahrir, declared that the establishment of an Islamic state requires conquest.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Said Khecharem"]


def test_the_subject_of_a_passive_verb_of_saying_was_told_not_the_teller(quotes_of):
    text = ("Emmanuel Macron lost his temper. Macron interrupted him, saying he was not responsible for the "
            "journalist’s words, but he was publicly reminded that it was a quote from an official, not a journalist.")
    _, rows = quotes_of(text)
    assert ("it was a quote from an official, not a journalist", None) in indirect(rows)


def test_the_writers_question_attributes_nothing(quotes_of):
    text = ("In contrast, President Trump issued a statement claiming that “Ramadan reminds us of the richness Muslims "
            "add to the religious tapestry of American life.”\n\nSo which is it?\n\n"
            "Does Ramadan remind us of “the richness Muslims add to the religious tapestry of American life,” or is "
            "Ramadan “a month of calamity everywhere for nonbelievers”?")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Trump", None, None]


def test_a_heading_over_one_persons_quotations_names_them(quotes_of):
    text = ("Louis Farrakhan spoke in Chicago on Sunday.\n"
            "Some Farrakhan quotes: “The Jews don’t like Farrakhan, so they call me Hitler.”")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Louis Farrakhan"]


def test_the_group_is_the_organisation_made_subject_after_the_last_speaker(quotes_of):
    text = ("“The briefings will go on,” Ms. Sanders wrote on Monday.\n\n"
            "That notion read more like a warning, and the Correspondents’ Association seemed unmoved.\n\n"
            "“For as long as there have been White House press conferences, White House reporters have asked follow-up "
            "questions,” the group wrote on Monday.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct")[-1] == "Correspondents’ Association"


def test_he_is_not_someone_introduced_as_a_woman(quotes_of):
    text = ("Kristian Saucier now works for a construction firm.\n"
            "Because of the loss of income during his imprisonment, he and his wife Sadie lost their home to "
            "foreclosure.\n“With a pardon there’s no magic wand that gets waved and makes everything right,” he said.")
    _, rows = quotes_of(text)
    assert "Sadie" not in speakers(rows, "direct")


@pytest.mark.parametrize("text", [
    "“We are ready,” Mary Jones said. Although Tom Smith objected, she insisted that the vote would go ahead.",
    "Mary Jones chaired the meeting on Monday. When Tom Smith arrived late, she said that the vote had already taken "
    "place.",
    "Tom Smith interviewed the actress for an hour, and she told him that the film was finished.",
    "Governor Brown praised the woman for her courage, and she said that she would keep fighting.",
])
def test_a_pronoun_is_not_a_subject_before_it_that_another_person_may_be(quotes_of, text):
    _, rows = quotes_of(text)
    assert "Tom Smith" not in speakers(rows, "indirect") and "Brown" not in speakers(rows, "indirect")


@pytest.mark.parametrize("text, speaker", [
    ("Donald Trump spoke in Ohio on Friday.\n\n“The president has no comment at all,” a Trump spokesman said.",
     "Trump spokesman"),  # a person's spokesman is not the person
    ("A report in January said that the economy had shrunk by two percent.", None),  # a date issues nothing
    ("When he was told that the plant had closed, Smith said he was shocked.", None),  # told, not telling
])
def test_speakers_the_rules_must_not_give(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert [s for _, _, s in rows][0] == speaker


def test_a_name_runs_on_through_particles_only_not_into_another_name(quotes_of):
    text = ("Former Bush White House press secretary Ari Fleischer spoke on Monday. A Bush White House official "
            "rejected the account. The House later said that it would investigate.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["House"]


def test_a_heading_names_only_the_person_owning_its_noun(quotes_of):
    text = "Donald Trump spoke in Ohio on Friday.\n\nSome Trump critics' comments: “He is a disgrace to the office.”"
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [None]


@pytest.mark.parametrize("text, speaker", [
    ("Ramzan Kadyrov spoke at length on Monday. Later the head of the Russian Foreign Ministry Sergei Lavrov said "
     "that the talks had failed.", "Sergei Lavrov"),  # a title named after what they head, no comma
    ("Ramzan Kadyrov spoke at length on Monday. Before, the acting commander of the 36th marine brigade Sergey "
     "Volynsky (call sign “Volyna”), having ensconced in the catacombs, told that hundreds of civilians were with "
     "him.", "Sergey Volynsky"),
    ("Ramzan Kadyrov spoke at length on Monday. The lawyer of Donald Trump said that the talks had failed.", None),
])
def test_a_title_of_someone_named_is_not_whoever_spoke_last(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


def test_according_to_a_source_with_the_clauses_subject_read_as_its_appositive(quotes_of):
    text = ("According to an ex-Secret Service agent, Vice-President Joe Biden was regularly engaged in "
            "“Weinstein-level” predatory behavior.")
    _, rows = quotes_of(text)
    assert indirect(rows) == [("Vice-President Joe Biden was regularly engaged in “Weinstein-level” predatory "
                               "behavior", None)]


@pytest.mark.parametrize("text, speaker", [
    ("A Kushner spokesman said that the meeting never happened.", "Kushner spokesman"),  # one word typed ORG
    ("For some reason, the Downing Street spokesperson also emphasised that some sort of offensive would follow in "
     "the spring.", "Downing Street"),
    ("Donald Trump spoke in Ohio on Friday. A Donald Trump spokesman said that it would follow in the spring.",
     "Donald Trump spokesman"),
])
def test_an_organisations_unnamed_spokesman_speaks_as_it(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


def test_a_publication_named_after_a_document_speaks_not_a_name_in_its_appositive(quotes_of):
    text = ("Fessio’s Catholic World Report, another voice of the rising mainstream opposition to Francis, notes that "
            "the request reinforces the point.")
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == ["Catholic World Report"]


def test_a_wife_with_the_feminine_form_of_a_surname_is_not_her_husband(quotes_of):
    text = ("Vladimir Zelensky spoke in Kiev on Monday.\n"
            "“We are tired,” Mrs. Zelenska said in an interview with the BBC.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Zelenska"]


@pytest.mark.parametrize("text, speaker", [
    ("Mohammed Ali met Eliana Murillo in May. Murillo brags that the company used its power to reach millions.",
     "Eliana Murillo"),
    ("Vladimir Putin spoke in Moscow. Putin also remarked that the West was to blame for the crisis.", "Vladimir Putin"),
])
def test_more_verbs_of_saying(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "indirect") == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Marine Le Pen spoke about the restrictions today in an interview with BFMTV: “They sanctioned the French more "
     "than Russia.”", "Marine Le Pen"),  # the model roots the sentence in the quotation's verb
    ("Biden was indignant: “Read the polls, Jack, read the polls. You guys are all the same.”", "Biden"),
    ("As that most American of writers, Thomas Wolfe, put it, \"You can't go home again.\"", "Thomas Wolfe"),
])
def test_an_introduction_before_a_colon_or_as_someone_put_it(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == [speaker]


def test_the_writers_to_put_it_simply_attributes_nothing(quotes_of):
    text = ("To put it simply, the Federal Network Agency will disconnect factories from the grid first.\n"
            "“Soon the decisive question may no longer be the price, but who will be able to supply milk,” a trade "
            "paper wrote.")
    _, rows = quotes_of(text)
    assert "Federal Network Agency" not in speakers(rows, "direct") + speakers(rows, "indirect")


@pytest.mark.parametrize("text, rows_wanted", [
    ("Justin Trudeau spoke on Monday. He expressed confidence that Beijing and Ottawa would continue to work "
     "constructively.", [("Beijing and Ottawa would continue to work constructively", "Justin Trudeau")]),
    ("Lavrov expressed his condolences to the families of the victims.", []),  # no stance, no clause
])
def test_a_stance_expressed_with_its_that_clause_is_reported_speech(quotes_of, text, rows_wanted):
    _, rows = quotes_of(text)
    assert indirect(rows) == rows_wanted


@pytest.mark.parametrize("text, speaker", [
    ("“We are ready,” Terrence O’Shaughnessy said on Monday.", "Terrence O’Shaughnessy"),  # a typographic apostrophe
    ("Former NATO commander in Europe General Philip Breedlove said that the war would last.", "Philip Breedlove"),
    ("Edward E. Curtis IV wrote a book on the movement. Curtis said that the membership was small.",
     "Edward E. Curtis IV"),  # a surname before a suffix
])
def test_names_the_model_reads_only_with_help(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert [s for _, _, s in rows] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("The lawyer of President Donald Trump said that the case against his client was closed.", None),
    ("The press secretary of Governor Ron DeSantis said that the bill would be signed.", None),
    ("A deputy of Ukrainian President Volodymyr Zelensky said that talks had stalled.", None),
    ("Donald Trump was furious about the tweet: “The president is a liar and a fraud who should resign.”", None),
    ("Police officer Mark Lee pointed his gun at the suspect, John Smith. “Drop the weapon now or I will shoot!” "
     "Smith put it down slowly.", None),
    ("The Durham Report said that the FBI had acted on raw intelligence.", "Durham"),  # a report, not a publication
    ("According to the Washington Post, Vice-President Joe Biden was regularly engaged in swimming naked.",
     "Washington Post"),
    ("Volodymyr Zelensky’s office reacted angrily: “This is an outright lie from Moscow,” the Ukrainian "
     "presidential aide complained.", "Volodymyr Zelensky’s office"),
])
def test_what_the_session_19_review_found(quotes_of, text, speaker):
    _, rows = quotes_of(text)
    assert [s for _, _, s in rows][0] == speaker


def test_a_relative_clause_after_a_stance_is_not_what_was_said(quotes_of):
    _, rows = quotes_of("Joe Biden voiced the frustration that many Democrats feel about the Senate.")
    assert indirect(rows) == []
