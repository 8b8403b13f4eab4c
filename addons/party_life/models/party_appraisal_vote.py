"""Annual democratic appraisal of members (民主评议党员).

《中国共产党支部工作条例（试行）》(2018) 第十六条 and 《关于党员民主评议的规定》: the branch holds a
democratic appraisal of its members generally once a year: self-assessment (个人自评), peer
appraisal (党员互评) and the organisation's conclusion (组织评定) in four grades — excellent
(优秀), qualified (合格), basically qualified (基本合格), unqualified (不合格).
"""

from odoo import fields, models

from .party_appraisal import RATINGS


class PartyAppraisalVote(models.Model):
    """The ballot box: one row per rating a ballot gave — no voter, no ballot, no log.

    Nobody has access rights on it: ``party.appraisal.action_close`` counts it once, as
    superuser, onto the appraisal lines (see ``party.appraisal``).
    """

    _name = "party.appraisal.vote"
    _inherit = ["party.access.mixin"]
    _party_org_field = False
    _party_parent_field = "appraisal_id"
    _party_workflow_fields = ("appraisal_id", "member_id", "rating")
    _description = "Democratic Appraisal: Ballot Box"
    _log_access = False
    _order = "appraisal_id, member_id, rating"

    appraisal_id = fields.Many2one(
        "party.appraisal", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_id = fields.Many2one(
        "party.member", string="Rated Member", required=True, ondelete="cascade", readonly=True
    )
    rating = fields.Selection(RATINGS, required=True, readonly=True)
