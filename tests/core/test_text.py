from desktop_editor.core.text import handle_from_filename, reading_minutes, slugify, unique_name, word_count


def test_word_count_counts_what_a_reader_sees():
    body = (
        "# Council approves bridge\n\n"
        "The council voted **7-2** on [Tuesday](https://example.com/a/very/long/url).\n\n"
        "![](image:bridge)\n\n"
        "> “It’s a good day,” the mayor said.\n\n"
        "<span class='x'>Hidden tags</span> don't count.\n"
    )
    # Council approves bridge (3) The council voted 7-2 on Tuesday (6)
    # It's a good day the mayor said (7) Hidden tags don't count (4)
    assert word_count(body) == 20


def test_word_count_of_empty_and_markup_only_text():
    assert word_count("") == 0
    assert word_count("![](image:a)\n\n---\n\n***") == 0


def test_reading_time():
    assert reading_minutes(0) == 0
    assert reading_minutes(100) == 1
    assert reading_minutes(2300) == 10


def test_slugs_are_safe_ascii():
    assert slugify("Council approves new bridge!") == "council-approves-new-bridge"
    assert slugify("Zürich’s café scene") == "zurichs-cafe-scene" or slugify("Zürich’s café scene") == "zurich-s-cafe-scene"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("   ") == ""
    assert len(slugify("word " * 100)) <= 80


def test_handles_from_file_names_and_uniqueness():
    assert handle_from_filename("HMS Ocean_01.JPG") == "hms-ocean-01"
    assert handle_from_filename("/tmp/photos/.jpg") == "image"
    assert unique_name("bridge", {"bridge", "bridge-2"}) == "bridge-3"


def test_a_slug_as_it_is_typed_keeps_the_hyphen_a_space_just_made():
    from desktop_editor.core.text import slug_as_typed

    assert slug_as_typed("Trump NATO ") == "trump-nato-"
    assert slug_as_typed("Trump NATO Praise!") == "trump-nato-praise-"
    assert slugify("Trump NATO Praise!") == "trump-nato-praise"
    assert slugify("Mayor's “no”") == slugify("Mayor’s “no”") == "mayors-no"


def test_counted_things_are_said_in_the_singular_or_the_plural():
    from desktop_editor.core.text import counted

    assert [counted(n, "photo") for n in (0, 1, 2)] == ["0 photos", "1 photo", "2 photos"]
    assert counted(1, "image file") == "1 image file" and counted(3, "copy", "copies") == "3 copies"
