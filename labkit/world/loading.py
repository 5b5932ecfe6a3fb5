"""The default classroom worlds (默认数据世界): built once into the user's data folder, loaded fast.

``labkit datasets`` writes ``<data folder>/worlds/<locale>/`` (Parquet, plus CSV for browsing;
the folder is :func:`labkit.resources.data_home`, ``$LABKIT_HOME`` when set) with a fingerprint
of the generator; ``load_world`` reads those files when the fingerprint
still matches the code, and otherwise generates the same world in memory.

A student's own world can also come ready-made (共享的学生数据世界): at grading, the grader builds
it once per batch and writes it with :func:`share_world` into a folder the student's kernels see
read-only (``$LABKIT_SHARED_WORLDS``), so that every exercise of that student loads it instead of
generating it again.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from labkit.errors import UsageError
from labkit.files import staged_file
from labkit.i18n import _
from labkit.resources import worlds_dir
from labkit.world.config import make_config
from labkit.world.container import World
from labkit.world.generator import generate_world
from labkit.world.locales import FILES, available_locales, locale_folders, world_locale
from labkit.world.reading import read_world

__all__ = ["default_locales", "SHARED_WORLDS_ENV", "build_default", "build_missing", "fingerprint", "is_built",
           "load_world", "share_world", "world_dir"]

MANIFEST = "manifest.json"
SHARED_WORLDS_ENV = "LABKIT_SHARED_WORLDS"


def default_locales() -> tuple[str, ...]:
    """The locales whose classroom world ``labkit datasets`` builds (``built_by_default`` in their locale.json)."""
    return tuple(code for code in available_locales() if world_locale(code).built_by_default)


def fingerprint() -> str:
    """Hash of the generator's code and data: a built world is current when it matches."""
    h = hashlib.sha256()
    root = resources.files("labkit")
    files = sorted((root / "world").iterdir(), key=lambda p: p.name)
    for sub in ("geography", "fairs"):
        files += sorted((root / "data" / sub).iterdir(), key=lambda p: p.name)
    for f in files:
        if f.name.endswith((".py", ".json")):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    for code, folder in locale_folders().items():  # a locale on LABKIT_LOCALE_PATH counts as much as a shipped one
        for name in FILES:
            h.update(f"{code}/{name}".encode())
            h.update((folder / name).read_bytes())
    return h.hexdigest()[:16]


def world_dir(locale: str, home: Path | None = None) -> Path:
    """The folder of the built default world of ``locale`` (in ``home``, default the user's data folder)."""
    return worlds_dir(home) / locale


def is_built(locale: str, home: Path | None = None) -> bool:
    """True when :func:`world_dir` holds a world built by the current generator."""
    manifest = world_dir(locale, home) / MANIFEST
    if not manifest.is_file():
        return False
    return json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == fingerprint()


def build_default(locale: str, home: Path | None = None) -> Path:
    """Generate the default classroom world of ``locale`` and write it to :func:`world_dir`."""
    world = generate_world(seed=0, locale=locale)
    out = world_dir(locale, home)
    world.write(out, "parquet")
    world.write(out / "csv", "csv")
    meta = {"fingerprint": fingerprint(), "seed": 0, "locale": locale, "scale": "classroom",
            "rows": {k: len(v) for k, v in world.tables.items()}}
    with staged_file(out / MANIFEST) as tmp:
        tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


def build_missing(force: bool = False) -> Iterator[tuple[Path, bool]]:
    """Build every default world that is absent or out of date; yields (its folder, built now)."""
    for locale in default_locales():
        if is_built(locale) and not force:
            yield world_dir(locale), False
        else:
            yield build_default(locale), True


def _shared_name(locale: str, student_id: str) -> str:
    """The file of one shared student world: made by this generator for this locale and student."""
    return f"{locale}-{student_id}-{fingerprint()}.pickle"


def share_world(world: World, folder: Path) -> Path:
    """Write a per-student classroom ``world`` (seed 0) where ``load_world`` finds it via ``$LABKIT_SHARED_WORLDS``.

    Pickle, because it is read four times faster than Parquet: the file is written by the grader
    into a folder the student's kernels can only read, and the grader never reads it back.
    """
    if world.student_id is None or world.seed != 0 or world.scale != "classroom" or world.has_defects:
        raise UsageError(_("only a student's default classroom world (seed 0, no defects) can be shared"))
    path = folder / _shared_name(world.locale, world.student_id)
    with staged_file(path) as partial:  # the one atomic writer (labkit.files)
        partial.write_bytes(pickle.dumps(world, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _shared(locale: str, student_id: str) -> World | None:
    folder = os.environ.get(SHARED_WORLDS_ENV)
    path = Path(folder) / _shared_name(locale, student_id) if folder else None
    if path is None or not path.is_file():
        return None
    with path.open("rb") as handle:
        world = pickle.load(handle)
    return world if isinstance(world, World) and (world.locale, world.student_id) == (locale, student_id) else None


@lru_cache(maxsize=8)
def _cached(seed: int, locale: str, scale: str | int, student_id: str | None, defects: bool) -> World:
    if (seed, scale, student_id, defects) == (0, "classroom", None, False) and is_built(locale):
        built = read_world(world_dir(locale), "parquet")
        return World(built.tables, locale, meta=built.meta)
    if (seed, scale, defects) == (0, "classroom", False) and student_id is not None \
            and (shared := _shared(locale, student_id)) is not None:
        return shared
    return generate_world(seed=seed, locale=locale, scale=scale, student_id=student_id, defects=defects)


def load_world(*, seed: int = 0, locale: str = "zh_CN", scale: str | int = "classroom",
               student_id: str | None = None, defects: bool = False) -> World:
    """The world :func:`generate_world` makes with the same arguments, read from the built files when they hold it.

    The default classroom world (seed 0) of each locale is built once by ``labkit datasets``;
    any other world is generated the first time and kept for the next call. Returns a copy
    each time, so changing its tables does not change the next call's world.
    """
    cfg = make_config(seed, locale, scale, student_id, defects)
    world = _cached(cfg.seed, cfg.locale, cfg.scale, cfg.student_id, cfg.defects)
    return World({k: v.copy() for k, v in world.tables.items()}, world.locale, world.seed, world.scale,
                 world.student_id, world.has_defects, dict(world.meta))
