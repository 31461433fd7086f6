"""A plan for today: a few of the next actions that fit one study session, mixed across the road.

A pure function of the ranked suggestions and the session's length; standard library only.
Each action has a rough length by what it asks (adding a link takes minutes, starting a
skill a first session), and belongs to a theme: learning, portfolio or job search.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_app.domain.suggestion_types import ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import join_names

DEFAULT_MINUTES = 45
"""A usual study session, until the learner's own weekly goal says otherwise."""
MAX_ITEMS = 3


class Theme(enum.StrEnum):
    LEARNING = "learning"
    PORTFOLIO = "portfolio"
    JOB_SEARCH = "job search"


_THEMES = {
    "step-order": Theme.LEARNING,
    "ready-skill": Theme.LEARNING,
    "stalled-work": Theme.LEARNING,
    "too-much-in-progress": Theme.LEARNING,
    "balance-workplace": Theme.LEARNING,
    "projects-in-progress": Theme.PORTFOLIO,
    "show-done-skills": Theme.PORTFOLIO,
    "link-done-project": Theme.PORTFOLIO,
    "note-building-project": Theme.PORTFOLIO,
    "job-readiness": Theme.JOB_SEARCH,
    "prepare-interview": Theme.JOB_SEARCH,
    "thank-interviewers": Theme.JOB_SEARCH,
    "follow-up": Theme.JOB_SEARCH,
    "gone-quiet": Theme.JOB_SEARCH,
    "missing-skill": Theme.JOB_SEARCH,
    "choose-target": Theme.JOB_SEARCH,
    "plan-slipping": Theme.LEARNING,
    "behind-goal": Theme.LEARNING,
    "streak-at-risk": Theme.LEARNING,
}


def theme_of(suggestion: Suggestion) -> Theme:
    # The tasks of the last step are the job search itself.
    if suggestion.rule == "step-order" and suggestion.key.startswith("step-task:task.apply."):
        return Theme.JOB_SEARCH
    return _THEMES.get(suggestion.rule, Theme.LEARNING)


def minutes_for(suggestion: Suggestion) -> int:
    """About how long acting on the suggestion takes in one sitting."""
    action = suggestion.action
    if action.kind is ActionKind.OPEN_PROJECT:
        return {"link": 5, "note": 10}.get(action.value, 30)
    if action.kind is ActionKind.OPEN_PAGE:
        return 10
    if action.kind is ActionKind.OPEN_APPLICATION:
        if suggestion.rule == "prepare-interview":
            return 30  # going over the ad's skills and an example for each
        return {"stage": 5, "note": 10, "interview": 10}.get(action.value, 10)  # a stage, an email, a note
    if action.kind is ActionKind.START_PROJECT:
        return 30
    if suggestion.key.startswith("step-task:") and action.kind is ActionKind.OPEN_ITEM:
        return 10  # reviewing an earlier step: mark what is done, skip what does not apply
    return 25  # a first or a further session on a task or skill


@dataclass(frozen=True, slots=True)
class PlannedAction:
    suggestion: Suggestion
    theme: Theme
    minutes: int


@dataclass(frozen=True, slots=True)
class TodayPlan:
    minutes: int
    items: tuple[PlannedAction, ...]
    why: str

    @property
    def planned_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


def plan_today(suggestions: Sequence[Suggestion], minutes: int = DEFAULT_MINUTES) -> TodayPlan:
    """Up to three actions that fit in ``minutes``: the best of each theme first, then the best left.

    A learner who only ever follows the top of the list learns and never shows it, or builds
    and never applies; one action of each kind keeps the whole road moving.
    """
    chosen: list[Suggestion] = []
    left = minutes
    themes_seen: set[Theme] = set()
    for first_pass in (True, False):
        for suggestion in suggestions:
            if len(chosen) >= MAX_ITEMS:
                break
            needed = minutes_for(suggestion)
            if suggestion in chosen or needed > left or (first_pass and theme_of(suggestion) in themes_seen):
                continue
            chosen.append(suggestion)
            themes_seen.add(theme_of(suggestion))
            left -= needed
    order = {id(s): i for i, s in enumerate(suggestions)}
    chosen.sort(key=lambda s: order[id(s)])
    items = tuple(PlannedAction(s, theme_of(s), minutes_for(s)) for s in chosen)
    return TodayPlan(minutes, items, _why(items, minutes, suggestions))


def _why(items: Sequence[PlannedAction], minutes: int, suggestions: Sequence[Suggestion]) -> str:
    if not items:
        if suggestions:
            return f"Nothing suggested fits in {minutes} minutes; give a longer session with --minutes."
        return "Nothing to suggest right now."
    themes = list(dict.fromkeys(item.theme.value for item in items))
    available = {theme_of(s) for s in suggestions}
    if len(themes) > 1:
        mix = f"one step each on {join_names(themes)}, best first"
    elif len(available) > 1:
        mix = f"{themes[0]} only: the other advice does not fit in {minutes} minutes"
    else:
        mix = f"{themes[0]} only: it is all the advice there is today"
    return f"{mix[0].upper()}{mix[1:]}. About {sum(i.minutes for i in items)} of your {minutes} minutes."
