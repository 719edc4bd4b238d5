"""Preflight and export from the window.

The dialogs report what the person chose; the export controller checks and exports; this
glue asks the questions that need a message box (replace what is there?) and moves the
cursor or the focus to the place a finding is about.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QTextEdit, QWidget

from desktop_editor.core.export import ExportFormat, article_slug
from desktop_editor.core.preflight import Finding
from desktop_editor.core.text import counted
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common.layout import keep_clear_of
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.publishing.export_controller import ExportController
from desktop_editor.ui.publishing.export_dialog import ExportDialog, default_destination
from desktop_editor.ui.publishing.preflight_panel import PreflightDialog

def focused_place(window: QWidget) -> QRect | None:
    """Where the window's keyboard is, on screen: the cursor's line across a text's width,
    else the whole field."""
    widget = window.focusWidget()
    if widget is None:
        return None
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        line, viewport = widget.cursorRect(), widget.viewport()
        return QRect(viewport.mapToGlobal(QPoint(0, line.top())), QSize(viewport.width(), line.height()))
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _shown_file(path: Path) -> Path:
    """What "Open when done" opens: a folder export's page, else the file or folder."""
    page = path / "index.html"
    return page if page.is_file() else path


class Publishing:
    def __init__(
        self, document: OpenArticle, settings: AppSettings, go_to: Callable[[Finding], None],
        *, dialog_parent: QWidget, status: Callable[..., None],
    ):  # fmt: skip
        """go_to(finding): put the cursor or the focus where a finding is about;
        status(sentence[, milliseconds]): a line in the status bar."""
        self.document = document
        self.settings = settings
        self.go_to = go_to
        self.dialog_parent = dialog_parent
        self.status = status
        self.controller = ExportController(document, settings, dialog_parent)
        self.preflight_dialog: PreflightDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self._open_when_done = False
        self._proofs = None
        document.article_loaded.connect(self._article_loaded)
        c = self.controller
        c.started.connect(self._started)
        c.progress.connect(lambda done, total: self.export_dialog and self.export_dialog.show_progress(done, total))
        c.finished.connect(self._finished)
        c.failed.connect(lambda sentence: self._ended(sentence, ok=False))
        c.cancelled.connect(lambda sentence: self._ended(sentence, ok=False))
        c.refused.connect(self._refused)

    # Preflight ---------------------------------------------------------------------------

    def show_preflight(self) -> PreflightDialog:
        if self.preflight_dialog is None:
            dialog = PreflightDialog(self.dialog_parent)
            dialog.finding_activated.connect(lambda finding: self._go_to(finding, dialog))
            dialog.recheck_requested.connect(self.recheck)
            dialog.export_requested.connect(self.show_export)
            self.preflight_dialog = dialog
        self.recheck()
        self.preflight_dialog.show()
        self.preflight_dialog.raise_()
        self.preflight_dialog.activateWindow()
        return self.preflight_dialog

    def _go_to(self, finding: Finding, dialog: QWidget) -> None:
        """Go where the finding is about, and move the dialog off that place."""
        self.go_to(finding)
        place = focused_place(self.dialog_parent)
        if place is not None and dialog.isVisible():
            keep_clear_of(dialog, place)

    def recheck(self) -> None:
        """Check the open article again; the open dialogs show the findings when they are in."""
        self.controller.check(self._show_findings)

    def _show_findings(self, findings: list[Finding]) -> None:
        if self.preflight_dialog is not None:
            self.preflight_dialog.show_findings(findings)
        if self.export_dialog is not None and not self.export_dialog.is_running():
            self.export_dialog.show_findings(findings)

    def _article_loaded(self, _article) -> None:
        if self.preflight_dialog is not None and self.preflight_dialog.isVisible():
            self.recheck()
        if self.export_dialog is not None and not self.export_dialog.is_running():
            self.export_dialog.close()  # it was about the article that was open before

    # Export ------------------------------------------------------------------------------

    def show_export(self) -> ExportDialog | None:
        if self.document.article is None:
            return None
        if self.export_dialog is not None and self.export_dialog.is_running():
            self.export_dialog.show()
            self.export_dialog.raise_()
            return self.export_dialog
        if self.export_dialog is not None:
            format = self.export_dialog.request().format
            self.export_dialog.deleteLater()
        else:
            format = ExportFormat(self.settings.export_format)  # the preferred one
        slug = article_slug(self.document.current_fields())
        dialog = ExportDialog(default_destination(slug, self.settings.export_folder), format, self.dialog_parent)
        dialog.export_requested.connect(self.export)
        dialog.cancel_requested.connect(self.controller.cancel)
        dialog.finding_activated.connect(lambda finding: self._go_to(finding, dialog))
        self.export_dialog = dialog
        self.recheck()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def export(self) -> bool:
        """Export as the dialog says, asking first before an earlier export is replaced;
        anything else in the way is refused with a sentence, without asking."""
        dialog = self.export_dialog
        request = dialog.request()
        force = False
        if self.controller.target_exists(request.destination, request.format):
            refusal = self.controller.replace_refusal(request.destination, request.format)
            if refusal is not None:  # not an earlier export: never offered for replacing
                self._ended(refusal, ok=False)
                return False
            target = self.controller.target(request.destination, request.format)
            answer = QMessageBox.question(
                dialog, "Replace?", f"{target} already exists. Replace it with this export?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            force = True
        self._open_when_done = request.open_when_done
        self.settings.export_folder = str(Path(request.destination).expanduser().parent)
        return self.controller.start(request.destination, request.format, force=force)

    def _started(self, target: Path) -> None:
        if self.export_dialog is not None:
            self.export_dialog.set_running(True)
        self.status(f"Exporting to {target}…")

    def _finished(self, path: Path) -> None:
        self._ended(f"Exported to {path}", ok=True)
        if self._open_when_done:
            self.open_result(path)

    def _ended(self, sentence: str, ok: bool) -> None:
        if self.export_dialog is not None:
            self.export_dialog.show_result(sentence, ok)
        self.status(sentence, 8000)

    def _refused(self, errors: list[Finding]) -> None:
        self.recheck()
        self.status(f"Not exported: {counted(len(errors), 'error')} to fix first.", 8000)

    def open_result(self, path: Path) -> None:
        """Show the export: the page of a folder export, else the file or folder itself; when
        nothing can, say so with the path."""
        from desktop_editor.ui.publishing.open_export import open_export

        shown = _shown_file(path)
        sentence = f"Exported to {path}. No browser or file manager could open it: open {shown} yourself."
        open_export(shown, lambda: self._ended(sentence, ok=True), self.dialog_parent)

    # Proofs -------------------------------------------------------------------------------

    @property
    def proofs(self):
        """The proof printer, made when first asked for (it loads Qt WebEngine's printing)."""
        if self._proofs is None:
            from desktop_editor.ui.publishing.print_proof import ProofPrinter

            self._proofs = ProofPrinter(self.document.store, self.settings.house_style, self.dialog_parent)
            self._proofs.progress.connect(self.status)
            self._proofs.finished.connect(lambda sentence: self.status(sentence, 8000))
            self._proofs.failed.connect(self._proof_failed)
        return self._proofs

    def print_proof(self, target: str | None = None) -> bool:
        """File → Print proof…: a PDF of the page as published, where the person chooses
        (target: that file, without asking)."""
        article = self.controller.article()
        if article is None:
            return False
        if target is None:
            from PySide6.QtWidgets import QFileDialog

            suggested = default_destination(article_slug(article), self.settings.export_folder) + ".pdf"
            target, _ = QFileDialog.getSaveFileName(self.dialog_parent, "Save the proof as PDF", suggested, "PDF (*.pdf)")
            if not target:
                return False
        path = Path(target).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self.proofs.save_pdf(article, path)

    def print_page(self, printer=None) -> bool:
        """File → Print…: the page as published, on a printer the person chooses."""
        article = self.controller.article()
        if article is None:
            return False
        try:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        except ImportError:
            self._proof_failed("Printing is not available in this installation; use File → Print proof… for a PDF.")
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self.dialog_parent)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        return self.proofs.print_to(article, printer)

    def _proof_failed(self, sentence: str) -> None:
        self.status(sentence, 10000)
        QMessageBox.warning(self.dialog_parent, "No proof", sentence)

    def shutdown(self) -> None:
        """Stop a running export and wait for it (the window is closing)."""
        self.controller.cancel()
        self.controller.wait()
