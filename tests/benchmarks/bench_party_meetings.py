"""Benchmark of the party_life meetings (三会一课) at enterprise-group scale (not a timed test).

Builds 1,000 organisations (1 committee, 10 general branches, 830 branches,
159 Party groups) with two members per branch (the secretary and one member)
and a year of held meetings, about 40,000 of them, created in batches
(without calendar events; the expected attendees are filled as in real use).
About 5 % of the meetings are left out at random, so that the frequency
check finds gaps. Then measures, with wall time and SQL query count:

* ``party.compliance._meeting_gaps`` over the year for every organisation;
* the ``meeting_missing`` check alone;
* the full compliance pass (every check of every installed addon) over all
  organisations, first pass and daily re-run.

Targets (issue 27): the compliance pass < 2 s first and < 1 s on the re-run, and a
number of queries that does not grow with the number of meetings or
organisations (no query per meeting).
Run through ``bin/party bench``; nothing is committed.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_compliance import ComplianceRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    N_GROUPS,
    build_tree,
    measure,
    print_target,
)
from _builder import QUIET as BUILD_QUIET  # noqa: E402

BATCH = 2000
QUIET = {**BUILD_QUIET, "party_meeting_no_calendar": True}


def build(env, year):
    rng = random.Random(2024)
    committee, _generals, branches, groups = build_tree(
        env, "BMT", "Meeting Bench Committee", "MB ", terms=False, joint_branches=False,
        context=QUIET,
    )  # fmt: skip
    Member = env["party.member"].with_context(**QUIET)
    member_vals = []
    for i, branch in enumerate(branches):
        for k in range(2):
            member_vals.append(
                {
                    "name": f"MB Member {i:04d}-{k}",
                    "organization_id": branch.id,
                    "group_id": groups[i].id if i < N_GROUPS and k == 1 else False,
                    "member_category": "full",
                    "join_date": "2010-03-01",
                    "full_date": "2011-03-01",
                }
            )
    members = Member.create(member_vals)
    secretaries = members[0::2]
    secretary_type = env.ref("party_branch.position_type_secretary")
    env["party.position"].with_context(**QUIET).create(
        [
            {
                "organization_id": branch.id,
                "member_id": secretary.id,
                "position_type_id": secretary_type.id,
                "date_start": f"{year - 1}-01-01",
            }
            for branch, secretary in zip(branches, secretaries, strict=True)
        ]
    )

    def at(month, day, hour=9):
        return datetime.datetime(year, month, day, hour, 0)

    vals = []
    for i, branch in enumerate(branches):
        secretary = secretaries[i]
        for month in range(1, 13):
            vals.append((branch, "theme_day", at(month, 5), False))
            vals.append((branch, "committee_meeting", at(month, 8), False))
            # a lecture every month, the secretary's in October
            vals.append(
                (branch, "party_lecture", at(month, 15), secretary.id if month == 10 else False)
            )
            if month % 3 == 1:
                vals.append((branch, "branch_assembly", at(month, 20), False))
        vals.append((branch, "life_meeting", at(12, 10), False))
        vals.append((branch, "appraisal_meeting", at(12, 11), False))
    for group in groups:
        for month in range(1, 13):
            vals.append((group, "group_meeting", at(month, 3), False))
            vals.append((group, "group_meeting", at(month, 24), False))
    vals = [v for v in vals if rng.random() >= 0.05]
    Meeting = env["party.meeting"].with_context(**QUIET)
    count = 0
    for start in range(0, len(vals), BATCH):
        Meeting.create(
            [
                {
                    "organization_id": org.id,
                    "meeting_type": meeting_type,
                    "start": when,
                    "stop": when + datetime.timedelta(hours=2),
                    "state": "held",
                    "lecturer_id": lecturer,
                }
                for org, meeting_type, when, lecturer in vals[start : start + BATCH]
            ]
        )
        count += len(vals[start : start + BATCH])
        env.flush_all()
        env.invalidate_all()
    return committee, count


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        t0 = time.perf_counter()
        committee, count = build(env, year)
        env.flush_all()
        orgs = env["party.organization"].search([("id", "child_of", committee.id)])
        attendance = env["party.meeting.attendance"].search_count(
            [("organization_id", "in", orgs.ids)]
        )
        print(
            f"built {len(orgs)} organisations, {count} meetings and {attendance} attendance "
            f"rows in {time.perf_counter() - t0:.1f} s"
        )
        date_from, date_to = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        rows = []
        measure(env, f"_meeting_gaps over {year} (orgs with gaps)",
                lambda: len(env["party.compliance"]._meeting_gaps(orgs, date_from, date_to)), rows)  # fmt: skip
        measure(env, "meeting_missing check alone (breaches)",
                lambda: len(env["party.compliance"]._check_meeting_missing(orgs, ComplianceRun(orgs, date_to))), rows)  # fmt: skip

        def compliance():
            orgs.action_check_compliance(on_date=date_to)
            return env["party.finding"].search_count(
                [("organization_id", "in", orgs.ids), ("state", "=", "open")]
            )

        measure(env, "compliance pass, all checks, first (opens findings)", compliance, rows)
        measure(env, "compliance pass, all checks, daily re-run", compliance, rows)
        missing = env["party.finding"].search_count(
            [
                ("organization_id", "in", orgs.ids),
                ("state", "=", "open"),
                ("code", "=", "meeting_missing"),
            ]
        )
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print(f"\nopen meeting_missing findings: {missing}")
    print_target(
        "targets: compliance pass < 2000 ms first, < 1000 ms re-run; queries independent of "
        "the number of meetings"
    )


if __name__ == "__main__":
    main()
