"""The app as a person meets it: its own process on a real X server, real keystrokes, real
signals, and the store read back by other processes.

Shared by the end-to-end tests that drive the window from outside. Needs Xvfb and xdotool
(ImageMagick's `import` for screenshots); without them the tests are skipped, except in CI
where they fail.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, in_ci
from tests.waiting import DEADLINE_S, wait_for


def need(program: str) -> None:
    if shutil.which(program) is None:
        message = f"{program} is not installed (make test installs it)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


# The X server --------------------------------------------------------------------------


def _display_in_use(number: int) -> bool:
    return Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()


def start_x_server(width: int = 1600, height: int = 1000) -> tuple[subprocess.Popen, dict]:
    """Xvfb on a free display far from the usual :0/:1/:99 with a screen of width x height;
    returns it and an environment for programs that should use it."""
    need("Xvfb")
    need("xdotool")
    chooser = random.Random(os.getpid() ^ time.monotonic_ns())
    for _ in range(20):
        number = chooser.randrange(400, 5000)
        if _display_in_use(number):
            continue
        server = subprocess.Popen(
            # -noreset: the server does not reset when its last client leaves, which would
            # refuse an app connecting at that moment (after the readiness probe, between runs)
            ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        env = {**os.environ, "DISPLAY": f":{number}"}
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("WAYLAND_DISPLAY", None)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None:
            probe = subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True)
            if probe.returncode == 0:
                return server, env
            time.sleep(0.05)
        if server.poll() is None:
            server.kill()
        server.wait()
    raise AssertionError("no X display could be started with Xvfb")


@pytest.fixture
def x_display():
    """An environment whose DISPLAY is a fresh Xvfb server of this test's own."""
    server, env = start_x_server()
    yield env
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def xdotool(env: dict, *args: str, check: bool = True) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=60)
    if check and done.returncode != 0:
        raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def visible_windows(env: dict, *criteria: str) -> list[str]:
    """The visible windows matching xdotool search criteria. A search that fails with an X
    error (a window that another program, Chromium say, closed while xdotool walked the
    tree) is made again: its empty answer says nothing about this app's windows."""
    for _attempt in range(5):
        done = subprocess.run(["xdotool", "search", "--onlyvisible", *criteria], env=env, capture_output=True, text=True)
        if done.returncode in (0, 1) and "error" not in done.stderr.lower():
            break
    return done.stdout.split()


def wait_for_window(env: dict, *criteria: str, timeout: float = DEADLINE_S) -> str | None:
    """The newest visible window matching xdotool search criteria, or None by the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        found = visible_windows(env, *criteria)
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


def screenshot(env: dict, path: Path) -> Path | None:
    """The whole screen as a PNG (ImageMagick's import), kept for a person to look at.
    Without ImageMagick there is none (and in CI that is a failure)."""
    if shutil.which("import") is None:
        if in_ci():
            pytest.fail("ImageMagick's import is not installed (make test installs it)")
        return None
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True, timeout=30)
    return path


# Processes -----------------------------------------------------------------------------


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a live process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    if fields[0] == "Z":
        return None  # a zombie has finished; only its parent's wait() is left
    return int(fields[1]), int(fields[19])


def process_tree(root: int) -> list[int]:
    """root and all its descendants that are alive now (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                children.setdefault(stat[0], []).append(int(entry.name))
    if _stat(root) is None:
        return []
    tree, queue = [], [root]
    while queue:
        pid = queue.pop()
        tree.append(pid)
        queue.extend(children.get(pid, []))
    return tree


def deleted_store_files(pids: list[int], store_path: Path) -> list[str]:
    """Open descriptors of these processes that point at a deleted file of the store (the
    database, its -wal, -shm or -journal): writes through them reach nobody."""
    prefix = os.path.realpath(store_path)
    found = []
    for pid in pids:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in descriptors:
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith(prefix) and target.endswith(" (deleted)"):
                found.append(f"pid {pid} fd {fd} -> {target}")
    return found


class App:
    """`python -m desktop_editor --store PATH` with its own config and data folders."""

    def __init__(self, env: dict, store_path: Path, home: Path, cwd: Path | None = None, extra: tuple[str, ...] = ()):
        self.store_path = store_path
        self.env = {
            **env,
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": _this_checkout_first(),
        }
        self.env.pop("DESKTOP_EDITOR_STORE", None)
        self.log = home / "app.log"  # what the app printed, shown when it shows no window
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "desktop_editor", "--store", str(store_path), *extra],
                env=self.env, cwd=cwd or REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
            )  # fmt: skip
        self.pid = self.process.pid
        self._seen: dict[int, int] = {}  # pid -> start time of every process of its tree seen
        self.window: str | None = None

    def log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_for_window(self, timeout: float = DEADLINE_S) -> str:
        """Wait for the main window, focus it (there is no window manager to do that) and
        return its id. Keys typed from then on reach the body editor, which has the focus
        in a new window; what is typed before the store has opened waits in the window
        (wait_for_store() waits for that too)."""
        if wait_for_window(self.env, "--pid", str(self.pid), timeout=timeout) is None:
            raise AssertionError(
                f"the app showed no window on {self.env['DISPLAY']} within {timeout} s; its output:\n{self.log_tail()}"
            )
        self.focus()
        self.tree()  # remember its processes: they outlive a killed parent
        return self.window

    def main_window(self, timeout: float = DEADLINE_S) -> str:
        """The app's largest visible window, looked up afresh each time and waited for a
        moment (a dialog may be closing)."""
        best, best_area = None, -1
        deadline = time.monotonic() + timeout
        while best is None and time.monotonic() < deadline:
            for window in visible_windows(self.env, "--pid", str(self.pid)):
                geometry = xdotool(self.env, "getwindowgeometry", "--shell", window, check=False)
                values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
                area = int(values.get("WIDTH", 0)) * int(values.get("HEIGHT", 0))
                if area > best_area:
                    best, best_area = window, area
            if best is None:
                time.sleep(0.1)
        if best is None:
            raise AssertionError(f"the app has no visible window; its output:\n{self.log_tail()}")
        self.window = best
        return best

    def focus(self, window: str | None = None, timeout: float = DEADLINE_S) -> None:
        """Give a window (by default the main one) the keyboard, as a click on it would, and
        wait until the X server says it has it."""
        window = window or self.main_window()

        def focused() -> str:
            xdotool(self.env, "windowfocus", "--sync", window, check=False)
            return xdotool(self.env, "getwindowfocus", check=False).strip()

        wait_for(
            focused, lambda now: now == window, timeout=timeout, interval=0.1,
            describe=lambda now: f"window {window} did not get the keyboard (window {now or 'none'} has it)",
        )  # fmt: skip

    def title(self) -> str:
        """The main window's title as the X server has it."""
        return xdotool(self.env, "getwindowname", self.main_window(), check=False).strip()

    def says_saved(self) -> bool:
        """True when the window's title has no unsaved mark: "Headline — Desktop Editor"
        rather than "Headline* — Desktop Editor" (the window shows its save state there)."""
        title = self.title()
        return " — " in title and not title.rsplit(" — ", 1)[0].endswith("*")

    def wait_until_stored(
        self, wanted: str | Callable[[str], bool], timeout: float = DEADLINE_S, describe: Callable[[str], str] | None = None
    ) -> str:
        """The article's stored body, once the window says Saved and the store (read by a
        fresh process) holds wanted: that text, or a body for which wanted(body) is true.
        Past the deadline an AssertionError says what the store held last (describe(body),
        when given) and what the window's title said."""
        accept = wanted if callable(wanted) else (lambda body: body == wanted)
        seen: dict = {"title": "", "articles": None}

        def read() -> str | None:
            seen["title"] = self.title()
            if not self.says_saved():
                return None  # not all saved yet: no need to ask the store
            seen["articles"] = read_store(self.store_path)
            return seen["articles"][0]["body"] if len(seen["articles"]) == 1 else None

        def why(_body) -> str:
            title = f"the window's title says {seen['title']!r}"
            if seen["articles"] is None:
                return f"the window never said Saved; {title}"
            if len(seen["articles"]) != 1:
                return f"the store holds {len(seen['articles'])} articles, not one; {title}"
            body = seen["articles"][0]["body"]
            if describe is not None:
                return f"{describe(body)}; {title}"
            target = "the text wanted" if callable(wanted) else repr(wanted)
            return f"the store holds {body!r}, not {target}; {title}"

        return wait_for(read, lambda body: body is not None and accept(body), timeout=timeout, interval=0.1, describe=why)

    def wait_for_store(self, timeout: float = DEADLINE_S) -> None:
        """Type a key into the body and take it back, and return once the store holds the
        key and then the body as it was: the window takes keys and its store is open to
        save them (with an article on disk, the store opens only after the window shows).
        The cursor ends where it was; the article has been saved twice."""
        articles = read_store(self.store_path)
        before = articles[0]["body"] if articles else ""
        self.focus()  # another app's window, shown meanwhile, may have the keyboard

        def with_one_more_x(body: str) -> bool:
            return len(body) == len(before) + 1 and any(body[:i] + body[i + 1 :] == before for i in range(len(body)))

        self.key("x")
        self.wait_until_stored(
            with_one_more_x, timeout=timeout,
            describe=lambda body: f"a key typed into the window did not reach the store, which holds {body!r}",
        )  # fmt: skip
        self.key("BackSpace")
        self.wait_until_stored(before, timeout=timeout)

    def popup_size(self) -> tuple[int, int] | None:
        """(width, height) of the app's open menu (a visible window of its own beside the
        main one), None when none is open."""
        for window in visible_windows(self.env, "--pid", str(self.pid)):
            if window == self.window:
                continue
            geometry = xdotool(self.env, "getwindowgeometry", "--shell", window, check=False)
            values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
            if "WIDTH" in values and "HEIGHT" in values:
                return int(values["WIDTH"]), int(values["HEIGHT"])
        return None

    def open_menu(self, timeout: float = DEADLINE_S) -> tuple[int, int]:
        """Press the Menu key and wait for the context menu; its (width, height)."""
        self.main_window()
        self.key("Menu")
        return wait_for(self.popup_size, timeout=timeout, describe="the Menu key opened no menu")

    def close_menu(self, timeout: float = DEADLINE_S) -> None:
        """Escape, and wait until the menu has gone."""
        self.key("Escape")
        wait_for(lambda: self.popup_size() is None, timeout=timeout, describe="Escape did not close the menu")

    def type(self, text: str, delay_ms: int = 30) -> None:
        xdotool(self.env, "type", "--delay", str(delay_ms), text)

    def key(self, *keys: str, delay_ms: int = 30) -> None:
        xdotool(self.env, "key", "--delay", str(delay_ms), *keys)

    def tree(self) -> list[int]:
        pids = process_tree(self.pid)
        for pid in pids:
            stat = _stat(pid)
            if stat is not None:
                self._seen.setdefault(pid, stat[1])
        return pids

    def send(self, signum: int) -> float:
        """Send a signal to the app's process; the monotonic time it was sent."""
        self.tree()  # remember the children, which outlive a killed parent
        moment = time.monotonic()
        self.process.send_signal(signum)
        return moment

    def wait_gone(self, timeout: float) -> float | None:
        """Seconds until the app process and every process it had started are gone; None
        when they are not gone by the deadline."""
        start = time.monotonic()
        deadline = start + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None and not self._survivors():
                return time.monotonic() - start
            time.sleep(0.02)
        return None

    def _survivors(self) -> list[int]:
        alive = []
        for pid, started in self._seen.items():
            stat = _stat(pid)
            if stat is not None and stat[1] == started:
                alive.append(pid)
        return alive

    def stop(self) -> None:
        """Make sure nothing of this app is left running (kills only its own processes)."""
        self.tree()
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for pid in self._survivors():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


# Typing --------------------------------------------------------------------------------


class Typist(threading.Thread):
    """Types words at a steady pace on a background thread, so the test can kill the app
    while typing goes on, and records when each word's last key went down.

    Every key is its own `xdotool type` started on a fixed schedule (one key every
    interval seconds, from the start), so the pace does not depend on how an xdotool
    version spaces keys, and a key's press is known to have happened before its xdotool
    returned: that return time is recorded, so a word is never counted finished early.
    """

    def __init__(self, env: dict, words: list[str], interval: float = 0.1):
        super().__init__(daemon=True)
        self.env = env
        self.words = words
        self.interval = interval
        self.text = " ".join(words)
        self.finished: list[float] = []  # monotonic time by which each word's last key was pressed
        self.started = 0.0
        self.key_times: list[float] = []  # when each key's xdotool returned
        self.stop_event = threading.Event()

    def run(self) -> None:
        self.started = time.monotonic()
        ends = set()
        position = 0
        for word in self.words:
            position += len(word)
            ends.add(position - 1)
            position += 1
        for index, character in enumerate(self.text):
            wait = self.started + index * self.interval - time.monotonic()
            if self.stop_event.wait(max(0.0, wait)):
                return
            subprocess.run(["xdotool", "type", "--delay", "0", "--", character], env=self.env, capture_output=True)
            self.key_times.append(time.monotonic())
            if index in ends:
                self.finished.append(self.key_times[-1])

    def stop(self) -> None:
        self.stop_event.set()
        self.join(timeout=10)

    def chars_per_second(self) -> float:
        if len(self.key_times) < 2:
            return 0.0
        return (len(self.key_times) - 1) / (self.key_times[-1] - self.key_times[0])

    def words_finished_before(self, moment: float) -> int:
        return sum(1 for finished in self.finished if finished < moment)

    def keys_pressed_before(self, moment: float) -> int:
        """How many keys had certainly been pressed by moment (their xdotool had returned)."""
        return sum(1 for pressed in list(self.key_times) if pressed < moment)

    def wait_for_keys(self, count: int, timeout: float = DEADLINE_S) -> None:
        """Until count keys have been pressed, while typing goes on."""
        wait_for(
            lambda: len(self.key_times) >= count or not self.is_alive(), timeout=timeout, interval=0.01,
            describe=lambda _done: f"{len(self.key_times)} of {count} keys were pressed",
        )  # fmt: skip
        if len(self.key_times) < count:
            raise AssertionError(f"the typing ended after {len(self.key_times)} keys, before {count} were pressed")

    def text_of(self, words: int) -> str:
        return " ".join(self.words[:words])


# The store, from other processes -------------------------------------------------------

_READ = r"""
import json, sys
from desktop_editor.storage.store import Store

with Store(sys.argv[1]) as store:
    articles = []
    for summary in store.list_articles():
        article = store.get_article(summary.id)
        articles.append({
            "id": article.id, "headline": article.headline, "body": article.body,
            "version": article.version,
            "revisions": [
                {"reason": r.reason, "label": r.label, "body": r.body}
                for r in store.list_revisions(article.id)
            ],
        })
print(json.dumps(articles))
"""

_CREATE = r"""
import json, sys
from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store

with Store(sys.argv[1]) as store:
    article = store.create_article(Article(headline=sys.argv[2], body=sys.argv[3]))
print(article.id)
"""

_CHANGE = r"""
import sys
from desktop_editor.storage.store import Store

with Store(sys.argv[1]) as store:
    article = store.get_article(int(sys.argv[2]))
    store.save_article(article.replace(body=sys.argv[3]))
"""


def _this_checkout_first() -> str:
    """PYTHONPATH under which `desktop_editor` is this checkout's, from any working folder."""
    return os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])


def _plain_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_EDITOR_STORE"}
    env["PYTHONPATH"] = _this_checkout_first()
    return env


def _python(script: str, *args: str, timeout: float = 60) -> str:
    env = _plain_env()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise AssertionError(f"a second process on the store failed:\n{done.stderr}")
    return done.stdout


def read_store(store_path: Path) -> list[dict]:
    """Every article (id, headline, body, version, revisions), read by a fresh process."""
    return json.loads(_python(_READ, str(store_path)))


def stored_body(store_path: Path) -> str:
    articles = read_store(store_path)
    assert len(articles) == 1, f"expected one article in the store, found {len(articles)}"
    return articles[0]["body"]


def create_store(store_path: Path, headline: str = "", body: str = "") -> int:
    """A store holding one article, made by a process of its own; the article's id."""
    return int(_python(_CREATE, str(store_path), headline, body))


def change_elsewhere(store_path: Path, article_id: int, body: str) -> None:
    """Another process saves a new body over the article, as another desk would."""
    _python(_CHANGE, str(store_path), str(article_id), body)


def cli(store_path: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m desktop_editor ARGS --store PATH` as its own process."""
    env = _plain_env()
    return subprocess.run(
        [sys.executable, "-m", "desktop_editor", *args, "--store", str(store_path)],
        env=env, cwd=cwd or REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
