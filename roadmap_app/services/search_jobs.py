"""Full-text search in job applications: the company, role and ad, and the text of their
stage changes, interviews, contacts and notes. A hit names the application by its id."""

from __future__ import annotations

import sqlite3
from typing import Any

from roadmap_app.domain.search import HitKind, SearchHit

# The company and role count four times the ad: a learner looking for "Acme" means the
# application to Acme before the ad that names it.
_APPLICATIONS = """
    SELECT a.id, a.role, a.company, a.company || ' — ' || a.role || ' — ' || a.ad_text,
           bm25(applications_fts, 4.0, 4.0, 1.0) AS score
    FROM applications_fts JOIN applications AS a ON a.id = applications_fts.rowid
    WHERE applications_fts MATCH :query AND a.profile_id = :profile_id
    ORDER BY score LIMIT :limit
    """
# (search table, child table, the text shown): a learner has tens of applications, so no window.
_CHILDREN = (
    ("application_stages_fts", "application_stages", "c.note"),
    ("application_interviews_fts", "application_interviews", "c.note"),
    ("application_contacts_fts", "application_contacts", "c.name || ' — ' || c.role || ' — ' || c.email"),
    ("application_notes_fts", "application_notes", "c.text"),
)
_CHILD_QUERIES = [
    (
        f"""
        SELECT a.id, a.role, a.company, {shown}, bm25({fts}) AS score
        FROM {fts} JOIN {table} AS c ON c.id = {fts}.rowid JOIN applications AS a ON a.id = c.application_id
        WHERE {fts} MATCH :query AND a.profile_id = :profile_id
        ORDER BY score LIMIT :limit
        """
    )
    for fts, table, shown in _CHILDREN
]


def application_hits(conn: sqlite3.Connection, params: dict[str, Any]) -> list[SearchHit]:
    """Unsnipped hits in the profile's applications, titled 'ROLE at COMPANY'."""
    found = []
    for query in (_APPLICATIONS, *_CHILD_QUERIES):
        for aid, role, company, body, score in conn.execute(query, params):
            found.append(SearchHit(HitKind.APPLICATION, f"{role} at {company}", body, record_id=aid, score=score))
    return found
