"""Every figure Desktop Editor promises, measured on this machine, printed as a table.

Usage: python benchmarks/run.py [--json] [--only NAME,NAME]
Each Qt measurement runs in a fresh process (python benchmarks/run.py --child NAME), so one
figure cannot warm up another. These are measurements, not pass/fail tests: compare them
with the goals printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_ARTICLES = HERE.parent.parent / "shared" / "corpus" / "articles" / "wikinews-gum"

GOALS = {
    "startup_window_ms": ("<=", 400),
    "startup_preview_ms": ("<=", 900),
    "startup_bare_pyside6_window_ms": ("", None),
    "preview_keystroke_2k_p50_ms": ("<=", 30),
    "preview_keystroke_20k_p50_ms": ("<=", 30),
    "preview_keystroke_20k_p90_ms": ("<=", 60),
    "ui_stall_max_ms": ("<=", 30),
    "autosave_p99_ms": ("<=", 10),
    "search_10k_ms": ("<=", 20),
    "rss_mb": ("<=", 330),
    "thumbnail_24mp_ms": ("<=", 60),
    "thumbnail_12mp_heic_ms": ("<=", 60),
    "thumbnail_12mp_heic_no_preview_ms": ("", None),
    "ingest_20x24mp_s": ("", None),
    "ingest_ui_stall_max_ms": ("<=", 50),
    "export_10x24mp_s": ("<=", 4),
    "export_10x24mp_single_core_s": ("", None),
    "export_2k_text_ms": ("<=", 150),
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


# --- Measurements in their own process --------------------------------------------------------


def startup(folder: Path) -> dict:
    """Process start to the window shown, and to the preview painted (median of 3)."""
    store = make_store(folder, 2000)
    windows, previews = [], []
    for run in range(3):
        env = {**os.environ, "DESKTOP_EDITOR_TIMING": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(folder / f"config-{run}")}  # fmt: skip
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop_editor", "--store", str(store)],
            env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        marks = {}
        deadline = time.time() + 60
        while "preview" not in marks and time.time() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            if line.startswith("timing "):
                _, event, moment = line.split()
                marks[event] = float(moment)
        process.kill()
        process.wait()
        windows.append((marks["window"] - started) * 1000)
        previews.append((marks["preview"] - started) * 1000)
    bare = []
    for _ in range(3):  # the same measurement of a bare PySide6 window: a yardstick for this machine
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-c", BARE_WINDOW], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        line = ""
        while not line.startswith("timing "):
            line = process.stderr.readline() or "timing window nan"
        process.kill()
        process.wait()
        bare.append((float(line.split()[2]) - started) * 1000)
    return {
        "startup_window_ms": statistics.median(windows),
        "startup_preview_ms": statistics.median(previews),
        "startup_bare_pyside6_window_ms": statistics.median(bare),
    }


BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QPlainTextEdit())
window.show()
print(f"timing window {time.time():.6f}", file=sys.stderr, flush=True)
"""


def rss(folder: Path) -> dict:
    """Memory of the app's whole process tree (PSS where the kernel gives it) with a
    2,000-word article open and the preview painted."""
    import psutil

    store = make_store(folder, 2000)
    env = {**os.environ, "DESKTOP_EDITOR_TIMING": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "XDG_CONFIG_HOME": str(folder / "config")}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_editor", "--store", str(store)],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        while "timing preview" not in (process.stderr.readline() or "timing preview"):
            pass
        time.sleep(2)
        root = psutil.Process(process.pid)
        total = 0
        for member in [root, *root.children(recursive=True)]:
            try:
                info = member.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except psutil.Error:
                pass
        return {"rss_mb": total / 2**20}
    finally:
        process.kill()
        process.wait()


class QtBench:
    """A real window, offscreen, on a store made for the measurement."""

    def __init__(self, folder: Path, words: int):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop_editor.ui.app import prepare_qt

        prepare_qt()
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from desktop_editor.storage.store import Store
        from desktop_editor.ui.app import build_window

        self.app = QApplication.instance() or QApplication([])
        self.store = Store(make_store(folder, words))
        self.window = build_window(self.store, QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
        self.window.resize(1400, 900)
        self.window.start()
        self.wait_until(lambda: self.window.preview is not None and self.window.preview._ever_loaded, 30)

    def wait_until(self, condition, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the window did not get there in time")
            self.app.processEvents()
            time.sleep(0.0005)

    def end_of_text(self) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = self.window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.window.editor.setTextCursor(cursor)

    def keystroke_to_preview(self, count: int) -> list[float]:
        """Type one character, then wait until the preview's page has it."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        shown = {"id": 0}
        self.window.preview.shown.connect(lambda request_id: shown.__setitem__("id", request_id))
        self.end_of_text()
        times = []
        for index in range(count):
            started = time.perf_counter()
            QTest.keyClick(self.window.editor, Qt.Key.Key_A if index % 7 else Qt.Key.Key_Space)
            wanted = self.window.render_controller._next_id
            self.wait_until(lambda: shown["id"] >= wanted, 10)
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(0.02)
        return times

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
        until = time.perf_counter() + after_s
        self.wait_until(lambda: time.perf_counter() >= until, after_s + 10)
        timer.stop()
        typist.stop()
        return max(gaps) if gaps else 0.0


def child_keystrokes(folder: Path) -> dict:
    result = {}
    bench = QtBench(folder, 2000)
    times = bench.keystroke_to_preview(40)[5:]
    result["preview_keystroke_2k_p50_ms"] = statistics.median(times)
    bench.window.close()
    bench.store.close()
    bench = QtBench(folder, 20000)
    times = bench.keystroke_to_preview(60)[5:]
    result["preview_keystroke_20k_p50_ms"] = statistics.median(times)
    result["preview_keystroke_20k_p90_ms"] = percentile(times, 0.9)
    bench.end_of_text()
    saves = []
    document = bench.window.document
    document.saved.connect(saves.append)
    result["ui_stall_max_ms"] = bench.stall_while(lambda: None, lambda: True, keystrokes=200, after_s=2.0)
    assert len(saves) >= 5, "typing for five seconds should have been saved every second"
    spent = []
    for _ in range(100):
        # As in use: the autosave timer fires after a pause in typing, when the preview has
        # caught up; what is measured is the UI thread's share of one save.
        bench.window.editor.insertPlainText("x")  # schedules a save; taken over just below
        bench.wait_until(lambda: not bench.window.render_controller._running, 10)
        started = time.perf_counter()
        document.save_soon()
        spent.append((time.perf_counter() - started) * 1000)
        document.worker.wait()
        bench.app.processEvents()
    result["autosave_p99_ms"] = percentile(spent, 0.99)
    bench.window.close()
    return result


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
    bench.window.close()
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
        return {"search_10k_ms": statistics.median(times)}


def images_figures(_folder: Path) -> dict:
    from images_bench import measure

    return measure()


def export_figures(_folder: Path) -> dict:
    from export_bench import measure

    return measure()


MEASUREMENTS = {
    "startup": startup,
    "keystrokes": child_keystrokes,
    "search": search,
    "rss": rss,
    "thumbnail": images_figures,
    "ingest": child_ingest,
    "export": export_figures,
}


def run_child(name: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", name],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        tail = result.stderr.strip().splitlines()[-3:]
        print(f"{name}: failed: {' / '.join(tail)}", file=sys.stderr)
        return {}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", help="comma-separated measurements: " + ", ".join(MEASUREMENTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(MEASUREMENTS[args.child](Path(folder))), flush=True)
        os._exit(0)  # skip Qt's teardown: the figure is printed
    names = args.only.split(",") if args.only else list(MEASUREMENTS)
    figures: dict = {}
    for name in names:
        figures.update(run_child(name))
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
        return 0
    print(f"{'figure':34} {'measured':>10}  goal")
    for key, value in figures.items():
        sign, goal = GOALS.get(key, ("", None))
        verdict = ""
        if goal is not None:
            verdict = f"{sign} {goal}  " + ("met" if value <= goal else "MISSED")
        print(f"{key:34} {value:10.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
