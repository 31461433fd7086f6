"""What a suggested next action is: shared by the engine, the services, the CLI and the window."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ActionKind(enum.StrEnum):
    """What the app does when the learner acts on a suggestion."""

    SET_STATE = "set_state"  # target: a task or skill id; value: the new state
    START_PROJECT = "start_project"  # target: a project idea id
    OPEN_PROJECT = "open_project"  # target: a project id; value: "link" or "note" (what to add)
    OPEN_ITEM = "open_item"  # target: a task or skill id to show
    OPEN_PAGE = "open_page"  # target: a PageName value
    OPEN_APPLICATION = "open_application"  # target: a job application id; value: "stage", "interview" or "note"


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    target: str
    value: str = ""
    label: str = "Do it"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "target": self.target, "value": self.value, "label": self.label}


@dataclass(frozen=True, slots=True)
class Folded:
    """A suggestion folded into another one: still reachable and actionable on its own."""

    key: str
    title: str
    action: Action
    fingerprint: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "action": self.action.as_dict()}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One ranked next action, with the facts that led to it.

    ``key`` is stable for the same advice; ``fingerprint`` changes when the facts behind it
    change, so a dismissed suggestion comes back only then.
    """

    key: str
    title: str
    reason: str
    priority: int
    action: Action
    rule: str
    fingerprint: str = ""
    subject: str = ""
    """What the advice is about, in words (a skill's or a project's title), for folded titles."""
    related: tuple[str, ...] = ()
    """The tasks and skills it concerns: advice on the same ones from another rule joins it."""
    folded: tuple[Folded, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "reason": self.reason,
            "priority": self.priority,
            "action": self.action.as_dict(),
            "rule": self.rule,
            "folded": [f.as_dict() for f in self.folded],
        }
