"""The desk's fields of the article form: its desk, who it is assigned to, and its embargo.

The embargo is a date and time in the computer's time zone, shown with that zone; one in the
past (or one added to a story already published) is refused with a sentence beside the field,
and nothing is kept until it is a time the workflow accepts (core.workflow.check_embargo).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_editor.core.model import Article
from desktop_editor.core.workflow import WorkflowRefused, check_embargo
from desktop_editor.ui.common.tones import set_tone

EMBARGO_FORMAT = "d MMM yyyy HH:mm t"


class DeskFields(QWidget):
    changed = Signal(dict)  # field name -> new value

    def __init__(self, parent=None):
        super().__init__(parent)
        self.desk = QLineEdit(placeholderText="e.g. News")
        self.assignee = QLineEdit(placeholderText="who works on it")
        self.embargoed = QCheckBox("E&mbargo")
        self.embargoed.setToolTip("Not to be published before this time")
        self.embargo = QDateTimeEdit(calendarPopup=True)
        self.embargo.setDisplayFormat(EMBARGO_FORMAT)
        self.refusal = QLabel(wordWrap=True)
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_tone(self.refusal, "error")
        self.refusal.hide()
        for widget, name in ((self.desk, "Desk"), (self.assignee, "Assignee"), (self.embargo, "Embargo time")):
            widget.setAccessibleName(name)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.desk, 2)
        row.addSpacing(6)
        assignee_label = QLabel("Ass&ignee")
        assignee_label.setBuddy(self.assignee)
        row.addWidget(assignee_label)
        row.addWidget(self.assignee, 3)
        row.addSpacing(6)
        row.addWidget(self.embargoed)
        # The time, on a line of its own, only while there is an embargo: a form that fits a
        # 1024 px window keeps its rows for the text.
        self.embargo_line = QWidget()
        when = QHBoxLayout(self.embargo_line)
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(QLabel("until"))
        when.addWidget(self.embargo)
        when.addStretch(1)
        self.embargo_line.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.embargo_line)
        column.addWidget(self.refusal)
        self._loading = False
        self._article: Article | None = None
        self.desk.textEdited.connect(lambda text: self._emit(desk=text))
        self.assignee.textEdited.connect(lambda text: self._emit(assignee=text))
        self.embargoed.toggled.connect(self._embargo_toggled)
        self.embargo.dateTimeChanged.connect(lambda _value: self._embargo_edited())

    def show_article(self, article: Article) -> None:
        self._loading = True
        try:
            self._article = article
            for line, text in ((self.desk, article.desk), (self.assignee, article.assignee)):
                if line.text().strip() != text.strip():
                    line.setText(text)
            on = article.embargo is not None
            if on and self._moment() != article.embargo:
                self.embargo.setDateTime(QDateTime.fromSecsSinceEpoch(int(article.embargo.timestamp())))
            self.embargoed.setChecked(on)
            self.embargo_line.setVisible(on)
            if on or article.id != getattr(self, "_shown_id", None):
                self._say(None)
            self._shown_id = article.id
        finally:
            self._loading = False

    def _moment(self) -> datetime:
        """The time in the field, with the computer's time zone."""
        return datetime.fromtimestamp(self.embargo.dateTime().toSecsSinceEpoch(), UTC).astimezone()

    def _embargo_toggled(self, on: bool) -> None:
        self.embargo_line.setVisible(on)
        if self._loading:
            return
        if not on:
            self._say(None)
            self._emit(embargo=None)
            return
        tomorrow = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        self._loading = True
        self.embargo.setDateTime(QDateTime.fromSecsSinceEpoch(int(tomorrow.timestamp())))
        self._loading = False
        self._embargo_edited()
        self.embargo.setFocus()

    def _embargo_edited(self) -> None:
        if self._loading or not self.embargoed.isChecked() or self._article is None:
            return
        moment = self._moment()
        try:
            check_embargo(self._article, moment)
        except WorkflowRefused as refusal:
            self._say(str(refusal))
            return
        self._say(None)
        self._emit(embargo=moment)

    def _say(self, sentence: str | None) -> None:
        self.refusal.setText(sentence or "")
        self.refusal.setVisible(bool(sentence))

    def _emit(self, **changes) -> None:
        if not self._loading:
            self.changed.emit(changes)
