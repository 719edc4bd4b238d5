"""The Export dialog: format, destination, progress and the preflight findings that matter.

It only collects what the person chose and shows what the controller reports: the window's
publishing glue starts, cancels and asks about replacing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.export import ExportFormat
from desktop_editor.core.preflight import Finding, Severity
from desktop_editor.ui.common.tones import set_tone
from desktop_editor.ui.publishing.preflight_panel import FindingList, summary_text

FORMATS = (
    (ExportFormat.FOLDER, "&Folder", "index.html and web-sized images"),
    (ExportFormat.ZIP, "&Zip archive", "the same files in one .zip"),
    (ExportFormat.SINGLE, "&Single HTML file", "one page with the images inside it"),
    (ExportFormat.MARKDOWN, "&Markdown bundle", "article.md and the original photos, to import again"),
    (ExportFormat.NINJS, "&IPTC ninjs", "ninjs.json and web-sized images, for a CMS or a wire"),
)
FILE_SUFFIXES = {ExportFormat.ZIP: ".zip", ExportFormat.SINGLE: ".html"}
FILE_FILTERS = {ExportFormat.ZIP: "Zip archive (*.zip)", ExportFormat.SINGLE: "HTML page (*.html *.htm)"}


@dataclass(frozen=True)
class ExportRequest:
    format: ExportFormat
    destination: Path
    open_when_done: bool


def destination_for(base: str | Path, format: ExportFormat) -> str:
    """base with the file suffix the format wants (none for the folder formats)."""
    path = Path(base)
    if path.suffix.lower() in (".zip", ".html", ".htm"):
        path = path.with_suffix("")
    return str(path) + FILE_SUFFIXES.get(ExportFormat(format), "")


def default_destination(slug: str, last_folder: str | None = None) -> str:
    """<slug> in the folder the last export went to, else in ~/Documents (or ~)."""
    home = Path.home()
    if last_folder and Path(last_folder).is_dir():
        folder = Path(last_folder)
    else:
        folder = home / "Documents" if (home / "Documents").is_dir() else home
    return str(folder / (slug or "article"))


class ExportDialog(QDialog):
    export_requested = Signal()  # read request() for what was chosen
    cancel_requested = Signal()  # the person wants a running export stopped
    finding_activated = Signal(object)  # Finding

    def __init__(self, destination: str, format: ExportFormat = ExportFormat.FOLDER, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export article")
        self.setModal(False)
        self.resize(720, 0)
        self._running = False
        self._blocked = False
        self.findings_summary = QLabel()
        self.findings_summary.setWordWrap(True)
        self.findings = FindingList()
        self.findings.setMinimumHeight(120)
        self.findings.setMaximumHeight(220)
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        formats = QVBoxLayout()
        formats.setSpacing(2)
        for value, label, description in FORMATS:
            button = QRadioButton(f"{label}: {description}")
            button.setAccessibleName(label.replace("&", ""))
            self.format_group.addButton(button)
            self.format_buttons[value] = button
            formats.addWidget(button)
        self.format_buttons[ExportFormat(format)].setChecked(True)
        self._format = ExportFormat(format)
        self.destination = QLineEdit(destination_for(destination, self._format))
        self.destination.setAccessibleName("Destination")
        self.browse_button = QPushButton("&Browse…")
        self.open_when_done = QCheckBox("&Open when done")
        self.open_when_done.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.close_button = QPushButton("Close")
        self._build(formats)
        self.format_group.buttonToggled.connect(self._format_toggled)
        self.browse_button.clicked.connect(self.browse)
        self.destination.textChanged.connect(lambda _text: self._update_buttons())
        self.export_button.clicked.connect(self._export_clicked)
        self.close_button.clicked.connect(self.reject)
        self.findings.finding_activated.connect(self.finding_activated)
        self.show_checking()

    def _build(self, formats: QVBoxLayout) -> None:
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Format", formats)
        label = QLabel("&Destination")
        label.setBuddy(self.destination)
        form.addRow(label, where)
        form.addRow("", self.open_when_done)
        buttons = QDialogButtonBox()
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.findings_summary)
        layout.addWidget(self.findings)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)

    # What was chosen -----------------------------------------------------------------------

    def request(self) -> ExportRequest:
        return ExportRequest(self._format, Path(self.destination.text().strip()).expanduser(), self.open_when_done.isChecked())

    def set_format(self, format: ExportFormat) -> None:
        self.format_buttons[ExportFormat(format)].setChecked(True)

    def _format_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        self._format = next(value for value, b in self.format_buttons.items() if b is button)
        if self.destination.text().strip():
            self.destination.setText(destination_for(self.destination.text().strip(), self._format))

    def browse(self) -> None:
        current = self.destination.text().strip()
        if self._format in FILE_SUFFIXES:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export to", current, FILE_FILTERS[self._format],
                options=QFileDialog.Option.DontConfirmOverwrite,  # the window asks before replacing
            )  # fmt: skip
            if path:
                self.destination.setText(destination_for(path, self._format))
        else:
            name = Path(current).name if current else "article"
            start = str(Path(current).parent) if current else str(Path.home())
            folder = QFileDialog.getExistingDirectory(self, "Export into the folder", start)
            if folder:
                self.destination.setText(str(Path(folder) / name))

    def _export_clicked(self) -> None:
        if not self._running and not self._blocked and self.destination.text().strip():
            self.export_requested.emit()

    # What the controller reports -------------------------------------------------------------

    def show_checking(self) -> None:
        """Until the check's findings are in, nothing can be exported."""
        self._blocked = True
        set_tone(self.findings_summary, None)
        self.findings_summary.setText("Checking the article…")
        self.findings.setVisible(False)
        self._update_buttons()

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Errors refuse the export; warnings are listed and allowed."""
        errors = [finding for finding in findings if finding.severity is Severity.ERROR]
        self._blocked = bool(errors)
        if errors:
            text = f"<b>{summary_text(findings)}.</b> Fix them first: click one to go to it."
            set_tone(self.findings_summary, "error")
        elif findings:
            text = f"<b>{summary_text(findings)}.</b> These do not block the export."
            set_tone(self.findings_summary, "warning")
        else:
            text = "<b>Ready to export.</b> Preflight found nothing to fix."
            set_tone(self.findings_summary, "ok")
        self.findings_summary.setText(text)
        self.findings.show_findings(findings)
        self.findings.setVisible(bool(findings))
        self._update_buttons()

    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self.progress.setRange(0, 0)  # busy until the first report
            self.progress.show()
            self.status.hide()
        self.close_button.setText("Cancel export" if running else "Close")
        self.close_button.setEnabled(True)
        for widget in (*self.format_buttons.values(), self.destination, self.browse_button, self.open_when_done):
            widget.setEnabled(not running)
        self._update_buttons()

    def is_running(self) -> bool:
        return self._running

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def show_result(self, sentence: str, ok: bool) -> None:
        self.set_running(False)
        self.progress.setVisible(ok)
        if ok:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        self.status.setText(sentence)
        set_tone(self.status, "ok" if ok else "error")
        self.status.show()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(not self._running and not self._blocked and bool(self.destination.text().strip()))

    def reject(self) -> None:
        """Escape or Cancel while exporting stops the export; the dialog stays to say so."""
        if self._running:
            self.cancel_requested.emit()
            self.close_button.setEnabled(False)
            self.status.setText("Cancelling…")
            set_tone(self.status, None)
            self.status.show()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._running:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
