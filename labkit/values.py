"""What counts as a value that was not given (空值): one rule for forms, checks and the generator."""
from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["is_blank"]


def is_blank(value: Any) -> bool:
    """True for None, NaN, pandas' NA/NaT and text that is empty or only spaces (未填写)."""
    if isinstance(value, str):
        return value.strip() == ""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
