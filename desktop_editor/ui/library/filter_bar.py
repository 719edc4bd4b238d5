"""The library's filter and sort buttons: each a menu, rebuilt as it opens from the articles
listed, every choice with the number of articles it would show (ui.library.filters)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

from desktop_editor.core.model import ArticleSummary, Status
from desktop_editor.ui.library.filters import SORTS, LibraryFilter, counts

TITLES = {"status": "&Status", "desk": "&Desk", "assignee": "&Assignee"}


class FilterBar(QWidget):
    changed = Signal(object)  # LibraryFilter

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = LibraryFilter()
        self.summaries: list[ArticleSummary] = []
        self.filter_button = self._button("Filter", "Show only articles in a state, on a desk, assigned to someone, under embargo or with conflicts")
        self.sort_button = self._button("Sort", "Order the articles by last change or by publish time")
        self.filter_button.menu().aboutToShow.connect(self._fill_filters)
        self.sort_button.menu().aboutToShow.connect(self._fill_sorts)
        self.filter_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_button, 1)
        layout.addWidget(self.sort_button)
        self._show()

    def _button(self, name: str, tip: str) -> QToolButton:
        button = QToolButton(toolTip=tip)
        button.setAccessibleName(name)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setMenu(QMenu(button))
        return button

    def _fit(self) -> None:
        """Both buttons on one line where the library is wide enough for their words, else
        one above the other: never a word cut off."""
        layout = self.layout()
        if layout is None:
            return
        needed = self.filter_button.sizeHint().width() + self.sort_button.sizeHint().width() + layout.spacing()
        direction = QBoxLayout.Direction.LeftToRight if needed <= self.width() else QBoxLayout.Direction.TopToBottom
        if layout.direction() != direction:
            layout.setDirection(direction)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def set_summaries(self, summaries: list[ArticleSummary]) -> None:
        self.summaries = summaries

    def choose(self, **changes) -> None:
        """Set filters or the sort (also what the menus do)."""
        self.filter = replace(self.filter, **changes)
        self._show()
        self.changed.emit(self.filter)

    def _show(self) -> None:
        described = self.filter.describe()
        self.filter_button.setText(f"Filter: {described}" if described else "Filter: all")
        self.filter_button.setAccessibleDescription(self.filter_button.text())
        # Short, for a narrow library: the menu and the accessible description say it whole.
        self.sort_button.setText("↓ Published" if self.filter.sort == "publish" else "↓ Changed")
        self.sort_button.setAccessibleDescription(f"Sorted by {SORTS[self.filter.sort].lower()}, latest first")
        self._fit()

    def _fill_filters(self) -> None:
        menu = self.filter_button.menu()
        menu.clear()
        counted = counts(self.summaries, self.filter)
        for facet, title in TITLES.items():
            sub = menu.addMenu(title)
            group = QActionGroup(sub)
            present = (set(counted[facet]) | {getattr(self.filter, facet)}) - {""}
            if facet == "status":
                values = [str(s) for s in Status if str(s) in present]
            else:
                values = sorted(present, key=str.casefold)
            for chosen, label in [("", "All")] + [(v, v.capitalize() if facet == "status" else v) for v in values]:
                number = counted[facet][chosen]
                action = sub.addAction(f"{label.replace('&', '&&')} ({number})")
                action.setCheckable(True)
                action.setChecked(getattr(self.filter, facet) == chosen)
                action.setActionGroup(group)
                action.triggered.connect(lambda _on=False, facet=facet, chosen=chosen: self.choose(**{facet: chosen}))
        for flag, label in (("embargoed", "Under &embargo"), ("conflicted", "With &conflicts")):
            action = menu.addAction(f"{label} ({counted[flag][True]})")
            action.setCheckable(True)
            action.setChecked(getattr(self.filter, flag))
            action.triggered.connect(lambda on, flag=flag: self.choose(**{flag: on}))
        menu.addSeparator()
        clear = menu.addAction("&Clear filters")
        clear.setEnabled(self.filter.active)
        clear.triggered.connect(lambda: self.choose(status="", desk="", assignee="", embargoed=False, conflicted=False))

    def _fill_sorts(self) -> None:
        menu = self.sort_button.menu()
        menu.clear()
        group = QActionGroup(menu)
        for key, label in SORTS.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(self.filter.sort == key)
            action.setActionGroup(group)
            action.triggered.connect(lambda _on=False, key=key: self.choose(sort=key))
