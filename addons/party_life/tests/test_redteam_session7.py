"""Red team of session 7 (party_life): thought reports through the RPC dispatch, as the
author with a context of their choosing, and as an officer who is also an author."""

import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import OtherCompanyCase, PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestThoughtReportRedTeam(PartyBranchCase):
    def _submit(self, user, context=None, files=None):
        return self.env["party.thought.report"].browse(
            rpc(
                self.env,
                user,
                "party.thought.report",
                "submit",
                {"body": "My thinking this quarter."},
                files,
                context=context,
            )
        )

    def _acknowledge(self, user, report, comment):
        return rpc(
            self.env, user, "party.thought.report", "action_acknowledge", comment, ids=report.ids
        )

    def test_secretary_does_not_acknowledge_their_own_report(self):
        # the secretary of Branch A is a member who hands in reflections too: who reads
        # and acknowledges them is someone else
        report = self._submit(self.officer_a)
        self.assertEqual(report.partner_id, self.officer_a.partner_id)
        with self.assertRaisesRegex(AccessError, "their own thought report"):
            self._acknowledge(self.officer_a, report, "Well done, me")
        self.assertEqual(report.state, "submitted")

    def test_committee_acknowledges_the_secretarys_report(self):
        report = self._submit(self.officer_a)
        self._acknowledge(self.officer_c, report, "Read, thank you")
        self.assertEqual(report.state, "acknowledged")

    def test_context_defaults_do_not_acknowledge_on_submit(self):
        report = self._submit(
            self.portal,
            context={
                "default_state": "acknowledged",
                "default_comment": "Excellent",
                "default_acknowledged_by_id": self.officer_a.id,
            },
        )
        self.assertEqual(
            (report.state, report.comment, report.acknowledged_by_id.id),
            ("submitted", False, False),
        )

    def test_context_default_public_does_not_publish_the_file(self):
        report = self._submit(
            self.portal,
            context={"default_public": True},
            files=[{"name": "mine.pdf", "data": base64.b64encode(PDF).decode()}],
        )
        self.assertTrue(report.sudo().attachment_ids)
        self.assertFalse(any(report.sudo().attachment_ids.mapped("public")))


@tagged("post_install", "-at_install")
class TestStudyRequirementCompanies(OtherCompanyCase):
    """The yearly study requirement is one for every company: a Party administrator of
    one company does not lower it for the members of another."""

    def setUp(self):
        super().setUp()
        self.requirement = self.env.ref("party_life.study_requirement_full")
        self.hours = self.requirement.class_hours

    def test_admin_of_one_company_does_not_change_it(self):
        with self.assertRaisesRegex(AccessError, "administrator of all of them"):
            rpc(
                self.env,
                self.admin,
                "party.study.requirement",
                "write",
                {"class_hours": 1},
                ids=self.requirement.ids,
            )
        self.assertEqual(self.requirement.class_hours, self.hours)

    def test_admin_of_one_company_does_not_delete_it(self):
        with self.assertRaisesRegex(AccessError, "administrator of all of them"):
            rpc(
                self.env,
                self.admin,
                "party.study.requirement",
                "unlink",
                ids=self.requirement.ids,
            )
        self.assertTrue(self.requirement.exists())

    def test_admin_of_one_company_does_not_add_one(self):
        with self.assertRaisesRegex(AccessError, "administrator of all of them"):
            rpc(
                self.env,
                self.admin,
                "party.study.requirement",
                "create",
                {"name": "Less", "member_category": "full", "class_hours": 1, "source": "-"},
            )

    def test_admin_of_every_company_changes_it(self):
        self.admin.company_ids |= self.company_b
        rpc(
            self.env,
            self.admin,
            "party.study.requirement",
            "write",
            {"class_hours": 40},
            ids=self.requirement.ids,
        )
        self.assertEqual(self.requirement.class_hours, 40)
