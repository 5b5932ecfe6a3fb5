"""Speed of the customer database, as ratios against baselines run in the same process.

1. Entry: ``add_many`` (one transaction for the batch) vs ``add`` per record (one durable
   commit each, what the entry form does), in records per second.
2. Record linkage: the blocking index (name key, phone, email, sorted neighbourhood) vs
   comparing every pair (recordlinkage's full index), in candidate pairs and seconds, on
   the same defects world; both classified the same way and scored against its ground truth.

Run: PYTHONPATH=$PWD python bench/bench_customerdb.py [--records 300] [--scale 1500]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import recordlinkage

import labkit
from labkit.customerdb import CustomerDB, linkage


def record(i: int) -> dict:
    return dict(company=f"基准公司{i}", contact="王芳", phone=f"+86139{i:08d}", email=f"b{i}@example.cn",
                role="buyer", country="CN", province="浙江省", city="杭州市", industry="electronics", employees=30)


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def entry(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = CustomerDB(Path(tmp) / "one.db")
        single_s, _ = timed(lambda: [one.add(record(i)) for i in range(n)])
        batch = CustomerDB(Path(tmp) / "batch.db")
        batch_s, _ = timed(batch.add_many, [record(i) for i in range(n)])
        assert one.count() == batch.count() == n
    print(f"entry  add per record: {n / single_s:8.0f} rec/s   add_many: {n / batch_s:8.0f} rec/s   "
          f"ratio {single_s / batch_s:5.1f}x")


def linking(scale: int) -> None:
    world = labkit.generate_world(seed=1, scale=scale, defects=True)
    truth = linkage.true_duplicate_pairs(world.defects)
    prepared = linkage._prepared(linkage.customer_list(world.organisations, world.contacts))
    results = {}
    for name, make in (("blocking", lambda: linkage.candidate_pairs(prepared)),
                       ("full index", lambda: recordlinkage.Index().full().index(prepared))):
        start = time.perf_counter()
        pairs = make()
        vectors = linkage.compare(prepared, pairs)
        links = recordlinkage.ECMClassifier(binarize=None).fit_predict(vectors)
        seconds = time.perf_counter() - start
        results[name] = seconds
        score = linkage.precision_recall(links, truth)
        print(f"linkage {name:10s}: {len(pairs):>10,} pairs {seconds:7.2f} s  "
              f"precision {score['precision']:.3f} recall {score['recall']:.3f}")
    print(f"linkage ratio full/blocking: {results['full index'] / results['blocking']:.1f}x "
          f"({len(prepared):,} records)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--scale", type=int, default=1500, help="buyers in the world for the linkage bench")
    args = parser.parse_args()
    entry(args.records)
    linking(args.scale)


if __name__ == "__main__":
    main()
