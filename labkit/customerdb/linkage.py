"""Merging several departments' customer lists into one (多部门客户名单合并): record linkage.

Uses ``recordlinkage`` (Python Record Linkage Toolkit, de Bruin), the field's standard
open-source toolkit: blocking indexes so not every pair is compared, vectorised field
comparisons, and the Fellegi-Sunter model fitted without labels by expectation-maximisation
(``ECMClassifier``), the method statistics offices use to link registers. Company names are
compared as character bigrams, which works the same for Chinese, Korean and Latin script,
after a leading city name is taken off and the legal form (有限责任公司, Inc., ㈜ …) is written
as its kind (有限公司, inc, 주식회사): the locales' ``companies.matching_legal_forms`` say which
spellings are one kind, so (주)가람전자 and 가람전자 주식회사 share a key and 유한회사가람전자 does not.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import phonenumbers
import recordlinkage

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.world import geography
from labkit.world.locales import available_locales, world_locale

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_E164 = re.compile(r"\+[1-9]\d{6,14}")
#: Fields compared for each candidate pair (the columns of the comparison vectors).
FEATURES: tuple[str, ...] = ("name_exact", "name_similar", "phone", "email", "contact", "city", "industry", "employees")
NAME_SIMILARITY = 0.8


def legal_forms() -> dict[str, str]:
    """Legal form -> its kind ("" for a generic word such as 公司), from every locale's
    ``companies.matching_legal_forms``, longest form first (NFKC-folded, lower case)."""
    return dict(_kinds(available_locales()))


@cache
def _kinds(locales: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    kinds: dict[str, str] = {}
    for code in locales:
        for form, kind in world_locale(code).companies.matching_legal_forms.items():
            kinds.setdefault(form, kind)
    return tuple((form, kinds[form]) for form in sorted(kinds, key=lambda f: (-len(f), f)))


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(leading city name, legal form) as two compiled alternations, for the locales found."""
    return _compiled(available_locales())


@cache
def _compiled(locales: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    homes = dict.fromkeys(world_locale(code).home.iso2 for code in locales)
    names = {unicodedata.normalize("NFKC", c).casefold() for iso in homes for c in geography.cities(iso)}
    cities = sorted(names | {c.removesuffix("市") for c in names if len(c) > 2}, key=len, reverse=True)
    city = re.compile("^(?:" + "|".join(map(re.escape, cities)) + r")(?=..)")
    forms = [r"(?:(?<=^)|(?<=[\s,(]))" + re.escape(f) + r"(?=$|[\s.,)])" if f.isascii() else re.escape(f)
             for f, _kind in _kinds(locales)]
    return city, re.compile("|".join(forms))


def name_key(name: object) -> str:
    """A company name reduced to what identifies it, its legal form as its kind:
    吴忠市腾计纺织有限责任公司 -> 腾计纺织有限公司, (주)가람전자 -> 가람전자주식회사."""
    if not isinstance(name, str):
        return ""
    city, forms = _patterns()
    kinds = dict(_kinds(available_locales()))
    text = city.sub("", unicodedata.normalize("NFKC", name).casefold().replace("&", " and "), count=1)
    found = sorted({kinds[m.group(0)] for m in forms.finditer(text)} - {""})
    return _PUNCT.sub("", forms.sub(" ", text)) + "".join(found).replace(" ", "")


def phone_key(phone: object, country: object = None) -> str:
    """A phone number as E.164 when it can be read, else its digits ('' when missing)."""
    if not isinstance(phone, str) or not phone.strip():
        return ""
    if _E164.fullmatch(phone):
        return phone
    try:
        number = phonenumbers.parse(phone, country if isinstance(country, str) else None)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return re.sub(r"\D", "", phone)


def customer_list(organisations: pd.DataFrame, contacts: pd.DataFrame) -> pd.DataFrame:
    """One row per company with its main contact (primary first): what a department's list holds."""
    main = contacts.sort_values(["org_id", "is_primary", "contact_id"], ascending=[True, False, True])
    main = main.drop_duplicates("org_id")[["org_id", "name", "phone", "email"]]
    main = main.rename(columns={"name": "contact"})
    return organisations.merge(main, on="org_id", how="left").set_index("org_id")


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    out["name_key"] = frame["name"].map(name_key)
    out["phone_key"] = [phone_key(p, c) for p, c in zip(frame["phone"], frame["country"], strict=True)]
    out["email_key"] = frame["email"].astype("string").str.strip().str.casefold().fillna("")
    out["contact_key"] = frame["contact"].astype("string").map(name_key, na_action="ignore").fillna("")
    for col in ("city", "industry", "employees"):
        out[col] = frame[col].astype("string")
    return out


def candidate_pairs(prepared: pd.DataFrame) -> pd.MultiIndex:
    """Blocking (分块): pairs sharing a name key, a phone or an email, or with close names in one city."""
    indexer = recordlinkage.Index()
    indexer.block("name_key")
    indexer.block("phone_key")
    indexer.block("email_key")
    indexer.sortedneighbourhood("name_key", window=5, block_on=["city"])
    pairs = indexer.index(prepared)
    keys = prepared[["name_key", "phone_key", "email_key"]]
    left, right = pairs.get_level_values(0), pairs.get_level_values(1)
    blank = [(keys.loc[left, k].to_numpy() == "") & (keys.loc[right, k].to_numpy() == "") for k in keys]
    shared_blank_only = blank[0] | blank[1] | blank[2]
    return pairs[~shared_blank_only | (prepared.loc[left, "city"].to_numpy() == prepared.loc[right, "city"].to_numpy())]


def compare(prepared: pd.DataFrame, pairs: pd.MultiIndex) -> pd.DataFrame:
    """Comparison vectors (比较向量): one 0/1 column per field in :data:`FEATURES`."""
    comparer = recordlinkage.Compare()
    comparer.exact("name_key", "name_key", label="name_exact")
    comparer.string("name_key", "name_key", method="cosine", threshold=NAME_SIMILARITY, label="name_similar")
    comparer.exact("phone_key", "phone_key", missing_value=0, label="phone")
    comparer.exact("email_key", "email_key", missing_value=0, label="email")
    comparer.exact("contact_key", "contact_key", missing_value=0, label="contact")
    for col in ("city", "industry", "employees"):
        comparer.exact(col, col, missing_value=0, label=col)
    vectors = comparer.compute(pairs, prepared)
    for key, col in (("phone_key", "phone"), ("email_key", "email"), ("contact_key", "contact")):
        empty = (prepared.loc[pairs.get_level_values(0), key].to_numpy() == "")
        vectors.loc[empty, col] = 0
    return vectors[list(FEATURES)].astype(int)


@dataclass
class Linkage:
    """Result of :func:`find_duplicates`: candidate pairs, their comparison vectors, the links."""

    pairs: pd.MultiIndex
    vectors: pd.DataFrame
    links: pd.MultiIndex
    classifier: recordlinkage.ECMClassifier | None  # None when there was no pair to compare

    def weights(self) -> pd.DataFrame:
        """Fellegi-Sunter m and u probabilities per field and the log2 agreement weight."""
        if self.classifier is None:
            raise UsageError(_("no candidate pairs were compared, so there are no weights to show"))
        m = pd.Series(self.classifier.m_probs).map(lambda d: d.get(1, 0.0))
        u = pd.Series(self.classifier.u_probs).map(lambda d: d.get(1, 0.0))
        return pd.DataFrame({"m": m, "u": u, "weight": np.log2(m / u)}).loc[list(FEATURES)]


def find_duplicates(frame: pd.DataFrame) -> Linkage:
    """Find records of the same company in ``frame`` (index: record id; columns name, contact,
    phone, email, country, city, industry, employees)."""
    prepared = _prepared(frame)
    pairs = candidate_pairs(prepared) if len(prepared) > 1 else pd.MultiIndex.from_arrays([[], []])
    vectors = compare(prepared, pairs) if len(pairs) else pd.DataFrame(columns=list(FEATURES), dtype=int)
    if len(pairs) == 0:  # nothing to compare: no record can be a duplicate
        return Linkage(pairs, vectors, pairs, None)
    classifier = recordlinkage.ECMClassifier(binarize=None)
    links = classifier.fit_predict(vectors)
    return Linkage(pairs, vectors, links, classifier)


def _unordered(pairs: pd.MultiIndex | list[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(min(int(a), int(b)), max(int(a), int(b))) for a, b in pairs}


def precision_recall(found: pd.MultiIndex | list[tuple[int, int]],
                     truth: pd.MultiIndex | list[tuple[int, int]]) -> dict[str, float]:
    """Precision (查准率), recall (查全率) and F1 of found duplicate pairs against true pairs."""
    found_set, true_set = _unordered(found), _unordered(truth)
    hit = len(found_set & true_set)
    precision = hit / len(found_set) if found_set else 1.0
    recall = hit / len(true_set) if true_set else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs_found": len(found_set), "true_pairs": len(true_set), "correct": hit,
            "precision": precision, "recall": recall, "f1": f1}


def true_duplicate_pairs(defects: pd.DataFrame) -> list[tuple[int, int]]:
    """The world's ground truth: (duplicate org_id, true org_id) for every duplicate company."""
    dup = defects[(defects["kind"] == "duplicate_entry") & (defects["table"] == "organisations")]
    return [(int(a), int(b)) for a, b in zip(dup["row_id"], dup["duplicate_of"], strict=True)]


@dataclass
class MergeResult:
    """Several departments' lists merged (合并结果): every record with its customer, one row per customer."""

    records: pd.DataFrame    # all records; columns department, source_id, customer (cluster id), ...
    customers: pd.DataFrame  # one row per customer: the oldest record, gaps filled from its duplicates
    linkage: Linkage

    def source_pairs(self) -> list[tuple[int, int]]:
        """The linked pairs as pairs of the departments' own record ids."""
        ids = self.records["source_id"]
        return [(int(ids.loc[a]), int(ids.loc[b])) for a, b in self.linkage.links]

    @property
    def conflicts(self) -> pd.Series:
        """Per field: customers whose records disagree on it (冲突字段), e.g. two different phones."""
        fields = [c for c in ("name", "contact", "phone", "email", "city", "industry", "employees")
                  if c in self.records]
        grouped = self.records.groupby("customer")[fields]
        return (grouped.nunique() > 1).sum().rename("conflicts")


def merge_lists(lists: dict[str, pd.DataFrame]) -> MergeResult:
    """Merge departments' customer lists (name -> frame as :func:`customer_list` makes) into one.

    Records linked directly or through a chain are one customer; the oldest record (by
    ``created_at``, else list order) survives and its empty fields are filled from the others.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    parts = [frame.assign(department=name, source_id=frame.index) for name, frame in lists.items()]
    records = pd.concat(parts, ignore_index=True)
    records.index.name = "record"
    result = find_duplicates(records)
    left, right = result.links.get_level_values(0), result.links.get_level_values(1)
    graph = coo_matrix(([1] * len(left), (left, right)), shape=(len(records), len(records)))
    _, labels = connected_components(graph, directed=False)
    records["customer"] = labels
    order = records.sort_values(["created_at"] if "created_at" in records else [], kind="stable")
    survivors = order.groupby("customer", sort=True).first()  # first non-null value of each field
    survivors["records"] = records.groupby("customer").size()
    survivors["departments"] = records.groupby("customer")["department"].agg(lambda d: ", ".join(sorted(set(d))))
    return MergeResult(records, survivors, result)
