"""The systematisation dimension of the Five Modernizations index (party_systems).

Builds on the party_branch test tree (see party_branch/tests/common.py); the period is
the last complete year, so that every fact is dated.
"""

from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import IndexTestMixin, PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestSystematisation(IndexTestMixin, PartyBranchCase):
    compliance_codes = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls._org(
            "Index Systems Branch", "branch", cls.committee, term_start=date(cls.year - 1, 1, 1)
        )
        cls.members = cls._members(cls.branch, 4)
        cls._position(cls.branch, cls.members[0], "secretary", start=date(cls.year - 1, 1, 1))

    def _regulation(self, name, **vals):
        return self.env["party.regulation"].create(
            {
                "name": name,
                "column": "self_building",
                "organization_id": self.committee.id,
                "required_reading": True,
                "effective_date": date(self.year - 1, 6, 1),
                **vals,
            }
        )

    def _facts(self):
        # required reading: 3 of the 4 members read the one in force; a repealed one and
        # one that is not required reading do not count
        regulation = self._regulation("Index Rules")
        self.env["party.regulation.ack"].create(
            [
                {
                    "regulation_id": regulation.id,
                    "member_id": member.id,
                    "date": datetime(self.year, 4, 1, 10, 0),
                }
                for member in self.members[:3]
            ]
        )
        self._regulation("Repealed Rules", repeal_date=date(self.year, 6, 1))
        self._regulation("Optional Rules", required_reading=False)
        # resolutions due in the year: one executed, one not
        for state in ("done", "assigned"):
            self.env["party.decision"].create(
                {
                    "name": f"Resolution {state}",
                    "organization_id": self.branch.id,
                    "state": "passed",
                    "execution_state": state,
                    "execution_deadline": date(self.year, 9, 1),
                }
            )
        # disclosures published in the year: one approved, one still a draft
        for state in ("approved", "draft"):
            self.env["party.disclosure"].create(
                {
                    "name": f"Disclosure {state}",
                    "organization_id": self.branch.id,
                    "publish_date": date(self.year, 5, 1),
                    "state": state,
                }
            )
        # the secretary's report of the year before: filed on time, its rating not closed
        self.env["party.secretary.report"].create(
            {
                "organization_id": self.branch.id,
                "member_id": self.members[0].id,
                "year": self.year - 1,
                "deadline": date(self.year, 1, 31),
                "state": "rating",
                "filed_on": date(self.year, 1, 20),
            }
        )

    def test_systematisation_scores_what_the_table_says(self):
        """Readings 3 / 4 = 75 (weight 25), resolutions 1 / 2 = 50 (25), disclosures
        1 / 2 = 50 (15), fund report approved 100 (15), secretary's report filed on time
        but not rated 50 (20): (1875 + 1250 + 750 + 1500 + 1000) / 100 = 63.75."""
        self._facts()
        self.branch._party_analytic_accounts()
        self.env.company.party_systems_rules_from = date(self.year - 1, 1, 1)
        self.env["party.fund.report"].create(
            {
                "organization_id": self.branch.id,
                "date_from": date(self.year - 1, 1, 1),
                "date_to": date(self.year - 1, 12, 31),
                "state": "approved",
            }
        )
        index = self._compute(self.branch)
        figures = self._figures(index, "systematisation")
        self.assertEqual(
            figures,
            {
                "sys_regulations_read": (75.0, 75.0, "3 / 4"),
                "sys_decisions_executed": (50.0, 50.0, "1 / 2"),
                "sys_disclosures_on_time": (50.0, 50.0, "1 / 2"),
                "sys_fund_report": (100.0, 100.0, str(self.year - 1)),
                "sys_secretary_report": (
                    50.0, 50.0, f"{self.year - 1}: {self.year}-01-20 / {self.year}-01-31",
                ),
            },
        )  # fmt: skip
        self.assertEqual(index.score_systematisation, 63.75)

    def test_fund_report_missing_before_the_company_checks_the_year(self):
        """A branch keeping funds, in a company that does not check the yearly rules yet:
        missing, with the setting that would supply it; one without funds: no line."""
        self._facts()
        index = self._compute(self.branch)
        self.assertFalse(self._line(index, "sys_fund_report"))
        self.branch._party_analytic_accounts()
        self.env.company.party_systems_rules_from = False
        line = self._line(self._compute(self.branch), "sys_fund_report")
        self.assertTrue(line.is_missing)
        self.assertIn("Working Systems Checked From", line.missing_hint)

    def test_secretary_report_missing_when_none_was_made(self):
        line = self._line(self._compute(self.branch), "sys_secretary_report")
        self.assertTrue(line.is_missing)

    def test_records_behind_the_resolutions_and_another_branch_refused(self):
        self._facts()
        line = self._line(self._compute(self.branch), "sys_decisions_executed")
        action = line.action_open_records()
        self.assertEqual(action["res_model"], "party.decision")
        self.assertEqual(len(self.env["party.decision"].search(action["domain"])), 2)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.index.line", "action_open_records",
                ids=line.ids)  # fmt: skip

    def test_the_dimension_is_shown(self):
        codes = [d.code for d in self.env["party.index"]._party_index_dimensions()]
        self.assertIn("systematisation", codes)
