"""The dateline and the kicker: the house's format, the page, JSON-LD, ninjs and the bundle."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_editor.core import dateline, house_style
from desktop_editor.core.bundle import read_bundle
from desktop_editor.core.bundle_writer import markdown_bundle_text
from desktop_editor.core.export import ExportFormat, ExportSettings
from desktop_editor.core.ninjs import problems
from desktop_editor.core.page import render_page
from desktop_editor.core.page_metadata import Publication, page_metadata
from tests.core.test_export import export, news_article

PUBLISHED = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
DATED = "{Place}, {date:%-d %B} —"


def test_the_dateline_in_the_house_format():
    assert dateline.dateline_text("Brussels", PUBLISHED) == "BRUSSELS —"
    assert dateline.dateline_text("  Brussels  ", PUBLISHED, DATED) == "Brussels, 8 December —"
    assert dateline.dateline_text("", PUBLISHED) == ""
    assert dateline.dateline_text("Brussels", PUBLISHED, "{nonsense}") == "BRUSSELS —"  # never breaks a page
    assert dateline.check_format(DATED) == DATED
    for bad, said in (("{PLACE", "not closed"), ("{place} —", "not {place}"), ("{date:%-d %B} —", "must contain")):
        with pytest.raises(dateline.DatelineFormatError, match=said):
            dateline.check_format(bad)
    with pytest.raises(house_style.HouseStyleError, match="dateline_format"):
        house_style.parse('dateline_format = "{where} —"', "house-style.toml")
    assert house_style.parse(f'dateline_format = "{DATED}"', "x").dateline_format == DATED
    assert house_style.DEFAULTS.dateline_format == "{PLACE} —"


def test_the_dateline_opens_the_first_top_level_paragraph():
    body = '<h2>Why</h2>\n<blockquote>\n<p>A quote.</p>\n</blockquote>\n<p class="x">The council voted.</p>\n<p>More.</p>'
    dated = dateline.dated_body(body, "BRUSSELS & CO —")
    assert '<p class="x"><span class="dateline">BRUSSELS &amp; CO —</span> The council voted.</p>' in dated
    assert "<p>A quote.</p>" in dated and dated.count("dateline") == 1
    assert dateline.dated_body("<h2>Only a heading</h2>", "BRUSSELS —") == "<h2>Only a heading</h2>"
    assert dateline.dated_body(body, "") == body


def test_kicker_and_dateline_on_the_page_and_in_json_ld():
    article = news_article(kicker="Analysis", dateline="Brussels", publish_at=PUBLISHED)
    page = render_page(article, dateline.dated_body("<p>The council voted.</p>", "BRUSSELS —"), preview=True)
    assert '<p class="kicker">Analysis</p>\n<h1 class="headline">' in page
    assert '<p><span class="dateline">BRUSSELS —</span> The council voted.</p>' in page
    data = page_metadata(article, [], {}, Publication(dateline_format=DATED)).json_ld
    assert data["dateline"] == "Brussels, 8 December"
    assert "dateline" not in page_metadata(news_article(), [], {}).json_ld
    assert 'class="kicker"' not in render_page(news_article(), "<p>x</p>", preview=True)


def test_the_exported_page_has_both_and_stays_valid(tmp_path):
    article = news_article(kicker="Analysis", dateline="Brussels", publish_at=PUBLISHED)
    out = export(tmp_path, article=article, name="folder", settings=ExportSettings(dateline_format=DATED))
    html = (out / "index.html").read_text("utf-8")
    assert '<p class="kicker">Analysis</p>' in html
    assert '<p><span class="dateline">Brussels, 8 December —</span> The council voted' in html
    assert '"dateline": "Brussels, 8 December"' in html
    tools = Path(os.environ.get("CHECK_HTML_TOOLS", "~/.cache/check-html")).expanduser()
    if not (shutil.which("java") and shutil.which("chromium") and (tools / "node_modules" / "vnu-jar").is_dir()):
        pytest.skip("the Nu Html Checker and axe are not installed here (tools/install-check-tools)")
    checked = subprocess.run(
        ["/work/shared/tools/check-html", str(out / "index.html")], capture_output=True, text=True, timeout=300
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_ninjs_carries_the_kicker_headline_and_the_dated_body(tmp_path):
    article = news_article(kicker="Analysis", dateline="Brussels", uid="2f1c0c56-0d5e-4d59-a0a4-8f3a1f0e9a11")
    out = export(tmp_path, ExportFormat.NINJS, article=article, name="wire")
    item = json.loads((out / "ninjs.json").read_text("utf-8"))
    assert problems(item) == []
    assert item["headlines"] == [
        {"role": "main", "value": "Council approves new bridge"},
        {"role": "kicker", "value": "Analysis"},
    ]
    assert item["bodies"][0]["value"].startswith('<p><span class="dateline">BRUSSELS —</span> The council voted')


def test_the_bundle_keeps_both(tmp_path):
    article = news_article(kicker="Analysis", dateline="Brussels", lead_image=None)
    text = markdown_bundle_text(article, [], {})
    assert "kicker: Analysis\n" in text and "dateline: Brussels\n" in text
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    back = read_bundle(path)
    assert (back.article.kicker, back.article.dateline) == ("Analysis", "Brussels")
    assert not back.warnings
    assert "kicker" not in markdown_bundle_text(news_article(), [], {})
