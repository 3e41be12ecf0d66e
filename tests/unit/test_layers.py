"""The layers hold: core, data, views and export import neither Textual nor Rich (anywhere in
them, not only at the top), the UI parses no YAML, and no tui module imports another in a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"


def _modules() -> dict[str, Path]:
    out = {}
    for path in TUI.rglob("*.py"):
        parts = path.relative_to(TUI.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under `if TYPE_CHECKING:` (never run: a typed handle, as Posting's
    modules split out of its app hold one)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            out |= {id(n) for child in node.body for n in ast.walk(child)}
    return out


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    nodes = [n for n in (tree.body if top_level_only else ast.walk(tree)) if id(n) not in skip]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_core_data_views_and_export_never_import_textual_or_rich():
    bad = {}
    for name, path in _modules().items():
        if name.split(".")[1:2] and name.split(".")[1] in ("core", "data", "views", "export", "imports"):
            used = {m for m in _imports(path, top_level_only=False) if m.split(".")[0] in ("textual", "rich")}
            if used:
                bad[name] = sorted(used)
    assert bad == {}


def test_the_ui_parses_no_yaml():
    bad = {name for name, path in _modules().items()
           if name.startswith("tui.ui") and any(m.split(".")[0] == "yaml" for m in _imports(path, False))}
    assert bad == set()


def test_no_tui_module_imports_another_in_a_circle():
    """Imports inside functions count too: a circle that only lazy imports hide is still one."""
    modules = _modules()
    graph = {name: {m for m in _imports(path, top_level_only=False) if m in modules and m != name}
             for name, path in modules.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_loading_and_the_views_import_no_textual_at_run_time():
    code = ("import sys, tui.data.load, tui.data.cache, tui.views, tui.views.panes, tui.export.data, "
            "tui.export.png, tui.cli; from tui.data.load import load; from tui.views import Views; "
            "v = Views(load()); [v.source(p).select() for p in ('countries', 'meetings', 'roadmap')];"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
