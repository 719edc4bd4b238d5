"""Changes that arrive for the open article from elsewhere (a sync with the desk server).

Part of OpenArticle (editing.open_article). The stored article is read on the worker, after
any save in progress; when it arrives:
- nothing typed here is unsaved: it is taken in where it stands (body_arrived gives the
  editor the new text to fit in around the cursor; fields and photos follow), no reload;
- something is typed: the body is merged three ways (what was last stored here, the text
  as typed, the stored text) and fields changed only there are taken; the merged text is
  then saved under the new version, what arrived kept as a revision first. Where both changed the same words, the same field or a
  photo's text, nothing is merged: the person is offered the choice every conflict offers
  (reload, everything typed kept as a revision, or save theirs as a copy). Never is a word
  lost.
"""

from __future__ import annotations

from desktop_editor.core.model import Article, Figure
from desktop_editor.editing.saving import FORM_FIELDS, SaveState

CHANGED_BY_SYNC = "This article changed on the desk while you were writing, in the same places as your changes."
KEPT_LABEL = "As it came from the desk, before your changes were merged"
RETRY_AFTER_SAVE = 0.2  # seconds: a save in flight is awaited before the stored text is read


class ArticleIncoming:
    def changed_in_store(self, article_ids=None) -> None:
        """The store's copy of the article may have moved on (articles article_ids did; all
        when None): take it in, once it is read."""
        if self.article is None or self._shut_down or self.read_only:
            return
        if article_ids is not None and self.article.id not in article_ids:
            return
        if self._in_flight is not None or self.in_conflict:
            if not self.in_conflict:  # the save first; a conflict waits for the person
                self.scheduler.call_later(RETRY_AFTER_SAVE, self.changed_in_store)
            return
        article_id, version = self.article.id, self.article.version
        read = self._reader()

        def arrived(job) -> None:
            if job.error is not None or self.article is None or self.article.id != article_id:
                return  # gone or unreadable now: the next save or opening says so
            stored, figures, premerged = job.result
            if self.article.version != version or stored.version <= version:
                return  # saved since, or nothing new
            if self._in_flight is not None:
                self.scheduler.call_later(RETRY_AFTER_SAVE, self.changed_in_store)
                return
            self._take_in(stored, figures, premerged=premerged)

        self.worker.submit(lambda: read(self.store), arrived)

    def _reader(self):
        """read(store), for the worker: the stored article, its photos and (the text as typed
        now, its merge with the stored text): merged there, since a long story's merge would
        hold the typing up; what is typed meanwhile is merged into it on arrival (a small merge)."""
        article_id, base_body = self.article.id, self.article.body
        then = self._body_source() if self._body_dirty else base_body

        def read(store):
            from desktop_editor.core.merge import merge_text

            stored = store.get_article(article_id)
            return stored, store.figures(article_id), (then, merge_text(base_body, then, stored.body))

        return read

    def _merge_after_refused_save(self, sentence: str, now: bool = False) -> None:
        """A save was refused because the stored article moved on after it was read (a sync
        wrote it a moment before, or another desk): what is stored is merged with what is
        typed as anything arriving is, and saved; a conflict (sentence) only where both
        changed the same. now: read on the worker and waited for (flush); else saves wait
        for the read."""
        article_id, version = self.article.id, self.article.version
        read = self._reader()

        def merge(stored: Article, figures: list[Figure], premerged) -> None:
            if self.article.version != version:  # settled meanwhile (flush): save what is left
                if self.is_modified():
                    self._edited()
            elif stored.version > version:
                self._take_in(stored, figures, sentence, premerged)
            else:
                self._conflict_found(sentence)  # refused for another reason: the person decides

        if now:
            try:
                merge(*self._store_now(lambda: read(self.store)))
            except Exception:  # noqa: BLE001 - unreadable now: nothing is overwritten, the person decides
                self._conflict_found(sentence)
            return

        def arrived(job) -> None:
            self._merging = False
            if self._shut_down or self.article is None or self.article.id != article_id or self.in_conflict:
                return
            if job.error is not None:
                self._conflict_found(sentence)
            else:
                merge(*job.result)

        self._merging = True
        self.worker.submit(lambda: read(self.store), arrived)

    def _take_in(self, stored: Article, figures: list[Figure], sentence: str = CHANGED_BY_SYNC, premerged=None) -> None:
        """premerged: (the text as typed then, (its merge with stored, clean)), made on the
        worker; what was typed since is merged into it here, a small merge."""
        from desktop_editor.core.merge import merge_text  # difflib: not on the way to the first frame

        base = self.article
        typed_body = self._body_source() if self._body_dirty else base.body
        if premerged is not None:
            then, (merged, clean) = premerged
            body, clean_since = (merged, True) if typed_body == then else merge_text(then, typed_body, merged)
            clean = clean and clean_since
        else:
            body, clean = merge_text(base.body, typed_body, stored.body)
        fields = {}
        for name in FORM_FIELDS:
            mine, was, theirs = self._fields[name], getattr(base, name), getattr(stored, name)
            if name == "review":  # entries are kept from both sides (core.review.merged)
                from desktop_editor.core import review  # not on the way to the first frame

                fields[name] = review.merged(theirs, {k: v for k, v in (mine or {}).items() if (was or {}).get(k) != v})
            elif theirs == was or theirs == mine:
                fields[name] = mine
            elif mine == was:
                fields[name] = theirs
            else:
                clean = False
        if self._photo_changes and not _same_photos(self.figures, figures):
            clean = False  # a photo renamed, removed or replaced here and changed there
        stored_figures = {f.handle: f for f in figures}
        if any(_photo_text_clash(stored_figures.get(handle), name, was, self._pending_figures.get(handle, {}))
               for (handle, name), was in self._figure_was.items()):
            clean = False  # a caption, credit... typed here and changed there
        if not clean:
            self._conflict_found(sentence)
            return
        modified = self.is_modified()
        if modified:  # what arrived is kept as it stood, whatever the merge makes of it
            article_id = stored.id
            self.worker.submit(lambda: self.store.take_revision(article_id, "merge", KEPT_LABEL), lambda _job: None)
        self.article = stored
        self._fields = fields
        self._figure_was = {key: getattr(stored_figures[key[0]], key[1]) for key in self._figure_was if key[0] in stored_figures}
        self.figures = [self._with_pending(f) for f in figures]
        self._taking_in = True
        try:
            self.body_arrived.emit(body)
        finally:
            self._taking_in = False
        if body != stored.body:
            self._body_dirty = True
        self.fields_changed.emit(self.current_fields())
        self.figures_changed.emit(self.figures)
        if modified or self.is_modified():
            self._edited()  # the merged text is saved under the new version
        else:
            self._set_state(SaveState.SAVED)
            self.saved.emit(stored)


def _photo_text_clash(stored: Figure | None, name: str, was: str, typed: dict) -> bool:
    """True when a photo's field typed here (not yet saved) was changed to something else
    in the store since it was stored here (was)."""
    if stored is None or name not in typed:
        return False
    theirs = getattr(stored, name)
    return theirs != was and theirs != typed[name]


def _same_photos(shown: list[Figure], stored: list[Figure]) -> bool:
    """True when the photos (their handles and pictures) are the same in the store."""
    return [(f.handle, f.image_sha256) for f in shown] == [(f.handle, f.image_sha256) for f in stored]
