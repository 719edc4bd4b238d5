"""The hostile-input corpus: each case builds its input on the spot, runs the real command
line in a process of its own, and measures its time and peak memory.

Every command runs under a middle process that starts it and then reads its peak resident
memory from getrusage(RUSAGE_CHILDREN), which is that one command's alone. A case passes
when the command either succeeds or refuses with one sentence, never a traceback, within
its time and memory budget, and leaves nothing behind.

    python -m tests.hostile.harness [CASE...]   prints a table of every case's figures
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MEMORY_BUDGET_MB = 600
REFUSAL_SECONDS = 5.0

_MIDDLE = """
import json, resource, subprocess, sys, time
argv, timeout = json.loads(sys.argv[1])
limit = 4 * 2**30  # a runaway case fails instead of taking the machine
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.monotonic()
process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=cap)
try:
    out, err = process.communicate(timeout=timeout)
    code = process.returncode
except subprocess.TimeoutExpired:
    process.kill()
    out, err = process.communicate()
    code = None
seconds = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": code, "out": out.decode("utf-8", "replace"),
                  "err": err.decode("utf-8", "replace"), "seconds": seconds, "peak_mb": peak}))
"""


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None: stopped at the time limit
    out: str
    err: str
    seconds: float
    peak_mb: float


def measure(arguments: list[str], *, store: Path, timeout: float = 60.0) -> Outcome:
    """desktop-editor --store STORE ARGUMENTS..., in a process of its own, measured."""
    argv = [sys.executable, "-m", "desktop_editor", "--store", str(store), *arguments]
    middle = subprocess.run(
        [sys.executable, "-c", _MIDDLE, json.dumps([argv, timeout])],
        capture_output=True, text=True, timeout=timeout + 60,
    )  # fmt: skip
    assert middle.returncode == 0, middle.stderr
    return Outcome(**json.loads(middle.stdout))


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # makes the input in a folder; the command's arguments
    says: str = ""  # what the refusal's sentence holds; "" when the command succeeds
    seconds: float = REFUSAL_SECONDS


def run_case(case: Case, folder: Path, store: Path, timeout: float = 60.0) -> Outcome:
    arguments = case.build(folder)
    return measure(arguments, store=store, timeout=timeout)


def _report(names: list[str]) -> None:
    from tests.hostile.cases import CASES, make_store

    chosen = [case for case in CASES if not names or case.name in names]
    print(f"{'case':32} {'exit':>5} {'seconds':>8} {'peak MB':>8}  said")
    for case in chosen:
        folder = Path(tempfile.mkdtemp(prefix="hostile-"))
        try:
            store = make_store(folder)
            outcome = run_case(case, folder, store, timeout=float(os.environ.get("HOSTILE_TIMEOUT", 60)))
            said = outcome.err.strip().splitlines()
            said = f"{len(said)} lines, traceback" if "Traceback" in outcome.err else (said[-1] if said else "")
            print(f"{case.name:32} {outcome.code!s:>5} {outcome.seconds:8.2f} {outcome.peak_mb:8.0f}  {said[:110]}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    _report(sys.argv[1:])
