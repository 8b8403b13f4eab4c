"""Annual democratic appraisal of members (民主评议党员).

《中国共产党支部工作条例（试行）》(2018) 第十六条 and 《关于党员民主评议的规定》: the branch holds a
democratic appraisal of its members generally once a year: self-assessment (个人自评), peer
appraisal (党员互评) and the organisation's conclusion (组织评定) in four grades — excellent
(优秀), qualified (合格), basically qualified (基本合格), unqualified (不合格).
"""

from odoo import fields, models


class PartyAppraisalBallot(models.Model):
    """The register: whether a member voted (one row per member and campaign, created when
    voting opens) — never what they voted. No log columns: no time says when they voted."""

    _name = "party.appraisal.ballot"
    _inherit = ["party.access.mixin"]
    _party_org_field = False
    _party_parent_field = "appraisal_id"
    _party_workflow_fields = ("appraisal_id", "member_id", "voted")
    _log_access = False
    _description = "Democratic Appraisal: Ballot Register"
    _order = "appraisal_id, member_id"

    appraisal_id = fields.Many2one(
        "party.appraisal", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_id = fields.Many2one(
        "party.member", string="Voter", required=True, ondelete="restrict", readonly=True
    )
    voted = fields.Boolean(readonly=True)

    _sql_constraints = [
        (
            "appraisal_member_uniq",
            "unique(appraisal_id, member_id)",
            "One ballot per member: this member has already voted.",
        ),
    ]
