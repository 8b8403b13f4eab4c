"""What the guard costs (issue 22): members created, written and read through
``party.guard.mixin`` as superuser and as a branch officer, in one call and one call
each. Not a timed test: it prints wall time, the process's CPU time and SQL query
counts.

The same operations, with the same values, were run on the code before the renovation
(1b358b5) and after, alternating, on one machine (BENCHMARKS.md, "The renovation,
paired"): the script uses only what both have (the builder's member values, the ORM),
so it can be run on another commit to compare again. Each round makes a committee, a
branch and its officer, and is rolled back.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import QUIET, emit, member_vals, officer_of, print_target  # noqa: E402

ROUNDS = int(os.environ.get("PARTY_BENCH_ROUNDS") or 3)
N_BATCH = 1000  # members created / written in one call
N_EACH = 100  # members created / written one call each
REGION = 659001


class _NoGroup:
    id = False


def values(branch, count):
    """``count`` members of ``branch`` (the builder's values: valid ID numbers, dates)."""
    rng = random.Random(7)
    today = datetime.date.today()
    return [
        member_vals(i, [branch] * 1000, [_NoGroup()] * 1000, rng, REGION, today)
        for i in range(count)
    ]


def timed(env, label, func, results):
    """Run ``func()`` with a cold cache: wall time, the process's CPU time, queries."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    cpu = time.process_time()
    start = time.perf_counter()
    func()
    env.flush_all()
    wall = time.perf_counter() - start
    results.setdefault(label, []).append(
        (wall, time.process_time() - cpu, env.cr.sql_log_count - before)
    )


def one_round(env, n, results):
    Org = env["party.organization"].with_context(**QUIET)
    committee = Org.create({"name": "Guard bench", "code": f"GB{n}-PC", "org_type": "committee"})
    branch = Org.create(
        {"name": "Guard bench branch", "code": f"GB{n}-B0", "org_type": "branch",
         "parent_id": committee.id}
    )  # fmt: skip
    vals = values(branch, 2 * N_BATCH + N_EACH)
    Member = env["party.member"].with_context(**QUIET)
    timed(env, f"create {N_BATCH:,} members (superuser, one call)",
          lambda: Member.create(vals[:N_BATCH]), results)  # fmt: skip
    holder = Member.search([("organization_id", "=", branch.id)], limit=1)
    officer = officer_of(env, branch, holder, f"guard_bench_officer_{n}")
    env.flush_all()
    as_officer = Member.with_user(officer)
    created = []
    timed(env, f"create {N_BATCH:,} members (branch officer, one call)",
          lambda: created.append(as_officer.create(vals[N_BATCH : 2 * N_BATCH])), results)  # fmt: skip
    timed(env, f"create {N_EACH} members (branch officer, one call each)",
          lambda: [as_officer.create(v) for v in vals[2 * N_BATCH :]], results)  # fmt: skip
    ids = created[0].ids
    timed(env, f"write {N_BATCH:,} members (branch officer, one call)",
          lambda: as_officer.browse(ids).write({"last_contact_date": datetime.date.today()}),
          results)  # fmt: skip
    timed(env, f"write {N_EACH} members (branch officer, one call each)",
          lambda: [as_officer.browse(i).write({"file_recorded": False}) for i in ids[:N_EACH]],
          results)  # fmt: skip
    timed(env, "search_read 80 members (branch officer)",
          lambda: as_officer.search_read([("organization_id", "=", branch.id)],
                                         ["name", "member_category", "join_date"], limit=80),
          results)  # fmt: skip
    timed(env, f"read {N_BATCH:,} members' ID numbers (branch officer)",
          lambda: as_officer.browse(ids).read(["id_number", "name"]), results)  # fmt: skip


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    results = {}
    for n in range(ROUNDS):
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            one_round(env, n, results)
            cr.rollback()
    width = max(len(label) for label in results)
    print(f"\n{ROUNDS} rounds, medians\n{'measurement':<{width}}  {'wall (ms)':>10}  "
          f"{'CPU (ms)':>9}  {'queries':>8}")  # fmt: skip
    for label, runs in results.items():
        wall = sorted(r[0] for r in runs)[len(runs) // 2]
        cpu = sorted(r[1] for r in runs)[len(runs) // 2]
        queries = runs[-1][2]
        records = int(label.split()[1].replace(",", "")) if label.split()[1][0].isdigit() else None
        print(f"{label:<{width}}  {wall * 1000:>10.1f}  {cpu * 1000:>9.1f}  {queries:>8}")
        emit(label, round(wall, 4), "s", queries, records=records, cpu=round(cpu, 4))
    print_target(
        "targets: each within 10 % of the code before the renovation on the same machine "
        "(paired runs, BENCHMARKS.md); a create of many members takes the queries of one "
        "plus a fixed number"
    )


if __name__ == "__main__":
    main()
