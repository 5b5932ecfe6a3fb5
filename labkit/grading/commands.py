"""``labkit release``, ``labkit grade``, ``labkit grade-open`` and ``labkit gradebook``: the instructor's commands."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from labkit.errors import UsageError
from labkit.i18n import LANGUAGES, N_, _, get_language
from labkit.options import seed


def _masters(args: argparse.Namespace) -> Path:
    from labkit.grading.release import default_masters

    return Path(args.masters) if args.masters else default_masters()


def _release(args: argparse.Namespace) -> int:
    from labkit.grading.release import release
    from labkit.resources import masters_dir

    if args.masters and args.lang:
        raise UsageError(_("give either --masters or --lang, not both"))
    masters = Path(args.masters) if args.masters else masters_dir(args.lang or get_language())
    for path in release(masters, Path(args.out), solutions=args.solutions):
        print(path)
    return 0


OVERRIDE_USAGE = N_("labkit grade override STUDENT EXERCISE QUESTION SCORE --comment TEXT --out RESULTS")


OVERRIDE_COMMAND = "grade-override"


def _override(args: argparse.Namespace) -> int:
    from labkit.grading.overrides import override

    top = override(Path(args.out), args.student, args.exercise, args.question, args.score, args.comment, args.by)
    print(_("{student} {exercise} {question}: {score:g} / {max:g} (override recorded in {path})").format(
        student=args.student, exercise=args.exercise, question=args.question, score=args.score, max=top,
        path=Path(args.out) / "overrides.csv"))
    return 0


def _score(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("the score {score!r} is not a number").format(score=text)) from None


def _check() -> int:
    from labkit.grading.preflight import run_checks

    checks = run_checks()
    for check in checks:
        print(check.line())
    broken = [c for c in checks if not c.ok]
    print(_("the sandbox works on this machine") if not broken else
          _("the sandbox does NOT work here: labkit grade would fall back to running submissions without it"))
    return 1 if broken else 0


def _grade(args: argparse.Namespace) -> int:
    from labkit.grading.grade import grade

    if args.check:
        return _check()
    if args.submissions is None or args.out is None:
        raise UsageError(_("labkit grade needs SUBMISSIONS and --out (or --check alone, or: {usage})").format(
            usage=_(OVERRIDE_USAGE)))
    if args.workers < 1:
        raise UsageError(_("--workers must be at least 1"))
    from labkit.grading.shard import parse_shard

    shard = parse_shard(args.shard) if args.shard else None
    roster = None
    if args.roster:
        from labkit.roster import read_roster

        roster = read_roster(args.roster)
    summary = grade(Path(args.submissions), Path(args.out), _masters(args), workers=args.workers,
                    progress=not args.quiet, students=args.student, only_exercises=args.exercise, roster=roster,
                    id_pattern=args.id_pattern, keep_decisions=not args.discard_decisions, shard=shard,
                    scheduler=args.scheduler)
    for warning in summary.warnings:
        print(f"WARNING: {warning}")
    sandbox = "bubblewrap sandbox" if summary.sandboxed else "fallback (no bubblewrap)"
    print(f"graded {summary.submissions} notebooks ({summary.rows} rows, {sandbox}) -> {args.out}/gradebook.csv")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from labkit.grading.exercise import master_paths
    from labkit.grading.hub import collect

    roster = None
    if args.roster:
        from labkit.roster import read_roster

        roster = read_roster(args.roster)
    exercises = args.exercise or [path.stem for path, _folder in master_paths(_masters(args))]
    done = collect(Path(args.homes), Path(args.out), exercises, roster)
    for student, names in sorted(done.copied.items()):
        print(f"{student}\t{', '.join(names)}")
    for problem in done.problems:
        print(_("WARNING: {problem}").format(problem=problem))
    print(_("collected {n} notebooks of {students} students into {out}").format(
        n=sum(len(v) for v in done.copied.values()), students=len(done.copied), out=args.out))
    return 0


def _open_export(args: argparse.Namespace) -> int:
    from labkit.grading.open_answers import export_open

    path = export_open(Path(args.results), Path(args.out), _masters(args))
    print(path)
    return 0


def _open_merge(args: argparse.Namespace) -> int:
    from labkit.grading.open_answers import merge_open

    n = merge_open(Path(args.results), Path(args.workbook), _masters(args))
    print(f"merged {n} instructor scores into {args.results}/gradebook.csv")
    return 0


def _gradebook_export(args: argparse.Namespace) -> int:
    from labkit.grading.gradebook_export import export_marks

    path, warnings = export_marks(
        Path(args.results), Path(args.roster), Path(args.out), kind=args.format,
        policy=Path(args.policy) if args.policy else None,
        submissions=Path(args.submissions) if args.submissions else None, id_pattern=args.id_pattern,
        template=Path(args.template) if args.template else None, columns=args.column or [])
    for warning in warnings:
        print(_("WARNING: {problem}").format(problem=warning))
    print(path)
    return 0


def _gradebook_merge(args: argparse.Namespace) -> int:
    from labkit.grading.shard import merge

    rows, notes = merge([Path(p) for p in args.parts], Path(args.out))
    for note in notes:
        print(_("WARNING: {problem}").format(problem=note))
    print(_("merged {parts} partial gradebooks ({rows} rows, copies flagged across them) -> {out}/gradebook.csv")
          .format(parts=len(args.parts), rows=rows, out=args.out))
    return 0


def _exam_build(args: argparse.Namespace) -> int:
    from labkit.grading.exam_build import build_exam

    students = list(args.student)
    if args.roster:
        from labkit.roster import read_roster

        students += [s for s in read_roster(args.roster).ids if s not in students]
    written = build_exam(Path(args.out), seed=args.exam_seed, language=args.lang or get_language(), students=students)
    print(_("wrote the exam (seed {seed}, {versions} student versions): {n} files in {out}; grade it with "
            "labkit grade SUBMISSIONS --masters {masters}").format(
        seed=args.exam_seed, versions=len(students), n=len(written), out=args.out, masters=Path(args.out) / "masters"))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    masters = {"default": None, "help": "folder of master notebooks (default: the kit's exercises, exercises/zh_CN/)"}
    p = sub.add_parser("release", help="write the student versions (or answer keys) of the exercises")
    p.add_argument("--out", required=True, help="folder for the released notebooks")
    p.add_argument("--solutions", action="store_true", help="write answer keys, as a student would submit them")
    p.add_argument("--lang", choices=LANGUAGES,
                   help="release the exercises in this language (exercises/<lang>/; default: the display language)")
    p.add_argument("--masters", help="folder of master notebooks instead of the kit's exercises in --lang")
    p.set_defaults(func=_release)

    p = sub.add_parser("grade", help="grade SUBMISSIONS/<student_id>/<exercise>.ipynb safely into a gradebook",
                       description=_("Grade a folder of submissions, or change one row: {usage}").format(
                           usage=_(OVERRIDE_USAGE)))
    p.add_argument("submissions", nargs="?", metavar="SUBMISSIONS",
                   help=_("folder with one sub-folder per student (its name holds the 学号)"))
    p.add_argument("--out", help="results folder (gradebook.csv, gradebook.sqlite, feedback/)")
    p.add_argument("--check", action="store_true",
                   help=_("only check that the sandbox works on this machine (and say how to fix it)"))
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel notebooks (default: all cores)")
    p.add_argument("--masters", **masters)
    p.add_argument("--student", action="append", metavar="ID",
                   help="re-grade only this student (repeatable); other students' rows stay as they are")
    p.add_argument("--shard", metavar="I/N",
                   help=_("grade only the I-th of N parts of the class (by student id) into its own gradebook; "
                          "combine the parts with labkit gradebook merge"))
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help=_("grade on a Dask cluster (e.g. tcp://10.0.0.5:8786): one task per student, each in the "
                          "same sandbox on its worker; the submissions folder must be at the same path on every "
                          "worker (needs labkit[dask])"))
    p.add_argument("--exercise", action="append", metavar="NAME",
                   help=_("re-grade only this exercise (repeatable); other exercises' rows stay as they are"))
    p.add_argument("--roster", help=_("roster (.xlsx or .csv): match folders to students by the 学号 in their names"))
    p.add_argument("--id-pattern", help=_("regular expression locating the 学号 in a folder name (see labkit roster check)"))
    p.add_argument("--discard-decisions", action="store_true",
                   help=_("re-grading drops the instructor's open-answer scores and overrides of those notebooks"))
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_grade)

    # `labkit grade override ...` arrives here (labkit.cli.TWO_WORD_COMMANDS); grade a folder named
    # "override" as `labkit grade ./override`
    p = sub.add_parser(OVERRIDE_COMMAND, prog="labkit grade override",
                       help=_("change one graded row (改分): labkit grade override STUDENT EXERCISE QUESTION SCORE"),
                       description=_("Change one graded row (改分), recorded with who and when: {usage}").format(
                           usage=_(OVERRIDE_USAGE)))
    p.add_argument("student", metavar="STUDENT", help=_("the student's id (学号)"))
    p.add_argument("exercise", metavar="EXERCISE", help=_("the exercise, e.g. quiz"))
    p.add_argument("question", metavar="QUESTION", help=_("the question, e.g. sc01"))
    p.add_argument("score", metavar="SCORE", type=_score, help=_("the new score, 0 to the question's points"))
    p.add_argument("--comment", required=True, help=_("why (the student sees it)"))
    p.add_argument("--out", required=True, help=_("results folder of labkit grade"))
    p.add_argument("--by", help=_("who decides (default: the login name)"))
    p.set_defaults(func=_override)

    p = sub.add_parser("collect", help=_("gather the hub users' exercise notebooks from their home folders (收作业)"),
                       description=_("Copy each JupyterHub user's exercise notebooks from HOMES/<user>/ into "
                                     "SUBMISSIONS/<学号>/<exercise>.ipynb (links, pipes and files over 5 MB are "
                                     "refused), keeping the time each was saved."))
    p.add_argument("homes", metavar="HOMES", help=_("the folder holding one home folder per hub user, e.g. /home"))
    p.add_argument("--out", required=True, metavar="SUBMISSIONS", help=_("the submissions folder labkit grade reads"))
    p.add_argument("--roster", help=_("roster (.xlsx or .csv): maps each login (账号 column, else the 学号) to its 学号"))
    p.add_argument("--masters", **masters)
    p.add_argument("--exercise", action="append", metavar="NAME",
                   help=_("collect only this exercise (repeatable; default: every master)"))
    p.set_defaults(func=_collect)

    p = sub.add_parser("grade-open", help="open answers: export for rubric scoring, merge the scores back")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    e = actions.add_parser("export", help="one sheet per open question with the rubric (xlsx)")
    e.add_argument("results")
    e.add_argument("--out", required=True, help="workbook to write (.xlsx)")
    e.add_argument("--masters", **masters)
    e.set_defaults(func=_open_export)
    m = actions.add_parser("merge", help="read the instructor's scores back into the gradebook")
    m.add_argument("results")
    m.add_argument("workbook")
    m.add_argument("--masters", **masters)
    m.set_defaults(func=_open_merge)

    p = sub.add_parser("gradebook", help=_("course marks for the school's systems (成绩导出)"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    x = actions.add_parser("export", help=_("per-student totals (weights, late penalties, 6+6 projects) as xlsx, "
                                            "a platform template, Moodle or Canvas CSV"))
    x.add_argument("results", help=_("results folder of labkit grade (gradebook.sqlite)"))
    x.add_argument("--roster", required=True, help=_("roster file (.xlsx or .csv) with 学号 and 姓名"))
    x.add_argument("--out", required=True, help=_("file to write (.xlsx, or .csv for moodle/canvas)"))
    x.add_argument("--format", choices=["xlsx", "moodle", "canvas"], default="xlsx", help=_("default: xlsx"))
    x.add_argument("--policy", help=_("course.toml with [weights], [deadlines], [late] and [extensions]"))
    x.add_argument("--submissions", help=_("the submissions folder, for hand-in times and folder conflicts"))
    x.add_argument("--id-pattern", help=_("regular expression locating the 学号 in a folder name (see labkit roster check)"))
    x.add_argument("--template", help=_("xlsx template downloaded from the school platform, filled instead of a new sheet"))
    x.add_argument("--column", action="append", metavar="HEADER=FIELD",
                   help=_("with --template: fill the template column HEADER with FIELD (总评, 姓名, an exercise...); repeatable"))
    x.set_defaults(func=_gradebook_export)
    g = actions.add_parser("merge", help=_("combine the results folders of labkit grade --shard into one gradebook"))
    g.add_argument("parts", nargs="+", help=_("results folders of the shards"))
    g.add_argument("--out", required=True, help=_("results folder of the whole class"))
    g.set_defaults(func=_gradebook_merge)

    p = sub.add_parser("exam", help=_("the course exam from the exam bank (试题库组卷): notebook, paper, answer key"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    b = actions.add_parser("build", help=_("write a 100-point exam: graded notebook, printable paper (DOCX, HTML), "
                                           "answer key, one shuffled version per student"))
    b.add_argument("--out", required=True, help=_("folder for the exam (masters/, paper/, keys/, students/)"))
    b.add_argument("--exam-seed", type=seed, default=0, help=_("which items the bank gives (default 0); same seed, same exam"))
    b.add_argument("--lang", choices=LANGUAGES, help=_("language of the paper (default: the display language)"))
    b.add_argument("--student", action="append", default=[], metavar="ID",
                   help=_("write this student's own shuffled version (repeatable)"))
    b.add_argument("--roster", help=_("roster (.xlsx or .csv): a shuffled version for every student on it"))
    b.set_defaults(func=_exam_build)
