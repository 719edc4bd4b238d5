"""An embargo in the check, the page and the bundle; the page's dates from the workflow."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from desktop_editor.core.bundle import BundleError, read_bundle
from desktop_editor.core.bundle_writer import markdown_bundle_text
from desktop_editor.core.model import Article, Status
from desktop_editor.core.page import render_page
from desktop_editor.core.preflight import preflight

SOON = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)


def story(**changes) -> Article:
    return Article(id=1, headline="Budget leaked", standfirst="Figures out early.", body="Text.", **changes)


def test_an_embargo_blocks_the_page_until_it_lifts():
    findings = preflight(story(embargo=SOON), [])
    (embargo,) = [f for f in findings if f.field == "embargo"]
    assert embargo.severity == "error" and "under embargo until" in embargo.message
    assert not [f for f in preflight(story(embargo=datetime.now(UTC) - timedelta(minutes=1)), []) if f.field == "embargo"]
    killed = [f for f in preflight(story(status=Status.KILLED), []) if f.field == "status"]
    assert killed and killed[0].severity == "error"


def test_the_preview_and_proof_page_is_marked_embargoed():
    page = render_page(story(embargo=SOON), "<p>Text.</p>", preview=True)
    assert re.search(r'<p class="embargo-mark"><strong>EMBARGOED</strong> until <time datetime="[^"]+">', page)
    assert "EMBARGOED" not in render_page(story(), "<p>Text.</p>", preview=True)


def test_date_published_is_the_publish_time_and_date_modified_the_last_correction():
    from desktop_editor.core.page_metadata import page_metadata

    published = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    edited = story(publish_at=published, updated=datetime(2026, 12, 5, tzinfo=UTC))
    data = page_metadata(edited, [], {}).json_ld
    assert (data["datePublished"], data["dateModified"]) == ("2026-12-01T08:00:00+00:00", "2026-12-01T08:00:00+00:00")
    corrected = edited.replace(correction_count=1, corrected_at=datetime(2026, 12, 8, 9, 30, tzinfo=UTC))
    assert page_metadata(corrected, [], {}).json_ld["dateModified"] == "2026-12-08T09:30:00+00:00"


def test_the_bundle_carries_the_embargo(tmp_path):
    text = markdown_bundle_text(story(embargo=SOON, slug="budget-leaked"), [], {})
    assert f"embargo: '{SOON.isoformat()}'" in text or f"embargo: {SOON.isoformat()}" in text
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    assert read_bundle(path).article.embargo == SOON
    path.write_text("---\nheadline: X\nembargo: 2030-01-01 09:00:00\n---\nText.\n", encoding="utf-8")
    with pytest.raises(BundleError, match="“embargo” needs a time zone"):
        read_bundle(path)
    path.write_text("---\nheadline: X\nembargo: 2030-01-01T09:00:00+01:00\n---\nText.\n", encoding="utf-8")
    assert read_bundle(path).article.embargo == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
