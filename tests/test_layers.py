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


# ui/ one way down --------------------------------------------------------------------------

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "desktop_editor" / "ui"
FEATURES = ("drafting", "library", "picture_desk", "publishing", "review")
RANK = {"common": 0, **{feature: 1 for feature in FEATURES}, "shell": 2, "app": 3}


def _room(module: str) -> str:
    """desktop_editor.ui.drafting.editor -> drafting; desktop_editor.ui.app -> app."""
    return module.split(".")[2]


def _ui_imports() -> dict[str, set[str]]:
    """Each ui module and the ui modules it imports, at its top or inside a function."""
    graph = {}
    for path in UI.rglob("*.py"):
        module = ".".join(("desktop_editor", *path.relative_to(UI.parent).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            imported |= {name for name in names if name.startswith("desktop_editor.ui.")}
        graph[module] = imported
    modules = set(graph)
    return {module: {name for name in imported if name in modules} - {module} for module, imported in graph.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_ui_has_no_import_cycle_between_files_or_rooms():
    graph = _ui_imports()
    assert _cycles(graph) == []
    rooms: dict[str, set[str]] = {}
    for module, imported in graph.items():
        if module.count(".") >= 2:
            rooms.setdefault(_room(module), set()).update(_room(name) for name in imported if _room(name) != _room(module))
    assert _cycles(rooms) == []


def test_ui_imports_only_run_down_from_the_shell_to_the_features_to_the_shared_helpers():
    wrong = []
    for module, imported in _ui_imports().items():
        if module.count(".") < 2:
            continue
        room = _room(module)
        for name in imported:
            target = _room(name)
            if target == room:
                continue
            if RANK.get(target, 99) > RANK.get(room, -1) or (RANK.get(target) == RANK.get(room) and room == "common"):
                wrong.append(f"{module} -> {name}")
            if target == "shell" and room != "app":
                wrong.append(f"{module} -> {name} (only app.py builds and wires the shell)")
    assert sorted(set(wrong)) == []


def test_no_module_is_over_400_lines_and_the_main_window_is_layout_and_wiring():
    package = UI.parent
    long = {
        str(path.relative_to(package.parent)): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > 400
    }
    assert long == {}
    assert len((UI / "shell" / "main_window.py").read_text().splitlines()) < 300
