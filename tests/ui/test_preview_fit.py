"""The preview column at the window sizes reporters use: the page fits it as the exported page
fits a phone, with nothing clipped and no sideways scrolling."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWebEngineCore import QWebEngineScript, QWebEngineSettings

from desktop_editor.core.typography import smarten
from desktop_editor.ui.app import build_window
from desktop_editor.workflows import import_bundle
from tests.images import photo

LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
LONG_URL = "https://www.example.org/news/2015/06/baltops-exercise-begins-with-forty-ships-from-seventeen-nations"
HEADLINE = "'Strong Leadership' key as Nato's Baltic operator's exercise begins"

STORY = f"""---
headline: "{HEADLINE}"
standfirst: "Forty ships took part in the {LONG_WORD}-sized exercise."
byline: "A Reporter"
language: en-GB
lead_image: ocean
images:
  - handle: ocean
    file: images/ocean.jpg
    caption: "HMS Ocean in the Baltic Sea, see {LONG_URL}"
    credit: "Crown Copyright"
    alt: "A grey ship"
  - handle: deck
    file: images/deck.jpg
    caption: "Sailors on the flight deck of the {LONG_WORD}."
    credit: "Staff photographer"
    alt: "Sailors on a deck"
---
Forty ships sailed into the Baltic on Tuesday; {LONG_WORD} was not involved.

## Pneumonoultramicroscopicsilicovolcanoconiosis and the operator's exercise

Read more at {LONG_URL}/and-more.

![](image:deck)

`a_very_long_inline_code_identifier_that_does_not_break_anywhere_at_all()`

| Nation | Ships | Aircraft | Headquarters |
|---|---|---|---|
| Germany | 12 | 4 | Marinekommandozentrale |

The exercise runs for two weeks.
"""

# Run in Qt's isolated world, which works although the page's own scripts are off: the
# page's size, and every box whose content is wider than it (or sticks out of the page).
_MEASURE = """(function () {
  var root = document.documentElement, width = root.clientWidth, wide = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var box = e.getBoundingClientRect(), style = getComputedStyle(e);
    var clips = style.overflowX !== 'visible';
    if (box.width && (box.right > width + 0.5 || box.left < -0.5 ||
        (!clips && e.clientWidth && e.scrollWidth > e.clientWidth + 1)))
      wide.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(box.width) + '/' + e.scrollWidth);
  });
  // Words of the headline split across two lines: the headline set too large for the column.
  var split = [], headline = document.querySelector('.headline').firstChild, re = /\\S+/g, m;
  while ((m = re.exec(headline.data))) {
    var range = document.createRange();
    range.setStart(headline, m.index);
    range.setEnd(headline, m.index + m[0].length);
    var tops = {};
    Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width) tops[Math.round(r.top)] = 1; });
    if (Object.keys(tops).length > 1) split.push(m[0]);
  }
  var images = Array.prototype.slice.call(document.images);
  return JSON.stringify({
    inner: window.innerWidth, client: width, scroll: root.scrollWidth,
    body: document.body.scrollWidth, text: document.body.innerText, wide: wide, split: split,
    images: images.length,
    loaded: images.every(function (i) { return i.complete && i.naturalWidth > 0; })
  });
})()"""


def write_story(folder):
    images = folder / "images"
    images.mkdir(parents=True)
    (images / "ocean.jpg").write_bytes(photo(1600, 1067))
    (images / "deck.jpg").write_bytes(photo(1200, 800, color=(30, 120, 90)))
    path = folder / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


def measure(qtbot, window) -> dict:
    box = {}
    window.preview.page().runJavaScript(
        _MEASURE, QWebEngineScript.ScriptWorldId.ApplicationWorld, lambda value: box.setdefault("v", value)
    )
    qtbot.waitUntil(lambda: "v" in box, timeout=5000)
    return json.loads(box["v"])


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_preview_never_scrolls_sideways_at_common_window_sizes(qtbot, store, tmp_path, size):
    import_bundle(store, write_story(tmp_path / "bundle"))
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(*size)
    window.start()
    try:
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
        view = window.preview
        # The page's own scripts are off; the measuring script runs in Qt's isolated world.
        assert not view.page().settings().testAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled)
        state = {}

        def ready() -> bool:
            state.update(measure(qtbot, window))
            return (
                state["inner"] == view.width()  # Chromium has the column's present width
                and smarten(HEADLINE) in state["text"] and "The exercise runs" in state["text"]
                and state["images"] == 2 and state["loaded"]
            )  # fmt: skip

        qtbot.waitUntil(ready, timeout=20000)
        assert view.zoomFactor() == 1.0
        assert view.width() < 420, "the preview column is as narrow as reporters see it"
        assert state["scroll"] <= state["client"] <= view.width(), state
        assert state["body"] <= state["client"], state
        assert state["wide"] == [], state["wide"]
        assert state["split"] == [], "headline words broken for want of room"
    finally:
        window.close()
