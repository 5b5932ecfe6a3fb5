"""The customer database (客户数据库): entry with validation, search, import, record linkage."""
from labkit.customerdb.database import CustomerDB
from labkit.customerdb.errors import CustomerNotFound, DatabaseClosed, InvalidRecord, Problem
from labkit.customerdb.validation import record_problems, size_band, validate_record

__all__ = ["CustomerDB", "CustomerNotFound", "DatabaseClosed", "InvalidRecord", "Problem", "record_problems",
           "size_band", "validate_record"]
