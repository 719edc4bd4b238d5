"""Every command of the window in one place, with standard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey


class Actions:
    def __init__(self, parent: QWidget):
        def action(text: str, shortcut=None, tip: str = "") -> QAction:
            item = QAction(text, parent)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            if tip:
                item.setStatusTip(tip)
            parent.addAction(item)
            return item

        self.new_article = action("&New article", StandardKey.New, "Start a new draft")
        self.duplicate = action("D&uplicate article", None, "Copy this article")
        self.delete = action("Move to &trash", None, "Move this article to the trash")
        self.add_photos = action("Add &photos…", "Ctrl+Shift+P", "Attach photos to this article")
        self.import_bundle = action("&Import Markdown…", "Ctrl+Shift+O", "Import a Markdown file with front matter")
        self.preflight = action("&Check article…", "F7", "List what a subeditor would reject before export")
        self.export = action("&Export…", "Ctrl+E", "Export the article as HTML, a zip, one file or a Markdown bundle")
        self.save_revision = action("&Save revision", StandardKey.Save, "Keep a named snapshot of this text")
        self.revisions = action("&Revisions…", "Ctrl+Shift+R", "Browse and restore earlier versions")
        self.quit = action("&Quit", StandardKey.Quit)
        self.undo = action("&Undo", StandardKey.Undo)
        self.redo = action("&Redo", StandardKey.Redo)
        self.find = action("&Find…", StandardKey.Find)
        self.replace = action("Find and &replace…", StandardKey.Replace)
        if self.replace.shortcut().isEmpty():
            self.replace.setShortcut(QKeySequence("Ctrl+H"))
        self.find_next = action("Find &next", StandardKey.FindNext)
        self.find_previous = action("Find pre&vious", StandardKey.FindPrevious)
        self.focus_library = action("Search &library", "Ctrl+L")
        self.toggle_preview = action("Show &preview", "Ctrl+Alt+P")
        self.toggle_preview.setCheckable(True)
        self.toggle_preview.setChecked(True)
        self.toggle_library = action("Show li&brary", "Ctrl+Shift+L")
        self.toggle_library.setCheckable(True)
        self.toggle_library.setChecked(True)
        self.preferences = action("Pr&eferences…", StandardKey.Preferences, "House style for credits")
        self.about = action("&About Desktop Editor")
