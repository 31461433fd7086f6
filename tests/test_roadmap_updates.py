"""A new version of the roadmap is reported once, at the first start of the window that meets it."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.bootstrap import open_services
from roadmap_app.content import default_roadmap_path


def later_version(tmp_path: Path) -> Path:
    """The built-in roadmap as version 2: skill.caffe dropped, one new skill, one new task."""
    text = default_roadmap_path().read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[)", text)
    text = "".join(b for b in blocks if 'id = "skill.caffe"' not in b).replace("version = 1\n", "version = 2\n", 1)
    text = text.replace('"skill.caffe", ', "").replace(', "skill.caffe"', "").replace('"skill.caffe"', "")
    text = text.replace(
        "# Maths and statistics",
        '[[skills]]\nid = "skill.julia"\ntitle = "Julia"\ncategory = "category.programming"\n\n# Maths and statistics',
        1,
    )
    text = text.replace(
        '[[steps]]\nid = "step.skills"',
        '[[steps.tasks]]\nid = "task.credential.transcript"\ntitle = "Ask for your transcript"\n\n'
        '[[steps]]\nid = "step.skills"',
        1,
    )
    path = tmp_path / "later.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_change_is_counted_once_and_the_first_start_says_nothing(data_dir: Path, tmp_path: Path) -> None:
    _paths, services = open_services(data_dir)
    try:
        assert services.roadmap_updates.since_last_start() is None  # the first start: nothing to compare
        assert services.roadmap_updates.since_last_start() is None  # the same file again
    finally:
        services.close()
    _paths, services = open_services(data_dir, roadmap_path=later_version(tmp_path))
    try:
        update = services.roadmap_updates.since_last_start()
        assert update is not None
        assert (update.old_version, update.new_version) == (1, 2)
        assert (update.new_skills, update.new_tasks, update.archived) == (1, 1, 1)
        assert update.describe() == (
            "The roadmap was updated (version 1 to 2): 1 new skill, 1 new task, 1 archived "
            "(your progress on them is kept)."
        )
        assert services.roadmap_updates.since_last_start() is None  # said once
    finally:
        services.close()
    # Going back to the older file is a change too, and brings the dropped skill back.
    _paths, services = open_services(data_dir)
    try:
        back = services.roadmap_updates.since_last_start()
        assert back is not None and (back.new_skills, back.archived) == (1, 2)
    finally:
        services.close()


def test_the_window_says_so_at_the_first_start_with_the_new_version(
    data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    later = later_version(tmp_path)
    with WindowOpener(data_dir, qtbot) as opener:
        window = opener()
        qtbot.wait(50)
        assert "roadmap was updated" not in window.status_label.text()
        opener.close(window)
    with WindowOpener(data_dir, qtbot, roadmap_path=later) as opener:
        window = opener()
        qtbot.waitUntil(lambda: "The roadmap was updated" in window.status_label.text(), timeout=3000)
        assert "1 new skill" in window.status_label.text()
        opener.close(window)
        window = opener()
        qtbot.wait(50)
        assert "roadmap was updated" not in window.status_label.text()


def test_a_start_that_meets_the_same_roadmap_changes_nothing_so_no_backup_is_made_on_close(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    try:
        ada = services.profiles.create("Ada")
        services.progress.set_state(ada.id, "skill.python", "done")
        assert services.roadmap_updates.since_last_start() is None
    finally:
        services.close()
    _paths, services = open_services(data_dir)
    try:
        assert services.roadmap_updates.since_last_start() is None
        assert services.backups.on_close() is None, "nothing changed, so there is nothing to back up"
    finally:
        services.close()
