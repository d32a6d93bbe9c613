"""The apps depend one way: posts is the core, series and sources build on it, the site
(blog_project) composes them all. Every import counts, at module level or inside a function;
migrations and tests aside."""

import ast
from itertools import permutations
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("posts", "series", "sources", "blog_project")
# What each app may import of the others.
ALLOWED = {
    "posts": set(),
    "series": {"posts"},
    "sources": {"posts"},
    "blog_project": {"posts", "series", "sources"},
}


def _imports_of(app: str) -> dict[str, set[str]]:
    """Other apps each module of ``app`` imports, by module path."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        others = {name.split(".")[0] for name in names} & set(APPS) - {app}
        if others:
            found[str(path.relative_to(ROOT))] = others
    return found


def _graph() -> dict[str, set[str]]:
    return {app: set().union(*_imports_of(app).values()) for app in APPS}


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        module: others - ALLOWED[app]
        for module, others in _imports_of(app).items()
        if others - ALLOWED[app]
    }
    assert wrong == {}, f"{app} imports apps it must not: {wrong}"


def test_there_is_no_cycle_between_apps():
    graph = _graph()
    for a, b in permutations(APPS, 2):
        assert not (b in graph[a] and a in graph[b]), f"{a} and {b} import each other"

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(
            nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt}))
            for nxt in graph[start]
        )

    assert [app for app in APPS if reaches(app, app, {app})] == []


def test_the_check_would_catch_an_import_inside_a_function(tmp_path, monkeypatch):
    """The graph includes imports made inside functions, the ones that hid cycles before."""
    package = tmp_path / "posts"
    package.mkdir()
    (package / "views.py").write_text("def view():\n    from series.models import Series\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert _imports_of("posts") == {"posts/views.py": {"series"}}
