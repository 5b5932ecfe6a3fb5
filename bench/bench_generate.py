"""World generation: throughput and peak memory against the naive approach, in the same run.

Naive baseline: one Faker call per field per row (organisations and contacts, the rows the
name pools replace), timed on a sample and extrapolated to rows/s. Ours: the whole world
(every table) from ``generate_world``, each scale in a fresh subprocess so that its peak
resident memory (ru_maxrss) is its own. Targets: >= 30x the naive rows/s; the 1M-buyer
world in <= 30 s and <= 2 GB; the classroom world in <= 2 s.

The whole command, too: ``labkit generate --scale N --format parquet`` in a fresh process
(import, generation and writing every file), timed and with its peak resident memory. It
writes each table as soon as it is made, so the 1M-buyer world must stay <= 2 GB including
writing, and the 100k-buyer world >= 30x the naive rows/s counting the whole command.

Run: PYTHONPATH=$PWD python bench/bench_generate.py [--scales 100000 1000000] [--sample 1000]
     [--command-scales 100000 1000000]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys, time
import labkit
t = time.perf_counter()
marks = []
w = labkit.generate_world(seed=0, locale=sys.argv[2], scale=sys.argv[1],
                          progress=lambda step: marks.append((step, time.perf_counter() - t)))
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": sum(len(df) for df in w.tables.values()),
                  "static_rows": len(w.organisations) + len(w.contacts),
                  "static_seconds": marks[1][1] if len(marks) > 1 else seconds}))
"""
COMMAND = """
import json, resource, sys, time
t = time.perf_counter()
from labkit.cli import main
code = main(["generate", "--scale", sys.argv[1], "--locale", sys.argv[2], "--format", "parquet", "--out", sys.argv[3]])
seconds = time.perf_counter() - t
print(json.dumps({"code": code, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
INDUSTRIES = ["electronics", "machinery", "hardware_tools", "textiles_apparel"]


def naive_rows_per_second(locale: str, sample: int) -> float:
    """Organisations and contacts the naive way: a Faker call for every field of every row."""
    fake = Faker(locale)
    fake.seed_instance(0)
    start = time.perf_counter()
    rows = []
    for _ in range(sample):
        rows.append((fake.company(), fake.country_code(), fake.administrative_unit(), fake.city(), fake.address(),
                     fake.random_element(INDUSTRIES), fake.sentence(nb_words=3), fake.random_element(["manufacturer", "agent"]),
                     fake.random_int(1, 5000), fake.random_element(["micro", "small", "medium", "large"]),
                     fake.pyfloat(positive=True), fake.random_element(["website", "on_site"]),
                     fake.random_element(["email", "phone"]), fake.date_between("-10y", "-3y")))
        for _ in range(1 + fake.random_int(0, 1)):  # about 1.4 contacts per company
            rows.append((fake.name(), fake.job(), fake.phone_number(), fake.email(),
                         fake.random_element(["email", "phone", "sms"]), fake.boolean(), fake.boolean()))
    return len(rows) / (time.perf_counter() - start)


def ours(scale: str, locale: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, scale, locale], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def command(scale: str, locale: str) -> dict[str, float]:
    """``labkit generate --format parquet`` in a fresh process: seconds, peak MB, rows written."""
    import tempfile

    import pyarrow.parquet as pq

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", COMMAND, scale, locale, str(Path(tmp) / "world")], env=env,
                             capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        r["rows"] = sum(pq.ParquetFile(f).metadata.num_rows for f in (Path(tmp) / "world").glob("*.parquet"))
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["100000", "1000000"])
    parser.add_argument("--locale", default="zh_CN")
    parser.add_argument("--sample", type=int, default=1000, help="companies generated the naive way")
    parser.add_argument("--command-scales", nargs="*", default=["100000", "1000000"],
                        help="buyers for the whole `labkit generate --format parquet` command")
    args = parser.parse_args()
    naive = naive_rows_per_second(args.locale, args.sample)
    print(f"naive (Faker per field per row), {args.locale}: {naive:,.0f} rows/s")
    classroom = min((ours("classroom", args.locale) for _ in range(3)), key=lambda r: r["seconds"])
    print(f"classroom world: {classroom['seconds']:.2f} s, {classroom['rows']:,} rows, "
          f"peak {classroom['peak_mb']:,.0f} MB (target <= 2 s)")
    for scale in args.scales:
        r = ours(scale, args.locale)
        rate = r["rows"] / r["seconds"]
        static_rate = r["static_rows"] / r["static_seconds"]
        print(f"{int(scale):,} buyers: {r['seconds']:.1f} s, peak {r['peak_mb']:,.0f} MB, {r['rows']:,} rows: "
              f"{rate:,.0f} rows/s = {rate / naive:,.0f}x naive; companies+contacts alone "
              f"{static_rate:,.0f} rows/s = {static_rate / naive:,.0f}x naive")

    for scale in args.command_scales:
        r = command(scale, args.locale)
        rate = r["rows"] / r["seconds"]
        print(f"labkit generate --scale {int(scale):,} --format parquet: {r['seconds']:.1f} s, "
              f"peak {r['peak_mb']:,.0f} MB (target <= 2,048 MB for 1M buyers), {r['rows']:,} rows written: "
              f"{rate:,.0f} rows/s = {rate / naive:,.0f}x naive (target >= 30x for 100k buyers)")


if __name__ == "__main__":
    main()
