"""The lock (requirements/lock.txt) satisfies pyproject.toml; environment.yml installs the lock."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)(?:\s*;\s*(.+))?$")


def pyproject_requirements() -> list[Requirement]:
    """Every requirement of pyproject.toml: run time and the extras the lock is made with."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def lock_pins(text: str) -> list[tuple[str, str]]:
    """(name, version) of every pinned line of a lock file, in order."""
    pins = []
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins.append((canonicalize_name(match.group(1)), match.group(2)))
    return pins


def unsatisfied(requirements: list[Requirement], pins: list[tuple[str, str]]) -> list[str]:
    """The requirements the pins leave out or pin below or outside their bounds."""
    pinned: dict[str, list[str]] = {}
    for name, version in pins:
        pinned.setdefault(name, []).append(version)
    problems = []
    for req in requirements:
        versions = pinned.get(canonicalize_name(req.name))
        if not versions:
            problems.append(f"{req} is not in the lock")
        problems += [f"{req} but the lock pins {v}" for v in versions or [] if not req.specifier.contains(v, True)]
    return problems


def test_lock_satisfies_pyproject() -> None:
    problems = unsatisfied(pyproject_requirements(), lock_pins(LOCK.read_text(encoding="utf-8")))
    assert problems == [], f"refresh the lock with `make lock`: {problems}"


def test_lock_pins_one_version_of_each_package() -> None:
    names = [name for name, _ in lock_pins(LOCK.read_text(encoding="utf-8"))]
    assert len(names) > 100
    twice = sorted({n for n in names if names.count(n) > 1})
    assert twice == [], f"the lock pins several versions of {twice}: make it with `make lock`"


def make_dry_run(target: str) -> list[str]:
    """The commands ``make <target>`` would run (``make -n``: nothing runs)."""
    if shutil.which("make") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("make is not installed")
        pytest.skip("make is not installed (CI has it)")
    done = subprocess.run(["make", "-n", "-s", target], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def optional_dependencies() -> dict[str, list[str]]:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])


def lock_command() -> str:
    [command] = [line for line in make_dry_run("lock") if " pip compile " in line]
    return command


def test_lock_says_how_to_refresh_it() -> None:
    header = LOCK.read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip("# ") == "make lock"
    command = lock_command()
    assert command.split()[1:4] == ["pip", "compile", "pyproject.toml"] and command.endswith("-o requirements/lock.txt")
    assert "--universal" in command and '--custom-compile-command "make lock"' in command


def test_latest_run_installs_the_extras_the_lock_holds() -> None:
    """`make test-latest` tests what `make test` tests: the extras `make lock` resolves, which are every
    optional dependency of pyproject.toml, each held by the lock (a missing one fails its tests)."""
    locked = re.findall(r"--extra (\S+)", lock_command())
    [install] = [line for line in make_dry_run("test-latest") if re.search(r"pip install .*-e ", line)]
    latest = re.search(r'-e "\.\[([^\]]*)\]"', install)
    assert latest is not None, install
    extras = optional_dependencies()
    assert latest.group(1).split(",") == locked, (install, locked)
    assert sorted(locked) == sorted(extras), "make lock resolves every extra of pyproject.toml"
    pins = lock_pins(LOCK.read_text(encoding="utf-8"))
    for extra, requirements in extras.items():
        assert unsatisfied([Requirement(r) for r in requirements], pins) == [], f"the lock holds the {extra} extra"


def test_checker_sees_a_broken_lock() -> None:
    reqs = [Requirement("numpy>=1.26"), Requirement("Email_Validator>=2.1")]
    assert unsatisfied(reqs, [("numpy", "2.4.6"), ("email-validator", "2.3.0")]) == []
    assert unsatisfied(reqs, [("numpy", "1.25.2"), ("email-validator", "2.3.0")]) == [
        "numpy>=1.26 but the lock pins 1.25.2"]
    assert unsatisfied(reqs, [("numpy", "2.4.6")]) == ["Email_Validator>=2.1 is not in the lock"]
    assert lock_pins("foo-Bar==1.0 ; sys_platform == 'win32'\n    # via x\n") == [("foo-bar", "1.0")]


def test_environment_yml_installs_the_lock() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert conda == ["python=3.11", "pip"], "conda gives only Python and pip; everything else comes from the lock"
    assert pip == [["-r requirements/lock.txt", "-e ."]]
    assert "--python-version 3.11" in (ROOT / "Makefile").read_text(encoding="utf-8")


def _imported_top_names(folder: Path) -> dict[str, str]:
    """Top-level module names the Python files under ``folder`` import (anywhere), with one file each."""
    import ast

    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.parametrize("folder", ["labkit", "tests", "tools", "bench"])
def test_every_package_the_code_imports_is_in_the_lock(folder: str) -> None:
    """A fresh clone has only the lock: a test importing a package a developer installed by hand
    (polib, twice) fails there and nowhere else."""
    import sys
    from importlib.metadata import packages_distributions

    local = {p.stem for d in ("tests", "tools", "bench") for p in (ROOT / d).glob("*.py")} | {"labkit", "setup", "tests", "tools", "bench"}
    distributions = packages_distributions()
    pinned = {name for name, _ in lock_pins(LOCK.read_text(encoding="utf-8"))}
    missing = {}
    for name, where in _imported_top_names(ROOT / folder).items():
        if name in sys.stdlib_module_names or name in local or name == "__future__":
            continue
        dists = {canonicalize_name(d) for d in distributions.get(name, [])}
        if not dists & pinned:
            missing[name] = where
    assert missing == {}, f"imported but not in requirements/lock.txt: {missing}"
