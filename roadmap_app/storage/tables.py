"""The database schema as SQLAlchemy 2 typed mappings.

Every change here needs an Alembic migration in ``storage/migrations/versions``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {str: String()}


def new_uuid() -> str:
    return str(uuid.uuid4())


def uuid_column() -> Mapped[str]:
    """A random id beside the row id, the same in every copy of the data (see TombstoneRow)."""
    return mapped_column(String(36), unique=True, default=new_uuid)


class Setting(Base):
    """App-wide settings that belong with the data, such as the current profile."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]


class ProfileRow(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    name: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[datetime]
    current_step_id: Mapped[str] = mapped_column(default="")
    target_career_id: Mapped[str] = mapped_column(default="")
    weekly_goal_minutes: Mapped[int] = mapped_column(default=0)
    min_minutes_per_day: Mapped[int] = mapped_column(default=10)
    ready_by: Mapped[date | None]


class ProgressRow(Base):
    """A learner's state and note on one content item, keyed by its stable id.

    Rows for ids that a later content version drops are kept, never deleted.
    """

    __tablename__ = "item_progress"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(default="todo")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
    uuid: Mapped[str] = uuid_column()


class ProjectRow(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(default="idea")
    repo_url: Mapped[str] = mapped_column(default="")
    demo_url: Mapped[str] = mapped_column(default="")
    idea_id: Mapped[str] = mapped_column(default="")
    started_on: Mapped[date | None]
    finished_on: Mapped[date | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    skills: Mapped[list[ProjectSkillRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProjectSkillRow.skill_id"
    )
    notes: Mapped[list[ProjectNoteRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: (ProjectNoteRow.created_at, ProjectNoteRow.id),
    )
    # The portfolio lists newest first, a page at a time.
    __table_args__ = (Index("ix_projects_profile_id_updated_at", "profile_id", "updated_at"),)


class ProjectSkillRow(Base):
    __tablename__ = "project_skills"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(primary_key=True)
    __table_args__ = (Index("ix_project_skills_skill_id", "skill_id"),)


class ProjectNoteRow(Base):
    __tablename__ = "project_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text, default="")
    # Covers "newest note per project" without reading the notes' text.
    __table_args__ = (Index("ix_project_notes_project_id_updated_at", "project_id", "updated_at"),)


class ActivityRow(Base):
    """Append-only: rows are added, never changed. See ``domain.activity`` for the fields."""

    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    action: Mapped[str]
    subject_kind: Mapped[str]
    subject_id: Mapped[str] = mapped_column(default="")
    field: Mapped[str] = mapped_column(default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        # By time; with the action, the changes per day are counted from the index alone.
        Index("ix_activity_profile_id_at_action", "profile_id", "at", "action"),
        # The newest entries first, without sorting the whole history.
        Index("ix_activity_profile_id_id", "profile_id", "id"),
        # Covers "last activity per subject" for the suggestions and a record's timeline.
        Index("ix_activity_profile_id_subject_kind_subject_id_at", "profile_id", "subject_kind", "subject_id", "at"),
    )


class StudySessionRow(Base):
    """Minutes of study on a day, for an item (a task or skill id), a project, or nothing."""

    __tablename__ = "study_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    day: Mapped[date]
    minutes: Mapped[int]
    subject_kind: Mapped[str] = mapped_column(default="")
    subject_id: Mapped[str] = mapped_column(default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    # History, streaks and the week read a profile's minutes by day, from the index alone.
    __table_args__ = (Index("ix_study_sessions_profile_id_day_minutes", "profile_id", "day", "minutes"),)


class TimerRow(Base):
    """A profile's study timer. Saved when started, so a crash or a closed window keeps it."""

    __tablename__ = "study_timers"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(default="")
    subject_id: Mapped[str] = mapped_column(default="")
    started_at: Mapped[datetime]
    running_since: Mapped[datetime | None]
    banked_seconds: Mapped[int] = mapped_column(default=0)


class FeedbackRow(Base):
    """A learner's answer to a suggestion: snoozed until a day, or dismissed."""

    __tablename__ = "suggestion_feedback"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(primary_key=True)
    snoozed_until: Mapped[date | None]
    dismissed_fingerprint: Mapped[str] = mapped_column(default="")
    updated_at: Mapped[datetime]
    uuid: Mapped[str] = uuid_column()


class TombstoneRow(Base):
    """A deleted record's UUID and when it went, so that a merge of two copies of the data
    can tell "deleted here" from "never seen here". Kept when the record's profile goes."""

    __tablename__ = "tombstones"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str]
    profile_uuid: Mapped[str] = mapped_column(String(36), index=True)
    deleted_at: Mapped[datetime]


class CredentialRow(Base):
    """A degree, certificate, course or bootcamp (step 1), and the skills it covers."""

    __tablename__ = "credentials"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str]
    kind: Mapped[str] = mapped_column(default="course")
    provider: Mapped[str] = mapped_column(default="")
    status: Mapped[str] = mapped_column(default="planned")
    started_on: Mapped[date | None]
    finished_on: Mapped[date | None]
    url: Mapped[str] = mapped_column(default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    skills: Mapped[list[CredentialSkillRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CredentialSkillRow.skill_id"
    )


class CredentialSkillRow(Base):
    __tablename__ = "credential_skills"
    credential_id: Mapped[int] = mapped_column(ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(primary_key=True)
    __table_args__ = (Index("ix_credential_skills_skill_id", "skill_id"),)


class ExperienceRow(Base):
    """An internship, job, competition... (step 4): where skills were used, with dated notes."""

    __tablename__ = "experiences"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str]
    kind: Mapped[str] = mapped_column(default="job")
    organisation: Mapped[str] = mapped_column(default="")
    started_on: Mapped[date | None]
    finished_on: Mapped[date | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    skills: Mapped[list[ExperienceSkillRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ExperienceSkillRow.skill_id"
    )
    notes: Mapped[list[ExperienceNoteRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: (ExperienceNoteRow.created_at, ExperienceNoteRow.id),
    )


class ExperienceSkillRow(Base):
    __tablename__ = "experience_skills"
    experience_id: Mapped[int] = mapped_column(ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(primary_key=True)
    __table_args__ = (Index("ix_experience_skills_skill_id", "skill_id"),)


class ExperienceNoteRow(Base):
    __tablename__ = "experience_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    experience_id: Mapped[int] = mapped_column(ForeignKey("experiences.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_experience_notes_experience_id_updated_at", "experience_id", "updated_at"),)


class ApplicationRow(Base):
    """A job application (step 5). Its stage is read from its newest stage change."""

    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    company: Mapped[str]
    role: Mapped[str]
    url: Mapped[str] = mapped_column(default="")
    ad_text: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(default="")
    salary: Mapped[str] = mapped_column(default="")
    source: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    stages: Mapped[list[ApplicationStageRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApplicationStageRow.id"
    )
    interviews: Mapped[list[ApplicationInterviewRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApplicationInterviewRow.id"
    )
    contacts: Mapped[list[ApplicationContactRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApplicationContactRow.id"
    )
    notes: Mapped[list[ApplicationNoteRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApplicationNoteRow.id"
    )


class ApplicationStageRow(Base):
    """One dated step of an application's timeline."""

    __tablename__ = "application_stages"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str]
    on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class ApplicationInterviewRow(Base):
    __tablename__ = "application_interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    kind: Mapped[str]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class ApplicationContactRow(Base):
    __tablename__ = "application_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    name: Mapped[str]
    role: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]


class ApplicationNoteRow(Base):
    __tablename__ = "application_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TaskLinkRow(Base):
    """A task done by a learner's record: a credential, a project or an experience.

    The record is named by kind and id, with its UUID beside them: a deleted record's links
    stay here unseen (no row of that kind has the id and UUID), so that restoring it with the
    same id and UUID brings them back, while a new record that is given the same row id
    (SQLite reuses the highest) does not take them over.
    """

    __tablename__ = "task_links"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[str] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36))
    linked_at: Mapped[datetime]
    # A record's links, for the step pages and the portfolio.
    __table_args__ = (
        Index("ix_task_links_profile_id_record_kind_record_id", "profile_id", "record_kind", "record_id"),
    )


class OwnItemRow(Base):
    """A task or skill the learner added to the roadmap (schema 0008). ``removed_at`` is set
    when the learner removes it: the row stays, so its progress shows as archived with its title."""

    __tablename__ = "own_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    item_id: Mapped[str]
    kind: Mapped[str]
    title: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    step_id: Mapped[str] = mapped_column(default="")
    category_id: Mapped[str] = mapped_column(default="")
    category_name: Mapped[str] = mapped_column(default="")
    prerequisites: Mapped[str] = mapped_column(Text, default="")
    """Skill ids, one per line."""
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]
    __table_args__ = (UniqueConstraint("profile_id", "item_id", name="uq_own_items_profile_id_item_id"),)


class ResourceRow(Base):
    """A learning resource on a task or skill, keyed by the item's stable id.

    Kept when a roadmap version drops the item: it is archived with the item's progress.
    """

    __tablename__ = "resources"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    item_id: Mapped[str]
    title: Mapped[str]
    url: Mapped[str] = mapped_column(default="")
    kind: Mapped[str] = mapped_column(default="other")
    progress: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    """How many parts it has ("of" in the CLI and the export); None when not given."""
    done: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # An item's resources in the learner's order.
    __table_args__ = (Index("ix_resources_profile_id_item_id_position", "profile_id", "item_id", "position"),)
