"""The customer database (客户数据库): entry with validation, search, import, record linkage."""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.customerdb.database": ("CustomerDB",),
    "labkit.errors": ("CustomerNotFound", "DatabaseClosed", "InvalidRecord"),
    "labkit.customerdb.record": ("Problem",),
    "labkit.customerdb.validation": ("record_problems", "size_band", "validate_record"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["CustomerDB", "CustomerNotFound", "DatabaseClosed", "InvalidRecord", "Problem", "record_problems",
           "size_band", "validate_record"]
