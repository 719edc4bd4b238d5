"""The last resort at exit: what the store could not take is written beside it, whole."""

from __future__ import annotations

from desktop_editor.core.model import Article, PhotoChange
from desktop_editor.editing.recovery import write_recovery_copy


def test_the_recovery_copy_holds_the_text_the_photo_text_and_the_photo_changes(tmp_path):
    path = write_recovery_copy(
        Article(headline="Navy", slug="navy"), "HMS Ocean led forty ships.", tmp_path,
        {"ship": {"caption": "HMS Ocean in the Baltic.", "credit": "Crown Copyright"}},
        (PhotoChange.rename("ship", "hms-ocean"),),
    )  # fmt: skip
    text = path.read_text()
    assert text.startswith("# Navy\n\nHMS Ocean led forty ships.\n\n")
    assert "- ship, caption: HMS Ocean in the Baltic." in text and "- ship, credit: Crown Copyright" in text
    assert "- rename ship hms-ocean" in text


def test_two_copies_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    first = write_recovery_copy(Article(headline="One"), "First window.", tmp_path)
    second = write_recovery_copy(Article(headline="Two"), "Second window.", tmp_path)
    assert first != second
    assert "First window." in first.read_text() and "Second window." in second.read_text()
