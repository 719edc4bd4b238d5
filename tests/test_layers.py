"""core/, storage/, editing/ (the open article) and the headless CLI never import Qt."""

import subprocess
import sys


def test_core_storage_and_headless_commands_import_without_pyside6():
    code = (
        "import pkgutil, importlib, sys\n"
        "import desktop_editor.core, desktop_editor.storage\n"
        "for package in (desktop_editor.core, desktop_editor.storage):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "import desktop_editor.workflows, desktop_editor.commands, desktop_editor.cli\n"
        "import desktop_editor.editing.open_article, desktop_editor.editing.recovery\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
