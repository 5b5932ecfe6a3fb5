"""The classification view widget: the table on screen follows the dropdown and role buttons."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from classification_tiny_world import tiny_tables  # noqa: E402

from labkit.classification import TITLES, composition_table, customer_features  # noqa: E402
from labkit.plotting import classification_chart  # noqa: E402
from labkit.widgets.classification_view import ClassificationView  # noqa: E402


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return customer_features(tiny_tables())


def test_view_follows_dimension_and_role(features: pd.DataFrame) -> None:
    view = ClassificationView(features)
    assert view.table["count"].sum() == 5
    view.dimension.value = "loyalty"
    view.role.value = "buyer"
    # buyer 4: advocate; buyer 5: skeptic
    assert view.table.loc[["skeptic", "advocate"], "count"].tolist() == [1, 1]
    assert view.table["share"].sum() == pytest.approx(1.0)
    assert view.table.loc["advocate", "label"] == "advocate"  # the display language (English in tests)
    view.role.value = "exhibitor"
    expected = composition_table(features, "loyalty")["exhibitor"]
    assert view.table["count"].tolist() == expected.tolist()


def test_chart_has_one_bilingual_bar_per_category(features: pd.DataFrame) -> None:
    table = composition_table(features, "value_matrix")
    ax = classification_chart(table, title=TITLES["value_matrix"], role="exhibitor")
    assert [t.get_text() for t in ax.get_yticklabels()] == table["label"].tolist()
    assert [p.get_width() for p in ax.patches] == table["exhibitor"].tolist()
    assert "Value matrix" in ax.get_title() and "Exhibitors" in ax.get_title()
    plt.close(ax.figure)
    from labkit.i18n import using_language

    with using_language("zh_CN"):
        ax = classification_chart(composition_table(features, "value_matrix"), title=TITLES["value_matrix"],
                                  role="exhibitor")
    assert "客户价值矩阵" in ax.get_title() and "Value" not in ax.get_title()
    plt.close(ax.figure)


def test_view_refuses_unknown_choices(features: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="dimension must be one of"):
        ClassificationView(features, dimension="colour")
    with pytest.raises(ValueError, match="role must be one of"):
        ClassificationView(features, role="visitor")
