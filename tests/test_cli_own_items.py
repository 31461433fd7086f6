"""`roadmap-app item add|edit|remove` and `gap --add-unknown`: own items from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliResult, InProcessCli


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_error(result: CliResult, words: str) -> None:
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr


def test_add_prints_the_new_id_and_the_item_takes_a_state(run_cli: InProcessCli) -> None:
    assert ok(run_cli("item", "add", "skill", "Docker", "--new-category", "MLOps")).strip() == "own.skill.docker"
    task = ok(run_cli("item", "add", "task", "Containerise the API", "--step", "step.portfolio",
                      "--prerequisite", "own.skill.docker", "--description", "with a small image")).strip()  # fmt: skip
    assert task == "own.task.1"
    ok(run_cli("set", task, "done"))
    shown = json.loads(ok(run_cli("show", task, "--json")))
    assert (shown["title"], shown["state"]) == ("Containerise the API", "done")
    listed = json.loads(ok(run_cli("items", "--kind", "skill", "--json")))
    assert listed[-1]["id"] == "own.skill.docker"
    assert "MLOps" in ok(run_cli("show", "own.skill.docker"))


def test_edit_changes_the_title_and_description(run_cli: InProcessCli) -> None:
    ok(run_cli("item", "add", "task", "Draft", "--step", "step.skills"))
    assert ok(run_cli("item", "edit", "own.task.1", "--title", "Final")).strip() == "own.task.1: Final"
    assert "nothing to change" in ok(run_cli("item", "edit", "own.task.1", "--title", "Final"))
    assert json.loads(ok(run_cli("show", "own.task.1", "--json")))["title"] == "Final"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("item", "add", "task", "T", "--step", "step.nope"), "unknown step 'step.nope'"),
        (("item", "add", "skill", "T", "--category", "category.nope"), "unknown category 'category.nope'"),
        (("item", "add", "skill", "Python", "--category", "category.programming"), "is taken"),
        (("item", "add", "task", "T", "--category", "category.programming"), "a task goes on a step"),
        (("item", "add", "skill", "T", "--step", "step.skills"), "a skill goes in a category"),
        (("item", "add", "skill", "T", "--new-category", "X", "--prerequisite", "skill.nope"), "unknown prerequisite"),
        (("item", "edit", "skill.python", "--title", "Py"), "built-in item"),
        (("item", "edit", "own.skill.nope", "--title", "Py"), "no own item"),
        (("item", "remove", "skill.python"), "built-in item"),
    ],
)
def test_a_bad_item_is_refused_in_one_line(
    run_cli: InProcessCli, data_dir: Path, args: tuple[str, ...], words: str
) -> None:
    ok(run_cli("status"))
    one_line_error(run_cli(*args), words)
    assert json.loads(ok(run_cli("items", "--kind", "skill", "--json")))[-1]["id"].startswith("skill.")


def test_a_prerequisite_loop_is_refused(run_cli: InProcessCli) -> None:
    ok(run_cli("item", "add", "skill", "Docker", "--new-category", "MLOps"))
    ok(run_cli("item", "add", "skill", "Kubernetes", "--new-category", "MLOps", "--prerequisite", "own.skill.docker"))
    one_line_error(
        run_cli("item", "edit", "own.skill.docker", "--prerequisite", "own.skill.kubernetes"), "prerequisite loop"
    )


def test_usage_errors_exit_2(run_cli: InProcessCli) -> None:
    assert run_cli("item", "add", "thing", "T", "--step", "step.skills").returncode == 2
    assert run_cli("item", "add", "skill", "T").returncode == 2
    assert run_cli("item", "add", "skill", "T", "--category", "a", "--new-category", "b").returncode == 2


def test_removing_an_item_with_progress_needs_yes_and_keeps_it_archived(run_cli: InProcessCli) -> None:
    ok(run_cli("item", "add", "skill", "Docker", "--new-category", "MLOps"))
    ok(run_cli("set", "own.skill.docker", "in_progress"))
    ok(run_cli("note", "own.skill.docker", "compose"))
    one_line_error(run_cli("item", "remove", "own.skill.docker"), "--yes")
    assert json.loads(ok(run_cli("show", "own.skill.docker", "--json")))["state"] == "in_progress"
    assert "kept" in ok(run_cli("item", "remove", "own.skill.docker", "--yes"))
    (archived,) = json.loads(ok(run_cli("items", "--archived", "--json")))
    assert (archived["id"], archived["title"], archived["state"], archived["note"]) == (
        "own.skill.docker", "Docker", "in_progress", "compose",
    )  # fmt: skip
    assert "Docker" in ok(run_cli("items", "--archived"))


def test_an_item_without_progress_is_removed_at_once(run_cli: InProcessCli) -> None:
    ok(run_cli("item", "add", "task", "Maybe", "--step", "step.apply"))
    assert ok(run_cli("item", "remove", "own.task.1")).startswith("Removed own.task.1")
    assert json.loads(ok(run_cli("items", "--archived", "--json"))) == []


def test_own_items_are_per_profile(run_cli: InProcessCli) -> None:
    ok(run_cli("item", "add", "skill", "Docker", "--new-category", "MLOps"))
    ok(run_cli("profile", "create", "Sam"))
    one_line_error(run_cli("--profile", "Sam", "set", "own.skill.docker", "done"), "unknown item")
    ok(run_cli("--profile", "Sam", "item", "add", "skill", "Docker", "--new-category", "Ops"))


def test_gap_adds_an_unknown_skill_in_one_action(run_cli: InProcessCli, tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("You know Terraform and PyTorch.", encoding="utf-8")
    assert "Terraform" in json.loads(ok(run_cli("gap", str(ad), "--json")))["unknown"]
    out = ok(run_cli("gap", str(ad), "--add-unknown", "terraform"))
    assert "Added your own skill Terraform: own.skill.terraform" in out
    data = json.loads(ok(run_cli("gap", str(ad), "--json")))
    assert "Terraform" not in data["unknown"] and "own.skill.terraform" in [m["id"] for m in data["missing"]]
    one_line_error(run_cli("gap", str(ad), "--add-unknown", "Cobol"), "no unknown skill 'Cobol'")


def test_a_read_only_folder_shows_own_items_and_refuses_adding_one(run_cli: InProcessCli, small_disk: Path) -> None:
    import subprocess

    data = small_disk / "data"
    ok(run_cli("item", "add", "skill", "Docker", "--new-category", "MLOps", data=data))
    ok(run_cli("set", "own.skill.docker", "done", data=data))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        for args in (("items", "--kind", "skill"), ("show", "own.skill.docker"), ("export",), ("search", "Docker")):
            assert "Docker" in ok(run_cli(*args, data=data)), args
        refused = run_cli("item", "add", "skill", "K8s", "--new-category", "MLOps", data=data)
        assert refused.returncode == 1 and "read-only" in refused.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
