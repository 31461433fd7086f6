"""Full-text search over the learner's projects, project notes and notes on tasks and skills."""

from __future__ import annotations

from sqlalchemy import text

from roadmap_app.domain.model import Roadmap
from roadmap_app.domain.search import MATCH_END, MATCH_START, HitKind, SearchHit, match_expression
from roadmap_app.storage.db import Database

MAX_LIMIT = 500
SNIPPET_WORDS = 12
_MARKS = f"'{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS}"

# Each query ranks inside the full-text index first and joins only the best rows, so a
# common word in thousands of notes costs one ordered index walk, not a snippet per note.
# A title match weighs more than a summary match.
_PROJECTS = text(
    f"""
    SELECT p.id, p.title, snippet(projects_fts, -1, {_MARKS}), bm25(projects_fts, 4.0, 1.0) AS score
    FROM projects_fts JOIN projects AS p ON p.id = projects_fts.rowid
    WHERE projects_fts MATCH :query AND p.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
)
_NOTES = text(
    f"""
    SELECT n.id, n.project_id, p.title, snippet(project_notes_fts, 0, {_MARKS}), bm25(project_notes_fts) AS score
    FROM project_notes_fts
    JOIN project_notes AS n ON n.id = project_notes_fts.rowid
    JOIN projects AS p ON p.id = n.project_id
    WHERE project_notes_fts MATCH :query AND p.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
)
_ITEMS = text(
    f"""
    SELECT item_id, snippet(item_notes_fts, 0, {_MARKS}), bm25(item_notes_fts) AS score
    FROM item_notes_fts
    WHERE item_notes_fts MATCH :query AND profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
)


class SearchService:
    def __init__(self, db: Database, roadmap: Roadmap) -> None:
        self._db = db
        self._roadmap = roadmap

    def search(self, profile_id: int, text: str, limit: int = 50) -> list[SearchHit]:
        """The best matches for every word of ``text`` (the last may be unfinished), best first.

        Any input is safe: words are searched as words, never read as query syntax.
        """
        query = match_expression(text)
        if query is None or limit < 1:
            return []
        limit = min(limit, MAX_LIMIT)
        params = {"query": query, "profile_id": profile_id, "limit": limit}
        hits: list[SearchHit] = []
        with self._db.read() as session:
            for pid, title, snippet, score in session.execute(_PROJECTS, params):
                hits.append(SearchHit(HitKind.PROJECT, title, snippet, project_id=pid, score=score))
            for nid, pid, title, snippet, score in session.execute(_NOTES, params):
                hits.append(SearchHit(HitKind.NOTE, title, snippet, project_id=pid, note_id=nid, score=score))
            for item_id, snippet, score in session.execute(_ITEMS, params):
                item = self._roadmap.item(item_id)
                hits.append(
                    SearchHit(HitKind.ITEM, item.title if item else item_id, snippet, item_id=item_id, score=score)
                )
        hits.sort(key=lambda h: h.score)
        return hits[:limit]
