"""Company consistency: a record links only records of its own company.

The relations marked ``check_company=True`` are checked by Odoo on create and
write (``_check_company_auto``); ``party.access.mixin`` words the refusal so that
it names the fields only, never the record of the other company.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OtherCompanyCase


@tagged("post_install", "-at_install")
class TestCompanyConsistency(OtherCompanyCase):
    def test_organisation_under_a_superior_of_another_company_refused(self):
        with self._refused("Superior Organisation"):
            self._org("Cross Branch", "branch", self.committee, company_id=self.company_b.id)
        self.assertFalse(self.Org.search([("name", "=", "Cross Branch")]))

    def test_organisation_moved_under_another_company_refused(self):
        with self._refused("Superior Organisation"):
            self.branch_b.write({"parent_id": self.committee_b.id})
        self.assertEqual(self.branch_b.parent_id, self.committee)

    def test_refusal_names_no_record_of_the_other_company(self):
        with self.assertRaises(UserError) as caught:
            self.branch_b.write({"parent_id": self.committee_b.id})
        message = str(caught.exception)
        self.assertNotIn(self.committee_b.name, message)
        self.assertNotIn(self.company_b.name, message)

    def test_organisation_of_the_same_company_accepted(self):
        branch = self._org(
            "Second Branch B", "branch", self.committee_b, company_id=self.company_b.id
        )
        self.assertEqual(branch.company_id, self.company_b)

    def test_holder_of_another_company_refused(self):
        with self.assertRaises(UserError):
            self._position(self.branch_a, self.member_other, "committee_member")
        self.assertFalse(self.Position.search([("member_id", "=", self.member_other.id)]))

    def test_party_group_of_another_company_refused(self):
        group_other = self._org(
            "Other Company Group", "group", self.branch_other, company_id=self.company_b.id
        )
        with self.assertRaises(UserError):
            self.member_a.group_id = group_other
        self.assertNotEqual(self.member_a.group_id, group_other)
