"""The committee's cockpit (驾驶舱): the data call of the OWL client action, through the
RPC dispatch (docs/architecture.md, "Cockpit").

A tree of its own: a committee with a strong branch (its secretary, a current term,
every member file) and a weak one (no secretary, no term, no file, open findings of
three ages); the index of last year computed for both.
"""

from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.models.party_cockpit import PartyCockpit

from .common import IndexTestMixin, OtherCompanyCase
from .rpc import rpc

BRANCH_SECTIONS = {"index", "tree", "findings"}


class CockpitCase(IndexTestMixin, OtherCompanyCase):
    other_prefix = "CPT"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = cls._org("Cockpit Committee", "committee", term_start=date(cls.year - 1, 1, 1))
        cls.strong = cls._org(
            "Cockpit Strong Branch", "branch", cls.root, term_start=date(cls.year - 1, 1, 1)
        )
        cls.weak = cls._org("Cockpit Weak Branch", "branch", cls.root)
        strong_members = cls._members(cls.strong, 4)
        cls._position(cls.strong, strong_members[0], "secretary", start=date(cls.year - 1, 1, 1))
        cls._members(cls.weak, 3, file_recorded=False)
        cls.weak_officer = new_test_user(
            cls.env, login="cpt_weak_officer", groups="party_branch.group_party_officer"
        )
        officer = cls._member(cls.weak, "Cockpit Weak Officer", user_id=cls.weak_officer.id)
        # the weak branch's officer holds its organisation position (not the secretary's:
        # the branch misses its secretary)
        cls._position(cls.weak, officer, "organization")
        cls.findings = cls.Finding.create(
            [
                {
                    "organization_id": cls.weak.id,
                    "code": "no_file",
                    "key": f"cockpit-{days}",
                    "severity": "breach",
                    "message": "crafted",
                    "date_found": cls.today - timedelta(days=days),
                }
                for days in (10, 60, 200)
            ]
        )
        cls.Finding.create(
            {
                "organization_id": cls.strong.id,
                "code": "no_file",
                "key": "cockpit-closed",
                "message": "crafted, closed",
                "date_found": cls.today - timedelta(days=20),
                "state": "closed",
                "date_closed": cls.today - timedelta(days=5),
            }
        )
        # standardisation only: the other addons' facts are not crafted here (their own
        # tests craft them)
        cls.env["party.index.indicator"].search(
            [("dimension", "!=", "standardisation")]
        ).active = False
        cls.Index.sudo()._party_index_compute(cls.root, "year", cls.year_start, force=True)
        cls.indices = cls.Index.search(
            [("period_type", "=", "year"), ("date_from", "=", cls.year_start)]
        )

    def _index(self, org):
        return self.indices.filtered(lambda i: i.organization_id == org)

    def _data(self, user=None, org=None, period="year", day=None):
        return rpc(
            self.env,
            user or self.admin,
            "party.cockpit",
            "get_cockpit_data",
            org.id if org else False,
            period,
            day or str(self.year_start),
        )

    @staticmethod
    def _section(data, code):
        return next(s for s in data["sections"] if s["code"] == code)


@tagged("post_install", "-at_install")
class TestCockpitFigures(CockpitCase):
    def test_index_section_shows_the_total_and_each_dimension(self):
        index = self._index(self.root)
        section = self._section(self._data(org=self.root), "index")
        total = section["kpis"][0]
        self.assertEqual(total["display"], f"{index.score_total:.1f}")
        self.assertIn("Standardisation", [kpi["label"] for kpi in section["kpis"]])
        standardisation = next(k for k in section["kpis"] if k["label"] == "Standardisation")
        self.assertEqual(standardisation["display"], f"{index.score_standardisation:.1f}")
        self.assertEqual(section["bars"][-1]["label"], str(self.year))

    def test_ranking_orders_the_branches_by_score(self):
        strong, weak = self._index(self.strong), self._index(self.weak)
        self.assertGreater(strong.score_total, weak.score_total)
        rows = self._section(self._data(org=self.root), "index")["table"]["rows"]
        self.assertEqual(
            [[c["display"] for c in row["cells"][:3]] for row in rows],
            [
                ["1", "Cockpit Strong Branch", f"{strong.score_total:.1f}"],
                ["2", "Cockpit Weak Branch", f"{weak.score_total:.1f}"],
            ],
        )
        self.assertEqual(rows[0]["cells"][3]["display"], "—")  # no previous year computed

    def test_ranking_shows_the_change_since_the_previous_period(self):
        self.Index.sudo()._party_index_compute(
            self.root, "year", date(self.year - 1, 1, 1), force=True
        )
        before = self.Index.search(
            [
                ("organization_id", "=", self.strong.id),
                ("period_type", "=", "year"),
                ("date_from", "=", date(self.year - 1, 1, 1)),
            ]
        )
        rows = self._section(self._data(org=self.root), "index")["table"]["rows"]
        change = self._index(self.strong).score_total - before.score_total
        self.assertEqual(rows[0]["cells"][3]["display"], f"{change:+.1f}")

    def test_tree_colours_each_organisation_by_its_score(self):
        rows = self._section(self._data(org=self.root), "tree")["table"]["rows"]
        by_name = {row["cells"][0]["display"]: row for row in rows}
        self.assertEqual(
            list(by_name), ["Cockpit Committee", "Cockpit Strong Branch", "Cockpit Weak Branch"]
        )
        self.assertEqual(by_name["Cockpit Strong Branch"]["tone"], "good")
        self.assertEqual(by_name["Cockpit Weak Branch"]["tone"], "weak")
        self.assertEqual(by_name["Cockpit Weak Branch"]["depth"], 1)

    def test_tree_drills_from_a_branch_to_its_open_findings(self):
        section = self._section(self._data(org=self.root), "tree")
        row = next(
            r for r in section["table"]["rows"] if r["cells"][0]["display"] == "Cockpit Weak Branch"
        )
        cell = row["cells"][2]
        self.assertEqual(cell["display"], "3")
        drill = section["drills"][cell["drill"]]
        self.assertEqual(drill["res_model"], "party.finding")
        # what the web client searches, as the caller
        domain = drill["domain"] + [("organization_id", "child_of", cell["org_id"])]
        found = self.env["party.finding"].with_user(self.admin).search(domain)
        self.assertEqual(found, self.findings)

    def test_findings_by_rule_and_age(self):
        section = self._section(self._data(org=self.root), "findings")
        self.assertEqual([k["display"] for k in section["kpis"]], ["3", "1", "1", "1"])
        self.assertEqual(section["kpis"][3]["tone"], "weak")  # open for over 90 days
        [row] = section["table"]["rows"]
        self.assertEqual([c["display"] for c in row["cells"][1:]], ["1", "1", "1", "3"])
        over_90 = (
            self.env["party.finding"]
            .with_user(self.admin)
            .search(section["kpis"][3]["action"]["domain"])
        )
        self.assertEqual(over_90, self.findings[2])

    def test_an_index_not_computed_is_said_not_zero(self):
        section = self._section(
            self._data(org=self.root, period="month", day=str(self.today)), "index"
        )
        self.assertEqual(section["kpis"][0]["display"], "—")
        self.assertIn("has not been computed", section["note"])

    def test_only_party_branchs_sections_work_alone(self):
        """An installation with party_branch only: its sections alone."""
        Cockpit = type(self.env["party.cockpit"])
        with patch.object(Cockpit, "_party_cockpit_sections", PartyCockpit._party_cockpit_sections):
            data = self._data(org=self.root)
        self.assertEqual({s["code"] for s in data["sections"]}, BRANCH_SECTIONS)

    def test_every_installed_addons_sections_are_shown(self):
        data = self._data(org=self.root)
        codes = {s.code for s in self.env["party.cockpit"]._party_cockpit_sections()}
        self.assertEqual({s["code"] for s in data["sections"]}, codes)
        self.assertLessEqual(BRANCH_SECTIONS, codes)
        sequences = [s["sequence"] for s in data["sections"]]
        self.assertEqual(sequences, sorted(sequences))

    def test_committee_default_is_the_top_organisation(self):
        data = rpc(self.env, self.admin, "party.cockpit", "get_cockpit_data")
        self.assertIn(self.root.id, [r["id"] for r in data["roots"]])
        self.assertFalse(data["organization"]["parent_id"])

    def test_auditor_opens_the_committees_cockpit(self):
        data = self._data(self.auditor, self.root)
        self.assertEqual(data["organization"]["id"], self.root.id)


@tagged("post_install", "-at_install")
class TestCockpitRefusals(CockpitCase):
    def test_officer_opens_the_cockpit_of_the_branch_they_manage(self):
        data = rpc(self.env, self.weak_officer, "party.cockpit", "get_cockpit_data")
        self.assertEqual(data["organization"]["id"], self.weak.id)
        self.assertFalse(data["organization"]["parent_id"])  # not theirs: no way up
        tree = self._section(data, "tree")["table"]["rows"]
        self.assertEqual([r["cells"][0]["display"] for r in tree], ["Cockpit Weak Branch"])

    def test_officer_is_refused_the_superior_organisation(self):
        with self.assertRaisesRegex(AccessError, "organisations you manage"):
            self._data(self.weak_officer, self.root)

    def test_officer_is_refused_another_branch(self):
        with self.assertRaisesRegex(AccessError, "organisations you manage"):
            self._data(self.weak_officer, self.strong)

    def test_another_company_and_an_unknown_id_get_the_same_refusal(self):
        messages = []
        for org_id in (self.committee_b.id, 999_999_999):
            with self.assertRaises(AccessError) as caught:
                rpc(self.env, self.admin, "party.cockpit", "get_cockpit_data", org_id, "year")
            messages.append(str(caught.exception))
        self.assertEqual(messages[0], messages[1])
        self.assertNotIn(self.committee_b.name, messages[0])

    def test_employee_without_party_groups_is_refused(self):
        employee = new_test_user(self.env, login="cpt_employee", groups="base.group_user")
        with self.assertRaisesRegex(AccessError, "Only a Party officer, auditor or administrator"):
            self._data(employee, self.root)

    def test_portal_member_is_refused(self):
        with self.assertRaisesRegex(AccessError, "Only a Party officer, auditor or administrator"):
            self._data(self.portal, self.root)

    def test_a_period_not_begun_is_refused(self):
        next_year = date(self.today.year + 1, 1, 1)
        with self.assertRaisesRegex(ValidationError, "has not begun"):
            self._data(org=self.root, period="year", day=str(next_year))

    def test_an_unknown_period_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "no period of the index"):
            self._data(org=self.root, period="decade")

    def test_an_organisation_not_sent_as_an_id_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Send the organisation as an id"):
            rpc(self.env, self.admin, "party.cockpit", "get_cockpit_data", "1", "year")
