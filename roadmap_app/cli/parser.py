"""Argument parsing and dispatch. Exit 0 on success, 1 with one 'error:' line, 2 for usage."""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NoReturn

from roadmap_app import __version__

Handler = Callable[[argparse.Namespace, Any], int]
#: A handler named as 'module:function' of a module under ``roadmap_app.cli``: building the
#: parser imports no command module; ``run_command`` imports the one command that runs.
HandlerName = str
DEFAULT_SESSION = 45  # domain.today.DEFAULT_MINUTES, without importing the domain for --help


class _Formatter(argparse.HelpFormatter):
    """argparse's own formatter, with the terminal's width read once.

    argparse makes a formatter for every argument it adds (to check its metavar), and
    each asked the terminal for its size: about 300 asks to build the parser.
    """

    _terminal_width: ClassVar[int | None] = None

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        if width is None:
            if _Formatter._terminal_width is None:
                import shutil

                _Formatter._terminal_width = shutil.get_terminal_size().columns - 2  # as argparse computes it
            width = _Formatter._terminal_width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}; see '{self.prog} --help'\n")


def _translate_once() -> None:
    """Have argparse look up each of its own words (usage:, options, the help option's text)
    in the locale's translations once a process, not each time it uses one: gettext searches
    the locale folders anew on every call, about 250 times for the full parser, which was
    half the time of building it. The translations cannot change while the process runs."""
    translate = getattr(argparse, "_", None)  # argparse's own name for gettext.gettext
    if callable(translate) and not isinstance(translate, functools._lru_cache_wrapper):
        argparse._ = functools.cache(translate)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    from roadmap_app.cli import groups

    _translate_once()

    parser = _Parser(
        prog="roadmap-app",
        description="Roadmap: your road to a machine learning engineer job, offline. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the database and backups")
    parser.add_argument("--profile", metavar="NAME", help="learner profile to use (default: the last used)")
    parser.add_argument("--roadmap", metavar="FILE", help="use this roadmap file instead of the built-in one")
    parser.add_argument("--exit-after-startup", action="store_true", help=argparse.SUPPRESS)
    entry = parser.add_mutually_exclusive_group()
    entry.add_argument(
        "--install-desktop-entry", action="store_true", help="put Roadmap in your desktop's menu (under ~/.local/share)"
    )
    entry.add_argument("--uninstall-desktop-entry", action="store_true", help="remove it from the menu again")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: HandlerName, help_text: str, *, plain: bool = False) -> argparse.ArgumentParser:
        """A command; ``plain`` if it reads through the SQLite driver alone (see `commands.dispatch`)."""
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler, plain=plain)
        return p

    p = command("status", "commands:status", "overall progress, per step, and skills by state", plain=True)
    p.add_argument("--json", action="store_true")

    p = command("items", "item_commands:items", "every item of the roadmap with its id (and your state)", plain=True)
    p.add_argument("--kind", metavar="K", help="only items of this kind (step, task, skill, ...)")
    p.add_argument("--archived", action="store_true", help="your progress on ids the roadmap in use no longer has")
    p.add_argument("--json", action="store_true")

    p = command("show", "item_commands:show", "everything the roadmap says about an item, with your state and note")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--json", action="store_true")

    p = command(
        "goal",
        "item_commands:goal",
        "your step, target role, weekly study goal and ready-by day; set them with the options",
    )
    p.add_argument("--step", metavar="ID", help="the step you are working on ('' clears it)")
    p.add_argument("--target", metavar="ID", help="the career step you aim for ('' clears it)")
    p.add_argument("--hours-per-week", type=float, metavar="N", help="your weekly study goal in hours (0 clears it)")
    p.add_argument("--min-minutes-per-day", type=int, metavar="M", help="a day counts towards a streak from M minutes")
    p.add_argument("--ready-by", metavar="DATE", help="the day you want to be ready to apply ('' clears it)")
    p.add_argument("--json", action="store_true")

    p = command(
        "set", "task_link_commands:set_state", "set a task's or skill's state: todo, in_progress, done, skipped"
    )
    p.add_argument("item", metavar="ITEM")
    p.add_argument("state", metavar="STATE")
    p.add_argument(
        "--by", metavar="KIND:ID", help="the record that did the task: credential:ID, project:ID or experience:ID"
    )

    p = command("unlink", "task_link_commands:unlink", "a task is no longer done by a record (its state stays)")
    p.add_argument("item", metavar="TASK")
    p.add_argument("record", metavar="KIND:ID")

    p = command("note", "commands:note", "replace your note on a task or skill ('-' reads standard input)")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("text", metavar="TEXT")

    p = command("next", "commands:next_actions", "what to do next, best first, each with its reason", plain=True)
    p.add_argument("--limit", type=int, metavar="N", help="show at most N suggestions")
    p.add_argument("--json", action="store_true")
    answer = p.add_mutually_exclusive_group()
    answer.add_argument("--snooze", metavar="KEY", help="hide the suggestion with this key for some days")
    answer.add_argument("--dismiss", metavar="KEY", help="hide it until the facts behind it change")
    answer.add_argument("--restore", metavar="KEY", help="show a snoozed or dismissed suggestion again")
    p.add_argument("--days", type=int, default=7, metavar="N", help="how long --snooze hides it (default: 7)")

    p = command(
        "today", "commands:today", "a plan for today: a few next actions that fit one study session", plain=True
    )
    p.add_argument(
        "--minutes", type=int, default=DEFAULT_SESSION, metavar="N", help="the session's length (default: 45)"
    )
    p.add_argument("--json", action="store_true")

    p = command(
        "search", "commands:search", "find words in your projects, credentials, experience, job applications and notes"
    )
    p.add_argument("text", metavar="TEXT", help="words to find; the last may be the start of a word")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N matches (default: 50)")
    p.add_argument("--json", action="store_true")

    p = command(
        "log",
        "study_commands:log",
        "log minutes of study, for a task, skill, project:ID, credential:ID or experience:ID",
    )
    p.add_argument("minutes", metavar="MINUTES")
    p.add_argument(
        "item", metavar="ITEM", nargs="?", help="a task or skill id, project:ID, credential:ID or experience:ID"
    )
    p.add_argument("--on", metavar="DATE", help="the day (YYYY-MM-DD; default: today; never a future day)")
    p.add_argument("--note", metavar="TEXT", help="what you did ('-' reads standard input)")

    session = command("session", "commands:missing_subcommand", "logged study sessions: list, delete")
    ssub = session.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    p = ssub.add_parser("list", help="your study sessions, newest first")
    p.set_defaults(handler="study_commands:session_list")
    p.add_argument("--on", metavar="DATE", help="only this day")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("delete", help="delete a logged session (needs --yes)")
    p.set_defaults(handler="study_commands:session_delete")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    p = command(
        "timer", "study_commands:timer", "a study timer that survives closing the window: start, pause, resume, stop"
    )
    p.add_argument(
        "timer_action", metavar="ACTION", nargs="?", default="status",
        choices=("start", "pause", "resume", "stop", "discard", "status"),
        help="start [ITEM], pause, resume, stop (logs it), discard, status (default)",
    )  # fmt: skip
    p.add_argument("item", metavar="ITEM", nargs="?", help="with start: a task or skill id, or project:ID")
    p.add_argument("--note", metavar="TEXT", help="with stop: what you did")

    p = command(
        "history",
        "study_commands:history",
        "minutes studied per day, your streaks and this week against your goal",
        plain=True,
    )
    p.add_argument("--weeks", type=int, default=52, metavar="N", help="how many weeks back (default: 52)")
    p.add_argument("--json", action="store_true")

    p = command(
        "plan",
        "study_commands:plan",
        "when each step finishes and when you are job-ready, at your weekly hours",
        plain=True,
    )
    p.add_argument("--hours-per-week", type=float, metavar="N", help="plan at N hours a week (default: your goal)")
    p.add_argument("--json", action="store_true")

    p = command(
        "gap", "gap_commands:gap", "which of a job ad's skills you have done, still miss, or the roadmap does not know"
    )
    p.add_argument("file", metavar="FILE", help="a text file holding the ad ('-' reads standard input)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--add-unknown", action="append", default=[], metavar="NAME",
        help="add a skill the ad names and the roadmap does not know as your own (repeatable)",
    )  # fmt: skip

    project = command(
        "project",
        "commands:missing_subcommand",
        "portfolio projects: add, list, show, edit, delete, note, note-edit, note-delete",
    )
    psub = project.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    p = psub.add_parser("add", help="add a project and print its id")
    p.set_defaults(handler="portfolio_commands:project_add")
    p.add_argument("title", metavar="TITLE", nargs="?", help="(without it, --idea ID starts from that idea as it is)")
    p.add_argument("--summary", default="", metavar="S")
    p.add_argument("--skill", action="append", default=[], metavar="ID", help="a skill it shows (repeatable)")
    p.add_argument("--repo", default="", metavar="URL")
    p.add_argument("--demo", default="", metavar="URL")
    p.add_argument("--status", default="idea", metavar="S", help="idea, building or done")
    p.add_argument("--idea", default="", metavar="ID", help="the project idea it starts from")
    p = psub.add_parser("list", help="list your projects")
    p.set_defaults(handler="portfolio_commands:project_list", plain=True)
    p.add_argument("--json", action="store_true")
    p = psub.add_parser("show", help="one project with its notes")
    p.set_defaults(handler="portfolio_commands:project_show")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = psub.add_parser("edit", help="change a project's fields and skills; a bad value changes nothing")
    p.set_defaults(handler="portfolio_commands:project_edit")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--summary", metavar="S")
    p.add_argument("--status", metavar="S", help="idea, building or done")
    p.add_argument("--repo", metavar="URL", help="repository link ('' clears it)")
    p.add_argument("--demo", metavar="URL", help="demo link ('' clears it)")
    p.add_argument("--add-skill", action="append", default=[], metavar="ID", help="a skill it shows (repeatable)")
    p.add_argument("--remove-skill", action="append", default=[], metavar="ID", help="(repeatable)")
    p = psub.add_parser("delete", help="delete a project with its notes (needs --yes)")
    p.set_defaults(handler="portfolio_commands:project_delete")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p = psub.add_parser("note", help="add a dated Markdown note ('-' reads standard input)")
    p.set_defaults(handler="portfolio_commands:project_note")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p = psub.add_parser("note-edit", help="replace the text of a project note ('-' reads standard input)")
    p.set_defaults(handler="portfolio_commands:project_note_edit")
    p.add_argument("note", metavar="NOTE", help="the note's id, as 'project show' lists it")
    p.add_argument("text", metavar="TEXT")
    p = psub.add_parser("note-delete", help="delete a project note (needs --yes)")
    p.set_defaults(handler="portfolio_commands:project_note_delete")
    p.add_argument("note", metavar="NOTE")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    groups.register_records(sub, _Parser)
    groups.register_jobs(sub, _Parser)
    groups.register_own_items(sub, _Parser)
    groups.register_resources(sub, _Parser)
    groups.register_documents(sub, _Parser)

    p = command(
        "evidence", "evidence_commands:evidence", "what proves each skill you claim; flags done skills nothing proves"
    )
    p.add_argument("--json", action="store_true")

    profile = command("profile", "commands:missing_subcommand", "learner profiles: list, create, use, rename, delete")
    fsub = profile.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    p = fsub.add_parser("list", help="list the profiles; * marks the current one")
    p.set_defaults(handler="data_commands:profile_list")
    p.add_argument("--json", action="store_true")
    p = fsub.add_parser("create", help="create a profile")
    p.set_defaults(handler="data_commands:profile_create")
    p.add_argument("name", metavar="NAME")
    p = fsub.add_parser("use", help="make a profile the current one")
    p.set_defaults(handler="data_commands:profile_use")
    p.add_argument("name", metavar="NAME")
    p = fsub.add_parser("rename", help="rename a profile")
    p.set_defaults(handler="data_commands:profile_rename")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new_name", metavar="NEW")
    p = fsub.add_parser("delete", help="delete a profile and all its progress (needs --yes)")
    p.set_defaults(handler="data_commands:profile_delete")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    p = command("export", "data_commands:export", "write the profile as a JSON document")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")

    p = command("import", "data_commands:import_", "add a profile from an export file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--as", dest="as_name", metavar="NAME", help="name for the new profile")

    command("backup", "data_commands:backup", "make a backup now and print its path")
    p = command("backups", "data_commands:backups", "list the backups, newest first")
    p.add_argument("--json", action="store_true")
    p = command("restore", "data_commands:restore", "restore a backup (the newest good one by default)")
    p.set_defaults(opens_damaged=True)
    p.add_argument("backup", nargs="?", metavar="BACKUP")
    command("check", "data_commands:check", "check the database for damage")

    roadmap = command("roadmap", "commands:missing_subcommand", "roadmap files: check")
    rsub = roadmap.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    p = rsub.add_parser("check", help="validate a roadmap file and report 'file: key: problem' (opens no data)")
    p.set_defaults(handler="roadmap_commands:roadmap_check", standalone=True)
    p.add_argument("file", metavar="FILE")
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command, turning every user error into one 'error:' line."""
    from roadmap_app.cli.commands import dispatch

    args.handler = resolve(args.handler)
    return dispatch(args)


def resolve(name: HandlerName) -> Handler:
    """The function a handler's name ('module:function') names, its module imported now."""
    module, _, function = name.partition(":")
    handler: Handler = getattr(importlib.import_module(f"roadmap_app.cli.{module}"), function)
    return handler


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))
