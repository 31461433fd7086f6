"""The built-in roadmap file: its content, and how the loader reports a broken file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmap_app.content import ContentError, default_roadmap_path, load_roadmap
from roadmap_app.domain.model import Roadmap, SkillGroup

STEP_IDS = [
    "step.credential",
    "step.skills",
    "step.portfolio",
    "step.experience",
    "step.apply",
]

SKILL_IDS = [
    # programming
    "skill.python",
    "skill.r",
    "skill.java",
    "skill.cpp",
    "skill.sql",
    # maths and statistics
    "skill.linear-algebra",
    "skill.calculus",
    "skill.probability",
    "skill.bayesian-statistics",
    "skill.descriptive-statistics",
    "skill.linear-regression",
    # data
    "skill.data-preprocessing",
    "skill.data-modelling",
    "skill.data-exploration",
    # big data
    "skill.hadoop",
    "skill.spark",
    "skill.pig",
    "skill.hive",
    "skill.flume",
    # frameworks and libraries
    "skill.tensorflow",
    "skill.keras",
    "skill.pytorch",
    "skill.scikit-learn",
    "skill.theano",
    "skill.caffe",
    "skill.matplotlib",
    # methods
    "skill.deep-learning",
    "skill.nlp",
    "skill.computer-vision",
    "skill.reinforcement-learning",
    # model work
    "skill.model-evaluation",
    "skill.model-optimisation",
    "skill.deployment",
    "skill.data-privacy",
    # workplace
    "skill.communication",
    "skill.interpersonal",
    "skill.collaboration",
    "skill.business-alignment",
]

WORKPLACE_SKILLS = {
    "skill.communication",
    "skill.interpersonal",
    "skill.collaboration",
    "skill.business-alignment",
}

# The job the roadmap leads to comes first; its figures are the 2019 article's.
ML_ENGINEER = "career.ml-engineer"

# (career id, number that must appear in the salary text) for the 2025 article's steps
CAREERS = [
    ("career.data-scientist", "12"),
    ("career.ml-specialist", "19.7"),
    ("career.ml-architect", "29.4"),
    ("career.ml-manager", "32.5"),
    ("career.chief-data-scientist", "29"),
]

# figure id -> (texts the value must contain, text the source must contain, date)
FIGURES = {
    "figure.indeed-2019-top-job": (["1"], "Indeed", "2019"),
    "figure.indeed-2019-us-salary": (["146,085", "USD"], "Indeed", "2019"),
    "figure.indeed-2019-growth": (["344%"], "Indeed", "2019"),
    "figure.glassdoor-india-average": (["7,95,677", "INR"], "Glassdoor", "2019-12"),
    "figure.salary-microsoft": (["14.62", "22.44"], "upGrad", "2019-12"),
    "figure.salary-accenture": (["10.11", "15.28"], "upGrad", "2019-12"),
    "figure.salary-quantiphi": (["8.50"], "upGrad", "2019-12"),
    "figure.salary-tcs": (["4.13"], "upGrad", "2019-12"),
    "figure.salary-infosys": (["3.77", "6.69"], "upGrad", "2019-12"),
    "figure.linkedin-2017-growth": (["9.8", "2012", "2017"], "LinkedIn", "2017"),
    "figure.ml-market-2025": (["39,986.7", "2025", "49.7%"], "upGrad", "2019-12"),
}

ID_PATTERN = re.compile(r"^[a-z_]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap()


# --- the built-in content ---------------------------------------------------------------


def test_default_path_points_at_the_resources_file() -> None:
    path = default_roadmap_path()
    assert path.is_file()
    assert path.name == "ml-engineer.toml"


def test_head(roadmap: Roadmap) -> None:
    assert roadmap.id == "ml-engineer"
    assert roadmap.version == 1
    assert roadmap.title and roadmap.summary


def test_five_steps_in_order_with_three_to_six_tasks(roadmap: Roadmap) -> None:
    assert [s.id for s in roadmap.steps] == STEP_IDS
    assert [s.number for s in roadmap.steps] == [1, 2, 3, 4, 5]
    for step in roadmap.steps:
        assert step.description and step.example
        assert 3 <= len(step.tasks) <= 6, step.id
        short_name = step.id.removeprefix("step.")
        for task in step.tasks:
            assert task.id.startswith(f"task.{short_name}."), task.id
            assert task.step_id == step.id
            assert task.title and task.detail


def test_step_examples_carry_the_articles_examples(roadmap: Roadmap) -> None:
    examples = {s.id: s.example for s in roadmap.steps}
    assert "TensorFlow" in examples["step.skills"]
    assert "patient" in examples["step.portfolio"]
    assert "IBM" in examples["step.experience"] and "Google" in examples["step.experience"]
    assert "computer vision" in examples["step.apply"]
    assert "reinforcement learning" in examples["step.apply"]


def test_every_listed_skill_is_present_once(roadmap: Roadmap) -> None:
    ids = [s.id for s in roadmap.skills]
    assert len(ids) == len(set(ids))
    assert set(SKILL_IDS) <= set(ids)
    for skill in roadmap.skills:
        assert skill.title and skill.description, skill.id


def test_skill_groups(roadmap: Roadmap) -> None:
    groups = {c.group for c in roadmap.categories}
    assert groups == {SkillGroup.TECHNICAL, SkillGroup.WORKPLACE}
    for skill in roadmap.skills:
        assert skill.group in (SkillGroup.TECHNICAL, SkillGroup.WORKPLACE)
        assert skill.group == roadmap.category(skill.category_id).group
        expected = SkillGroup.WORKPLACE if skill.id in WORKPLACE_SKILLS else SkillGroup.TECHNICAL
        assert skill.group == expected, skill.id


@pytest.mark.parametrize(
    ("skill_id", "prerequisite"),
    [
        ("skill.pytorch", "skill.python"),
        ("skill.tensorflow", "skill.python"),
        ("skill.scikit-learn", "skill.python"),
        ("skill.keras", "skill.tensorflow"),
        ("skill.deep-learning", "skill.linear-algebra"),
        ("skill.deep-learning", "skill.calculus"),
        ("skill.bayesian-statistics", "skill.probability"),
        ("skill.linear-regression", "skill.descriptive-statistics"),
        ("skill.pig", "skill.hadoop"),
        ("skill.hive", "skill.hadoop"),
        ("skill.flume", "skill.hadoop"),
        ("skill.nlp", "skill.deep-learning"),
        ("skill.computer-vision", "skill.deep-learning"),
        ("skill.reinforcement-learning", "skill.deep-learning"),
        ("skill.model-optimisation", "skill.model-evaluation"),
    ],
)
def test_prerequisites(roadmap: Roadmap, skill_id: str, prerequisite: str) -> None:
    assert prerequisite in roadmap.skill(skill_id).requires


def test_beginner_skills_have_no_prerequisites(roadmap: Roadmap) -> None:
    for skill_id in (
        "skill.python",
        "skill.sql",
        "skill.linear-algebra",
        "skill.descriptive-statistics",
        "skill.communication",
    ):
        assert roadmap.skill(skill_id).requires == (), skill_id


def test_seven_duties_with_examples_and_skills(roadmap: Roadmap) -> None:
    assert [d.id for d in roadmap.duties] == [
        "duty.design-models",
        "duty.preprocessing",
        "duty.training-evaluation",
        "duty.optimisation",
        "duty.deployment-monitoring",
        "duty.collaboration",
        "duty.privacy-security",
    ]
    for duty in roadmap.duties:
        assert duty.description and duty.industry and duty.example and duty.skill_ids
    privacy = roadmap.duties[-1]
    assert "GDPR" in privacy.description and "HIPAA" in privacy.description


def test_levels_cover_every_duty(roadmap: Roadmap) -> None:
    assert [lv.id for lv in roadmap.levels] == ["level.entry", "level.mid", "level.senior"]
    entry = roadmap.levels[0]
    assert "duty.preprocessing" in entry.duty_ids
    led = {d for lv in roadmap.levels for d in lv.duty_ids}
    assert led == {d.id for d in roadmap.duties}
    for level in roadmap.levels:
        assert level.years and level.description


def test_the_later_career_steps_with_salary_source_and_date(roadmap: Roadmap) -> None:
    assert [c.id for c in roadmap.career_steps] == [ML_ENGINEER] + [cid for cid, _ in CAREERS]
    level_ids = {lv.id for lv in roadmap.levels}
    for career, (_, amount) in zip(roadmap.career_steps[1:], CAREERS, strict=True):
        salary = career.salary
        assert re.search(rf"(?<![\d.]){re.escape(amount)}(?![\d.])", salary.value), salary.value
        assert "INR" in salary.value
        assert salary.source == "Glassdoor and AmbitionBox"
        assert salary.date == "2025-02"
        assert career.level_id in level_ids


def test_the_machine_learning_engineer_job_is_the_first_career_step_with_both_2019_figures(
    roadmap: Roadmap,
) -> None:
    career = roadmap.career_step(ML_ENGINEER)
    assert career is not None
    assert (career.number, career.title, career.level_id) == (1, "Machine Learning Engineer", "level.entry")
    salary = career.salary
    # Glassdoor's India average and Indeed's US average, as the Dec 2019 article gives them.
    assert "INR 7,95,677" in salary.value and "India" in salary.value
    assert "USD 146,085" in salary.value and "US" in salary.value
    assert "Glassdoor" in salary.source and "Indeed" in salary.source
    assert salary.date == "2019"
    # The same two numbers stand among the other figures with their own sources.
    figures = {f.id: f for f in roadmap.figures}
    assert "7,95,677" in figures["figure.glassdoor-india-average"].value
    assert "146,085" in figures["figure.indeed-2019-us-salary"].value


def test_nine_project_ideas_each_train_skills(roadmap: Roadmap) -> None:
    assert len(roadmap.project_ideas) == 9
    for idea in roadmap.project_ideas:
        assert idea.skill_ids, idea.id
        assert 3 <= len(idea.skill_ids) <= 6, idea.id
        assert idea.summary and idea.industry
    trained = {s for idea in roadmap.project_ideas for s in idea.skill_ids}
    technical = {s.id for s in roadmap.skills if s.group is SkillGroup.TECHNICAL}
    assert len(trained & technical) > len(technical) / 2


def test_all_figures_present_with_source_and_date(roadmap: Roadmap) -> None:
    figures = {f.id: f for f in roadmap.figures}
    for figure_id, (parts, source, date) in FIGURES.items():
        figure = figures[figure_id]
        for part in parts:
            assert part in figure.value, (figure_id, part)
        assert source in figure.source, figure_id
        assert figure.date == date, figure_id
    for figure in roadmap.figures:
        assert figure.source and figure.date
        assert re.fullmatch(r"\d{4}(-\d{2})?", figure.date), figure.id


def test_self_checks_and_use_cases(roadmap: Roadmap) -> None:
    assert len(roadmap.self_checks) == 10
    assert all(c.skill_ids for c in roadmap.self_checks)
    assert len(roadmap.use_cases) == 8
    assert all(u.description for u in roadmap.use_cases)


def test_ids_are_lower_case_hyphenated_and_unique(roadmap: Roadmap) -> None:
    items = roadmap.items
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids))
    for item_id in ids:
        assert ID_PATTERN.match(item_id), item_id
    assert all(roadmap.item(i) is not None for i in ids)


# --- error reporting on broken files ----------------------------------------------------


def _builtin_text() -> str:
    return default_roadmap_path().read_text(encoding="utf-8")


def _load_error(tmp_path: Path, text: str, name: str = "broken.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_roadmap(path)
    message = str(info.value)
    assert message.startswith(f"{name}: "), message
    return message


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_duplicate_id(tmp_path: Path) -> None:
    text = _replace_once(_builtin_text(), 'id = "skill.r"\n', 'id = "skill.python"\n')
    message = _load_error(tmp_path, text)
    assert "skills[1].id" in message
    assert "skill.python" in message and "already used" in message


def test_unknown_skill_reference(tmp_path: Path) -> None:
    text = _replace_once(
        _builtin_text(),
        'skills = ["skill.sql"]\n',
        'skills = ["skill.cobol"]\n',
    )
    message = _load_error(tmp_path, text)
    assert "steps[1].tasks[2]" in message
    assert "unknown skill 'skill.cobol'" in message


def test_missing_title(tmp_path: Path) -> None:
    text = _replace_once(_builtin_text(), 'title = "Gain experience"\n', "")
    message = _load_error(tmp_path, text)
    assert "steps[3].title" in message
    assert "required" in message


def test_prerequisite_loop(tmp_path: Path) -> None:
    text = _replace_once(
        _builtin_text(),
        'id = "skill.python"\ntitle = "Python"\n',
        'id = "skill.python"\ntitle = "Python"\nrequires = ["skill.pytorch"]\n',
    )
    message = _load_error(tmp_path, text)
    assert "skills[0]" in message
    assert "loop" in message
    assert "skill.python -> skill.pytorch -> skill.python" in message


def _with_requires(text: str, skill_id: str, title: str, requires: list[str]) -> str:
    listed = ", ".join(f'"{r}"' for r in requires)
    head = f'id = "{skill_id}"\ntitle = "{title}"\n'
    return _replace_once(text, head, f"{head}requires = [{listed}]\n")


def test_a_longer_prerequisite_loop_is_reported_at_its_first_listed_skill(tmp_path: Path) -> None:
    text = _with_requires(_builtin_text(), "skill.java", "Java", ["skill.r"])
    text = _with_requires(text, "skill.r", "R", ["skill.python"])
    text = _with_requires(text, "skill.python", "Python", ["skill.java"])
    message = _load_error(tmp_path, text)
    assert message == (
        "broken.toml: skills[0]: prerequisites form a loop: skill.python -> skill.java -> skill.r -> skill.python"
    )


def test_a_skill_that_requires_itself_is_a_loop(tmp_path: Path) -> None:
    text = _with_requires(_builtin_text(), "skill.r", "R", ["skill.r"])
    message = _load_error(tmp_path, text)
    assert message == "broken.toml: skills[1]: prerequisites form a loop: skill.r -> skill.r"


def test_career_steps_are_numbered_in_file_order(roadmap: Roadmap) -> None:
    assert [c.number for c in roadmap.career_steps] == list(range(1, len(roadmap.career_steps) + 1))


def test_broken_toml(tmp_path: Path) -> None:
    text = _builtin_text() + '\n[[use_cases]]\nid = "use.unclosed\n'
    message = _load_error(tmp_path, text)
    assert "not valid TOML" in message
    assert "line" in message


def test_empty_task_list_names_the_step(tmp_path: Path) -> None:
    text = _builtin_text()
    start = text.index("[[steps.tasks]]")
    end = text.index("[[steps]]", start)
    message = _load_error(tmp_path, text[:start] + "tasks = []\n\n" + text[end:])
    assert "steps[0].tasks" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_roadmap(tmp_path / "absent.toml")
    assert "absent.toml" in str(info.value)
