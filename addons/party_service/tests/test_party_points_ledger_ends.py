"""The points ledger's loose ends (issue 26, item 3): the facts a cap had cut are
credited by the next run once a reversal frees room, never above the cap; a course
completion keeps its day when the enrolment is touched (no reversal churn); the first
run of a year, which skips reading the ledger, stays within the caps and credits a fact
once; the ledger's list shows the reversals and filters them."""

from datetime import date, datetime
from xml.etree import ElementTree

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase, held_lectures

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestPartyPointsLedgerEnds(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        Rule = cls.env["party.point.rule"].with_context(active_test=False)
        # the shipped default rules only: a meeting gives 1 point, 2 at most a day
        Rule.search([("company_id", "!=", False)]).write({"active": False})
        Rule.search([("company_id", "=", False)]).write({"cap_day": 0, "cap_period": 0})
        cls.env.ref("party_life.point_rule_meeting").write(
            {"points": 1, "cap_day": 2, "active": True}
        )
        cls.env.ref("party_life.point_rule_course").write({"points": 5, "active": True})

    def _run(self, date_from=FIRST, date_to=LAST):
        return self.Point.sudo()._party_points_run(date_from, date_to)

    def _lines(self, source, member=None):
        member = member or self.member_a
        return self.Point.search(
            [("member_id", "=", member.id), ("source", "=", source)], order="id"
        )

    def _three_meetings_a_day(self, day):
        meetings = held_lectures(
            self.env, self.branch_a, self.member_a,
            [datetime(day.year, day.month, day.day, hour) for hour in (8, 10, 12)], name="PLE",
        )  # fmt: skip
        return meetings.attendance_ids.filtered(lambda a: a.member_id == self.member_a)

    # ------------------------------------------------------------------ caps after reversals

    def test_capped_fact_credited_next_run_after_a_reversal(self):
        first, second, third = self._three_meetings_a_day(date(2026, 3, 2)).sorted("id")
        self._run()
        self.assertEqual(
            [(line.res_id, line.points, line.capped) for line in self._lines("meeting")],
            [(first.id, 1, False), (second.id, 1, False), (third.id, 0, True)],
        )
        # the secretary corrects the roll: the member missed the first meeting
        rpc(self.env, self.officer_a, "party.meeting.attendance", "write", {"state": "absent"},
            ids=first.ids)  # fmt: skip
        self._run()
        live = self._lines("meeting").filtered(
            lambda line: not line.reversed and not line.reverses_line
        )
        self.assertEqual(
            [(line.res_id, line.points, line.capped) for line in live],
            [(second.id, 1, False), (third.id, 1, False)],
        )
        # the day's cap holds: 2 points, not a point above
        self.assertEqual(sum(self._lines("meeting").mapped("points")), 2)

    def test_capped_fact_credited_again_never_above_the_cap(self):
        attendances = self._three_meetings_a_day(date(2026, 3, 2))
        held_lectures(self.env, self.branch_a, self.member_a,
                      [datetime(2026, 3, 2, 14)], name="PLE late")  # fmt: skip
        self._run()
        self.assertEqual(sum(self._lines("meeting").mapped("points")), 2)
        attendances.sorted("id")[0].sudo().state = "absent"
        self._run()
        # two capped facts for one point of room: the first in order takes it
        self.assertEqual(sum(self._lines("meeting").mapped("points")), 2)
        self.assertFalse(any(self._run().values()))  # and the next run writes nothing

    # ------------------------------------------------------------------ course day

    def test_course_enrolment_touched_keeps_its_points_line(self):
        course = self.env["slide.channel"].create({"name": "PLE course", "is_party_course": True})
        enrolment = self.env["slide.channel.partner"].sudo().create(
            {"channel_id": course.id, "partner_id": self.member_a.partner_id.id,
             "member_status": "completed", "completion": 100}
        )  # fmt: skip
        # completed in March, without a dated content (a course without contents)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE slide_channel_partner SET create_date = %s, write_date = %s WHERE id = %s",
            (datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 10), enrolment.id),
        )
        enrolment.invalidate_recordset()
        today = fields.Date.context_today(self.Point)
        self._run(FIRST, today)
        line = self._lines("course")
        self.assertEqual((line.points, line.date), (5, date(2026, 3, 3)))
        # the enrolment is touched later (an invitation sent): the course stays completed
        enrolment.write({"last_invitation_date": fields.Datetime.now()})
        self.env.flush_all()
        added = self._run(FIRST, today)
        self.assertEqual(added["reversed"], 0)
        self.assertEqual(self._lines("course"), line)
        self.assertFalse(line.reversed)

    # ------------------------------------------------------------------ first run of a year

    def test_first_run_of_a_year_stays_within_the_caps(self):
        year = (date(2024, 1, 1), date(2024, 12, 31))  # no line of 2024 in the ledger
        self._three_meetings_a_day(date(2024, 5, 6))
        self._run(*year)
        self.assertEqual(
            [(line.points, line.capped) for line in self._lines("meeting")],
            [(1, False), (1, False), (0, True)],
        )
        self.assertFalse(any(self._run(*year).values()))

    def test_first_run_of_a_year_credits_a_fact_moved_from_the_year_before_once(self):
        meeting = held_lectures(self.env, self.branch_a, self.member_a,
                                [datetime(2023, 12, 30, 9)], name="PLE moved")  # fmt: skip
        self._run(date(2023, 1, 1), date(2023, 12, 31))
        self.assertEqual(self._lines("meeting").date, date(2023, 12, 30))
        # the meeting's day corrected into the next year, after 2023 was closed
        self.env.cr.execute(
            "UPDATE party_meeting_attendance SET meeting_start = %s WHERE meeting_id = %s",
            (datetime(2024, 1, 2, 9), meeting.id),
        )
        self._run(date(2024, 1, 1), date(2024, 12, 31))
        line = self._lines("meeting")
        self.assertEqual((len(line), line.date, line.points), (1, date(2023, 12, 30), 1))

    # ------------------------------------------------------------------ company

    def test_line_company_is_its_organisations_and_another_company_sees_none(self):
        held_lectures(self.env, self.branch_a, self.member_a, [datetime(2026, 3, 2, 9)],
                      name="PLE company")  # fmt: skip
        self._run()
        line = self._lines("meeting")
        self.assertEqual(line.company_id, self.branch_a.company_id)
        other = self.env["res.company"].create({"name": "PLE Other Co"})
        admin_other = new_test_user(
            self.env, login="ple_admin_other", groups="party_branch.group_party_admin",
            company_id=other.id, company_ids=[other.id],
        )  # fmt: skip
        domain = [("member_id", "=", self.member_a.id)]
        self.assertFalse(rpc(self.env, admin_other, "party.point", "search", domain))
        self.assertEqual(rpc(self.env, self.admin, "party.point", "search", domain), line.ids)
        self.assertEqual(
            rpc(self.env, self.admin, "party.point", "search",
                [("company_id", "=", other.id)]), [])  # fmt: skip

    # ------------------------------------------------------------------ the ledger's views

    def test_reversals_filter_lists_reversed_lines_and_their_reversals(self):
        meeting = held_lectures(self.env, self.branch_a, self.member_a,
                                [datetime(2026, 3, 2, 9)], name="PLE filter")  # fmt: skip
        self._run()
        meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.member_a
        ).sudo().state = "absent"
        self._run()
        original, reversal = self._lines("meeting")
        self.assertTrue(self._lines("absence"))  # a live line, not a reversal
        Point = self.Point.with_user(self.officer_a)
        search = ElementTree.fromstring(
            Point.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        (reversals,) = search.iterfind(".//filter[@name='reversals']")
        self.assertEqual(reversals.get("string"), "Reversals")
        listed = Point.search(
            [*safe_eval(reversals.get("domain")), ("member_id", "=", self.member_a.id)]
        )
        self.assertEqual(listed, original | reversal)
        self.assertEqual(reversal.reversal_of_id, original)

    def test_ledger_list_shows_reversed_and_the_reversed_line(self):
        views = self.Point.with_user(self.officer_a).get_views([(False, "list"), (False, "form")])
        for kind in ("list", "form"):
            arch = ElementTree.fromstring(views["views"][kind]["arch"])
            names = {node.get("name") for node in arch.iter("field")}
            self.assertLessEqual({"reversed", "reversal_of_id"}, names, kind)
        arch = ElementTree.fromstring(views["views"]["list"]["arch"])
        self.assertEqual(
            (arch.get("decoration-muted"), arch.get("decoration-warning")),
            ("reversed", "reverses_line"),
        )
