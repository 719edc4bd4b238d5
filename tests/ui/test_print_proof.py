"""File → Print proof…: a real PDF of the page as published, read back with pdftotext."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_editor.core import house_style
from desktop_editor.core.model import Article
from desktop_editor.ui.publishing.print_proof import ProofPrinter, _write_sentence
from desktop_editor.workflows import attach_files
from tests.conftest import in_ci
from tests.images import photo

HEADLINE = "Navy ships gather in the Baltic"
BODY = "Forty ships from fourteen nations met off the coast.\n\n![](image:ocean)\n\nThe exercise ends on Friday.\n\n![](image:deck)\n"


def pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        if in_ci():
            pytest.fail("pdftotext is not installed (tools/install-system-deps installs poppler-utils)")
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    return found


@pytest.fixture
def story(store, tmp_path) -> Article:
    article = store.create_article(Article(headline=HEADLINE, standfirst="An annual exercise.", byline="A Reporter", body=BODY))
    for name, caption, credit, size in (
        ("ocean", "HMS Ocean during BALTOPS 2015 in the Baltic Sea.", "Crown Copyright", (1200, 800)),
        ("deck", "Sailors on the flight deck.", "Swedish Armed Forces", (800, 1200)),
    ):
        path = tmp_path / f"{name}.jpg"
        path.write_bytes(photo(*size, caption=caption, credit=credit, alt=f"The {name} photo"))
        attach_files(store, article.id, [path])
    assert {figure.handle for figure in store.figures(article.id)} == {"ocean", "deck"}
    return store.get_article(article.id)


def test_the_proof_is_a_pdf_of_the_published_page_with_captions_and_credits(qtbot, store, story, tmp_path):
    reader = pdftotext()
    proofs = ProofPrinter(store, house_style.load_lenient)
    said = []
    proofs.progress.connect(said.append)
    target = tmp_path / "navy-ships.pdf"
    with qtbot.waitSignal(proofs.finished, timeout=90000) as done:
        assert proofs.save_pdf(story, target)
    assert done.args == [f"Proof saved to {target}"]
    assert said[0] == "Preparing the proof…" and "Printing the proof…" in said
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    text = " ".join(subprocess.run([reader, str(target), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert HEADLINE in text and "An annual exercise." in text
    assert "HMS Ocean during BALTOPS 2015 in the Baltic Sea (Picture: Crown Copyright)." in text
    assert "Sailors on the flight deck (Picture: Swedish Armed Forces)." in text
    qtbot.waitUntil(lambda: not proofs.is_running(), timeout=5000)
    pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    if pages:
        assert "A4" in pages
    # Every page says its number and how many there are, at its foot.
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert count >= 2
    for number in range(1, count + 1):
        page = subprocess.run([reader, "-f", str(number), "-l", str(number), str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert page.strip().splitlines()[-1].strip() == f"Page {number} of {count}", page[-200:]


def test_an_unwritable_folder_is_one_sentence_and_nothing_is_left(qtbot, store, story, tmp_path):
    if os.geteuid() == 0:
        folder = Path("/sys")  # even root cannot create files there
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    proofs = ProofPrinter(store, house_style.load_lenient)
    with qtbot.waitSignal(proofs.failed, timeout=90000) as failed:
        proofs.save_pdf(story, folder / "proof.pdf")
    assert failed.args == [f"The proof could not be saved: {folder} is not writable."]
    assert not (folder / "proof.pdf").exists()
    with qtbot.waitSignal(proofs.failed, timeout=5000) as missing:
        proofs.save_pdf(story, tmp_path / "no-such-folder" / "proof.pdf")
    assert missing.args == [f"The proof could not be saved: the folder {tmp_path / 'no-such-folder'} does not exist."]


def test_a_full_disk_is_named():
    error = OSError(errno.ENOSPC, "No space left on device")
    assert _write_sentence(error, Path("/media/usb/proof.pdf")) == "The disk holding /media/usb is full: the proof was not saved."


def test_file_menu_print_proof_and_print_in_the_window(qtbot, store, story, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop_editor.ui.app import build_window

    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.actions.print_proof in file_menu.actions() and window.actions.print_page in file_menu.actions()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, suggested, kinds: asked.append(suggested) or (str(tmp_path / "proof"), ""))
    window.actions.print_proof.trigger()
    assert asked and asked[0].endswith("/navy-ships-gather-in-the-baltic.pdf")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Proof saved to {tmp_path / 'proof.pdf'}", timeout=90000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer that writes a file
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert window.publishing.print_page(printer)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Proof sent to"), timeout=90000)
    # A printer gets the laid-out pages as pictures (no text to extract): the same two pages.
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Pages:           2" in info
    assert "Pages:           2" in subprocess.run(["pdfinfo", str(tmp_path / "proof.pdf")], capture_output=True, text=True).stdout
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    window.publishing.print_proof(str(tmp_path / "missing" / "proof.pdf"))
    assert warned == [f"The proof could not be saved: the folder {tmp_path / 'missing'} does not exist."]
    window.close()


def test_the_proof_of_a_corrected_story_ends_with_its_dated_correction(qtbot, store, story, tmp_path):
    from datetime import datetime

    reader = pdftotext()
    for state in ("subbing", "ready", "published"):
        store.change_status(story.id, state, "desk")
    note = "An earlier version of this story gave the wrong number of nations."
    corrected = store.change_status(story.id, "corrected", "Sam Sub", note)
    proofs = ProofPrinter(store, house_style.load_lenient)
    target = tmp_path / "corrected.pdf"
    with qtbot.waitSignal(proofs.finished, timeout=90000):
        assert proofs.save_pdf(corrected, target)
    text = " ".join(subprocess.run([reader, str(target), "-"], capture_output=True, text=True, check=True).stdout.split())
    today = datetime.now().astimezone()
    assert f"Correction, {today.day} {today:%B %Y}: {note}" in text
    qtbot.waitUntil(lambda: not proofs.is_running(), timeout=5000)
