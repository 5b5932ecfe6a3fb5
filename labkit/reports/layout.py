"""How report columns are shown to people (报表格式): headers in the display language and number formats."""
from __future__ import annotations

import pandas as pd

from labkit.i18n import Label, LabelSet

__all__ = ["COLUMN_LABELS", "MONEY_VALUES", "MONEY_WORDS", "PERCENT_WORDS", "column_format", "column_kind", "display_frame", "header"]

#: report column -> the header shown in Excel and HTML, in the display language.
COLUMN_LABELS = LabelSet({
    "dimension": Label("Dimension", "维度"), "value": Label("Value", "取值"), "label": Label("Name", "名称"),
    "exhibitors": Label("Exhibitors", "参展商"), "buyers": Label("Buyers", "采购商"), "customers": Label("Customers", "客户数"), "share": Label("Share", "占比"),
    "period": Label("Period", "日期"), "kind": Label("Campaign kind", "活动类型"), "channel": Label("Channel", "渠道"),
    "targets": Label("Targets", "目标客户数"), "responses": Label("Responses", "响应数"), "response_rate": Label("Response rate", "响应率"),
    "region_group": Label("Region group", "区域"), "customer_source": Label("Customer source", "客户来源"),
    "will_attend": Label("Will attend", "将参加"), "will_not_attend": Label("Will not attend", "不参加"), "do_not_contact": Label("Do not contact", "勿再联系"),
    "campaign_id": Label("Campaign", "活动编号"), "edition_id": Label("Edition ID", "届次编号"), "edition": Label("Edition", "届次"), "theme": Label("Theme", "主题"),
    "campaigns": Label("Campaigns", "活动数"), "budget": Label("Budget", "预算"), "actual_cost": Label("Actual cost", "实际费用"),
    "confirmed": Label("Registered/booked", "登记/预订"), "attended": Label("Attended", "实际到场"), "revenue_won": Label("Revenue won", "赢得收入"),
    "cost_per_response": Label("Cost/response", "每响应成本"), "cost_per_confirmed": Label("Cost/registration or booking", "每登记/预订成本"),
    "cost_per_attendee": Label("Cost/attendee", "每到场客户成本"), "roi": Label("ROI", "投资回报率"),
    "invited": Label("Invited", "邀请"), "delivered": Label("Delivered", "送达"), "responded": Label("Responded", "响应"), "responded_rate": Label("Invited→responded", "响应率"),
    "confirmed_rate": Label("Responded→confirmed", "确认率"), "attended_rate": Label("Confirmed→attended", "到场率"),
    "overall_rate": Label("Invited→attended", "总转化率"),
    "prev_edition_id": Label("Previous edition ID", "上届编号"), "prev_exhibitors": Label("Previous exhibitors", "上届参展商"),
    "renewed": Label("Renewed", "续展"), "not_renewed": Label("Not renewed", "未续展"), "new": Label("New", "新客户"), "renewal_rate": Label("Renewal rate", "续展率"),
    "capacity_booths": Label("Sellable booths", "可售展位"), "sellable_m2": Label("Sellable m²", "可售面积"), "bookings": Label("Bookings", "预订数"),
    "booths_sold": Label("Booths sold", "已售展位"), "m2_sold": Label("m² sold", "已售面积"), "revenue": Label("Revenue", "收入"),
    "booth_occupancy": Label("Booth occupancy", "展位销售率"), "m2_occupancy": Label("Area occupancy", "面积销售率"),
    "prev_revenue": Label("Previous revenue", "上届收入"), "change_booths_sold": Label("Booths vs prev.", "展位同比"),
    "change_m2_sold": Label("m² vs prev.", "面积同比"), "change_revenue": Label("Revenue vs prev.", "收入同比"),
    "category": Label("Booth category", "展位类别"), "hall": Label("Hall", "展厅"), "booths": Label("Booths", "展位数"), "m2": Label("m²", "面积"),
    "year": Label("Year", "年份"), "participants": Label("Participants", "参与客户"), "new_customers": Label("New customers", "新客户"),
    "repeat_customers": Label("Repeat customers", "重复参与客户"), "satisfaction": Label("Satisfaction (1-5)", "满意度（1-5）"),
    "survey_responses": Label("Survey responses", "问卷数"), "campaign_cost": Label("Campaign cost", "营销费用"),
    "cost_to_serve_total": Label("Cost to serve", "服务成本"), "retention_rate": Label("Retention rate", "客户保持率"),
    "value_per_customer": Label("Value/customer", "客户价值"), "acquisition_cost": Label("Acquisition cost", "获取成本"),
    "cost_to_serve_per_customer": Label("Cost to serve/customer", "客户服务成本"), "crm_cost": Label("CRM cost", "CRM成本"), "crm_roi": Label("CRM ROI", "投资回报率"),
    "exhibition_id": Label("Exhibition ID", "展会编号"), "role": Label("Role", "角色"), "recency": Label("Recency", "最近参与"),
    "frequency": Label("Frequency", "参与次数"), "returned": Label("Returned", "再次参与"), "probability": Label("Probability", "再次参与概率"),
    "after_edition": Label("After edition", "基于届次"), "returning": Label("Returning", "老客户"), "total": Label("Total", "合计"),
    "renewals": Label("Renewals", "续展"), "measure": Label("Measure", "指标"), "forecast": Label("Forecast", "预测"), "actual": Label("Actual", "实际"),
    "error": Label("Error", "误差"), "abs_pct_error": Label("Abs. % error", "绝对百分比误差"), "naive": Label("Naive", "朴素预测"),
    "naive_error": Label("Naive error", "朴素误差"),
    "breakdown": Label("Breakdown", "分组方式"), "group": Label("Group", "组别"), "answered": Label("Answered", "已回答"),
    "missing": Label("Not answered", "未回答"),
})

PERCENT_WORDS = ("rate", "share", "occupancy", "roi", "change_", "pct", "probability", "p_alive")
MONEY_WORDS = ("cost", "budget", "revenue", "price", "amount", "spend", "monetary", "margin", "profit", "clv")
#: "value" alone is too many things (a 0-1 potential value, a category "negative_value"): these are money.
MONEY_VALUES = ("lifetime_value", "net_value", "current_value", "value_per_customer")
_EXCEL_FORMATS = {"text": "@", "share": "0.0%", "money": "#,##0.00", "code": "0", "count": "#,##0", "decimal": "#,##0.00"}


def column_kind(name: object, dtype: object) -> str:
    """What a column holds, read from its name (the one rule for every table shown to people):
    ``share`` (0-1, shown as %), ``money``, ``code`` (ids, years), ``count``, ``decimal`` or ``text``."""
    if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return "text"
    words = str(name).lower()
    if any(w in words for w in PERCENT_WORDS):
        return "share"
    if words in MONEY_VALUES or any(w in words for w in MONEY_WORDS):
        return "money"
    if words.endswith("_id") or words in ("id", "year"):
        return "code"
    return "count" if pd.api.types.is_integer_dtype(dtype) else "decimal"


def column_format(name: str, dtype: object) -> str:
    """Excel number format of a report column: percent, money, integer, decimal or text ('@')."""
    return _EXCEL_FORMATS[column_kind(name, dtype)]


def header(name: str) -> str:
    """The header of a report column in the display language (the column name when it has none)."""
    return COLUMN_LABELS.text(name)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with headers in the display language (and categories as plain text)."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out.rename(columns=header)
