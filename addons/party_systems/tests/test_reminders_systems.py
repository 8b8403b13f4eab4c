"""party_systems' reminders (party.reminder, see party_branch/tests/test_reminders.py):
a decision the members vote themselves, open while the member present has not voted
(joining party_life's ``vote_open``), and the secretary's report of the member's
branch open for rating (optional)."""

from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import ReminderMixin
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase

DAY = date(2031, 5, 14)


@tagged("post_install", "-at_install")
class TestSystemsReminders(ReminderMixin, PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reminder = cls.env["party.reminder"]
        cls.rating_kind = cls.env.ref("party_systems.reminder_kind_report_rating")

    def _report_being_rated(self):
        report = self._secretary_report(year=2030, deadline=date(2031, 1, 31))
        report.with_user(self.officer_a).action_file()
        report.action_open_rating()
        return report

    def test_decision_open_reminds_the_members_present_who_have_not_voted(self):
        decision = self._voting(name="Volunteer team", voting_method="members")
        self._present(self.member_a | self.voters[0])
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "vote_open")
        body = self._mail(digest).body_html
        self.assertIn("Volunteer team", body)
        self.assertIn(f"/my/party/decisions/{decision.id}", body)
        self.assertFalse(self._digest(self.voters[1]))  # not present: does not vote
        rpc(self.env, self.portal, "party.decision", "action_vote_for", ids=decision.ids)
        self.Reminder._run(DAY + timedelta(days=1))
        self.assertFalse(self._digest(self.member_a, DAY + timedelta(days=1)))

    def test_show_of_hands_reminds_no_one(self):
        self._voting(name="By hands")
        self._present(self.member_a)
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))

    def test_report_to_rate_until_rated_never_the_secretary(self):
        report = self._report_being_rated()
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "report_rating")
        self.assertIn(f"/my/party/secretary-reports/{report.id}", self._mail(digest).body_html)
        self.assertNotIn("report_rating", self._digest(self.secretary_a).kind_codes or "")
        rpc(self.env, self.portal, "party.secretary.report", "action_rate_good", ids=report.ids)
        self.Reminder._run(DAY + timedelta(days=1))
        self.assertFalse(self._digest(self.member_a, DAY + timedelta(days=1)))

    def test_report_rating_is_optional(self):
        self._report_being_rated()
        rpc(self.env, self.portal, "party.member", "action_set_my_reminders",
            [self.rating_kind.id])  # fmt: skip
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))

    def test_vote_and_report_in_one_digest(self):
        self._report_being_rated()
        self._voting(name="Volunteer team", voting_method="members")
        self._present(self.member_a)
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "vote_open,report_rating")
        self.assertEqual(len(self._mail(digest)), 1)
