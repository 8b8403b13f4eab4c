"""A contact's count of certifications (survey's ``certifications_count``, computed as
superuser over every passed attempt) leaves out the Party exams the caller may not read:
a Party exam's result is part of the member's learning record (``survey_survey.py``),
and a count of one tells a survey user, or an officer of a sibling branch, that the
member passed."""

from collections import Counter

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

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
