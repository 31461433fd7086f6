"""The portfolio a hiring manager reads: who, for which role, credentials, experience,
projects and the proven skills with where each was used, as Markdown or as self-contained
HTML (no scripts, no remote resources). Standard library only.

Summaries are the learner's Markdown: in the HTML (and so the PDF) they are rendered by
``markdown_html``, which escapes everything typed. In both, a summary's highest heading
becomes a level under the record's own title (``###``), the others following it."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from roadmap_app.domain.evidence import ProofKind, SkillEvidence
from roadmap_app.domain.markdown_html import demote_headings, markdown_to_html
from roadmap_app.domain.model import Project
from roadmap_app.domain.records import Credential, CredentialStatus, Experience


@dataclass(frozen=True)
class PortfolioContent:
    name: str
    target_role: str
    credentials: tuple[Credential, ...]
    experience: tuple[Experience, ...]
    projects: tuple[Project, ...]
    skills: tuple[SkillEvidence, ...]  # proven ones only
    skill_titles: dict[str, str]


def _month(day: date | None) -> str:
    return day.strftime("%b %Y") if day else ""


def _span(start: date | None, end: date | None, open_end: str) -> str:
    if start is None and end is None:
        return ""
    return f"{_month(start) or '?'} – {_month(end) or open_end}"


def _credential_line(c: Credential) -> tuple[str, str]:
    status = "" if c.status is CredentialStatus.DONE else f" ({c.status.label.lower()})"
    open_end = "present" if c.status is CredentialStatus.IN_PROGRESS else ""
    where = " · ".join(p for p in (c.kind.label, c.provider, _span(c.started_on, c.finished_on, open_end)) if p)
    return f"{c.title}{status}", where


def _experience_line(e: Experience) -> tuple[str, str]:
    where = " · ".join(p for p in (e.kind.label, e.organisation, _span(e.started_on, e.finished_on, "present")) if p)
    return e.title, where


def _used_in(found: SkillEvidence) -> str:
    words = {ProofKind.PROJECT: "project", ProofKind.EXPERIENCE: "experience", ProofKind.CREDENTIAL: "credential"}
    return "; ".join(f"{p.title} ({words[p.kind]})" for p in found.proof)


def _names(content: PortfolioContent, skill_ids: tuple[str, ...]) -> str:
    return ", ".join(content.skill_titles.get(s, s) for s in skill_ids)


#: A summary's highest heading is a level under the record's title (``###``).
SUMMARY_HEADING = 4


def to_markdown(content: PortfolioContent) -> str:
    out = [f"# {content.name}", ""]
    if content.target_role:
        out += [f"**{content.target_role}**", ""]
    if content.skills:
        out += ["## Skills", ""]
        out += [f"- **{s.title}**: {_used_in(s)}" for s in content.skills]
        out.append("")
    if content.experience:
        out += ["## Experience", ""]
        for e in content.experience:
            title, where = _experience_line(e)
            out += [f"### {title}", "", f"*{where}*", ""]
            if e.summary:
                out += [demote_headings(e.summary.strip(), SUMMARY_HEADING), ""]
            if e.skill_ids:
                out += [f"Skills: {_names(content, e.skill_ids)}", ""]
            if e.url:
                out += [f"<{e.url}>", ""]
    if content.projects:
        out += ["## Projects", ""]
        for p in content.projects:
            out += [f"### {p.title}", ""]
            if p.summary:
                out += [demote_headings(p.summary.strip(), SUMMARY_HEADING), ""]
            links = [f"[{label}]({url})" for label, url in (("Code", p.repo_url), ("Demo", p.demo_url)) if url]
            if links:
                out += [" · ".join(links), ""]
            if p.skill_ids:
                out += [f"Skills: {_names(content, p.skill_ids)}", ""]
    if content.credentials:
        out += ["## Education and credentials", ""]
        for c in content.credentials:
            title, where = _credential_line(c)
            out.append(f"- **{title}**" + (f" — {where}" if where else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #1f2328; max-width: 46em; margin: 2em auto;
       line-height: 1.45; font-size: 10.5pt; }
h1 { font-size: 22pt; margin-bottom: 0; }
.role { font-size: 13pt; color: #0b5cad; margin-top: 2pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #c9d1d9; padding-bottom: 2pt; margin-top: 16pt; color: #0b5cad; }
h3 { font-size: 11pt; margin: 10pt 0 0 0; }
.where { color: #57606a; margin: 0; }
.skills { color: #57606a; }
p { margin: 3pt 0; }
h4 { font-size: 10.5pt; font-weight: bold; margin: 8pt 0 2pt 0; color: #3d444d; }
h5, h6 { font-size: 10pt; margin: 6pt 0 2pt 0; color: #3d444d; font-style: italic; }
ul, ol { margin: 3pt 0 3pt 0; }
li { margin: 1pt 0; }
code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 9pt; background-color: #eff2f5; }
pre { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 9pt; background-color: #f3f5f7;
      padding: 6pt; margin: 4pt 0; white-space: pre-wrap; }
pre code { background-color: transparent; }
blockquote { color: #57606a; font-style: italic; }
table { border-collapse: collapse; margin: 4pt 0; }
th, td { border: 1px solid #c9d1d9; }
th { background-color: #f3f5f7; text-align: left; }
hr { border: none; border-top: 1px solid #c9d1d9; }
a { color: #0b5cad; }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _summary(text: str) -> str:
    return f'<div class="summary">{markdown_to_html(text, top_heading=SUMMARY_HEADING)}</div>' if text.strip() else ""


def _link(url: str, label: str) -> str:
    # Only http(s) links are stored (see services.project_values.clean_link).
    return f'<a href="{_esc(url)}">{_esc(label)}</a>'


def to_html(content: PortfolioContent) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_esc(content.name)} — portfolio</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_esc(content.name)}</h1>",
    ]
    if content.target_role:
        parts.append(f'<p class="role">{_esc(content.target_role)}</p>')
    if content.skills:
        parts.append("<h2>Skills</h2><ul>")
        parts += [f"<li><b>{_esc(s.title)}</b>: {_esc(_used_in(s))}</li>" for s in content.skills]
        parts.append("</ul>")
    if content.experience:
        parts.append("<h2>Experience</h2>")
        for e in content.experience:
            title, where = _experience_line(e)
            parts.append(f'<h3>{_esc(title)}</h3><p class="where">{_esc(where)}</p>')
            parts.append(_summary(e.summary))
            if e.skill_ids:
                parts.append(f'<p class="skills">Skills: {_esc(_names(content, e.skill_ids))}</p>')
            if e.url:
                parts.append(f"<p>{_link(e.url, e.url)}</p>")
    if content.projects:
        parts.append("<h2>Projects</h2>")
        for p in content.projects:
            parts.append(f"<h3>{_esc(p.title)}</h3>")
            parts.append(_summary(p.summary))
            links = [_link(url, label) for label, url in (("Code", p.repo_url), ("Demo", p.demo_url)) if url]
            if links:
                parts.append(f"<p>{' · '.join(links)}</p>")
            if p.skill_ids:
                parts.append(f'<p class="skills">Skills: {_esc(_names(content, p.skill_ids))}</p>')
    if content.credentials:
        parts.append("<h2>Education and credentials</h2><ul>")
        for c in content.credentials:
            title, where = _credential_line(c)
            parts.append(f"<li><b>{_esc(title)}</b>" + (f" — {_esc(where)}" if where else "") + "</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
