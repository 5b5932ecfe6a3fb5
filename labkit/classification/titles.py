"""The classification dimensions and their titles (分类维度名称), without loading any data library."""
from __future__ import annotations

__all__ = ["TITLES"]

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
