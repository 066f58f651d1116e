"""The benchmark script works (on a few hundred listings; the real sizes are never run in tests)."""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def load_benchmark():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "search.py"
    spec = importlib.util.spec_from_file_location("benchmark_search", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_measures_and_reports_a_small_index():
    benchmark = load_benchmark()
    figures = benchmark.run_size(300, queries=25, database_url=None)
    assert figures["n"] == 300 and figures["docs_per_second"] > 0
    assert 0 < figures["p50"] <= figures["p95"]
    assert set(figures["by_kind"]) == {
        "one word", "two words", "word + 2 filters", "description", "browse + filters",
    }
    table = benchmark.report([figures], None)
    assert "| 300 |" in table and "p95" in table
