"""Task links in a profile export (format version 4): carried to the imported profile by the
records' UUIDs; an older export still imports; a bad link in a file is named in one line."""

from __future__ import annotations

import pytest

from roadmap_app.services import Services, UserError
from roadmap_app.services.export_format import FORMAT_VERSION


def linked_profile(services: Services) -> int:
    ada = services.profiles.create("Ada").id
    degree = services.credentials.add(ada, "BSc CS", kind="degree")
    project = services.portfolio.add(ada, "Tweet sentiment")
    job = services.experience.add(ada, "Data intern")
    gone = services.experience.add(ada, "Deleted job")
    services.task_links.link(ada, "task.credential.complete", "credential", degree.id)
    services.task_links.link(ada, "task.portfolio.sentiment", "project", project.id)
    services.task_links.link(ada, "task.experience.end-to-end", "experience", job.id)
    services.task_links.link(ada, "task.experience.apply", "experience", gone.id)
    services.experience.delete(ada, gone.id)
    return ada


def titles(services: Services, profile_id: int) -> dict[str, list[str]]:
    return {t: [f"{p.kind.value}:{p.title}" for p in ps] for t, ps in services.task_links.all(profile_id).items()}


def test_an_export_carries_the_links_of_the_records_it_holds(services: Services) -> None:
    ada = linked_profile(services)
    document = services.transfer.export_profile(ada)
    assert document["version"] == FORMAT_VERSION == 4
    assert [link["task"] for link in document["task_links"]] == [
        "task.credential.complete",
        "task.experience.end-to-end",
        "task.portfolio.sentiment",
    ]
    # Twice: the second copy's records get new UUIDs, and its links follow them.
    for name in ("Copy", "Second copy"):
        copy = services.transfer.import_profile(document, name)
        assert (
            titles(services, copy.id)
            == titles(services, ada)
            == {
                "task.credential.complete": ["credential:BSc CS"],
                "task.portfolio.sentiment": ["project:Tweet sentiment"],
                "task.experience.end-to-end": ["experience:Data intern"],
            }
        )
        assert services.progress.get(copy.id, "task.portfolio.sentiment").state.value == "done"


def test_a_version_3_export_without_links_still_imports(services: Services) -> None:
    ada = linked_profile(services)
    document = services.transfer.export_profile(ada)
    del document["task_links"]
    document["version"] = 3
    copy = services.transfer.import_profile(document, "From version 3")
    assert services.task_links.all(copy.id) == {}
    assert [c.title for c in services.credentials.list(copy.id)] == ["BSc CS"]


def test_a_link_to_a_record_not_in_the_file_or_given_twice_is_left_out(services: Services) -> None:
    ada = linked_profile(services)
    document = services.transfer.export_profile(ada)
    first = document["task_links"][0]
    stray = {**first, "record": "0b6e4bd4-3f1e-4c37-9d52-1b8f2f9b1c11"}
    document["task_links"] = [first, dict(first), stray, {**first, "task": "task.gone"}]
    copy = services.transfer.import_profile(document, "Copy")
    links = services.task_links.all(copy.id)
    assert [p.title for p in links["task.credential.complete"]] == ["BSc CS"]
    assert [p.title for p in links["task.gone"]] == ["BSc CS"]  # a task the roadmap dropped is kept


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"kind": "degree"}, "task_links[0].kind: must be one of"),
        ({"record": "not-a-uuid"}, "task_links[0].record: 'not-a-uuid' is not a UUID"),
        ({"task": ""}, "task_links[0].task: cannot be empty"),
        ({"linked_at": 3}, "task_links[0].linked_at: must be a date and time"),
    ],
)
def test_a_bad_link_in_a_file_is_named_in_one_line_and_nothing_is_imported(
    services: Services, change: dict[str, object], words: str
) -> None:
    ada = linked_profile(services)
    document = services.transfer.export_profile(ada)
    document["task_links"] = [{**document["task_links"][0], **change}]
    with pytest.raises(UserError) as caught:
        services.transfer.import_profile(document, "Copy")
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert [p.name for p in services.profiles.all()] == ["Ada"]
