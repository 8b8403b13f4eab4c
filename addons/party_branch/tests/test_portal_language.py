"""The member's own membership page and the Party section of /my, in Chinese."""

import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tools import gb11643

from .common import PortalPages, activate_chinese, member_user


@tagged("post_install", "-at_install")
class TestPortalLanguage(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        activate_chinese(env, ["party_branch"])
        cls.member_user = member_user(env, "pbl_member", lang="zh_CN")
        branch = env["party.organization"].create(
            {"name": "PBL Branch", "code": "PBL-B", "org_type": "branch"}
        )
        env["party.member"].create(
            {
                "name": "PBL Member",
                "organization_id": branch.id,
                "user_id": cls.member_user.id,
                "member_category": "full",
                "join_date": "2012-05-01",
                "full_date": "2013-05-01",
                "id_number": gb11643.make(440103, datetime.date(1986, 6, 6), 26),
            }
        )

    def test_membership_page_title_in_chinese(self):
        self.authenticate("pbl_member", "pbl_member")
        page = self._page("/my/party/membership")
        self.assertTrue(self._title(page).startswith("我的党员信息"), self._title(page))

    def test_member_home_in_chinese(self):
        self.authenticate("pbl_member", "pbl_member")
        page = self._page("/my/party")
        self.assertTrue(self._title(page).startswith("我的党员主页"), self._title(page))
        self.assertIn("未读通知", page)
        self.assertIn("党组织发给您的通知将显示在这里。", page)
        self.assertIn("我的党组织", page)

    def test_my_home_party_section_first(self):
        page = self._my_home_party_first("pbl_member")
        self.assertIn(">党建</h5>", page)
        self.assertIn('<img src="/party_branch/static/src/img/portal_membership.svg"', page)
        self.assertNotIn("/party_branch/static/description/icon.png", page)

    def test_no_party_section_outside_the_party(self):
        new_test_user(self.env, login="pbl_customer", groups="base.group_portal")
        self.authenticate("pbl_customer", "pbl_customer")
        self.assertNotIn("portal_party_category", self._page("/my"))
