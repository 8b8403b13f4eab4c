from odoo import fields, models


class PartyRegulationAck(models.Model):
    """A member's acknowledgement of a required-reading regulation (written by
    ``party.regulation.action_acknowledge`` for the caller's own membership)."""

    _name = "party.regulation.ack"
    _description = "Regulation Acknowledgement"
    _inherit = ["party.access.mixin"]
    _order = "date desc, id desc"
    _rec_name = "member_id"

    _party_org_field = False
    _party_scope_field = "organization_id"
    _party_parent_field = "regulation_id"
    _party_fixed_fields = ("regulation_id", "member_id", "date")
    _party_rpc_methods = {
        "create": "ACL: nobody but the acknowledgement action (superuser after its check)",
        "write": "ACL: nobody",
    }

    regulation_id = fields.Many2one(
        "party.regulation", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(related="member_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="regulation_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)

    _sql_constraints = [
        (
            "regulation_member_uniq",
            "unique(regulation_id, member_id)",
            "A member acknowledges a regulation once.",
        ),
    ]
