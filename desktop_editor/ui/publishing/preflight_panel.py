"""The preflight list: what a subeditor would reject, each finding a click away from its place.

The dialog only shows findings and reports which one the person chose; the window's
publishing glue moves the cursor or the focus there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.preflight import Finding, Severity
from desktop_editor.ui.common.tones import set_tone

FINDING_ROLE = Qt.ItemDataRole.UserRole


def severity_icon(severity: Severity) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


def summary_text(findings: Sequence[Finding]) -> str:
    """'2 errors block export · 3 warnings', or 'Ready to export' (with its warnings)."""
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    warnings = len(findings) - errors
    warning_text = f"{warnings} warning{'s' if warnings != 1 else ''}"
    if errors:
        head = "1 error blocks export" if errors == 1 else f"{errors} errors block export"
        return f"{head} · {warning_text}" if warnings else head
    return f"Ready to export · {warning_text}" if warnings else "Ready to export"


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width.

    QTreeView asks the delegate for a size without telling it the column width, so long
    messages would be cut short with an ellipsis.
    """

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        view = self.parent()
        wrapped = QStyleOptionViewItem(option)
        self.initStyleOption(wrapped, index)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        wrapped.rect = QRect(0, 0, view.columnWidth(index.column()), 1)
        style = view.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, wrapped, QSize(), view) + QSize(0, 6)


class FindingList(QTreeWidget):
    """Findings with a severity icon, where and what; a click or Enter activates one."""

    finding_activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Where", "What"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Findings")
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.setColumnWidth(0, 220)
        self.setItemDelegate(WrappingDelegate(self))
        header.sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.clear()
        for finding in findings:
            item = QTreeWidgetItem([finding.location, finding.message])
            item.setIcon(0, severity_icon(finding.severity))
            item.setData(0, FINDING_ROLE, finding)
            item.setToolTip(1, finding.message)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{finding.severity}: {finding.location}")
            self.addTopLevelItem(item)
        if findings:
            self.setCurrentItem(self.topLevelItem(0))

    def findings(self) -> list[Finding]:
        return [self.topLevelItem(row).data(0, FINDING_ROLE) for row in range(self.topLevelItemCount())]

    def activate(self, row: int) -> None:
        """Activate the finding in row, as a click does."""
        self._activated(self.topLevelItem(row))

    def _activated(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        if item is not None:
            self.finding_activated.emit(item.data(0, FINDING_ROLE))


class PreflightDialog(QDialog):
    """A non-modal list of findings that stays open beside the window while they are fixed."""

    finding_activated = Signal(object)  # Finding
    recheck_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Check article")
        self.setModal(False)
        self.resize(720, 380)
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = FindingList()
        self.hint = QLabel("Click a finding to go to it.")
        set_tone(self.hint, "muted")
        self.recheck_button = QPushButton("&Re-check")
        self.export_button = QPushButton("&Export…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.recheck_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.list.finding_activated.connect(self.finding_activated)
        self.recheck_button.clicked.connect(self.recheck_requested)
        self.export_button.clicked.connect(self.export_requested)
        self._findings: list[Finding] = []
        self.summary.setText("Checking the article…")  # until the first findings are in
        self.export_button.setEnabled(False)

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self._findings = list(findings)
        blocked = any(finding.severity is Severity.ERROR for finding in findings)
        self.summary.setText(f"<b>{summary_text(findings)}</b>")
        set_tone(self.summary, "error" if blocked else "ok")
        self.list.show_findings(findings)
        self.list.setVisible(bool(findings))
        self.hint.setText("Click a finding to go to it." if findings else "Nothing a subeditor would reject.")
        self.export_button.setEnabled(not blocked)
