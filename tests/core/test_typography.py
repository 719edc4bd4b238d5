from desktop_editor.core.typography import as_typed, smarten


def test_quotes_apostrophes_and_spaced_hyphens_become_newsroom_punctuation():
    assert smarten('Mayor says "no" to the bridge') == "Mayor says “no” to the bridge"
    assert smarten("Council's 'final' vote - for now") == "Council’s ‘final’ vote – for now"
    assert smarten('"Yes," she said') == "“Yes,” she said"
    assert smarten("A well-known road") == "A well-known road"  # an unspaced hyphen stays


def test_only_what_was_just_typed_is_changed():
    assert as_typed("Bridge", 6) is None
    assert as_typed('say "', 5) == (4, 5, "“")
    assert as_typed("a - ", 4) == (2, 3, "–")
