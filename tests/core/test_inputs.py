"""Files a person gives the app are read only when they are regular files, and never past
the limit of their kind: a pipe, a device or a folder is named for what it is, at once."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from desktop_editor.core.bundle import BundleError, read_bundle
from desktop_editor.core.images import ImageRejected, ingest_file
from desktop_editor.core.inputs import UnreadableFile, read_file
from desktop_editor.core.word import read_word


def pipe(folder: Path, name: str) -> Path:
    os.mkfifo(folder / name)
    return folder / name


def zero(folder: Path, name: str) -> Path:
    (folder / name).symlink_to("/dev/zero")
    return folder / name


def directory(folder: Path, name: str) -> Path:
    (folder / name).mkdir()
    return folder / name


def unix_socket(folder: Path, name: str) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / name))
    return folder / name


KINDS = [(pipe, "is a pipe, not a file"), (zero, "is a device, not a file"),
         (directory, "is a directory, not a file"), (unix_socket, "is a socket, not a file")]  # fmt: skip


@pytest.mark.parametrize("make, said", KINDS)
def test_every_reader_names_what_is_not_a_file_without_waiting(tmp_path, make, said):
    started = time.monotonic()
    with pytest.raises(ImageRejected, match=f"^photo.jpg was refused: it {said}.$"):
        ingest_file(make(tmp_path, "photo.jpg"))
    with pytest.raises(BundleError, match=f"story.md {said}.$"):
        read_bundle(make(tmp_path, "story.md"))
    with pytest.raises(BundleError, match=f"story.docx {said}.$"):
        read_word(make(tmp_path, "story.docx"))
    assert time.monotonic() - started < 2


def test_a_bundle_naming_a_device_as_its_picture_says_so(tmp_path):
    zero(tmp_path, "bridge.jpg")
    (tmp_path / "story.md").write_text("---\nheadline: x\nimages:\n  - handle: bridge\n    file: bridge.jpg\n---\nText.\n")
    with pytest.raises(BundleError, match="the file bridge.jpg is a device, not a file"):
        read_bundle(tmp_path / "story.md")


def test_sizes_are_checked_before_reading(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as file:
        file.truncate(50 << 20)  # sparse: 50 MB that cost nothing to make
    with pytest.raises(BundleError, match=r"big.md is 50 MB, more than the 4 MB a Markdown article may be.$"):
        read_bundle(big)
    os.rename(big, tmp_path / "big.jpg")
    with open(tmp_path / "big.jpg", "r+b") as file:
        file.truncate(300 << 20)
    with pytest.raises(ImageRejected, match=r"it is 300 MB, more than the 200 MB a photo may be.$"):
        ingest_file(tmp_path / "big.jpg")
    with pytest.raises(UnreadableFile, match="is 2 KB, more than the 1 KB a note may be"):
        (tmp_path / "note").write_bytes(b"x" * 2048)
        read_file(tmp_path / "note", 1024, "a note")


def test_the_picture_desk_import_refuses_a_pipe_and_takes_the_rest(tmp_path):
    """What the window's picture desk runs for dialogs, drops and pastes."""
    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store
    from desktop_editor.workflows import attach_files
    from tests.images import photo

    (tmp_path / "good.jpg").write_bytes(photo(320, 200))
    with Store(str(tmp_path / "store.sqlite")) as store:
        article = store.create_article(Article(headline="Pictures"))
        added, refused = attach_files(store, article.id, [pipe(tmp_path, "fifo.jpg"), tmp_path / "good.jpg"])
    assert [figure.handle for figure in added] == ["good"]
    assert refused == ["fifo.jpg was refused: it is a pipe, not a file."]
