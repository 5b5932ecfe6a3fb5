"""The charts lessons 03, 04 and 06 draw with the kit (value matrix, value concentration, simulated funnel, composition)
draw what their tables say, checked against hand-computed values."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from classification_tiny_world import tiny_tables  # noqa: E402

from labkit import reports  # noqa: E402
from labkit.classification import TITLES, composition_table, customer_features, value_matrix  # noqa: E402
from labkit.i18n import using_language  # noqa: E402
from labkit.plotting import (  # noqa: E402
    composition_chart,
    role_share_chart,
    simulated_funnel_chart,
    value_concentration_chart,
    value_matrix_chart,
)


def test_value_concentration_by_hand() -> None:
    values = pd.DataFrame({"role": ["buyer"] * 3 + ["exhibitor"] * 2,
                           "lifetime_value": [5.0, 10.0, -5.0, 30.0, 10.0]})
    ax = value_concentration_chart(values, top_share=0.5)
    curves = {line.get_label(): line for line in ax.get_lines()}
    buyer, exhibitor = curves["buyer"], curves["exhibitor"]
    # buyers: 10, 5, -5 of a total 10 -> 100 %, 150 %, 100 %; exhibitors: 30, 10 of 40 -> 75 %, 100 %
    assert list(buyer.get_xdata()) == pytest.approx([1 / 3, 2 / 3, 1])
    assert list(buyer.get_ydata()) == pytest.approx([1.0, 1.5, 1.0])
    assert list(exhibitor.get_ydata()) == pytest.approx([0.75, 1.0])
    assert any(list(line.get_xdata()) == [0.5, 0.5] for line in ax.get_lines())  # the dotted top-share line
    plt.close(ax.figure)


def test_value_concentration_labels_the_roles_in_the_display_language() -> None:
    values = pd.DataFrame({"role": ["buyer", "exhibitor"], "lifetime_value": [1.0, 2.0]})
    with using_language("zh_CN"):
        ax = value_concentration_chart(values)
    assert {"采购商", "参展商", "前 20% 客户"} <= {t.get_text() for t in ax.get_legend().get_texts()}
    plt.close(ax.figure)


def test_value_matrix_chart_has_a_point_per_customer_in_its_quadrant() -> None:
    matrix = value_matrix(customer_features(tiny_tables()))
    ax = value_matrix_chart(matrix, currency="CNY")
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == len(matrix)
    assert ax.get_xlabel().endswith("(CNY)")
    plt.close(ax.figure)


def test_simulated_funnel_is_the_mean_of_the_runs(worlds) -> None:
    world = worlds.get(seed=3, scale=300)
    buyers = world.organisations.loc[world.organisations["role"] == "buyer", "org_id"]
    outcome = reports.simulate_campaign(world, buyers, "sms", 500, seed=1)
    ax = simulated_funnel_chart({"A": outcome})
    line = ax.get_lines()[0]
    assert np.allclose(line.get_ydata(), outcome.funnel.mean(axis=1).to_numpy())
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["Targets", "Invited", "Delivered"]
    assert ax.get_yscale() == "log"
    plt.close(ax.figure)


def test_composition_chart_shows_the_top_rows_of_the_report(worlds) -> None:
    world = worlds.get(seed=3, scale=300)
    by_region = reports.customer_composition(world, "region_group").sort_values("customers", ascending=False)
    ax = composition_chart(by_region, top=3)
    widths = [p.get_width() for p in ax.patches]
    assert widths == [*by_region["exhibitors"].head(3), *by_region["buyers"].head(3)]  # pandas draws a role at a time
    assert [t.get_text() for t in ax.get_yticklabels()] == list(by_region["label"].head(3))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Exhibitors", "Buyers"]
    plt.close(ax.figure)


def test_role_share_chart_draws_each_roles_shares_on_the_given_axes() -> None:
    table = composition_table(customer_features(tiny_tables()), "loyalty")
    figure, (left, right) = plt.subplots(1, 2)
    ax = role_share_chart(table, title=TITLES["loyalty"], ax=right)
    assert ax is right and not left.patches
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([*table["exhibitor_share"], *table["buyer_share"]])
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table["label"])
    assert ax.get_title() == "Loyalty ladder"
    plt.close(figure)
