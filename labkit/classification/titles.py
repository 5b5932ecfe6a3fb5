"""The classification dimensions and their titles (分类维度名称), without loading any data library."""
from __future__ import annotations

from labkit.i18n import Label, LabelSet

__all__ = ["ROLE_TITLES", "TITLES"]

#: Dimension -> (English, 中文) title.
TITLES = LabelSet({
    "region": Label("Region", "区域"),
    "industry": Label("Industry", "行业"),
    "size": Label("Size", "企业规模"),
    "value_matrix": Label("Value matrix", "客户价值矩阵"),
    "lifecycle": Label("Relationship lifecycle", "关系生命周期"),
    "loyalty": Label("Loyalty ladder", "忠诚阶梯"),
    "track_care": Label("Track vs care (exhibitors)", "跟踪与关怀(参展商)"),
    "rfm": Label("RFM segment", "RFM 细分"),
})

#: Whose counts a composition table shows -> its title.
ROLE_TITLES = LabelSet({
    "total": Label("All customers", "全部客户"),
    "exhibitor": Label("Exhibitors", "参展商"),
    "buyer": Label("Buyers", "采购商"),
})
