"""Open answers (主观题): one sheet per question with its rubric, scored by the instructor, merged back."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from labkit.errors import LabkitError
from labkit.files import staged_file, text_only
from labkit.grading.exercise import _meta, find_masters
from labkit.grading.gradebook import connect, export
from labkit.i18n import Label, _

HEADER = ["student_id", "answer", "score", "comment"]
FIRST_ROW = 6  # rows 1-4: question, points, rubric; row 5: the header


def open_questions(masters: Path) -> dict[tuple[str, str], dict]:
    """(exercise, question) -> the cell metadata (points, rubric) of every open question of the masters."""
    found = {}
    for ex in find_masters(masters):
        for cell in ex.notebook.cells:
            meta = _meta(cell)
            if meta.get("kind") == "open":
                found[(ex.name, meta["question"])] = meta
    return found


def _sheet_name(exercise: str, question: str) -> str:
    return f"{exercise[:24]}.{question}"[:31]


def export_open(results: Path, out: Path, masters: Path) -> Path:
    """Write the workbook: per open question, the rubric on top and one row per student answer."""
    db = connect(results)
    wb = Workbook()
    wb.remove(wb.active)
    for (exercise, question), meta in sorted(open_questions(masters).items()):
        ws = wb.create_sheet(_sheet_name(exercise, question))
        ws["A1"], ws["B1"] = Label("Question", "题目").text, f"{exercise} {question}"
        ws["A2"], ws["B2"] = Label("Max score", "满分").text, float(meta["points"])
        ws["A3"], ws["B3"] = Label("Rubric", "评分细则").text, "\n".join(_(point) for point in meta.get("rubric", []))
        ws["A4"] = _("Score each answer in column C (0 to max score); column D is an optional comment for the student.")
        ws.append([])
        for col, name in enumerate(HEADER, start=1):
            ws.cell(row=FIRST_ROW - 1, column=col, value=name).font = Font(bold=True)
        rows = db.execute(
            "SELECT o.student_id, o.answer, g.status, g.score, g.message FROM open_answers o JOIN grades g "
            "USING (student_id, exercise, question) WHERE exercise = ? AND question = ? ORDER BY o.student_id",
            (exercise, question)).fetchall()
        for r, (student, answer, status, score, message) in enumerate(rows, start=FIRST_ROW):
            ws.cell(row=r, column=1, value=student)
            ws.cell(row=r, column=2, value=answer).alignment = Alignment(wrap_text=True, vertical="top")
            if status == "reviewed":
                ws.cell(row=r, column=3, value=score)
                ws.cell(row=r, column=4, value=message)
        ws.column_dimensions["B"].width = 80
        ws.column_dimensions["D"].width = 40
    db.close()
    if not wb.sheetnames:
        raise LabkitError(_("the masters have no open questions to export"))
    with staged_file(out) as tmp:
        text_only(wb).save(tmp)  # a student's answer starting with "=" stays text
    return out


def merge_open(results: Path, workbook: Path, masters: Path) -> int:
    """Read the instructor's scores; all are checked before any is written. Returns how many were merged."""
    questions = {_sheet_name(e, q): (e, q, float(m["points"])) for (e, q), m in open_questions(masters).items()}
    try:
        wb = load_workbook(workbook, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a broken file is one clear line for the instructor
        raise LabkitError(_("cannot read {workbook} as an xlsx workbook ({error})").format(workbook=workbook, error=type(exc).__name__)) from None
    updates = []
    for ws in wb.worksheets:
        if ws.title not in questions:
            raise LabkitError(_("sheet {title!r} is not an open question of these masters").format(title=ws.title))
        exercise, question, points = questions[ws.title]
        for r, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, values_only=True), start=FIRST_ROW):
            student, _answer, score, comment = (list(row) + [None] * 4)[:4]
            if student is None or score is None or score == "":
                continue
            try:
                value = float(score)
            except (TypeError, ValueError):
                raise LabkitError(_("sheet {title!r} row {r}: score {score!r} is not a number").format(title=ws.title, r=r, score=score)) from None
            if not 0 <= value <= points:
                raise LabkitError(_("sheet {title!r} row {r}: score {value:g} is outside 0..{points:g}").format(title=ws.title, r=r, value=value, points=points))
            updates.append((value, comment or "scored with the rubric", str(student), exercise, question))
    record_scores(results, updates)
    return len(updates)


def record_scores(results: Path, updates: list[tuple[float, str, str, str, str]]) -> None:
    """Store the instructor's scores (score, comment, student, exercise, question) of open answers,
    all or none, and rewrite the gradebook files (the Excel round-trip and the review widget)."""
    db = connect(results)
    try:
        with db:
            for value, comment, student, exercise, question in updates:
                hit = db.execute("UPDATE grades SET score = ?, status = 'reviewed', message = ?, "
                                 "graded_at = CURRENT_TIMESTAMP WHERE student_id = ? AND exercise = ? AND question = ?",
                                 (value, str(comment), student, exercise, question)).rowcount
                if hit != 1:
                    raise LabkitError(_("{student} has no graded submission for {exercise} {question}").format(student=student, exercise=exercise, question=question))
        export(db, results)
    finally:
        db.close()
