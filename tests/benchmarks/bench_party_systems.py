"""Benchmark of party_systems at enterprise-group scale (not a timed test).

1. Fund reports: 1,000 organisations, each with its analytic account, and
   500,000 posted journal items on them (5,000 entries of 100 lines: dues
   collected, remittances, spending), inserted with SQL. Measures the figures of
   the 1,000 reports of the year computed in one call
   (``party.fund.report._compute_lines``), and checks that every report equals its
   journal items to the cent.
2. Talk coverage: the 1,000-organisation tree with 50,000 members, a secretary
   and two committee members per branch with a committee, and about 60,000
   talks; measures ``party.talk._coverage`` over every organisation and the
   ``talk_coverage`` check.

Targets: fund reports < 5 s, talk coverage < 2 s; queries independent of the
number of journal items, talks and members. Run through ``bin/party bench``;
nothing is committed.
"""

import datetime
import os
import random
import sys
from pathlib import Path

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_compliance import ComplianceRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    QUIET,
    build_tree,
    create_members,
    ensure_chart,
    measure,
    member_vals,
    print_target,
)

N_LINES = 500_000
LINES_PER_MOVE = 100
N_TALKS_PER_BRANCH = 72


def build_funds(env, orgs, year):
    """Analytic accounts for ``orgs`` and 500,000 posted journal items on them (SQL)."""
    company = env.company
    env["party.dues.payment"]._dues_accounting(company)
    analytic = orgs._party_analytic_accounts()
    dues = company.party_dues_account_id
    journal = company.party_dues_journal_id
    expense = env["account.account"].search(
        [("account_type", "=", "expense"), ("company_ids", "in", company.id)], limit=1
    )
    env.flush_all()
    cr = env.cr
    n_moves = N_LINES // LINES_PER_MOVE
    cr.execute(
        """
        INSERT INTO account_move (name, date, journal_id, company_id, currency_id, move_type,
                                  state, auto_post)
        SELECT 'BSYS/' || g, %s::date + (g %% 365), %s, %s, %s, 'entry', 'posted', 'no'
          FROM generate_series(1, %s) g
        RETURNING id, date
        """,
        (datetime.date(year, 1, 1), journal.id, company.id, company.currency_id.id, n_moves),
    )
    moves = cr.fetchall()
    keys = [str(analytic[org.id].id) for org in orgs]
    rng = random.Random(2026)
    rows = []
    for index, (move_id, day) in enumerate(moves):
        for k in range(LINES_PER_MOVE):
            key = keys[(index * LINES_PER_MOVE + k) % len(keys)]
            amount = round(rng.uniform(0.2, 300.0), 2)
            if k % 5 == 4:  # spending
                account, balance = expense.id, amount
            else:  # dues collected (credit)
                account, balance = dues.id, -amount
            rows.append((move_id, account, day, balance, key))
    cr.execute(
        """
        INSERT INTO account_move_line (move_id, account_id, journal_id, company_id, currency_id,
               date, parent_state, display_type, balance, debit, credit, amount_currency,
               analytic_distribution, name)
        SELECT v.move_id, v.account_id, %s, %s, %s, v.day, 'posted', 'product', v.balance,
               GREATEST(v.balance, 0), GREATEST(-v.balance, 0), v.balance,
               jsonb_build_object(v.key, 100), 'bench'
          FROM unnest(%s::int[], %s::int[], %s::date[], %s::numeric[], %s::text[])
               AS v(move_id, account_id, day, balance, key)
        """,
        (
            journal.id,
            company.id,
            company.currency_id.id,
            [r[0] for r in rows],
            [r[1] for r in rows],
            [r[2] for r in rows],
            [r[3] for r in rows],
            [r[4] for r in rows],
        ),
    )
    env.invalidate_all()
    return analytic


def build_talks(env, branches, members, year):
    """Committees (secretary + 2) for the branches with one, and talks between the
    committee members and the members (most pairs, not all)."""
    rng = random.Random(2027)
    by_branch = {}
    for member in members:
        by_branch.setdefault(member.organization_id.id, []).append(member.id)
    types = [env.ref(f"party_branch.position_type_{c}") for c in ("secretary", "organization",
                                                                    "propaganda")]  # fmt: skip
    positions = []
    committees = {}
    for branch in branches:
        ids = by_branch.get(branch.id, [])
        size = 3 if branch.has_committee else 1
        committees[branch.id] = ids[:size]
        positions += [
            {"organization_id": branch.id, "member_id": mid, "position_type_id": ptype.id,
             "date_start": f"{year - 1}-01-01"}
            for mid, ptype in zip(ids[:size], types, strict=False)
        ]  # fmt: skip
    env["party.position"].with_context(**QUIET).create(positions)
    env.flush_all()
    talks, rel = [], []
    for branch in branches:
        ids = by_branch.get(branch.id, [])
        for n in range(N_TALKS_PER_BRANCH):
            if not ids or not committees[branch.id]:
                break
            talker = committees[branch.id][n % len(committees[branch.id])]
            other = rng.choice(ids)
            if other != talker:
                talks.append((branch.id, datetime.date(year, 1 + n % 12, 1 + n % 28)))
                rel.append((talker, other))
    cr = env.cr
    cr.execute(
        """
        INSERT INTO party_talk (name, organization_id, company_id, date)
        SELECT 'bench talk', v.org, %s, v.day
          FROM unnest(%s::int[], %s::date[]) AS v(org, day)
        RETURNING id
        """,
        (env.company.id, [t[0] for t in talks], [t[1] for t in talks]),
    )
    talk_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO party_talk_member_rel (talk_id, member_id)
        SELECT * FROM unnest(%s::int[], %s::int[])
        UNION ALL
        SELECT * FROM unnest(%s::int[], %s::int[])
        """,
        (talk_ids, [r[0] for r in rel], talk_ids, [r[1] for r in rel]),
    )
    return len(talk_ids)


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {**QUIET})
        ensure_chart(env)
        committee, generals, branches, groups = build_tree(
            env, "BSYS", "Systems Bench Committee", "SB ", terms=False, context=QUIET
        )
        orgs = committee | generals | branches | groups
        print(f"tree: {len(orgs)} organisations")
        build_funds(env, orgs, year)
        print(f"journal items: {N_LINES}")
        Report = env["party.fund.report"].with_context(**QUIET)
        reports = Report.create(
            [
                {"organization_id": org.id, "date_from": f"{year}-01-01",
                 "date_to": f"{year}-12-31"}
                for org in orgs
            ]
        )  # fmt: skip
        env.flush_all()
        measure(env, "fund reports: 1,000 computed in one call",
                lambda: reports._compute_lines() or len(reports), rows)  # fmt: skip
        # to the cent: every report's net equals its journal items
        cr.execute(
            """
            SELECT (SELECT k FROM jsonb_object_keys(analytic_distribution) k LIMIT 1)::int,
                   -SUM(balance)
              FROM account_move_line WHERE name = 'bench' GROUP BY 1
            """
        )
        ledger = dict(cr.fetchall())
        analytic = orgs._party_analytic_accounts()
        wrong = [
            r.organization_id.name
            for r in reports
            if round(float(ledger.get(analytic[r.organization_id.id].id, 0)), 2)
            != round(r.net_total, 2)
        ]
        print(f"reports differing from the ledger: {len(wrong)}")

        rng = random.Random(2024)
        today = datetime.date.today()
        members = create_members(
            env, [member_vals(i, branches, groups, rng, 650102, today) for i in range(50_000)]
        )
        print(f"members: {len(members)}")
        talks = build_talks(env, branches, members, year)
        print(f"talks: {talks}")
        coverage = measure(env, "talk coverage: every organisation, one year",
                           lambda: env["party.talk"]._coverage(orgs, year), rows)  # fmt: skip
        run = ComplianceRun(orgs, datetime.date(year + 1, 2, 1))
        env.company.party_systems_rules_from = f"{year}-01-01"
        scoped = orgs.filtered(lambda o: o.org_type != "group")
        findings = measure(env, "talk_coverage check",
                           lambda: len(env["party.compliance"]._check_talk_coverage(scoped, run)),
                           rows)  # fmt: skip
        required = sum(c["required"] for c in coverage.values())
        covered = sum(c["covered"] for c in coverage.values())
        print(f"pairs required {required}, covered {covered}; organisations below: {findings}")
        cr.rollback()
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}")
    for label, elapsed, queries, _result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}")
    print_target("targets: fund reports < 5000 ms; talk coverage < 2000 ms")


if __name__ == "__main__":
    main()
