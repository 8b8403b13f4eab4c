"""What the superior organisation decides is not taken from below (issue 20, item 3).

A branch officer creates a Party group below their branch and is then an officer of
an organisation above the group. The records a superior approves (disclosures,
secretary's reports, fund reports, asset filings) stay with the organisation that
submitted them, and who holds a position in that organisation, or reports in the
record, does not act as its superior. Every attempt goes through the RPC dispatch.
"""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc
from odoo.addons.party_life.tests.common import fixed_asset_profile

from .common import PartySystemsCase
from .test_disclosure import _disclosure


@tagged("post_install", "-at_install")
class TestSuperiorIsNotTakenFromBelow(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Disclosure = cls.env["party.disclosure"]
        cls.Report = cls.env["party.secretary.report"]
        cls.FundReport = cls.env["party.fund.report"]

    def _new_group(self):
        """A Party group the branch's officer creates below their branch (no position)."""
        group_id = rpc(self.env, self.officer_a, "party.organization", "create",
                       [{"name": "Group A2", "code": "PST-A2", "org_type": "group",
                         "parent_id": self.branch_a.id}])  # fmt: skip
        return self.env["party.organization"].browse(group_id)

    def _overdue_disclosure(self, org):
        return self.Disclosure.create(
            {"name": "Overdue notice", "organization_id": org.id,
             "publish_date": self.today - timedelta(days=3)}
        )  # fmt: skip

    def _report(self, org, state="draft"):
        report = self.Report.create(
            {"organization_id": org.id, "member_id": self.secretary_a.id, "year": 2040,
             "deadline": "2041-01-31"}
        )  # fmt: skip
        if state != "draft":
            report.sudo()._party_action_write({"state": state, "filed_on": "2041-01-10"})
        return report

    # ------------------------------------------------------------- disclosures

    def test_disclosure_is_not_moved_into_a_group_below_the_branch(self):
        group = self._new_group()
        disclosure = self._overdue_disclosure(self.branch_a)
        with self.assertRaisesRegex(AccessError, "set when the record is created"):
            rpc(self.env, self.officer_a, "party.disclosure", "write",
                {"organization_id": group.id}, ids=disclosure.ids)  # fmt: skip
        with self.assertRaisesRegex(UserError, "only the superior"):
            rpc(self.env, self.officer_a, "party.disclosure", "unlink", ids=disclosure.ids)
        self.assertEqual(disclosure.organization_id, self.branch_a)

    def test_group_leader_does_not_approve_the_groups_disclosure(self):
        disclosure = self.Disclosure.create(
            {"name": "Group notice", "organization_id": self.group_a.id}
        )
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        with self.assertRaisesRegex(AccessError, "own organisation"):
            rpc(self.env, self.officer_a, "party.disclosure", "action_approve",
                ids=disclosure.ids)  # fmt: skip
        self.assertEqual(disclosure.state, "to_approve")
        # an officer above the group who holds no position in it approves
        rpc(self.env, self.officer_c, "party.disclosure", "action_approve", ids=disclosure.ids)
        self.assertEqual(disclosure.state, "approved")

    def test_branch_officer_does_not_approve_a_disclosure_of_a_group_of_their_branch(self):
        """A Party group submits through its branch (party_branch/tools/superior.py):
        the branch's officer, though holding no position in the group, would be the
        branch deciding for itself."""
        group = self._new_group()
        disclosure = self.Disclosure.create({"name": "Group notice", "organization_id": group.id})
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        with self.assertRaisesRegex(AccessError, "Only the superior organisation"):
            rpc(self.env, self.officer_a, "party.disclosure", "action_approve",
                ids=disclosure.ids)  # fmt: skip
        self.assertEqual(disclosure.state, "to_approve")
        rpc(self.env, self.officer_c, "party.disclosure", "action_approve", ids=disclosure.ids)
        self.assertEqual(disclosure.state, "approved")

    def test_group_leader_does_not_delete_the_groups_overdue_disclosure(self):
        disclosure = self._overdue_disclosure(self.group_a)
        with self.assertRaisesRegex(UserError, "only the superior"):
            rpc(self.env, self.officer_a, "party.disclosure", "unlink", ids=disclosure.ids)
        self.assertTrue(disclosure.exists())

    # ------------------------------------------------------- secretary's reports

    def test_secretary_report_is_not_moved_into_a_group_below_the_branch(self):
        group = self._new_group()
        report = self._report(self.branch_a, state="rating")
        with self.assertRaisesRegex(AccessError, "set when the record is created"):
            rpc(self.env, self.officer_a, "party.secretary.report", "write",
                {"organization_id": group.id}, ids=report.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.secretary.report", "action_close",
                ids=report.ids)  # fmt: skip
        self.assertEqual((report.organization_id, report.state), (self.branch_a, "rating"))

    def test_secretary_does_not_close_the_rating_of_their_own_report(self):
        report = self._report(self._new_group(), state="rating")
        with self.assertRaisesRegex(AccessError, "their own report"):
            rpc(self.env, self.officer_a, "party.secretary.report", "action_close",
                ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "rating")

    def test_secretary_does_not_delete_their_own_report(self):
        report = self._report(self._new_group())
        with self.assertRaisesRegex(UserError, "only the superior"):
            rpc(self.env, self.officer_a, "party.secretary.report", "unlink", ids=report.ids)
        self.assertTrue(report.exists())

    def test_secretary_does_not_postpone_their_own_report(self):
        report = self._report(self._new_group())
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.secretary.report", "write",
                {"deadline": "2099-01-31"}, ids=report.ids)  # fmt: skip
        self.assertEqual(str(report.deadline), "2041-01-31")

    # -------------------------------------------------------------- fund reports

    def test_fund_report_is_not_moved_to_another_organisation(self):
        group = self._new_group()
        report = self.FundReport.create(
            {"organization_id": self.branch_a.id, "date_from": "2040-01-01",
             "date_to": "2040-12-31"}
        )  # fmt: skip
        with self.assertRaisesRegex(AccessError, "set when the record is created"):
            rpc(self.env, self.officer_a, "party.fund.report", "write",
                {"organization_id": group.id}, ids=report.ids)  # fmt: skip
        self.assertEqual(report.organization_id, self.branch_a)

    def test_group_leader_does_not_approve_the_groups_fund_report(self):
        report = self.FundReport.create(
            {"organization_id": self.group_a.id, "date_from": "2040-01-01",
             "date_to": "2040-12-31"}
        )  # fmt: skip
        rpc(self.env, self.officer_a, "party.fund.report", "action_compute", ids=report.ids)
        with self.assertRaisesRegex(AccessError, "own organisation"):
            rpc(self.env, self.officer_a, "party.fund.report", "action_approve",
                ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "computed")

    # ------------------------------------------------------------- asset filings

    def test_group_leader_does_not_accept_the_groups_asset_filing(self):
        profile = fixed_asset_profile(self.env, "Group facilities")
        asset = self.env["account.asset"].create(
            {"name": "Group projector", "profile_id": profile.id, "purchase_value": 800.0,
             "date_start": self.today, "party_organization_id": self.group_a.id}
        )  # fmt: skip
        filing = self.env["party.asset.filing"].create(
            {"organization_id": self.group_a.id, "asset_id": asset.id, "note": "Projector"}
        )
        filing.with_user(self.officer_c).action_submit()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.asset.filing", "action_accept", ids=filing.ids)
        self.assertEqual(filing.state, "submitted")

    def test_group_leader_does_not_rate_the_groups_report_as_its_superior(self):
        report = self.Report.create(
            {"organization_id": self.group_a.id, "member_id": self.member_a.id, "year": 2040,
             "deadline": "2041-01-31"}
        )  # fmt: skip
        report.sudo()._party_action_write({"state": "rating", "filed_on": "2041-01-10"})
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.secretary.report", "action_rate_good",
                ids=report.ids)  # fmt: skip
        self.assertFalse(report.report_rating_ids)


@tagged("post_install", "-at_install")
class TestSuperiorButtons(PartySystemsCase):
    def test_the_submitter_is_not_offered_the_superiors_buttons(self):
        """The form offers Approve and Send Back to the superior only: the branch that
        submitted got an access error from them (issue 21, item 11)."""
        disclosure = _disclosure(self, self.branch_a, "Buttons")
        self.assertFalse(disclosure.with_user(self.officer_a).can_review)
        self.assertTrue(disclosure.with_user(self.officer_c).can_review)
        self.assertTrue(disclosure.with_user(self.admin).can_review)
