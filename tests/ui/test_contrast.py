"""Every text the window shows reaches WCAG AA contrast (4.5:1, 3:1 for large text) against
what it is drawn on, in the light and the dark theme: read from the palette and style sheet
colours the widgets actually end up with, not from a list of intended colours."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStyleFactory, QWidget

from desktop_editor.core.model import Article
from desktop_editor.core.preflight import Severity
from desktop_editor.ui.app import build_window
from desktop_editor.workflows import attach_files
from tests.images import photo
from tests.ui.showing import open_shown

# The palette GTK's dark Adwaita gives Qt (what the window follows on a dark desktop).
ADWAITA_DARK = {
    QPalette.ColorRole.Window: "#323232", QPalette.ColorRole.WindowText: "#eeeeec",
    QPalette.ColorRole.Base: "#2d2d2d", QPalette.ColorRole.AlternateBase: "#343434",
    QPalette.ColorRole.Text: "#eeeeec", QPalette.ColorRole.Button: "#373737",
    QPalette.ColorRole.ButtonText: "#eeeeec", QPalette.ColorRole.Highlight: "#15539e",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#919190",
    QPalette.ColorRole.ToolTipBase: "#262626", QPalette.ColorRole.ToolTipText: "#ffffff",
}  # fmt: skip


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def background(widget: QWidget) -> QColor:
    """The colour behind the widget: the nearest widget up the tree that fills its own."""
    current = widget.parentWidget()
    while current is not None and not (current.autoFillBackground() or current.isWindow()):
        current = current.parentWidget()
    owner = current or widget
    return owner.palette().color(owner.backgroundRole())


def is_large(label: QLabel) -> bool:
    font = label.font()
    return font.pointSizeF() >= 18 or (font.bold() and font.pointSizeF() >= 14)


def shown_labels(*roots: QWidget) -> list[QLabel]:
    return [label for root in roots for label in root.findChildren(QLabel)
            if label.isVisible() and label.isEnabled() and label.text().strip()]  # fmt: skip


@pytest.fixture
def theme(qapp):
    original_palette, original_style = qapp.palette(), qapp.style().name()

    def use(dark: bool) -> None:
        qapp.setStyle(QStyleFactory.create("Fusion"))
        palette = qapp.style().standardPalette()
        if dark:
            for role, colour in ADWAITA_DARK.items():
                palette.setColor(role, QColor(colour))
        qapp.setPalette(palette)

    yield use
    qapp.setStyle(QStyleFactory.create(original_style))
    qapp.setPalette(original_palette)


def window_with_a_photo(qtbot, store, tmp_path, dark: bool, start: bool = False):
    """A window at 1366x768 in the theme on an article placing one photo (no credit, no alt
    text); start: with the live preview too."""
    article = store.create_article(Article(headline="Bridge", standfirst="At last.", body="Text.\n\n![](image:bridge)\n"))
    (tmp_path / "bridge.jpg").write_bytes(photo(320, 200))
    attach_files(store, article.id, [tmp_path / "bridge.jpg"])
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start() if start else window.show()
    qtbot.waitExposed(window)
    window.view.set_dark(dark)
    return window


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_in_the_window_and_the_check_reaches_aa_contrast(qtbot, store, tmp_path, theme, dark):
    theme(dark)
    window = window_with_a_photo(qtbot, store, tmp_path, dark)  # no credit, no alt: findings
    qtbot.waitUntil(lambda: window.image_panel.alt_counter.isVisible(), timeout=10000)
    dialog = window.publishing.show_preflight()
    qtbot.waitUntil(lambda: "warning" in dialog.summary.text() or "error" in dialog.summary.text(), timeout=10000)
    try:
        labels = list(dict.fromkeys(shown_labels(window, dialog)))  # the dialog is the window's child
        texts = {label.text() for label in labels}
        assert window.image_panel.alt_counter in labels and dialog.hint in labels and dialog.summary in labels, texts
        assert_aa(labels)
    finally:
        dialog.close()
        window.publishing.shutdown()
        window.document.flush()
        window.close()


def assert_aa(labels: list[QLabel]) -> None:
    low = []
    for label in labels:
        label.ensurePolished()
        ratio = contrast(label.palette().color(label.foregroundRole()), background(label))
        if ratio < (3.0 if is_large(label) else 4.5):
            low.append(f"{label.text()!r}: {ratio:.1f}:1")
    assert not low, "below WCAG AA: " + "; ".join(low)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_in_the_export_dialog_reaches_aa_contrast(qtbot, store, tmp_path, theme, dark):
    """Its findings summary blocked, with warnings only, and clear; its result line after an
    export that worked and one that failed."""
    theme(dark)
    window = window_with_a_photo(qtbot, store, tmp_path, dark)  # no credit: an error blocks
    dialog = window.publishing.show_export()
    qtbot.waitUntil(lambda: "error" in dialog.findings_summary.text(), timeout=10000)
    try:
        seen = [dialog.findings_summary.text()]
        assert_aa(shown_labels(dialog))
        findings = [finding for finding in dialog.findings.findings()]
        warnings = [replace(finding, severity=Severity.WARNING) for finding in findings]
        for shown in (warnings, []):
            dialog.show_findings(shown)
            seen.append(dialog.findings_summary.text())
            assert_aa(shown_labels(dialog))
        for ok in (True, False):
            dialog.show_result(f"Exported to {tmp_path}" if ok else "The disk is full.", ok)
            seen.append(dialog.status.text())
            assert_aa(shown_labels(dialog))
        assert any("block" in text for text in seen) and any("do not block" in text for text in seen)
        assert any("Ready to export" in text for text in seen), seen
    finally:
        dialog.close()
        window.publishing.shutdown()
        window.document.flush()
        window.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_suggesters_words_reach_aa_contrast_in_the_editor(qtbot, store, new_window, theme, dark):
    from datetime import UTC, datetime

    from PySide6.QtGui import QTextCharFormat

    from desktop_editor.core import review

    theme(dark)
    names = [f"Sub {letter}" for letter in "ABCDEFG"]  # one name for each of the seven colours
    body, data = " ".join(f"word{n}" for n in range(len(names))), {}
    for n, name in enumerate(names):
        at = body.index(f"word{n}")
        body, data, _id = review.suggest(body, data, at, at + 5, f"term{n}", name, datetime(2026, 12, 7, tzinfo=UTC))
    article = store.create_article(Article(headline="Pool", body=body, review=data))
    window = new_window()
    window.show()
    open_shown(qtbot, window, article.id)
    window.view.set_dark(dark)
    window.editor.highlighter.rehighlight()
    ground = window.editor.palette().color(QPalette.ColorRole.Base)
    drawn = {}
    block = window.editor.document().firstBlock()
    for found in block.layout().formats():
        fmt = QTextCharFormat(found.format)
        if fmt.fontUnderline() or fmt.fontStrikeOut():
            drawn[block.text()[found.start : found.start + found.length]] = fmt.foreground().color()
    assert len({colour.name() for colour in drawn.values()}) == len(names), drawn
    for words, colour in drawn.items():
        assert contrast(colour, ground) >= 4.5, f"{words!r} in {colour.name()} on {ground.name()}"
