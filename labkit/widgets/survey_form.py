"""A survey form a student can fill in inside the notebook (问卷填写表单).

The form renders :func:`labkit.surveys.load_questionnaire` with one dropdown per question.
On "Submit" the answers are validated (whole numbers on each scale, codes from the answer
lists, required questions answered) and, if valid, **appended as one new row to the form's
``responses`` DataFrame** (a copy of the world's ``survey_responses``; the world itself is
not changed). ``save_csv(path)`` writes that whole table to a CSV file. The validation and
the appending are plain functions (:func:`answer_problems`, :func:`append_response`) so they
can be tested and reused without a browser.

After a stored submission the form is cleared, so pressing Submit twice never stores the
same answers twice: the second press is told the response was already saved. Submissions
are taken one at a time (a lock), whichever kernel thread runs the click. CSS classes:
``labkit-survey``, ``labkit-survey-<column>`` on each dropdown, ``labkit-survey-submit``,
``labkit-status``.
"""
from __future__ import annotations

import numbers
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.files import staged_file
from labkit.i18n import Label, _
from labkit.surveys.questionnaire import Question, Questionnaire
from labkit.values import is_blank
from labkit.widgets.messages import error_html, message_line, ok_html, reported_in
from labkit.world.container import conform
from labkit.world.schema import ENUMS, table

__all__ = ["RESPONSES", "SurveyForm", "answer_problems", "append_response", "save_csv"]

RESPONSES = table("survey_responses")


def _name(question: Question) -> str:
    """A question named briefly in a message: its column's label in the display language (推荐意愿(0-10))."""
    return RESPONSES.column(question.column).label


def _problem(question: Question, value: Any) -> str | None:
    if question.kind == "choice":
        codes = list(question.options)
        return None if value in codes else _("{question}: {value!r} is not one of {codes}").format(
            question=_name(question), value=value,
            codes=", ".join(f"{code} ({question.options.text(code)})" for code in codes))
    scale = question.scale
    assert scale is not None  # likert and rating questions always have one
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
        return _("{question}: {value!r} is not a whole number").format(question=_name(question), value=value)
    whole = int(float(value))
    if not scale.low <= whole <= scale.high:
        return _("{question}: {value} is outside {low}-{high}").format(
            question=_name(question), value=whole, low=scale.low, high=scale.high)
    return None


def answer_problems(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """Everything wrong with ``answers`` (question column -> answer), as sentences; empty if valid."""
    known = {q.column for q in questionnaire.questions}
    problems = [_("{column}: not a question of this questionnaire").format(column=col) for col in answers if col not in known]
    for q in questionnaire.questions:
        value = answers.get(q.column)
        if is_blank(value):
            if q.required:
                problems.append(_("{question}: this question must be answered").format(question=_name(q)))
            continue
        problem = _problem(q, value)
        if problem:
            problems.append(problem)
    return problems


def append_response(
    responses: pd.DataFrame,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    edition_id: int,
    org_id: int,
    role: str,
    submitted_at: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """A new DataFrame: ``responses`` plus one validated row (next response_id). Raises ValueError if invalid.

    Likert answers are stored on the world's 1-5 scale, so the questionnaire must use it.
    """
    if role not in ENUMS["role"].codes:
        raise UsageError(_("role must be one of {role_titles}, got {role!r}").format(role_titles=', '.join(ENUMS['role'].codes), role=role))
    if (questionnaire.likert.low, questionnaire.likert.high) != (1, 5):
        raise UsageError(_("the world's responses are on a 1-5 scale; load the questionnaire with likert_scale='likert5'"))
    problems = answer_problems(questionnaire, answers)
    if problems:
        raise DataError(_("the answers are not valid: {problems}").format(problems="; ".join(problems)))
    next_id = int(responses["response_id"].max()) + 1 if len(responses) else 1
    row: dict[str, Any] = dict.fromkeys(RESPONSES.column_names)
    row.update({k: (None if is_blank(v) else v) for k, v in answers.items()})
    row.update(response_id=next_id, edition_id=edition_id, org_id=org_id, role=role,
               submitted_at=(submitted_at or pd.Timestamp.today()).normalize())
    new = pd.DataFrame([row], columns=RESPONSES.column_names, dtype="object")
    return conform("survey_responses", pd.concat([responses[RESPONSES.column_names].astype("object"), new], ignore_index=True))


def save_csv(responses: pd.DataFrame, path: str | Path) -> Path:
    """Write the responses table to ``path`` as UTF-8 CSV, all or nothing (temporary file, then rename)."""
    target = Path(path)
    with staged_file(target) as temporary:
        responses.to_csv(temporary, index=False, encoding="utf-8")
    return target


def _options(question: Question) -> list[tuple[str, Any]]:
    blank = [("—", "")]  # not None: a Dropdown treats a None value as "nothing selected" and shows a blank
    if question.kind == "choice":
        return blank + [(label.text, code) for code, label in question.options.items()]
    assert question.scale is not None
    named = {p.value: p.text for p in question.scale.labels}
    return blank + [(f"{v} {named.get(v, '')}".strip(), v) for v in question.scale.values]


class SurveyForm:
    """The questionnaire as a form; valid submissions are appended to ``self.responses``.

    ``SurveyForm(questionnaire, world.survey_responses, edition_id=6, org_id=123, role="buyer")``
    as the last line of a cell shows it.
    """

    def __init__(self, questionnaire: Questionnaire, responses: pd.DataFrame, *, edition_id: int, org_id: int, role: str) -> None:
        self.questionnaire = questionnaire
        self.responses = responses.copy()
        self.identity: dict[str, Any] = {"edition_id": edition_id, "org_id": org_id, "role": role}
        self.inputs = {q.column: widgets.Dropdown(options=_options(q), value="", layout=widgets.Layout(width="320px"))
                       for q in questionnaire.questions}
        for column, box in self.inputs.items():
            box.add_class(f"labkit-survey-{column}")
        self.message = message_line("labkit-status")
        self.submit = widgets.Button(description=_("Submit"), button_style="primary")
        self.submit.add_class("labkit-survey-submit")
        self.submit.on_click(lambda _button: reported_in(self.message)(self.submit_answers)())
        self._lock = threading.Lock()
        self._last_stored: int | None = None
        rows = [widgets.HTML(f"<h3>{questionnaire.title}</h3><p>{questionnaire.intro}</p>")]
        for dimension in questionnaire.dimensions:
            rows.append(widgets.HTML(f"<b>{dimension.text}</b>"))
            rows += [self._row(q) for q in dimension.items]
        rows.append(widgets.HTML("<b>{}</b>".format(Label("About your visit", "关于您的参展/参观").text)))
        rows += [self._row(q) for q in questionnaire.others]
        self.widget = widgets.VBox([*rows, self.submit, self.message])
        self.widget.add_class("labkit-survey")

    def _row(self, question: Question) -> widgets.HBox:
        star = " *" if question.required else ""
        label = widgets.HTML(f"{question.text}{star}", layout=widgets.Layout(width="420px"))
        return widgets.HBox([label, self.inputs[question.column]])

    def answers(self) -> dict[str, Any]:
        """The answers currently chosen (None where left blank)."""
        return {col: None if is_blank(box.value) else box.value for col, box in self.inputs.items()}

    def submit_answers(self) -> bool:
        """Validate and append the current answers, then clear the form; else say what is wrong. True if stored."""
        with self._lock:
            answers = self.answers()
            if self._last_stored is not None and all(is_blank(v) for v in answers.values()):
                self.message.value = ok_html(_("Your answers were already saved as response {id}. Fill in the "
                                               "form again to add another response.").format(id=self._last_stored))
                return False
            problems = answer_problems(self.questionnaire, answers)
            if problems:
                self.message.value = error_html(_("Not saved: {n} problem(s), see the red messages above.").format(n=len(problems))) + "<br>" + "<br>".join(
                    error_html(problem) for problem in problems)
                return False
            self.responses = append_response(self.responses, self.questionnaire, answers, **self.identity)
            self._last_stored = int(self.responses["response_id"].iloc[-1])
            for box in self.inputs.values():
                box.value = ""  # "—", no answer
            self.message.value = ok_html(_("Saved as response {id} (responses now: {n}). The form is cleared "
                                           "for the next one.").format(id=self._last_stored, n=len(self.responses)))
            return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
