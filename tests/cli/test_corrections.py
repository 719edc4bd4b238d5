"""Corrections through the real command line: recorded with their own history on a published
story that stays published, shown at the foot of the exported page and in its JSON-LD, and
listed across the store as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

from tests.cli.conftest import SLUG, one_sentence, run

MISSPELT = "An earlier version of this story misspelt the councillor's name."


def published(store) -> None:
    for state in ("subbing", "ready", "published"):
        run(store, "status", SLUG, state)


def json_ld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_a_correction_and_an_update_are_dated_on_the_page_and_in_its_json_ld(store, tmp_path):
    published(store)
    said = run(store, "correct", SLUG, "--text", MISSPELT, "--author", "Sam Sub").stdout
    today = datetime.now().astimezone()
    day = f"{today.day} {today:%B %Y}"
    assert f"Correction, {day}: {MISSPELT}" in said and "stays published" in said
    run(store, "correct", SLUG, "--kind", "update", "--text", "The vote was confirmed on Tuesday.")
    shown = json.loads(run(store, "show", SLUG, "--json").stdout)
    assert (shown["status"], shown["correction_count"]) == ("published", 2)
    history = json.loads(run(store, "history", SLUG, "--json").stdout)
    assert [(h["to"], h["note"], h["author"]) for h in history[-2:]] == [
        ("corrected", MISSPELT, "Sam Sub"), ("updated", "The vote was confirmed on Tuesday.", history[-1]["author"]),
    ]
    run(store, "export", SLUG, "--out", str(tmp_path / "page"))
    page = (tmp_path / "page" / "index.html").read_text()
    foot = page[page.index('<footer class="corrections">'):page.index("</footer>")]
    assert foot.index(f"Correction, <time") < foot.index("Update, <time")
    assert MISSPELT.replace("'", "&#39;") in foot and f">{day}</time>" in foot
    data = json_ld(page)
    assert [c["@type"] for c in data["correction"]] == ["CorrectionComment", "CorrectionComment"]
    assert data["correction"][0]["text"] == f"Correction: {MISSPELT}"
    assert data["dateModified"] == shown["corrected_at"] == data["correction"][1]["datePublished"]


def test_the_corrections_log_lists_every_article_as_json_and_csv(store):
    assert run(store, "corrections").stdout.strip() == "No corrections recorded."
    published(store)
    run(store, "correct", SLUG, "--kind", "clarification", "--text", "The bridge is for cyclists and walkers.")
    [entry] = json.loads(run(store, "corrections", "--json").stdout)
    assert (entry["kind"], entry["slug"], entry["text"]) == ("clarification", SLUG, "The bridge is for cyclists and walkers.")
    assert datetime.fromisoformat(entry["at"]).tzinfo is not None
    rows = list(csv.DictReader(io.StringIO(run(store, "corrections", "--csv").stdout)))
    assert [(r["kind"], r["slug"], r["headline"]) for r in rows] == [("clarification", SLUG, entry["headline"])]
    assert json.loads(run(store, "corrections", "--json", "--since", "2999-01-01").stdout) == []
    assert "is not a date" in one_sentence(run(store, "corrections", "--since", "soon", check=False))


def test_a_draft_or_an_empty_note_is_refused_in_one_sentence(store):
    assert "Only a published story is corrected" in one_sentence(run(store, "correct", SLUG, "--text", "x", check=False))
    published(store)
    assert "needs its text" in one_sentence(run(store, "correct", SLUG, "--text", "  ", check=False))
    assert json.loads(run(store, "show", SLUG, "--json").stdout)["correction_count"] == 0


def test_each_correction_travels_in_the_ninjs_item_dated_and_valid(store, tmp_path):
    from desktop_editor.core.ninjs import problems

    published(store)
    run(store, "correct", SLUG, "--text", MISSPELT)
    run(store, "correct", SLUG, "--kind", "update", "--text", "The vote was confirmed on Tuesday.")
    run(store, "export", SLUG, "--format", "ninjs", "--out", str(tmp_path / "wire"))
    item = json.loads((tmp_path / "wire" / "ninjs.json").read_text("utf-8"))
    assert problems(item) == []
    today = datetime.now().astimezone()
    day = f"{today.day} {today:%B %Y}"
    notes = [d["value"] for d in item["descriptions"] if d["role"] == "correction"]
    assert notes == [f"Correction, {day}: {MISSPELT}", f"Update, {day}: The vote was confirmed on Tuesday."]
    assert item["ednote"] == " ".join(notes) and item["pubstatus"] == "usable"
