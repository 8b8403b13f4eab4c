"""Benchmark of the annual statistics (党内统计年报) of the whole tree.

Builds 1,000 organisations (1 committee, 10 general branches, 830 branches, 159 Party
groups) and 50,000 members, then, after a date 90 days ago: 2,000 members transferred
to another branch (completed transfers, the members moved), 500 who died and 500
admitted (join date after the date). Measures, with wall time and SQL query count:

* the register on the date (``party.member._party_members_on``, the one query);
* every table of the statistics of the whole tree (party_branch's and those of the
  addons installed);
* the XLSX and the export for the superior rendered from the wizard.

Checks that the tables reconcile: the members on the date are 50,000 − 500 admitted
since (the transferred and the dead still counted). Target: the statistics of the whole
tree under 10 s. Run through ``bin/party bench`` (or ``/tmp/bench.sh NAME
tests/benchmarks/bench_party_statistics.py`` in development); nothing is committed
unless ``PARTY_BENCH_KEEP=1``.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    N_BRANCHES,
    build_tree,
    create_members,
    find_tree,
    measure,
    member_vals,
    print_target,
)

N_MEMBERS = 50_000
N_MOVED = 2_000
N_DEAD = 500
N_NEW = 500
CODE = "BSTA"


def build(env, today, on, rng):
    committee, generals, branches, groups = build_tree(env, CODE, "Statistics Bench", "ST ")
    occupations = ["worker", "farmer", "professional", "manager", "official", "student",
                   "other", "retired"]  # fmt: skip
    members = create_members(
        env,
        [
            member_vals(
                i, branches, groups, rng, 130101, today,
                extra=lambda r: {"occupation": r.choice(occupations),
                                 "education": r.choice(["senior_secondary", "bachelor",
                                                        "master"])},
            )
            for i in range(N_MEMBERS)
        ],
    )  # fmt: skip
    after = on + datetime.timedelta(days=30)
    cr = env.cr
    # members moved to the next branch after the date: completed transfers, as the
    # transfer's completion leaves them (the register's organisation is the new one)
    cr.execute(
        SQL(
            """
            WITH moved AS (
                SELECT m.id, m.organization_id AS from_id,
                       (%(branches)s::int4[])[1 + mod(array_position(%(branches)s::int4[],
                                                       m.organization_id), %(n)s)] AS to_id
                  FROM party_member m WHERE m.id = ANY(%(ids)s)
            ), ins AS (
                INSERT INTO party_member_transfer (name, member_id, from_organization_id,
                       to_organization_id, company_id, letter_number, state, date_sent,
                       date_valid_until, date_completed, create_uid, write_uid,
                       create_date, write_date)
                SELECT 'ST/' || id, id, from_id, to_id, %(company)s, 'ST-L/' || id,
                       'completed', %(after)s, %(after)s + 90, %(after)s, 1, 1, now(), now()
                  FROM moved
            )
            UPDATE party_member m SET organization_id = moved.to_id, group_id = NULL
              FROM moved WHERE moved.id = m.id
            """,
            branches=branches.ids,
            n=N_BRANCHES,
            ids=members[1::25][:N_MOVED].ids,
            company=env.company.id,
            after=after,
        )
    )
    cr.execute(
        SQL(
            "UPDATE party_member SET status = 'deceased', left_date = %(after)s "
            "WHERE id = ANY(%(ids)s)",
            after=after,
            ids=members[3::97][:N_DEAD].ids,
        )
    )
    cr.execute(
        SQL(
            "UPDATE party_member SET join_date = %(after)s, member_category = 'probationary', "
            "full_date = NULL WHERE id = ANY(%(ids)s)",
            after=after,
            ids=members[5::99][:N_NEW].ids,
        )
    )
    env.invalidate_all()
    return committee, generals, branches, groups, members


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    rng = random.Random(26)
    today = datetime.date.today()
    on = today - datetime.timedelta(days=90)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC", "lang": "en_US"})
        t0 = time.perf_counter()
        kept = find_tree(env, CODE)
        if kept:  # kept from an earlier run (PARTY_BENCH_KEEP=1)
            committee, *__, members = kept
            verb = "found"
        else:
            committee, *__, members = build(env, today, on, rng)
            verb = "built"
        env.flush_all()
        orgs = env["party.organization"].search_count([("id", "child_of", committee.id)])
        print(
            f"{verb} {orgs} organisations and {len(members)} members in "
            f"{time.perf_counter() - t0:.1f} s; statistics on {on}"
        )
        if os.environ.get("PARTY_BENCH_KEEP") and verb == "built":
            cr.commit()
        rows = []
        start = on.replace(month=1, day=1)
        listed = measure(
            env,
            "register on the date, whole tree (_party_members_on)",
            lambda: env["party.member"]._party_members_on(committee, on),
            rows,
        )
        rows[-1] = (*rows[-1][:3], len(listed))
        tables = measure(
            env,
            "statistics of the whole tree (every table)",
            lambda: env["party.statistics"]._party_statistics(committee, start, on),
            rows,
        )
        rows[-1] = (*rows[-1][:3], len(tables))
        wizard = env["party.statistics.wizard"].create(
            {"organization_id": committee.id, "date": on, "period_type": "year"}
        )
        Report = env["ir.actions.report"]
        for label, name in (
            ("statistics XLSX rendered", "party_branch.statistics_xlsx"),
            ("export for the superior XLSX rendered", "party_branch.export_xlsx"),
        ):
            measure(env, label,
                    lambda name=name: len(Report._render_xlsx(name, wizard.ids, data={})[0]),
                    rows)  # fmt: skip
        by_code = {table.code: table for table in tables}
        members_on = by_code["category"].total[0]
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'result':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    expected = N_MEMBERS - N_NEW
    print(f"\nmembers on {on}: {members_on} (expected {expected}: the {N_MOVED} transferred "
          f"and the {N_DEAD} dead since counted, the {N_NEW} admitted since not)")  # fmt: skip
    print_target("target: the statistics of the whole tree < 10000 ms")
    if members_on != expected:
        raise SystemExit("the statistics do not reconcile with the member list")


if __name__ == "__main__":
    main()
