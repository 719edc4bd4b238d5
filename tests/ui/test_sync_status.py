"""What the status bar says about the sync with the desk server."""

from __future__ import annotations

from desktop_editor.ui.common.sync_watch import sync_text

ONLINE = {"state": "synced", "reason": "", "waiting": 0, "generation": 3, "changed": [], "desk": "postgresql+psycopg://desk/news"}


def test_the_words_a_reporter_sees():
    assert sync_text(None, ())[0] == ""
    assert sync_text({**ONLINE, "state": "off", "desk": ""}, ())[0] == ""
    assert sync_text(ONLINE, ())[0] == "Synced"
    offline = {**ONLINE, "state": "offline", "waiting": 3, "reason": "The desk did not answer: connection refused."}
    text, tip = sync_text(offline, ())
    assert text == "Offline — 3 changes waiting" and "connection refused" in tip
    assert sync_text({**offline, "waiting": 1}, ())[0] == "Offline — 1 change waiting"
    assert sync_text({**offline, "waiting": 0}, ())[0] == "Offline"


def test_a_conflict_on_the_open_article_is_named_with_both_values():
    conflicts = (
        {"field": "headline", "handle": "", "kept": "Bridge approved", "other": "Bridge vote", "other_from": "laptop B"},
        {"field": "caption", "handle": "ship", "kept": "HMS Ocean", "other": "The ship", "other_from": "the desk"},
    )
    text, tip = sync_text(ONLINE, conflicts)
    assert text == "Conflict — headline, caption of photo ship"
    assert "Bridge approved" in tip and "Bridge vote" in tip and "laptop B" in tip
