"""Saving a meeting does not make the secretary wait for one mail per attendee, and a
save that changed the place mails nobody "the date changed" (issue 21, item 12)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .test_meeting import PartyMeetingCase

TEMPLATES = {
    "invitation": "calendar.calendar_template_meeting_invitation",
    "changedate": "calendar.calendar_template_meeting_changedate",
}


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestMeetingInvitations(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.secretary_a | cls.member_a).write({"email": "a@example.com"})

    def _mails(self, meeting):
        """The calendar mails of the meeting's event, by the template's subject."""
        event = meeting.calendar_event_id
        return self.env["mail.message"].search(
            [("model", "=", "calendar.event"), ("res_id", "=", event.id),
             ("message_type", "=", "user_notification")]
        )  # fmt: skip

    def _new_meeting(self):
        start = datetime(2026, 6, 10, 14, 0)
        return self.Meeting.with_user(self.officer_a).create(
            {
                "organization_id": self.branch_a.id,
                "meeting_type": "party_lecture",
                "start": start,
                "stop": start + timedelta(hours=2),
                "location": "Activity room",
            }
        )

    def test_the_save_sends_no_mail_and_leaves_the_invitations_to_the_queue(self):
        meeting = self._new_meeting()
        self.assertFalse(self._mails(meeting))
        self.assertEqual(
            meeting.sudo().invitation_pending_ids, meeting.calendar_event_id.attendee_ids
        )

    def test_the_queue_invites_each_attendee_once(self):
        meeting = self._new_meeting()
        self.env["party.meeting"]._cron_send_invitations()
        mails = self._mails(meeting)
        self.assertEqual(len(mails), 2)
        self.assertFalse(meeting.sudo().invitation_pending_ids)
        self.env["party.meeting"]._cron_send_invitations()
        self.assertEqual(len(self._mails(meeting)), 2)

    def test_a_new_place_mails_nobody(self):
        meeting = self._new_meeting()
        self.env["party.meeting"]._cron_send_invitations()
        meeting.with_user(self.officer_a).write({"location": "Room 2"})
        self.assertEqual(meeting.calendar_event_id.location, "Room 2")
        self.assertEqual(len(self._mails(meeting)), 2)

    def test_a_new_date_is_mailed_to_the_attendees(self):
        meeting = self._new_meeting()
        self.env["party.meeting"]._cron_send_invitations()
        invitations = self._mails(meeting)
        meeting.with_user(self.officer_a).write(
            {"start": datetime(2026, 6, 11, 14, 0), "stop": datetime(2026, 6, 11, 16, 0)}
        )
        # Calendar mails the attendees but the organiser (the secretary who moved it)
        moved = self._mails(meeting) - invitations
        self.assertEqual(moved.partner_ids, self.member_a.partner_id)

    def test_a_cancelled_meeting_sends_no_pending_invitation(self):
        meeting = self._new_meeting()
        meeting.with_user(self.officer_a).action_cancel()
        self.env["party.meeting"]._cron_send_invitations()
        self.assertFalse(self._mails(meeting))
