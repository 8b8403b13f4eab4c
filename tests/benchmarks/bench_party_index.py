"""Benchmark of the Five Modernizations index (五化指数) at enterprise-group scale.

Builds 1,000 organisations (1 committee, 10 general branches, 830 branches, 159 Party
groups) and 50,000 members, and the facts of every dimension for the third quarter
of last year (the suite's five addons installed):

* standardisation: positions (a vacancy in every 7th branch), terms, member files,
  open breaches (the compliance pass);
* normalisation: about 15,000 held meetings (theme days, assemblies and lectures of
  the quarter, 10 % left out), the dues of the quarter's months for every member
  (150,000 rows) and their payments, about 20,000 course completions;
* refinement: 3,000 service requests (deadlines, resolutions, ratings), an assessment
  of the quarter, a pairing per branch with its visits;
* systematisation: 3 regulations of required reading and about 100,000
  acknowledgements, 2 resolutions and 1 disclosure per branch, the secretaries'
  reports;
* venues: 100 venues with an inspection and bookings, 20 projects.

The large sets are written with SQL (the index only reads them). Then measures, with
wall time and SQL query count:

* the index of the quarter for the whole tree (every dimension, first computation),
  and the same computed again (the nightly run);
* each dimension's facts alone;
* the index of a month and of the year;
* a general-branch officer computing their subtree through ``action_compute``.

Target: the index of the tree under 5 s, and a number of queries that does not grow
with the number of organisations or members. Run through ``bin/party bench`` (or
``/tmp/bench.sh NAME tests/benchmarks/bench_party_index.py`` in development);
nothing is committed unless ``PARTY_BENCH_KEEP=1``.
"""

import datetime
import os
import random
import sys
from pathlib import Path

import odoo
from odoo import api
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_index import IndexRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    N_BRANCHES,
    QUIET,
    build_tree,
    create_members,
    find_or_build,
    insert_dues,
    measure,
    member_vals,
    new_user,
    print_target,
)

N_MEMBERS = 50_000
CODE = "BIDX"


def insert(env, query, **params):
    env.cr.execute(SQL(query, **params))


def build(env, year, rng):
    committee, generals, branches, groups = build_tree(env, CODE, "Index Bench Committee", "IX ")
    today = datetime.date.today()
    members = create_members(
        env,
        [
            {**member_vals(i, branches, groups, rng, 120101, today), "dues_base": 3000}
            for i in range(N_MEMBERS)
        ],
    )
    types = {t.code: t for t in env["party.position.type"].search([])}
    first = {}
    for member in members[: N_BRANCHES * 5]:
        first.setdefault(member.organization_id.id, []).append(member.id)
    positions = []
    for n, branch in enumerate(branches):
        codes = ["secretary", "organization", "propaganda", "discipline"]
        if n % 7 == 0:
            codes.remove("propaganda")
        positions += [
            {"organization_id": branch.id, "member_id": member_id,
             "position_type_id": types[code].id, "date_start": "2022-01-01"}
            for code, member_id in zip(codes, first[branch.id], strict=False)
        ]  # fmt: skip
    env["party.position"].with_context(**QUIET).create(positions)
    env.flush_all()
    build_facts(env, year, committee, branches, members)
    return committee, generals, branches, groups, members


def build_facts(env, year, committee, branches, members):  # noqa: PLR0915
    q_start = datetime.date(year, 7, 1)
    ids = branches.ids
    company = env.company.id
    # --- normalisation: meetings of the quarter (10 % left out), attendance counts
    insert(
        env,
        """
        INSERT INTO party_meeting (name, meeting_type, organization_id, company_id, start, stop,
                                   state, expected_count, present_count, attendance_rate,
                                   create_uid, write_uid, create_date, write_date)
        SELECT 'IX meeting', t.kind, b.id, b.company_id,
               make_timestamp(%(year)s, t.month, 10 + t.n, 9, 0, 0),
               make_timestamp(%(year)s, t.month, 10 + t.n, 11, 0, 0),
               'held', c.n, (c.n * (0.7 + random() * 0.3))::int, 0, 1, 1, now(), now()
          FROM party_organization b
          JOIN (SELECT organization_id, COUNT(*) n FROM party_member
                 GROUP BY organization_id) c ON c.organization_id = b.id
          CROSS JOIN (VALUES ('theme_day', 7, 0), ('theme_day', 8, 0), ('theme_day', 9, 0),
                             ('branch_assembly', 8, 1), ('party_lecture', 9, 2),
                             ('committee_meeting', 7, 3), ('committee_meeting', 8, 3),
                             ('committee_meeting', 9, 3)) AS t(kind, month, n)
         WHERE b.id = ANY(%(ids)s) AND random() < 0.9
        """,
        year=year,
        ids=ids,
    )
    # --- normalisation: the dues of the quarter's months, paid by 90 % of the members
    # (80 % within the quarter, 10 % after it)
    insert_dues(env, year, members, (7, 9), "mod(m.id, 10) = 0")
    insert(
        env,
        """
        INSERT INTO party_dues_payment (name, member_id, organization_id, company_id, date,
                                        method, amount, state, create_uid, write_uid,
                                        create_date, write_date)
        SELECT 'IX/' || m.id, m.id, m.organization_id, %(company)s,
               CASE WHEN mod(m.id, 10) = 1 THEN make_date(%(year)s, 10, 15)
                    ELSE make_date(%(year)s, 9, 20) END,
               'cash', 90, 'posted', 1, 1, now(), now()
          FROM party_member m
         WHERE m.id = ANY(%(members)s) AND mod(m.id, 10) != 0
        """,
        company=company,
        year=year,
        members=members.ids,
    )
    insert(
        env,
        """
        INSERT INTO party_dues_payment_line (payment_id, dues_id, amount)
        SELECT p.id, d.id, 30
          FROM party_dues_payment p JOIN party_dues d ON d.member_id = p.member_id
         WHERE left(p.name, 3) = 'IX/' AND d.period >= %(start)s
        """,
        start=q_start,
    )
    # --- normalisation: a Party course, completed by 40 % of the members
    course = env["slide.channel"].create({"name": "IX Party course", "is_party_course": True})
    slides = env["slide.slide"].create(
        [{"name": f"IX lesson {k}", "channel_id": course.id, "slide_category": "article",
          "html_content": "<p>Lesson</p>", "completion_time": 2.0, "is_published": True}
         for k in range(4)]
    )  # fmt: skip
    insert(
        env,
        """
        INSERT INTO slide_slide_partner (slide_id, channel_id, partner_id, completed,
                                         completed_date, create_uid, write_uid, create_date,
                                         write_date)
        SELECT s, %(course)s, m.partner_id, TRUE, make_date(%(year)s, 8, 1 + mod(m.id, 28)),
               1, 1, now(), now()
          FROM party_member m, unnest(%(slides)s) s
         WHERE m.id = ANY(%(members)s) AND mod(m.id, 5) < 2
        """,
        course=course.id,
        year=year,
        slides=slides.ids,
        members=members.ids,
    )
    # --- refinement: 3,000 requests of the quarter, an assessment, pairings and visits
    insert(
        env,
        """
        INSERT INTO helpdesk_ticket (name, description, company_id, party_organization_id,
                                     party_received_at, party_deadline, party_resolved_at,
                                     party_rating, party_rated_at, active, create_uid,
                                     write_uid, create_date, write_date)
        SELECT 'IX request', '<p>Help</p>', %(company)s, b,
               make_timestamp(%(year)s, 7, 1, 8, 0, 0) + (mod(n, 88)) * interval '1 day',
               make_timestamp(%(year)s, 7, 4, 8, 0, 0) + (mod(n, 88)) * interval '1 day',
               CASE WHEN mod(n, 10) < 8 THEN make_timestamp(%(year)s, 7, 2, 8, 0, 0)
                                          + (mod(n, 88)) * interval '1 day'
                    WHEN mod(n, 10) = 8 THEN make_timestamp(%(year)s, 7, 6, 8, 0, 0)
                                          + (mod(n, 88)) * interval '1 day' END,
               CASE WHEN mod(n, 10) < 6 THEN 3 + mod(n, 3) END,
               CASE WHEN mod(n, 10) < 6 THEN make_timestamp(%(year)s, 7, 3, 8, 0, 0)
                                          + (mod(n, 88)) * interval '1 day' END,
               TRUE, 1, 1, now(), now()
          FROM generate_series(0, 2999) n,
               LATERAL (SELECT (%(ids)s)[1 + mod(n, %(count)s)] b) x
        """,
        company=company,
        year=year,
        ids=ids,
        count=len(ids),
    )
    assessment = env["party.assessment"].create(
        {"name": "IX assessment", "organization_id": committee.id,
         "date_from": q_start, "date_to": datetime.date(year, 9, 30)}
    )  # fmt: skip
    insert(
        env,
        """
        INSERT INTO party_assessment_line (assessment_id, member_id, organization_id,
                                           create_uid, write_uid, create_date, write_date)
        SELECT %(assessment)s, m.id, m.organization_id, 1, 1, now(), now()
          FROM party_member m WHERE m.id = ANY(%(members)s) AND mod(m.id, 4) != 0
        """,
        assessment=assessment.id,
        members=members.ids,
    )
    by_branch = {}
    for member in members:
        by_branch.setdefault(member.organization_id.id, member.id)
    pairings = (
        env["party.pairing"]
        .with_context(**QUIET)
        .create(
            [
                {"name": f"IX household {n}", "organization_id": branch.id,
                 "member_id": by_branch[branch.id], "date_start": f"{year}-01-01",
                 "state": "active"}
                for n, branch in enumerate(branches)
            ]
        )
    )  # fmt: skip
    insert(
        env,
        """
        INSERT INTO party_pairing_visit (pairing_id, organization_id, company_id, member_id,
                                         date, state, create_uid, write_uid, create_date,
                                         write_date)
        SELECT p.id, p.organization_id, p.company_id, p.member_id,
               make_date(%(year)s, 9, 1) + (mod(p.id, 3)) * 25, 'done', 1, 1, now(), now()
          FROM party_pairing p WHERE p.id = ANY(%(ids)s)
        """,
        year=year,
        ids=pairings.ids,
    )
    # --- systematisation: required reading, resolutions, disclosures, reports
    regulations = env["party.regulation"].create(
        [{"name": f"IX rules {k}", "column": "self_building", "organization_id": committee.id,
          "required_reading": True, "effective_date": f"{year}-01-01"} for k in range(3)]
    )  # fmt: skip
    insert(
        env,
        """
        INSERT INTO party_regulation_ack (regulation_id, member_id, organization_id, company_id,
                                          date, create_uid, write_uid, create_date, write_date)
        SELECT r, m.id, m.organization_id, %(company)s, make_timestamp(%(year)s, 8, 1, 9, 0, 0),
               1, 1, now(), now()
          FROM party_member m, unnest(%(regulations)s) r
         WHERE m.id = ANY(%(members)s) AND mod(m.id + r, 3) != 0
        """,
        company=company,
        year=year,
        regulations=regulations.ids,
        members=members.ids,
    )
    insert(
        env,
        """
        INSERT INTO party_decision (name, organization_id, company_id, matter_type,
                                    voting_method, state, execution_state, execution_deadline,
                                    create_uid, write_uid, create_date, write_date)
        SELECT 'IX resolution', b, %(company)s, 'ordinary', 'show_of_hands', 'passed',
               CASE WHEN k = 0 OR mod(b, 5) = 0 THEN 'done' ELSE 'assigned' END,
               make_date(%(year)s, 8, 15), 1, 1, now(), now()
          FROM unnest(%(ids)s) b, generate_series(0, 1) k
        """,
        company=company,
        year=year,
        ids=ids,
    )
    insert(
        env,
        """
        INSERT INTO party_disclosure (name, organization_id, company_id, category, scope,
                                      publish_date, state, create_uid, write_uid, create_date,
                                      write_date)
        SELECT 'IX disclosure', b, %(company)s, 'other', 'members', make_date(%(year)s, 8, 1),
               CASE WHEN mod(b, 4) = 0 THEN 'draft' ELSE 'approved' END, 1, 1, now(), now()
          FROM unnest(%(ids)s) b
        """,
        company=company,
        year=year,
        ids=ids,
    )
    secretaries = {
        p.organization_id.id: p.member_id.id
        for p in env["party.position"].search(
            [("organization_id", "in", ids), ("position_type_id.code", "=", "secretary")]
        )
    }
    insert(
        env,
        """
        INSERT INTO party_secretary_report (name, organization_id, company_id, member_id, year,
                                            deadline, state, filed_on, create_uid, write_uid,
                                            create_date, write_date)
        SELECT 'IX report', o, %(company)s, s, %(last)s, make_date(%(year)s, 1, 31),
               CASE WHEN mod(o, 3) = 0 THEN 'draft' WHEN mod(o, 3) = 1 THEN 'filed' ELSE 'done' END,
               CASE WHEN mod(o, 3) = 0 THEN NULL ELSE make_date(%(year)s, 1, 20) END,
               1, 1, now(), now()
          FROM unnest(%(orgs)s, %(secretaries)s) AS x(o, s)
            ON CONFLICT DO NOTHING
        """,
        company=company,
        year=year,
        last=year - 1,
        orgs=list(secretaries),
        secretaries=list(secretaries.values()),
    )
    # --- venues: 100 venues, an inspection each, bookings; 20 projects
    calendar = env.company.resource_calendar_id
    venues = (
        env["party.venue"]
        .with_context(**QUIET)
        .create(
            [
                {"name": f"IX venue {k}", "venue_type": "activity_room",
                 "organization_id": branches[k * 8 % len(branches)].id, "resource_calendar_id": calendar.id,
                 "capacity": 50, "area": 60.0, "date_open": f"{year - 1}-01-01"}
                for k in range(100)
            ]
        )
    )  # fmt: skip
    insert(
        env,
        """
        INSERT INTO party_venue_inspection (venue_id, organization_id, company_id, date, state,
                                            score, failed_count, create_uid, write_uid,
                                            create_date, write_date)
        SELECT v.id, v.organization_id, v.company_id, make_date(%(year)s, 8, 1), 'done',
               60 + mod(v.id, 41), 0, 1, 1, now(), now()
          FROM party_venue v WHERE v.id = ANY(%(ids)s)
        """,
        year=year,
        ids=venues.ids,
    )
    insert(
        env,
        """
        INSERT INTO party_venue_booking (venue_id, organization_id, company_id, start, stop,
                                         duration, attendee_count, state, name, create_uid,
                                         write_uid, create_date, write_date)
        SELECT v.id, v.organization_id, v.company_id,
               make_timestamp(%(year)s, 7, 1, 1, 0, 0) + (k * 4 + mod(v.id, 4)) * interval '1 day',
               make_timestamp(%(year)s, 7, 1, 3, 0, 0) + (k * 4 + mod(v.id, 4)) * interval '1 day',
               2, 10, 'confirmed', v.name, 1, 1, now(), now()
          FROM party_venue v, generate_series(0, 19) k
         WHERE v.id = ANY(%(ids)s)
        """,
        year=year,
        ids=venues.ids,
    )
    env["party.venue.project"].create(
        [{"name": f"IX project {k}", "venue_id": venues[k].id,
          "organization_id": venues[k].organization_id.id, "budget": 100000,
          "state": "approved"} for k in range(20)]
    )  # fmt: skip
    for table in ("party_meeting", "party_dues", "party_dues_payment_line", "helpdesk_ticket",
                  "party_regulation_ack", "slide_slide_partner", "party_assessment_line"):  # fmt: skip
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    # the breaches of the day, as the nightly compliance pass leaves them
    env["party.organization"].search([("id", "child_of", committee.id)]).action_check_compliance()


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    rng = random.Random(25)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        (committee, generals, branches, groups, members), found = find_or_build(
            env, CODE, lambda env: build(env, year, rng)
        )
        Index = env["party.index"]
        quarter = datetime.date(year, 7, 1)
        rows = []

        def compute(period_type, day, orgs=committee):
            indices = Index._party_index_compute(orgs, period_type, day, force=True)
            return len(indices)

        measure(env, "index of the quarter, whole tree (first computation)",
                lambda: compute("quarter", quarter), rows)  # fmt: skip
        measure(env, "index of the quarter, computed again (nightly)",
                lambda: compute("quarter", quarter), rows)  # fmt: skip
        scope = env["party.organization"].search(
            [("id", "child_of", committee.id), ("org_type", "!=", "group")]
        )
        run = IndexRun(scope, "quarter", quarter, datetime.date(year, 9, 30),
                       datetime.date(year, 9, 30))  # fmt: skip
        measure(env, "  member counts and positions (shared)",
                lambda: len(run.counts) + len(run.positions), rows)  # fmt: skip
        for dimension in Index._party_index_dimensions():
            method = getattr(Index, f"_party_index_{dimension.code}")
            measure(env, f"  facts: {dimension.code}",
                    lambda method=method: sum(len(v) for v in method(scope, run).values()),
                    rows)  # fmt: skip
        measure(env, "index of a month (September), whole tree",
                lambda: compute("month", datetime.date(year, 9, 1)), rows)  # fmt: skip
        measure(env, "index of the year, whole tree",
                lambda: compute("year", datetime.date(year, 1, 1)), rows)  # fmt: skip
        # a general-branch officer, through the action (checks, lock, their subtree)
        general = generals[1]
        holder = members.filtered(lambda m: m.organization_id.parent_id == general)[7]
        officer = new_user(
            env, "bench_index_officer", "base.group_user,party_branch.group_party_officer"
        )
        holder.user_id = officer
        env["party.position"].create(
            {"organization_id": general.id, "member_id": holder.id, "date_start": "2024-01-01",
             "position_type_id": env.ref("party_branch.position_type_deputy_secretary").id}
        )  # fmt: skip
        env.registry.clear_cache()
        env.flush_all()
        as_officer = Index.with_user(officer)
        # (last year's quarter is final: the month under way, facts as of today)
        measure(env, "action_compute of this month by a general-branch officer",
                lambda: len(as_officer.action_compute("month")["domain"][0][2]),
                rows)  # fmt: skip
        lines = env["party.index.line"].search_count(
            [("index_id.period_type", "=", "quarter"), ("index_id.date_from", "=", quarter),
             ("organization_id", "child_of", committee.id)]
        )  # fmt: skip
        missing = env["party.index.line"].search_count(
            [("index_id.period_type", "=", "quarter"), ("index_id.date_from", "=", quarter),
             ("organization_id", "child_of", committee.id), ("is_missing", "=", True)]
        )  # fmt: skip
        top = Index.search(
            [("organization_id", "=", committee.id), ("period_type", "=", "quarter"),
             ("date_from", "=", quarter)]
        )  # fmt: skip
        summary = f"committee's quarter: total {top.score_total}, " + ", ".join(
            f"{d.code} {top[f'score_{d.code}']}" for d in Index._party_index_dimensions()
        )
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print(f"\nlines of the quarter: {lines} ({missing} missing)")
    print(summary)
    print_target("target: the index of the whole tree < 5000 ms; queries independent of the number "
          "of organisations and members")  # fmt: skip


if __name__ == "__main__":
    main()
