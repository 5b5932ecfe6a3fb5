"""Every chart of the kit keeps seaborn's contract: ``chart(data, *, ax=None, ...) -> Axes``.

The charts are found in ``labkit.plotting.__all__`` (every public name ending in ``_chart``), not
listed here: a new chart without data below fails. Each is drawn with small real data and must
return an Axes, draw on a passed Axes without making a figure, take its options by keyword only,
and leave rcParams as they were (styling comes from ``use_style()`` only).
"""
from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from classification_tiny_world import tiny_tables  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from labkit import classification, clv, complaints, plotting, reports, surveys  # noqa: E402
from labkit.widgets.clv_explorer import explorer_view  # noqa: E402

CHARTS = sorted(name for name in plotting.__all__ if name.endswith("_chart"))
SMALL_WORLD = {"seed": 3, "scale": 300}


def _likert() -> pd.DataFrame:
    answers = pd.DataFrame({"content_exhibits": [1, 2, 3, 3, 5], "organisation_venue": [4, 4, 4, 5, 3]})
    return surveys.item_distribution(answers, list(answers))


def _ipa() -> Any:
    frame = pd.DataFrame({"a": [5, 4, 2], "b": [2, 2, 1], "overall_satisfaction": [5, 3, 1]})
    return surveys.importance_performance(frame, ["a", "b"])


#: chart name -> its data, made from a world (a small generated one) or by hand
DATA: dict[str, Callable[[Any], Any]] = {
    "diverging_likert_chart": lambda world: _likert(),
    "ipa_chart": lambda world: _ipa(),
    "pareto_chart": lambda world: complaints.pareto_table(world.complaints),
    "classification_chart": lambda world: classification.composition_table(
        classification.customer_features(tiny_tables()), "loyalty"),
    "clv_curve_chart": lambda world: explorer_view(1000, 0.8, 0.1, 6).curve,
    "tornado_chart": lambda world: clv.tornado_data(
        {"margin": 100, "retention": 0.8, "discount_rate": 0.1, "periods": 10},
        {"margin": (80, 120), "retention": (0.6, 0.9)}),
    "response_rate_chart": reports.response_by_channel,
    "cost_per_attendee_chart": reports.cost_effectiveness_by_channel,
    "funnel_chart": lambda world: reports.attendance_funnel(world).tail(2),
    "latest_funnel_chart": reports.attendance_funnel,
    "renewal_chart": reports.exhibitor_renewal,
    "kpi_chart": reports.kpi_dashboard,
    "role_share_chart": lambda world: classification.composition_table(
        classification.customer_features(tiny_tables()), "loyalty"),
    "composition_chart": lambda world: reports.customer_composition(world, "region_group"),
    "simulated_funnel_chart": lambda world: {"sms": reports.simulate_campaign(
        world, world.organisations.loc[world.organisations["role"] == "buyer", "org_id"], "sms", 500, seed=1)},
    "value_concentration_chart": lambda world: pd.DataFrame(
        {"role": ["buyer", "buyer", "exhibitor", "exhibitor"], "lifetime_value": [10.0, -2.0, 30.0, 10.0]}),
    "value_matrix_chart": lambda world: classification.value_matrix(classification.customer_features(tiny_tables())),
}


@pytest.fixture(scope="module")
def world(worlds: Any) -> Any:
    return worlds.get(**SMALL_WORLD)


def _rc() -> dict[str, Any]:
    return {key: str(value) for key, value in matplotlib.rcParams.items()}


@pytest.fixture(autouse=True)
def matplotlib_defaults() -> Any:
    """Each test starts from matplotlib's defaults (not the kit's style a test before may have set), so a
    chart that sets the style is seen; the rcParams of before come back afterwards."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        yield


def test_every_chart_has_data_here() -> None:
    assert CHARTS, "labkit.plotting exports no chart"
    assert sorted(DATA) == CHARTS


@pytest.mark.parametrize("name", CHARTS)
def test_the_signature_is_data_then_keyword_only_options(name: str) -> None:
    chart = getattr(plotting, name)
    parameters = list(inspect.signature(chart).parameters.values())
    assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, f"{name}: the data comes first"
    assert [p.name for p in parameters[1:] if p.kind is not inspect.Parameter.KEYWORD_ONLY] == [], \
        f"{name}: options after the data must be keyword-only"
    assert "ax" in inspect.signature(chart).parameters and inspect.signature(chart).parameters["ax"].default is None
    assert typing.get_type_hints(chart)["return"] is Axes


@pytest.fixture(params=CHARTS)
def chart(request: pytest.FixtureRequest, world: Any) -> Any:
    """(name, chart, its data), with no pyplot figure open before or after."""
    name = request.param
    data = DATA[name](world)
    plt.close("all")
    yield name, getattr(plotting, name), data
    plt.close("all")


def test_a_chart_draws_on_the_axes_it_is_given(chart: Any) -> None:
    name, draw, data = chart
    figure, ax = plt.subplots()
    before, rc = plt.get_fignums(), _rc()
    returned = draw(data, ax=ax)
    assert returned is ax
    assert plt.get_fignums() == before, f"{name} made a figure of its own"
    assert returned.figure is figure and (ax.patches or ax.lines or ax.collections or ax.texts)
    assert _rc() == rc, f"{name} changed rcParams"


def test_without_axes_a_chart_makes_one_new_figure(chart: Any) -> None:
    name, draw, data = chart
    rc = _rc()
    returned = draw(data)
    assert isinstance(returned, Axes)
    assert plt.get_fignums() == [returned.figure.number]
    assert _rc() == rc, f"{name} changed rcParams"


def test_chart_png_draws_off_pyplot_in_the_kit_style(chart: Any) -> None:
    _name, draw, data = chart
    rc = _rc()
    png = plotting.chart_png(lambda: draw(data))
    assert png.startswith(b"\x89PNG")
    assert plt.get_fignums() == [] and _rc() == rc


def test_chart_png_uses_the_kit_style_and_restores_the_old_one() -> None:
    seen: list[list[str]] = []

    def draw() -> Axes:
        seen.append(list(matplotlib.rcParams["font.sans-serif"]))
        return plotting.chart_axes(None, (2, 2))

    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        plotting.chart_png(draw)
        assert matplotlib.rcParams["font.sans-serif"] == ["DejaVu Sans"]
    assert seen[0][0] == "Noto Sans CJK SC"


def test_no_public_function_of_plotting_returns_a_figure() -> None:
    for name in plotting.__all__:
        value = getattr(plotting, name)
        if inspect.isfunction(value):
            assert typing.get_type_hints(value).get("return") is not Figure, f"{name} returns a Figure"
