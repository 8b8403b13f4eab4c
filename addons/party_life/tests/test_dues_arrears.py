"""Six consecutive months of unpaid dues (《中国共产党章程》第九条) open a finding."""

from odoo.tests import tagged

from .common import PartyDuesCase

CODE = "dues_arrears_6m"


@tagged("post_install", "-at_install")
class TestDuesArrears(PartyDuesCase):
    def _months(self, first, last):
        """Periods from ``first`` to ``last`` months from now (inclusive)."""
        return [self.month(n) for n in range(first, last + 1)]

    def _arrears_months(self, member):
        member.invalidate_recordset(["dues_arrears_months", "dues_balance"])
        return member.dues_arrears_months

    def _arrears_findings(self, member, state="open"):
        domain = [("member_id", "=", member.id), ("code", "=", CODE)]
        if state:
            domain.append(("state", "=", state))
        return self.Finding.search(domain)

    def test_six_months_open_finding(self):
        self._generate(self._months(-6, -1), members=self.member_a)
        self.assertEqual(self._arrears_months(self.member_a), 6)
        findings = self._check(self.branch_a, code=CODE)
        self.assertEqual(findings.member_id, self.member_a)
        self.assertEqual(len(findings), 1)
        self.assertEqual(findings.organization_id, self.branch_a)
        self.assertIn("6", findings.message)
        self.assertIn("第九条", findings.rule)
        # a second check leaves the open finding as it is
        self._check(self.branch_a, code=CODE)
        self.assertEqual(self._arrears_findings(self.member_a), findings)

    def test_current_month_not_yet_in_arrears(self):
        # five past months unpaid and the month under way: not six months of arrears yet
        self._generate(self._months(-5, 0), members=self.member_a)
        self.assertEqual(self._arrears_months(self.member_a), 5)
        self.assertFalse(self._check(self.branch_a, code=CODE))

    def test_five_months_no_finding(self):
        self._generate(self._months(-5, -1), members=self.member_a)
        self.assertEqual(self._arrears_months(self.member_a), 5)
        self.assertFalse(self._check(self.branch_a, code=CODE))

    def test_paid_month_resets_count(self):
        # a month paid, then five unpaid months after it, and four unpaid before it
        self._generate(self.month(-6), members=self.member_a)
        self._pay(self.member_a, 90.0)
        self._generate(self._months(-10, -7) + self._months(-5, -1), members=self.member_a)
        unpaid = self._rows(self.member_a).filtered(lambda r: r.state == "due")
        self.assertEqual(unpaid.mapped("period"), self._months(-10, -7) + self._months(-5, -1))
        self.assertEqual(self._arrears_months(self.member_a), 5)
        self.assertFalse(self._check(self.branch_a, code=CODE))

    def test_exempt_month_resets_count(self):
        reduction = self.Reduction.create(
            {
                "member_id": self.member_a.id,
                "kind": "exempt",
                "date_from": self.month(-4),
                "date_to": self.month(-4),
                "reason": "Illness",
                "decision_reference": "Decision",
                "approval_reference": "Approval",
            }
        )
        reduction.action_approve()
        self._generate(self._months(-10, -1), members=self.member_a)
        self.assertEqual(self._arrears_months(self.member_a), 3)
        self.assertFalse(self._check(self.branch_a, code=CODE))

    def test_paying_closes_finding(self):
        self._generate(self._months(-7, -1), members=self.member_a)
        finding = self._check(self.branch_a, code=CODE)
        self.assertEqual(finding.member_id, self.member_a)
        self.assertIn("7", finding.message)
        self._pay(self.member_a, 7 * 90.0)
        self.assertEqual(self._arrears_months(self.member_a), 0)
        self.assertFalse(self._check(self.branch_a, code=CODE))
        self.assertEqual(finding.state, "closed")

    def test_partial_payment_keeps_finding(self):
        self._generate(self._months(-7, -1), members=self.member_a)
        finding = self._check(self.branch_a, code=CODE)
        # paying the oldest month leaves six consecutive months unpaid
        self._pay(self.member_a, 90.0)
        self.assertEqual(self._arrears_months(self.member_a), 6)
        self.assertEqual(self._check(self.branch_a, code=CODE), finding)
        self.assertEqual(finding.state, "open")

    def test_only_members_in_arrears(self):
        self._generate(self._months(-6, -1), organizations=self.branch_a)
        self._pay(self.secretary_a, 6 * 40.0)
        findings = self._check(self.branch_a, code=CODE)
        self.assertEqual(findings.member_id, self.member_a)
        # members of another branch are not flagged by Branch A's check, and vice versa
        self._generate(self._months(-6, -1), members=self.member_b)
        self.assertFalse(
            self._check(self.branch_b, code=CODE).filtered(lambda f: f.member_id == self.member_a)
        )
        self.assertEqual(self._check(self.branch_b, code=CODE).member_id, self.member_b)

    def test_member_who_left_not_flagged(self):
        self._generate(self._months(-6, -1), members=self.member_a)
        self.member_a.status = "withdrawn"
        self.assertFalse(self._check(self.branch_a, code=CODE))
