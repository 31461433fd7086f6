"""The parser names its handlers; each name leads to a function, and --help needs no domain."""

from __future__ import annotations

import argparse
import subprocess
import sys

from roadmap_app.cli import groups
from roadmap_app.cli.parser import build_parser, resolve
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.resources import ResourceKind


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
