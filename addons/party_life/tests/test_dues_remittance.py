"""Remitting a share of the dues collected to the superior organisation."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import activate_chinese

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesRemittance(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["party.dues"].generate(cls.this_month, organizations=cls.committee)

    def _remittance(self, org, percent=50.0, **vals):
        return self.Remittance.create(
            {
                "organization_id": org.id,
                "date_from": self.this_month - timedelta(days=31),
                "date_to": self.today,
                "date": self.today,
                "percent": percent,
                **vals,
            }
        )

    def test_remittance_moves_share_to_superior(self):
        self._pay(self.member_a, 90.0)
        self._pay(self.secretary_a, 40.0, method="bank")
        self._pay(self.member_b, 22.5)  # another branch: not in Branch A's remittance
        remittance = self._remittance(self.branch_a, percent=50.0)
        self.assertEqual(remittance.to_organization_id, self.committee)
        self.assertAlmostEqual(remittance.collected, 130.0, places=2)
        self.assertAlmostEqual(remittance.amount, 65.0, places=2)

        remittance.action_post()
        self.assertEqual(remittance.state, "posted")
        move = remittance.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.dues_journal)
        analytic_a = self._analytic(self.branch_a)
        analytic_c = self._analytic(self.committee)
        debit = move.line_ids.filtered(lambda line: line.debit > 0)
        credit = move.line_ids.filtered(lambda line: line.credit > 0)
        self.assertEqual(debit.account_id, self.dues_account)
        self.assertAlmostEqual(debit.debit, 65.0, places=2)
        self.assertEqual(debit.analytic_distribution, {str(analytic_a.id): 100})
        self.assertEqual(credit.account_id, self.dues_account)
        self.assertAlmostEqual(credit.credit, 65.0, places=2)
        self.assertEqual(credit.analytic_distribution, {str(analytic_c.id): 100})

        # the funds as the analytic accounts show them
        (analytic_a | analytic_c).invalidate_recordset()
        self.assertAlmostEqual(analytic_a.balance, 65.0, places=2)
        self.assertAlmostEqual(analytic_c.balance, 65.0, places=2)

    def test_entry_label_in_the_company_language_whoever_posts(self):
        activate_chinese(self.env, ["party_life"])
        self.branch_a.company_id.partner_id.lang = "zh_CN"
        self._pay(self.member_a, 90.0)
        remittance = self._remittance(self.branch_a, percent=50.0)
        remittance.with_context(lang="en_US").action_post()
        self.assertEqual(remittance.move_id.ref, f"{self.branch_a.name}上缴党费")
        self.assertEqual(set(remittance.move_id.line_ids.mapped("name")), {remittance.move_id.ref})

    def test_reversed_payments_not_remitted(self):
        self._pay(self.member_a, 90.0)
        self._pay(self.secretary_a, 40.0).action_reverse()
        remittance = self._remittance(self.branch_a, percent=10.0)
        self.assertAlmostEqual(remittance.collected, 90.0, places=2)
        self.assertAlmostEqual(remittance.amount, 9.0, places=2)

    def test_draft_total_follows_payments_and_reversals(self):
        """A draft remittance counts the payments registered or reversed after it was
        created; a posted one keeps what it remitted."""
        self._pay(self.member_a, 90.0)
        remittance = self._remittance(self.branch_a, percent=50.0)
        self.assertAlmostEqual(remittance.collected, 90.0, places=2)
        later = self._pay(self.secretary_a, 40.0)
        self.assertAlmostEqual(remittance.collected, 130.0, places=2)
        self.assertAlmostEqual(remittance.amount, 65.0, places=2)
        later.action_reverse()
        self.assertAlmostEqual(remittance.collected, 90.0, places=2)
        self.assertAlmostEqual(remittance.amount, 45.0, places=2)
        # stored, not only in the cache
        self.env.invalidate_all()
        self.assertAlmostEqual(remittance.collected, 90.0, places=2)
        remittance.action_post()
        self._pay(self.secretary_a, 40.0)
        self.assertAlmostEqual(remittance.collected, 90.0, places=2)
        self.assertAlmostEqual(remittance.move_id.amount_total, 45.0, places=2)
        # another branch's remittance does not move
        other = self._remittance(self.branch_b, percent=50.0)
        self._pay(self.member_a, 90.0, months_ahead=1)
        self.assertAlmostEqual(other.collected, 0.0, places=2)

    def test_remittance_on_a_locked_day_refused(self):
        self._pay(self.member_a, 90.0)
        remittance = self._remittance(self.branch_a, date=self.today - timedelta(days=1))
        self._lock_accounts(fiscalyear_lock_date=self.today - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "Global Lock Date"):
            remittance.action_post()
        self.assertEqual(remittance.state, "draft")
        self.assertFalse(remittance.move_id)
        remittance.date = self.today
        remittance.action_post()
        self.assertEqual(remittance.move_id.date, self.today)

    def test_default_percent_from_company(self):
        self.company.party_dues_remit_percent = 20.0
        self._pay(self.member_b, 22.5)
        remittance = self.Remittance.create(
            {
                "organization_id": self.branch_b.id,
                "date_from": self.this_month - timedelta(days=31),
                "date_to": self.today,
            }
        )
        self.assertEqual(remittance.percent, 20.0)
        self.assertAlmostEqual(remittance.amount, 4.5, places=2)

    def test_top_organisation_remits_to_bank(self):
        self._pay(self.secretary_c, 240.0)
        remittance = self._remittance(self.committee, percent=25.0)
        self.assertFalse(remittance.to_organization_id)
        remittance.action_post()
        credit = remittance.move_id.line_ids.filtered(lambda line: line.credit > 0)
        self.assertEqual(credit.account_id, self.bank_account)
        self.assertAlmostEqual(credit.credit, 60.0, places=2)

    def test_nothing_to_remit_or_twice_refused(self):
        empty = self._remittance(self.branch_b)
        self.assertAlmostEqual(empty.amount, 0.0, places=2)
        with self.assertRaises(UserError):
            empty.action_post()
        self.assertFalse(empty.move_id)
        self._pay(self.member_a, 90.0)
        remittance = self._remittance(self.branch_a)
        remittance.action_post()
        move = remittance.move_id
        with self.assertRaises(UserError):
            remittance.action_post()
        self.assertEqual(remittance.move_id, move)

    def test_officer_remits_own_branch(self):
        self._pay(self.member_a, 90.0)
        remittance = self.Remittance.with_user(self.officer_a).create(
            {
                "organization_id": self.branch_a.id,
                "date_from": self.this_month - timedelta(days=31),
                "date_to": self.today,
                "percent": 10.0,
            }
        )
        remittance.action_post()
        self.assertEqual(remittance.state, "posted")
        self.assertEqual(remittance.sudo().move_id.state, "posted")

    def test_party_admin_posts_remittance(self):
        self._pay(self.member_b, 22.5)
        remittance = self.Remittance.with_user(self.admin).create(
            {
                "organization_id": self.branch_b.id,
                "date_from": self.this_month - timedelta(days=31),
                "date_to": self.today,
                "percent": 20.0,
            }
        )
        remittance.action_post()
        self.assertEqual(remittance.state, "posted")
        self.assertAlmostEqual(remittance.sudo().move_id.amount_total, 4.5, places=2)
