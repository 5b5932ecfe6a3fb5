"""The organiser's CRM reports (会展客户关系管理报表): composition, campaigns, attendance,
renewal and space sales, KPIs and forecasts, and the Excel/HTML workbook that gathers them.

Every report is a function ``report(world) -> pandas.DataFrame``; ``world`` is a
:class:`labkit.world.World` or any mapping of table names to DataFrames following schema.py.
"""
from labkit.reports.attendance import attendance_funnel, funnel_chart
from labkit.reports.campaign_response import response_by_attribute, response_by_channel
from labkit.reports.composition import composition_report, customer_composition
from labkit.reports.cost_effectiveness import campaign_cost_effectiveness, cost_effectiveness_by_channel
from labkit.reports.forecast import backtest, forecast_next_edition, return_probabilities
from labkit.reports.kpi import kpi_dashboard
from labkit.reports.renewal import exhibitor_renewal, space_revenue, space_sales

__all__ = [
    "attendance_funnel", "backtest", "campaign_cost_effectiveness", "composition_report", "customer_composition",
    "cost_effectiveness_by_channel", "exhibitor_renewal", "forecast_next_edition", "funnel_chart",
    "kpi_dashboard", "response_by_attribute", "response_by_channel", "return_probabilities",
    "space_revenue", "space_sales",
]
