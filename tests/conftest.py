"""Shared test worlds, built once per test session (共享测试数据).

Tests read these worlds; a test that changes a table works on ``world.tables[name].copy()``
(or asks :func:`labkit.load_world`, which returns a copy each time). Each world is made the
first time a test asks for it, so a run of one module builds only what that module uses.

- ``default_world``: the classroom world of the lessons (seed 0, zh_CN)
- ``defect_world(locale)``: the data-quality world (seed 2, 3,000 buyers, defects injected)
- ``worlds.get(**arguments)``: any other world, made once per session per arguments
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import labkit

DEFECT_WORLD: dict[str, Any] = {"seed": 2, "scale": 3_000, "defects": True}

# No test depends on how fast the machine is (speed is measured in bench/): Hypothesis neither
# fails a slow example (deadline) nor a slow generation ("too slow" health check) on a loaded machine.
settings.register_profile("labkit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("labkit")


class Worlds:
    """Every world the session has made, by the arguments of :func:`labkit.generate_world`."""

    def __init__(self) -> None:
        self._made: dict[tuple[tuple[str, Any], ...], labkit.World] = {}

    def get(self, **arguments: Any) -> labkit.World:
        key = tuple(sorted(arguments.items()))
        if key not in self._made:
            self._made[key] = labkit.generate_world(**arguments)
        return self._made[key]


@pytest.fixture(scope="session")
def worlds() -> Worlds:
    return Worlds()


@pytest.fixture(scope="session")
def default_world() -> labkit.World:
    """The default classroom world (seed 0, zh_CN), the one the lessons load."""
    return labkit.load_world()


@pytest.fixture(scope="session")
def defect_world(worlds: Worlds) -> Callable[[str], labkit.World]:
    """``defect_world(locale)``: the world with data-quality defects and their ground truth."""
    return lambda locale="zh_CN": worlds.get(locale=locale, **DEFECT_WORLD)


@pytest.fixture
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own for everything ``tempfile`` makes: a test that counts
    what the grader leaves behind must not see what another test or CI run makes at the same moment."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
