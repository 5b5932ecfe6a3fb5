"""``labkit clv``: single-customer and customer-group lifetime value from the command line (客户终身价值)."""
from __future__ import annotations

import argparse

from labkit.clv.formulas import customer_clv, group_clv, margin_multiple
from labkit.errors import UsageError
from labkit.i18n import _


def _customer(args: argparse.Namespace) -> int:
    try:
        value = customer_clv(args.margin, args.retention, args.discount_rate, args.periods, args.first_margin_now)
        endless = margin_multiple(args.margin, args.retention, args.discount_rate, args.first_margin_now)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    timing = _("first margin now") if args.first_margin_now else _("first margin at the end of period 1")
    print(_("CLV over {periods} periods ({timing}) 客户终身价值: {value}").format(
        periods=args.periods, timing=timing, value=f"{value:,.2f}"))
    print(_("endless horizon ({timing}) 无限期: {value}").format(timing=timing, value=f"{endless:,.2f}"))
    return 0


def _group(args: argparse.Namespace) -> int:
    try:
        steps = group_clv(args.customers, args.lost, args.total_annual_profit, args.discount_rate)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for name, value in steps.as_dict().items():
        print(f"{name:>28}: {float(value):,.4f}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("clv", help=_("customer lifetime value of one customer or of a customer group"))
    kinds = p.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True
    c = kinds.add_parser("customer", help=_("one customer: margin, retention, discount rate, periods"))
    c.add_argument("--margin", type=float, required=True, help=_("profit per period"))
    c.add_argument("--retention", type=float, required=True, help=_("retention rate per period, e.g. 0.8"))
    c.add_argument("--discount-rate", type=float, required=True, help=_("discount rate per period, e.g. 0.1 for ten per cent"))
    c.add_argument("--periods", type=int, required=True, help=_("planning horizon in periods"))
    c.add_argument("--first-margin-now", action="store_true", help=_("count the first margin today"))
    c.set_defaults(func=_customer)
    g = kinds.add_parser("group", help=_("a customer group, the course's four steps"))
    g.add_argument("--customers", type=int, required=True, help=_("customers in the group"))
    g.add_argument("--lost", type=int, required=True, help=_("customers lost in a year"))
    g.add_argument("--total-annual-profit", type=float, required=True, help=_("the group's profit in a year"))
    g.add_argument("--discount-rate", type=float, required=True, help=_("discount rate per year, e.g. 0.1 for ten per cent"))
    g.set_defaults(func=_group)
