"""The points ledger takes facts back (issue 26, item 3): a fact that no longer holds as
the ledger recorded it (an attendance corrected to absent, an absence excused, a rating
changed) gets a reversal line from the next run, nothing deleted nor edited but the
reversed line's flag; the assessment, the summaries and the ranks count the net; the
fact back again is credited once more, not twice; a run with nothing changed writes
nothing; a reversal is never written, changed nor deleted over RPC."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc
from odoo.addons.party_branch.tools.guard import action_scope

from .common import PartyServiceCase, held_lectures, shipped_point_rules

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestPartyPointsReversal(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        shipped_point_rules(
            cls.env, {"party_life.point_rule_meeting": 2, "party_service.point_rule_rating": 1}
        )

    def _run(self):
        return self.Point.sudo()._party_points_run(FIRST, LAST)

    def _meeting(self, start, member=None, state="present"):
        member = member or self.member_a
        meeting = held_lectures(
            self.env, member.organization_id, member, [start], state=state, name="PPR"
        )
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def _lines(self, source, member=None):
        member = member or self.member_a
        return self.Point.search(
            [("member_id", "=", member.id), ("source", "=", source)], order="id"
        )

    def _rated_request(self, rating, resolved=datetime(2026, 2, 1, 10)):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        self._received(ticket, resolved - timedelta(hours=3))
        with action_scope():
            ticket.write({"party_resolved_at": resolved, "party_rating": rating,
                          "party_rated_at": resolved})  # fmt: skip
        return ticket

    def _assessment(self):
        return self.env["party.assessment"].create(
            {"name": "PPR H1 2026", "organization_id": self.branch_a.id,
             "date_from": FIRST, "date_to": LAST}
        )  # fmt: skip

    def _scored(self, assessment):
        rpc(self.env, self.officer_a, "party.assessment", "action_score", ids=assessment.ids)
        return assessment.line_ids.filtered(lambda line: line.member_id == self.member_a)

    # ------------------------------------------------------------------ reversals

    def test_attendance_corrected_to_absent_is_reversed(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._run()
        credited = self._lines("meeting")
        self.assertEqual((len(credited), credited.points, credited.quantity), (1, 2, 1))
        # the secretary corrects the roll: the member was not there
        rpc(self.env, self.officer_a, "party.meeting.attendance", "write", {"state": "absent"},
            ids=attendance.ids)  # fmt: skip
        added = self._run()
        self.assertEqual(added["reversed"], 1)
        lines = self._lines("meeting")
        self.assertEqual(len(lines), 2)  # the line stays; a reversal beside it
        original, reversal = lines
        self.assertEqual(original, credited)
        self.assertTrue(original.reversed)
        self.assertEqual((original.points, original.quantity), (2, 1))
        self.assertEqual(
            (reversal.points, reversal.quantity, reversal.reversal_of_id, reversal.res_id),
            (-2, -1, original, attendance.id),
        )
        self.assertEqual(reversal.date, fields.Date.context_today(self.Point.sudo()))
        self.assertEqual(reversal.year, 2026)
        self.assertIn("no longer holds", reversal.reason)
        self.assertEqual(sum(lines.mapped("points")), 0)
        # the absence is in the ledger now
        self.assertEqual(self._lines("absence").res_id, attendance.id)

    def test_attendance_corrected_the_assessment_no_longer_counts_it(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._meeting(datetime(2026, 4, 2, 9))
        assessment = self._assessment()
        self.assertEqual(self._scored(assessment).meeting_count, 2)
        rpc(self.env, self.officer_a, "party.meeting.attendance", "write", {"state": "absent"},
            ids=attendance.ids)  # fmt: skip
        line = self._scored(assessment)
        self.assertEqual((line.meeting_count, line.absence_count), (1, 1))

    def test_absence_excused_is_reversed(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9), state="absent")
        assessment = self._assessment()
        self.assertEqual(self._scored(assessment).absence_count, 1)
        rpc(self.env, self.officer_a, "party.meeting.attendance", "write",
            {"state": "excused", "excuse": "In hospital"}, ids=attendance.ids)  # fmt: skip
        self.assertEqual(self._scored(assessment).absence_count, 0)
        original, reversal = self._lines("absence")
        self.assertTrue(original.reversed)
        self.assertEqual((reversal.reversal_of_id, reversal.quantity), (original, -1))
        self.assertFalse(self._lines("meeting"))

    def test_rating_changed_is_reversed_and_credited_with_the_new_points(self):
        ticket = self._rated_request(3)
        self._run()
        self.assertEqual(self._lines("rating").mapped("points"), [3])
        with action_scope():
            ticket.write({"party_rating": 5})
        added = self._run()
        self.assertEqual(added["reversed"], 1)
        original, reversal, new = self._lines("rating")
        self.assertEqual(
            [(line.quantity, line.points, line.reversed) for line in (original, reversal, new)],
            [(3, 3, True), (-3, -3, False), (5, 5, False)],
        )
        self.assertEqual(reversal.reversal_of_id, original)
        self.assertFalse(new.reversal_of_id)
        self.assertEqual(new.date, date(2026, 2, 1))  # the day of the fact
        assessment = self._assessment()
        self.assertEqual(self._scored(assessment).rating_avg, 5)

    def test_fact_back_again_is_credited_once_more_not_twice(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._run()
        attendance.sudo().state = "absent"
        self._run()
        attendance.sudo().state = "present"
        self._run()
        self._run()
        lines = self._lines("meeting")
        self.assertEqual(
            [(line.points, line.reversed, bool(line.reversal_of_id)) for line in lines],
            [(2, True, False), (-2, False, True), (2, False, False)],
        )
        self.assertEqual(sum(lines.mapped("points")), 2)
        # and the absence of the meantime is taken back too
        self.assertEqual(sum(self._lines("absence").mapped("quantity")), 0)

    def test_run_again_after_a_reversal_writes_nothing(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._rated_request(4)
        self._run()
        attendance.sudo().state = "absent"
        self.assertEqual(self._run()["reversed"], 1)
        before = self.Point.search([])
        again = self._run()
        self.assertFalse(any(again.values()), again)
        self.assertEqual(self.Point.search([]), before)

    def test_summary_and_rank_count_the_net_after_a_reversal(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._meeting(datetime(2026, 3, 2, 9), member=self.secretary_a)
        self._meeting(datetime(2026, 4, 2, 9), member=self.secretary_a)
        self._run()
        attendance.sudo().state = "absent"
        self._run()
        Summary = self.env["party.point.summary"]
        got = {
            s.member_id: (s.points, s.line_count, s.rank)
            for s in Summary.search(
                [("organization_id", "=", self.branch_a.id), ("year", "=", 2026)]
            )  # fmt: skip
        }
        self.assertEqual(got[self.secretary_a], (4, 2, 1))
        # the reversed line and its reversal net to nothing, and count as no line
        self.assertEqual(got[self.member_a][:2], (0, 0))

    def test_quantity_keeps_a_third_of_an_hour(self):
        course = self.env["slide.channel"].create({"name": "PPR course", "is_party_course": True})
        slides = self.env["slide.slide"].create(
            [{"name": f"PPR lesson {n}", "channel_id": course.id, "slide_category": "article",
              "html_content": "<p>x</p>", "is_published": True, "completion_time": 1 / 3}
             for n in range(3)]
        )  # fmt: skip
        self.env["slide.slide.partner"].create(
            [{"slide_id": slide.id, "partner_id": self.member_a.partner_id.id,
              "completed": True, "completed_date": date(2026, 3, 3)} for slide in slides]
        )  # fmt: skip
        self._run()
        lines = self._lines("study")
        self.assertEqual(len(lines), 3)
        # the backend shows the quantity with the field's digits: 20 minutes is 0.3333 h,
        # not 0.33
        digits = rpc(self.env, self.admin, "party.point", "fields_get", ["quantity"], ["digits"])
        self.assertEqual(tuple(digits["quantity"]["digits"]), (16, 4))
        self.assertEqual(round(lines[0].quantity, digits["quantity"]["digits"][1]), 0.3333)
        quantities = self.Point._party_ledger_quantities(self.member_a, FIRST, LAST, ["study"])
        self.assertAlmostEqual(quantities[self.member_a.id]["study"][0], 1.0, places=3)

    # ------------------------------------------------------------------ never by hand

    def _reversal(self):
        attendance = self._meeting(datetime(2026, 3, 2, 9))
        self._run()
        attendance.sudo().state = "absent"
        self._run()
        return self._lines("meeting")

    def test_reversal_line_changed_over_rpc_refused(self):
        original, reversal = self._reversal()
        for user in (self.admin, self.officer_a):
            with self.assertRaisesRegex(AccessError, "never changed"):
                rpc(self.env, user, "party.point", "write", {"points": 5}, ids=reversal.ids)
            with self.assertRaisesRegex(AccessError, "never changed"):
                rpc(self.env, user, "party.point", "write", {"reversed": False},
                    ids=original.ids)  # fmt: skip
        self.assertEqual((reversal.points, original.reversed), (-2, True))

    def test_reversal_line_deleted_over_rpc_refused(self):
        lines = self._reversal()
        for user in (self.admin, self.officer_a):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "unlink", ids=lines[1:].ids)
        self.assertEqual(len(lines.exists()), 2)

    def test_reversal_line_written_over_rpc_refused(self):
        original = self._reversal()[0]
        for user in (self.admin, self.officer_a):
            with self.assertRaisesRegex(AccessError, "written by the nightly points run only"):
                rpc(self.env, user, "party.point", "create",
                    [{"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                      "company_id": self.member_a.company_id.id, "source": "meeting",
                      "date": "2026-03-02", "year": 2026, "points": -2,
                      "reverses_line": original.id}])  # fmt: skip
        self.assertEqual(len(self._lines("meeting")), 2)
