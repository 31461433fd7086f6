"""The suggestion rules about job applications: follow-ups, interviews, silence, the ads' skills.

Same contract as ``suggestion_rules``: each reads the precomputed facts and yields its
suggestions, best first, with a key per application (or per skill) that stays the same
while the advice does. ``search_under_way`` is the job-readiness rule's part once
applications are on record. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_app.domain.jobs import CLOSED_STAGES, Application, Interview, InterviewKind, Stage
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_facts import Facts
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import count_of, join_names, make_suggestion

FOLLOW_UP_DAYS = 7
"""An application with no reply this many days after applying is worth a follow-up."""
QUIET_DAYS = 21
"""With no reply this many days after applying, an application has probably gone quiet."""
PREPARE_DAYS = 3
"""An interview up to this many days ahead is worth preparing for now."""
MISSING_AT_LEAST = 2
"""A skill missing from this many open applications' ads is worth learning for them."""
KEEP_OPEN = 3
"""Fewer open applications than this, and the search needs more of them."""


OPEN_JOB_SEARCH = Action(ActionKind.OPEN_PAGE, PageName.JOB_SEARCH, label="Open job search")


def _open_application(app: Application, value: str) -> Action:
    return Action(ActionKind.OPEN_APPLICATION, str(app.id), value, "Open application")


def days_without_reply(f: Facts, app: Application) -> int | None:
    """Days since applying for an application still at *applied*, with no reply and no interview."""
    if app.stage is not Stage.APPLIED or app.applied_on is None or app.first_reply_on or app.interviews:
        return None
    return (f.today - app.applied_on).days


def _waiting(f: Facts, low: int, high: int | None) -> list[tuple[int, Application]]:
    """Applications waiting ``low`` days or more (under ``high``), the longest wait first."""
    found = []
    for app in f.applications:
        days = days_without_reply(f, app)
        if days is not None and days >= low and (high is None or days < high):
            found.append((days, app))
    found.sort(key=lambda x: (-x[0], x[1].id))
    return found


def _when(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def _interview_name(interview: Interview) -> str:
    if interview.kind is InterviewKind.TAKE_HOME:
        return "take-home task"
    return f"{interview.kind.value} interview"


def follow_up(f: Facts) -> Iterator[Suggestion]:
    """No reply 7 days after applying (applied, no later stage, no interview): follow up with the employer."""
    for days, app in _waiting(f, FOLLOW_UP_DAYS, QUIET_DAYS):
        applied = app.applied_on.isoformat() if app.applied_on else ""
        names = [c.name for c in app.contacts if c.name]
        to = f" to {names[0]}" if names else ""
        yield make_suggestion(
            "follow-up",
            f"follow-up:application:{app.id}",
            f"Follow up with {app.company}",
            f"You applied to {app.company} for {app.role} on {applied}, {days} days ago, and have had no "
            f"reply; a short, polite note{to} asking where things stand keeps you in mind. Note it on the "
            "application once sent.",
            64 + min(days - FOLLOW_UP_DAYS, 7),
            _open_application(app, "note"),
            app.applied_on,
            subject=app.company,
        )


def prepare_interviews(f: Facts) -> Iterator[Suggestion]:
    """An interview today or in the next 3 days: prepare, starting with the ad's skills not done yet."""
    found: list[tuple[int, int, Application, Interview]] = []
    for app in f.applications:
        if app.stage in CLOSED_STAGES:
            continue
        coming = [i for i in app.interviews if 0 <= (i.on - f.today).days <= PREPARE_DAYS]
        if coming:
            interview = min(coming, key=lambda i: (i.on, i.id))
            found.append(((interview.on - f.today).days, interview.id, app, interview))
    found.sort(key=lambda x: x[:2])  # the nearest first
    for days, _id, app, interview in found:
        missing = f.missing_skills.get(app.id, ())
        titles = [f.title(s) for s in missing]
        if missing:
            them = "it" if len(missing) == 1 else "them"
            prep = (
                f"the ad asks for {join_names(titles, 4)}, which you have not marked done: go over {them} "
                "first, then prepare an example from your work for each skill the ad asks for"
            )
        elif f.ad_skills.get(app.id):
            prep = "you have done every roadmap skill the ad asks for: prepare an example from your work for each"
        else:
            prep = "go over the ad and prepare an example from your work for each skill it asks for"
        yield make_suggestion(
            "prepare-interview",
            f"prepare-interview:application:{app.id}",
            f"Prepare for {app.company}'s {_interview_name(interview)} {_when(days)}",
            f"Your {_interview_name(interview)} with {app.company} for {app.role} is {_when(days)} "
            f"({interview.on.isoformat()}); {prep}.",
            90 - 2 * days,
            _open_application(app, "interview"),
            interview.id,
            interview.on,
            missing,
            subject=app.company,
        )


def thank_interviewers(f: Facts) -> Iterator[Suggestion]:
    """The day after an interview: thank the interviewers and write down what they asked."""
    for app in f.applications:
        if app.stage in (Stage.REJECTED, Stage.WITHDRAWN):
            continue
        held = [i for i in app.interviews if (f.today - i.on).days == 1]
        if not held:
            continue
        interview = held[-1]
        names = [c.name for c in app.contacts if c.name]
        who = join_names(names) if names else "the people you met"
        yield make_suggestion(
            "thank-interviewers",
            f"thank-interviewers:application:{app.id}",
            f"Thank the interviewers at {app.company}",
            f"Your {_interview_name(interview)} with {app.company} for {app.role} was yesterday "
            f"({interview.on.isoformat()}): send {who} a short thank-you today, naming something you talked "
            "about; it is remembered. Then write down what they asked while you still recall it.",
            82,
            _open_application(app, "interview"),
            interview.id,
            interview.on,
            subject=app.company,
        )


def gone_quiet(f: Facts) -> Iterator[Suggestion]:
    """No reply 21 days after applying: it has probably gone quiet, so mark it or send a last follow-up."""
    for days, app in _waiting(f, QUIET_DAYS, None):
        applied = app.applied_on.isoformat() if app.applied_on else ""
        yield make_suggestion(
            "gone-quiet",
            f"gone-quiet:application:{app.id}",
            f"Has {app.company} gone quiet?",
            f"You applied to {app.company} for {app.role} on {applied}, {days} days ago, and have heard "
            "nothing since; after three weeks most employers who are interested have answered. Send one "
            "last follow-up, or mark it rejected or withdrawn so that your open applications stay true.",
            50 + min((days - QUIET_DAYS) // 7, 4),
            _open_application(app, "stage"),
            app.applied_on,
            subject=app.company,
        )


_STATE_WORDS = {
    ItemState.TODO: "you have not started it",
    ItemState.IN_PROGRESS: "you are still learning it",
    ItemState.SKIPPED: "you skipped it",
}


def most_missing_skill(f: Facts) -> Iterator[Suggestion]:
    """The skill not done that most open applications' ads ask for, when at least 2 of them do."""
    order = {s.id: i for i, s in enumerate(f.roadmap.skills)}
    found = [
        (len(apps), skill_id, apps)
        for skill_id, apps in f.open_asking.items()
        if len(apps) >= MISSING_AT_LEAST and f.state(skill_id) is not ItemState.DONE
    ]
    # The most asked for first; of equals, the one the target role uses, then the roadmap's order.
    found.sort(key=lambda x: (-x[0], x[1] not in f.target_skills, order[x[1]]))
    total = len(f.open_applications)
    for count, skill_id, apps in found:
        skill = f.skills[skill_id]
        state = f.state(skill_id)
        companies = join_names(list(dict.fromkeys(a.company for a in apps)), 3, listing=True)
        facts = [
            f"{count} of your {total} open applications ask for {skill.title} ({companies}), and {_STATE_WORDS[state]}"
        ]
        if skill_id in f.target_skills and f.target_uses:
            facts.append(f.target_uses)
        idea = next((i for i in f.ideas_by_skill.get(skill_id, ()) if i.id not in f.started_ideas), None)
        if idea is not None:
            facts.append(f"the project idea “{idea.title}” trains it")
        if f.ready(skill):
            action = Action(ActionKind.SET_STATE, skill_id, ItemState.IN_PROGRESS.value, "Start learning")
        else:
            action = Action(ActionKind.OPEN_ITEM, skill_id, label="Open")
        yield make_suggestion(
            "missing-skill",
            f"missing-skill:{skill_id}",
            f"{'Finish' if state is ItemState.IN_PROGRESS else 'Learn'} {skill.title}: "
            f"{count} of your open applications ask for it",
            "; ".join(facts) + ".",
            58 + min(count, 10),
            action,
            tuple(a.id for a in apps),
            state,
            subject=skill.title,
            related=(skill_id,),
        )


def search_under_way(f: Facts) -> Iterator[Suggestion]:
    """With applications on record: send a saved one, or apply for more while fewer than 3 are open."""
    if f.applications_in(Stage.ACCEPTED, Stage.OFFER):
        return  # a job, or an offer to decide on: nothing to push
    applied = [a for a in f.applications if a.applied_on is not None]
    saved = f.applications_in(Stage.SAVED)
    if not applied:
        # The saved ad the learner is closest to fitting: fewest skills missing, the oldest of equals.
        pick = min(saved, key=lambda a: (len(f.missing_skills.get(a.id, ())), a.id))
        missing = f.missing_skills.get(pick.id, ())
        if missing:
            fit = f"{pick.company}'s ad asks for {count_of(len(missing), 'skill')} you have not done, the fewest"
        elif f.ad_skills.get(pick.id):
            fit = f"you have done every roadmap skill {pick.company}'s ad asks for"
        else:
            fit = f"{pick.company} is the first you saved"
        names = join_names([a.company for a in saved], 3, listing=True)
        yield make_suggestion(
            "job-readiness",
            "apply:send-saved",
            f"Send your application to {pick.company}",
            f"You have saved {count_of(len(saved), 'job ad')} ({names}) and applied to none yet; {fit}: send it "
            "and mark it applied.",
            66,
            _open_application(pick, "stage"),
            tuple(a.id for a in saved),
            pick.id,
        )
        return
    if len(f.open_applications) >= KEEP_OPEN:
        return
    stages = [
        (len(f.applications_in(Stage.APPLIED)), "waiting for a reply"),
        (len(f.applications_in(Stage.SCREENING, Stage.INTERVIEW)), "in the employer's process"),
        (len(f.applications_in(Stage.REJECTED)), "rejected"),
        (len(f.applications_in(Stage.WITHDRAWN)), "withdrawn"),
    ]
    how = ", ".join(f"{n} {words}" for n, words in stages if n)
    to_send = f"; {count_of(len(saved), 'saved ad')} still to send" if saved else ""
    n_open = len(f.open_applications)
    open_now = "none is open now" if not n_open else f"only {n_open} {'is' if n_open == 1 else 'are'} still open"
    yield make_suggestion(
        "job-readiness",
        "apply:more",
        "Apply for more jobs",
        f"You have applied to {count_of(len(applied), 'job')} ({how}){to_send}; {open_now}. Keep "
        f"{KEEP_OPEN} or more applications going, so that no single answer decides your search.",
        55,
        OPEN_JOB_SEARCH,
        len(applied),
        len(f.open_applications),
        len(saved),
    )
