"""The organiser's CRM reports (会展客户关系管理报表): composition, campaigns, attendance,
renewal and space sales, KPIs and forecasts, and the Excel workbook that gathers them (its HTML
version with the charts is :mod:`labkit.plotting.web_report`).

Every report is a function ``report(world) -> pandas.DataFrame``; ``world`` is a
:class:`labkit.world.World` or any mapping of table names to DataFrames following schema.py.
"""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.reports.attendance": ("attendance_funnel",),
    "labkit.reports.campaign_response": ("expected_vs_actual", "response_by_attribute", "response_by_channel"),
    "labkit.reports.composition": ("composition_report", "customer_composition"),
    "labkit.reports.cost_effectiveness": ("campaign_cost_effectiveness", "cost_effectiveness_by_channel"),
    "labkit.reports.simulator": ("CampaignOutcome", "simulate_campaign"),
    "labkit.reports.forecast": ("backtest", "forecast_next_edition", "return_probabilities"),
    "labkit.reports.kpi": ("kpi_dashboard",),
    "labkit.reports.layout": ("header",),
    "labkit.reports.renewal": ("exhibitor_renewal", "space_revenue", "space_sales"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "CampaignOutcome", "simulate_campaign",
    "attendance_funnel", "backtest", "campaign_cost_effectiveness", "composition_report", "customer_composition",
    "cost_effectiveness_by_channel", "exhibitor_renewal", "expected_vs_actual", "forecast_next_edition", "header",
    "kpi_dashboard", "response_by_attribute", "response_by_channel", "return_probabilities",
    "space_revenue", "space_sales",
]
