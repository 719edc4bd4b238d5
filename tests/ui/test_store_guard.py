"""The window's store refuses calls on the UI thread while the test suite runs (every window
a test builds has it), and answers them on any other thread."""

from __future__ import annotations

import threading

import pytest

from desktop_editor.core.model import Article
from desktop_editor.ui.common import store_guard


def test_a_store_call_on_the_ui_thread_raises_and_is_remembered(new_window, store):
    article = store.create_article(Article(headline="Bridge", body="Text."))
    window = new_window()
    guarded = window.document.store
    assert isinstance(guarded, store_guard.StoreOnUIThreadGuard) and guarded.ready
    with pytest.raises(store_guard.StoreCalledOnUIThread, match="get_article"):
        guarded.get_article(article.id)
    assert len(store_guard.violations) == 1 and "get_article on the UI thread" in store_guard.violations[0]
    store_guard.violations.clear()  # the check after each test would fail this one

    answers = []
    worker = threading.Thread(target=lambda: answers.append(guarded.get_article(article.id).headline))
    worker.start()
    worker.join()
    assert answers == ["Bridge"] and not store_guard.violations
