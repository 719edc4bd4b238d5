"""desktop-editor --self-test: is this installation whole? Checked headless, step by step.

What breaks when the app is installed or bundled rather than run from a checkout: the
package's resources (template, stylesheet, icon), the Alembic migrations, the store host
started as a process of its own, the image libraries, and Qt WebEngine with its helper
process and data files. Each step here uses the same code the window and the command line
use, in a temporary folder that is removed afterwards, and prints one line; the last line
says in one sentence whether the installation passed. Exit status 0 when every step passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop_editor import __version__
from desktop_editor.core.text import counted

HEADLINE = "Harbour bridge reopens after repairs"
WEBENGINE_TIMEOUT = 60.0  # seconds for Chromium to start and load the page; usually about 2

SAMPLE = f"""---
headline: "{HEADLINE}"
standfirst: "Traffic crossed the river again on Monday morning."
byline: "A Reporter"
lead_image: bridge
images:
  - handle: bridge
    file: bridge.jpg
    caption: "The bridge at dawn."
    credit: "Desk Photographer"
    alt: "A bridge over a river under an orange sky"
---
The bridge reopened at **six o'clock**, two weeks earlier than planned.

![](image:bridge)

Engineers replaced the expansion joints on both spans.
"""


class CheckFailed(Exception):
    """One step found something wrong: str() says what."""


def _sample_photo(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (240, 160, 80))
    draw = ImageDraw.Draw(image)
    for y in range(0, 800, 8):  # a sky that is not one flat colour (a real JPEG's work)
        draw.rectangle((0, y, 1200, y + 8), fill=(240 - y // 8, 160 - y // 10, 80 + y // 8))
    draw.rectangle((0, 560, 1200, 800), fill=(40, 70, 110))
    draw.polygon([(100, 560), (600, 380), (1100, 560)], outline=(30, 30, 30), width=12)
    image.save(path, "JPEG", quality=88)


def _check(condition: object, problem: str) -> None:
    if not condition:
        raise CheckFailed(problem)


def check_resources() -> str:
    from importlib import resources

    from desktop_editor.core.page import stylesheet

    files = resources.files("desktop_editor.resources")
    for name in ("page.html.j2", "header.html.j2", "article.css", "io.github.desktop_editor.svg", "io.github.desktop_editor-32.png"):
        _check(files.joinpath(name).is_file(), f"the resource {name} is missing")
    _check(".figure" in stylesheet(), "the stylesheet has no figure rules")
    return "resources: page template, header template, stylesheet and app icon are installed"


def check_store_host(folder: Path, state: dict) -> str:
    from desktop_editor import workflows
    from desktop_editor.storage.client import StoreClient

    (folder / "sample").mkdir()
    _sample_photo(folder / "sample" / "bridge.jpg")
    (folder / "sample" / "article.md").write_text(SAMPLE, "utf-8")
    location = str(folder / "store.sqlite")
    with StoreClient(location) as client:
        _check(client.wait_ready(WEBENGINE_TIMEOUT), "the store host did not open the store in time")
        _check(client.pid != os.getpid(), "the store host is not a process of its own")
        article, warnings = workflows.import_file(client, folder / "sample" / "article.md")
        _check(not warnings, f"the sample import warned: {'; '.join(warnings)}")
        figures = client.figures(article.id)
        _check([f.handle for f in figures] == ["bridge"], "the sample photo was not attached")
        pid = client.pid
    state["location"], state["article_id"] = location, article.id
    return (
        f"store host: started as process {pid}, created a store (migrations ran) and "
        f"imported the sample article with a {figures[0].width}×{figures[0].height} photo"
    )


def check_picture_worker(folder: Path) -> str:
    from desktop_editor.core.picture_worker import PictureWorker

    worker = PictureWorker()
    try:
        thumbnail = worker.run("thumbnail", (folder / "sample" / "bridge.jpg").read_bytes(), 160)
        pid = worker.pid
    finally:
        worker.close()
    _check(thumbnail.startswith(b"\xff\xd8"), "the picture worker did not make a JPEG thumbnail")
    _check(pid != os.getpid(), "the picture worker is not a process of its own")
    return f"picture worker: started as process {pid} and made the sample photo's thumbnail"


def check_render(state: dict) -> str:
    from desktop_editor.core.figure_view import FigureView, RenderContext
    from desktop_editor.core.page import lead_figure_html, render_page
    from desktop_editor.core.rendering import BlockRenderer
    from desktop_editor.storage import schema
    from desktop_editor.storage.store import Store

    with Store(state["location"]) as store:
        _check(schema.check_sqlite_file(store.path) == schema.HEAD_REVISION, "the store is not at the newest schema")
        article = store.get_article(state["article_id"])
        figures = store.figures(article.id)
        image = store.image_bytes(figures[0].image_sha256)
    views = {
        f.handle: FigureView(f.handle, f"desktop-editor://image/{f.image_sha256}", f.alt, f.caption, f.credit,
                             f.width, f.height)  # fmt: skip
        for f in figures
    }
    context = RenderContext(figures=views)
    body = "\n".join(block.html for block in BlockRenderer().render(article.body, context))
    page = render_page(article, body, lead_figure_html(article, context), preview=True)
    _check(HEADLINE in page, "the rendered page has no headline")
    _check("<figure" in page and "Desk Photographer" in page, "the rendered page has no figure with its credit")
    _check(image[:2] == b"\xff\xd8", "the stored photo is not the JPEG imported")
    return f"render: the preview page has the headline, the figure and its credit ({len(page):,} characters)"


def check_export(folder: Path, state: dict) -> str:
    from desktop_editor import workflows
    from desktop_editor.storage.store import Store

    with Store(state["location"]) as store:
        article = store.get_article(state["article_id"])
        written = workflows.export(store, article, folder / "export", "folder")
    index = written / "index.html"
    _check(index.is_file(), "the export has no index.html")
    html = index.read_text("utf-8")
    _check(HEADLINE in html, "the exported index.html has no headline")
    _check("<figure" in html, "the exported index.html has no figure")
    images = sorted(p for p in written.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".webp", ".avif"})
    _check(images, "the export has no image files")
    state["index"] = index
    return f"export: {index} has the headline and the figure; {counted(len(images), 'image file')}"


def check_webengine(state: dict) -> str:
    """Chromium (QtWebEngineProcess, its resources and locales) loads the exported page."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, whatever display there is
    from desktop_editor.ui.app import prepare_qt

    prepare_qt()  # what the window sets before Qt starts (Chromium flags)
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, QUrl
    from desktop_editor.ui.drafting.web_engine import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    view = QWebEngineView()  # shown on the offscreen screen: Chromium paints only what is shown
    view.resize(900, 700)
    view.show()
    page = view.page()
    loop = QEventLoop()
    outcome: dict = {}

    def loaded(ok: bool) -> None:
        outcome["loaded"] = ok
        script = (
            "JSON.stringify({h1: (document.querySelector('h1') || {}).textContent || '',"
            " figures: document.querySelectorAll('figure').length,"
            # the lead photo loads with the page; body photos load lazily, when scrolled to
            " widths: Array.from(document.querySelectorAll('img:not([loading=lazy])'))"
            ".map(i => i.complete ? i.naturalWidth : -1)})"
        )
        if ok:
            page.runJavaScript(script, 0, answered)
        else:
            loop.quit()

    def answered(result) -> None:
        outcome["dom"] = result
        loop.quit()

    page.loadFinished.connect(loaded)
    QTimer.singleShot(int(WEBENGINE_TIMEOUT * 1000), loop.quit)
    started = time.monotonic()
    page.load(QUrl.fromLocalFile(str(state["index"])))
    loop.exec()
    seconds = time.monotonic() - started
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    _check("loaded" in outcome, f"Qt WebEngine did not load the page within {WEBENGINE_TIMEOUT:.0f} s")
    _check(outcome["loaded"], "Qt WebEngine could not load the exported page")
    _check("dom" in outcome, "Qt WebEngine loaded the page but did not answer a query about it")
    import json

    dom = json.loads(outcome["dom"])
    _check(HEADLINE in dom["h1"], f"Qt WebEngine shows the headline as {dom['h1']!r}")
    _check(dom["figures"] >= 1, "Qt WebEngine laid out no figure")
    _check(dom["widths"] and all(w > 0 for w in dom["widths"]), "Qt WebEngine could not decode the lead photo")
    return (
        f"Qt WebEngine: loaded the exported page offscreen in {seconds:.1f} s: headline, "
        f"{counted(dom['figures'], 'figure')}, the lead photo decoded"
    )


def spelling_note() -> str:
    """Spelling is optional: the app starts without Enchant or a dictionary. Never fails."""
    import importlib.util

    if importlib.util.find_spec("enchant") is None:
        return "spelling: pyenchant is not installed; the app runs without spelling"
    try:
        import enchant
    except Exception as error:  # ImportError when the system's Enchant library is missing
        return f"spelling: not available ({' '.join(str(error).split())}); the app runs without it"
    try:
        languages = enchant.list_languages()
    except Exception as error:
        return f"spelling: not available ({' '.join(str(error).split())}); the app runs without it"
    if not languages:
        return "spelling: Enchant is present but has no dictionary; the app runs without spelling"
    return f"spelling: Enchant dictionaries for {', '.join(sorted(languages)[:6])}"


def run_self_test(out=None) -> int:
    out = out or sys.stdout
    kind = "bundle" if getattr(sys, "frozen", False) else f"Python {sys.version.split()[0]}"
    print(f"Desktop Editor {__version__} self-test ({kind}, {sys.executable})", file=out, flush=True)
    with tempfile.TemporaryDirectory(prefix="desktop-editor-self-test-") as name:
        folder = Path(name)
        state: dict = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("resources", check_resources),
            ("store host", lambda: check_store_host(folder, state)),
            ("picture worker", lambda: check_picture_worker(folder)),
            ("render", lambda: check_render(state)),
            ("export", lambda: check_export(folder, state)),
            ("Qt WebEngine", lambda: check_webengine(state)),
        ]
        for label, step in steps:
            try:
                line = step()
            except Exception as error:  # any failure is the answer: say which step, and why
                sentence = " ".join(str(error).split()) or type(error).__name__
                print(f"FAILED {label}: {type(error).__name__}: {sentence}", file=out, flush=True)
                print(f"Self-test failed at the {label} step: this installation is incomplete.", file=out)
                return 1
            print(f"ok     {line}", file=out, flush=True)
    print(f"note   {spelling_note()}", file=out)
    print(f"Self-test passed: all {len(steps)} steps worked.", file=out)
    return 0
