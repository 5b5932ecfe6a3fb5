"""Charts with bilingual labels that render Chinese and Korean (图表)."""
from labkit.plotting.fonts import font_path, missing_glyphs
from labkit.plotting.style import PALETTE, bilingual, chart_figure, enum_label, use_style

__all__ = ["PALETTE", "bilingual", "chart_figure", "enum_label", "font_path", "missing_glyphs", "use_style"]
