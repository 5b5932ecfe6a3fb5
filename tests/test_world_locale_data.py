"""A locale is data (地区设置即数据): found in the data folders, read into one WorldLocale, added by a folder alone.

``tests/data/locales/de_DE/`` is a minimal but complete locale that no code knows: the tests copy
it into a temporary folder, point ``LABKIT_LOCALE_PATH`` at that folder and make worlds in it.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

import labkit
from labkit.errors import DataError
from labkit.plotting.numbers import money
from labkit.world import available_locales, world_locale
from labkit.world.locales import LOCALE_PATH_ENV

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "locales" / "de_DE"
SHIPPED = ROOT / "labkit" / "data" / "locales"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def de_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the de_DE locale, on LABKIT_LOCALE_PATH for this test."""
    folder = tmp_path / "my_locales"
    shutil.copytree(EXAMPLE, folder / "de_DE")
    monkeypatch.setenv(LOCALE_PATH_ENV, str(folder))
    return folder


def _cli(*args: str, path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LABKIT_LANG": "en_US", LOCALE_PATH_ENV: str(path)}
    return subprocess.run([sys.executable, "-m", "labkit", *args], env=env, capture_output=True, text=True, cwd=cwd)


def test_the_locales_are_the_folders_of_the_data() -> None:
    folders = sorted(p.name for p in SHIPPED.iterdir() if (p / "locale.json").is_file())
    assert list(available_locales()) == folders == ["en_US", "ko_KR", "zh_CN"]
    for code in folders:
        loc = world_locale(code)
        assert loc.code == code and loc.source == SHIPPED / code
    assert world_locale("ko_KR").money.currency == "KRW" and world_locale("zh_CN").people.separator == ""


def test_no_world_module_keys_knowledge_by_locale() -> None:
    """Locale codes appear in code only as defaults: no dict keyed by them, no comparison or list of them."""
    code = re.compile(r"^[a-z]{2}_[A-Z]{2}$")
    found = []
    for package in ("world", "customerdb", "classification", "facts", "relationship", "reports", "surveys",
                    "complaints", "clv", "widgets"):
        for path in sorted((ROOT / "labkit" / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                parts: list[Any] = []
                if isinstance(node, ast.Dict):
                    parts = list(node.keys)
                elif isinstance(node, ast.Compare):
                    parts = [node.left, *node.comparators]
                elif isinstance(node, ast.Tuple | ast.List | ast.Set):
                    parts = list(node.elts)
                hits = [p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
                        and code.match(p.value)]
                if hits:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {hits}")
    assert found == []


def test_a_new_locale_from_a_data_folder_alone(de_path: Path) -> None:
    data, names, geo = (_json(de_path / "de_DE" / f) for f in ("locale.json", "names.json", "geography.json"))
    assert "de_DE" in available_locales()
    w = labkit.generate_world(seed=1, locale="de_DE", scale=400, defects=True)
    assert w.locale == "de_DE" and w.currency == "EUR"
    assert money(1234.5, w.currency) == data["money"]["symbol"] + "1,234.50"  # the tables' figures speak it too
    ex = w.exhibitions.iloc[0]
    assert (ex["name"], ex["venue"], ex["city"], ex["country"]) == (
        data["exhibition"]["name"], data["exhibition"]["venue"], data["exhibition"]["city"], "DE")
    assert w.editions["name"].iloc[0] == "2023 " + data["sessions"]["spring"]
    assert w.booth_categories["name"].tolist() == list(data["booths"].values())
    home = w.organisations[w.organisations["country"] == "DE"]
    assert len(home) > 0.6 * len(w.organisations)
    cities = {c for p in geo["provinces"] for c in p["cities"]}
    assert set(home["city"]) <= cities and set(home["province"]) == {p["name"] for p in geo["provinces"]}
    assert set(home["region_group"]) <= set(geo["groups"])
    original = home[home["org_id"] <= len(w.customer_truth)]
    legal = tuple(" " + f for f in names["legal_forms"])
    assert original["name"].str.endswith(legal).all()
    assert original["name"].map(lambda n: n.split(" ")[0] in names["company_stems"]).all()
    abroad = w.organisations[w.organisations["country"] != "DE"]
    assert set(abroad["country"]) <= set(data["origins"])
    assert set(abroad["region_group"]) <= set(data["world_regions"].values())
    people = w.contacts.merge(original[["org_id"]], on="org_id")
    parts = people["name"].str.split(" ", n=1, expand=True)
    given, family = parts[0], parts[1]
    assert given.isin(names["given_names"]).all() and family.isin(names["surnames"]).all()
    spoiled = w.defects.loc[w.defects["table"] == "contacts", "row_id"]  # malformed on purpose
    people = people[~people["contact_id"].isin(spoiled)]
    assert people["email"].dropna().str.fullmatch(r"[a-z0-9.]+@[a-z0-9]+\.de").all()
    assert people["email"].str.contains("muller").any()  # Müller's address without the umlaut
    for phone in people["phone"].dropna():
        assert phonenumbers.region_code_for_number(phonenumbers.parse(phone)) == "DE", phone
    themes = w.campaigns["theme"].tolist()
    assert any(data["channels"]["email"] in t for t in themes)
    assert set(w.campaign_activities["name"]) <= set(data["activities"].values())
    assert set(w.complaints["resolution"].dropna()) <= set(data["resolutions"].values())
    assert labkit.generate_world(seed=1, locale="de_DE", scale=400, defects=True).organisations.equals(w.organisations)
    fair = labkit.generate_world(seed=1, locale="de_DE", scale=300, fair="furniture")
    assert fair.exhibitions["name"].iloc[0] == data["fairs"]["furniture"]["name"]


def test_labkit_generate_makes_a_world_in_the_new_locale(de_path: Path, tmp_path: Path) -> None:
    helped = _cli("generate", "--help", path=de_path, cwd=tmp_path)
    assert "de_DE" in helped.stdout
    run = _cli("generate", "--locale", "de_DE", "--scale", "300", "--format", "csv", "--out", "w", path=de_path, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "EUR" in run.stdout
    back = labkit.read_world(tmp_path / "w")
    assert back.locale == "de_DE" and back.currency == "EUR"
    assert back.exhibitions["city"].iloc[0] == "München"


def _broken(folder: Path, file: str, change: Any) -> Path:
    path = folder / "de_DE" / file
    data = _json(path)
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("file", "change", "sentence"), [
    ("locale.json", lambda d: d["booths"].pop("premium"), "The locale file {path} is incomplete: it has no booths.premium."),
    ("locale.json", lambda d: d["money"].update(scale="viel"), "In the locale file {path}, money.scale must be a number."),
    ("locale.json", lambda d: d["themes"].update(fast_track="{ed} {season}"),
     "In the locale file {path}, themes.fast_track: unknown placeholder {{season}}; use {{ch}}, {{ed}}."),
    ("names.json", lambda d: d.pop("streets"), "The locale file {path} is incomplete: it has no streets."),
    ("geography.json", lambda d: d["provinces"][1].update(group="Mitte"),
     "In the locale file {path}, provinces[1].group: 'Mitte' is not one of groups."),
])
def test_a_malformed_locale_file_is_one_sentence_naming_file_and_field(de_path: Path, file: str, change: Any,
                                                                       sentence: str) -> None:
    path = _broken(de_path, file, change)
    with pytest.raises(DataError) as caught:
        labkit.generate_world(locale="de_DE", scale=300)
    assert str(caught.value) == sentence.format(path=path)


def test_a_broken_locale_stops_labkit_generate_with_that_sentence_and_no_file(de_path: Path, tmp_path: Path) -> None:
    path = _broken(de_path, "locale.json", lambda d: d.pop("resolutions"))
    run = _cli("generate", "--locale", "de_DE", "--scale", "300", "--out", "w", path=de_path, cwd=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert f"The locale file {path} is incomplete: it has no resolutions." in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w").exists()


def test_a_locale_file_that_is_not_json_is_one_sentence(de_path: Path) -> None:
    path = de_path / "de_DE" / "locale.json"
    path.write_text('{"locale": "de_DE",\n "money": }', encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(f"The locale file {path} is not valid JSON (line 2).")):
        world_locale("de_DE")


def test_a_locale_defined_twice_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHIPPED / "ko_KR", tmp_path / "ko_KR")
    monkeypatch.setenv(LOCALE_PATH_ENV, str(tmp_path))
    with pytest.raises(DataError, match="The locale ko_KR is defined twice"):
        available_locales()


def test_the_words_a_locale_must_give_are_the_words_the_generator_asks_for() -> None:
    from labkit.world import campaigns, fair, incentives, locales

    assert locales.CHANNELS == tuple(campaigns.CHANNELS)
    asked = [a for parts in campaigns.ACTIVITIES.values() for a, _share in parts]
    asked += [a for offer in incentives.OFFERS for a, _share in offer.activities]
    assert sorted(locales.ACTIVITIES) == sorted(asked)
    assert locales.THEMES == (*campaigns.KIND, *(o.key for o in incentives.OFFERS))
    assert locales.BOOTHS == tuple(b[0] for b in fair.BOOTHS)


def test_a_locale_path_that_is_not_a_folder_is_one_line_even_for_help(tmp_path: Path) -> None:
    run = _cli("generate", "--help", path=tmp_path / "nowhere", cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"labkit: error: {LOCALE_PATH_ENV} names {tmp_path / 'nowhere'}, which is not a folder"


def test_the_data_dictionary_lists_each_locale_as_its_data_say(de_path: Path) -> None:
    """The data dictionary's "Locales" table is read from the locale folders: a new locale on
    LABKIT_LOCALE_PATH gets its row, with the money of its own locale.json, and no sentence of the
    dictionary names a currency per locale by itself."""
    from labkit.world.dictionary import data_dictionary_markdown

    text = data_dictionary_markdown()
    money = _json(de_path / "de_DE" / "locale.json")["money"]
    assert f"| `de_DE` | Germany | {money['currency']} | {money['symbol']} | {money['decimals']} | no |" in text
    for code in ("en_US", "ko_KR", "zh_CN"):
        shipped = _json(SHIPPED / code / "locale.json")
        built = "yes" if shipped.get("built_by_default") else "no"
        assert f"| {shipped['money']['currency']} | {shipped['money']['symbol']} | {shipped['money']['decimals']} | {built} |" in text
    assert "(`en_US`, `zh_CN`;" in text, "the worlds labkit datasets builds: those built_by_default"
    assert "CNY for zh_CN" not in text
