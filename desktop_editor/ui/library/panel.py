"""The library: every article in the store, searchable and filtered (by status, desk, assignee
and embargo, sorted by last change or publish time: filter_bar), with new, duplicate, delete
and trash."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.model import ArticleSummary
from desktop_editor.ui.library.filter_bar import FilterBar
from desktop_editor.ui.library.filters import shown
from desktop_editor.ui.library.snippet_delegate import SNIPPET_ROLE, SnippetDelegate, snippet_text

ID_ROLE = Qt.ItemDataRole.UserRole
SP = QStyle.StandardPixmap
# The tool row: label, what it does, icon theme name, the style's icon where there is no theme.
TOOLS = {
    "new": ("New", "Start a new draft", "document-new", SP.SP_FileIcon),
    "duplicate": ("Duplicate", "Copy the selected article", "edit-copy", SP.SP_FileDialogContentsView),
    "delete": ("Delete", "Move the selected article to the trash", "user-trash", SP.SP_TrashIcon),
    "restore": ("Restore", "Take the selected article out of the trash", "edit-undo", SP.SP_ArrowBack),
    "empty": ("Empty trash", "Delete the articles in the trash for good", "edit-delete", SP.SP_DialogDiscardButton),
}


CONFLICT_TIP = "\nA sync kept one of two values; open the article to see both in the status bar. Setting the field again settles it."

class LibraryPanel(QWidget):
    article_chosen = Signal(int)
    trashed_chosen = Signal(int)  # an article in the trash, to be shown read-only
    new_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    restore_requested = Signal(int)
    empty_trash_requested = Signal()
    query_changed = Signal(str, bool)  # search text, showing the trash

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search headline, standfirst and text")
        self.search.setAccessibleName("Search articles")
        self.search.setClearButtonEnabled(True)
        self.filter_bar = FilterBar()
        self.list = QListWidget()
        self.list.setAccessibleName("Articles")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(SnippetDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.heading = QLabel("<b>Articles</b>")
        self.trash_toggle = QToolButton(text="Trash", checkable=True, toolTip="Show deleted articles")
        self.trash_toggle.setAccessibleName("Show the trash")
        self.new_button = self._tool("new")
        self.duplicate_button = self._tool("duplicate")
        self.delete_button = self._tool("delete")
        self.restore_button = self._tool("restore")
        self.empty_button = self._tool("empty")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.trash_toggle)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in self.tools():
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._emit_query)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.trash_toggle.toggled.connect(self._trash_toggled)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.new_button.clicked.connect(self.new_requested)
        self.duplicate_button.clicked.connect(lambda: self._with_selected(self.duplicate_requested))
        self.delete_button.clicked.connect(lambda: self._with_selected(self.delete_requested))
        self.restore_button.clicked.connect(lambda: self._with_selected(self.restore_requested))
        self.empty_button.clicked.connect(self.empty_trash_requested)
        self._current_id: int | None = None
        self._listed: tuple[list[ArticleSummary], dict[int, str]] = ([], {})
        self.present: dict[int, list[str]] = {}  # article id -> who else has it open (a sync's hint)
        self.filter_bar.changed.connect(lambda _filter: self._show_listed())
        self._trash_toggled(False)

    def _tool(self, name: str) -> QToolButton:
        """A button of the tool row: its words beside its icon where the panel has room, else
        the icon alone, its words then in the tooltip (always the accessible name)."""
        text, tip, theme, fallback = TOOLS[name]
        button = QToolButton(text=text, toolTip=f"{text}: {tip}")
        button.setIcon(QIcon.fromTheme(theme, self.style().standardIcon(fallback)))
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoRaise(False)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def tools(self) -> tuple[QToolButton, ...]:
        return (self.new_button, self.duplicate_button, self.delete_button, self.restore_button, self.empty_button)

    def _fit_tools(self) -> None:
        """Words beside the icons when every shown button fits the panel's width with them."""
        shown = [b for b in self.tools() if not b.isHidden()]
        layout = self.layout()
        margins = layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        wide = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        needed = 0
        for button in shown:
            style = button.toolButtonStyle()
            button.setToolButtonStyle(wide)
            needed += button.sizeHint().width() + 4
            button.setToolButtonStyle(style)
        fitting = wide if needed <= room else Qt.ToolButtonStyle.ToolButtonIconOnly
        for button in self.tools():
            if button.toolButtonStyle() != fitting:
                button.setToolButtonStyle(fitting)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_tools()

    @property
    def showing_trash(self) -> bool:
        return self.trash_toggle.isChecked()

    def _trash_toggled(self, on: bool) -> None:
        self.heading.setText("<b>Trash</b>" if on else "<b>Articles</b>")
        toggle = self.trash_toggle  # in the trash, the way back: "← Articles"
        toggle.setText("Articles" if on else "Trash")
        toggle.setToolTip("Back to articles: leave the trash" if on else "Show deleted articles")
        toggle.setAccessibleName("Back to articles" if on else "Show the trash")
        toggle.setIcon(self.style().standardIcon(SP.SP_ArrowBack) if on else QIcon())
        toggle.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon if on else Qt.ToolButtonStyle.ToolButtonTextOnly
        )  # fmt: skip
        hiding = (self.new_button, self.duplicate_button, self.delete_button) if on else (self.restore_button, self.empty_button)
        if any(button.hasFocus() for button in hiding):
            # Else Qt hands the keyboard to the next field in the window, the headline, all
            # of it selected, and the next keystroke would replace it.
            self.list.setFocus()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            button.setVisible(not on)
        for button in (self.restore_button, self.empty_button):
            button.setVisible(on)
        self._fit_tools()
        self._emit_query()

    def _emit_query(self) -> None:
        self.query_changed.emit(self.search.text().strip(), self.showing_trash)

    def _activated(self, item: QListWidgetItem) -> None:
        article_id = item.data(ID_ROLE)
        if article_id is not None:
            (self.trashed_chosen if self.showing_trash else self.article_chosen).emit(article_id)

    def _with_selected(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(ID_ROLE))
        elif self._current_id is not None and not self.showing_trash:
            signal.emit(self._current_id)

    def show_articles(
        self, summaries: list[ArticleSummary], current_id: int | None, snippets: dict[int, str] | None = None
    ) -> None:
        """snippets: by article id, the words around a search's match (marked as
        library.controller.SNIPPET_MARKS), shown under the row. Those the filters let
        through are shown, in the order chosen."""
        self._current_id = current_id
        self._listed = (summaries, snippets or {})
        self.filter_bar.set_summaries(summaries)
        self._show_listed()

    def _show_listed(self) -> None:
        everything, snippets = self._listed
        summaries = shown(everything, self.filter_bar.filter)
        current_id = self._current_id
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(self.row_text(summary))
            item.setData(ID_ROLE, summary.id)
            item.setToolTip(summary.slug + (CONFLICT_TIP if summary.conflicts else ""))
            snippet = snippets.get(summary.id)
            if snippet:
                words = snippet_text(snippet)
                item.setData(SNIPPET_ROLE, snippet)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}\n{words}")
                item.setToolTip(f"{words}\n{summary.slug}")
            self.list.addItem(item)
            if summary.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not summaries:
            empty = "Nothing found." if self.search.text() else "Nothing here."
            if everything and self.filter_bar.filter.active:
                empty = f"None of {len(everything)} matches the filters ({self.filter_bar.filter.describe()})."
            self.list.addItem(QListWidgetItem(empty))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def row_text(self, summary: ArticleSummary) -> str:
        """Headline; then state, desk, words and the time the order is by (its publish time,
        or the last change)."""
        if self.filter_bar.filter.sort == "publish":
            when = f"out {summary.publish_at.astimezone():%d %b %H:%M}" if summary.publish_at else "no publish time"
        else:
            when = summary.updated.astimezone().strftime("%d %b %H:%M")
        desk = f"{summary.desk} · " if summary.desk else ""
        conflict = f"Conflict — {', '.join(summary.conflicts)} · " if summary.conflicts else ""
        present = f"Also open: {', '.join(self.present[summary.id])} · " if summary.id in self.present else ""
        return f"{summary.headline.strip() or 'Untitled'}\n{present}{conflict}{summary.status} · {desk}{summary.word_count} words · {when}"

    def set_present(self, present: dict[int, list[str]]) -> None:
        """Who else has which article open, as the last sync with the desk heard: said in
        those rows, in place (a hint, not a lock: the article opens and saves as ever)."""
        if present == self.present:
            return
        self.present = dict(present)
        by_id = {summary.id: summary for summary in self._listed[0]}
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) in by_id:
                item.setText(self.row_text(by_id[item.data(ID_ROLE)]))

    def update_current(self, summary: ArticleSummary) -> None:
        """Refresh one row's text as the open article changes, without reloading the list."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == summary.id:
                item.setText(self.row_text(summary))
                if item.data(SNIPPET_ROLE):
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}\n{snippet_text(item.data(SNIPPET_ROLE))}")
                return
