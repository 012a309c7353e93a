"""Stance of a claim in real-style news sentences."""

from __future__ import annotations

import pytest

from unspin.narratives.stance import sentence_stance, stance


@pytest.mark.parametrize("sentence, expected", [
    ("NATO is deploying thousands of troops on Russia's border to prepare an invasion.", "asserted"),
    ("Ukraine’s Nazi-infested coup d’etat regime is run by its gangster element.", "asserted"),
    ("Russia's diplomatic outreach to the US-dominated West consistently fails.", "asserted"),
    ("The Skripal poisoning was a false flag operation staged by British intelligence.", "asserted"),
    ("Commenting on the talks, Sergey Lavrov said the West was preparing a provocation.", "attributed"),
    ("According to the Russian Foreign Ministry, 200 extremists trained in Ukraine are now in Belarus.", "attributed"),
    ("Moscow claims it has verified information about the presence of extremists.", "attributed"),
    ("«НАТО готовит нападение на Россию», заявил депутат Госдумы.", "attributed"),
    ("Laut dem Sender bereitet die NATO einen Angriff auf Russland vor.", "attributed"),
    ("There is no evidence that MH17 was shot down by a Ukrainian fighter jet.", "refuted"),
    ("The Ukrainian government denies responsibility for what happened.", "refuted"),
    ("This is a false claim spread by pro-Kremlin outlets.", "refuted"),
    ("Официальные лица опровергают эти сообщения.", "refuted"),
    ("Die Behauptung ist falsch: es gibt keine Beweise für Biolabore in der Ukraine.", "refuted"),
])
def test_sentence_stance(sentence, expected):
    assert sentence_stance(sentence) == expected


def test_quoted_sentence_is_attributed_from_context():
    text = ('Gulevich spoke on Tuesday. “We are forced to respond to an increase in military activity '
            'along the border of Belarus. NATO is building camps near our border.” The ministry added nothing.')
    start = text.index("NATO is building")
    end = text.index("border.”") + len("border.")
    assert stance(text, start, end)[0] == "attributed"
    last = text.index("The ministry")
    assert stance(text, last, len(text))[0] == "attributed"  # "added" is a reporting cue
    first_end = text.index(".") + 1
    assert stance(text, 0, first_end)[0] == "asserted"


def test_quote_spans_from_another_component_count():
    text = "NATO is preparing an attack on Russia, the anchor went on."
    assert stance(text, 0, 38)[0] == "asserted"
    assert stance(text, 0, 38, quote_spans=[(0, 38)]) == ("attributed", "inside a quotation")
