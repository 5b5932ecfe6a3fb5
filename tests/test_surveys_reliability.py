"""Cronbach's alpha against a hand-computed case (exact fractions) and pingouin."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from labkit.surveys import alpha_if_deleted, alpha_reading, cronbach_alpha

# Four respondents, three items. By hand (sample variances, n - 1 = 3):
#   item a 1,2,3,4 -> var 5/3;  item b 2,3,3,5 -> var 19/12;  item c 2,3,4,4 -> var 11/12
#   totals 5,8,10,13 -> var 34/3;  sum of item variances 25/6
#   alpha = 3/2 * (1 - (25/6) / (34/3)) = 3/2 * 43/68 = 129/136
HAND = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 3, 5], "c": [2, 3, 4, 4]})
HAND_ALPHA = Fraction(129, 136)


def _likert(seed: int, n: int = 120, k: int = 5, missing: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    raw = np.clip(np.round(3 + latent + rng.normal(scale=0.9, size=(n, k))), 1, 5)
    frame = pd.DataFrame(raw, columns=[f"q{i}" for i in range(k)])
    if missing:
        frame = frame.mask(rng.random(frame.shape) < missing)
    return frame


def test_hand_computed_alpha_exact() -> None:
    assert cronbach_alpha(HAND).alpha == pytest.approx(float(HAND_ALPHA), abs=1e-12)


def test_listwise_drops_incomplete_respondents_exactly() -> None:
    with_gap = pd.concat([HAND, pd.DataFrame({"a": [5], "b": [np.nan], "c": [1]})], ignore_index=True)
    result = cronbach_alpha(with_gap)
    assert result.n == 4
    assert result.alpha == pytest.approx(float(HAND_ALPHA), abs=1e-12)


def test_nullable_integer_columns_and_empty_rows() -> None:
    empty = pd.DataFrame({c: [pd.NA] for c in HAND.columns}, index=[9])  # answered nothing
    frame = pd.concat([HAND.astype("Int64"), empty.astype("Int64")])
    result = cronbach_alpha(frame, missing="pairwise")
    assert result.n == 4
    assert result.alpha == pytest.approx(float(HAND_ALPHA), abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("missing", ["listwise", "pairwise"])
def test_matches_pingouin_with_missing_answers(seed: int, missing: str) -> None:
    frame = _likert(seed, missing=0.08)
    mine = cronbach_alpha(frame, missing=missing, confidence=0.95)
    theirs, _ = pg.cronbach_alpha(data=frame, nan_policy=missing, ci=0.95)
    assert mine.alpha == pytest.approx(theirs, abs=1e-10)
    # pingouin 0.5-0.7 keeps the pre-deletion n in its listwise interval; ours uses the n
    # actually analysed, so the interval is compared on the complete respondents.
    used = frame.dropna() if missing == "listwise" else frame
    assert mine.n == len(used)
    _, ci = pg.cronbach_alpha(data=used, nan_policy=missing, ci=0.95)
    # pingouin rounds its interval to 3 decimals
    assert mine.ci_low == pytest.approx(ci[0], abs=6e-4)
    assert mine.ci_high == pytest.approx(ci[1], abs=6e-4)


def test_feldt_interval_formula() -> None:
    r = cronbach_alpha(HAND, confidence=0.9)
    f_hi, f_lo = stats.f.ppf([0.95, 0.05], 3, 6)
    assert r.ci_low == pytest.approx(1 - (1 - 129 / 136) * f_hi)
    assert r.ci_high == pytest.approx(1 - (1 - 129 / 136) * f_lo)
    assert r.ci_low < r.alpha < r.ci_high


@pytest.mark.parametrize(("value", "reading"), [
    (0.95, "excellent"), (0.9, "excellent"), (0.85, "good"), (0.7, "acceptable"),
    (0.65, "questionable"), (0.55, "poor"), (0.2, "unacceptable"), (-0.3, "unacceptable"),
])
def test_reading(value: float, reading: str) -> None:
    assert alpha_reading(value)[0] == reading


def test_alpha_if_deleted_matches_pingouin_and_flags_a_misfit() -> None:
    frame = _likert(4)
    frame["noise"] = np.random.default_rng(9).integers(1, 6, size=len(frame)).astype(float)
    table = alpha_if_deleted(frame)
    for col in frame.columns:
        assert table.loc[col, "alpha_if_deleted"] == pytest.approx(pg.cronbach_alpha(frame.drop(columns=col))[0])
    whole = cronbach_alpha(frame).alpha
    assert table.loc["noise", "alpha_if_deleted"] > whole
    assert table["item_total_r"].idxmin() == "noise"


def test_bad_input_is_explained() -> None:
    with pytest.raises(ValueError, match="at least two items"):
        cronbach_alpha(HAND[["a"]])
    with pytest.raises(ValueError, match="text"):
        cronbach_alpha(HAND.assign(b=["x", "y", "z", "w"]))
    with pytest.raises(ValueError, match="missing must be"):
        cronbach_alpha(HAND, missing="mean")
    with pytest.raises(ValueError, match="two respondents"):
        cronbach_alpha(HAND.iloc[:1])
    with pytest.raises(ValueError, match="does not vary"):
        cronbach_alpha(pd.DataFrame({"a": [3, 3, 3], "b": [3, 3, 3]}))
