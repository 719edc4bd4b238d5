"""The window's spelling: one service, the fields it checks, and the preferences it follows."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from desktop_editor.ui.common.spelling_service import SpellingService


START_AFTER_PAINT_MS = 3000  # at the latest: the preview's first page comes first


class WindowSpelling:
    """Spelling in the window: one service for the body, headline, standfirst and photos'
    text, in the article's language (or the languages the preferences name), on or off as
    the preferences say, started once the window has painted."""

    def __init__(self, window):
        self.window = window
        settings = window.settings  # only the two keys read here: not the whole preferences
        self._languages = tuple(settings.spelling_languages)
        self.service = SpellingService(window.document.store, settings.check_spelling, parent=window)
        window.editor.highlighter.set_spelling(self.service, window.editor)
        window.form.set_spelling(self.service)
        if window.image_panel is not None:  # else the window gives it the service when made
            window.image_panel.set_spelling(self.service)
        window.document.article_loaded.connect(self._follow)
        window.document.fields_changed.connect(self._follow)
        window.settings.preferences_changed.connect(self._preferences_changed)
        # The dictionaries load once the preview shows the article (its start is busier and
        # more visible), or a while after the first frame if the preview is slow or hidden.
        window.preview_ready.connect(self.service.start)
        window.first_painted.connect(lambda: QTimer.singleShot(START_AFTER_PAINT_MS, self.service.start))
        self.service.status.connect(lambda sentence: window.statusBar().showMessage(sentence, 10000))

    def _follow(self, article) -> None:
        self.service.set_language(", ".join(self._languages) or article.language)

    def _preferences_changed(self, preferences) -> None:
        self._languages = tuple(preferences.spelling_languages)
        article = self.window.document.article
        if article is not None:
            self._follow(self.window.document.current_fields())
        self.service.set_enabled(preferences.check_spelling)

    def shut_down(self) -> None:
        self.service.stop()
