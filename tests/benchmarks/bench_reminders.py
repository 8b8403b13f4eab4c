"""Benchmark of the daily reminders (party.reminder, not a timed test).

Builds the 1,000-organisation tree and N members (``PARTY_BENCH_REMINDER_MEMBERS``,
default 50,000), each with an e-mail address, half of them reading Chinese; a branch
member assembly tomorrow in every branch (every member expected) and a notice to the
whole committee published three days ago, unread. Then measures, with wall time and
SQL query count, as the daily cron does (superuser):

* the reminders of each kind, found in one query each (``_collect``);
* the daily run: 50,000 digests of two reminders each, one e-mail each: the body
  rendered by the mail template's view once per language and distinct reminders (a
  branch's members share theirs) with each member's greeting filled in, written with
  their messages and mails in a few statements per batch of 2,000 (the process's CPU
  time printed beside it);
* the same run again (the digests of the day exist: nothing is sent).

Target on a 2-core machine: the daily digest for 50,000 members < 60 s, and a number
of queries that does not grow with the number of members (per batch of 2,000, not per
member). Run through ``bin/party bench``; nothing is committed (``PARTY_BENCH_KEEP=1``
keeps the tree and members for the next run; ``PARTY_BENCH_PROFILE=cumulative`` prints a
profile of the daily run).
"""

import datetime
import logging
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_reminder import ReminderRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    QUIET,
    build_tree,
    create_members,
    find_or_build,
    measure,
    member_vals,
    print_target,
)

N_MEMBERS = int(os.environ.get("PARTY_BENCH_REMINDER_MEMBERS", "50000"))
CODE = "REMIND"
REGION = 130102
DAY = datetime.date(2031, 5, 14)  # the digest's day: the meetings are the day after
MEETING_BATCH = 100


def build(env):
    rng = random.Random(2031)
    committee, generals, branches, groups = build_tree(
        env, CODE, "Reminder Bench Committee", "Reminder ", terms=False,
        context={"party_meeting_no_calendar": True},
    )  # fmt: skip
    today = datetime.date.today()

    def contact(index):
        return {
            "email": f"reminder.member.{index}@bench.example",
            "lang": "zh_CN" if index % 2 else "en_US",
        }

    vals = []
    for i in range(N_MEMBERS):
        values = member_vals(i, branches, groups, rng, REGION, today)
        values.update(contact(i))
        vals.append(values)
    members = create_members(env, vals)
    return committee, generals, branches, groups, members


def plan_meetings(env, branches):
    """A branch member assembly in every branch tomorrow at 10:00 in Shanghai (02:00
    UTC); its expected attendees are filled as in real use (every member)."""
    Meeting = env["party.meeting"].with_context(**QUIET, party_meeting_no_calendar=True)
    start = datetime.datetime.combine(DAY + datetime.timedelta(days=1), datetime.time(2))
    meetings = Meeting.browse()
    branch_list = list(branches)
    for index in range(0, len(branch_list), MEETING_BATCH):
        meetings |= Meeting.create(
            [
                {
                    "organization_id": branch.id,
                    "meeting_type": "branch_assembly",
                    "start": start,
                    "stop": start + datetime.timedelta(hours=2),
                    "location": f"{branch.name}, meeting room 2",
                }
                for branch in branch_list[index : index + MEETING_BATCH]
            ]
        )
        env.flush_all()
        env.invalidate_all()
    return meetings


def publish_notice(env, committee):
    notice = (
        env["party.notice"]
        .with_context(**QUIET)
        .create(
            {
                "title": "关于开展主题党日活动的通知",
                "body": "<p>Theme Party day on Friday.</p>",
                "organization_ids": [(6, 0, committee.ids)],
                "include_sub_organizations": True,
            }
        )
    )
    notice.action_publish()
    notice.write({"publish_date": datetime.datetime.combine(DAY - datetime.timedelta(days=3),
                                                           datetime.time(2))})  # fmt: skip
    return notice


def main():
    # the run's own line: how long the reminders, the digests and the messages took
    logging.getLogger("odoo.addons.party_branch.models.party_reminder").setLevel(logging.INFO)
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.lang"]._activate_lang("zh_CN")
        for module in ("party_branch", "party_life", "party_systems"):
            try:
                with cr.savepoint():
                    env["ir.module.module"]._load_module_terms([module], ["zh_CN"])
            except ValueError as error:  # a broken .po entry: the messages stay in English
                print(f"zh_CN terms of {module} not loaded: {error}")
        env.company.party_tz = "Asia/Shanghai"
        (committee, generals, branches, groups, members), found = find_or_build(
            env, CODE, build, size=N_MEMBERS
        )
        t1 = time.perf_counter()
        meetings = plan_meetings(env, branches)
        publish_notice(env, committee)
        env.flush_all()
        attendance = env["party.meeting.attendance"].search_count(
            [("meeting_id", "in", meetings.ids)]
        )
        print(
            f"planned {len(meetings)} meetings ({attendance} members expected) and published "
            f"one notice in {time.perf_counter() - t1:.1f} s"
        )

        Reminder = env["party.reminder"]
        Digest = env["party.reminder.digest"]
        kinds = env["party.reminder.kind"].search([])
        rows = []

        def collect():
            found = Reminder._collect(ReminderRun(env, DAY), kinds)
            return sum(len(items) for per_member in found.values()
                       for items in per_member.values())  # fmt: skip

        measure(env, "the reminders of every kind (one query per kind)", collect, rows)
        if os.environ.get("PARTY_BENCH_PROFILE"):
            import cProfile  # noqa: PLC0415
            import pstats  # noqa: PLC0415

            profile = cProfile.Profile()
            profile.enable()
        cpu = time.process_time()
        measure(env, f"the daily run ({N_MEMBERS} members, one e-mail each)",
                lambda: len(Reminder._run(DAY)), rows)  # fmt: skip
        cpu = time.process_time() - cpu
        if os.environ.get("PARTY_BENCH_PROFILE"):
            profile.disable()
            pstats.Stats(profile).sort_stats(os.environ["PARTY_BENCH_PROFILE"]).print_stats(45)
        digests = Digest.search([("date", "=", DAY), ("member_id", "in", members.ids)])
        mails = env["mail.mail"].search_count(
            [("model", "=", "party.reminder.digest"), ("res_id", "in", digests.ids)]
        )
        zh = digests.filtered(lambda d: d.lang == "zh_CN")[:1]
        sample = zh.message_id.subject if zh else ""
        measure(env, "the same run again (nothing more sent)",
                lambda: len(Reminder._run(DAY)), rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print(f"\n{len(digests)} digests of the bench's members, {mails} e-mails queued; "
          f"a Chinese subject: {sample}")  # fmt: skip
    print(
        f"process CPU of the daily run: {cpu:.1f} s (the rest of its wall time: the "
        "database, or waiting for a CPU on a busy machine)"
    )
    print_target("target: the daily digest for 50,000 members < 60000 ms; queries per batch of "
          "2,000 members, not per member")  # fmt: skip


if __name__ == "__main__":
    main()
