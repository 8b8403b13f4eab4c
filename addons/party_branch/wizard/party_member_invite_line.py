"""One member of a bulk invitation and what became of them (invited, linked, skipped
and why); the wizard is party_member_invite.py."""

from odoo import fields, models

OUTCOMES = [
    ("email", "Invited by e-mail"),
    ("sheet", "Invited (sheet)"),
    ("linked", "Linked"),
    ("skipped", "Skipped"),
]


class PartyMemberInviteLine(models.TransientModel):
    _name = "party.member.invite.line"
    _description = "Invitation Result"
    _order = "outcome, id"

    invite_id = fields.Many2one("party.member.invite", required=True, ondelete="cascade")
    member_id = fields.Many2one("party.member", required=True)
    organization_id = fields.Many2one(related="member_id.organization_id")
    outcome = fields.Selection(OUTCOMES, required=True)
    login = fields.Char()
    reason = fields.Char()
