import datetime
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tools import gb11643

from .rpc import rpc


@tagged("post_install", "-at_install")
class TestPortalMembership(HttpCase):
    """A member sees their own Party membership on the portal, and only theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_user = new_test_user(
            env,
            login="portal_party_member",
            groups="base.group_portal,party_branch.group_party_member",
        )
        branch = env["party.organization"].create(
            {"name": "Portal Branch", "code": "PORTAL-B", "org_type": "branch"}
        )
        other_branch = env["party.organization"].create(
            {"name": "Other Portal Branch", "code": "PORTAL-B2", "org_type": "branch"}
        )
        date = datetime.date
        cls.member, cls.stranger = env["party.member"].create(
            [
                {
                    "name": "Portal Member Sun",
                    "organization_id": branch.id,
                    "user_id": cls.portal_user.id,
                    "member_category": "full",
                    "join_date": "2012-05-01",
                    "full_date": "2013-05-01",
                    "id_number": gb11643.make(440103, date(1986, 6, 6), 24),
                },
                {
                    "name": "Stranger Qian",
                    "organization_id": other_branch.id,
                    "id_number": gb11643.make(440103, date(1977, 7, 7), 35),
                },
            ]
        )

    def test_member_sees_own_membership(self):
        self.authenticate("portal_party_member", "portal_party_member")
        response = self.url_open("/my/party/membership")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Portal Member Sun", response.text)
        self.assertIn("Portal Branch", response.text)
        self.assertIn(self.member.id_number, response.text)
        self.assertNotIn("Stranger Qian", response.text)
        self.assertNotIn(self.stranger.id_number, response.text)

    def test_portal_home_links_membership(self):
        self.authenticate("portal_party_member", "portal_party_member")
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/party", response.text)

    def test_user_without_membership_reads_why(self):
        new_test_user(self.env, login="portal_no_party", groups="base.group_portal")
        self.authenticate("portal_no_party", "portal_no_party")
        response = self.url_open("/my/party", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_home_not_member", response.text)
        self.assertNotIn("o_party_home_block", response.text)


@tagged("post_install", "-at_install")
class TestMemberOwnName(HttpCase):
    """A member does not rename their own entry in the Party register (issue 20: the
    routes of the dependencies; portal's /my/account writes the contact with sudo)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_user = new_test_user(
            env,
            login="portal_party_member",
            groups="base.group_portal,party_branch.group_party_member",
        )
        branch = env["party.organization"].create(
            {"name": "Portal Name Branch", "code": "PORTAL-N", "org_type": "branch"}
        )
        cls.member = env["party.member"].create(
            {
                "name": "Portal Member Sun",
                "organization_id": branch.id,
                "user_id": cls.portal_user.id,
                "member_category": "full",
                "join_date": "2012-05-01",
                "full_date": "2013-05-01",
            }
        )

    def test_my_account_does_not_rename_the_member(self):
        self.authenticate("portal_party_member", "portal_party_member")
        page = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        partner = self.member.partner_id
        response = self.url_open(
            "/my/account",
            data={
                "csrf_token": token,
                "name": "Someone Else",
                "email": partner.email or "sun@example.com",
                "phone": "+86 10 0000 0000",
                "street": "Street 1",
                "city": "Wuhan",
                "country_id": str(self.env.ref("base.cn").id),
            },
        )
        self.assertIn("kept by your organisation", response.text)
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Portal Member Sun")

    def test_my_account_still_saves_the_members_phone(self):
        self.authenticate("portal_party_member", "portal_party_member")
        page = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(
            "/my/account",
            data={
                "csrf_token": token,
                "name": "Portal Member Sun",
                "email": "sun@example.com",
                "phone": "+86 10 1234 5678",
                "street": "Street 1",
                "city": "Wuhan",
                "country_id": str(self.env.ref("base.cn").id),
            },
        )
        self.member.invalidate_recordset(["phone"])
        self.assertEqual(self.member.phone, "+86 10 1234 5678")

    def test_preferences_do_not_rename_the_member(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal_user, "res.users", "write", [self.portal_user.id],
                {"name": "Someone Else"})  # fmt: skip
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Portal Member Sun")
