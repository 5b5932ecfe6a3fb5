"""CJK fonts for charts (中文/한국어 图表字体).

Charts must render Chinese and Korean data without missing-glyph boxes on a fresh laptop.
The font comes from a Python wheel, not the operating system, so `pip install` is enough:
`mplfonts` ships Google's Noto Sans CJK SC (SIL Open Font License), whose full OTF covers
Simplified and Traditional Chinese, Japanese kana and Korean Hangul.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from labkit.i18n import _

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font file."""
    import mplfonts  # imported here: only the path is needed

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(
            _("the CJK font {font_file} is missing from the mplfonts package at {path}; reinstall it with: pip install --force-reinstall mplfonts").format(font_file=FONT_FILE, path=path)
        )
    return path


@lru_cache(maxsize=1)
def _codepoints() -> frozenset[int]:
    with TTFont(font_path(), lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the chart font cannot draw (whitespace and controls ignored)."""
    cmap = _codepoints()
    return {ch for ch in text if not ch.isspace() and ch.isprintable() and ord(ch) not in cmap}
