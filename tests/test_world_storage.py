"""Writing worlds: CSV/Parquet folders, SQLite with keys, Excel; the data dictionary is current."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import labkit
from labkit.errors import UsageError
from labkit.world import schema, storage
from labkit.world.dictionary import data_dictionary_markdown
from labkit.world.reading import read_world

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def w() -> labkit.World:
    return labkit.generate_world(seed=4, scale=400, defects=True)


def test_csv_has_one_file_per_table_named_after_it(w: labkit.World, tmp_path: Path) -> None:
    w.to_csv(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in w.tables)
    orgs = pd.read_csv(tmp_path / "organisations.csv")
    assert list(orgs.columns) == schema.table("organisations").column_names
    assert len(orgs) == len(w.organisations)


def test_parquet_round_trip_keeps_dtypes(w: labkit.World, tmp_path: Path) -> None:
    w.to_parquet(tmp_path)
    back = read_world(tmp_path)
    for name, df in w.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], df, check_exact=True)


def test_sqlite_has_keys_and_every_foreign_key_resolves(w: labkit.World, tmp_path: Path) -> None:
    path = w.to_sqlite(tmp_path / "world.sqlite")
    con = sqlite3.connect(path)
    try:
        for t in schema.TABLES:
            if t.name not in w.tables:
                continue
            info = con.execute(f'PRAGMA table_info("{t.name}")').fetchall()
            assert [r[1] for r in info if r[5]] == [t.primary_key]
            fks = {(r[3], f"{r[2]}.{r[4]}") for r in con.execute(f'PRAGMA foreign_key_list("{t.name}")')}
            assert fks == {(fk.column, fk.references) for fk in t.foreign_keys}
            assert con.execute(f'SELECT COUNT(*) FROM "{t.name}"').fetchone()[0] == len(w.tables[t.name])
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        when = con.execute("SELECT start_date FROM editions WHERE edition_id = 1").fetchone()[0]
        assert when == "2023-04-15"
    finally:
        con.close()


def test_excel_has_a_sheet_per_table(w: labkit.World, tmp_path: Path) -> None:
    path = w.to_excel(tmp_path / "world.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert set(sheets) == set(w.tables)
    assert len(sheets["editions"]) == 6


def test_too_big_for_excel_is_a_clear_error_and_leaves_nothing(w: labkit.World, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "EXCEL_MAX_ROWS", 10)
    with pytest.raises(UsageError, match="too large for an Excel sheet"):
        w.to_excel(tmp_path / "world.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(w: labkit.World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise OSError("disk full")
    monkeypatch.setattr(pd.DataFrame, "to_parquet", boom)
    with pytest.raises(OSError):
        w.to_parquet(tmp_path / "pq")
    assert list((tmp_path / "pq").iterdir()) == []


def test_committed_data_dictionary_is_current() -> None:
    committed = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    assert committed == data_dictionary_markdown(), "regenerate: labkit schema --markdown > datasets/README.md"


@pytest.mark.parametrize("language", ["zh_CN", "en_US", "ko_KR"])
def test_data_dictionary_names_every_column_in_the_display_language(language: str) -> None:
    """Tables and columns carry the display language's label: the course's Chinese in zh_CN, the
    catalog's Korean in ko_KR, and no Chinese label outside zh_CN."""
    from labkit.i18n import using_language

    with using_language(language):
        text = data_dictionary_markdown()
        for t in schema.TABLES:
            assert f"`{t.name}` — {t.label}" in text
            for c in t.columns:
                assert f"| `{c.name}` | {c.label} |" in text
    with using_language(language):
        shown = schema.table("organisations").column("business_nature").label
    assert shown == {"zh_CN": "业务性质", "en_US": "business nature", "ko_KR": "업무 성격"}[language]
    if language != "zh_CN":
        assert "| 业务性质 |" not in text and "展会届次" not in text


def test_single_file_outputs_get_the_usual_permissions(w: labkit.World, tmp_path: Path) -> None:
    """A group shares these files: not mkstemp's private 0600, but what the umask allows."""
    import os

    umask = os.umask(0o022)
    try:
        for path in (w.to_sqlite(tmp_path / "w.sqlite"), w.to_excel(tmp_path / "w.xlsx")):
            assert Path(path).stat().st_mode & 0o777 == 0o644, path
    finally:
        os.umask(umask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sqlite", "w.xlsx"]  # no temporary left


@pytest.mark.parametrize("defects", [False, True])
def test_streamed_tables_are_the_generated_world(defects: bool, tmp_path: Path) -> None:
    """generate_tables hands over the same tables as generate_world, each once, and keeps none."""
    from labkit.world.config import make_config
    from labkit.world.generator import generate_tables

    whole = labkit.generate_world(seed=5, locale="ko_KR", scale=300, defects=defects)
    handed: dict[str, pd.DataFrame] = {}
    rows = generate_tables(make_config(5, "ko_KR", 300, None, defects),
                           lambda name, frame: handed.setdefault(name, frame))
    assert list(handed) == list(whole.tables)
    assert rows == {name: len(frame) for name, frame in whole.tables.items()}
    for name, frame in whole.tables.items():
        pd.testing.assert_frame_equal(handed[name], frame, check_exact=True)


def test_streamed_folder_is_all_or_nothing(tmp_path: Path) -> None:
    """A failure after some tables were written removes them: no half world in the folder."""
    from labkit.world.config import make_config
    from labkit.world.generator import generate_tables

    def add_then_fail(name: str, frame: pd.DataFrame) -> None:
        folder.add(name, frame)
        if name == "invitations":
            raise OSError("disk full")

    with pytest.raises(OSError), storage.FolderWriter(tmp_path / "pq", "parquet") as folder:
        generate_tables(make_config(1, "zh_CN", 300, None, False), add_then_fail)
    assert list((tmp_path / "pq").iterdir()) == []


@pytest.mark.parametrize("fmt", storage.FORMATS)
def test_every_format_reads_back_as_the_world_written(w: labkit.World, fmt: str, tmp_path: Path) -> None:
    """World.write and labkit.read_world are symmetric: same tables, columns, dtypes and values."""
    target = tmp_path / ("world" if fmt in ("csv", "parquet") else f"world.{fmt}")
    w.write(target, fmt)
    back = labkit.read_world(target)
    assert back.locale == w.locale and back.has_defects and back.meta["format"] == fmt
    assert set(back.tables) == set(w.tables)
    for name, df in w.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], df, check_exact=fmt != "xlsx", rtol=1e-12)


def test_read_world_says_what_is_wrong_with_a_path(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        labkit.read_world(tmp_path / "nothing.xlsx" / "x")
    with pytest.raises(UsageError, match="not a world folder"):
        labkit.read_world(tmp_path)
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(UsageError, match="not a world"):
        labkit.read_world(tmp_path / "notes.txt")
    pd.DataFrame({"x": [1]}).to_csv(tmp_path / "organisations.csv", index=False)
    with pytest.raises(UsageError, match="tables missing"):
        labkit.read_world(tmp_path)


def test_write_refuses_an_unknown_format(w: labkit.World, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="must be one of csv, parquet, sqlite, xlsx"):
        w.write(tmp_path / "x", "json")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_load_world_takes_generate_worlds_arguments_and_keeps_meta() -> None:
    a = labkit.load_world(seed=4, scale=400, defects=True)
    b = labkit.generate_world(seed=4, scale=400, defects=True)
    assert (a.seed, a.scale, a.has_defects) == (b.seed, b.scale, b.has_defects)
    for name, df in b.tables.items():
        pd.testing.assert_frame_equal(a.tables[name], df)
    with pytest.raises(TypeError):
        labkit.load_world("en_US")  # type: ignore[misc]
