"""``labkit gradebook export``: from the gradebook, the 6+6 assessment and the roster to the file the school imports (成绩导出)."""
from __future__ import annotations

from pathlib import Path

from labkit.assessment import assessed_scores
from labkit.errors import LabkitError
from labkit.grading.gradebook import DB_NAME, all_rows, connect, handin_times
from labkit.grading.policy import load_policy
from labkit.grading.school_export import fill_template, parse_mapping, write_marks
from labkit.grading.timestamps import collected_times
from labkit.grading.totals import course_marks, mark_items, unknown_students
from labkit.i18n import _
from labkit.roster import match_folders, read_roster

__all__ = ["export_marks"]


def export_marks(results: Path, roster_path: Path, out: Path, kind: str = "xlsx", policy: Path | None = None,
                 submissions: Path | None = None, id_pattern: str | None = None, template: Path | None = None,
                 columns: list[str] | None = None) -> tuple[Path, list[str]]:
    """Compute every roster student's course mark and write it; returns the file and the warnings."""
    if not (results / DB_NAME).is_file():
        raise LabkitError(_("{results} has no {db}; run labkit grade first.").format(results=results, db=DB_NAME))
    roster = read_roster(roster_path)
    rules = load_policy(policy)
    if columns and template is None or template is not None and not columns:
        raise LabkitError(_("--template and --column go together: say which template column gets which field."))
    db = connect(results)
    try:
        rows, times = all_rows(db), handin_times(db)
    finally:
        db.close()
    warnings = [_("The gradebook has results for {id}, who is not on the roster.").format(id=sid)
                for sid in unknown_students(rows, roster)]
    conflicts: dict[str, list[str]] = {}
    if submissions is not None:
        if not submissions.is_dir():
            raise LabkitError(_("{path} is not a folder of submissions.").format(path=submissions))
        matching = match_folders(submissions, roster, id_pattern)
        times = {**collected_times(submissions, matching.folders), **times}  # the times recorded at grading first
        conflicts = matching.conflicts
        warnings += matching.problems(roster)
    if any(key not in times and rules.deadline(*key) for key in {(r.student_id, r.exercise) for r in rows}):
        raise LabkitError(_("The policy sets deadlines; give --submissions so the hand-in times can be read."))
    assessed = assessed_scores(results)
    marks = course_marks(rows, roster, rules, times, assessed, conflicts)
    if template is not None:
        mapping = parse_mapping(columns or [], [str(c) for c in marks.columns])
        warnings += fill_template(marks, template, out, mapping)
        return out, warnings
    return write_marks(marks, out, kind, rules.weights_for(mark_items(rows, assessed))), warnings
