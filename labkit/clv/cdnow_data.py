"""The real CDNOW data (Fader, Hardie & Lee 2005), shipped with the kit (真实数据).

CDNOW was an online music retailer. The full cohort is the 23,570 customers who first bought
in the first quarter of 1997, with every purchase up to June 1998; the sample is a 1/10
systematic sample of 2,357 of them. Time is measured in weeks; the calibration period the
published models were fitted on ends on 1997-09-30 (39 weeks).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from labkit.clv.rfm import rfm_summary
from labkit.errors import LabkitError
from labkit.i18n import _
from labkit.resources import cdnow_dir

CALIBRATION_END = pd.Timestamp("1997-09-30")


def _path(name: str) -> Path:
    path = cdnow_dir() / name
    if not path.exists():
        raise LabkitError(_("the CDNOW file {path} is missing; reinstall labkit, which ships it").format(path=path))
    return path


def cdnow() -> pd.DataFrame:
    """The published summary of the 2,357-customer sample over the 39-week calibration period.

    One row per customer (index ``customer_id``): ``frequency`` (repeat purchases, x),
    ``recency`` (week of the last purchase after the first, t_x), ``T`` (weeks observed) and
    ``monetary_value`` (average value of the repeat purchases in US dollars, 0 if none).
    """
    raw = pd.read_csv(_path("cdnow_summary.csv"))
    return raw.rename(columns={"ID": "customer_id", "x": "frequency", "t_x": "recency", "zbar": "monetary_value"}
                      ).set_index("customer_id")


def cdnow_transactions(full: bool = False) -> pd.DataFrame:
    """Every CDNOW purchase: ``customer_id``, ``date``, ``cds`` and ``amount`` (US dollars).

    ``full=False`` gives the 2,357-customer sample, ``full=True`` the whole 23,570-customer cohort.
    """
    if full:
        raw = pd.read_csv(_path("CDNOW_master.txt.gz"), sep=r"\s+", dtype={"date": str})
        raw.columns = ["customer_id", "date", "cds", "amount"]
    else:
        raw = pd.read_csv(_path("CDNOW_sample.txt.gz"), sep=r"\s+", header=None, dtype={2: str},
                          names=["master_id", "customer_id", "date", "cds", "amount"])
        raw = raw.drop(columns="master_id")
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    return raw


def cdnow_summary(full: bool = False) -> pd.DataFrame:
    """The calibration-period summary computed from the transactions (sample or full cohort)."""
    return rfm_summary(cdnow_transactions(full), "customer_id", "date", "amount", CALIBRATION_END)
