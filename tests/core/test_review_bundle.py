"""A bundle carries the review: CriticMarkup in the body, authors and times in front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_editor.core import review
from desktop_editor.core.bundle import BundleError, parse_bundle
from desktop_editor.core.bundle_writer import markdown_bundle_text

BUNDLE = """---
headline: Council approves bridge
review:
  s1: {kind: substitution, author: Sam Sub, at: 2026-05-01T09:00:00+01:00}
  c2:
    author: Sam Sub
    at: "2026-05-01T09:05:00+00:00"
    text: Source for this figure?
    replies: [{author: Ann Reporter, at: "2026-05-01T10:00:00Z", text: Council minutes.}]
  s9: {kind: deletion, author: Sam Sub, at: "2026-04-30T08:00:00Z", old: "really ", events: [{action: rejected, by: Ann Reporter, at: "2026-04-30T09:00:00Z"}]}
---
The {~~council~>city council~~}{#s1} voted {==7-2==}{>>Source for this figure?<<}{#c2} on {++a wet ++}Tuesday.
"""


def test_a_bundle_with_critic_markup_makes_suggestions_and_comments_with_their_authors_and_times():
    article = parse_bundle(BUNDLE, "story.md", Path(".")).article
    items = {i.id: i for i in review.review_items(article.body, article.review)}
    assert (items["s1"].kind, items["s1"].author, items["s1"].at) == ("substitution", "Sam Sub", "2026-05-01T09:00:00+01:00")
    assert (items["c2"].text, items["c2"].replies[0]["author"], items["c2"].replies[0]["at"]) == (
        "Source for this figure?", "Ann Reporter", "2026-05-01T10:00:00+00:00",
    )
    assert (items["s9"].state, items["s9"].events[0]["by"]) == ("rejected", "Ann Reporter")
    (added,) = [i for i in items.values() if i.kind == "insertion"]  # no id in the file: one is given
    assert added.new == "a wet " and added.id not in ("s1", "c2", "s9") and f"{{#{added.id}}}" in article.body


def test_a_round_trip_keeps_every_item_author_and_time():
    article = parse_bundle(BUNDLE, "story.md", Path(".")).article
    again = parse_bundle(markdown_bundle_text(article, [], {}), "article.md", Path(".")).article
    assert again.body == article.body
    assert again.review == article.review


def test_without_review_items_the_bundle_is_plain_markdown():
    article = parse_bundle("---\nheadline: Plain\n---\nJust text.\n", "plain.md", Path(".")).article
    text = markdown_bundle_text(article, [], {})
    assert "review" not in text and article.review == {}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("review: [a, b]", "the field “review” must be a mapping of item ids"),
        ("review: {s1: {at: yesterday}}", "review item “s1”: the field “at” must be a date and time"),
        ("review: {s1: {kind: shout}}", "kind must be one of insertion, deletion, substitution, comment"),
        ("review: {'1x': {}}", "an id is a letter"),
    ],
)
def test_a_bad_review_block_is_refused_with_a_sentence(block, message):
    with pytest.raises(BundleError, match=message):
        parse_bundle(f"---\nheadline: H\n{block}\n---\nText.\n", "story.md", Path("."))


def test_markup_the_block_does_not_name_is_said_to_come_from_the_bundle(tmp_path):
    text = '---\nheadline: "Pool"\n---\nThe pool will {~~close~>stay open~~} in May.\n'
    article = parse_bundle(text, "story.md", tmp_path).article
    [item] = review.review_items(article.body, article.review)
    assert item.author == "imported from story.md" and item.at
