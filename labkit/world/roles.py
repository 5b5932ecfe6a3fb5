"""The generator's roles by name (角色): a company's role is held as its place in :data:`ROLES`
so that tables of rates can be indexed by it, and code compares it with :data:`EXHIBITOR` /
:data:`BUYER`, never with 0 or 1. The tables the generator writes hold the codes themselves."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from labkit.world.schema import Role

__all__ = ["BUYER", "EXHIBITOR", "ROLES", "ROLE_INDEX", "role_codes"]

#: The roles in schema order; a rate table per role lists its rates in this order.
ROLES: tuple[Role, ...] = tuple(Role)
ROLE_INDEX: Mapping[str, int] = {str(role): i for i, role in enumerate(ROLES)}
EXHIBITOR = ROLE_INDEX[Role.exhibitor]
BUYER = ROLE_INDEX[Role.buyer]


def role_codes(index: np.ndarray) -> np.ndarray:
    """The role codes (``exhibitor``, ``buyer``) of an array of role places, as objects."""
    return np.array([str(role) for role in ROLES], dtype=object)[index]
