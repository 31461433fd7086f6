"""The wheel carries the built-in roadmap, and the app finds it there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_resources_and_finds_them_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("roadmap_app-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "roadmap_app/resources/roadmaps/ml-engineer.toml" in names
        assert any(n.startswith("roadmap_app/storage/migrations/versions/0001") for n in names)
        assert "roadmap_app/resources/icons/roadmap-app.svg" in names
        assert "roadmap_app/resources/desktop/org.roadmapapp.Roadmap.desktop" in names
        assert "roadmap_app/resources/desktop/org.roadmapapp.Roadmap.metainfo.xml" in names
        site = tmp_path / "site"
        archive.extractall(site)
    code = (
        "from roadmap_app.content import default_roadmap_path, load_roadmap;"
        "from roadmap_app.resources import resource;"
        "p = default_roadmap_path(); r = load_roadmap(); print(p); print(len(r.steps));"
        "print(resource('icons', 'roadmap-app-48.png'))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    path, steps, icon = result.stdout.split()
    assert Path(path).is_relative_to(site)
    assert steps == "5"
    assert Path(icon).is_relative_to(site) and Path(icon).is_file(), "every resource comes from the package"
