"""The 6+6 sheet of a lab project (实训单): project 9 is practised on a real platform, outside the kit."""
from __future__ import annotations

from pathlib import Path

from docx import Document as ReadDocx

from labkit.assessment import lab_project, localized
from labkit.assessment.scoring import DIMENSIONS
from labkit.cli import main
from labkit.teaching import project_sheet


def test_project9_sheet_has_six_elements_six_steps_and_the_criteria() -> None:
    project = lab_project("project9")
    doc = project_sheet("project9", "zh_CN")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [len(t.rows) for t in tables] == [len(project.elements), len(project.steps)] == [7, 6]
    text = "\n".join([b.text for b in doc.blocks] + [i for b in doc.blocks for i in b.items])
    assert "不在本套件中" in text  # practised on a real platform
    for d in DIMENSIONS:
        for criterion in project.criteria_of(d):
            assert localized(criterion.text, "zh_CN") in text
    assert "not in this kit" not in "\n".join(b.text for b in project_sheet("project10", "en_US").blocks)


def test_command_writes_docx_and_html(tmp_path: Path) -> None:
    assert main(["teaching", "sheet", "project9", "--lang", "ko_KR", "--out", str(tmp_path)]) == 0
    docx = ReadDocx(str(tmp_path / "project9_ko_KR.docx"))
    assert "이 키트에서 하지 않습니다" in "\n".join(p.text for p in docx.paragraphs)
    assert (tmp_path / "project9_ko_KR.html").read_text(encoding="utf-8").count("<table>") == 2
