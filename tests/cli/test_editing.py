"""Edits from scripts: set, photo, revisions, restore, trash, untrash, duplicate and attach,
each through the same version check as the window."""

from __future__ import annotations

import json

from tests.cli.conftest import SLUG, one_sentence, run
from tests.images import photo


def show(store) -> dict:
    return json.loads(run(store, "show", SLUG, "--json").stdout)


def test_set_changes_fields_and_moves_the_version_on(store):
    before = show(store)
    run(store, "set", SLUG, "--headline", "Bridge approved", "--standfirst", "At last.", "--byline", "Jo Smith",
        "--tags", "transport, river", "--status", "subbing", "--language", "en-US", "--word-target", "400",
        "--publish-at", "2026-05-01T09:00+01:00", "--expect-version", str(before["version"]))  # fmt: skip
    after = show(store)
    assert (after["headline"], after["standfirst"], after["byline"]) == ("Bridge approved", "At last.", "Jo Smith")
    assert after["tags"] == ["transport", "river"] and after["status"] == "subbing"
    assert (after["language"], after["word_target"]) == ("en-US", 400)
    assert after["publish_at"] == "2026-05-01T08:00:00+00:00"
    assert after["slug"] == SLUG  # the slug was given by the bundle and stays
    assert after["version"] == before["version"] + 1
    run(store, "set", SLUG, "--slug", "Bridge Vote", "--word-target", "0", "--publish-at", "none")
    moved = json.loads(run(store, "show", "bridge-vote", "--json").stdout)
    assert moved["word_target"] is None and moved["publish_at"] is None


def test_a_stale_write_is_refused_and_nothing_changes(store):
    read = show(store)
    run(store, "set", SLUG, "--byline", "Desk one", "--expect-version", str(read["version"]))
    for args in (("set", SLUG, "--byline", "Desk two"), ("photo", SLUG, "bridge", "--caption", "Late.")):
        result = run(store, *args, "--expect-version", str(read["version"]), check=False)
        assert "changed elsewhere" in one_sentence(result)
    after = show(store)
    assert after["byline"] == "Desk one" and after["images"][0]["caption"] == "The new bridge as planned."


def test_photo_text_and_lead(store, tmp_path):
    extra = tmp_path / "river.jpg"
    extra.write_bytes(photo(640, 480))
    run(store, "attach", SLUG, str(extra))
    version = show(store)["version"]
    run(store, "photo", SLUG, "river", "--caption", "The river at dawn.", "--credit", "Jo Smith", "--creator",
        "Jo Smith", "--copyright", "Jo Smith 2026", "--alt", "Mist over water", "--lead")  # fmt: skip
    after = show(store)
    river = next(i for i in after["images"] if i["handle"] == "river")
    assert (river["caption"], river["credit"], river["creator"], river["copyright"], river["alt"]) == (
        "The river at dawn.", "Jo Smith", "Jo Smith", "Jo Smith 2026", "Mist over water")  # fmt: skip
    assert after["lead_image"] == "river" and river["lead"]
    assert after["version"] == version + 1  # text and lead in one save


def test_a_photo_moves_to_another_place_among_the_photos(store, tmp_path):
    for name in ("river", "quay"):
        extra = tmp_path / f"{name}.jpg"
        extra.write_bytes(photo(640, 480))
        run(store, "attach", SLUG, str(extra))
    assert [i["handle"] for i in show(store)["images"]] == ["bridge", "river", "quay"]
    version = show(store)["version"]
    run(store, "photo", SLUG, "quay", "--position", "1", "--caption", "The quay.")
    after = show(store)
    assert [i["handle"] for i in after["images"]] == ["quay", "bridge", "river"]
    assert after["images"][0]["caption"] == "The quay." and after["version"] == version + 1  # one save
    run(store, "photo", SLUG, "quay", "--position", "3")
    assert [i["handle"] for i in show(store)["images"]] == ["bridge", "river", "quay"]
    refused = run(store, "photo", SLUG, "quay", "--position", "4", check=False)
    assert refused.returncode != 0 and "between 1 and 3" in one_sentence(refused)


def test_revisions_and_restore(store):
    run(store, "set", SLUG, "--headline", "Second headline")
    run(store, "set", SLUG, "--headline", "Third headline")
    run(store, "restore", SLUG, "1", check=False)  # no revision yet: refused
    assert json.loads(run(store, "revisions", SLUG, "--json").stdout) == []
    # a trash round trip keeps a revision ("before delete") of the third headline
    run(store, "trash", SLUG)
    listed = json.loads(run(store, "list", "--trash", "--json").stdout)
    assert [a["slug"] for a in listed] == [SLUG]
    assert json.loads(run(store, "list", "--json").stdout) == []
    assert "already in the trash" in one_sentence(run(store, "trash", SLUG, check=False))
    run(store, "untrash", SLUG)
    (kept,) = json.loads(run(store, "revisions", SLUG, "--json").stdout)
    assert kept["headline"] == "Third headline" and kept["reason"] == "before delete"
    run(store, "set", SLUG, "--headline", "Fourth headline")
    printed = run(store, "restore", SLUG, str(kept["id"])).stdout
    assert "Restored revision" in printed
    assert show(store)["headline"] == "Third headline"
    reasons = [r["reason"] for r in json.loads(run(store, "revisions", SLUG, "--json").stdout)]
    assert reasons == ["before restore", "before delete"]
    assert "before restore" in run(store, "revisions", SLUG).stdout


def test_duplicate_keeps_the_photos(store):
    printed = run(store, "duplicate", SLUG).stdout
    assert "(copy)" in printed
    listed = json.loads(run(store, "list", "--json").stdout)
    copy = next(a for a in listed if a["slug"] != SLUG)
    shown = json.loads(run(store, "show", copy["slug"], "--json").stdout)
    assert [i["handle"] for i in shown["images"]] == ["bridge"]


def test_attach_never_renames_a_handle_it_was_given(store, tmp_path):
    new = tmp_path / "new.jpg"
    new.write_bytes(photo(1000, 500, color=(200, 30, 30)))
    sentence = one_sentence(run(store, "attach", SLUG, str(new), "--handle", "bridge", check=False))
    assert "already has a photo “bridge”" in sentence and "--replace" in sentence
    assert [i["handle"] for i in show(store)["images"]] == ["bridge"]
    before = show(store)["images"][0]
    run(store, "attach", SLUG, str(new), "--handle", "bridge", "--replace", "--credit", "Desk")
    (after,) = show(store)["images"]
    assert after["sha256"] != before["sha256"] and (after["width"], after["height"]) == (1000, 500)
    assert after["caption"] == before["caption"] and after["credit"] == "Desk"
    assert "not a handle" in one_sentence(run(store, "attach", SLUG, str(new), "--handle", "Big Photo", check=False))
