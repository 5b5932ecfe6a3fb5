"""Customer companies and their contacts: the static data (静态数据) and latent traits.

Exhibitors come first (org_id 1..n_exhibitors), then buyers. Home-country companies get a
province, a city of that province and its region group; international buyers get an origin
country weighted toward the largest origins, one of its cities and its world region.
"""
from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.world import geography as geo
from labkit.world.config import WorldConfig
from labkit.world.draws import categorical, choice, digits, flatten, letters, mapped, within
from labkit.world.fairs import fair_focus, industry_weights
from labkit.world.locales import WorldLocale, name_styles, render, world_locale
from labkit.world.places import names_abroad
from labkit.world.roles import BUYER, EXHIBITOR, role_codes
from labkit.world.schema import ENUMS, size_band

INDUSTRIES = list(ENUMS["industry"].codes)
INDUSTRY_P = {"exhibitor": [18, 13, 9, 8, 9, 11, 8, 6, 5, 6, 3, 4], "buyer": [17, 10, 8, 7, 10, 13, 10, 7, 5, 5, 3, 5]}
FOREIGN_EXHIBITORS = 0.05  # share of exhibitors from abroad (buyers: the locale's foreign_buyers)
NATURE = list(ENUMS["business_nature"].codes)
NATURE_P = {"exhibitor": [64, 24, 2, 0, 1, 7, 2], "buyer": [5, 26, 24, 20, 14, 9, 2]}


@dataclass
class Customers:
    """Organisations and contacts as arrays, plus the latent truth that drives behaviour."""

    role: np.ndarray            # EXHIBITOR or BUYER (labkit.world.roles)
    industry: np.ndarray        # index into INDUSTRIES
    style: np.ndarray           # index into styles: the locale whose names a company has
    home: np.ndarray            # bool: home-country company
    loyalty: np.ndarray
    value_potential: np.ndarray
    demanding: np.ndarray       # bool: costs much to serve
    sat_bias: np.ndarray
    employees: np.ndarray
    columns: dict[str, np.ndarray]    # organisations columns known before behaviour (emptied once used)
    contacts: pd.DataFrame | None     # released once the contacts table is built
    primary_contact: np.ndarray  # contact_id of each org's primary contact
    contact_count: np.ndarray    # contacts per org (a company's contacts have consecutive ids)
    styles: tuple[str, ...]      # name styles (locales) in drawing order

    @property
    def n(self) -> int:
        return len(self.role)


def _locations(rng: np.random.Generator, cfg: WorldConfig, home: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Location columns, and each row's index into the home provinces (-1 abroad)."""
    n = len(home)
    prov_idx = np.full(n, -1, dtype=np.int64)
    country = np.empty(n, dtype=object)
    province = np.full(n, None, dtype=object)
    city = np.empty(n, dtype=object)
    group = np.empty(n, dtype=object)
    hc = geo.home_country(cfg.locale)
    # home: a city drawn directly, weight = province weight shared by its cities (capital x2)
    rows = [(p, c, p.weight * (2.0 if j == 0 else 1.0) / (len(p.cities) + 1), i)
            for i, p in enumerate(hc.provinces) for j, c in enumerate(p.cities)]
    k = categorical(rng, [r[2] for r in rows], int(home.sum()))
    prov_idx[home] = np.array([r[3] for r in rows])[k]
    country[home] = hc.iso2
    province[home] = np.array([r[0].name for r in rows], dtype=object)[k]
    city[home] = np.array([r[1] for r in rows], dtype=object)[k]
    group[home] = np.array([r[0].group for r in rows], dtype=object)[k]
    origins = geo.foreign_origins(cfg.locale)
    weights = world_locale(cfg.locale).origins
    c = categorical(rng, [weights[o.iso2] for o in origins], int((~home).sum()))
    flat, starts, counts = flatten([o.cities for o in origins])
    country[~home] = np.array([o.iso2 for o in origins], dtype=object)[c]
    city[~home] = flat[within(rng, c, starts, counts)]
    group[~home] = np.array([geo.world_region_label(o.region, cfg.locale) for o in origins], dtype=object)[c]
    return {"country": country, "province": province, "city": city, "region_group": group}, prov_idx


def _style(styles: tuple[str, ...], locale: str, home: np.ndarray, country: np.ndarray) -> np.ndarray:
    """Each company's name style: its world's locale at home, abroad the locale its country's names come from."""
    rule = names_abroad()
    style = np.full(len(home), styles.index(rule.otherwise))
    for iso2, named_in in rule.by_country.items():
        style[country == iso2] = styles.index(named_in)
    style[home] = styles.index(locale)
    return style


def _pick_words(rng: np.random.Generator, words: dict[str, np.ndarray], industry: np.ndarray) -> np.ndarray:
    flat, starts, counts = flatten([list(words[code]) for code in INDUSTRIES])
    return flat[within(rng, industry, starts, counts)]


def _company_names(rng: np.random.Generator, loc: WorldLocale, industry: np.ndarray,
                   city: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Company names made by the locale's templates, and the words of a firm's web domain (None: initials).

    Drawn in order: stem, industry word, legal form, each optional [part] (with its descriptor),
    then the template when the locale has several.
    """
    p, rule = loc.names, loc.companies
    n = len(industry)
    si = rng.integers(0, len(p.company_stems), n)
    parts = {"stem": p.company_stems[si], "word": _pick_words(rng, p.industry_words, industry),
             "legal": p.draw(rng, p.legal_forms, n), "city": city}
    short = parts["legal"].copy()
    for full, abbreviated in rule.short_legal.items():
        short[parts["legal"] == full] = abbreviated
    parts["short_legal"] = short
    present = {}
    for slot, share in rule.optional:
        present[slot] = rng.random(n) < share
        if slot == "descriptor":
            parts["descriptor"] = rule.descriptors[rng.integers(0, len(rule.descriptors), n)]
    if "descriptor" not in parts:
        parts["descriptor"] = np.full(n, "", dtype=object)
    if len(rule.forms) == 1:
        names = render(rule.forms[0][1], parts, present, n)
    else:
        form = np.searchsorted(np.cumsum([s for s, _t in rule.forms]), rng.random(n), side="right").clip(0, len(rule.forms) - 1)
        names = np.empty(n, dtype=object)
        for k, (_share, template) in enumerate(rule.forms):
            names[form == k] = render(template, parts, present, n)[form == k]
    if rule.web_domain is None:
        return names, None
    slugs = {"stem": mapped(p.company_stems, _slug)[si], "word": mapped(parts["word"], _slug)}
    return names, render(rule.web_domain, slugs, present, n)


def _unique_names(names: np.ndarray, redraw) -> np.ndarray:  # noqa: ANN001
    """Redraw names that two companies share (a real register rarely has exact twins)."""
    for _ in range(2):  # large worlds exhaust the combinations: same-name firms remain, as in real registers
        dup = pd.Series(names).duplicated().to_numpy()
        if not dup.any():
            break
        names[dup] = redraw(np.flatnonzero(dup))
    return names


def _by_style(styles: tuple[str, ...], style: np.ndarray, make) -> np.ndarray:  # noqa: ANN001
    """Apply ``make(locale, index)`` to each name style's companies, in drawing order; one object array."""
    out = np.empty(len(style), dtype=object)
    for s, code in enumerate(styles):
        idx = np.flatnonzero(style == s)
        if len(idx):
            out[idx] = make(world_locale(code), idx)
    return out


def _addresses(rng: np.random.Generator, styles: tuple[str, ...], style: np.ndarray) -> np.ndarray:
    def make(loc: WorldLocale, idx: np.ndarray) -> np.ndarray:
        street = loc.names.draw(rng, loc.names.streets, len(idx))
        num = digits(rng.integers(1, 999, len(idx)))
        return render(loc.address, {"street": street, "number": num}, {}, len(idx))
    addr = _by_style(styles, style, make)
    addr[rng.random(len(style)) < 0.04] = None
    return addr


def _products(rng: np.random.Generator, styles: tuple[str, ...], style: np.ndarray, industry: np.ndarray) -> np.ndarray:
    """One main product, or two (half of the companies), from the industry's product list."""
    def make(loc: WorldLocale, idx: np.ndarray) -> np.ndarray:
        singles = [list(loc.names.products[code]) for code in INDUSTRIES]
        pairs = [[a + loc.list_separator + b for a in words for b in words if a != b] for words in singles]
        one, one_at, one_n = flatten(singles)
        two, two_at, two_n = flatten(pairs)
        ind = industry[idx]
        return np.where(rng.random(len(idx)) < 0.5, one[within(rng, ind, one_at, one_n)], two[within(rng, ind, two_at, two_n)])
    out = _by_style(styles, style, make)
    out[rng.random(len(style)) < 0.06] = None
    return out


def make_customers(rng: np.random.Generator, cfg: WorldConfig) -> Customers:
    """Draw every organisation and contact of the world."""
    n_e, n = cfg.n_exhibitors, cfg.n_exhibitors + cfg.n_buyers
    role = np.r_[np.full(n_e, EXHIBITOR, np.int8), np.full(cfg.n_buyers, BUYER, np.int8)]
    role_name = role_codes(role)
    weights = INDUSTRY_P if cfg.fair is None else {
        r: industry_weights(p, INDUSTRIES, fair_focus(cfg.fair), r) for r, p in INDUSTRY_P.items()}
    industry = np.r_[categorical(rng, weights["exhibitor"], n_e), categorical(rng, weights["buyer"], cfg.n_buyers)]
    foreign_p = np.where(role == EXHIBITOR, FOREIGN_EXHIBITORS, world_locale(cfg.locale).foreign_buyers)
    home = rng.random(n) >= foreign_p
    loc, prov_idx = _locations(rng, cfg, home)
    styles = name_styles(cfg.locale)
    style = _style(styles, cfg.locale, home, loc["country"])
    # size: exhibitors are mostly manufacturers of some size, buyers smaller on average
    employees = np.exp(rng.normal(np.where(role == EXHIBITOR, 4.3, 3.2), np.where(role == EXHIBITOR, 1.15, 1.4))).round().astype(np.int64) + 1
    size_rank = pd.Series(np.log(employees) + rng.normal(0, 0.6, n)).rank(pct=True).to_numpy()
    value_potential = np.clip(0.55 * size_rank + 0.45 * rng.beta(1.6, 3.0, n), 0, 1).round(4)
    loyalty = rng.beta(np.where(role == EXHIBITOR, 2.6, 2.0), 2.2).round(4)
    demanding = rng.random(n) < np.where(role == EXHIBITOR, 0.07, 0.04)
    sat_bias = rng.normal(0, 0.35, n)

    domain = letters(rng, n, 4, 7)  # initials-like domains (pinyin, romanised Korean); English firms' own words

    def names(idx: np.ndarray) -> np.ndarray:
        def make(locale: WorldLocale, j: np.ndarray) -> np.ndarray:
            made, words = _company_names(rng, locale, industry[idx][j], np.where(home[idx][j], loc["city"][idx][j], ""))
            if words is not None:
                domain[idx[j]] = words
            return made
        return _by_style(styles, style[idx], make)
    org_names = _unique_names(names(np.arange(n)), names)
    revenue = employees * np.exp(rng.normal(np.log(420_000), 0.6, n)) * cfg.money
    revenue = np.where(rng.random(n) < 0.15, np.nan, np.round(revenue, -3))
    emp = pd.array(employees, dtype="Int64")
    emp[rng.random(n) < 0.03] = pd.NA
    band = np.where(pd.isna(emp), None, size_band(employees))
    columns = {
        "org_id": np.arange(1, n + 1), "role": role_name, "name": org_names, **loc,
        "address": _addresses(rng, styles, style), "industry": np.array(INDUSTRIES, dtype=object)[industry],
        "main_products": _products(rng, styles, style, industry),
        "business_nature": np.where(role == EXHIBITOR, choice(rng, NATURE, NATURE_P["exhibitor"], n), choice(rng, NATURE, NATURE_P["buyer"], n)),
        "employees": emp, "size_band": band, "annual_revenue": revenue,
    }
    contacts, primary = _contacts(rng, cfg, styles, role, style, loc["country"], prov_idx, home, domain)
    count = np.bincount(contacts["org_id"].to_numpy() - 1, minlength=n)
    return Customers(role, industry, style, home, loyalty, value_potential, demanding, sat_bias, employees,
                     columns, contacts, primary, count, styles)


def _phones(rng: np.random.Generator, cfg: WorldConfig, country: np.ndarray, prov_idx: np.ndarray) -> np.ndarray:
    """Valid E.164 mobile numbers: home prefixes (US area codes by state) or the origin's prefix."""
    number = np.zeros(len(country), dtype=np.int64)
    hc = geo.home_country(cfg.locale)
    home = prov_idx >= 0
    flat, starts, counts = flatten([p.phone_prefixes for p in hc.provinces])
    prefix = np.array([int(x[1:]) for x in flat], dtype=np.int64)[within(rng, prov_idx[home], starts, counts)]
    number[home] = prefix * 10 ** hc.phone_digits + rng.integers(hc.phone_low, 10 ** hc.phone_digits, int(home.sum()))
    origins = geo.foreign_origins(cfg.locale)
    code = pd.Categorical(country, categories=[c.iso2 for c in origins]).codes  # -1 at home
    abroad = np.flatnonzero(code >= 0)
    prefix = np.array([int(c.phone_prefix[1:]) for c in origins], dtype=np.int64)[code[abroad]]
    width = np.array([c.phone_digits for c in origins], dtype=np.int64)[code[abroad]]
    number[abroad] = prefix * 10 ** width + (rng.random(len(abroad)) * 10.0 ** width).astype(np.int64)
    return np.strings.add("+", number.astype(str)).astype(object)


def _slug(value: str) -> str:
    """Lowercase ascii letters and digits of ``value`` (for e-mail addresses and domains); accented
    letters lose their accent (Müller -> muller)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", value.lower()) if ch.isascii() and ch.isalnum())[:24]


def _emails(rng: np.random.Generator, styles: tuple[str, ...], style: np.ndarray, first: np.ndarray, last: np.ndarray,
            domain: np.ndarray, locale: str) -> np.ndarray:
    """Syntactically valid addresses in the habits of each locale (qq.com, naver.com, first.last@firm).

    One draw ``u`` per contact picks the habit; the styles are drawn in the e-mail drawing order.
    """
    n = len(style)
    out = np.empty(n, dtype=object)
    u = rng.random(n)
    for code in name_styles(locale, emails=True):
        if code not in styles:
            continue
        loc = world_locale(code)
        mine = style == styles.index(code)
        low = 0.0
        for habit in loc.emails:
            idx = np.flatnonzero(mine & (u >= low) & (u < habit.below))
            low = habit.below
            if len(idx):
                out[idx] = _address(rng, habit.address, loc.mailboxes, idx, first, last, domain)
    return out


def _address(rng: np.random.Generator, template: str, mailboxes: np.ndarray, idx: np.ndarray, first: np.ndarray,
             last: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """E-mail addresses of the rows ``idx`` from one template, its random parts drawn left to right."""
    k = len(idx)
    out = np.full(k, "", dtype=object)
    for literal, name, bounds, _conv in string.Formatter().parse(template):
        out = out + literal
        if name is None:
            continue
        lo, _dash, hi = (bounds or "").partition("-")
        if name == "number":
            out = out + digits(rng.integers(int(lo), int(hi), k))
        elif name == "letters":
            out = out + letters(rng, k, int(lo), int(hi))
        elif name == "mailbox":
            out = out + mailboxes[rng.integers(0, len(mailboxes), k)]
        elif name == "firm":
            out = out + domain[idx]
        else:  # first, last: the person's names as ascii letters
            out = out + mapped((first if name == "first" else last)[idx], _slug)
    return out


def _contacts(rng: np.random.Generator, cfg: WorldConfig, styles: tuple[str, ...], role: np.ndarray, style: np.ndarray,
              country: np.ndarray, prov_idx: np.ndarray, home: np.ndarray,
              domain: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    n_org = len(role)
    per_org = 1 + np.where(role == EXHIBITOR, rng.binomial(2, 0.35, n_org), rng.binomial(1, 0.3, n_org))
    org = np.repeat(np.arange(n_org), per_org)
    n = len(org)
    primary = np.r_[True, org[1:] != org[:-1]]
    cstyle = style[org]
    first, last = np.empty(n, dtype=object), np.empty(n, dtype=object)

    def parts(loc: WorldLocale, idx: np.ndarray) -> np.ndarray:
        p = loc.names
        last[idx] = p.draw(rng, p.surnames, len(idx), p.surname_p)
        first[idx] = p.draw(rng, p.given_names, len(idx))
        titles = np.where(primary[idx] | (rng.random(len(idx)) < 0.5),
                          p.draw(rng, p.core_titles, len(idx)), p.draw(rng, p.titles, len(idx)))
        return titles
    title = _by_style(styles, cstyle, parts)
    title[rng.random(n) < 0.08] = None
    name = np.empty(n, dtype=object)  # 王芳, 김민준, Emily Carter: each in its locale's order
    for s, code in enumerate(styles):
        idx = np.flatnonzero(cstyle == s)
        name[idx] = world_locale(code).people.full(last[idx], first[idx])
    phone = _phones(rng, cfg, country[org], prov_idx[org])
    email = _emails(rng, styles, cstyle, first, last, domain[org], cfg.locale)
    channels = ["email", "sms", "fax", "letter", "website", "magazine", "phone", "other"]
    pref = np.where(home[org], choice(rng, channels, [40, 14, 3, 3, 4, 1, 32, 3], n),
                    choice(rng, channels, [62, 2, 4, 2, 8, 1, 18, 3], n))
    df = pd.DataFrame({
        "contact_id": np.arange(1, n + 1), "org_id": org + 1, "name": name, "title": title, "phone": phone,
        "email": email, "preferred_channel": pref, "do_not_contact": False, "is_primary": primary,
    })
    return df, df["contact_id"].to_numpy()[primary]
