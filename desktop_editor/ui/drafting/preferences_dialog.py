"""House style preferences: how credits are written, and whether a credit is required."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT, format_caption

SAMPLE_CAPTION = "HMS Ocean during BALTOPS 2015 in the Baltic Sea."
SAMPLE_CREDIT = "Crown Copyright"


@dataclass(frozen=True)
class HouseStyle:
    credit_format: str
    credit_required: bool


class PreferencesDialog(QDialog):
    def __init__(self, style: HouseStyle, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.credit_format = QLineEdit(style.credit_format)
        self.credit_format.setAccessibleName("Credit format")
        self.credit_format.setToolTip("How a credit is written after the caption; {credit} is replaced by the photo's credit")
        self.credit_required = QCheckBox("A photo without a credit blocks export")
        self.credit_required.setChecked(style.credit_required)
        self.sample = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("Credit format", self.credit_format)
        layout.addRow("Example", self.sample)
        layout.addRow("", self.credit_required)
        layout.addRow(buttons)
        self.credit_format.textChanged.connect(self._update_sample)
        self._update_sample()

    def _update_sample(self) -> None:
        text = self.credit_format.text()
        valid = "{credit}" in text
        self.ok_button.setEnabled(valid)
        self.sample.setText(
            format_caption(SAMPLE_CAPTION, SAMPLE_CREDIT, text) if valid else "The format must contain {credit}."
        )

    def style(self) -> HouseStyle:
        return HouseStyle(self.credit_format.text().strip() or DEFAULT_CREDIT_FORMAT, self.credit_required.isChecked())

    @classmethod
    def ask(cls, style: HouseStyle, parent=None) -> HouseStyle | None:
        dialog = cls(style, parent)
        return dialog.style() if dialog.exec() == QDialog.DialogCode.Accepted else None
