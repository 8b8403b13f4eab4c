"""Shared setup of the party_life dues tests: the one base class of every dues test.

Builds on the party_branch test tree (see party_branch/tests/common.py):

    Committee (committee)          secretary: Secretary C  (user officer_c)
    ├── Branch A (branch)          secretary: Secretary A  (user officer_a)
    │   └── Group A1 (group)       member: Member A (portal user, salaried, base 6000)
    └── Branch B (branch)          secretary: Secretary B  (user officer_b)
                                   member:    Member B (retired, base 4500)

Dues tests never rely on demo data: they always restrict the dues run to
their own organisations or members, and use their own payment references.
"""

import itertools
from datetime import date, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.party_branch.tests.common import PartyBranchCase, make_id
from odoo.addons.party_branch.tests.concurrency import build_tree

_refs = itertools.count(1)


def theme_day_under_way(env, org, name):
    """A theme Party day of ``org`` that began 10 minutes ago and lasts 2 hours (its
    sign-in window open), without calendar invitations."""
    start = fields.Datetime.now().replace(microsecond=0) - timedelta(minutes=10)
    return (
        env["party.meeting"]
        .with_context(party_meeting_no_calendar=True)
        .create(
            {
                "organization_id": org.id,
                "meeting_type": "theme_day",
                "name": name,
                "start": start,
                "stop": start + timedelta(hours=2),
            }
        )
    )


def voting_appraisal(env, org, year, **vals):
    """The democratic appraisal of ``org`` for ``year`` (``vals`` added), its
    self-assessment started and then its voting: the ballots are open."""
    appraisal = env["party.appraisal"].create({"organization_id": org.id, "year": year, **vals})
    appraisal.action_start_self_assessment()
    appraisal.action_start_voting()
    return appraisal


def completed_lesson(env, course_name, hours, members, completed_date):
    """A published lesson of ``hours`` (an article) in a new Party course, completed by
    ``members`` on ``completed_date``: the lesson."""
    course = env["slide.channel"].create({"name": course_name, "is_party_course": True})
    lesson = env["slide.slide"].create(
        {
            "name": f"{hours:g} hours",
            "channel_id": course.id,
            "slide_category": "article",
            "html_content": "<p>Lesson</p>",
            "completion_time": hours,
            "is_published": True,
        }
    )
    env["slide.slide.partner"].create(
        [
            {
                "slide_id": lesson.id,
                "partner_id": member.partner_id.id,
                "completed": True,
                "completed_date": completed_date,
            }
            for member in members
        ]
    )
    return lesson


class PartyDuesCase(PartyBranchCase):
    compliance_codes = None  # every check, party_life's included

    @classmethod
    def _generate_this_month(cls):
        """The committee's rows of this month (``rows``), Member A's and Member B's."""
        cls.rows = cls.env["party.dues"].generate(cls.this_month, organizations=cls.committee)
        cls.row_a = cls.rows.filtered(lambda r: r.member_id == cls.member_a)
        cls.row_b = cls.rows.filtered(lambda r: r.member_id == cls.member_b)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"party_dues_lock_date": False, "party_dues_remit_percent": 0.0})
        cls.Dues = cls.env["party.dues"]
        cls.Payment = cls.env["party.dues.payment"]
        cls.Bracket = cls.env["party.dues.bracket"]
        cls.Reduction = cls.env["party.dues.reduction"]
        cls.Review = cls.env["party.dues.base.review"]
        cls.Remittance = cls.env["party.dues.remittance"]
        cls.Move = cls.env["account.move"]

        # The accounting of the dues (created when missing), on a chart of accounts.
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        accounting = cls.Payment._dues_accounting(cls.company)
        cls.dues_journal = cls.company.party_dues_journal_id
        cls.dues_account = cls.company.party_dues_account_id
        assert accounting["journal"] == cls.dues_journal
        assert accounting["account"] == cls.dues_account
        Journal = cls.env["account.journal"]
        cls.cash_account = Journal.search(
            [("type", "=", "cash"), ("company_id", "=", cls.company.id)], limit=1
        ).default_account_id
        cls.bank_account = Journal.search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        ).default_account_id

        # Months relative to today: the tests never hard-code the calendar.
        cls.this_month = cls.today.replace(day=1)

        # The members of the tree pay dues too: give everyone a base.
        cls.secretary_a.write({"income_category": "salaried", "dues_base": 4000})  # 40.00
        cls.secretary_b.write({"income_category": "salaried", "dues_base": 2000})  # 10.00
        cls.secretary_c.write({"income_category": "salaried", "dues_base": 12000})  # 240.00
        # member_a: salaried 6000 -> 1.5% = 90.00; member_b: retired 4500 -> 0.5% = 22.50

    # ------------------------------------------------------------------ helpers

    @classmethod
    def month(cls, offset=0):
        """First day of the month ``offset`` months from this month."""
        return cls.this_month + relativedelta(months=offset)

    @classmethod
    def _dues_member(cls, org, name, base=6000.0, income="salaried", **vals):
        """A member of ``org`` with a valid ID number, an income category and a dues base.

        ``category`` in ``vals`` is the member category (full by default).
        """
        vals.setdefault("id_number", make_id(date(1980, 5, 5)))
        return cls._member(org, name, income_category=income, dues_base=base, **vals)

    @staticmethod
    def _ref():
        return f"PDT-TEST-{next(_refs):05d}"

    def _generate(self, periods, members=None, organizations=None):
        """Run the dues run for each period (a date or a list); return all rows made."""
        if not isinstance(periods, list | tuple):
            periods = [periods]
        rows = self.Dues.browse()
        for period in periods:
            rows |= self.Dues.generate(period, organizations=organizations, members=members)
        return rows

    def _rows(self, members, period=None):
        domain = [("member_id", "in", members.ids)]
        if period:
            domain.append(("period", "=", period))
        return self.Dues.search(domain, order="period, id")

    @classmethod
    def _pay(cls, member, amount, user=None, method="cash", pay_date=None, **vals):
        """Register one payment (as ``user``, the admin by default), dated today unless
        ``pay_date``; usable in ``setUpClass``."""
        values = {
            "member_id": member.id,
            "amount": amount,
            "date": pay_date or cls.today,
            "method": method,
            "reference": cls._ref(),
        }
        values.update(vals)
        Payment = cls.Payment.with_user(user or cls.admin)
        return Payment.register_payments([values]).with_env(cls.env)

    def _lock_accounts(self, **locks):
        """Set Odoo's lock dates (``fiscalyear_lock_date=…``, ``hard_lock_date=…``).

        Without Odoo's checks of the period locked (no draft entry, no unreconciled
        bank statement line in it): the demo data's statements are not what the dues
        tests are about.
        """
        with patch.object(type(self.company), "_validate_locks", lambda *args, **kwargs: None):
            self.company.write(locks)

    def _payments(self, members):
        return self.Payment.search([("member_id", "in", members.ids)])

    def _dues_moves(self):
        return self.Move.search([("journal_id", "=", self.dues_journal.id)])

    def _analytic(self, org):
        return org._party_analytic_accounts()[org.id]


def fixed_asset_profile(env, name):
    """An OCA asset profile of the current company (fixed-asset, depreciation and
    expense accounts, its general journal, 5 years), for the addons whose tests build
    fixed assets (party_systems, party_venue; both depend on account_asset_management)."""
    company = env.company
    Account = env["account.account"]
    fixed = Account.search(
        [("account_type", "=", "asset_fixed"), ("company_ids", "in", company.ids)], limit=1
    )
    expense = Account.search(
        [("account_type", "=", "expense"), ("company_ids", "in", company.ids)], limit=1
    )
    journal = env["account.journal"].search(
        [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
    )
    return env["account.asset.profile"].create(
        {"name": name, "account_asset_id": fixed.id, "account_depreciation_id": fixed.id,
         "account_expense_depreciation_id": expense.id, "journal_id": journal.id,
         "method_number": 5}
    )  # fmt: skip


def committed_dues_tree(env, tag, count):
    """For the concurrency tests (party_branch/tests/concurrency.py): ``build_tree`` of
    ``count`` salaried members (dues base 6,000) whose dues can be paid: the company's
    dues accounting set up, no lock date. Returns what ``build_tree`` returns."""
    env.company.party_dues_lock_date = False
    env["party.dues.payment"]._dues_accounting(env.company)
    return build_tree(env, tag, count, income_category="salaried", dues_base=6000)


def committed_month_owed(env, tag):
    """For the online-payment concurrency tests: payment_demo's provider in test mode and
    :func:`committed_dues_tree` of one member, who owes this month. Returns ``(provider,
    committee id, branch id, the month's dues row)``."""
    provider = env.ref("payment.payment_provider_demo")
    assert provider.code == "demo", "payment_demo: bin/party installs it in tests"
    provider.state = "test"
    committee_id, branch_id, member_ids = committed_dues_tree(env, tag, 1)
    month = fields.Date.context_today(env["party.dues"]).replace(day=1)
    rows = env["party.dues"].generate(month, members=env["party.member"].browse(member_ids))
    return provider, committee_id, branch_id, rows


def dues_cleanup(org_ids):
    """The statements that remove the dues, payments and their journal entries of the
    committed organisations ``org_ids`` (``remove_organizations``' extra)."""
    orgs = tuple(org_ids)
    payments = "SELECT id FROM party_dues_payment WHERE organization_id IN %s"
    return [
        (f"DELETE FROM party_dues_payment_line WHERE payment_id IN ({payments})", [orgs]),
        ("DELETE FROM account_move WHERE id IN (SELECT move_id FROM party_dues_payment "
         "WHERE organization_id IN %s)", [orgs]),
        ("DELETE FROM party_dues_payment WHERE organization_id IN %s", [orgs]),
        ("DELETE FROM party_dues WHERE organization_id IN %s", [orgs]),
        ("UPDATE party_organization SET analytic_account_id = NULL WHERE id IN %s", [orgs]),
    ]  # fmt: skip
