from unspin.entities import nlp


def test_docs_of_the_last_batch_are_shared_and_completed_with_missing_pipes():
    texts = ["Dmitry Peskov spoke to reporters in Moscow.", "Maria Zakharova answered."]
    first = nlp.parse(texts, ("ner",))
    assert "Moscow" in [e.text for e in first[0].ents]
    assert not first[0].has_annotation("DEP")
    again = nlp.parse(texts, ("tok2vec", "parser"))
    assert again[0] is first[0]
    assert again[0].has_annotation("DEP") and again[0].ents == first[0].ents


def test_only_the_last_batch_is_kept():
    old = nlp.parse(["One text."])
    nlp.parse(["Another text."])
    assert nlp.parse(["One text."])[0] is not old[0]


def test_a_parse_keeps_sentences_inside_lines_and_reads_guillemets_as_quotes():
    doc = nlp.parse(["The minister said it was over\nand the talks ended «at once»."], nlp.PARSE_PIPES)[0]
    assert [s.text.strip() for s in doc.sents] == ["The minister said it was over", "and the talks ended «at once»."]
    assert [t.norm_ for t in doc if t.text in "«»"] == ["“", "”"]
