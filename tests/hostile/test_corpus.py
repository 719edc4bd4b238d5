"""The hostile-input corpus, run as a user would run it: each case in a process of its own,
measured. Each succeeds or refuses with a sentence, never a traceback, within its time and
at most 600 MB, and leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.cases import CASES, make_store
from tests.hostile.harness import MEMORY_BUDGET_MB, Case, measure

STORE_FILES = {"store.sqlite", "store.sqlite-wal", "store.sqlite-shm"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-template")
    make_store(folder)
    return folder


def listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} - STORE_FILES


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, template, tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(template, folder)
    store = folder / "store.sqlite"
    arguments = case.build(folder)
    before = listing(folder)
    outcome = measure(arguments, store=store, timeout=max(30.0, case.seconds * 3))
    made = listing(folder) - before  # what the command left

    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code is not None, f"{case.name} was still running after its time"
    if case.says:
        assert outcome.code == 1, outcome.out + outcome.err
        last = outcome.err.strip().splitlines()[-1]
        assert last.startswith("desktop-editor: "), outcome.err
        assert case.says in outcome.err, outcome.err
        assert made == set(), sorted(made)
    else:
        assert outcome.code == 0, outcome.err
        assert all(name == "out" or name.startswith("out/") for name in made), sorted(made)
    assert outcome.seconds <= case.seconds, f"{case.name} took {outcome.seconds:.1f} s"
    assert outcome.peak_mb <= MEMORY_BUDGET_MB, f"{case.name} peaked at {outcome.peak_mb:.0f} MB"
