from odoo import fields, models
from odoo.tools import SQL


class PartyReminderKind(models.Model):
    """A kind of reminder the daily digest may carry (a meeting tomorrow, a vote open …).

    Data of the addon that owns the kind (``data/party_reminder_*_data.xml``), with the
    function that finds its reminders (``party.reminder._reminder_<code>``). Whether a
    member may turn it off is written here (``required``) and explained
    (``description``); a Party administrator may change it, members and officers read it.
    """

    _name = "party.reminder.kind"
    _description = "Reminder Kind"
    _inherit = ["party.shared.rule.mixin", "party.access.mixin"]
    _order = "sequence, id"

    _party_org_field = False
    _party_fixed_fields = ("code",)

    code = fields.Char(
        required=True,
        readonly=True,
        help="Names the function that finds the reminders: party.reminder._reminder_<code>.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True, help="When the reminder is sent, and why it is required or optional."
    )
    link_label = fields.Char(translate=True, help="The link of each reminder in the message.")
    required = fields.Boolean(
        help="A required reminder reaches every member: nobody turns it off.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    # what reaches the members of every company (the kinds have no company): changed
    # by a system administrator, or a Party administrator of every company
    _party_shared_fields = ("required", "active")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A reminder kind is declared once."),
    ]

    def _party_after_write(self, vals, before):
        res = super()._party_after_write(vals, before)
        if vals.get("required"):
            # a kind that becomes required reaches everyone: members who had turned it
            # off have it again (one statement)
            self.env.cr.execute(
                SQL(
                    "DELETE FROM party_member_reminder_off_rel WHERE kind_id IN %s",
                    tuple(self.ids),
                )
            )
            self.env["party.member"].invalidate_model(["reminder_off_kind_ids"])
        return res
