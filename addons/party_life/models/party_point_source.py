"""party_life's sources of the points ledger (``party.point``, party_branch): meetings
attended, unexcused absences, dues paid on time, study hours, Party courses completed,
exams passed and thought reports handed in. Each answers one SQL query of its facts
(``member_id, res_id, fact_date, quantity``), read by the nightly points run inside its
``INSERT … SELECT``: the one definition of the fact, which the service assessment
(party_service) counts from the ledger and ``party.member._study_hours`` sums."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_point import PointSource, facts_sql

NO_FACTS = SQL(
    "SELECT NULL::int4 AS member_id, NULL::int4 AS res_id, NULL::date AS fact_date, "
    "1.0 AS quantity WHERE FALSE"
)


class PartyPoint(models.Model):
    _inherit = "party.point"

    @api.model
    def _party_point_sources(self):
        return super()._party_point_sources() + [
            PointSource("meeting", self.env._("Meetings Attended"), "party.meeting.attendance"),
            PointSource("absence", self.env._("Unexcused Absences"), "party.meeting.attendance"),
            PointSource("dues", self.env._("Dues Paid on Time"), "party.dues", monthly=True),
            PointSource("study", self.env._("Study Hours"), "slide.slide.partner"),
            PointSource("course", self.env._("Party Courses Completed"), "slide.channel.partner"),
            PointSource("exam", self.env._("Exams Passed"), "survey.user_input"),
            PointSource("thought", self.env._("Thought Reports"), "party.thought.report"),
        ]

    @api.model
    def _party_point_facts_meeting(self, date_from, date_to):
        """The held meetings a member attended, in the room or by video call (as in the
        attendance rates and the service assessment), on the UTC day of their start."""
        return facts_sql(
            SQL("party_meeting_attendance x"),
            SQL("x.meeting_start"),
            date_from,
            date_to,
            SQL("x.meeting_state = 'held' AND x.state IN ('present', 'remote')"),
        )

    @api.model
    def _party_point_facts_absence(self, date_from, date_to):
        """The held meetings a member missed without leave (an excused attendance is
        neither attended nor absent), on the UTC day of their start."""
        return facts_sql(
            SQL("party_meeting_attendance x"),
            SQL("x.meeting_start"),
            date_from,
            date_to,
            SQL("x.meeting_state = 'held' AND x.state = 'absent'"),
        )

    @api.model
    def _party_point_facts_study(self, date_from, date_to):
        """Study hours: each content of a Party course a member completed, once, on the
        day they completed it (``completed_date``), for its completion time (hours). The
        one rule of study hours (the member's hours of the year,
        ``party.member._study_hours``, sum these facts)."""
        return SQL(
            """
            SELECT m.id AS member_id, sp.id AS res_id, sp.completed_date AS fact_date,
                   s.completion_time AS quantity
              FROM slide_slide_partner sp
              JOIN slide_slide s ON s.id = sp.slide_id AND s.completion_time > 0
              JOIN slide_channel c ON c.id = sp.channel_id AND c.is_party_course
              JOIN party_member m ON m.partner_id = sp.partner_id
             WHERE sp.completed AND sp.completed_date BETWEEN %(start)s AND %(stop)s
            """,
            start=date_from,
            stop=date_to,
        )

    @api.model
    def _party_point_facts_dues(self, date_from, date_to):
        """The months of dues paid on time, dated the first day of the month: the one
        rule of the suite (``party.dues._party_paid_on_time_sql``: paid in full by the
        last day of the month); an exempt month gives nothing."""
        return SQL(
            """
            SELECT d.member_id, d.id AS res_id, d.period AS fact_date, 1.0 AS quantity
              FROM party_dues d
             WHERE d.period BETWEEN %(first)s AND %(last)s
               AND d.amount > 0
               AND %(on_time)s
            """,
            first=date_from.replace(day=1),
            last=date_to,
            on_time=self.env["party.dues"]._party_paid_on_time_sql("d"),
        )

    @api.model
    def _party_point_facts_course(self, date_from, date_to):
        """The Party courses a member completed, on the day they completed the last of
        its contents; when no content says so (a course without contents, or completed
        before the days were recorded), the day of the enrolment. A stable day: Odoo
        keeps no day of a course's completion, and the enrolment's last change moves
        whenever the row is touched (its progress recomputed, a reminder sent), which
        would have the points run take the fact back and credit it again each time."""
        return SQL(
            """
            SELECT m.id AS member_id, cp.id AS res_id,
                   COALESCE((SELECT MAX(sp.completed_date) FROM slide_slide_partner sp
                              WHERE sp.channel_id = cp.channel_id
                                AND sp.partner_id = cp.partner_id AND sp.completed),
                            cp.create_date::date) AS fact_date,
                   1.0 AS quantity
              FROM slide_channel_partner cp
              JOIN slide_channel c ON c.id = cp.channel_id AND c.is_party_course
              JOIN party_member m ON m.partner_id = cp.partner_id
             WHERE cp.member_status = 'completed'
               AND cp.write_date >= %(start)s
            """,
            # a course completed in the window was last written in it or after
            start=date_from,
        )

    @api.model
    def _party_point_facts_exam(self, date_from, date_to):
        """The certifications a member passed (Odoo's survey, when installed: exams),
        on the UTC day they submitted it; nothing when survey is not installed."""
        if "survey.user_input" not in self.env:
            return NO_FACTS
        return SQL(
            """
            SELECT m.id AS member_id, u.id AS res_id,
                   COALESCE(u.end_datetime, u.write_date)::date AS fact_date, 1.0 AS quantity
              FROM survey_user_input u
              JOIN survey_survey s ON s.id = u.survey_id AND s.certification
              JOIN party_member m ON m.partner_id = u.partner_id
             WHERE u.state = 'done' AND u.scoring_success
               AND NOT COALESCE(u.test_entry, FALSE)
               AND COALESCE(u.end_datetime, u.write_date) >= %(start)s
               AND COALESCE(u.end_datetime, u.write_date) < (%(stop)s::date + 1)
            """,
            start=date_from,
            stop=date_to,
        )

    @api.model
    def _party_point_facts_thought(self, date_from, date_to):
        """The thought reports (思想汇报, 心得体会) a member handed in, on the UTC day they
        handed it in (an applicant's reports, before membership, give no points)."""
        if "party.thought.report" not in self.env:
            return NO_FACTS
        return facts_sql(SQL("party_thought_report x"), SQL("x.submitted_on"), date_from, date_to)
