"""Authors with roles: the byline in house style, JSON-LD, ninjs and the bundle round trip,
with the plain byline string still read and written as before."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_editor.core.authors import byline_from, parse_authors
from desktop_editor.core.bundle import read_bundle
from desktop_editor.core.bundle_writer import markdown_bundle_text
from desktop_editor.core.model import Article, Author
from desktop_editor.core.page import render_page
from desktop_editor.core.page_metadata import page_metadata
from tests.cli.conftest import SLUG, one_sentence, run

TEAM = (
    Author("Anna Reporter", "writer"), Author("Ben Writer", "reporter"),
    Author("Cleo Field", "additional reporting"), Author("Dan Lens", "photographer", "https://example.org/dan"),
)  # fmt: skip


def test_two_authors_with_roles_make_the_byline_in_house_style():
    assert byline_from(TEAM) == "Anna Reporter and Ben Writer; additional reporting by Cleo Field; pictures by Dan Lens"
    assert byline_from(TEAM[:1]) == "Anna Reporter"
    assert parse_authors("Anna Reporter, Dan Lens:Photographer") == (Author("Anna Reporter"), Author("Dan Lens", "photographer"))


def test_the_page_and_its_json_ld_name_each_author():
    article = Article(id=1, headline="Bridge", body="Text.", authors=TEAM, byline="Old byline")
    page = render_page(article, "<p>Text.</p>")
    assert '<span class="byline">By Anna Reporter and Ben Writer; additional reporting by Cleo Field; pictures by Dan Lens</span>' in page
    people = page_metadata(article, [], {}).json_ld["author"]
    assert [(p["@type"], p["name"], p["jobTitle"]) for p in people] == [
        ("Person", "Anna Reporter", "writer"), ("Person", "Ben Writer", "reporter"),
        ("Person", "Cleo Field", "additional reporting"), ("Person", "Dan Lens", "photographer"),
    ]  # fmt: skip
    assert people[3]["url"] == "https://example.org/dan"
    plain = page_metadata(Article(id=2, headline="B", byline="A Reporter"), [], {}).json_ld["author"]
    assert plain == [{"@type": "Person", "name": "A Reporter"}]


def test_the_bundle_keeps_authors_and_still_reads_a_plain_byline(tmp_path: Path):
    path = tmp_path / "article.md"
    path.write_text(markdown_bundle_text(Article(headline="Bridge", body="Text.", authors=TEAM), [], {}), encoding="utf-8")
    assert "authors:" in path.read_text() and "role: photographer" in path.read_text()
    again = read_bundle(path).article
    assert again.authors == TEAM
    assert again.byline == byline_from(TEAM)
    path.write_text("---\nheadline: X\nbyline: A Reporter\n---\nText.\n", encoding="utf-8")
    assert (read_bundle(path).article.byline, read_bundle(path).article.authors) == ("A Reporter", ())
    path.write_text("---\nheadline: X\nauthors: [Ann, Bo]\n---\nText.\n", encoding="utf-8")
    assert read_bundle(path).article.byline == "Ann, Bo"


def test_authors_through_the_command_line(store):
    run(store, "set", SLUG, "--authors", "Anna Reporter, Dan Lens:photographer")
    shown = json.loads(run(store, "show", SLUG, "--json").stdout)
    assert shown["authors"] == [
        {"name": "Anna Reporter", "role": "writer", "url": ""}, {"name": "Dan Lens", "role": "photographer", "url": ""},
    ]  # fmt: skip
    assert shown["byline"] == "A Reporter"  # the string field is kept as it was
    assert "has no name" in one_sentence(run(store, "set", SLUG, "--authors", ":editor", check=False))
