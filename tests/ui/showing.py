"""Waiting for what the window shows once the store has answered (it answers on a worker)."""

from __future__ import annotations


def open_shown(qtbot, window, article_id: int) -> None:
    """Open article_id as the library does, and wait until the window shows it."""
    window.open_article(article_id)
    shown(qtbot, window, article_id)


def shown(qtbot, window, article_id: int, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: window.document.article is not None and window.document.article.id == article_id, timeout=timeout)


def figures_reloaded(qtbot, document) -> None:
    """Read the open article's photos again and wait until they are in."""
    done = []
    document.reload_figures(then=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
