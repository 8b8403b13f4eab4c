"""Odoo-free tests of ``bin/party load``'s pure parts (bin/party_harness/load.py):
percentiles, the summary per request kind, the report table, the arguments."""

import math

import pytest
from party_harness import cli, load
from party_harness.common import HarnessError


def test_percentile_interpolates_between_ranks():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert load.percentile(values, 50) == pytest.approx(55)
    assert load.percentile(values, 95) == pytest.approx(95.5)
    assert load.percentile(values, 99) == pytest.approx(99.1)
    assert load.percentile(values, 0) == 10
    assert load.percentile(values, 100) == 100


def test_percentile_does_not_depend_on_order():
    assert load.percentile([3, 1, 2], 50) == 2


def test_percentile_of_one_value_is_that_value():
    assert load.percentile([0.25], 99) == 0.25


def test_percentile_of_nothing_is_nan():
    assert math.isnan(load.percentile([], 50))


def test_percentile_refuses_out_of_range():
    with pytest.raises(ValueError):
        load.percentile([1, 2], 101)


def test_summarize_counts_errors_and_throughput_per_kind():
    samples = [
        ["member /my", 0.1, 0.100, None],
        ["member /my", 1.0, 0.300, None],
        ["member /my", 2.0, 0.200, "HTTP 500 GET /my"],
        ["officer cockpit", 0.5, 1.000, None],
    ]
    rows = load.summarize(samples, elapsed=2.0)
    by_kind = {row["kind"]: row for row in rows}
    assert [row["kind"] for row in rows] == ["member /my", "officer cockpit", "all"]
    assert by_kind["member /my"]["count"] == 3
    assert by_kind["member /my"]["errors"] == 1
    assert by_kind["member /my"]["p50"] == pytest.approx(200)
    assert by_kind["member /my"]["rps"] == pytest.approx(1.5)
    assert by_kind["all"]["count"] == 4
    assert by_kind["all"]["errors"] == 1
    assert by_kind["all"]["rps"] == pytest.approx(2.0)


def test_summarize_of_no_samples_has_no_rows():
    assert load.summarize([], elapsed=10) == []


def test_first_errors_are_in_time_order_and_bounded():
    samples = [["b", 5.0, 0.1, "late"], ["a", 1.0, 0.1, "early"], ["a", 2.0, 0.1, None]]
    errors = load.first_errors(samples, limit=1)
    assert len(errors) == 1
    assert "early" in errors[0]


def test_bend_point_is_the_bucket_of_the_first_error():
    samples = [["a", 3.0, 0.1, None], ["a", 47.5, 0.1, "timeout"], ["a", 80.0, 0.1, "x"]]
    assert load.bend_point(samples, bucket=10) == 40
    assert load.bend_point([["a", 1.0, 0.1, None]]) is None


def test_render_table_has_a_row_per_kind_and_the_total_in_bold():
    rows = load.summarize([["member /my", 0.0, 0.0123, None]], elapsed=1.0)
    table = load.render_table(rows)
    lines = table.splitlines()
    assert lines[0] == "| request | count | errors | p50 ms | p95 ms | p99 ms | req/s |"
    assert lines[2] == "| member /my | 1 | 0 | 12 | 12 | 12 | 1.0 |"
    assert lines[3].startswith("| **all** | 1 | 0 |")


def test_render_results_lists_runs_fewest_users_first():
    def run(users, errors):
        return {
            "users": users,
            "officers": users // 2,
            "minutes": 1,
            "workers": 5,
            "think": 1.0,
            "ramp": 10.0,
            "timeout": 60.0,
            "date": "2026-12-07 12:00 UTC",
            "commit": "abc",
            "machine": {"cores": 2, "cpu": "cpu", "memory_gb": 24, "load_before": [1, 2, 3]},
            "rows": load.summarize([["a", 0, 0.1, "boom" if errors else None]], 1),
            "errors": errors,
            "errors_from": 0.0 if errors else None,
            "first_errors": ["0.0s a: boom"] if errors else [],
        }

    text = load.render_results({"runs": {"200": run(200, 1), "50": run(50, 0)}})
    assert text.index("### 50 users") < text.index("### 200 users")
    assert "think time 1 s" in text
    assert "no errors" in text
    assert "1 errors, the first 0 s into the run" in text
    assert "before the run 1.00, 2.00, 3.00" in text


def test_default_workers_is_two_per_core_plus_one():
    assert load.default_workers(2) == 5
    assert load.default_workers(8) == 17


def test_load_arguments_have_the_briefs_defaults():
    args = cli.build_parser().parse_args(["load"])
    assert (args.users, args.minutes, args.workers) == (50, 5.0, None)
    args = cli.build_parser().parse_args(
        ["load", "--users", "200", "--minutes", "2.5", "--workers", "9"]
    )
    assert (args.users, args.minutes, args.workers) == (200, 2.5, 9)


@pytest.mark.parametrize(
    "argv", [["--users", "0"], ["--minutes", "0"], ["--workers", "0"], ["--think", "-1"]]
)
def test_load_refuses_arguments_that_make_no_run(argv):
    args = cli.build_parser().parse_args(["load", *argv])
    with pytest.raises(HarnessError):
        load.validate(args)


def test_server_runs_multi_process_without_cron():
    argv = load.server_args("db1", 8099, 5)
    assert "--workers=5" in argv
    assert "--max-cron-threads=0" in argv
    assert "--db-filter=^db1$" in argv
    assert any(a.startswith("--limit-time-real=") for a in argv)
