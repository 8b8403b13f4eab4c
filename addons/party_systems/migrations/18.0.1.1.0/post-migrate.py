"""18.0.1.1.0: the fund report follows the Party's fund accounts (commit e851d1e).

Use Total (``outgo_total``: what was remitted upward and spent, together) gave way to
``remittance_total`` and ``spending_total``, and the report now carries an opening and a
closing ``balance``. The new totals are stored computed fields: ``-u`` computes them
from the report lines already stored. The opening balance is filled when a report is
computed, so the reports computed before the upgrade have none: each organisation's
reports take, oldest first, the closing balance of its latest report that ended before
they start, as computing them today would (``_previous_balances``; drafts are left to
their computation). The old ``outgo_total`` column is left in place, unread.
"""

from collections import defaultdict

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    reports = env["party.fund.report"].search([("state", "!=", "draft")], order="date_from, id")
    closed = defaultdict(list)  # organisation id -> [(date_to, id, closing balance)]
    for report in reports:
        earlier = [row for row in closed[report.organization_id.id] if row[0] < report.date_from]
        if earlier and not report.opening_balance:
            # superuser: the guard lets only the computation change an approved report's
            # opening balance, which is what this is
            report.opening_balance = max(earlier)[2]
        closed[report.organization_id.id].append(
            (report.date_to, report.id, report.opening_balance + report.net_total)
        )
