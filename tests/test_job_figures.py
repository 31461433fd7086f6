"""The job search's figures, checked by hand on small sets of applications."""

from __future__ import annotations

from datetime import date, timedelta

from job_helpers import application, applied

from roadmap_app.domain.job_figures import job_figures
from roadmap_app.domain.jobs import InterviewKind, Stage

TODAY = date(2026, 3, 2)


def day(n: int) -> date:
    """Day ``n`` of February 2026 (``day(30)`` is 2 March)."""
    return date(2026, 2, 1) + timedelta(days=n - 1)


def test_no_applications_give_zeros_for_every_stage_and_no_rates() -> None:
    figures = job_figures([], TODAY)
    assert figures.per_stage == tuple((stage, 0) for stage in Stage)
    assert (figures.total, figures.applied, figures.replied, figures.open, figures.waiting) == (0, 0, 0, 0, 0)
    assert figures.response_rate is None and figures.median_days_to_reply is None


def test_the_figures_of_a_search_counted_by_hand() -> None:
    apps = [
        # Saved only: counts at saved, not applied.
        application(1, stages=((Stage.SAVED, day(1)),)),
        # Applied on the 2nd, no answer: waiting.
        applied(2, day(2)),
        # Applied on the 3rd, screening on the 7th: 4 days to the first reply, then an interview.
        applied(3, day(3), "", (Stage.SCREENING, day(7)), (Stage.INTERVIEW, day(12))),
        # Applied on the 4th, rejected on the 14th: 10 days (a rejection is a reply).
        applied(4, day(4), "", (Stage.REJECTED, day(14))),
        # Applied on the 5th, withdrawn on the 9th: the learner's own step, not a reply.
        applied(5, day(5), "", (Stage.WITHDRAWN, day(9))),
        # Applied on the 6th, straight to interview on the 8th (2 days), offer on the 20th.
        applied(6, day(6), "", (Stage.INTERVIEW, day(8)), (Stage.OFFER, day(20))),
    ]
    figures = job_figures(apps, TODAY)
    assert dict(figures.per_stage) == {
        Stage.SAVED: 1,
        Stage.APPLIED: 1,
        Stage.SCREENING: 0,
        Stage.INTERVIEW: 1,
        Stage.OFFER: 1,
        Stage.ACCEPTED: 0,
        Stage.REJECTED: 1,
        Stage.WITHDRAWN: 1,
    }
    assert [stage for stage, _n in figures.per_stage] == list(Stage)
    assert figures.count(Stage.OFFER) == 1
    assert figures.total == 6
    assert figures.applied == 5
    assert figures.replied == 3  # 3, 4 and 6
    assert figures.response_rate == 3 / 5
    assert figures.median_days_to_reply == 4.0  # of 4, 10 and 2
    assert figures.open == 3  # applied (2), interview (3), offer (6)
    assert figures.waiting == 1


def test_the_median_of_an_even_number_of_replies_is_the_mean_of_the_middle_two() -> None:
    apps = [
        applied(1, day(1), "", (Stage.SCREENING, day(2))),  # 1 day
        applied(2, day(1), "", (Stage.SCREENING, day(4))),  # 3 days
        applied(3, day(1), "", (Stage.REJECTED, day(8))),  # 7 days
        applied(4, day(1), "", (Stage.SCREENING, day(21))),  # 20 days
    ]
    figures = job_figures(apps, TODAY)
    assert figures.median_days_to_reply == 5.0
    assert figures.response_rate == 1.0


def test_applied_but_unanswered_gives_a_rate_of_zero_and_no_median() -> None:
    figures = job_figures([applied(1, day(1)), applied(2, day(3))], TODAY)
    assert figures.response_rate == 0.0
    assert figures.median_days_to_reply is None
    assert figures.waiting == 2 and figures.open == 2


def test_a_reply_counts_once_even_after_later_stages_and_on_the_day_applied() -> None:
    # Applied and screened the same day: 0 days; the later rejection is not a second reply.
    app = applied(1, day(10), "", (Stage.SCREENING, day(10)), (Stage.REJECTED, day(15)))
    figures = job_figures([app], TODAY)
    assert (figures.replied, figures.median_days_to_reply, figures.open) == (1, 0.0, 0)


def test_interviews_ahead_count_from_today_for_applications_still_going() -> None:
    going = application(
        1,
        stages=((Stage.APPLIED, day(1)), (Stage.INTERVIEW, day(10))),
        interviews=[(day(20), InterviewKind.PHONE), (TODAY, InterviewKind.TECHNICAL), (day(35), InterviewKind.FINAL)],
    )
    closed = application(
        2, stages=((Stage.APPLIED, day(1)), (Stage.REJECTED, day(25))), interviews=[(day(40), InterviewKind.ONSITE)]
    )
    assert job_figures([going, closed], TODAY).interviews_ahead == 2


def test_the_figures_read_as_a_plain_dictionary() -> None:
    shape = job_figures([applied(1, day(1), "", (Stage.SCREENING, day(3)))], TODAY).as_dict()
    assert shape == {
        "per_stage": {
            "saved": 0,
            "applied": 0,
            "screening": 1,
            "interview": 0,
            "offer": 0,
            "accepted": 0,
            "rejected": 0,
            "withdrawn": 0,
        },
        "total": 1,
        "applied": 1,
        "replied": 1,
        "response_rate": 1.0,
        "median_days_to_reply": 2.0,
        "open": 1,
        "waiting": 0,
        "interviews_ahead": 0,
    }
