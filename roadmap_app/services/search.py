"""Full-text search over the learner's projects, project notes, notes on tasks and skills, their own
tasks and skills, the notes of study sessions, credentials, experience, job applications and
learning resources."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any

from roadmap_app.domain.model import Roadmap
from roadmap_app.domain.search import HitKind, SearchHit, make_snippet, match_expression
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.search_jobs import application_hits
from roadmap_app.storage.db import Database

MAX_LIMIT = 500
#: Only the newest this many matches of each kind are ranked by relevance. Ranking reads
#: every candidate's statistics, so without a bound a common word in a long history
#: would cost tens of milliseconds; with it, search stays as fast as the learner types.
RANKED_WINDOW = 100

# For each kind: the id of the oldest match inside the window, then the best matches
# from the window by relevance (a title counts four times a summary).
_PROJECTS_FLOOR = """
    SELECT projects_fts.rowid FROM projects_fts JOIN projects AS p ON p.id = projects_fts.rowid
    WHERE projects_fts MATCH :query AND p.profile_id = :profile_id
    ORDER BY projects_fts.rowid DESC LIMIT 1 OFFSET :window
    """
_PROJECTS = """
    SELECT p.id, p.title, p.summary, bm25(projects_fts, 4.0, 1.0) AS score
    FROM projects_fts JOIN projects AS p ON p.id = projects_fts.rowid
    WHERE projects_fts MATCH :query AND projects_fts.rowid > :floor AND p.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
_NOTES_FLOOR = """
    SELECT project_notes_fts.rowid FROM project_notes_fts
    JOIN project_notes AS n ON n.id = project_notes_fts.rowid
    JOIN projects AS p ON p.id = n.project_id
    WHERE project_notes_fts MATCH :query AND p.profile_id = :profile_id
    ORDER BY project_notes_fts.rowid DESC LIMIT 1 OFFSET :window
    """
_NOTES = """
    SELECT n.id, n.project_id, p.title, n.text, bm25(project_notes_fts) AS score
    FROM project_notes_fts
    JOIN project_notes AS n ON n.id = project_notes_fts.rowid
    JOIN projects AS p ON p.id = n.project_id
    WHERE project_notes_fts MATCH :query AND project_notes_fts.rowid > :floor AND p.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
# Notes on tasks and skills are bounded by the content's size: no window needed.
_ITEMS = """
    SELECT item_id, note, bm25(item_notes_fts) AS score FROM item_notes_fts
    WHERE item_notes_fts MATCH :query AND profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """

# Credentials and experience: a learner has tens of them, not thousands, so no window.
_CREDENTIALS = """
    SELECT c.id, c.title, c.provider, c.note, bm25(credentials_fts, 4.0, 2.0, 1.0) AS score
    FROM credentials_fts JOIN credentials AS c ON c.id = credentials_fts.rowid
    WHERE credentials_fts MATCH :query AND c.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
_EXPERIENCE = """
    SELECT e.id, e.title, e.organisation, e.summary, bm25(experiences_fts, 4.0, 2.0, 1.0) AS score
    FROM experiences_fts JOIN experiences AS e ON e.id = experiences_fts.rowid
    WHERE experiences_fts MATCH :query AND e.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
_EXPERIENCE_NOTES = """
    SELECT n.id, e.id, e.title, n.text, bm25(experience_notes_fts) AS score
    FROM experience_notes_fts
    JOIN experience_notes AS n ON n.id = experience_notes_fts.rowid
    JOIN experiences AS e ON e.id = n.experience_id
    WHERE experience_notes_fts MATCH :query AND e.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """

# Learning resources: tens per item at most; a title counts four times a link.
_RESOURCES = """
    SELECT r.id, r.item_id, r.title, r.url, bm25(resources_fts, 4.0, 1.0) AS score
    FROM resources_fts JOIN resources AS r ON r.id = resources_fts.rowid
    WHERE resources_fts MATCH :query AND r.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """


def _records(conn: sqlite3.Connection, params: dict[str, Any]) -> list[SearchHit]:
    """Unsnipped hits in credentials and experience (the snippet holds the whole text)."""
    found = []
    for cid, title, provider, note, score in conn.execute(_CREDENTIALS, params):
        body = " — ".join(part for part in (title, provider, note) if part)
        found.append(SearchHit(HitKind.CREDENTIAL, title, body, record_id=cid, score=score))
    for eid, title, organisation, summary, score in conn.execute(_EXPERIENCE, params):
        body = " — ".join(part for part in (title, organisation, summary) if part)
        found.append(SearchHit(HitKind.EXPERIENCE, title, body, record_id=eid, score=score))
    for nid, eid, title, body, score in conn.execute(_EXPERIENCE_NOTES, params):
        found.append(SearchHit(HitKind.EXPERIENCE, title, body, note_id=nid, record_id=eid, score=score))
    for rid, item_id, title, url, score in conn.execute(_RESOURCES, params):
        body = " — ".join(part for part in (title, url) if part)
        found.append(SearchHit(HitKind.RESOURCE, title, body, item_id=item_id, record_id=rid, score=score))
    return found


_SESSIONS_FLOOR = """
    SELECT study_notes_fts.rowid FROM study_notes_fts JOIN study_sessions AS s ON s.id = study_notes_fts.rowid
    WHERE study_notes_fts MATCH :query AND s.profile_id = :profile_id
    ORDER BY study_notes_fts.rowid DESC LIMIT 1 OFFSET :window
    """
_SESSIONS = """
    SELECT s.id, s.day, s.minutes, s.note, bm25(study_notes_fts) AS score
    FROM study_notes_fts JOIN study_sessions AS s ON s.id = study_notes_fts.rowid
    WHERE study_notes_fts MATCH :query AND study_notes_fts.rowid > :floor AND s.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """


_OWN_ITEMS = """
    SELECT o.item_id, o.title, o.description, bm25(own_items_fts, 4.0, 1.0) AS score
    FROM own_items_fts JOIN own_items AS o ON o.id = own_items_fts.rowid
    WHERE own_items_fts MATCH :query AND o.profile_id = :profile_id AND o.removed_at IS NULL
    ORDER BY score LIMIT :limit
    """


def _floor(conn: sqlite3.Connection, query: str, params: dict[str, Any]) -> int:
    found = conn.execute(query, {**params, "window": RANKED_WINDOW}).fetchone()
    return int(found[0]) if found is not None and found[0] is not None else 0


class SearchService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource) -> None:
        self._db = db
        self._roadmaps = roadmap

    def search(self, profile_id: int, text: str, limit: int = 50) -> list[SearchHit]:
        """The best matches for every word of ``text`` (the last may be unfinished), best first.

        Any input is safe: words are searched as words, never read as query syntax.
        """
        query = match_expression(text)
        if query is None or limit < 1:
            return []
        limit = min(limit, MAX_LIMIT)
        params: dict[str, Any] = {"query": query, "profile_id": profile_id, "limit": limit}
        # (score, kind, title, text to show, project id, note id, item id); snippets are cut
        # only for the hits that make the list.
        found: list[tuple[float, HitKind, str, str, int | None, int | None, str]] = []
        records: list[SearchHit] = []
        with self._db.read_plain() as conn:  # SQL text with named parameters, on the driver
            records = _records(conn, params) + application_hits(conn, params)
            floor = _floor(conn, _PROJECTS_FLOOR, params)
            for pid, title, summary, score in conn.execute(_PROJECTS, {**params, "floor": floor}):
                found.append((score, HitKind.PROJECT, title, f"{title} — {summary}", pid, None, ""))
            floor = _floor(conn, _NOTES_FLOOR, params)
            for nid, pid, title, body, score in conn.execute(_NOTES, {**params, "floor": floor}):
                found.append((score, HitKind.NOTE, title, body, pid, nid, ""))
            for item_id, note, score in conn.execute(_ITEMS, params):
                item = self._roadmap.item(item_id)
                found.append((score, HitKind.ITEM, item.title if item else item_id, note, None, None, item_id))
            for item_id, title, description, score in conn.execute(_OWN_ITEMS, params):
                body = f"{title} — {description}" if description else title
                found.append((score, HitKind.ITEM, title, body, None, None, item_id))
            floor = _floor(conn, _SESSIONS_FLOOR, params)
            for sid, day, minutes, note, score in conn.execute(_SESSIONS, {**params, "floor": floor}):
                day = day if isinstance(day, date) else date.fromisoformat(str(day))
                title = f"Study, {day.isoformat()} ({minutes} min)"
                records.append(SearchHit(HitKind.SESSION, title, note, session_id=sid, day=day, score=score))
        hits = [
            SearchHit(kind, title, body, project_id=pid, note_id=nid, item_id=item_id, score=score)
            for score, kind, title, body, pid, nid, item_id in found
        ]
        hits = sorted([*hits, *records], key=lambda hit: hit.score)[:limit]
        # Snippets are cut only for the hits that make the list.
        return [replace(hit, snippet=make_snippet(hit.snippet, text)) for hit in hits]
