"""Opening an export when it is done, and saying so when nothing could open it.

Qt reports a page handed to xdg-open as opened as soon as xdg-open starts, even when it then
finds no browser or file manager (a minimal desktop, a server session): there, xdg-open is
run here instead and its answer awaited for a few seconds, on a thread of its own, so that
its failure can be said. A browser it starts belongs to the desktop session, not to us.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

ANSWER_WITHIN_S = 5.0  # xdg-open fails at once; one that works opens and returns, or keeps running


class _Reply(QObject):
    failed = Signal()


def open_export(path: Path, failed: Callable[[], None], parent: QObject) -> None:
    """Open path with the desktop's program for it; failed() on the UI thread when nothing
    could (no display, no program)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        failed()
        return
    opener = shutil.which("xdg-open") if sys.platform.startswith(("linux", "freebsd", "openbsd")) else None
    if opener is None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            failed()
        return
    reply = _Reply(parent)
    reply.failed.connect(failed)
    reply.failed.connect(reply.deleteLater)

    def wait() -> None:
        try:
            process = subprocess.Popen(
                [opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            code = process.wait(ANSWER_WITHIN_S)
        except subprocess.TimeoutExpired:
            return  # still showing it: a browser or file manager took it
        except OSError:
            code = -1
        if code != 0:
            reply.failed.emit()

    threading.Thread(target=wait, name="open-export", daemon=True).start()
