"""Every figure Desktop Editor promises, measured on this machine the way a person sees it,
printed as a table beside its goal.

Usage: python benchmarks/run.py [--json] [--check] [--only NAME,NAME]

Everything with a window runs under a real X server: $DISPLAY when set, else an Xvfb started
here (the output says which). Start-up is measured from outside, the same way for every
program: the process is started, then the X server is polled every 2 ms for a viewable
top-level window of that process. ReText, the comparison, is installed from PyPI into a
cached virtual environment (~/.cache/desktop-editor-bench/retext-venv) on first use.
The preview's times end at the first frame that shows the text: with DESKTOP_EDITOR_TIMING
set, the preview reports when two animation frames have passed after each change
(desktop_editor.ui.drafting.preview.PreviewView.frame_shown).
Each measurement runs in a fresh process (python benchmarks/run.py --child NAME), so one
figure cannot warm up another. --check exits 1 when a figure misses its goal (or could not be
measured), so the run can serve as a gate.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_ARTICLES = HERE.parent.parent / "shared" / "corpus" / "articles" / "wikinews-gum"
RETEXT_VENV = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "desktop-editor-bench" / "retext-venv"
HEADLINE = "Navy ships gather in the Baltic"
STANDFIRST = "Forty ships took part."

GOALS = {
    "startup_window_ms": ("", None),  # its goal is the ratio to ReText's, below
    "startup_bare_pyside6_window_ms": ("", None),
    "startup_retext_window_ms": ("", None),
    "startup_ratio_retext": ("<=", 1.0),
    "startup_preview_ms": ("<=", 700),
    "startup_preview_live_ms": ("", None),
    "startup_preview_cold_ms": ("", None),
    "preview_keystroke_2k_p50_ms": ("<=", 40),
    "preview_keystroke_20k_p50_ms": ("<=", 40),
    "preview_keystroke_20k_p90_ms": ("<=", 60),
    "ui_stall_max_ms": ("<=", 30),
    "preview_keystroke_20k_syncing_p50_ms": ("<=", 40),  # the same goals with a desk syncing
    "preview_keystroke_20k_syncing_p90_ms": ("<=", 60),
    "ui_stall_syncing_max_ms": ("<=", 30),
    "preview_keystroke_20k_suggesting_p50_ms": ("<=", 40),  # the same goals, suggesting
    "preview_keystroke_20k_suggesting_p90_ms": ("<=", 60),
    "open_with_review_ratio": ("<=", 1.2),
    "autosave_p99_ms": ("<=", 10),
    "search_10k_ms": ("<=", 20),
    "search_10k_pg_ms": ("<=", 50),
    "rss_mb": ("<=", 300),
    "rss_first_open_mb": ("<=", 300),
    "thumbnail_24mp_ms": ("<=", 60),
    "thumbnail_12mp_heic_ms": ("<=", 60),
    "thumbnail_12mp_heic_no_preview_ms": ("", None),
    "ingest_20x24mp_s": ("", None),
    "ingest_ui_stall_max_ms": ("<=", 50),
    "export_10x24mp_s": ("<=", 4),
    "export_10x24mp_single_core_s": ("", None),
    "export_2k_text_ms": ("<=", 150),
    "sync_first_story_s": ("<=", 3),
    "sync_first_story_receive_s": ("<=", 3),
    "sync_one_paragraph_ms": ("<=", 300),
    "sync_one_paragraph_receive_ms": ("<=", 300),
    "sync_20_laptops_rounds": ("<=", 3),
    "sync_20_laptops_words_kept": (">=", 1.0),
    "sync_nothing_10k_ms": ("<=", 200),
    "sync_nothing_10k_compare_ms": ("", None),
}


# --- Text for the articles measured -----------------------------------------------------------


def story_text(words: int) -> str:
    """Real news prose (the Wikinews corpus when present, else a generated stand-in), repeated
    to `words` words, in paragraphs with a heading and quotes every so often."""
    paragraphs: list[str] = []
    if CORPUS_ARTICLES.exists():
        for path in sorted(CORPUS_ARTICLES.glob("*.md")):
            body = path.read_text("utf-8").split("\n---\n", 1)[-1]
            paragraphs += [p for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "!", "*"))]
    if not paragraphs:
        sentence = "The council voted on Tuesday to approve the new bridge across the river, officials said."
        paragraphs = [" ".join([sentence] * 4)]
    out, count, index = [], 0, 0
    while count < words:
        paragraph = paragraphs[index % len(paragraphs)]
        if index % 12 == 5:
            paragraph = f"> {paragraph}"
        if index % 20 == 10:
            out.append("## Reaction")
        out.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return "\n\n".join(out)


def make_store(folder: Path, words: int) -> Path:
    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store

    path = folder / f"store-{words}.sqlite"
    with Store(path) as store:
        store.create_article(
            Article(headline="Navy ships gather in the Baltic", standfirst="Forty ships took part.", byline="A Reporter", body=story_text(words))
        )
    return path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def make_story_store(folder: Path, words: int = 600, photos: int = 0) -> Path:
    """The seed-size story (and optionally its photos, 4-11 MP, placed in the text as figures),
    made and attached with the app's own workflow before the app starts."""
    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store
    from desktop_editor.workflows import attach_files

    paragraphs = story_text(words).split("\n\n")
    files = [folder / f"photo-{n + 1}.jpg" for n in range(photos)]
    step = len(paragraphs) / (photos + 1)
    for number in reversed(range(photos)):  # figures spread through the text
        paragraphs.insert(round((number + 1) * step), f"![](image:{files[number].stem})")
    sizes = [(2448, 1632), (3000, 2000), (3264, 2448), (3648, 2736), (4064, 2704)]  # 4.0 to 11.0 MP
    if files:
        from images_bench import picture

        for number, path in enumerate(files):
            picture(sizes[number % len(sizes)], seed=number).save(path, "JPEG", quality=90)
    path = folder / f"story-{words}-{photos}.sqlite"
    with Store(path) as store:
        body = "\n\n".join(paragraphs)
        article = store.create_article(Article(headline=HEADLINE, standfirst=STANDFIRST, byline="A Reporter", body=body))
        if files:
            added, refused = attach_files(store, article.id, files)
            assert not refused and [f.handle for f in added] == [f.stem for f in files], (refused, added)
    return path


def note(text: str) -> None:
    """A line of context printed with the figures (the parent prints a child's notes)."""
    print(f"note: {text}", flush=True)


# --- The X server ------------------------------------------------------------------------------


def ensure_display() -> tuple[str, subprocess.Popen | None]:
    """$DISPLAY when set, else a new Xvfb (its display number chosen by the server)."""
    if os.environ.get("DISPLAY"):
        return f"X server: {os.environ['DISPLAY']}", None
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()  # written once the server accepts connections
    if not number:
        raise SystemExit("benchmarks: Xvfb did not start (is it installed?)")
    os.environ["DISPLAY"] = f":{number}"
    return f"X server: Xvfb :{number}", server


class _WindowAttributes(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int) for name in ("x", "y", "width", "height", "border_width", "depth")] + [
        ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]  # fmt: skip


class WindowWatcher:
    """Finds a viewable top-level window of a process (what `xdotool search --onlyvisible --pid`
    does) through Xlib in this process, cheaply enough to poll every couple of milliseconds."""

    IS_VIEWABLE = 2

    def __init__(self):
        x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
                                         ctypes.c_int, ctypes.c_ulong] + [ctypes.c_void_p] * 5  # fmt: skip
        x.XFree.argtypes = [ctypes.c_void_p]
        # A window can vanish between two requests: ignore the error instead of exiting.
        self._ignore = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _d, _e: 0)
        x.XSetErrorHandler(self._ignore)
        self.x = x
        self.display = x.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError(f"cannot open X display {os.environ.get('DISPLAY')}")
        self.root = x.XDefaultRootWindow(self.display)
        self.pid_atom = x.XInternAtom(self.display, b"_NET_WM_PID", 0)
        self._pids: dict[int, int | None] = {}

    def _children(self, window: int) -> list[int]:
        root, parent, children, count = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        found = (ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(count))
        if not self.x.XQueryTree(self.display, window, *found):
            return []
        found = [children[i] for i in range(count.value)]
        if children:
            self.x.XFree(children)
        return found

    def _pid(self, window: int) -> int | None:
        if window not in self._pids:
            kind, form, items, after = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
            data = ctypes.POINTER(ctypes.c_ulong)()
            pid = None
            status = self.x.XGetWindowProperty(self.display, window, self.pid_atom, 0, 1, 0, 6,  # XA_CARDINAL
                                               ctypes.byref(kind), ctypes.byref(form), ctypes.byref(items),
                                               ctypes.byref(after), ctypes.byref(data))  # fmt: skip
            if status == 0 and data:
                if form.value == 32 and items.value == 1:
                    pid = data[0]
                self.x.XFree(data)
            self._pids[window] = pid
        return self._pids[window]

    def visible_window(self, pid: int) -> bool:
        """True when a top-level window of pid (a child of the root, or of a window manager's
        frame) is viewable and at least 100x100."""
        for window in self._children(self.root):
            for candidate in (window, *self._children(window)):
                if self._pid(candidate) == pid:
                    attributes = _WindowAttributes()
                    if (self.x.XGetWindowAttributes(self.display, candidate, ctypes.byref(attributes))
                            and attributes.map_state == self.IS_VIEWABLE
                            and attributes.width >= 100 and attributes.height >= 100):  # fmt: skip
                        return True
        return False

    def forget(self) -> None:
        self._pids.clear()  # window ids are reused between programs


_watcher: WindowWatcher | None = None


def watcher() -> WindowWatcher:
    global _watcher
    if _watcher is None:
        _watcher = WindowWatcher()
    return _watcher


# --- Programs started and watched from outside -------------------------------------------------


class Launched:
    """A program started in its own session (so its whole tree can be ended), its window
    watched on the X server and its `timing EVENT EPOCH` stderr lines collected."""

    def __init__(self, command: list[str], env: dict):
        watcher().forget()
        self.marks: dict[str, float] = {}  # event -> ms after start
        self.started_epoch = time.time()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, env={**os.environ, "QT_QPA_PLATFORM": "xcb", **env}, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "timing":
                try:
                    self.marks.setdefault(parts[1], (float(parts[2]) - self.started_epoch) * 1000)
                except ValueError:
                    pass

    def window_ms(self, timeout: float = 60) -> float | None:
        """Milliseconds from start to a viewable top-level window of the process, polled."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline and self.process.poll() is None:
            if watcher().visible_window(self.process.pid):
                return (time.perf_counter() - self.started) * 1000
            time.sleep(0.002)
        return None

    def wait_mark(self, event: str, timeout: float) -> float | None:
        deadline = self.started + timeout
        while event not in self.marks and time.perf_counter() < deadline and self.process.poll() is None:
            time.sleep(0.01)
        return self.marks.get(event)

    def tree(self) -> list:
        import psutil

        try:
            root = psutil.Process(self.process.pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def end(self) -> None:
        """Close as a person's logout would (SIGTERM: the app saves and quits), then make sure
        nothing of the tree is left to compete with the next run."""
        import psutil

        members = self.tree()
        try:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for member in members:
            try:
                member.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(members, timeout=5)
        self.process.wait()


def retext_python() -> tuple[Path | None, str]:
    """The Python of a virtual environment with ReText from PyPI, made on first use."""
    python = RETEXT_VENV / "bin" / "python"
    probe = [str(python), "-c", "import ReText, PyQt6.QtWidgets; print(ReText.app_version)"]
    if python.exists():
        done = subprocess.run(probe, capture_output=True, text=True)
        if done.returncode == 0:
            return python, f"ReText {done.stdout.strip()} from PyPI, cached in {RETEXT_VENV}"
    try:
        venv = [sys.executable, "-m", "venv", "--clear", str(RETEXT_VENV)]
        subprocess.run(venv, check=True, capture_output=True, timeout=120)
        pip = [str(python), "-m", "pip", "install", "--quiet", "ReText", "PyQt6"]
        subprocess.run(pip, check=True, capture_output=True, timeout=600)
        done = subprocess.run(probe, capture_output=True, text=True, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", None) or str(error)
        detail = detail.decode() if isinstance(detail, bytes) else detail
        last = detail.strip().splitlines()[-1] if detail.strip() else str(error)
        return None, f"ReText could not be installed from PyPI, so its figures are unavailable ({last})"
    return python, f"ReText {done.stdout.strip()} installed from PyPI into {RETEXT_VENV}"


BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QPlainTextEdit())
window.resize(1000, 700)
window.show()
app.exec()
"""


def startup(folder: Path) -> dict:
    """Process start to the first viewable window, from outside, alternating between Desktop
    Editor, a bare PySide6 window and ReText with its live preview (median of 5 each, after one
    unmeasured start of each); Desktop Editor also to the preview's first frame with the text.

    Desktop Editor is started twice over: as a person reopens it (the unmeasured first start
    left the preview's page of the article and its picture, as any session does when it
    closes), and "cold", with nothing kept (a first start, or the article changed by another
    program since). Reopened, the preview's first frame is the kept picture's, painted with
    the window; startup_preview_live_ms is Chromium's own first frame of the page."""
    store = make_story_store(folder, 600)
    markdown = folder / "story.md"
    markdown.write_text(f"# {HEADLINE}\n\n*{STANDFIRST}*\n\n{story_text(600)}\n", "utf-8")
    retext_config = folder / "retext-config" / "ReText project"
    retext_config.mkdir(parents=True)
    (retext_config / "ReText.conf").write_text("[General]\ndefaultPreviewState=live-preview\n")
    retext, how = retext_python()
    note(how)
    ours = {"DESKTOP_EDITOR_TIMING": "1", "XDG_CONFIG_HOME": str(folder / "de-config"), "XDG_DATA_HOME": str(folder / "de-data"), "XDG_CACHE_HOME": str(folder / "de-cache")}
    programs = {
        "desktop_editor": ([sys.executable, "-m", "desktop_editor", "--store", str(store)], ours),
        "desktop_editor_cold": ([sys.executable, "-m", "desktop_editor", "--store", str(store)], ours),
        "bare_pyside6": ([sys.executable, "-c", BARE_WINDOW], {}),
    }
    if retext is not None:
        command = [str(retext), "-m", "ReText", "--new-window", str(markdown)]
        programs["retext"] = (command, {"XDG_CONFIG_HOME": str(folder / "retext-config")})
    windows: dict[str, list[float]] = {name: [] for name in programs}
    previews: dict[str, list[float]] = {"desktop_editor": [], "desktop_editor_cold": []}
    live: list[float] = []  # Chromium's first frame when reopened
    marks: dict[str, list[float]] = {}
    for run in range(6):  # run 0 warms the disk cache and writes bytecode: not counted
        names = list(programs)
        for name in names[run % len(names):] + names[: run % len(names)]:  # alternate, and rotate the order
            command, env = programs[name]
            if name == "desktop_editor_cold":
                env = {**env, "XDG_CACHE_HOME": str(folder / f"de-cache-empty-{run}")}
            launched = Launched(command, env)
            try:
                shown = launched.window_ms()
                if name in previews:
                    preview = launched.wait_mark("preview_frame", 60)
                else:
                    time.sleep(0.5)  # let it finish what it does after showing, as a person would
            finally:
                launched.end()
            if run == 0:
                continue
            if shown is None:
                note(f"{name}: no window within 60 s in run {run}")
                continue
            windows[name].append(shown)
            if name in previews and preview is not None:
                # The first frame showing the article in the preview: the last session's
                # picture of it when one was kept (painted with the window), else Chromium's.
                previews[name].append(min(preview, launched.marks.get("preview_picture", preview)))
                if name == "desktop_editor":
                    live.append(preview)
            if name == "desktop_editor":
                for event, moment in launched.marks.items():
                    marks.setdefault(event, []).append(moment)
            time.sleep(0.3)
    for name, values in windows.items():
        note(f"{name} window, ms per run: " + ", ".join(f"{v:.0f}" for v in values))
    in_order = sorted((statistics.median(values), event) for event, values in marks.items())
    note("Desktop Editor's own milestones, median ms after start: " + ", ".join(f"{e} {v:.0f}" for v, e in in_order))
    median = lambda values: statistics.median(values) if values else None  # noqa: E731
    # Both ways of starting Desktop Editor do the same until the window is on screen.
    ours = median(windows["desktop_editor"] + windows["desktop_editor_cold"])
    theirs = median(windows.get("retext", []))
    result = {
        "startup_window_ms": ours,
        "startup_bare_pyside6_window_ms": median(windows["bare_pyside6"]),
        "startup_retext_window_ms": theirs,
        "startup_ratio_retext": ours / theirs if ours and theirs else None,
        "startup_preview_ms": median(previews["desktop_editor"]),
        "startup_preview_live_ms": median(live),
        "startup_preview_cold_ms": median(previews["desktop_editor_cold"]),
    }
    result["_marks"] = {event: round(statistics.median(values), 1) for event, values in marks.items()}
    return result


def _process_role(process) -> str:
    """What a process of the app's tree is: the window, the store host or a Chromium one."""
    command = " ".join(process.cmdline())
    if "storage.host" in command or "--store-host" in command:
        return "store host"
    if "QtWebEngineProcess" in command:
        kind = next((part.split("=", 1)[1] for part in process.cmdline() if part.startswith("--type=")), "chromium")
        return f"chromium {kind}"
    return "window"


def rss(folder: Path) -> dict:
    """Memory of the app's whole process tree (PSS: shared pages split between the processes
    sharing them) 10 s after start, the seed-size story open with its 5 photos (4-11 MP) in
    the text, the photo panel and the preview. The tree: the app, its store host and the
    QtWebEngineProcess children.

    Two starts on one store: the first shows photos that no window has shown before (attached
    from the command line, say), so the window decodes them for the preview; the second is
    the story reopened, as a reporter meets it the next morning."""
    store = make_story_store(folder, 600, photos=5)
    env = {"DESKTOP_EDITOR_TIMING": "1", "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"), "XDG_CACHE_HOME": str(folder / "cache")}  # fmt: skip
    first = _tree_pss_at_10_s(store, env, "first open")
    return {"rss_mb": _tree_pss_at_10_s(store, env, "reopened"), "rss_first_open_mb": first}


def _tree_pss_at_10_s(store: Path, env: dict, label: str) -> float:
    import psutil

    launched = Launched([sys.executable, "-m", "desktop_editor", "--store", str(store)], env)
    try:
        if launched.wait_mark("preview_frame", 60) is None:
            raise RuntimeError("the preview did not show the article within 60 s")
        time.sleep(max(0.0, launched.started + 10 - time.perf_counter()))
        total, parts = 0, []
        for member in launched.tree():
            try:
                pss = getattr(member.memory_full_info(), "pss", None) or member.memory_info().rss
                total += pss
                parts.append(f"{_process_role(member)} {pss / 2**20:.0f}")
            except psutil.Error:
                pass
        seconds = time.perf_counter() - launched.started
        note(f"{label}: {len(parts)} processes ({', '.join(parts)} MB), {seconds:.1f} s after start")
        return total / 2**20
    finally:
        launched.end()


# --- A real window in this process ------------------------------------------------------------


class QtBench:
    """The app's window on the X server, on a store made for the measurement and opened the
    way the app opens it: in its own store host process, the window starting from the snapshot."""

    def __init__(self, folder: Path, words: int, store: Path | None = None):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        os.environ["DESKTOP_EDITOR_TIMING"] = "1"  # the preview reports the frames it shows
        from desktop_editor.ui.app import prepare_qt

        prepare_qt()
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication

        from desktop_editor.ui.app import build_window, open_store

        self.app = QApplication.instance() or QApplication([])
        self.store, snapshot = open_store(str(store or make_store(folder, words)), None)
        settings = QSettings(str(folder / f"bench-{words}.ini"), QSettings.Format.IniFormat)
        self.window = build_window(self.store, settings, snapshot=snapshot)
        self.window.resize(1400, 900)
        preview_ready = getattr(self.window, "preview_ready", None)  # as app.run: the store host
        if preview_ready is not None and hasattr(self.store, "start"):  # starts once the preview has painted
            preview_ready.connect(self.store.start)
            QTimer.singleShot(1500, self.store.start)
        self.window.start()
        self.wait_until(lambda: self.window.preview is not None and self.window.preview._ever_loaded, 60)
        self.store.wait_ready()  # open, whatever started it
        self.frames: list[tuple[float, int]] = []  # (perf_counter, request id) of each preview frame
        self.window.preview.frame_shown.connect(lambda request_id: self.frames.append((time.perf_counter(), request_id)))
        self.idle(1.0)

    def wait_until(self, condition, seconds: float) -> None:
        """Run the event loop until condition() holds, sleeping between events (no busy wait:
        on two cores a spinning loop would take the processor from what is measured)."""
        from PySide6.QtCore import QEventLoop, QTimer

        deadline = time.perf_counter() + seconds
        loop, wake = QEventLoop(), QTimer(interval=5)  # the condition is looked at every 5 ms or event
        wake.start()
        try:
            while not condition():
                if time.perf_counter() > deadline:
                    raise TimeoutError("the window did not get there in time")
                loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        finally:
            wake.stop()

    def idle(self, seconds: float) -> None:
        until = time.perf_counter() + seconds
        self.wait_until(lambda: time.perf_counter() >= until, seconds + 10)

    def close(self) -> None:
        self.window.close()
        self.store.close()

    def end_of_text(self) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = self.window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.window.editor.setTextCursor(cursor)

    def keystroke_to_frame(self, count: int, interval: float = 0.1) -> list[float]:
        """Type steadily, one key every `interval` seconds on a fixed schedule whatever the
        preview does; each key's latency runs from its scheduled time (a key the UI thread
        is too busy to take waits, as a person's would) to the first preview frame showing a
        render requested at or after it."""
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtTest import QTest

        editor, renders = self.window.editor, self.window.render_controller
        self.end_of_text()
        wanted: list[int] = []  # per key: the render request that includes it
        late: list[float] = []
        first = time.perf_counter() + 0.1
        timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer)

        def send():
            late.append((time.perf_counter() - (first + len(wanted) * interval)) * 1000)
            QTest.keyClick(editor, Qt.Key.Key_A if len(wanted) % 7 else Qt.Key.Key_Space)
            wanted.append(renders._next_id)
            if len(wanted) < count:
                timer.start(max(0, round((first + len(wanted) * interval - time.perf_counter()) * 1000)))

        timer.timeout.connect(send)
        timer.start(100)
        caught_up = lambda: len(wanted) == count and self.frames and self.frames[-1][1] >= wanted[-1]  # noqa: E731
        self.wait_until(caught_up, count * interval + 30)
        latencies = []
        for index, request_id in enumerate(wanted):
            shown = next(moment for moment, frame_id in self.frames if frame_id >= request_id)
            latencies.append((shown - (first + index * interval)) * 1000)
        note(f"{count} keys at {1 / interval:.0f}/s, the key timer up to {max(late):.1f} ms late")
        return latencies

    def stall_while(self, start, done, *, keystrokes: int = 0, after_s: float = 0.0) -> float:
        """Longest event-loop block (ms) while work runs (and after_s seconds more, for the
        saves that typing causes), sampled by a 2 ms timer."""
        from PySide6.QtCore import QTimer
        from PySide6.QtTest import QTest

        gaps = []
        last = [time.perf_counter()]

        def tick():
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000 - 2)
            last[0] = now

        timer = QTimer(interval=2)
        timer.timeout.connect(tick)
        timer.start()
        typed = [0]

        def type_one():
            if typed[0] < keystrokes:
                QTest.keyClicks(self.window.editor, "e" if typed[0] % 6 else " ")
                typed[0] += 1

        typist = QTimer(interval=25)  # a fast typist: 40 characters a second
        typist.timeout.connect(type_one)
        if keystrokes:
            typist.start()
        last[0] = time.perf_counter()
        start()
        self.wait_until(lambda: done() and typed[0] >= keystrokes, 300)
        typist.stop()
        self.idle(after_s)
        timer.stop()
        typist.stop()
        return max(gaps) if gaps else 0.0


def child_keystrokes(folder: Path) -> dict:
    result = {}
    bench = QtBench(folder, 2000)
    times = bench.keystroke_to_frame(50)[5:]
    result["preview_keystroke_2k_p50_ms"] = statistics.median(times)
    bench.close()
    bench = QtBench(folder, 20000)
    times = bench.keystroke_to_frame(100)[5:]
    result["preview_keystroke_20k_p50_ms"] = statistics.median(times)
    result["preview_keystroke_20k_p90_ms"] = percentile(times, 0.9)
    bench.end_of_text()
    bench.idle(1.0)
    saves = []
    document = bench.window.document
    document.saved.connect(saves.append)
    result["ui_stall_max_ms"] = bench.stall_while(lambda: None, lambda: True, keystrokes=200, after_s=2.0)
    assert len(saves) >= 5, "typing for five seconds should have been saved every second"
    spent = []
    for _ in range(100):
        # As in use: the autosave timer fires after a pause in typing, when the preview has
        # caught up; what is measured is the UI thread's share of one save (the write itself
        # happens in the store host process).
        bench.window.editor.insertPlainText("x")  # schedules a save; taken over just below
        bench.wait_until(lambda: not bench.window.render_controller._running, 10)
        started = time.perf_counter()
        document.save_soon()
        spent.append((time.perf_counter() - started) * 1000)
        document.worker.wait()
        bench.app.processEvents()
    result["autosave_p99_ms"] = percentile(spent, 0.99)
    bench.close()
    return result


# Another laptop, in a process of its own: every 2 s it changes the story's first paragraph
# and syncs with the desk, so that changes arrive in the window while it is typed into.
OTHER_LAPTOP = """
import sys, time
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
laptop, desk, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
with Store(laptop) as other, Store(desk) as server:
    until, count = time.monotonic() + seconds, 0
    while time.monotonic() < until:
        sync(other, server, "other laptop", "desk")
        article = other.get_article(other.list_articles()[0].id)
        first, rest = article.body.split("\\n\\n", 1)
        count += 1
        other.save_article(article.replace(body=f"{first} Update {count}.\\n\\n{rest}"))
        sync(other, server, "other laptop", "desk")
        time.sleep(2.0)
    print(count)
"""


def child_keystrokes_syncing(folder: Path) -> dict:
    """The 20,000-word typing figures with a desk server set (a SQLite file): the window's
    store host syncs by itself (about a second after a save, every 5 s besides) while another
    laptop changes the story's first paragraph every 2 s, so its words arrive in the editor
    (merged with what is typed) while the keys are measured."""
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync

    desk = folder / "desk.sqlite"
    os.environ["DESKTOP_EDITOR_DESK"] = str(desk)
    (folder / "laptop").mkdir()
    bench = QtBench(folder / "laptop", 20000)
    other = folder / "other.sqlite"
    with Store(other) as laptop, Store(desk) as server:
        bench.wait_until(lambda: server.article_count() == 1, 30)  # the window's first sync sent it
        sync(laptop, server, "other laptop", "desk")
    arrived = []
    bench.window.document.body_arrived.connect(arrived.append)
    typist = subprocess.Popen([sys.executable, "-c", OTHER_LAPTOP, str(other), str(desk), "40"], stdout=subprocess.PIPE, text=True)
    try:
        bench.idle(3.0)
        times = bench.keystroke_to_frame(100)[5:]
        stall = bench.stall_while(lambda: None, lambda: True, keystrokes=200, after_s=2.0)
    finally:
        typist.kill()
        typist.wait()
    typed_and_arrived = bench.window.editor.toPlainText()
    bench.close()
    note(f"with a desk syncing: the other laptop's changes arrived in the editor {len(arrived)} times while keys were typed")
    assert arrived, "no change from the other laptop arrived while typing"
    assert "Update 1." in typed_and_arrived
    return {
        "preview_keystroke_20k_syncing_p50_ms": statistics.median(times),
        "preview_keystroke_20k_syncing_p90_ms": percentile(times, 0.9),
        "ui_stall_syncing_max_ms": stall,
    }


def child_review(folder: Path) -> dict:
    from review_bench import measure

    return measure(folder, QtBench, story_text)


def child_ingest(folder: Path) -> dict:
    from export_bench import photo

    photos = []
    for index in range(20):
        path = folder / f"photo-{index:02}.jpg"
        path.write_bytes(photo(index))
        photos.append(path)
    bench = QtBench(folder, 500)
    images = bench.window.images
    finished = {"done": False}
    images.import_finished.connect(lambda *_: finished.__setitem__("done", True))
    started = time.perf_counter()
    stall = bench.stall_while(lambda: images.add_files(photos), lambda: finished["done"])
    elapsed = time.perf_counter() - started
    assert len(bench.store.figures(bench.window.document.article.id)) == 20
    bench.close()
    return {"ingest_20x24mp_s": elapsed, "ingest_ui_stall_max_ms": stall}


def search(folder: Path) -> dict:
    from desktop_editor.core.model import Article
    from desktop_editor.storage import articles
    from desktop_editor.storage.store import Store

    paragraphs = story_text(60000).split("\n\n")
    with Store(folder / "search.sqlite") as store:
        with store._write() as session:  # one transaction: making 10,000 articles is not measured
            for index in range(10000):
                body = "\n\n".join(paragraphs[(index + k) % len(paragraphs)] for k in range(4))
                articles.create(session, Article(headline=f"Story {index}", body=body))
        times = []
        for query in ("council", "bridge vote", "minister said", "robot", "election results", "zzzz"):
            for _ in range(5):
                started = time.perf_counter()
                store.search(query)
                times.append((time.perf_counter() - started) * 1000)
    figures = {"search_10k_ms": statistics.median(times)}
    from postgres_bench import search_10k_pg_ms  # on a desk server, when one is given

    on_server = search_10k_pg_ms(os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES"))
    if on_server is not None:
        figures["search_10k_pg_ms"] = on_server
    else:
        note("no desk server (set DESKTOP_EDITOR_TEST_POSTGRES to a PostgreSQL URL) for search_10k_pg_ms")
    return figures


def images_figures(_folder: Path) -> dict:
    from images_bench import measure

    return measure()


def export_figures(_folder: Path) -> dict:
    from export_bench import measure

    return measure()


def sync_figures(folder: Path) -> dict:
    from sync_bench import measure

    if not os.environ.get("DESKTOP_EDITOR_BENCH_POSTGRES") and not os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES"):
        note("no desk server (set DESKTOP_EDITOR_TEST_POSTGRES to a PostgreSQL URL): the desk is a SQLite file")
    return measure(folder, make_story_store, story_text)


MEASUREMENTS = {
    "startup": startup,
    "keystrokes": child_keystrokes,
    "keystrokes_syncing": child_keystrokes_syncing,
    "review": child_review,
    "search": search,
    "rss": rss,
    "thumbnail": images_figures,
    "ingest": child_ingest,
    "export": export_figures,
    "sync": sync_figures,
}


def run_child(name: str) -> tuple[dict, list[str]]:
    """One measurement in a fresh process: its figures, and the notes it printed."""
    try:
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", name],
            capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {}, [f"{name}: failed: it took more than 30 minutes"]
    lines = result.stdout.splitlines()
    notes = [line[len("note: "):] for line in lines if line.startswith("note: ")]
    figures = [line for line in lines if line.startswith("{")]
    if result.returncode != 0 or not figures:
        tail = result.stderr.strip().splitlines()[-3:]
        return {}, [*notes, f"{name}: failed: {' / '.join(tail)}"]
    return json.loads(figures[-1]), notes


def load_average() -> str:
    return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its goal")
    parser.add_argument("--only", help="comma-separated measurements: " + ", ".join(MEASUREMENTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(MEASUREMENTS)
    unknown = [name for name in names if name not in MEASUREMENTS]
    if unknown or (args.child and args.child not in MEASUREMENTS):
        parser.error(f"unknown measurement {', '.join(unknown) or args.child}; known: {', '.join(MEASUREMENTS)}")
    server_line, server = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # a real window on the X server, never offscreen
    try:
        if args.child:
            with tempfile.TemporaryDirectory() as folder:
                print(json.dumps(MEASUREMENTS[args.child](Path(folder))), flush=True)
            if server is not None:
                server.terminate()
            os._exit(0)  # skip Qt's teardown: the figure is printed
        info = sys.stderr if args.json else sys.stdout
        print(f"{server_line}; {load_average()} at the start", file=info, flush=True)
        figures: dict = {}
        extra: dict = {}
        failed = []
        for name in names:
            measured, notes = run_child(name)
            if not measured:
                failed.append(name)
            for line in notes:
                print(f"  {name}: {line}", file=info, flush=True)
            extra.update({key: value for key, value in measured.items() if key.startswith("_")})
            figures.update({key: value for key, value in measured.items() if not key.startswith("_")})
        print(f"{load_average()} at the end", file=info, flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    missed = []
    for key, value in figures.items():
        sign, goal = GOALS.get(key, ("", None))
        if goal is not None and (value is None or (value < goal if sign == ">=" else value > goal)):
            missed.append(key)
    if args.json:
        output = {key: None if value is None else round(value, 2) for key, value in figures.items()}
        if "_marks" in extra:
            output["startup_marks_ms"] = extra["_marks"]
        print(json.dumps(output))
    else:
        print(f"{'figure':34} {'measured':>10}  goal")
        for key, value in figures.items():
            sign, goal = GOALS.get(key, ("", None))
            shown = "unavailable" if value is None else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
            verdict = ""
            if goal is not None:
                verdict = f"{sign} {goal}  " + ("MISSED" if key in missed else "met")
            print(f"{key:34} {shown:>10}  {verdict}")
    if args.check and (missed or failed):
        if missed:
            print("missed: " + ", ".join(missed), file=sys.stderr)
        if failed:
            print("not measured (failed): " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
