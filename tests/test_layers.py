"""The layering rules of the architecture, checked on what a fresh interpreter really loads.

A text search is fooled by a re-export; ``sys.modules`` after importing every module of a
layer is not. The one rule a module list cannot check (the window may load SQLAlchemy
through the services, but its own code must not import it) is checked on the syntax tree.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import roadmap_app

PACKAGE = Path(roadmap_app.__file__).resolve().parent

# Prints the modules loaded by the statements, less those a bare interpreter loads.
PROBE = """
import json, pkgutil, sys
before = set(sys.modules)
{statement}
print(json.dumps(sorted(set(sys.modules) - before)))
"""

# Alembic's migration scripts run only inside Alembic; a normal open never imports them.
IMPORT_ALL = """
import importlib, pkgutil
package = importlib.import_module({package!r})
for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if not found.name.startswith("roadmap_app.storage.migrations"):
        importlib.import_module(found.name)
"""

QT = ("PySide6", "shiboken6")
UI = ("roadmap_app.ui",)


def loaded_by(statement: str, *, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(statement=statement)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def loaded_by_layer(package: str) -> set[str]:
    return loaded_by(IMPORT_ALL.format(package=package))


def under(modules: set[str], *prefixes: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)}


def test_the_probe_sees_what_is_loaded() -> None:
    """The check itself: a layer that did load Qt would be caught."""
    assert under(loaded_by("import PySide6.QtCore"), *QT)
    assert "roadmap_app.domain.model" in loaded_by_layer("roadmap_app.domain")


def test_the_domain_loads_only_the_standard_library() -> None:
    modules = loaded_by_layer("roadmap_app.domain")
    ours = {m for m in modules if m == "roadmap_app" or m.startswith("roadmap_app.")}
    assert ours == {"roadmap_app"} | under(modules, "roadmap_app.domain")
    foreign = {m for m in modules - ours if m.split(".")[0] not in sys.stdlib_module_names}
    assert not foreign


def test_the_content_loads_no_qt_no_database_and_no_upper_layer() -> None:
    modules = loaded_by_layer("roadmap_app.content")
    assert not under(
        modules, *QT, "sqlalchemy", "alembic", "roadmap_app.storage", "roadmap_app.services", "roadmap_app.cli", *UI
    )


def test_the_storage_loads_no_qt_and_no_upper_layer() -> None:
    modules = loaded_by_layer("roadmap_app.storage")
    assert "sqlalchemy" in modules
    assert not under(modules, *QT, "roadmap_app.services", "roadmap_app.cli", *UI)


def test_the_services_load_no_qt_and_no_ui() -> None:
    modules = loaded_by_layer("roadmap_app.services")
    assert not under(modules, *QT, "roadmap_app.cli", *UI)


def test_the_command_line_loads_no_qt(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    statement = (
        IMPORT_ALL.format(package="roadmap_app.cli")
        + "from roadmap_app.__main__ import main\n"
        + "import contextlib, io\n"
        + "with contextlib.redirect_stdout(io.StringIO()):\n"
        + "    try:\n"
        + "        main(['--version'])\n"
        + "    except SystemExit as exit:\n"
        + "        assert exit.code in (0, None)\n"
        + f"    assert main(['--data-dir', {str(tmp_path / 'data')!r}, 'status']) == 0\n"
    )
    modules = loaded_by(statement, env=env)
    assert "roadmap_app.cli" in modules
    assert not under(modules, *QT, *UI)


def test_the_window_loads_no_command_line_code() -> None:
    modules = loaded_by_layer("roadmap_app.ui")
    assert "roadmap_app.ui.window.main_window" in modules
    assert not under(modules, "roadmap_app.cli")


def direct_imports(path: Path) -> set[str]:
    """Every module a file names in an import statement, at any depth (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_syntax_check_sees_every_form_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from roadmap_app import storage\n    import sqlalchemy.orm as orm\n")
    assert {"roadmap_app.storage", "sqlalchemy.orm"} <= direct_imports(sample)


@pytest.mark.parametrize("path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_window_code_never_imports_storage_or_sqlalchemy(path: Path) -> None:
    forbidden = {"sqlalchemy", "alembic", "roadmap_app.storage"}
    bad = {m for m in direct_imports(path) if any(m == f or m.startswith(f + ".") for f in forbidden)}
    assert not bad


def test_a_normal_open_does_not_import_alembic(tmp_path: Path) -> None:
    from roadmap_app.bootstrap import open_services

    _paths, services = open_services(tmp_path)  # first open migrates
    services.close()
    modules = loaded_by(f"from roadmap_app.bootstrap import open_services; open_services({str(tmp_path)!r})")
    assert "alembic" not in modules
