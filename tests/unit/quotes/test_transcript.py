"""Transcript turns: lines opening with a speaker's label are that speaker's words, with no marks."""

from __future__ import annotations

from unspin.quotes import paragraph_spans
from unspin.quotes.transcript import transcript_turns, with_turns

COURT = ("In court, Bacon badgered Hadeed.\n"
         "Michael Hadeed said three different signatures from Abid Awan did not match.\n"
         "Hadeed: Why do your signatures look different?\n"
         "Abid: My signatures are not very consistent, I’m just a human being…\n"
         "Hadeed: You were aware you were changing beneficiary from your father’s spouse to yourself?\n"
         "Abid: That was my father’s request…\n"
         "Judge: I don’t understand why the witness is having such trouble with the question.\n"
         "The court awarded Abid the $50,000 life insurance payout.")


def words_of(text):
    return [text[s:e] for _, (s, e) in transcript_turns(text, paragraph_spans(text, []))]


def test_each_labelled_line_of_an_exchange_is_a_turn_without_its_label():
    assert words_of(COURT) == ["Why do your signatures look different?",
                               "My signatures are not very consistent, I’m just a human being…",
                               "You were aware you were changing beneficiary from your father’s spouse to yourself?",
                               "That was my father’s request…"]


def test_a_turn_runs_on_over_its_lines_to_the_next_label():
    text = ("BELIN: Well, now, the final area of my interrogation relates to the CIA.\n"
            "During the time of the Warren Commission, you were Deputy Director of Plans, is that correct?\n"
            "HELMS: I believe so.\n"
            "BELIN: Is there any information that shows Oswald was a CIA agent?\n"
            "HELMS: Mr. Belin, this question has been answered before.\n"
            "That is where the transcript ends.")
    turns = words_of(text)
    assert turns[0].endswith("Deputy Director of Plans, is that correct?")
    assert turns[-1] == "Mr. Belin, this question has been answered before."


def test_a_label_used_once_is_no_transcript():
    assert words_of("Lavrov: The West has declared total war on Russia\n"
                    "Sergei Lavrov spoke in Moscow on Friday. He did not take questions?") == []


def test_label_lines_that_never_ask_anything_are_no_transcript():
    sheet = "".join(f"Federation: {country} in our Association\nPresent Problems: the sisters have got very old.\n"
                    for country in ("Germany", "Spain", "Italy"))
    assert words_of(sheet) == []


def test_a_book_advertised_between_turns_is_no_turn():
    text = ("DB: John, what is the latest we know about how Julian Assange is doing?\n"
            "JP: His state of health is just about the same, as I understand it.\n"
            "Special Ed: Voices fro... Dennis Bernstein Best Price: $2.49 Buy New $5.00\n"
            "DB: Among those who should be especially horrified are journalists.\n"
            "JP: Nothing in my time as a journalist has equaled the rise of WikiLeaks.\n"
            "Dennis Bernstein spoke with John Pilger.")
    assert not any(turn.startswith("Voices") for turn in words_of(text))
    assert len(words_of(text)) == 4


def test_a_quotation_inside_a_turn_is_part_of_it():
    turns = transcript_turns(COURT, paragraph_spans(COURT, []))
    inside = (turns[0].words[0] + 4, turns[0].words[0] + 20)
    assert inside not in with_turns([inside], turns)
    assert with_turns([inside], turns) == [t.words for t in turns]


def test_each_turn_is_its_labels_speaker_and_nobodys_when_the_label_names_no_one(quotes_of):
    _, rows = quotes_of(COURT)
    assert direct(rows) == [("Why do your signatures look different?", "Michael Hadeed"),
                            ("My signatures are not very consistent, I’m just a human being…", "Abid Awan"),
                            ("You were aware you were changing beneficiary from your father’s spouse to yourself?",
                             "Michael Hadeed"),
                            ("That was my father’s request…", "Abid Awan")]


def test_a_description_in_a_label_names_nobody_and_initials_name_the_one_person_they_spell(quotes_of):
    text = ("Dennis Bernstein spoke with John Pilger about Julian Assange.\n"
            "DB: John, what is the latest we know about how Julian Assange is doing?\n"
            "Influential Roman: What about Bergoglio, does he have a chance?\n"
            "DB: Among those who should be especially horrified are journalists.\n"
            "Influential Roman: He could reform the Church in five years.")
    _, rows = quotes_of(text)
    assert speakers(rows, "direct") == ["Dennis Bernstein", None, "Dennis Bernstein", None]


def direct(rows):
    return [(text, speaker) for kind, text, speaker in rows if kind == "direct"]


def speakers(rows, kind):
    return [speaker for k, _, speaker in rows if k == kind]
