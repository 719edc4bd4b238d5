"""Articles and revisions carry identities that are the same in every store (schema 0007)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def uids(store: Store, table: str) -> list[str]:
    with store.session() as session:
        return [row[0] for row in session.execute(text(f"SELECT uid FROM {table}"))]


def test_an_older_store_gets_identities_and_keeps_its_revisions(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0006_newsroom_words.sqlite", path)
    with Store(path) as store:
        article = store.find_article("council-approves-new-bridge")
        assert len(article.uid) == 36 and article.conflicts == ()
        assert [r.label for r in store.list_revisions(article.id)] == ["first draft"]
        (revision_uid,) = uids(store, "revisions")
        assert len(revision_uid) == 36 and revision_uid != article.uid


def test_new_articles_copies_and_revisions_get_their_own_identity(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        first = store.create_article(Article(headline="One"))
        copy = store.duplicate_article(first.id)
        given = store.create_article(first.replace(id=None, slug=""))  # an Article with a uid asks for none
        store.take_revision(first.id)
        store.take_revision(first.id)
        assert len({first.uid, copy.uid, given.uid}) == 3
        assert store.get_article(first.id).uid == first.uid
        assert len(set(uids(store, "revisions"))) == 2


def test_every_store_has_its_own_id(backend_url, tmp_path):
    with Store(backend_url) as one, Store(tmp_path / "other.sqlite") as other:
        ids = []
        for store in (one, other):
            with store.session() as session:
                ids.append(session.execute(text("SELECT value FROM store_meta WHERE name = 'store_id'")).scalar())
        assert all(len(i) == 36 for i in ids) and ids[0] != ids[1]
