"""The grading notebook in the browser: score two open answers with the widget, next, check the gradebook.

The instructor's zh_CN notebook (``instructor/zh_CN/grading_open_answers.ipynb``) next to a real
results folder of ``labkit grade`` with two students' short answers; in JupyterLab in Chromium
the instructor types a score and a comment, clicks *Save and next*, scores the second answer, and
the gradebook holds both as ``reviewed`` rows with those scores and comments.
"""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator

import nbformat
import pytest

from labkit.grading.grade import grade
from labkit.grading.release import default_masters
from tests.browser_lab import ROOT, Lab, lab_on, zh

pytestmark = pytest.mark.browser

LONG = {"2024011": "展前用邮件和电话沟通，展中安排专人接待重点客户，展后三天内回访并记录在客户数据库中。",
        "2024012": "建立客户档案，按价值分类，重点客户由销售经理一对一维护，普通客户定期发送展会信息。"}



@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    scratch = tmp_path_factory.mktemp("review")
    work = scratch / "work"
    for student, text in LONG.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"sa01_answer = {text!r}")]
        (scratch / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, scratch / "subs" / student / "quiz.ipynb")
    grade(scratch / "subs", work / "RESULTS", default_masters(), progress=False)
    shutil.copy(ROOT / "instructor" / "zh_CN" / "grading_open_answers.ipynb", work)
    with lab_on(work, scratch) as lab:
        yield lab


def test_score_two_open_answers_with_the_widget(lab: Lab) -> None:
    lab.open_and_run_all("grading_open_answers.ipynb")
    page = lab.page
    first = page.locator(".jp-OutputArea-output", has_text="2024011").first
    lab.step("see the first answer", lambda: first.get_by_text(LONG["2024011"][:12]).wait_for())
    for score, comment in ((3, "展前展中展后都有，具体"), (2.5, "缺少展后跟进")):
        lab.step("type the score", lambda s=score: page.locator(".labkit-review-score input").fill(str(s)))
        page.locator(".labkit-review-score input").press("Tab")
        lab.step("type the comment", lambda c=comment: page.locator(".labkit-review-comment textarea").fill(c))
        page.locator(".labkit-review-comment textarea").press("Tab")
        lab.step("save and go on", lambda: page.locator(".labkit-review-save").click())
        lab.step("see it saved", lambda s=score: page.locator(".labkit-review-message", has_text=f"{s:g} / ").wait_for())
        lab.shot(f"saved_{score:g}")
    db = sqlite3.connect(lab.work / "RESULTS" / "gradebook.sqlite")
    sa01 = {sid: rest for sid, *rest in db.execute(
        "SELECT student_id, score, status, message FROM grades WHERE question = 'sa01'")}
    db.close()
    assert sa01 == {"2024011": [3.0, "reviewed", "展前展中展后都有，具体"], "2024012": [2.5, "reviewed", "缺少展后跟进"]}
    feedback = (lab.work / "RESULTS" / "feedback" / "2024012.html").read_text(encoding="utf-8")
    assert "缺少展后跟进" in feedback and zh("scored by your instructor") in feedback
    assert zh("Save and next") in page.locator(".labkit-review-save").inner_text()
    assert lab.stray_output() == [] and lab.console_errors() == []
