"""Suggested next actions: ranked, explained advice computed from a snapshot of the learner's data.

A pure function of its input: standard library only, no I/O and no clock reads, so the
same snapshot always gives the same list. Each rule (in ``suggestion_rules``) is a small
function that reads the precomputed facts (``suggestion_facts``) and yields suggestions; the
learner's feedback (snooze, dismiss) then filters them, duplicates of one action are merged,
and each rule's findings are folded into its best one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from roadmap_app.domain.activity import Activity, SubjectKind
from roadmap_app.domain.model import Feedback
from roadmap_app.domain.readiness import READY_CORE_FRACTION, READY_LINKED_PROJECTS, READY_STEPS_FRACTION
from roadmap_app.domain.suggestion_facts import WIP_LIMIT, Facts, Snapshot
from roadmap_app.domain.suggestion_rules import (
    PROJECT_START_PENALTY,
    STALE_DAYS,
    START_PENALTY,
    WORKPLACE_AFTER_TECHNICAL,
    balance_workplace,
    choose_target,
    job_readiness,
    ready_skills,
    stalled_work,
    step_order,
    too_much_in_progress,
)
from roadmap_app.domain.suggestion_rules_evidence import prove_unproven_skill
from roadmap_app.domain.suggestion_rules_jobs import (
    follow_up,
    gone_quiet,
    most_missing_skill,
    prepare_interviews,
    thank_interviewers,
)
from roadmap_app.domain.suggestion_rules_projects import (
    link_done_projects,
    note_building_projects,
    show_done_skills,
    too_many_projects,
)
from roadmap_app.domain.suggestion_rules_time import behind_goal, plan_slipping, streak_at_risk
from roadmap_app.domain.suggestion_types import ActionKind, Folded, Suggestion
from roadmap_app.domain.suggestion_wording import folded_title, join_names

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

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip()


RULES: tuple[Rule, ...] = (
    Rule("step-order", step_order),
    Rule("ready-skill", ready_skills),
    Rule("stalled-work", stalled_work),
    Rule("too-much-in-progress", too_much_in_progress),
    Rule("projects-in-progress", too_many_projects),
    Rule("show-done-skills", show_done_skills),
    Rule("prove-skill", prove_unproven_skill),
    Rule("link-done-project", link_done_projects),
    Rule("note-building-project", note_building_projects),
    Rule("balance-workplace", balance_workplace),
    Rule("job-readiness", job_readiness),
    Rule("prepare-interview", prepare_interviews),
    Rule("thank-interviewers", thank_interviewers),
    Rule("follow-up", follow_up),
    Rule("gone-quiet", gone_quiet),
    Rule("missing-skill", most_missing_skill),
    Rule("plan-slipping", plan_slipping),
    Rule("behind-goal", behind_goal),
    Rule("streak-at-risk", streak_at_risk),
    Rule("choose-target", choose_target),
)


FOLD_LIMIT = 12
"""At most this many more of one rule's findings are folded into its best one."""


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
            if visible_only and taken > FOLD_LIMIT:
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
    """The learner's next actions, best first, each with the reason behind it.

    One piece of advice per theme: a rule's best finding leads and the rest of that rule's
    are folded into it ("Add repository links to A and B"), and advice about the same task
    or skill from another rule (a stalled skill and the task that practises it) joins the
    advice that names it first. Each folded suggestion stays reachable in ``folded``.
    """
    leaders: list[Suggestion] = []
    folds: list[list[Suggestion]] = []
    rule_leader: dict[str, int] = {}
    item_leader: dict[str, int] = {}
    seen_actions: set[tuple[ActionKind, str, str]] = set()
    for suggestion in _ranked(snapshot, visible_only=True):
        action = (suggestion.action.kind, suggestion.action.target, suggestion.action.value)
        if action in seen_actions:
            continue
        seen_actions.add(action)
        owner = rule_leader.get(suggestion.rule)
        if owner is None:
            owner = next((item_leader[i] for i in suggestion.related if i in item_leader), None)
        if owner is not None:
            if len(folds[owner]) < FOLD_LIMIT:
                folds[owner].append(suggestion)
            continue
        rule_leader[suggestion.rule] = len(leaders)
        for item_id in suggestion.related:
            item_leader.setdefault(item_id, len(leaders))
        leaders.append(suggestion)
        folds.append([])
    return [_fold(leader, folded) for leader, folded in zip(leaders, folds, strict=True)]


def _fold(leader: Suggestion, folded: list[Suggestion]) -> Suggestion:
    if not folded:
        return leader
    # Advice on the same tasks and skills joins the leader by name; more of the same rule
    # about other things is counted in its title.
    concerns = set(leader.related)
    joined = [s for s in folded if s.rule != leader.rule or concerns & set(s.related)]
    same = [s for s in folded if s not in joined]
    title = folded_title(leader, same) if same else leader.title
    reason = leader.reason
    names = list(dict.fromkeys(f"“{s.subject or s.title}”" for s in joined if s.subject != leader.subject))
    if names:
        reason += f" It goes with {join_names(names)}: {'one piece' if len(names) == 1 else 'pieces'} of the same work."
    return replace(
        leader,
        title=title,
        reason=reason,
        folded=tuple(Folded(s.key, s.title, s.action, s.fingerprint) for s in folded),
    )
