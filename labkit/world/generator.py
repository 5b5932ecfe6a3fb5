"""``generate_world``: a deterministic exhibition world from a seed (数据生成器).

Order of work: companies and contacts (static data) -> behaviour over six editions with
the campaigns run before each -> tables of bookings, registrations, deals, surveys,
complaints and contacts (dynamic data) -> optional data-quality defects. All randomness
comes from one ``numpy.random.Generator``.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from labkit.world import campaigns as camp
from labkit.world import details, fair, feedback, incentives, interests, participation, relationship, service
from labkit.world.behaviour import STAGES, History, simulate
from labkit.world.config import FIRST_YEAR, N_EDITIONS, WorldConfig, make_config
from labkit.world.container import World, conform
from labkit.world.customers import Customers, make_customers
from labkit.world.draws import choice, dates_between
from labkit.world.locales import world_locale
from labkit.world.roles import BUYER, EXHIBITOR

Progress = Callable[[str], None]
#: Receives each finished table (name, frame) in schema order of making; may write it and let it go.
Sink = Callable[[str, pd.DataFrame], None]
DATA_SOURCE = {
    EXHIBITOR: (["sales_dept", "marketing_dept", "website", "call_centre", "on_site", "registration"], [35, 20, 15, 10, 10, 10]),
    BUYER: (["registration", "e_ticket", "website", "on_site", "call_centre", "survey", "marketing_dept"], [35, 20, 15, 10, 8, 4, 8]),
}


def _starts() -> np.ndarray:
    return np.array([f"{FIRST_YEAR + i // 2}-{'04' if i % 2 == 0 else '10'}-15" for i in range(N_EDITIONS)],
                    dtype="datetime64[D]")


def _organisations(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, history: History,
                   channel_of: np.ndarray) -> pd.DataFrame:
    n = cust.n
    cols, cust.columns = cust.columns, {}
    role = cust.role
    cols["data_source"] = np.where(role == EXHIBITOR, choice(rng, *DATA_SOURCE[EXHIBITOR], n), choice(rng, *DATA_SOURCE[BUYER], n))
    won = channel_of[history.first_campaign]
    fallback = choice(rng, ["website", "phone", "email", "magazine", "other"], [35, 20, 20, 10, 15], n)
    cols["customer_source"] = np.where(won == "", fallback, won)
    # records exist before the first campaign reaches them; later customers were entered later
    late = history.first_edition >= 0
    lo = np.where(late, np.datetime64("2020-01-01"), np.datetime64("2015-01-01"))
    cols["created_at"] = dates_between(rng, lo, np.full(n, np.datetime64(f"{FIRST_YEAR - 1}-06-30")))
    side = cfg.side_rng("details")
    cols["sales_venue"] = details.sales_venues(side, np.asarray(cols["business_nature"], dtype=object))
    cols["data_source_detail"] = details.data_source_details(side, np.asarray(cols["data_source"], dtype=object))
    return conform("organisations", cols)


def _contacts(rng: np.random.Generator, cust: Customers, history: History) -> pd.DataFrame:
    df, cust.contacts = cust.contacts, None  # hand the columns over: a million-row world is big
    assert df is not None, "contacts are built once"
    dnc = (rng.random(len(df)) < 0.01) & ~df["is_primary"].to_numpy()  # primaries: only by their answer
    dnc[cust.primary_contact - 1] = history.dnc
    df["do_not_contact"] = dnc
    return conform("contacts", df)


def _truth(cust: Customers, history: History) -> pd.DataFrame:
    return conform("customer_truth", {
        "org_id": np.arange(1, cust.n + 1), "lifecycle_stage": np.array(STAGES, dtype=object)[history.stage],
        "loyalty": cust.loyalty, "value_potential": cust.value_potential, "churned": history.churned})


def generate_world(*, seed: int = 0, locale: str = "zh_CN", scale: str | int = "classroom",
                   student_id: str | None = None, defects: bool = False,
                   progress: Progress | None = None, fair: str | None = None) -> World:
    """Generate the exhibition world (会展客户数据世界): same arguments, same data, in any process.

    ``scale`` is "classroom" (about 2,000 exhibitors and 20,000 buyers), "fair" (a
    Canton-Fair-sized session) or a number of buyers; ``student_id`` gives each student a
    variant of the same world; ``defects=True`` injects data-quality problems and lists
    them in the ``defects`` table. ``progress(step)`` is called before each stage. ``fair``
    names an industry fair (``labkit.world.fairs.fair_keys()``, e.g. "furniture"): the
    exhibition becomes that fair and its industry supplies most exhibitors; without it the
    world is the general trade fair.
    """
    cfg = make_config(seed, locale, scale, student_id, defects, fair)
    tables: dict[str, pd.DataFrame] = {}
    _generate(cfg, progress or (lambda _step: None), tables.__setitem__)
    return World(tables, cfg.locale, cfg.seed, cfg.scale, cfg.student_id, cfg.defects,
                 meta={} if cfg.fair is None else {"fair": cfg.fair})


def generate_tables(cfg: WorldConfig, sink: Sink, progress: Progress | None = None) -> dict[str, int]:
    """Generate the world of ``cfg`` and hand each table to ``sink`` as soon as it is complete.

    The same tables as :func:`generate_world`, byte for byte, but a table handed over is not
    kept: writing a million-buyer world this way never holds all of it at once (with
    defects every table is held until the defects are injected). Returns rows per table.
    """
    rows: dict[str, int] = {}

    def counted(name: str, frame: pd.DataFrame) -> None:
        rows[name] = len(frame)
        sink(name, frame)

    _generate(cfg, progress or (lambda _step: None), counted)
    return rows


def _generate(cfg: WorldConfig, progress: Progress, sink: Sink) -> None:
    if cfg.defects:  # the defects touch every table: hold them all, inject, then hand them over
        held: dict[str, pd.DataFrame] = {}
        rng = _make(cfg, progress, held.__setitem__)
        world = World(held, cfg.locale, cfg.seed, cfg.scale, cfg.student_id, cfg.defects)
        progress("data-quality defects")
        from labkit.world.defects import inject
        inject(rng, world)
        for name in list(held):
            sink(name, held.pop(name))
    else:
        _make(cfg, progress, sink)


def _make(cfg: WorldConfig, progress: Progress, put: Sink) -> np.random.Generator:
    """Make every table in order, handing each to ``put`` when done; returns the random generator."""
    rng = cfg.rng()
    starts = _starts()
    progress("companies and contacts")
    cust = make_customers(rng, cfg)
    progress("behaviour over the editions")
    history = simulate(rng, cfg, cust, starts)
    staff = world_locale(cfg.locale).person_names(rng, 12)
    channel_of = np.array([""] + [c.channel for c in history.campaigns], dtype=object)  # by campaign_id, 0 = none
    answered = participation.answer_dates(history)
    progress("bookings and editions")
    halls = _halls(cfg)
    bookings = conform("booth_bookings", participation.booth_bookings(rng, cfg, cust, history, starts, halls, answered))
    confirmed = bookings[bookings["status"] == "confirmed"]
    booths = confirmed.groupby("edition_id")["booths"].sum().reindex(range(1, N_EDITIONS + 1), fill_value=0)
    put("exhibitions", fair.exhibitions(cfg))
    editions = fair.editions(cfg, booths.to_numpy(), halls)
    names = editions["name"].tolist()
    put("editions", editions)
    put("organisations", _organisations(rng, cfg, cust, history, channel_of))
    put("contacts", _contacts(rng, cust, history))
    put("booth_categories", fair.booth_categories(cfg))
    progress("campaigns and invitations")
    campaigns, activities = camp.campaign_tables(rng, cfg, history.campaigns, names, staff)
    side = cfg.side_rng("incentives")  # offers (优惠或便利措施) come after the recruitment campaigns
    offers, claims = incentives.incentive_campaigns(side, cust, history, starts, len(history.campaigns) + 1)
    campaigns, activities = incentives.append_offers(
        campaigns, activities, incentives.incentive_tables(side, cfg, offers, names, staff))
    put("campaigns", conform("campaigns", campaigns))
    put("campaign_activities", conform("campaign_activities", activities))
    put("invitations", conform("invitations", camp.invitations_frame(history.invitations + claims, cust.primary_contact)))
    del claims
    history.invitations.clear()  # answered dates were taken above
    put("booth_bookings", bookings)
    progress("registrations and deals")
    put("registrations", conform("registrations", participation.registrations(rng, cust, history, starts, channel_of, answered)))
    put("deals", conform("deals", participation.deals(rng, cfg, cust, history, starts)))
    put("product_interests", conform("product_interests",
                                     interests.product_interests(cfg.side_rng("interests"), cust, history)))
    progress("surveys, complaints and contact log")
    ends = starts + np.timedelta64(4, "D")
    chain = relationship.draw_chain(rng)
    put("survey_responses", conform("survey_responses", feedback.surveys(rng, cust, history, ends, channel_of, chain)))
    price = np.zeros((N_EDITIONS, cust.n))
    price[confirmed["edition_id"].to_numpy() - 1, confirmed["org_id"].to_numpy() - 1] = confirmed["price"].to_numpy()
    put("complaints", conform("complaints", feedback.complaints(rng, cfg, cust, history, starts, price)))
    del price, confirmed, bookings
    put("contact_log", conform("contact_log", service.contact_log(rng, cfg, cust, history, starts, staff)))
    put("customer_truth", _truth(cust, history))
    put("chain_truth", conform("chain_truth", relationship.truth_table(chain.strengths)))
    return rng


def _halls(cfg: WorldConfig) -> np.ndarray:
    """Halls in use per edition, from the planned number of booths (~400 booths per hall)."""
    planned = 0.42 * cfg.n_exhibitors * 1.6 * 1.03 ** np.arange(N_EDITIONS)
    return np.maximum(1, np.ceil(planned * 1.12 / 400)).astype(np.int64)
