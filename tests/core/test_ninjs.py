"""ninjs for the wire, validated with jsonschema against IPTC's own ninjs 2.2 schema, offline."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from desktop_editor.core.export import ExportFormat
from desktop_editor.core.model import Author, Status
from tests.core.test_export import export, news_article


@pytest.fixture(scope="module")
def iptc():
    """A validator of the vendored schema, built here from the files themselves."""
    folder = resources.files("desktop_editor.resources")
    schema = json.loads(folder.joinpath("ninjs-schema_2.2.json").read_text("utf-8"))
    geojson = json.loads(folder.joinpath("GeoJSON-schema.json").read_text("utf-8"))
    assert schema["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
    Draft202012Validator.check_schema(schema)
    registry = Registry().with_resource("https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def written(tmp_path, article, name="wire") -> dict:
    out = export(tmp_path, ExportFormat.NINJS, article=article, name=name)
    return json.loads((out / "ninjs.json").read_text("utf-8")), out


def test_the_story_with_its_photos_validates_against_iptc_schema(tmp_path, iptc):
    authors = (Author("Anna Reporter", "writer"), Author("Ben Lens", "photographer", "https://example.org/ben"))
    item, out = written(tmp_path, news_article(uid="2f1c0c56-0d5e-4d59-a0a4-8f3a1f0e9a11", version=4, authors=authors))
    assert list(iptc.iter_errors(item)) == []
    assert item["uri"] == "urn:desktop-editor:article:2f1c0c56-0d5e-4d59-a0a4-8f3a1f0e9a11"
    assert (item["type"], item["version"], item["pubstatus"], item["language"]) == ("text", "4", "usable", "en-GB")
    assert item["headlines"] == [{"role": "main", "value": "Council approves new bridge"}]
    assert item["descriptions"] == [{"role": "summary", "value": "The crossing will open in 2028."}]
    assert "<strong>7-2</strong>" in item["bodies"][0]["value"] and item["bodies"][0]["contenttype"] == "text/html"
    assert item["people"] == [
        {"name": "Anna Reporter", "rel": "writer"},
        {"name": "Ben Lens", "rel": "photographer", "uri": "https://example.org/ben"},
    ]
    pictures = {a["name"]: a for a in item["associations"]}
    assert set(pictures) == {"camera", "turned", "cmyk", "logo"}
    for association in pictures.values():
        assert association["type"] == "picture" and association["renditions"]
        for rendition in association["renditions"]:  # each rendition is the file beside ninjs.json
            path = out / rendition["href"]
            assert path.stat().st_size == rendition["sizeinbytes"]
            assert rendition["width"] > 0 and rendition["height"] > 0
            assert rendition["contenttype"] in ("image/jpeg", "image/png")
    camera = pictures["camera"]
    assert camera["descriptions"] == [
        {"role": "caption", "value": "Workers on the new bridge."},
        {"role": "creditline", "value": "City Council"},
        {"role": "alt", "value": "Two workers in orange vests on a steel deck"},
    ]
    assert (camera["by"], camera["copyrightnotice"]) == ("Jane Photographer", "City Council 2026")
    assert {d["role"]: d["value"] for d in pictures["turned"]["descriptions"]}["creditline"] == "Ann Lee"


def test_an_embargoed_story_is_withheld_until_its_time(tmp_path, iptc):
    embargo = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    item, _ = written(tmp_path, news_article(embargo=embargo, status=Status.READY))
    assert list(iptc.iter_errors(item)) == []
    assert (item["pubstatus"], item["embargoed"]) == ("withheld", embargo.isoformat())


def test_a_corrected_and_a_killed_story_validate(tmp_path, iptc):
    corrected_at = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
    item, _ = written(tmp_path, news_article(status=Status.PUBLISHED, correction_count=2, corrected_at=corrected_at), "corrected")
    assert list(iptc.iter_errors(item)) == []
    assert item["versioncreated"] == "2026-12-08T10:00:00+00:00" and "2 correction" in item["ednote"]
    killed, _ = written(tmp_path, news_article(status=Status.KILLED), "killed")
    assert list(iptc.iter_errors(killed)) == [] and killed["pubstatus"] == "canceled"


def test_the_schema_catches_what_superdesk_gets_wrong(iptc):
    from desktop_editor.core.ninjs import problems

    bad = {"uri": "urn:x", "type": "article", "pubstatus": "published", "headline": "Old style"}
    assert len(list(iptc.iter_errors(bad))) >= 2
    assert problems(bad)  # the export's own check refuses it too


def test_the_vendored_schema_keeps_its_licence():
    folder = resources.files("desktop_editor.resources")
    assert "International Press Telecommunications Council" in folder.joinpath("ninjs-schema-LICENSE.txt").read_text("utf-8")
