"""The library: every article in the store, searchable, with new, duplicate, delete and trash."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.model import ArticleSummary
from desktop_editor.ui.library.snippet_delegate import SNIPPET_ROLE, SnippetDelegate, snippet_text

ID_ROLE = Qt.ItemDataRole.UserRole


class LibraryPanel(QWidget):
    article_chosen = Signal(int)
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
        self.list = QListWidget()
        self.list.setAccessibleName("Articles")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(SnippetDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.heading = QLabel("<b>Articles</b>")
        self.trash_toggle = QToolButton(text="Trash", checkable=True, toolTip="Show deleted articles")
        self.new_button = QPushButton("New")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.restore_button = QPushButton("Restore")
        self.empty_button = QPushButton("Empty trash")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.trash_toggle)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button,
                       self.restore_button, self.empty_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.search)
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
        self._trash_toggled(False)
        self._current_id: int | None = None

    @property
    def showing_trash(self) -> bool:
        return self.trash_toggle.isChecked()

    def _trash_toggled(self, on: bool) -> None:
        self.heading.setText("<b>Trash</b>" if on else "<b>Articles</b>")
        hiding = (self.new_button, self.duplicate_button, self.delete_button) if on else (self.restore_button, self.empty_button)
        if any(button.hasFocus() for button in hiding):
            # Else Qt hands the keyboard to the next field in the window, the headline, all
            # of it selected, and the next keystroke would replace it.
            self.list.setFocus()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            button.setVisible(not on)
        for button in (self.restore_button, self.empty_button):
            button.setVisible(on)
        self._emit_query()

    def _emit_query(self) -> None:
        self.query_changed.emit(self.search.text().strip(), self.showing_trash)

    def _activated(self, item: QListWidgetItem) -> None:
        if not self.showing_trash:
            self.article_chosen.emit(item.data(ID_ROLE))

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
        library.controller.SNIPPET_MARKS), shown under the row."""
        self._current_id = current_id
        snippets = snippets or {}
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            updated = summary.updated.astimezone().strftime("%d %b %H:%M")
            headline = summary.headline.strip() or "Untitled"
            item = QListWidgetItem(f"{headline}\n{summary.status} · {summary.word_count} words · {updated}")
            item.setData(ID_ROLE, summary.id)
            item.setToolTip(summary.slug)
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
            self.list.addItem(QListWidgetItem("Nothing found." if self.search.text() else "Nothing here."))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def update_current(self, summary: ArticleSummary) -> None:
        """Refresh one row's text as the open article changes, without reloading the list."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == summary.id:
                updated = summary.updated.astimezone().strftime("%d %b %H:%M")
                item.setText(f"{summary.headline.strip() or 'Untitled'}\n{summary.status} · {summary.word_count} words · {updated}")
                if item.data(SNIPPET_ROLE):
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}\n{snippet_text(item.data(SNIPPET_ROLE))}")
                return
