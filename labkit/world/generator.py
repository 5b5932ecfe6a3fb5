"""``generate_world``: a deterministic exhibition world from a seed (数据生成器).

Skeleton: every non-optional table with the schema's columns and dtypes; the believable
behaviour model replaces the crude draws module by module.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world import geography, schema
from labkit.world.container import World, conform

SCALES: dict[str, tuple[int, int]] = {"classroom": (2_000, 20_000), "fair": (27_000, 200_000)}


def generate_world(seed: int = 0, locale: str = "zh_CN", scale: str | int = "classroom",
                   student_id: str | None = None, defects: bool = False) -> World:
    """Generate the exhibition world for ``seed`` (same arguments, same data)."""
    geography.check_locale(locale)
    rng = np.random.default_rng(seed)
    n_exh, n_buy = SCALES[scale] if isinstance(scale, str) else (max(50, scale // 10), scale)
    n = n_exh + n_buy
    home = geography.home_country(locale)
    prov = home.provinces[0]
    ids = np.arange(1, n + 1)
    ed_ids = np.arange(1, 7)
    codes = {name: list(e.codes) for name, e in schema.ENUMS.items()}
    pick = lambda enum, k: rng.choice(codes[enum], k)  # noqa: E731
    day = pd.Timestamp("2023-04-15")
    t: dict[str, pd.DataFrame] = {}
    t["exhibitions"] = conform("exhibitions", dict(
        exhibition_id=[1], name=["exhibition"], name_en=["exhibition"], industry_focus=[None],
        venue=["venue"], city=[prov.cities[0]], country=[home.iso2]))
    t["editions"] = conform("editions", dict(
        edition_id=ed_ids, exhibition_id=1, name=[f"{2023 + i // 2} {('Spring', 'Autumn')[i % 2]}" for i in range(6)],
        year=[2023 + i // 2 for i in range(6)], session=["spring", "autumn"] * 3,
        start_date=[day + pd.Timedelta(days=182 * i) for i in range(6)],
        end_date=[day + pd.Timedelta(days=182 * i + 4) for i in range(6)], halls=10,
        capacity_booths=1500, sellable_m2=13500.0))
    t["organisations"] = conform("organisations", dict(
        org_id=ids, role=np.where(ids <= n_exh, "exhibitor", "buyer"), name=[f"org {i}" for i in ids],
        country=home.iso2, province=prov.name, city=prov.cities[0], region_group=prov.group, address=None,
        industry=pick("industry", n), main_products=None, business_nature=pick("business_nature", n),
        employees=rng.integers(1, 1000, n), size_band=pick("size_band", n), annual_revenue=np.nan,
        data_source=pick("data_source", n), customer_source=pick("channel", n), created_at=day))
    t["contacts"] = conform("contacts", dict(
        contact_id=ids, org_id=ids, name=[f"person {i}" for i in ids], title=None,
        phone=None, email=None, preferred_channel=pick("channel", n), do_not_contact=False, is_primary=True))
    t["booth_categories"] = conform("booth_categories", dict(
        category_id=[1, 2, 3], name=["standard", "premium", "raw space"], kind=["standard", "premium", "raw_space"],
        area_m2=[9.0, 18.0, 36.0], unit_price=[10000.0, 30000.0, 1000.0], price_basis=["per_booth", "per_booth", "per_m2"]))
    t["campaigns"] = conform("campaigns", dict(
        campaign_id=ed_ids, edition_id=ed_ids, kind="buyer_recruitment", theme="campaign", channel="email",
        start_date=day, end_date=day, budget=1000.0, actual_cost=100.0, expected_responses=10, owner="staff"))
    t["campaign_activities"] = conform("campaign_activities", dict(
        activity_id=ed_ids, campaign_id=ed_ids, name="postage", date=day, cost=100.0))
    t["invitations"] = conform("invitations", dict(
        invitation_id=ed_ids, campaign_id=ed_ids, org_id=ids[:6], contact_id=ids[:6], sent_at=day, delivered=True,
        responded=False, response=None, responded_at=None, confirmed=False, attended=False))
    t["booth_bookings"] = conform("booth_bookings", dict(
        booking_id=ids[:n_exh], edition_id=1, org_id=ids[:n_exh], category_id=1, hall="1.1", booths=1, area_m2=9.0,
        list_price=10000.0, discount_rate=0.0, price=10000.0, status="confirmed", is_renewal=False,
        campaign_id=pd.array([None] * n_exh, dtype="Int64"), booked_at=day))
    t["registrations"] = conform("registrations", dict(
        registration_id=np.arange(1, n_buy + 1), edition_id=1, org_id=ids[n_exh:], contact_id=ids[n_exh:],
        status="attended", is_first_time=True, source="online", campaign_id=pd.array([None] * n_buy, dtype="Int64"),
        registered_at=day, checked_in_at=day))
    t["deals"] = conform("deals", dict(
        deal_id=[1], edition_id=[1], buyer_org_id=[n_exh + 1], exhibitor_org_id=[1], product_category=["electronics"],
        amount=[1000.0], stage=["signed"], created_at=[day]))
    likert = {c: pd.array([4], dtype="Int64") for c in schema.LIKERT_ITEMS}
    t["survey_responses"] = conform("survey_responses", dict(
        response_id=[1], edition_id=[1], org_id=[1], role=["exhibitor"], submitted_at=[day], **likert,
        recommend=pd.array([8], dtype="Int64"), heard_from=["email"], purpose=["place_orders"],
        purchase_volume_change=["same"], future_visit=["probably"], future_exhibit=["probably"]))
    nat = pd.Series([pd.NaT], dtype="datetime64[ns]")
    t["complaints"] = conform("complaints", dict(
        complaint_id=[1], org_id=[1], edition_id=[1], channel=["phone"], category=["other"], priority=["low"],
        status=["recorded"], opened_at=[day], confirmed_at=nat, investigated_at=nat, resolved_at=nat,
        feedback_at=nat, followed_up_at=nat, handling_cost=[50.0], resolution=[None]))
    t["contact_log"] = conform("contact_log", dict(
        log_id=[1], org_id=[1], contact_id=[1], at=[day], medium=["phone"], direction=["outbound"],
        result=["reached"], staff=["staff"], cost=[5.0]))
    t["customer_truth"] = conform("customer_truth", dict(
        org_id=ids, lifecycle_stage=pick("lifecycle_stage", n), loyalty=rng.random(n),
        value_potential=rng.random(n), churned=False))
    return World(t, locale, seed, scale, student_id, defects)
