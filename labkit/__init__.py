"""labkit: a Jupyter teaching kit for exhibition CRM (会展客户关系管理)."""
from __future__ import annotations

__version__ = "0.1.0"
