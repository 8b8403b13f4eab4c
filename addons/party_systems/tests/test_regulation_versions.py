"""A regulation is amended by a new version: the text in force is never rewritten, the
new version replaces it from its own effective date, shows what changed, and is
required reading again."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestRegulationVersions(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regulation = cls._assembly_rules()

    def _amend(self, regulation=None, user=None):
        action = rpc(
            self.env, user or self.officer_a, "party.regulation", "action_amend",
            ids=(regulation or self.regulation).ids,
        )  # fmt: skip
        return self.env["party.regulation"].browse(action["res_id"])

    def test_amendment_replaces_the_version_in_force_from_its_effective_date(self):
        rpc(self.env, self.portal, "party.regulation", "action_acknowledge",
            ids=self.regulation.ids)  # fmt: skip
        new = self._amend()
        tomorrow = self.today + timedelta(days=1)
        self.assertEqual(
            (new.name, new.column, new.organization_id, new.body, new.required_reading),
            (self.regulation.name, "deliberation", self.branch_a, self.regulation.body, True),
        )
        self.assertEqual((new.version, new.previous_id, new.root_id), (2, self.regulation,
                                                                       self.regulation))  # fmt: skip
        self.assertEqual((new.effective_date, self.regulation.repeal_date), (tomorrow, tomorrow))
        self.assertTrue(self.regulation.in_force)  # until the new version takes effect
        self.assertFalse(new.in_force)
        self.assertEqual(self.regulation.version_count, 2)
        self.assertEqual(new.version_count, 2)
        # required reading again: the member's acknowledgement stays with version 1
        self.assertEqual(self.regulation.ack_ids.member_id, self.member_a)
        self.assertFalse(new.ack_ids)

        # the officer moves the new version's date: the previous one's repeal follows
        new.with_user(self.officer_a).write(
            {"effective_date": self.today + timedelta(days=10),
             "body": "<p>The assembly meets every month.</p>"}
        )  # fmt: skip
        self.assertEqual(self.regulation.repeal_date, self.today + timedelta(days=10))
        self.assertIn("<added>", new.changes)
        self.assertIn("<removed>", new.changes)
        self.assertIn("month", new.changes)
        self.assertIn("quarter", new.changes)
        self.assertFalse(self.regulation.changes)

        third = self._amend(new)
        self.assertEqual((third.version, third.root_id, third.previous_id), (3, self.regulation,
                                                                            new))  # fmt: skip
        self.assertEqual(self.regulation.version_count, 3)
        versions = rpc(self.env, self.officer_a, "party.regulation", "action_view_versions",
                       ids=third.ids)  # fmt: skip
        self.assertEqual(
            self.env["party.regulation"].search(versions["domain"]),
            self.regulation | new | third,
        )

    def test_a_version_is_amended_once(self):
        self._amend()
        with self.assertRaisesRegex(UserError, "already been amended by version 2"):
            self._amend()
        self.assertEqual(self.regulation.version_count, 2)

    def test_new_version_takes_effect_after_the_one_it_replaces(self):
        new = self._amend()
        with self.assertRaisesRegex(ValidationError, "takes effect after the version it replaces"):
            new.with_user(self.officer_a).write({"effective_date": self.regulation.effective_date})
        self.assertEqual(new.effective_date, self.today + timedelta(days=1))

    def test_amended_version_repeal_date_follows_the_new_version(self):
        self._amend()
        with self.assertRaisesRegex(UserError, "change that date instead"):
            self.regulation.with_user(self.officer_a).write({"repeal_date": self.today})
        self.assertEqual(self.regulation.repeal_date, self.today + timedelta(days=1))

    def test_repealed_regulation_is_not_amended(self):
        self.regulation.repeal_date = self.today
        with self.assertRaisesRegex(UserError, "is repealed"):
            self._amend()

    def test_only_the_issuing_organisation_amends(self):
        for user in (self.officer_b, self.portal, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._amend(user=user)
        self.assertFalse(self.regulation.next_ids)

    def test_chain_of_versions_is_written_by_the_amendment_only(self):
        other = self.env["party.regulation"].create(
            {"name": "Other", "column": "funds", "organization_id": self.branch_a.id}
        )
        for vals in (
            {"previous_id": self.regulation.id},
            {"root_id": self.regulation.id},
            {"version": 7},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.regulation", "write", vals, ids=other.ids)
            with self.subTest(create=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.regulation", "create",
                    {"name": "Forged", "column": "funds",
                     "organization_id": self.branch_a.id, **vals})  # fmt: skip
        self.assertFalse(self.regulation.next_ids)
        self.assertEqual(self.regulation.repeal_date, False)

    def test_amendment_takes_no_default_from_the_callers_context(self):
        """An x2many default sent with the amendment would create or link regulations
        past every check: a branch would repeal another organisation's regulation."""
        other = self.env["party.regulation"].create(
            {"name": "Committee rules", "column": "funds", "organization_id": self.committee.id,
             "effective_date": self.today - timedelta(days=60)}
        )  # fmt: skip
        mine = self.env["party.regulation"].create(
            {"name": "Branch rules", "column": "funds", "organization_id": self.branch_a.id,
             "effective_date": self.today - timedelta(days=60)}
        )  # fmt: skip
        forged = {
            "name": "x", "column": "funds", "organization_id": self.branch_a.id,
            "effective_date": self.today + timedelta(days=1), "previous_id": other.id,
        }  # fmt: skip
        for context in (
            {"default_later_version_ids": [Command.create(forged)]},
            {"default_next_ids": [Command.link(mine.id)]},
            {"default_version": 9, "default_root_id": other.id},
        ):
            with self.subTest(context=context):
                action = rpc(self.env, self.officer_a, "party.regulation", "action_amend",
                             ids=self.regulation.ids, context=context)  # fmt: skip
                new = self.env["party.regulation"].browse(action["res_id"])
                self.assertEqual((new.version, new.root_id), (2, self.regulation))
                self.assertFalse(new.later_version_ids | new.next_ids)
                new.unlink()
        self.assertFalse(other.repeal_date)
        self.assertFalse(other.next_ids | mine.previous_id)

    def test_versions_are_issued_by_one_organisation(self):
        new = self._amend()
        with self.assertRaisesRegex(ValidationError, "issued by one organisation"):
            new.write({"organization_id": self.committee.id})
        with self.assertRaisesRegex(ValidationError, "issued by one organisation"):
            self.regulation.write({"organization_id": self.committee.id})
