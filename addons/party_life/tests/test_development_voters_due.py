"""Admission and conversion votes count the branch's full members due
(party_branch.tools.voting), never a number typed in nor the meeting's list; the
roll of a held meeting stays. Attacks through RPC, as the Party administrator.

Branch A has 5 full members here: Secretary A, Member A and 3 more (who stay away).
"""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .test_development import NO_CAL, PartyDevelopmentCase


@tagged("post_install", "-at_install")
class TestDevelopmentVotersDue(PartyDevelopmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.away = cls._members(cls.branch_a, 3, prefix="Away")

    def _call(self, model, method, *args, ids=None, **kwargs):
        return rpc(self.env, self.admin, model, method, *args, ids=ids, **kwargs)

    def _roll(self, meeting, members):
        return meeting.attendance_ids.filtered(lambda a: a.member_id in members)

    def _meeting(self, day, present):
        """A branch assembly of Branch A on ``day``, still planned: ``present`` signed in."""
        start = datetime(day.year, day.month, day.day, 9, 0)
        meeting = self.Meeting.with_context(**NO_CAL).create(
            {
                "organization_id": self.branch_a.id,
                "meeting_type": "branch_assembly",
                "start": start,
                "stop": start + timedelta(hours=2),
                "late_entry_reason": "Minutes typed in late",
            }
        )
        self._roll(meeting, present).write({"state": "present"})
        return meeting

    def _held(self, meeting):
        self._call("party.meeting", "action_held", ids=meeting.ids)
        return meeting

    def test_number_due_is_counted_not_typed(self):
        dev = self._target()
        for field in ("voters_due", "conversion_voters_due"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self._call("party.development", "write", {field: 2}, ids=dev.ids)
        self.assertEqual((dev.voters_due, dev.conversion_voters_due), (0, 0))

    def test_cut_roll_and_two_votes_do_not_admit(self):
        meeting = self._meeting(date(2024, 6, 4), present=self.introducers)
        # the 3 absent names taken off the list before the meeting is recorded held
        self._call("party.meeting.attendance", "unlink", ids=self._roll(meeting, self.away).ids)
        self._held(meeting)
        dev = self._target(admission_meeting_id=meeting.id)
        self._call("party.development", "write", {"votes_for": 2}, ids=dev.ids)
        with self.assertRaisesRegex(UserError, "2 of the 5 full members due to vote were present"):
            self._call("party.development", "action_admission_vote", ids=dev.ids)
        self.assertFalse(dev.admission_voted)

    def test_votes_cast_cannot_exceed_the_members_present(self):
        meeting = self._held(self._meeting(date(2024, 6, 4), self.introducers | self.away[0]))
        dev = self._target(admission_meeting_id=meeting.id)
        self._call("party.development", "write", {"votes_for": 4}, ids=dev.ids)
        with self.assertRaisesRegex(UserError, "4 votes cast, but 3 full members"):
            self._call("party.development", "action_admission_vote", ids=dev.ids)
        self.assertFalse(dev.admission_voted)

    def test_three_present_of_five_admit_with_three_votes(self):
        meeting = self._held(self._meeting(date(2024, 6, 4), self.introducers | self.away[0]))
        dev = self._target(admission_meeting_id=meeting.id)
        self._call("party.development", "write", {"votes_for": 3}, ids=dev.ids)
        self._call("party.development", "action_admission_vote", ids=dev.ids)
        self.assertEqual((dev.admission_voted, dev.voters_due), (True, 5))

    def test_roll_of_a_held_assembly_is_not_deleted(self):
        meeting = self._held(self._meeting(date(2024, 6, 4), present=self.introducers))
        rows = self._roll(meeting, self.away)
        with self.assertRaisesRegex(UserError, "was held: its attendance list stays"):
            self._call("party.meeting.attendance", "unlink", ids=rows.ids)
        self.assertEqual(len(rows.exists()), 3)

    def test_held_assembly_is_not_deleted(self):
        meeting = self._held(self._meeting(date(2024, 6, 4), present=self.introducers))
        with self.assertRaisesRegex(UserError, "held meeting stays on record"):
            self._call("party.meeting", "unlink", ids=meeting.ids)
        self.assertTrue(meeting.exists())
        self.assertEqual(len(meeting.attendance_ids), 5)
