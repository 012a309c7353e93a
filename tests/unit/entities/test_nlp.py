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
