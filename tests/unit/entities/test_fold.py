from unspin.entities.fold import fold, keys, stem, transliterate


def test_spellings_of_one_name_fold_alike():
    assert fold("U.S.") == fold("US") == "us"
    assert fold("Tsikhanoŭskaya") == fold("TSIKHANOUSKAYA") == "tsikhanouskaya"
    assert fold("Erdoğan’s") == "erdogans"
    assert fold("Лукашенко") == fold("Lukashenko")
    assert fold("  Jens   Stoltenberg ") == "jens stoltenberg"


def test_ukrainian_and_belarusian_letters_transliterate():
    assert transliterate("Київ") == "kiyiv"
    assert transliterate("Ціханоўская") == "tsikhanouskaya"


def test_russian_case_forms_share_a_stem():
    for forms in (["Путин", "Путина", "Путиным", "Путину"], ["Захарова", "Захаровой", "Захарову"],
                  ["Россия", "России", "Россией", "Россию"], ["Зеленский", "Зеленского", "Зеленским"]):
        assert len({stem(form) for form in forms}) == 1, forms


def test_surnames_in_ov_keep_their_ending_and_short_words_stay_whole():
    assert stem("Лавров") == "лавров"
    assert stem("США") == "сша"


def test_only_cyrillic_names_get_a_stemmed_key():
    assert keys("Putin") == ["putin"]
    assert keys("Путиным") == ["putinym", "putin"]


def test_british_spellings_of_organisations_meet_the_american_ones():
    assert fold("World Health Organisation") == fold("World Health Organization")
    assert fold("Ministry of Defence") == fold("Ministry of Defense")
