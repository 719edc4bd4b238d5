"""The window's picture worker: thumbnails and preview images made in a process of their own."""

from __future__ import annotations

import sys
import time

import pytest

from desktop_editor.core import picture_worker
from desktop_editor.core.images import ImageRejected, display_bytes, thumbnail_bytes
from desktop_editor.core.picture_worker import PictureWorker, PictureWorkerError
from tests.images import photo


@pytest.fixture
def worker():
    worker = PictureWorker(idle_seconds=0.5)
    yield worker
    worker.close()


def test_the_worker_makes_the_same_pictures_as_the_window_would(worker):
    original = photo(2400, 1600, orientation=6)
    assert worker.run("thumbnail", original, 160) == thumbnail_bytes(original, 160)
    assert worker.run("display", original, 720) == display_bytes(original, 720)[0]


def test_a_file_that_is_no_picture_is_refused_with_the_same_sentence(worker):
    with pytest.raises(ImageRejected) as expected:
        display_bytes(b"<html>not a photo</html>", 720)
    with pytest.raises(PictureWorkerError) as refused:
        worker.run("display", b"<html>not a photo</html>", 720)
    assert str(refused.value) == str(expected.value)
    assert worker.run("thumbnail", photo(), 160).startswith(b"\xff\xd8")  # and it carries on


def test_the_worker_ends_when_idle_and_starts_again_when_asked(worker):
    worker.run("thumbnail", photo(), 160)
    assert worker.running
    deadline = time.monotonic() + 10
    while worker.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not worker.running  # nothing of Pillow stays in anyone's memory
    assert worker.run("thumbnail", photo(), 160).startswith(b"\xff\xd8")


def test_a_decoder_that_crashes_costs_one_sentence_not_the_window(worker, monkeypatch):
    # A worker that dies mid-request, as a codec crashing on a malformed file would.
    crashing = [sys.executable, "-c", "import os, signal, sys; sys.stdin.buffer.read(8); os.kill(os.getpid(), signal.SIGSEGV)"]
    monkeypatch.setattr(picture_worker, "command", lambda: crashing)
    with pytest.raises(PictureWorkerError, match="its decoder stopped"):
        worker.run("thumbnail", photo(), 160)
    monkeypatch.undo()
    assert worker.run("thumbnail", photo(), 160).startswith(b"\xff\xd8")  # a new worker takes over
