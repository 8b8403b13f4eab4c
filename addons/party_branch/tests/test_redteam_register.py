"""Red-team review: a member's entry in the Party register is their contact
(``party.member`` delegates to ``res.partner``, ``active`` included). Archiving that
contact takes the member out of every list, count and check of the register, and
renaming it renames the member: neither is done by the member (portal's
/my/deactivate_account archives the contact with sudo) nor by an employee outside
the Party who manages contacts (Odoo's default user template gives "Contact
Creation"); only the officers who manage the member, or the server, do."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PortalPages, appoint_secretary, portal_member
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestRegisterContact(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.contact_manager = new_test_user(
            env,
            login="rt_contact_manager",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.officer = new_test_user(
            env, login="rt_register_officer", groups="party_branch.group_party_officer"
        )
        cls.branch = env["party.organization"].create(
            {"name": "Register Branch", "code": "RT-REG", "org_type": "branch"}
        )
        values = {
            "organization_id": cls.branch.id,
            "member_category": "full",
            "join_date": "2012-05-01",
            "full_date": "2013-05-01",
        }
        cls.portal_user, cls.member = portal_member(
            env, "rt_register_member", "Register Member Li", cls.branch, "rt_register_member_pw"
        )
        cls.secretary = env["party.member"].create(
            {**values, "name": "Register Secretary Wu", "user_id": cls.officer.id}
        )
        appoint_secretary(env, cls.branch, cls.secretary, "2024-01-01")

    def _in_register(self):
        return self.env["party.member"].search([("id", "=", self.member.id)])

    def test_deactivating_the_portal_account_keeps_the_member_in_the_register(self):
        self.authenticate("rt_register_member", "rt_register_member_pw")
        self.url_open(
            "/my/deactivate_account",
            data={
                "csrf_token": self._csrf_token("/my/security"),
                "validation": "rt_register_member",
                "password": "rt_register_member_pw",
            },
        )
        self.portal_user.invalidate_recordset(["active"])
        self.assertFalse(self.portal_user.active)  # the login is gone ...
        self.member.invalidate_recordset(["active"])
        self.assertEqual(self._in_register(), self.member)  # ... the member is not

    def test_contact_manager_does_not_archive_a_member(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.contact_manager, "res.partner", "action_archive",
                ids=[self.member.partner_id.id])  # fmt: skip
        self.assertEqual(self._in_register(), self.member)

    def test_contact_manager_does_not_rename_a_member(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.contact_manager, "res.partner", "write",
                [self.member.partner_id.id], {"name": "Someone Else"})  # fmt: skip
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Register Member Li")

    def test_officer_of_the_member_still_renames_them(self):
        rpc(self.env, self.officer, "res.partner", "write",
            [self.member.partner_id.id], {"name": "Register Member Li Na"})  # fmt: skip
        self.member.invalidate_recordset(["name"])
        self.assertEqual(self.member.name, "Register Member Li Na")

    def test_contact_manager_does_not_move_the_party_time_zone(self):
        company = self.env.company
        company.party_tz = False
        company.partner_id.tz = "Asia/Shanghai"
        with self.assertRaises(AccessError):
            rpc(self.env, self.contact_manager, "res.partner", "write",
                [company.partner_id.id], {"tz": "America/New_York"})  # fmt: skip
        self.assertEqual(self.env["res.company"]._party_tz_of(company), "Asia/Shanghai")
