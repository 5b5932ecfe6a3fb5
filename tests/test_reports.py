"""Every report against an independent count from the raw tables (SQL written here)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from reports_sql import PARTICIPANTS, PREVIOUS_EDITION, query, to_sqlite
from reports_world import small_world

from labkit import reports
from labkit.errors import UsageError
from labkit.i18n import using_language
from labkit.world.schema import ENUMS


@pytest.fixture(scope="module")
def world() -> dict[str, pd.DataFrame]:
    return small_world()


@pytest.fixture(scope="module")
def con(world):
    return to_sqlite(world)


def _same(report: pd.DataFrame, oracle: pd.DataFrame, keys: list[str], values: list[str]) -> None:
    left = report[keys + values].astype({k: str for k in keys}).sort_values(keys).reset_index(drop=True)
    right = oracle[keys + values].astype({k: str for k in keys}).sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


# --- composition -----------------------------------------------------------------------------

@pytest.mark.parametrize("dimension", ["industry", "business_nature", "sales_venue", "region_group", "data_source",
                                       "data_source_detail", "customer_source", "role"])
def test_composition_matches_sql(world, con, dimension):
    got = reports.customer_composition(world, dimension)
    sql = query(con, f"""
        SELECT {dimension} AS value, SUM(role = 'exhibitor') AS exhibitors, SUM(role = 'buyer') AS buyers,
               COUNT(*) AS customers, COUNT(*) * 1.0 / (SELECT COUNT(*) FROM organisations) AS share
        FROM organisations GROUP BY {dimension}""")
    _same(got[got["customers"] > 0], sql, ["value"], ["exhibitors", "buyers", "customers", "share"])
    assert got["share"].sum() == pytest.approx(1.0)


def test_composition_by_interest_counts_buyers_once_per_category(world, con):
    got = reports.customer_composition(world, "interest")
    sql = query(con, """
        SELECT i.product_category AS value, COUNT(DISTINCT i.org_id) AS buyers,
               COUNT(DISTINCT i.org_id) * 1.0 / (SELECT COUNT(*) FROM organisations) AS share
        FROM product_interests i GROUP BY i.product_category""")
    _same(got[got["customers"] > 0], sql, ["value"], ["buyers", "share"])
    assert (got["exhibitors"] == 0).all()
    assert list(got["value"]) == list(ENUMS["industry"].codes)


def test_expected_against_actual_responses_matches_sql(world, con):
    got = reports.expected_vs_actual(world)
    sql = query(con, """
        SELECT c.campaign_id, c.expected_responses,
               CASE WHEN EXISTS (SELECT 1 FROM invitations i WHERE i.campaign_id = c.campaign_id)
                    THEN (SELECT COUNT(DISTINCT org_id) FROM invitations i WHERE i.campaign_id = c.campaign_id AND i.responded)
                    ELSE (SELECT COUNT(DISTINCT org_id) FROM (
                            SELECT org_id FROM registrations r WHERE r.campaign_id = c.campaign_id
                            UNION SELECT org_id FROM booth_bookings b WHERE b.campaign_id = c.campaign_id
                              AND b.status IN ('reserved', 'confirmed'))) END AS actual_responses
        FROM campaigns c""")
    sql["gap"] = sql["actual_responses"] - sql["expected_responses"]
    _same(got, sql, ["campaign_id"], ["expected_responses", "actual_responses", "gap"])
    has = got["expected_responses"] > 0
    np.testing.assert_allclose(got.loc[has, "achieved"], got.loc[has, "actual_responses"] / got.loc[has, "expected_responses"])
    assert got.loc[~has, "achieved"].isna().all()


def test_composition_lists_unused_codes_as_zero(world):
    got = reports.customer_composition(world, "industry")
    assert list(got["value"]) == list(ENUMS["industry"].codes)
    assert (got.loc[got["value"] == "chemicals", ["exhibitors", "buyers", "customers"]] == 0).all(axis=None)
    with using_language("zh_CN"):
        assert reports.customer_composition(world, "industry").set_index("value").loc["chemicals", "label"] == "化工产品"
    with using_language("ko_KR"):  # the name in the display language, never Chinese for a Korean class
        assert reports.customer_composition(world, "industry").set_index("value").loc["chemicals", "label"] == "화학 제품"


def test_composition_by_exhibition_counts_participants(world, con):
    got = reports.customer_composition(world, "exhibition")
    sql = query(con, f"""
        SELECT x.name AS value, COUNT(DISTINCT CASE WHEN o.role = 'exhibitor' THEN p.org_id END) AS exhibitors,
               COUNT(DISTINCT CASE WHEN o.role = 'buyer' THEN p.org_id END) AS buyers, COUNT(DISTINCT p.org_id) AS customers
        FROM ({PARTICIPANTS}) p JOIN organisations o USING (org_id) JOIN editions e USING (edition_id)
        JOIN exhibitions x USING (exhibition_id) GROUP BY x.name""")
    _same(got, sql, ["value"], ["exhibitors", "buyers", "customers"])


def test_composition_report_stacks_every_dimension(world):
    got = reports.composition_report(world)
    assert set(got["dimension"]) == {"industry", "business_nature", "sales_venue", "size_band", "region_group",
                                     "data_source", "data_source_detail", "customer_source", "role", "exhibition",
                                     "interest"}


def test_unknown_dimension_is_a_clear_error(world):
    with pytest.raises(UsageError, match="Unknown composition dimension 'colour'"):
        reports.customer_composition(world, "colour")


# --- campaign response -----------------------------------------------------------------------

def test_response_by_channel_matches_sql(world, con):
    got = reports.response_by_channel(world, freq="M")
    sql = query(con, """
        SELECT strftime('%Y-%m', i.sent_at) AS period, c.kind, c.channel, COUNT(*) AS targets,
               SUM(i.responded) AS responses, AVG(i.responded) AS response_rate
        FROM invitations i JOIN campaigns c USING (campaign_id) GROUP BY 1, 2, 3""")
    _same(got, sql, ["period", "kind", "channel"], ["targets", "responses", "response_rate"])


def test_response_by_attribute_matches_sql(world, con):
    got = reports.response_by_attribute(world, freq="Y")
    sql = query(con, """
        SELECT strftime('%Y', i.responded_at) AS period, o.region_group, o.customer_source,
               SUM(i.response = 'will_attend') AS will_attend, SUM(i.response = 'will_not_attend') AS will_not_attend,
               SUM(i.response = 'do_not_contact') AS do_not_contact, COUNT(*) AS responses
        FROM invitations i JOIN organisations o USING (org_id) WHERE i.responded = 1 GROUP BY 1, 2, 3""")
    _same(got, sql, ["period", "region_group", "customer_source"],
          ["will_attend", "will_not_attend", "do_not_contact", "responses"])


def test_bad_period_is_a_clear_error(world):
    with pytest.raises(UsageError, match="unknown period 'fortnight'"):
        reports.response_by_channel(world, freq="fortnight")


# --- cost-effectiveness ----------------------------------------------------------------------

BUYER_VALUE = """
    SELECT e.edition_id, (SELECT SUM(price) FROM booth_bookings b WHERE b.edition_id = e.edition_id AND status = 'confirmed')
           * 1.0 / (SELECT COUNT(DISTINCT org_id) FROM registrations r WHERE r.edition_id = e.edition_id
                    AND status = 'attended') AS buyer_value
    FROM editions e
"""


def test_campaign_cost_effectiveness_matches_sql(world, con):
    got = reports.campaign_cost_effectiveness(world)
    sql = query(con, f"""
        WITH counts AS (
            SELECT campaign_id, COUNT(DISTINCT org_id) AS targets,
                   COUNT(DISTINCT CASE WHEN responded = 1 THEN org_id END) AS responses
            FROM invitations GROUP BY campaign_id),
        won AS (
            SELECT campaign_id, org_id, status = 'attended' AS came FROM registrations WHERE campaign_id IS NOT NULL
            UNION ALL
            SELECT campaign_id, org_id, status = 'confirmed' FROM booth_bookings
            WHERE campaign_id IS NOT NULL AND status IN ('reserved', 'confirmed')),
        wins AS (SELECT campaign_id, COUNT(DISTINCT org_id) AS confirmed,
                        COUNT(DISTINCT CASE WHEN came THEN org_id END) AS attended FROM won GROUP BY campaign_id),
        booked AS (SELECT campaign_id, SUM(price) AS revenue FROM booth_bookings
                   WHERE status = 'confirmed' AND campaign_id IS NOT NULL GROUP BY campaign_id)
        SELECT c.campaign_id, c.actual_cost, COALESCE(n.targets, 0) AS targets, COALESCE(n.responses, 0) AS responses,
               COALESCE(w.confirmed, 0) AS confirmed, COALESCE(w.attended, 0) AS attended,
               CASE WHEN c.kind = 'exhibitor_recruitment' THEN COALESCE(b.revenue, 0)
                    ELSE COALESCE(w.attended, 0) * v.buyer_value END AS revenue_won
        FROM campaigns c LEFT JOIN counts n USING (campaign_id) LEFT JOIN wins w USING (campaign_id)
        LEFT JOIN booked b USING (campaign_id)
        JOIN ({BUYER_VALUE}) v ON v.edition_id = c.edition_id""")
    sql["cost_per_attendee"] = sql["actual_cost"] / sql["attended"].replace(0, np.nan)
    sql["cost_per_response"] = sql["actual_cost"] / sql["responses"].replace(0, np.nan)
    sql["roi"] = (sql["revenue_won"] - sql["actual_cost"]) / sql["actual_cost"]
    _same(got, sql, ["campaign_id"], ["targets", "responses", "confirmed", "attended", "revenue_won",
                                      "cost_per_attendee", "cost_per_response", "roi"])


def test_roi_textbook_example():
    # One 招展 campaign costing 4,000: two targets, both answered; it is credited with a confirmed
    # booking of 10,000 and a reserved one (booked, not yet exhibiting); a cancelled booking of
    # 99,999 does not count. ROI = (10,000 - 4,000) / 4,000 = 3/2; cost per response
    # 4,000 / 2, per booking 4,000 / 2, per attendee 4,000 / 1.
    tables = {
        "campaigns": pd.DataFrame({"campaign_id": [1], "edition_id": [1], "kind": ["exhibitor_recruitment"],
                                   "channel": ["email"], "theme": ["t"], "budget": [5000.0], "actual_cost": [4000.0]}),
        "invitations": pd.DataFrame({"invitation_id": [1, 2], "campaign_id": [1, 1], "org_id": [7, 8],
                                     "responded": [True, True]}),
        "booth_bookings": pd.DataFrame({"booking_id": [1, 2, 3], "edition_id": [1, 1, 1], "org_id": [7, 8, 9],
                                        "price": [10000.0, 5000.0, 99999.0], "status": ["confirmed", "reserved", "cancelled"],
                                        "campaign_id": pd.array([1, 1, 1], dtype="Int64")}),
        "registrations": pd.DataFrame({"registration_id": [], "edition_id": [], "org_id": [], "status": [],
                                       "campaign_id": pd.array([], dtype="Int64")}),
    }
    row = reports.campaign_cost_effectiveness(tables).iloc[0]
    assert (row["targets"], row["responses"], row["confirmed"], row["attended"]) == (2, 2, 2, 1)
    assert row["roi"] == 1.5
    assert row["cost_per_response"] == 2000.0 and row["cost_per_confirmed"] == 2000.0 and row["cost_per_attendee"] == 4000.0


def test_buyer_value_can_be_given(world):
    got = reports.campaign_cost_effectiveness(world, buyer_value=100.0)
    buyers = got[got["kind"] == "buyer_recruitment"]
    assert (buyers["revenue_won"] == buyers["attended"] * 100.0).all()


def test_cost_by_channel_takes_ratios_of_sums(world):
    per_campaign = reports.campaign_cost_effectiveness(world)
    got = reports.cost_effectiveness_by_channel(world).set_index(["kind", "channel"])
    sums = per_campaign.groupby(["kind", "channel"])[["actual_cost", "attended", "revenue_won"]].sum()
    assert got["campaigns"].sum() == len(per_campaign)
    np.testing.assert_allclose(got["cost_per_attendee"], sums["actual_cost"] / sums["attended"].replace(0, np.nan))
    np.testing.assert_allclose(got["roi"], (sums["revenue_won"] - sums["actual_cost"]) / sums["actual_cost"])


# --- attendance ------------------------------------------------------------------------------

def test_attendance_funnel_matches_sql(world, con):
    got = reports.attendance_funnel(world)
    sql = query(con, """
        SELECT c.edition_id, c.kind, COUNT(DISTINCT i.org_id) AS invited,
               COUNT(DISTINCT CASE WHEN i.responded = 1 THEN i.org_id END) AS responded,
               COUNT(DISTINCT CASE WHEN i.responded = 1 AND i.confirmed = 1 THEN i.org_id END) AS confirmed,
               COUNT(DISTINCT CASE WHEN i.responded = 1 AND i.confirmed = 1 AND i.attended = 1 THEN i.org_id END) AS attended
        FROM invitations i JOIN campaigns c USING (campaign_id) GROUP BY 1, 2""")
    _same(got, sql, ["edition_id", "kind"], ["invited", "responded", "confirmed", "attended"])
    np.testing.assert_allclose(got["attended_rate"], got["attended"] / got["confirmed"])


@pytest.mark.parametrize("seed", range(5))
def test_funnel_never_increases(seed):
    # The random world has invitations that attended without responding: the funnel still narrows.
    got = reports.attendance_funnel(small_world(seed))
    steps = got[["invited", "responded", "confirmed", "attended"]].to_numpy()
    assert (np.diff(steps, axis=1) <= 0).all()
    assert ((got[["responded_rate", "confirmed_rate", "attended_rate"]] <= 1) | got[["responded_rate", "confirmed_rate", "attended_rate"]].isna()).all(axis=None)


def test_funnel_chart_draws_one_funnel_per_row(world):
    import matplotlib.pyplot as plt

    from labkit.plotting import funnel_chart
    from labkit.reports.attendance import STEPS

    rows = reports.attendance_funnel(world).tail(2).reset_index(drop=True)
    ax = funnel_chart(rows)
    assert len(ax.patches) == 4 * len(rows)
    labels = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert labels["Invited"] > labels["Attended"]  # the wide end on top
    for i, row in rows.iterrows():  # each funnel's bars: the step's share of its invited, centred on its slot
        bars = ax.patches[4 * i: 4 * i + 4]
        assert [b.get_width() for b in bars] == pytest.approx([row[s] / row["invited"] for s in STEPS])
        centres = {round(b.get_x() + b.get_width() / 2, 9) for b in bars}
        assert len(centres) == 1
    plt.close(ax.figure)


# --- renewal and space -----------------------------------------------------------------------

def test_exhibitor_renewal_matches_sql(world, con):
    got = reports.exhibitor_renewal(world)
    sql = query(con, f"""
        WITH p AS (SELECT * FROM ({PARTICIPANTS}) WHERE role = 'exhibitor'), prev AS ({PREVIOUS_EDITION})
        SELECT prev.edition_id,
               (SELECT COUNT(*) FROM p a WHERE a.edition_id = prev.edition_id
                  AND a.org_id IN (SELECT org_id FROM p b WHERE b.edition_id = prev.prev_id)) AS renewed,
               (SELECT COUNT(*) FROM p b WHERE b.edition_id = prev.prev_id
                  AND b.org_id NOT IN (SELECT org_id FROM p a WHERE a.edition_id = prev.edition_id)) AS not_renewed,
               (SELECT COUNT(*) FROM p a WHERE a.edition_id = prev.edition_id
                  AND a.org_id NOT IN (SELECT org_id FROM p b WHERE b.edition_id = prev.prev_id)) AS new
        FROM prev""")
    _same(got, sql, ["edition_id"], ["renewed", "not_renewed", "new"])
    first = got[got["prev_edition_id"].isna()]
    assert (first["new"] == first["exhibitors"]).all() and first["renewal_rate"].isna().all()


def test_space_sales_matches_sql(world, con):
    got = reports.space_sales(world)
    sql = query(con, f"""
        WITH s AS (SELECT edition_id, SUM(booths) AS booths_sold, SUM(area_m2) AS m2_sold, SUM(price) AS revenue
                   FROM booth_bookings WHERE status = 'confirmed' GROUP BY edition_id)
        SELECT e.edition_id, s.booths_sold, s.m2_sold, s.revenue, s.booths_sold * 1.0 / e.capacity_booths AS booth_occupancy,
               s.revenue / ps.revenue - 1 AS change_revenue
        FROM editions e JOIN s USING (edition_id) JOIN ({PREVIOUS_EDITION}) pe USING (edition_id)
        LEFT JOIN s ps ON ps.edition_id = pe.prev_id""")
    _same(got, sql, ["edition_id"], ["booths_sold", "m2_sold", "revenue", "booth_occupancy", "change_revenue"])


def test_space_revenue_matches_sql(world, con):
    got = reports.space_revenue(world)
    sql = query(con, """
        SELECT b.edition_id, c.name AS category, b.hall, SUM(b.booths) AS booths, SUM(b.price) AS revenue
        FROM booth_bookings b JOIN booth_categories c USING (category_id) WHERE b.status = 'confirmed' GROUP BY 1, 2, 3""")
    _same(got, sql, ["edition_id", "category", "hall"], ["booths", "revenue"])
    rows = got.dropna(subset=["prev_revenue"])
    assert len(rows) > 0
    np.testing.assert_allclose(rows["change_revenue"], rows["revenue"] / rows["prev_revenue"] - 1)


# --- KPI -------------------------------------------------------------------------------------

def test_kpi_dashboard_matches_sql(world, con):
    got = reports.kpi_dashboard(world)
    sql = query(con, f"""
        WITH p AS (SELECT DISTINCT e.year, x.org_id, x.role FROM ({PARTICIPANTS}) x JOIN editions e USING (edition_id)),
             first AS (SELECT org_id, MIN(year) AS first_year FROM p GROUP BY org_id),
             yearly AS (SELECT p.year, COUNT(DISTINCT p.org_id) AS participants,
                        COUNT(DISTINCT CASE WHEN f.first_year < p.year THEN p.org_id END) AS repeat_customers,
                        COUNT(DISTINCT CASE WHEN f.first_year = p.year THEN p.org_id END) AS new_customers,
                        COUNT(DISTINCT CASE WHEN p.role = 'exhibitor' THEN p.org_id END) AS exhibitors
                        FROM p JOIN first f USING (org_id) GROUP BY p.year)
        SELECT y.year, y.participants, y.repeat_customers,
               (SELECT COUNT(*) FROM p a JOIN p b ON b.org_id = a.org_id AND b.year = a.year - 1 WHERE a.year = y.year)
                 * 1.0 / (SELECT COUNT(*) FROM p WHERE p.year = y.year - 1) AS retention_rate,
               (SELECT AVG(overall_satisfaction) FROM survey_responses s JOIN editions e USING (edition_id)
                 WHERE e.year = y.year) AS satisfaction,
               (SELECT SUM(price) FROM booth_bookings b JOIN editions e USING (edition_id)
                 WHERE e.year = y.year AND b.status = 'confirmed') * 1.0 / y.exhibitors AS value_per_customer,
               (SELECT SUM(actual_cost) FROM campaigns c JOIN editions e USING (edition_id)
                 WHERE e.year = y.year AND c.kind IN ('exhibitor_recruitment', 'buyer_recruitment'))
                 * 1.0 / y.new_customers AS acquisition_cost,
               ((SELECT COALESCE(SUM(cost), 0) FROM contact_log WHERE CAST(strftime('%Y', at) AS INT) = y.year)
                + (SELECT COALESCE(SUM(handling_cost), 0) FROM complaints c JOIN editions e USING (edition_id)
                   WHERE e.year = y.year)) * 1.0 / y.participants AS cost_to_serve_per_customer
        FROM yearly y""")
    first = sql["year"] == sql["year"].min()
    sql.loc[first, ["retention_rate", "acquisition_cost"]] = np.nan
    _same(got, sql, ["year"], ["participants", "repeat_customers", "retention_rate", "satisfaction",
                               "value_per_customer", "acquisition_cost", "cost_to_serve_per_customer"])
    cost = got["campaign_cost"] + got["cost_to_serve_total"]
    np.testing.assert_allclose(got["crm_roi"], (got["revenue"] - cost) / cost)


# --- errors ----------------------------------------------------------------------------------

def test_missing_table_is_a_clear_error(world):
    without = {k: v for k, v in world.items() if k != "booth_bookings"}
    with pytest.raises(UsageError, match="no 'booth_bookings' table"):
        reports.exhibitor_renewal(without)


def test_not_a_world_is_a_clear_error():
    with pytest.raises(UsageError, match="needs a World .* or a dict of tables"):
        reports.kpi_dashboard(42)
