"""Which words of a Markdown line are checked, and a real hunspell dictionary checking them."""

from __future__ import annotations

import pytest

from desktop_editor.core.spelling import Speller, Spellers, choose_dictionary, dictionary_tags, is_code_line, words


def checked(line: str) -> list[str]:
    return [word for _start, _length, word in words(line)]


def test_prose_words_are_found_with_their_places():
    line = "The navy’s ships don't recieve orders."
    found = list(words(line))
    assert [w for *_, w in found] == ["The", "navy’s", "ships", "don't", "recieve", "orders"]
    for start, length, word in found:
        assert line[start:start + length] == word


def test_markdown_syntax_is_not_checked_but_the_prose_inside_it_is():
    assert checked("## A heding with *emfasis* and __strongg__") == ["heding", "with", "emfasis", "and", "strongg"]
    assert checked("> “Quoted,” she said. - a list item") == ["Quoted", "she", "said", "list", "item"]
    assert checked("1. First [linkk text](https://exmaple.com/pathh_name) here") == ["First", "linkk", "text", "here"]
    assert checked("A [reference][refid] and a footnote[^notee].") == ["reference", "and", "footnote"]
    assert checked('[refid]: https://exmaple.com/a "Titel"') == []
    assert checked("Heading {#anchr .klass}") == ["Heading"]


def test_code_urls_addresses_handles_and_html_are_not_checked():
    assert checked("Run `git comit` or ``a `b` c`` now") == ["Run", "or", "now"]
    assert checked("![](image:harbour-cranse) and ![Alt textt](image:bridje)") == ["and", "Alt", "textt"]
    assert checked("See <https://exmaple.org/pagge> or www.exmaple.com/x") == ["See", "or"]
    assert checked("Mail newsdesk@exmaple.co.uk or visit gov.uk/guidanse today") == ["Mail", "or", "visit", "today"]
    assert checked("Some <span class=\"highlite\">textt</span> &nbsp; here") == ["Some", "textt", "here"]


def test_numbers_and_words_with_digits_or_underscores_are_not_checked():
    assert checked("On 3rd May 2028 the MP3 file snake_case x9 had 1,200 bytes") == [
        "On", "May", "the", "file", "had", "bytes",
    ]  # fmt: skip
    assert checked("_emfasis_ stays a word") == ["emfasis", "stays", "word"]


def test_indented_code_lines_are_told_from_nested_list_items():
    assert is_code_line("    x = recieve()")
    assert is_code_line("\tcode")
    assert not is_code_line("    - a nested item")
    assert not is_code_line("Prose")


def test_the_article_s_language_chooses_the_dictionary():
    assert dictionary_tags("en-GB")[:2] == ["en_GB", "en"]
    assert choose_dictionary("en-us", ["en_GB", "en_US"]) == "en_US"
    assert choose_dictionary("en-GB", ["en_US"]) == "en_US"  # British missing: American
    assert choose_dictionary("en", ["en_GB", "en_US"]) == "en_GB"
    assert choose_dictionary("en-AU", ["en_GB", "en_US"]) == "en_GB"
    assert choose_dictionary("", ["en_US"]) == "en_US"
    assert choose_dictionary("de-AT", ["de_DE", "en_GB"]) == "de_DE"  # another region of German
    assert choose_dictionary("fr", ["en_GB", "en_US"]) is None  # never French checked as English


def english(language: str = "en-GB", accepted=()) -> Speller:
    speller = Speller.open(language, accepted)
    if not speller.available:
        pytest.skip(speller.problem)  # tools/install-system-deps installs the dictionaries
    return speller


def test_a_real_dictionary_finds_misspellings_and_suggests():
    speller = english()
    assert speller.tag == "en_GB"
    assert [w for *_, w in speller.misspelt("They will recieve the colour proofs.")] == ["recieve"]
    assert "receive" in speller.suggest("recieve")
    assert speller.check("don’t") and speller.check("don't")
    assert speller.suggest("dont’")[0].count("’") == 1  # a curly apostrophe stays curly


def test_british_and_american_spellings_follow_the_language():
    assert english("en-GB").check("colour") and not english("en-GB").check("color")
    assert english("en-US").check("color") and not english("en-US").check("colour")


def test_newsroom_words_are_accepted_only_once_listed():
    assert not english().check("BALTOPS")
    assert not english().check("Stoltenberg")
    speller = english(accepted=["BALTOPS", "Stoltenberg"])
    assert speller.check("BALTOPS")
    assert speller.check("Stoltenberg") and speller.check("Stoltenberg’s") and speller.check("STOLTENBERG")
    assert not speller.check("stoltenberg")  # a name listed capitalised stays capitalised
    assert "Stoltenberg" in speller.suggest("Stoltenburg")
    speller.accept("dekko")
    assert speller.check("dekko") and speller.check("Dekko")


def test_a_language_without_a_dictionary_marks_nothing_and_says_why():
    speller = Speller.open("xx-QQ")
    assert not speller.available
    assert speller.check("anyword") and speller.misspelt("Zzzqx wrods") == []
    assert speller.problem == "Spelling is not checked: no dictionary for the article's language (xx-QQ) is installed."


def test_several_languages_accept_a_word_any_of_them_knows():
    both = Spellers([english("en-GB"), english("en-US"), Speller.open("xx")])
    assert both.check("colour") and both.check("color") and not both.check("recieve")
    assert Spellers([Speller.open("xx")]).check("recieve")
