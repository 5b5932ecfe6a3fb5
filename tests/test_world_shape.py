"""The generated world has exactly the schema's tables, columns, dtypes, enums and keys."""
from __future__ import annotations

import pandas as pd
import pytest

import labkit
from labkit.world import schema


@pytest.fixture(scope="module", params=[("zh_CN", False), ("en_US", False), ("ko_KR", True)])
def world(request: pytest.FixtureRequest, worlds) -> labkit.World:  # type: ignore[no-untyped-def]
    locale, defects = request.param
    return worlds.get(seed=2, locale=locale, scale=3_000, defects=defects)


def test_every_required_table_is_present(world: labkit.World) -> None:
    required = {t.name for t in schema.TABLES if not t.optional}
    assert required <= set(world.tables)
    assert set(world.tables) - required <= {t.name for t in schema.TABLES if t.optional}


def test_columns_and_dtypes_follow_the_schema(world: labkit.World) -> None:
    for name, df in world.tables.items():
        spec = schema.table(name)
        assert list(df.columns) == spec.column_names, name
        for col in spec.columns:
            want = schema.DTYPES[col.dtype]
            assert str(df[col.name].dtype) == want, f"{name}.{col.name}: {df[col.name].dtype} != {want}"
            if not col.nullable:
                assert not df[col.name].isna().any(), f"{name}.{col.name} has nulls"


def test_enumerations_are_respected(world: labkit.World) -> None:
    for name, df in world.tables.items():
        for col in schema.table(name).columns:
            if col.enum:
                used = set(df[col.name].dropna().astype(str))
                assert used <= set(schema.ENUMS[col.enum].codes), f"{name}.{col.name}: {used}"


def test_primary_keys_are_unique_and_foreign_keys_resolve(world: labkit.World) -> None:
    for name, df in world.tables.items():
        spec = schema.table(name)
        assert df[spec.primary_key].is_unique, name
        for fk in spec.foreign_keys:
            target = world.tables[fk.table][fk.target_column]
            values = df[fk.column].dropna()
            dangling = values[~values.isin(target)]
            assert dangling.empty, f"{name}.{fk.column} -> {fk.references}: {dangling.head().tolist()}"


def test_attribute_access_and_currency(world: labkit.World) -> None:
    assert world.organisations is world.tables["organisations"]
    assert world.currency == {"zh_CN": "CNY", "en_US": "USD", "ko_KR": "KRW"}[world.locale]
    with pytest.raises(AttributeError, match="no table"):
        world.no_such_table  # noqa: B018
    assert isinstance(world.editions, pd.DataFrame)
