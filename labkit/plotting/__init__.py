"""Charts with labels in the display language that render Chinese and Korean (图表).

Every chart follows one contract, as in seaborn: ``chart(data, *, ax=None, ...) -> Axes`` draws
on ``ax`` (or a new figure when None) and returns the Axes; styling comes from ``use_style()``
only. ``chart_png`` draws a chart on a figure of its own (widgets, the HTML report).
"""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.plotting.fonts": ("font_path", "missing_glyphs"),
    "labkit.plotting.style": ("PALETTE", "chart_style", "use_style"),
    "labkit.plotting.canvas": ("chart_axes", "chart_png"),
    "labkit.plotting.numbers": ("figure", "money", "p_statement", "p_value", "ratio", "share", "styled"),
    "labkit.plotting.names": ("code_names", "name_of"),
    "labkit.plotting.survey_charts": ("diverging_likert_chart", "ipa_chart", "pareto_chart"),
    "labkit.plotting.classification_charts": ("classification_chart", "role_share_chart", "value_matrix_chart"),
    "labkit.plotting.clv_charts": ("clv_curve_chart", "tornado_chart", "value_concentration_chart"),
    "labkit.plotting.campaign_charts": ("cost_per_attendee_chart", "funnel_chart", "latest_funnel_chart",
                                        "response_rate_chart", "simulated_funnel_chart"),
    "labkit.plotting.exhibition_charts": ("kpi_chart", "renewal_chart"),
    "labkit.plotting.composition_charts": ("composition_chart",),
    "labkit.plotting.web_report": ("REPORT_CHARTS", "write_html"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["PALETTE", "REPORT_CHARTS", "chart_axes", "chart_png", "chart_style", "classification_chart", "code_names",
           "composition_chart",
           "clv_curve_chart", "cost_per_attendee_chart", "diverging_likert_chart", "figure", "font_path",
           "funnel_chart", "ipa_chart", "kpi_chart", "latest_funnel_chart", "missing_glyphs", "money", "name_of", "p_statement",
           "p_value", "pareto_chart",
           "ratio", "renewal_chart", "response_rate_chart", "role_share_chart", "share", "simulated_funnel_chart", "styled",
           "tornado_chart", "use_style", "value_concentration_chart", "value_matrix_chart", "write_html"]
