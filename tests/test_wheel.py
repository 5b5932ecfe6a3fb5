"""The built wheel works outside the checkout: a clean venv in a temporary folder, nothing else.

The wheel is built from the sdist of a copy of the sources (so MANIFEST.in is tested too),
installed with its run-time dependencies at the locked versions (uv, from its cache after the
first run), and driven from a folder that is not the checkout, with the user's data folder
moved by LABKIT_HOME.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: What a source distribution holds (MANIFEST.in): enough to build the wheel.
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "labkit", "notebooks", "exercises", "instructor",
           "datasets/cdnow", "requirements")
SCRIPTS = "Scripts" if os.name == "nt" else "bin"


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        pytest.fail("uv is missing: it comes with the test extras (make test installs it)")
    return found


def _run(cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          encoding="utf-8", timeout=900)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


class Installed:
    """The clean venv with the wheel, and a folder outside the checkout to run it from."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.venv = base / "venv"
        self.work = base / "work"
        self.home = base / "home"
        self.work.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LABKIT_"))}
        self.env.update(LABKIT_HOME=str(self.home), LABKIT_LANG="en_US", PATH=os.pathsep.join([str(self.venv / SCRIPTS), self.env["PATH"]]))

    def python(self, code: str) -> str:
        return _run([self.venv / SCRIPTS / "python", "-c", code], self.work, self.env)

    def labkit(self, *args: str | Path) -> str:
        return _run([self.venv / SCRIPTS / "labkit", *args], self.work, self.env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    # sdist first, then the wheel from the sdist, each in a fresh build environment (setuptools>=77)
    _run([_uv(), "build", "--quiet", "--out-dir", base / "dist", src], base)
    (wheel,) = (base / "dist").glob("labkit-*.whl")
    kit = Installed(base)
    _run([_uv(), "venv", "--quiet", "--python", sys.executable, kit.venv], base)
    _run([_uv(), "pip", "install", "--quiet", "--python", kit.venv / SCRIPTS / "python",
          "-c", ROOT / "requirements" / "lock.txt", wheel], base)
    return kit


def test_the_wheel_is_what_runs(installed: Installed) -> None:
    where = json.loads(installed.python(
        "import json, labkit, labkit.resources as r; "
        "print(json.dumps([labkit.__file__, str(r.content_root()), str(r.data_home())]))"))
    package, content, home = (Path(p) for p in where)
    assert package.is_relative_to(installed.venv) and content == package.parent / "_content"
    assert home == installed.home
    shipped = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.ipynb"))
    for lang in ("zh_CN", "en_US", "ko_KR"):
        assert f"notebooks/{lang}/01_world_tour.ipynb" in shipped
        assert f"exercises/{lang}/quiz.ipynb" in shipped and f"exercises/{lang}/release/quiz.ipynb" in shipped
    assert not any(p.startswith(("notebooks/source", "exercises/source")) for p in shipped)


def test_datasets_go_to_the_users_folder(installed: Installed) -> None:
    before = sorted(p for p in installed.venv.rglob("*") if "__pycache__" not in p.parts)
    out = installed.labkit("datasets")
    assert str(installed.home) in out
    for locale in ("zh_CN", "en_US"):
        assert (installed.home / "worlds" / locale / "manifest.json").is_file()
    after = sorted(p for p in installed.venv.rglob("*") if "__pycache__" not in p.parts)
    assert after == before, "labkit datasets wrote into the installed package"
    assert "up to date" in installed.labkit("datasets")


def test_generate_release_and_grade_an_answer_key(installed: Installed) -> None:
    installed.labkit("generate", "--scale", "300", "--locale", "en_US", "--out", "world300")
    assert (installed.work / "world300" / "organisations.csv").is_file()
    installed.labkit("release", "--out", "handout")
    installed.labkit("release", "--solutions", "--out", "keys")
    handout = sorted(p.name for p in (installed.work / "handout").glob("*.ipynb"))
    assert "quiz.ipynb" in handout and len(handout) == 5
    student = installed.work / "submissions" / "S001"
    student.mkdir(parents=True)
    shutil.copy(installed.work / "keys" / "quiz.ipynb", student / "quiz.ipynb")
    installed.labkit("grade", "submissions", "--out", "results", "--workers", "1", "--quiet")
    with (installed.work / "results" / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["question"] != "(notebook)"]
    assert rows and {r["student_id"] for r in rows} == {"S001"}
    assert {r["status"] for r in rows} <= {"correct", "pending_review"}, rows
    assert any(r["status"] == "correct" for r in rows)


def test_clv_on_cdnow(installed: Installed) -> None:
    out = json.loads(installed.python(
        "import json; from labkit import clv; s = clv.cdnow(); m = clv.fit_bgnbd(s); "
        "print(json.dumps([len(s), len(clv.cdnow_transactions()), m.params()]))"))
    customers, purchases, params = out
    assert customers == 2357 and purchases > 6000
    assert round(params["r"], 3) == 0.243 and round(params["alpha"], 2) == 4.41


def test_the_sandbox_hides_grading_and_masters_of_an_installed_kit(installed: Installed) -> None:
    """Student code must not read the answers: site-packages is bound into the sandbox."""
    probe = (
        "import json, os, shutil, subprocess, sys, labkit\n"
        "from pathlib import Path\n"
        "from labkit.grading import sandbox as s\n"
        "bwrap = s.bwrap_path()\n"
        "if bwrap is None: print(json.dumps(None)); sys.exit()\n"
        "pkg = Path(labkit.__file__).parent\n"
        "paths = [str(pkg / 'grading'), str(pkg / '_content' / 'exercises'), str(pkg / '_content' / 'notebooks'),\n"
        "         '/opt/labkit/labkit/grading', '/opt/labkit/labkit/_content/exercises']\n"
        "look = 'import json, os; print(json.dumps([len(os.listdir(p)) for p in %r]))' % paths\n"
        "cmd = s._bwrap_command(bwrap, s.Limits(), {}, None)[:-2] + ['-c', look]  # python, not the runner and its argument\n"
        "done = subprocess.run(cmd, capture_output=True, text=True)\n"
        "print(done.stdout.strip() or json.dumps(done.stderr))\n")
    seen = json.loads(installed.python(probe))
    if seen is None:
        if os.environ.get("CI") == "true":
            pytest.fail("bubblewrap is missing or unusable (tools/system-deps.sh installs it)")
        pytest.skip("bubblewrap is missing or unusable here")
    grading, masters, lessons, opt_grading, opt_masters = seen
    assert (grading, masters, opt_grading, opt_masters) == (0, 0, 0, 0)
    assert lessons == 3, "the lessons stay readable (one folder per language)"
