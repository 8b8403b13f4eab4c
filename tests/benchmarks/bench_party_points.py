"""Benchmark of the nightly points run (党员积分) at enterprise-group scale.

Builds 1,000 organisations and 50,000 members, and a year of facts (last year) for
every source of the ledger (the suite's addons installed):

* meetings: 12 branch meetings of the year per branch (about 10,000), each member's
  attendance at them (present, by video call or absent: about 600,000 rows, 85 %
  attended), and a second meeting on the same day in March (the cap of the day);
* dues: the twelve months of every member (600,000 rows), 90 % paid within the month
  (a payment and its line each), the others due;
* Party courses: a course completed by 40 % of the members in the year (20,000
  enrolments, no dated content: the enrolment's day is the fact's);
* volunteer hours: 100 events, 50,000 registrations with hours;
* service requests: 20,000 resolved in the year.

The large sets are written with SQL (the run only reads them). Then measures, with
wall time and SQL query count:

* the nightly points of the year, first run (every fact new): every rule's
  ``INSERT … SELECT``, the summaries, ranks, grades and star levels;
* the same run again (nothing new: adds nothing, nothing reversed);
* the reversal pass alone on the full ledger (nothing to take back): what it adds to
  every run;
* the run after 1,000 attendances corrected to absent (1,000 meeting lines reversed,
  1,000 absences credited);
* the summaries, ranks and star levels alone.

For the first run and the run again, each phase (the reversal pass, each rule's
statement, the summaries, the rest) with its wall time and the CPU time of the
PostgreSQL backend (read from ``/proc``, when the server runs on this machine): the
figure to compare on a shared machine, where the wall time counts the other processes.

Target: the first run under 30 s, set-based (a number of queries that does not grow
with the number of members or facts). Run through ``bin/party bench`` (or
``/tmp/bench.sh NAME tests/benchmarks/bench_party_points.py`` in development);
nothing is committed unless ``PARTY_BENCH_KEEP=1``.
"""

import contextlib
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
    build_members,
    emit,
    find_tree,
    insert,
    insert_dues,
    measure,
    print_rows,
    print_target,
)

N_MEMBERS = 50_000
CODE = "BPTS"


def build(env, year, rng):
    tree = build_members(
        env, CODE, "Points Bench Committee", "PT ", 130101, rng, N_MEMBERS, {"dues_base": 3000}
    )
    env.flush_all()
    counts = build_facts(env, year, tree[2], tree[4])
    return *tree, counts


def build_facts(env, year, branches, members):
    company = env.company.id
    counts = {}
    # --- meetings: one a month per branch, and a second on the same day in March
    counts["meetings"] = insert(
        env,
        """
        INSERT INTO party_meeting (name, meeting_type, organization_id, company_id, start, stop,
                                   state, create_uid, write_uid, create_date, write_date)
        SELECT 'PT meeting', 'party_lecture', b, %(company)s,
               make_timestamp(%(year)s, k, 10, h, 0, 0), make_timestamp(%(year)s, k, 10, h + 1, 0, 0),
               'held', 1, 1, now(), now()
          FROM unnest(%(ids)s) b, generate_series(1, 12) k,
               LATERAL (SELECT 9 AS h UNION ALL SELECT 14 WHERE k = 3) x
        """,
        company=company,
        year=year,
        ids=branches.ids,
    )
    counts["attendances"] = insert(
        env,
        """
        INSERT INTO party_meeting_attendance (meeting_id, member_id, state, meeting_start,
                                              meeting_state, create_uid, write_uid,
                                              create_date, write_date)
        SELECT mt.id, m.id,
               CASE WHEN mod(m.id + mt.id, 20) < 15 THEN 'present'
                    WHEN mod(m.id + mt.id, 20) < 17 THEN 'remote' ELSE 'absent' END,
               mt.start, 'held', 1, 1, now(), now()
          FROM party_meeting mt JOIN party_member m ON m.organization_id = mt.organization_id
         WHERE mt.name = 'PT meeting' AND m.id = ANY(%(members)s)
        """,
        members=members.ids,
    )
    # --- dues: twelve months, 90 % paid within the month
    counts["dues"] = insert_dues(env, year, members, (1, 12), "mod(m.id + k, 10) = 0")
    insert(
        env,
        """
        INSERT INTO party_dues_payment (name, member_id, organization_id, company_id, date,
                                        method, amount, state, create_uid, write_uid,
                                        create_date, write_date)
        SELECT 'PT/' || d.id, d.member_id, d.organization_id, %(company)s, d.period + 14,
               'cash', 30, 'posted', 1, 1, now(), now()
          FROM party_dues d
         WHERE d.member_id = ANY(%(members)s) AND d.state = 'paid'
        """,
        company=company,
        members=members.ids,
    )
    insert(
        env,
        """
        INSERT INTO party_dues_payment_line (payment_id, dues_id, amount)
        SELECT p.id, substr(p.name, 4)::int, 30
          FROM party_dues_payment p WHERE left(p.name, 3) = 'PT/'
        """,
    )
    # --- a Party course completed by 40 % of the members
    course = env["slide.channel"].create({"name": "PT Party course", "is_party_course": True})
    counts["courses"] = insert(
        env,
        """
        INSERT INTO slide_channel_partner (channel_id, partner_id, member_status, completion,
                                           active, create_uid, write_uid, create_date,
                                           write_date)
        SELECT %(course)s, m.partner_id, 'completed', 100, TRUE, 1, 1, day, day
          FROM party_member m,
               LATERAL (SELECT make_timestamp(%(year)s, 1 + mod(m.id, 12), 1 + mod(m.id, 27),
                                              10, 0, 0) AS day) d
         WHERE m.id = ANY(%(members)s) AND mod(m.id, 5) < 2
        """,
        # enrolled and completed in the year (a course without dated contents: the
        # enrolment's day is the fact's)
        year=year,
        course=course.id,
        members=members.ids,
    )
    # --- volunteer hours: 100 events, one registration a member
    insert(
        env,
        """
        INSERT INTO event_event (name, date_tz, badge_format, seats_limited, date_begin,
                                 date_end, party_organization_id, create_uid, write_uid,
                                 create_date, write_date)
        SELECT jsonb_build_object('en_US', 'PT event ' || n), 'UTC', 'A6', FALSE,
               make_timestamp(%(year)s, 1 + mod(n, 12), 1 + mod(n, 27), 1, 0, 0),
               make_timestamp(%(year)s, 1 + mod(n, 12), 1 + mod(n, 27), 9, 0, 0),
               (%(ids)s)[1 + n], 1, 1, now(), now()
          FROM generate_series(0, 99) n
        """,
        year=year,
        ids=branches.ids,
    )
    counts["registrations"] = insert(
        env,
        """
        INSERT INTO event_registration (event_id, party_member_id, partner_id, party_hours,
                                        state, create_uid, write_uid, create_date, write_date)
        SELECT e.id, m.id, m.partner_id, 2 + mod(m.id, 5), 'done', 1, 1, now(), now()
          FROM party_member m
          JOIN LATERAL (SELECT id FROM event_event WHERE name->>'en_US' = 'PT event '
                        || mod(m.id, 100)) e ON TRUE
         WHERE m.id = ANY(%(members)s)
        """,
        members=members.ids,
    )
    # --- 20,000 service requests resolved in the year
    counts["requests"] = insert(
        env,
        """
        INSERT INTO helpdesk_ticket (name, description, company_id, party_organization_id,
                                     party_member_id, party_received_at, party_resolved_at,
                                     active, create_uid, write_uid, create_date, write_date)
        SELECT 'PT request', '<p>Help</p>', %(company)s, m.organization_id, m.id,
               make_timestamp(%(year)s, 1, 1, 8, 0, 0) + mod(m.id, 360) * interval '1 day',
               make_timestamp(%(year)s, 1, 2, 8, 0, 0) + mod(m.id, 360) * interval '1 day',
               TRUE, 1, 1, now(), now()
          FROM party_member m
         WHERE m.id = ANY(%(members)s) AND mod(m.id, 5) < 2
        """,
        company=company,
        year=year,
        members=members.ids,
    )
    # the planner's figures, as the nightly autovacuum keeps them in production
    env.cr.execute(
        "ANALYZE party_member, party_meeting, party_meeting_attendance, party_dues, "
        "party_dues_payment, party_dues_payment_line, slide_channel_partner, "
        "slide_slide_partner, event_event, event_registration, helpdesk_ticket"
    )
    return counts


def backend_cpu(env):
    """The CPU time (s) the PostgreSQL backend of ``env``'s cursor has used: the figure
    that matters on a shared machine (the wall time counts the other processes)."""
    env.cr.execute("SELECT pg_backend_pid()")
    try:
        fields = Path(f"/proc/{env.cr.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a database server on another machine
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def phases(env, title):
    """Time each phase of the points runs made inside: the reversal pass, each rule's
    statement, the summaries; the rest (ANALYZE, flushes) as "other". Yields the
    table {phase: [wall s, backend CPU s, lines]}, filled when the block ends."""
    Point = type(env["party.point"])
    table = {}
    originals = {}

    def timed(name, label):
        original = getattr(Point, name)
        originals[name] = original

        def wrapper(self, *args, **kwargs):
            wall, cpu = time.perf_counter(), backend_cpu(env)
            result = original(self, *args, **kwargs)
            key = label(args)
            row = table.setdefault(key, [0.0, 0.0, 0])
            row[0] += time.perf_counter() - wall
            row[1] += backend_cpu(env) - cpu
            row[2] += result if isinstance(result, int) else 0
            return result

        setattr(Point, name, wrapper)

    timed("_party_points_reverse", lambda args: "reversal pass")
    timed("_party_points_rule", lambda args: f"rule {args[0].code}")
    timed("_party_points_summarise", lambda args: "summaries, ranks, stars")
    wall, cpu = time.perf_counter(), backend_cpu(env)
    try:
        yield table
    finally:
        for name, original in originals.items():
            setattr(Point, name, original)
        total = [time.perf_counter() - wall, backend_cpu(env) - cpu]
        table["other (ANALYZE, flushes)"] = [
            total[0] - sum(r[0] for r in table.values()),
            total[1] - sum(r[1] for r in table.values()),
            "",
        ]
        table["total"] = [*total, ""]
        for phase, (w, c, lines) in table.items():
            emit(f"{title}: {phase}", round(w, 4), "s", None, cpu_s=round(c, 4),
                 records=lines if isinstance(lines, int) else None)  # fmt: skip


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    rng = random.Random(26)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        t0 = time.perf_counter()
        kept = find_tree(env, CODE)
        counts = {}
        if kept:  # kept from an earlier run (PARTY_BENCH_KEEP=1)
            committee, generals, branches, groups, members = kept
            verb = "found"
        else:
            committee, generals, branches, groups, members, counts = build(env, year, rng)
            verb = "built"
        env.flush_all()
        print(
            f"{verb} {len(committee | generals | branches | groups)} organisations, "
            f"{len(members)} members and a year of facts in {time.perf_counter() - t0:.1f} s "
            f"({', '.join(f'{k} {v}' for k, v in counts.items())})"
        )
        if os.environ.get("PARTY_BENCH_KEEP") and verb == "built":
            cr.commit()
        Point = env["party.point"].sudo()
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        rows = []

        def run():
            return sum(Point._party_points_run(first, last).values())

        with phases(env, "first run") as breakdown:
            measure(env, "nightly points of the year, first run", run, rows)
        with phases(env, "again") as breakdown_again:
            measure(env, "nightly points of the year, again (adds nothing)", run, rows)
        sources = Point._party_point_sources()
        measure(env, "reversal pass alone, full ledger (nothing to take back)",
                lambda: Point._party_points_reverse(sources, first, last), rows)  # fmt: skip
        cr.execute(
            SQL(
                """UPDATE party_meeting_attendance SET state = 'absent'
                    WHERE id IN (SELECT id FROM party_meeting_attendance
                                  WHERE member_id = ANY(%s) AND state = 'present'
                                  ORDER BY id LIMIT 1000)""",
                members.ids,
            )
        )
        measure(env, "the run after 1,000 attendances corrected to absent (lines written)",
                run, rows)  # fmt: skip
        cr.execute(
            SQL(
                "SELECT COUNT(*) FROM party_point WHERE reverses_line IS NOT NULL "
                "AND member_id = ANY(%s)",
                members.ids,
            )
        )
        reversed_count = cr.fetchone()[0]
        measure(env, "summaries, ranks, grades and star levels alone",
                lambda: Point._party_points_summarise([year]) or 0, rows)  # fmt: skip
        cr.execute(
            SQL(
                "SELECT source, COUNT(*), SUM(points) FROM party_point p "
                "JOIN party_member m ON m.id = p.member_id WHERE m.id = ANY(%s) "
                "GROUP BY source ORDER BY source",
                members.ids,
            )
        )
        by_source = cr.fetchall()
        cr.execute(
            SQL(
                "SELECT stars, COUNT(*) FROM party_point_star WHERE organization_id = ANY(%s) "
                "AND year = %s GROUP BY stars ORDER BY stars",
                branches.ids,
                year,
            )
        )
        stars = cr.fetchall()
        cr.rollback()

    print_rows(rows)
    for title, table in (("first run", breakdown), ("again", breakdown_again)):
        print(f"\n{title}, by phase: wall ms, PostgreSQL backend CPU ms, lines")
        for phase, (wall, cpu, lines) in table.items():
            print(f"  {phase:<32} {wall * 1000:>9.1f} {cpu * 1000:>9.1f} {lines!s:>9}")
    print("\nlines by source: " + ", ".join(f"{s} {n} ({p} points)" for s, n, p in by_source))
    print("branches by stars: " + ", ".join(f"{s}★ {n}" for s, n in stars))
    print(f"reversal lines written after the 1,000 corrections: {reversed_count}")
    print_target("target: the first run < 30000 ms; queries independent of the number of members "
          "and facts")  # fmt: skip


if __name__ == "__main__":
    main()
