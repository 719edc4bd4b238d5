"""Suggestions and comments in the body: decided exactly, comments kept on their words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_editor.core import critic, review
from desktop_editor.core.review import ReviewError

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def test_each_kind_of_item_is_read_with_its_id_and_cleaned_either_way():
    body = "A {++big ++}{#s1}cat {--really --}{#s2}sat {~~on~>beside~~}{#s3} the {==mat==}{>>Which mat?<<}{#c1}."
    kinds = [(i.kind, i.id) for i in critic.items(body)]
    assert kinds == [("insertion", "s1"), ("deletion", "s2"), ("substitution", "s3"), ("comment", "c1")]
    assert critic.clean(body) == "A big cat sat beside the mat."
    assert critic.clean(body, "original") == "A cat really sat on the mat."


def test_an_id_marker_counts_only_right_after_an_item_and_markup_that_never_closes_is_text():
    body = "Heading {#intro}\n\nA {++word++} {#s9} and {++never closed"
    (item,) = critic.items(body)
    assert (item.kind, item.id, item.new) == ("insertion", "", "word")
    assert critic.clean(body) == "Heading {#intro}\n\nA word {#s9} and {++never closed"


def test_markers_are_read_tolerantly():
    assert critic.items("{--x--}{# s12 }")[0].id == "s12"
    assert critic.items("{==x==} {>>note<<}{#c4}")[0].note == "note"


def test_accepting_keeps_exactly_the_suggestion_and_rejecting_exactly_what_was_there():
    body, data = "The council voted on Tuesday.", {}
    body, data, s1 = review.suggest(body, data, 4, 11, "city council", "Sam Sub", NOW)
    body, data, s2 = review.suggest(body, data, body.index(" on Tuesday"), body.index("."), "", "Sam Sub", NOW)
    accepted, data_a = review.decide(body, data, s1, True, "Ann Reporter", NOW)
    assert critic.clean(accepted, "original") == "The city council voted on Tuesday."
    rejected, data_r = review.decide(accepted, data_a, s2, False, "Ann Reporter", NOW)
    assert rejected == "The city council voted on Tuesday."
    history = {i.id: (i.state, i.events[-1]["by"]) for i in review.review_items(rejected, data_r)}
    assert history == {s1: ("accepted", "Ann Reporter"), s2: ("rejected", "Ann Reporter")}


def test_a_comment_whose_words_are_all_deleted_stays_detached_with_its_words():
    body, data, c1 = review.comment_on("Sales rose 40% last year.", {}, "40%", "Source for this figure?", "Sam", NOW)
    assert body == f"Sales rose {{==40%==}}{{>>Source for this figure?<<}}{{#{c1}}} last year."
    body = body.replace(f"{{==40%==}}{{>>Source for this figure?<<}}{{#{c1}}} ", "")  # the sentence cut by hand
    (item,) = review.unresolved(body, data)
    assert (item.id, item.state, item.words, item.text) == (c1, "detached", "40%", "Source for this figure?")


def test_replies_resolve_and_reopen_keep_their_authors_and_times():
    body, data, c1 = review.comment_on("A fine day.", {}, "fine", "Really?", "Sam", NOW)
    data = review.reply(data, c1, "Yes, sunny.", "Ann", NOW)
    data = review.resolve(data, c1, "Ann", NOW)
    assert review.unresolved(body, data) == []
    with pytest.raises(ReviewError, match="resolved already"):
        review.resolve(data, c1, "Ann", NOW)
    data = review.resolve(data, c1, "Sam", NOW, reopen=True)
    (item,) = review.unresolved(body, data)
    assert item.replies[0]["text"] == "Yes, sunny." and [e["action"] for e in item.events] == ["resolved", "reopened"]


def test_mistakes_are_one_sentence():
    with pytest.raises(ReviewError, match="not in the article's text"):
        review.comment_on("A day.", {}, "night", "x", "Sam", NOW)
    with pytest.raises(ReviewError, match="2 times"):
        review.comment_on("a b a", {}, "a", "x", "Sam", NOW)
    with pytest.raises(ReviewError, match="no open suggestion s7"):
        review.decide("text", {}, "s7", True, "Sam", NOW)
    body, data, _ = review.suggest("one two", {}, 0, 3, "1", "Sam", NOW)
    with pytest.raises(ReviewError, match="part of another suggestion"):
        review.suggest(body, data, 2, 8, "x", "Sam", NOW)


def test_markup_without_ids_and_pasted_copies_get_ids_of_their_own():
    body, data = review.normalise("{++a++} b {--c--}{#s1} d {--c--}{#s1}", {"s1": {"author": "Kim"}}, "Bundle", NOW)
    ids = [i.id for i in critic.items(body)]
    assert len(set(ids)) == 3 and "s1" in ids
    assert data["s1"]["author"] == "Kim" and data[ids[0]]["author"] == "Bundle"


# Random edits, accepts and rejects ----------------------------------------------------
#
# A hand-kept model of the body: a list of segments, each plain text, a suggestion or a
# comment. Edits change plain text only where the body's own text would change (typing
# outside markup), decisions turn a suggestion into plain text by hand; the body made by
# core.review must always render to the same markup as the model.

WORDS = st.text(alphabet="abc de", min_size=1, max_size=6)


def render(segments) -> str:
    out = []
    for seg in segments:
        if seg[0] == "plain":
            out.append(seg[1])
        elif seg[0] == "comment":
            out.append(critic.markup("comment", seg[1], words=seg[2], note=seg[3]))
        else:
            out.append(critic.markup(seg[0], seg[1], old=seg[2], new=seg[3]))
    return "".join(out)


@st.composite
def articles(draw):
    segments, n = [("plain", draw(WORDS))], 0
    for _ in range(draw(st.integers(0, 6))):
        n += 1
        kind = draw(st.sampled_from(["insertion", "deletion", "substitution", "comment"]))
        old = "" if kind == "insertion" else draw(WORDS)
        new = "" if kind == "deletion" else draw(WORDS)
        if kind == "comment":
            segments.append(("comment", f"c{n}", old, "note"))
        else:
            segments.append((kind, f"s{n}", old, new))
        segments.append(("plain", draw(WORDS)))
    return segments


@settings(max_examples=200, deadline=None)
@given(articles(), st.lists(st.tuples(st.sampled_from(["type", "cut", "accept", "reject", "undo"]), st.integers(0, 1000), WORDS), max_size=12))
def test_random_edits_undos_and_decisions_keep_comments_on_their_words_and_decide_as_by_hand(segments, steps):
    body, data = render(segments), {}
    body, data = review.normalise(body, data, "Sam", NOW)
    assert body == render(segments)
    comment_words = {seg[1]: seg[2] for seg in segments if seg[0] == "comment"}
    done = []  # (body, segments) before each step, as the editor's undo stack holds them
    for action, number, text in steps:
        if action == "undo":
            if done:  # the text as it was; the data keeps every entry (a save never drops one)
                body, segments = done.pop()
            assert body == render(segments)
            assert {i.id: i.words for i in review.review_items(body, data) if i.kind == "comment"} == comment_words
            continue
        done.append((body, list(segments)))
        if action in ("type", "cut"):
            plain = [i for i, seg in enumerate(segments) if seg[0] == "plain"]
            index = plain[number % len(plain)]
            old = segments[index][1]
            at = number % (len(old) + 1)
            offset = len(render(segments[:index])) + at
            if action == "type":
                segments[index] = ("plain", old[:at] + text + old[at:])
                body = body[:offset] + text + body[offset:]
            else:
                cut = min(len(text), len(old) - at)
                segments[index] = ("plain", old[:at] + old[at + cut :])
                body = body[:offset] + body[offset + cut :]
        else:
            open_ = [i for i, seg in enumerate(segments) if seg[0] in critic.SUGGESTIONS]
            if not open_:
                continue
            index = open_[number % len(open_)]
            kind, item_id, old, new = segments[index]
            accept = action == "accept"
            body, data = review.decide(body, data, item_id, accept, "Ann", NOW)
            segments[index] = ("plain", new if accept else old)
        assert body == render(segments)
        words_now = {i.id: i.words for i in review.review_items(body, data) if i.kind == "comment"}
        assert words_now == comment_words
    assert critic.clean(body, "original") == "".join(
        seg[1] if seg[0] == "plain" else seg[2] for seg in segments
    )
    accepted, data = review.decide_all(body, data, True, "Ann", NOW)
    assert critic.clean(accepted) == critic.clean(body)
    assert not review.open_suggestions(accepted)
