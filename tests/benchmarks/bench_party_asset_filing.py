"""Benchmark of asset filing (备案资产登记) at enterprise-group scale (not a timed test).

The 1,000-organisation tree, 20,000 fixed assets held by its branches (running
and removed, started over the last two years) and 20,000 filings (accepted,
submitted, returned), inserted with SQL. Measures the ``asset_not_filed`` check
over every organisation and the filing count and latest state of 1,000 assets
(the asset form's smart button, in a list).

Targets: the check < 2 s, the asset figures < 1 s; queries independent of the
number of assets and filings. Run through ``bin/party bench``; nothing is
committed.
"""

import datetime
import os
import sys
from pathlib import Path

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_compliance import ComplianceRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    QUIET,
    build_tree,
    ensure_chart,
    measure,
    print_target,
)

N_ASSETS = 20_000


def build_assets(env, branches, today):
    """N_ASSETS assets held by ``branches`` (SQL): every 10th removed; and their
    filings: an accepted acquisition for half of them, a submitted one for a
    quarter, a returned one for the rest of the running ones; an accepted disposal
    for half of the removed ones."""
    company = env.company
    Account = env["account.account"]
    fixed = Account.search(
        [("account_type", "=", "asset_fixed"), ("company_ids", "in", company.ids)], limit=1
    )
    journal = env["account.journal"].search(
        [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
    )
    profile = env["account.asset.profile"].create(
        {"name": "Bench Party facilities", "account_asset_id": fixed.id,
         "account_depreciation_id": fixed.id, "account_expense_depreciation_id": fixed.id,
         "journal_id": journal.id}
    )  # fmt: skip
    env.flush_all()
    cr = env.cr
    branch_ids = branches.ids
    cr.execute(
        """
        INSERT INTO account_asset (name, profile_id, company_id, currency_id, purchase_value,
                                   value_residual, date_start, date_remove, state, active,
                                   party_organization_id)
        SELECT 'Bench asset ' || g, %(profile)s, %(company)s, %(currency)s, 1000 + g %% 5000,
               1000 + g %% 5000, %(today)s::date - (g %% 730),
               CASE WHEN g %% 10 = 0 THEN %(today)s::date - (g %% 90) END,
               CASE WHEN g %% 10 = 0 THEN 'removed' ELSE 'open' END, true,
               (%(branches)s::int[])[1 + g %% %(n_branches)s]
          FROM generate_series(1, %(n)s) g
        RETURNING id, party_organization_id, state
        """,
        {"profile": profile.id, "company": company.id, "currency": company.currency_id.id,
         "today": today, "branches": branch_ids, "n_branches": len(branch_ids), "n": N_ASSETS},
    )  # fmt: skip
    assets = cr.fetchall()
    rows = []
    for index, (asset_id, org_id, state) in enumerate(assets):
        if state == "removed":
            rows.append((org_id, asset_id, "acquisition", "accepted", company.id))
            if index % 2:
                rows.append((org_id, asset_id, "disposal", "accepted", company.id))
            continue
        kind = ("accepted", "accepted", "submitted", "returned")[index % 4]
        rows.append((org_id, asset_id, "acquisition", kind, company.id))
    cr.execute(
        """
        INSERT INTO party_asset_filing (organization_id, asset_id, filing_type, state,
                                        company_id)
        SELECT * FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::varchar[], %s::int[])
        """,
        tuple(list(column) for column in zip(*rows, strict=True)),
    )
    env.invalidate_all()
    return [asset_id for asset_id, __, __ in assets], len(rows)


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    today = datetime.date.today()
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {**QUIET})
        ensure_chart(env)
        committee, generals, branches, groups = build_tree(
            env, "BAF", "Asset Filing Bench Committee", "AF ", terms=False, context=QUIET
        )
        orgs = committee | generals | branches | groups
        print(f"tree: {len(orgs)} organisations")
        asset_ids, filings = build_assets(env, branches, today)
        print(f"assets: {len(asset_ids)}, filings: {filings}")
        run = ComplianceRun(orgs, today)
        breaches = measure(env, "asset_not_filed check: every organisation",
                           lambda: env["party.compliance"]._check_asset_not_filed(orgs, run),
                           rows)  # fmt: skip
        print(f"assets not filed: {len(breaches)}")
        assets = env["account.asset"].browse(asset_ids[:1000])
        states = measure(env, "filing count and latest state of 1,000 assets",
                         lambda: assets.mapped("party_filing_state"), rows)  # fmt: skip
        print(f"assets with a filing: {len([s for s in states if s])} of {len(assets)}")
        cr.rollback()
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}")
    for label, elapsed, queries, _result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}")
    print_target("targets: the check < 2000 ms; the asset figures < 1000 ms")


if __name__ == "__main__":
    main()
