"""Benchmark of notices with read receipts (party_branch, not a timed test).

Builds the 1,000-organisation tree and N members (``PARTY_BENCH_NOTICE_MEMBERS``,
default 50,000) in the benchmark database, then measures, with wall time and SQL
query count, as an officer of the Party committee (record rules applied):

* publishing a notice to the whole committee with its sub-organisations: one
  receipt per member, written by one ``INSERT ... SELECT``;
* publishing a notice to one general branch without its sub-organisations, and
  one with them (the query count does not depend on the number of members);
* the notice form's counts (addressed, read, unread, acknowledged) for the big notice;
* a member opening the notice (their own receipt, first opening).

Target on a 2-core machine: publishing to 50,000 members < 5 s. Run through
``bin/party bench``; nothing is committed.
"""

import datetime
import os
import random
import sys
from pathlib import Path

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    QUIET,
    build_tree,
    create_members,
    find_or_build,
    measure,
    member_vals,
    new_user,
    officer_of,
    print_target,
)

N_MEMBERS = int(os.environ.get("PARTY_BENCH_NOTICE_MEMBERS", "50000"))
CODE = "NOTICE"
REGION = 120101


def build(env):
    rng = random.Random(23)
    committee, generals, branches, groups = build_tree(
        env, CODE, "Notice Bench Committee", "Notice ", terms=False
    )
    today = datetime.date.today()
    members = create_members(
        env, [member_vals(i, branches, groups, rng, REGION, today) for i in range(N_MEMBERS)]
    )
    return committee, generals, branches, groups, members


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        (committee, generals, branches, groups, members), found = find_or_build(
            env, CODE, build, size=N_MEMBERS
        )
        officer = officer_of(env, committee, members[3], "bench_notice_officer")
        reader = new_user(
            env, "bench_notice_reader", "base.group_portal,party_branch.group_party_member"
        )
        members[11].user_id = reader
        env["res.users"].invalidate_model(["party_managed_organization_ids"])
        env.flush_all()

        Notice = env["party.notice"].with_user(officer).with_context(**QUIET)
        big = Notice.create(
            {
                "title": "To every member",
                "body": "<p>Study session on Friday.</p>",
                "organization_ids": [(6, 0, committee.ids)],
                "include_sub_organizations": True,
                "ack_required": True,
            }
        )
        general_only = Notice.create(
            {"title": "To one general branch", "organization_ids": [(6, 0, generals[1].ids)],
             "include_sub_organizations": False}
        )  # fmt: skip
        general_tree = Notice.create(
            {"title": "To one general branch and below",
             "organization_ids": [(6, 0, generals[1].ids)]}
        )  # fmt: skip
        env.flush_all()

        rows = []
        measure(env, f"publish to the committee and below ({N_MEMBERS} members)",
                lambda: big.action_publish() and big.addressed_count, rows)  # fmt: skip
        measure(env, "publish to one general branch (without sub-organisations)",
                lambda: general_only.action_publish() and general_only.addressed_count, rows)  # fmt: skip
        measure(env, "publish to one general branch and below",
                lambda: general_tree.action_publish() and general_tree.addressed_count, rows)  # fmt: skip
        measure(env, "notice counts (addressed, read, unread, acknowledged)",
                lambda: big.read(["addressed_count", "read_count", "unread_count",
                                  "acknowledged_count"])[0]["unread_count"], rows)  # fmt: skip
        as_reader = big.with_user(reader)
        measure(env, "a member opens the notice (first opening)",
                lambda: as_reader.action_mark_opened() and big.read_count, rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print_target("\ntarget: publishing to 50,000 members < 5000 ms; queries independent of the "
          "number of members")  # fmt: skip


if __name__ == "__main__":
    main()
