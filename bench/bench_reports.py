"""Speed of the report layer, as ratios against baselines run in the same process.

1. Each report on the classroom world, in multiples of one plain pandas group-by (registrations
   counted per edition): how many "group-bys" a report costs.
2. The formatted workbook (header style, number formats, widths, filters) vs a plain
   ``DataFrame.to_excel`` of the same frames: the cost of formatting for Excel users.

Run: PYTHONPATH=$PWD python bench/bench_reports.py
"""
from __future__ import annotations

import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import labkit
from labkit.reports.workbook import REPORTS, build_reports, write_workbook
from labkit.surveys import survey_summary


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def plain_excel(reports: dict[str, pd.DataFrame], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in reports.items():
            frame.to_excel(writer, sheet_name=name, index=False)


def main() -> None:
    world = labkit.load_world()
    base = best_of(lambda: world.registrations.groupby("edition_id").size())
    summary = survey_summary(world)
    for report in REPORTS:
        source = summary if report.reads_survey_summary else world
        print(f"{report.sheet:32s} {best_of(lambda r=report, s=source: r.build(s), repeat=2) / base:8.1f} group-bys")
    print(f"{'survey_summary (once for all six)':32s} {best_of(lambda: survey_summary(world), repeat=2) / base:8.1f} group-bys")
    reports = build_reports(world)
    with tempfile.TemporaryDirectory() as tmp:
        ours = best_of(lambda: write_workbook(reports, Path(tmp) / "formatted.xlsx", world), repeat=2)
        plain = best_of(lambda: plain_excel(reports, Path(tmp) / "plain.xlsx"), repeat=2)
    print(f"formatted workbook / plain to_excel = {ours / plain:.2f}x the time")


if __name__ == "__main__":
    main()
