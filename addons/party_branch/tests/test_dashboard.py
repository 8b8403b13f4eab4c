from datetime import date

from odoo.tests import tagged

from .common import PartyBranchCase, make_id

STAT_FIELDS = (
    "organization_id",
    "member_category",
    "gender",
    "age_band",
    "standing_band",
    "ethnicity",
    "education",
)


@tagged("post_install", "-at_install")
class TestStatistics(PartyBranchCase):
    """Roster statistics: read_group on the stored member fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stat_members = cls.Member.create(
            [
                cls._member_vals(
                    cls.branch_a,
                    "Stat 1",
                    birthdate=date(1960, 5, 1),
                    gender="male",
                    id_number=make_id(date(1960, 5, 1)),
                    ethnicity="hui",
                    education="bachelor",
                    join_date=date(1985, 1, 1),
                    full_date=date(1986, 1, 1),
                ),
                cls._member_vals(
                    cls.branch_a,
                    "Stat 2",
                    "probationary",
                    birthdate=date(1995, 5, 1),
                    gender="female",
                    ethnicity="han",
                    education="master",
                    join_date=date(2024, 1, 1),
                ),
                cls._member_vals(
                    cls.branch_b,
                    "Stat 3",
                    birthdate=date(1980, 5, 1),
                    gender="female",
                    ethnicity="han",
                    education="bachelor",
                ),
            ]
        )
        cls.domain = [("id", "in", cls.stat_members.ids)]

    def test_statistics_fields_are_searchable_in_the_database(self):
        """Age and standing are stored: a search on them is one SQL filter, and the
        values follow the birth and admission dates."""
        members = self.Member.search(self.domain + [("age", ">=", 60)])
        self.assertEqual(members.mapped("name"), ["Stat 1"])
        members = self.Member.search(self.domain + [("standing_years", ">=", 30)])
        self.assertEqual(members.mapped("name"), ["Stat 1"])
        for name in STAT_FIELDS + ("age", "standing_years"):
            with self.subTest(field=name):
                self.assertTrue(self.Member._fields[name].store, name)

    def test_read_group_by_each_statistics_field(self):
        for name in STAT_FIELDS:
            with self.subTest(field=name):
                groups = self.Member.read_group(self.domain, [name], [name])
                self.assertEqual(sum(g[f"{name}_count"] for g in groups), 3)

    def test_read_group_counts_per_organisation(self):
        groups = self.Member.read_group(self.domain, ["organization_id"], ["organization_id"])
        counts = {g["organization_id"][0]: g["organization_id_count"] for g in groups}
        self.assertEqual(counts, {self.branch_a.id: 2, self.branch_b.id: 1})

    def test_read_group_counts_per_gender_and_category(self):
        groups = self.Member.read_group(
            self.domain, ["gender"], ["gender", "member_category"], lazy=False
        )
        counts = {(g["gender"], g["member_category"]): g["__count"] for g in groups}
        self.assertEqual(
            counts, {("male", "full"): 1, ("female", "probationary"): 1, ("female", "full"): 1}
        )

    def test_read_group_counts_per_ethnicity_and_education(self):
        ethnicity = {
            g["ethnicity"]: g["ethnicity_count"]
            for g in self.Member.read_group(self.domain, ["ethnicity"], ["ethnicity"])
        }
        education = {
            g["education"]: g["education_count"]
            for g in self.Member.read_group(self.domain, ["education"], ["education"])
        }
        self.assertEqual(ethnicity, {"hui": 1, "han": 2})
        self.assertEqual(education, {"bachelor": 2, "master": 1})

    def test_read_group_by_standing_band(self):
        groups = self.Member.read_group(self.domain, ["standing_band"], ["standing_band"])
        counts = {g["standing_band"]: g["standing_band_count"] for g in groups}
        self.assertEqual(counts.get("0"), 1)
        self.assertEqual(sum(counts.values()), 3)

    def test_read_group_average_age_per_organisation(self):
        groups = self.Member.read_group(self.domain, ["age:avg"], ["organization_id"])
        ages = {g["organization_id"][0]: g["age"] for g in groups}
        expected = self.stat_members.filtered(lambda m: m.organization_id == self.branch_a).mapped(
            "age"
        )
        self.assertAlmostEqual(ages[self.branch_a.id], sum(expected) / 2)

    def test_officer_statistics_cover_managed_members_only(self):
        groups = self.Member.with_user(self.officer_a).read_group(
            self.domain, ["organization_id"], ["organization_id"]
        )
        self.assertEqual([g["organization_id"][0] for g in groups], [self.branch_a.id])


@tagged("post_install", "-at_install")
class TestDashboard(PartyBranchCase):
    """Dashboard: managed organisations and their counters."""

    def _managed(self, user):
        return self.Org.with_user(user).search([("is_managed", "=", True)])

    def test_branch_officer_manages_branch_and_its_groups(self):
        self.assertEqual(self._managed(self.officer_a), self.branch_a | self.group_a)

    def test_committee_officer_manages_the_whole_tree(self):
        self.assertEqual(
            self._managed(self.officer_c),
            self.committee | self.branch_a | self.group_a | self.branch_b,
        )

    def test_user_without_position_manages_nothing(self):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        self.assertFalse(
            self.Org.with_user(self.auditor).search(
                [("is_managed", "=", True), ("id", "in", orgs.ids)]
            )
        )

    def test_unmanaged_organisations(self):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        unmanaged = self.Org.with_user(self.officer_b).search(
            [("is_managed", "=", False), ("id", "in", orgs.ids)]
        )
        self.assertEqual(unmanaged, self.committee | self.branch_a | self.group_a)

    def test_is_managed_flag(self):
        orgs = (self.committee | self.branch_a | self.group_a | self.branch_b).with_user(
            self.officer_a
        )
        self.assertEqual(orgs.filtered("is_managed"), self.branch_a | self.group_a)

    def test_member_counts(self):
        self._member(self.branch_a, "Probationary A", "probationary")
        self._member(self.branch_b, "Left B", status="transferred_out")
        counts = {
            org: (org.member_count, org.full_member_count, org.probationary_member_count)
            for org in self.committee | self.branch_a | self.group_a | self.branch_b
        }
        self.assertEqual(
            counts,
            {
                self.committee: (1, 1, 0),
                self.branch_a: (3, 2, 1),
                self.group_a: (1, 1, 0),
                self.branch_b: (2, 2, 0),
            },
        )

    def test_total_member_count_includes_sub_organisations(self):
        self._member(self.branch_a, "Probationary A", "probationary")
        # Member A belongs to Branch A and to its Group A1: counted once.
        self.assertEqual(self.branch_b.total_member_count, 2)
        self.assertEqual(self.branch_a.total_member_count, 3)
        self.assertEqual(self.committee.total_member_count, 6)

    def test_vacancy_count(self):
        # The committee has its secretary but no organisation, propaganda or
        # discipline officer; the branches have their secretary, the group its leader.
        new_branch = self._org("Vacant", "branch", self.committee)
        self.assertEqual(self.committee.vacancy_count, 3)
        self.assertEqual(self.branch_a.vacancy_count, 0)
        self.assertEqual(self.group_a.vacancy_count, 0)
        self.assertEqual(new_branch.vacancy_count, 1)
        self.assertEqual(new_branch.vacant_position_type_ids, self.ptype["secretary"])

    def test_secretary_shown(self):
        self.assertEqual(self.branch_a.secretary_id, self.secretary_a)
        self.assertEqual(self.committee.secretary_id, self.secretary_c)

    def test_open_finding_count(self):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        orgs.action_check_compliance()
        # Committee: 3 vacancies and its committee of 1 member; branches: fewer than 3 full members.
        self.assertEqual(self.committee.open_finding_count, 4)
        self.assertEqual(self.branch_a.open_finding_count, 1)
        self.assertEqual(self.group_a.open_finding_count, 0)
        self.assertEqual(self.branch_b.open_finding_count, 1)
        self._member(self.branch_b, "Third B")
        orgs.action_check_compliance()
        self.branch_b.invalidate_recordset(["open_finding_count"])
        self.assertEqual(self.branch_b.open_finding_count, 0)

    def test_officer_reads_dashboard_counters(self):
        values = self.branch_a.with_user(self.officer_a).read(
            [
                "member_count",
                "full_member_count",
                "total_member_count",
                "vacancy_count",
                "open_finding_count",
            ]
        )[0]
        self.assertEqual(values["member_count"], 2)
        self.assertEqual(values["vacancy_count"], 0)


@tagged("post_install", "-at_install")
class TestFirstScreen(PartyBranchCase):
    """The app opens on something useful for every role."""

    def _first_screen(self, user):
        action = self.env.ref("party_branch.party_dashboard_server_action").with_user(user).run()
        Org = self.env["party.organization"].with_user(user).with_context(**action["context"])
        domain = (
            [("is_managed", "=", True)] if action["context"].get("search_default_managed") else []
        )
        return action, Org.search(domain)

    def test_officer_sees_the_organisations_they_manage(self):
        action, orgs = self._first_screen(self.officer_a)
        self.assertEqual(action["context"].get("search_default_managed"), 1)
        self.assertIn(self.branch_a, orgs)
        self.assertNotIn(self.branch_b, orgs)

    def test_committee_sees_the_whole_tree(self):
        for user in (self.admin, self.auditor):
            with self.subTest(user=user.login):
                action, orgs = self._first_screen(user)
                self.assertFalse(action["context"].get("search_default_managed"))
                self.assertEqual(action["context"].get("search_default_group_type"), 1)
                self.assertTrue({self.committee, self.branch_a, self.branch_b} <= set(orgs))

    def test_demo_officers_land_on_the_first_screen(self):
        """The demo's backend users open Odoo on the Party dashboard, not an empty inbox."""
        dashboard = self.env.ref("party_branch.party_dashboard_server_action")
        for xmlid in ("user_demo_secretary", "user_demo_party_admin", "user_demo_auditor"):
            with self.subTest(user=xmlid):
                user = self.env.ref(f"party_branch.{xmlid}")
                self.assertEqual(user.action_id.id, dashboard.id)
                action = dashboard.with_user(user).run()
                self.assertEqual(action["res_model"], "party.organization")
