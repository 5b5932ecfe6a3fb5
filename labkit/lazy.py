"""Packages whose names are imported on first use (按需导入), so ``labkit --help`` starts at once.

A package ``__init__`` lists where each public name lives and calls :func:`lazy_names`;
``from labkit.clv import group_clv`` then imports ``labkit.clv.formulas`` only at that moment
(PEP 562), and importing ``labkit.i18n`` or a command module pulls in no pandas.
"""
from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any

from labkit.i18n import _

__all__ = ["lazy_names"]


class _LazyPackage(types.ModuleType):
    """A package whose exported names win over its submodules of the same name (``surveys.nps``)."""

    _lazy_where: dict[str, str]

    def __setattr__(self, name: str, value: Any) -> None:
        # importing labkit.surveys.nps binds the module to labkit.surveys.nps; the eager
        # ``from labkit.surveys.nps import nps`` used to re-bind the function: keep the function
        if (isinstance(value, types.ModuleType) and name in self.__dict__.get("_lazy_where", {})
                and value.__name__ == f"{self.__name__}.{name}"):
            return
        super().__setattr__(name, value)


def lazy_names(package: str, modules: Mapping[str, Iterable[str]]
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, from each module's full name -> its public names."""
    where = {name: module for module, names in modules.items() for name in names}
    module = sys.modules[package]
    module.__class__ = _LazyPackage
    module.__dict__["_lazy_where"] = where
    namespace = module.__dict__

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(_("module {package!r} has no attribute {name!r}; dir({package}) lists its names").format(package=package, name=name))
        value = getattr(import_module(where[name]), name)
        namespace[name] = value  # looked up once; later reads are plain attribute reads
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(where))

    return __getattr__, __dir__
