"""The schema is self-consistent and `labkit schema --json` prints the documented shape."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from labkit.world import schema


def test_keys_and_enums_resolve() -> None:
    for t in schema.TABLES:
        names = t.column_names
        assert len(names) == len(set(names)), f"{t.name}: duplicate column"
        assert t.primary_key in names
        for fk in t.foreign_keys:
            assert fk.column in names
            target = schema.table(fk.table)
            assert fk.target_column == target.primary_key, fk
        for col in t.columns:
            assert col.dtype in schema.DTYPES, (t.name, col.name)
            assert col.label_zh and col.description
            if col.enum is not None:
                assert col.enum in schema.ENUMS and col.dtype == "category"


def test_every_enum_code_has_a_chinese_label() -> None:
    for e in schema.ENUMS.values():
        assert e.codes and all(e.labels[c].zh for c in e.codes)
    assert schema.ENUMS["campaign_kind"].labels["exhibitor_recruitment"].zh == "招展"


def test_likert_items_are_columns_grouped_in_four_dimensions() -> None:
    dims = schema.likert_dimensions()
    assert set(dims) == {"content", "organisation", "interaction", "overall"}
    cols = set(schema.table("survey_responses").column_names)
    assert {c for items in dims.values() for c in items} <= cols


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no table 'buyers'"):
        schema.table("buyers")


def test_cli_prints_the_documented_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "labkit", "schema", "--json"], capture_output=True, text=True, check=True
    ).stdout
    doc = json.loads(out)
    tables = {t["name"]: t for t in doc["tables"]}
    assert set(tables) == {t.name for t in schema.TABLES}
    org = tables["organisations"]
    assert org["primary_key"] == "org_id"
    role = next(c for c in org["columns"] if c["name"] == "role")
    assert set(role) >= {"name", "dtype", "description", "label_zh", "enum"}
    assert role["enum"] == ["exhibitor", "buyer"]
    assert {"column": "org_id", "references": "organisations.org_id"} in tables["contacts"]["foreign_keys"]


def test_cli_bad_command_is_one_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "labkit", "shema"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "invalid choice" in proc.stderr


def test_column_types_are_one_closed_list() -> None:
    """Column types come from schema.ColumnType (a Literal): pandas dtypes and SQL types cover exactly them."""
    from labkit.world import storage

    assert set(schema.DTYPES) == set(schema.COLUMN_TYPES)
    assert set(storage._SQL_TYPES) == set(schema.COLUMN_TYPES)
    used = {c.dtype for t in schema.TABLES for c in t.columns}
    assert used <= set(schema.COLUMN_TYPES)
    assert all(c.enum is not None for t in schema.TABLES for c in t.columns if c.dtype == "category")


def test_enumerations_are_str_enums_derived_once() -> None:
    """A code in the kit's code is a member (Role.buyer), so a typo fails; ENUMS is built from the classes."""
    from labkit.world.schema import Codes, Enum, Role

    assert Role.buyer == "buyer" and type(str(Role.buyer)) is str and Role.buyer.zh == "采购商"
    assert schema.ENUMS["role"].members is Role and schema.ENUMS["role"].codes == Role.codes() == ("exhibitor", "buyer")
    with pytest.raises(AttributeError):
        Role.buyr  # noqa: B018 - the misspelling is the point

    class Misspelt(Codes):
        exhibitor = "exhibitr", "参展商"

    with pytest.raises(TypeError, match="exhibitor"):
        Enum.of(Misspelt)
    for name, enum in schema.ENUMS.items():
        assert enum.name == name and all(str(m) == m.name for m in enum.members)


def test_foreign_keys_are_objects_checked_at_import() -> None:
    fk = schema.table("contacts").foreign_keys[0]
    assert (fk.column, fk.table, fk.target_column, fk.references) == ("org_id", "organisations", "org_id", "organisations.org_id")


def test_the_generator_holds_roles_by_name() -> None:
    import numpy as np

    from labkit.world.roles import BUYER, EXHIBITOR, ROLES, role_codes

    assert [str(r) for r in ROLES] == list(schema.Role.codes())
    assert role_codes(np.array([BUYER, EXHIBITOR, BUYER])).tolist() == ["buyer", "exhibitor", "buyer"]
