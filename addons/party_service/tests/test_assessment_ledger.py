"""The service assessment reads the points ledger (issue 26, item 3): the ledger records
every fact of a source with its quantity, the facts beyond a cap with 0 points; the
assessment brings the ledger up to date for its members and period (a scoped run) and
counts the quantities; a source without a points rule is refused; a fact is credited
once whichever rule of its source applied."""

from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase, held_lectures

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestAssessmentLedger(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        cls.Rule = cls.env["party.point.rule"].with_context(active_test=False)
        # the shipped default rules only: no company's own rule in their place
        cls.Rule.search([("company_id", "!=", False)]).write({"active": False})
        cls.meeting_rule = cls.env.ref("party_life.point_rule_meeting")
        cls.meeting_rule.write({"points": 2, "cap_day": 0, "cap_period": 0, "active": True})

    def _assessment(self, org=None):
        return self.env["party.assessment"].create(
            {"name": "PAL H1 2026", "organization_id": (org or self.branch_a).id,
             "date_from": FIRST, "date_to": LAST}
        )  # fmt: skip

    def _meetings(self, starts, member=None, state="present"):
        member = member or self.member_a
        return held_lectures(
            self.env, member.organization_id, member, starts, state=state, name="PAL"
        )

    def _line(self, assessment, member=None):
        member = member or self.member_a
        return assessment.line_ids.filtered(lambda line: line.member_id == member)

    def _ledger(self, source, member=None):
        member = member or self.member_a
        return self.Point.search([("member_id", "=", member.id), ("source", "=", source)])

    # ------------------------------------------------------------------ capped facts

    def test_capped_facts_counted_by_the_assessment_not_in_the_points(self):
        # 2 points a meeting, at most 4 a day: three meetings on one day
        self.meeting_rule.write({"cap_day": 4})
        self._meetings([datetime(2026, 3, 2, h) for h in (8, 10, 12)])
        assessment = self._assessment()
        rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        lines = self._ledger("meeting")
        self.assertEqual(len(lines), 3)  # every fact in the ledger
        self.assertEqual(sum(lines.mapped("points")), 4)  # the points capped
        self.assertEqual(sorted(lines.mapped("capped")), [False, False, True])
        self.assertEqual(self._line(assessment).meeting_count, 3)  # the facts counted

    # ------------------------------------------------------------------ the scoped run

    def test_scoring_brings_the_ledger_up_to_date_for_its_members_and_period_only(self):
        self._meetings([datetime(2026, 3, 2, 9)])
        self._meetings([datetime(2026, 3, 3, 9)], member=self.member_b)  # Branch B
        self._meetings([datetime(2026, 7, 2, 9)])  # after the period
        assessment = self._assessment()
        rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        self.assertEqual(self._ledger("meeting").mapped("date"), [date(2026, 3, 2)])
        self.assertFalse(self._ledger("meeting", self.member_b))
        self.assertEqual(self._line(assessment).meeting_count, 1)
        # scoring again writes nothing more in the ledger
        before = self.Point.search_count([])
        rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        self.assertEqual(self.Point.search_count([]), before)
        # the nightly run then writes the others' facts, and not the scored ones again
        self.Point.sudo()._party_points_run(date(2026, 1, 1), date(2026, 12, 31))
        self.assertEqual(len(self._ledger("meeting")), 2)
        self.assertEqual(len(self._ledger("meeting", self.member_b)), 1)

    # ------------------------------------------------------------------ no rule

    def test_a_source_without_a_points_rule_is_refused(self):
        self.env.ref("party_service.point_rule_visit").active = False
        assessment = self._assessment()
        with self.assertRaisesRegex(
            UserError, "No points rule for Pairing Visits: the assessment counts facts"
        ):
            rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        self.assertFalse(assessment.line_ids)
        self.assertFalse(assessment.scored_at)

    # ------------------------------------------------------------------ one source

    def test_the_same_facts_in_the_ledger_and_the_assessment(self):
        """Meetings, an absence, two requests rated 4 and 5, one overdue, a visit and
        volunteer hours: the assessment's quantities are the ledger's."""
        self._meetings([datetime(2026, 3, 2, 9), datetime(2026, 4, 2, 9)])
        self._meetings([datetime(2026, 5, 2, 9)], state="absent")
        self._service_facts("PAL household")
        # the nightly run writes the facts; the assessment counts the same lines
        self.Point.sudo()._party_points_run(FIRST, LAST)
        ledger = {}
        for line in self.Point.search([("member_id", "=", self.member_a.id)]):
            quantity, count = ledger.get(line.source, (0.0, 0))
            ledger[line.source] = (quantity + line.quantity, count + 1)
        assessment = self._assessment()
        rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        line = self._line(assessment)
        got = {
            "meeting": line.meeting_count, "absence": line.absence_count,
            "request": line.request_count, "rating": line.rating_avg,
            "overdue": line.overdue_count, "visit": line.visit_count,
            "volunteer": line.volunteer_hours,
        }  # fmt: skip
        self.assertEqual(
            got,
            {"meeting": 2, "absence": 1, "request": 2, "rating": 4.5, "overdue": 1, "visit": 1,
             "volunteer": 6.0},
        )  # fmt: skip
        for source, value in got.items():
            quantity, count = ledger[source]
            self.assertEqual(value, round(quantity / count, 2) if source == "rating" else quantity)
        # and the ledger's points are those of the points rules, not the assessment's
        self.assertEqual(sum(self._ledger("absence").mapped("points")), 0)
        self.assertEqual(sum(self._ledger("visit").mapped("points")), 2)
