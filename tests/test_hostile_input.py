"""Hostile input: malformed, oversized and wrong-typed import documents each get a clear one-line
error and change nothing; text of any kind round-trips exactly.

Each fuzz test tries 200 documents in the normal run. The full setting, run before a release:

    ROADMAP_FUZZ_EXAMPLES=1000 python -m pytest tests/test_hostile_input.py
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services, UserError, export_format
from roadmap_app.services.transfer import MAX_IMPORT_BYTES, ImportFormatError, parse_document, validate_document

EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
TRIED: dict[str, int] = {}
COPIES = itertools.count(1)


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, dict[str, Any]]]:
    """One database with a real profile, and an export of it to mutate."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    _paths, services = open_services(data)
    ada = services.profiles.create("Ada")
    services.progress.set_state(ada.id, "skill.python", "done")
    services.progress.set_note(ada.id, "skill.sql", "joins & window functions")
    project = services.portfolio.add(ada.id, "Sentiment analysis", skill_ids=["skill.python"], repo_url="https://x.org")
    services.portfolio.add_note(ada.id, project.id, "# Week 1\nbaseline")
    services.credentials.add(ada.id, "BSc Maths", kind="degree", status="done", skill_ids=["skill.python"])
    job = services.experience.add(ada.id, "ML intern", kind="internship", url="https://x.org", skill_ids=["skill.sql"])
    services.experience.add_note(ada.id, job.id, "## Week 2\nfeatures")
    application = services.jobs.add(
        ada.id, "Acme", "ML engineer", stage="applied", on=date(2026, 1, 5), ad_text="Python, SQL and Docker"
    )
    services.jobs.set_stage(ada.id, application.id, "interview", on=date(2026, 1, 20), note="first round")
    services.jobs.add_interview(ada.id, application.id, date(2026, 1, 27), kind="technical", note="pandas")
    services.jobs.add_contact(ada.id, application.id, "Grace", role="recruiter", email="grace@example.org")
    services.jobs.add_note(ada.id, application.id, "ask about the team")
    services.task_links.link(ada.id, "task.experience.end-to-end", "experience", job.id)
    services.task_links.link(ada.id, "task.portfolio.sentiment", "project", project.id)
    services.use_profile(ada.id)
    own = services.own_items.add(ada.id, "skill", "Docker", new_category="MLOps", prerequisites=["skill.python"])
    services.own_items.add(ada.id, "task", "Ship it", step_id="step.portfolio", prerequisites=[own.id])
    services.progress.set_state(ada.id, own.id, "done")
    services.resources.add(ada.id, "skill.python", "Python docs", url="https://docs.python.org/3/", of=16, progress=3)
    export = services.transfer.export_profile(ada.id)
    export["feedback"] = [
        {
            "uuid": "6f1c3a2e-0d4b-4c55-9a7e-3b1f2d9c8e70",
            "key": "k1",
            "snoozed_until": "2026-02-01",
            "dismissed": "",
            "updated_at": "2026-01-01T10:00:00",
        }
    ]
    yield services, export
    services.close()
    print(f"\nfuzzed import documents: {TRIED} = {sum(TRIED.values())}")


_READERS: dict[Path, sqlite3.Connection] = {}


def dump(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the search index's too), in a stable order."""
    path = services.backups._db.path
    conn = _READERS.get(path)
    if conn is None:
        conn = _READERS[path] = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def refused_without_change(services: Services, attempt: Any) -> bool:
    """Run one import; True if it was refused (with one line, nothing changed), False if it was imported."""
    before = dump(services)
    backups_before = sorted(p.name for p in services.backups._dir.iterdir())
    try:
        attempt()
    except UserError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        assert len(message) < 600
        assert dump(services) == before
        assert sorted(p.name for p in services.backups._dir.iterdir()) == backups_before
        return True
    return False


json_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        ["", " ", "done", "2026-01-01", "2026-01-01T10:00:00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00"]
    )
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)
hostile_value: st.SearchStrategy[Any] = (
    json_value
    | st.text(min_size=201, max_size=400)
    | st.just("x" * (export_format.MAX_TEXT + 1))
    | st.just("\ud800 lone surrogate")
    | st.just([[[[[[[[]]]]]]]])
    | st.integers(min_value=2**63, max_value=2**80)
)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths_of(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths_of(inner, (*prefix, index))


def mutate(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(list(paths_of(doc))))
        if not path:
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        how = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if how == "delete":
            del parent[path[-1]]
        elif how == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = copy.deepcopy(data.draw(hostile_value))
    return doc


@FUZZ
@given(raw=st.binary(max_size=3000) | st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_are_refused_with_one_line(shared_data: tuple[Services, dict[str, Any]], raw: bytes) -> None:
    services, _export = shared_data
    TRIED["bytes"] = TRIED.get("bytes", 0) + 1
    assert refused_without_change(services, lambda: services.transfer.import_profile(parse_document(raw)))


@FUZZ
@given(document=json_value)
def test_random_json_is_refused_with_one_line(shared_data: tuple[Services, dict[str, Any]], document: Any) -> None:
    services, _export = shared_data
    TRIED["json"] = TRIED.get("json", 0) + 1
    text = json.dumps(document).encode()
    assert refused_without_change(services, lambda: services.transfer.import_profile(parse_document(text)))
    assert refused_without_change(services, lambda: services.transfer.import_profile(document))


@FUZZ
@given(data=st.data())
def test_damaged_exports_are_refused_with_one_line_or_imported_whole(
    shared_data: tuple[Services, dict[str, Any]], data: st.DataObject
) -> None:
    services, export = shared_data
    TRIED["mutated"] = TRIED.get("mutated", 0) + 1
    document = mutate(export, data)
    name = f"Copy {TRIED['mutated']}"
    if refused_without_change(services, lambda: services.transfer.import_profile(document, name)):
        return
    # Some changes leave a valid document: then the profile is there, whole.
    imported = services.profiles.find(name)
    again = services.transfer.export_profile(imported.id)
    assert len(again["projects"]) == len(document["projects"])
    assert len(again["applications"]) == len(document.get("applications", []))
    sent = document.get("applications", [])  # a document without the list imports none
    assert [len(a["stages"]) for a in again["applications"]] == [len(a["stages"]) for a in sent]


def test_too_large_files_are_refused_before_they_are_read(tmp_path: Path, services: Services) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as f:
        f.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(ImportFormatError, match="at most"):
        services.transfer.read_document(big)
    with pytest.raises(ImportFormatError, match="too large"):
        parse_document(b" " * (MAX_IMPORT_BYTES + 1))


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b"1" * 5000,
        b'{"format": NaN}',
        b"\xff\xfe\x00\x00",
        b"",
    ],
    ids=["deep-list", "deep-object", "huge-number", "nan", "not-utf8", "empty"],
)
def test_pathological_json_is_refused_with_one_line(shared_data: tuple[Services, dict[str, Any]], raw: bytes) -> None:
    services = shared_data[0]
    assert refused_without_change(services, lambda: services.transfer.import_profile(parse_document(raw)))


def test_a_name_clash_is_refused_before_any_backup(shared_data: tuple[Services, dict[str, Any]]) -> None:
    services, document = shared_data
    assert refused_without_change(services, lambda: services.transfer.import_profile(document))


TRICKY = [
    "Robert'); DROP TABLE projects;--",
    "' OR 1=1 --",
    '<script>alert("x")</script><b>bold</b> &amp; &lt;',
    "<!-- comment --> <img src=x onerror=alert(1)>",
    "Ünïcödé ✓ 😀 👩🏽‍💻 مرحبا שלום 中文 ｆｕｌｌ",
    "e\u0301 combining, \u200b zero width, \u202e right-to-left override",
    "tab\there, nul\x00inside, bell\x07",
    "%s %d {0} {name} $(rm -rf) `id` \\n \\x00",
]


def check_round_trip(services: Services, title: str, note: str, *, write_the_import: bool = True) -> None:
    ada = services.profiles.current()
    services.progress.set_note(ada.id, "skill.python", note)
    project = services.portfolio.add(ada.id, title, summary=note)
    services.portfolio.add_note(ada.id, project.id, note)
    assert services.progress.get(ada.id, "skill.python").note == note
    stored = services.portfolio.get(ada.id, project.id)
    assert (stored.title, stored.summary, stored.notes[-1].text) == (title, note, note)
    # Through an export file and back.
    exported = json.dumps(services.transfer.export_profile(ada.id), ensure_ascii=False).encode("utf-8")
    if not write_the_import:
        checked = validate_document(parse_document(exported))
        progress = next(p for p in checked.progress if p.item == "skill.python")
        last = next(p for p in reversed(checked.projects) if p.title == title)
        assert (progress.note, last.summary, last.notes[-1].text) == (note, note, note)
        return
    twin = services.transfer.import_profile(parse_document(exported), f"Round trip {next(COPIES)}")
    assert services.progress.get(twin.id, "skill.python").note == note
    twin_project = next(p for p in services.portfolio.projects(twin.id) if p.title == title)
    twin_stored = services.portfolio.get(twin.id, twin_project.id)
    assert (twin_stored.summary, twin_stored.notes[-1].text) == (note, note)


@pytest.mark.parametrize("text", TRICKY)
def test_text_that_looks_like_sql_or_html_round_trips_exactly(
    shared_data: tuple[Services, dict[str, Any]], text: str
) -> None:
    check_round_trip(shared_data[0], " ".join(text.split()), text)


def test_a_100_kb_note_round_trips_exactly(shared_data: tuple[Services, dict[str, Any]]) -> None:
    note = ("Line with ✓ and <b>tags</b>; SELECT * FROM x;\n" * 3000)[:100_000]
    assert len(note) == 100_000
    check_round_trip(shared_data[0], "Long notes", note)


@settings(
    max_examples=max(25, EXAMPLES // 8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(min_size=1, max_size=200), note=st.text(max_size=2000))
def test_any_unicode_title_and_note_round_trip_exactly(
    shared_data: tuple[Services, dict[str, Any]], title: str, note: str
) -> None:
    services, _export = shared_data
    title = " ".join(title.split())
    if not title:
        title = "untitled"
    check_round_trip(services, title, note, write_the_import=False)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_in_credentials_and_experience_round_trips_exactly(
    shared_data: tuple[Services, dict[str, Any]], text: str
) -> None:
    services, _export = shared_data
    ada = services.profiles.current()
    title = " ".join(text.split())
    services.credentials.add(ada.id, title, provider=title, note=text)
    job = services.experience.add(ada.id, title, organisation=title, summary=text)
    services.experience.add_note(ada.id, job.id, text)
    exported = json.dumps(services.transfer.export_profile(ada.id), ensure_ascii=False).encode("utf-8")
    twin = services.transfer.import_profile(parse_document(exported), f"Records {next(COPIES)}")
    credential = next(c for c in services.credentials.list(twin.id) if c.title == title)
    experience = next(e for e in services.experience.list(twin.id) if e.title == title)
    assert (credential.provider, credential.note) == (title, text)
    assert services.experience.get(twin.id, experience.id).notes[-1].text == text
    assert experience.summary == text


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_in_job_applications_round_trips_exactly(
    shared_data: tuple[Services, dict[str, Any]], text: str
) -> None:
    services, _export = shared_data
    ada = services.profiles.current()
    line = " ".join(text.split())
    app = services.jobs.add(ada.id, line, line, ad_text=text, location=line, salary=line, source=line)
    services.jobs.set_stage(ada.id, app.id, "applied", note=text)
    services.jobs.add_interview(ada.id, app.id, date(2026, 1, 27), note=text)
    services.jobs.add_contact(ada.id, app.id, line, role=line)
    services.jobs.add_note(ada.id, app.id, text)
    exported = json.dumps(services.transfer.export_profile(ada.id), ensure_ascii=False).encode("utf-8")
    twin = services.transfer.import_profile(parse_document(exported), f"Applications {next(COPIES)}")
    copy_ = next(a for a in services.jobs.list(twin.id) if a.company == line and a.ad_text == text)
    assert (copy_.role, copy_.location, copy_.salary, copy_.source) == (line, line, line, line)
    assert (copy_.stages[-1].note, copy_.interviews[-1].note, copy_.notes[-1].text) == (text.strip(),) * 3
    assert (copy_.contacts[-1].name, copy_.contacts[-1].role) == (line, line)
