"""The grading bench's headline (评分基准): per core in CPU seconds, judged from the rounds, never set."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_grading.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_grading", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _round(floor: float, labkit: float, nbgrader: float, wall: float) -> dict[str, object]:
    return {"students": 4, "load_before": (3.0, 2.0, 1.0), "floor": {"s": 4 * wall, "cpu_s": floor},
            "labkit_1_worker": {"s": 2 * wall, "cpu_s": labkit}, "nbgrader": {"s": 5 * wall, "cpu_s": nbgrader}}


def _results(rounds: list[dict[str, object]]) -> dict[str, object]:
    def ratio(top: str, bottom: str, key: str) -> dict[str, object]:
        values = sorted(r[top][key] / r[bottom][key] for r in rounds)  # type: ignore[index]
        return {"median": values[len(values) // 2], "rounds": values}
    return {f"{top}_vs_{bottom}_{label}": ratio(top, bottom, key)
            for top, bottom in (("labkit_1_worker", "floor"), ("nbgrader", "labkit_1_worker"))
            for key, label in (("s", "wall"), ("cpu_s", "cpu"))}


def test_the_goal_is_judged_in_cpu_seconds_not_wall_time() -> None:
    bench = _bench()
    # labkit wins in wall time (half the floor's) but spends more CPU than the floor: not met
    rounds = [_round(10.0, 11.0, 12.0, 1.0) for _ in range(3)]
    line = bench.headline(_results(rounds), rounds)
    assert line["labkit_1_worker_vs_floor"]["wall"] == 0.5
    assert line["labkit_1_worker_vs_floor"]["cpu"] == 1.1
    assert line["per_core_goal_met"] is False
    assert line["cpu_s_per_notebook"] == {"floor": 2.5, "labkit_1_worker": 2.75, "nbgrader": 3.0}
    # at most the floor's CPU and 1.2x faster than nbgrader in CPU: met
    rounds = [_round(10.0, 9.0, 11.0, 1.0) for _ in range(3)]
    assert bench.headline(_results(rounds), rounds)["per_core_goal_met"] is True


def test_without_a_cpu_clock_the_goal_is_not_judged() -> None:
    bench = _bench()
    rounds = [_round(10.0, 9.0, 11.0, 1.0)]
    results = {key: value for key, value in _results(rounds).items() if key.endswith("_wall")}
    assert bench.headline(results, rounds)["per_core_goal_met"] is None
