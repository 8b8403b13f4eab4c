"""The answers of an attempt at a Party exam: written by the survey's own submission
path only (see survey_user_input.py), whose scores they make."""

from odoo import api, models


class SurveyUserInputLine(models.Model):
    _name = "survey.user_input.line"
    # the guard's template first (party_branch: party.guard.mixin), then the hooks below
    _inherit = ["party.guard.mixin", "survey.user_input.line"]

    _party_rpc_methods = {
        "create": "survey ACL and rules and the guard; an answer of a Party exam only by "
        "the survey's own submission path (superuser), never by a client",
        "write": "survey ACL and rules and the guard; an answer of a Party exam (its score "
        "and correctness) only by the survey's own submission path (superuser)",
    }

    def _party_check_exam_answer(self, input_ids=()):
        """Refuse a client's change to the answers of a Party exam's attempt (those of
        ``self`` and of the attempts ``input_ids``), as the attempt itself refuses it."""
        Input = self.env["survey.user_input"]
        inputs = self.sudo().user_input_id | Input.sudo().browse(input_ids)
        Input._party_check_exam_result(inputs.survey_id)

    def _party_validate_create(self, vals_list):
        self._party_check_exam_answer(
            {vals["user_input_id"] for vals in vals_list if vals.get("user_input_id")}
        )
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        self._party_check_exam_answer([vals["user_input_id"]] if vals.get("user_input_id") else [])
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_party_exam(self):
        self._party_check_exam_answer()
