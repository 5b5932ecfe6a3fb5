"""The world's single source of truth: tables, columns, keys and enumerations (数据字典).

Everything else reads this module: the generator builds exactly these columns, the
customer database creates its tables from it, ``labkit schema --json`` prints it, and
``datasets/README.md`` (the data dictionary) is generated from it.

Enumerations are stored as English codes; every code has a label (``ENUMS[name].labels``, a ``LabelSet``).
Tables, columns and measures show their ``label`` in the display language: the course's Chinese
in zh_CN, the name in words in en_US, the catalog's Korean in ko_KR.
Their descriptions are English msgids (``N_``) shown through the catalogs (``display_description``).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from labkit.errors import UnknownName
from labkit.i18n import N_, Label, LabelSet, _

#: The column types of the world (列类型): a typo such as "Integer" is a type error, not a new type.
ColumnType = Literal["int", "Int", "float", "bool", "string", "category", "date", "datetime"]
COLUMN_TYPES: tuple[ColumnType, ...] = get_args(ColumnType)

#: Column dtypes used in the world and how pandas holds them.
DTYPES: dict[ColumnType, str] = {
    "int": "int64",            # never null
    "Int": "Int64",            # nullable integer
    "float": "float64",        # null allowed as NaN
    "bool": "bool",
    "string": "string",        # free text or identifiers, nullable
    "category": "category",    # one of an enumeration (codes), nullable
    "date": "datetime64[ns]",  # calendar date (time part 00:00)
    "datetime": "datetime64[ns]",
}


class Codes(StrEnum):
    """The stored codes of one enumeration (枚举值), each with its Chinese name: a member is its code
    (``Role.buyer == "buyer"``), so a misspelt code in the kit's code is a type error, not an empty filter.
    A member is written ``code = "code", "中文"``; the module checks that each member's name is its code.
    ``str(member)`` is the plain code, for data (never ``.value``: the checker reads it as the pair)."""

    zh: str

    if not TYPE_CHECKING:  # the checker sees plain str members; at run time each carries its Chinese name
        def __new__(cls, code: str, zh: str) -> Any:
            member = str.__new__(cls, code)
            member._value_ = code
            member.zh = zh
            return member

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """Every code of the enumeration in order, as plain strings (for data and lists of choices)."""
        return tuple(str(member) for member in cls)

    @property
    def label(self) -> Label:
        """The code's display name: English is the code in words, Chinese the course's."""
        return Label(str(self).replace("_", " "), self.zh)


@dataclass(frozen=True)
class Enum:
    """A closed list of codes with their labels (枚举值): ``ENUMS["role"].labels.text("buyer")`` is 采购商 in zh_CN."""

    name: str
    members: type[Codes]
    labels: LabelSet

    @classmethod
    def of(cls, members: type[Codes]) -> Enum:
        """The enumeration of a :class:`Codes` class, named in snake case (``SizeBand`` -> ``size_band``)."""
        misspelt = [m.name for m in members if m.name != str(m)]
        if misspelt:
            raise TypeError(f"{members.__name__}: member names differ from their codes: {misspelt}")
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", members.__name__).lower()
        return cls(name, members, LabelSet({str(m): m.label for m in members}))

    @property
    def codes(self) -> tuple[str, ...]:
        return self.labels.codes


class _Described:
    """Something the data dictionary explains: its English ``description`` is the catalog's msgid."""

    description: str

    @property
    def display_description(self) -> str:
        """The description in the display language (说明)."""
        return _(self.description)


@dataclass(frozen=True)
class Column(_Described):
    name: str
    dtype: ColumnType
    description: str
    label_zh: str
    enum: str | None = None
    nullable: bool = False
    item: Label | None = None  # a survey item's wording, the {item} of the description

    @property
    def display_description(self) -> str:
        """The description in the display language, with a survey item's wording in it (说明)."""
        text = _(self.description)
        return text if self.item is None else text.format(item=self.item.text)

    @property
    def label(self) -> str:
        """The column's name in the display language (列名): 展会名称 in zh_CN."""
        return Label(self.name.replace("_", " "), self.label_zh).text

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "dtype": self.dtype,
            "description": self.display_description,
            "label_zh": self.label_zh,
            "label": self.label,
            "nullable": self.nullable,
        }
        if self.enum is not None:
            out["enum"] = list(ENUMS[self.enum].codes)
        return out


@dataclass(frozen=True)
class ForeignKey:
    """A column holding another table's key (外键): ``ForeignKey("org_id", "organisations", "org_id")``.
    The module checks at import that the column, the table and its key exist."""

    column: str
    table: str
    target_column: str

    @property
    def references(self) -> str:
        """``table.column`` as the data dictionary and SQL write it."""
        return f"{self.table}.{self.target_column}"


@dataclass(frozen=True)
class Table(_Described):
    name: str
    label_zh: str
    description: str
    primary_key: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    optional: bool = False  # only present when asked for (e.g. defects)
    kind: str = "dynamic"   # "static" master data or "dynamic" behaviour (静态/动态数据)

    @property
    def label(self) -> str:
        """The table's name in the display language (表名): 展会 in zh_CN."""
        return Label(self.name.replace("_", " "), self.label_zh).text

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise UnknownName(_("table {table!r} has no column {name!r}; its columns are {columns}").format(
            table=self.name, name=name, columns=", ".join(self.column_names)))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label_zh": self.label_zh,
            "label": self.label,
            "description": self.display_description,
            "kind": self.kind,
            "optional": self.optional,
            "primary_key": self.primary_key,
            "columns": [c.to_json() for c in self.columns],
            "foreign_keys": [{"column": fk.column, "references": fk.references} for fk in self.foreign_keys],
        }


class Role(Codes):
    """角色"""

    exhibitor = "exhibitor", "参展商"
    buyer = "buyer", "采购商"


class SizeBand(Codes):
    """企业规模 by employees (not the 中小企业划型标准)."""

    micro = "micro", "1-9人"
    small = "small", "10-49人"
    medium = "medium", "50-249人"
    large = "large", "250人及以上"


class Industry(Codes):
    """行业"""

    electronics = "electronics", "电子电器"
    machinery = "machinery", "机械设备"
    hardware_tools = "hardware_tools", "五金工具"
    building_materials = "building_materials", "建材"
    furniture_home = "furniture_home", "家具家居"
    textiles_apparel = "textiles_apparel", "纺织服装"
    gifts_toys = "gifts_toys", "礼品玩具"
    food_agriculture = "food_agriculture", "食品农产品"
    health_medical = "health_medical", "医药保健"
    auto_parts = "auto_parts", "汽车配件"
    chemicals = "chemicals", "化工产品"
    consumer_goods = "consumer_goods", "日用消费品"


class BusinessNature(Codes):
    """业务性质"""

    manufacturer = "manufacturer", "生产商"
    trading_company = "trading_company", "贸易公司"
    wholesaler = "wholesaler", "批发商"
    retailer = "retailer", "零售商"
    ecommerce = "ecommerce", "电商"
    agent = "agent", "代理商"
    service_provider = "service_provider", "服务商"


class DataSource(Codes):
    """数据来源"""

    registration = "registration", "注册登记"
    e_ticket = "e_ticket", "电子门票"
    website = "website", "网站"
    call_centre = "call_centre", "呼叫中心"
    survey = "survey", "调查问卷"
    sales_dept = "sales_dept", "销售部"
    marketing_dept = "marketing_dept", "市场部"
    service_dept = "service_dept", "客服部"
    on_site = "on_site", "现场"


class DataSourceDetail(Codes):
    """数据来源明细"""

    online_form = "online_form", "网上预登记表"
    wechat_form = "wechat_form", "微信登记"
    ticket_app = "ticket_app", "电子门票App"
    ticket_partner = "ticket_partner", "合作方票务"
    website_enquiry = "website_enquiry", "网站询盘"
    newsletter = "newsletter", "电子报订阅"
    inbound_call = "inbound_call", "客户来电"
    outbound_call = "outbound_call", "外呼名单"
    onsite_questionnaire = "onsite_questionnaire", "现场问卷"
    online_questionnaire = "online_questionnaire", "网络问卷"
    sales_visit = "sales_visit", "销售拜访"
    past_exhibitors = "past_exhibitors", "往届展商名录"
    association_list = "association_list", "行业协会名录"
    purchased_list = "purchased_list", "购买名录"
    service_request = "service_request", "服务请求"
    business_card = "business_card", "名片交换"
    booth_scan = "booth_scan", "展位扫码"


class SalesVenue(Codes):
    """主要销售场所"""

    wholesale_market = "wholesale_market", "批发市场"
    retail_stores = "retail_stores", "零售门店"
    online_platform = "online_platform", "电商平台"
    export_markets = "export_markets", "海外市场"
    direct_to_business = "direct_to_business", "企业直销"


class Channel(Codes):
    """营销渠道"""

    email = "email", "电子邮件"
    sms = "sms", "短信"
    fax = "fax", "传真"
    letter = "letter", "信函"
    website = "website", "网站"
    magazine = "magazine", "杂志"
    phone = "phone", "电话"
    other = "other", "其他"


class Session(Codes):
    """季节"""

    spring = "spring", "春季"
    autumn = "autumn", "秋季"


class BoothKind(Codes):
    """展位类型"""

    standard = "standard", "标准展位"
    premium = "premium", "品牌展位"
    raw_space = "raw_space", "光地"


class PriceBasis(Codes):
    """计价方式"""

    per_booth = "per_booth", "按展位"
    per_m2 = "per_m2", "按平方米"


class BookingStatus(Codes):
    """预订状态"""

    quoted = "quoted", "已报价"
    reserved = "reserved", "已预订"
    confirmed = "confirmed", "已确认"
    cancelled = "cancelled", "已取消"


class RegistrationStatus(Codes):
    """登记状态"""

    registered = "registered", "已登记"
    confirmed = "confirmed", "已确认"
    attended = "attended", "已到场"
    no_show = "no_show", "未到场"


class RegistrationSource(Codes):
    """登记来源"""

    online = "online", "网上登记"
    invitation = "invitation", "邀请函"
    call_centre = "call_centre", "呼叫中心"
    on_site = "on_site", "现场登记"


class DealStage(Codes):
    """成交阶段"""

    intention = "intention", "意向"
    negotiating = "negotiating", "洽谈中"
    signed = "signed", "已成交"


class CampaignKind(Codes):
    """活动类型"""

    exhibitor_recruitment = "exhibitor_recruitment", "招展"
    buyer_recruitment = "buyer_recruitment", "招商"
    visitor_incentive = "visitor_incentive", "优惠或便利措施"


class Response(Codes):
    """邀请回复"""

    will_attend = "will_attend", "将参加"
    will_not_attend = "will_not_attend", "不参加"
    do_not_contact = "do_not_contact", "勿再联系"


class VisitPurpose(Codes):
    """参展/参观目的"""

    place_orders = "place_orders", "下单采购"
    find_suppliers = "find_suppliers", "寻找新供应商"
    market_information = "market_information", "了解市场信息"
    new_products = "new_products", "寻找新产品"
    brand_promotion = "brand_promotion", "品牌推广"
    networking = "networking", "交流合作"


class FuturePlan(Codes):
    """未来计划"""

    definitely = "definitely", "一定会"
    probably = "probably", "可能会"
    undecided = "undecided", "未决定"
    unlikely = "unlikely", "不太可能"
    no = "no", "不会"


class VolumeChange(Codes):
    """采购量变化"""

    increase_much = "increase_much", "大幅增加"
    increase = "increase", "增加"
    same = "same", "持平"
    decrease = "decrease", "减少"
    decrease_much = "decrease_much", "大幅减少"


class ComplaintChannel(Codes):
    """投诉渠道"""

    phone = "phone", "电话"
    email = "email", "电子邮件"
    online_form = "online_form", "网上表单"
    on_site = "on_site", "现场"


class ComplaintCategory(Codes):
    """投诉类别"""

    booth_facilities = "booth_facilities", "展位设施"
    registration_entry = "registration_entry", "登记入场"
    logistics = "logistics", "物流运输"
    cleanliness_safety = "cleanliness_safety", "清洁安全"
    catering = "catering", "餐饮"
    buyer_quality = "buyer_quality", "买家质量"
    pricing_billing = "pricing_billing", "价格账单"
    staff_service = "staff_service", "工作人员服务"
    other = "other", "其他"


class Priority(Codes):
    """优先级"""

    low = "low", "低"
    medium = "medium", "中"
    high = "high", "高"


class ComplaintStatus(Codes):
    """投诉处理状态"""

    recorded = "recorded", "已记录"
    confirmed = "confirmed", "已确认"
    investigating = "investigating", "调查中"
    resolved = "resolved", "已解决"
    feedback_given = "feedback_given", "已反馈"
    followed_up = "followed_up", "已回访"


class ContactMedium(Codes):
    """联系方式"""

    phone = "phone", "电话"
    email = "email", "电子邮件"
    sms = "sms", "短信"
    visit = "visit", "拜访"
    letter = "letter", "信函"
    fax = "fax", "传真"
    online_chat = "online_chat", "在线沟通"


class Direction(Codes):
    """呼入/呼出"""

    inbound = "inbound", "呼入"
    outbound = "outbound", "呼出"


class ContactResult(Codes):
    """联系结果"""

    reached = "reached", "已联系上"
    no_answer = "no_answer", "未接通"
    follow_up_needed = "follow_up_needed", "需跟进"
    deal_progressed = "deal_progressed", "推进成交"
    opted_out = "opted_out", "拒绝联系"


class DefectKind(Codes):
    """数据缺陷类型"""

    duplicate_entry = "duplicate_entry", "重复录入"
    variant_spelling = "variant_spelling", "名称写法不一"
    missing_value = "missing_value", "缺失值"
    malformed_phone = "malformed_phone", "电话格式错误"
    malformed_email = "malformed_email", "邮箱格式错误"
    wrong_province = "wrong_province", "城市与省份不符"


class LifecycleStage(Codes):
    """生命周期阶段"""

    exploration = "exploration", "考察期"
    formation = "formation", "形成期"
    stability = "stability", "稳定期"
    decline = "decline", "退化期"


#: Size bands (企业规模) by number of employees: micro <10, small <50, medium <250, large 250+.
SIZE_BANDS: tuple[tuple[SizeBand, int], ...] = ((SizeBand.micro, 10), (SizeBand.small, 50), (SizeBand.medium, 250))
LARGEST_BAND = SizeBand.large


def size_band(employees: Any) -> Any:
    """Size band code for a number of employees, or a numpy array of codes for an array of them.

    A scalar that is unknown (None, NaN, pandas NA) gives None.
    """
    limits = [limit for _, limit in SIZE_BANDS]
    codes = [str(code) for code, _ in SIZE_BANDS] + [str(LARGEST_BAND)]
    if hasattr(employees, "__len__"):
        import numpy as np  # only the generator passes arrays; keep this module light to import

        return np.array(codes, dtype=object)[np.searchsorted(limits, employees, side="right")]
    if employees is None or (isinstance(employees, float) and math.isnan(employees)) or str(employees) == "<NA>":
        return None
    return next((str(code) for code, limit in SIZE_BANDS if employees < limit), str(LARGEST_BAND))


#: Every enumeration by its name (what a column's ``enum`` names).
ENUMS: dict[str, Enum] = {e.name: e for e in map(Enum.of, (
    Role, SizeBand, Industry, BusinessNature, DataSource, DataSourceDetail, SalesVenue, Channel, Session, BoothKind,
    PriceBasis, BookingStatus, RegistrationStatus, RegistrationSource, DealStage, CampaignKind, Response, VisitPurpose,
    FuturePlan, VolumeChange, ComplaintChannel, ComplaintCategory, Priority, ComplaintStatus, ContactMedium, Direction,
    ContactResult, DefectKind, LifecycleStage,
))}

#: The questionnaire (问卷) the survey columns come from: its Likert items and its relationship items.
QUESTIONNAIRE_FILE = Path(str(resources.files("labkit") / "data" / "questionnaire.json"))


@dataclass(frozen=True)
class SurveyItem:
    """A questionnaire item (题项): the dimension or construct it measures, and its wording."""

    group: str
    wording: Label


def _survey_items(groups: str) -> dict[str, SurveyItem]:
    raw = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    return {item["column"]: SurveyItem(group["name"], Label(item["en"], item["zh"]))
            for group in raw[groups] for item in group["items"]}


#: Satisfaction items by column, 1 = very dissatisfied ... 5 = very satisfied, each in its
#: dimension (content, organisation, interaction, overall).
LIKERT_ITEMS: dict[str, SurveyItem] = _survey_items("dimensions")
#: Agreement items of the relationship chain (教材第六章: 信任感、归属感、商业友谊、忠诚感),
#: 1 = strongly disagree ... 5 = strongly agree, each in its construct.
RELATIONSHIP_ITEMS: dict[str, SurveyItem] = _survey_items("constructs")

_C = Column
_FK = ForeignKey

TABLES: tuple[Table, ...] = (
    Table(
        "exhibitions", "展会", N_("Exhibitions the organiser runs (one row per exhibition brand)."),
        "exhibition_id",
        (
            _C("exhibition_id", "int", N_("Exhibition identifier"), "展会编号"),
            _C("name", "string", N_("Exhibition name in the world's locale"), "展会名称"),
            _C("name_en", "string", N_("Exhibition name in English"), "展会英文名称"),
            _C("industry_focus", "category", N_("Main industry of the exhibition (or none for a general fair)"), "行业定位", "industry", nullable=True),
            _C("venue", "string", N_("Exhibition centre"), "展馆"),
            _C("city", "string", N_("City of the venue"), "举办城市"),
            _C("country", "string", N_("ISO 3166-1 alpha-2 country code of the venue"), "举办国家"),
        ),
        kind="static",
    ),
    Table(
        "editions", "展会届次", N_("One edition (session) of an exhibition: year, spring or autumn, dates and capacity."),
        "edition_id",
        (
            _C("edition_id", "int", N_("Edition identifier; increases with time"), "届次编号"),
            _C("exhibition_id", "int", N_("Exhibition this edition belongs to"), "展会编号"),
            _C("name", "string", N_("Edition name, e.g. '2024 Spring'"), "届次名称"),
            _C("year", "int", N_("Calendar year"), "年份"),
            _C("session", "category", N_("Spring or autumn session"), "季节", "session"),
            _C("start_date", "date", N_("First day open"), "开幕日期"),
            _C("end_date", "date", N_("Last day open"), "闭幕日期"),
            _C("halls", "int", N_("Number of halls used"), "展厅数"),
            _C("capacity_booths", "int", N_("Sellable standard-booth equivalents (9 m² each)"), "可售展位数"),
            _C("sellable_m2", "float", N_("Sellable exhibition area in m²"), "可售面积(平方米)"),
        ),
        (_FK("exhibition_id", "exhibitions", "exhibition_id"),),
    ),
    Table(
        "organisations", "客户单位", N_("Exhibitor and buyer companies: the static customer data (静态数据)."),
        "org_id",
        (
            _C("org_id", "int", N_("Customer (company) identifier"), "客户编号"),
            _C("role", "category", N_("Exhibitor or buyer"), "客户角色", "role"),
            _C("name", "string", N_("Company name in the script of its country"), "公司名称"),
            _C("country", "string", N_("ISO 3166-1 alpha-2 country code"), "国家/地区"),
            _C("province", "string", N_("Province or state (省/州); empty outside the home country"), "省份/州", nullable=True),
            _C("city", "string", N_("City"), "城市"),
            _C("region_group", "string", N_("Region group: 华东/华南… in China, census region in the US, 수도권… in Korea, world region abroad"), "区域"),
            _C("address", "string", N_("Street address"), "地址", nullable=True),
            _C("industry", "category", N_("Main industry (product category)"), "行业", "industry"),
            _C("main_products", "string", N_("Main products, free text"), "主营产品", nullable=True),
            _C("business_nature", "category", N_("Nature of the business"), "业务性质", "business_nature", nullable=True),
            _C("sales_venue", "category", N_("Where the company mainly sells its goods (主要销售场所)"), "主要销售场所", "sales_venue", nullable=True),
            _C("employees", "Int", N_("Number of employees"), "员工人数", nullable=True),
            _C("size_band", "category", N_("Size band from employees: micro <10, small <50, medium <250, large 250+"), "企业规模", "size_band", nullable=True),
            _C("annual_revenue", "float", N_("Annual revenue in the world's currency"), "年营业额", nullable=True),
            _C("data_source", "category", N_("Where the record first came from (department or touchpoint)"), "数据来源", "data_source", nullable=True),
            _C("data_source_detail", "category", N_("The list or form within the data source the record came from (数据来源明细)"), "数据来源明细", "data_source_detail", nullable=True),
            _C("customer_source", "category", N_("Channel through which the customer was won"), "客户来源", "channel", nullable=True),
            _C("created_at", "date", N_("Date the record was created"), "建档日期"),
        ),
        kind="static",
    ),
    Table(
        "contacts", "联系人", N_("People at customer companies and how to reach them."),
        "contact_id",
        (
            _C("contact_id", "int", N_("Contact identifier"), "联系人编号"),
            _C("org_id", "int", N_("Company the contact works for"), "客户编号"),
            _C("name", "string", N_("Full name"), "姓名"),
            _C("title", "string", N_("Job title"), "职务", nullable=True),
            _C("phone", "string", N_("Phone number, E.164 (+8613812345678)"), "电话", nullable=True),
            _C("email", "string", N_("Email address"), "电子邮箱", nullable=True),
            _C("preferred_channel", "category", N_("Channel the contact prefers"), "偏好联系渠道", "channel"),
            _C("do_not_contact", "bool", N_("The contact asked not to be contacted again"), "勿再联系"),
            _C("is_primary", "bool", N_("Main contact of the company"), "主要联系人"),
        ),
        (_FK("org_id", "organisations", "org_id"),),
        kind="static",
    ),
    Table(
        "booth_categories", "展位类别", N_("Booth products: 9 m² standard shell booth, premium (brand) booth, raw space per m²."),
        "category_id",
        (
            _C("category_id", "int", N_("Booth category identifier"), "展位类别编号"),
            _C("name", "string", N_("Category name"), "类别名称"),
            _C("kind", "category", N_("Standard, premium or raw space"), "展位类型", "booth_kind"),
            _C("area_m2", "float", N_("Area of one unit in m² (minimum area for raw space)"), "单位面积(平方米)"),
            _C("unit_price", "float", N_("List price per booth or per m², world currency"), "单价"),
            _C("price_basis", "category", N_("Whether unit_price is per booth or per m²"), "计价方式", "price_basis"),
        ),
        kind="static",
    ),
    Table(
        "campaigns", "营销活动", N_("Recruitment campaigns: 招展 recruits exhibitors, 招商 recruits buyers."),
        "campaign_id",
        (
            _C("campaign_id", "int", N_("Campaign identifier"), "活动编号"),
            _C("edition_id", "int", N_("Edition the campaign recruits for"), "届次编号"),
            _C("kind", "category", N_("Exhibitor recruitment (招展), buyer recruitment (招商) or an offer that makes visiting cheaper or easier (优惠或便利措施)"), "活动类型", "campaign_kind"),
            _C("theme", "string", N_("Campaign theme"), "活动主题"),
            _C("channel", "category", N_("Contact channel used"), "接触渠道", "channel"),
            _C("start_date", "date", N_("Start date"), "开始日期"),
            _C("end_date", "date", N_("End date"), "结束日期"),
            _C("budget", "float", N_("Budget, world currency"), "预算"),
            _C("actual_cost", "float", N_("Actual cost (sum of its activities), world currency"), "实际费用"),
            _C("expected_responses", "int", N_("Responses the plan expects"), "预期响应数"),
            _C("owner", "string", N_("Staff member responsible"), "负责人"),
        ),
        (_FK("edition_id", "editions", "edition_id"),),
    ),
    Table(
        "campaign_activities", "活动子项", N_("Sub-activities of a campaign and their costs."),
        "activity_id",
        (
            _C("activity_id", "int", N_("Activity identifier"), "子项编号"),
            _C("campaign_id", "int", N_("Campaign"), "活动编号"),
            _C("name", "string", N_("What was done (printing, postage, ads, call hours …)"), "子项名称"),
            _C("date", "date", N_("Date"), "日期"),
            _C("cost", "float", N_("Cost, world currency"), "费用"),
        ),
        (_FK("campaign_id", "campaigns", "campaign_id"),),
    ),
    Table(
        "invitations", "邀请记录", N_("One row per campaign target: invited -> responded -> confirmed -> attended."),
        "invitation_id",
        (
            _C("invitation_id", "int", N_("Invitation identifier"), "邀请编号"),
            _C("campaign_id", "int", N_("Campaign"), "活动编号"),
            _C("org_id", "int", N_("Targeted company"), "客户编号"),
            _C("contact_id", "int", N_("Targeted contact"), "联系人编号"),
            _C("sent_at", "date", N_("Date sent"), "发送日期"),
            _C("delivered", "bool", N_("Reached the contact (not bounced)"), "已送达"),
            _C("responded", "bool", N_("The contact answered"), "已响应"),
            _C("response", "category", N_("Response attribute: will attend / will not attend / do not contact again"), "响应属性", "response", nullable=True),
            _C("responded_at", "date", N_("Date of the answer"), "响应日期", nullable=True),
            _C("confirmed", "bool", N_("Registered (buyer) or booked (exhibitor) for the edition"), "已确认"),
            _C("attended", "bool", N_("Actually came (buyer checked in, exhibitor exhibited)"), "实际到场"),
        ),
        (
            _FK("campaign_id", "campaigns", "campaign_id"),
            _FK("org_id", "organisations", "org_id"),
            _FK("contact_id", "contacts", "contact_id"),
        ),
    ),
    Table(
        "booth_bookings", "展位预订", N_("Booth bookings of exhibitors at an edition."),
        "booking_id",
        (
            _C("booking_id", "int", N_("Booking identifier"), "预订编号"),
            _C("edition_id", "int", N_("Edition"), "届次编号"),
            _C("org_id", "int", N_("Exhibitor"), "客户编号"),
            _C("category_id", "int", N_("Booth category"), "展位类别编号"),
            _C("hall", "string", N_("Hall"), "展厅"),
            _C("booths", "int", N_("Number of standard-booth equivalents (9 m² each)"), "展位数"),
            _C("area_m2", "float", N_("Area in m²"), "面积(平方米)"),
            _C("list_price", "float", N_("Price before discount, world currency"), "标价"),
            _C("discount_rate", "float", N_("Discount as a fraction of the list price"), "折扣率"),
            _C("price", "float", N_("Price charged = list_price x (1 - discount_rate)"), "成交价"),
            _C("status", "category", N_("Quoted, reserved, confirmed or cancelled"), "预订状态", "booking_status"),
            _C("is_renewal", "bool", N_("The exhibitor exhibited at the previous edition (续展)"), "续展"),
            _C("campaign_id", "Int", N_("Campaign that won the booking, if any"), "来源活动编号", nullable=True),
            _C("booked_at", "date", N_("Date of the booking"), "预订日期"),
        ),
        (
            _FK("edition_id", "editions", "edition_id"),
            _FK("org_id", "organisations", "org_id"),
            _FK("category_id", "booth_categories", "category_id"),
            _FK("campaign_id", "campaigns", "campaign_id"),
        ),
    ),
    Table(
        "registrations", "观众登记", N_("Buyer registrations and check-ins at an edition."),
        "registration_id",
        (
            _C("registration_id", "int", N_("Registration identifier"), "登记编号"),
            _C("edition_id", "int", N_("Edition"), "届次编号"),
            _C("org_id", "int", N_("Buyer company"), "客户编号"),
            _C("contact_id", "int", N_("Person registered"), "联系人编号"),
            _C("status", "category", N_("Registered, confirmed, attended or no-show"), "登记状态", "registration_status"),
            _C("is_first_time", "bool", N_("First edition this buyer company registered for"), "首次参加"),
            _C("source", "category", N_("How the registration came in"), "登记方式", "registration_source"),
            _C("campaign_id", "Int", N_("Campaign that brought the buyer, if any"), "来源活动编号", nullable=True),
            _C("registered_at", "date", N_("Date of registration"), "登记日期"),
            _C("checked_in_at", "datetime", N_("Time of first check-in at the gate"), "入场时间", nullable=True),
        ),
        (
            _FK("edition_id", "editions", "edition_id"),
            _FK("org_id", "organisations", "org_id"),
            _FK("contact_id", "contacts", "contact_id"),
            _FK("campaign_id", "campaigns", "campaign_id"),
        ),
    ),
    Table(
        "deals", "成交记录", N_("Purchase intentions and deals between a buyer and an exhibitor at an edition."),
        "deal_id",
        (
            _C("deal_id", "int", N_("Deal identifier"), "成交编号"),
            _C("edition_id", "int", N_("Edition"), "届次编号"),
            _C("buyer_org_id", "int", N_("Buyer company"), "采购商编号"),
            _C("exhibitor_org_id", "int", N_("Exhibitor company"), "参展商编号"),
            _C("product_category", "category", N_("Product category"), "产品类别", "industry"),
            _C("amount", "float", N_("Intended or signed amount, world currency"), "金额"),
            _C("stage", "category", N_("Intention, negotiating or signed"), "阶段", "deal_stage"),
            _C("created_at", "date", N_("Date recorded"), "记录日期"),
        ),
        (
            _FK("edition_id", "editions", "edition_id"),
            _FK("buyer_org_id", "organisations", "org_id"),
            _FK("exhibitor_org_id", "organisations", "org_id"),
        ),
    ),
    Table(
        "product_interests", "产品兴趣", N_("Product categories a buyer ticked as interests on its registration form (兴趣类型)."),
        "interest_id",
        (
            _C("interest_id", "int", N_("Interest identifier"), "兴趣编号"),
            _C("org_id", "int", N_("Buyer company"), "客户编号"),
            _C("product_category", "category", N_("Product category of interest"), "感兴趣的产品类别", "industry"),
        ),
        (_FK("org_id", "organisations", "org_id"),),
    ),
    Table(
        "survey_responses", "满意度调查", N_("Satisfaction survey answers after an edition (Likert 1-5; items may be missing)."),
        "response_id",
        (
            _C("response_id", "int", N_("Response identifier"), "问卷编号"),
            _C("edition_id", "int", N_("Edition surveyed"), "届次编号"),
            _C("org_id", "int", N_("Respondent's company"), "客户编号"),
            _C("role", "category", N_("Respondent's role"), "受访者角色", "role"),
            _C("submitted_at", "date", N_("Date submitted"), "提交日期"),
            *(
                _C(col, "Int", N_("{item} (1 = very dissatisfied … 5 = very satisfied)"), item.wording.zh, nullable=True,
                   item=item.wording)
                for col, item in LIKERT_ITEMS.items()
            ),
            _C("recommend", "Int", N_("Likelihood to recommend, 0-10 (net promoter score item)"), "推荐意愿(0-10)", nullable=True),
            _C("heard_from", "category", N_("How the respondent heard of the exhibition"), "信息来源", "channel", nullable=True),
            _C("purpose", "category", N_("Main purpose of the visit or participation"), "参展/参观目的", "visit_purpose", nullable=True),
            _C("purchase_volume_change", "category", N_("Change in purchase volume since last year"), "采购量变化", "volume_change", nullable=True),
            _C("future_visit", "category", N_("Plans to visit the next edition"), "未来参观计划", "future_plan", nullable=True),
            _C("future_exhibit", "category", N_("Plans to exhibit at the next edition"), "未来参展计划", "future_plan", nullable=True),
            *(
                _C(col, "Int", N_("{item} (1 = strongly disagree … 5 = strongly agree)"), item.wording.zh, nullable=True,
                   item=item.wording)
                for col, item in RELATIONSHIP_ITEMS.items()
            ),
        ),
        (
            _FK("edition_id", "editions", "edition_id"),
            _FK("org_id", "organisations", "org_id"),
        ),
    ),
    Table(
        "complaints", "投诉记录", N_("Complaints and their handling: record, confirm, investigate, resolve, feedback, follow-up."),
        "complaint_id",
        (
            _C("complaint_id", "int", N_("Complaint identifier"), "投诉编号"),
            _C("org_id", "int", N_("Complaining company"), "客户编号"),
            _C("edition_id", "int", N_("Edition concerned"), "届次编号"),
            _C("channel", "category", N_("How the complaint came in"), "投诉渠道", "complaint_channel"),
            _C("category", "category", N_("What it is about"), "投诉类别", "complaint_category"),
            _C("priority", "category", N_("Priority"), "优先级", "priority"),
            _C("status", "category", N_("Furthest handling step reached"), "处理状态", "complaint_status"),
            _C("opened_at", "datetime", N_("Recorded"), "登记时间"),
            _C("confirmed_at", "datetime", N_("Confirmed with the customer"), "确认时间", nullable=True),
            _C("investigated_at", "datetime", N_("Investigation finished"), "调查完成时间", nullable=True),
            _C("resolved_at", "datetime", N_("Resolved"), "解决时间", nullable=True),
            _C("feedback_at", "datetime", N_("Result fed back to the customer"), "反馈时间", nullable=True),
            _C("followed_up_at", "datetime", N_("Follow-up call done"), "回访时间", nullable=True),
            _C("handling_cost", "float", N_("Cost of handling, world currency"), "处理成本"),
            _C("resolution", "string", N_("What was done"), "处理结果", nullable=True),
        ),
        (
            _FK("org_id", "organisations", "org_id"),
            _FK("edition_id", "editions", "edition_id"),
        ),
    ),
    Table(
        "contact_log", "联系记录", N_("Every contact between organiser staff and a customer (cost to serve)."),
        "log_id",
        (
            _C("log_id", "int", N_("Log entry identifier"), "记录编号"),
            _C("org_id", "int", N_("Company"), "客户编号"),
            _C("contact_id", "int", N_("Person"), "联系人编号"),
            _C("at", "datetime", N_("When"), "时间"),
            _C("medium", "category", N_("Medium"), "联系方式", "contact_medium"),
            _C("direction", "category", N_("Inbound or outbound"), "方向", "direction"),
            _C("result", "category", N_("Result"), "联系结果", "contact_result"),
            _C("staff", "string", N_("Organiser staff member"), "工作人员"),
            _C("cost", "float", N_("Cost of the contact, world currency"), "成本"),
        ),
        (
            _FK("org_id", "organisations", "org_id"),
            _FK("contact_id", "contacts", "contact_id"),
        ),
    ),
    Table(
        "customer_truth", "客户真值", N_("The generator's hidden ground truth per company, for checking analyses (a real CRM has no such table)."),
        "org_id",
        (
            _C("org_id", "int", N_("Company"), "客户编号"),
            _C("lifecycle_stage", "category", N_("Relationship lifecycle stage at the last edition"), "关系生命周期阶段", "lifecycle_stage"),
            _C("loyalty", "float", N_("Latent loyalty, 0-1"), "潜在忠诚度"),
            _C("value_potential", "float", N_("Latent potential value, 0-1"), "潜在价值"),
            _C("churned", "bool", N_("Left for good before the last edition"), "已流失"),
        ),
        (_FK("org_id", "organisations", "org_id"),),
        kind="static",
    ),
    Table(
        "chain_truth", "关系链真值",
        N_("The generator's hidden strengths of the satisfaction-trust-belonging-friendship-loyalty chain "
           "(standardised path coefficients of the latent scores; a real CRM has no such table)."),
        "path_id",
        (
            _C("path_id", "int", N_("Path identifier"), "路径编号"),
            _C("cause", "string", N_("Construct that acts"), "原因构念"),
            _C("effect", "string", N_("Construct acted on"), "结果构念"),
            _C("kind", "string", N_("direct path, or the indirect effect along the chain"), "效应类型"),
            _C("strength", "float", N_("Standardised strength of the effect"), "效应强度"),
        ),
        kind="static",
    ),
    Table(
        "defects", "数据缺陷", N_("Ground truth of every data-quality defect injected (only with defects on)."),
        "defect_id",
        (
            _C("defect_id", "int", N_("Defect identifier"), "缺陷编号"),
            _C("table", "string", N_("Table holding the defect"), "表名"),
            _C("row_id", "int", N_("Primary key of the affected row"), "行编号"),
            _C("column", "string", N_("Affected column"), "列名"),
            _C("kind", "category", N_("Kind of defect"), "缺陷类型", "defect_kind"),
            _C("original", "string", N_("Value before the defect"), "原始值", nullable=True),
            _C("injected", "string", N_("Value after the defect"), "注入值", nullable=True),
            _C("duplicate_of", "Int", N_("For duplicate entries: org_id of the true record"), "重复于", nullable=True),
        ),
        optional=True,
        kind="static",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def _check_references() -> None:
    """Every foreign key names a column of its table and the key of an existing table; every enum column an enumeration."""
    for t in TABLES:
        for fk in t.foreign_keys:
            target = TABLES_BY_NAME.get(fk.table)
            if fk.column not in t.column_names or target is None or fk.target_column != target.primary_key:
                raise TypeError(f"{t.name}: foreign key {fk} does not name a column and another table's key")
        for col in t.columns:
            if col.enum is not None and col.enum not in ENUMS:
                raise TypeError(f"{t.name}.{col.name}: no enumeration {col.enum!r}")


_check_references()


@dataclass(frozen=True)
class Measure(_Described):
    """A money measure computed from the tables (派生指标): its name, where, and what it is."""

    name: str
    label_zh: str
    computed_by: str
    description: str

    @property
    def label(self) -> str:
        """The measure's name in the display language: 服务成本 in zh_CN."""
        return Label(self.name.replace("_", " "), self.label_zh).text


#: Money measures the analyses compute, each under one name that says what it is.
MEASURES: tuple[Measure, ...] = (
    Measure("spend", "展位消费", "labkit.facts.booth_spend",
            N_("What a customer paid for its confirmed booth bookings (0 for buyers, who pay no fee).")),
    Measure("cost_to_serve", "服务成本", "labkit.facts.cost_to_serve",
            N_("Cost of a customer's contacts in contact_log plus the handling cost of its complaints.")),
    Measure("contribution", "贡献", "labkit.facts.contribution",
            N_("Spend minus cost to serve: what the customer's booth fees left after serving it "
            "(negative for every buyer who was served).")),
    Measure("purchase_volume", "购买量", "labkit.classification.customer_features",
            N_("Spend for an exhibitor, the amount of its signed deals for a buyer.")),
    Measure("current_value", "当前价值", "labkit.classification.current_value",
            N_("Purchase volume minus cost to serve (the value matrix's current-value axis).")),
    Measure("revenue", "收入", "labkit.clv.world_clv",
            N_("Booth revenue plus the deal share and visit value credited to a customer, before margins.")),
    Measure("margin", "利润", "labkit.clv.world_clv",
            N_("Value to the organiser before serving costs: booth revenue x booth margin + deal share "
            "x signed deals + value per attended visit (the assumptions of ValueAssumptions).")),
    Measure("net_value", "净价值", "labkit.clv.world_clv",
            N_("Margin minus cost to serve, over the years observed.")),
    Measure("lifetime_value", "客户终身价值", "labkit.clv.world_clv",
            N_("Net value so far plus the expected future value (margin multiple with the role's "
            "measured retention) for customers active in the latest year.")),
)


def table(name: str) -> Table:
    """Return the table definition called ``name``."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise UnknownName(_("no table {name!r}; tables are: {tables}").format(name=name, tables=", ".join(TABLES_BY_NAME))) from None


def _grouped(items: dict[str, SurveyItem]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for col, item in items.items():
        groups.setdefault(item.group, []).append(col)
    return groups


def likert_dimensions() -> dict[str, list[str]]:
    """Survey item columns grouped by satisfaction dimension (content, organisation, interaction, overall)."""
    return _grouped(LIKERT_ITEMS)


def relationship_constructs() -> dict[str, list[str]]:
    """Agreement item columns grouped by construct (trust, belonging, friendship, loyalty; 信任感、归属感、商业友谊、忠诚感)."""
    return _grouped(RELATIONSHIP_ITEMS)


def schema_dict() -> dict[str, Any]:
    """The whole schema as plain data (what ``labkit schema --json`` prints)."""
    return {
        "tables": [t.to_json() for t in TABLES],
        "enums": {name: {code: label.zh for code, label in e.labels.items()} for name, e in ENUMS.items()},
    }


def schema_json(indent: int | None = 2) -> str:
    return json.dumps(schema_dict(), ensure_ascii=False, indent=indent)
