"""The open article's review, as the window makes it: comments, decisions, replies and
suggestions typed in suggesting mode (core.review does the markup). No Qt.

Each operation reads the body as the editor holds it and the review data as the open
article holds it, and gives back a Change: the one range of the body to replace (so the
editor makes it one undoable edit, its cursor and undo stack kept) and the review data to
set on the open article, which saves both with its next save, like any edit. A refusal is
a core.review.ReviewError whose message is one sentence to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_editor.core import critic, review
from desktop_editor.core.review import ReviewError, ReviewItem
from desktop_editor.editing.saving import SaveState

__all__ = ["Change", "ReviewError", "ReviewOps", "changed_range"]


@dataclass(frozen=True, slots=True)
class Change:
    start: int  # body[start:end] (the body as it was) becomes text
    end: int
    text: str
    data: dict  # the review data after the change
    cursor: int | None = None  # where the cursor goes after it, in the new body
    item_id: str = ""  # the item made or decided

    @property
    def touches_text(self) -> bool:
        return self.start != self.end or bool(self.text)


def changed_range(before: str, after: str) -> tuple[int, int, str]:
    """(start, end, text): the smallest before[start:end] whose replacement by text gives
    after. Halving, each step one comparison made in C: a keystroke in a long story stays
    quick."""
    start = _common_length(before, after, lambda text, n: text[:n])
    limit = min(len(before), len(after)) - start
    tail = _common_length(before, after, lambda text, n: text[len(text) - n :], limit)
    return start, len(before) - tail, after[start : len(after) - tail]


def _common_length(a: str, b: str, part, limit: int | None = None) -> int:
    low, high = 0, min(len(a), len(b)) if limit is None else limit
    while low < high:
        middle = (low + high + 1) // 2
        if part(a, middle) == part(b, middle):
            low = middle
        else:
            high = middle - 1
    return low


class ReviewOps:
    """Review operations on the open article (an editing.open_article.OpenArticle): who
    makes them is its author (the window's user name), when is clock()."""

    def __init__(self, document, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.document = document
        self.clock = clock
        self.taken: Callable[[], None] = lambda: None  # called when the stored review has been taken in
        document.saved.connect(self._saved)

    # Keeping the review in step with the store ------------------------------------------------

    def _unsaved(self, stored: dict) -> dict:
        """The entries held here that differ from stored: made here since."""
        return {key: entry for key, entry in self.data.items() if stored.get(key) != entry}

    def _take(self, stored: dict) -> None:
        """stored is the article's review in the store now: it becomes what is held as stored,
        with the entries made here since on top (still to be saved)."""
        document = self.document
        unsaved = self._unsaved(stored)
        document.article = document.article.replace(review=dict(stored))
        document._fields["review"] = review.merged(stored, unsaved)
        if not document.is_modified() and document.state is SaveState.MODIFIED:
            document._set_state(SaveState.SAVED)
        self.taken()

    def _saved(self, stored) -> None:
        """A save is in: the store merged the review it was given into what it held (a save
        never drops an entry), so what it holds now is the review here."""
        if self.document.article is not None and stored.id == self.document.article.id:
            self._take(stored.review or {})

    def read_stored(self) -> None:
        """Read the open article's review from the store (on the worker): an article shown
        before the store opened came without it."""
        document = self.document
        if document.article is None:
            return
        article_id = document.article.id

        def arrived(job) -> None:
            if job.error is None and document.article is not None and document.article.id == article_id:
                self._take(job.result or {})

        document.worker.submit(lambda: document.store.get_article(article_id).review, arrived)

    # Reading -------------------------------------------------------------------------------

    @property
    def data(self) -> dict:
        if self.document.article is None:
            return {}
        return self.document.current_fields().review or {}

    @property
    def author(self) -> str:
        return self.document.author or ""

    def items(self, body: str) -> list[ReviewItem]:
        """Every item to list: those in the body in text order, then detached comments;
        decided suggestions (history) left out."""
        return [item for item in review.review_items(body, self.data) if item.start is not None or item.unresolved]

    def item(self, body: str, item_id: str) -> ReviewItem | None:
        return next((item for item in review.review_items(body, self.data) if item.id == item_id), None)

    # Making changes ------------------------------------------------------------------------

    def _change(self, before: str, after: str, data: dict, item_id: str = "", cursor: int | None = None) -> Change:
        start, end, text = changed_range(before, after)
        return Change(start, end, text, data, cursor, item_id)

    def comment(self, body: str, start: int, end: int, text: str) -> Change:
        after, data, item_id = review.add_comment(body, self.data, start, end, text, self.author, self.clock())
        return self._change(body, after, data, item_id)

    def decide(self, body: str, item_id: str, accept: bool) -> Change:
        after, data = review.decide(body, self.data, item_id, accept, self.author, self.clock())
        return self._change(body, after, data, item_id)

    def decide_all(self, body: str, accept: bool) -> Change:
        if not review.open_suggestions(body):
            raise ReviewError("There is no open suggestion to decide.")
        after, data = review.decide_all(body, self.data, accept, self.author, self.clock())
        return self._change(body, after, data)

    def withdrawn(self, body: str, made_here: set[str]) -> dict:
        """The data with the comments made here whose markup is gone (undone, or cut away)
        taken back, and those whose markup came back (redone) listed again."""
        present = {item.id for item in critic.items(body)}
        data = review.withdrawn(self.data, [i for i in made_here if i not in present and not self.data.get(i, {}).get("withdrawn")])
        return review.withdrawn(data, [i for i in made_here if i in present and data.get(i, {}).get("withdrawn")], on=False)

    def reply(self, item_id: str, text: str) -> dict:
        return review.reply(self.data, item_id, text, self.author, self.clock())

    def resolve(self, item_id: str, reopen: bool = False) -> dict:
        return review.resolve(self.data, item_id, self.author, self.clock(), reopen)

    def apply(self, data: dict) -> None:
        """Keep data as the open article's review (saved with its next save)."""
        if self.document.article is not None and not self.document.read_only and data != self.data:
            self.document.set_fields(review=data)

    # Suggesting mode -----------------------------------------------------------------------

    def _own_new_text(self, body: str, position: int) -> tuple[critic.Item, int, int] | None:
        """The insertion or substitution of this author whose new words the position is in
        (their ends included): (item, where its new words start, where they end)."""
        for item in critic.items(body):
            if item.start > position:
                break
            if item.kind not in (critic.INSERTION, critic.SUBSTITUTION) or not item.id:
                continue
            if self.data.get(item.id, {}).get("author", self.author) != self.author:
                continue
            first = item.start + 3 + (len(item.old) + 2 if item.kind == critic.SUBSTITUTION else 0)
            if first <= position <= first + len(item.new):
                return item, first, first + len(item.new)
        return None

    def typed(self, body: str, start: int, end: int, text: str) -> Change:
        """text typed or pasted over body[start:end] (empty: at start) as a suggestion: it
        extends this author's insertion it is typed in, or becomes a new insertion (a
        substitution over a selection)."""
        if critic.unsafe_for_markup(text):
            raise ReviewError("Text holding review markup ({++, {--, {~~, {== or {>>) cannot be suggested.")
        own = self._own_new_text(body, start)
        if own is not None and (start == end or end <= own[2]):
            after = body[:start] + text + body[end:]
            return self._change(body, after, self.data, own[0].id, start + len(text))
        after, data, item_id = review.suggest(body, self.data, start, end, text, self.author, self.clock())
        opener = 3 + (end - start + 2 if start != end else 0)  # {++ or {~~old~>
        return self._change(body, after, data, item_id, start + opener + len(text))

    def replaced_all(self, body: str, spans: list[tuple[int, int]], new: str) -> tuple[Change, int]:
        """Replace all as suggestions: each of body's spans (in order, apart) suggested as new,
        but those inside another suggestion or comment. (The change, how many were made.)"""
        return self.suggested(body, [(start, end, new) for start, end in spans])

    def suggested(self, body: str, edits: list[tuple[int, int, str]]) -> tuple[Change, int]:
        """Several edits of body (start, end, new: in order, apart) suggested as one change,
        but those inside another suggestion or comment. (The change, how many were made.)"""
        after, data, made = body, self.data, 0
        for start, end, new in reversed(edits):  # from the end: the earlier places stay where they are
            try:
                after, data, _item = review.suggest(after, data, start, end, new, self.author, self.clock())
            except ReviewError:
                continue
            made += 1
        if not made:
            raise ReviewError("Each of them is part of another suggestion or comment: decide or resolve those first.")
        return self._change(body, after, data), made

    def deleted(self, body: str, start: int, end: int, forward: bool = False) -> Change | int:
        """Backspace (forward: Delete) over body[start:end] (a selection, or the one
        character before or after the cursor) as a suggestion. Returns a Change, or the
        position the cursor should simply move to (over an item's markup)."""
        own = self._own_new_text(body, start if forward else end)
        if own is not None and own[1] <= start and end <= own[2] and start < end:
            after = body[:start] + body[end:]  # one's own suggested words: taken back
            item = own[0]
            if own[2] - own[1] == end - start:  # none left: the insertion is withdrawn
                kept = "" if item.kind == critic.INSERTION else critic.markup(critic.DELETION, item.id, old=item.old)
                after = body[: item.start] + kept + body[item.end :]
                return self._change(body, after, self.data, item.id, item.start + (len(kept) if forward else 0))
            return self._change(body, after, self.data, item.id, start)
        for item in critic.items(body):
            if item.start < end and start < item.end:
                if end - start == 1:  # one character of markup: step over the item
                    return item.end if forward else item.start
                raise ReviewError("The selection holds a suggestion or comment; decide or resolve it first.")
        if start == end:
            return start
        joined = self._joined_deletion(body, start, end)
        if joined is not None:
            return joined
        after, data, item_id = review.suggest(body, self.data, start, end, "", self.author, self.clock())
        length = len(after) - len(body) + (end - start)
        return self._change(body, after, data, item_id, start + length if forward else start)

    def _joined_deletion(self, body: str, start: int, end: int) -> Change | None:
        """This author's deletion just after (Backspace) or just before (Delete) the range
        takes it in, so a word deleted key by key is one suggestion."""
        for item in critic.items(body):
            if item.kind != critic.DELETION or not item.id or item.start > end:
                continue
            if self.data.get(item.id, {}).get("author", self.author) != self.author:
                continue
            if item.start == end:
                old = body[start:end] + item.old
                cursor = start
            elif item.end == start:
                old = item.old + body[start:end]
                cursor = None
            else:
                continue
            begin, finish = min(start, item.start), max(end, item.end)
            markup = critic.markup(critic.DELETION, item.id, old=old)
            after = body[:begin] + markup + body[finish:]
            return self._change(body, after, self.data, item.id, cursor if cursor is not None else begin + len(markup))
        return None
