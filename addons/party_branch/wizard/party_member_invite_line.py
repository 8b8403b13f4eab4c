"""Members in, in bulk: a portal login in the Party Member group for each member.

Odoo's own invitation (auth_signup): the login is created on the member's contact
(the login's partner IS the member's), its sign-up is prepared on that contact, and
a member with an e-mail address receives auth_signup's "set your password" mail.
A member without e-mail gets a login on their mobile number and appears on a printed
invitation sheet with a QR code of their personal sign-up link. The link's token is
never stored: Odoo 18 signs it (``res.partner._generate_signup_token``) from the
contact, its logins, their last login and the sign-up type, so it dies at the
member's first login; the sheet is rendered on demand for the officer who ran the
invitation, for the members they manage.
"""

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
