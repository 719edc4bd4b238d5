"""Exported pages checked by the real tools: the Nu Html Checker and axe-core in Chromium.

The tools live in $CHECK_HTML_TOOLS (default ~/.cache/check-html); `tools/install-check-tools`
installs them. When they are missing these tests fail if $CI is set and skip otherwise.
The Nu checker runs once (one java process) and axe once (one node process, one browser)
for all pages.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import subprocess
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image, ImageDraw, ImageFilter

from desktop_editor.core.export import ExportFormat, export_article
from desktop_editor.core.model import Article, Figure
from desktop_editor.core.text import word_count
from tests.e2e.story import export_story

TOOLS = Path(os.environ.get("CHECK_HTML_TOOLS", "~/.cache/check-html")).expanduser()
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = TOOLS / "node_modules/axe-core/axe.min.js"
PLAYWRIGHT = TOOLS / "node_modules/playwright-core"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CORPUS_ARTICLE = (
    Path(__file__).resolve().parents[2].parent / "shared/corpus/articles/wikinews-gum/warhol.md"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = ["photos", "photos-single", "hostile", "corpus", "story", "story-single", "published"]


def require(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (run tools/install-check-tools)", pytrace=False)
    pytest.skip(reason)


# --- Pages -------------------------------------------------------------------------------


def camera_photo(seed: int, size=(2400, 1600), orientation: int = 1) -> bytes:
    """A photo-like JPEG with EXIF GPS, a serial number and a maker note."""
    rng = random.Random(seed)
    image = Image.new("RGB", (size[0] // 8, size[1] // 8), (90, 120, 160))
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y, r = rng.randrange(image.width), rng.randrange(image.height), rng.randrange(5, 60)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    image = image.filter(ImageFilter.GaussianBlur(2)).resize(size)
    exif = Image.Exif()
    exif[0x010F] = "Nikon"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-123456"
    exif.get_ifd(0x8769)[0x927C] = b"maker note"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 1.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def transparent_png() -> bytes:
    image = Image.new("RGBA", (640, 360), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle((40, 40, 600, 320), 40, fill=(11, 79, 138, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def photos_article() -> tuple[Article, list[Figure], dict[str, bytes]]:
    originals = {"s1": camera_photo(1), "s2": camera_photo(2, orientation=6), "s3": transparent_png()}
    figures = [
        Figure("bridge", "s1", caption="The new bridge as planned.", credit="City Council",
               alt="Artist's impression of a cable-stayed bridge over a river",
               creator="Jane Photographer", copyright="City Council 2026", position=0),
        Figure("mayor", "s2", caption="The mayor after the vote", credit="Ann Lee",
               alt="The mayor smiling at a lectern", position=1),
        Figure("logo", "s3", caption="The project's emblem.", credit="City Council",
               alt="Blue rounded rectangle", position=2),
    ]  # fmt: skip
    body = textwrap.dedent(
        """\
        The council voted **7-2** on Tuesday to build a cable-stayed bridge over the river,
        ending a decade of argument about the [crossing](https://example.org/crossing).

        ![](image:mayor)

        > "It is a good day for the city," the mayor said.

        ## What happens next

        Work starts in the spring. The plan has three stages:

        1. Clearing the banks.
        2. Building the towers.
        3. Hanging the deck.

        | Stage | Cost |
        |-------|------|
        | One   | £2m  |
        | Two   | £9m  |

        ![An emblem: a blue rounded rectangle](image:logo)

        Residents can comment until 30 April; see <mailto:bridge@example.org>.
        """
    )
    article = Article(
        id=1, headline="Council approves new bridge", standfirst="The crossing will open in 2028.",
        byline="A Reporter", slug="council-approves-new-bridge", tags=("transport", "council"),
        body=body, lead_image="bridge", language="en-GB",
        created=datetime(2026, 3, 1, 9, tzinfo=UTC), updated=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )  # fmt: skip
    return article, figures, originals


HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "[link](javascript:alert(1))",
    "[link](JaVaScRiPt:alert(1))",
    "[link](&#106;avascript:alert(1))",
    "<svg onload=alert(1)><circle r=5></circle></svg>",
    "<math><mi>x</mi></math>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    "<form action=\"https://evil.example/\"><input name=x></form>",
    "<style>body{display:none}</style>",
    "![x](https://evil.example/track.png)",
    "' onmouseover='alert(1)",
]


def hostile_article() -> tuple[Article, list[Figure], dict[str, bytes]]:
    joined = " ".join(HOSTILE)
    body = "\n\n".join(HOSTILE) + "\n\n![](image:shot)\n\nThe end."
    article = Article(
        id=2, headline="</script><script>alert(1)</script>", standfirst=joined,
        byline="<b onclick=alert(1)>Mallory</b>", slug="../../etc", tags=tuple(HOSTILE[:4]),
        language='en"><script>alert(1)</script>', body=body, lead_image="lead",
        created=datetime(2026, 3, 1, tzinfo=UTC),
    )  # fmt: skip
    figures = [
        Figure(handle, "s1", caption=joined, credit=HOSTILE[1], alt=HOSTILE[2],
               creator=HOSTILE[3], copyright=HOSTILE[0], position=n)
        for n, handle in enumerate(("lead", "shot"))
    ]  # fmt: skip
    return article, figures, {"s1": camera_photo(3)}


_CORPUS_FIGURE = re.compile(
    r"!\[\]\((figure-\d+)\.\w+\)\n\*(.*?)\s*(?:Image|Video|Audio):\s*(.*?)\.?\*\n", re.S
)


def corpus_article() -> tuple[Article, list[Figure], dict[str, bytes]]:
    text = CORPUS_ARTICLE.read_text("utf-8")
    _, front, body = text.split("---\n", 2)
    title = re.search(r'^title: "(.*)"$', front, re.M).group(1)
    body = re.sub(r"\A\s*# .*\n", "", body)  # the headline is the article's own field
    figures, originals = [], {}

    def place(match: re.Match) -> str:
        n = len(figures)
        handle = match.group(1)
        caption = " ".join(match.group(2).split())
        credit = match.group(3).strip()
        originals[f"c{n}"] = camera_photo(10 + n, orientation=6 if n == 1 else 1)
        figures.append(
            Figure(handle, f"c{n}", caption=caption, credit=credit,
                   alt=f"Photograph {n + 1} of the story", position=n)
        )  # fmt: skip
        return f"![](image:{handle})\n"

    body = _CORPUS_FIGURE.sub(place, body)
    lead = figures[0].handle if figures else None
    if lead:
        body = body.replace(f"![](image:{lead})\n", "", 1)
    article = Article(
        id=3, headline=title, standfirst="Polaroids and prints from the Warhol Foundation.",
        byline="Wikinews contributors", slug="warhol", body=body, lead_image=lead,
        created=datetime(2014, 1, 28, tzinfo=UTC),
    )  # fmt: skip
    return article, figures, originals


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pages")
    built: dict[str, Path] = {}
    builders = {"photos": photos_article, "hostile": hostile_article}
    if CORPUS_ARTICLE.is_file():
        builders["corpus"] = corpus_article
    for name, build in builders.items():
        article, figures, originals = build()
        folder = export_article(article, figures, originals.__getitem__, root / name, ExportFormat.FOLDER)
        built[name] = folder / "index.html"
        if name == "photos":
            built["photos-single"] = export_article(
                article, figures, originals.__getitem__, root / "single", ExportFormat.SINGLE
            )
    story = export_story(root / "story")  # through the command line, from a real store
    built["story"] = story["folder"] / "index.html"
    built["story-single"] = story["single"]
    built["published"] = published_page(root / "published")
    return built


PUBLISHED = """---
title: "Ferries cancelled as storm nears"
author: "A Reporter"
description: "Crossings stop until Friday."
lead_image: pier
images:
  - handle: pier
    file: pier.jpg
    caption: "Waves over the pier..."
    credit: "Picture: Harbour Trust"
    alt: "Grey waves breaking over a stone pier"
---
All sailings were cancelled on Thursday.

![A map of the closed routes](https://maps.example/routes.png)

See ![the forecast chart](https://weather.example/chart.png) for the week.
"""


def published_page(root: Path) -> Path:
    """Through the command line with a settings file: base URL, publisher, publish time,
    remote images published as links, caption edge cases."""
    from tests.e2e.story import cli

    root.mkdir()
    (root / "pier.jpg").write_bytes(camera_photo(7))
    (root / "story.md").write_text(PUBLISHED, encoding="utf-8")
    settings = root / "house-style.toml"
    settings.write_text('base_url = "https://news.example/{slug}/"\npublisher = "The Example Gazette"\n')
    os.environ["DESKTOP_EDITOR_SETTINGS"] = str(settings)
    try:
        store = root / "store.sqlite"
        cli(store, "import", str(root / "story.md"))
        slug = "ferries-cancelled-as-storm-nears"
        cli(store, "set", slug, "--publish-at", "2026-05-01T09:00+01:00")
        for state in ("subbing", "ready", "published"):
            cli(store, "status", slug, state)
        cli(store, "correct", slug, "--text", "An earlier version gave the wrong day for the last sailing.")
        cli(store, "correct", slug, "--kind", "update", "--text", "Sailings resume on Saturday.")
        cli(store, "export", slug, "--out", str(root / "out"))
    finally:
        del os.environ["DESKTOP_EDITOR_SETTINGS"]
    html = (root / "out" / "index.html").read_text()
    assert "Waves over the pier... (Picture: Harbour Trust)" in html
    assert 'content="https://news.example/ferries-cancelled-as-storm-nears/images/' in html
    assert 'href="https://maps.example/routes.png"' in html and "Remote image" not in html
    assert '<footer class="corrections">' in html and "Update, <time" in html  # checked with the rest
    return root / "out" / "index.html"


def page_or_skip(pages: dict[str, Path], name: str) -> Path:
    if name not in pages:
        pytest.skip("../shared/corpus is absent")
    return pages[name]


def test_corpus_article_is_long_and_has_photos(pages):
    page_or_skip(pages, "corpus")
    article, figures, _ = corpus_article()
    assert word_count(article.body) > 1000 and len(figures) >= 3


# --- The Nu Html Checker -------------------------------------------------------------------


@pytest.fixture(scope="module")
def vnu_messages(pages) -> dict[str, list[dict]]:
    require(shutil.which("java") is not None, "java is not installed")
    require(VNU_JAR.is_file(), f"the Nu Html Checker is not installed in {TOOLS}")
    files = [str(path) for path in pages.values()]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report: {result.stderr[-2000:]}")
    by_page: dict[str, list[dict]] = {name: [] for name in pages}
    names = {Path(path).resolve(): name for name, path in pages.items()}
    for message in report.get("messages", []):
        path = Path(urlparse(message.get("url", "")).path).resolve()
        by_page.setdefault(names.get(path, "?"), []).append(message)
    return by_page


def _describe(messages: list[dict]) -> str:
    return "\n".join(
        f"{m.get('type')}/{m.get('subType', '')} line {m.get('lastLine')}: {m.get('message')} "
        f"[{(m.get('extract') or '')[:80]!r}]"
        for m in messages
    )


@pytest.mark.parametrize("name", PAGES)
def test_nu_html_checker_finds_no_errors(pages, vnu_messages, name):
    page_or_skip(pages, name)
    errors = [m for m in vnu_messages[name] if m.get("type") in ("error", "non-document-error")]
    assert not errors, _describe(errors)
    assert "?" not in vnu_messages, _describe(vnu_messages["?"])


@pytest.mark.parametrize("name", PAGES)
def test_nu_html_checker_finds_no_warnings(pages, vnu_messages, name):
    page_or_skip(pages, name)
    warnings = [m for m in vnu_messages[name] if m.get("type") != "error"]
    assert not warnings, _describe(warnings)


# --- axe-core in Chromium --------------------------------------------------------------------

AXE_RUNNER = """
const { chromium } = require('playwright-core');
const path = require('path');
(async () => {
  const [chromiumPath, axePath, tags, ...files] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run'] });
  const report = {};
  for (const file of files) {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => { const u = r.url();
      if (!u.startsWith('file:') && !u.startsWith('data:')) requests.push(u); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { errors.push('dialog: ' + d.message()); d.dismiss(); });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    const images = await page.evaluate(async () => {
      const all = Array.from(document.images);
      for (const i of all) i.loading = 'eager';  // lazy images below the fold load too
      await Promise.all(all.map((i) => i.decode().catch(() => null)));
      return all.map((i) => ({ src: i.currentSrc.slice(0, 80), ok: i.complete && i.naturalWidth > 0 }));
    });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate((t) => axe.run(document,
      { runOnly: { type: 'tag', values: t } }), tags.split(','));
    report[file] = {
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
      incomplete: result.incomplete.map((v) => v.id),
      passes: result.passes.length, requests, errors, images };
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(report));
})().catch((e) => { console.error('axe could not run: ' + e.message); process.exit(2); });
"""


@pytest.fixture(scope="module")
def axe_report(pages, tmp_path_factory) -> dict[str, dict]:
    require(shutil.which("node") is not None, "node is not installed")
    require(AXE_JS.is_file() and PLAYWRIGHT.is_dir(), f"axe-core or playwright-core is not installed in {TOOLS}")
    require(CHROMIUM.is_file(), f"Chromium is not installed at {CHROMIUM}")
    runner = tmp_path_factory.mktemp("axe") / "axe-run.js"
    runner.write_text(AXE_RUNNER)
    env = dict(os.environ, NODE_PATH=str(TOOLS / "node_modules"))
    files = [str(path) for path in pages.values()]
    result = subprocess.run(
        ["node", str(runner), str(CHROMIUM), str(AXE_JS), ",".join(AXE_TAGS), *files],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"axe could not run: {result.stderr[-2000:]}")
    raw = json.loads(result.stdout)
    return {name: raw[str(path)] for name, path in pages.items()}


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(pages, axe_report, name):
    page_or_skip(pages, name)
    report = axe_report[name]
    assert report["passes"] > 10
    assert not report["violations"], json.dumps(report["violations"], indent=1)


@pytest.mark.parametrize("name", PAGES)
def test_page_makes_no_requests_runs_nothing_and_shows_its_images(pages, axe_report, name):
    page_or_skip(pages, name)
    report = axe_report[name]
    assert report["requests"] == []
    assert report["errors"] == []
    assert report["images"] and all(image["ok"] for image in report["images"]), report["images"]
