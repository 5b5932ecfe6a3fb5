"""``labkit roster check``: read a roster and show which submission folder is whose (花名册核对)."""
from __future__ import annotations

import argparse

from labkit.i18n import N_, _

__all__ = ["add_commands"]

ID_PATTERN_HELP = N_("regular expression locating the 学号 in a folder name: its group 'id' (or first group) is the id, "
                   r"e.g. '_(\d+)_assignsubmission' (default: any roster id appearing as a whole token)")


def _check(args: argparse.Namespace) -> int:
    from labkit.roster import match_folders, read_roster

    roster = read_roster(args.roster)
    matching = match_folders(args.submissions, roster, args.id_pattern)
    for student in roster.students:
        folder = matching.folders.get(student.student_id)
        if folder is not None:
            status = folder
        elif student.student_id in matching.conflicts:
            status = _("conflict: {folders}").format(folders=", ".join(matching.conflicts[student.student_id]))
        else:
            status = _("missing")
        print(f"{student.student_id}\t{student.name}\t{status}")
    for problem in matching.problems(roster):
        print(_("WARNING: {problem}").format(problem=problem))
    return 1 if matching.conflicts or matching.unmatched or matching.ambiguous else 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("roster", help=_("the class roster (花名册): check which submission folder is whose"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    c = actions.add_parser("check", help=_("match SUBMISSIONS/<folder>/ to the roster by 学号; report conflicts by name"))
    c.add_argument("roster", help=_("roster file (.xlsx or .csv) with 学号 and 姓名 columns, 班级 and 小组 optional"))
    c.add_argument("submissions", help=_("folder with one sub-folder per student"))
    c.add_argument("--id-pattern", help=_(ID_PATTERN_HELP))
    c.set_defaults(func=_check)
