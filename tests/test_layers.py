"""The layering rules of the architecture, checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import roadmap_app

PACKAGE = Path(roadmap_app.__file__).resolve().parent


def loaded_modules(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_importing_services_loads_no_qt_and_no_ui() -> None:
    modules = loaded_modules("import roadmap_app.services")
    assert not {m for m in modules if m.startswith("PySide6") or m.startswith("shiboken")}
    assert not {m for m in modules if m.startswith("roadmap_app.ui")}


def test_a_normal_open_does_not_import_alembic(tmp_path: Path) -> None:
    from roadmap_app.bootstrap import open_services

    _paths, services = open_services(tmp_path)  # first open migrates
    services.close()
    modules = loaded_modules(f"from roadmap_app.bootstrap import open_services; open_services({str(tmp_path)!r})")
    assert "alembic" not in modules


def test_the_domain_imports_only_the_standard_library() -> None:
    for path in (PACKAGE / "domain").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import ", "from ")):
                module = line.split()[1]
                assert not module.startswith(
                    ("sqlalchemy", "PySide6", "roadmap_app.storage", "roadmap_app.services")
                ), (
                    path.name,
                    line,
                )


def test_the_ui_never_reaches_storage() -> None:
    for path in (PACKAGE / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "sqlalchemy" not in text and "roadmap_app.storage" not in text, path.name
