"""File → Print proof…: the page as it will be published, on paper or in a PDF.

The proof is the export itself: the article is exported as a folder (the same page,
stylesheet, renditions, captions and credits) into a temporary folder on a worker thread,
its sheets numbered ("Page 2 of 3" at each foot, a rule the proof alone adds),
laid out by an offscreen Qt WebEngine page that may read only that folder, and printed
with printToPdf (the stylesheet's @media print rules apply). The PDF's bytes are written
beside the chosen file and renamed over it, on a worker thread too; a real printer gets the
page through QWebEngineView.print. No widgets are shown; progress and the outcome come back
by signal as sentences. Qt WebEngine and Qt Print Support are imported when first used.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QUrl, Signal

from desktop_editor.core.model import Article
from desktop_editor.ui.common.workers import Task

PRINT_WIDTHS = (1600,)  # one rendition per photo, sharp enough for a printed column
# The proof's own addition to the published page: each sheet numbered at its foot.
PROOF_PAGES = (
    "@page { @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); "
    "font: 9pt sans-serif; color: #444; } }"
)


def _render_proof(store, article: Article, folder: Path, settings, task: Task) -> Path:
    """Export the article as a folder into folder/page; the page's index.html."""
    from desktop_editor.core.export import ExportFormat, export_article
    from desktop_editor.workflows import corrections_of

    figures = store.figures(article.id)
    destination = folder / "page"
    export_article(
        article, figures, store.image_bytes, destination, ExportFormat.FOLDER, settings=settings,
        progress=task.report_progress, cancelled=task.is_cancelled, corrections=corrections_of(store, article),
    )  # fmt: skip
    index = destination / "index.html"
    page = index.read_text(encoding="utf-8")
    index.write_text(page.replace("</head>", f"<style>{PROOF_PAGES}</style>\n</head>", 1), encoding="utf-8")
    return index


def write_atomically(data: bytes, target: Path) -> Path:
    """data into target, written beside it under another name and renamed over it, so a
    failure leaves no half-written file; raises ProofError with one sentence."""
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open(temporary, "xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except OSError as error:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        raise ProofError(_write_sentence(error, target)) from None
    return target


def _write_sentence(error: OSError, target: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk holding {target.parent} is full: the proof was not saved."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"The proof could not be saved: {target.parent} is not writable."
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"The proof could not be saved: the folder {target.parent} does not exist."
    return f"The proof could not be saved to {target} ({error.strerror or error})."


class ProofError(Exception):
    """str() is one sentence for the person."""


class ProofPrinter(QObject):
    """Makes one proof at a time: to a PDF file (save_pdf) or to a printer (print_to)."""

    progress = Signal(str)  # what is happening, for the status bar
    finished = Signal(str)  # a sentence: where the proof went
    failed = Signal(str)  # a sentence: why there is no proof

    def __init__(self, store, house_style, parent: QObject | None = None):
        """house_style: a callable giving the current house style (credits as published)."""
        super().__init__(parent)
        self.store = store
        self._house_style = house_style
        self._folder: tempfile.TemporaryDirectory | None = None
        self._task: Task | None = None
        self._page = None
        self._view = None
        self._profile = None
        self._deliver = None

    def is_running(self) -> bool:
        return self._folder is not None

    def save_pdf(self, article: Article, target: Path) -> bool:
        """Lay the article out as published and save it as a PDF at target."""
        target = Path(target).expanduser().absolute()
        if not target.parent.is_dir():
            self.failed.emit(f"The proof could not be saved: the folder {target.parent} does not exist.")
            return False
        return self._start(article, lambda: self._print_pdf(target))

    def print_to(self, article: Article, printer) -> bool:
        """Lay the article out as published and send it to printer (a QPrinter)."""
        return self._start(article, lambda: self._print_on(printer))

    # The steps ------------------------------------------------------------------------------

    def _start(self, article: Article, deliver) -> bool:
        if self.is_running():
            self.failed.emit("A proof is already being made; wait for it to finish.")
            return False
        from desktop_editor.core.export import ExportSettings

        self._folder = tempfile.TemporaryDirectory(prefix="desktop-editor-proof-")
        self._deliver = deliver
        settings = ExportSettings.from_house_style(self._house_style(), widths=PRINT_WIDTHS)
        task = Task(_render_proof, self.store, article, Path(self._folder.name), settings, pass_task=True)
        task.signals.progress.connect(lambda done, total: self.progress.emit(f"Preparing the proof: photo {min(done + 1, total)} of {total}…"))
        task.signals.finished.connect(self._load)
        task.signals.failed.connect(lambda error: self._fail(_failure_sentence(error)))
        self._task = task
        self.progress.emit("Preparing the proof…")
        task.start(QThreadPool.globalInstance())
        return True

    def _load(self, index: Path) -> None:
        from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings

        from desktop_editor.ui.drafting.web_engine import prepare_web_engine

        prepare_web_engine()  # as the preview has it, whichever is made first

        self._task = None
        self.progress.emit("Laying out the proof…")
        self._profile = QWebEngineProfile(self)  # off the record: nothing kept on disk
        self._profile.setUrlRequestInterceptor(_FolderOnly(Path(index).parent, self._profile))
        self._page = QWebEnginePage(self._profile, self)
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self._page.loadFinished.connect(self._loaded)
        self._page.load(QUrl.fromLocalFile(str(index)))

    def _loaded(self, ok: bool) -> None:
        if not ok:
            self._fail("The proof page could not be laid out.")
            return
        self.progress.emit("Printing the proof…")
        self._deliver()

    def _print_pdf(self, target: Path) -> None:
        def written(data) -> None:
            data = bytes(data)
            if not data:
                self._fail("The proof could not be printed to PDF.")
                return
            task = Task(write_atomically, data, target)
            task.signals.finished.connect(lambda path: self._done(f"Proof saved to {path}"))
            task.signals.failed.connect(lambda error: self._fail(_failure_sentence(error)))
            task.start(QThreadPool.globalInstance())

        self._page.printToPdf(written, _page_layout())

    def _print_on(self, printer) -> None:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        self._view = QWebEngineView()
        self._view.setPage(self._page)
        self._view.printFinished.connect(
            lambda ok: self._done(f"Proof sent to {printer.printerName() or printer.outputFileName() or 'the printer'}")
            if ok else self._fail("The printer did not take the proof.")
        )  # fmt: skip
        self._view.print(printer)

    def _done(self, sentence: str) -> None:
        self._release()
        self.finished.emit(sentence)

    def _fail(self, sentence: str) -> None:
        self._release()
        self.failed.emit(sentence)

    def _release(self) -> None:
        """Drop the view, the page, then the profile (a profile must outlive its pages; later,
        as this may run inside one of their signals), and the temporary folder."""
        import shiboken6

        for item in (self._view, self._page, self._profile):
            if item is not None and shiboken6.isValid(item):
                item.deleteLater()
        self._view = self._page = self._profile = None
        self._task = None
        if self._folder is not None:
            folder, self._folder = self._folder, None
            shutil.rmtree(folder.name, ignore_errors=True)
            folder.cleanup()

    def wait(self) -> None:
        QThreadPool.globalInstance().waitForDone()


def _page_layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter)


def _failure_sentence(error: BaseException) -> str:
    from desktop_editor.core.export import ExportError

    if isinstance(error, ProofError | ExportError):
        return str(error)
    if isinstance(error, OSError):
        return _write_sentence(error, Path(error.filename or "."))
    return f"The proof could not be made: {error}."


def _FolderOnly(folder: Path, parent: QObject):  # noqa: N802 (a class made when first used)
    """An interceptor letting the page read its own folder and data: URLs, nothing else."""
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor

    class FolderOnly(QWebEngineUrlRequestInterceptor):
        def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
            url = info.requestUrl()
            if url.scheme() == "data":
                return
            if url.isLocalFile() and Path(url.toLocalFile()).resolve().is_relative_to(folder.resolve()):
                return
            info.block(True)

    return FolderOnly(parent)
