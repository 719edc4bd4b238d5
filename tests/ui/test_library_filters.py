"""The library filters by status, desk, assignee and embargo, each choice counted, and sorts
by publish time: the rules on plain rows, and the menus in a real window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_editor.core.model import Article, ArticleSummary, Status
from desktop_editor.ui.library.filters import LibraryFilter, counts, shown
from tests.ui.test_library import window  # noqa: F401 (the window fixture: a library on the test's store)

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def row(article_id, status, desk="", assignee="", embargo=None, publish_at=None, conflicts=()) -> ArticleSummary:
    return ArticleSummary(article_id, f"s{article_id}", f"Story {article_id}", Status(status), NOW, 100, None, desk, assignee, embargo, publish_at, conflicts)


ROWS = [
    row(1, "draft", "News", "Anna"),
    row(2, "ready", "News", "Ben", embargo=NOW + timedelta(hours=5)),
    row(3, "ready", "Sport", "Anna", publish_at=NOW - timedelta(days=2)),
    row(4, "published", "Sport", "", embargo=NOW - timedelta(days=3), publish_at=NOW - timedelta(days=1)),
]


def test_filters_combine_and_each_choice_counts_what_it_would_show():
    wanted = LibraryFilter(desk="News")
    assert [s.id for s in shown(ROWS, wanted, NOW)] == [1, 2]
    counted = counts(ROWS, wanted, NOW)
    assert counted["status"] == {"": 2, "draft": 1, "ready": 1}  # on the News desk
    assert counted["desk"] == {"": 4, "News": 2, "Sport": 2}  # the desk's own choices: all desks
    assert counted["embargoed"][True] == 1  # an embargo that has passed does not count
    assert [s.id for s in shown(ROWS, LibraryFilter(status="ready", assignee="Anna"), NOW)] == [3]
    assert [s.id for s in shown(ROWS, LibraryFilter(embargoed=True), NOW)] == [2]


def test_articles_a_sync_left_in_conflict_are_counted_and_filtered():
    rows = [*ROWS, row(5, "draft", "News", "Anna", conflicts=("headline",))]
    assert counts(rows, LibraryFilter(desk="News"), NOW)["conflicted"][True] == 1
    assert [s.id for s in shown(rows, LibraryFilter(conflicted=True), NOW)] == [5]
    assert LibraryFilter(conflicted=True, desk="News").describe() == "News, with conflicts"
    assert shown(rows, LibraryFilter(conflicted=True, desk="Sport"), NOW) == []


def test_publish_time_puts_the_latest_first_and_the_unscheduled_after_in_their_order():
    assert [s.id for s in shown(ROWS, LibraryFilter(sort="publish"), NOW)] == [4, 3, 1, 2]


def headlines(window) -> list[str]:
    rows = (window.library.list.item(r) for r in range(window.library.list.count()))
    return [item.text().split("\n")[0] for item in rows]


def menu_choice(button, *path: str):
    """The action at path in button's menu (rebuilt as it opens, as a person opens it)."""
    menu = button.menu()
    menu.aboutToShow.emit()
    for label in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() and a.text().replace("&", "") == label)
    return next(a for a in menu.actions() if a.text().replace("&", "") == path[-1])


def test_the_window_filters_with_counts_and_sorts_by_publish_time(qtbot, window, store):
    soon = datetime.now(UTC) + timedelta(days=1)
    sport = store.create_article(Article(headline="Cup final", desk="Sport", assignee="Ben"))
    for state in ("subbing", "ready"):
        store.change_status(sport.id, state, "desk")
    store.create_article(Article(headline="Council vote", desk="News", assignee="Anna", embargo=soon))
    store.create_article(Article(headline="Old match", desk="Sport", publish_at=datetime(2026, 1, 5, 9, tzinfo=UTC)))
    window.library_controller.refresh()
    qtbot.waitUntil(lambda: "Cup final" in headlines(window), timeout=5000)
    bar = window.library.filter_bar
    assert bar.filter_button.text() == "Filter: all"
    ready = menu_choice(bar.filter_button, "Status", "Ready (1)")
    assert menu_choice(bar.filter_button, "Desk", "Sport (2)")
    ready.trigger()
    assert headlines(window) == ["Cup final"] and bar.filter_button.text() == "Filter: Ready"
    menu_choice(bar.filter_button, "Clear filters").trigger()
    menu_choice(bar.filter_button, "Under embargo (1)").trigger()
    assert headlines(window) == ["Council vote"]
    menu_choice(bar.filter_button, "Under embargo (1)").trigger()
    menu_choice(bar.filter_button, "Desk", "Sport (2)").trigger()
    menu_choice(bar.sort_button, "Publish time").trigger()
    assert headlines(window) == ["Old match", "Cup final"]
    assert window.library.list.item(0).text().endswith("out 05 Jan " + datetime(2026, 1, 5, 9, tzinfo=UTC).astimezone().strftime("%H:%M"))
    assert [a.text() for a in menu_choice(bar.filter_button, "Assignee", "All (2)").parent().actions()] == ["All (2)", "Ben (1)"]
    menu_choice(bar.filter_button, "Under embargo (0)").trigger()  # the only embargoed story is News's
    assert headlines(window) == ["None of 4 matches the filters (Sport, embargoed)."]


def test_a_story_moved_in_the_window_leaves_a_status_filter_it_no_longer_matches(qtbot, window, store):
    from tests.ui.showing import open_shown

    article = store.create_article(Article(headline="Flood warning"))
    window.library_controller.refresh()
    qtbot.waitUntil(lambda: "Flood warning" in headlines(window), timeout=5000)
    open_shown(qtbot, window, article.id)
    bar = window.library.filter_bar
    menu_choice(bar.filter_button, "Status", "Draft (2)").trigger()
    assert "Flood warning" in headlines(window)
    next(a for a in window.form.status.menu().actions() if a.text() == "Move to Subbing").trigger()
    qtbot.waitUntil(lambda: "Flood warning" not in headlines(window), timeout=10000)
    assert store.get_article(article.id).status == Status.SUBBING
