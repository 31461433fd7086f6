"""Schema migrations: old data opens with the current code, a failed upgrade changes nothing,
and a database from a newer version of the app is refused and left alone."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from roadmap_app.bootstrap import open_services
from roadmap_app.storage import migrate
from roadmap_app.storage.db import MigrationError, NewerSchemaError, open_database, read_revision
from roadmap_app.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_fixture as fixture  # noqa: E402


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def test_known_revisions_match_the_alembic_scripts() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    chain = [rev.revision for rev in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
    assert scripts.get_current_head() == HEAD_REVISION


def test_every_released_schema_has_a_committed_fixture() -> None:
    committed = sorted(p.name for p in FIXTURES.glob("schema-*.sqlite3"))
    # Every schema a release wrote; the newest is made by the current code in every test.
    assert committed == [f"schema-{rev}.sqlite3" for rev in KNOWN_REVISIONS[:-1]]
    for name in committed:
        assert read_revision(FIXTURES / name) == name.removeprefix("schema-").removesuffix(".sqlite3")


@pytest.mark.parametrize("fixture_name", sorted(p.name for p in FIXTURES.glob("schema-*.sqlite3")))
def test_a_database_from_an_older_release_opens_with_all_its_data(fixture_name: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / fixture_name, data / "roadmap.sqlite3")

    paths, services = open_services(data)
    try:
        assert read_revision(paths.database) == HEAD_REVISION
        ada = services.profiles.find(fixture.PROFILE)
        assert services.profiles.current().id == ada.id
        states = services.progress.states(ada.id)
        for item in fixture.DONE:
            assert states[item].state.value == "done"
        for item in fixture.IN_PROGRESS:
            assert states[item].state.value == "in_progress"
        for item in fixture.SKIPPED:
            assert states[item].state.value == "skipped"
        assert states[fixture.NOTE_ITEM].note == fixture.NOTE
        projects = {p.title: p for p in services.portfolio.projects(ada.id)}
        assert set(projects) == {fixture.PROJECT_TITLE, fixture.SECOND_PROJECT_TITLE}
        main = services.portfolio.get(ada.id, projects[fixture.PROJECT_TITLE].id)
        assert main.repo_url == fixture.PROJECT_REPO
        assert main.skill_ids == fixture.PROJECT_SKILLS
        assert tuple(n.text for n in main.notes) == fixture.PROJECT_NOTES
        assert len(services.activity.all(ada.id)) > 10
        assert services.profiles.find(fixture.SECOND_PROFILE)
        if (read_revision(FIXTURES / fixture_name) or "") >= "0004":
            sessions = sorted(services.study.sessions(ada.id), key=lambda s: s.id)
            assert [(s.minutes, s.note) for s in sessions] == [(m, n) for m, _s, n in fixture.SESSIONS]
            assert sessions[2].title == fixture.PROJECT_TITLE
            assert services.profiles.get(ada.id).weekly_goal_minutes == fixture.WEEKLY_GOAL
        if (read_revision(FIXTURES / fixture_name) or "") >= "0005":
            (credential,) = services.credentials.list(ada.id)
            assert (credential.title, set(credential.skill_ids)) == (fixture.CREDENTIAL[0], set(fixture.CREDENTIAL[3]))
            (job,) = services.experience.list(ada.id)
            assert (job.title, job.organisation, job.finished_on) == (
                fixture.EXPERIENCE[0],
                fixture.EXPERIENCE[2],
                None,
            )
            assert [n.text for n in services.experience.get(ada.id, job.id).notes] == [fixture.EXPERIENCE_NOTE]
        if (read_revision(FIXTURES / fixture_name) or "") >= "0006":
            (application,) = services.jobs.list(ada.id)
            assert (application.company, application.role, application.url) == fixture.APPLICATION
            assert application.ad_text == fixture.APPLICATION_AD
            assert [(c.stage.value, c.on, c.note) for c in application.stages] == list(fixture.APPLICATION_STAGES)
            assert [(i.on, i.kind.value, i.note) for i in application.interviews] == [fixture.APPLICATION_INTERVIEW]
            assert [(c.name, c.role, c.email) for c in application.contacts] == [fixture.APPLICATION_CONTACT]
            assert [n.text for n in application.notes] == [fixture.APPLICATION_NOTE]
        if (read_revision(FIXTURES / fixture_name) or "") >= "0007":
            links = services.task_links.all(ada.id)
            assert [p.title for p in links[fixture.LINKED_TASKS[0]]] == [fixture.CREDENTIAL[0]]
            assert [p.title for p in links[fixture.LINKED_TASKS[1]]] == [fixture.EXPERIENCE[0]]
            assert states[fixture.LINKED_TASKS[0]].state.value == "done"
        if (read_revision(FIXTURES / fixture_name) or "") >= "0008":
            services.use_profile(ada.id)
            roadmap = services.roadmap
            assert roadmap.skill(fixture.OWN_SKILL[2]) is not None
            task = roadmap.task(fixture.OWN_TASK[2])
            assert task is not None and task.title == fixture.OWN_TASK[0]
            assert (states[fixture.OWN_TASK[2]].state.value, states[fixture.OWN_TASK[2]].note) == (
                "done",
                fixture.OWN_NOTE,
            )
            archived = {p.item_id: p for p in services.progress.archived(ada.id)}
            assert archived[fixture.OWN_REMOVED[1]].state.value == "in_progress"
            assert roadmap.title_of(fixture.OWN_REMOVED[1]) == fixture.OWN_REMOVED[0]
        if (read_revision(FIXTURES / fixture_name) or "") >= "0009":
            kept = services.resources.list(ada.id, fixture.NOTE_ITEM)
            assert [(r.title, r.url, r.kind.value, r.of, r.progress) for r in kept[:1]] == [fixture.RESOURCES[0]]
            assert [(r.title, r.done) for r in kept[1:]] == [(fixture.RESOURCES[1][0], True)]
        # The upgraded file still takes writes.
        services.progress.set_state(ada.id, "skill.r", "done")
        assert services.backups.check().ok
    finally:
        services.close()
    if read_revision(FIXTURES / fixture_name) != HEAD_REVISION:
        made = [p.name for p in paths.backups_dir.glob("*-before-migration.sqlite3")]
        assert len(made) == 1, "an upgrade is always preceded by a backup"


FAILING = '''
"""a step that fails half-way

Revision ID: 9001
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_applied", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("projects") as batch_op:
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
    op.execute("UPDATE projects SET rating = 5")
    op.execute("DELETE FROM activity")
    {last_step}


def downgrade() -> None:
    pass
'''


def migrations_with_extra_step(tmp_path: Path, last_step: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    script = textwrap.dedent(FAILING).format(down=HEAD_REVISION, last_step=last_step)
    (folder / "versions" / "9001_extra.py").write_text(script, encoding="utf-8")
    return folder


def a_current_database(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema-0001.sqlite3", data / "roadmap.sqlite3")
    _paths, services = open_services(data)
    services.close()
    return data / "roadmap.sqlite3"


def test_a_failing_migration_leaves_the_file_exactly_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_current_database(tmp_path)
    assert not Path(f"{path}-wal").exists()
    before_bytes, before_rows = digest(path), dump(path)
    folder = migrations_with_extra_step(tmp_path, 'raise RuntimeError("step 5 of 5 failed")')
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)

    with pytest.raises(RuntimeError, match="step 5 of 5 failed"):
        migrate.upgrade(path)

    assert dump(path) == before_rows
    assert read_revision(path) == HEAD_REVISION
    assert digest(path) == before_bytes


def test_the_same_migration_without_the_failure_does_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The control for the test above: its steps really change the file when nothing fails.
    path = a_current_database(tmp_path)
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations_with_extra_step(tmp_path, "pass"))
    migrate.upgrade(path)
    assert read_revision(path) == "9001"
    rows = dump(path)
    assert "half_applied" in rows
    assert rows["activity"] == []


def test_a_failed_upgrade_on_open_says_so_and_leaves_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_current_database(tmp_path)
    before_rows = dump(path)
    for old in (path.parent / "backups").iterdir():
        old.unlink()
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations_with_extra_step(tmp_path, "raise RuntimeError('boom')"))
    monkeypatch.setattr("roadmap_app.storage.db.KNOWN_REVISIONS", (*KNOWN_REVISIONS, "9001"))
    monkeypatch.setattr("roadmap_app.storage.db.HEAD_REVISION", "9001")

    with pytest.raises(MigrationError, match=r"boom.*left as it was"):
        open_services(path.parent)

    assert dump(path) == before_rows
    backups = list((path.parent / "backups").glob("*-before-migration.sqlite3"))
    assert len(backups) == 1
    assert dump(backups[0]) == before_rows


def files_besides_companions(folder: Path) -> list[str]:
    """Every file, leaving out the -wal and -shm that any reader of a WAL database creates."""
    return sorted(p.name for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm")))


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = a_current_database(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(path)
    listing = files_besides_companions(path.parent)

    with pytest.raises(NewerSchemaError, match="newer version of Roadmap"):
        open_services(path.parent)
    with pytest.raises(NewerSchemaError):
        open_database(path)

    assert digest(path) == before
    assert files_besides_companions(path.parent) == listing
    assert not list(path.parent.glob(".*.open-*")), "no clean-shutdown marker is left behind"


def test_the_command_line_refuses_a_newer_database_with_one_line(tmp_path: Path, cli: object) -> None:
    path = a_current_database(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(path)
    result = cli("status", data=path.parent)  # type: ignore[operator]
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "newer version of Roadmap" in result.stderr
    assert digest(path) == before
