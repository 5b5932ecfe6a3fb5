"""Repository-level pytest configuration: make the working tree importable; tests run in English."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from labkit.i18n import set_language


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test sees English messages (in-process and in the subprocesses it starts), unless it
    chooses another language itself (``set_language``, ``using_language`` or ``LABKIT_LANG``)."""
    monkeypatch.setenv("LABKIT_LANG", "en_US")
    set_language("en_US")
    yield
    set_language(None)
