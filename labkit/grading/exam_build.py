"""Writing an exam (组卷): the graded notebook, the printable paper, its answer key, per-student versions.

``build_exam(out, seed=..., language=..., students=[...])`` writes::

    out/masters/exam.ipynb          the master (canonical order, solutions, hidden tests): labkit grade --masters out/masters
    out/exam.ipynb                  the notebook students get (canonical order)
    out/paper/exam.docx, .html      the printable paper (HTML prints to PDF from any browser)
    out/keys/exam_key.docx, .html   its answer key, kept apart from the papers
    out/students/<id>/exam.ipynb    each student's own version: items and options in its own order
    out/students/<id>/exam.docx, .html
    out/keys/<id>_exam_key.docx, .html

Every notebook and document is made in memory first; nothing is written when a student id or
the bank is wrong.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

from labkit.checks import is_student_id
from labkit.errors import LabkitError
from labkit.files import staged_file
from labkit.grading.exam import (
    ExamPlan,
    Part,
    Version,
    displayed_answer,
    item_text,
    plan_exam,
    version,
)
from labkit.grading.exercise import (
    BEGIN_HIDDEN,
    END_HIDDEN,
    KERNELSPEC,
    master_from_notebook,
    notebook_text,
    student_version,
)
from labkit.grading.quizbuild import item_cells
from labkit.i18n import LANGUAGES, N_, _, ngettext, using_language
from labkit.teaching.documents import Document
from labkit.teaching.writing import write_document

__all__ = ["EXERCISE", "answer_key", "build_exam", "exam_notebook", "exam_paper"]

EXERCISE = "exam"
NUMERALS = "一二三四五六七八九十"
HOW_TO_ANSWER = {
    "single": N_('one letter, e.g. "B"'),
    "multiple": N_('all the right letters, e.g. "ACD"'),
    "true_false": N_("True or False"),
}
OPEN_ANSWER = N_("a text in a triple-quoted string, scored by your instructor with a rubric")


def _part_heading(index: int, part: Part, count: int) -> str:
    return _("Part {number}: {name} ({count} items, {points} points)").format(
        numeral=NUMERALS[index], number=index + 1, name=_(part.name), count=count, points=part.points)


def _points(points: float) -> str:
    return ngettext("({points:g} point)", "({points:g} points)", int(points)).format(points=points)


def _exam_meta(plan: ExamPlan, language: str, student: str | None, shuffled: bool) -> dict[str, Any]:
    """``shuffled``: every student has its own version, so the grader maps each one's letters back."""
    return {"language": language, "exam": {"seed": plan.seed, "items": [i["id"] for i in plan.items],
                                           "shuffled": shuffled, "version": student}}


def exam_notebook(plan: ExamPlan, language: str, student: str | None = None, shuffled: bool | None = None) -> Any:
    """The exam master notebook: canonical (``student`` None, with hidden tests) or one student's version.

    ``shuffled`` (default: whether ``student`` is given) tells the grader that students have their own versions.
    """
    shuffled = student is not None if shuffled is None else shuffled
    shown = version(plan, student)
    with using_language(language):
        nb = nbformat.v4.new_notebook()
        nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"},
                       "labkit": _exam_meta(plan, language, student, shuffled)}
        intro = _("# Exhibition CRM exam (会展客户关系管理 考试)\n\n"
                  "100 points. Write each answer into its `..._answer` variable and run the check cell below it: "
                  "it tells you whether the *form* of your answer is right, never whether it is correct. "
                  "Then hand in the notebook.")
        if student is not None:
            intro += "\n\n" + _("This paper is the version of student {student}: hand in this one.").format(
                student=student)
        cells = [nbformat.v4.new_markdown_cell(intro)]
        cells[0].id = "exam-intro"
        language_cell = nbformat.v4.new_code_cell(f'from labkit.i18n import set_language\n\nset_language("{language}")')
        language_cell.id, language_cell.metadata["labkit"] = "language", {"kind": "language"}
        setup = nbformat.v4.new_code_cell(f'from labkit.checks import for_exercise\n\ncheck = for_exercise("{EXERCISE}")'
                                          + (f"\n{BEGIN_HIDDEN}\nfrom labkit.grading.reference import verify\n{END_HIDDEN}"
                                             if student is None else ""))
        setup.id, setup.metadata["labkit"] = "exam-setup", {"kind": "setup"}
        cells += [language_cell, setup]
        for index, (part, ids) in enumerate(shown.order):
            how = _(HOW_TO_ANSWER.get(part.kind, OPEN_ANSWER))
            heading = nbformat.v4.new_markdown_cell(f"## {_part_heading(index, part, len(ids))}\n\n{how}")
            heading.id = f"part-{part.kind}"
            cells.append(heading)
            for number, qid in enumerate(ids, start=1):
                item = plan.item(qid)
                stem, options = item_text(item, language, shown.options.get(qid))
                text = f"**{number}.** {_points(item['points'])} {stem}"
                if options:
                    text += "\n\n" + "\n".join(f"- {letter}. {option}" for letter, option in options)
                answer = None
                if "options" in item:
                    answer = displayed_answer(item["answer"], shown.options[qid])
                cells += item_cells(item, EXERCISE, text=text, answer=answer, hidden=student is None)
        nb.cells = cells
    nb.nbformat_minor = 5
    return nb


def _answer_text(item: dict[str, Any], shown: Version) -> str:
    if item["type"] == "true_false":
        return _("True") if item["answer"] else _("False")
    return displayed_answer(item["answer"], shown.options[item["id"]])


def exam_paper(plan: ExamPlan, language: str, student: str | None = None) -> Document:
    """The printable paper (试卷), in the canonical order or as ``student``'s version."""
    shown = version(plan, student)
    with using_language(language):
        doc = Document(_("Exhibition and convention CRM: exam paper"), language)
        doc.paragraph(_("Class ________  Name ________  Student number ________"))
        if student is not None:
            doc.paragraph(_("Paper version: {student}").format(student=student))
        doc.table([[_("Part"), _("Points"), _("Score")]]
                  + [[_(part.name), str(part.points), ""] for part, _ids in shown.order]
                  + [[_("Total"), str(int(plan.points)), ""]], widths=(3, 1, 1))
        for index, (part, ids) in enumerate(shown.order):
            doc.heading(_part_heading(index, part, len(ids)))
            for number, qid in enumerate(ids, start=1):
                item = plan.item(qid)
                stem, options = item_text(item, language, shown.options.get(qid))
                doc.paragraph(f"{number}. {_points(item['points'])} {stem}")
                for letter, option in options:
                    doc.paragraph(f"    {letter}. {option}")
                if item["type"] == "true_false":
                    doc.paragraph(_("Answer (√ or ×): ______"))
                elif "options" in item:
                    doc.paragraph(_("Answer: ______"))
                else:
                    doc.paragraph(_("Answer:"))
                    for _line in range(max(4, int(item["points"]))):
                        doc.paragraph("")
    return doc


def answer_key(plan: ExamPlan, language: str, student: str | None = None) -> Document:
    """The answer key (参考答案及评分标准) of the paper, in the same order as that paper."""
    shown = version(plan, student)
    with using_language(language):
        title = _("Answer key") if student is None else _("Answer key, paper version {student}").format(
            student=student)
        doc = Document(title, language)
        for index, (part, ids) in enumerate(shown.order):
            doc.heading(_part_heading(index, part, len(ids)))
            items = [plan.item(qid) for qid in ids]
            if "answer" in items[0]:
                doc.table([[_("Number"), _("Bank item"), _("Answer")]]
                          + [[str(n), item["id"], _answer_text(item, shown)] for n, item in enumerate(items, start=1)],
                          widths=(1, 1, 2))
                continue
            suffix = {"en_US": "_en", "ko_KR": "_ko"}.get(language, "")
            for number, item in enumerate(items, start=1):
                doc.paragraph(f"{number}. ({item['id']}) {_points(item['points'])}")
                doc.bullets(list(item.get(f"rubric{suffix}") or item["rubric"]))
    return doc


def _write_notebook(nb: Any, path: Path) -> Path:
    with staged_file(path) as tmp:
        tmp.write_text(notebook_text(nb), encoding="utf-8")
    return path


def build_exam(out: str | Path, seed: int = 0, language: str = "zh_CN", students: Sequence[str] = (),
               formats: Sequence[str] = ("docx", "html")) -> list[Path]:
    """Write the exam of ``seed`` into ``out`` (see the module's docstring); the paths written."""
    if language not in LANGUAGES:
        raise LabkitError(_("The exam is written in one of {languages}, not {language}.").format(
            languages=", ".join(LANGUAGES), language=language))
    bad = [s for s in students if not is_student_id(s)]
    if bad:
        raise LabkitError(_("{value!r} is not a student id: use letters, digits, '-' or '_' only (at most 40).")
                          .format(value=bad[0]))
    if len(set(students)) != len(students):
        raise LabkitError(_("A student id is given twice; give each student once."))
    out = Path(out)
    plan = plan_exam(seed)
    master = exam_notebook(plan, language, shuffled=bool(students))
    notebooks = {out / "masters" / f"{EXERCISE}.ipynb": master,
                 out / f"{EXERCISE}.ipynb": student_version(master_from_notebook(master, Path(f"{EXERCISE}.ipynb")))}
    documents = {out / "paper" / EXERCISE: exam_paper(plan, language), out / "keys" / f"{EXERCISE}_key":
                 answer_key(plan, language)}
    for student in students:
        own = master_from_notebook(exam_notebook(plan, language, student), Path(f"{EXERCISE}.ipynb"))
        notebooks[out / "students" / student / f"{EXERCISE}.ipynb"] = student_version(own)
        documents[out / "students" / student / EXERCISE] = exam_paper(plan, language, student)
        documents[out / "keys" / f"{student}_{EXERCISE}_key"] = answer_key(plan, language, student)
    written = [_write_notebook(nb, path) for path, nb in notebooks.items()]
    for stem, doc in documents.items():
        written += [write_document(doc, stem.with_suffix(f".{kind}")) for kind in formats]
    return written

