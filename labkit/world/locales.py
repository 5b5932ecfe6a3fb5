"""A locale of the exhibition world (数据世界的地区设置): everything the world knows about one country, as data.

Each locale is one folder, ``labkit/data/locales/<locale>/``, with three files:

- ``locale.json``: money, how people and companies are named and written, e-mail habits,
  where foreign buyers come from, the exhibition and the industry fairs, the words of booths,
  sessions, channels, campaign themes and activities, complaint resolutions;
- ``names.json``: the name pools (词库), built once from Faker by ``tools/build_pools.py``;
- ``geography.json``: the home country's provinces, cities, region groups and phone numbering.

:func:`world_locale` reads a folder into one :class:`WorldLocale` and checks it: a missing or
malformed field is one :class:`~labkit.errors.DataError` sentence naming the file and the field.
The locales are found, never listed: every folder under ``labkit/data/locales/`` and under each
folder of the ``LABKIT_LOCALE_PATH`` environment variable (separated like ``PATH``) that holds a
``locale.json``. Adding a locale is adding such a folder (CONTRIBUTING.md, "Adding a locale").
"""
from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, NoReturn

import numpy as np

from labkit.errors import DataError
from labkit.i18n import N_, _
from labkit.world.fairs import check_fair, fair_focus, fair_keys
from labkit.world.locale_folders import DEFAULT_LOCALE, FILES, LOCALE_PATH_ENV, available_locales, check_locale, locale_folders
from labkit.world.places import HomeCountry, Province, foreign_countries, names_abroad, world_regions
from labkit.world.pools import Pool
from labkit.world.schema import ENUMS

__all__ = ["DEFAULT_LOCALE", "FILES", "LOCALE_PATH_ENV", "CompanyNames", "EmailHabit", "Exhibition", "Money", "People",
           "WorldLocale", "available_locales", "check_locale", "currency_money", "fair_info", "locale_folders", "name_style", "name_styles",
           "render", "slots", "world_locale"]


#: The words every locale must give, by section of locale.json (the keys the generator looks up).
CHANNELS = ("email", "sms", "letter", "fax", "phone", "website", "magazine")
ACTIVITIES = ("email_platform", "list_cleaning", "sms_gateway", "printing", "postage", "fax_line", "call_centre",
              "call_charges", "online_ads", "search_optimisation", "magazine_space", "ad_design", "shuttle_bus",
              "partner_hotel", "fast_track_lane", "lunch_vouchers")
THEMES = ("exhibitor_recruitment", "buyer_recruitment", "shuttle_hotel", "fast_track")
BOOTHS = ("standard", "premium", "raw_space")
SESSIONS = ("spring", "autumn")
RESOLUTIONS = ("apology", "fittings", "refund", "account_manager", "process", "documents")
#: Placeholders each kind of template may use.
COMPANY_SLOTS = frozenset({"city", "stem", "word", "legal", "short_legal", "descriptor"})
EMAIL_SLOTS = frozenset({"number", "letters", "mailbox", "firm", "first", "last"})
ADDRESS_SLOTS = frozenset({"street", "number"})
THEME_SLOTS = frozenset({"ed", "ch"})

A_TEXT, A_NUMBER, A_SHARE, AN_OBJECT, A_LIST, A_FLAG = (
    N_("a text"), N_("a number"), N_("a number from 0 to 1"), N_("an object"), N_("a non-empty list"), N_("true or false"))


@dataclass(frozen=True)
class Money:
    """The world's currency (币种) and price level: amounts are CNY-level prices times ``scale``."""

    currency: str        # ISO 4217
    symbol: str          # written before an amount: ¥, $, ₩
    scale: float         # price level relative to CNY (not an exchange rate): 0.22 USD, 180 KRW
    decimals: int        # decimals of an amount (0: whole won)
    price_decimals: int  # decimals of a booth list price (-2: hundreds)


@dataclass(frozen=True)
class Exhibition:
    """An exhibition as a locale names it (展会): name, English name, venue and city."""

    name: str
    name_en: str
    venue: str
    city: str


@dataclass(frozen=True)
class People:
    """How a person's name is written (姓名顺序): family name first (王芳) or given name first (Emily Carter)."""

    order: Literal["family_given", "given_family"]
    separator: str

    def full(self, family: np.ndarray, given: np.ndarray) -> np.ndarray:
        """Full names from family and given names (object arrays)."""
        return family + self.separator + given if self.order == "family_given" else given + self.separator + family

    def retyped(self, name: str) -> str:
        """The same name as another clerk types it: a space after the first character (王 芳)
        when the parts are written together, else the parts swapped with a comma (Carter, Emily)."""
        if not self.separator:
            return name[:1] + " " + name[1:]
        first, _sep, last = name.partition(self.separator)
        return f"{last}, {first}"


@dataclass(frozen=True)
class CompanyNames:
    """How company names are made and retyped (公司名称): templates over stem, industry word and legal form."""

    forms: tuple[tuple[float, str], ...]     # (share, template); the shares sum to 1
    optional: tuple[tuple[str, float], ...]  # a [bracketed] part and how often it is there, in drawing order
    short_legal: dict[str, str]              # a legal form's short way, 주식회사 -> (주)
    descriptors: np.ndarray                  # words of the {descriptor} part (Global, Pacific ...)
    web_domain: str | None                   # template of an English firm's web domain; None: initials
    retyped_legal_forms: tuple[tuple[str, str], ...]  # how another clerk writes a legal form
    retyped_in_capitals: float               # share of retyped names in capitals (Latin scripts)
    matching_legal_forms: dict[str, str]     # legal form (folded, lower case) -> its kind ("" generic) for linkage


@dataclass(frozen=True)
class EmailHabit:
    """One way people of a locale write an e-mail address, for the draws ``u`` below ``below``."""

    below: float
    address: str


@dataclass(frozen=True)
class WorldLocale:
    """All a world knows about one locale (地区设置), read from ``labkit/data/locales/<code>/``."""

    code: str
    source: Path
    built_by_default: bool           # ``labkit datasets`` builds its classroom world
    money: Money
    home: HomeCountry
    names: Pool
    people: People
    script: re.Pattern[str] | None   # letters that mark a name as this locale's; None: Latin letters
    companies: CompanyNames
    address: str
    list_separator: str
    mailboxes: np.ndarray
    emails: tuple[EmailHabit, ...]
    foreign_buyers: float            # share of buyers from abroad
    origins: dict[str, float]        # weight of each foreign origin country
    countries: dict[str, str]        # every country's name in the locale's language
    world_regions: dict[str, str]    # every world region's name in the locale's language
    exhibition: Exhibition
    fairs: dict[str, Exhibition]
    sessions: dict[str, str]
    booths: dict[str, str]
    channels: dict[str, str]
    themes: dict[str, str]
    activities: dict[str, str]
    resolutions: dict[str, str]

    def person_names(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` full names in the locale's order: 王芳 / 김민준 / Emily Carter."""
        family = self.names.draw(rng, self.names.surnames, n, self.names.surname_p)
        given = self.names.draw(rng, self.names.given_names, n)
        return self.people.full(family, given)

    def money_amount(self, cny: np.ndarray | float) -> np.ndarray:
        """A CNY-level amount in the locale's currency, rounded to its decimals."""
        return np.round(np.asarray(cny, dtype=float) * self.money.scale, self.money.decimals)

    def list_prices(self, cny: np.ndarray) -> np.ndarray:
        """CNY-level list prices in the locale's currency, rounded as its price lists are."""
        return np.round(np.asarray(cny, dtype=float) * self.money.scale, self.money.price_decimals)


def world_locale(locale: str) -> WorldLocale:
    """The locale ``locale`` read from its folder and checked (read once per folder)."""
    return _load(str(locale_folders()[check_locale(locale)]))


# --- reading and checking one locale ------------------------------------------------------------------

class _File:
    """One JSON file of a locale and the checks on its fields, each failing with one sentence."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError(_("The locale folder {folder} has no {file}.").format(
                folder=path.parent, file=path.name)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", 1)
            raise DataError(_("The locale file {file} is not valid JSON (line {line}).").format(
                file=path, line=line)) from None
        if not isinstance(self.raw, dict):
            self.wrong("", AN_OBJECT)

    def missing(self, field: str) -> DataError:
        return DataError(_("The locale file {file} is incomplete: it has no {field}.").format(file=self.path, field=field))

    def wrong(self, field: str, kind: str) -> NoReturn:
        raise DataError(_("In the locale file {file}, {field} must be {kind}.").format(
            file=self.path, field=field or _("the whole file"), kind=_(kind)))

    def bad(self, field: str, problem: str) -> DataError:
        return DataError(_("In the locale file {file}, {field}: {problem}.").format(file=self.path, field=field, problem=problem))

    def get(self, field: str, default: Any = ...) -> Any:
        """The value at a dotted ``field`` (``money.currency``); missing raises unless a default is given."""
        value: Any = self.raw
        for part in re.findall(r"\[\d+\]|[^.\[\]]+", field):
            if part.startswith("["):
                found = isinstance(value, list) and int(part[1:-1]) < len(value)
                key: Any = int(part[1:-1])
            else:
                found, key = isinstance(value, dict) and part in value, part
            if not found:
                if default is not ...:
                    return default
                raise self.missing(field)
            value = value[key]
        return value

    def text(self, field: str, value: Any = ..., empty: bool = False) -> str:
        value = self.get(field) if value is ... else value
        if not isinstance(value, str) or (not empty and not value.strip()):
            self.wrong(field, A_TEXT)
        return value

    def number(self, field: str, value: Any = ..., share: bool = False) -> float:
        value = self.get(field) if value is ... else value
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (share and value > 1):
            self.wrong(field, A_SHARE if share else A_NUMBER)
        return float(value)

    def integer(self, field: str) -> int:
        value = self.get(field)
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong(field, A_NUMBER)
        return int(value)

    def items(self, field: str, value: Any = ...) -> list[Any]:
        value = self.get(field) if value is ... else value
        if not isinstance(value, list) or not value:
            self.wrong(field, A_LIST)
        return value

    def texts(self, field: str, value: Any = ...) -> list[str]:
        return [self.text(f"{field}[{i}]", v) for i, v in enumerate(self.items(field, value))]

    def mapping(self, field: str, value: Any = ...) -> dict[str, Any]:
        value = self.get(field) if value is ... else value
        if not isinstance(value, dict):
            self.wrong(field, AN_OBJECT)
        return {k: v for k, v in value.items() if not k.startswith("_")}

    def words(self, field: str, keys: tuple[str, ...] | frozenset[str] | list[str], allowed: frozenset[str] | None = None,
              ) -> dict[str, str]:
        """An object giving a text for every key of ``keys`` (its templates using only ``allowed``)."""
        value = self.mapping(field)
        out = {}
        for key in keys:
            if key not in value:
                raise self.missing(f"{field}.{key}")
            out[key] = self.text(f"{field}.{key}", value[key])
            if allowed is not None:
                self.template(f"{field}.{key}", out[key], allowed)
        return out

    def template(self, field: str, text: str, allowed: frozenset[str]) -> str:
        try:
            used = slots(text)
        except ValueError:
            raise self.bad(field, _("the braces {{ }} do not pair up")) from None
        unknown = sorted(set(used) - allowed)
        if unknown:
            raise self.bad(field, _("unknown placeholder {{{name}}}; use {allowed}").format(
                name=unknown[0], allowed=", ".join("{" + a + "}" for a in sorted(allowed))))
        return text


def slots(template: str) -> list[str]:
    """Names of the placeholders of a template, in order: ``"{street} {number}"`` -> street, number."""
    plain = template.replace("[", "").replace("]", "")
    return [field for _text, field, _spec, _conv in string.Formatter().parse(plain) if field is not None]


def render(template: str, parts: Mapping[str, np.ndarray], present: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """Fill ``template`` row by row: each {slot} from ``parts``; a [bracketed] piece only where ``present[slot]``."""
    out = np.full(n, "", dtype=object)
    for piece in re.split(r"(\[[^\]]*\])", template):
        if not piece:
            continue
        optional = piece.startswith("[")
        text = np.full(n, "", dtype=object)
        inner = piece[1:-1] if optional else piece
        needs = []
        for literal, field, _spec, _conv in string.Formatter().parse(inner):
            text = text + literal
            if field is not None:
                needs.append(field)
                text = text + parts[field]
        if optional:
            text = np.where(present[needs[0]], text, "")
        out = out + text
    return out


def _people(f: _File) -> People:
    order = f.text("people.order")
    if order not in ("family_given", "given_family"):
        raise f.bad("people.order", _("use family_given or given_family"))
    return People(order, f.text("people.separator", empty=True))  # type: ignore[arg-type]


def _companies(f: _File) -> CompanyNames:
    forms = []
    for i, form in enumerate(f.items("companies.forms")):
        field = f"companies.forms[{i}]"
        form = f.mapping(field, form)
        share = f.number(f"{field}.share", form.get("share", 1.0), share=True)
        forms.append((share, f.template(f"{field}.name", f.text(f"{field}.name", form.get("name", ...)), COMPANY_SLOTS)))
    if abs(sum(s for s, _t in forms) - 1.0) > 1e-9:
        raise f.bad("companies.forms", _("the shares must add up to 1"))
    optional = tuple((k, f.number(f"companies.optional.{k}", v, share=True))
                     for k, v in f.mapping("companies.optional").items())
    for k, _p in optional:
        if k not in COMPANY_SLOTS:
            raise f.bad("companies.optional", _("unknown placeholder {{{name}}}").format(name=k))
    short = {f.text("companies.short_legal", k): f.text(f"companies.short_legal.{k}", v)
             for k, v in f.mapping("companies.short_legal").items()}
    descriptors = f.get("companies.descriptors")
    if not isinstance(descriptors, list) or any(not isinstance(d, str) for d in descriptors):
        f.wrong("companies.descriptors", A_LIST)
    used = {name for _s, t in forms for name in slots(t)}
    if "descriptor" in used and not descriptors:
        f.wrong("companies.descriptors", A_LIST)
    domain = f.get("companies.web_domain")
    if domain is not None:
        f.template("companies.web_domain", f.text("companies.web_domain"), frozenset({"stem", "word"}))
    chance = dict(optional)
    for field, template in [*((f"companies.forms[{i}].name", t) for i, (_s, t) in enumerate(forms)),
                            *([("companies.web_domain", domain)] if domain else [])]:
        for piece in re.findall(r"\[([^\]]*)\]", template):
            inside = slots(piece)
            if not inside or inside[0] not in chance:
                raise f.bad(field, _("a [bracketed] part needs a placeholder that companies.optional gives a share"))
    retyped = []
    for i, pair in enumerate(f.items("companies.retyped_legal_forms")):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
            raise f.bad(f"companies.retyped_legal_forms[{i}]", _("give a pair of texts [written, retyped]"))
        retyped.append((pair[0], pair[1]))
    return CompanyNames(tuple(forms), optional, short, np.array(descriptors, dtype=object), domain, tuple(retyped),
                        f.number("companies.retyped_in_capitals", share=True),
                        {f.text("companies.matching_legal_forms", k): f.text(f"companies.matching_legal_forms.{k}", v, empty=True)
                         for k, v in f.mapping("companies.matching_legal_forms").items()})


def _emails(f: _File) -> tuple[np.ndarray, tuple[EmailHabit, ...]]:
    mailboxes = np.array(f.texts("emails.mailboxes"), dtype=object)
    raw = f.items("emails.habits")
    habits = []
    for i, habit in enumerate(raw):
        field = f"emails.habits[{i}]"
        habit = f.mapping(field, habit)
        below = 1.0 if i == len(raw) - 1 else f.number(f"{field}.below", habit.get("below", ...), share=True)
        address = f.template(f"{field}.address", f.text(f"{field}.address", habit.get("address", ...)), EMAIL_SLOTS)
        for spec in re.findall(r"\{(?:number|letters)(?::([^}]*))?\}", address):
            if not re.fullmatch(r"\d+-\d+", spec):
                raise f.bad(f"{field}.address", _("write {{number:LOW-HIGH}} and {{letters:LOW-HIGH}} with two whole numbers"))
        habits.append(EmailHabit(below, address))
    return mailboxes, tuple(habits)


def _pool(f: _File, code: str) -> Pool:
    surnames = f.texts("surnames")
    weights = [f.number(f"surname_weights[{i}]", w) for i, w in enumerate(f.items("surname_weights"))]
    if len(weights) != len(surnames):
        raise f.bad("surname_weights", _("give one weight per surname ({n})").format(n=len(surnames)))
    by_industry = {}
    for section in ("industry_words", "products"):
        f.mapping(section)
        by_industry[section] = {k: np.array(f.texts(f"{section}.{k}"), dtype=object) for k in ENUMS["industry"].codes}

    def words(field: str) -> np.ndarray:
        return np.array(f.texts(field), dtype=object)

    return Pool(locale=code, surnames=np.array(surnames, dtype=object),
                surname_p=np.asarray(weights, dtype=float) / sum(weights), given_names=words("given_names"),
                company_stems=words("company_stems"), streets=words("streets"), legal_forms=words("legal_forms"),
                industry_words=by_industry["industry_words"], products=by_industry["products"],
                core_titles=words("core_titles"), titles=words("titles"))


def _home(f: _File, code: str) -> HomeCountry:
    groups = f.texts("groups")
    default_prefixes = f.texts("phone.prefixes")
    provinces = []
    for i, p in enumerate(f.items("provinces")):
        field = f"provinces[{i}]"
        f.mapping(field)
        group = f.text(f"{field}.group")
        if group not in groups:
            raise f.bad(f"{field}.group", _("{group!r} is not one of groups").format(group=group))
        provinces.append(Province(f.text(f"{field}.name"), group, f.number(f"{field}.weight"),
                                  tuple(f.texts(f"{field}.cities")),
                                  tuple(f.texts(f"{field}.phone_prefixes", p.get("phone_prefixes", default_prefixes)))))
    return HomeCountry(f.text("country"), code, tuple(groups), tuple(provinces), f.integer("phone.digits"),
                       f.integer("phone.low"))


def _exhibition(f: _File, field: str) -> Exhibition:
    w = f.words(field, ("name", "name_en", "venue", "city"))
    return Exhibition(w["name"], w["name_en"], w["venue"], w["city"])


def _flag(f: _File, field: str) -> bool:
    value = f.get(field, False)
    if not isinstance(value, bool):
        f.wrong(field, A_FLAG)
    return value


def _known(f: _File, field: str, keys: list[str], known: set[str]) -> None:
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise f.bad(field, _("{key!r} is not a country of the kit's countries list").format(key=unknown[0]))


@cache
def _load(folder: str) -> WorldLocale:
    root = Path(folder)
    code = root.name
    f, names, geo = (_File(root / name) for name in FILES)
    if f.text("locale") != code:
        raise f.bad("locale", _("it says {said!r}, but the folder is {code}").format(said=f.get("locale"), code=code))
    iso = {c.iso2 for c in foreign_countries()}
    origins = {k: f.number(f"origins.{k}", v) for k, v in f.mapping("origins").items()}
    _known(f, "origins", list(origins), iso)
    home = _home(geo, code)
    script = f.get("script")
    mailboxes, emails = _emails(f)
    return WorldLocale(
        code=code, source=root, built_by_default=_flag(f, "built_by_default"),
        money=Money(f.text("money.currency"), f.text("money.symbol"), f.number("money.scale"), f.integer("money.decimals"),
                    f.integer("money.price_decimals")),
        home=home, names=_pool(names, code), people=_people(f),
        script=None if script is None else re.compile(f.text("script")),
        companies=_companies(f),
        address=f.template("address", f.text("address"), ADDRESS_SLOTS),
        list_separator=f.text("list_separator", empty=True),
        mailboxes=mailboxes, emails=emails,
        foreign_buyers=f.number("foreign_buyers", share=True), origins=origins,
        countries=f.words("countries", sorted(iso | {home.iso2})),
        world_regions=f.words("world_regions", world_regions()),
        exhibition=_exhibition(f, "exhibition"),
        fairs={key: _exhibition(f, f"fairs.{key}") for key in fair_keys()},
        sessions=f.words("sessions", SESSIONS), booths=f.words("booths", BOOTHS),
        channels=f.words("channels", CHANNELS), themes=f.words("themes", THEMES, THEME_SLOTS),
        activities=f.words("activities", ACTIVITIES), resolutions=f.words("resolutions", RESOLUTIONS),
    )


def name_styles(locale: str, emails: bool = False) -> tuple[str, ...]:
    """The locales whose names a ``locale`` world draws, in the generator's drawing order (countries.json,
    ``names_abroad``); a locale the order does not list (a new one) comes after those it lists."""
    rule = names_abroad()
    order = rule.email_draw_order if emails else rule.draw_order
    return tuple(dict.fromkeys([*order, rule.otherwise, *rule.by_country.values(), locale]))


def name_style(locale: str, country: str) -> str:
    """The locale whose names a company of ``country`` gets in a ``locale`` world: its own at home."""
    return locale if country == world_locale(locale).home.iso2 else names_abroad().style_of(country)


def currency_money(currency: str) -> Money | None:
    """How the locales write amounts of ``currency`` (the first locale by code with it), or None."""
    for code in available_locales():
        money = world_locale(code).money
        if money.currency == currency:
            return money
    return None


def fair_info(fair: str, locale: str) -> tuple[str, tuple[str, str, str, str, str]]:
    """(industry focus code, (name, English name, venue, city, country)) of the industry ``fair`` in ``locale``."""
    loc = world_locale(locale)
    e = loc.fairs[check_fair(fair)]
    return fair_focus(fair), (e.name, e.name_en, e.venue, e.city, loc.home.iso2)
