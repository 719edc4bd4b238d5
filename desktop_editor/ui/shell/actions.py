"""Every command of the window in one place, with standard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey


class Actions:
    def __init__(self, parent: QWidget):
        def action(text: str, shortcut=None, tip: str = "", *more) -> QAction:
            item = QAction(text, parent)
            if shortcut is not None:
                keys = [*QKeySequence.keyBindings(shortcut)] if isinstance(shortcut, StandardKey) else [QKeySequence(shortcut)]
                keys += [QKeySequence(key) for key in more if QKeySequence(key) not in keys]
                item.setShortcuts(keys)
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
        self.print_proof = action("Print pr&oof…", None, "Save a PDF of the page as it will be published, captions and credits included")
        self.print_page = action("Print…", StandardKey.Print, "Print the page as it will be published")
        self.save_revision = action("&Save revision", StandardKey.Save, "Keep a named snapshot of this text")
        self.revisions = action("&Revisions…", "Ctrl+Shift+R", "Browse and restore earlier versions")
        self.quit = action("&Quit", StandardKey.Quit)
        self.undo = action("&Undo", StandardKey.Undo)
        self.redo = action("&Redo", StandardKey.Redo, "", "Ctrl+Y", "Ctrl+Shift+Z")
        self.cut = action("Cu&t", StandardKey.Cut)
        self.copy = action("&Copy", StandardKey.Copy)
        self.paste = action("&Paste", StandardKey.Paste)
        self.paste_plain = action("Paste as plain te&xt", "Ctrl+Shift+V", "The clipboard's text without its formatting")
        self.select_all = action("Select &all", StandardKey.SelectAll)
        # Format
        self.bold = action("&Bold", StandardKey.Bold, "**Strong** text")
        self.italic = action("&Italic", StandardKey.Italic, "*Emphasised* text")
        self.link = action("&Link…", "Ctrl+K", "[Text](address): the address is selected to paste over")
        self.heading = action("&Heading", "Ctrl+2", "## A subheading")
        self.quote = action("&Quote", "Ctrl+Shift+.", "> A quotation")
        self.find = action("&Find…", StandardKey.Find)
        self.replace = action("Find and &replace…", StandardKey.Replace)
        if self.replace.shortcut().isEmpty():
            self.replace.setShortcut(QKeySequence("Ctrl+H"))
        self.find_next = action("Find &next", StandardKey.FindNext)
        self.find_previous = action("Find pre&vious", StandardKey.FindPrevious)
        # Review: suggestions and comments (ui.review)
        self.comment = action("Co&mment…", "Ctrl+Alt+M", "Comment on the selected words")
        self.suggesting = action("Su&ggesting", "Ctrl+Alt+Shift+X", "Record what is typed and deleted as suggestions to accept or reject")
        self.suggesting.setCheckable(True)
        self.toggle_review = action("Show re&view", "Ctrl+Alt+R", "Suggestions and comments beside the text")
        self.toggle_review.setCheckable(True)
        self.preview_original = action("Preview the &original", None, "Show the text in the preview as it was, without the open suggestions")
        self.preview_original.setCheckable(True)
        self.next_review_item = action("Ne&xt suggestion or comment", "Ctrl+Alt+N")
        self.previous_review_item = action("Previous suggestion or co&mment", "Ctrl+Alt+Shift+N")
        self.focus_library = action("Search &library", "Ctrl+L")
        self.toggle_preview = action("Show &preview", "Ctrl+Alt+P")
        self.toggle_preview.setCheckable(True)
        self.toggle_preview.setChecked(True)
        self.toggle_library = action("Show li&brary", "Ctrl+Shift+L")
        self.toggle_library.setCheckable(True)
        self.toggle_library.setChecked(True)
        self.next_panel = action("Next &panel", "Ctrl+Tab", "Move to the next panel: library, fields, text, preview, photos", "F6")
        self.previous_panel = action("Pre&vious panel", "Ctrl+Shift+Tab", "", "Shift+F6")
        self.zoom_in = action("Zoom &in", StandardKey.ZoomIn, "Larger text in the editor and the preview", "Ctrl+=")
        self.zoom_out = action("Zoom &out", StandardKey.ZoomOut, "Smaller text in the editor and the preview")
        self.zoom_reset = action("&Actual size", "Ctrl+0")
        self.full_screen = action("&Full screen", StandardKey.FullScreen, "", "F11")
        self.full_screen.setCheckable(True)
        self.focus_mode = action("F&ocus mode", "Ctrl+Shift+F", "Dim all but the paragraph being written")
        self.focus_mode.setCheckable(True)
        self.outline = action("Out&line", "Ctrl+Shift+J", "The article's headings, to jump to")
        self.outline.setCheckable(True)
        self.workflow_history = action("Workflow &history…", "Ctrl+Shift+H", "Who moved the article through the workflow, and when")
        self.preferences = action("Pr&eferences…", StandardKey.Preferences, "House style for credits")
        self.about = action("&About Desktop Editor")

    def fill_menu_bar(self, bar) -> None:
        for title, items in self.menus():
            menu = bar.addMenu(title)
            for item in items:
                menu.addSeparator() if item is None else menu.addAction(item)

    def menus(self) -> tuple:
        """The menu bar: (title, actions with None for a separator) for each menu."""
        return (
            ("&File", (self.new_article, self.duplicate, self.delete, None, self.add_photos, self.import_bundle, self.preflight, self.export, self.print_proof, self.print_page, None, self.save_revision, self.revisions, None, self.quit)),
            ("&Edit", (self.undo, self.redo, None, self.cut, self.copy, self.paste, self.paste_plain, self.select_all, None, self.find, self.replace, self.find_next, self.find_previous, None, self.comment, self.suggesting, None, self.preferences)),
            ("F&ormat", (self.bold, self.italic, self.link, None, self.heading, self.quote)),
            ("&View", (self.focus_library, self.toggle_library, self.toggle_preview, self.outline, self.toggle_review, self.next_review_item, self.previous_review_item, self.preview_original, self.workflow_history, None, self.zoom_in, self.zoom_out, self.zoom_reset, None, self.focus_mode, self.full_screen, None, self.next_panel, self.previous_panel)),
            ("&Help", (self.about,)),
        )  # fmt: skip
