"""The desktop entry, its metainfo and icons: installed under the user's data folder, valid,
starting this installation, and removed again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from roadmap_app import desktop
from roadmap_app.__main__ import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(target))
    return target


def test_installing_puts_the_entry_metainfo_and_icons_in_the_users_folder(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--install-desktop-entry"]) == 0
    entry = home / "applications" / f"{desktop.APP_ID}.desktop"
    assert entry.is_file()
    assert (home / "metainfo" / f"{desktop.APP_ID}.metainfo.xml").is_file()
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{desktop.APP_ID}.svg").is_file()
    for size in desktop.ICON_SIZES:
        assert (home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{desktop.APP_ID}.png").is_file()
    assert "Roadmap is in your menu" in capsys.readouterr().out
    fields = dict(line.split("=", 1) for line in entry.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert fields["Icon"] == desktop.APP_ID
    assert Path(fields["Exec"].split()[0]).is_file(), "the entry starts this installation"

    assert main(["--uninstall-desktop-entry"]) == 0
    assert not [p for p in home.rglob("*") if p.is_file()]
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "no desktop entry was installed" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="apt-get install desktop-file-utils")
def test_the_installed_entry_passes_desktop_file_validate(home: Path) -> None:
    (entry, *_rest) = desktop.install(home, ["/opt/my apps/roadmap-app", "--data-dir", "/data/100% mine"])
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exec_line = next(line for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/my apps/roadmap-app" --data-dir "/data/100%% mine"'


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="apt-get install appstream")
def test_the_metainfo_passes_appstream_validation(home: Path) -> None:
    written = desktop.install(home)
    metainfo = next(p for p in written if p.name.endswith(".metainfo.xml"))
    checked = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop-entry"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: could not write under")
