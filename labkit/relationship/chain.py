"""Testing the relationship chain (满意感 → 信任感 → 归属感 → 商业友谊 → 忠诚感; 教材第六章).

Steps, as the lesson takes them:

1. **Scale scores** (量表得分): each construct is the mean of its items; satisfaction is
   measured by the two "overall" satisfaction items. Only respondents who answered every item
   of the chain are used (complete cases), so every score has the same number of items.
2. **Reliability** (信度): Cronbach's alpha of each construct.
3. **Paths** (路径): one regression per link of the chain, on standardised scores, fitted
   with statsmodels OLS; the model is the textbook's chain plus a direct path from
   satisfaction to loyalty (the paths of :data:`labkit.world.relationship.PATHS`).
4. **Measurement error** (测量误差): a scale score is true score plus noise, and noise
   weakens every correlation: r_observed = r_true x sqrt(rel_x x rel_y). Dividing by
   sqrt(alpha_x x alpha_y) (Spearman's correction for attenuation, 衰减校正) gives the
   correlation of the true scores; the paths follow from that corrected correlation matrix
   (beta = R_xx^-1 r_xy). Confidence intervals by bootstrap: respondents are drawn again with
   replacement and the whole computation (alphas included) is repeated.
5. **Mediation** (中介效应): does satisfaction act on loyalty through trust? Path a
   (trust on satisfaction) x path b (loyalty on trust, controlling satisfaction) is the
   indirect effect; its Sobel test and a bootstrap interval.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.errors import UsageError
from labkit.facts import require_columns
from labkit.i18n import _
from labkit.surveys.reliability import alpha_from_covariance, cronbach_alpha
from labkit.surveys.scores import numeric_answers
from labkit.world.relationship import PATHS
from labkit.world.schema import likert_dimensions, relationship_constructs

__all__ = [
    "CHAIN", "MediationResult", "chain_estimates", "chain_items", "chain_reliability", "compare_with_truth",
    "construct_scores", "corrected_paths", "equations", "mediation", "path_regressions",
]

#: The constructs in the order of the chain.
CHAIN: tuple[str, ...] = ("satisfaction", "trust", "belonging", "friendship", "loyalty")


def _check_boot(n_boot: object) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 100:
        raise UsageError(_("n_boot must be a whole number of at least 100 resamples"))


def chain_items() -> dict[str, list[str]]:
    """Item columns of each construct: satisfaction = the overall items, then the relationship scales."""
    return {"satisfaction": likert_dimensions()["overall"], **relationship_constructs()}


def equations() -> dict[str, list[str]]:
    """effect -> its causes, one regression each: trust ~ satisfaction, ..., loyalty ~ friendship + satisfaction."""
    eqs: dict[str, list[str]] = {}
    for cause, effect in PATHS:
        eqs.setdefault(effect, []).append(cause)
    return eqs


def _complete_items(responses: pd.DataFrame) -> pd.DataFrame:
    items = chain_items()
    columns = [c for cols in items.values() for c in cols]
    require_columns(responses, columns, "the relationship chain")
    frame = numeric_answers(responses[columns]).dropna()
    if len(frame) < 10:
        raise UsageError(_("the relationship chain needs at least 10 respondents who answered every item; found {n}").format(
            n=len(frame)))
    return frame


def construct_scores(responses: pd.DataFrame) -> pd.DataFrame:
    """One score per construct and complete respondent: the mean of its items (1-5)."""
    frame = _complete_items(responses)
    return pd.DataFrame({name: frame[cols].mean(axis=1) for name, cols in chain_items().items()})


def chain_reliability(responses: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha (with Feldt's 95% interval) of every construct, on the complete respondents."""
    frame = _complete_items(responses)
    rows = []
    for name, cols in chain_items().items():
        a = cronbach_alpha(frame[cols])
        rows.append({"construct": name, "items": len(cols), "n": a.n, "alpha": a.alpha,
                     "ci_low": a.ci_low, "ci_high": a.ci_high, "reading": a.reading})
    return pd.DataFrame(rows).set_index("construct")


def path_regressions(scores: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Each path of the chain by statsmodels OLS on standardised scores (observed, not corrected).

    Rows ``(cause, effect)``; columns estimate, std_error, ci_low, ci_high, p_value, r_squared.
    """
    import statsmodels.api as sm

    require_columns(scores, list(CHAIN), "path_regressions")
    z = (scores - scores.mean()) / scores.std(ddof=1)
    rows = []
    for effect, causes in equations().items():
        fit = sm.OLS(z[effect], sm.add_constant(z[causes])).fit()
        ci = fit.conf_int(1 - confidence)
        for cause in causes:
            rows.append({"cause": cause, "effect": effect, "estimate": fit.params[cause], "std_error": fit.bse[cause],
                         "ci_low": ci.loc[cause, 0], "ci_high": ci.loc[cause, 1], "p_value": fit.pvalues[cause],
                         "r_squared": fit.rsquared})
    return pd.DataFrame(rows).set_index(["cause", "effect"])


def _betas(corr: np.ndarray) -> np.ndarray:
    """Standardised paths (in PATHS order) and the indirect effect, from a correlation matrix in CHAIN order."""
    pos = {name: i for i, name in enumerate(CHAIN)}
    out: dict[tuple[str, str], float] = {}
    for effect, causes in equations().items():
        c = [pos[x] for x in causes]
        beta = np.linalg.solve(corr[np.ix_(c, c)], corr[c, pos[effect]])
        out |= {(cause, effect): b for cause, b in zip(causes, beta)}
    direct = [out[p] for p in PATHS]
    chain = [out[p] for p in PATHS if p != ("satisfaction", "loyalty")]
    return np.array([*direct, np.prod(chain)])


def _disattenuate(corr: np.ndarray, reliability: np.ndarray) -> np.ndarray:
    """Spearman's correction: r_ij / sqrt(rel_i x rel_j), diagonal 1."""
    out = corr / np.sqrt(np.outer(reliability, reliability))
    np.fill_diagonal(out, 1.0)
    return out


def _corrected_corr(items: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Corrected correlation of the construct scores (item means) straight from an item matrix."""
    cov = np.cov(items, rowvar=False)
    alphas = np.array([alpha_from_covariance(cov[np.ix_(g, g)]) for g in groups])
    weights = np.zeros((len(groups), items.shape[1]))
    for i, g in enumerate(groups):
        weights[i, g] = 1 / len(g)
    score_cov = weights @ cov @ weights.T
    sd = np.sqrt(np.diag(score_cov))
    return _disattenuate(score_cov / np.outer(sd, sd), alphas)


def _index() -> pd.MultiIndex:
    """(cause, effect, kind): every direct path, then the indirect effect of satisfaction on loyalty."""
    rows = [(c, e, "direct") for c, e in PATHS] + [("satisfaction", "loyalty", "indirect")]
    return pd.MultiIndex.from_tuples(rows, names=["cause", "effect", "kind"])


def corrected_paths(scores: pd.DataFrame, reliability: pd.Series) -> pd.Series:
    """Paths from the correlation matrix corrected for attenuation: r_ij / sqrt(rel_i x rel_j).

    ``reliability`` maps construct -> reliability (e.g. alpha). With every reliability 1 the
    result is the standardised OLS of :func:`path_regressions`. The last row is the indirect
    effect of satisfaction on loyalty along the chain (the product of its four paths).
    """
    require_columns(scores, list(CHAIN), "corrected_paths")
    rel = pd.Series(reliability, dtype="float64").reindex(list(CHAIN))
    if rel.isna().any() or ((rel <= 0) | (rel > 1)).any():
        raise UsageError(_("reliability needs a value above 0 and at most 1 for each of: {names}").format(names=", ".join(CHAIN)))
    corr = _disattenuate(scores[list(CHAIN)].corr().to_numpy(), rel.to_numpy())
    return pd.Series(_betas(corr), index=_index(), name="corrected")


def chain_estimates(responses: pd.DataFrame, n_boot: int = 500, seed: int = 0, confidence: float = 0.95) -> pd.DataFrame:
    """Every path (and the indirect effect), observed and corrected for attenuation, with bootstrap intervals.

    Rows ``(cause, effect, kind)``, kind direct or indirect. Columns: ``observed`` (standardised OLS on the scale scores),
    ``corrected`` (attenuation-corrected with Cronbach's alpha), ``ci_low`` / ``ci_high``
    (percentile bootstrap interval of the corrected value, ``n_boot`` resamples from ``seed``).
    """
    _check_boot(n_boot)
    frame = _complete_items(responses)
    names = list(frame.columns)
    groups = [np.array([names.index(c) for c in cols]) for cols in chain_items().values()]
    items = frame.to_numpy()
    scores = construct_scores(responses)
    rel = pd.Series({name: cronbach_alpha(frame[cols]).alpha for name, cols in chain_items().items()})
    point = corrected_paths(scores, rel)
    observed = _betas(scores[list(CHAIN)].corr().to_numpy())
    rng = np.random.default_rng(seed)
    boot = np.array([_betas(_corrected_corr(items[rng.integers(0, len(items), len(items))], groups))
                     for _draw in range(n_boot)])
    tail = (1 - confidence) / 2
    out = pd.DataFrame({"observed": observed,
                        "corrected": point.to_numpy(), "ci_low": np.quantile(boot, tail, axis=0),
                        "ci_high": np.quantile(boot, 1 - tail, axis=0)}, index=_index())
    return out


def compare_with_truth(estimates: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """``estimates`` (from :func:`chain_estimates`) beside the world's ``chain_truth`` table.

    Adds ``truth`` and ``covered`` (the truth lies inside the interval).
    """
    require_columns(truth, ["cause", "effect", "kind", "strength"], "compare_with_truth")
    require_columns(estimates, ["ci_low", "ci_high"], "compare_with_truth")
    keyed = truth.astype({"cause": str, "effect": str, "kind": str}).set_index(["cause", "effect", "kind"])["strength"]
    out = estimates.copy()
    out["truth"] = keyed.reindex(out.index).to_numpy()
    out["covered"] = (out["ci_low"] <= out["truth"]) & (out["truth"] <= out["ci_high"])
    return out


@dataclass(frozen=True)
class MediationResult:
    """Simple mediation x -> m -> y (中介效应), on standardised scores.

    ``a`` (m on x), ``b`` (y on m, controlling x), ``direct`` (y on x, controlling m), ``total``
    (y on x alone); ``indirect = a x b``; Sobel's standard error sqrt(b² se_a² + a² se_b²), its z
    and two-sided p; the percentile bootstrap interval of the indirect effect.
    """

    x: str
    m: str
    y: str
    a: float
    b: float
    direct: float
    total: float
    indirect: float
    sobel_se: float
    sobel_z: float
    sobel_p: float
    boot_low: float
    boot_high: float
    n: int


def _ab(x: np.ndarray, m: np.ndarray, y: np.ndarray) -> float:
    """a x b by least squares on centred data (the bootstrap's fast path; same numbers as OLS)."""
    x, m, y = x - x.mean(), m - m.mean(), y - y.mean()
    a = (x @ m) / (x @ x)
    coef = np.linalg.lstsq(np.column_stack([m, x]), y, rcond=None)[0]
    return float(a * coef[0])


def mediation(scores: pd.DataFrame, x: str = "satisfaction", m: str = "trust", y: str = "loyalty",
              n_boot: int = 1000, seed: int = 0, confidence: float = 0.95) -> MediationResult:
    """Baron-Kenny paths with statsmodels OLS, Sobel's test and a bootstrap interval of a x b."""
    import statsmodels.api as sm
    from scipy import stats

    require_columns(scores, [x, m, y], "mediation")
    if len({x, m, y}) < 3:
        raise UsageError(_("mediation needs three different constructs: x, the mediator m and the outcome y"))
    _check_boot(n_boot)
    data = scores[[x, m, y]].dropna()
    z = (data - data.mean()) / data.std(ddof=1)
    fit_a = sm.OLS(z[m], sm.add_constant(z[[x]])).fit()
    fit_b = sm.OLS(z[y], sm.add_constant(z[[m, x]])).fit()
    fit_c = sm.OLS(z[y], sm.add_constant(z[[x]])).fit()
    a, se_a = fit_a.params[x], fit_a.bse[x]
    b, se_b = fit_b.params[m], fit_b.bse[m]
    se = float(np.sqrt(b ** 2 * se_a ** 2 + a ** 2 * se_b ** 2))
    zx, zm, zy = (z[c].to_numpy() for c in (x, m, y))
    rng = np.random.default_rng(seed)
    boot = []
    for _draw in range(n_boot):
        i = rng.integers(0, len(z), len(z))
        boot.append(_ab(zx[i], zm[i], zy[i]))
    tail = (1 - confidence) / 2
    sobel_z = float(a * b / se)
    return MediationResult(x, m, y, float(a), float(b), float(fit_b.params[x]), float(fit_c.params[x]),
                           float(a * b), se, sobel_z, float(2 * stats.norm.sf(abs(sobel_z))),
                           float(np.quantile(boot, tail)), float(np.quantile(boot, 1 - tail)), len(z))
