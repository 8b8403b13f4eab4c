"""The Five Modernizations index (五化指数): party_branch's engine and its standardisation
dimension (docs/architecture.md, "Five Modernizations index").

Builds on the party_branch test tree (see common.py); the periods are the last complete
year, so that every fact is dated and the index is final.
"""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.models.party_index import roll_up

from .common import IndexTestMixin, PartyBranchCase
from .rpc import rpc


class PartyIndexCase(IndexTestMixin, PartyBranchCase):
    def _finding(self, org, day, severity="breach", closed=None, key="x"):
        return self.Finding.create(
            {
                "organization_id": org.id,
                "code": "no_file",
                "key": key,
                "severity": severity,
                "message": "test finding",
                "date_found": day,
                "state": "closed" if closed else "open",
                "date_closed": closed,
            }
        )


@tagged("post_install", "-at_install")
class TestStandardisation(PartyIndexCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a branch whose term (3 years) covers the year, 3 of 4 member files recorded,
        # its secretary (the one position a branch without committee must fill) in office
        cls.branch = cls._org(
            "Index Branch", "branch", cls.committee, term_start=date(cls.year - 1, 1, 1)
        )
        members = cls._members(cls.branch, 4)
        members[0].file_recorded = False
        cls._position(cls.branch, members[1], "secretary", start=date(cls.year - 1, 1, 1))

    def test_standardisation_scores_what_the_table_says(self):
        """Positions 100 (weight 30), term 100 (25), files 3/4 = 75 (20), 3 open breaches
        = 40 (25: 0 scores 100, 5 score 0): (3000 + 2500 + 1500 + 1000) / 100 = 80.00."""
        self._finding(self.branch, date(self.year, 3, 1), key="a")
        self._finding(self.branch, date(self.year, 4, 1), key="b")
        # closed after the year: open on its last day, counted
        self._finding(self.branch, date(self.year, 5, 1), closed=date(self.year + 1, 1, 5), key="c")
        # closed within the year, a reminder, and one found after the year: not counted
        self._finding(self.branch, date(self.year, 2, 1), closed=date(self.year, 6, 1), key="d")
        self._finding(self.branch, date(self.year, 2, 1), severity="reminder", key="e")
        self._finding(self.branch, date(self.year + 1, 1, 2), key="f")
        index = self._compute(self.branch)
        self.assertEqual(len(index), 1)
        figures = self._figures(index, "standardisation")
        self.assertEqual(
            figures,
            {
                "std_positions_filled": (100.0, 100.0, "1 / 1"),
                "std_term_current": (100.0, 100.0, f"{self.year + 1}-12-31"),
                "std_member_files": (75.0, 75.0, "3 / 4"),
                "std_open_findings": (3.0, 40.0, "3"),
            },
        )
        self.assertEqual(index.score_standardisation, 80.0)
        self.assertEqual(index.coverage_standardisation, 100.0)
        self.assertEqual(
            (index.date_from, index.date_to), (self.year_start, date(self.year, 12, 31))
        )
        self.assertEqual(index.period_label, str(self.year))
        self.assertTrue(index.is_final)

    def test_expired_term_scores_zero(self):
        self.branch.term_start = date(self.year - 3, 1, 1)  # ended on 31 Dec of year - 1
        index = self._compute(self.branch)
        line = self._line(index, "std_term_current")
        self.assertEqual((line.value, line.score, line.is_missing), (0.0, 0.0, False))

    def test_a_vacant_position_of_a_committee_counts(self):
        """A branch with a committee must fill 4 positions: the secretary alone is 1 / 4."""
        self.branch.has_committee = True
        line = self._line(self._compute(self.branch), "std_positions_filled")
        self.assertEqual((line.value, line.detail), (25.0, "1 / 4"))

    def test_monthly_index_of_a_month(self):
        index = self._compute(self.branch, "month", date(self.year, 5, 17))
        self.assertEqual(
            (index.date_from, index.date_to), (date(self.year, 5, 1), date(self.year, 5, 31))
        )
        self.assertEqual(index.period_label, f"{self.year}-05")


@tagged("post_install", "-at_install")
class TestMissingFacts(PartyIndexCase):
    def test_a_missing_fact_is_shown_missing_and_left_out_of_the_weights(self):
        """No term recorded: its line is missing, says what would supply it, scores
        nothing; the other weights are renormalised: positions 100 (30), files 1/2 = 50
        (20), no breach 100 (25): (3000 + 1000 + 2500) / 75 = 86.67, coverage 75 %."""
        branch = self._org("Branch Without Term", "branch", self.committee)
        members = self._members(branch, 2)
        members[0].file_recorded = False
        self._position(branch, members[1], "secretary")
        index = self._compute(branch)
        term = self._line(index, "std_term_current")
        self.assertTrue(term.is_missing)
        self.assertFalse(term.value)
        self.assertFalse(term.score)
        self.assertIn("Term of Office", term.missing_hint)
        missing = index.line_ids.filtered(lambda line: line.dimension == "standardisation")
        self.assertEqual(missing.filtered("is_missing"), term)
        self.assertEqual(index.score_standardisation, 86.67)
        self.assertEqual(index.coverage_standardisation, 75.0)

    def test_a_branch_without_members_misses_its_files_not_scores_zero(self):
        branch = self._org("Empty Branch", "branch", self.committee)
        index = self._compute(branch)
        files = self._line(index, "std_member_files")
        self.assertTrue(files.is_missing)
        self.assertEqual(files.detail, False)

    def test_nothing_measured_is_no_score(self):
        """Every indicator archived but one whose fact is missing: no score at all."""
        branch = self._org("Branch Nothing Measured", "branch", self.committee)
        others = self.env["party.index.indicator"].search([("code", "!=", "std_member_files")])
        others.active = False
        self.env.ref("party_branch.index_indicator_std_member_files").weight = 100
        index = self._compute(branch)
        self.assertFalse(index.is_measured)
        self.assertEqual(index.coverage_standardisation, 0.0)
        self.assertEqual(self._line(index, "std_member_files").is_missing, True)

    def test_only_party_branch_dimension_computes_alone(self):
        """An installation with party_branch only: its indicators alone, its dimension alone."""
        self.env["party.index.indicator"].search(
            [("dimension", "!=", "standardisation")]
        ).active = False
        index = self._compute(self.branch_a)
        self.assertEqual(set(index.line_ids.mapped("dimension")), {"standardisation"})
        self.assertTrue(index.is_measured)
        self.assertEqual(index.score_total, index.score_standardisation)


@tagged("post_install", "-at_install")
class TestRollUp(PartyIndexCase):
    def test_roll_up_weights_by_members(self):
        """The committee's score is the mean of its own and its branches' own scores,
        weighted by their own members: committee 1, Branch A 2, Branch B 2."""
        indices = self._compute(self.committee)
        by_org = {index.organization_id: index for index in indices}
        self.assertEqual(set(by_org), {self.committee, self.branch_a, self.branch_b})
        own = {org: index.own_scores["standardisation"][0] for org, index in by_org.items()}
        expected = (own[self.committee] * 1 + own[self.branch_a] * 2 + own[self.branch_b] * 2) / 5
        self.assertAlmostEqual(by_org[self.committee].score_standardisation, expected, places=2)
        self.assertEqual(by_org[self.committee].subtree_member_count, 5)
        self.assertEqual(by_org[self.branch_a].subtree_member_count, 2)

    def test_an_organisation_without_own_members_counts_as_one(self):
        nodes = {
            1: ([1], 0, {"d": (50.0, 100.0)}),
            2: ([1, 2], 3, {"d": (100.0, 100.0)}),
            3: ([1, 3], 0, {"d": None}),  # the dimension does not apply
            4: ([1, 4], 4, {"d": (None, 0.0)}),  # applies, nothing measured
        }
        rolled = roll_up(nodes, {1, 2, 4}, ["d"])
        # (1 * 50 + 3 * 100) / 4; coverage (1 * 100 + 3 * 100 + 4 * 0) / 8
        self.assertEqual(rolled[1]["d"], (87.5, 50.0))
        self.assertEqual(rolled[1]["members"], 7)
        self.assertEqual(rolled[4]["d"], (None, 0.0))

    def test_a_branch_recomputed_rolls_up_to_its_superior(self):
        """Branch B computed again (a member file no longer recorded): the committee's
        index of the period, which an officer of Branch B cannot compute, follows."""
        indices = self._compute(self.committee, "month", self.today)
        committee = indices.filtered(lambda i: i.organization_id == self.committee)
        before = committee.score_standardisation
        self.member_b.file_recorded = False
        rpc(self.env, self.officer_b, "party.index", "action_compute", "month")
        self.env.invalidate_all()
        self.assertLess(committee.score_standardisation, before)
        branch_b = indices.filtered(lambda i: i.organization_id == self.branch_b)
        self.assertEqual(self._line(branch_b, "std_member_files").detail, "1 / 2")


@tagged("post_install", "-at_install")
class TestIndexAccess(PartyIndexCase):
    def test_officer_reads_only_the_subtree(self):
        self._compute(self.committee)
        ids = rpc(self.env, self.officer_a, "party.index", "search", [])
        self.assertEqual(self.Index.browse(ids).organization_id, self.branch_a)
        committee = self.Index.search(
            [("organization_id", "=", self.committee.id), ("period_type", "=", "year")]
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index", "read", ["score_total"], ids=committee.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index.line", "read", ["score"],
                ids=committee.line_ids.ids)  # fmt: skip
        lines = rpc(self.env, self.officer_a, "party.index.line", "search", [])
        self.assertEqual(self.env["party.index.line"].browse(lines).organization_id, self.branch_a)

    def test_officer_computes_only_the_subtree(self):
        action = rpc(self.env, self.officer_a, "party.index", "action_compute", "month")
        computed = self.Index.search(action["domain"])
        self.assertEqual(computed.organization_id, self.branch_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index", "action_compute", "month",
                organization_ids=[self.branch_b.id])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index", "action_compute", "month",
                organization_ids=[self.committee.id])  # fmt: skip

    def test_officer_cannot_recompute_another_branch(self):
        index_b = self._compute(self.branch_b, "month", self.today)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index", "action_recompute", ids=index_b.ids)

    def test_nobody_writes_an_index(self):
        index = self._compute(self.branch_a, "month", self.today)
        for user in (self.officer_a, self.admin):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.index", "write", {"score_total": 100}, ids=index.ids)
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.index.line", "write", {"score": 100},
                    ids=index.line_ids[:1].ids)  # fmt: skip

    def test_auditor_and_member_cannot_compute(self):
        for user in (self.auditor, self.portal):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.index", "action_compute", "month")

    def test_records_behind_a_figure(self):
        finding = self._finding(self.branch_a, date(self.year, 3, 1))
        index = self._compute(self.branch_a)
        line = self._line(index, "std_open_findings")
        action = rpc(self.env, self.officer_a, "party.index.line", "action_open_records",
                     ids=line.ids)  # fmt: skip
        self.assertEqual(action["res_model"], "party.finding")
        self.assertEqual(self.Finding.search(action["domain"]), finding)
        committee_line = (
            self._compute(self.committee)
            .filtered(lambda i: i.organization_id == self.committee)
            .line_ids[:1]
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index.line", "action_open_records",
                ids=committee_line.ids)  # fmt: skip


@tagged("post_install", "-at_install")
class TestBadInput(PartyIndexCase):
    def _own(self, xmlid="party_branch.index_indicator_std_member_files"):
        """The company's own version of a default indicator, made by its Party
        administrator (Action › Duplicate)."""
        default = self.env.ref(xmlid)
        new_id = rpc(self.env, self.admin, "party.index.indicator", "copy",
                     {"company_id": self.env.company.id}, ids=default.ids)  # fmt: skip
        return self.env["party.index.indicator"].browse(new_id)

    def test_negative_weight_refused(self):
        indicator = self._own()
        with self.assertRaisesRegex(ValidationError, r"weight .* between 0 and 100"):
            rpc(self.env, self.admin, "party.index.indicator", "write", {"weight": -5},
                ids=indicator.ids)  # fmt: skip
        self.assertEqual(indicator.weight, 20)

    def test_weights_not_adding_up_to_100_refuse_the_computation(self):
        indicator = self._own()
        rpc(self.env, self.admin, "party.index.indicator", "write", {"weight": 10},
            ids=indicator.ids)  # fmt: skip
        with self.assertRaisesRegex(
            ValidationError, r"Standardisation indicators of .* add up to 90"
        ):
            rpc(self.env, self.admin, "party.index", "action_compute", "month")

    def test_target_outside_its_scale_refused(self):
        indicator = self._own()
        with self.assertRaisesRegex(ValidationError, r"target .* outside its scale"):
            rpc(self.env, self.admin, "party.index.indicator", "write", {"target": 120},
                ids=indicator.ids)  # fmt: skip
        with self.assertRaisesRegex(ValidationError, r"cannot be the same"):
            rpc(self.env, self.admin, "party.index.indicator", "write", {"zero_at": 100},
                ids=indicator.ids)  # fmt: skip

    def test_a_party_administrator_does_not_change_the_defaults(self):
        """The defaults are every company's: a Party administrator changes their own
        company's version, never the default (nor moves their version to another
        company)."""
        default = self.env.ref("party_branch.index_indicator_std_member_files")
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.index.indicator", "write", {"weight": 30},
                ids=default.ids)  # fmt: skip
        indicator = self._own()
        other = self.env["res.company"].create({"name": "Index Other Company"})
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.index.indicator", "write",
                {"company_id": other.id}, ids=indicator.ids)  # fmt: skip
        self.assertEqual(default.weight, 20)
        self.assertEqual(indicator.company_id, self.env.company)

    def test_the_company_version_replaces_the_default(self):
        """Files 45, open breaches archived in the company: its lines follow; the
        defaults are unchanged."""
        files = self._own()
        breaches = self._own("party_branch.index_indicator_std_open_findings")
        rpc(self.env, self.admin, "party.index.indicator", "write", {"weight": 45},
            ids=files.ids)  # fmt: skip
        rpc(self.env, self.admin, "party.index.indicator", "write", {"active": False},
            ids=breaches.ids)  # fmt: skip
        index = self._compute(self.branch_a)
        lines = index.line_ids.filtered(lambda line: line.dimension == "standardisation")
        self.assertEqual(
            {line.indicator_id.code: line.weight for line in lines},
            {"std_positions_filled": 30, "std_term_current": 25, "std_member_files": 45},
        )
        self.assertEqual(self._line(index, "std_member_files").indicator_id, files)
        self.assertEqual(self.env.ref("party_branch.index_indicator_std_member_files").weight, 20)

    def test_officer_cannot_change_an_indicator(self):
        indicator = self.env.ref("party_branch.index_indicator_std_member_files")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index.indicator", "write", {"weight": 30},
                ids=indicator.ids)  # fmt: skip

    def test_a_period_not_begun_refused(self):
        next_year = date(self.today.year + 1, 1, 1)
        with self.assertRaisesRegex(ValidationError, r"has not begun"):
            rpc(self.env, self.officer_a, "party.index", "action_compute", "year", str(next_year))
        self.assertFalse(self.Index.search([("date_from", "=", next_year)]))

    def test_an_unknown_period_type_refused(self):
        for value in ("week", ["month"], {"month": 1}):
            with self.assertRaisesRegex(ValidationError, r"no period of the index"):
                rpc(self.env, self.officer_a, "party.index", "action_compute", value)

    def test_a_day_that_is_no_date_refused(self):
        for value in ("2025-13-45", "soon", [2025]):
            with self.assertRaisesRegex(ValidationError, r"computed for a day of a period"):
                rpc(self.env, self.officer_a, "party.index", "action_compute", "month", value)

    def test_organisations_that_are_no_ids_refused(self):
        with self.assertRaisesRegex(ValidationError, r"list of ids"):
            rpc(self.env, self.officer_a, "party.index", "action_compute", "month",
                organization_ids=["1"])  # fmt: skip

    def test_a_final_index_is_kept(self):
        """Computed after its period closed, an index is final: computing it again is
        refused with a clear message, and it stays as it was."""
        index = self._compute(self.branch_a, force=False)
        self.assertTrue(index.is_final)
        computed_on = index.computed_on
        with self.assertRaisesRegex(UserError, r"is final"):
            rpc(self.env, self.officer_a, "party.index", "action_compute", "year",
                str(self.year_start))  # fmt: skip
        self.env.invalidate_all()
        self.assertEqual(index.computed_on, computed_on)


@tagged("post_install", "-at_install")
class TestScreensAndCron(PartyIndexCase):
    def test_screens_load_for_an_officer(self):
        """The list, form, pivot, graph and search views of the index, the indicators'
        list and the organisation form with its index button, as a branch officer."""
        views = (
            self.env["party.index"]
            .with_user(self.officer_a)
            .get_views([(False, kind) for kind in ("list", "form", "pivot", "graph", "search")])
        )
        self.assertEqual(set(views["views"]), {"list", "form", "pivot", "graph", "search"})
        self.assertIn("score_standardisation", views["views"]["list"]["arch"])
        form = self.env["party.organization"].with_user(self.officer_a).get_views([(False, "form")])
        action = self.env.ref("party_branch.party_index_action")
        self.assertIn(f'name="{action.id}"', form["views"]["form"]["arch"])
        self.env["party.index.indicator"].with_user(self.admin).get_views([(False, "list")])

    def test_the_nightly_run_computes_the_periods_under_way(self):
        self.Index._cron_compute()
        indices = self.Index.search([("organization_id", "=", self.branch_a.id)])
        month = self.today.replace(day=1)
        self.assertIn(("month", month), {(index.period_type, index.date_from) for index in indices})
        self.assertEqual(set(indices.mapped("period_type")), {"month", "quarter", "year"})
