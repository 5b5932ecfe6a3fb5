"""Teaching plans (教案) and the semester schedule (授课计划): data complete, DOCX and HTML written and readable."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as OpenDocx

from labkit.assessment import lab_projects
from labkit.errors import LabkitError
from labkit.i18n import LANGUAGES, set_language
from labkit.teaching import (
    lesson,
    lesson_plan,
    lessons,
    schedule,
    semester_schedule,
    write_document,
)
from labkit.teaching.html_out import render_html

ROOT = Path(__file__).resolve().parents[1]
STEPS = ["information", "decision", "plan", "implementation", "check", "evaluation"]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def _texts(obj: object) -> list[dict[str, str]]:
    if isinstance(obj, dict):
        if set(obj) >= {"zh_CN"}:
            return [obj]
        return [t for v in obj.values() for t in _texts(v)]
    if isinstance(obj, (list, tuple)):
        return [t for v in obj for t in _texts(v)]
    if hasattr(obj, "__dataclass_fields__"):
        return [t for name in obj.__dataclass_fields__ for t in _texts(getattr(obj, name))]
    return []


def test_every_lesson_is_planned_in_three_languages() -> None:
    notebooks = sorted(p.stem for p in (ROOT / "notebooks" / "source").glob("*.ipynb"))
    assert [item.id for item in lessons()] == notebooks
    for item in lessons():
        assert [p.step for p in item.parts] == STEPS, item.id
        assert sum(p.minutes for p in item.parts) == item.hours * 45, item.id  # one 学时 = 45 minutes
        assert set(item.objectives) == {"knowledge", "ability", "quality"}
        texts = _texts(item)
        assert texts and all(set(t) == set(LANGUAGES) and all(v.strip() for v in t.values()) for t in texts), item.id
        assert item.project is None or item.project in lab_projects()


@pytest.mark.parametrize("hours", [32, 48])
def test_schedule_adds_up_and_names_real_things(hours: int) -> None:
    rows = schedule(hours)
    assert sum(r.hours for r in rows) == hours
    masters = {p.stem for p in (ROOT / "exercises" / "source").glob("*.ipynb")}
    for row in rows:
        assert (row.topic is None) != (row.lesson is None) or row.topic is not None
        if row.lesson:
            lesson(row.lesson)
        assert row.assessment is None or row.assessment in masters | set(lab_projects())
    assert {r.lesson for r in rows if r.lesson} == {item.id for item in lessons()}


def test_unknown_lesson_and_schedule() -> None:
    assert lesson("3").id == "03_classification"
    with pytest.raises(LabkitError, match="There is no lesson '9'"):
        lesson("9")
    with pytest.raises(LabkitError, match="schedule for 32 or 48 class hours, not 40"):
        schedule(40)


def test_docx_plan_is_editable_word(tmp_path: Path) -> None:
    path = write_document(lesson_plan("02_data_entry", "zh_CN"), tmp_path / "plan.docx")
    doc = OpenDocx(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    for heading in ("《会展客户关系管理》教案", "教学目标", "教学重点", "教学难点", "教学过程", "6+6对应", "考核评价"):
        assert heading in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "会展客户资料录入与检索" in cells and "第四步:实施" in cells and "教师活动" in cells
    assert "【三维度6+6实训项目10】会展客户资料录入与分类实训" in cells
    assert "团队合作能力" in text  # the textbook's criteria of the social dimension
    rfonts = doc.styles["Normal"].element.rPr.rFonts
    assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_html_and_languages(tmp_path: Path) -> None:
    ko = render_html(lesson_plan("04_clv", "ko_KR"))
    assert '<html lang="ko">' in ko and "교육 목표" in ko and "4단계: 실행" in ko
    en = render_html(semester_schedule(48, "en_US"))
    assert "semester schedule (48 class hours)" in en and "weeks 15–16" in en
    assert "<th>No.</th>" in en and "&lt;" not in en
    with pytest.raises(LabkitError, match="as .docx or .html, not plan.pdf"):
        write_document(lesson_plan("01", "zh_CN"), tmp_path / "plan.pdf")
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_every_plan_and_the_schedule(tmp_path: Path) -> None:
    from labkit.cli import main

    assert main(["teaching", "plan", "--out", str(tmp_path), "--lang", "zh_CN"]) == 0
    assert len(list(tmp_path.glob("*_zh_CN.docx"))) == len(lessons())
    assert main(["teaching", "schedule", "--hours", "48", "--out", str(tmp_path), "--format", "docx"]) == 0
    assert (tmp_path / "schedule_48h_en_US.docx").is_file()


@pytest.mark.slow
def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed in CI")
        pytest.skip("LibreOffice or pdftotext is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
    path = write_document(semester_schedule(32, "zh_CN"), tmp_path / "schedule.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, str(tmp_path / "schedule.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    text = "".join(text.split())  # pdftotext puts spaces between Chinese and digits, and breaks lines
    assert "授课计划(32学时)" in text and "会展客户分类" in text and "合计" in text
