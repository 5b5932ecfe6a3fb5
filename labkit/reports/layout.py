"""How columns are shown to people (表头与报表格式): headers in the display language (lessons, Excel, HTML) and number formats."""
from __future__ import annotations

import pandas as pd

from labkit.complaints.procedure import STEPS
from labkit.customerdb.record import FIELDS
from labkit.i18n import Label, LabelSet
from labkit.world import schema

__all__ = ["COLUMN_LABELS", "MONEY_VALUES", "MONEY_WORDS", "PERCENT_WORDS", "column_format", "column_kind", "display_frame", "header"]


def _named_in_schema() -> LabelSet:
    """The world's columns and measures, the customer record's fields and the complaint handling steps (the columns
    of ``stage_durations``) under their own names, named where they are defined (a name several tables use takes
    its first table's label unless the kit's own list below names it)."""
    pairs = [(c.name, c.label_zh) for t in schema.TABLES for c in t.columns]
    pairs += [(m.name, m.label_zh) for m in schema.MEASURES] + [(f.key, f.label_zh) for f in FIELDS]
    named: dict[str, Label] = {}
    for name, zh in pairs:
        named.setdefault(name, Label(name.replace("_", " "), zh))
    named |= {step: Label(step, zh) for _code, _at, step, zh in STEPS}
    return LabelSet(named)


#: column -> the header shown in lessons, Excel and HTML, in the display language: every column the kit's functions
#: make (the analytics, reports and facts), then the world's own columns as schema.py names them.
COLUMN_LABELS = _named_in_schema() | LabelSet({
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
    "category": Label("Category", "类别"), "hall": Label("Hall", "展厅"), "booths": Label("Booths", "展位数"), "m2": Label("m²", "面积"),
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
    # names several tables of the world use, each in its own sense: one word for all of them
    "name": Label("Name", "名称"), "city": Label("City", "城市"), "country": Label("Country/region", "国家/地区"),
    "start_date": Label("Start date", "开始日期"), "end_date": Label("End date", "结束日期"), "status": Label("Status", "状态"),
    "created_at": Label("Created", "录入日期"), "cost": Label("Cost", "费用"), "area_m2": Label("Area (m²)", "面积(平方米)"),
    "product_category": Label("Product category", "产品类别"), "medium": Label("Contact medium", "联系方式"),
    # customers and their participation (客户特征)
    "exhibitor": Label("Exhibitors", "参展商"), "buyer": Label("Buyers", "采购商"),
    "exhibitor_share": Label("Exhibitor share", "参展商占比"), "buyer_share": Label("Buyer share", "采购商占比"),
    "total_share": Label("Share of all", "总占比"), "count": Label("Count", "数量"),
    "participations": Label("Participations", "参与届数"), "attendance_rate": Label("Attendance rate", "到场率"),
    "first_edition": Label("First edition", "首次参与届次"), "last_edition": Label("Last edition", "最近参与届次"),
    "editions_missed": Label("Editions missed", "缺席届数"),
    "editions_since_first": Label("Editions since first", "首次参与以来届数"),
    "recency_days": Label("Days since last", "距上次参与天数"), "deals_signed": Label("Deals signed", "签约成交数"),
    "deal_amount": Label("Deal amount", "成交金额"), "deals": Label("Deals", "成交数"), "signed": Label("Signed", "已签约"),
    "complaints": Label("Complaints", "投诉数"), "surveys": Label("Surveys", "问卷数"), "contacts": Label("Contacts", "联系次数"),
    "future_plan": Label("Future plan", "参展/参观意向"), "volume_trend": Label("Purchase trend", "采购量趋势"),
    "buyers_satisfaction": Label("Buyers' satisfaction", "采购商满意度"), "exhibition": Label("Exhibition", "展会"),
    "took_part": Label("Took part", "参与了"), "next_edition_id": Label("Next edition ID", "下届编号"),
    "position": Label("Edition no.", "届次序号"), "seq": Label("Order", "顺序"), "registrations": Label("Registrations", "登记数"),
    "business_type": Label("Business type", "业务类型"),
    # classification and data mining (客户分类、数据挖掘)
    "region": Label("Region", "区域"), "size": Label("Size", "企业规模"), "segment": Label("Segment", "细分群体"),
    "potential_value": Label("Potential value", "潜在价值"), "current_high": Label("High current value", "当前价值高"),
    "potential_high": Label("High potential value", "潜在价值高"), "loyalty": Label("Loyalty", "忠诚度"),
    "track_care": Label("Track or care", "跟踪/关怀"), "exhibition_stage": Label("Relationship stage", "关系阶段"),
    "conference_stage": Label("Conference stage", "会议客户阶段"), "rfm_segment": Label("RFM segment", "RFM 细分"),
    "monetary": Label("Monetary", "消费金额"), "cluster": Label("Cluster", "聚类"), "k": Label("Clusters k", "聚类数 k"),
    "silhouette": Label("Silhouette", "轮廓系数"), "median_recency": Label("Median recency", "最近参与中位数"),
    "median_frequency": Label("Median frequency", "参与次数中位数"),
    "median_monetary": Label("Median monetary", "消费金额中位数"),
    "is_exhibitor": Label("Exhibitor", "是否参展商"), "came_last": Label("Took part last edition", "上届参与"),
    "times": Label("Editions so far", "已参与届数"), "since_last": Label("Editions since last", "距上次参与届数"),
    "came": Label("Took part", "参与了"),
    "antecedent": Label("If (antecedent)", "前项"), "consequent": Label("Then (consequent)", "后项"),
    "antecedent_items": Label("Antecedent codes", "前项代码"), "consequent_items": Label("Consequent codes", "后项代码"),
    "support": Label("Support", "支持度"), "confidence": Label("Confidence", "置信度"), "lift": Label("Lift", "提升度"),
    "baseline_editions": Label("Earlier editions", "前期参与届数"), "recent_editions": Label("Recent editions", "近期参与届数"),
    "baseline_spend": Label("Earlier spend", "前期展位消费"), "recent_spend": Label("Recent spend", "近期展位消费"),
    "change": Label("Change", "变化"), "deviation": Label("Deviation", "偏差类型"), "meaning": Label("Meaning", "含义"),
    # customer value (客户价值、终身价值)
    "clv": Label("CLV", "客户终身价值"), "retention": Label("Retention rate", "客户保持率"), "years": Label("Years", "年数"),
    "active_last_year": Label("Active last year", "去年活跃"), "annual_net_value": Label("Annual net value", "年均净价值"),
    "expected_future_value": Label("Expected future value", "预期未来价值"), "value_tier": Label("Value tier", "价值分层"),
    "customer_id": Label("Customer ID", "客户编号"), "cds": Label("CDs", "CD 数量"),
    "monetary_value": Label("Average spend", "平均消费金额"), "T": Label("Weeks observed (T)", "观察期 T(周)"),
    "share_of_value": Label("Share of value", "价值占比"), "n_periods": Label("Periods", "期数"),
    "p_alive": Label("P(still a customer)", "仍是客户的概率"), "expected_purchases": Label("Expected purchases", "预期购买次数"),
    "expected_spend": Label("Expected spend", "预期每次消费"), "input": Label("Input", "输入变量"),
    "low": Label("Low", "低值"), "high": Label("High", "高值"), "clv_low": Label("CLV at low", "低值时的 CLV"),
    "clv_high": Label("CLV at high", "高值时的 CLV"), "swing": Label("Swing", "波动幅度"),
    "last": Label("Last bought", "上次购买"), "next": Label("Next buys", "下次购买"), "ours": Label("Ours", "本展"),
    "rival": Label("Rival", "竞争对手"),
    "churn_rate": Label("Churn rate", "流失率"), "lifetime": Label("Average lifetime", "平均生命周期"),
    "lost": Label("Lost", "流失客户数"), "annual_profit_per_customer": Label("Annual profit per customer", "年平均利润"),
    "annuity_factor": Label("Annuity factor", "年金现值系数"), "clv_per_customer": Label("CLV per customer", "每位客户终身价值"),
    "clv_total": Label("CLV of the group", "客户群终身价值"),
    # surveys and complaints (问卷调查、客户投诉)
    "content": Label("Content", "展会内容"), "organisation": Label("Organisation", "展会组织"),
    "interaction": Label("Interaction", "互动交流"), "overall": Label("Overall", "总体评价"),
    "return_intention": Label("Return intention", "再次参与意向"), "rate": Label("Rate", "回收率"),
    "surveyed": Label("Surveyed", "调查对象数"), "item": Label("Item", "题项"), "items": Label("Items", "题项数"),
    "alpha": Label("Alpha", "α 系数"), "alpha_if_deleted": Label("Alpha if deleted", "删除该题后的 α"),
    "item_total_r": Label("Item-total r", "题总相关"), "n": Label("n", "样本量"), "median": Label("Median", "中位数"),
    "importance": Label("Importance", "重要性"), "performance": Label("Performance", "表现"),
    "quadrant": Label("Quadrant", "象限"), "r": Label("r", "相关系数 r"), "beta": Label("Beta", "标准化系数 β"),
    "rank": Label("Rank", "排名"), "csat": Label("CSAT", "CSAT"),
    "complaint": Label("Complaint group", "投诉分组"), "answered_survey": Label("Answered a survey", "填写了问卷"),
    "return_rate": Label("Return rate", "再次参与率"), "median_satisfaction": Label("Median satisfaction", "满意度中位数"),
    "resolved": Label("Complaints resolved", "已处理"),
    "resolved_share": Label("Resolved share", "处理完成率"), "mean_hours": Label("Mean hours", "平均小时数"),
    "median_hours": Label("Median hours", "小时数中位数"), "cumulative_share": Label("Cumulative share", "累计占比"),
    "vital_few": Label("Vital few", "关键少数"), "true_stage": Label("True stage", "真实阶段"),
    "rule_stage": Label("Stage by the rule", "规则判断的阶段"), "rung": Label("Loyalty rung", "忠诚阶梯"),
    "mean_recommend": Label("Mean willingness to recommend", "平均推荐意愿"),
    "promoters": Label("Promoters", "推荐者"), "passives": Label("Passives", "中立者"), "detractors": Label("Detractors", "贬损者"),
    "by": Label("Grouped by", "分组依据"), "chi2": Label("χ²", "χ²"), "dof": Label("Degrees of freedom", "自由度"),
    "cramers_v": Label("Cramér's V", "Cramér's V"), "low_expected_share": Label("Cells expected < 5", "期望频数小于5的格子占比"),
    "rank_test": Label("Rank test", "秩检验"), "rank_p": Label("Rank test p", "秩检验 p值"),
    # relationships, loyalty and membership (客户关系、忠诚、会员)
    "trust": Label("Trust", "信任感"), "belonging": Label("Belonging", "归属感"),
    "friendship": Label("Business friendship", "商业友谊"), "construct": Label("Construct", "构念"),
    "reading": Label("Reading", "解读"), "ci_low": Label("CI low", "置信区间下限"), "ci_high": Label("CI high", "置信区间上限"),
    "estimate": Label("Estimate", "估计值"), "std_error": Label("Std. error", "标准误"), "p_value": Label("p", "p值"),
    "r_squared": Label("R²", "R²"), "observed": Label("Observed", "观测值"), "corrected": Label("Corrected", "校正后"),
    "truth": Label("True value", "真实值"), "covered": Label("Interval holds the truth", "区间含真实值"),
    "intention": Label("Intention", "意向"), "positive_attitude": Label("Positive attitude", "态度积极"),
    "repeat_behaviour": Label("Repeat behaviour", "重复参与"), "type": Label("Type", "类型"),
    "cultivation": Label("Cultivation", "培养方法"), "strategy": Label("Strategy", "策略"),
    "strategy_name": Label("Strategy name", "策略名称"), "action": Label("Action", "行动"),
    "points": Label("Membership points", "积分"), "tier": Label("Tier", "会员等级"), "tier_name": Label("Tier name", "等级名称"),
    "benefits": Label("Benefits", "会员权益"),
    # campaigns and their reports (营销活动)
    "expected_responses": Label("Expected responses", "预计响应数"), "actual_responses": Label("Actual responses", "实际响应数"),
    "achieved": Label("Achieved", "达成率"), "gap": Label("Gap", "差额"), "has_list": Label("Has a list", "有邀请名单"),
    "recruitment_cost": Label("Recruitment cost", "招展招商费用"), "incremental": Label("Incremental", "新增到场"),
    "run": Label("Run", "模拟轮次"), "step": Label("Step", "环节"), "attended_spread": Label("Spread of attendees", "到场数极差"),
    "expected_attendees": Label("Expected attendees", "预计到场人数"),
    # the customer database (客户数据库)
    "customer": Label("Customer", "客户"), "record": Label("Record", "记录"), "records": Label("Records", "记录数"),
    "department": Label("Department", "部门"), "departments": Label("Departments", "部门数"),
    "source_id": Label("Source record", "来源记录号"), "name_exact": Label("Same name", "名称相同"),
    "name_similar": Label("Similar name", "名称相似"), "org_id_1": Label("Customer 1", "客户 1"),
    "org_id_2": Label("Customer 2", "客户 2"), "id": Label("No.", "编号"), "conflicts": Label("Customers with conflicting values", "取值冲突的客户数"),
    "contact_name": Label("Contact", "联系人"), "contact_title": Label("Contact's title", "联系人职务"),
    "contact_phone": Label("Contact's phone", "联系人电话"), "contact_email": Label("Contact's e-mail", "联系人电子邮箱"),
    "m": Label("m probability", "m 概率"), "u": Label("u probability", "u 概率"), "weight": Label("Weight", "权重"),
    "pairs_found": Label("Pairs found", "找到的重复对"), "true_pairs": Label("True pairs", "真实重复对"),
    "correct": Label("Found correctly", "找对的重复对"), "precision": Label("Precision", "查准率"),
    "recall": Label("Recall", "查全率"), "f1": Label("F1", "F1"),
    "row": Label("Row", "行号"), "field": Label("Field", "字段"), "reason": Label("Reason", "原因"),
    # the data dictionary (数据字典)
    "rows": Label("Rows", "行数"), "description": Label("Description", "说明"), "foreign_key": Label("Foreign key", "外键"),
    "primary_key": Label("Points to (primary key)", "指向的主键"),
    # describe()'s statistics (描述统计)
    "mean": Label("Mean", "平均值"), "std": Label("Std. dev.", "标准差"), "min": Label("Min", "最小值"),
    "25%": Label("25th percentile", "25% 分位数"), "50%": Label("Median", "中位数"), "75%": Label("75th percentile", "75% 分位数"),
    "max": Label("Max", "最大值"),
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
