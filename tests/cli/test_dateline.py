"""set --dateline and --kicker, shown by show --json, kept by revisions and in the exported page."""

from __future__ import annotations

import json

from tests.cli.conftest import SLUG, run, settings_file


def show(store) -> dict:
    return json.loads(run(store, "show", SLUG, "--json").stdout)


def test_set_and_show_the_dateline_and_kicker(store, tmp_path):
    assert (show(store)["dateline"], show(store)["kicker"]) == ("", "")
    run(store, "set", SLUG, "--dateline", " Brussels ", "--kicker", "Analysis")
    after = show(store)
    assert (after["dateline"], after["kicker"]) == ("Brussels", "Analysis")
    run(store, "revisions", SLUG)
    run(store, "set", SLUG, "--dateline", "", "--kicker", "")
    cleared = show(store)
    assert (cleared["dateline"], cleared["kicker"]) == ("", "")
    run(store, "set", SLUG, "--dateline", "Brussels", "--kicker", "Analysis")
    settings = settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('dateline_format = "{Place}, {date:%-d %B} —"\n', encoding="utf-8")
    run(store, "set", SLUG, "--publish-at", "2026-12-08T09:00Z")
    out = tmp_path / "page"
    run(store, "export", SLUG, "--out", str(out))
    html = (out / "index.html").read_text("utf-8")
    assert '<p class="kicker">Analysis</p>' in html
    assert '<span class="dateline">Brussels, 8 December —</span> The council voted' in html


def test_a_bad_dateline_format_is_named_in_one_sentence(store, tmp_path):
    settings = settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('dateline_format = "{City} —"\n', encoding="utf-8")
    result = run(store, "export", SLUG, "--out", str(tmp_path / "page"), check=False)
    assert result.returncode != 0 and "dateline_format" in result.stderr and "{City}" in result.stderr
