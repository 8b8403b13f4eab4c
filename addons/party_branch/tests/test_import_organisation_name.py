"""The organisation column of a member file (Odoo's import, as the import screen calls
it): a code, a full path, or the plain name of an organisation when no other
organisation of the company bears it; a name several bear is refused on its row with
their codes, and nothing is saved."""

import datetime

from odoo.tests import tagged

from odoo.addons.party_branch.tools import gb11643

from .common import PartyBranchCase
from .rpc import rpc

FIELDS = ["name", "organization_id", "member_category", "id_number", "join_date"]


@tagged("post_install", "-at_install")
class TestImportOrganisationName(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two branches named alike under two committees of the company
        cls.committee_2 = cls._org("Second Committee", "committee")
        cls.first_cell = cls._org("Harbour Branch", "branch", cls.committee)
        cls.second_cell = cls._org("Harbour Branch", "branch", cls.committee_2)

    def _rows(self, org_column, first_order, count=2):
        return [
            [f"Imported {order}", org_column, "probationary",
             gb11643.make(320102, datetime.date(1991, 2, 2), order), "2019-01-01"]
            for order in range(first_order, first_order + count)
        ]  # fmt: skip

    def _load(self, user, rows):
        return rpc(self.env, user, "party.member", "load", FIELDS, rows, ids=[],
                   context={"import_file": True})  # fmt: skip

    def test_plain_name_unique_in_the_company_is_the_organisation(self):
        result = self._load(self.officer_a, self._rows("Branch A", 501))
        self.assertFalse(result["messages"], result["messages"])
        members = self.Member.browse(result["ids"])
        self.assertEqual(len(members), 2)
        self.assertEqual(members.organization_id, self.branch_a)

    def test_full_path_still_names_the_organisation(self):
        result = self._load(self.officer_a, self._rows("Committee / Branch A", 511))
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.Member.browse(result["ids"]).organization_id, self.branch_a)

    def test_ambiguous_name_is_refused_on_its_row_with_the_codes(self):
        rows = self._rows("Branch A", 521, 1) + self._rows("Harbour Branch", 531, 1)
        result = self._load(self.admin, rows)
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual({m["rows"]["from"] for m in errors}, {1})
        ambiguous = [m["message"] for m in errors if "Several organisations" in m["message"]]
        self.assertEqual(len(ambiguous), 1, errors)
        self.assertIn("named 'Harbour Branch'", ambiguous[0])
        for org in self.first_cell | self.second_cell:
            self.assertIn(org.code, ambiguous[0])
        self.assertFalse(self.Member.search([("name", "=like", "Imported 5%")]))

    def test_code_of_a_branch_named_like_another_is_accepted(self):
        result = self._load(self.admin, self._rows(self.second_cell.code, 541))
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.Member.browse(result["ids"]).organization_id, self.second_cell)

    def test_plain_name_of_another_branch_is_still_refused_to_an_officer(self):
        result = self._load(self.officer_a, self._rows("Branch B", 551))
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertIn("You do not manage", errors[0]["message"])
