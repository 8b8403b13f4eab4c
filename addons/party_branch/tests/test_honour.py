"""Honours (两优一先): recorded by the officers of the awarding organisation for its
members and organisations, shown on the member's profile and portal page."""

from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import PartyBranchCase
from .rpc import rpc


class HonourCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Honour = cls.env["party.honour"]
        cls.honour = cls.Honour.create(
            {
                "kind": "excellent_member",
                "member_id": cls.member_a.id,
                "organization_id": cls.committee.id,
                "date": date(2025, 7, 1),
                "reference": "HON-2025-7",
            }
        )
        cls.org_honour = cls.Honour.create(
            {
                "kind": "advanced_organization",
                "honoured_organization_id": cls.branch_a.id,
                "organization_id": cls.committee.id,
                "date": date(2025, 7, 1),
            }
        )


@tagged("post_install", "-at_install")
class TestHonour(HonourCase):
    def test_officer_records_an_honour_for_their_member(self):
        new = rpc(self.env, self.officer_a, "party.honour", "create",
                  {"kind": "excellent_worker", "member_id": self.secretary_a.id,
                   "organization_id": self.branch_a.id})  # fmt: skip
        self.assertEqual(self.Honour.browse(new).member_id, self.secretary_a)

    def test_sibling_officer_honour_refused(self):
        before = self.Honour.search_count([])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.honour", "create",
                {"kind": "excellent_member", "member_id": self.member_a.id,
                 "organization_id": self.branch_a.id})  # fmt: skip
        self.assertEqual(self.Honour.search_count([]), before)

    def test_honour_for_a_member_outside_the_awarding_organisation_refused(self):
        with self.assertRaisesRegex(ValidationError, "or those below it"):
            rpc(self.env, self.officer_b, "party.honour", "create",
                {"kind": "excellent_member", "member_id": self.member_a.id,
                 "organization_id": self.branch_b.id})  # fmt: skip

    def test_organisation_honour_names_no_member(self):
        with self.assertRaisesRegex(ValidationError, "先进基层党组织"):
            rpc(self.env, self.officer_a, "party.honour", "create",
                {"kind": "advanced_organization", "member_id": self.member_a.id,
                 "organization_id": self.branch_a.id})  # fmt: skip

    def test_member_profile_counts_the_honours(self):
        read = rpc(self.env, self.officer_a, "party.member", "read", ["honour_count"],
                   ids=self.member_a.ids)  # fmt: skip
        self.assertEqual(read[0]["honour_count"], 1)

    def test_member_reads_own_and_organisation_honours_only(self):
        found = rpc(self.env, self.portal, "party.honour", "search", [])
        self.assertEqual(sorted(found), sorted((self.honour | self.org_honour).ids))
        found_b = rpc(self.env, self.officer_b, "party.honour", "search",
                      [("member_id", "=", self.member_a.id)])  # fmt: skip
        self.assertEqual(found_b, [])


@tagged("post_install", "-at_install")
class TestHonourPortal(HonourCase, HttpCase):
    def test_member_sees_honours_on_the_portal(self):
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/party/membership").text
        self.assertIn("o_party_honours", page)
        self.assertIn("HON-2025-7", page)
        self.assertIn("Advanced Primary Party Organisation", page)
