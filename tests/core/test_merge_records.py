"""The merge of what only grows: the workflow history and the review data."""

from __future__ import annotations

from desktop_editor.core.merge import Side, merge_article
from desktop_editor.core.merge_records import merge_history, merge_review

BASE = {"headline": "Bridge", "body": "The vote.\n", "figures": {}, "conflicts": [], "desk": "", "status": "published",
        "correction_count": 1, "corrected_at": "2026-05-01T09:00:00+00:00",
        "history": [{"uid": "m1", "at": "2026-05-01T09:00:00+00:00", "from_state": "published", "to_state": "corrected"}],
        "review": {}}  # fmt: skip


def move(uid: str, at: str, to_state: str = "corrected") -> dict:
    return {"uid": uid, "at": at, "from_state": "published", "to_state": to_state}


def comment(**values) -> dict:
    return {"kind": "comment", "author": "Sam", "at": "2026-05-01T09:00:00+00:00", "text": "Why?", "words": "vote",
            "resolved": False, "replies": [], "events": [], **values}  # fmt: skip


def test_moves_made_on_both_sides_are_all_kept_once_in_time_order():
    ours = [move("m1", "2026-05-01T09:00:00+00:00"), move("a", "2026-05-02T10:00:00+02:00")]
    theirs = [move("m1", "2026-05-01T09:00:00+00:00"), move("b", "2026-05-02T09:30:00+00:00")]
    assert [m["uid"] for m in merge_history(ours, theirs)] == ["m1", "a", "b"]  # 08:00 UTC before 09:30


def test_corrections_made_on_both_sides_are_counted_from_the_merged_history():
    a = {**BASE, "correction_count": 2, "corrected_at": "2026-05-02T09:00:00+00:00",
         "history": [*BASE["history"], move("a", "2026-05-02T09:00:00+00:00")]}  # fmt: skip
    b = {**BASE, "correction_count": 2, "corrected_at": "2026-05-02T08:00:00+00:00",
         "history": [*BASE["history"], move("b", "2026-05-02T08:00:00+00:00")]}  # fmt: skip
    merged = merge_article(BASE, Side(a, "2", "a", "A"), Side(b, "1", "b", "B"))
    assert (merged.state["correction_count"], merged.state["corrected_at"]) == (3, "2026-05-02T09:00:00+00:00")
    assert merged.conflicts == ()


def test_review_entries_from_both_sides_are_kept_and_one_both_hold_keeps_every_reply_and_event():
    base = {"c1": comment()}
    reply_a = {"author": "Ann", "at": "2026-05-01T10:00:00+00:00", "text": "Minutes, p. 4."}
    reply_b = {"author": "Sam", "at": "2026-05-01T10:05:00+00:00", "text": "Thanks."}
    resolved = {"action": "resolved", "by": "Sam", "at": "2026-05-01T10:06:00+00:00"}
    reopened = {"action": "reopened", "by": "Ann", "at": "2026-05-01T10:07:00+00:00"}
    ours = {"c1": comment(replies=[reply_a], resolved=False, events=[reopened]), "c-aaaaaa": comment(text="A's")}
    theirs = {"c1": comment(replies=[reply_a, reply_b], resolved=True, events=[resolved]), "c-bbbbbb": comment(text="B's")}
    for won, lost in ((ours, theirs), (theirs, ours)):
        merged = merge_review(base, won, lost)
        assert set(merged) == {"c1", "c-aaaaaa", "c-bbbbbb"}
        assert merged["c1"]["replies"] == [reply_a, reply_b]
        assert merged["c1"]["events"] == [resolved, reopened]
        assert merged["c1"]["resolved"] is False  # the reopening came after the resolving


def test_a_review_value_changed_on_one_side_wins_and_the_later_side_where_both_did():
    base = {"c1": comment()}
    merged = merge_review(base, {"c1": comment(text="Why so?")}, {"c1": comment(words="the vote")})
    assert (merged["c1"]["text"], merged["c1"]["words"]) == ("Why so?", "the vote")
    merged = merge_review(base, {"c1": comment(text="Later")}, {"c1": comment(text="Earlier")})
    assert merged["c1"]["text"] == "Later"


def test_a_field_a_base_did_not_hold_yet_is_taken_from_the_side_that_set_it():
    base = {k: v for k, v in BASE.items() if k != "desk"}  # agreed before the desk travelled
    a = {**BASE, "headline": "Bridge vote", "desk": ""}
    b = {**BASE, "desk": "Sport"}
    merged = merge_article(base, Side(a, "2", "a", "A"), Side(b, "1", "b", "B"))
    assert (merged.state["desk"], merged.state["headline"], merged.conflicts) == ("Sport", "Bridge vote", ())
