"""Scoring open answers in a notebook (主观题评分): answer, rubric, score, comment, next.

The alternative to the Excel round-trip (``labkit grade-open export/merge``): the instructor's
grading notebook (``instructor/<lang>/grading_open_answers.ipynb``) shows one open answer at a
time with its rubric (评分细则); *Save and next* stores the score and comment in the gradebook
exactly as the Excel merge does (:func:`labkit.grading.open_answers.record_scores`) and moves on.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labkit.errors import LabkitError
from labkit.grading.gradebook import DB_NAME, connect
from labkit.grading.open_answers import open_questions, record_scores
from labkit.grading.release import default_masters
from labkit.i18n import N_, _

__all__ = ["OpenAnswer", "ReviewForm", "open_answers_to_score", "review"]

DEFAULT_COMMENT = N_("scored with the rubric")


@dataclass
class OpenAnswer:
    """One student's answer to one open question, with what the instructor needs to score it."""

    student_id: str
    exercise: str
    question: str
    answer: str
    points: float
    rubric: list[str]
    score: float | None  # None while it waits for review
    comment: str


def open_answers_to_score(results: Path, masters: Path | None = None) -> list[OpenAnswer]:
    """Every open answer of the gradebook, those waiting for review first, then by question and student."""
    if not (results / DB_NAME).is_file():
        raise LabkitError(_("{results} has no {db}; run labkit grade first.").format(results=results, db=DB_NAME))
    questions = open_questions(masters or default_masters())
    db = connect(results)
    try:
        found = db.execute(
            "SELECT o.student_id, o.exercise, o.question, o.answer, g.status, g.score, g.message "
            "FROM open_answers o JOIN grades g USING (student_id, exercise, question)").fetchall()
    finally:
        db.close()
    items = []
    for student, exercise, question, answer, status, score, message in found:
        meta = questions.get((exercise, question), {})
        reviewed = status == "reviewed"
        items.append(OpenAnswer(student, exercise, question, answer, float(meta.get("points", 0) or 0),
                                list(meta.get("rubric", [])), float(score) if reviewed else None,
                                message if reviewed else ""))
    return sorted(items, key=lambda a: (a.score is not None, a.exercise, a.question, a.student_id))


class ReviewForm:
    """The widget: one answer at a time, its rubric, a score box, a comment, Previous / Save and next."""

    def __init__(self, results: Path, masters: Path | None = None) -> None:
        import ipywidgets as w

        self.results = Path(results)
        self.items = open_answers_to_score(self.results, masters)
        self.index = 0
        self.title = w.HTML()
        self.answer = w.HTML(layout=w.Layout(border="1px solid #ccc", padding="6px", width="100%"))
        self.rubric = w.HTML()
        self.score = w.BoundedFloatText(description=_("Score"), min=0.0, step=0.5)
        self.comment = w.Textarea(description=_("Comment"), placeholder=_(DEFAULT_COMMENT),
                                  layout=w.Layout(width="100%", height="5em"))
        self.save = w.Button(description=_("Save and next"), button_style="primary")
        self.back = w.Button(description=_("Previous"))
        self.skip = w.Button(description=_("Next"))
        self.message = w.HTML()
        for widget, name in ((self.score, "score"), (self.comment, "comment"), (self.save, "save"),
                             (self.back, "previous"), (self.skip, "next"), (self.message, "message")):
            widget.add_class(f"labkit-review-{name}")
        self.save.on_click(lambda _b: self._save())
        self.back.on_click(lambda _b: self._move(-1))
        self.skip.on_click(lambda _b: self._move(1))
        self.view = w.VBox([self.title, self.answer, self.rubric, self.score, self.comment,
                            w.HBox([self.back, self.save, self.skip]), self.message])
        self._show()

    def _show(self) -> None:
        if not self.items:
            self.title.value = "<b>{}</b>".format(html.escape(_("No open answers in this gradebook.")))
            for widget in (self.save, self.back, self.skip, self.score, self.comment):
                widget.disabled = True
            return
        item = self.items[self.index]
        waiting = sum(i.score is None for i in self.items)
        self.title.value = "<b>{}</b>".format(html.escape(_("{n} / {total} · {student} · {exercise} {question} · "
                                                            "{points:g} points · {waiting} waiting").format(
            n=self.index + 1, total=len(self.items), student=item.student_id, exercise=item.exercise,
            question=item.question, points=item.points, waiting=waiting)))
        self.answer.value = f"<div style=\"white-space: pre-wrap\">{html.escape(item.answer)}</div>"
        rubric = "".join(f"<li>{html.escape(line)}</li>" for line in item.rubric)
        self.rubric.value = "<b>{}</b><ul>{}</ul>".format(html.escape(_("Rubric (评分细则)")), rubric)
        self.score.max = item.points
        self.score.value = item.score if item.score is not None else 0.0
        self.comment.value = item.comment
        self.back.disabled = self.index == 0
        self.skip.disabled = self.index == len(self.items) - 1

    def _move(self, step: int) -> None:
        self.index = max(0, min(len(self.items) - 1, self.index + step))
        self.message.value = ""
        self._show()

    def _save(self) -> None:
        item = self.items[self.index]
        value = float(self.score.value)
        comment = self.comment.value.strip() or _(DEFAULT_COMMENT)
        try:
            record_scores(self.results, [(value, comment, item.student_id, item.exercise, item.question)])
        except LabkitError as exc:
            self.message.value = f"<span style=\"color:#b00\">{html.escape(str(exc))}</span>"
            return
        item.score, item.comment = value, comment
        saved = _("Saved: {student} {exercise} {question} {score:g} / {points:g}").format(
            student=item.student_id, exercise=item.exercise, question=item.question, score=value, points=item.points)
        if self.index < len(self.items) - 1:
            self.index += 1
        self._show()
        self.message.value = f"<span style=\"color:#060\">{html.escape(saved)}</span>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)


def review(results: str | Path, masters: str | Path | None = None) -> Any:
    """The review widget for a results folder (``RESULTS/gradebook.sqlite``), or one sentence why not."""
    try:
        return ReviewForm(Path(results), Path(masters) if masters else None)
    except LabkitError as exc:
        print(exc)
        return None
