"""The points ledger (党员积分, party_branch's ``party.point``) fed by the facts the
suite holds: each source's points on crafted facts (meetings attended, dues paid on
time, Party courses completed, exams passed, volunteer hours, requests resolved), the
caps per day and per period (N facts in a day give exactly the cap, not a point above),
and the run written once: running it again adds nothing."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.party_branch.tools.guard import action_scope
from odoo.addons.party_life.tests.common import PartyDuesCase

from .common import PartyServiceCase, held_lectures

FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)


@tagged("post_install", "-at_install")
class TestPartyPointsSources(PartyServiceCase, PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        cls.Rule = cls.env["party.point.rule"]
        # the shipped rules, without caps unless a test sets some
        cls.rules = {rule.source: rule for rule in cls.Rule.search([("company_id", "=", False)])}
        cls.Rule.search([]).write({"cap_day": 0, "cap_period": 0})

    def _run(self, date_from=FIRST, date_to=LAST):
        return self.Point.sudo()._party_points_run(date_from, date_to)

    def _points(self, member, source=None):
        domain = [("member_id", "=", member.id)]
        if source:
            domain.append(("source", "=", source))
        return sum(self.Point.search(domain).mapped("points"))

    def _rule(self, source, **vals):
        rule = self.rules[source]
        rule.write(vals)
        return rule

    def _meetings(self, starts, member=None, state="present"):
        member = member or self.member_a
        return held_lectures(self.env, self.branch_a, member, starts, state=state, name="PPT")

    # ------------------------------------------------------------------ sources

    def test_the_members_of_a_run_go_to_the_database_as_one_constant(self):
        # a list of ids sent as a Python list is ARRAY[...] with an expression per
        # member, once per source: 50,000 members made a 3 MB statement (issue 27)
        self._rule("meeting", points=2)
        self._meetings([datetime(2025, 3, 2, 9)])
        members = self.member_a | self.member_b
        sent = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            sent.extend(query.params if isinstance(query, SQL) else params or ())
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            self.Point.sudo()._party_points_run(FIRST, LAST, members=members)
        self.assertEqual(self._points(self.member_a, "meeting"), 2)
        lists = [p for p in sent if isinstance(p, (list, tuple)) and set(members.ids) <= set(p)]
        self.assertEqual(lists, [])
        self.assertIn("{" + ",".join(map(str, members.ids)) + "}", sent)

    def test_meetings_attended_give_points(self):
        self._rule("meeting", points=2)
        self._meetings([datetime(2025, 3, 2, 9), datetime(2025, 4, 2, 9)])
        self._meetings([datetime(2025, 5, 2, 9)], state="absent")
        self._meetings([datetime(2026, 1, 2, 9)])  # after the window
        self._run()
        self.assertEqual(self._points(self.member_a, "meeting"), 4)
        line = self.Point.search([("member_id", "=", self.member_a.id)], order="date", limit=1)
        self.assertEqual(
            (line.date, line.res_model), (date(2025, 3, 2), "party.meeting.attendance")
        )

    def test_dues_paid_on_time_give_points_late_ones_none(self):
        self._rule("dues", points=2)
        m3, m2, m1 = self.month(-3), self.month(-2), self.month(-1)
        self._generate([m3, m2, m1], members=self.member_a)
        self._pay(self.member_a, 90.0, pay_date=m2 - timedelta(days=1))  # m3 on time
        self._pay(self.member_a, 90.0, pay_date=m1)  # m2 late
        self._run(m3, self.today)
        lines = self.Point.search([("member_id", "=", self.member_a.id), ("source", "=", "dues")])
        self.assertEqual(lines.mapped("date"), [m3])
        self.assertEqual(lines.points, 2)

    def test_party_course_completed_gives_points(self):
        self._rule("course", points=5)
        course = self.env["slide.channel"].create({"name": "PPT course", "is_party_course": True})
        other = self.env["slide.channel"].create({"name": "PPT other course"})
        slide = self.env["slide.slide"].create(
            {"name": "Lesson", "channel_id": course.id, "slide_category": "article",
             "html_content": "<p>x</p>", "is_published": True}
        )  # fmt: skip
        self.env["slide.slide.partner"].create(
            {"slide_id": slide.id, "partner_id": self.member_a.partner_id.id,
             "completed": True, "completed_date": date(2025, 6, 3)}
        )  # fmt: skip
        Enrolment = self.env["slide.channel.partner"].sudo()
        for channel, member in ((course, self.member_a), (other, self.member_a),
                                (course, self.secretary_a)):  # fmt: skip
            Enrolment.create({"channel_id": channel.id, "partner_id": member.partner_id.id})
        Enrolment.search([("channel_id", "in", (course | other).ids),
                          ("partner_id", "=", self.member_a.partner_id.id)]).write(
            {"member_status": "completed"}
        )  # fmt: skip
        self._run(FIRST, self.today)
        lines = self.Point.search(
            [("source", "=", "course"), ("member_id", "in", (self.member_a | self.secretary_a).ids)]
        )
        self.assertEqual(lines.member_id, self.member_a)  # a Party course, completed
        self.assertEqual((lines.points, lines.date), (5, date(2025, 6, 3)))

    def test_exam_passed_gives_points(self):
        self._rule("exam", points=5)
        Survey = self.env["survey.survey"]
        exam = Survey.create({"title": "PPT exam", "certification": True,
                              "scoring_type": "scoring_without_answers",
                              "scoring_success_min": 0})  # fmt: skip
        survey = Survey.create({"title": "PPT poll"})
        Input = self.env["survey.user_input"]
        passed = Input.create({"survey_id": exam.id, "partner_id": self.member_a.partner_id.id,
                               "state": "done"})  # fmt: skip
        Input.create({"survey_id": survey.id, "partner_id": self.member_a.partner_id.id,
                      "state": "done"})  # fmt: skip
        Input.create({"survey_id": exam.id, "partner_id": self.secretary_a.partner_id.id,
                      "state": "in_progress"})  # fmt: skip
        self.assertTrue(passed.scoring_success)
        self._run(self.today - timedelta(days=1), self.today)
        lines = self.Point.search(
            [("source", "=", "exam"), ("member_id", "in", (self.member_a | self.secretary_a).ids)]
        )
        self.assertEqual((lines.member_id, lines.res_id, lines.points),
                         (self.member_a, passed.id, 5))  # fmt: skip

    def test_thought_reports_give_points_one_a_month(self):
        self._rule("thought", points=2, cap_period=2, cap_period_type="month")
        Report = self.env["party.thought.report"].sudo()
        for day in (date(2025, 3, 3), date(2025, 3, 20), date(2025, 4, 2)):
            Report.create(
                {"name": f"PPT report {day}", "partner_id": self.member_a.partner_id.id,
                 "member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "period_start": day.replace(day=1), "period_end": day, "body": "My thinking",
                 "submitted_on": datetime.combine(day, datetime.min.time())}
            )  # fmt: skip
        self._run()
        lines = self.Point.search(
            [("source", "=", "thought"), ("member_id", "=", self.member_a.id)]
        )
        # two in March: the cap of the month (the second recorded, capped to 0); one in
        # April
        self.assertEqual(
            [(line.date, line.points, line.capped) for line in lines],
            [(date(2025, 4, 2), 2, False), (date(2025, 3, 20), 0, True),
             (date(2025, 3, 3), 2, False)],
        )  # fmt: skip
        self.assertEqual(sum(lines.mapped("points")), 4)

    def test_volunteer_hours_give_points_per_hour(self):
        self._rule("volunteer", points=1.5)
        event = self.env["event.event"].create(
            {"name": "PPT planting", "party_organization_id": self.branch_a.id,
             "date_begin": datetime(2025, 4, 5, 1), "date_end": datetime(2025, 4, 5, 9)}
        )  # fmt: skip
        self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.member_a.partner_id.id, "party_hours": 6}
        )
        self._run()
        self.assertEqual(self._points(self.member_a, "volunteer"), 9)

    def _request(self, resolved, member=None):
        ticket = self._ticket(category_id=self.cat_living.id,
                              party_member_id=(member or self.member_a).id)  # fmt: skip
        self._received(ticket, resolved - timedelta(hours=3))
        if resolved:
            with action_scope():
                ticket.write({"party_resolved_at": resolved})
        return ticket

    def test_requests_resolved_give_points(self):
        self._rule("request", points=3)
        self._request(datetime(2025, 2, 1, 10))
        self._request(datetime(2025, 2, 9, 10))
        self._run()
        self.assertEqual(self._points(self.member_a, "request"), 6)

    # ------------------------------------------------------------------ caps

    def test_facts_of_a_day_give_the_day_cap_not_a_point_above(self):
        self._rule("meeting", points=2, cap_day=5)
        self._meetings([datetime(2025, 3, 2, h) for h in (8, 10, 12, 14, 16)])
        self._run()
        self.assertEqual(self._points(self.member_a, "meeting"), 5)  # 2 + 2 + 1, not 10
        # the next day has its own cap
        self._meetings([datetime(2025, 3, 3, 8)])
        self._run()
        self.assertEqual(self._points(self.member_a, "meeting"), 7)

    def test_facts_of_a_period_give_the_period_cap_not_a_point_above(self):
        self._rule("request", points=3, cap_period=10, cap_period_type="month")
        for day in (3, 5, 7, 9, 11):
            self._request(datetime(2025, 2, day, 10))
        self._run()
        self.assertEqual(self._points(self.member_a, "request"), 10)  # 3 + 3 + 3 + 1
        self._request(datetime(2025, 3, 1, 10))  # a new month
        self._run()
        self.assertEqual(self._points(self.member_a, "request"), 13)

    def test_both_caps_together(self):
        self._rule("volunteer", points=1, cap_day=4, cap_period=10, cap_period_type="year")
        for day in (5, 6, 7, 8):
            event = self.env["event.event"].create(
                {"name": f"PPT day {day}", "party_organization_id": self.branch_a.id,
                 "date_begin": datetime(2025, 4, day, 1), "date_end": datetime(2025, 4, day, 9)}
            )  # fmt: skip
            self.env["event.registration"].create(
                {"event_id": event.id, "partner_id": self.member_a.partner_id.id, "party_hours": 6}
            )
        self._run()
        # 4 a day (not 6), 10 in the year: 4 + 4 + 2 + 0
        self.assertEqual(self._points(self.member_a, "volunteer"), 10)

    def test_a_fact_recorded_late_stays_within_the_caps(self):
        self._rule("meeting", points=2, cap_day=3)
        self._meetings([datetime(2025, 3, 2, 8)])
        self._run()
        self._meetings([datetime(2025, 3, 2, 14), datetime(2025, 3, 2, 16)])  # recorded after
        self._run()
        self.assertEqual(self._points(self.member_a, "meeting"), 3)

    def test_a_companys_own_rule_replaces_the_default(self):
        self._rule("meeting", points=2)
        self.rules["meeting"].copy({"code": "meeting_own", "points": 7,
                                    "company_id": self.env.company.id})  # fmt: skip
        self._meetings([datetime(2025, 3, 2, 9)])
        self._run()
        self.assertEqual(self._points(self.member_a, "meeting"), 7)

    def test_a_companys_rule_added_after_the_default_ran_does_not_credit_a_fact_again(self):
        self._rule("meeting", points=2)
        self._meetings([datetime(2025, 3, 2, 9)])
        self._run()  # the default's line
        self.rules["meeting"].copy({"code": "meeting_own", "points": 7,
                                    "company_id": self.env.company.id})  # fmt: skip
        self._meetings([datetime(2025, 3, 3, 9)])
        self._run()
        lines = self.Point.search(
            [("member_id", "=", self.member_a.id), ("source", "=", "meeting")], order="date"
        )
        # the fact of 2 March once, under the default; the new one under the company's
        self.assertEqual(
            [(line.date, line.points) for line in lines],
            [(date(2025, 3, 2), 2), (date(2025, 3, 3), 7)],
        )

    def test_a_second_active_rule_for_a_source_and_company_refused(self):
        with self.assertRaisesRegex(ValidationError, "one active points rule per source"):
            self.rules["meeting"].copy({"code": "meeting_again"})
        self.assertEqual(self.Rule.search_count([("source", "=", "meeting"),
                                                 ("company_id", "=", False)]), 1)  # fmt: skip

    # ------------------------------------------------------------------ once

    def test_running_twice_adds_nothing(self):
        self._rule("meeting", points=2, cap_day=3)
        self._meetings([datetime(2025, 3, 2, 9), datetime(2025, 3, 2, 11)])
        self._request(datetime(2025, 2, 1, 10))
        self._run()
        lines = self.Point.search([])
        self.assertEqual(
            len(lines.filtered(lambda line: line.member_id == self.member_a)), 3
        )  # two meetings (2 + 1 under the cap of the day) and a request
        second = self._run()
        self.assertFalse(any(second.values()))
        self.assertEqual(self.Point.search([]), lines)
        self.assertEqual(self._points(self.member_a, "meeting"), 3)

    def test_summary_ranks_the_sources_together(self):
        self._rule("meeting", points=2)
        self._rule("request", points=3)
        self._meetings([datetime(2025, 3, 2, 9)])
        self._meetings([datetime(2025, 3, 3, 9)], member=self.secretary_a)
        self._request(datetime(2025, 2, 1, 10), member=self.secretary_a)
        self._run()
        Summary = self.env["party.point.summary"]
        got = {s.member_id: (s.points, s.rank) for s in Summary.search(
            [("organization_id", "=", self.branch_a.id), ("year", "=", 2025)])}  # fmt: skip
        self.assertEqual(got[self.secretary_a], (5, 1))
        self.assertEqual(got[self.member_a], (2, 2))
