"""A small random world for the report tests, built straight from schema.py column names.

Two exhibitions (four and three editions), 80 companies, campaigns with invitations whose
flags are random (so a company may attend without answering: the funnel must cope), bookings
and registrations in every status, surveys, complaints and a contact log. Category columns use
the schema's enumerations as pandas categories, like the real world.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world import schema
from labkit.world.schema import Role


def _conform(name: str, rows: dict) -> pd.DataFrame:
    spec = schema.table(name)
    frame = pd.DataFrame({c: rows[c] for c in spec.column_names if c in rows})
    for col in spec.columns:
        if col.name in frame and col.dtype == "category":
            frame[col.name] = pd.Categorical(frame[col.name], categories=list(schema.ENUMS[col.enum].codes))
    return frame


def small_world(seed: int = 3) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_orgs = 80
    codes = {e: list(schema.ENUMS[e].codes) for e in schema.ENUMS}
    exhibitions = _conform("exhibitions", {"exhibition_id": [1, 2], "name": ["电子展", "家具展"],
                                           "name_en": ["Electronics Fair", "Furniture Fair"]})
    ed_rows = []
    for exh, years in ((1, (2022, 2023, 2024, 2025)), (2, (2023, 2024, 2025))):
        for y in years:
            ed_rows.append((exh, y))
    ed_rows.sort(key=lambda r: (r[1], r[0]))
    editions = _conform("editions", {
        "edition_id": np.arange(1, len(ed_rows) + 1), "exhibition_id": [r[0] for r in ed_rows],
        "name": [f"{y} {'Spring' if e == 1 else 'Autumn'}" for e, y in ed_rows], "year": [r[1] for r in ed_rows],
        "session": ["spring" if e == 1 else "autumn" for e, _ in ed_rows],
        "start_date": [pd.Timestamp(y, 4 if e == 1 else 10, 15) for e, y in ed_rows],
        "halls": 3, "capacity_booths": 60, "sellable_m2": 700.0,
    })
    roles = rng.choice(list(Role.codes()), n_orgs)
    orgs = _conform("organisations", {
        "org_id": np.arange(1, n_orgs + 1), "role": roles, "name": [f"公司{i}" for i in range(n_orgs)],
        "region_group": rng.choice(["华东", "华南", "华北"], n_orgs),
        "industry": rng.choice(codes["industry"][:5], n_orgs),
        "business_nature": rng.choice(codes["business_nature"], n_orgs),
        "size_band": rng.choice(codes["size_band"], n_orgs),
        "data_source": rng.choice(codes["data_source"][:4], n_orgs),
        "customer_source": rng.choice(codes["channel"], n_orgs),
    })
    cats = _conform("booth_categories", {"category_id": [1, 2, 3], "name": ["标准展位", "品牌展位", "光地"],
                                         "kind": ["standard", "premium", "raw_space"]})
    exh_ids = orgs.loc[orgs["role"] == "exhibitor", "org_id"].to_numpy()
    buy_ids = orgs.loc[orgs["role"] == "buyer", "org_id"].to_numpy()
    camp, inv, book, reg = [], [], [], []
    for ed in editions.itertuples():
        for kind, pool in (("exhibitor_recruitment", exh_ids), ("buyer_recruitment", buy_ids)):
            for channel in rng.choice(codes["channel"], 2, replace=False):
                cid = len(camp) + 1
                sent = ed.start_date - pd.Timedelta(days=int(rng.integers(30, 120)))
                camp.append((cid, ed.edition_id, kind, channel, sent, float(rng.integers(2, 20)) * 1000))
                for org in rng.choice(pool, int(rng.integers(8, 20)), replace=False):
                    responded = rng.random() < 0.5
                    inv.append((len(inv) + 1, cid, org, sent + pd.Timedelta(days=int(rng.integers(0, 10))), responded,
                                rng.choice(codes["response"]) if responded else None,
                                sent + pd.Timedelta(days=int(rng.integers(5, 40))) if responded else pd.NaT,
                                rng.random() < 0.5, rng.random() < 0.4))
        for org in exh_ids[rng.random(len(exh_ids)) < 0.6]:
            cat = int(rng.integers(1, 4))
            booths = int(rng.integers(1, 4))
            b_camps = [c[0] for c in camp if c[1] == ed.edition_id and c[2] == "exhibitor_recruitment"]
            book.append((len(book) + 1, ed.edition_id, org, cat, rng.choice(["A", "B"]), booths, booths * 9.0,
                         float(booths * rng.integers(5, 9) * 1000), rng.choice(codes["booking_status"], p=[.1, .1, .7, .1]),
                         rng.choice(b_camps) if rng.random() < 0.5 else pd.NA))
        r_camps = [c[0] for c in camp if c[1] == ed.edition_id and c[2] == "buyer_recruitment"]
        for org in buy_ids[rng.random(len(buy_ids)) < 0.6]:
            reg.append((len(reg) + 1, ed.edition_id, org, rng.choice(codes["registration_status"], p=[.1, .1, .6, .2]),
                        rng.choice(r_camps) if rng.random() < 0.5 else pd.NA))
    campaigns = _conform("campaigns", {
        "campaign_id": [c[0] for c in camp], "edition_id": [c[1] for c in camp], "kind": [c[2] for c in camp],
        "theme": [f"活动{c[0]}" for c in camp], "channel": [c[3] for c in camp],
        "start_date": [c[4] for c in camp], "budget": [c[5] * 1.1 for c in camp], "actual_cost": [c[5] for c in camp]})
    invitations = _conform("invitations", dict(zip(
        ["invitation_id", "campaign_id", "org_id", "sent_at", "responded", "response", "responded_at", "confirmed", "attended"],
        map(list, zip(*inv)))))
    invitations["contact_id"] = invitations["org_id"]
    bookings = _conform("booth_bookings", dict(zip(
        ["booking_id", "edition_id", "org_id", "category_id", "hall", "booths", "area_m2", "price", "status", "campaign_id"],
        map(list, zip(*book)))))
    bookings["campaign_id"] = bookings["campaign_id"].astype("Int64")
    registrations = _conform("registrations", dict(zip(
        ["registration_id", "edition_id", "org_id", "status", "campaign_id"], map(list, zip(*reg)))))
    registrations["campaign_id"] = registrations["campaign_id"].astype("Int64")
    n_s = 120
    respondents = rng.choice(orgs["org_id"], n_s)

    def answers(enum: str) -> list:
        return [None if rng.random() < 0.15 else c for c in rng.choice(codes[enum], n_s)]

    surveys = _conform("survey_responses", {
        "response_id": np.arange(1, n_s + 1), "edition_id": rng.choice(editions["edition_id"], n_s),
        "org_id": respondents, "role": orgs.set_index("org_id")["role"].astype(str).reindex(respondents).to_numpy(),
        "heard_from": answers("channel"), "purchase_volume_change": answers("volume_change"),
        "purpose": answers("visit_purpose"), "future_visit": answers("future_plan"), "future_exhibit": answers("future_plan"),
        "overall_satisfaction": pd.array(np.where(rng.random(n_s) < 0.1, None, rng.integers(1, 6, n_s)), dtype="Int64")})
    complaints = _conform("complaints", {
        "complaint_id": np.arange(1, 21), "org_id": rng.choice(orgs["org_id"], 20),
        "edition_id": rng.choice(editions["edition_id"], 20), "handling_cost": rng.integers(50, 500, 20).astype(float)})
    n_l = 200
    contact_log = _conform("contact_log", {
        "log_id": np.arange(1, n_l + 1), "org_id": rng.choice(orgs["org_id"], n_l),
        "at": pd.Timestamp(2022, 1, 1) + pd.to_timedelta(rng.integers(0, 4 * 365, n_l), unit="D"),
        "cost": rng.integers(5, 80, n_l).astype(float)})
    # drawn last, so the tables above stay as they were before these columns existed
    orgs["sales_venue"] = pd.Categorical(rng.choice(codes["sales_venue"], n_orgs), categories=codes["sales_venue"])
    orgs["data_source_detail"] = pd.Categorical(rng.choice(codes["data_source_detail"][:6], n_orgs),
                                                categories=codes["data_source_detail"])
    ticked = rng.random((len(buy_ids), 5)) < 0.4
    rows, cols = np.nonzero(ticked)
    interests = _conform("product_interests", {"interest_id": np.arange(1, len(rows) + 1), "org_id": buy_ids[rows],
                                               "product_category": np.array(codes["industry"][:5])[cols]})
    campaigns["expected_responses"] = rng.integers(0, 8, len(campaigns))
    return {"exhibitions": exhibitions, "editions": editions, "organisations": orgs, "booth_categories": cats,
            "campaigns": campaigns, "invitations": invitations, "booth_bookings": bookings,
            "registrations": registrations, "survey_responses": surveys, "complaints": complaints,
            "contact_log": contact_log, "product_interests": interests}
