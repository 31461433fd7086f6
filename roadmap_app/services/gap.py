"""The offline job-ad gap check: which of an ad's skills the learner has, lacks, or the roadmap does not know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_app.domain.gap import AdReader, AdSkills, Gap, HaveSkill, MissingSkill
from roadmap_app.domain.model import ItemState, Roadmap
from roadmap_app.domain.records import CredentialStatus, newest_first_key
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.storage import plain

if TYPE_CHECKING:
    from roadmap_app.services.portfolio import PortfolioService
    from roadmap_app.services.progress import ProgressService
    from roadmap_app.services.roadmap_source import RoadmapSource
    from roadmap_app.storage.db import Database

MAX_AD_CHARS = 2_000_000  # a long ad is some thousands of words; this is far beyond any
MAX_AD_BYTES = 4 * MAX_AD_CHARS
EVIDENCE_SHOWN = 5  # the newest projects shown for a skill; the rest are counted


def reader_for(roadmap: Roadmap) -> AdReader:
    """The matcher for a roadmap: every skill's title and aliases, and its outside skills."""
    return AdReader(
        [(s.id, (s.title, *s.aliases)) for s in roadmap.skills],
        [(o.name, (o.name, *o.aliases)) for o in roadmap.outside_skills],
    )


def decode_ad(data: bytes, source: str) -> str:
    """An ad's text from a file's bytes; binary data or another encoding than UTF-8 is refused."""
    if len(data) > MAX_AD_BYTES:
        raise InvalidInputError(
            f"{source} is larger than {MAX_AD_BYTES // 1_000_000} MB; a job ad is a few pages of text, "
            "give the ad alone"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInputError(f"{source} is UTF-16 text; save the ad as UTF-8 plain text")
    if b"\x00" in data:
        raise InvalidInputError(f"{source} is not a text file (it holds binary data); save the ad as plain text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{source} is not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save the ad as UTF-8 plain text"
        ) from None


_ASKED_KEPT = 2_000
"""How many ads' skills :meth:`GapService.skills_asked` remembers before it starts again."""

_UNDER_WAY = tuple(s.value for s in CredentialStatus if s is not CredentialStatus.PLANNED)
# The experience and the credentials under way or done that list some skills, one row per
# (skill, record): ``kind``, id, title and start day, to be ordered as the records' lists are.
_RECORDS_SHOWING = (
    "SELECT s.skill_id, 'experience', e.id, e.title, e.started_on FROM experience_skills s"
    " JOIN experiences e ON e.id = s.experience_id WHERE e.profile_id = ? AND s.skill_id IN ({wanted})"
    " UNION ALL SELECT s.skill_id, 'credential', c.id, c.title, c.started_on FROM credential_skills s"
    " JOIN credentials c ON c.id = s.credential_id WHERE c.profile_id = ? AND s.skill_id IN ({wanted})"
    " AND c.status IN (" + ", ".join("?" * len(_UNDER_WAY)) + ")"
)


class GapService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(
        self,
        db: Database,
        roadmap: RoadmapSource,
        progress: ProgressService,
        portfolio: PortfolioService,
    ) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._progress = progress
        self._portfolio = portfolio
        self._reader_of: tuple[Roadmap, AdReader] | None = None
        self._asked: dict[str, AdSkills] = {}
        self._asked_of: AdReader | None = None

    def _reader(self) -> AdReader:
        """The matcher of the roadmap in use, made again when the learner's own skills change."""
        roadmap = self._roadmap
        if self._reader_of is None or self._reader_of[0] is not roadmap:
            self._reader_of = (roadmap, reader_for(roadmap))
        return self._reader_of[1]

    def skills_asked(self, text: str) -> tuple[str, ...]:
        """The roadmap skill ids an ad asks for, in its order; remembered per text (until the
        roadmap changes), as the next actions read every open application's ad at each call."""
        return self._read(text).skill_ids if len(text) <= MAX_AD_CHARS else ()

    def _read(self, text: str) -> AdSkills:
        """What an ad asks for, read once per text (until the roadmap changes)."""
        reader = self._reader()
        if reader is not self._asked_of or len(self._asked) >= _ASKED_KEPT:
            self._asked, self._asked_of = {}, reader
        found = self._asked.get(text)
        if found is None:
            found = self._asked[text] = reader.read(text)
        return found

    def _records_showing(self, profile_id: int, skill_ids: list[str]) -> dict[str, list[str]]:
        """For each skill, the experience and the credentials under way or done that list it
        (a planned credential proves nothing yet), as "experience ID: TITLE"."""
        wanted = sorted(set(skill_ids))
        found: dict[str, list[str]] = {s: [] for s in skill_ids}
        if not wanted:
            return found
        marks = ", ".join("?" * len(wanted))
        with self._db.read_plain() as conn:
            rows = conn.execute(
                _RECORDS_SHOWING.format(wanted=marks),
                (profile_id, *wanted, profile_id, *wanted, *_UNDER_WAY),
            ).fetchall()
        # Experience first, then credentials, each newest first as their lists show them.
        rows.sort(key=lambda r: (r[1] != "experience", newest_first_key(plain.day(r[4]), r[2])))
        for skill_id, kind, record_id, title, _started in rows:
            found[skill_id].append(f"{kind} {record_id}: {title}")
        return found

    def check(self, profile_id: int, text: str) -> Gap:
        """The skills the ad asks for: done (with the projects, experience and credentials that
        show them), not yet, and unknown."""
        if len(text) > MAX_AD_CHARS:
            raise InvalidInputError(
                f"the ad has {len(text):,} characters, more than {MAX_AD_CHARS:,}; give the ad alone"
            )
        found = self._read(text)
        states = self._progress.states(profile_id)
        done = [s for s in found.skill_ids if (p := states.get(s)) is not None and p.state is ItemState.DONE]
        projects = self._portfolio.showing(profile_id, done, EVIDENCE_SHOWN)
        records = self._records_showing(profile_id, done)
        have: list[HaveSkill] = []
        missing: list[MissingSkill] = []
        for skill_id in found.skill_ids:
            title = self._roadmap.title_of(skill_id)
            if skill_id not in projects:
                missing.append(MissingSkill(skill_id, title))
                continue
            count, evidence = projects[skill_id]
            if count > len(evidence):
                evidence.append(f"and {count - len(evidence)} more projects")
            evidence.extend(records.get(skill_id, ()))
            updated = states[skill_id].updated_at
            if updated is not None:
                evidence.append(f"done as of {updated:%Y-%m-%d}")
            have.append(HaveSkill(skill_id, title, tuple(evidence)))
        return Gap(tuple(have), tuple(missing), found.outside)
