"""Build hook: the wheel carries the lessons, exercises and CDNOW data as package data.

They live once in git, at the top of the repository (``notebooks/``, ``exercises/``,
``datasets/cdnow/``); building the wheel copies them into ``labkit/_content/``, where
``labkit.resources`` finds them in an installed kit. Editable installs read the checkout.
Everything else about the package is in pyproject.toml.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Shipped folders, relative to the repository: the notebooks of every language (their single
#: English source and translation catalogs, source/ and locale/, stay out) and the CDNOW data.
CONTENT = ("notebooks", "exercises", "instructor", "datasets/cdnow")
SKIP = shutil.ignore_patterns("source", "locale", ".ipynb_checkpoints", "__pycache__", "*.tmp")


class BuildPyWithContent(build_py):
    """``build_py`` that also copies the shipped folders into ``labkit/_content``."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            for folder in CONTENT:
                shutil.copytree(ROOT / folder, self._target(folder), ignore=SKIP, dirs_exist_ok=True)

    def _target(self, folder: str) -> Path:
        return Path(self.build_lib) / "labkit" / "_content" / folder

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(p) for folder in CONTENT for p in self._target(folder).rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithContent})
