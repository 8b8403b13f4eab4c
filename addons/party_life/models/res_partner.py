"""A contact's count of certifications (survey's ``certifications_count``, computed as
superuser over every passed attempt) leaves out the Party exams the caller may not read:
a Party exam's result is part of the member's learning record (``survey_survey.py``),
and a count of one tells a survey user, or an officer of a sibling branch, that the
member passed. So do its completed courses (website_slides' ``slide_channel_completed_ids``,
read and searched as superuser): a Party course is completed when its exam is passed.
A company's count sums its contacts' counts, so it is kept per user too."""

from collections import Counter

from odoo import fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    # per user: a count computed for one user, or as superuser, is not served to another
    certifications_count = fields.Integer(depends_context=("uid",))
    certifications_company_count = fields.Integer(depends_context=("uid",))
    slide_channel_completed_ids = fields.One2many(depends_context=("uid",))

    def _compute_certifications_count(self):
        super()._compute_certifications_count()
        partners = self.filtered("id")
        if self.env.su or not partners:
            return
        passed = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("scoring_success", "=", True),
                    ("survey_id.is_party_exam", "=", True),
                ]
            )
        )
        if not passed:
            return
        rule = self.env["ir.rule"]._compute_domain("survey.user_input", "read")
        hidden = Counter(
            attempt.partner_id.id for attempt in passed - passed.filtered_domain(rule or [])
        )
        for partner in partners:
            partner.certifications_count -= hidden[partner.id]

    def _party_readable_completions(self, domain):
        """The completed enrolments matching ``domain`` the caller may know of: those of
        other courses, and of Party courses those the caller's record rules on
        ``slide.channel.partner`` let them read. One search."""
        rule = self.env["ir.rule"]._compute_domain("slide.channel.partner", "read")
        readable = expression.OR([[("channel_id.is_party_course", "=", False)], rule or []])
        return (
            self.env["slide.channel.partner"]
            .sudo()
            .search(expression.AND([domain, [("member_status", "=", "completed")], readable]))
        )

    def _compute_slide_channel_values(self):
        super()._compute_slide_channel_values()
        partners = self.filtered("id")
        if self.env.su or not any(partner.slide_channel_completed_ids for partner in partners):
            return
        readable = {
            (enrolment.partner_id.id, enrolment.channel_id.id)
            for enrolment in self._party_readable_completions([("partner_id", "in", partners.ids)])
        }
        for partner in partners:
            partner.slide_channel_completed_ids = partner.slide_channel_completed_ids.filtered(
                lambda course, pid=partner.id: (pid, course.id) in readable
            )

    def _search_slide_channel_completed_ids(self, operator, value):
        if self.env.su:
            return super()._search_slide_channel_completed_ids(operator, value)
        completed = self._party_readable_completions([("channel_id", operator, value)])
        return [("id", "in", completed.partner_id.ids)]
