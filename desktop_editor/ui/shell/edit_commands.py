"""The Edit and Format menus (Preferences among them), going to what a check found, and moving between panels from the keyboard.

Undo, redo, cut, copy, paste and select all act on whichever text field has the keyboard
(the body, the headline, a caption...); bold, italic and link act on the body. Ctrl+Tab
and F6 move to the next panel (library, fields, body, preview, photos), as ghostwriter and
browsers do, Ctrl+Shift+Tab and Shift+F6 to the previous one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

FORM_FIELDS = ("headline", "standfirst", "byline", "kicker", "dateline", "slug", "word_target", "language", "tags")


class EditCommands:
    def __init__(self, window):
        self.window = window
        a, editor = window.actions, window.editor
        for action, name in (
            (a.undo, "undo"), (a.redo, "redo"), (a.cut, "cut"), (a.copy, "copy"),
            (a.paste, "paste"), (a.paste_plain, "paste_plain"), (a.select_all, "selectAll"),
        ):  # fmt: skip
            action.triggered.connect(lambda _checked=False, name=name: self._on_focused(name))
        a.bold.triggered.connect(lambda: self._in_body(lambda: editor.toggle_markup("**")))
        a.italic.triggered.connect(lambda: self._in_body(lambda: editor.toggle_markup("*")))
        a.link.triggered.connect(lambda: self._in_body(editor.insert_link))
        a.heading.triggered.connect(lambda: self._in_body(lambda: editor.toggle_line_prefix("## ")))
        a.quote.triggered.connect(lambda: self._in_body(lambda: editor.toggle_line_prefix("> ")))
        a.preferences.triggered.connect(self.edit_preferences)
        a.next_panel.triggered.connect(lambda: self.cycle(1))
        a.previous_panel.triggered.connect(lambda: self.cycle(-1))

    def go_to(self, finding) -> None:
        """Put the cursor or the focus where a preflight finding is about: a body line wins the
        focus (the editor, cursor on that line, centred); a photo is also selected in the photo
        panel so its fields are at hand."""
        w = self.window
        w.activateWindow()
        target = None
        if finding.handle:
            w.build_photo_panel()  # made at start-up just after the first frame, if not yet
            w.image_panel.select(finding.handle)
            target = w.image_panel.fields.get(finding.field) if finding.field else None
        elif finding.field in FORM_FIELDS:
            target = getattr(w.form, finding.field)
        elif finding.field == "body":
            target = w.editor
        if finding.line is not None:
            w.editor.go_to_line(finding.line)
            target = w.editor
        if target is not None:
            target.setFocus()

    def edit_preferences(self) -> None:
        from desktop_editor.ui.shell.preferences import edit_preferences

        edit_preferences(self.window)

    def _on_focused(self, name: str) -> None:
        widget = QApplication.focusWidget()
        preview = self.window.preview
        if widget is not None and preview is not None and (widget is preview or preview.isAncestorOf(widget)):
            if name in ("copy", "selectAll"):
                action = preview.page().WebAction.Copy if name == "copy" else preview.page().WebAction.SelectAll
                preview.page().triggerAction(action)
            return
        if widget is None or widget.window() is not self.window or not hasattr(widget, name):
            if name == "paste_plain" and widget is not None and widget.window() is self.window and hasattr(widget, "paste"):
                name = "paste"  # a field without formatting pastes plain text anyway
            else:
                widget = self.window.editor
        getattr(widget, name)()

    def _in_body(self, command) -> None:
        if self.window.editor.isReadOnly():
            return
        self.window.editor.setFocus()
        command()

    # Panels ---------------------------------------------------------------------------------

    def panels(self) -> list[QWidget]:
        """Where each panel takes the keyboard, in the order they stand on screen."""
        w = self.window
        order = [w.library and w.library.list, w.form.headline, w.editor, w.preview or w.preview_holder, w.image_panel and w.image_panel.focus_target()]
        return [widget for widget in order if widget is not None and widget.isVisibleTo(w) and widget.isEnabled()]

    def cycle(self, step: int) -> None:
        panels = self.panels()
        if not panels:
            return
        focused = QApplication.focusWidget()
        current = next((i for i, panel in enumerate(panels) if _within(focused, panel, self.window)), None)
        if current is None:
            current = -1 if step > 0 else 0
        panels[(current + step) % len(panels)].setFocus()


def _within(widget: QWidget | None, panel: QWidget, window: QWidget) -> bool:
    """True when the focused widget belongs to this panel (the form and the photo panel
    count as one panel each)."""
    if widget is None:
        return False
    if widget is panel or panel.isAncestorOf(widget):
        return True
    for room in (window.form, window.image_panel, window.library, window.preview_holder):
        if room is None:
            continue  # the library or the photo panel, in the moment before it is made
        if room.isAncestorOf(panel) or room is panel:
            return room.isAncestorOf(widget)
    return False
