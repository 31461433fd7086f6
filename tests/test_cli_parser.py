"""The parser names its handlers; each name leads to a function, and --help needs no domain."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from roadmap_app.cli import groups
from roadmap_app.cli.parser import build_parser, resolve
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.resources import ResourceKind
from tests.conftest import CliRunner


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_every_handler_name_leads_to_a_function() -> None:
    names = {p.get_default("handler") for p in _parsers(build_parser())} - {None}
    assert len(names) > 60
    for name in names:
        assert isinstance(name, str)
        assert callable(resolve(name)), name


def test_the_help_words_are_the_domain_choices() -> None:
    assert ", ".join(s.value for s in Stage) == groups.JOB_STAGES
    assert ", ".join(k.value for k in InterviewKind) == groups.INTERVIEW_KINDS
    assert ", ".join(k.value for k in ResourceKind) == groups.RESOURCE_KINDS


def test_parsing_a_command_imports_no_command_module_service_or_table() -> None:
    code = (
        "import sys; from roadmap_app.cli.parser import parse; parse(['job', 'list', '--json']); "
        "print(sorted(m for m in sys.modules if m.startswith(('roadmap_app.services', 'roadmap_app.storage', "
        "'roadmap_app.domain', 'roadmap_app.cli.job_commands', 'sqlalchemy'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


READS = (
    ["status"],
    ["items", "--json"],
    ["project", "list", "--json"],
    ["job", "list", "--json"],
    ["history", "--json"],
)


def test_the_read_commands_run_without_the_orm_tables(cli: CliRunner, data_dir: Path) -> None:
    """What makes them quick: no declarative classes are built (see storage/plain.py)."""
    assert cli("set", "skill.python", "done").returncode == 0
    assert cli("project", "add", "Churn model", "--skill", "skill.python").returncode == 0
    assert cli("job", "add", "Acme", "ML engineer").returncode == 0
    assert cli("log", "30", "skill.python").returncode == 0
    for args in READS:
        code = (
            "import sys; from roadmap_app.__main__ import main; "
            f"rc = main(['--data-dir', {str(data_dir)!r}, *{args!r}]); "
            "print('tables' if 'roadmap_app.storage.tables' in sys.modules else 'no tables', rc, file=sys.stderr)"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert run.stderr.strip().splitlines()[-1] == "no tables 0", (args, run.stderr)
