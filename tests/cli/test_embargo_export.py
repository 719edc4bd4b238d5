"""An embargoed story through the real command line: check and the page export wait, the
bundle and ninjs carry the embargo; ninjs validates against IPTC's schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from desktop_editor.core.ninjs import problems
from tests.cli.conftest import SLUG, run


def test_an_embargoed_story_waits_for_the_page_but_goes_to_the_wire_withheld(store, tmp_path):
    embargo = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    run(store, "set", SLUG, "--embargo", embargo.isoformat())
    checked = run(store, "check", SLUG, check=False)
    assert checked.returncode == 1 and "error: Embargo: The story is under embargo until" in checked.stdout
    refused = run(store, "export", SLUG, "--out", str(tmp_path / "page"), check=False)
    assert refused.returncode == 1 and "under embargo" in refused.stderr
    assert not (tmp_path / "page").exists()
    run(store, "export", SLUG, "--out", str(tmp_path / "out-bundle"), "--format", "markdown")
    assert f"embargo: '{embargo.isoformat()}'" in (tmp_path / "out-bundle" / "article.md").read_text()
    run(store, "export", SLUG, "--out", str(tmp_path / "wire"), "--format", "ninjs")
    item = json.loads((tmp_path / "wire" / "ninjs.json").read_text())
    assert problems(item) == []
    assert (item["pubstatus"], item["embargoed"]) == ("withheld", embargo.isoformat())
    (bridge,) = item["associations"]
    assert bridge["descriptions"][0] == {"role": "caption", "value": "The new bridge as planned."}
    assert all((tmp_path / "wire" / r["href"]).is_file() for r in bridge["renditions"])


def test_a_published_story_exports_with_its_publish_time_and_then_a_correction(store, tmp_path):
    for state in ("subbing", "ready", "published"):
        run(store, "status", SLUG, state)
    published = json.loads(run(store, "show", SLUG, "--json").stdout)["publish_at"]
    run(store, "export", SLUG, "--out", str(tmp_path / "first"))
    page = (tmp_path / "first" / "index.html").read_text()
    assert f'"datePublished": "{published}"' in page and f'"dateModified": "{published}"' in page
    run(store, "status", SLUG, "corrected", "--note", "The bridge's cost")
    corrected = json.loads(run(store, "show", SLUG, "--json").stdout)["corrected_at"]
    run(store, "export", SLUG, "--out", str(tmp_path / "second"))
    page = (tmp_path / "second" / "index.html").read_text()
    assert f'"datePublished": "{published}"' in page and f'"dateModified": "{corrected}"' in page
    run(store, "status", SLUG, "killed")
    assert "killed" in run(store, "export", SLUG, "--out", str(tmp_path / "third"), check=False).stderr
    run(store, "export", SLUG, "--out", str(tmp_path / "kill"), "--format", "ninjs")
    assert json.loads((tmp_path / "kill" / "ninjs.json").read_text())["pubstatus"] == "canceled"
