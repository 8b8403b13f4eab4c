"""The points ledger (党员积分): lines written by the nightly run only (never by hand
over RPC), corrections by a Party administrator with a reason, the yearly summaries
with ranks within the organisation and grades, and the branches' star levels
(星级党支部) from the thresholds. The sources' facts are tested in party_life and
party_service (test_party_points.py)."""

from odoo import sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyBranchCase
from .rpc import rpc

YEAR = 2025


@tagged("post_install", "-at_install")
class TestPartyPoints(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        cls.Summary = cls.env["party.point.summary"]
        cls.Star = cls.env["party.point.star"]
        # thresholds of the tests only (the shipped ones archived)
        cls.env["party.point.level"].search([]).active = False
        Level = cls.env["party.point.level"]
        cls.grade_good = Level.create({"name": "Good", "kind": "member", "min_points": 10})
        cls.grade_best = Level.create({"name": "Best", "kind": "member", "min_points": 30})
        cls.star_1 = Level.create({"name": "1 star", "kind": "branch", "min_points": 5, "stars": 1})
        cls.star_3 = Level.create(
            {"name": "3 stars", "kind": "branch", "min_points": 15, "stars": 3}
        )

    def _line(self, member, points, day="2025-03-01", res_id=1):
        """A ledger line as the nightly run writes it (superuser)."""
        return self.Point.sudo().create(
            {"member_id": member.id, "organization_id": member.organization_id.id,
             "company_id": member.company_id.id, "source": "correction", "res_id": res_id,
             "date": day, "year": int(day[:4]), "points": points}
        )  # fmt: skip

    def _summary(self, member, year=YEAR):
        return self.Summary.search([("member_id", "=", member.id), ("year", "=", year)])

    # ------------------------------------------------------------------ never by hand

    def test_line_created_over_rpc_refused(self):
        for user in (self.admin, self.officer_a, self.portal):
            with self.assertRaisesRegex(AccessError, "written by the nightly points run only"):
                rpc(self.env, user, "party.point", "create",
                    [{"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                      "company_id": self.member_a.company_id.id, "date": "2025-03-01",
                      "year": 2025, "points": 500}])  # fmt: skip
        self.assertFalse(self.Point.search([("member_id", "=", self.member_a.id)]))

    def test_line_written_over_rpc_refused(self):
        line = self._line(self.member_a, 4)
        for user in (self.admin, self.officer_a, self.portal):
            with self.assertRaisesRegex(AccessError, "never changed"):
                rpc(self.env, user, "party.point", "write", {"points": 400}, ids=line.ids)
        self.assertEqual(line.points, 4)

    def test_line_deleted_over_rpc_refused(self):
        line = self._line(self.member_a, 4)
        for user in (self.admin, self.officer_a, self.portal):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "unlink", ids=line.ids)
        self.assertTrue(line.exists())

    def test_line_not_deleted_even_by_the_server(self):
        line = self._line(self.member_a, 4)
        with self.assertRaisesRegex(Exception, "is kept: it is not deleted"):
            line.sudo().unlink()
        self.assertTrue(line.exists())

    def test_summary_written_over_rpc_refused(self):
        self._line(self.member_a, 12)
        self.Point.sudo()._party_points_summarise([YEAR])
        summary = self._summary(self.member_a)
        with self.assertRaisesRegex(AccessError, "never changed"):
            rpc(self.env, self.admin, "party.point.summary", "write", {"points": 999},
                ids=summary.ids)  # fmt: skip
        self.assertEqual(summary.points, 12)

    # ------------------------------------------------------------------ corrections

    def test_admin_corrects_with_a_negative_line_and_reason(self):
        self._line(self.member_a, 12)
        line_id = rpc(self.env, self.admin, "party.point", "action_correct",
                      self.member_a.id, -5, "Counted twice")  # fmt: skip
        line = self.Point.browse(line_id)
        self.assertEqual(
            (line.points, line.reason, line.is_correction), (-5, "Counted twice", True)
        )
        self.assertEqual(line.corrected_by_id, self.admin)
        year = line.date.year
        self.assertEqual(
            self._summary(self.member_a, year).points, -5 + (12 if year == YEAR else 0)
        )

    def test_correction_by_an_officer_refused(self):
        with self.assertRaisesRegex(AccessError, "Only a Party administrator"):
            rpc(self.env, self.officer_a, "party.point", "action_correct",
                self.member_a.id, -5, "Counted twice")  # fmt: skip
        self.assertFalse(self.Point.search([("member_id", "=", self.member_a.id)]))

    def test_correction_without_reason_refused(self):
        with self.assertRaisesRegex(ValidationError, "gives its reason"):
            rpc(self.env, self.admin, "party.point", "action_correct", self.member_a.id, -5, " ")
        self.assertFalse(self.Point.search([("member_id", "=", self.member_a.id)]))

    def test_correction_adding_points_refused(self):
        with self.assertRaisesRegex(ValidationError, "withdraws points"):
            rpc(self.env, self.admin, "party.point", "action_correct",
                self.member_a.id, 50, "Bonus")  # fmt: skip
        self.assertFalse(self.Point.search([("member_id", "=", self.member_a.id)]))

    def test_correction_of_another_companys_member_refused(self):
        other = self.env["res.company"].create({"name": "Other Co (points)"})
        committee = self._org("Other Committee (points)", "committee", company_id=other.id)
        org = self._org("Other Branch (points)", "branch", committee, company_id=other.id)
        stranger = self._member(org, "Stranger")
        with self.assertRaisesRegex(ValidationError, "does not exist"):
            rpc(self.env, self.admin, "party.point", "action_correct", stranger.id, -5, "x")
        self.assertFalse(self.Point.search([("member_id", "=", stranger.id)]))

    # ------------------------------------------------------------------ reading

    def test_member_reads_only_their_own_lines(self):
        own = self._line(self.member_a, 3)
        self._line(self.member_b, 3)
        self._line(self.secretary_a, 3)
        found = rpc(self.env, self.portal, "party.point", "search", [])
        self.assertEqual(found, own.ids)

    def test_officer_reads_the_lines_of_their_organisations_only(self):
        mine = self._line(self.member_a, 3) | self._line(self.secretary_a, 3)
        self._line(self.member_b, 3)
        found = rpc(self.env, self.officer_a, "party.point", "search", [])
        self.assertEqual(sorted(found), sorted(mine.ids))

    # ------------------------------------------------------------------ ranks, grades, stars

    def test_ranks_within_the_organisation(self):
        self._line(self.member_a, 20)
        self._line(self.secretary_a, 35)
        self._line(self.member_b, 5)
        self.Point.sudo()._party_points_summarise([YEAR])
        self.assertEqual(self._summary(self.secretary_a).rank, 1)
        self.assertEqual(self._summary(self.member_a).rank, 2)
        # another organisation: its own ranking
        self.assertEqual(self._summary(self.member_b).rank, 1)

    def test_equal_points_share_a_rank(self):
        self._line(self.member_a, 20)
        self._line(self.secretary_a, 20)
        self.Point.sudo()._party_points_summarise([YEAR])
        self.assertEqual(self._summary(self.member_a).rank, 1)
        self.assertEqual(self._summary(self.secretary_a).rank, 1)

    def test_grades_from_the_thresholds(self):
        self._line(self.member_a, 30)  # at the threshold of Best
        self._line(self.secretary_a, 29.5)  # just under it
        self._line(self.member_b, 9)  # under every grade
        self.Point.sudo()._party_points_summarise([YEAR])
        self.assertEqual(self._summary(self.member_a).level_id, self.grade_best)
        self.assertEqual(self._summary(self.secretary_a).level_id, self.grade_good)
        self.assertFalse(self._summary(self.member_b).level_id)

    def test_branch_star_level_from_the_mean_points(self):
        # branch A: 20 + 10 → mean 15, three stars; branch B: 4 + 6 → mean 5, one star
        self._line(self.member_a, 20)
        self._line(self.secretary_a, 10)
        self._line(self.member_b, 4)
        self._line(self.secretary_b, 6)
        self.Point.sudo()._party_points_summarise([YEAR])
        star_a = self.Star.search([("organization_id", "=", self.branch_a.id), ("year", "=", YEAR)])
        star_b = self.Star.search([("organization_id", "=", self.branch_b.id), ("year", "=", YEAR)])
        self.assertEqual((star_a.stars, star_a.points_avg, star_a.member_count), (3, 15, 2))
        self.assertEqual((star_b.stars, star_b.level_id), (1, self.star_1))
        # the committee is no branch: no star level
        self.assertFalse(self.Star.search([("organization_id", "=", self.committee.id)]))

    def test_star_level_evidence_is_the_branch_lines_of_the_year(self):
        lines = self._line(self.member_a, 20) | self._line(self.secretary_a, 10)
        self._line(self.member_a, 7, day="2024-05-01", res_id=2)
        self.Point.sudo()._party_points_summarise([YEAR])
        star = self.Star.search([("organization_id", "=", self.branch_a.id), ("year", "=", YEAR)])
        action = rpc(self.env, self.officer_a, "party.point.star", "action_view_lines",
                     ids=star.ids)  # fmt: skip
        self.assertEqual(self.Point.search(action["domain"]), lines)

    def test_star_level_of_another_branch_not_readable(self):
        self._line(self.member_b, 4)
        self.Point.sudo()._party_points_summarise([YEAR])
        star_b = self.Star.search([("organization_id", "=", self.branch_b.id), ("year", "=", YEAR)])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.point.star", "action_view_lines",
                ids=star_b.ids)  # fmt: skip

    # ------------------------------------------------------------------ the nightly run

    def test_nightly_run_comes_back_later_while_a_scoped_run_holds_the_ledger(self):
        """An assessment being scored (or a compliance check) holds the ledger in
        another transaction: the nightly run neither fails nor waits, it is triggered
        again a few minutes later."""
        cron = self.env.ref("party_branch.ir_cron_party_points")
        Trigger = self.env["ir.cron.trigger"].sudo()
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT pg_advisory_xact_lock(hashtext('party.point'))")
            self.Point._cron_points()
        finally:
            other.rollback()
            other.close()
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)

    # ------------------------------------------------------------------ rules are data

    def test_a_rule_that_gave_points_is_archived_not_deleted(self):
        if not self.env["party.point.rule"]._selection_source():
            return  # party_branch alone has no source (the sources' addons test theirs)
        source = self.env["party.point.rule"]._selection_source()[0][0]
        used, unused = self.env["party.point.rule"].create(
            [{"name": name, "code": f"{name}_test", "source": source, "points": 1,
              "company_id": self.env.company.id, "active": active}
             for name, active in (("Used", True), ("Unused", False))]
        )  # fmt: skip
        self._line(self.member_a, 2).sudo().write({"rule_ref": used.id})
        with self.assertRaisesRegex(UserError, "Used: a points rule that gave points stays"):
            rpc(self.env, self.admin, "party.point.rule", "unlink", ids=used.ids)
        self.assertTrue(used.exists())
        self.env["party.point.rule"].browse(unused.id).unlink()
        self.assertFalse(unused.exists())

    def test_admin_edits_their_companys_rules_not_the_defaults(self):
        if not self.env["party.point.rule"]._selection_source():
            return  # party_branch alone has no source (the sources' addons test theirs)
        source = self.env["party.point.rule"]._selection_source()[0][0]
        rule_id = rpc(self.env, self.admin, "party.point.rule", "create",
                      [{"name": "Own", "code": "own_test", "source": source, "points": 1,
                        "company_id": self.env.company.id}])  # fmt: skip
        rpc(self.env, self.admin, "party.point.rule", "write", {"cap_day": 3}, ids=rule_id)
        self.assertEqual(self.env["party.point.rule"].browse(rule_id).cap_day, 3)
        default = self.env["party.point.rule"].search([("company_id", "=", False)], limit=1)
        if default:
            with self.assertRaises(AccessError):
                rpc(self.env, self.admin, "party.point.rule", "write", {"points": 99},
                    ids=default.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.point.rule", "write", {"points": 99},
                ids=rule_id)  # fmt: skip
