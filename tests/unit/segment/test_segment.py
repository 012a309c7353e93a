from unspin.segment import detect_language, segment, split_paragraphs


def texts(text, spans):
    return [text[s.start:s.end] for s in spans]


def test_abbreviations_quotes_and_numbered_lists():
    text = ('He met U.S. officials on Monday. "This is bad. We object," he said. Then Dr. Smith left.\n'
            "1. First item.\n2. Second item.")
    _, _, sentences = segment(text)
    assert texts(text, sentences) == ["He met U.S. officials on Monday.", '"This is bad. We object," he said.',
                                      "Then Dr. Smith left.", "1. First item.", "2. Second item."]


def test_lines_are_sentence_boundaries_and_blank_lines_paragraph_boundaries():
    text = "A title without a stop\n\nFirst sentence here. Second one.\nThird line\n\n\n  Last paragraph.  "
    _, paragraphs, sentences = segment(text)
    assert texts(text, paragraphs) == ["A title without a stop", "First sentence here. Second one.\nThird line",
                                       "Last paragraph."]
    assert texts(text, sentences) == ["A title without a stop", "First sentence here.", "Second one.", "Third line",
                                      "Last paragraph."]
    assert split_paragraphs("   \n\n  ") == []


def test_language_of_document_and_of_a_differing_paragraph():
    english = "The government announced new measures against the crisis on Monday, officials said."
    russian = "Правительство объявило о новых мерах против кризиса в понедельник, сообщили официальные лица."
    language, paragraphs, _ = segment(english + "\n\n" + english + "\n\n" + russian)
    assert language == "en"
    assert [p.attrs.get("language") for p in paragraphs] == [None, None, "ru"]
    assert detect_language("12345 ---") is None
