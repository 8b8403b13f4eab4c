"""The sources of the service assessment: each source of ``ASSESSMENT_SOURCES`` is a
source of the points ledger whose facts its model's addon defines once
(``party.point._party_point_facts_<code>``); the assessment counts them from the ledger
(``party.assessment.line._facts``, a scoped run first) on crafted data, inside the
period, at its first and last moments and just after it; the scoring skips a source
whose model is not installed, and runs the same queries whatever the number of
members."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.party_branch.tools.guard import action_scope
from odoo.addons.party_life.tests.common import PartyDuesCase

from ..models import party_assessment_line
from ..models.party_assessment import ASSESSMENT_SOURCES, AssessmentSource
from ..models.party_assessment_rule import SOURCES
from .common import PartyServiceCase

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)
AFTER = datetime(2026, 7, 1)  # the first moment after the period (UTC)


@tagged("post_install", "-at_install")
class TestAssessmentSources(PartyServiceCase, PartyDuesCase):
    def _quantities(self, model, source, members=None, date_from=FIRST, date_to=LAST):
        """{member id: quantity} of ``source`` as the assessment counts it: from the
        ledger (the facts of ``model``), brought up to date first."""
        members = members or (self.member_a | self.secretary_a | self.member_b)
        self.assertEqual(
            {s.code: s.model for s in self.env["party.point"]._party_point_sources()}[source],
            model,
        )
        facts = self.env["party.assessment.line"]._facts(members, date_from, date_to, [source])
        return {member_id: got[source] for member_id, got in facts.items() if source in got}

    # ------------------------------------------------------------------ meetings

    def _meetings(self):
        """Branch A's assemblies: held on 2 March and on the evening of 30 June (Member A
        present at both, Secretary A absent then excused), held on 1 July (after the
        period) and one in the period not held."""
        Meeting = self.env["party.meeting"].with_context(party_meeting_no_calendar=True)
        starts = (datetime(2026, 3, 2, 9), datetime(2026, 6, 30, 21), AFTER,
                  datetime(2026, 4, 1, 9))  # fmt: skip
        meetings = Meeting.create(
            [
                {"organization_id": self.branch_a.id, "meeting_type": "branch_assembly",
                 "name": f"PSA {start}", "start": start, "stop": start + timedelta(hours=2),
                 "location": "Room"}
                for start in starts
            ]
        )  # fmt: skip
        states = (("present", "absent"), ("present", "excused"), ("present", "absent"),
                  ("present", "absent"))  # fmt: skip
        for meeting, (member_state, secretary_state) in zip(meetings, states, strict=True):
            for member, state in ((self.member_a, member_state),
                                  (self.secretary_a, secretary_state)):  # fmt: skip
                row = meeting.attendance_ids.filtered(lambda a, m=member: a.member_id == m)
                row.write({"state": state, "excuse": "Ill" if state == "excused" else False})
        meetings[:3].with_context(tz="UTC").write({"state": "held"})

    def test_meetings_attended_are_the_held_meetings_of_the_period_present(self):
        self._meetings()
        self.assertEqual(
            self._quantities("party.meeting.attendance", "meeting"), {self.member_a.id: 2}
        )

    def test_a_meeting_attended_by_video_call_counts_as_attended(self):
        self._meetings()
        held = self.env["party.meeting"].search([("name", "=like", "PSA 2026-03-02%")])
        row = held.attendance_ids.filtered(lambda a: a.member_id == self.secretary_a)
        with action_scope():
            row.sudo().write({"state": "remote"})
        self.assertEqual(
            self._quantities("party.meeting.attendance", "meeting"),
            {self.member_a.id: 2, self.secretary_a.id: 1},
        )

    def test_unexcused_absences_leave_out_the_excused(self):
        self._meetings()
        self.assertEqual(
            self._quantities("party.meeting.attendance", "absence"), {self.secretary_a.id: 1}
        )

    # ------------------------------------------------------------------ study

    def test_study_hours_are_the_party_course_contents_completed_in_the_period(self):
        Channel = self.env["slide.channel"]
        course = Channel.create({"name": "PSA Party course", "is_party_course": True})
        other = Channel.create({"name": "PSA Excel course"})
        slides = self.env["slide.slide"].create(
            [
                {"name": f"PSA lesson {hours}", "channel_id": channel.id,
                 "slide_category": "article", "html_content": "<p>Lesson</p>",
                 "completion_time": hours, "is_published": True}
                for channel, hours in ((course, 0.5), (course, 1.25), (course, 2.0), (other, 3.0))
            ]
        )  # fmt: skip
        Done = self.env["slide.slide.partner"]
        for member, slide, completed, day in (
            (self.member_a, slides[0], True, FIRST),
            (self.member_a, slides[1], True, LAST),
            (self.member_a, slides[2], True, LAST + timedelta(days=1)),  # after the period
            (self.member_a, slides[3], True, FIRST),  # not a Party course
            (self.secretary_a, slides[2], False, False),  # not completed
        ):
            Done.create({"slide_id": slide.id, "partner_id": member.partner_id.id,
                         "completed": completed, "completed_date": day})  # fmt: skip
        self.assertEqual(self._quantities("slide.slide.partner", "study"), {self.member_a.id: 1.75})

    # ------------------------------------------------------------------ dues

    def test_dues_months_paid_on_time_are_those_paid_within_their_month(self):
        """Three months ago paid on its last day (on time), two months ago paid on the
        first day of the month after (late), last month not paid; Member B paid three
        months ago on time, outside the period asked for her."""
        m3, m2, m1 = self.month(-3), self.month(-2), self.month(-1)
        members = self.member_a | self.member_b
        self._generate([m3, m2, m1], members=members)
        self._pay(self.member_a, 90.0, pay_date=m2 - timedelta(days=1))
        self._pay(self.member_a, 90.0, pay_date=m1)
        self._pay(self.member_b, 22.5, pay_date=m3)
        states = self._rows(self.member_a).mapped("state")
        self.assertEqual(states, ["paid", "paid", "due"])
        # the period starts mid-month: the whole first month counts
        quantities = self._quantities("party.dues", "dues", self.member_a, m3 + timedelta(days=14),
                                      m1 + timedelta(days=20))  # fmt: skip
        self.assertEqual(quantities, {self.member_a.id: 1})
        self.assertEqual(self._quantities("party.dues", "dues", members, m2, m1), {})

    # ------------------------------------------------------------------ requests

    def _request(self, received, resolved=None, rating=None):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        self._received(ticket, received)
        if resolved:
            vals = {"party_resolved_at": resolved}
            if rating:
                vals.update(party_rating=rating, party_rated_at=resolved)
            with action_scope():
                ticket.write(vals)
        return ticket

    def test_requests_resolved_in_the_period_and_their_ratings(self):
        self._request(datetime(2025, 12, 31, 8), datetime(2026, 1, 1), rating=4)
        self._request(datetime(2026, 6, 29, 8), datetime(2026, 6, 30, 23, 59), rating=5)
        self._request(datetime(2026, 3, 1, 8), datetime(2026, 3, 2), rating=5)
        self._request(datetime(2026, 4, 1, 8), datetime(2026, 4, 2))  # not rated
        self._request(datetime(2026, 6, 30, 8), AFTER, rating=1)  # resolved after the period
        self.assertEqual(self._quantities("helpdesk.ticket", "request"), {self.member_a.id: 4})
        # 4, 5, 5: 4.666… to two decimals
        self.assertEqual(self._quantities("helpdesk.ticket", "rating"), {self.member_a.id: 4.67})

    def test_overdue_requests_are_those_past_a_deadline_of_the_period(self):
        # the category's deadline is 48 hours after the request is received
        self._request(datetime(2026, 2, 1, 8))  # still open: overdue
        self._request(datetime(2026, 3, 1, 8), datetime(2026, 3, 4, 8))  # resolved late
        self._request(datetime(2026, 4, 1, 8), datetime(2026, 4, 2, 8))  # on time
        self._request(datetime(2026, 6, 29, 8))  # deadline 1 July: after the period
        self.assertEqual(self._quantities("helpdesk.ticket", "overdue"), {self.member_a.id: 2})

    # ------------------------------------------------------------------ visits

    def test_pairing_visits_logged_in_the_period(self):
        pairing = self.env["party.pairing"].create(
            {"name": "PSA household", "organization_id": self.branch_a.id,
             "member_id": self.member_a.id, "date_start": "2025-12-01"}
        )  # fmt: skip
        visits = self.env["party.pairing.visit"].create(
            [{"pairing_id": pairing.id, "date": day}
             for day in ("2025-12-31", "2026-01-01", "2026-06-30", "2026-07-01", "2026-03-01")]
        )  # fmt: skip
        visits[:4].action_log()  # the last one stays planned
        self.assertEqual(self._quantities("party.pairing.visit", "visit"), {self.member_a.id: 2})

    # ------------------------------------------------------------------ volunteer

    def test_volunteer_hours_of_the_events_begun_in_the_period(self):
        Event = self.env["event.event"]
        Registration = self.env["event.registration"]
        for begin, hours in ((datetime(2026, 1, 1), 6), (datetime(2026, 6, 30, 20), 2),
                             (AFTER, 5), (datetime(2026, 3, 1, 9), 0)):  # fmt: skip
            event = Event.create(
                {"name": f"PSA event {begin}", "party_organization_id": self.branch_a.id,
                 "date_begin": begin, "date_end": begin + timedelta(hours=3)}
            )  # fmt: skip
            Registration.create(
                {"event_id": event.id, "partner_id": self.member_a.partner_id.id,
                 "party_hours": hours}
            )  # fmt: skip
        self.assertEqual(
            self._quantities("event.registration", "volunteer"), {self.member_a.id: 8.0}
        )

    # ------------------------------------------------------------------ the table

    def test_every_source_is_answered_by_its_model(self):
        # one row per source a rule weighs, in the order of the line's parts
        codes = [source.code for source in ASSESSMENT_SOURCES]
        self.assertEqual(codes, [code for code, _label in SOURCES])
        for source in ASSESSMENT_SOURCES:
            with self.subTest(source=source.code):
                self.assertIn(source.model, self.env)
                self.assertIn(source.quantity_field, self.env["party.assessment.line"]._fields)
                # a source of the ledger, with its shipped rule
                self.assertFalse(
                    self.env["party.point"]._party_point_rules_missing(
                        self.env.company, [source.code]
                    )
                )
                self.assertEqual(self._quantities(source.model, source.code, self.member_b), {})

    def test_a_source_whose_model_is_not_installed_is_skipped(self):
        self._request(datetime(2026, 2, 1, 8), datetime(2026, 2, 2))
        missing = AssessmentSource("elsewhere", "party.no.such.model", "elsewhere_count")
        with patch.object(party_assessment_line, "ASSESSMENT_SOURCES",
                          (missing, *ASSESSMENT_SOURCES)):  # fmt: skip
            facts = self.env["party.assessment.line"]._facts(self.member_a, FIRST, LAST)
        self.assertEqual(facts[self.member_a.id], {"request": 1})

    def test_the_same_queries_whatever_the_number_of_members(self):
        Line = self.env["party.assessment.line"]
        self._request(datetime(2026, 2, 1, 8), datetime(2026, 2, 2))
        counts = []
        for members in (self.member_a, self.Member.search([], limit=200)):
            # the ledger written once (the second call finds the first's lines)
            for _again in range(2):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                Line._facts(members, FIRST, LAST)
                counts.append(self.env.cr.sql_log_count - before)
        # a statement per rule of the scoped run, one for the rules checked, one for
        # the grouped sum of the ledger: never one per member
        self.assertEqual(counts[1], counts[3])
        self.assertLessEqual(counts[0], counts[1] + 4)  # the summaries of new lines
        self.assertLessEqual(max(counts), 2 * len(ASSESSMENT_SOURCES) + 12)
