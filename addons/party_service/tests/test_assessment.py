"""The service assessment: the arithmetic at the caps, every source counted from its
facts, ranking, frozen closed periods, and navigation to the facts."""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyServiceCase

WEIGHTS = {
    "meeting": (2.0, 20.0, False),
    "study": (1.0, 15.0, False),
    "dues": (1.0, 12.0, False),
    "request": (3.0, 21.0, False),
    "rating": (1.0, 5.0, False),
    "visit": (2.0, 12.0, False),
    "volunteer": (0.5, 15.0, False),
    "overdue": (2.0, 10.0, True),
    "absence": (3.0, 15.0, True),
}


@tagged("post_install", "-at_install")
class TestAssessment(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["party.assessment.line"]
        cls.Assessment = cls.env["party.assessment"]

    def _assessment(self, org=None, name="H1 2026", date_from="2026-01-01", date_to="2026-06-30"):
        return self.Assessment.create(
            {"name": name, "organization_id": (org or self.branch_a).id,
             "date_from": date_from, "date_to": date_to}
        )  # fmt: skip

    # ------------------------------------------------------------------ arithmetic

    def test_points_below_at_and_above_the_cap(self):
        vals = self.Line._score_values({"meeting": 9}, WEIGHTS)
        self.assertEqual(vals["meeting_points"], 18.0)
        vals = self.Line._score_values({"meeting": 10}, WEIGHTS)
        self.assertEqual(vals["meeting_points"], 20.0)
        vals = self.Line._score_values({"meeting": 11}, WEIGHTS)
        self.assertEqual(vals["meeting_points"], 20.0)

    def test_penalties_subtracted_and_capped(self):
        vals = self.Line._score_values({"overdue": 2, "absence": 9}, WEIGHTS)
        self.assertEqual(vals["overdue_points"], -4.0)
        self.assertEqual(vals["absence_points"], -15.0)
        self.assertEqual(vals["score"], -19.0)

    def test_every_source_adds_up(self):
        quantities = {
            "meeting": 3, "study": 4.5, "dues": 6, "request": 2, "rating": 4.5,
            "visit": 1, "volunteer": 7, "overdue": 1, "absence": 1,
        }  # fmt: skip
        vals = self.Line._score_values(quantities, WEIGHTS)
        self.assertEqual(vals["score"], 6 + 4.5 + 6 + 6 + 4.5 + 2 + 3.5 - 2 - 3)

    def test_no_cap_means_no_limit(self):
        weights = dict(WEIGHTS, meeting=(2.0, 0.0, False))
        self.assertEqual(self.Line._score_values({"meeting": 50}, weights)["meeting_points"], 100)

    def test_rules_are_data(self):
        rule = self.env.ref("party_service.assessment_rule_meeting")
        self.assertFalse(rule.company_id)  # the default of every company
        rule.write({"points": 5, "cap": 7})
        self.assertEqual(self.env["party.assessment.rule"]._weights()["meeting"], (5.0, 7.0, False))
        with self.assertRaises(AccessError):
            rule.with_user(self.officer_a).write({"points": 100})

    # ------------------------------------------------------------------ facts

    def _facts_fixture(self):
        """Member A: a meeting attended and one missed, two resolved requests (rated 4 and
        5), one overdue, a pairing visit, 6 volunteer hours; all in H1 2026."""
        meetings = self.env["party.meeting"].sudo().create(
            [
                {"organization_id": self.branch_a.id, "meeting_type": "branch_assembly",
                 "name": f"M{i}", "start": datetime(2026, 3, i, 9), "stop": datetime(2026, 3, i, 11),
                 "location": "Room"}
                for i in (2, 3)
            ]
        )  # fmt: skip
        Attendance = self.env["party.meeting.attendance"].sudo()
        for meeting, state in zip(meetings, ("present", "absent"), strict=True):
            row = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a)
            if not row:
                row = Attendance.create({"meeting_id": meeting.id, "member_id": self.member_a.id})
            row.state = state
        meetings.with_context(tz="UTC").write({"state": "held"})
        return self._service_facts("Household")

    def test_every_source_counted_from_its_facts(self):
        self._facts_fixture()
        facts = self.Line._facts(self.member_a, date(2026, 1, 1), date(2026, 6, 30))
        got = facts[self.member_a.id]
        self.assertEqual(got.get("meeting"), 1)
        self.assertEqual(got.get("absence"), 1)
        self.assertEqual(got.get("request"), 2)
        self.assertEqual(got.get("rating"), 4.5)
        self.assertEqual(got.get("overdue"), 1)
        self.assertEqual(got.get("visit"), 1)
        self.assertEqual(got.get("volunteer"), 6)

    def test_facts_outside_the_period_do_not_count(self):
        self._facts_fixture()
        facts = self.Line._facts(self.member_a, date(2026, 7, 1), date(2026, 12, 31))
        self.assertFalse(facts[self.member_a.id])

    def test_scoring_an_organisation_and_those_below(self):
        self._facts_fixture()
        assessment = self._assessment()
        assessment.with_user(self.officer_a).action_score()
        self.assertEqual(assessment.line_ids.member_id, self.secretary_a | self.member_a)
        line = assessment.line_ids.filtered(lambda r: r.member_id == self.member_a)
        self.assertEqual(line.request_count, 2)
        self.assertEqual(line.rank, 1)
        self.assertEqual(line.score, sum(line[f] for f in line._fields if f.endswith("_points")))

    def test_scoring_again_replaces_the_lines(self):
        assessment = self._assessment()
        assessment.action_score()
        assessment.action_score()
        self.assertEqual(len(assessment.line_ids), 2)

    def test_scoring_again_writes_only_what_changed(self):
        self._facts_fixture()
        assessment = self._assessment()
        first = assessment.sudo()._score()
        self.assertEqual((first["inserted"], first["updated"], first["deleted"]), (2, 0, 0))
        lines = {line.member_id: (line.id, line.score) for line in assessment.line_ids}
        # nothing changed: nothing written
        self.assertEqual(
            assessment.sudo()._score(), {"inserted": 0, "updated": 0, "deleted": 0, "unchanged": 2}
        )
        # one more overdue request of Member A: her line only, in place
        overdue = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        self._received(overdue, datetime(2026, 5, 2, 8))
        changes = assessment.sudo()._score()
        self.assertEqual(
            (changes["inserted"], changes["updated"], changes["deleted"], changes["unchanged"]),
            (0, 1, 0, 1),
        )
        line_a = assessment.line_ids.filtered(lambda line: line.member_id == self.member_a)
        self.assertEqual(line_a.id, lines[self.member_a][0])
        self.assertEqual(line_a.overdue_count, 2)
        self.assertLess(line_a.score, lines[self.member_a][1])
        # a member who leaves is no longer scored; one who joins is
        newcomer = self.Member.create(
            {"name": "Newcomer", "organization_id": self.branch_a.id, "member_category": "full",
             "join_date": "2015-01-01", "full_date": "2016-01-01"}
        )  # fmt: skip
        self.member_a.sudo().status = "transferred_out"
        changes = assessment.sudo()._score()
        self.assertEqual((changes["inserted"], changes["deleted"]), (1, 1))
        self.assertEqual(
            set(assessment.line_ids.member_id), set(lines) - {self.member_a} | {newcomer}
        )

    # ------------------------------------------------------------------ closing

    def test_closed_period_is_frozen(self):
        assessment = self._assessment()
        assessment.with_user(self.officer_a).action_close()
        self.assertEqual(assessment.state, "closed")
        lines = assessment.line_ids
        with self.assertRaisesRegex(UserError, "closed and its scores are frozen"):
            assessment.with_user(self.officer_a).action_score()
        self.assertEqual(assessment.line_ids, lines)
        with self.assertRaises(UserError):
            assessment.unlink()

    def test_state_only_through_actions(self):
        assessment = self._assessment()
        with self.assertRaises(AccessError):
            assessment.with_user(self.officer_a).write({"state": "closed"})

    def test_sibling_officer_cannot_score(self):
        assessment = self._assessment()
        with self.assertRaises(AccessError):
            assessment.with_user(self.officer_b).action_score()
        self.assertFalse(assessment.line_ids)

    def test_one_assessment_per_organisation_and_period(self):
        self._assessment()
        with self.assertRaises(Exception):  # noqa: B017  the database's unique constraint
            with self.env.cr.savepoint():
                self._assessment(name="again")

    # ------------------------------------------------------------------ reading

    def test_member_reads_only_their_own_score(self):
        assessment = self._assessment()
        assessment.action_score()
        mine = self.Line.with_user(self.portal).search([("assessment_id", "=", assessment.id)])
        self.assertEqual(mine.member_id, self.member_a)

    def test_score_opens_onto_its_facts(self):
        tickets = self._facts_fixture()
        assessment = self._assessment()
        assessment.action_score()
        line = assessment.line_ids.filtered(lambda r: r.member_id == self.member_a)
        action = line.with_user(self.officer_a).action_view_requests()
        found = self.env["helpdesk.ticket"].search(action["domain"])
        self.assertEqual(found & tickets, tickets)
        for method in ("action_view_meetings", "action_view_dues", "action_view_visits",
                       "action_view_volunteer"):  # fmt: skip
            self.assertEqual(getattr(line, method)()["type"], "ir.actions.act_window")

    def test_xlsx_export(self):
        assessment = self._assessment()
        assessment.action_score()
        report = self.env.ref("party_service.action_report_assessment_xlsx")
        content, kind = self.env["ir.actions.report"]._render(report.report_name, assessment.ids)
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
