import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tools import gb11643

from .common import PortalPages, portal_member
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestPortalMembership(HttpCase):
    """A member sees their own Party membership on the portal, and only theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        branch = env["party.organization"].create(
            {"name": "Portal Branch", "code": "PORTAL-B", "org_type": "branch"}
        )
        other_branch = env["party.organization"].create(
            {"name": "Other Portal Branch", "code": "PORTAL-B2", "org_type": "branch"}
        )
        date = datetime.date
        cls.portal_user, cls.member = portal_member(
            env,
            "portal_party_member",
            "Portal Member Sun",
            branch,
            id_number=gb11643.make(440103, date(1986, 6, 6), 24),
        )
        cls.stranger = env["party.member"].create(
            {
                "name": "Stranger Qian",
                "organization_id": other_branch.id,
                "id_number": gb11643.make(440103, date(1977, 7, 7), 35),
            }
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
class TestMemberOwnName(PortalPages, HttpCase):
    """A member does not rename their own entry in the Party register (issue 20: the
    routes of the dependencies; portal's /my/account writes the contact with sudo)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch = cls.env["party.organization"].create(
            {"name": "Portal Name Branch", "code": "PORTAL-N", "org_type": "branch"}
        )
        cls.portal_user, cls.member = portal_member(
            cls.env, "portal_party_member", "Portal Member Sun", branch
        )

    def _save_my_account(self, name, email, phone):
        """The member saves portal's /my/account form."""
        self.authenticate("portal_party_member", "portal_party_member")
        return self.url_open(
            "/my/account",
            data={
                "csrf_token": self._csrf_token("/my/account"),
                "name": name,
                "email": email,
                "phone": phone,
                "street": "Street 1",
                "city": "Wuhan",
                "country_id": str(self.env.ref("base.cn").id),
            },
        )

    def test_my_account_does_not_rename_the_member(self):
        email = self.member.partner_id.email or "sun@example.com"
        response = self._save_my_account("Someone Else", email, "+86 10 0000 0000")
        self.assertIn("kept by your organisation", response.text)
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Portal Member Sun")

    def test_my_account_still_saves_the_members_phone(self):
        self._save_my_account("Portal Member Sun", "sun@example.com", "+86 10 1234 5678")
        self.member.invalidate_recordset(["phone"])
        self.assertEqual(self.member.phone, "+86 10 1234 5678")

    def test_preferences_do_not_rename_the_member(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal_user, "res.users", "write", [self.portal_user.id],
                {"name": "Someone Else"})  # fmt: skip
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Portal Member Sun")
