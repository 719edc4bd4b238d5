"""Preflight and export of the open article. No widgets here.

Preflight runs on the thread pool after the text is saved (it reads every photo), and so does
export, with progress and cancel; the result, a refusal or the failure comes back by
signal as one sentence the window can show. Questions (replace an existing destination?)
are the window's to ask: it passes force=True when the person agreed, and only an earlier
export of this app is ever replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop_editor.core.export import ExportCancelled, ExportError, ExportFormat, ExportSettings, output_path
from desktop_editor.core.model import Article
from desktop_editor.core.preflight import Finding, PreflightSettings
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.common.workers import Task, in_background

CANCELLED_SENTENCE = "Export cancelled; nothing was written."
CHECKING = object()  # in place of the export's task while its check runs


def _export(store, article: Article, destination: Path, format: ExportFormat, force: bool, settings, findings, task: Task) -> Path:
    from desktop_editor.workflows import publish

    return publish(
        store, article, destination, format, force=force, settings=settings, findings=findings,
        progress=task.report_progress, cancelled=task.is_cancelled,
    )[0]  # fmt: skip


class ExportController(QObject):
    started = Signal(object)  # Path the export will write
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # Path written
    failed = Signal(str)  # a sentence
    cancelled = Signal(str)  # a sentence
    refused = Signal(list)  # the findings that block export

    def __init__(self, document: OpenArticle, settings: AppSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.settings = settings
        self.pool = QThreadPool.globalInstance()
        self._task: Task | object | None = None  # the export running, or CHECKING
        self._cancel_wanted = False  # cancelled while the export's check ran

    # Preflight ---------------------------------------------------------------------------

    def article(self) -> Article | None:
        """The open article as it is now, saved first so the checks see the current text."""
        if self.document.article is None:
            return None
        self.document.flush()
        return self.document.current_fields()

    def check(self, then: Callable[[list[Finding]], None]) -> None:
        """then(everything a subeditor would reject in the open article, errors first), read
        on a worker; nothing follows when another article has been opened meanwhile."""
        from desktop_editor.workflows import preflight_article

        article = self.article()
        if article is None:
            then([])
            return
        settings = PreflightSettings(
            credit_required=self.settings.credit_required, credit_format=self.settings.credit_format
        )

        def checked(findings: list[Finding]) -> None:
            if self.document.article is not None and self.document.article.id == article.id:
                then(findings)
            elif self._task is CHECKING:
                self._task = None
                self.failed.emit("Another article was opened, so the export was not started.")

        def failed(error: Exception) -> None:
            self._task = None
            self.failed.emit(f"The article could not be checked ({error}).")

        store = self.store
        in_background(lambda: preflight_article(store, article, settings), checked, failed, self.pool)

    # Export ------------------------------------------------------------------------------

    def target(self, destination: str | Path, format: ExportFormat | str) -> Path | None:
        """The path an export to destination would write (a file inside a chosen folder)."""
        article = self.document.current_fields() if self.document.article else None
        if article is None or not str(destination).strip():
            return None
        return output_path(article, Path(destination).expanduser(), ExportFormat(format))

    def target_exists(self, destination: str | Path, format: ExportFormat | str) -> bool:
        target = self.target(destination, format)
        return target is not None and (target.exists() or target.is_symlink())

    def replace_refusal(self, destination: str | Path, format: ExportFormat | str) -> str | None:
        """Why what is at the target may not be replaced (it is not an earlier export of
        this app), as a sentence; None when it may be, or when nothing is there."""
        from desktop_editor.core.export_marks import replace_refusal

        target = self.target(destination, format)
        return None if target is None else replace_refusal(target, ExportFormat(format).value)

    def start(self, destination: str | Path, format: ExportFormat | str, force: bool = False) -> bool:
        """Check, then export, each on a worker; False when nothing was started (the signals
        say why). After the check, refused (the errors that block it) or started follows."""
        if self._task is not None:
            self.failed.emit("An export is already running; wait for it or cancel it.")
            return False
        if not str(destination).strip():
            self.failed.emit("Choose where to export the article.")
            return False
        if self.document.article is None:
            self.failed.emit("There is no article to export.")
            return False
        self._task, self._cancel_wanted = CHECKING, False
        self.check(lambda findings: self._checked(findings, Path(destination).expanduser(), ExportFormat(format), force))
        return True

    def _checked(self, findings: list[Finding], destination: Path, format: ExportFormat, force: bool) -> None:
        from desktop_editor.workflows import blocking

        self._task = None
        if self._cancel_wanted:
            self._cancel_wanted = False
            self.cancelled.emit(CANCELLED_SENTENCE)
            return
        errors = blocking(findings)
        if errors:
            self.refused.emit(errors)
            return
        if self.document.is_modified():
            self.failed.emit("Your latest changes could not be saved, so the export was not started.")
            return
        article = self.document.current_fields()
        settings = ExportSettings.from_house_style(self.settings.house_style())
        task = Task(_export, self.store, article, destination, format, force, settings, findings, pass_task=True)
        task.signals.progress.connect(self.progress)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self._task = task
        self.started.emit(output_path(article, destination, format))
        task.start(self.pool)

    def cancel(self) -> None:
        if self._task is CHECKING:
            self._cancel_wanted = True  # said once the check is in; nothing is exported
        elif self._task is not None:
            self._task.cancel()

    def is_running(self) -> bool:
        return self._task is not None

    def wait(self) -> None:
        """Block until a running export is over (its result is delivered later by signal)."""
        self.pool.waitForDone()

    def _finished(self, path: Path) -> None:
        self._task = None
        self.finished.emit(Path(path))

    def _failed(self, error: Exception) -> None:
        self._task = None
        if isinstance(error, ExportCancelled):
            self.cancelled.emit(CANCELLED_SENTENCE)
        elif isinstance(error, ExportError):
            self.failed.emit(str(error))
        else:
            self.failed.emit(f"The export failed: {error}")
