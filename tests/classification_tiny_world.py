"""A five-customer world, small enough to classify by hand (the oracle for the classifiers).

Three editions; exhibitors 1-3 and buyers 4-5. The expected features are worked out in
test_classification_features.py next to each assertion.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NA = pd.NA


def _frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def tiny_tables() -> dict[str, pd.DataFrame]:
    day = pd.Timestamp
    editions = _frame(
        ["edition_id", "exhibition_id", "name", "start_date", "end_date"],
        [(1, 1, "2024 Spring", day("2024-04-15"), day("2024-04-19")),
         (3, 1, "2025 Spring", day("2025-04-15"), day("2025-04-19")),
         (2, 1, "2024 Autumn", day("2024-10-15"), day("2024-10-19"))],  # out of order on purpose
    )
    organisations = _frame(
        ["org_id", "role", "name", "country", "province", "city", "region_group", "industry", "size_band"],
        [(1, "exhibitor", "东方电子", "CN", "浙江省", "杭州市", "华东", "electronics", "large"),
         (2, "exhibitor", "南方机械", "CN", "广东省", "广州市", "华南", "machinery", "small"),
         (3, "exhibitor", "新星电器", "CN", "江苏省", "南京市", "华东", "electronics", "medium"),
         (4, "buyer", "北方贸易", "CN", "北京市", "北京市", "华北", "electronics", "small"),
         (5, "buyer", "南海采购", "CN", "广东省", "深圳市", "华南", "machinery", None)],
    )
    booth_bookings = _frame(
        ["booking_id", "edition_id", "org_id", "booths", "price", "status"],
        [(1, 1, 1, 2, 10000.0, "confirmed"), (2, 2, 1, 2, 12000.0, "confirmed"),
         (3, 3, 1, 2, 14000.0, "confirmed"), (4, 1, 2, 1, 5000.0, "confirmed"),
         (5, 3, 2, 1, 5000.0, "cancelled"), (6, 3, 3, 1, 8000.0, "confirmed"),
         (7, 2, 3, 1, 8000.0, "quoted")],
    )
    registrations = _frame(
        ["registration_id", "edition_id", "org_id", "status"],
        [(1, 1, 4, "attended"), (2, 2, 4, "no_show"), (3, 3, 4, "attended"), (4, 2, 5, "registered")],
    )
    deals = _frame(
        ["deal_id", "edition_id", "buyer_org_id", "exhibitor_org_id", "amount", "stage"],
        [(1, 3, 4, 1, 20000.0, "signed"), (2, 2, 4, 2, 5000.0, "intention")],
    )
    survey_responses = _frame(
        ["response_id", "edition_id", "org_id", "role", "submitted_at", "overall_satisfaction", "recommend",
         "future_visit", "future_exhibit", "purchase_volume_change"],
        [(1, 3, 1, "exhibitor", day("2025-04-25"), 5, 10, None, "definitely", "increase_much"),
         (2, 1, 2, "exhibitor", day("2024-04-25"), 2, 3, None, "no", "decrease"),
         (3, 1, 4, "buyer", day("2024-04-25"), 4, 9, "probably", None, None),
         (4, 3, 4, "buyer", day("2025-04-25"), 4, None, "definitely", None, "increase")],
    )
    survey_responses["recommend"] = survey_responses["recommend"].astype("Int64")
    contact_log = _frame(
        ["log_id", "org_id", "cost"],
        [(1, 1, 100.0), (2, 1, 50.0), (3, 2, 6000.0), (4, 4, 30.0)],
    )
    complaints = _frame(["complaint_id", "org_id", "edition_id", "handling_cost"], [(1, 1, 3, 50.0)])
    return {
        "organisations": organisations, "editions": editions, "booth_bookings": booth_bookings,
        "registrations": registrations, "deals": deals, "survey_responses": survey_responses,
        "contact_log": contact_log, "complaints": complaints,
    }


def blobs(seed: int = 7, per_group: int = 40) -> tuple[pd.DataFrame, np.ndarray]:
    """RFM rows in three far-apart groups (recent big spenders, middling, lapsed small ones)."""
    rng = np.random.default_rng(seed)
    centres = [(10, 8, 200000), (180, 3, 20000), (700, 1, 2000)]
    rows, truth = [], []
    for label, (r, f, m) in enumerate(centres):
        rows.append(np.column_stack([
            rng.normal(r, 5, per_group), np.full(per_group, f), m * np.exp(rng.normal(0, 0.05, per_group)),
        ]))
        truth += [label] * per_group
    frame = pd.DataFrame(np.vstack(rows), columns=["recency", "frequency", "monetary"])
    return frame, np.array(truth)
