"""What a world is made from (生成参数): seed, locale, scale, student variant; checked once."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.world.fairs import check_fair
from labkit.world.locales import check_locale, name_styles, world_locale

#: Named scales: (exhibitor companies, buyer companies). About 42% of exhibitors and 20% of
#: buyers take part in a given edition, so "fair" has ~27,000 exhibitors per session.
SCALES: dict[str, tuple[int, int]] = {"classroom": (2_000, 20_000), "fair": (64_000, 250_000)}
MIN_BUYERS, MAX_BUYERS = 200, 5_000_000
N_EDITIONS = 6  # three years x spring/autumn
FIRST_YEAR = 2023


@dataclass(frozen=True)
class WorldConfig:
    """Validated generation arguments."""

    seed: int
    locale: str
    scale: str | int
    n_exhibitors: int
    n_buyers: int
    student_id: str | None
    defects: bool
    fair: str | None = None  # an industry fair of labkit/data/fairs (None: the general trade fair)

    @property
    def money(self) -> float:
        """Money scale of the locale relative to CNY price levels (its locale.json, ``money.scale``)."""
        return world_locale(self.locale).money.scale

    def _entropy(self) -> list[int]:
        """The seed, then four words of the student id's hash when there is one."""
        if self.student_id is None:
            return [self.seed]
        digest = hashlib.sha256(self.student_id.encode("utf-8")).digest()
        return [self.seed, *(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))]

    def rng(self) -> np.random.Generator:
        """The one random generator of this world; a student id mixes its hash into the seed."""
        if self.student_id is None:
            return np.random.default_rng(self.seed)
        return np.random.default_rng(np.random.SeedSequence(self._entropy()))

    def side_rng(self, purpose: str) -> np.random.Generator:
        """A second generator from the same seed for data added later (interests, incentives).

        Drawing from it leaves :meth:`rng`'s stream, and so every older table, unchanged.
        """
        tag = int.from_bytes(hashlib.sha256(purpose.encode("utf-8")).digest()[:4], "little")
        return np.random.default_rng(np.random.SeedSequence([*self._entropy(), tag]))


def parse_scale(scale: object) -> tuple[int, int]:
    """(exhibitors, buyers) for a named scale or an integer number of buyers."""
    if isinstance(scale, str):
        if scale.isdigit():
            scale = int(scale)
        elif scale in SCALES:
            return SCALES[scale]
        else:
            raise UsageError(_("unknown scale {scale!r}; use 'classroom', 'fair' or a number of buyers").format(scale=scale))
    if isinstance(scale, bool) or not isinstance(scale, int | np.integer):
        raise UsageError(_("scale must be 'classroom', 'fair' or a number of buyers, not {scale!r}").format(scale=scale))
    if not MIN_BUYERS <= scale <= MAX_BUYERS:
        raise UsageError(_("number of buyers must be between {min_buyers:,} and {max_buyers:,}, got {scale:,}").format(min_buyers=MIN_BUYERS, max_buyers=MAX_BUYERS, scale=scale))
    return max(50, int(scale) // 10), int(scale)


def make_config(seed: object = 0, locale: str = "zh_CN", scale: object = "classroom",
                student_id: object = None, defects: object = False, fair: object = None) -> WorldConfig:
    """Check the arguments of ``generate_world`` and raise a readable error for bad ones."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise UsageError(_("seed must be a non-negative integer, got {seed!r}").format(seed=seed))
    if not isinstance(locale, str):
        raise UsageError(_("locale must be a string such as 'zh_CN', got {locale!r}").format(locale=locale))
    for code in name_styles(check_locale(locale)):  # read and check every locale the world draws names from
        world_locale(code)
    n_exh, n_buy = parse_scale(scale)
    if student_id is not None:
        if not isinstance(student_id, str | int) or isinstance(student_id, bool) or str(student_id).strip() == "":
            raise UsageError(_("student_id must be a non-empty text such as '2024001', got {student_id!r}").format(student_id=student_id))
        student_id = str(student_id).strip()
    if not isinstance(defects, bool | np.bool_):
        raise UsageError(_("defects must be True or False, got {defects!r}").format(defects=defects))
    if fair is not None:
        check_fair(fair)
    return WorldConfig(int(seed), locale, scale if isinstance(scale, str) else int(scale),  # type: ignore[call-overload]
                       n_exh, n_buy, student_id, bool(defects), fair)  # type: ignore[arg-type]
