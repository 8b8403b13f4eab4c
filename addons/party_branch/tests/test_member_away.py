"""Members working away (流动党员): registered by their home organisation, kept in its
counts, not reported lost while registered."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PartyBranchCase
from .rpc import rpc


class AwayCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Away = cls.env["party.member.away"]

    def _away(self, member, **vals):
        return self.Away.create(
            {"member_id": member.id, "host_external": "Shenzhen Branch", **vals}
        )


@tagged("post_install", "-at_install")
class TestMemberAway(AwayCase):
    def test_officer_registers_their_member_away(self):
        new = rpc(self.env, self.officer_a, "party.member.away", "create",
                  {"member_id": self.member_a.id, "host_organization_id": self.branch_b.id,
                   "dues_at": "host"})  # fmt: skip
        away = self.Away.browse(new)
        self.assertEqual(away.organization_id, self.branch_a)
        self.assertTrue(away.is_current)

    def test_away_for_a_member_the_officer_does_not_manage_refused(self):
        before = self.Away.search_count([])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.member.away", "create",
                {"member_id": self.member_a.id, "host_organization_id": self.branch_b.id})  # fmt: skip
        self.assertEqual(self.Away.search_count([]), before)

    def test_home_organisation_given_by_the_client_refused(self):
        before = self.Away.search_count([])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.member.away", "create",
                {"member_id": self.member_a.id, "organization_id": self.branch_b.id,
                 "host_external": "Elsewhere"})  # fmt: skip
        self.assertEqual(self.Away.search_count([]), before)

    def test_host_officer_reads_but_does_not_write(self):
        away = self._away(self.member_a, host_organization_id=self.branch_b.id)
        self.assertEqual(rpc(self.env, self.officer_b, "party.member.away", "search", []), away.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.member.away", "write", {"date_to": "2030-01-01"},
                ids=away.ids)  # fmt: skip

    def test_home_organisation_keeps_the_member_in_its_counts(self):
        before = self.branch_a._member_counts()[self.branch_a.id]["all"]
        self._away(self.member_a, host_organization_id=self.branch_b.id)
        counts = (self.branch_a | self.branch_b)._member_counts()
        self.assertEqual(counts[self.branch_a.id]["all"], before)
        self.assertNotIn(
            self.member_a, self.Member.search([("organization_id", "=", self.branch_b.id)])
        )

    def test_member_away_and_registered_is_not_lost(self):
        self.member_a.last_contact_date = date(2024, 1, 1)
        self._away(self.member_a, date_from=date(2024, 3, 1))
        self.assertFalse(
            self._check(self.branch_a, date(2024, 10, 15), "lost_contact").filtered(
                lambda f: f.member_id == self.member_a
            )
        )

    def test_member_whose_registration_ended_is_lost(self):
        self.member_a.last_contact_date = date(2024, 1, 1)
        self._away(self.member_a, date_from=date(2024, 1, 1), date_to=date(2024, 6, 30))
        findings = self._check(self.branch_a, date(2024, 10, 15), "lost_contact")
        self.assertIn(self.member_a, findings.member_id)


@tagged("post_install", "-at_install")
class TestMemberAwayPortal(AwayCase, HttpCase):
    def test_member_sees_their_registration_on_the_portal(self):
        self._away(self.member_a, host_organization_id=self.branch_b.id)
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/party/membership").text
        self.assertIn("o_party_aways", page)
        self.assertIn("Branch B", page)
