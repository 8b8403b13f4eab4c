"""Annual democratic appraisal of members (民主评议党员).

《中国共产党支部工作条例（试行）》(2018) 第十六条 and 《关于党员民主评议的规定》: the branch holds a
democratic appraisal of its members generally once a year: self-assessment (个人自评), peer
appraisal (党员互评) and the organisation's conclusion (组织评定) in four grades — excellent
(优秀), qualified (合格), basically qualified (基本合格), unqualified (不合格).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_branch.tools.guard import action_scope

from .party_appraisal import RATINGS

OFFICER_GROUP = "party_branch.group_party_officer"


class PartyAppraisalLine(models.Model):
    """One member in an appraisal: self-assessment, published counts, conclusion."""

    _name = "party.appraisal.line"
    _inherit = ["party.access.mixin"]
    _party_org_field = False  # the campaign's (related, stored)
    _party_parent_field = "appraisal_id"
    _party_fixed_fields = ("appraisal_id", "member_id")
    # the published counts are the tally of the ballot box, written at close
    _party_workflow_fields = (
        "results_published", "votes_excellent", "votes_qualified",
        "votes_basically_qualified", "votes_unqualified", "self_assessment_date",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL and record rules on the campaign's organisation",
        "write": "officers: record rules; members: their own self-assessment only",
    }
    _description = "Democratic Appraisal: Member"
    _order = "appraisal_id, member_name, id"
    _check_company_auto = True

    appraisal_id = fields.Many2one("party.appraisal", required=True, index=True, ondelete="cascade")
    state = fields.Selection(related="appraisal_id.state", string="Appraisal State")
    organization_id = fields.Many2one(
        related="appraisal_id.organization_id", store=True, string="Organisation"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    year = fields.Integer(related="appraisal_id.year", store=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", check_company=True
    )
    member_name = fields.Char(related="member_id.name", store=True, string="Name")
    member_category = fields.Selection(related="member_id.member_category")
    user_id = fields.Many2one(related="member_id.user_id", string="User")
    self_assessment = fields.Text(string="Self-Assessment")
    self_assessment_date = fields.Datetime(readonly=True)
    results_published = fields.Boolean(readonly=True)
    votes_excellent = fields.Integer(string="Excellent (votes)", readonly=True)
    votes_qualified = fields.Integer(string="Qualified (votes)", readonly=True)
    votes_basically_qualified = fields.Integer(string="Basically Qualified (votes)", readonly=True)
    votes_unqualified = fields.Integer(string="Unqualified (votes)", readonly=True)
    conclusion = fields.Selection(RATINGS)
    conclusion_note = fields.Text(string="Committee Remarks")

    _sql_constraints = [
        (
            "appraisal_member_uniq",
            "unique(appraisal_id, member_id)",
            "A member appears once in an appraisal.",
        ),
    ]

    def _party_validate_write(self, vals):
        if "self_assessment" in vals:
            if any(line.appraisal_id.state not in ("self_assessment", "voting") for line in self):
                raise UserError(
                    self.env._(
                        "The self-assessment is written during the self-assessment and voting."
                    )
                )
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            # Members write their own self-assessment and nothing else.
            if set(vals) - {"self_assessment", "self_assessment_date"}:
                raise AccessError(self.env._("Members can only write their own self-assessment."))
            if any(line.member_id.user_id != self.env.user for line in self):
                raise AccessError(self.env._("Members can only write their own self-assessment."))
        if "conclusion" in vals and any(
            line.appraisal_id.state not in ("voting", "closed") for line in self
        ):
            raise UserError(
                self.env._("The conclusion is recorded at the end of the peer appraisal.")
            )
        return super()._party_validate_write(vals)

    def _party_after_write(self, vals, before):
        if "self_assessment" in vals:
            # the time stamp is the server's, written apart from the caller's values
            with action_scope():
                self.write({"self_assessment_date": fields.Datetime.now()})
        return super()._party_after_write(vals, before)

    @api.constrains("member_id", "appraisal_id")
    def _check_member_org(self):
        for line in self:
            if line.member_id.organization_id != line.appraisal_id.organization_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(org)s.",
                        member=line.member_id.name,
                        org=line.appraisal_id.organization_id.name,
                    )
                )
