import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tools import gb11643


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
        response = self.url_open("/my/party")
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

    def test_user_without_membership_is_sent_home(self):
        new_test_user(self.env, login="portal_no_party", groups="base.group_portal")
        self.authenticate("portal_no_party", "portal_no_party")
        response = self.url_open("/my/party", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
