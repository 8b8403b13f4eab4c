"""Exam results of Party courses (survey certifications through website_slides_survey).

An attempt at a Party exam (a certification survey of a slide of a Party course) is
written by the survey's own submission path only, which runs as superuser on the
attempt's token (``/survey/begin``, ``/survey/submit``) and scores it on the server:
no client creates, changes or deletes one, not even a survey user of the company (Odoo
lets any survey user write every answer of an unrestricted survey, its score included).
"""

from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.hr_skills_survey.models.survey_user import (
    SurveyUserInput as HrSkillsSurveyUserInput,
)


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    # the guard's template first (party_branch: party.guard.mixin), then the hooks below
    _inherit = ["party.guard.mixin", "survey.user_input"]

    _party_rpc_methods = {
        "create": "survey ACL and rules and the guard; an attempt at a Party exam only by "
        "the survey's own submission path (superuser), never by a client",
        "write": "survey ACL and rules and the guard; an attempt at a Party exam (its "
        "answers, score, state) only by the survey's own submission path (superuser)",
    }

    def _mark_done(self):
        """hr_skills_survey writes a passed certification on the employee's résumé,
        which every employee reads: a Party exam's result skips that layer (super()
        from below it), the other surveys keep it."""
        exams = self.filtered(lambda attempt: attempt.survey_id.sudo().is_party_exam)
        res = super(SurveyUserInput, self - exams)._mark_done()
        if exams:
            super(HrSkillsSurveyUserInput, exams)._mark_done()  # pylint: disable=bad-super-call
        return res

    @api.model
    def _party_exam_surveys(self, surveys):
        """The surveys among ``surveys`` that are exams of a Party course (archived
        contents and courses included: survey.survey.is_party_exam)."""
        return surveys.sudo().filtered("is_party_exam")

    def _party_check_exam_result(self, surveys):
        if self._party_trusted() or not self._party_exam_surveys(surveys):
            return
        raise AccessError(
            self.env._(
                "Results of Party exams are written by the exam itself when the member "
                "submits it, never by hand."
            )
        )

    def _party_validate_create(self, vals_list):
        survey_ids = {vals.get("survey_id") for vals in vals_list if vals.get("survey_id")}
        self._party_check_exam_result(self.env["survey.survey"].browse(survey_ids))
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        surveys = self.sudo().survey_id
        if vals.get("survey_id"):
            surveys |= self.env["survey.survey"].browse(vals["survey_id"])
        self._party_check_exam_result(surveys)
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_party_exam(self):
        self._party_check_exam_result(self.sudo().survey_id)
