"""The three-way merge of an article (core.merge): what a desk sees after two sides edited."""

from __future__ import annotations

from desktop_editor.core.merge import Side, merge_article, merge_set, merge_text

BASE_BODY = "The council met on Tuesday.\n\nThe vote was close.\n\nFerries will stop in 2028.\n"


def state(**changes) -> dict:
    value = {
        "headline": "Bridge approved", "standfirst": "", "byline": "A Reporter", "tags": ["council"],
        "status": "draft", "language": "en-GB", "word_target": None, "lead_image": None,
        "publish_at": None, "deleted": False, "body": BASE_BODY, "conflicts": [],
        "figures": {"bridge": {"image_sha256": "a" * 64, "position": 0, "caption": "The bridge.", "credit": "Council",
                               "alt": "A bridge", "extended_description": "", "creator": "", "copyright": "", "instructions": ""}},
    }
    value.update(changes)
    return value


def sides(local: dict, remote: dict, local_time="2026-05-01T10:00:00", remote_time="2026-05-01T09:00:00"):
    return Side(local, local_time, "store-a", "laptop A"), Side(remote, remote_time, "store-b", "the desk")


def test_edits_to_different_paragraphs_both_survive():
    local = state(body=BASE_BODY.replace("Tuesday", "Tuesday evening"))
    remote = state(body=BASE_BODY.replace("2028", "2029"))
    merged = merge_article(state(), *sides(local, remote))
    assert merged.state["body"] == BASE_BODY.replace("Tuesday", "Tuesday evening").replace("2028", "2029")
    assert merged.clean


def test_edits_to_different_places_of_one_paragraph_both_survive():
    local = state(body=BASE_BODY.replace("The council met", "The city council met"))
    remote = state(body=BASE_BODY.replace("on Tuesday.", "on Tuesday night."))
    merged = merge_article(state(), *sides(local, remote))
    assert "The city council met on Tuesday night." in merged.state["body"] and merged.clean


def test_the_same_words_changed_on_both_sides_keep_both_results():
    local = state(body=BASE_BODY.replace("was close", "was narrow"))
    remote = state(body=BASE_BODY.replace("was close", "was tight"))
    merged = merge_article(state(), *sides(local, remote))
    assert "was narrow" in merged.state["body"]  # the later side's words stand
    (kept,) = merged.kept
    assert "was tight" in kept["body"] and kept["label"] == "merged with changes from the desk"


def test_words_added_at_the_same_place_on_both_sides_are_both_kept():
    local = state(body=BASE_BODY + "\nA late paragraph.\n")
    remote = state(body=BASE_BODY + "\nAnother late one.\n")
    merged = merge_article(state(), *sides(local, remote))
    assert "A late paragraph." in merged.state["body"] and "Another late one." in merged.state["body"]
    assert merged.state["body"].index("A late") < merged.state["body"].index("Another")


def test_a_field_changed_on_both_sides_has_one_winner_everywhere_and_a_conflict():
    local, remote = state(headline="Bridge approved 7-2"), state(headline="Council backs bridge")
    ours, theirs = sides(local, remote)
    merged = merge_article(state(), ours, theirs)
    again = merge_article(state(), theirs, ours)  # the other store runs it
    assert merged.state == again.state
    assert merged.state["headline"] == "Bridge approved 7-2"  # the later change
    assert merged.state["conflicts"] == [
        {"field": "headline", "handle": "", "kept": "Bridge approved 7-2", "other": "Council backs bridge", "other_from": "the desk"}
    ]
    tie = merge_article(state(), *sides(local, remote, remote_time="2026-05-01T10:00:00"))
    assert tie.state["headline"] == "Council backs bridge"  # same moment: the greater store id


def test_a_caption_changed_on_both_sides_is_a_conflict_naming_the_photo():
    local = state(figures={"bridge": {**state()["figures"]["bridge"], "caption": "The bridge at dusk."}})
    remote = state(figures={"bridge": {**state()["figures"]["bridge"], "caption": "The new bridge."}})
    merged = merge_article(state(), *sides(local, remote))
    (conflict,) = merged.state["conflicts"]
    assert (conflict["field"], conflict["handle"], conflict["other"]) == ("caption", "bridge", "The new bridge.")


def test_an_article_trashed_on_one_side_and_edited_on_the_other_comes_back_with_the_edits():
    edited = state(body=BASE_BODY + "\nNew quote.\n")
    for local, remote in ((state(deleted=True), edited), (edited, state(deleted=True))):
        merged = merge_article(state(), *sides(local, remote))
        assert merged.state["deleted"] is False and "New quote." in merged.state["body"]
    untouched = merge_article(state(), *sides(state(deleted=True), state()))
    assert untouched.state["deleted"] is True


def test_photos_added_on_each_side_are_both_kept_and_a_removed_one_edited_elsewhere_stays():
    photo = dict(state()["figures"]["bridge"], image_sha256="b" * 64, caption="Ferry")
    local = state(figures={**state()["figures"], "ferry": photo})
    remote = state(figures={})  # removed the bridge photo
    merged = merge_article(state(), *sides(local, remote))
    assert set(merged.state["figures"]) == {"ferry"}
    remote_edit = state(figures={"bridge": dict(state()["figures"]["bridge"], credit="Jo Bloggs")})
    merged = merge_article(state(), *sides(state(figures={}), remote_edit))
    assert merged.state["figures"]["bridge"]["credit"] == "Jo Bloggs"


def test_a_settled_conflict_stays_settled():
    open_one = {"field": "headline", "handle": "", "kept": "A", "other": "B", "other_from": "the desk"}
    base = state(conflicts=[open_one])
    merged = merge_article(base, *sides(state(conflicts=[], headline="A"), state(conflicts=[open_one], byline="Jo")))
    assert merged.state["conflicts"] == [] and merged.state["byline"] == "Jo"


def test_sets_merge_additions_and_removals():
    assert merge_set({"BALTOPS", "Stoltenberg"}, {"BALTOPS", "Stoltenberg", "Kyiv"}, {"Stoltenberg"}) == {"Stoltenberg", "Kyiv"}


def test_merge_text_without_a_base_keeps_both():
    text, clean = merge_text("", "One.\n", "Two.\n")
    assert text == "One.\nTwo.\n" and clean
