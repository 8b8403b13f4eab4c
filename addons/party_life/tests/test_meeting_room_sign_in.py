"""Sign-in at the meeting's room: the room screen's QR code (a token) and 6-digit code.

A token or code is the HMAC of the meeting's server-side secret, the meeting and the
30-second slot; it is accepted in its slot and the next one only. Through the RPC
dispatch (as dev tools would call it) and through the portal routes (HTTP).
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyTourCase
from odoo.addons.party_branch.tests.rpc import rpc

from .common import theme_day_under_way
from .test_meeting import PartyMeetingCase


@tagged("post_install", "-at_install")
class TestMeetingRoomSignIn(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 14:00:00 UTC starts a 30-second slot
        cls.meeting = cls._branch_a_meeting()
        cls.other_meeting = cls._meeting(cls.branch_a, cls.start, meeting_type="theme_day")

    def _token(self, at, meeting=None):
        meeting = meeting or self.meeting
        return meeting._room_token(meeting._room_slot(at))

    def _code(self, at, meeting=None):
        meeting = meeting or self.meeting
        return meeting._room_code(meeting._room_slot(at))

    def _sign_in(self, user=None, **kwargs):
        return self._member_rpc("action_sign_in_room", user, **kwargs)

    def assertNotSignedIn(self, member=None):  # pylint: disable=invalid-name
        attendance = self._attendance(member or self.member_a)
        self.assertEqual(attendance.state, "expected")
        self.assertFalse(attendance.signed_at)

    def test_token_59_seconds_old_signs_in(self):
        token = self._token(self.start)
        with freeze_time(self.start + timedelta(seconds=59)):
            self._sign_in(token=token)
        attendance = self._attendance(self.member_a)
        self.assertEqual(attendance.state, "present")
        self.assertEqual(attendance.signed_at, self.start + timedelta(seconds=59))

    def test_token_61_seconds_old_refused(self):
        token = self._token(self.start)
        with freeze_time(self.start + timedelta(seconds=61)):
            with self.assertRaisesRegex(UserError, "not valid for .* or has expired"):
                self._sign_in(token=token)
        self.assertNotSignedIn()

    def test_previous_slot_token_accepted(self):
        previous = self._token(self.start + timedelta(seconds=25))
        with freeze_time(self.start + timedelta(seconds=35)):
            self._sign_in(token=previous)
        self.assertEqual(self._attendance(self.member_a).state, "present")

    def test_other_meetings_token_refused(self):
        token = self._token(self.start, meeting=self.other_meeting)
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "not valid for"):
                self._sign_in(token=token)
        self.assertNotSignedIn()

    def test_forged_token_refused(self):
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "not valid for"):
                self._sign_in(token="0" * 32)
        self.assertNotSignedIn()

    def test_member_not_expected_refused(self):
        token = self._token(self.start)
        with freeze_time(self.start):
            with self.assertRaisesRegex(AccessError, "not an expected attendee"):
                self._sign_in(user=self.officer_b, token=token)
        self.assertEqual(self.meeting.present_count, 0)

    def test_outside_the_window_refused(self):
        late = self.meeting.stop + timedelta(minutes=31)
        token = self._token(late)
        with freeze_time(late):
            with self.assertRaisesRegex(UserError, "30 minutes"):
                self._sign_in(token=token)
        self.assertNotSignedIn()

    def test_second_sign_in_refused(self):
        with freeze_time(self.start):
            self._sign_in(token=self._token(self.start))
        later = self.start + timedelta(minutes=5)
        with freeze_time(later):
            with self.assertRaisesRegex(UserError, "already signed in"):
                self._sign_in(token=self._token(later))
        self.assertEqual(self._attendance(self.member_a).signed_at, self.start)

    def test_six_digit_code_signs_in(self):
        code = self._code(self.start)
        self.assertRegex(code, r"^\d{6}$")
        with freeze_time(self.start + timedelta(seconds=40)):
            self._sign_in(code=code)
        self.assertEqual(self._attendance(self.member_a).state, "present")

    def test_six_digit_code_61_seconds_old_refused(self):
        code = self._code(self.start)
        with freeze_time(self.start + timedelta(seconds=61)):
            with self.assertRaisesRegex(UserError, "has expired"):
                self._sign_in(code=code)
        self.assertNotSignedIn()

    def test_other_meetings_code_refused(self):
        code = self._code(self.start, meeting=self.other_meeting)
        self.assertNotEqual(code, self._code(self.start))
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "not valid for"):
                self._sign_in(code=code)
        self.assertNotSignedIn()

    def test_no_token_nor_code_refused(self):
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "not valid for"):
                self._sign_in()
        self.assertNotSignedIn()

    def test_sign_in_signs_in_only_the_callers_own_attendance(self):
        with freeze_time(self.start):
            self._sign_in(user=self.officer_a, code=self._code(self.start))
        self.assertEqual(self._attendance(self.secretary_a).state, "present")
        self.assertNotSignedIn(self.member_a)

    def test_room_secret_unreadable_over_rpc(self):
        self.meeting._room_secret()
        for user in (self.portal, self.officer_a, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(
                    self.env,
                    user,
                    "party.meeting",
                    "read",
                    ["room_secret"],
                    ids=self.meeting.ids,
                )

    def test_room_secret_not_writable_over_rpc(self):
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.officer_a,
                "party.meeting",
                "write",
                {"room_secret": "known"},
                ids=self.meeting.ids,
            )
        self.assertNotEqual(self.meeting.sudo().room_secret, "known")

    def test_room_screen_action_refused_to_an_officer_of_another_branch(self):
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.officer_b,
                "party.meeting",
                "action_open_room_screen",
                ids=self.meeting.ids,
            )

    def test_room_screen_action_opens_the_room_for_the_officer(self):
        action = rpc(
            self.env,
            self.officer_a,
            "party.meeting",
            "action_open_room_screen",
            ids=self.meeting.ids,
        )
        self.assertEqual(action["url"], f"/party/meeting/{self.meeting.id}/room")


@tagged("post_install", "-at_install")
class TestMeetingRemoteSignIn(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._branch_a_meeting()

    def test_remote_sign_in_off_by_default(self):
        self.assertFalse(self.branch_a.party_remote_sign_in)

    def test_remote_button_refused_unless_the_organisation_allows_it(self):
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "does not allow remote sign-in"):
                rpc(self.env, self.portal, "party.meeting", "action_sign_in", ids=self.meeting.ids)
        self.assertEqual(self._attendance().state, "expected")

    def test_remote_button_hidden_unless_the_organisation_allows_it(self):
        with freeze_time(self.start):
            meeting = self.meeting.with_user(self.portal)
            self.assertTrue(meeting.can_sign_in)
            self.assertFalse(meeting.can_sign_in_remote)

    def test_remote_button_signs_in_where_the_organisation_allows_it(self):
        self.branch_a.party_remote_sign_in = True
        with freeze_time(self.start):
            self.assertTrue(self.meeting.with_user(self.portal).can_sign_in_remote)
            rpc(self.env, self.portal, "party.meeting", "action_sign_in", ids=self.meeting.ids)
        self.assertEqual(self._attendance().state, "present")


@tagged("post_install", "-at_install")
class TestMeetingRoomPortal(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        officer = "base.group_user,party_branch.group_party_officer"
        member = "base.group_portal,party_branch.group_party_member"
        cls.secretary_user = new_test_user(cls.env, login="pmr_secretary", groups=officer)
        cls.other_secretary_user = new_test_user(cls.env, login="pmr_other", groups=officer)
        cls.member_user = new_test_user(cls.env, login="pmr_member", groups=member)
        Org = cls.env["party.organization"]
        cls.branch = Org.create({"name": "Room Branch", "code": "PMR-B1", "org_type": "branch"})
        cls.other_branch = Org.create(
            {"name": "Other Room Branch", "code": "PMR-B2", "org_type": "branch"}
        )
        Member = cls.env["party.member"]
        common = {
            "member_category": "full",
            "join_date": "2010-03-01",
            "full_date": "2011-03-01",
        }
        secretary = Member.create(
            {
                "name": "Room Secretary",
                "user_id": cls.secretary_user.id,
                "organization_id": cls.branch.id,
                **common,
            }
        )
        other_secretary = Member.create(
            {
                "name": "Other Room Secretary",
                "user_id": cls.other_secretary_user.id,
                "organization_id": cls.other_branch.id,
                **common,
            }
        )
        cls.member = Member.create(
            {
                "name": "Room Member",
                "user_id": cls.member_user.id,
                "organization_id": cls.branch.id,
                **common,
            }
        )
        secretary_type = cls.env.ref("party_branch.position_type_secretary").id
        cls.env["party.position"].create(
            [
                {
                    "organization_id": org.id,
                    "member_id": who.id,
                    "position_type_id": secretary_type,
                    "date_start": "2024-01-01",
                }
                for org, who in ((cls.branch, secretary), (cls.other_branch, other_secretary))
            ]
        )
        cls.meeting = theme_day_under_way(cls.env, cls.branch, "Room Theme Day")

    def _attendance(self):
        return self.meeting.attendance_ids.filtered(lambda a: a.member_id == self.member)

    def _token(self):
        return self.meeting._room_token(self.meeting._room_slot())

    def _code(self):
        return self.meeting._room_code(self.meeting._room_slot())

    def test_qr_link_shows_a_confirm_page_and_writes_nothing(self):
        self.authenticate("pmr_member", "pmr_member")
        token = self._token()
        page = self.url_open(f"/my/meetings/{self.meeting.id}/sign-in?token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Confirm Sign-In", page.text)
        self.assertIn(f"/my/meetings/{self.meeting.id}/sign-in/confirm", page.text)
        self.assertIn(token, page.text)
        self.assertEqual(self._attendance().state, "expected")

    def test_confirm_post_signs_in(self):
        self.authenticate("pmr_member", "pmr_member")
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm",
            data={"token": self._token(), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("You are signed in", response.text)
        self.assertEqual(self._attendance().state, "present")

    def test_confirm_post_without_csrf_refused(self):
        self.authenticate("pmr_member", "pmr_member")
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm", data={"token": self._token()}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._attendance().state, "expected")

    def test_stale_token_shows_the_rule(self):
        self.authenticate("pmr_member", "pmr_member")
        stale = self.meeting._room_token(self.meeting._room_slot() - 2)
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm",
            data={"token": stale, "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("has expired", response.text)
        self.assertEqual(self._attendance().state, "expected")

    def test_member_types_the_code_on_my_meetings(self):
        self.authenticate("pmr_member", "pmr_member")
        page = self.url_open("/my/meetings")
        self.assertIn("o_party_meeting_code", page.text)
        # the branch does not allow remote sign-in: no plain button
        self.assertNotIn(f"/my/meetings/{self.meeting.id}/sign_in", page.text)
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm",
            data={"code": self._code(), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("You are signed in", response.text)
        self.assertEqual(self._attendance().state, "present")

    def test_member_not_expected_refused_on_the_portal(self):
        self.authenticate("pmr_other", "pmr_other")
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm",
            data={"code": self._code(), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("not an expected attendee", response.text)
        self.assertEqual(self.meeting.present_count, 0)

    def test_room_screen_shows_the_qr_code_and_the_code_to_the_officer(self):
        self.authenticate("pmr_secretary", "pmr_secretary")
        response = self.url_open(f"/party/meeting/{self.meeting.id}/room")
        self.assertEqual(response.status_code, 200)
        self.assertIn("data:image/png;base64,", response.text)
        self.assertIn(self._code(), response.text)
        self.assertIn('http-equiv="refresh"', response.text)

    def test_room_screen_refused_to_an_officer_of_another_branch(self):
        self.authenticate("pmr_other", "pmr_other")
        response = self.url_open(f"/party/meeting/{self.meeting.id}/room")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self._code(), response.text)

    def test_room_screen_refused_to_a_member(self):
        self.authenticate("pmr_member", "pmr_member")
        response = self.url_open(f"/party/meeting/{self.meeting.id}/room")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self._code(), response.text)

    def test_too_many_wrong_codes_refuse_even_the_right_one(self):
        self.authenticate("pmr_member", "pmr_member")
        wrong = f"{(int(self._code()) + 1) % 10**6:06d}"
        for _attempt in range(10):
            self.url_open(
                f"/my/meetings/{self.meeting.id}/sign-in/confirm",
                data={"code": wrong, "csrf_token": http.Request.csrf_token(self)},
            )
        response = self.url_open(
            f"/my/meetings/{self.meeting.id}/sign-in/confirm",
            data={"code": self._code(), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Too many wrong codes", response.text)
        self.assertEqual(self._attendance().state, "expected")
