"""The open article's promises, with a fake clock and a real SQLite store: no window."""

from __future__ import annotations

import pytest

from desktop_editor.core.model import Article, Status
from desktop_editor.editing.open_article import AUTOSAVE_MAX_WAIT, RETRY_AFTER, OpenArticle, SaveState
from desktop_editor.storage.errors import StoreError
from desktop_editor.workflows import attach_files
from tests.editing.fakes import FailingStore, FakeClock, InlineWorker, ScriptedPrompts
from tests.images import photo


@pytest.fixture
def clock():
    return FakeClock()


def open_on(store, clock, article: Article, prompts=None) -> tuple[OpenArticle, dict]:
    owner = OpenArticle(store, clock, InlineWorker(clock), prompts or ScriptedPrompts())
    owner.open(store.create_article(article).id if article.id is None else article.id)
    clock.advance(0)  # the article arrives from the worker
    editor = {"text": owner.article.body}
    owner.set_body_source(lambda: editor["text"])
    return owner, editor


def type_into(owner: OpenArticle, editor: dict, clock: FakeClock, text: str, per_key: float = 0.1) -> None:
    for character in text:
        editor["text"] += character
        owner.body_edited()
        clock.advance(per_key)


def with_photo(store, article_id: int, tmp_path, name: str = "ship") -> None:
    path = tmp_path / f"{name}.jpg"
    path.write_bytes(photo(alt="A ship"))
    attach_files(store, article_id, [path])


def test_steady_typing_is_stored_at_least_once_a_second_without_a_write_per_key(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    saving = FailingStore(store)
    owner.store = saving
    typed_at: list[tuple[float, str]] = []
    for character in "The ferry left Dover at dawn with 300 passengers aboard, " * 2:
        editor["text"] += character
        owner.body_edited()
        typed_at.append((clock.now(), editor["text"]))
        clock.advance(0.1)  # ten keys a second, never a pause
        stored = store.get_article(owner.article.id).body
        older = [text for moment, text in typed_at if moment <= clock.now() - 1.0]
        if older:
            assert stored.startswith(older[-1])  # nothing typed over a second ago is missing
    keys = len(typed_at)
    assert saving.saves <= keys * 0.1 / AUTOSAVE_MAX_WAIT + 2  # about one write a max-wait


def test_a_pause_saves_sooner_than_the_longest_wait(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    type_into(owner, editor, clock, "Quick.", per_key=0.05)
    clock.advance(0.45)
    assert store.get_article(owner.article.id).body == "Quick."
    assert owner.state is SaveState.SAVED and not owner.is_modified()


def test_photo_text_counts_as_modified_and_is_saved_with_the_article(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy"))
    with_photo(store, article.id, tmp_path)
    owner, _ = open_on(store, clock, article)
    version = owner.article.version
    owner.edit_figure("ship", "caption", "HMS Ocean during BALTOPS 2015 in the Baltic Sea.")
    assert owner.is_modified() and owner.state is SaveState.MODIFIED
    assert owner.figure("ship").caption.startswith("HMS Ocean")  # shown at once
    clock.advance(1.0)
    assert store.figures(article.id)[0].caption == "HMS Ocean during BALTOPS 2015 in the Baltic Sea."
    assert owner.article.version > version  # photo text moves the article's version
    assert not owner.is_modified()


def test_photo_text_typed_before_a_switch_is_stored_and_shown_on_return(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy"))
    other = store.create_article(Article(headline="Other"))
    with_photo(store, article.id, tmp_path)
    owner, _ = open_on(store, clock, article)
    owner.edit_figure("ship", "credit", "Crown Copyright")
    owner.edit_figure("ship", "alt", "A grey warship at sea")
    assert owner.open(other.id)
    clock.advance(0)
    assert owner.article.id == other.id
    assert owner.open(article.id)
    clock.advance(0)
    shown = owner.figure("ship")
    assert (shown.credit, shown.alt) == ("Crown Copyright", "A grey warship at sea")


def test_unsaved_photo_text_survives_a_reload_of_the_photos(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy"))
    with_photo(store, article.id, tmp_path)
    owner, _ = open_on(store, clock, article)
    owner.edit_figure("ship", "caption", "Typed, not yet saved.")
    owner.reload_figures()  # as after an import finishes
    clock.advance(0)
    assert owner.figure("ship").caption == "Typed, not yet saved."


def test_a_stale_caption_is_refused_and_reload_keeps_everything_of_mine(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy", byline="A Reporter"))
    with_photo(store, article.id, tmp_path)
    prompts = ScriptedPrompts(conflict_choice="reload")
    owner, editor = open_on(store, clock, article, prompts)
    store.update_figure(article.id, "ship", caption="Their caption.")  # another desk, same start
    owner.edit_figure("ship", "caption", "My caption.")
    owner.set_fields(byline="Me", tags=("navy",), word_target=400)
    editor["text"] = "My body."
    owner.body_edited()
    said = []
    owner.conflict_changed.connect(said.append)
    clock.advance(1.0)
    # Said, not asked: the person may be typing. Nothing is saved until they decide.
    assert owner.in_conflict and len(said) == 1 and "changed elsewhere" in said[0]
    assert prompts.conflicts == []
    editor["text"] = "My body."
    clock.advance(5.0)
    assert store.figures(article.id)[0].caption == "Their caption."
    owner.resolve_conflict("reload")
    assert said[-1] is None and not owner.in_conflict
    assert store.figures(article.id)[0].caption == "Their caption."  # nothing overwritten
    assert owner.figure("ship").caption == "Their caption."  # theirs is shown now
    kept = store.list_revisions(article.id)[0]
    assert kept.body == "My body."
    assert kept.fields["byline"] == "Me" and list(kept.fields["tags"]) == ["navy"]
    assert kept.fields["word_target"] == 400
    assert kept.figures["ship"]["caption"] == "My caption."


def test_a_conflict_saved_as_a_copy_keeps_my_fields_photos_and_captions(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy", body="Draft."))
    with_photo(store, article.id, tmp_path)
    prompts = ScriptedPrompts(conflict_choice="copy")
    owner, editor = open_on(store, clock, article, prompts)
    theirs = store.get_article(article.id)
    store.save_article(theirs.replace(body="Their body."))
    owner.set_fields(byline="Me")
    owner.edit_figure("ship", "caption", "My caption.")
    editor["text"] = "My body."
    owner.body_edited()
    assert owner.flush()  # settled by the person's choice: nothing left unsaved
    assert store.get_article(article.id).body == "Their body."
    copy = store.get_article(owner.article.id)
    assert copy.id != article.id and copy.headline == "Navy (copy)"
    assert (copy.body, copy.byline) == ("My body.", "Me")
    assert store.figures(copy.id)[0].caption == "My caption."


def test_a_failed_save_keeps_the_text_says_so_without_asking_and_retries(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    prompts = owner.prompts
    problems = []
    owner.problem_changed.connect(problems.append)
    failing = FailingStore(store)
    owner.store = failing
    failing.failing = True
    type_into(owner, editor, clock, "Kept.")
    clock.advance(RETRY_AFTER * 2)
    assert owner.state is SaveState.FAILED and owner.is_modified()
    assert problems == [
        "The disk holding the store is full; free some space and try again. Your text is kept here and saving is retried."
    ]  # said once however often the retry fails, and no question asked
    assert prompts.questions == [] and prompts.conflicts == []
    failing.failing = False
    clock.advance(RETRY_AFTER)
    assert store.get_article(owner.article.id).body == "Kept."
    assert owner.state is SaveState.SAVED
    assert problems[-1] is None and owner.problem is None  # cleared with the first save that succeeds


def test_closing_with_a_failed_save_asks_whatever_field_it_was(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy"))
    with_photo(store, article.id, tmp_path)
    prompts = ScriptedPrompts(confirm=False)
    owner, _ = open_on(store, clock, article, prompts)
    failing = FailingStore(store)
    owner.store = failing
    failing.failing = True
    owner.edit_figure("ship", "alt", "Only the alt text changed.")
    assert not owner.close_requested()  # the person said no: the window stays
    assert len(prompts.questions) == 1
    failing.failing = False
    assert owner.close_requested()
    assert store.figures(article.id)[0].alt == "Only the alt text changed."


def test_switching_while_a_save_is_in_flight_is_not_a_conflict(store, clock):
    other = store.create_article(Article(headline="Other"))
    owner, editor = open_on(store, clock, Article(headline="Bridge"))
    owner.set_fields(headline="Bridge vote")
    editor["text"] = "First words."
    owner.body_edited()
    owner.save_soon()  # in flight: its report has not arrived
    editor["text"] = "First words, and more."
    owner.body_edited()
    first = owner.article.id
    assert owner.open(other.id)
    clock.advance(1.0)
    assert owner.prompts.conflicts == []
    stored = store.get_article(first)
    assert (stored.headline, stored.body) == ("Bridge vote", "First words, and more.")


def test_a_typed_slug_is_tidied_once_not_saved_forever(store, clock):
    store.create_article(Article(headline="Taken", slug="my-story"))
    owner, _ = open_on(store, clock, Article(headline="Mine"))
    owner.set_fields(slug="My Story", slug_locked=True)
    assert owner.flush()
    assert owner.current_fields().slug == "my-story-2"
    version = owner.article.version
    clock.advance(5.0)
    assert store.get_article(owner.article.id).version == version and not owner.is_modified()


def test_a_revision_every_five_minutes_of_editing_and_none_when_idle(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    type_into(owner, editor, clock, "Words.")
    clock.advance(5 * 60)
    assert [r.reason for r in store.list_revisions(owner.article.id)] == ["timer"]
    clock.advance(15 * 60)
    assert len(store.list_revisions(owner.article.id)) == 1


def test_nothing_timed_reaches_the_store_after_the_window_has_shut_down(store, clock):
    # The window closes its store once the article is stored: a revision or save timer left
    # running would call a closed store minutes later.
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    type_into(owner, editor, clock, "Words.")
    assert owner.close_requested()
    version = store.get_article(owner.article.id).version
    owner.shut_down()
    owner.store = FailingStore(store)  # counts the saves that would still reach it
    editor["text"] = "Words. An edit reported late, as the editor is torn down."
    owner.body_edited()
    clock.advance(20 * 60)
    assert owner.store.saves == 0 and store.list_revisions(owner.article.id) == []
    assert store.get_article(owner.article.id).version == version


def test_a_named_revision_and_its_restore_bring_back_every_field(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy", byline="First"))
    with_photo(store, article.id, tmp_path)
    owner, editor = open_on(store, clock, article, ScriptedPrompts(revision_name="Before the sub"))
    owner.edit_figure("ship", "caption", "First caption.")
    assert owner.save_revision()
    clock.advance(0)
    revision = store.list_revisions(article.id)[0]
    assert revision.label == "Before the sub"
    owner.set_fields(byline="Second", tags=("later",))
    owner.edit_figure("ship", "caption", "Second caption.")
    editor["text"] = "Rewritten."
    owner.body_edited()
    assert owner.restore(revision)
    clock.advance(0)
    assert owner.article.byline == "First" and owner.article.tags == ()
    assert owner.figure("ship").caption == "First caption."
    assert store.list_revisions(article.id)[0].reason == "before restore"


def test_the_open_article_moves_to_the_trash_and_the_next_one_opens(store, clock):
    other = store.create_article(Article(headline="Other"))
    owner, editor = open_on(store, clock, Article(headline="Doomed"))
    doomed = owner.article.id
    type_into(owner, editor, clock, "Last words.")
    assert owner.move_to_trash()
    clock.advance(0)
    assert owner.article.id == other.id
    trashed = store.get_article(doomed)
    assert trashed.deleted is not None and trashed.body == "Last words."


def test_a_trashed_article_is_shown_but_nothing_done_to_it_is_kept_until_restored(store, clock, tmp_path):
    doomed = store.create_article(Article(headline="Doomed", body="Last words."))
    with_photo(store, doomed.id, tmp_path)
    store.move_to_trash(doomed.id)
    owner, editor = open_on(store, clock, store.get_article(doomed.id))
    assert owner.read_only and owner.article.body == "Last words."
    before, revisions = store.get_article(doomed.id), store.list_revisions(doomed.id)
    type_into(owner, editor, clock, " More.")
    owner.set_fields(headline="Changed")
    owner.edit_figure("ship", "caption", "Typed")
    clock.advance(5)
    assert not owner.is_modified() and owner.state is SaveState.SAVED
    assert owner.flush() and not owner.take_revision("x") and not owner.move_to_trash()
    assert owner.current_fields().headline == "Doomed" and owner.figure("ship").caption != "Typed"
    assert store.get_article(doomed.id) == before and store.list_revisions(doomed.id) == revisions
    store.restore_from_trash(doomed.id)
    assert owner.reload()
    clock.advance(0)
    assert not owner.read_only
    editor["text"] = owner.article.body
    type_into(owner, editor, clock, " Back.")
    clock.advance(1)
    assert store.get_article(doomed.id).body == "Last words. Back."


class DiesAfterCommitting:
    """A real store whose next save lands and then loses its answer, as when the store host
    is killed between the commit and the reply."""

    def __init__(self, store):
        self._store = store
        self.armed = False

    def save_article(self, *args, **kwargs):
        stored = self._store.save_article(*args, **kwargs)
        if self.armed:
            self.armed = False
            raise StoreError("The store stopped working (its process was ended by SIGKILL); your text is kept here.")
        return stored

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_save_that_landed_without_an_answer_is_not_taken_for_another_desks_change(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    prompts = owner.prompts
    dying = DiesAfterCommitting(store)
    owner.store = dying
    type_into(owner, editor, clock, "The harbour board met")
    dying.armed = True
    clock.advance(1)  # that save lands, and its answer is lost
    type_into(owner, editor, clock, " at seven eight times.")
    clock.advance(RETRY_AFTER * 2)
    assert prompts.conflicts == []  # no "changed elsewhere" question over the typing
    assert store.get_article(owner.article.id).body == "The harbour board met at seven eight times."
    assert owner.state is SaveState.SAVED and owner.problem is None


def test_a_real_change_elsewhere_after_an_unanswered_save_is_still_a_conflict(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    prompts = owner.prompts
    dying = DiesAfterCommitting(store)
    owner.store = dying
    type_into(owner, editor, clock, "Mine.")
    dying.armed = True
    clock.advance(1)
    stored = store.get_article(owner.article.id)
    store.save_article(stored.replace(body="Theirs."))  # another desk, after the lost answer
    type_into(owner, editor, clock, " More.")
    clock.advance(RETRY_AFTER * 2)
    assert owner.in_conflict and prompts.conflicts == []  # said in the window, not asked mid-typing
    assert store.get_article(owner.article.id).body == "Theirs."


def test_an_article_purged_elsewhere_does_not_hang_the_way_out_and_keeps_the_text(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    type_into(owner, editor, clock, "Kept.")
    clock.advance(1)
    store.move_to_trash(owner.article.id)
    store.empty_trash()  # another desk purged it
    editor["text"] += " More."
    owner.body_edited()
    assert not owner.flush(ask=False)  # returns: the text stays here, unsaved, and is said
    assert owner.is_modified() and owner.problem


def test_settling_a_conflict_while_the_store_is_down_loses_nothing(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Ferry", body="Draft."))
    store.save_article(store.get_article(owner.article.id).replace(body="Theirs."))
    editor["text"] = "Mine."  # the same words changed on both sides
    owner.body_edited()
    clock.advance(1)
    assert owner.in_conflict
    failing = FailingStore(store)
    failing.duplicate_article = lambda *a: (_ for _ in ()).throw(StoreError("The store stopped working."))
    owner.store = failing
    owner.resolve_conflict("copy")
    assert owner.in_conflict and "stopped working" in owner.problem  # still undecided, said
    owner.store = store
    owner.resolve_conflict("copy")
    assert store.get_article(owner.article.id).body == "Mine."


def test_words_typed_while_the_next_article_is_read_are_stored_before_it_is_shown(store, clock):
    other = store.create_article(Article(headline="Other", body="Other text."))
    owner, editor = open_on(store, clock, Article(headline="Bridge"))
    first = owner.article.id
    assert owner.open(other.id)  # read on the worker: shown on the next turn
    editor["text"] = "Typed while it was read."
    owner.body_edited()
    clock.advance(0)
    assert owner.article.id == other.id
    assert store.get_article(first).body == "Typed while it was read."


def test_the_last_article_chosen_is_the_one_shown(store, clock):
    second = store.create_article(Article(headline="Second"))
    third = store.create_article(Article(headline="Third"))
    owner, _ = open_on(store, clock, Article(headline="First"))
    first = owner.article.id
    assert owner.open(second.id) and owner.open(third.id)
    clock.advance(0)
    assert owner.article.id == third.id
    assert owner.open(second.id) and owner.open(first)  # back to the one shown: nothing changes
    clock.advance(0)
    assert owner.article.id == first


def test_an_article_gone_from_the_store_is_said_and_the_open_one_stays(store, clock):
    owner, editor = open_on(store, clock, Article(headline="Bridge"))
    said = []
    owner.not_opened.connect(said.append)
    assert owner.open(9999)
    clock.advance(0)
    assert owner.article.headline == "Bridge" and said and "no longer in the store" in said[0]
