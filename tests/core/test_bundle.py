from __future__ import annotations


import pytest

from desktop_editor.core.bundle import BundleError, parse_bundle, read_bundle
from desktop_editor.core.model import Status

GOOD = """---
headline: "Council approves new bridge"
standfirst: "The crossing will open in 2028."
byline: "A Reporter"
tags: [transport, council]
status: subbing
language: en-GB
word_target: 600
---
The council voted **7-2** on Tuesday.
"""


def test_a_bundle_gives_every_text_field_and_the_body(tmp_path):
    bundle = parse_bundle(GOOD, "story.md", tmp_path)
    article = bundle.article
    assert article.headline == "Council approves new bridge"
    assert article.standfirst == "The crossing will open in 2028."
    assert article.tags == ("transport", "council")
    assert article.status is Status.SUBBING
    assert article.word_target == 600
    assert article.body == "The council voted **7-2** on Tuesday.\n"
    assert bundle.images == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("No front matter at all.", "no YAML front matter"),
        ("---\nheadline: [unclosed\n---\nx", "not valid YAML"),
        ("---\nstandfirst: x\n---\nx", "“headline” is required"),
        ("---\nheadline: ''\n---\nx", "“headline” is empty"),
        ("---\nheadline: x\nstatus: published\n---\n", "“status”"),
        ("---\nheadline: x\nword_target: lots\n---\n", "“word_target”"),
        ("---\nheadline: x\nlead_image: bridge\n---\n", "“lead_image”"),
        ("---\nheadline: x\nimages:\n  - handle: Bad Handle\n    file: a.jpg\n---\n", "handle"),
        ("---\nheadline: x\nimages:\n  - handle: bridge\n    file: missing.jpg\n---\n", "missing.jpg does not exist"),
        ("---\n- just\n- a list\n---\n", "mapping"),
    ],
)
def test_bad_bundles_are_refused_with_a_sentence_naming_file_and_field(tmp_path, text, words):
    with pytest.raises(BundleError) as caught:
        parse_bundle(text, "story.md", tmp_path)
    assert words in str(caught.value)
    assert str(caught.value).startswith("story.md")


def test_unreadable_files(tmp_path):
    with pytest.raises(BundleError, match="does not exist"):
        read_bundle(tmp_path / "nope.md")
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(BundleError, match="not UTF-8"):
        read_bundle(binary)


def test_front_matter_other_editors_write_is_read(tmp_path):
    text = (
        "---\ntitle: Ferry cancelled\nauthors: [Jo Smith, Ann Lee]\ndescription: Storms.\n"
        "date: 2026-05-01T09:00:00+01:00\nlayout: post\ndraft: true\n---\nBody.\n"
    )
    bundle = parse_bundle(text, "story.md", base=tmp_path)
    assert bundle.article.headline == "Ferry cancelled"
    assert bundle.article.byline == "Jo Smith, Ann Lee"
    assert bundle.article.standfirst == "Storms."
    assert bundle.article.publish_at.isoformat() == "2026-05-01T09:00:00+01:00"
    assert bundle.warnings == (
        "story.md: the field “layout” is not one Desktop Editor reads; it was left out.",
        "story.md: the field “draft” is not one Desktop Editor reads; it was left out.",
    )
    assert parse_bundle("---\ntitle: T\nauthor: Jo\n---\n", "a.md", tmp_path).article.byline == "Jo"


@pytest.mark.parametrize("field", ["tags", "authors"])
def test_null_in_a_list_is_refused_not_read_as_none(tmp_path, field):
    with pytest.raises(BundleError, match=f"“{field}” has an empty entry"):
        parse_bundle(f"---\ntitle: T\n{field}: [a, null]\n---\n", "a.md", tmp_path)
    with pytest.raises(BundleError, match=f"“{field}” has an empty entry"):
        parse_bundle(f"---\ntitle: T\n{field}:\n  - a\n  -\n---\n", "a.md", tmp_path)
