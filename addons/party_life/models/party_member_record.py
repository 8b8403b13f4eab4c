"""Member records (党员管理: 材料记录, 工作记录, 动态记录).

Officers keep, for every member of the organisations they manage, the material
(documents of the member's file), the work done and the member's dynamics
(changes, rewards, talks ...). The member reads their own records; the auditor
reads all (see security/party_life_security.xml).
"""

from odoo import fields, models

RECORD_TYPES = [
    ("material", "Material Record"),
    ("work", "Work Record"),
    ("dynamic", "Dynamic Record"),
]


class PartyMemberRecord(models.Model):
    _name = "party.member.record"
    _description = "Party Member Record"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"

    _party_org_field = False  # the member's (related, stored)
    _party_parent_field = "member_id"
    _party_location_fields = ("member_id",)
    _party_rpc_methods = {
        "create": "ACL and record rules on the member's organisation",
        "write": "ACL, record rules re-checked when the member changes",
    }

    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, index=True, string="Organisation"
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    record_type = fields.Selection(
        RECORD_TYPES, string="Type", required=True, default="work", tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_member_record_attachment_rel",
        "record_id",
        "attachment_id",
        string="Attachments",
    )
