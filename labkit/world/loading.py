"""``load_world``: the default classroom world, built once and cached (默认数据世界)."""
from __future__ import annotations

from functools import lru_cache

from labkit.world.container import World
from labkit.world.generator import generate_world


@lru_cache(maxsize=8)
def load_world(locale: str = "zh_CN", student_id: str | None = None) -> World:
    """The default classroom world (seed 0) of ``locale``, per student if ``student_id`` is given."""
    return generate_world(seed=0, locale=locale, scale="classroom", student_id=student_id)
