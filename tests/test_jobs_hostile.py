"""Hostile input in job applications: ads of 1 MB, binary, badly encoded or from every Unicode
plane, and any text in any field. Each gets a clean result or one line `error: ...`, never a
traceback, and a refusal changes nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.domain.jobs import Application
from roadmap_app.services import Services, UserError
from tests.conftest import CliRunner, InProcessCli
from tests.test_gap_hostile import every_plane, one_error_line
from tests.test_hostile_input import dump

EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200"))


def test_a_one_megabyte_ad_is_stored_and_checked(run_cli: InProcessCli, tmp_path: Path) -> None:
    line = "We need Python, PyTorch and Docker for our R&D models; Series C funding. "
    ad = tmp_path / "big.txt"
    ad.write_text(line * (1_000_000 // len(line)), encoding="utf-8")
    added = run_cli("job", "add", "Acme", "ML engineer", "--ad", str(ad))
    assert added.returncode == 0, added.stderr
    shown = json.loads(run_cli("job", "show", added.stdout.strip(), "--json").stdout)
    assert shown["ad"] == ad.read_text(encoding="utf-8")
    assert [m["id"] for m in shown["gap"]["missing"]] == ["skill.python", "skill.pytorch"]
    assert shown["gap"]["unknown"] == ["Docker"]


def test_an_ad_from_every_unicode_plane_is_stored_exactly(run_cli: InProcessCli, tmp_path: Path) -> None:
    ad = tmp_path / "planes.txt"
    ad.write_text(every_plane(), encoding="utf-8")
    added = run_cli("job", "add", "Acme", "ML engineer", "--ad", str(ad))
    assert added.returncode == 0, added.stderr
    shown = json.loads(run_cli("job", "show", added.stdout.strip(), "--json").stdout)
    assert shown["ad"] == every_plane()
    assert [m["id"] for m in shown["gap"]["missing"]] == ["skill.python", "skill.r", "skill.cpp"]
    assert run_cli("job", "show", added.stdout.strip()).returncode == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary Python", "is not a text file"),
        (b"Python and caf\xe9 culture", "is not UTF-8 text"),
        (b"\xff\xfeP\x00y\x00", "is UTF-16 text"),
        (b"Python \xed\xa0\x80 surrogate", "is not UTF-8 text"),
    ],
)
def test_a_binary_or_badly_encoded_ad_is_refused_and_changes_nothing(
    run_cli: InProcessCli, services: Services, tmp_path: Path, content: bytes, expected: str
) -> None:
    ada = services.profiles.create("Ada").id
    app = services.jobs.add(ada, "Acme", "ML engineer", ad_text="Python")
    ad = tmp_path / "ad.bin"
    ad.write_bytes(content)
    before = dump(services)
    for args in (("job", "add", "Beta", "ML", "--ad", str(ad)), ("job", "edit", str(app.id), "--ad", str(ad))):
        done = run_cli(*args)
        assert done.returncode == 1 and done.stdout == ""
        assert expected in one_error_line(done.stderr)
    assert dump(services) == before


def test_a_binary_ad_on_standard_input_is_refused(cli: CliRunner) -> None:
    done = cli("job", "add", "Acme", "ML engineer", "--ad", "-", stdin="Python \x00\x01 binary")
    assert done.returncode == 1 and "standard input is not a text file" in one_error_line(done.stderr)
    assert json.loads(cli("job", "list", "--json").stdout) == []


def test_an_ad_beyond_what_the_gap_check_reads_is_refused(services: Services) -> None:
    ada = services.profiles.create("Ada").id
    before = dump(services)
    with pytest.raises(UserError, match="give the ad alone"):
        services.jobs.add(ada, "Acme", "ML engineer", ad_text="Python " * 300_000)
    assert dump(services) == before


any_text = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "\ud800", "x" * 2_001, "a@b", "🚀" * 201])


@settings(
    max_examples=max(25, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=any_text, role=any_text, ad=any_text, note=any_text, name=any_text, email=any_text)
def test_any_text_in_any_field_is_stored_exactly_or_refused_in_one_line(
    services: Services, company: str, role: str, ad: str, note: str, name: str, email: str
) -> None:
    try:
        ada = services.profiles.find("Ada").id
    except UserError:
        ada = services.profiles.create("Ada").id
    app_id = services.jobs.add(ada, "Acme", "ML engineer").id
    attempts: list[Callable[[], object]] = [
        lambda: services.jobs.add(ada, company, role, ad_text=ad, location=note, source=name),
        lambda: services.jobs.set_stage(ada, app_id, "applied", on=date(2026, 1, 2), note=note),
        lambda: services.jobs.add_interview(ada, app_id, date(2026, 1, 3), note=note),
        lambda: services.jobs.add_contact(ada, app_id, name, role=role, email=email),
        lambda: services.jobs.add_note(ada, app_id, note),
        lambda: services.jobs.update(ada, app_id, company=company, ad_text=ad),
    ]
    for attempt in attempts:
        before = dump(services)
        try:
            done = attempt()
        except UserError as exc:
            assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 400
            assert dump(services) == before
            continue
        if isinstance(done, Application):
            stored = services.jobs.get(ada, done.id)
            assert (stored.company, stored.ad_text) == (" ".join(company.split()), ad if ad.strip() else "")
    for app in services.jobs.list(ada):
        assert services.jobs.get(ada, app.id) == app
        if app.ad_text:
            services.jobs.gap(ada, app.id)
