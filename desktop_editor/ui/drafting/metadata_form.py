"""The article's fields: kicker, dateline, headline, standfirst, byline, slug, tags, status,
target, language, and the desk's (desk, assignee, embargo, publish time: desk_fields).

The status list offers only the moves the desk's workflow allows from the article's state
(core.workflow, widened by the house style), beside the state itself; choosing one reports
it as status, which the open article makes as a move (editing.moves)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_editor.core import corrections, workflow
from desktop_editor.core.model import Article, Status
from desktop_editor.core.text import slug_as_typed, slugify
from desktop_editor.core.typography import smarten
from desktop_editor.ui.common.spelling_fields import SpellCheckedLineEdit
from desktop_editor.ui.common.spelling_layer import check_plain_text
from desktop_editor.ui.common.whole_lines import show_whole_lines
from desktop_editor.ui.drafting.desk_fields import DeskFields


class StandfirstEdit(QPlainTextEdit):
    """A short multi-line field that grows with its text up to a few lines."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        show_whole_lines(self, 3)


class MetadataForm(QWidget):
    changed = Signal(dict)  # field name -> new value, as the person types

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headline = SpellCheckedLineEdit(placeholderText="Headline")
        self.kicker = QLineEdit(placeholderText="label above the headline, e.g. Analysis")
        self.dateline = QLineEdit(placeholderText="place filed from, e.g. Brussels")
        self.standfirst = StandfirstEdit()
        self.standfirst.setPlaceholderText("Standfirst: the summary under the headline")
        self.byline = QLineEdit(placeholderText="Reporter's name")
        self.slug = QLineEdit()
        self.slug_auto = QCheckBox("from headline")
        self.slug_auto.setToolTip("Make the slug from the headline until you edit it by hand")
        self.tags = QLineEdit(placeholderText="comma, separated, tags")
        # The state, with a menu of the moves allowed from it: a move is chosen deliberately,
        # never made by an arrow key passing over it.
        self.status = QPushButton()
        self.status.setMenu(QMenu(self.status))
        # The house style's moves may have changed in Preferences since the menu was made.
        self.status.menu().aboutToShow.connect(lambda: self._offer_moves(self._state))
        self._state = Status.DRAFT
        self.status.setToolTip("The story's state; its menu offers the moves the desk's workflow allows from it")
        self._offered: tuple = ()
        self.workflow_table = lambda: workflow.DEFAULT  # the table in force (app.py gives the house style's)
        self.desk_fields = DeskFields()
        self.word_target = QSpinBox(minimum=0, maximum=100_000, singleStep=50, specialValueText="none")
        self.language = QLineEdit()
        self.language.setMaximumWidth(90)
        self.language.setMinimumWidth(self.language.fontMetrics().horizontalAdvance("en-GB-x") + 16)
        self.word_target.setSuffix(" words")
        for widget, name in (
            (self.headline, "Headline"), (self.standfirst, "Standfirst"), (self.byline, "Byline"),
            (self.kicker, "Kicker"), (self.dateline, "Dateline"),
            (self.slug, "Slug"), (self.tags, "Tags"), (self.status, "Status"),
            (self.word_target, "Word target"), (self.language, "Language"),
        ):  # fmt: skip
            widget.setAccessibleName(name)
        slug_row = QHBoxLayout()
        slug_row.addWidget(self.slug)
        slug_row.addWidget(self.slug_auto)
        small_row = _labelled_row(self.status, "Ta&rget", self.word_target)
        tags_row = _labelled_row(self.tags, "Lan&guage", self.language)
        layout = QFormLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kicker_label = QLabel("&Kicker")
        kicker_label.setBuddy(self.kicker)
        layout.addRow(kicker_label, _labelled_row(self.kicker, "Dateli&ne", self.dateline))
        layout.addRow("&Headline", self.headline)
        layout.addRow("Stand&first", self.standfirst)
        layout.addRow("&Byline", self.byline)
        slug_label = QLabel("S&lug")
        slug_label.setBuddy(self.slug)  # a label beside a row of widgets needs its buddy named
        layout.addRow(slug_label, slug_row)
        tags_label = QLabel("&Tags")
        tags_label.setBuddy(self.tags)
        layout.addRow(tags_label, tags_row)
        status_label = QLabel("St&atus")
        status_label.setBuddy(self.status)
        layout.addRow(status_label, small_row)
        desk_label = QLabel("&Desk")
        desk_label.setBuddy(self.desk_fields.desk)
        layout.addRow(desk_label, self.desk_fields)
        self._loading = False
        self._typesetting = False
        self._shown_id: int | None = None
        # Curly quotes and en dashes as they are typed (one undo step takes a mark back).
        self.headline.textEdited.connect(lambda _text: self._emit(headline=_typeset_line(self.headline)))
        self.standfirst.textChanged.connect(self._standfirst_changed)
        self.byline.textEdited.connect(lambda text: self._emit(byline=text))
        self.kicker.textEdited.connect(lambda _text: self._emit(kicker=_typeset_line(self.kicker)))
        self.dateline.textEdited.connect(lambda text: self._emit(dateline=text))
        self.slug.textEdited.connect(self._slug_edited)
        self.slug.editingFinished.connect(self._slug_left)
        self.slug_auto.toggled.connect(lambda on: self._emit(slug_locked=not on))
        self.tags.textEdited.connect(lambda text: self._emit(tags=self._tags(text)))
        self.desk_fields.changed.connect(lambda changes: self._emit(**changes))
        self.word_target.valueChanged.connect(lambda value: self._emit(word_target=value or None))
        self.language.textEdited.connect(lambda text: self._emit(language=text.strip() or "en-GB"))

    def set_spelling(self, service) -> None:
        """Underline misspelt words in the headline and standfirst (ui.common.spelling_layer)."""
        self.headline.set_spelling(service)
        self._standfirst_spelling = check_plain_text(self.standfirst, service)

    def _standfirst_changed(self) -> None:
        if not self._loading and not self._typesetting:
            self._typesetting = True
            try:
                _typeset_block(self.standfirst)
            finally:
                self._typesetting = False
        self._emit(standfirst=self.standfirst.toPlainText())

    @staticmethod
    def _tags(text: str) -> tuple[str, ...]:
        return tuple(tag.strip() for tag in text.split(",") if tag.strip())

    def _slug_edited(self, text: str) -> None:
        """The slug as it is typed: lower case, a hyphen for a space or mark (kept at the
        end while typing, tidied when the field is left); what is saved is the tidy slug."""
        shown = slug_as_typed(text)
        if shown != text:
            position = len(slug_as_typed(text[:self.slug.cursorPosition()]))
            self.slug.setText(shown)
            self.slug.setCursorPosition(position)
        self.slug_auto.blockSignals(True)
        self.slug_auto.setChecked(False)
        self.slug_auto.blockSignals(False)
        self._emit(slug=slugify(text), slug_locked=True)

    def _slug_left(self) -> None:
        tidy = slugify(self.slug.text())
        if tidy and tidy != self.slug.text():
            self.slug.setText(tidy)

    def _emit(self, **changes) -> None:
        if not self._loading:
            self.changed.emit(changes)

    def show_article(self, article: Article) -> None:
        """Fill the form without reporting the values as edits."""
        self._loading = True
        try:
            _set_line(self.headline, article.headline)
            if self.standfirst.toPlainText() != article.standfirst:
                self.standfirst.setPlainText(article.standfirst)
            _set_line(self.byline, article.byline)
            _set_line(self.kicker, article.kicker)
            _set_line(self.dateline, article.dateline)
            if slugify(self.slug.text()) != article.slug:  # "trump-" being typed is "trump"
                _set_line(self.slug, article.slug)
            self.slug_auto.setChecked(not article.slug_locked)
            if self._tags(self.tags.text()) != tuple(article.tags):
                self.tags.setText(", ".join(article.tags))
            self._offer_moves(article.status)
            self.desk_fields.show_article(article)
            self.word_target.setValue(article.word_target or 0)
            _set_line(self.language, article.language)
            if article.id != self._shown_id:  # another article: each field from its start
                self._shown_id = article.id
                for line in (self.kicker, self.dateline, self.headline, self.byline, self.slug, self.tags, self.language):
                    line.setCursorPosition(0)
                self.standfirst.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False


    def _offer_moves(self, state: Status) -> None:
        """The state, then the moves the table allows from it (a correction is not one: it
        has its own text to give)."""
        self._state = state
        allowed = self.workflow_table().allowed(state)  # reads the house style: once
        moves = tuple(m for m in allowed if m not in workflow.CORRECTION_STATES)
        if self._offered != (state, moves):
            self._offered = (state, moves)
            menu = self.status.menu()
            menu.clear()
            for target in moves:
                action = menu.addAction(f"Move to {target.capitalize()}")
                action.setData(target)
                action.triggered.connect(lambda _checked=False, target=target: self._emit(status=target))
            if workflow.CORRECTED in allowed:
                menu.addSeparator()
                for kind in corrections.KINDS:
                    action = menu.addAction(f"Add {'an' if kind[0] in 'aeiou' else 'a'} {kind}…")
                    action.triggered.connect(lambda _checked=False, kind=kind: self._ask_correction(kind))
            self.status.setText(str(state).capitalize())
            self.status.setEnabled(bool(moves))
            self.status.setToolTip(
                f"{str(state).capitalize()}: it can move to {workflow.listed(moves, 'or')}" if moves
                else f"A {state} story makes no more moves"
            )  # fmt: skip


    def _ask_correction(self, kind: str) -> None:
        """The note's text, asked for (the person chose to add one); made as a move with it."""
        from PySide6.QtWidgets import QInputDialog

        label = corrections.LABELS[kind]
        text, ok = QInputDialog.getMultiLineText(
            self, label, f"{label}, as the page will say it (what was wrong and what is right):"
        )  # fmt: skip
        if ok and text.strip():
            self._emit(status=corrections.CORRECTION_MOVES[kind], note=corrections.checked_text(kind, text[: corrections.MAX_TEXT]))


def _typeset_line(edit: QLineEdit) -> str:
    """Give what was just typed or pasted its typographic marks (each one a character for
    a character, so the cursor stays put); the text as it now stands."""
    text = edit.text()
    for start, mark in _marks(text):
        position = edit.cursorPosition()
        edit.blockSignals(True)
        edit.setSelection(start, 1)
        edit.insert(mark)
        edit.setCursorPosition(position)
        edit.blockSignals(False)
    return edit.text()


def _typeset_block(edit: QPlainTextEdit) -> None:
    if edit.textCursor().hasSelection():
        return
    marks = _marks(edit.toPlainText())
    if marks:
        replace = QTextCursor(edit.document())
        replace.beginEditBlock()
        for start, mark in marks:
            replace.setPosition(start)
            replace.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
            replace.insertText(mark)
        replace.endEditBlock()


def _marks(text: str) -> list[tuple[int, str]]:
    """(position, mark) of each character house punctuation changes."""
    return [(index, new) for index, (old, new) in enumerate(zip(text, smarten(text))) if old != new]


def _labelled_row(first: QWidget, text: str, second: QWidget) -> QHBoxLayout:
    """Two fields on one line, the second with its own label (and mnemonic)."""
    row = QHBoxLayout()
    row.addWidget(first, 1)
    row.addSpacing(6)
    label = QLabel(text)
    label.setBuddy(second)
    row.addWidget(label)
    row.addWidget(second)
    return row


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        position = edit.cursorPosition()
        edit.setText(text)
        edit.setCursorPosition(min(position, len(text)))
