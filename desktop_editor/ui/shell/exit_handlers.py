"""Every way out saves first: SIGTERM, SIGHUP, SIGINT and the desktop's logout request.

Python runs signal handlers only between bytecodes of the main thread, which sits inside
Qt's event loop; the wakeup descriptor writes the signal to a pipe that a QSocketNotifier
watches, so the event loop itself wakes up and handles it.
"""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def save_and_quit_on_signals(app: QApplication, window) -> None:
    receiver, sender = os.pipe()
    os.set_blocking(receiver, False)
    os.set_blocking(sender, False)
    signal.set_wakeup_fd(sender, warn_on_full_buffer=False)
    for number in EXIT_SIGNALS:
        signal.signal(number, lambda *_args: None)  # the wakeup byte does the work
    notifier = QSocketNotifier(receiver, QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            received = os.read(receiver, 64)
        except BlockingIOError:
            return
        if any(byte in EXIT_SIGNALS for byte in received):
            window.quit_saving()

    notifier.activated.connect(woken)
    # Kept alive with the application: the notifier must outlive this function.
    app._exit_signal_pipe = (receiver, sender, notifier)  # noqa: SLF001
    # Logging out: the session manager asks every application to store its data first.
    app.commitDataRequest.connect(lambda _manager: window.document.flush(ask=False))
