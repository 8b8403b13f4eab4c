"""Party exams (survey certifications of Party courses) and who reads their results.

A survey is a Party exam when a content of a Party course (``slide.slide`` of a
``slide.channel`` with ``is_party_course``), archived or not, is that survey: the flag is
stored (the record rules on the attempts read it in SQL) and written by the server only
(``groups``: no survey user or manager sets it over RPC to open the results).

Its results are part of the member's learning record: the record rules of
``security/party_exam_security.xml`` let only the member, the officers of the member's
organisation and above, and the Party administrators of its company read an attempt and
its answers (RPC, exports, the backend, the results page). The statistics of the results
page of a Party exam count only the attempts the caller reads, and so does its average
duration (survey computes it in SQL over every attempt: on the survey's form, list and
results page, one attempt's duration to an officer of a sibling branch). The survey's
totals are computed per user (``depends_context``): a value computed for one user, or as
superuser, is never served to another in the same transaction. A Party exam awards no
badge: survey gives a certification's badge to whoever passes it, and eLearning shows a
user's badges, and who holds a badge, on its public profile and badge pages.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    is_party_exam = fields.Boolean(
        string="Party Exam",
        compute="_compute_is_party_exam",
        store=True,
        compute_sudo=True,
        index=True,
        groups="base.group_system",
        help="An exam of a Party course: its results are read only by the member, the "
        "officers of the member's organisation and the Party administrators.",
    )

    # survey computes these as the caller (record rules apply); per user, not shared
    answer_count = fields.Integer(depends_context=("uid",))
    answer_done_count = fields.Integer(depends_context=("uid",))
    answer_score_avg = fields.Float(depends_context=("uid",))
    answer_duration_avg = fields.Float(depends_context=("uid",))
    success_count = fields.Integer(depends_context=("uid",))
    success_ratio = fields.Integer(depends_context=("uid",))

    @api.depends("slide_ids.channel_id.is_party_course")
    def _compute_is_party_exam(self):
        # archived contents and courses too (the one2many leaves them out): one query
        exams = {
            survey.id
            for [survey] in self.env["slide.slide"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("survey_id", "in", self.ids), ("channel_id.is_party_course", "=", True)],
                ["survey_id"],
            )
        }
        for survey in self:
            survey.is_party_exam = survey.id in exams

    @api.constrains("certification_give_badge", "is_party_exam")
    def _check_party_exam_badge(self):
        """Checked when the badge is set and when the survey becomes a Party exam (its
        content moved into a Party course, the course flagged)."""
        if self.sudo().filtered(lambda s: s.is_party_exam and s.certification_give_badge):
            raise ValidationError(
                self.env._(
                    "A Party exam awards no certification badge: badges are shown on "
                    "public profile pages, and a member's exam results are read only by "
                    "the member, the officers of their organisation and the Party "
                    "administrators."
                )
            )

    def _prepare_statistics(self, user_input_lines=None):
        """The results page (``/survey/results``) of a Party exam counts the attempts the
        caller reads, never all of them (survey counts them as superuser when no answer
        is given, or none is readable)."""
        if self.env.su or not self.sudo().filtered("is_party_exam"):
            return super()._prepare_statistics(user_input_lines)
        if not user_input_lines:
            user_input_lines = self.env["survey.user_input.line"].search(
                [
                    ("survey_id", "in", self.ids),
                    ("user_input_id.state", "=", "done"),
                    ("user_input_id.test_entry", "=", False),
                ]
            )
        if not user_input_lines:
            return super(SurveySurvey, self.browse())._prepare_statistics()
        return super()._prepare_statistics(user_input_lines)

    def _compute_answer_duration_avg(self):
        """A Party exam's average duration is that of the attempts the caller reads
        (survey averages every attempt in SQL, past the record rules)."""
        super()._compute_answer_duration_avg()
        exams = self.sudo().filtered(lambda s: s._origin.id and s.is_party_exam)
        if self.env.su or not exams:
            return
        Input = self.env["survey.user_input"]
        durations = {}
        if Input.has_access("read"):
            readable = Input._search(
                [
                    ("survey_id", "in", exams._origin.ids),
                    ("state", "=", "done"),
                    ("start_datetime", "!=", False),
                    ("end_datetime", "!=", False),
                ]
            )
            durations = dict(
                self.env.execute_query(
                    SQL(
                        "SELECT survey_id, avg(extract(epoch FROM end_datetime) "
                        "- extract(epoch FROM start_datetime)) FROM survey_user_input "
                        "WHERE id IN %s GROUP BY survey_id",
                        readable.subselect(),
                    )
                )
            )
        for survey in self.filtered(lambda s: s._origin in exams._origin):
            survey.answer_duration_avg = float(durations.get(survey._origin.id) or 0) / 3600
