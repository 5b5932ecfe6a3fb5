"""labkit: a Jupyter teaching kit for exhibition CRM (会展客户关系管理).

``labkit.World``, ``labkit.generate_world``, ``labkit.load_world`` and ``labkit.read_world`` are
imported on first use,
so ``import labkit.i18n`` or ``labkit --help`` does not load pandas.
"""
from __future__ import annotations

from labkit.lazy import lazy_names

__version__ = "0.1.0"
_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.world.container": ("World",),
    "labkit.world.generator": ("generate_world",),
    "labkit.world.loading": ("load_world",),
    "labkit.world.reading": ("read_world",),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["World", "generate_world", "load_world", "read_world"]
