"""What the window loads before its first frame: only what that frame shows.

The start-up figure itself is measured from outside by benchmarks/run.py; these tests keep
the costly parts from creeping back onto the way to the first frame (Qt WebEngine, the
store's process and SQLAlchemy, the library, dialogs), and check that everything put off
arrives once the window is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store
from desktop_editor.ui.picture_desk.controller import THUMBNAIL_SIZE
from desktop_editor.workflows import attach_files
from tests.images import photo

HARNESS = r"""
import json, sys
import desktop_editor.ui.app as app

made = app.build_window

def build_window(*args, **kwargs):
    window = made(*args, **kwargs)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    # PySide6 makes a Qt class's Python type (and its enums) when first asked for it: those
    # made by the time the editor has drawn its first frame.
    drawn = []
    window.editor.first_painted.connect(lambda: drawn.extend(sorted(vars(sys.modules["PySide6.QtWidgets"]))))

    def painted():
        report = {
            "at_first_frame": sorted(sys.modules),
            "widget_types_at_first_frame": drawn,
            "library_at_first_frame": window.library is not None,
            "photos_at_first_frame": window.image_panel is not None,
        }

        def later(tries=400):
            settled = window.preview is not None and window.preview._ever_loaded
            settled = settled and window.library is not None and window.library.list.count() >= 2
            settled = settled and window.image_panel is not None and window.image_panel.thumbnails.count() == 1
            if not settled and tries:
                QTimer.singleShot(50, lambda: later(tries - 1))
                return
            report["library_rows"] = window.library.list.count() if window.library else 0
            report["text"] = window.editor.toPlainText()
            report["photos"] = window.image_panel.thumbnails.count() if window.image_panel else 0
            import linecache

            report["source_files_read"] = sorted(linecache.cache)
            report["qt_quick_module"] = "PySide6.QtQuick" in sys.modules
            report["pillow_in_window"] = "PIL" in sys.modules
            print(json.dumps(report), flush=True)
            window.close()

        later()

    window.first_painted.connect(painted)
    return window

app.build_window = build_window
sys.exit(app.run(sys.argv[1]))
"""

PUT_OFF = (
    "PySide6.QtWebEngineCore",  # Chromium: the preview follows the first frame
    "PySide6.QtWebEngineWidgets",
    "sqlalchemy",  # the store opens in its own process, after the first frame
    # The store host's client is made with the window, but starts the host, and loads what
    # talking to it takes, only after the first frame.
    "subprocess",
    "multiprocessing.connection",
    "pickle",
    "desktop_editor.ui.library.panel",  # the library column follows the first frame
    "desktop_editor.ui.picture_desk.panel",  # and so does the photo panel
    "desktop_editor.ui.drafting.preview",
    "markdown",  # the first page renders on a thread once the frame is shown
    "enchant",
)


def test_the_first_frame_waits_for_nothing_it_does_not_show(tmp_path):
    store_path = tmp_path / "store.sqlite"
    with Store(store_path) as store:
        for headline in ("Council budget", "Ferry strike ends"):  # the ferry story is the newest
            article = store.create_article(Article(headline=headline, body=f"{headline}: the story so far."))
        picture = tmp_path / "ferry.jpg"
        picture.write_bytes(photo(caption="The ferry at the quay.", credit="Port Authority"))
        attach_files(store, article.id, [picture])
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", HARNESS, str(store_path)],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0 and lines, result.stderr[-2000:]
    report = json.loads(lines[-1])
    loaded = set(report["at_first_frame"])
    early = [name for name in PUT_OFF if name in loaded]
    assert early == [], f"loaded before the first frame: {early}"
    assert report["library_at_first_frame"] is False
    assert report["photos_at_first_frame"] is False
    # ...and what was put off came after: the library lists both articles, the preview loaded.
    assert report["library_rows"] == 2
    assert report["text"].startswith("Ferry strike ends: the story so far.")
    assert report["photos"] == 1  # the photo panel came, with the article's photo
    # Nothing read the source of the modules the window imported (PySide6 would, for each
    # one after it, and keep every line in memory for the rest of the session).
    read = [name for name in report["source_files_read"] if "desktop_editor" in name or "markdown" in name]
    assert read == [], f"source kept in memory: {read[:5]}"
    # Wrapping a widget Qt made (the editor's viewport) would make PySide6 load every widget
    # class it has, to find the widget's type: milliseconds the first frame need not wait.
    assert "QWizard" not in report["widget_types_at_first_frame"]
    # Qt Quick's software renderer is chosen without PySide6's Qt Quick, QML and OpenGL modules.
    assert report["qt_quick_module"] is False
    # The photo no window had shown was decoded by the picture worker, not in the window: its
    # thumbnail was made and kept in the store, and the window never loaded Pillow.
    assert report["pillow_in_window"] is False
    with Store(store_path) as store:
        kept = store.thumbnail(store.figures(article.id)[0].image_sha256, THUMBNAIL_SIZE)
    assert kept is not None and kept.startswith(b"\xff\xd8")


def test_what_the_window_prints_is_not_swallowed_while_a_picture_decodes():
    # core.noise captures descriptor 2 while a picture decodes on a worker thread: the window's
    # own lines (a recovery file's path, say) printed meanwhile must still reach the terminal.
    script = (
        "import sys, threading\n"
        "from desktop_editor.core import noise\n"
        "from desktop_editor.ui.app import _keep_python_output_apart\n"
        "_keep_python_output_apart()\n"
        "inside, done = threading.Event(), threading.Event()\n"
        "def decode():\n"
        "    with noise.captured() as said:\n"
        "        inside.set(); done.wait(5)\n"
        "    print('captured:', said.messages, flush=True)\n"
        "worker = threading.Thread(target=decode); worker.start(); inside.wait(5)\n"
        "print('Your text was kept in recovered/story.md', file=sys.stderr, flush=True)\n"
        "done.set(); worker.join()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "Your text was kept in recovered/story.md" in result.stderr
    assert "captured: []" in result.stdout


def test_a_reopened_story_shows_its_kept_preview_pictures_without_loading_pillow(tmp_path):
    # Pillow and its codecs cost the window memory for the whole session; a preview picture
    # made once is kept in the store, and serving it again needs no decoding at all.
    store_path = tmp_path / "store.sqlite"
    with Store(store_path) as store:
        article = store.create_article(Article(headline="Ferry strike ends"))
        picture = tmp_path / "ferry.jpg"
        picture.write_bytes(photo(caption="The ferry at the quay.", credit="Port Authority"))
        attach_files(store, article.id, [picture])
        sha256 = store.figures(article.id)[0].image_sha256
    script = (
        "import sys\n"
        "from desktop_editor.storage.store import Store\n"
        "from desktop_editor.workflows import preview_image\n"
        f"store = Store({str(store_path)!r})\n"
        f"first = preview_image(store, {sha256!r}, 720)\n"
        "for name in [n for n in sys.modules if n == 'PIL' or n.startswith('PIL.')]: del sys.modules[name]\n"
        f"again = preview_image(store, {sha256!r}, 720)\n"
        "print(first == again, first[1], 'PIL' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "image/jpeg", "False"], result.stderr[-2000:]
