"""Suggested next actions: ranked, explained advice computed from a snapshot of the learner's data.

A pure function of its input: standard library only, no I/O and no clock reads, so the
same snapshot always gives the same list. Each rule (in ``suggestion_rules``) is a small
function that reads the precomputed facts (``suggestion_facts``) and yields suggestions; the
learner's feedback (snooze, dismiss) then filters them, duplicates of one action are merged,
and each rule keeps only its best few.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from roadmap_app.domain.activity import Activity, SubjectKind
from roadmap_app.domain.model import Feedback
from roadmap_app.domain.suggestion_facts import WIP_LIMIT, Facts, Snapshot
from roadmap_app.domain.suggestion_rules import (
    PROJECT_START_PENALTY,
    READY_CORE_FRACTION,
    READY_LINKED_PROJECTS,
    READY_STEPS_FRACTION,
    STALE_DAYS,
    START_PENALTY,
    WORKPLACE_AFTER_TECHNICAL,
    balance_workplace,
    choose_target,
    job_readiness,
    link_done_projects,
    note_building_projects,
    ready_skills,
    show_done_skills,
    stalled_work,
    step_order,
    too_much_in_progress,
)
from roadmap_app.domain.suggestion_types import ActionKind, Suggestion

__all__ = [
    "PROJECT_START_PENALTY",
    "READY_CORE_FRACTION",
    "READY_LINKED_PROJECTS",
    "READY_STEPS_FRACTION",
    "RULES",
    "STALE_DAYS",
    "START_PENALTY",
    "WIP_LIMIT",
    "WORKPLACE_AFTER_TECHNICAL",
    "Rule",
    "Snapshot",
    "all_candidates",
    "is_hidden",
    "last_activity_by_subject",
    "suggest_next_actions",
]


def last_activity_by_subject(entries: Iterable[Activity]) -> dict[str, datetime]:
    """The newest time per task or skill, for callers that hold the activity entries themselves."""
    newest: dict[str, datetime] = {}
    for entry in entries:
        if entry.subject_kind is not SubjectKind.ITEM:
            continue
        if entry.subject_id not in newest or entry.at > newest[entry.subject_id]:
            newest[entry.subject_id] = entry.at
    return newest


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule; ``run`` yields its suggestions best first (highest priority first)."""

    name: str
    run: Callable[[Facts], Iterator[Suggestion]]
    keep: int
    """At most this many of the rule's suggestions are shown, best first."""

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip()


RULES: tuple[Rule, ...] = (
    Rule("step-order", step_order, 5),
    Rule("ready-skill", ready_skills, 3),
    Rule("stalled-work", stalled_work, 3),
    Rule("too-much-in-progress", too_much_in_progress, 1),
    Rule("show-done-skills", show_done_skills, 2),
    Rule("link-done-project", link_done_projects, 3),
    Rule("note-building-project", note_building_projects, 3),
    Rule("balance-workplace", balance_workplace, 1),
    Rule("job-readiness", job_readiness, 1),
    Rule("choose-target", choose_target, 1),
)


_KEEP = {rule.name: rule.keep for rule in RULES}
_MERGE_SLACK = 2
"""Extra suggestions taken from a rule in case others with the same action are merged away."""


def _ranked(snapshot: Snapshot, *, visible_only: bool) -> list[Suggestion]:
    """The rules' suggestions, best first; ``visible_only`` drops hidden ones and stops each rule early."""
    facts = Facts(snapshot)
    found: list[tuple[int, int, int, Suggestion]] = []
    for rule_index, rule in enumerate(RULES):
        # Rules yield their best first, so a rule about hundreds of projects stops
        # after its few visible ones instead of wording advice nobody sees.
        taken = 0
        for order, suggestion in enumerate(rule.run(facts)):
            if visible_only and is_hidden(suggestion, snapshot.feedback, snapshot.today):
                continue
            found.append((-suggestion.priority, rule_index, order, suggestion))
            taken += 1
            if visible_only and taken >= rule.keep + _MERGE_SLACK:
                break
    found.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in found]


def all_candidates(snapshot: Snapshot) -> list[Suggestion]:
    """Every suggestion the rules make, before feedback and limits, best first."""
    return _ranked(snapshot, visible_only=False)


def is_hidden(suggestion: Suggestion, feedback: Mapping[str, Feedback], today: date) -> bool:
    """Snoozed until a later day, or dismissed while its facts are unchanged."""
    answer = feedback.get(suggestion.key)
    if answer is None:
        return False
    if answer.snoozed_until is not None and answer.snoozed_until > today:
        return True
    return bool(answer.dismissed_fingerprint) and answer.dismissed_fingerprint == suggestion.fingerprint


def suggest_next_actions(snapshot: Snapshot) -> list[Suggestion]:
    """The learner's next actions, best first, each with the reason behind it."""
    shown: dict[str, int] = {}
    seen_actions: set[tuple[ActionKind, str, str]] = set()
    result: list[Suggestion] = []
    for suggestion in _ranked(snapshot, visible_only=True):
        action = (suggestion.action.kind, suggestion.action.target, suggestion.action.value)
        if action in seen_actions or shown.get(suggestion.rule, 0) >= _KEEP[suggestion.rule]:
            continue
        seen_actions.add(action)
        shown[suggestion.rule] = shown.get(suggestion.rule, 0) + 1
        result.append(suggestion)
    return result
