from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: the honours of 两优一先: two for a person, one for an organisation
HONOUR_KINDS = [
    ("excellent_member", "Outstanding Party Member (优秀共产党员)"),
    ("excellent_worker", "Outstanding Party Worker (优秀党务工作者)"),
    ("advanced_organization", "Advanced Primary Party Organisation (先进基层党组织)"),
]
ORGANIZATION_HONOURS = ("advanced_organization",)


class PartyHonour(models.Model):
    """An honour (两优一先) awarded by a Party organisation to a member or, for
    先进基层党组织, to an organisation: the awarding organisation, the date and the
    document. Shown on the member's profile and on the member's portal.

    Recorded by the officers of the awarding organisation, for a member or an
    organisation within it (itself or below it)."""

    _name = "party.honour"
    _description = "Party Honour"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the awarding organisation: one the officer manages
    _party_org_field = "organization_id"
    _party_location_fields = ("member_id", "honoured_organization_id")

    kind = fields.Selection(HONOUR_KINDS, required=True, tracking=True, index=True)
    member_id = fields.Many2one("party.member", index=True, ondelete="restrict", tracking=True)
    honoured_organization_id = fields.Many2one(
        "party.organization",
        string="Honoured Organisation",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The organisation honoured as 先进基层党组织.",
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Awarding Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("org_type", "!=", "group")],
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    date = fields.Date(
        string="Awarded On", required=True, default=fields.Date.context_today, tracking=True
    )
    reference = fields.Char(string="Document Number", tracking=True)
    note = fields.Text()
    document = fields.Binary(attachment=True, copy=False)
    document_name = fields.Char()

    @api.depends("kind", "member_id", "honoured_organization_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for honour in self:
            who = honour.sudo().member_id.name or honour.sudo().honoured_organization_id.name
            honour.display_name = " · ".join(filter(None, [labels.get(honour.kind), who]))

    @api.constrains("kind", "member_id", "honoured_organization_id", "organization_id")
    def _check_honoured(self):
        for honour in self.sudo():
            if honour.kind in ORGANIZATION_HONOURS:
                if not honour.honoured_organization_id or honour.member_id:
                    raise ValidationError(
                        self.env._(
                            "先进基层党组织 honours an organisation: name it, and no member."
                        )
                    )
                target = honour.honoured_organization_id
            else:
                if not honour.member_id or honour.honoured_organization_id:
                    raise ValidationError(
                        self.env._(
                            "This honour is a member's: name the member, and no organisation."
                        )
                    )
                target = honour.member_id.organization_id
            if not (target.parent_path or "").startswith(honour.organization_id.parent_path or "-"):
                raise ValidationError(
                    self.env._(
                        "An organisation honours its own members and organisations, or those "
                        "below it."
                    )
                )
