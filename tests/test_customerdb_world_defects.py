"""The validator against the world's injected defects (ground truth in the defects table).

Every malformed email and every city put in the wrong province must be refused on its
field. A malformed phone must be refused or normalised back to the original number (a
missing '+' or extra dashes are a format slip that E.164 normalisation repairs), except
where the damaged digits are themselves a valid national number of that country
(628-1261-3048 is a valid Indonesian landline): no syntax check can see those, so for
phones the test asks for 95% and reports the rest.
"""
from __future__ import annotations

import pytest

from labkit.customerdb import record_problems
from labkit.customerdb.linkage import customer_list


@pytest.fixture(scope="module")
def world(defect_world):  # type: ignore[no-untyped-def]
    return defect_world("zh_CN")


def _records(world):
    customers = customer_list(world.organisations, world.contacts)
    main_contact = world.contacts.sort_values(["org_id", "is_primary", "contact_id"], ascending=[True, False, True])
    main_contact = main_contact.drop_duplicates("org_id").set_index("contact_id")["org_id"]
    return customers, main_contact


def _check(world, org_id, customers):
    row = customers.loc[org_id]
    rec = dict(company=row["name"], contact=row["contact"], phone=row["phone"], email=row["email"], role=row["role"],
               country=row["country"], province=row["province"], city=row["city"], industry=row["industry"])
    clean, problems = record_problems(rec, world.locale)
    return clean, {p.field for p in problems}


@pytest.mark.parametrize("kind, field, share", [("malformed_email", "email", 1.0), ("malformed_phone", "phone", 0.95),
                                                ("wrong_province", "city", 1.0)])
def test_injected_defects_are_refused_or_repaired(world, kind, field, share) -> None:
    customers, main_contact = _records(world)
    defects = world.defects[world.defects["kind"] == kind]
    caught, missed = 0, []
    for _, d in defects.iterrows():
        org_id = int(d["row_id"]) if d["table"] == "organisations" else main_contact.get(int(d["row_id"]))
        if org_id is None:
            continue  # a defect on a secondary contact is not part of the customer record
        clean, fields = _check(world, org_id, customers)
        if field in fields or (kind == "malformed_phone" and clean["phone"] == d["original"]):
            caught += 1
        else:
            missed.append((d["original"], d["injected"], clean[field]))
    assert caught + len(missed) >= 5, f"too few {kind} defects on main records to test"
    assert caught / (caught + len(missed)) >= share, missed
