"""The member's meeting and appraisal pages say what became of the last action with the
suite's one portal message (party_branch/controllers/portal_base.py): a refusal is
shown on the next page once, in the member's language; nothing of a page's address is
ever shown."""

import datetime
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import (
    PortalPages,
    activate_chinese,
    create_full_members,
    member_user,
)

from .common import voting_appraisal


@tagged("post_install", "-at_install")
class TestLifePortalFlash(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        activate_chinese(env, ["party_branch", "party_life"])
        cls.member_user = member_user(env, "plf_member")
        cls.chinese_user = member_user(env, "plf_chinese", lang="zh_CN")
        Org = env["party.organization"]
        cls.branch = Org.create(
            {"name": "PLF Branch", "code": "PLF-B1", "org_type": "branch"}
        )  # remote sign-in allowed: the plain "Sign In" button works
        cls.branch.party_remote_sign_in = True
        other = Org.create({"name": "PLF Other", "code": "PLF-B2", "org_type": "branch"})
        born = datetime.date(1980, 1, 1)
        member, chinese, colleague = create_full_members(
            env,
            cls.branch,
            [("PLF Member", born, 21), ("PLF Chinese", born, 23), ("PLF Colleague", born, 25)],
        )
        member.user_id = cls.member_user
        chinese.user_id = cls.chinese_user
        create_full_members(env, other, [("PLF Outsider", born, 27)])
        Meeting = env["party.meeting"].with_context(party_meeting_no_calendar=True)
        now = fields.Datetime.now().replace(microsecond=0)
        cls.ours, cls.theirs = Meeting.create(
            [
                {"organization_id": org.id, "meeting_type": "theme_day", "name": name,
                 "start": now - timedelta(minutes=5), "stop": now + timedelta(hours=2)}
                for org, name in ((cls.branch, "PLF Theme Day"), (other, "PLF Other Day"))
            ]
        )  # fmt: skip
        cls.appraisal = voting_appraisal(env, cls.branch, 2031)

    def _sign_in(self, meeting):
        return self.url_open(
            f"/my/meetings/{meeting.id}/sign_in",
            data={"csrf_token": http.Request.csrf_token(self)},
        )

    def test_sign_in_at_a_meeting_not_theirs_is_refused_on_the_next_page_once(self):
        self.authenticate("plf_member", "plf_member")
        response = self._sign_in(self.theirs)
        self.assertEqual(response.url, f"{self.base_url()}/my/meetings")
        self.assertIn("o_party_flash", response.text)
        self.assertIn("You are not an expected attendee of this meeting.", response.text)
        self.assertNotIn("not an expected attendee", self.url_open("/my/meetings").text)
        # a meeting that does not exist: the same answer
        response = self._sign_in(self.theirs.browse(999999999))
        self.assertIn("You are not an expected attendee of this meeting.", response.text)
        self.assertFalse(self.theirs.attendance_ids.filtered(lambda a: a.state == "present"))

    def test_crafted_message_and_error_params_show_nothing(self):
        self.authenticate("plf_member", "plf_member")
        appraisal = f"/my/appraisals/{self.appraisal.id}"
        urls = (
            "/my/meetings?message=signed_in",
            "/my/meetings?message=leave_requested",
            "/my/meetings?error=PLFforged+call+us",
            f"{appraisal}?message=voted",
            f"{appraisal}?message=saved",
            f"{appraisal}?error=PLFforged+call+us",
        )
        self._assert_pages(
            urls,
            200,
            "o_party_flash",
            "You are signed in",
            "Your leave request is sent",
            "Your ballot has been cast",
            "Your self-assessment has been saved",
            "PLFforged call us",
        )

    def test_the_message_is_in_the_members_language(self):
        self.authenticate("plf_chinese", "plf_chinese")
        response = self._sign_in(self.ours)
        self.assertIn("您已签到。", response.text)
        response = self._sign_in(self.theirs)
        self.assertIn("您不是本次会议的应到人员。", response.text)
