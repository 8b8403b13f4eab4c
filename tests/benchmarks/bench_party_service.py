"""Benchmark of party_service at enterprise-group scale (not a timed test).

Builds 1,000 organisations (1 committee, 10 general branches, 830 branches,
159 Party groups), 50,000 members, a year of meetings (a quarterly branch
assembly of every branch with its expected attendees, 90 % present), a year of
dues (12 monthly runs, 80 % of the rows paid), and 20,000 service requests
(routed, assigned to members, 70 % resolved and half of those rated, some
overdue), or finds the tree an earlier run kept (``PARTY_BENCH_KEEP=1``). Then measures, with wall time and SQL query count:

* scoring a yearly assessment of the committee: every member of the tree; then
  again with nothing changed (no line written), and after a weight change (every
  line updated in place);
* the facts alone (one grouped query per source);
* an officer's request list (the list view's fields, first page) and the
  overdue filter.

Targets: scoring < 20 s with a number of queries per batch of lines, not per
member; the officer's request list < 200 ms. Run through ``bin/party bench``;
nothing is committed.
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
    find_or_build,
    measure,
    member_vals,
    print_target,
)
from _builder import QUIET as BUILD_QUIET  # noqa: E402

N_MEMBERS = 50_000
CODE = "SVC"
N_REQUESTS = 20_000
BATCH = 2000
QUIET = {**BUILD_QUIET, "party_meeting_no_calendar": True}
LIST_FIELDS = [
    "number", "name", "category_id", "party_organization_id", "party_member_id",
    "party_community", "party_deadline", "party_state", "party_rating", "party_overdue",
]  # fmt: skip


def _income(rng):
    return {"income_category": "salaried", "dues_base": rng.choice([2500, 4000, 8000, 12000])}


def build(env, year, rng):
    committee, generals, branches, groups = build_tree(
        env, CODE, "Service Bench Committee", "SV ", terms=False, joint_branches=False,
        context=QUIET,
    )  # fmt: skip
    today = datetime.date.today()
    members = create_members(
        env,
        [
            member_vals(i, branches, groups, rng, 110108, today, extra=_income)
            for i in range(N_MEMBERS)
        ],
    )
    # a quarterly branch assembly of every branch, its members expected, 90 % present
    Meeting = env["party.meeting"].with_context(**QUIET)
    vals = [
        {
            "organization_id": branch.id,
            "meeting_type": "branch_assembly",
            "start": datetime.datetime(year, month, 20, 9),
            "stop": datetime.datetime(year, month, 20, 11),
        }
        for branch in branches
        for month in (1, 4, 7, 10)
    ]
    meetings = Meeting.browse()
    for start in range(0, len(vals), BATCH):
        meetings |= Meeting.create(vals[start : start + BATCH])
        env.flush_all()
        env.invalidate_all()
    env.cr.execute(
        SQL(
            """UPDATE party_meeting_attendance SET state = CASE WHEN random() < 0.9
                      THEN 'present' ELSE 'absent' END, meeting_state = 'held'
                WHERE meeting_id = ANY(%s)""",
            meetings.ids,
        )
    )
    env.cr.execute(SQL("UPDATE party_meeting SET state = 'held' WHERE id = ANY(%s)", meetings.ids))
    # a year of dues, 80 % of the rows paid in their month (no payment lines: on time)
    env.company.party_dues_lock_date = False
    Dues = env["party.dues"].with_context(**QUIET)
    for month in range(1, 13):
        Dues.generate(datetime.date(year, month, 1), organizations=committee)
        env.flush_all()
        env.invalidate_all()
    env.cr.execute(
        SQL(
            """UPDATE party_dues SET paid_amount = amount, state = 'paid'
                WHERE member_id = ANY(%s) AND random() < 0.8""",
            members.ids,
        )
    )
    # 20,000 requests of the branches, assigned to their members
    category = env["helpdesk.ticket.category"].create(
        {"name": "Service Bench", "party_deadline_hours": 48}
    )
    by_branch = {}
    for member in members:
        by_branch.setdefault(member.organization_id.id, []).append(member.id)
    Ticket = env["helpdesk.ticket"].with_context(**QUIET)
    tickets = Ticket.browse()
    vals = []
    for i in range(N_REQUESTS):
        branch = branches[i % N_BRANCHES]
        received = datetime.datetime(year, 1, 1) + datetime.timedelta(hours=rng.randrange(8700))
        vals.append(
            {
                "name": f"SV request {i:05d}",
                "description": "<p>Help</p>",
                "category_id": category.id,
                "party_organization_id": branch.id,
                "party_member_id": rng.choice(by_branch[branch.id]),
                "party_received_at": received,
            }
        )
    for start in range(0, len(vals), BATCH):
        tickets |= Ticket.create(vals[start : start + BATCH])
        env.flush_all()
        env.invalidate_all()
    env.cr.execute(
        SQL(
            """UPDATE helpdesk_ticket
                  SET party_resolved_at = party_received_at
                        + (random() * interval '72 hours'),
                      party_state = 'resolved'
                WHERE id = ANY(%s) AND random() < 0.7""",
            tickets.ids,
        )
    )
    env.cr.execute(
        SQL(
            """UPDATE helpdesk_ticket SET party_rating = 1 + floor(random() * 5),
                      party_rated_at = party_resolved_at, party_state = 'rated'
                WHERE id = ANY(%s) AND party_resolved_at IS NOT NULL AND random() < 0.5""",
            tickets.ids,
        )
    )
    env.invalidate_all()
    return committee, generals, branches, groups, members


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    rng = random.Random(2026)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        (committee, __, branches, __, members), __ = find_or_build(
            env, CODE, lambda env: build(env, year, rng), size=N_MEMBERS
        )  # with a year of meetings and dues and the requests
        rows = []
        date_from, date_to = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        Line = env["party.assessment.line"]
        cpu = time.process_time()
        measure(env, "facts of the year, all members (members with facts)",
                lambda: len(Line._facts(members, date_from, date_to)), rows)  # fmt: skip
        print(f"process CPU of the facts: {time.process_time() - cpu:.1f} s")
        assessment = env["party.assessment"].create(
            {"name": f"Service {year}", "organization_id": committee.id,
             "date_from": date_from, "date_to": date_to}
        )  # fmt: skip

        def score():
            changes = assessment._score()
            return changes["inserted"] + changes["updated"] + changes["deleted"]

        cpu = time.process_time()
        measure(env, "scoring the year for every member (lines written)", score, rows)
        print(f"process CPU of the scoring: {time.process_time() - cpu:.1f} s")
        cpu = time.process_time()
        measure(env, "scoring again, nothing changed (lines written)", score, rows)
        print(f"process CPU of the scoring again: {time.process_time() - cpu:.1f} s")
        rule = env.ref("party_service.assessment_rule_meeting")
        rule.points += 1
        measure(env, "scoring after a weight change (lines written)", score, rows)

        officer = env["res.users"].with_context(no_reset_password=True).create(
            {"name": "SV Officer", "login": "sv_bench_officer",
             "groups_id": [(6, 0, [env.ref("party_branch.group_party_officer").id])]}
        )  # fmt: skip
        secretary = env["party.member"].create(
            {"name": "SV Officer", "organization_id": branches[0].id, "member_category": "full",
             "join_date": "2010-01-01", "full_date": "2011-01-01", "user_id": officer.id}
        )  # fmt: skip
        env["party.position"].create(
            {"organization_id": branches[0].id, "member_id": secretary.id,
             "position_type_id": env.ref("party_branch.position_type_secretary").id,
             "date_start": "2024-01-01"}
        )  # fmt: skip
        env.flush_all()
        Officer = env(user=officer.id)["helpdesk.ticket"]
        domain = [("party_organization_id", "!=", False)]
        measure(env, "officer's request list, first page (rows)",
                lambda: len(Officer.search_read(domain, LIST_FIELDS, limit=80)), rows)  # fmt: skip
        measure(env, "officer's overdue requests (rows)",
                lambda: len(Officer.search_read(domain + [("party_overdue", "=", True)],
                                                LIST_FIELDS, limit=80)), rows)  # fmt: skip
        Admin = env(user=env.ref("base.user_admin").id)["helpdesk.ticket"]
        measure(env, "administrator's request list over 20,000 (rows)",
                lambda: len(Admin.search_read(domain, LIST_FIELDS, limit=80)), rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print_target("targets: scoring < 20000 ms with queries per batch, not per member; "
          "officer's request list < 200 ms")  # fmt: skip


if __name__ == "__main__":
    main()
