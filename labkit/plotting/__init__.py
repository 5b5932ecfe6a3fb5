"""Charts with bilingual labels that render Chinese and Korean (图表)."""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.plotting.fonts": ("font_path", "missing_glyphs"),
    "labkit.plotting.style": ("PALETTE", "bilingual", "chart_figure", "enum_label", "use_style"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["PALETTE", "bilingual", "chart_figure", "enum_label", "font_path", "missing_glyphs", "use_style"]
