"""The instructor's notebooks: answers to every lesson's evaluation questions and the grading form,
in three languages, never in the folder ``labkit lab`` gives a student."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from labkit.i18n import LANGUAGES
from labkit.lab.workspace import prepare_workspace
from labkit.resources import instructor_dir, lessons_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_has_its_evaluation_answers(language: str) -> None:
    nb = nbformat.read(instructor_dir(language) / "evaluation_answers.ipynb", as_version=4)
    sections = {c.id for c in nb.cells if c.cell_type == "markdown" and c.id.startswith("answers-")}
    lessons = {f"answers-{p.stem[:2]}" for p in lessons_dir(language).glob("*.ipynb")}
    assert lessons and lessons <= sections
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if language != "en_US":  # translated, not the English source shown through
        assert "Lesson 4" not in text and "margin multiple" not in text and "Lesson 8" not in text


def test_the_instructors_notebooks_stay_out_of_the_students_folder(tmp_path: Path) -> None:
    prepare_workspace(tmp_path / "labkit", "zh_CN")
    copied = {p.name for p in (tmp_path / "labkit").rglob("*.ipynb")}
    assert copied and not copied & {p.name for p in instructor_dir("zh_CN").glob("*.ipynb")}
    assert not any(re.search("answer key|参考答案", p.read_text(encoding="utf-8"))
                   for p in (tmp_path / "labkit").rglob("*.ipynb"))
