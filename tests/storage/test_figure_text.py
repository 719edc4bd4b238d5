"""A photo's caption, credit and alt text are the article's text: saved with it, in one
transaction, under its version, so two desks can never silently overwrite each other."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_editor.core.model import Article, Figure, PhotoChange
from desktop_editor.storage.errors import ConflictError
from desktop_editor.storage.store import Store
from tests.images import photo

REPO = Path(__file__).resolve().parents[2]


def add_photo(store: Store, article_id: int, handle: str, **text) -> Figure:
    data = photo(color=(len(handle) * 20 % 255, 90, 160))
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_image(sha256, data, "JPEG", 640, 427, {})
    return store.add_figure(article_id, Figure(handle=handle, image_sha256=sha256, **text))


@pytest.fixture
def story(store) -> Article:
    """An article with two photos; the bridge's credit was read from the photo's metadata."""
    article = store.create_article(Article(headline="Council approves new bridge", body="The council voted."))
    add_photo(
        store, article.id, "bridge", caption="The bridge as planned.", credit="City Council",
        sources={"credit": "IPTC Credit"},
    )  # fmt: skip
    add_photo(store, article.id, "crowd", caption="Residents at the vote.")
    return store.get_article(article.id)


def caption(store: Store, article_id: int, handle: str = "bridge") -> str:
    return {f.handle: f.caption for f in store.figures(article_id)}[handle]


def test_saving_the_article_with_its_photos_text_stores_both_and_moves_the_version_on(store, story):
    saved = store.save_article(
        story.replace(body="The council voted 7-2."),
        {"bridge": {"caption": "The bridge, as the council approved it.", "credit": "Picture desk"}},
    )
    assert saved.version == story.version + 1
    assert saved.body == "The council voted 7-2."
    bridge = {f.handle: f for f in store.figures(story.id)}["bridge"]
    assert (bridge.caption, bridge.credit) == ("The bridge, as the council approved it.", "Picture desk")
    assert "credit" not in bridge.sources  # typed, no longer "from the photo"
    assert caption(store, story.id, "crowd") == "Residents at the vote."
    assert store.get_article(story.id) == saved


def test_a_caption_alone_moves_the_version_on_and_an_unchanged_save_does_not(store, story):
    saved = store.save_article(story, {"crowd": {"alt": "About forty people in a council chamber"}})
    assert saved.version == story.version + 1
    assert saved.updated > story.updated
    assert saved.body == story.body
    assert {f.handle: f.alt for f in store.figures(story.id)}["crowd"] == "About forty people in a council chamber"
    again = store.save_article(saved, {"crowd": {"alt": "About forty people in a council chamber"}})
    assert again == saved and again.version == saved.version and again.updated == saved.updated
    assert store.save_article(saved).version == saved.version


def test_a_stale_save_with_photo_text_is_refused_and_changes_nothing(store, story):
    window_a = store.save_article(story.replace(body="Window A's text."), {"bridge": {"caption": "Window A's caption."}})
    with pytest.raises(ConflictError):
        store.save_article(story.replace(body="Window B's text."), {"bridge": {"caption": "Window B's caption."}})
    assert store.get_article(story.id) == window_a
    assert caption(store, story.id) == "Window A's caption."
    # Nor may a stale window sneak in a caption alone.
    with pytest.raises(ConflictError):
        store.save_article(story, {"crowd": {"caption": "Window B's other caption."}})
    assert caption(store, story.id, "crowd") == "Residents at the vote."
    assert store.get_article(story.id).version == window_a.version


def test_two_desks_editing_one_caption_from_the_same_version_the_second_is_refused(store_path):
    with Store(store_path) as desk_a, Store(store_path) as desk_b:
        article = desk_a.create_article(Article(headline="Bridge", body="Text."))
        add_photo(desk_a, article.id, "bridge", caption="Original caption.")
        seen_by_a = desk_a.get_article(article.id)
        seen_by_b = desk_b.get_article(article.id)
        assert seen_by_a.version == seen_by_b.version
        desk_a.save_article(seen_by_a, {"bridge": {"caption": "Desk A's caption."}})
        with pytest.raises(ConflictError):
            desk_b.save_article(seen_by_b, {"bridge": {"caption": "Desk B's caption."}})
        assert caption(desk_b, article.id) == "Desk A's caption."
        # The same through update_figure, each desk naming the version it saw.
        seen_by_a = desk_a.get_article(article.id)
        seen_by_b = desk_b.get_article(article.id)
        desk_a.update_figure(article.id, "bridge", expected_version=seen_by_a.version, caption="Desk A again.")
        with pytest.raises(ConflictError):
            desk_b.update_figure(article.id, "bridge", expected_version=seen_by_b.version, caption="Desk B again.")
        assert caption(desk_a, article.id) == "Desk A again."
        assert desk_a.get_article(article.id).version == seen_by_a.version + 1


def test_text_for_a_photo_renamed_or_removed_elsewhere_is_a_conflict_not_dropped(store, story):
    store.change_photos(story, None, PhotoChange.rename("bridge", "bridge-plan"))  # another window renamed it
    current = store.get_article(story.id)
    with pytest.raises(ConflictError):
        store.save_article(
            current.replace(body="New text."),
            {"crowd": {"caption": "New crowd caption."}, "bridge": {"caption": "A caption typed for the old name."}},
        )
    assert store.get_article(story.id) == current  # neither the body...
    assert caption(store, story.id, "crowd") == "Residents at the vote."  # ...nor the other caption
    assert caption(store, story.id, "bridge-plan") == "The bridge as planned."
    current, _ = store.change_photos(current, None, PhotoChange.remove("crowd"))  # another window removed it
    with pytest.raises(ConflictError):
        store.save_article(current, {"crowd": {"caption": "Typed while it was removed."}})
    assert store.get_article(story.id) == current


def test_update_figure_checks_the_version_and_moves_it_on_when_text_changes(store, story):
    with pytest.raises(ConflictError):
        store.update_figure(story.id, "bridge", expected_version=story.version - 1, caption="Stale caption.")
    assert caption(store, story.id) == "The bridge as planned."
    assert store.get_article(story.id).version == story.version
    figure = store.update_figure(story.id, "bridge", expected_version=story.version, credit="Picture desk")
    assert (figure.credit, figure.sources) == ("Picture desk", {})
    assert store.get_article(story.id).version == story.version + 1
    # No version given (the command line, a tool): still moves the version on.
    store.update_figure(story.id, "bridge", caption="A newer caption.")
    assert store.get_article(story.id).version == story.version + 2
    # Unchanged text, or only a new file for the photo: the open window stays current.
    store.update_figure(story.id, "bridge", expected_version=story.version + 2, caption="A newer caption.")
    other = add_photo(store, story.id, "spare")
    store.update_figure(story.id, "bridge", image_sha256=other.image_sha256)
    assert store.get_article(story.id).version == story.version + 2
    assert {f.handle: f.image_sha256 for f in store.figures(story.id)}["bridge"] == other.image_sha256


RACER = """
import sys
from desktop_editor.storage.errors import ConflictError
from desktop_editor.storage.store import Store

path, article_id, name, how = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
store = Store(path)
for line in sys.stdin:
    if line.strip() == "read":
        article = store.get_article(article_id)
        print("version", article.version, flush=True)
        continue
    caption = f"{name}'s caption, round {line.strip()}."
    try:
        if how == "save_article":
            store.save_article(article.replace(body=f"{name}'s body."), {"bridge": {"caption": caption}})
        else:
            store.update_figure(article_id, "bridge", expected_version=article.version, caption=caption)
        print("saved", caption, flush=True)
    except ConflictError:
        print("refused", flush=True)
store.close()
"""


@pytest.mark.parametrize("how", ["save_article", "update_figure"])
def test_two_processes_racing_on_one_caption_never_overwrite_each_other(store_path, how):
    with Store(store_path) as store:
        article = store.create_article(Article(headline="Bridge", body="Text."))
        add_photo(store, article.id, "bridge", caption="Original caption.")
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(store_path), str(article.id), name, how],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        for name in ("Desk A", "Desk B")
    ]
    try:
        for round_ in range(5):
            for racer in racers:
                racer.stdin.write("read\n")
                racer.stdin.flush()
            versions = {racer.stdout.readline().strip() for racer in racers}
            assert len(versions) == 1, versions  # both start from the same version
            for racer in racers:  # and write at the same moment
                racer.stdin.write(f"{round_}\n")
                racer.stdin.flush()
            outcomes = [racer.stdout.readline().strip() for racer in racers]
            assert sorted(o.split(" ")[0] for o in outcomes) == ["refused", "saved"], outcomes
            winner = next(o for o in outcomes if o.startswith("saved")).removeprefix("saved ")
            with Store(store_path) as store:
                assert caption(store, article.id) == winner
                assert store.get_article(article.id).version == int(versions.pop().split()[1]) + 1
    finally:
        for racer in racers:
            racer.stdin.close()
        for racer in racers:
            assert racer.wait(timeout=60) == 0
