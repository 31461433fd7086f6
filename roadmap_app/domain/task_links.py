"""Tasks done by a record: a credential does a task of step 1, a project one of step 3, an
experience one of step 4. Pure rules; ``services.task_links`` stores the links."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_app.domain.evidence import Proof, ProofKind
from roadmap_app.domain.model import Roadmap

#: The step whose tasks a record of each kind can do, by the step's id in the roadmap file.
LINKABLE_STEPS: dict[str, ProofKind] = {
    "step.credential": ProofKind.CREDENTIAL,
    "step.portfolio": ProofKind.PROJECT,
    "step.experience": ProofKind.EXPERIENCE,
}

#: What each kind is called in a reference such as ``credential:3``.
KIND_NAMES = tuple(k.value for k in ProofKind)


@dataclass(frozen=True, slots=True)
class TaskLink:
    """A task done by a record; ``record`` names it by kind, id and title."""

    task_id: str
    record: Proof


def record_kind_for(roadmap: Roadmap, task_id: str) -> ProofKind | None:
    """The kind of record that can do a task, or None (no such task, or its step takes none).

    Total: a task id the roadmap in use no longer has gives None, never an error.
    """
    task = roadmap.task(task_id)
    if task is None:
        return None
    return LINKABLE_STEPS.get(task.step_id)


def parse_record_ref(text: str) -> tuple[ProofKind, str] | None:
    """``credential:3`` as (credential, "3"); None when the kind is not one of ours.

    The id is left as typed: the caller checks it as a row id, with its own message.
    """
    kind, colon, rest = text.strip().partition(":")
    if not colon:
        return None
    try:
        return ProofKind(kind.strip().lower()), rest.strip()
    except ValueError:
        return None
