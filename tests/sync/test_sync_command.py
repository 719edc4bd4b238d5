"""desktop-editor sync as a person or a script runs it: a real process, real store files."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from desktop_editor.core.model import Article, Figure
from desktop_editor.storage.store import Store
from tests.cli.conftest import SLUG, one_sentence, run, settings_file, store, story  # noqa: F401


def synced(store, desk, *extra) -> dict:
    return json.loads(run(store, "sync", "--desk", str(desk), "--json", *extra).stdout)


def test_sync_prints_what_it_did_and_then_that_nothing_is_left(store, tmp_path):
    desk = tmp_path / "desk.sqlite"
    said = run(store, "sync", "--desk", str(desk)).stdout
    assert said.startswith("Sent 1 article, 1 photo, 0 revisions; received 0 articles"), said
    assert run(store, "sync", "--desk", str(desk)).stdout.strip() == "Nothing to sync: this store and the desk hold the same."
    assert json.loads(run(desk, "show", SLUG, "--json").stdout)["uid"] == json.loads(run(store, "show", SLUG, "--json").stdout)["uid"]


def test_a_conflict_shows_in_show_json_on_both_sides(store, tmp_path):
    desk = tmp_path / "desk.sqlite"
    laptop_b = tmp_path / "b.sqlite"
    synced(store, desk)
    synced(laptop_b, desk)
    run(laptop_b, "set", SLUG, "--headline", "Council backs the bridge")
    run(store, "set", SLUG, "--headline", "Bridge approved 7-2")  # saved later
    synced(store, desk)
    report = synced(laptop_b, desk)
    assert report["merged"] == 1 and report["conflicts"][0]["field"] == "headline"
    synced(store, desk)
    for where in (store, desk, laptop_b):
        shown = json.loads(run(where, "show", SLUG, "--json").stdout)
        assert shown["headline"] == "Bridge approved 7-2"
        (conflict,) = shown["conflicts"]
        assert (conflict["field"], conflict["kept"], conflict["other"]) == ("headline", "Bridge approved 7-2", "Council backs the bridge")


def test_the_desk_comes_from_the_environment_or_the_settings_file(store, tmp_path):
    desk = tmp_path / "desk.sqlite"
    assert synced(store, desk)["sent"] == 1
    run(store, "set", SLUG, "--byline", "Jo Bloggs")
    by_env = json.loads(run(store, "sync", "--json", env={"DESKTOP_EDITOR_DESK": str(desk)}).stdout)
    assert by_env["sent"] == 1
    run(store, "set", SLUG, "--byline", "Jo Bloggs and Sam Smith")
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(f'desk = "{desk}"\n', encoding="utf-8")
    assert json.loads(run(store, "sync", "--json").stdout)["sent"] == 1
    settings_file().unlink()
    assert "No desk server is set" in one_sentence(run(store, "sync", check=False))


def test_an_unreachable_desk_is_one_sentence_soon_and_nothing_changes(store):
    before = json.loads(run(store, "show", SLUG, "--json").stdout)
    started = time.monotonic()
    refused = run(store, "sync", "--desk", "postgresql+psycopg://desk:secret@127.0.0.1:9/newsroom", check=False)
    sentence = one_sentence(refused)
    assert time.monotonic() - started < 10
    assert "cannot be reached" in sentence and "secret" not in sentence
    assert json.loads(run(store, "show", SLUG, "--json").stdout) == before
    with sqlite3.connect(store) as connection:
        assert connection.execute("SELECT count(*) FROM sync_bases").fetchone() == (0,)


def _big_story(path, photos: int) -> None:
    with Store(path) as store:
        article = store.create_article(Article(headline="Many photos", body="A story.\n"))
        for n in range(photos):
            data = os.urandom(1 << 20)
            sha = hashlib.sha256(data).hexdigest()
            store.put_image(sha, data, "JPEG", 800, 600, {})
            store.add_figure(article.id, Figure(handle=f"p{n}", image_sha256=sha, caption=f"Photo {n}"))
        for n in range(20):
            store.take_revision(article.id, "manual", f"draft {n}")


def _desk_images(desk) -> int:
    try:
        connection = sqlite3.connect(f"file:{desk}?mode=ro", uri=True, timeout=1)
        try:
            return connection.execute("SELECT count(*) FROM images").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_killing_sync_mid_way_leaves_nothing_half_written_and_the_next_sync_completes(tmp_path):
    local, desk = tmp_path / "laptop.sqlite", tmp_path / "desk.sqlite"
    _big_story(local, photos=40)
    command = [sys.executable, "-m", "desktop_editor", "--store", str(local), "sync", "--desk", str(desk)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _desk_images(desk) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "sync ended before it could be killed"
    with Store(desk) as store:
        with store.session() as session:
            from sqlalchemy import text

            images = session.execute(text("SELECT sha256, data, byte_size FROM images")).all()
            assert all(hashlib.sha256(data).hexdigest() == sha and len(data) == size for sha, data, size in images)
            assert 5 <= len(images) < 40  # stopped half-way, every photo there whole
    report = json.loads(run(local, "sync", "--desk", str(desk), "--json").stdout)
    assert report["photos_sent"] + len(images) == 40 and report["sent"] == 1
    assert synced(local, desk)["nothing_to_do"]
    with Store(desk) as store, Store(local) as laptop:
        (there,) = store.list_articles()
        (here,) = laptop.list_articles()
        assert len(store.figures(there.id)) == 40 and len(store.list_revisions(there.id)) == 20
        assert store.get_article(there.id).uid == laptop.get_article(here.id).uid


def test_typing_a_conflicting_caption_again_settles_it_on_every_store(store, tmp_path):
    desk, laptop_b = tmp_path / "desk.sqlite", tmp_path / "b.sqlite"
    synced(store, desk)
    synced(laptop_b, desk)
    run(laptop_b, "photo", SLUG, "bridge", "--caption", "The bridge at dusk.")
    run(store, "photo", SLUG, "bridge", "--caption", "The old bridge from the river.")
    synced(store, desk)
    report = synced(laptop_b, desk)
    assert [(c["field"], c["handle"]) for c in report["conflicts"]] == [("caption", "bridge")]
    run(laptop_b, "photo", SLUG, "bridge", "--caption", "The bridge at dusk, from the river.")
    synced(laptop_b, desk)
    synced(store, desk)
    for where in (store, desk, laptop_b):
        shown = json.loads(run(where, "show", SLUG, "--json").stdout)
        assert shown["conflicts"] == []
        assert [f["caption"] for f in shown["images"]] == ["The bridge at dusk, from the river."]


def test_setting_a_conflicting_field_settles_it_on_every_store(store, tmp_path):
    desk, laptop_b = tmp_path / "desk.sqlite", tmp_path / "b.sqlite"
    synced(store, desk)
    synced(laptop_b, desk)
    run(laptop_b, "set", SLUG, "--headline", "Council backs the bridge")
    run(store, "set", SLUG, "--headline", "Bridge approved 7-2")
    synced(store, desk)
    synced(laptop_b, desk)
    run(laptop_b, "set", SLUG, "--headline", "Council backs the bridge")
    synced(laptop_b, desk)
    synced(store, desk)
    for where in (store, desk, laptop_b):
        shown = json.loads(run(where, "show", SLUG, "--json").stdout)
        assert (shown["headline"], shown["conflicts"]) == ("Council backs the bridge", [])
