"""How report columns are shown to people (报表格式): headers in the display language and number formats."""
from __future__ import annotations

import pandas as pd

from labkit.i18n import course_term

__all__ = ["COLUMN_LABELS", "MONEY_VALUES", "MONEY_WORDS", "PERCENT_WORDS", "column_format", "column_kind", "display_frame", "header"]

#: report column -> (English, 中文) header shown in Excel and HTML, in the display language.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "dimension": ("Dimension", "维度"), "value": ("Value", "取值"), "label_zh": ("Label", "名称"),
    "exhibitors": ("Exhibitors", "参展商"), "buyers": ("Buyers", "采购商"), "customers": ("Customers", "客户数"), "share": ("Share", "占比"),
    "period": ("Period", "日期"), "kind": ("Campaign kind", "活动类型"), "channel": ("Channel", "渠道"),
    "targets": ("Targets", "目标客户数"), "responses": ("Responses", "响应数"), "response_rate": ("Response rate", "响应率"),
    "region_group": ("Region group", "区域"), "customer_source": ("Customer source", "客户来源"),
    "will_attend": ("Will attend", "将参加"), "will_not_attend": ("Will not attend", "不参加"), "do_not_contact": ("Do not contact", "勿再联系"),
    "campaign_id": ("Campaign", "活动编号"), "edition_id": ("Edition ID", "届次编号"), "edition": ("Edition", "届次"), "theme": ("Theme", "主题"),
    "campaigns": ("Campaigns", "活动数"), "budget": ("Budget", "预算"), "actual_cost": ("Actual cost", "实际费用"),
    "confirmed": ("Registered/booked", "登记/预订"), "attended": ("Attended", "实际到场"), "revenue_won": ("Revenue won", "赢得收入"),
    "cost_per_response": ("Cost/response", "每响应成本"), "cost_per_confirmed": ("Cost/registration or booking", "每登记/预订成本"),
    "cost_per_attendee": ("Cost/attendee", "每到场客户成本"), "roi": ("ROI", "投资回报率"),
    "invited": ("Invited", "邀请"), "delivered": ("Delivered", "送达"), "responded": ("Responded", "响应"), "responded_rate": ("Invited→responded", "响应率"),
    "confirmed_rate": ("Responded→confirmed", "确认率"), "attended_rate": ("Confirmed→attended", "到场率"),
    "overall_rate": ("Invited→attended", "总转化率"),
    "prev_edition_id": ("Previous edition ID", "上届编号"), "prev_exhibitors": ("Previous exhibitors", "上届参展商"),
    "renewed": ("Renewed", "续展"), "not_renewed": ("Not renewed", "未续展"), "new": ("New", "新客户"), "renewal_rate": ("Renewal rate", "续展率"),
    "capacity_booths": ("Sellable booths", "可售展位"), "sellable_m2": ("Sellable m²", "可售面积"), "bookings": ("Bookings", "预订数"),
    "booths_sold": ("Booths sold", "已售展位"), "m2_sold": ("m² sold", "已售面积"), "revenue": ("Revenue", "收入"),
    "booth_occupancy": ("Booth occupancy", "展位销售率"), "m2_occupancy": ("Area occupancy", "面积销售率"),
    "prev_revenue": ("Previous revenue", "上届收入"), "change_booths_sold": ("Booths vs prev.", "展位同比"),
    "change_m2_sold": ("m² vs prev.", "面积同比"), "change_revenue": ("Revenue vs prev.", "收入同比"),
    "category": ("Booth category", "展位类别"), "hall": ("Hall", "展厅"), "booths": ("Booths", "展位数"), "m2": ("m²", "面积"),
    "year": ("Year", "年份"), "participants": ("Participants", "参与客户"), "new_customers": ("New customers", "新客户"),
    "repeat_customers": ("Repeat customers", "重复参与客户"), "satisfaction": ("Satisfaction (1-5)", "满意度（1-5）"),
    "survey_responses": ("Survey responses", "问卷数"), "campaign_cost": ("Campaign cost", "营销费用"),
    "cost_to_serve_total": ("Cost to serve", "服务成本"), "retention_rate": ("Retention rate", "客户保持率"),
    "value_per_customer": ("Value/customer", "客户价值"), "acquisition_cost": ("Acquisition cost", "获取成本"),
    "cost_to_serve_per_customer": ("Cost to serve/customer", "客户服务成本"), "crm_cost": ("CRM cost", "CRM成本"), "crm_roi": ("CRM ROI", "投资回报率"),
    "exhibition_id": ("Exhibition ID", "展会编号"), "role": ("Role", "角色"), "recency": ("Recency", "最近参与"),
    "frequency": ("Frequency", "参与次数"), "returned": ("Returned", "再次参与"), "probability": ("Probability", "再次参与概率"),
    "after_edition": ("After edition", "基于届次"), "returning": ("Returning", "老客户"), "total": ("Total", "合计"),
    "renewals": ("Renewals", "续展"), "measure": ("Measure", "指标"), "forecast": ("Forecast", "预测"), "actual": ("Actual", "实际"),
    "error": ("Error", "误差"), "abs_pct_error": ("Abs. % error", "绝对百分比误差"), "naive": ("Naive", "朴素预测"),
    "naive_error": ("Naive error", "朴素误差"),
    "breakdown": ("Breakdown", "分组方式"), "group": ("Group", "组别"), "answered": ("Answered", "已回答"),
    "missing": ("Not answered", "未回答"),
}

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
    return course_term(*COLUMN_LABELS[name]) if name in COLUMN_LABELS else name


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with headers in the display language (and categories as plain text)."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out.rename(columns=header)
