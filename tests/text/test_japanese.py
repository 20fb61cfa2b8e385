"""Japanese words, readings and names (text/japanese.py), over sentences written for these tests."""

from storydiff.text import japanese


def test_proper_nouns_are_names_with_their_sound_and_countries_are_not():
    text = "首相は田中氏と埼玉県でメルケル氏に会い、日本とドイツの協力を語った。"
    names = {text[i:j]: key for i, j, key in japanese.names(text)}
    assert names["田中"] == "tanaka"
    assert names["埼玉"] == "saitama"
    assert "merukeru" in names.values()
    assert "日本" not in names and "ドイツ" not in names  # countries are translated, not written by sound


def test_a_persons_name_in_several_words_is_one_name():
    text = "ジョー・バイデン大統領が演説した。"
    (span,) = [(i, j) for i, j, _ in japanese.names(text)]
    assert text[span[0] : span[1]] == "ジョー・バイデン"


def test_a_text_sounds_like_the_latin_names_it_renders():
    heard = japanese.sounds("トランプ氏は東京でコロナウイルスについて語り、ＮＡＳＡを訪れた。")
    assert {"trump", "tokyo", "koronauirusu", "nasa"} <= heard
    assert japanese.english_sound("Trump") in heard


def test_sounds_japanese_does_not_tell_apart_are_folded():
    assert japanese.sound("Merkel") == japanese.sound("merkeR") == "merker"
    assert japanese.sound(japanese.romaji("トウキョウ")) == japanese.sound("Tokyo")
    assert japanese.romaji("シンゾー") == "shinzo"


def test_a_name_japanese_could_write_in_romaji():
    assert japanese.could_be_romaji("toyama") and japanese.could_be_romaji("kosaka")
    assert not japanese.could_be_romaji("okonkwo") and not japanese.could_be_romaji("lindqvist")
