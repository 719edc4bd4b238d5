"""Revisions keep everything: every field of the article and the text of its photos."""

from __future__ import annotations

import hashlib

import pytest

from desktop_editor.core.model import Article, Figure, PhotoChange, Status
from desktop_editor.storage.errors import ConflictError
from desktop_editor.storage.store import Store
from tests.images import photo


def add_photo(store: Store, article_id: int, handle: str, **text) -> None:
    data = photo(color=(len(handle) * 20 % 255, 90, 160))
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_image(sha256, data, "JPEG", 640, 427, {})
    store.add_figure(article_id, Figure(handle=handle, image_sha256=sha256, **text))


def captions(store: Store, article_id: int) -> dict[str, str]:
    return {f.handle: f.caption for f in store.figures(article_id)}


@pytest.fixture
def story(store) -> Article:
    article = store.create_article(
        Article(
            headline="Council approves new bridge",
            standfirst="The crossing will open in 2028.",
            byline="A Reporter",
            tags=("transport", "council"),
            status=Status.SUBBING,
            word_target=600,
            body="The council voted 7-2 on Tuesday.",
        )
    )
    add_photo(store, article.id, "bridge", caption="The bridge as planned.", credit="City Council", alt="A cable-stayed bridge")
    add_photo(store, article.id, "crowd", caption="Residents at the vote.")
    return store.save_article(store.get_article(article.id).replace(lead_image="bridge"))


def test_a_revision_keeps_every_field_and_the_captions_and_restoring_brings_them_back(store, story):
    kept = store.take_revision(story.id, "manual", "sent to the subs")
    assert kept.fields["byline"] == "A Reporter"
    assert kept.fields["tags"] == ["transport", "council"]
    assert (kept.fields["status"], kept.fields["lead_image"], kept.fields["word_target"]) == ("subbing", "bridge", 600)
    assert kept.figures["bridge"]["caption"] == "The bridge as planned."
    assert kept.figures["bridge"]["credit"] == "City Council"
    assert store.list_revisions(story.id)[0].figures == kept.figures

    rewritten = store.save_article(
        story.replace(
            headline="Bridge vote delayed", byline="Another Reporter", tags=("politics",), status=Status.READY,
            lead_image="crowd", word_target=300, body="The vote was put off.", slug="bridge-vote-delayed",
        ),
        {"bridge": {"caption": "Plans were shelved.", "credit": "Agency"}, "crowd": {"caption": "An empty chamber."}},
    )  # fmt: skip
    restored = store.restore_revision(rewritten, kept)
    assert restored.version > rewritten.version
    assert store.get_article(story.id) == restored
    assert (restored.headline, restored.byline, restored.tags) == ("Council approves new bridge", "A Reporter", ("transport", "council"))
    assert (restored.lead_image, restored.word_target) == ("bridge", 600)
    assert restored.status == Status.READY  # the workflow's state moves only as a recorded move
    assert restored.body == "The council voted 7-2 on Tuesday."
    assert restored.slug == "council-approves-new-bridge"
    assert captions(store, story.id) == {"bridge": "The bridge as planned.", "crowd": "Residents at the vote."}
    assert {f.handle: f.credit for f in store.figures(story.id)}["bridge"] == "City Council"
    assert [s.id for s in store.search("tuesday")] == [story.id]
    # What was there before the restore is a revision of its own, whole.
    before = store.list_revisions(story.id)[0]
    assert (before.reason, before.headline, before.fields["byline"]) == ("before restore", "Bridge vote delayed", "Another Reporter")
    assert (before.fields["tags"], before.fields["status"], before.fields["lead_image"]) == (["politics"], "ready", "crowd")
    assert before.figures["bridge"]["caption"] == "Plans were shelved."
    assert before.figures["crowd"]["caption"] == "An empty chamber."


def test_the_losing_side_of_a_conflict_is_kept_whole_and_can_be_restored(store, story):
    winner = store.save_article(story.replace(body="The desk's text."), {"bridge": {"caption": "The desk's caption."}})
    mine = story.replace(byline="Night Reporter", tags=("late",), status=Status.READY, body="My late text.")
    my_captions = {"bridge": {"caption": "My caption."}, "gone": {"caption": "Typed for a photo removed meanwhile."}}
    with pytest.raises(ConflictError):
        store.save_article(mine, my_captions)
    kept = store.keep_as_revision(mine, "conflict", "Your text from before the reload", figure_text=my_captions)
    assert (kept.reason, kept.label, kept.body) == ("conflict", "Your text from before the reload", "My late text.")
    assert (kept.fields["byline"], kept.fields["tags"], kept.fields["status"]) == ("Night Reporter", ["late"], "ready")
    assert kept.figures["bridge"]["caption"] == "My caption."
    assert kept.figures["bridge"]["credit"] == "City Council"  # stored text under what was typed
    assert kept.figures["crowd"]["caption"] == "Residents at the vote."
    assert kept.figures["gone"]["caption"] == "Typed for a photo removed meanwhile."  # not a word lost
    # Keeping it changed nothing stored.
    assert store.get_article(story.id) == winner
    assert captions(store, story.id)["bridge"] == "The desk's caption."

    restored = store.restore_revision(winner, kept)
    assert (restored.byline, restored.tags, restored.body) == ("Night Reporter", ("late",), "My late text.")
    assert restored.status == winner.status  # a revision holds text; the workflow moves only by record
    assert captions(store, story.id) == {"bridge": "My caption.", "crowd": "Residents at the vote."}


def test_positional_keep_as_revision_still_works(store, story):
    kept = store.keep_as_revision(story.replace(body="Kept."), "conflict", "label")
    assert (kept.body, kept.fields["byline"], kept.figures["crowd"]["caption"]) == ("Kept.", "A Reporter", "Residents at the vote.")


def test_a_timed_revision_is_taken_when_any_field_or_caption_changed(store, story):
    assert store.take_revision_if_changed(story.id, "timer") is not None
    assert store.take_revision_if_changed(story.id, "timer") is None
    article = store.save_article(story.replace(byline="Someone Else"))
    assert store.take_revision_if_changed(story.id, "timer").fields["byline"] == "Someone Else"
    assert store.take_revision_if_changed(story.id, "timer") is None
    store.update_figure(story.id, "crowd", expected_version=article.version, caption="A packed chamber.")
    assert store.take_revision_if_changed(story.id, "timer").figures["crowd"]["caption"] == "A packed chamber."
    article = store.save_article(store.get_article(story.id).replace(tags=("transport",)))
    assert store.take_revision_if_changed(story.id, "timer").fields["tags"] == ["transport"]
    store.save_article(article.replace(status=Status.READY))
    assert store.take_revision_if_changed(story.id, "timer").fields["status"] == "ready"
    assert store.take_revision_if_changed(story.id, "timer") is None


def test_restoring_skips_photos_no_longer_in_the_article(store, story):
    kept = store.take_revision(story.id)
    current = store.save_article(
        story.replace(lead_image="crowd"), {"bridge": {"caption": "Changed."}, "crowd": {"caption": "Changed too."}}
    )
    current, _ = store.change_photos(current, None, PhotoChange.remove("bridge"))
    restored = store.restore_revision(current, kept)
    assert captions(store, story.id) == {"crowd": "Residents at the vote."}
    assert restored.lead_image == "crowd"  # the revision's lead photo is gone: no dangling lead
    assert restored.headline == story.headline


def test_a_stale_restore_is_refused_and_changes_nothing(store, story):
    kept = store.take_revision(story.id)
    current = store.save_article(story.replace(byline="Newer"), {"bridge": {"caption": "Newer caption."}})
    count = len(store.list_revisions(story.id))
    with pytest.raises(ConflictError):
        store.restore_revision(story, kept)
    assert store.get_article(story.id) == current
    assert captions(store, story.id)["bridge"] == "Newer caption."
    assert len(store.list_revisions(story.id)) == count


def test_deleting_keeps_a_whole_revision_first(store, story):
    store.move_to_trash(story.id)
    kept = store.list_revisions(story.id)[0]
    assert kept.reason == "before delete"
    assert (kept.fields["byline"], kept.fields["lead_image"]) == ("A Reporter", "bridge")
    assert kept.figures["bridge"]["alt"] == "A cable-stayed bridge"


def test_a_revision_keeps_the_authors_with_their_roles_and_restoring_brings_them_back(store):
    from desktop_editor.core.model import Author

    two = (Author("Anna Reporter", "writer"), Author("Ben Lens", "photographer", "https://example.org/ben"))
    article = store.create_article(Article(headline="Bridge", authors=two))
    store.take_revision(article.id, "manual", "with both authors")
    current = store.get_article(article.id)
    store.save_article(current.replace(authors=(Author("Anna Reporter", "writer"),)))
    (kept,) = [r for r in store.list_revisions(article.id) if r.label == "with both authors"]
    assert [a["name"] for a in kept.fields["authors"]] == ["Anna Reporter", "Ben Lens"]
    restored = store.restore_revision(store.get_article(article.id), kept)
    assert restored.authors == two
