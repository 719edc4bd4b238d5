"""Every released schema revision upgrades in place, keeping every word."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from desktop_editor.storage.schema import HEAD_REVISION, SCHEMA_REVISIONS
from desktop_editor.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_known_revisions_match_the_migration_scripts():
    config = Config()
    config.set_main_option("script_location", str(resources.files("desktop_editor.storage").joinpath("migrations")))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [HEAD_REVISION]
    chain = [script.revision for script in scripts.walk_revisions()]
    assert list(reversed(chain)) == list(SCHEMA_REVISIONS)


@pytest.mark.parametrize("revision", SCHEMA_REVISIONS)
def test_a_fixture_store_of_each_revision_upgrades_in_place(tmp_path, revision):
    fixture = FIXTURES / f"store-{revision}.sqlite"
    assert fixture.exists(), f"no fixture store for {revision}: run tests/fixtures/make_stores.py"
    path = tmp_path / "old.sqlite"
    shutil.copy(fixture, path)
    with Store(path) as store:
        article = store.find_article("council-approves-new-bridge")
        assert article.headline == "Council approves new bridge"
        assert article.tags == ("transport", "council")
        assert "“It is a good day,” the mayor said." in article.body
        assert article.version == 3
        assert [s.id for s in store.search("mayor")] == [article.id]
        assert store.list_revisions(article.id)[0].label == "first draft"
        saved = store.save_article(article.replace(body=article.body + "\nMore."))
        assert saved.version == 4
        if revision != HEAD_REVISION:
            assert store.backup_path is not None and store.backup_path.exists()
        else:
            assert store.backup_path is None
            assert [f.handle for f in store.figures(article.id)] == ["bridge"]
    with Store(path) as again:
        assert again.get_article(article.id).body.endswith("More.")


@pytest.mark.parametrize("revision", SCHEMA_REVISIONS)
def test_revisions_kept_by_every_released_schema_still_list_and_restore(tmp_path, revision):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"store-{revision}.sqlite", path)
    with Store(path) as store:
        article = store.find_article("council-approves-new-bridge")
        (first_draft,) = store.list_revisions(article.id)
        assert (first_draft.label, first_draft.body) == ("first draft", "Draft.")
        restored = store.restore_revision(article, first_draft)
        assert restored.version == article.version + 1
        assert (restored.headline, restored.standfirst, restored.body) == ("Council approves new bridge", "", "Draft.")
        captions = {f.handle: f.caption for f in store.figures(article.id)}
        if revision < "0003":
            # Kept before revisions held more than the text: the rest stays as it is.
            assert (first_draft.fields, first_draft.figures) == ({}, {})
            assert (restored.byline, restored.tags, restored.word_target) == ("A Reporter", ("transport", "council"), 600)
            assert restored.lead_image is None
            if revision >= "0002":
                assert captions == {"bridge": "The new bridge as planned."}
        else:
            assert (restored.byline, restored.tags, restored.word_target) == ("Staff Reporter", ("transport",), 400)
            assert restored.lead_image == "bridge"
            assert captions == {"bridge": "The bridge."}
        before = store.list_revisions(article.id)[0]
        assert before.reason == "before restore"
        assert (before.body, before.fields["byline"], before.fields["tags"]) == (article.body, "A Reporter", ["transport", "council"])
