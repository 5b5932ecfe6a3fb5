"""labkit: a Jupyter teaching kit for exhibition CRM (会展客户关系管理)."""
from __future__ import annotations

from labkit.world.container import World
from labkit.world.generator import generate_world
from labkit.world.loading import load_world

__version__ = "0.1.0"
__all__ = ["World", "generate_world", "load_world"]
