"""labkit grade --shard i/N and labkit gradebook merge: merged shards equal one run, row for row."""
from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

import labkit
from labkit.cli import main
from labkit.errors import LabkitError, UsageError
from labkit.grading import reference
from labkit.grading.grade import grade
from labkit.grading.gradebook import all_rows, connect
from labkit.grading.open_answers import FIRST_ROW, export_open, merge_open
from labkit.grading.overrides import OVERRIDES_CSV, override
from labkit.grading.release import default_masters
from labkit.grading.shard import in_shard, merge, parse_shard
from labkit.i18n import using_language

pytestmark = pytest.mark.slow
LAB = "lab1_classification"


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):  # and back to the language before, not to the default
        yield


def test_every_student_is_in_exactly_one_shard() -> None:
    students = [f"s{i:03d}" for i in range(200)]
    for count in (1, 2, 3, 7):
        owners = [[i for i in range(1, count + 1) if in_shard(s, (i, count))] for s in students]
        assert all(len(o) == 1 for o in owners)
    assert len({i for s in students for i in range(1, 4) if in_shard(s, (i, 3))}) == 3  # all shards used


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "2", "-1/3"])
def test_bad_shards_are_one_sentence(text: str) -> None:
    with pytest.raises(UsageError, match="--shard takes i/N"):
        parse_shard(text)


def _students() -> tuple[str, str, str]:
    """Two students in different shards of 2 (the owner and the copier) and a third."""
    names = [f"s{i:03d}" for i in range(1, 30)]
    first = next(s for s in names if in_shard(s, (1, 2)))
    second = next(s for s in names if in_shard(s, (2, 2)))
    third = next(s for s in names if s not in (first, second))
    return first, second, third


def _single_and_shards(tmp_path: Path, sources: dict[str, str]) -> Path:
    """One notebook (one code cell) per student, graded in one run (single) and in two shards (part1, part2)."""
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(default_masters() / f"{LAB}.ipynb", masters)
    subs = tmp_path / "subs"
    for student, source in sources.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source)]
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / f"{LAB}.ipynb")
    args = [str(subs), "--masters", str(masters), "--workers", "1", "--quiet"]
    assert main(["grade", *args, "--out", str(tmp_path / "single")]) == 0
    for i in (1, 2):
        assert main(["grade", *args, "--out", str(tmp_path / f"part{i}"), "--shard", f"{i}/2"]) == 0
    return masters


def test_merged_shards_equal_one_run_with_copies_across_shards(tmp_path: Path, capsys) -> None:
    owner, copier, other = _students()
    theirs = reference.expected(LAB, "q2", labkit.load_world(student_id=owner)).to_dict("list")
    _single_and_shards(tmp_path, {owner: f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})\nq1_answer = 3",
                                  copier: f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})",
                                  other: "q1_answer = 1\nraise ValueError('## 16 / 16')"})
    part_students = {r.student_id for r in all_rows(connect(tmp_path / "part2"))}
    assert copier in part_students and owner not in part_students
    capsys.readouterr()
    assert main(["gradebook", "merge", str(tmp_path / "part2"), str(tmp_path / "part1"),
                 "--out", str(tmp_path / "merged")]) == 0
    assert f"{copier} {LAB} q2: the answer is right for the world of {owner}" in capsys.readouterr().out
    single, merged = all_rows(connect(tmp_path / "single")), all_rows(connect(tmp_path / "merged"))
    assert merged == single
    evidence = [sorted(connect(tmp_path / run).execute("SELECT * FROM evidence").fetchall()) for run in ("single", "merged")]
    assert evidence[0] and evidence[0] == evidence[1]  # a merged gradebook can be merged again
    [copied] = [r for r in merged if r.student_id == copier and r.question == "q2"]
    assert copied.status == "flagged" and "another student's world" in copied.message
    for name in ("gradebook.csv", "class_stats.csv", f"feedback/{copier}.md"):
        assert (tmp_path / "merged" / name).read_bytes() == (tmp_path / "single" / name).read_bytes(), name


def test_merging_a_shard_twice_is_refused(tmp_path: Path) -> None:
    db = connect(tmp_path / "a")
    from labkit.grading.gradebook import Row, record

    record(db, "s1", "quiz", [Row("s1", "quiz", "sc01", 1.0, 1.0, "correct", "correct")])
    db.close()
    with pytest.raises(LabkitError, match="in two of the partial gradebooks"):
        merge([tmp_path / "a", tmp_path / "a"], tmp_path / "out")
    with pytest.raises(LabkitError, match="has no gradebook.sqlite"):
        merge([tmp_path / "missing"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _score_open_answer(results: Path, masters: Path, student: str, score: float, comment: str) -> None:
    """What the instructor does: score one open answer in the exported workbook and merge it back."""
    book = export_open(results, results.parent / f"{results.name}-open.xlsx", masters)
    wb = load_workbook(book)
    ws = wb[f"{LAB}.q6"]
    row = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(row=r, column=1).value == student)
    ws.cell(row=row, column=3, value=score)
    ws.cell(row=row, column=4, value=comment)
    wb.save(book)
    assert merge_open(results, book, masters) == 1


def test_merge_keeps_the_instructors_decisions_of_every_shard(tmp_path: Path) -> None:
    first, second, _third = _students()
    source = f"q1_answer = 7\nq6_answer = {'The eastern region group holds most customers; ' * 2!r}"
    masters = _single_and_shards(tmp_path, {first: source, second: source})
    # the same decisions, once in the single gradebook and once in the shard that holds the student
    for results in (tmp_path / "single", tmp_path / "part1"):
        override(results, first, LAB, "q1", 1.5, "partly right: counted the buyers too", "teacher A")
    for results in (tmp_path / "single", tmp_path / "part2"):
        _score_open_answer(results, masters, second, 3.0, "good region, no next step")
        override(results, second, LAB, "q2", 2.0, "answered on paper", "teacher B")
    single = all_rows(connect(tmp_path / "single"))
    assert {r.status for r in single if (r.student_id, r.question) in {(first, "q1"), (second, "q2")}} == {"overridden"}
    for order, out in (((1, 2), "merged"), ((2, 1), "merged-reversed")):
        assert main(["gradebook", "merge", *[str(tmp_path / f"part{i}") for i in order], "--out", str(tmp_path / out)]) == 0
        assert all_rows(connect(tmp_path / out)) == single
    assert (tmp_path / "merged" / "gradebook.csv").read_bytes() == (tmp_path / "merged-reversed" / "gradebook.csv").read_bytes()
    listed = (tmp_path / "merged" / OVERRIDES_CSV).read_text(encoding="utf-8-sig")
    assert "teacher A" in listed and "teacher B" in listed
    # a later decision in the merged gradebook survives merging the (older) shards into it again
    override(tmp_path / "merged", first, LAB, "q1", 0.5, "re-checked: only the buyers", "teacher C")
    assert main(["gradebook", "merge", str(tmp_path / "part1"), str(tmp_path / "part2"), "--out", str(tmp_path / "merged")]) == 0
    [row] = [r for r in all_rows(connect(tmp_path / "merged")) if r.student_id == first and r.question == "q1"]
    assert (row.score, row.status, row.message) == (0.5, "overridden", "re-checked: only the buyers")


def test_a_dask_cluster_grades_like_a_single_run(tmp_path: Path, capsys) -> None:
    """labkit grade --scheduler on a LocalCluster (2 worker processes), whole and in two shards merged."""
    from distributed import LocalCluster

    owner, copier, other = _students()
    theirs = reference.expected(LAB, "q2", labkit.load_world(student_id=owner)).to_dict("list")
    masters = _single_and_shards(tmp_path, {owner: f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})",
                                            copier: f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})",
                                            other: "q1_answer = 1\nraise ValueError('## 16 / 16')"})
    args = [str(tmp_path / "subs"), "--masters", str(masters), "--quiet"]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert main(["grade", *args, "--scheduler", address, "--out", str(tmp_path / "dask")]) == 0
        for i in (1, 2):
            assert main(["grade", *args, "--scheduler", address, "--shard", f"{i}/2",
                         "--out", str(tmp_path / f"dask-part{i}")]) == 0
    assert main(["gradebook", "merge", str(tmp_path / "dask-part1"), str(tmp_path / "dask-part2"),
                 "--out", str(tmp_path / "dask-merged")]) == 0
    single = all_rows(connect(tmp_path / "single"))
    assert all_rows(connect(tmp_path / "dask")) == single
    assert all_rows(connect(tmp_path / "dask-merged")) == single
    assert any(r.status == "flagged" for r in single) and any(r.status == "correct" for r in single)
    for name in ("gradebook.csv", "class_stats.csv", f"feedback/{copier}.md"):
        assert (tmp_path / "dask-merged" / name).read_bytes() == (tmp_path / "single" / name).read_bytes(), name
    log = json.loads((tmp_path / "dask" / "grading_log.json").read_text(encoding="utf-8"))
    assert log["engine"] == f"dask {address}" and log["sandbox"] == "bubblewrap" and log["tasks_without_bubblewrap"] == 0


def test_dask_workers_grade_without_seeing_the_submissions(tmp_path: Path, monkeypatch) -> None:
    """The tasks carry the notebooks: workers working elsewhere cannot open ``subs/...``, and the rows equal a single run."""
    from distributed import Client, LocalCluster

    owner, copier, other = _students()
    right = reference.expected(LAB, "q1", labkit.load_world(student_id=owner))
    masters = _single_and_shards(tmp_path, {owner: f"q1_answer = {right!r}", copier: "q1_answer = 1\nraise ValueError('x')",
                                            other: "import pandas as pd\nq2_answer = pd.DataFrame({'a': [1]})"})
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)  # the grader reads subs/<id>/<exercise>.ipynb relative to here
    notebook = Path("subs") / owner / f"{LAB}.ipynb"
    assert notebook.is_file()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(os.chdir, str(tmp_path / "elsewhere"))
        assert set(client.run(os.path.exists, str(notebook)).values()) == {False}  # no worker sees the folder
        assert main(["grade", "subs", "--masters", str(masters), "--quiet", "--scheduler", cluster.scheduler_address,
                     "--out", "dask"]) == 0
        assert set(client.run(os.getcwd).values()) == {str(tmp_path / "elsewhere")}
    single = all_rows(connect(tmp_path / "single"))
    assert all_rows(connect(tmp_path / "dask")) == single
    assert {r.status for r in single} >= {"correct", "incorrect"}


def test_an_unreachable_scheduler_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "subs" / "s001").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nbformat.write(nb, tmp_path / "subs" / "s001" / "quiz.ipynb")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(LabkitError, match="cannot reach the Dask scheduler at tcp://127.0.0.1"):
        grade(tmp_path / "subs", tmp_path / "out", default_masters(), progress=False,
              scheduler=f"tcp://127.0.0.1:{port}")
    assert not (tmp_path / "out").exists()
