"""The member's home, ``/my/party`` (issue 23, item 2). Not a timed test: it prints
the server time and the SQL query count of the page.

The page is served by Odoo's own WSGI application in this process (werkzeug's test
client, the registry in test mode on the benchmark's cursor, as Odoo's HttpCase does),
so the time is the server's: routing, session, every block of every installed addon
and the QWeb rendering of the portal layout, without the network. Measured:

* the demo member (login ``member``): the first request (templates compiled) and the
  median of warm requests;
* a member with one meeting, one month of dues, one receipt and one notice, then the
  same member with ``PARTY_BENCH_HOME_RECORDS`` (default 200) of each: the query count
  does not grow with them.

Target: under 300 ms of server time with a fixed query count. Runs on the demo
database (``bin/party bench``); nothing is committed.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

from werkzeug.test import Client
from werkzeug.wrappers import Response

import odoo
from odoo import api, fields, http
from odoo.service import security

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import QUIET, emit, print_target  # noqa: E402

N_RECORDS = int(os.environ.get("PARTY_BENCH_HOME_RECORDS", "200"))
WARM_RUNS = 7
CONTEXT = {**QUIET, "party_meeting_no_calendar": True}


def session_cookie(env, user):
    """A session of ``user``, saved in Odoo's session store (as HttpCase.authenticate)."""
    session = http.root.session_store.new()
    session.update(http.get_default_session(), db=env.cr.dbname)
    user_env = env(user=user)
    session.uid = user.id
    session.login = user.login
    session.session_token = security.compute_session_token(session, user_env)
    session.context = dict(user_env["res.users"].context_get())
    http.root.session_store.save(session)
    return f"session_id={session.sid}"


def home(env, client, cookie, url="/my/party"):
    """One request: (seconds, CPU seconds of the server's thread, queries, status)."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.thread_time()
    response = client.get(url, headers={"Cookie": cookie})
    elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    return elapsed, cpu, env.cr.sql_log_count - before, response.status_code


def warm(env, client, cookie, url="/my/party"):
    """The median of warm requests (wall and CPU time), their query count and status."""
    runs = [home(env, client, cookie, url) for _ in range(WARM_RUNS)]
    return (
        statistics.median(run[0] for run in runs),
        statistics.median(run[1] for run in runs),
        max(run[2] for run in runs),
        runs[-1][3],
    )


def add_records(env, member, user, first, count):
    """``count`` meetings of the member's organisation (half past, half to come), months
    of dues, receipts and notices, numbered from ``first``."""
    now = fields.Datetime.now().replace(microsecond=0)
    today = fields.Date.today()
    Meeting = env["party.meeting"].with_context(**CONTEXT)
    vals_list = []
    for i in range(first, first + count):
        start = now + datetime.timedelta(days=(i + 1) * (1 if i % 2 == 0 else -1))
        vals_list.append(
            {
                "name": f"Bench home meeting {i}",
                "organization_id": member.organization_id.id,
                "meeting_type": "theme_day",
                "start": start,
                "stop": start + datetime.timedelta(hours=2),
            }
        )
    Meeting.create(vals_list)
    Dues = env["party.dues"].with_context(**CONTEXT)
    month = today.replace(day=1)
    for i in range(first, first + count):
        period = (month - datetime.timedelta(days=31 * (i + 1))).replace(day=1)
        Dues.generate(period, members=member)
    env["party.dues.payment"].with_context(**CONTEXT).register_payments(
        [
            {
                "member_id": member.id,
                "amount": 1.0,
                "date": today,
                "method": "cash",
                "reference": f"BENCH-HOME-{i:05d}",
            }
            for i in range(first, first + count)
        ]
    )
    Notice = env["party.notice"].with_context(**CONTEXT)
    notices = Notice.create(
        [
            {
                "title": f"Bench home notice {i}",
                "body": "<p>Bench</p>",
                "organization_ids": [(6, 0, member.organization_id.ids)],
                "include_sub_organizations": False,
            }
            for i in range(first, first + count)
        ]
    )
    notices.action_publish()
    env.flush_all()


def bench_member(env):
    """A member of the demo member's branch with a portal login, paying dues."""
    demo = env.ref("party_branch.member_demo_member")
    user = (
        env["res.users"]
        .with_context(no_reset_password=True, **QUIET)
        .create(
            {
                "name": "Bench Home Member",
                "login": "bench_home_member",
                "tz": "Asia/Shanghai",
                "groups_id": [
                    (6, 0, [env.ref("base.group_portal").id,
                            env.ref("party_branch.group_party_member").id]),
                ],
            }
        )
    )  # fmt: skip
    member = (
        env["party.member"]
        .with_context(**CONTEXT)
        .create(
            {
                "name": "Bench Home Member",
                "organization_id": demo.organization_id.id,
                "member_category": "full",
                "join_date": "1990-01-01",
                "full_date": "1991-01-01",
                "income_category": "salaried",
                "dues_base": 6000,
                "user_id": user.id,
            }
        )
    )
    return member, user


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        demo_user = env.ref("party_branch.user_demo_member", raise_if_not_found=False)
        if not demo_user:
            print("the demo member is missing: run on a database with the suite's demo data")
            return
        # months of dues far back: the Party's close and Odoo's lock dates do not apply
        # to the benchmark's own rows (rolled back)
        env.company.write({"party_dues_lock_date": False})
        registry.enter_test_mode(cr)
        try:
            client = Client(http.root, Response, use_cookies=False)
            cookie = session_cookie(env, demo_user)
            rows.append(("demo member, first request (templates compiled)",
                         *home(env, client, cookie)))  # fmt: skip
            rows.append(("demo member, warm (median)", *warm(env, client, cookie)))
            home(env, client, cookie, "/my")
            rows.append(("for reference: /my, Odoo's portal home (median)",
                         *warm(env, client, cookie, "/my")))  # fmt: skip

            member, user = bench_member(env)
            cookie = session_cookie(env, user)
            add_records(env, member, user, 0, 1)
            home(env, client, cookie)
            rows.append(("1 meeting, month of dues, receipt, notice", *warm(env, client, cookie)))
            t0 = time.perf_counter()
            add_records(env, member, user, 1, N_RECORDS - 1)
            built = time.perf_counter() - t0
            home(env, client, cookie)
            rows.append((f"{N_RECORDS} of each", *warm(env, client, cookie)))
        finally:
            registry.leave_test_mode()
            cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n(records added in {built:.1f} s)")
    print(
        f"{'measurement':<{width}}  {'time (ms)':>10}  {'CPU (ms)':>9}  {'queries':>8}  "
        f"{'status':>6}"
    )
    for label, elapsed, cpu, queries, status in rows:
        print(
            f"{label:<{width}}  {elapsed * 1000:>10.1f}  {cpu * 1000:>9.1f}  {queries:>8}  "
            f"{status!s:>6}"
        )
        emit(label, round(elapsed, 4), "s", queries, cpu=round(cpu, 4))
    fixed = rows[-1][3] == rows[-2][3]
    print_target(
        f"\ntarget: < 300 ms of server time; query count fixed: {'yes' if fixed else 'NO'} "
        f"({rows[-2][3]} with one of each, {rows[-1][3]} with {N_RECORDS}). CPU: the "
        "server thread's own (Python), without PostgreSQL's; on a loaded machine the "
        "wall time grows, the CPU time much less."
    )


if __name__ == "__main__":
    main()
