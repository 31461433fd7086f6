"""The parsers of the command groups (credential, experience, job, item, resource, portfolio).

They name their handlers as 'module:function' strings under ``roadmap_app.cli``, resolved
after parsing, so that building the parser imports no command module, service or model:
a command imports only what it runs.
"""

from __future__ import annotations

import argparse
from typing import Any

# The words of the domain's choices, written out so that --help needs no domain import;
# tests/test_cli_parser.py checks them against the domain's enums.
JOB_STAGES = "saved, applied, screening, interview, offer, accepted, rejected, withdrawn"
INTERVIEW_KINDS = "phone, technical, take_home, onsite, final"
RESOURCE_KINDS = "course, book, video, docs, article, other"
CREDENTIAL_KINDS = "degree, certificate, course or bootcamp"
CREDENTIAL_STATUSES = "planned, in_progress or done"
EXPERIENCE_KINDS = "internship, job, freelance, competition, open_source, research or volunteer"


def _common(p: argparse.ArgumentParser, *, editing: bool) -> None:
    """--started, --finished and --url, shared by both records' add and edit."""
    clears = " ('' clears it)" if editing else ""
    p.add_argument("--started", default=None, metavar="DATE", help=f"YYYY-MM-DD{clears}")
    p.add_argument("--finished", default=None, metavar="DATE", help=f"YYYY-MM-DD{clears}")
    p.add_argument("--url", default=None if editing else "", metavar="URL", help=f"a link to it{clears}")


def _skill_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--add-skill", action="append", default=[], metavar="ID", help="(repeatable)")
    p.add_argument("--remove-skill", action="append", default=[], metavar="ID", help="(repeatable)")


def _show_options(sub: Any, handlers: tuple[Any, Any], what: str) -> None:
    p = sub.add_parser("list", help=f"list your {what}")
    p.set_defaults(handler=handlers[0])
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("show", help=f"one {what} with all it holds")
    p.set_defaults(handler=handlers[1])
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")


def register_records(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'credential' and 'experience' commands, added to the main parser's ``sub``."""
    text = "credentials (step 1): add, list, show, edit, delete"
    top = sub.add_parser("credential", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    csub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = csub.add_parser("add", help="record a degree, certificate, course or bootcamp and print its id")
    p.set_defaults(handler="record_commands:credential_add")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--kind", default="course", metavar="K", help=f"{CREDENTIAL_KINDS} (default: course)")
    p.add_argument("--provider", default="", metavar="P", help="the university, platform or school")
    p.add_argument("--status", default="planned", metavar="S", help=f"{CREDENTIAL_STATUSES} (default: planned)")
    _common(p, editing=False)
    p.add_argument("--note", default="", metavar="TEXT", help="a Markdown note ('-' reads standard input)")
    p.add_argument("--skill", action="append", default=[], metavar="ID", help="a skill it covers (repeatable)")
    _show_options(csub, ("record_commands:credential_list", "record_commands:credential_show"), "credentials")
    p = csub.add_parser("edit", help="change a credential's fields and skills; a bad value changes nothing")
    p.set_defaults(handler="record_commands:credential_edit")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--kind", metavar="K", help=CREDENTIAL_KINDS)
    p.add_argument("--provider", metavar="P")
    p.add_argument("--status", metavar="S", help=CREDENTIAL_STATUSES)
    _common(p, editing=True)
    p.add_argument("--note", metavar="TEXT", help="replace the note ('-' reads standard input)")
    _skill_options(p)
    p = csub.add_parser("delete", help="delete a credential (needs --yes)")
    p.set_defaults(handler="record_commands:credential_delete")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    text = "experience (step 4): add, list, show, edit, note, delete"
    top = sub.add_parser("experience", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    esub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = esub.add_parser("add", help="record an internship, job, competition... and print its id")
    p.set_defaults(handler="record_commands:experience_add")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--kind", default="job", metavar="K", help=f"{EXPERIENCE_KINDS} (default: job)")
    p.add_argument("--org", default="", metavar="ORG", help="the organisation, team or competition host")
    _common(p, editing=False)
    p.add_argument("--summary", default="", metavar="S", help="what you did ('-' reads standard input)")
    p.add_argument("--skill", action="append", default=[], metavar="ID", help="a skill you used (repeatable)")
    _show_options(esub, ("record_commands:experience_list", "record_commands:experience_show"), "experience")
    p = esub.add_parser("edit", help="change an experience's fields and skills; a bad value changes nothing")
    p.set_defaults(handler="record_commands:experience_edit")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--kind", metavar="K", help=EXPERIENCE_KINDS)
    p.add_argument("--org", metavar="ORG")
    _common(p, editing=True)
    p.add_argument("--summary", metavar="S", help="replace the summary ('-' reads standard input)")
    _skill_options(p)
    p = esub.add_parser("note", help="add a dated Markdown note ('-' reads standard input)")
    p.set_defaults(handler="record_commands:experience_note")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p = esub.add_parser("note-edit", help="replace the text of an experience note ('-' reads standard input)")
    p.set_defaults(handler="record_commands:experience_note_edit")
    p.add_argument("note", metavar="NOTE", help="the note's id, as 'experience show' lists it")
    p.add_argument("text", metavar="TEXT")
    p = esub.add_parser("note-delete", help="delete an experience note (needs --yes)")
    p.set_defaults(handler="record_commands:experience_note_delete")
    p.add_argument("note", metavar="NOTE")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p = esub.add_parser("delete", help="delete an experience with its notes (needs --yes)")
    p.set_defaults(handler="record_commands:experience_delete")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")


def _fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    """--url, --ad, --location, --salary and --source, shared by add and edit."""
    clears = " ('' clears it)" if editing else ""
    default = None if editing else ""
    p.add_argument("--url", default=default, metavar="URL", help=f"the ad's link{clears}")
    p.add_argument(
        "--ad", default=None, metavar="FILE", help=f"a text file holding the ad ('-' reads standard input){clears}"
    )
    p.add_argument("--location", default=default, metavar="L", help=f"the city, or remote{clears}")
    p.add_argument("--salary", default=default, metavar="TEXT", help=f"the salary as the ad gives it{clears}")
    p.add_argument(
        "--source", default=default, metavar="S", help=f"where you found it (a job board, a referral){clears}"
    )


def register_jobs(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'job' commands, added to the main parser's ``sub``."""
    text = "job applications (step 5): add, list, show, stage, interview, contact, note, edit, delete"
    top = sub.add_parser("job", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    jsub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = jsub.add_parser("add", help="record an application and print its id")
    p.set_defaults(handler="job_commands:job_add")
    p.add_argument("company", metavar="COMPANY")
    p.add_argument("role", metavar="ROLE")
    p.add_argument("--stage", default="saved", metavar="STAGE", help=f"{JOB_STAGES} (default: saved)")
    p.add_argument("--on", metavar="DATE", help="the day it reached that stage (YYYY-MM-DD; default: today)")
    _fields(p, editing=False)
    p = jsub.add_parser("list", help="your applications, the newest stage reached first")
    p.set_defaults(handler="job_commands:job_list", plain=True)
    p.add_argument("--stage", metavar="STAGE", help="only those now at this stage")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("show", help="one application with its timeline, interviews, contacts, notes and gap")
    p.set_defaults(handler="job_commands:job_show", plain=True)
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("stage", help="date a new stage of an application (never a future day)")
    p.set_defaults(handler="job_commands:job_stage")
    p.add_argument("id", metavar="ID")
    p.add_argument("stage", metavar="STAGE", help=JOB_STAGES)
    p.add_argument("--on", metavar="DATE", help="the day it happened (YYYY-MM-DD; default: today)")
    p.add_argument("--note", metavar="TEXT", help="what happened ('-' reads standard input)")
    p = jsub.add_parser("interview", help="add an interview, done or planned, and print its id")
    p.set_defaults(handler="job_commands:job_interview")
    p.add_argument("id", metavar="ID")
    p.add_argument("--on", required=True, metavar="DATE", help="its day (YYYY-MM-DD)")
    p.add_argument("--kind", default="phone", metavar="KIND", help=f"{INTERVIEW_KINDS} (default: phone)")
    p.add_argument("--note", metavar="TEXT", help="how it went, or what to prepare ('-' reads standard input)")
    p = jsub.add_parser("contact", help="add a person you deal with and print their id")
    p.set_defaults(handler="job_commands:job_contact")
    p.add_argument("id", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", default="", metavar="R", help="their role, such as recruiter")
    p.add_argument("--email", default="", metavar="E")
    p = jsub.add_parser("note", help="add a dated Markdown note ('-' reads standard input) and print its id")
    p.set_defaults(handler="job_commands:job_note")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p = jsub.add_parser("edit", help="change an application's fields; a bad value changes nothing")
    p.set_defaults(handler="job_commands:job_edit")
    p.add_argument("id", metavar="ID")
    p.add_argument("--company", metavar="C")
    p.add_argument("--role", metavar="R")
    _fields(p, editing=True)
    p = jsub.add_parser("delete", help="delete an application with all it holds (needs --yes)")
    p.set_defaults(handler="job_commands:job_delete")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")


def register_own_items(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'item' command, added to the main parser's ``sub``."""
    text = "your own tasks and skills: add, edit, remove"
    top = sub.add_parser("item", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    isub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = isub.add_parser("add", help="add a task to a step or a skill to a category, and print its id")
    p.set_defaults(handler="own_item_commands:item_add")
    p.add_argument("kind", choices=("task", "skill"), metavar="task|skill")
    p.add_argument("title", metavar="TITLE")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--step", metavar="ID", help="the step a task goes on")
    where.add_argument("--category", metavar="ID", help="the category a skill goes in")
    where.add_argument("--new-category", metavar="NAME", help="a category of your own for the skill")
    p.add_argument("--description", default="", metavar="TEXT", help="('-' reads standard input)")
    p.add_argument(
        "--prerequisite", action="append", default=[], metavar="ID",
        help="a skill it needs: a skill's requirement, or a skill a task trains (repeatable)",
    )  # fmt: skip
    p = isub.add_parser("edit", help="change an own item's title, description or prerequisites")
    p.set_defaults(handler="own_item_commands:item_edit")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--description", metavar="TEXT", help="('' clears it, '-' reads standard input)")
    p.add_argument(
        "--prerequisite", action="append", default=[], metavar="ID", help="replace the prerequisites (repeatable)"
    )
    p.add_argument("--no-prerequisites", action="store_true", help="clear the prerequisites")
    p = isub.add_parser("remove", help="take an own item out of the roadmap (with progress on it: needs --yes)")
    p.set_defaults(handler="own_item_commands:item_remove")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm: its state and note are kept, archived")


def register_resources(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'resource' command, added to the main parser's ``sub``."""
    text = "learning resources on a task or skill: add, list, edit, progress, done, remove"
    top = sub.add_parser("resource", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    rsub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = rsub.add_parser("add", help="keep a course, book, video, docs or article on an item and print its id")
    p.set_defaults(handler="resource_commands:resource_add")
    p.add_argument("item", metavar="ITEM", help="a task or skill id")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--url", default="", metavar="URL", help="its link, starting with https://")
    p.add_argument("--kind", default="other", metavar="K", help=f"{RESOURCE_KINDS} (default: other)")
    p.add_argument("--of", metavar="N", help="how many parts it has (modules, chapters, videos)")
    p = rsub.add_parser("list", help="an item's resources: yours, then the roadmap's (ids roadmap:N)")
    p.set_defaults(handler="resource_commands:resource_list")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--json", action="store_true")
    p = rsub.add_parser("edit", help="change a resource's title, link, kind or parts; a bad value changes nothing")
    p.set_defaults(handler="resource_commands:resource_edit")
    p.add_argument("id", metavar="RID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--url", metavar="URL", help="its link ('' clears it)")
    p.add_argument("--kind", metavar="K", help=RESOURCE_KINDS)
    p.add_argument("--of", metavar="N", help="how many parts it has ('' clears it)")
    p = rsub.add_parser("progress", help="how many of its parts you have done")
    p.set_defaults(handler="resource_commands:resource_progress")
    p.add_argument("id", metavar="RID")
    p.add_argument("progress", metavar="N")
    p = rsub.add_parser("done", help="mark a resource done (--not: not done)")
    p.set_defaults(handler="resource_commands:resource_done")
    p.add_argument("id", metavar="RID")
    p.add_argument("--not", dest="not_done", action="store_true", help="mark it not done again")
    p = rsub.add_parser("remove", help="remove one of your resources")
    p.set_defaults(handler="resource_commands:resource_remove")
    p.add_argument("id", metavar="RID")


def register_documents(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'portfolio' command group: 'portfolio export'."""
    text = "the portfolio for employers: export"
    top = sub.add_parser("portfolio", help=text, description=text)
    top.set_defaults(handler="commands:missing_subcommand")
    psub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = psub.add_parser("export", help="write your portfolio: credentials, experience, projects, proven skills")
    p.set_defaults(handler="document_commands:portfolio_export")
    p.add_argument("--format", default="md", metavar="F", help="md, html or pdf (default: md)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (md and html default to standard output)")
