"""Hand-made customer records for the customerdb tests (not a test module)."""
from __future__ import annotations

from typing import Any


def record(**changes: Any) -> dict[str, Any]:
    """A valid exhibitor from Hangzhou; keyword arguments replace fields."""
    base = dict(company="杭州海康电子有限公司", contact="王芳", title="销售经理", phone="138 1234 5678",
                email="wang.fang@hk-dianzi.cn", role="exhibitor", country="CN", province="浙江省",
                city="杭州市", industry="electronics", employees=320)
    return base | changes


def numbered(i: int, **changes: Any) -> dict[str, Any]:
    """The i-th of many distinct valid records (own phone and email)."""
    own = dict(company=f"测试公司{i}", phone=f"+86139{i:08d}", email=f"c{i}@example.cn")
    return record(**(own | changes))
