"""Customer lifetime value formulas the course teaches (客户终身价值).

Every function works with ``int``, ``float`` or ``fractions.Fraction`` inputs; with fractions
and whole-number horizons the answer is exact, so worked examples can be checked to the cent.

Timing convention (时间约定): by default the first margin arrives at the *end* of period 1 and
only if the customer is still there (retained with probability ``retention``), as in Gupta &
Lehmann's margin multiple. ``first_margin_now=True`` counts the first margin today, for sure.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

from labkit.errors import UsageError
from labkit.i18n import _

Number = float  # any real number: int, float, numpy scalar


def check_discount_rate(discount_rate: Number) -> None:
    """A discount rate (贴现率) lies above -100 % and at most 100 % per period, written as a share (0.1)."""
    if not discount_rate > -1:
        raise UsageError(_("discount rate must be greater than -100% (-1); got {rate}. Write 10% as 0.1, not 10.")
                         .format(rate=discount_rate))
    if discount_rate > 1:
        raise UsageError(_("a discount rate of {rate} would be {percent:,.0f}% per period; write 10% as 0.1")
                         .format(rate=discount_rate, percent=float(discount_rate) * 100))


def check_retention(retention: Number, name: str = "retention") -> None:
    """A retention rate (客户保持率) is a probability from 0 up to but not including 1."""
    if not 0 <= retention < 1:
        raise UsageError(
            _("{name} must be at least 0 and below 1 (a probability, e.g. 0.8 for 80%); got {retention}").format(name=name, retention=retention)
        )


def _check_periods(periods: int) -> None:
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 0:
        raise UsageError(_("the planning horizon must be a whole number of periods, 0 or more; got {periods!r}").format(periods=periods))


def _divide(a: Number, b: Number) -> Number:
    """a / b, kept as an exact fraction when both are whole numbers."""
    if isinstance(a, int) and isinstance(b, int):
        return Fraction(a, b)  # type: ignore[return-value]  # a Fraction is a real number
    return a / b


def _ratio(retention: Number, discount_rate: Number) -> Number:
    """q = r / (1 + d): what one period of survival and waiting multiplies a margin by."""
    return retention / (1 + discount_rate)


def margin_multiple(margin: Number, retention: Number, discount_rate: Number,
                    first_margin_now: bool = False) -> Number:
    """Infinite-horizon CLV, first margin at the end of period 1 (Gupta & Lehmann): m * r / (1 + d - r).

    边际乘数: the value of a customer kept forever with constant margin and retention. With
    ``first_margin_now`` the first margin is counted today, for sure: m * (1 + d) / (1 + d - r).
    """
    check_retention(retention)
    check_discount_rate(discount_rate)
    if not retention < 1 + discount_rate:
        raise UsageError(
            _("with retention {retention} and discount rate {discount_rate} the value never stops growing (retention must be below 1 + discount rate); use a finite horizon instead").format(retention=retention, discount_rate=discount_rate)
        )
    first = 1 + discount_rate if first_margin_now else retention
    return margin * first / (1 + discount_rate - retention)


def customer_clv(margin: Number, retention: Number, discount_rate: Number, periods: int,
                 first_margin_now: bool = False) -> Number:
    """CLV of one customer over ``periods`` periods (单个客户终身价值), in closed form.

    End of period (default): sum_{t=1..T} m q^t; first margin now: sum_{t=0..T-1} m q^t,
    with q = retention / (1 + discount_rate).
    """
    check_retention(retention)
    check_discount_rate(discount_rate)
    _check_periods(periods)
    q = _ratio(retention, discount_rate)
    first = 1 if first_margin_now else q
    if q == 1:
        return margin * first * periods
    return margin * first * (1 - q**periods) / (1 - q)


def periodic_rate(annual_rate: Number, periods_per_year: int) -> Number:
    """The discount rate for one period when a year has ``periods_per_year`` periods (期间贴现率)."""
    check_discount_rate(annual_rate)
    if isinstance(periods_per_year, bool) or not isinstance(periods_per_year, int) or periods_per_year < 1:
        raise UsageError(_("periods per year must be a whole number, 1 or more; got {periods_per_year!r}").format(periods_per_year=periods_per_year))
    if periods_per_year == 1:
        return annual_rate
    return (1 + annual_rate) ** (1 / periods_per_year) - 1


def single_customer_clv(purchases_per_period: Number, profit_per_purchase: Number,
                        repurchase_probability: Number, annual_discount_rate: Number,
                        horizon_periods: int, periods_per_year: int = 1,
                        first_margin_now: bool = False) -> Number:
    """The course's single-customer CLV (单个客户的终身价值) from its seven pieces of information.

    Period length: ``periods_per_year`` (1 = a year, 4 = a quarter, 12 = a month); discount
    rate (资本成本) per year; planning horizon in periods; purchase frequency per period;
    average profit per purchase; probability that the customer buys again each period.
    """
    if purchases_per_period < 0:
        raise UsageError(_("purchases per period cannot be negative; got {purchases_per_period}").format(purchases_per_period=purchases_per_period))
    check_retention(repurchase_probability, "probability of buying again")
    rate = periodic_rate(annual_discount_rate, periods_per_year)
    margin = purchases_per_period * profit_per_purchase
    return customer_clv(margin, repurchase_probability, rate, horizon_periods, first_margin_now)


def annuity_factor(discount_rate: Number, years: Number) -> Number:
    """Present value of 1 a year, paid at each year end, for ``years`` years (年金现值系数).

    Closed form (1 - (1 + d)^-n) / d, so a non-whole number of years works; n when d = 0.
    """
    check_discount_rate(discount_rate)
    if years < 0:
        raise UsageError(_("the number of years cannot be negative; got {years}").format(years=years))
    if discount_rate == 0:
        return years
    if isinstance(years, Fraction) and years.denominator == 1:
        years = int(years)  # keeps the answer an exact fraction
    return (1 - (1 + discount_rate) ** -years) / discount_rate


@dataclass(frozen=True)
class GroupCLV:
    """The four steps of the customer-group method (客户群终身价值), every intermediate kept."""

    customers: Number
    lost: Number
    churn_rate: Number                  # step 1: 流失率 = lost / customers
    lifetime: Number                    # step 2: 平均生命周期 = 1 / churn rate (years)
    annual_profit_per_customer: Number  # step 3: 年平均利润
    annuity_factor: Number              # step 4: 年金现值系数
    clv_per_customer: Number            # 每位客户终身价值
    clv_total: Number                   # 客户群终身价值

    def as_dict(self) -> dict[str, Number]:
        return asdict(self)


def group_clv(customers: Number, lost: Number, total_annual_profit: Number,
              discount_rate: Number) -> GroupCLV:
    """Customer-group CLV in the course's four steps (年金现值法).

    1. churn rate = customers lost in a year / customers; 2. average lifetime = 1 / churn rate;
    3. average annual profit per customer = total annual profit / customers; 4. present value
    of that profit paid at each year end for the average lifetime (annuity, closed form).
    """
    if customers <= 0:
        raise UsageError(_("the group must have at least one customer; got {customers}").format(customers=customers))
    if lost < 0:
        raise UsageError(_("the number of customers lost cannot be negative; got {lost}").format(lost=lost))
    if lost > customers:
        raise UsageError(_("cannot lose more customers ({lost}) than the group has ({customers})").format(lost=lost, customers=customers))
    if lost == 0:
        raise UsageError(
            _("no customer was lost, so the churn rate is 0 and the average lifetime is endless; the group method needs at least one lost customer")
        )
    check_discount_rate(discount_rate)
    churn = _divide(lost, customers)
    lifetime = 1 / churn
    per_customer = _divide(total_annual_profit, customers)
    factor = annuity_factor(discount_rate, lifetime)
    clv = per_customer * factor
    return GroupCLV(customers, lost, churn, lifetime, per_customer, factor, clv, clv * customers)
