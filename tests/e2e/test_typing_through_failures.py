"""Typing goes on when the store cannot take the text, measured from outside: the app as its
own process on a real X server, real keystrokes, a real SIGKILL of its store host (at a
moment of the test's choosing, or as the host commits a save: strace injects it), a real full
disk (a small tmpfs of the test's own), and a real SIGTERM. The store is read back by other
processes.

What the app must do (desktop_editor/ui/shell/notice.py, editing/open_article.py,
storage/client.py, editing/recovery.py):
- a save that fails (the store host was killed, the disk is full) is said in a notice under
  the text that takes no keyboard focus; no dialog appears, every key goes on reaching the
  text, and saving is retried until it succeeds (a killed host is started afresh), so the
  store ends up holding exactly what was typed;
- SIGTERM while the store cannot take the text: the text goes to a file under
  $XDG_DATA_HOME/desktop-editor/recovered/, whose path the app prints, and the app (with
  every process it started) is gone within 3 s without asking anything.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import in_ci
from tests.e2e.desktop import App, Typist, create_store, screenshot, visible_windows, x_display  # noqa: F401
from tests.waiting import DEADLINE_S, wait_for

# Forty words, "seven eight" among them: a lost space would show as "seveneight".
NEWSROOM = (
    "The harbour board met at seven eight times this year and each time the ferry "
    "timetable was the first item on an agenda that ran to twenty pages before the "
    "chairman closed the meeting with a promise of new boats by spring"
).split()
KEY_INTERVAL = 0.05  # seconds between keys: twenty a second, a fast typist
KEY_DELIVERY_S = 0.2  # a key pressed this long before a signal has reached the window
STORE_DEADLINE_S = 60.0  # a restarted host, or a retry every 3 s after the disk has room again
WINDOW_DEADLINE_S = 60.0  # the first window, on two busy cores
SMALL_DISK = "8m"  # the store and its WAL fit with room to spare; filling it takes a moment


# Helpers -------------------------------------------------------------------------------


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def store_host(app: App, other_than: int | None = None, timeout: float = DEADLINE_S) -> int:
    """The pid of the app's store host (its child running desktop_editor.storage.host),
    once there is one; with other_than, a host other than that one (a fresh host)."""

    def find() -> int | None:
        for pid in app.tree():
            if pid != other_than and "desktop_editor.storage.host" in command_line(pid):
                return pid
        return None

    what = "a fresh store host" if other_than else "a store host"
    return wait_for(
        find, lambda pid: pid is not None, timeout=timeout, interval=0.1,
        describe=lambda _pid: f"the app (pid {app.pid}) had no {what} among its processes {app.tree()}; its output:\n{app.log_tail()}",
    )  # fmt: skip


class WindowWatch(threading.Thread):
    """Notes every visible window of the app other than its main one, while typing goes on:
    a dialog that a space or a letter would close again is seen even if it is gone by the end."""

    def __init__(self, app: App):
        super().__init__(daemon=True)
        self.app = app
        self.main = app.window
        self.others: dict[str, str] = {}  # window id -> its title
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.wait(0.1):
            self.look()

    def look(self) -> None:
        for window in visible_windows(self.app.env, "--pid", str(self.app.pid)):
            if window != self.main and window not in self.others:
                done = subprocess.run(["xdotool", "getwindowname", window], env=self.app.env, capture_output=True, text=True)
                self.others[window] = done.stdout.strip()

    def stop(self) -> dict[str, str]:
        self.stop_event.set()
        self.join(timeout=10)
        self.look()
        return self.others


def assert_still_there(app: App, watch: WindowWatch, report: str) -> None:
    """The app runs, its main window is the one it was and has the keyboard, and no other
    window of the app appeared meanwhile (report: what was typed and stored, for a failure)."""
    assert app.process.poll() is None, f"the app exited with {app.process.returncode}. {report}\nits output:\n{app.log_tail()}"
    others = watch.stop()
    assert not others, f"the app showed windows besides its main one while the typing went on: {others}. {report}"
    windows = visible_windows(app.env, "--pid", str(app.pid))
    assert windows == [watch.main], f"the app's visible windows are {windows}, not its main window {watch.main} alone. {report}"
    focused = subprocess.run(["xdotool", "getwindowfocus"], env=app.env, capture_output=True, text=True).stdout.strip()
    assert focused == watch.main, f"the keyboard went to window {focused or 'none'}, not the main window {watch.main}. {report}"


def typed_report(typist: Typist, body: str) -> str:
    kept = next((n for n in range(min(len(body), len(typist.text)), 0, -1) if typist.text[:n] == body[:n]), 0)
    return (
        f"{len(typist.key_times)} of {len(typist.text)} keys pressed at {typist.chars_per_second():.1f} a second; "
        f"the stored text agrees with the typed text for {kept} characters.\n"
        f"stored: {body!r}\ntyped:  {typist.text!r}"
    )


def stored_once_saved(app: App, typist: Typist, watch: WindowWatch) -> str:
    """The stored body once the window says Saved and the store holds the whole typed text,
    or as soon as it cannot come to that any more: the stored text is not the start of the
    typed text (keys went astray), or a dialog has been seen."""
    return app.wait_until_stored(
        lambda body: body == typist.text or not typist.text.startswith(body) or bool(watch.others),
        timeout=STORE_DEADLINE_S, describe=lambda body: typed_report(typist, body),
    )  # fmt: skip


def typing_ended(typist: Typist) -> None:
    typist.join(timeout=120)
    assert not typist.is_alive(), f"the typing did not end: {len(typist.key_times)} of {len(typist.text)} keys pressed"


def read_back(app: App, typist: Typist, watch: WindowWatch, picture: Path) -> str:
    """stored_once_saved(), a picture of the window for a person to look at, and the checks
    that the app is still there with no other window; the stored body."""
    try:
        body = stored_once_saved(app, typist, watch)
    finally:
        screenshot(app.env, picture)
    assert_still_there(app, watch, typed_report(typist, body))
    return body


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A folder on a tmpfs of SMALL_DISK of its own, unmounted afterwards."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK},mode=0755", "tmpfs", str(folder)],
        capture_output=True, text=True,
    )  # fmt: skip
    if mounted.returncode != 0:
        message = f"a tmpfs could not be mounted to fill (as root, or with CAP_SYS_ADMIN, it can): {mounted.stderr.strip()}"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # still busy: detach it


def fill(folder: Path) -> Path:
    """Write a filler file in folder until the disk says it is full (ENOSPC); its path."""
    filler = folder / "filler"
    chunk = 1 << 20
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while chunk:
            try:
                os.write(descriptor, bytes(chunk))
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                chunk //= 2  # the last few pages, down to a single byte
    finally:
        os.close(descriptor)
    free = shutil.disk_usage(folder).free
    assert free == 0, f"{folder} still has {free} bytes free after filling"
    return filler


def stored_on_disk(store_path: Path) -> str | None:
    """The article's body as the store's files hold it now, read without writing (a full disk
    could not take a store's opening); None when it cannot be read."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, timeout=5) as connection:
            rows = connection.execute("SELECT body FROM articles").fetchall()
    except sqlite3.Error:
        return None
    return rows[0][0] if len(rows) == 1 else None


# The tests -----------------------------------------------------------------------------


def test_typing_through_a_killed_store_host_keeps_every_key(tmp_path, x_display):
    """Forty words typed at twenty keys a second into the body; about a third of the way in
    the store host is SIGKILLed. The typing goes on to the end, the window stays and shows
    no dialog, a fresh host is started, and the store ends up holding exactly the typed
    text, every space included."""
    store_path = tmp_path / "store.sqlite"
    create_store(store_path, headline="Ferry timetable")
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window(timeout=WINDOW_DEADLINE_S)
        app.wait_for_store()
        host = store_host(app)
        watch = WindowWatch(app)
        watch.start()
        typist = Typist(app.env, NEWSROOM, interval=KEY_INTERVAL)
        typist.start()
        typist.wait_for_keys(70)  # mid-word, with most of the text still to come
        os.kill(host, signal.SIGKILL)
        still_typing = typist.is_alive()
        fresh = store_host(app, other_than=host)  # started by the next save's call
        screenshot(app.env, tmp_path / "after-host-killed.png")  # kept for a person to look at
        typing_ended(typist)
        body = read_back(app, typist, watch, tmp_path / "after-typing.png")
    assert still_typing, "the typing had ended before the store host was killed; the text is too short"
    assert fresh != host
    assert body == typist.text, typed_report(typist, body)


def test_typing_through_a_full_disk_keeps_every_key(tmp_path, x_display, small_disk):
    """The store lives on a small disk. While forty words are typed the disk is filled to
    the last byte, and typing goes on for several words; those cannot reach the store. Once
    the filler is deleted, the store ends up holding exactly the typed text, and the window
    stayed, showed no dialog and kept the keyboard throughout."""
    store_path = small_disk / "store.sqlite"
    create_store(store_path, headline="Ferry timetable")
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window(timeout=WINDOW_DEADLINE_S)
        app.wait_for_store()
        watch = WindowWatch(app)
        watch.start()
        typist = Typist(app.env, NEWSROOM, interval=KEY_INTERVAL)
        typist.start()
        typist.wait_for_keys(40)
        filler = fill(small_disk)
        full_at = len(typist.key_times)
        typing_ended(typist)
        typed_while_full = typist.text[full_at:]
        assert typed_while_full.count(" ") >= 5, f"only {typed_while_full!r} was typed after the disk was full"
        # Still full: what was typed since cannot be in the store, however long it is given.
        while_full = stored_on_disk(store_path)
        screenshot(app.env, tmp_path / "disk-full.png")  # the notice is up: kept for a person to look at
        assert shutil.disk_usage(small_disk).free == 0, "something freed room on the full disk"
        assert while_full is not None and typist.text.startswith(while_full), f"the store holds {while_full!r} on a full disk"
        assert len(while_full) < len(typist.text), "the whole text reached the store while the disk was full: nothing was tested"
        filler.unlink()
        body = read_back(app, typist, watch, tmp_path / "after-room.png")
    assert body == typist.text, typed_report(typist, body)


def test_sigterm_with_the_disk_full_writes_the_text_to_a_recovery_file(tmp_path, x_display, small_disk):
    """The store's disk is full and fourteen words are being typed (no save succeeds) when
    SIGTERM arrives. The app and every process it started are gone within 3 s, without
    asking anything; a file under $XDG_DATA_HOME/desktop-editor/recovered/ (on the normal
    disk) holds the typed text, every key pressed more than 0.2 s before the signal
    included, and the app's output names that file."""
    store_path = small_disk / "store.sqlite"
    home = tmp_path / "home"
    create_store(store_path, headline="Ferry timetable")
    with App(x_display, store_path, home) as app:
        recovered = Path(app.env["XDG_DATA_HOME"]) / "desktop-editor" / "recovered"
        assert os.stat(home).st_dev != os.stat(small_disk).st_dev, "the app's home is on the full disk"
        app.wait_for_window(timeout=WINDOW_DEADLINE_S)
        app.wait_for_store()
        fill(small_disk)
        typist = Typist(app.env, NEWSROOM[:14], interval=KEY_INTERVAL)
        typist.start()
        typist.wait_for_keys(45)  # over two seconds of typing on a full disk: saves have failed
        before = stored_on_disk(store_path)
        screenshot(app.env, tmp_path / "disk-full.png")  # kept for a person to look at
        sent_at = app.send(signal.SIGTERM)
        still_typing = typist.is_alive()
        typist.stop()
        gone_after = app.wait_gone(timeout=3.0)
        survivors, gone_later = {}, ""
        if gone_after is None:  # which and how late, for the report
            survivors = {pid: " ".join(command_line(pid))[:90] for pid in app._survivors()}
            later = app.wait_gone(timeout=DEADLINE_S)
            gone_later = f"{3.0 + later:.1f} s after it" if later is not None else f"not even {3.0 + DEADLINE_S:.0f} s after it"
        files = sorted(recovered.glob("*")) if recovered.is_dir() else []
        output = app.log.read_text(errors="replace")
    assert still_typing, "the typing had ended before the signal; the text is too short"
    assert before is not None and not before.strip(), f"the store took text on a full disk: {before!r}"
    assert len(files) == 1, f"{recovered} holds {[f.name for f in files]}, not one recovery file; the app's output:\n{output}"
    text = files[0].read_text(encoding="utf-8")
    body = text.rstrip("\n").rsplit("\n", 1)[-1]  # the typed text is one line, the file's last
    wanted = typist.keys_pressed_before(sent_at - KEY_DELIVERY_S)
    report = (
        f"{wanted} keys were pressed more than {KEY_DELIVERY_S} s before SIGTERM; the recovery file {files[0]} holds:\n"
        f"{text!r}\ntyped: {typist.text!r}"
    )
    assert "Ferry timetable" in text, report
    assert typist.text.startswith(body), f"the recovered text is not what was typed, in order. {report}"
    assert len(body) >= wanted, report
    assert str(files[0]) in output, f"the app's output does not name {files[0]}:\n{output}"
    assert gone_after is not None, (
        f"3 s after SIGTERM these of the app's processes were still running: {survivors}; "
        f"all were gone {gone_later}; its output:\n{output}"
    )


def kill_at_next_commit(host: int, log: Path) -> subprocess.Popen:
    """strace on the store host, set to SIGKILL it as it syncs its next commit to disk
    (SQLite's fsync or fdatasync of the WAL): the commit is written and will count, but the
    window never hears back. Returns once strace has attached."""
    if shutil.which("strace") is None:
        message = "strace is not installed (apt-get install strace)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with open(log, "w") as said:  # strace has its own copy of the descriptor
        tracer = subprocess.Popen(
            ["strace", "-f", "-p", str(host), "-e", "trace=fsync,fdatasync", "-e", "inject=fsync,fdatasync:signal=SIGKILL"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=said,
        )  # fmt: skip

    def attached() -> str:
        return log.read_text(errors="replace")

    said = wait_for(
        attached, lambda text: "attached" in text or tracer.poll() is not None, interval=0.05,
        describe=lambda text: f"strace did not attach to the store host {host}: {text!r}",
    )  # fmt: skip
    if "attached" not in said:
        message = f"strace could not attach to the store host (ptrace is not permitted here?): {said.strip()}"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return tracer


def test_typing_through_a_store_host_killed_as_it_commits_keeps_every_key(tmp_path, x_display):
    """The store host is SIGKILLed at the moment it commits a save, while twenty words are
    typed: the save is in the store but its reply never reaches the window (a host the
    system kills mid-write). The typing goes on, no dialog appears, and the store ends up
    holding exactly the typed text."""
    store_path = tmp_path / "store.sqlite"
    create_store(store_path, headline="Ferry timetable")
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window(timeout=WINDOW_DEADLINE_S)
        app.wait_for_store()
        host = store_host(app)
        tracer = kill_at_next_commit(host, tmp_path / "strace.log")
        try:
            watch = WindowWatch(app)
            watch.start()
            typist = Typist(app.env, NEWSROOM[:20], interval=KEY_INTERVAL)
            typist.start()
            wait_for(
                lambda: host not in app.tree(), timeout=DEADLINE_S,
                describe=f"the store host {host} was not killed as it committed the first save",
            )  # fmt: skip
            still_typing = typist.is_alive()
            store_host(app, other_than=host)  # started by the next save's call
            typing_ended(typist)
            body = read_back(app, typist, watch, tmp_path / "after-typing.png")
        finally:
            if tracer.poll() is None:
                tracer.kill()
            tracer.wait()
    assert still_typing, "the typing had ended before the store host was killed; the text is too short"
    assert body == typist.text, typed_report(typist, body)
