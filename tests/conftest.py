"""Shared test worlds, built once per test session (共享测试数据)."""
from __future__ import annotations

import pytest

import labkit


@pytest.fixture(scope="session")
def default_world() -> labkit.World:
    """The default classroom world (seed 0, zh_CN), the one the lessons load."""
    return labkit.load_world()
