"""Job applications built by hand for the domain's tests: a timeline of (stage, day) pairs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from roadmap_app.domain.jobs import Application, Contact, Interview, InterviewKind, Stage, StageChange

CREATED = datetime(2026, 1, 5, 9, 0)


def application(
    app_id: int,
    company: str = "",
    *,
    stages: Sequence[tuple[Stage, date]] = (),
    interviews: Sequence[tuple[date, InterviewKind]] = (),
    contacts: Sequence[str] = (),
    role: str = "ML Engineer",
) -> Application:
    """An application whose timeline, interviews and contacts are given oldest first."""
    return Application(
        id=app_id,
        company=company or f"Company {app_id}",
        role=role,
        url="",
        ad_text="",
        location="",
        salary="",
        source="",
        created_at=CREATED,
        updated_at=CREATED,
        stages=tuple(
            StageChange(app_id * 100 + i, app_id, stage, on, "", CREATED) for i, (stage, on) in enumerate(stages)
        ),
        interviews=tuple(
            Interview(app_id * 100 + i, app_id, on, kind, "", CREATED) for i, (on, kind) in enumerate(interviews)
        ),
        contacts=tuple(Contact(app_id * 100 + i, app_id, name, "", "", CREATED) for i, name in enumerate(contacts)),
    )


def applied(app_id: int, on: date, company: str = "", *later: tuple[Stage, date]) -> Application:
    """An application saved and sent on ``on``, with any later stages."""
    return application(app_id, company, stages=((Stage.SAVED, on), (Stage.APPLIED, on), *later))
