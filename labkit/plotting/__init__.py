"""Charts with bilingual labels that render Chinese and Korean (图表)."""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.plotting.fonts": ("font_path", "missing_glyphs"),
    "labkit.plotting.style": ("PALETTE", "bilingual", "chart_figure", "enum_label", "use_style"),
    "labkit.plotting.numbers": ("figure", "money", "p_statement", "p_value", "ratio", "share", "styled"),
    "labkit.plotting.survey_charts": ("diverging_likert_chart", "ipa_chart", "pareto_chart"),
    "labkit.reports.charts": ("cost_per_attendee_chart", "kpi_chart", "latest_funnel_chart", "renewal_chart",
                              "response_rate_chart"),  # drawn by the workbook too (reports layer)
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["PALETTE", "bilingual", "chart_figure", "cost_per_attendee_chart", "diverging_likert_chart", "enum_label",
           "figure", "font_path", "ipa_chart", "kpi_chart", "latest_funnel_chart", "missing_glyphs", "money",
           "p_statement", "p_value", "pareto_chart", "ratio", "renewal_chart", "response_rate_chart", "share", "styled", "use_style"]
