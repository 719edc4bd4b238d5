"""The Qt binding itself must be sound: the app emits thousands of signals a session."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(object)


def test_emitting_signals_does_not_corrupt_python_reference_counts():
    # PySide6 6.12.0 dropped a reference to True on every emit, crashing a session after a
    # few hundred signals; pyproject.toml pins a version without that bug.
    emitter = Emitter()
    received = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for number in range(2000):
        emitter.changed.emit(number)
    assert (sys.getrefcount(True), sys.getrefcount(None)) == before
    assert len(received) == 2000
