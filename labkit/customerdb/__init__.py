"""The customer database (客户数据库): entry with validation, search, import, record linkage."""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.customerdb.database": ("CustomerDB",),
    "labkit.errors": ("CustomerNotFound", "DatabaseClosed", "InvalidRecord"),
    "labkit.customerdb.record": ("FIELDS", "Problem"),
    "labkit.customerdb.importing": ("import_contacts", "read_sheet"),
    "labkit.customerdb.linkage": ("customer_list", "find_duplicates", "merge_lists", "precision_recall",
                                  "true_duplicate_pairs"),
    "labkit.customerdb.validation": ("record_problems", "size_band", "validate_record"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["FIELDS", "CustomerDB", "CustomerNotFound", "DatabaseClosed", "InvalidRecord", "Problem", "customer_list",
           "find_duplicates", "import_contacts", "merge_lists", "precision_recall", "read_sheet", "record_problems",
           "size_band", "true_duplicate_pairs", "validate_record"]
