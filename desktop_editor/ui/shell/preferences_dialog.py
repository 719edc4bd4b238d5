"""Edit → Preferences: house style, publishing, spelling, and where the store is.

The dialog edits a Preferences (core.preferences) and returns the one chosen; it keeps
nothing itself. "Move store…" asks the owner (the move_store callable) to move the store
at once: that is a file operation, not a preference to keep on OK.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT, format_caption
from desktop_editor.core.preferences import (
    EXPORT_FORMAT_NAMES,
    EXPORT_FORMATS,
    FIELD_CHECKS,
    Preferences,
    account_name,
    coerce,
    holds_password,
    shortcuts_problem,
)
from desktop_editor.ui.common.tones import set_tone

SAMPLE_CAPTION = "HMS Ocean during BALTOPS 2015 in the Baltic Sea."
SAMPLE_CREDIT = "Crown Copyright"


SUGGESTING_CHOICES = (
    ("", "As each person chooses"), ("subbing", "On for stories in subbing and later"),
    ("legal", "On for stories in legal and later"), ("ready", "On for stories ready and later"),
)  # fmt: skip

class PreferencesDialog(QDialog):
    def __init__(
        self,
        preferences: Preferences,
        store_location: str = "",
        move_store: Callable[[], str | None] | None = None,
        parent=None,
    ):
        """store_location: the open store, as shown; move_store: moves it, returning where
        it now is (None when it was not moved)."""
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._preferences = preferences
        self._move_store = move_store
        # Who is editing
        self.user_name = QLineEdit(preferences.user_name)
        self.user_name.setAccessibleName("Your name")
        self.user_name.setPlaceholderText(account_name() or "Your name")
        self.user_name.setToolTip("The name your suggestions, comments, replies and workflow moves carry; empty: your account's name")
        # House style
        self.credit_format = QLineEdit(preferences.credit_format)
        self.credit_format.setAccessibleName("Credit format")
        self.credit_format.setToolTip("How a credit is written after the caption; {credit} is replaced by the photo's credit")
        self.credit_required = QCheckBox("A photo without a &credit blocks export")
        self.credit_required.setChecked(preferences.credit_required)
        self.workflow_shortcuts = _text_field(
            preferences.workflow_shortcuts, "Workflow shortcuts", "none, e.g. draft->ready",
            "Moves added to the desk's workflow, separated by commas, e.g. draft->ready for a small newsroom; "
            "every move is still recorded",
        )  # fmt: skip
        self.suggesting_from = QComboBox()
        self.suggesting_from.setAccessibleName("Suggesting mode by itself")
        self.suggesting_from.setToolTip("Open a story in this state or later and what you type is a suggestion, for every desk")
        for value, label in SUGGESTING_CHOICES:
            self.suggesting_from.addItem(label, value)
        self.suggesting_from.setCurrentIndex(max(0, self.suggesting_from.findData(preferences.suggesting_from)))
        self.sample = QLabel(wordWrap=True)
        self.sample.setMinimumHeight(2 * self.sample.fontMetrics().lineSpacing() + 4)  # a wrapped example fits
        # Publishing
        self.export_format = QComboBox()
        self.export_format.setAccessibleName("Default export format")
        for value in EXPORT_FORMATS:
            self.export_format.addItem(EXPORT_FORMAT_NAMES[value], value)
        self.export_format.setCurrentIndex(EXPORT_FORMATS.index(preferences.export_format))
        # Spelling
        self.check_spelling = QCheckBox("Mark &spelling mistakes while typing")
        self.check_spelling.setChecked(preferences.check_spelling)
        self.spelling_languages = _text_field(
            ", ".join(preferences.spelling_languages), "Spelling languages", "The article's language",
            "Language tags separated by commas, e.g. en-GB, cy; empty: the article's own language",
        )  # fmt: skip
        # The desk server
        self.desk = _text_field(
            preferences.desk, "Desk server", "Empty: this computer only",
            "The newsroom's desk server, e.g. postgresql+psycopg://desk.example/newsroom: changes sync with it "
            "in the background. Its password belongs in ~/.pgpass, never here.",
        )  # fmt: skip
        # Store
        self.store_location = QLabel(store_location or "(not known)")
        self.store_location.setWordWrap(True)
        self.store_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QPushButton("&Move store…")
        self.move_button.setEnabled(move_store is not None)
        self.move_button.setToolTip("Copy the store to a new file, check the copy, then work from it; the old file stays")
        self.problem = QLabel(wordWrap=True)
        set_tone(self.problem, "error")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._build(buttons)
        self.credit_format.textChanged.connect(self._update)
        self.spelling_languages.textChanged.connect(self._update)
        self.desk.textChanged.connect(self._update)
        self.workflow_shortcuts.textChanged.connect(self._update)
        self.check_spelling.toggled.connect(self.spelling_languages.setEnabled)
        self.spelling_languages.setEnabled(preferences.check_spelling)
        self.move_button.clicked.connect(self._move)
        self._update()

    def _build(self, buttons: QDialogButtonBox) -> None:
        you = QFormLayout()
        you.addRow("Your &name", self.user_name)
        house = QFormLayout()
        house.addRow("Credit &format", self.credit_format)
        house.addRow("Example", self.sample)
        house.addRow("", self.credit_required)
        house.addRow("&Workflow shortcuts", self.workflow_shortcuts)
        house.addRow("Su&ggesting mode", self.suggesting_from)
        publishing = QFormLayout()
        publishing.addRow("Default &export format", self.export_format)
        spelling = QFormLayout()
        spelling.addRow("", self.check_spelling)
        spelling.addRow("&Languages", self.spelling_languages)
        store = QHBoxLayout()
        store.addWidget(self.store_location, 1)
        store.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        desk = QFormLayout()
        desk.addRow("&Desk server", self.desk)
        layout = QVBoxLayout(self)
        sections = (("You", you), ("House style", house), ("Publishing", publishing), ("Spelling", spelling), ("Store", store), ("Sync", desk))
        for title, inner in sections:
            box = QGroupBox(title)
            box.setLayout(inner)
            layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _languages(self) -> tuple[str, ...] | None:
        value = coerce(self.spelling_languages.text(), tuple[str, ...])
        return value if isinstance(value, tuple) and FIELD_CHECKS["spelling_languages"](value) else None

    def _update(self) -> None:
        text = self.credit_format.text()
        valid_format = "{credit}" in text
        self.sample.setText(
            format_caption(SAMPLE_CAPTION, SAMPLE_CREDIT, text) if valid_format else "The format must contain {credit}."
        )
        languages = self._languages()
        problem = "" if languages is not None else "Languages are tags such as en-GB or de, separated by commas."
        problem = problem or shortcuts_problem(self.workflow_shortcuts.text())
        if holds_password(self.desk.text()):
            problem = "Leave the password out of the desk server's address: put it in ~/.pgpass, where only you can read it."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok_button.setEnabled(valid_format and not problem)

    def _move(self) -> None:
        moved_to = self._move_store() if self._move_store is not None else None
        if moved_to:
            self.store_location.setText(moved_to)

    def preferences(self) -> Preferences:
        """What the dialog shows, as Preferences (fields it does not show kept as given)."""
        return self._preferences.replace(
            credit_format=self.credit_format.text().strip() or DEFAULT_CREDIT_FORMAT,
            credit_required=self.credit_required.isChecked(),
            export_format=self.export_format.currentData(),
            check_spelling=self.check_spelling.isChecked(),
            spelling_languages=self._languages() or (),
            desk=self.desk.text().strip(),
            workflow_shortcuts=", ".join(p.strip() for p in self.workflow_shortcuts.text().split(",") if p.strip()),
            suggesting_from=self.suggesting_from.currentData(),
            user_name=" ".join(self.user_name.text().split()),
        )

    @classmethod
    def ask(cls, preferences: Preferences, store_location: str = "", move_store=None, parent=None) -> Preferences | None:
        dialog = cls(preferences, store_location, move_store, parent)
        return dialog.preferences() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _text_field(text: str, name: str, placeholder: str, tooltip: str) -> QLineEdit:
    field = QLineEdit(text)
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    field.setToolTip(tooltip)
    return field
