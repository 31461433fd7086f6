"""Precision and recall of the job-ad gap check on the hand-labelled ads in tests/data/ads.

    .venv/bin/python benchmarks/gap_accuracy.py

Each ad's found names (roadmap skills and outside skills) are compared with its labels in
tests/data/ads/labels.toml; the figures count every (ad, name) pair.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_app.content import load_roadmap
from roadmap_app.services.gap import reader_for

ADS = Path(__file__).resolve().parent.parent / "tests" / "data" / "ads"


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    def add(self, ad: str, found: set[str], wanted: set[str]) -> None:
        self.true_pos += len(found & wanted)
        self.false_pos += len(found - wanted)
        self.false_neg += len(wanted - found)
        self.wrong += [f"{ad}: found but not asked: {n}" for n in sorted(found - wanted)]
        self.wrong += [f"{ad}: asked but not found: {n}" for n in sorted(wanted - found)]


def measure(ads: Path = ADS) -> dict[str, Score]:
    """Scores for roadmap skills, outside skills and both, over every labelled ad."""
    labels = tomllib.loads((ads / "labels.toml").read_text(encoding="utf-8"))
    reader = reader_for(load_roadmap())
    scores = {"skills": Score(), "outside": Score(), "all": Score()}
    for name, wanted in sorted(labels.items()):
        found = reader.read((ads / f"{name}.txt").read_text(encoding="utf-8"))
        skills, outside = set(found.skill_ids), set(found.outside)
        scores["skills"].add(name, skills, set(wanted["skills"]))
        scores["outside"].add(name, outside, set(wanted["outside"]))
        scores["all"].add(name, skills | outside, set(wanted["skills"]) | set(wanted["outside"]))
    return scores


def main() -> int:
    labels = tomllib.loads((ADS / "labels.toml").read_text(encoding="utf-8"))
    scores = measure()
    print(f"Gap check on {len(labels)} hand-labelled ads (tests/data/ads)")
    print("| names | found right | found wrongly | missed | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind, s in scores.items():
        print(f"| {kind} | {s.true_pos} | {s.false_pos} | {s.false_neg} | {s.precision:.3f} | {s.recall:.3f} |")
    print()
    for line in scores["all"].wrong:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
