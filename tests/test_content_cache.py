"""The cache of validated roadmaps: used for the same content and code only, ignored when
damaged, from another version or for another file, and never written for a bad file."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from roadmap_app.content import ContentError, default_roadmap_path, load_roadmap, loader
from roadmap_app.content import cache as validated


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: nothing read yet but what the cache folder holds."""
    monkeypatch.setattr(loader, "_loaded", {})


@pytest.fixture
def own_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_bytes(default_roadmap_path().read_bytes())
    return path


def entries() -> list[Path]:
    return sorted((validated.cache_dir() / "roadmaps").glob("*.pickle"))


def restart() -> None:
    loader._loaded.clear()


def test_the_cache_lives_in_the_user_cache_folder_readable_by_the_owner_only(own_file: Path) -> None:
    load_roadmap(own_file)
    assert validated.cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "roadmap-app"
    [entry] = entries()
    assert entry.stat().st_mode & 0o777 == 0o600
    assert entry.parent.stat().st_mode & 0o777 == 0o700


def test_a_cached_roadmap_equals_the_one_read_from_the_file(own_file: Path) -> None:
    first = load_roadmap(own_file)
    restart()
    assert validated.load(own_file.read_bytes()) == first
    assert load_roadmap(own_file) == first


def test_the_entry_is_used_on_the_next_start(own_file: Path) -> None:
    # An entry stored for this content is what the next start gets: shown by a marked one.
    content = own_file.read_bytes()
    real = load_roadmap(own_file)
    marked = dataclasses.replace(real, title="Served from the cache")
    validated.store(content, marked)
    restart()
    assert load_roadmap(own_file).title == "Served from the cache"


def test_changed_content_is_read_anew_even_with_the_same_size_and_mtime(own_file: Path) -> None:
    before = load_roadmap(own_file)
    info = own_file.stat()
    text = own_file.read_text(encoding="utf-8")
    changed = text.replace(f'title = "{before.title}"', f'title = "{before.title[:-1]}X"', 1)
    assert changed != text and len(changed) == len(text)
    own_file.write_text(changed, encoding="utf-8")
    os.utime(own_file, ns=(info.st_atime_ns, info.st_mtime_ns))

    after = load_roadmap(own_file)  # in the same process, and in a new one
    assert after.title == before.title[:-1] + "X"
    restart()
    assert load_roadmap(own_file).title == before.title[:-1] + "X"
    assert len(entries()) == 2


def test_an_entry_from_another_version_is_never_used(own_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = own_file.read_bytes()
    real = load_roadmap(own_file)
    monkeypatch.setattr(validated, "__version__", "0.0.1")
    validated.store(content, dataclasses.replace(real, title="Made by an older version"))
    assert validated.load(content).title == "Made by an older version"  # type: ignore[union-attr]

    monkeypatch.undo()
    restart()
    assert load_roadmap(own_file).title == real.title


def test_an_entry_is_never_used_for_another_file(own_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(own_file.read_text(encoding="utf-8").replace("[roadmap]", "[roadmap]\n# mine", 1))
    mine = load_roadmap(own_file)
    validated.store(own_file.read_bytes(), dataclasses.replace(mine, title="Only for mine.toml"))
    restart()
    assert load_roadmap(other).title == mine.title
    assert validated.entry_key(other.read_bytes()) != validated.entry_key(own_file.read_bytes())


def flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = {
    "flipped-byte": flip_last_byte,
    "cut-short": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "garbage": lambda p: p.write_bytes(os.urandom(p.stat().st_size)),
    "header-only": lambda p: p.write_bytes(p.read_bytes()[: len(validated.MAGIC) + 130]),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_entry_is_ignored_and_rebuilt(kind: str, own_file: Path) -> None:
    real = load_roadmap(own_file)
    [entry] = entries()
    DAMAGE[kind](entry)
    assert validated.load(own_file.read_bytes()) is None
    restart()
    assert load_roadmap(own_file) == real
    assert validated.load(own_file.read_bytes()) == real, "the entry was written anew"


def test_an_entry_whose_checksum_matches_but_holds_no_roadmap_is_ignored(own_file: Path) -> None:
    real = load_roadmap(own_file)
    validated.store(own_file.read_bytes(), "not a roadmap")  # type: ignore[arg-type]
    restart()
    assert validated.load(own_file.read_bytes()) is None
    assert load_roadmap(own_file) == real


def test_a_file_with_a_problem_is_reported_every_time_and_never_cached(own_file: Path) -> None:
    own_file.write_text(own_file.read_text(encoding="utf-8").replace("\nversion = 1\n", "\nversion = 0\n", 1))
    for _ in range(2):
        with pytest.raises(ContentError, match=r"roadmap\.version: must be a whole number"):
            load_roadmap(own_file)
    assert entries() == []


def test_a_cache_folder_that_cannot_be_written_only_costs_the_check(own_file: Path) -> None:
    blocker = validated.cache_dir()
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder would be")
    real = load_roadmap(own_file)
    restart()
    assert load_roadmap(own_file) == real


def test_old_entries_are_pruned(own_file: Path) -> None:
    text = own_file.read_text(encoding="utf-8")
    for n in range(validated.MAX_ENTRIES + 3):
        own_file.write_text(f"# edit {n}\n{text}", encoding="utf-8")
        load_roadmap(own_file)
    assert len(entries()) == validated.MAX_ENTRIES
