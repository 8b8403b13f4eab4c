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

Target: < 5 s for the compliance pass, and a number of queries that does not
grow with the number of meetings or organisations (no query per meeting).
Run through ``bin/party bench``; nothing is committed.
"""

import datetime
import os
import random
import time

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_compliance import ComplianceRun

N_GENERAL = 10
N_BRANCHES = 830
N_GROUPS = 159
BATCH = 2000
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "party_meeting_no_calendar": True,
}


def measure(env, label, func, rows):
    env.invalidate_all()
    env.cr.flush()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    rows.append((label, elapsed, env.cr.sql_log_count - before, result))
    return result


def build(env, year):
    rng = random.Random(2024)
    Org = env["party.organization"].with_context(**QUIET)
    committee = Org.create(
        {"name": "Meeting Bench Committee", "code": "BMT-PC", "org_type": "committee"}
    )
    generals = Org.create(
        [
            {
                "name": f"MB General Branch {i:02d}",
                "code": f"BMT-GB{i:02d}",
                "org_type": "general_branch",
                "parent_id": committee.id,
            }
            for i in range(N_GENERAL)
        ]
    )
    branches = Org.create(
        [
            {
                "name": f"MB Branch {i:04d}",
                "code": f"BMT-B{i:04d}",
                "org_type": "branch",
                "parent_id": generals[i % N_GENERAL].id,
                "has_committee": i % 3 != 0,
            }
            for i in range(N_BRANCHES)
        ]
    )
    groups = Org.create(
        [
            {
                "name": f"MB Group {i:03d}",
                "code": f"BMT-G{i:03d}",
                "org_type": "group",
                "parent_id": branches[i].id,
            }
            for i in range(N_GROUPS)
        ]
    )
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
    print("targets: compliance pass < 5000 ms; queries independent of the number of meetings")


if __name__ == "__main__":
    main()
