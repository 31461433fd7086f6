"""The menus: export and import a profile, Find, and a status bar that says what happened."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.transfer_actions import export_file_name, for_the_window
from roadmap_app.ui.window.undo import SetStateCommand


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in menu.actions() if isinstance(a, QAction) and a.text()]


def named_sam(window: MainWindow) -> None:
    window.profiles_menu.rename_profile("Sam")
    window.ctx.undo_stack.clear()


def test_the_file_menu_exports_the_profile_to_a_file_named_after_it(tmp_path: Path, open_window: WindowOpener) -> None:
    window = open_window()
    named_sam(window)
    assert {"New project", "Export profile…", "Import profile…"} <= set(menu_texts(window, "File"))
    window.services.progress.set_state(window.ctx.profile_id, "skill.python", ItemState.DONE)
    offered: list[str] = []

    def choose(default: str) -> Path:
        offered.append(default)
        return tmp_path / default

    window.transfer.choose_export_path = choose
    written = window.transfer.export_profile()
    assert offered == ["Sam.json"]
    assert written == tmp_path / "Sam.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["profile"]["name"] == "Sam"
    assert any(p["item"] == "skill.python" and p["state"] == "done" for p in document["progress"])
    assert "Exported “Sam”" in window.status_label.text()


def test_an_export_file_name_holds_no_path(tmp_path: Path) -> None:
    assert export_file_name("Sam") == "Sam.json"
    assert export_file_name("A/B: C?") == "A-B- C.json"
    assert export_file_name("...") == "profile.json"


def test_cancelling_the_export_writes_nothing(tmp_path: Path, open_window: WindowOpener) -> None:
    window = open_window()
    window.transfer.choose_export_path = lambda _default: None
    assert window.transfer.export_profile() is None
    assert list(tmp_path.glob("*.json")) == []
    assert window.transfer.error_box is None


def test_importing_a_file_adds_a_profile_under_a_new_name_when_taken(tmp_path: Path, open_window: WindowOpener) -> None:
    window = open_window()
    named_sam(window)
    sam = window.ctx.profile
    window.services.progress.set_state(sam.id, "skill.sql", ItemState.DONE)
    window.services.transfer.write_export(sam.id, tmp_path / "Sam.json")
    asked: list[tuple[str, str]] = []

    def name(suggested: str, taken: str) -> str:
        asked.append((suggested, taken))
        return "Sam at home"

    window.transfer.choose_import_path = lambda: tmp_path / "Sam.json"
    window.transfer.choose_name = name
    profile = window.transfer.import_profile()
    assert asked == [("Sam (2)", "Sam")]
    assert profile is not None and profile.name == "Sam at home"
    assert window.ctx.profile_id == profile.id
    assert window.windowTitle() == "Sam at home — Roadmap"
    assert window.services.progress.get(profile.id, "skill.sql").state is ItemState.DONE
    assert "Imported “Sam at home”" in window.status_label.text()
    assert window.transfer.error_box is None


def test_a_free_name_is_imported_without_a_question(tmp_path: Path, open_window: WindowOpener) -> None:
    window = open_window()
    named_sam(window)
    window.services.transfer.write_export(window.ctx.profile_id, tmp_path / "Sam.json")
    window.profiles_menu.rename_profile("Samantha")
    window.transfer.choose_import_path = lambda: tmp_path / "Sam.json"
    window.transfer.choose_name = lambda _s, _t: pytest.fail("asked for a name that is free")
    profile = window.transfer.import_profile()
    assert profile is not None and profile.name == "Sam"


def test_cancelling_the_name_imports_nothing_and_says_nothing(tmp_path: Path, open_window: WindowOpener) -> None:
    window = open_window()
    window.services.transfer.write_export(window.ctx.profile_id, tmp_path / "me.json")
    before = window.services.profiles.all()
    window.transfer.choose_import_path = lambda: tmp_path / "me.json"
    window.transfer.choose_name = lambda _s, _t: None
    assert window.transfer.import_profile() is None
    assert window.services.profiles.all() == before
    assert window.transfer.error_box is None


@pytest.mark.parametrize("content", [b"not json at all", b'{"format": "something else"}', b"\xff\xfe\x00"])
def test_a_bad_file_shows_one_message_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path, open_window: WindowOpener, content: bytes
) -> None:
    window = open_window()
    before = window.services.profiles.all()
    current = window.ctx.profile_id
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    window.transfer.choose_import_path = lambda: bad
    window.transfer.choose_name = lambda _s, _t: pytest.fail("asked for a name for a bad file")
    assert window.transfer.import_profile() is None
    box = window.transfer.error_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Nothing was imported from bad.json" in box.text()
    assert "--" not in box.text()
    assert window.services.profiles.all() == before
    assert window.ctx.profile_id == current
    box.accept()


def test_errors_meant_for_the_command_line_lose_their_advice() -> None:
    error = ValueError("cannot write /x/y.json (Permission denied); choose another file with -o")
    assert for_the_window(error) == "cannot write /x/y.json (Permission denied)"
    assert for_the_window(
        ValueError("a profile named 'Sam' already exists; import it under another name with --as NAME")
    ) == ("a profile named 'Sam' already exists")
    assert for_the_window(ValueError("plain; two parts")) == "plain; two parts"


def test_a_change_says_it_was_saved_and_how_to_undo_it(open_window: WindowOpener) -> None:
    window = open_window()
    named_sam(window)
    assert window.profile_label.text() == "Profile: Sam"
    window.ctx.run(SetStateCommand(window.ctx, "skill.python", ItemState.DONE))
    assert window.status_label.text() == "Saved: Mark “Python” done. Undo with Ctrl+Z"
    window.undo_action.trigger()
    assert window.status_label.text() == "Undone: Mark “Python” done. Redo with Ctrl+Shift+Z"
    window.redo_action.trigger()
    assert window.status_label.text().startswith("Saved: Mark “Python” done")


def test_edit_find_puts_the_cursor_in_the_search_box(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.go_to_page(PageName.CAREER)
    assert "Find…" in menu_texts(window, "Edit")
    assert window.find_action.shortcut().toString() == "Ctrl+K"
    window.search_box.setText("baseline")
    window.find_action.trigger()
    qtbot.waitUntil(window.search_box.hasFocus)
    assert window.search_box.selectedText() == "baseline"
