"""Build ``exercises/quiz.ipynb`` (测验) from the exam bank: one answer and one check cell per item."""
from __future__ import annotations

from typing import Any

import nbformat

from labkit.checks import question_bank
from labkit.grading.exercise import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    KERNELSPEC,
)
from labkit.i18n import ngettext, using_language

__all__ = ["RUBRIC_KEYS", "SECTIONS", "build_quiz", "item_cells", "model_answer", "stem_text"]

SECTIONS = {
    "single": "Single choice (单项选择题): one letter, e.g. `\"B\"`",
    "multiple": "Multiple choice (多项选择题): all the right letters, e.g. `\"ACD\"`",
    "true_false": "True or false (判断题): `True` or `False`",
    "short_answer": "Short answer (简答题): a text in a triple-quoted string, scored by your instructor with a rubric",
    "essay": "Essay (论述题): a text in a triple-quoted string, scored by your instructor with a rubric",
    "case_analysis": "Case analysis (案例分析题): a text in a triple-quoted string, scored by your instructor with a rubric",
}


def _points(rubric: list[str]) -> list[str]:
    """A rubric's points without their marks ("… (2 分)" -> "…")."""
    return [point.split(" (")[0] for point in rubric]


#: the bank's rubric of each language (the Chinese one is the bank's own ``rubric``)
RUBRIC_KEYS = {"zh_CN": "rubric", "en_US": "rubric_en", "ko_KR": "rubric_ko"}


def model_answer(item: dict[str, Any], language: str) -> str | None:
    """An open bank item's model answer (参考答案) in ``language``: its rubric's points without their
    marks, as that language lists them ("a; b." / "甲;乙。"); None when the bank has no such rubric.
    The quiz's answer key shows the English in ``_()``; ``tools/i18n.py`` writes the other languages'
    into the catalogs from here, so the bank stays their one source."""
    rubric = item.get(RUBRIC_KEYS[language])
    if not rubric:
        return None
    return ";".join(_points(rubric)) + "。" if language == "zh_CN" else "; ".join(_points(rubric)) + "."


def _solution(item: dict[str, Any], variable: str, answer: Any, translated: bool) -> str:
    """The solution line: the key (or ``answer``), or the rubric's points as a model answer (参考答案).
    ``translated``: the English points in ``_()``, so the quiz's answer key shows them in its own
    language (the quiz catalogs hold the bank's Chinese and Korean); otherwise the bank's Chinese."""
    if answer is not None or "answer" in item:
        return f"{variable} = {item['answer'] if answer is None else answer!r}"
    english = model_answer(item, "en_US")
    if translated and english:
        return f'from labkit.i18n import _\n{variable} = _("""{english}""")'
    return f'{variable} = """{model_answer(item, "zh_CN")}"""'


def stem_text(item: dict[str, Any], language: str) -> str:
    """The quiz's stem cell of a bank item in ``language``: id, points, stem and options from the bank's
    data (stem_zh / stem_en / stem_ko). The source notebook holds the English; ``tools/i18n.py`` writes
    the Chinese and Korean of the same cell into the quiz catalogs, so the bank stays the one source."""
    from labkit.grading.exam import item_text

    stem, options = item_text(item, language)
    with using_language(language):
        points = ngettext("({points:g} point)", "({points:g} points)", int(item["points"])).format(points=item["points"])
    gap = "" if language == "zh_CN" else " "  # （1 分） carries its own full-width spacing
    text = f"**{item['id']}**{gap}{points}{gap}{stem}"
    if options:
        text += "\n\n" + "\n".join(f"- {letter}. {option}" for letter, option in options)
    return text


def item_cells(item: dict[str, Any], exercise: str = "quiz", text: str | None = None, answer: Any = None,
               hidden: bool = True) -> list[Any]:
    """Stem, answer and check cell of one bank item: the quiz's, or an exam's (its own ``text`` and ``answer``).

    ``answer`` replaces the bank's key in the solution (a shuffled paper's letters); ``hidden=False``
    leaves out the hidden test (it compares with the bank's key).
    """
    qid, variable = item["id"], f"{item['id']}_answer"
    kind = "answer" if "answer" in item else "open"
    if text is None:
        text = stem_text(item, "en_US")
    solution = _solution(item, variable, answer, translated=exercise == "quiz")
    answer_cell = nbformat.v4.new_code_cell(f"{BEGIN_SOLUTION}\n{solution}\n{END_SOLUTION}")
    answer_cell.metadata["labkit"] = {"question": qid, "points": item["points"], "kind": kind, "variable": variable}
    if "rubric" in item:  # English, translated into the instructor's language where it is shown
        answer_cell.metadata["labkit"]["rubric"] = item.get("rubric_en") or item["rubric"]
    source = f'check("{qid}")'  # check() looks up {variable} in the notebook
    if kind == "answer" and hidden:
        source += f'\n{BEGIN_HIDDEN}\nverify("{exercise}", "{qid}", {variable})\n{END_HIDDEN}'
    check = nbformat.v4.new_code_cell(source)
    check.metadata["labkit"] = {"question": qid, "kind": "check"}
    stem = nbformat.v4.new_markdown_cell(text)
    for cell, part in ((stem, "stem"), (answer_cell, "answer"), (check, "check")):
        cell.id = f"{qid}-{part}"
    return [stem, answer_cell, check]


def build_quiz() -> Any:
    """The quiz master notebook, built from the items the bank lists as ``quiz`` (in bank order)."""
    bank = question_bank()
    chosen = set(bank["quiz"])
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    intro = nbformat.v4.new_markdown_cell(
        "# Exhibition CRM quiz (会展客户关系管理 测验)\n\n"
        "Write each answer into its `..._answer` variable and run the check cell below it: it tells you at "
        "once whether the *form* of your answer is right. Then hand in the notebook. Hidden checks run at "
        "grading; open items are scored by your instructor with a rubric (评分细则).\n\n"
        f"The questions come from {bank['source']}."
    )
    intro.id = "quiz-intro"
    nb.cells.append(intro)
    setup = nbformat.v4.new_code_cell(
        "from labkit.checks import for_exercise\n\ncheck = for_exercise(\"quiz\")\n"
        f"{BEGIN_HIDDEN}\nfrom labkit.grading.reference import verify\n{END_HIDDEN}"
    )
    setup.metadata["labkit"] = {"kind": "setup"}
    setup.id = "quiz-setup"
    nb.cells.append(setup)
    section = None
    for item in (i for i in bank["items"] if i["id"] in chosen):
        if item["type"] != section:
            section = item["type"]
            heading = nbformat.v4.new_markdown_cell(f"## {SECTIONS[section]}")
            heading.id = f"section-{section}"
            nb.cells.append(heading)
        nb.cells += item_cells(item)
    nb.nbformat_minor = 5
    return nb
