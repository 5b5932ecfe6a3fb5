"""environment.yml (conda/Binder) and pyproject.toml must list the same dependencies."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$")


def _parse(req: str) -> tuple[str, str]:
    m = _REQ.match(req.split(";")[0])
    assert m, f"cannot parse requirement {req!r}"
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return dict(_parse(r) for r in reqs)


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python"):
                continue
            name, spec = _parse(item)
            out[name] = spec
    return out


def test_environment_yml_matches_pyproject() -> None:
    py, env = pyproject_requirements(), environment_requirements()
    assert sorted(set(py) - set(env)) == [], "in pyproject.toml but not environment.yml"
    assert sorted(set(env) - set(py)) == [], "in environment.yml but not pyproject.toml"
    differing = {n: (py[n], env[n]) for n in py if py[n] != env[n]}
    assert differing == {}, f"lower bounds differ (pyproject, environment): {differing}"


def test_parser_sees_a_disagreement() -> None:
    assert _parse("pandas>=2.1") == ("pandas", ">=2.1")
    assert _parse("Email_Validator >= 2.1") == ("email-validator", ">=2.1")
    assert _parse("labkit[test]>=1") == ("labkit", ">=1")
