"""Hostile ads for the gap check: huge, binary, badly encoded, every Unicode plane, empty,
missing, a folder. Each gets a clean result or one line `error: ...`, never a traceback,
and the data is left as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from roadmap_app.content import load_roadmap
from roadmap_app.services import Services, UserError
from roadmap_app.services.gap import MAX_AD_BYTES, MAX_AD_CHARS, decode_ad, reader_for
from tests.conftest import CliRunner, InProcessCli
from tests.test_hostile_input import dump

EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200"))
READER = reader_for(load_roadmap())
KNOWN = {s.id for s in load_roadmap().skills} | {o.name for o in load_roadmap().outside_skills}


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def every_plane() -> str:
    """A few characters from each of the 17 Unicode planes, with no surrogates."""
    chars = []
    for plane in range(17):
        for offset in (0x41, 0x3A9, 0x4E2D, 0xFFFD):
            point = plane * 0x10000 + offset
            if not 0xD800 <= point <= 0xDFFF:
                chars.append(chr(point))
    return "Python " + "".join(chars) + " R, \u200bDocker\u00a0Kubernetes \U0001f680 C++"


def test_one_megabyte_ad_gives_a_clean_result(run_cli: InProcessCli, tmp_path: Path) -> None:
    line = "We need Python, PyTorch and Docker for our R&D models; Series C funding. "
    ad = tmp_path / "big.txt"
    ad.write_text(line * (1_000_000 // len(line)), encoding="utf-8")
    assert ad.stat().st_size >= 990_000
    done = run_cli("gap", str(ad), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [m["id"] for m in result["missing"]] == ["skill.python", "skill.pytorch"]
    assert result["unknown"] == ["Docker"]


def test_every_unicode_plane(run_cli: InProcessCli, tmp_path: Path) -> None:
    ad = tmp_path / "planes.txt"
    ad.write_text(every_plane(), encoding="utf-8")
    done = run_cli("gap", str(ad), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [m["id"] for m in result["missing"]] == ["skill.python", "skill.r", "skill.cpp"]
    assert result["unknown"] == ["Docker", "Kubernetes"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary Python", "is not a text file (it holds binary data)"),
        (b"Python and caf\xe9 culture", "is not UTF-8 text (byte 0xe9 at offset 14)"),
        (b"\xff\xfeP\x00y\x00", "is UTF-16 text"),
        (b"\xfe\xff\x00P\x00y", "is UTF-16 text"),
        (b"Python \xed\xa0\x80 surrogate", "is not UTF-8 text"),
    ],
)
def test_binary_and_bad_encodings_are_refused(
    run_cli: InProcessCli, tmp_path: Path, content: bytes, expected: str
) -> None:
    ad = tmp_path / "ad.bin"
    ad.write_bytes(content)
    done = run_cli("gap", str(ad))
    assert done.returncode == 1 and done.stdout == ""
    line = one_error_line(done.stderr)
    assert expected in line and str(ad) in line and "save the ad as" in line


def test_an_empty_ad_and_a_bom(run_cli: InProcessCli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = run_cli("gap", str(empty), "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == {"have": [], "missing": [], "unknown": []}
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffPython".encode())
    assert json.loads(run_cli("gap", str(bom), "--json").stdout)["missing"][0]["id"] == "skill.python"


def test_missing_file_folder_and_too_large(run_cli: InProcessCli, tmp_path: Path) -> None:
    missing = run_cli("gap", str(tmp_path / "absent.txt"))
    assert missing.returncode == 1 and "does not exist; give the path of a text file" in one_error_line(missing.stderr)
    folder = run_cli("gap", str(tmp_path))
    assert folder.returncode == 1 and "is a folder" in one_error_line(folder.stderr)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(MAX_AD_BYTES + 10)  # sparse: no real disk used
    too_big = run_cli("gap", str(huge))
    assert too_big.returncode == 1 and "a job ad is a few pages of text" in one_error_line(too_big.stderr)


def test_unreadable_file(run_cli: InProcessCli, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    ad = tmp_path / "locked.txt"
    ad.write_text("Python", encoding="utf-8")
    ad.chmod(0)
    done = run_cli("gap", str(ad))
    assert done.returncode == 1 and "cannot read" in one_error_line(done.stderr)


def test_binary_on_standard_input(cli: CliRunner) -> None:
    done = cli("gap", "-", stdin="Python\x00\x01")
    assert done.returncode == 1 and "standard input is not a text file" in one_error_line(done.stderr)


def test_service_refuses_an_oversized_text_and_changes_nothing(services: Services) -> None:
    ada = services.profiles.create("Ada")
    services.progress.set_state(ada.id, "skill.python", "done")
    before = dump(services)
    with pytest.raises(UserError) as info:
        services.gap.check(ada.id, "x" * (MAX_AD_CHARS + 1))
    assert "\n" not in str(info.value) and "give the ad alone" in str(info.value)
    gap = services.gap.check(ada.id, "Python \ud800 lone surrogate, R\udfff and SQL")
    assert [h.id for h in gap.have] == ["skill.python"]
    assert dump(services) == before


def test_decode_refuses_too_many_bytes() -> None:
    with pytest.raises(UserError):
        decode_ad(b"a" * (MAX_AD_BYTES + 1), "ad.txt")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_any_text_gives_known_names_only(text: str) -> None:
    found = READER.read(text)
    assert set(found.skill_ids) | set(found.outside) <= KNOWN
    assert len(set(found.skill_ids)) == len(found.skill_ids)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60), st.text(max_size=60))
def test_a_name_between_spaces_is_found_whatever_surrounds_it(before: str, after: str) -> None:
    # Unless it sits inside what HTML reads as a tag: "<? PyTorch >" is a bogus comment,
    # "<a PyTorch>" a tag with an attribute; an ad's tags become spaces.
    assume(not ("<" in before.rsplit(">", 1)[-1] and ">" in after))
    found = READER.read(f"{before} \n PyTorch, \n {after}")
    assert "skill.pytorch" in found.skill_ids


def test_a_name_inside_a_tag_is_not_read_and_one_beside_it_is() -> None:
    assert "skill.pytorch" not in READER.read("<? \n PyTorch, \n > and SQL").skill_ids
    assert "skill.sql" in READER.read("<? \n PyTorch, \n > and SQL").skill_ids
    assert "skill.pytorch" in READER.read("<b>PyTorch</b>, 3 + 4 < 8 and > 2").skill_ids
