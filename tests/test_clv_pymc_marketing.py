"""Second implementation: pymc-marketing's maximum a posteriori fit with flat priors (slow)."""
from __future__ import annotations

import pytest

from labkit.clv import probabilistic as prob
from labkit.clv.cdnow_data import cdnow


@pytest.mark.slow
def test_pymc_marketing_flat_prior_fit_agrees_with_lifetimes() -> None:
    from pymc_extras.prior import Prior
    from pymc_marketing.clv import BetaGeoModel, GammaGammaModel

    summary = cdnow()
    data = summary.reset_index()
    flat = {name: Prior("HalfFlat") for name in ("r", "alpha", "a", "b")}
    bg = BetaGeoModel(model_config=flat)
    bg.fit(data, method="map", progressbar=False)
    ours = prob.fit_bgnbd(summary).params()
    theirs = bg.fit_summary()
    assert {k: theirs[k] for k in ours} == pytest.approx(ours, rel=2e-3)

    repeat = prob.repeat_buyers(summary).reset_index()
    gg = GammaGammaModel(model_config={k: Prior("HalfFlat") for k in ("p", "q", "v")})
    gg.fit(repeat, method="map", progressbar=False)
    spend = prob.fit_gamma_gamma(summary)
    theirs = gg.fit_summary()
    assert {"p": theirs["p"], "q": theirs["q"], "gamma": theirs["v"]} == pytest.approx(spend.params(), rel=2e-3)
