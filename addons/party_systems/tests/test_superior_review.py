"""What is submitted to the superior organisation reaches its reviewer as an activity
(issue 21, item 2): the secretary of the nearest organisation above, else the
company's Party office; never who submitted it; done when the superior decides."""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .test_asset_filing import AssetFilingCase
from .test_disclosure import _disclosure


@tagged("post_install", "-at_install")
class TestSuperiorReview(AssetFilingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.branch_a.company_id
        cls.review_type = cls.env.ref("party_systems.mail_activity_type_superior_review")
        cls.chairs = cls._asset(cls.branch_a)

    def _reviews(self, record, done=False):
        """The superior's review activities on ``record`` (open, or done: archived or
        posted as done in the chatter)."""
        Activity = self.env["mail.activity"].with_context(active_test=False)
        activities = Activity.search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.review_type.id),
            ]
        )
        if done:
            return record.message_ids.filtered(
                lambda m: m.mail_activity_type_id == self.review_type
            )
        return activities.filtered("active")

    def _no_secretary_above(self):
        """The committee's secretary leaves; the company names its Party office."""
        self.pos_secretary_c.date_end = self.today - timedelta(days=1)
        self.company.party_office_user_ids = self.admin
        self.env.invalidate_all()

    def test_submitted_disclosure_gives_the_superior_secretary_one_activity(self):
        disclosure = _disclosure(self, self.branch_a, "Dues 2026")
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        reviews = self._reviews(disclosure)
        self.assertEqual(reviews.user_id, self.officer_c)
        self.assertEqual(len(reviews), 1)
        self.assertFalse(reviews.filtered(lambda a: a.user_id == self.officer_a))
        self.assertEqual(reviews.summary, "Approve or reject the disclosure")

    def test_approving_a_disclosure_closes_the_activity(self):
        disclosure = _disclosure(self, self.branch_a, "Dues 2026")
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        rpc(self.env, self.officer_c, "party.disclosure", "action_approve", ids=disclosure.ids)
        self.assertFalse(self._reviews(disclosure))
        self.assertEqual(len(self._reviews(disclosure, done=True)), 1)

    def test_rejecting_a_disclosure_closes_the_activity(self):
        disclosure = _disclosure(self, self.branch_a, "Dues 2026")
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        rpc(self.env, self.officer_c, "party.disclosure", "action_reject", ids=disclosure.ids)
        self.assertFalse(self._reviews(disclosure))
        # submitted again: one new activity, not two
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        self.assertEqual(len(self._reviews(disclosure)), 1)

    def test_without_a_secretary_above_the_party_office_gets_it(self):
        self._no_secretary_above()
        disclosure = _disclosure(self, self.branch_a, "Dues 2026")
        rpc(self.env, self.officer_a, "party.disclosure", "action_submit", ids=disclosure.ids)
        self.assertEqual(self._reviews(disclosure).user_id, self.admin)
        rpc(self.env, self.admin, "party.disclosure", "action_approve", ids=disclosure.ids)
        self.assertFalse(self._reviews(disclosure))

    def test_submitted_asset_filing_gives_the_superior_secretary_one_activity(self):
        filing = self._filing(user=self.officer_a)
        rpc(self.env, self.officer_a, "party.asset.filing", "action_submit", ids=filing.ids)
        reviews = self._reviews(filing)
        self.assertEqual((len(reviews), reviews.user_id), (1, self.officer_c))

    def test_accepting_an_asset_filing_closes_the_activity(self):
        filing = self._submitted()
        rpc(self.env, self.officer_c, "party.asset.filing", "action_accept", ids=filing.ids)
        self.assertEqual(filing.state, "accepted")
        self.assertFalse(self._reviews(filing))
        self.assertEqual(len(self._reviews(filing, done=True)), 1)

    def test_computed_fund_report_waits_for_the_superior(self):
        report = self.env["party.fund.report"].create(
            {"organization_id": self.branch_a.id, "date_from": self.today, "date_to": self.today}
        )
        rpc(self.env, self.officer_a, "party.fund.report", "action_compute", ids=report.ids)
        rpc(self.env, self.officer_a, "party.fund.report", "action_compute", ids=report.ids)
        reviews = self._reviews(report)
        self.assertEqual((len(reviews), reviews.user_id), (1, self.officer_c))
        rpc(self.env, self.officer_c, "party.fund.report", "action_approve", ids=report.ids)
        self.assertFalse(self._reviews(report))

    def test_fund_report_taken_back_to_draft_leaves_nothing_to_review(self):
        report = self.env["party.fund.report"].create(
            {"organization_id": self.branch_a.id, "date_from": self.today, "date_to": self.today}
        )
        rpc(self.env, self.officer_a, "party.fund.report", "action_compute", ids=report.ids)
        rpc(self.env, self.officer_a, "party.fund.report", "action_reset_draft", ids=report.ids)
        self.assertFalse(self._reviews(report))

    def test_secretary_report_in_rating_waits_for_the_superior(self):
        report = self._secretary_report()
        rpc(self.env, self.officer_a, "party.secretary.report", "action_file", ids=report.ids)
        rpc(self.env, self.officer_a, "party.secretary.report", "action_open_rating",
            ids=report.ids)  # fmt: skip
        reviews = self._reviews(report)
        self.assertEqual((len(reviews), reviews.user_id), (1, self.officer_c))
        rpc(self.env, self.officer_c, "party.secretary.report", "action_close", ids=report.ids)
        self.assertFalse(self._reviews(report))

    def test_the_submitter_above_is_not_the_reviewer(self):
        """The committee's secretary submits for the group below the branch: the
        branch's secretary leads the group (a position in it), so the committee's
        secretary is next, but submitted it: the Party office reviews."""
        self.company.party_office_user_ids = self.admin
        disclosure = _disclosure(self, self.group_a, "Group notice")
        rpc(self.env, self.officer_c, "party.disclosure", "action_submit", ids=disclosure.ids)
        self.assertEqual(self._reviews(disclosure).user_id, self.admin)
