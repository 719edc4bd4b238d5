"""House typography (curly quotes, apostrophes, spaced en dashes) in the headline and
standfirst, whatever they came from: a bundle, a Word document or `set`."""

from __future__ import annotations

import io
import json
import zipfile

from tests.cli.conftest import STORY, run
from tests.images import photo

CURLED = "Trump’s ‘Strong Leadership’ praised – by NATO"


def show(store, slug: str) -> dict:
    return json.loads(run(store, "show", slug, "--json").stdout)


def test_an_imported_bundle_gets_house_quotes_in_headline_and_standfirst(tmp_path):
    folder = tmp_path / "bundle"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "bridge.jpg").write_bytes(photo(800, 533))
    text = STORY.replace('"Council approves new bridge"', "\"Trump's 'Strong Leadership' praised - by NATO\"")
    text = text.replace('"The crossing will open in 2028."', "'The mayor said \"at last\" today.'")
    (folder / "story.md").write_text(text, encoding="utf-8")
    store = tmp_path / "store.sqlite"
    run(store, "import", str(folder / "story.md"))
    (summary,) = json.loads(run(store, "list", "--json").stdout)
    article = show(store, summary["slug"])
    assert article["headline"] == CURLED
    assert article["standfirst"] == "The mayor said “at last” today."
    assert "straight quotes" not in run(store, "check", summary["slug"], check=False).stdout


def test_an_imported_word_document_gets_house_quotes_in_its_headline(tmp_path):
    from tests.docx import story_docx

    original = io.BytesIO(story_docx(photo(640, 480)))
    changed = io.BytesIO()
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"Council approves new bridge", b"Trump&apos;s &apos;Strong Leadership&apos; praised - by NATO")
            target.writestr(item, data)
    path = tmp_path / "story.docx"
    path.write_bytes(changed.getvalue())
    store = tmp_path / "store.sqlite"
    run(store, "import", str(path))
    (summary,) = json.loads(run(store, "list", "--json").stdout)
    assert summary["headline"] == CURLED


def test_set_gives_the_headline_and_standfirst_house_quotes(store):
    slug = "council-approves-new-bridge"
    run(store, "set", slug, "--headline", "Trump's 'Strong Leadership' praised - by NATO",
        "--standfirst", 'He said "thank you".')  # fmt: skip
    article = show(store, slug)
    assert (article["headline"], article["standfirst"]) == (CURLED, "He said “thank you”.")
