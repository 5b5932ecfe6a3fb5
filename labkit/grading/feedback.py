"""Feedback for one student (评分反馈): Markdown and HTML, in the language of the notebook handed in.

Status and message per question, never hidden tests, expected values or another student's id
(a copy flag says "another student's world"; the names go to the instructor's warnings).
Everything that comes from a submission is escaped: in Markdown every mark-up character, in HTML
``html.escape``, so a message cannot forge a heading, a link, an image or a script.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from labkit.i18n import N_, _, using_language

Row = Any  # a labkit.grading.gradebook.Row (exercise, question, score, max_score, status, message)

__all__ = ["FLAG_NOTE", "STATUS_TEXT", "feedback_html", "feedback_text", "markdown_text", "status_text"]

FLAG_NOTE = N_("A \"flagged\" row is a hint for your instructor to look at, not proof and not a guarantee: "
               "the scan for forbidden calls reads the code as written and can miss code built at run time.")
STATUS_TEXT = {
    "correct": N_("correct"),
    "incorrect": N_("incorrect"),
    "not_answered": N_("not answered"),
    "pending_review": N_("waiting for your instructor"),
    "reviewed": N_("scored by your instructor"),
    "overridden": N_("changed by your instructor"),
    "flagged": N_("flagged for review"),
    "error": N_("could not be graded"),
    "warning": N_("notebook problem"),
}
STYLE = ("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
         "table{border-collapse:collapse;width:100%}"
         "td,th{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}</style>")
HTML_LANG = {"zh_CN": "zh-CN", "en_US": "en", "ko_KR": "ko"}


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]()#!|~<>{}"})


def markdown_text(text: object) -> str:
    """``text`` shown as it is in Markdown: one line, no heading, link, image, emphasis or HTML."""
    return " ".join(str(text).split()).translate(_MARKDOWN)


def status_text(status: str) -> str:
    """The status of a row in the reader's language."""
    return _(STATUS_TEXT[status]) if status in STATUS_TEXT else status


def _by_exercise(rows: Sequence[Row]) -> list[tuple[str, list[Row], float, float]]:
    out = []
    for exercise in sorted({r.exercise for r in rows}):
        mine = [r for r in rows if r.exercise == exercise]
        out.append((exercise, mine, sum(r.score for r in mine), sum(r.max_score for r in mine)))
    return out


def _score(r: Row) -> str:
    return f"{r.score:g}/{r.max_score:g}" if r.max_score else "-"


def feedback_text(student_id: str, rows: Sequence[Row], language: str | None = None) -> str:
    """A student's feedback as Markdown, in ``language`` (the notebook's; default: the current one)."""
    with using_language(language) if language else nullcontext():
        lines = ["# " + markdown_text(_("Feedback for {student}").format(student=student_id)), "", _(FLAG_NOTE), ""]
        for exercise, mine, got, total in _by_exercise(rows):
            lines += [f"## {markdown_text(exercise)}: {got:g} / {total:g}", ""]
            for r in mine:
                lines.append(f"- **{markdown_text(r.question)}** {_score(r)} · {markdown_text(status_text(r.status))}: "
                             f"{markdown_text(r.message)}")
            lines.append("")
    return "\n".join(lines)


def feedback_html(student_id: str, rows: Sequence[Row], language: str | None = None) -> str:
    """The same feedback as one HTML page (a table per exercise), every text escaped."""
    e = html.escape
    with using_language(language) if language else nullcontext():
        title = _("Feedback for {student}").format(student=student_id)
        head = [_("Question"), _("Score"), _("Status"), _("Message")]
        parts = [f"<!DOCTYPE html>\n<html lang=\"{HTML_LANG.get(language or '', 'zh-CN')}\">",
                 f"<head><meta charset=\"utf-8\"><title>{e(title)}</title>{STYLE}</head>",
                 f"<body><h1>{e(title)}</h1><p>{e(_(FLAG_NOTE))}</p>"]
        for exercise, mine, got, total in _by_exercise(rows):
            parts.append(f"<h2>{e(exercise)}: {got:g} / {total:g}</h2><table><tr>"
                         + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>")
            parts += [f"<tr><td>{e(r.question)}</td><td>{e(_score(r))}</td><td>{e(status_text(r.status))}</td>"
                      f"<td>{e(str(r.message))}</td></tr>" for r in mine]
            parts.append("</table>")
        parts.append("</body></html>\n")
    return "\n".join(parts)

