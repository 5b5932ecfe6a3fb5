"""Charts render Chinese and Korean without missing-glyph boxes."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from labkit import plotting  # noqa: E402
from labkit.i18n import Label
from labkit.world.schema import ENUMS

SAMPLES = {
    "zh_CN": ["华东", "广东省", "深圳市", "参展商", "采购商", "浙江义乌小商品有限公司"],
    "ko_KR": ["수도권", "서울특별시", "부산광역시", "전시회", "㈜한빛전자"],
    "en_US": ["Northeast", "New York", "Acme Trading Co., Ltd."],
}


def _draw(labels: list[str]) -> None:
    fig, ax = plt.subplots()
    ax.bar(range(len(labels)), range(1, len(labels) + 1))
    ax.set_xticks(range(len(labels)), labels)
    ax.set_title(Label("Customers by region", "客户区域分布").text + " 지역별 고객")
    ax.set_ylabel("-5 … 5")
    fig.canvas.draw()
    plt.close(fig)


@pytest.mark.parametrize("locale", sorted(SAMPLES))
def test_chart_renders_every_glyph(locale: str) -> None:
    plotting.use_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        _draw(SAMPLES[locale])


def test_without_the_style_glyphs_are_missing() -> None:
    """The check above can fail: the default font lacks CJK and matplotlib says so."""
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _draw(SAMPLES["zh_CN"])
    assert any("missing from font" in str(w.message) for w in caught)


def test_missing_glyphs_uses_the_font_cmap() -> None:
    assert plotting.missing_glyphs("华东 수도권 Northeast ㈜") == set()
    assert plotting.missing_glyphs("\U0001F600") == {"\U0001F600"}  # an emoji is not in the font


@pytest.mark.parametrize("language, buyers, role, kind", [
    ("en_US", "Buyers", "buyer", "buyer recruitment"),
    ("zh_CN", "采购商", "采购商", "招商"),
    ("ko_KR", "바이어", "바이어", "바이어 유치"),
])
def test_labels_follow_the_display_language(language: str, buyers: str, role: str, kind: str) -> None:
    from labkit.i18n import using_language

    with using_language(language):
        assert Label("Buyers", "采购商").text == buyers
        assert ENUMS["role"].labels.text("buyer") == role
        assert ENUMS["campaign_kind"].labels.text("buyer_recruitment") == kind
