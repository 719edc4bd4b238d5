"""The live preview: a locked-down QWebEngineView patched in place as the reporter types.

Page scripts are off and every request outside our own scheme is refused, so the preview
never reaches the network. Updates replace only the blocks that changed, through scripts
run in Qt's isolated application world (which page settings cannot switch off).
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import parse_qs

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from desktop_editor.ui.drafting.render import block_html
from desktop_editor.ui.drafting.scheme import SCHEME
from desktop_editor.ui.drafting.web_engine import prepare_web_engine
from desktop_editor.ui.common.workers import Task

prepare_web_engine()  # before any profile, page or view exists
PAGE_URL = QUrl("desktop-editor://page/")
ALLOWED_SCHEMES = {SCHEME.decode(), "data", "about"}


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Refuses every request that would leave the app: http(s), file, ftp, ws..."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.refused: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        if url.scheme() not in ALLOWED_SCHEMES:
            self.refused.append(url.toString())
            info.block(True)


class StoreImageHandler(QWebEngineUrlSchemeHandler):
    """Serves desktop-editor://image/SHA256?w=WIDTH from the store, sized for the screen."""

    def __init__(self, image_source, pool, parent: QObject | None = None):
        super().__init__(parent)
        self._image_source = image_source  # (sha256, width) -> (bytes, mime)
        self._pool = pool
        self._jobs: set = set()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        url = job.requestUrl()
        if url.host() != "image":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        sha256 = url.path().strip("/")
        try:
            width = int(parse_qs(url.query()).get("w", ["1400"])[0])
        except ValueError:
            width = 1400
        task = Task(self._image_source, sha256, max(64, min(width, 2400)))
        self._jobs.add(job)
        job.destroyed.connect(lambda *_: self._jobs.discard(job))
        task.signals.finished.connect(lambda result, job=job: self._reply(job, result))
        task.signals.failed.connect(lambda _error, job=job: self._fail(job))
        task.start(self._pool)

    def _reply(self, job, result) -> None:
        if job not in self._jobs:
            return
        data, mime = result
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)

    def _fail(self, job) -> None:
        if job in self._jobs:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)


class PreviewPage(QWebEnginePage):
    def acceptNavigationRequest(self, url: QUrl, navigation_type, is_main_frame: bool) -> bool:  # noqa: N802
        # Only our own page loads; clicked links and redirects go nowhere.
        return url.scheme() in ALLOWED_SCHEMES and navigation_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked


_PATCH_SCRIPT = """(function (start, removeCount, html, header, lead) {
  var body = document.getElementById('article-body');
  if (!body) return -1;
  for (var i = 0; i < removeCount && body.children[start]; i++) body.removeChild(body.children[start]);
  if (html.length) {
    var template = document.createElement('template');
    template.innerHTML = html.join('');
    body.insertBefore(template.content, body.children[start] || null);
  }
  if (header !== null) {
    var old = document.querySelector('header.article-header');
    var t2 = document.createElement('template');
    t2.innerHTML = header;
    if (old) old.replaceWith(t2.content);
  }
  if (lead !== null) document.getElementById('lead').innerHTML = lead;
  return body.children.length;
})(%s, %s, %s, %s, %s)"""


# Benchmarks only: two animation frames after the DOM has the content, a frame showing it
# has been drawn; the page's title then says which request it was.
_FRAME_TITLE = "requestAnimationFrame(function(){requestAnimationFrame(function(){document.title='frame:%d';});})"


class PreviewView(QWebEngineView):
    """Shows a rendered article; after the first load, patches only what changed."""

    shown = Signal(int)  # request id whose content is now in the page
    needs_full_page = Signal()  # a result could only be patched in; ask for a whole page
    painted = Signal()  # the first page has been laid out
    frame_shown = Signal(int)  # with DESKTOP_EDITOR_TIMING set: request id drawn in a frame

    def __init__(self, image_source, image_pool, owner: QObject, parent=None):
        super().__init__(parent)
        # Off the record: no cache, no cookies on disk. Owned by the window, which deletes
        # it after this view and its page, as Qt WebEngine requires.
        self.profile = QWebEngineProfile(owner)
        self.guard = RequestGuard(self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.image_handler = StoreImageHandler(image_source, image_pool, self.profile)
        self.profile.installUrlSchemeHandler(SCHEME, self.image_handler)
        page = PreviewPage(self.profile, self)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False)
        self.setPage(page)
        self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)
        self._keys: list[str] = []
        self._header = ""
        self._notes: tuple = ()  # the corrections at the foot of the page loaded
        self._lead = ""
        self._article_id: int | None = None
        self._loaded = False
        self._ever_loaded = False
        self._loading = None  # the request id whose page is being loaded
        self._queued = None  # the newest result that arrived meanwhile
        self._color_scheme = self._page_scheme = "light"
        self.load_started_at = time.perf_counter()
        page.loadFinished.connect(self._load_finished)
        self._timing = bool(os.environ.get("DESKTOP_EDITOR_TIMING"))  # benchmarks: when a person sees the text
        self._frames = 0
        self._when_drawn: list = []  # callbacks for when_drawn()
        self._drawn_asked = 0
        page.titleChanged.connect(self._frame_titled)

    def show_result(self, result) -> None:
        """Show a RenderResult: a full load for a new article, else an in-place patch."""
        if self._loading is not None:
            self._queued = result  # applied when the page in flight has loaded
            return
        if not self.can_patch(result.article_id) or result.corrections != self._notes:
            # (The corrections at the page's foot are not patched in: they change rarely.)
            if result.page_html is None:
                self.needs_full_page.emit()
            else:
                self._full_load(result)
            return
        old, new = self._keys, [block.key for block in result.blocks]
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while (
            suffix < min(len(old), len(new)) - prefix
            and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
        ):
            suffix += 1
        inserted = [block_html(b.key, b.html) for b in result.blocks[prefix:len(new) - suffix]]
        header = result.header_html if result.header_html != self._header else None
        lead = result.lead_html if result.lead_html != self._lead else None
        self._keys, self._header, self._lead = new, result.header_html, result.lead_html
        script = _PATCH_SCRIPT % (
            prefix, len(old) - prefix - suffix, json.dumps(inserted),
            json.dumps(header), json.dumps(lead),
        )  # fmt: skip
        request_id = result.request_id
        if self._timing:  # in the same script: no second trip to the page before the frame
            script += ";" + _FRAME_TITLE % request_id
        self.page().runJavaScript(
            script, QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda _count, request_id=request_id: self.shown.emit(request_id),
        )  # fmt: skip

    def can_patch(self, article_id: int | None) -> bool:
        """True when a change to this article can be patched into the page in place."""
        return self._loaded and self._loading is None and article_id == self._article_id

    def show_kept_page(self, page) -> None:
        """A page kept from the last session (ui.drafting.page_cache.KeptPage), shown while
        the first render is made; that render then patches it like an edit."""
        self._start_load(0, page.article_id, page.block_keys, page.header_html, page.lead_html, page.page_html)

    def _full_load(self, result) -> None:
        self._notes = result.corrections
        keys = [block.key for block in result.blocks]
        self._start_load(result.request_id, result.article_id, keys, result.header_html, result.lead_html, result.page_html)

    def _start_load(self, request_id: int, article_id, keys: list[str], header: str, lead: str, page_html: str) -> None:
        self._loaded = False
        self._loading = request_id
        self._article_id = article_id
        self._keys = keys
        self._header, self._lead = header, lead
        # The preview's <html> says which colours the window has (article.css has a dark
        # block for it); an exported page never carries the attribute and stays light.
        self._page_scheme = self._color_scheme
        page_html = page_html.replace("<html ", f'<html data-preview="{self._color_scheme}" ', 1)
        self.setHtml(page_html, PAGE_URL)

    def _load_finished(self, ok: bool) -> None:
        request_id, self._loading = self._loading, None
        if request_id is None:
            return
        first = not self._ever_loaded
        self._loaded = ok  # a page that did not load is loaded whole by the next render
        self._ever_loaded = True
        if self._page_scheme != self._color_scheme:  # the colours changed while it loaded
            self.set_color_scheme(self._color_scheme)
        self.shown.emit(request_id)
        if self._timing:
            self.page().runJavaScript(_FRAME_TITLE % request_id, QWebEngineScript.ScriptWorldId.ApplicationWorld)
        if first:
            self.painted.emit()
        queued, self._queued = self._queued, None
        if queued is not None:
            self.show_result(queued)

    def when_drawn(self, callback) -> None:
        """callback() once a frame showing everything asked of the page so far is on screen
        (two animation frames later, reported through the page's title)."""
        self._when_drawn.append(callback)
        self._drawn_asked += 1  # a new title each time: the same one again would not be reported
        script = _FRAME_TITLE.replace("frame:", "drawn:") % self._drawn_asked
        self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)

    def _frame_titled(self, title: str) -> None:
        if title.startswith("drawn:"):
            callbacks, self._when_drawn = self._when_drawn, []
            for callback in callbacks:
                callback()
            return
        if not self._timing or not title.startswith("frame:"):
            return
        if not self._frames:
            from desktop_editor.ui.common.milestones import milestone

            milestone("preview_frame")
        self._frames += 1
        self.frame_shown.emit(int(title[6:]))

    def set_color_scheme(self, scheme: str) -> None:
        """"light" or "dark": the page's colours follow the window's."""
        self._color_scheme = scheme
        if self._loaded:
            script = "document.documentElement.setAttribute('data-preview', %s)" % json.dumps(scheme)
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)

    def color_scheme(self, callback) -> None:
        """The page's computed background colour, for tests."""
        self.page().runJavaScript(
            "document.documentElement.getAttribute('data-preview') + ' ' + getComputedStyle(document.body).backgroundColor",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            callback,
        )

    def release(self) -> None:
        """Delete this view with its page, then the profile, in the order Qt WebEngine needs
        (a profile outliving none of its pages); without it the process can crash on exit."""
        import shiboken6

        profile = self.profile
        shiboken6.delete(self)
        shiboken6.delete(profile)

    def scroll_to_block(self, index: int, where: float = 0.0, last: bool = False, within: float = 0.0) -> None:
        """Bring block index into view at where (0 top .. 1 bottom) of the page's height;
        within (0 .. 1) is how far into the block the cursor is, so a long paragraph shows
        the part being written or found, not only its start. The last block scrolls to the
        end of the page, its captions and credits too, the first to the top, with the
        headline."""
        if not self._loaded:
            return
        script = (
            "(function(i,f,last,w){var b=document.getElementById('article-body');"
            "var h=document.documentElement;"
            "if(last){window.scrollTo(0,h.scrollHeight);return;}"
            "if(i<=0&&w<=0){window.scrollTo(0,0);return;}"
            "var el=b&&b.children[Math.min(Math.max(i,0),b.children.length-1)];"
            "var t=el&&(el.firstElementChild||el);if(!t)return;"
            "var top=t.getBoundingClientRect().top;"
            "var bottom=(el.lastElementChild||el).getBoundingClientRect().bottom;"
            "var y=top+w*Math.max(0,bottom-top)+window.scrollY;"
            "window.scrollTo(0,Math.max(0,y-f*window.innerHeight));})(%d,%f,%s,%f)"
        ) % (index, min(0.8, where), "true" if last else "false", min(1.0, max(0.0, within)))
        self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)

    def text_content(self, callback) -> None:
        """The page's visible text, for tests and checks."""
        self.page().runJavaScript(
            "document.body ? document.body.innerText : ''",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            callback,
        )
