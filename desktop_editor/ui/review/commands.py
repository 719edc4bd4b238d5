"""The review in the window: comment on the selected words (Ctrl+Alt+M), the review panel
(View → Show review) that lists, decides, answers and resolves, next and previous item,
author and time on hover, and suggesting mode (ui.review.suggesting).

Given what it uses: the open article, the editor, the actions, a way to add the panel beside
the text and a status sink. Each change to the text is one edit block over the range that
changed (editing.review_ops.Change), so the cursor stays and one undo takes it back; the
review's data goes to the open article, which saves both like any edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QInputDialog, QLineEdit, QToolTip

from desktop_editor.core import critic
from desktop_editor.editing.review_ops import Change, ReviewError, ReviewOps
from desktop_editor.ui.review.panel import PANEL_WIDTH, ReviewPanel, when
from desktop_editor.ui.review.positions import from_qt, to_qt
from desktop_editor.ui.review.suggesting import Suggesting

REFRESH_MS = 250  # the panel follows the text this long after typing pauses


class ReviewCommands(QObject):
    def __init__(
        self, document, editor, actions, add_dock: Callable, status: Callable, dialog_parent=None,
        make_room: Callable[[bool, int], None] = lambda _on, _width: None,
    ):  # fmt: skip
        """add_dock(dock) puts the panel beside the text; make_room(shown, width) gives it
        room in a narrow window."""
        super().__init__(dialog_parent)
        self.document, self.editor, self.actions = document, editor, actions
        self.ops = ReviewOps(document)
        self._add_dock = add_dock
        self._make_room = make_room
        self._status = status
        self._parent = dialog_parent
        self.dock = None
        self.panel: ReviewPanel | None = None
        self._made_here: set[str] = set()  # comments made in this window, this session
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        a = actions
        a.comment.triggered.connect(lambda: self.comment())
        a.toggle_review.toggled.connect(self.show_panel)
        a.next_review_item.triggered.connect(lambda: self.go_next(1))
        a.previous_review_item.triggered.connect(lambda: self.go_next(-1))
        editor.textChanged.connect(self._text_changed)
        document.fields_changed.connect(lambda _article: self._text_changed())
        document.article_loaded.connect(lambda _article: (self._made_here.clear(), self._text_changed()))
        editor.viewport().installEventFilter(self)  # hover, and the text's menu
        editor.installEventFilter(self)  # the menu key
        self.suggesting = Suggesting(self, a.suggesting)

    # Text ---------------------------------------------------------------------------------

    def body(self) -> str:
        return self.editor.toPlainText()

    def _refuse(self, sentence: str) -> None:
        self._status(sentence, 6000)

    def editable(self) -> bool:
        if self.document.article is None or self.document.read_only or self.editor.isReadOnly():
            self._refuse("This article cannot be changed here (it is in the trash or being restored).")
            return False
        return True

    def apply(self, change: Change, body: str | None = None) -> None:
        """change made in the editor as one undoable edit, and its data kept."""
        body = self.body() if body is None else body
        if change.touches_text:
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(to_qt(body, change.start))
            cursor.setPosition(to_qt(body, change.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.beginEditBlock()
            cursor.insertText(change.text)
            cursor.endEditBlock()
        self.ops.apply(change.data)
        if change.cursor is not None:
            after = self.body()
            moved = self.editor.textCursor()
            moved.setPosition(to_qt(after, change.cursor))
            self.editor.setTextCursor(moved)
        self.refresh_soon()

    def _run(self, make: Callable[[str], Change]) -> bool:
        if not self.editable():
            return False
        body = self.body()
        try:
            change = make(body)
        except ReviewError as refusal:
            self._refuse(str(refusal))
            return False
        self.apply(change, body)
        return True

    # Commands -----------------------------------------------------------------------------

    def comment(self, text: str | None = None) -> bool:
        """A comment on the selected words; text asked for when not given."""
        if not self.editable():
            return False
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            self._refuse("Select the words to comment on, then press Ctrl+Alt+M.")
            return False
        body = self.body()
        start, end = from_qt(body, cursor.selectionStart()), from_qt(body, cursor.selectionEnd())
        if text is None:
            text = self._ask("Comment", f"Comment on “{_short(body[start:end])}”:")
            if text is None:
                return False
        def made(now: str):
            change = self.ops.comment(now, start, end, text)
            self._made_here.add(change.item_id)  # taken back if undone (_text_changed)
            return change

        return self._run(made)

    def decide(self, item_id: str, accept: bool) -> bool:
        return self._run(lambda body: self.ops.decide(body, item_id, accept))

    def decide_all(self, accept: bool) -> bool:
        return self._run(lambda body: self.ops.decide_all(body, accept))

    def reply(self, item_id: str, text: str | None = None) -> bool:
        if not self.editable():
            return False
        if text is None:
            text = self._ask("Reply", "Reply:")
            if text is None:
                return False
        return self._keep(lambda: self.ops.reply(item_id, text))

    def resolve(self, item_id: str, reopen: bool = False) -> bool:
        return self.editable() and self._keep(lambda: self.ops.resolve(item_id, reopen))

    def _keep(self, make: Callable[[], dict]) -> bool:
        try:
            data = make()
        except ReviewError as refusal:
            self._refuse(str(refusal))
            return False
        self.ops.apply(data)
        self.refresh_soon()
        return True

    def _ask(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self._parent, title, label, QLineEdit.EchoMode.Normal, "")
        return text if ok and text.strip() else None

    # Going to items -----------------------------------------------------------------------

    def go_to(self, item_id: str) -> bool:
        """The item's words selected in the text, in view."""
        body = self.body()
        found = next((item for item in critic.items(body) if item.id == item_id), None)
        if found is None:
            return False
        cursor = self.editor.textCursor()
        cursor.setPosition(to_qt(body, found.start))
        cursor.setPosition(to_qt(body, found.end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        if self.panel is not None:
            self.panel.select(item_id)
        return True

    def go_next(self, step: int) -> bool:
        body = self.body()
        items = [item for item in critic.items(body) if item.id]
        if not items:
            self._status("No suggestions or comments in this article.", 4000)
            return False
        here = from_qt(body, self.editor.textCursor().selectionStart())
        if step > 0:
            chosen = next((item for item in items if item.start > here), items[0])
        else:
            chosen = next((item for item in reversed(items) if item.start < here), items[-1])
        self.editor.setFocus()
        return self.go_to(chosen.id)

    # The panel ----------------------------------------------------------------------------

    def show_panel(self, on: bool) -> None:
        if self.dock is None and not on:
            return
        self._make_room(on, PANEL_WIDTH)  # first: the window must not grow to fit the panel
        if self.dock is None:
            self._make_panel()
        self.dock.setVisible(on)
        if on:
            self.panel.list.setFocus()
            self.refresh()

    def _make_panel(self) -> None:
        from PySide6.QtWidgets import QDockWidget

        self.panel = ReviewPanel()
        self.dock = QDockWidget("Review")
        self.dock.setObjectName("review")
        self.dock.setWidget(self.panel)
        self._add_dock(self.dock)
        self.dock.visibilityChanged.connect(lambda _visible: self.actions.toggle_review.setChecked(not self.dock.isHidden()))
        p = self.panel
        p.chosen.connect(self.go_to)
        p.accept.connect(lambda item_id: self.decide(item_id, True))
        p.reject.connect(lambda item_id: self.decide(item_id, False))
        p.accept_all.connect(lambda: self.decide_all(True))
        p.reject_all.connect(lambda: self.decide_all(False))
        p.reply.connect(lambda item_id: self.reply(item_id))
        p.resolve.connect(lambda item_id, reopen: self.resolve(item_id, reopen))

    def _text_changed(self) -> None:
        if self._made_here and self.document.article is not None:
            body, data = self.body(), self.ops.data
            if any(i in data and (critic.marker(i) in body) == bool(data[i].get("withdrawn")) for i in self._made_here):
                self.ops.apply(self.ops.withdrawn(body, self._made_here))
        if self.dock is not None and not self.dock.isHidden():
            self._refresh_timer.start()

    def refresh_soon(self) -> None:
        self._text_changed()

    def refresh(self) -> None:
        if self.panel is not None:
            self.panel.show_items(self.ops.items(self.body()) if self.document.article is not None else [])

    # The text's own menu, and author and time on hover ----------------------------------------

    def item_at(self, pos) -> critic.Item | None:
        """The review item under a point of the editor's viewport."""
        body = self.body()
        if "{" not in body:
            return None
        at = from_qt(body, self.editor.cursorForPosition(pos).position())
        return next((item for item in critic.items(body) if item.start <= at < item.end and item.id), None)

    def context_menu(self, pos):
        """The editor's menu with, on top, what can be done to the item under pos."""
        menu = self.editor.context_menu(pos)
        found = self.item_at(pos)
        first = menu.actions()[0] if menu.actions() else None
        wanted = []
        if found is not None and found.suggestion:
            wanted = [("Accept suggestion", lambda: self.decide(found.id, True)), ("Reject suggestion", lambda: self.decide(found.id, False))]
        elif found is not None:
            resolved = self.ops.data.get(found.id, {}).get("resolved", False)
            wanted = [("Reply to comment…", lambda: self.reply(found.id)),
                      ("Reopen comment" if resolved else "Resolve comment", lambda: self.resolve(found.id, resolved))]  # fmt: skip
        for text, command in wanted:
            action = QAction(text, menu, objectName="review-item")
            action.triggered.connect(command)
            menu.insertAction(first, action)
        if self.editor.textCursor().hasSelection() and found is None:
            menu.insertAction(first, self.actions.comment)
            wanted.append(None)
        if wanted and first is not None:
            menu.insertSeparator(first)
        if self.suggesting.on and not self.editor.isReadOnly():
            self.suggesting.restrict(menu)
        return menu

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and watched in (self.editor, self.editor.viewport()):
            menu = self.context_menu(event.pos())
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        if kind == QEvent.Type.ToolTip and watched is self.editor.viewport():
            found = self.item_at(event.pos())
            if found is not None:
                entry = self.ops.data.get(found.id, {})
                kind_name = {"insertion": "Added", "deletion": "Deleted", "substitution": "Replaced"}.get(found.kind, "Comment")
                words = f": {found.note}" if found.kind == critic.COMMENT else ""
                tip = f"{kind_name} by {entry.get('author') or 'someone'}, {when(entry.get('at', ''))}{words}"
                QToolTip.showText(event.globalPos(), tip, self.editor)
                return True
        return False


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

