"""The dateline and the kicker in the store (schema 0011): an older store upgraded keeps its
articles, and both fields are saved, kept by revisions, restored and read at start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_editor.core.model import Article
from desktop_editor.storage.snapshot import first_snapshot
from desktop_editor.storage.store import Store
from tests.storage.conftest import POSTGRES_URL, empty_postgres, migrate_to, needs_postgres

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_store_from_before_datelines_upgrades_and_keeps_its_article(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0010_review.sqlite", path)
    with Store(path) as store:
        article = store.find_article("council-approves-new-bridge")
        assert (article.headline, article.dateline, article.kicker) == ("Council approves new bridge", "", "")
        saved = store.save_article(article.replace(dateline="Brussels", kicker="Analysis"))
        assert saved.version == article.version + 1
    with Store(path) as again:
        article = again.get_article(saved.id)
        assert (article.dateline, article.kicker, article.body) == ("Brussels", "Analysis", saved.body)
    snapshot = first_snapshot(path, saved.id)  # what the window shows before the store opens
    assert (snapshot.article.dateline, snapshot.article.kicker) == ("Brussels", "Analysis")


def keeps_both(store: Store) -> None:
    article = store.create_article(Article(headline="Summit", body="Leaders met.", dateline="Brussels", kicker="Analysis"))
    assert (article.dateline, article.kicker) == ("Brussels", "Analysis")
    kept = store.take_revision(article.id, "manual", "first")
    assert (kept.fields["dateline"], kept.fields["kicker"]) == ("Brussels", "Analysis")
    changed = store.save_article(article.replace(dateline="Paris", kicker=""))
    assert (store.get_article(article.id).dateline, store.get_article(article.id).kicker) == ("Paris", "")
    restored = store.restore_revision(changed, kept)
    assert (restored.dateline, restored.kicker) == ("Brussels", "Analysis")
    assert store.list_revisions(article.id)[0].fields["dateline"] == "Paris"  # before the restore


def test_revisions_keep_and_restore_the_dateline_and_kicker(store):
    keeps_both(store)


@needs_postgres
def test_a_desk_server_keeps_them_too():
    with Store(empty_postgres(POSTGRES_URL)) as store:
        keeps_both(store)



@needs_postgres
def test_a_desk_server_from_before_datelines_upgrades_and_keeps_its_article():
    url = empty_postgres(POSTGRES_URL)
    migrate_to(
        url, "0010_review",
        "INSERT INTO articles (uid, slug, slug_locked, headline, standfirst, byline, tags, status, language, body,"
        " word_count, created, updated, version) VALUES ('6b1d2c3e-0000-4000-8000-000000000001', 'harbour-fire',"
        " false, 'Harbour fire', '', '', '[]', 'draft', 'en-GB', 'Smoke rose.', 2, now(), now(), 1)",
    )  # fmt: skip
    with Store(url, upgrade=True) as store:  # as `desktop-editor upgrade-store` does
        article = store.find_article("harbour-fire")
        assert (article.headline, article.body, article.dateline, article.kicker) == ("Harbour fire", "Smoke rose.", "", "")
        saved = store.save_article(article.replace(dateline="Kiel", kicker="Live"))
        assert (store.get_article(saved.id).dateline, store.get_article(saved.id).kicker) == ("Kiel", "Live")
