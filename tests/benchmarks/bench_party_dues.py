"""Benchmark of the Party dues of party_life at enterprise-group scale (not a timed test).

Builds 1,000 organisations and 50,000 members with a realistic income mix
(salaried members with bases 2,000-20,000, retired members, farmers, students,
a few unemployed and relief recipients), then measures, with wall time, SQL
query count, peak Python memory (tracemalloc, allocations made during the
measurement) and throughput:

* the monthly run ``party.dues.generate(period)`` over every member, and a
  second run of the same month (idempotent: it creates nothing), next to the
  ceiling of the machine at that moment: the same rows copied by a plain
  ``INSERT ... SELECT`` (same indexes and foreign keys);
* the bulk collection of one payment per member (that month's amount, cash,
  unique references) through ``party.dues.payment.register_payments``, in
  batches of ``PAY_BATCH`` payments;
* confirming ``N_ONLINE`` online payments (payment_demo's provider; the
  post-processing of the confirmed transactions registers them through the same
  ``register_payments``), on another month of the same members;
* for comparison, the plain one-record-at-a-time ORM loop on a sample of
  another month: a ``create()`` per dues row with the amount from
  ``compute_amount``, and ``register_payments([one])`` per payment, next to the
  set-based calls on a sample of the same size, so the ratio shows what the
  batching buys.

Targets on a 2-core machine (issue 27): monthly run >= 40,000 members/s, collection
>= 5,000 payments/s, both with a query count per batch, not per member. Run through
``bin/party bench``; nothing is committed, except that ``PARTY_BENCH_KEEP=1``
commits the built organisations and members so a rerun on the same database
skips the build (the measurements are rolled back; with the tree committed, the
monthly run is committed before the collection, as on a real database, and its rows
deleted at the end).
``PARTY_BENCH_PAYMENTS=5000`` collects fewer payments (same per-batch figures, a
shorter run). The peak-memory column is the process's peak resident memory so far;
``PARTY_BENCH_TRACEMALLOC=1`` gives the Python allocations of each step instead, at the
price of times 2-6 times too long, so take times and memory from separate runs.
"""

import datetime
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command, api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    build_tree,
    create_members,
    emit,
    find_or_build,
    member_vals,
    print_target,
)

N_MEMBERS = 50_000
PAY_BATCH = 25000
# The bulk collection pays this many members (all by default); a smaller number
# (a multiple of PAY_BATCH) gives a quicker run with the same per-batch figures.
N_PAYMENTS = int(os.environ.get("PARTY_BENCH_PAYMENTS") or N_MEMBERS)
# tracemalloc slows the ORM 2-6 times: the peak memory comes from a separate run
# with PARTY_BENCH_TRACEMALLOC=1, whose times and throughputs are not meaningful.
TRACEMALLOC = bool(os.environ.get("PARTY_BENCH_TRACEMALLOC"))
LOOP_DUES = 500
LOOP_PAYMENTS = 200
# Confirming this many online payments (payment_demo's provider, the post-processing of
# the confirmed transactions) on the same data, another month.
N_ONLINE = int(os.environ.get("PARTY_BENCH_ONLINE") or 10_000)
# PARTY_BENCH_SKIP_LOOPS=1 leaves out the one-record-at-a-time loops (minutes on a busy
# machine): the figures of the set-based paths only.
SKIP_LOOPS = bool(os.environ.get("PARTY_BENCH_SKIP_LOOPS"))
# Distinct codes and ID number region from bench_party_branch, so both can keep
# their data in the same database.
PREFIX = "DUES"
REGION = 310101


def measure(env, label, func, rows, unit="members"):
    """Run func() (returns the number of records processed) and record time,
    queries and, with PARTY_BENCH_TRACEMALLOC=1, peak Python memory."""
    env.invalidate_all()
    env.cr.flush()
    before = env.cr.sql_log_count
    if TRACEMALLOC:
        tracemalloc.start()
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    if TRACEMALLOC:
        peak = tracemalloc.get_traced_memory()[1]
    else:  # the process's resident-memory high-water mark so far (KiB on Linux)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.stop()
    rows.append((label, elapsed, env.cr.sql_log_count - before, peak, result, unit))
    emit(label, round(elapsed, 4), "s", rows[-1][2], records=result, rate_unit=f"{unit}/s",
         rate=round(result / elapsed) if result and elapsed else None)  # fmt: skip
    return result


def income(rng):
    """(income_category, dues_base): about 60% salaried, 22% retired, 10% farmers,
    5% students, 2% unemployed, 1% on relief."""
    draw = rng.random()
    if draw < 0.60:
        return "salaried", round(rng.triangular(2000, 20000, 5500), -1)
    if draw < 0.82:
        return "retired", round(rng.triangular(1500, 9000, 3500), -1)
    if draw < 0.92:
        return "farmer", 0.0
    if draw < 0.97:
        return "student", 0.0
    if draw < 0.99:
        return "unemployed", 0.0
    return "relief", 0.0


def income_vals(rng):
    category, base = income(rng)
    return {"income_category": category, "monthly_income": base, "dues_base": base}


def build(env):
    rng = random.Random(18)
    committee, generals, branches, groups = build_tree(env, PREFIX, "Dues Bench Committee", "Dues ")
    today = datetime.date.today()
    members = create_members(
        env,
        [
            member_vals(i, branches, groups, rng, REGION, today, extra=income_vals)
            for i in range(N_MEMBERS)
        ],
    )
    # Steady state: the organisations' analytic accounts exist after the first collection.
    (committee | generals | branches | groups)._party_analytic_accounts()
    return committee, generals, branches, groups, members


def payment_vals(dues, date, method, tag):
    return [
        {
            "member_id": row.member_id.id,
            "amount": row.amount,
            "date": date,
            "method": method,
            "reference": f"{tag}-{row.member_id.id}",
        }
        for row in dues
        if row.amount > 0
    ]


def delete_unpaid_month(cr, month, member_ids):
    """The rows of ``month`` of the tree's members that nothing pays (left committed by
    an interrupted run of this benchmark)."""
    cr.execute(
        """DELETE FROM party_dues d
            WHERE d.period = %s AND d.member_id = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM party_dues_payment_line l WHERE l.dues_id = d.id)""",
        [month, member_ids],
    )


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        (committee, generals, branches, groups, members), found = find_or_build(env, PREFIX, build)
        if found:
            (committee | generals | branches | groups)._party_analytic_accounts()
        mix = dict(
            env["party.member"]._read_group(
                [("organization_id", "in", branches.ids)], ["income_category"], ["__count"]
            )
        )
        print("income mix: " + ", ".join(f"{k} {v}" for k, v in sorted(mix.items())))

        # Months in the past, so every payment date is too: the run month, the
        # loop month, and the month of the set-based sample.
        this_month = datetime.date.today().replace(day=1)
        month = this_month - relativedelta(months=2)
        loop_month = month + relativedelta(months=1)
        sample_month = month + relativedelta(months=2)
        tag = f"BENCH-{int(time.time())}"
        Dues = env["party.dues"]
        Payment = env["party.dues.payment"]
        Bracket = env["party.dues.bracket"]
        rows = []
        # The month is generated on the 1st and collected later, in other transactions:
        # with the tree committed (kept or found), so is the month's run before the
        # collection. (A row inserted by the same transaction has its foreign keys
        # checked again by every UPDATE, unchanged or not: the collection's UPDATE of
        # the months would pay three checks a row that it never pays for real.) Rows of
        # the tree's members left by an interrupted run are deleted first.
        committed = found or bool(os.environ.get("PARTY_BENCH_KEEP"))
        if committed:
            delete_unpaid_month(cr, month, members.ids)
            cr.commit()
        existing = set(Dues.search([("period", "=", month)]).ids)
        before = len(existing)

        # 1. the monthly run, then the same month again
        measure(env, f"generate({month:%Y-%m}), monthly run",
                lambda: len(Dues.generate(month)), rows)  # fmt: skip
        created = Dues.search_count([("period", "=", month)]) - before
        measure(env, f"generate({month:%Y-%m}) again (creates nothing)",
                lambda: len(Dues.generate(month)), rows)  # fmt: skip
        again = Dues.search_count([("period", "=", month)]) - before - created

        def raw_insert():
            # the ceiling: the same rows copied by a plain INSERT ... SELECT (indexes,
            # foreign keys), into a month nobody uses; rolled back with the rest
            cr.execute(
                """INSERT INTO party_dues (member_id, organization_id, company_id, period,
                       income_category, base, rate, amount, reduction_id, state, paid_amount,
                       voluntary_amount)
                   SELECT member_id, organization_id, company_id, DATE '1900-01-01',
                       income_category, base, rate, amount, reduction_id, state, paid_amount,
                       voluntary_amount
                     FROM party_dues WHERE period = %s""",
                [month],
            )
            return cr.rowcount

        cr.execute("SAVEPOINT ceiling")
        measure(env, "ceiling: plain INSERT ... SELECT of the same rows", raw_insert, rows,
                "rows")  # fmt: skip
        cr.execute("ROLLBACK TO SAVEPOINT ceiling")  # those rows would be the oldest owed
        run_ids = []
        if committed:
            run_ids = list(set(Dues.search([("period", "=", month)]).ids) - existing)
            cr.commit()

        # 2. the collection of the month, one payment per member
        dues = Dues.search([("member_id", "in", members.ids), ("period", "=", month)])
        vals_list = payment_vals(dues, month + datetime.timedelta(days=9), "cash", tag)[:N_PAYMENTS]
        batches = range(0, len(vals_list), PAY_BATCH)

        def collect():
            for start in batches:
                Payment.register_payments(vals_list[start : start + PAY_BATCH])
            return len(vals_list)

        measure(env, f"register_payments, {len(batches)} batches of {PAY_BATCH}", collect, rows,
                "payments")  # fmt: skip
        unpaid = Dues.search_count(
            [("member_id", "in", members.ids), ("period", "=", month), ("state", "=", "due")]
        )

        # 3. confirming online payments: another month of the same members
        online_month = month - relativedelta(months=1)
        Dues.generate(online_month)
        owed = Dues.search(
            [("member_id", "in", members.ids), ("period", "=", online_month),
             ("state", "=", "due")], limit=N_ONLINE,
        )  # fmt: skip
        owed.fetch(["member_id", "amount", "paid_amount"])
        provider = env.ref("payment.payment_provider_demo")
        provider.state = "test"
        method = provider.payment_method_ids[:1]
        currency = env.company.currency_id
        txs = env["payment.transaction"].create(
            [
                {
                    "provider_id": provider.id,
                    "payment_method_id": method.id,
                    "amount": row.amount - row.paid_amount,
                    "currency_id": currency.id,
                    "partner_id": row.member_id.partner_id.id,
                    "operation": "online_direct",
                    "party_dues_ids": [Command.set(row.ids)],
                }
                for row in owed
            ]
        )
        txs._set_pending()
        env.flush_all()

        def confirm_online():
            txs._set_done()
            txs._post_process()
            return len(txs.filtered("party_dues_payment_id"))

        measure(env, f"confirming {len(txs)} online payments (payment_demo)", confirm_online,
                rows, "payments")  # fmt: skip

        if not SKIP_LOOPS:
            # 4. the one-record-at-a-time ORM loop, and set-based calls of the same size
            sample = members[::97][:LOOP_DUES]
            sample.fetch(["organization_id", "company_id", "income_category", "dues_base"])

            def loop_create():
                for member in sample:
                    Dues.create(
                        {
                            "member_id": member.id,
                            "organization_id": member.organization_id.id,
                            "company_id": member.company_id.id,
                            "period": loop_month,
                            "income_category": member.income_category,
                            "base": member.dues_base,
                            "amount": Bracket.compute_amount(
                                member.income_category, member.dues_base, loop_month
                            ),
                        }
                    )
                return len(sample)

            measure(env, f"loop: create() per dues row ({loop_month:%Y-%m})", loop_create, rows,
                    "rows")  # fmt: skip
            measure(env, f"set-based: generate({sample_month:%Y-%m}, members=sample)",
                    lambda: len(Dues.generate(sample_month, members=sample)), rows, "rows")  # fmt: skip
            loop_dues = Dues.search([("member_id", "in", sample.ids), ("period", "=", loop_month)])
            loop_date = loop_month + datetime.timedelta(days=9)
            one_by_one = payment_vals(loop_dues[:LOOP_PAYMENTS], loop_date, "cash", f"{tag}-L")
            batched = payment_vals(
                loop_dues[LOOP_PAYMENTS : 2 * LOOP_PAYMENTS], loop_date, "cash", f"{tag}-S"
            )

            def loop_pay():
                for vals in one_by_one:
                    Payment.register_payments([vals])
                return len(one_by_one)

            measure(env, "loop: register_payments([one]) per payment", loop_pay, rows,
                    "payments")  # fmt: skip
            measure(env, f"set-based: register_payments({len(batched)} payments)",
                    lambda: len(Payment.register_payments(batched)), rows, "payments")  # fmt: skip
        cr.rollback()
        if run_ids:  # the month's run, committed above: nothing of the benchmark is left
            cr.execute("DELETE FROM party_dues WHERE id = ANY(%s)", [run_ids])
            cr.commit()

    width = max(len(r[0]) for r in rows)
    print(
        f"\n{'measurement':<{width}}  {'time (s)':>9}  {'queries':>8}  {'peak MiB':>8}  "
        f"{'records':>8}  {'unit':<8}  {'records/s':>9}  {'queries/record':>14}"
    )
    if TRACEMALLOC:
        print("(PARTY_BENCH_TRACEMALLOC=1: times and records/s are inflated by tracemalloc)")
    for label, elapsed, queries, peak, count, unit in rows:
        rate = f"{count / elapsed:>9.0f}" if count else f"{'-':>9}"
        per = f"{queries / count:>14.2f}" if count else f"{'-':>14}"
        mib = f"{peak / 2**20:>8.1f}" if peak is not None else f"{'n/a':>8}"
        print(
            f"{label:<{width}}  {elapsed:>9.2f}  {queries:>8}  {mib}  "
            f"{count:>8}  {unit:<8}  {rate}  {per}"
        )
    throughput = {
        label: (count / elapsed if count else 0.0) for label, elapsed, _q, _p, count, _u in rows
    }
    print(
        f"\nmonthly run: {created} rows created, second run created {again}; "
        f"collection left {unpaid} of the month's rows due"
    )
    if SKIP_LOOPS:
        comparisons = ()
    else:
        run, _again, _ceiling, collect_row, _online, loop_c, set_c, loop_p, set_p = (
            r[0] for r in rows
        )
        print("set-based vs loop (throughput ratio):")
        comparisons = (
            ("dues rows, at scale", run, loop_c),
            ("dues rows, same sample size", set_c, loop_c),
            ("payments, at scale", collect_row, loop_p),
            ("payments, same sample size", set_p, loop_p),
        )
    for label, fast, slow in comparisons:
        ratio = throughput[fast] / throughput[slow] if throughput[slow] else float("nan")
        print(f"  {label:<28} {ratio:>6.1f}x")
    print_target(
        "\ntargets: monthly run >= 40000 members/s, collection >= 5000 payments/s, "
        "queries per batch (queries/record well below 1)"
    )


if __name__ == "__main__":
    main()
