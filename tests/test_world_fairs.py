"""Industry fairs, record details, product interests and offers (优惠或便利措施) of the world."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import labkit
from labkit.errors import UsageError
from labkit.world import fair_info, fair_keys
from labkit.world.details import DETAILS
from labkit.world.interests import RELATED


@pytest.fixture(scope="module")
def w() -> labkit.World:
    return labkit.generate_world(scale=3000)


def test_default_world_is_the_general_fair(w: labkit.World) -> None:
    assert w.exhibitions["industry_focus"].isna().all()
    assert w.exhibitions["name"].iloc[0] == "华南国际商品博览会"


@pytest.mark.parametrize("locale", ["zh_CN", "en_US", "ko_KR"])
def test_every_fair_exists_in_every_locale(locale: str) -> None:
    for key in fair_keys():
        focus, (name, name_en, venue, city, country) = fair_info(key, locale)
        assert focus in labkit.world.schema.ENUMS["industry"].codes
        assert all([name, name_en, venue, city]) and len(country) == 2


def test_a_chosen_fair_draws_its_industry() -> None:
    f = labkit.generate_world(scale=3000, fair="furniture", locale="en_US")
    assert f.exhibitions["industry_focus"].iloc[0] == "furniture_home"
    assert f.exhibitions["name"].iloc[0] == "Carolina Home Furnishings Market"
    share = f.organisations.groupby("role", observed=True)["industry"].apply(lambda s: (s == "furniture_home").mean())
    assert 0.5 < share["exhibitor"] < 0.7 and 0.35 < share["buyer"] < 0.55


def test_unknown_fair_is_one_clear_sentence() -> None:
    with pytest.raises(UsageError, match="unknown fair 'toys'; choose one of: electronics"):
        labkit.generate_world(scale=300, fair="toys")


def test_data_source_detail_lies_inside_its_data_source(w: labkit.World) -> None:
    orgs = w.organisations
    for source, (details, _weights) in DETAILS.items():
        got = set(orgs.loc[orgs["data_source"] == source, "data_source_detail"].dropna().astype(str))
        assert got <= set(details)
    assert orgs["data_source_detail"].notna().sum() == orgs["data_source"].notna().sum()


def test_sales_venue_follows_business_nature(w: labkit.World) -> None:
    orgs = w.organisations
    venue = orgs.groupby("business_nature", observed=True)["sales_venue"].agg(lambda s: s.value_counts().idxmax())
    assert venue["ecommerce"] == "online_platform" and venue["retailer"] == "retail_stores"
    assert venue["service_provider"] == "direct_to_business"


def test_product_interests_are_registered_buyers_with_planted_pairs(w: labkit.World) -> None:
    pi = w.product_interests
    role = pi["org_id"].map(w.organisations.set_index("org_id")["role"])
    assert (role == "buyer").all()
    assert set(pi["org_id"]) == set(w.registrations["org_id"])
    assert not pi.duplicated(["org_id", "product_category"]).any()
    basket = pd.crosstab(pi["org_id"], pi["product_category"].astype(str)).astype(bool)
    a, b = "furniture_home", RELATED["furniture_home"][0][0]
    lift = (basket[a] & basket[b]).mean() / (basket[a].mean() * basket[b].mean())
    assert lift > 2


def test_offers_go_to_known_buyers_and_ask_nothing_else(w: labkit.World) -> None:
    camps = w.campaigns[w.campaigns["kind"] == "visitor_incentive"]
    assert len(camps) == 2 * len(w.editions)
    inv = w.invitations[w.invitations["campaign_id"].isin(camps["campaign_id"])]
    assert (inv["org_id"].map(w.organisations.set_index("org_id")["role"]) == "buyer").all()
    assert not (inv["response"] == "do_not_contact").any()
    # only buyers known before the edition: none is a first-timer of that edition
    edition = inv["campaign_id"].map(camps.set_index("campaign_id")["edition_id"])
    newcomers = w.registrations.loc[w.registrations["is_first_time"], ["edition_id", "org_id"]]
    offered = pd.DataFrame({"edition_id": edition, "org_id": inv["org_id"]})
    assert offered.merge(newcomers, on=["edition_id", "org_id"]).empty
    assert inv["responded"].any() and inv["attended"].any()
    dnc = w.contacts.loc[w.contacts["do_not_contact"], "contact_id"]
    assert not inv["contact_id"].isin(dnc).any()
    assert np.isclose(camps["actual_cost"].sum(),
                      w.campaign_activities[w.campaign_activities["campaign_id"].isin(camps["campaign_id"])]["cost"].sum())


def test_generate_command_takes_a_fair(tmp_path, capsys) -> None:  # noqa: ANN001
    from labkit.cli import main

    out = tmp_path / "w"
    assert main(["generate", "--scale", "300", "--fair", "textiles", "--out", str(out)]) == 0
    exhibitions = pd.read_csv(out / "exhibitions.csv")
    assert exhibitions["industry_focus"].tolist() == ["textiles_apparel"]
    assert main(["generate", "--scale", "300", "--fair", "toys", "--out", str(tmp_path / "x")]) == 2
    assert "unknown fair 'toys'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
