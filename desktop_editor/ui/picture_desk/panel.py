"""The image panel: thumbnails in article order and the selected photo's text fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.model import HANDLE_PATTERN, Figure
from desktop_editor.ui.picture_desk.thumbnails import HANDLE_ROLE, ThumbnailList
from desktop_editor.ui.picture_desk.warning_line import PhotoWarningLine
from desktop_editor.ui.common.whole_lines import show_whole_lines
from desktop_editor.ui.common.layout import PHOTOS_EMPTY_MIN, PHOTOS_FULL_MIN
from desktop_editor.ui.common.drops import FileDropTarget
from desktop_editor.ui.common.tones import set_tone

ALT_TEXT_LIMIT = 250
IMAGE_FILTER = "Photos (*.jpg *.jpeg *.png *.webp *.gif *.tif *.tiff *.heic *.heif *.avif);;All files (*)"
EMPTY_WIDTH, FULL_WIDTH = PHOTOS_EMPTY_MIN, PHOTOS_FULL_MIN  # its minimum without and with photos
TEXT_FIELDS = (
    ("caption", "Caption"),
    ("credit", "Credit"),
    ("creator", "Creator"),
    ("copyright", "Copyright"),
    ("alt", "Alt text"),
    ("extended_description", "Extended description"),
)


class ImagePanel(FileDropTarget, QWidget):
    add_requested = Signal()
    files_dropped = Signal(list)
    insert_requested = Signal(str)
    replace_requested = Signal(str)
    remove_requested = Signal(str)
    field_edited = Signal(str, str, str)  # handle, field, value
    rename_requested = Signal(str, str)  # old handle, new handle
    lead_toggled = Signal(str, bool)
    order_changed = Signal(list)
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.thumbnails = ThumbnailList()
        self.add_button = QPushButton("Add photos…")
        self.empty_hint = QLabel("Drop photos here or on the text.", wordWrap=True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)
        self.insert_button = QPushButton("Insert at cursor")
        self.progress = QProgressBar()
        self.progress.setFormat("Adding photos: %v of %m")
        self.cancel_button = QPushButton("Cancel")
        self.progress.hide()
        self.cancel_button.hide()
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("background:#fff4e5;color:#6b3a00;padding:6px;border:1px solid #e0a050;")
        self.warning.hide()
        self.photo_warnings = PhotoWarningLine()  # what ingest noticed about the picture itself
        self._asset_warnings: dict[str, list[str]] = {}  # sha256 -> the stored warnings
        self.handle = QLineEdit()
        self.handle.setAccessibleName("Handle")
        self.handle.setToolTip("Lowercase letters, digits and hyphens; the text refers to the photo as ![](image:HANDLE)")
        self.size_label = QLabel()
        self.fields: dict[str, QPlainTextEdit | QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            widget = QPlainTextEdit() if name in ("caption", "alt", "extended_description") else QLineEdit()
            widget.setAccessibleName(label)
            if isinstance(widget, QPlainTextEdit):
                widget.setTabChangesFocus(True)
                show_whole_lines(widget, 3 if name != "extended_description" else 2)
            self.fields[name] = widget
        self.alt_counter = QLabel()
        self.lead = QCheckBox("Lead image")
        self.lead.setToolTip("The lead image sits under the standfirst")
        self.replace_button = QPushButton("Replace file…")
        self.remove_button = QPushButton("Remove")
        self._build()
        self._current: Figure | None = None
        self._loading = False
        self._connect()
        self.show_figures([], None)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.insert_button)
        self.add_button.setMinimumWidth(0)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Handle", self.handle)
        form.addRow("", self.size_label)
        for name, label in TEXT_FIELDS:
            if name == "extended_description":  # the long label above its field, so the
                form.addRow(QLabel(label))  # label column stays narrow in a narrow panel
                form.addRow(self.fields[name])
                continue
            form.addRow(label, self.fields[name])
            if name == "alt":
                form.addRow("", self.alt_counter)
        form.addRow("", self.lead)
        actions = QHBoxLayout()
        actions.addWidget(self.replace_button)
        actions.addWidget(self.remove_button)
        form.addRow(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>Photos</b>"))
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(self.thumbnails, 1)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.photo_warnings)
        layout.addWidget(self.details)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.thumbnails.files_dropped.connect(self.files_dropped)
        self.thumbnails.order_changed.connect(self.order_changed)
        self.thumbnails.currentItemChanged.connect(lambda item, _old: self._select(item))
        self.insert_button.clicked.connect(lambda: self._current and self.insert_requested.emit(self._current.handle))
        self.replace_button.clicked.connect(lambda: self._current and self.replace_requested.emit(self._current.handle))
        self.remove_button.clicked.connect(lambda: self._current and self.remove_requested.emit(self._current.handle))
        self.lead.toggled.connect(lambda on: not self._loading and self._current and self.lead_toggled.emit(self._current.handle, on))
        self.handle.editingFinished.connect(self._handle_edited)
        for name, widget in self.fields.items():
            signal = widget.textChanged
            signal.connect(lambda *_args, name=name: self._field_changed(name))

    def set_spelling(self, service) -> None:
        """Underline misspelt words in the caption, alt text and extended description."""
        from desktop_editor.ui.common.spelling_layer import check_plain_text

        self._spelling = [
            check_plain_text(self.fields[name], service) for name in ("caption", "alt", "extended_description")
        ]

    def focus_target(self) -> QWidget:
        """Where the keyboard lands when someone moves to this panel (F6)."""
        return self.thumbnails if self.thumbnails.isVisibleTo(self) else self.add_button

    # Files dropped anywhere on the panel ----------------------------------------------------

    def files_dropped_here(self, files: list[str], event) -> None:
        self.files_dropped.emit(files)

    # Showing ---------------------------------------------------------------------------------

    def show_figures(self, figures: list[Figure], lead: str | None) -> None:
        selected = self._current.handle if self._current else None
        self._lead = lead
        self._figures = {f.handle: f for f in figures}
        if [f.handle for f in figures] == self.thumbnails.handles():
            # The same photos in the same order (a lead toggled, a caption edited): the
            # items stay where they are, so nothing moves under the pointer.
            for row, figure in enumerate(figures):
                self._label_item(self.thumbnails.item(row), figure)
        else:
            self._rebuild(figures)
        empty = not figures
        self.thumbnails.setVisible(not empty)
        self.details.setVisible(not empty)
        self.empty_hint.setVisible(empty)
        self.insert_button.setVisible(not empty)
        self.setMinimumWidth(EMPTY_WIDTH if empty else FULL_WIDTH)
        if selected in self._figures:
            self.select(selected)
        elif figures:
            self.select(figures[0].handle)
        else:
            self._select(None)

    def _rebuild(self, figures: list[Figure]) -> None:
        scrolled = self.thumbnails.verticalScrollBar().value()
        self.thumbnails.blockSignals(True)
        existing = {self.thumbnails.item(r).data(HANDLE_ROLE): self.thumbnails.item(r).icon() for r in range(self.thumbnails.count())}
        self.thumbnails.clear()
        for figure in figures:
            item = QListWidgetItem(existing.get(figure.handle, QIcon()), "")
            item.setData(HANDLE_ROLE, figure.handle)
            self._label_item(item, figure)
            self.thumbnails.addItem(item)
        self.thumbnails.blockSignals(False)
        self.thumbnails.verticalScrollBar().setValue(scrolled)

    def _label_item(self, item: QListWidgetItem, figure: Figure) -> None:
        text = figure.handle + (" ★" if figure.handle == self._lead else "")
        if item.text() != text:
            item.setText(text)
        item.setData(Qt.ItemDataRole.UserRole + 1, figure.image_sha256)
        item.setToolTip(figure.caption or figure.handle)

    def figure_edited(self, figure: Figure) -> None:
        """A photo's text changed (typed here, or in the store): what selecting it shows."""
        if figure.handle not in self._figures:
            return
        self._figures[figure.handle] = figure
        if self._current is not None and self._current.handle == figure.handle:
            self._current = figure
        for row in range(self.thumbnails.count()):
            item = self.thumbnails.item(row)
            if item.data(HANDLE_ROLE) == figure.handle:
                item.setToolTip(figure.caption or figure.handle)

    def set_photo_warnings(self, sha256: str, warnings: list[str]) -> None:
        """The stored warnings of a photo's picture (they arrive with its thumbnail)."""
        self._asset_warnings[sha256] = list(warnings)
        self._update_photo_warnings()

    def _update_photo_warnings(self) -> None:
        current = self._current
        self.photo_warnings.show_warnings(self._asset_warnings.get(current.image_sha256, []) if current else [])

    def set_thumbnail(self, sha256: str, data: bytes) -> None:
        pixmap = QPixmap()
        # Thumbnails are JPEG, or PNG where the picture has transparency: named, Qt loads
        # only that reader instead of trying its image plugins one by one.
        pixmap.loadFromData(data, "PNG" if data.startswith(b"\x89PNG") else "JPEG")
        for row in range(self.thumbnails.count()):
            item = self.thumbnails.item(row)
            if item.data(Qt.ItemDataRole.UserRole + 1) == sha256:
                item.setIcon(QIcon(pixmap))
        # Laid out again with the picture's size: a row laid out before its thumbnails came
        # would otherwise stand a few pixels off the rows after it.
        self.thumbnails.scheduleDelayedItemsLayout()

    def unknown_warnings(self) -> list[str]:
        """Photos whose picture's warnings have not arrived yet."""
        return [f.image_sha256 for f in self._figures.values() if f.image_sha256 not in self._asset_warnings]

    def missing_thumbnails(self) -> list[str]:
        return [
            self.thumbnails.item(r).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(self.thumbnails.count())
            if self.thumbnails.item(r).icon().isNull()
        ]

    def select(self, handle: str) -> None:
        for row in range(self.thumbnails.count()):
            if self.thumbnails.item(row).data(HANDLE_ROLE) == handle:
                if self.thumbnails.currentRow() != row:
                    self.thumbnails.setCurrentRow(row)
                self.thumbnails.scrollToItem(self.thumbnails.item(row))  # a photo just added, say
                self._select(self.thumbnails.item(row))
                return

    def _select(self, item: QListWidgetItem | None) -> None:
        figure = self._figures.get(item.data(HANDLE_ROLE)) if item is not None else None
        self._current = figure
        self.details.setEnabled(figure is not None)
        self._loading = True
        try:
            self.handle.setText(figure.handle if figure else "")
            self.size_label.setText(f"{figure.width} × {figure.height} px {figure.format}" if figure else "")
            for name, widget in self.fields.items():
                value = getattr(figure, name) if figure else ""
                text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
                if text != value and isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                elif text != value:
                    widget.setText(value)
                    widget.setCursorPosition(0)  # show the start of a long credit or copyright
                source = figure.sources.get(name) if figure else None
                widget.setToolTip(f"from {source}" if source else "")
            self.lead.setChecked(bool(figure) and figure.handle == self._lead)
            self._update_alt_counter()
            self._update_warning()
            self._update_photo_warnings()
        finally:
            self._loading = False

    def _update_alt_counter(self) -> None:
        length = len(self.fields["alt"].toPlainText())
        over = length > ALT_TEXT_LIMIT
        self.alt_counter.setText(f"{length} characters" + (f": over {ALT_TEXT_LIMIT}, keep alt text short" if over else ""))
        set_tone(self.alt_counter, "warning" if over else "muted")
        font = self.alt_counter.font()
        font.setBold(over)
        self.alt_counter.setFont(font)

    def _update_warning(self) -> None:
        sentence = None
        if self._current is not None and self._current.instructions:
            from desktop_editor.core.metadata import instructions_warning  # not at start-up

            sentence = instructions_warning(self._current.instructions)
        self.warning.setText(f"⚠ {sentence}\nInstructions: {self._current.instructions}" if sentence else "")
        self.warning.setVisible(bool(sentence))

    # Edits -----------------------------------------------------------------------------------

    def _field_changed(self, name: str) -> None:
        if name == "alt":
            self._update_alt_counter()
        if self._loading or self._current is None:
            return
        widget = self.fields[name]
        value = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        widget.setToolTip("")  # typed by a person now
        self.field_edited.emit(self._current.handle, name, value)

    def _handle_edited(self) -> None:
        if self._current is None:
            return
        new = self.handle.text().strip()
        if new == self._current.handle:
            return
        if not HANDLE_PATTERN.match(new):
            self.handle.setText(self._current.handle)
            self.handle.setToolTip("Use lowercase letters, digits and hyphens.")
            return
        self.rename_requested.emit(self._current.handle, new)

    def show_progress(self, done: int, total: int) -> None:
        busy = done < total
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
