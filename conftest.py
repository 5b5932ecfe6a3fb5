"""Repository-level pytest configuration: make the working tree importable; tests run in English."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from labkit.i18n import set_language

# before any fixture: module- and session-scoped fixtures build their tables and charts in English too
os.environ["LABKIT_LANG"] = "en_US"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test sees English messages (in-process and in the subprocesses it starts), unless it
    chooses another language itself (``set_language``, ``using_language`` or ``LABKIT_LANG``)."""
    monkeypatch.setenv("LABKIT_LANG", "en_US")
    set_language("en_US")
    yield
    set_language("en_US")  # not None: a module fixture built before the next test must not see a leaked LABKIT_LANG
