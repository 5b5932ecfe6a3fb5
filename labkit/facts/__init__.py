"""Business facts (业务事实): the rules every analysis counts by, each written once.

Who took part, what was sold, visited and signed, the order of the editions, what each
customer spent and cost to serve, and the one way to reach the tables of a world. The
classifications, lifetime value, complaint analysis and reports all read these, and
``tests/test_facts_consistency.py`` checks that they agree::

    from labkit import facts
    facts.participations(world)             # (org_id, edition_id, role) that took part
    facts.edition_sequence(world)           # editions with position, prev/next edition
    facts.cost_to_serve(world, org_ids)     # contacts + complaint handling per customer
    facts.campaign_attendees(world)         # companies each campaign won that actually came
"""
from __future__ import annotations

from labkit.facts.campaigns import BOOKED_STATUSES, campaign_attendees, campaign_wins
from labkit.facts.editions import edition_sequence
from labkit.facts.money import (
    booth_spend,
    contribution,
    cost_to_serve,
    cost_to_serve_by_year,
    per_org,
)
from labkit.facts.participation import (
    ATTENDED_STATUS,
    RECRUITMENT_KINDS,
    SIGNED_STAGE,
    SOLD_STATUS,
    attended_visits,
    participations,
    signed_deals,
    sold_bookings,
)
from labkit.facts.tables import require_columns, table, world_tables

__all__ = [
    "ATTENDED_STATUS", "BOOKED_STATUSES", "RECRUITMENT_KINDS", "SIGNED_STAGE", "SOLD_STATUS", "attended_visits", "booth_spend",
    "campaign_attendees", "campaign_wins", "contribution",
    "cost_to_serve", "cost_to_serve_by_year", "edition_sequence", "participations", "per_org",
    "require_columns", "signed_deals", "sold_bookings", "table", "world_tables",
]
