"""Export a whole profile to a versioned JSON document, and import one as a new profile.

An import is validated in full before anything is written (see ``export_format``), then
applied in one transaction: the database ends with the whole new profile or without it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_app.domain.activity import SubjectKind
from roadmap_app.domain.model import Profile, Roadmap
from roadmap_app.domain.study import StudySubjectKind
from roadmap_app.services._common import Clock, profile_row, stored_state, system_clock, to_profile
from roadmap_app.services._project_rows import stored_status
from roadmap_app.services.backups import BackupService
from roadmap_app.services.errors import InvalidInputError, UserError
from roadmap_app.services.export_format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_IMPORT_BYTES,
    ActivityRecord,
    ContentRecord,
    ExportDocument,
    FeedbackRecord,
    ImportFormatError,
    NoteRecord,
    ProfileRecord,
    ProgressRecord,
    ProjectRecord,
    StudySessionRecord,
    TombstoneRecord,
    encodable,
    parse_document,
    to_json,
    validate_document,
)
from roadmap_app.services.profiles import clean_profile_name
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.study_values import study_kind
from roadmap_app.services.transfer_jobs import export_applications, import_applications
from roadmap_app.services.transfer_own_items import export_own_items, import_own_items
from roadmap_app.services.transfer_records import export_records, export_task_links, import_records, import_task_links
from roadmap_app.services.transfer_resources import export_resources, import_resources
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import (
    ActivityRow,
    FeedbackRow,
    ProfileRow,
    ProgressRow,
    ProjectNoteRow,
    ProjectRow,
    ProjectSkillRow,
    StudySessionRow,
    TombstoneRow,
    new_uuid,
)

# The fields an activity entry has under the same name in the database and in an export.
_ACTIVITY_FIELDS = ("at", "action", "subject_kind", "field", "before", "after")


def _copied(source: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(source, name) for name in names}


class TransferService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(
        self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock, *, backups: BackupService | None = None
    ) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock
        self._backups = backups or BackupService(db, db.path.parent / "backups", clock)

    # --- export ----------------------------------------------------------------------------

    def export_profile(self, profile_id: int) -> dict[str, Any]:
        """The whole profile as a plain, JSON-ready document."""
        return to_json(self.export_document(profile_id))  # type: ignore[no-any-return]

    def export_document(self, profile_id: int) -> ExportDocument:
        """The whole profile as typed export records."""
        with self._db.read() as session:
            profile = profile_row(session, profile_id)

            def rows(row_class: Any, *order: Any) -> Any:
                return session.scalars(select(row_class).where(row_class.profile_id == profile_id).order_by(*order))

            project_rows: list[ProjectRow] = list(rows(ProjectRow, ProjectRow.id))
            # Row ids differ between databases: an entry about a project names it by UUID.
            project_uuids = {str(p.id): p.uuid for p in project_rows}

            credentials, experience, record_uuids = export_records(session, profile_id)
            applications, application_uuids = export_applications(session, profile_id)
            record_uuids |= application_uuids

            def subject_of(entry: ActivityRow) -> str:
                if entry.subject_kind == SubjectKind.PROJECT.value:
                    return project_uuids.get(entry.subject_id, "")
                if entry.subject_kind in record_uuids:
                    return record_uuids[entry.subject_kind].get(entry.subject_id, "")
                return entry.subject_id

            tombstones = session.scalars(
                select(TombstoneRow).where(TombstoneRow.profile_uuid == profile.uuid).order_by(TombstoneRow.uuid)
            )
            return ExportDocument(
                format=FORMAT,
                version=FORMAT_VERSION,
                content=ContentRecord(id=self._roadmap.id, version=self._roadmap.version),
                profile=ProfileRecord(
                    uuid=profile.uuid,
                    name=profile.name,
                    created_at=profile.created_at,
                    current_step=profile.current_step_id,
                    target_career=profile.target_career_id,
                    weekly_goal_minutes=profile.weekly_goal_minutes,
                    min_minutes_per_day=profile.min_minutes_per_day,
                    ready_by=profile.ready_by,
                ),
                progress=tuple(
                    ProgressRecord(
                        uuid=p.uuid, item=p.item_id, state=stored_state(p.state), note=p.note, updated_at=p.updated_at
                    )
                    for p in rows(ProgressRow, ProgressRow.item_id)
                ),
                projects=tuple(
                    ProjectRecord(
                        uuid=p.uuid,
                        title=p.title,
                        summary=p.summary,
                        status=stored_status(p.status),
                        repo_url=p.repo_url,
                        demo_url=p.demo_url,
                        idea=p.idea_id,
                        started_on=p.started_on,
                        finished_on=p.finished_on,
                        created_at=p.created_at,
                        updated_at=p.updated_at,
                        skills=tuple(s.skill_id for s in p.skills),
                        notes=tuple(
                            NoteRecord(uuid=n.uuid, created_at=n.created_at, updated_at=n.updated_at, text=n.text)
                            for n in p.notes
                        ),
                    )
                    for p in project_rows
                ),
                activity=tuple(
                    ActivityRecord(uuid=a.uuid, subject_id=subject_of(a), **_copied(a, _ACTIVITY_FIELDS))
                    for a in rows(ActivityRow, ActivityRow.id)
                ),
                feedback=tuple(
                    FeedbackRecord(
                        uuid=f.uuid,
                        key=f.key,
                        snoozed_until=f.snoozed_until,
                        dismissed=f.dismissed_fingerprint,
                        updated_at=f.updated_at,
                    )
                    for f in rows(FeedbackRow, FeedbackRow.key)
                ),
                tombstones=tuple(
                    TombstoneRecord(uuid=t.uuid, kind=t.kind, deleted_at=t.deleted_at) for t in tombstones
                ),
                study_sessions=tuple(
                    StudySessionRecord(
                        uuid=st.uuid,
                        day=st.day,
                        minutes=st.minutes,
                        subject_kind=study_kind(st.subject_kind),
                        subject_id=project_uuids.get(st.subject_id, "")
                        if st.subject_kind == StudySubjectKind.PROJECT.value
                        else record_uuids[st.subject_kind].get(st.subject_id, "")
                        if st.subject_kind in record_uuids
                        else st.subject_id,
                        note=st.note,
                        created_at=st.created_at,
                    )
                    for st in rows(StudySessionRow, StudySessionRow.day, StudySessionRow.id)
                ),
                credentials=credentials,
                experience=experience,
                applications=applications,
                task_links=export_task_links(
                    session, profile_id, {**record_uuids, SubjectKind.PROJECT.value: project_uuids}
                ),
                own_items=export_own_items(session, profile_id),
                resources=export_resources(session, profile_id),
            )

    def write_export(self, profile_id: int, path: Path) -> None:
        """Write the export next to ``path`` first, then move it into place."""
        text = json.dumps(self.export_profile(profile_id), ensure_ascii=False, indent=2) + "\n"
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.unlink(missing_ok=True)
            # An export holds the learner's notes: readable by its owner only, like the database.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(f"cannot write {path} ({exc.strerror}); choose another file with -o") from exc

    # --- import ----------------------------------------------------------------------------

    def read_document(self, path: Path) -> dict[str, Any]:
        """Read an export file, with a one-line error for anything unreadable."""
        try:
            size = path.stat().st_size
            if size > MAX_IMPORT_BYTES:
                raise ImportFormatError(
                    f"{path} is {size:,} bytes; an export can be at most {MAX_IMPORT_BYTES:,} bytes"
                )
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"no file {path}; give the path of a file made by 'roadmap-app export'") from None
        except IsADirectoryError:
            raise UserError(f"{path} is a folder; give the path of a file made by 'roadmap-app export'") from None
        except OSError as exc:
            raise UserError(f"cannot read {path} ({exc.strerror})") from exc
        return parse_document(raw, str(path))

    def _refuse_taken_name(self, wanted: str, session: Session | None = None) -> None:
        if session is None:
            with self._db.read() as reading:
                self._refuse_taken_name(wanted, reading)
            return
        if session.scalar(select(ProfileRow.id).where(ProfileRow.name == wanted)) is not None:
            raise UserError(f"a profile named '{wanted}' already exists; import it under another name with --as NAME")

    def import_profile(self, document: dict[str, Any], name: str | None = None) -> Profile:
        """Add the document's profile as a new profile, all or nothing.

        The document is checked in full first; a backup is made before anything is
        written; then the whole profile is written in one transaction.
        """
        doc = validate_document(document)
        wanted = clean_profile_name(name if name is not None else doc.profile.name)
        if not encodable(wanted):
            raise InvalidInputError("a profile name cannot contain a lone surrogate character")
        self._refuse_taken_name(wanted)
        self._backups.create_automatic("before-import")
        with self._db.write() as session:
            self._refuse_taken_name(wanted, session)
            fresh = _UuidKeeper(session)
            meta = doc.profile
            profile = ProfileRow(
                uuid=fresh(ProfileRow, meta.uuid),
                name=wanted,
                created_at=meta.created_at,
                current_step_id=meta.current_step,
                target_career_id=meta.target_career,
                weekly_goal_minutes=meta.weekly_goal_minutes,
                min_minutes_per_day=meta.min_minutes_per_day,
                ready_by=meta.ready_by,
            )
            session.add(profile)
            session.flush()
            session.add_all(
                ProgressRow(
                    uuid=fresh(ProgressRow, p.uuid),
                    profile_id=profile.id,
                    item_id=p.item,
                    state=p.state.value,
                    note=p.note,
                    updated_at=p.updated_at,
                )
                for p in doc.progress
            )
            project_rows = []
            for p in doc.projects:
                project_rows.append(
                    ProjectRow(
                        uuid=fresh(ProjectRow, p.uuid),
                        profile_id=profile.id,
                        title=p.title,
                        summary=p.summary,
                        status=p.status.value,
                        repo_url=p.repo_url,
                        demo_url=p.demo_url,
                        idea_id=p.idea,
                        started_on=p.started_on,
                        finished_on=p.finished_on,
                        created_at=p.created_at,
                        updated_at=p.updated_at,
                        skills=[ProjectSkillRow(skill_id=s) for s in p.skills],
                        notes=[
                            ProjectNoteRow(
                                uuid=fresh(ProjectNoteRow, n.uuid),
                                created_at=n.created_at,
                                updated_at=n.updated_at,
                                text=n.text,
                            )
                            for n in p.notes
                        ],
                    )
                )
            session.add_all(project_rows)
            session.flush()
            new_ids = {p.uuid: str(row.id) for p, row in zip(doc.projects, project_rows, strict=True)}
            record_ids = import_records(session, profile.id, doc, fresh)
            record_ids |= import_applications(session, profile.id, doc, fresh)
            import_own_items(session, profile.id, doc, fresh)
            import_resources(session, profile.id, doc, fresh)

            def subject_of(entry: ActivityRecord) -> str:
                if entry.subject_kind == SubjectKind.PROJECT.value:
                    # A project's UUID. Format 1 named it by a row id of the other file,
                    # which means nothing here: such an entry keeps only the title it holds.
                    return new_ids.get(entry.subject_id, "")
                if entry.subject_kind in record_ids:
                    return record_ids[entry.subject_kind].get(entry.subject_id, "")
                return entry.subject_id

            session.add_all(
                ActivityRow(
                    uuid=fresh(ActivityRow, a.uuid),
                    profile_id=profile.id,
                    subject_id=subject_of(a),
                    **_copied(a, _ACTIVITY_FIELDS),
                )
                for a in doc.activity
            )
            session.add_all(
                FeedbackRow(
                    uuid=fresh(FeedbackRow, f.uuid),
                    profile_id=profile.id,
                    key=f.key,
                    snoozed_until=f.snoozed_until,
                    dismissed_fingerprint=f.dismissed,
                    updated_at=f.updated_at,
                )
                for f in doc.feedback
            )
            for st in doc.study_sessions:
                subject_id = st.subject_id
                kind = st.subject_kind
                if kind is not StudySubjectKind.ITEM and kind is not StudySubjectKind.NONE:
                    # A record named by its UUID: the new row id here, or none if it is not in the file.
                    ids = new_ids if kind is StudySubjectKind.PROJECT else record_ids.get(kind.value, {})
                    subject_id = ids.get(st.subject_id, "")
                    kind = kind if subject_id else StudySubjectKind.NONE
                session.add(
                    StudySessionRow(
                        uuid=fresh(StudySessionRow, st.uuid),
                        profile_id=profile.id,
                        day=st.day,
                        minutes=st.minutes,
                        subject_kind=kind.value,
                        subject_id=subject_id,
                        note=st.note,
                        created_at=st.created_at,
                    )
                )
            import_task_links(session, profile.id, doc, {**record_ids, SubjectKind.PROJECT.value: new_ids})
            for t in doc.tombstones:
                # A record deleted in the original profile stays the original's tombstone.
                if session.get(TombstoneRow, t.uuid) is None:
                    session.add(
                        TombstoneRow(uuid=t.uuid, kind=t.kind, profile_uuid=profile.uuid, deleted_at=t.deleted_at)
                    )
            session.flush()
            imported = to_profile(profile)
        self._roadmaps.changed()
        return imported


class _UuidKeeper:
    """Keeps a record's UUID on import unless this database already has it (a second copy
    of the same export) or the document uses it twice; then the copy gets a new one."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._taken: dict[Any, set[str]] = {}

    def __call__(self, row_class: Any, value: str) -> str:
        taken = self._taken.get(row_class)
        if taken is None:
            taken = self._taken[row_class] = set(self._session.scalars(select(row_class.uuid)))
        if value in taken:
            value = new_uuid()
        taken.add(value)
        return value


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_IMPORT_BYTES",
    "ImportFormatError",
    "TransferService",
    "parse_document",
    "validate_document",
]
