"""The classification dimensions and their titles (分类维度名称), without loading any data library."""
from __future__ import annotations

__all__ = ["ROLE_TITLES", "TITLES"]

#: Dimension -> (English, 中文) title.
TITLES: dict[str, tuple[str, str]] = {
    "region": ("Region", "区域"),
    "industry": ("Industry", "行业"),
    "size": ("Size", "企业规模"),
    "value_matrix": ("Value matrix", "客户价值矩阵"),
    "lifecycle": ("Relationship lifecycle", "关系生命周期"),
    "loyalty": ("Loyalty ladder", "忠诚阶梯"),
    "track_care": ("Track vs care (exhibitors)", "跟踪与关怀(参展商)"),
    "rfm": ("RFM segment", "RFM 细分"),
}

#: Whose counts a composition table shows -> (English, 中文) title.
ROLE_TITLES: dict[str, tuple[str, str]] = {
    "total": ("All customers", "全部客户"),
    "exhibitor": ("Exhibitors", "参展商"),
    "buyer": ("Buyers", "采购商"),
}
