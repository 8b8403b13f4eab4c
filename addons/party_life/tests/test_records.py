"""Member records (党员管理): who sees which record."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestMemberRecords(PartyBranchCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.Record = cls.env["party.member.record"]
        cls.record_a = cls.Record.create(
            {"member_id": cls.member_a.id, "record_type": "material", "name": "Thought report"}
        )
        cls.record_a2 = cls.Record.create(
            {"member_id": cls.secretary_a.id, "record_type": "work", "name": "Branch work"}
        )
        cls.record_b = cls.Record.create(
            {"member_id": cls.member_b.id, "record_type": "dynamic", "name": "Award"}
        )
        cls.mine = cls.record_a | cls.record_a2 | cls.record_b

    def test_organization_related(self):
        self.assertEqual(self.record_a.organization_id, self.branch_a)
        self.assertEqual(self.record_b.organization_id, self.branch_b)

    def test_member_sees_own_only(self):
        records = self.Record.with_user(self.portal).search([("id", "in", self.mine.ids)])
        self.assertEqual(records, self.record_a)
        with self.assertRaises(AccessError):
            self.record_b.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.record_a.with_user(self.portal).write({"name": "Changed"})

    def test_officer_manages_own_branch(self):
        Record = self.Record.with_user(self.officer_a)
        self.assertEqual(
            Record.search([("id", "in", self.mine.ids)]), self.record_a | self.record_a2
        )
        new = Record.create({"member_id": self.member_a.id, "record_type": "work", "name": "Duty"})
        self.assertEqual(new.organization_id, self.branch_a)
        new.write({"name": "Duty done"})

    def test_officer_of_other_branch_cannot_read(self):
        with self.assertRaises(AccessError):
            self.record_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError):
            self.Record.with_user(self.officer_b).create(
                {"member_id": self.member_a.id, "record_type": "work", "name": "Intrusion"}
            )

    def test_committee_officer_reads_sub_organisations(self):
        records = self.Record.with_user(self.officer_c).search([("id", "in", self.mine.ids)])
        self.assertEqual(records, self.mine)

    def test_auditor_reads_only(self):
        records = self.Record.with_user(self.auditor).search([("id", "in", self.mine.ids)])
        self.assertEqual(records, self.mine)
        with self.assertRaises(AccessError):
            self.record_a.with_user(self.auditor).write({"name": "Changed"})

    def test_profile_count_and_action(self):
        self.assertEqual(self.member_a.record_count, 1)
        action = self.member_a.action_view_records()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), self.record_a)
