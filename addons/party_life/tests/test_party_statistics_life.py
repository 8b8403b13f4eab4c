"""party_life's rows of the annual statistics: the development pipeline, added to
party_branch's tables through ``party.statistics._party_statistics_tables``."""

from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestStatisticsDevelopment(PartyBranchCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.on = cls.today - timedelta(days=30)
        cls.start = cls.on.replace(month=1, day=1)
        for name, applied in (
            ("Applied Before", cls.on),
            ("Applied After", cls.today),
            ("Applied Last Year", cls.start - timedelta(days=1)),
        ):
            partner = cls.env["res.partner"].create({"name": name})
            cls.env["party.development"].create(
                {
                    "partner_id": partner.id,
                    "organization_id": cls.branch_a.id,
                    "birthdate": date(2000, 1, 1),
                    "application_date": applied,
                }
            )

    def _tables(self):
        tables = self.env["party.statistics"]._party_statistics(self.committee, self.start, self.on)
        return {table.code: table for table in tables}

    def test_development_table_follows_the_register_tables(self):
        codes = list(self._tables())
        self.assertIn("category", codes)
        self.assertEqual(codes[-1], "development")

    def test_applicants_on_the_date(self):
        rows = dict(self._tables()["development"].rows)
        self.assertEqual(rows["Applicants on the date"], [2])

    def test_applications_of_the_period(self):
        rows = dict(self._tables()["development"].rows)
        self.assertEqual(rows["Applications received in the period"], [1])
