"""The desk's fields of the article form: its desk, who it is assigned to, its embargo and
its publish time.

Each time is a date and time in the computer's time zone, shown with that zone. An embargo
in the past (or one added to a story already published), or a past publish time for a
scheduled story, is refused with a sentence beside the field, and nothing is kept until it
is a time the workflow accepts (core.workflow.check_embargo, check_publish_time).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_editor.core.model import Article
from desktop_editor.core.workflow import WorkflowRefused, check_embargo, check_publish_time
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
        self.scheduled = QCheckBox("P&ublish")
        self.scheduled.setToolTip("The time the story is (to be) published; a scheduled story is published then")
        self.publish_at = QDateTimeEdit(calendarPopup=True)
        self.publish_at.setDisplayFormat(EMBARGO_FORMAT)
        self.refusal = QLabel(wordWrap=True)
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_tone(self.refusal, "error")
        self.refusal.hide()
        for widget, name in (
            (self.desk, "Desk"), (self.assignee, "Assignee"), (self.embargo, "Embargo time"), (self.publish_at, "Publish time"),
        ):  # fmt: skip
            widget.setAccessibleName(name)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.desk, 2)
        row.addSpacing(6)
        assignee_label = QLabel("Ass&ignee")
        assignee_label.setBuddy(self.assignee)
        row.addWidget(assignee_label)
        row.addWidget(self.assignee, 3)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.embargoed)
        choices.addSpacing(12)
        choices.addWidget(self.scheduled)
        choices.addStretch(1)
        # Each time on a line of its own, only while there is one: a form that fits a
        # 1024 px window keeps its rows for the text.
        self.times_line = QWidget()
        when = QVBoxLayout(self.times_line)
        when.setContentsMargins(0, 0, 0, 0)
        self.embargo_line = _labelled("Embargo until", self.embargo)
        self.publish_line = _labelled("Publish at", self.publish_at)
        when.addWidget(self.embargo_line)
        when.addWidget(self.publish_line)
        self.times_line.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addLayout(choices)
        column.addWidget(self.times_line)
        column.addWidget(self.refusal)
        self._loading = False
        self._article: Article | None = None
        self.desk.textEdited.connect(lambda text: self._emit(desk=text))
        self.assignee.textEdited.connect(lambda text: self._emit(assignee=text))
        self.embargoed.toggled.connect(self._embargo_toggled)
        self.embargo.dateTimeChanged.connect(lambda _value: self._embargo_edited())
        self.scheduled.toggled.connect(self._publish_toggled)
        self.publish_at.dateTimeChanged.connect(lambda _value: self._publish_edited())

    def show_article(self, article: Article) -> None:
        self._loading = True
        try:
            self._article = article
            for line, text in ((self.desk, article.desk), (self.assignee, article.assignee)):
                if line.text().strip() != text.strip():
                    line.setText(text)
            on = article.embargo is not None
            if on and _moment(self.embargo) != article.embargo:
                self.embargo.setDateTime(QDateTime.fromSecsSinceEpoch(int(article.embargo.timestamp())))
            self.embargoed.setChecked(on)
            timed = article.publish_at is not None
            if timed and _moment(self.publish_at) != article.publish_at:
                self.publish_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(article.publish_at.timestamp())))
            self.scheduled.setChecked(timed)
            self._show_times()
            if on or article.id != getattr(self, "_shown_id", None):
                self._say(None)
            self._shown_id = article.id
        finally:
            self._loading = False

    def _show_times(self) -> None:
        self.embargo_line.setVisible(self.embargoed.isChecked())
        self.publish_line.setVisible(self.scheduled.isChecked())
        self.times_line.setVisible(self.embargoed.isChecked() or self.scheduled.isChecked())

    def _embargo_toggled(self, on: bool) -> None:
        self._toggled(on, "embargo", self.embargo, check_embargo)

    def _publish_toggled(self, on: bool) -> None:
        self._toggled(on, "publish_at", self.publish_at, check_publish_time)

    def _toggled(self, on: bool, name: str, edit: QDateTimeEdit, check) -> None:
        """A time turned on (tomorrow at the hour, to be changed) or off (if the workflow lets it go)."""
        self._show_times()
        if self._loading:
            return
        if not on:
            if self._article is not None and not self._checked(check, None):
                self._loading = True
                (self.scheduled if name == "publish_at" else self.embargoed).setChecked(True)
                self._show_times()
                self._loading = False
                return
            self._emit(**{name: None})
            return
        tomorrow = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        self._loading = True
        edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(tomorrow.timestamp())))
        self._loading = False
        if self._article is not None and not self._checked(check, _moment(edit)):
            # Refused whatever the time (an embargo on a published story): the box goes off
            # again, the sentence stays, and nothing is kept.
            self._loading = True
            (self.scheduled if name == "publish_at" else self.embargoed).setChecked(False)
            self._show_times()
            self._loading = False
            return
        self._edited(name, edit, check)
        edit.setFocus()

    def _embargo_edited(self) -> None:
        if self.embargoed.isChecked():
            self._edited("embargo", self.embargo, check_embargo)

    def _publish_edited(self) -> None:
        if self.scheduled.isChecked():
            self._edited("publish_at", self.publish_at, check_publish_time)

    def _edited(self, name: str, edit: QDateTimeEdit, check) -> None:
        if self._loading or self._article is None:
            return
        moment = _moment(edit)
        if self._checked(check, moment):
            self._emit(**{name: moment})

    def _checked(self, check, moment: datetime | None) -> bool:
        """Whether the workflow accepts the time; if not, its sentence is said beside the field."""
        try:
            check(self._article, moment)
        except WorkflowRefused as refusal:
            self._say(str(refusal))
            return False
        self._say(None)
        return True

    def _say(self, sentence: str | None) -> None:
        self.refusal.setText(sentence or "")
        self.refusal.setVisible(bool(sentence))

    def _emit(self, **changes) -> None:
        if not self._loading:
            self.changed.emit(changes)


def _moment(edit: QDateTimeEdit) -> datetime:
    """The time in the field, with the computer's time zone."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC).astimezone()


def _labelled(text: str, edit: QDateTimeEdit) -> QWidget:
    line = QWidget()
    row = QHBoxLayout(line)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel(text))
    row.addWidget(edit)
    row.addStretch(1)
    return line
