"""Red team: the reminder kinds are shared by every company. A Party administrator of
one company, through the RPC dispatch, does not switch off or make optional a
reminder the members of the other companies receive, nor wipe their choices."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import OtherCompanyCase


@tagged("post_install", "-at_install")
class TestRedteamReminderKinds(OtherCompanyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kind = cls.env.ref("party_branch.reminder_kind_notice_unread")

    def test_party_admin_of_one_company_does_not_make_a_required_reminder_optional(self):
        self.assertTrue(self.kind.required)
        with self.assertRaisesRegex(AccessError, "every company"):
            rpc(self.env, self.admin, "party.reminder.kind", "write", {"required": False},
                ids=self.kind.ids)  # fmt: skip
        self.assertTrue(self.kind.required)

    def test_party_admin_of_one_company_does_not_switch_a_reminder_off(self):
        with self.assertRaisesRegex(AccessError, "every company"):
            rpc(self.env, self.admin, "party.reminder.kind", "write", {"active": False},
                ids=self.kind.ids)  # fmt: skip
        self.assertTrue(self.kind.active)

    def test_party_admin_still_orders_the_reminders(self):
        rpc(self.env, self.admin, "party.reminder.kind", "write", {"sequence": 3},
            ids=self.kind.ids)  # fmt: skip
        self.assertEqual(self.kind.sequence, 3)
