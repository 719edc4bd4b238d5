"""A killed app loses at most the last second of typing: real process, real X server, SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from desktop_editor.storage.store import Store
from tests.conftest import in_ci

TYPED = "Every word the reporter typed survives"


def need(program: str) -> None:
    if shutil.which(program) is None:
        message = f"{program} is not installed (make test installs it)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def x_display():
    need("Xvfb")
    need("xdotool")
    number = 100 + os.getpid() % 400
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    env = {**os.environ, "DISPLAY": f":{number}"}
    env.pop("QT_QPA_PLATFORM", None)
    for _ in range(100):
        if subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.05)
    yield env
    server.terminate()
    server.wait()


def window_of(pid: int, env: dict, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=env, capture_output=True, text=True
        ).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError("the app showed no window")


def test_sigkill_right_after_typing_loses_nothing(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    env = {**x_display, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop_editor", "--store", str(store_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        window = window_of(app.pid, env)
        time.sleep(1.5)  # let the window settle; focus starts in the body editor
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=False)
        subprocess.run(["xdotool", "type", "--delay", "15", TYPED], env=env, check=True)
        time.sleep(1.0)  # the promise: at most the last second of typing is at risk
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    with Store(store_path) as store:
        bodies = [store.get_article(s.id).body for s in store.list_articles()]
    assert bodies == [TYPED]
