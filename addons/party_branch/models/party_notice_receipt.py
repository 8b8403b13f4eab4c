from odoo import fields, models
from odoo.tools import SQL


class PartyNoticeReceipt(models.Model):
    """One member's copy of a published notice: when they first opened it and when they
    acknowledged it. Created by ``party.notice.action_publish`` (one per member addressed),
    marked by the member's own actions on the notice; never written by a client
    otherwise, never deleted."""

    _name = "party.notice.receipt"
    _description = "Notice Receipt"
    _inherit = ["party.access.mixin"]
    _order = "notice_id desc, first_opened desc, id"
    _rec_name = "member_id"

    _party_org_field = False
    _party_scope_field = "organization_id"
    _party_parent_field = "notice_id"
    _party_fixed_fields = ("notice_id", "member_id", "organization_id")
    _party_workflow_fields = ("first_opened", "acknowledged", "last_reminded")
    _party_rpc_methods = {
        "create": "ACL: nobody (receipts are created by party.notice.action_publish)",
        "write": "ACL: nobody (marked by the member's own actions on the notice)",
    }

    # indexes: the unique (notice_id, member_id) serves the searches by notice, and
    # every index or foreign key more is paid per receipt when a notice is published
    notice_id = fields.Many2one("party.notice", required=True, ondelete="restrict", readonly=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        ondelete="restrict",
        readonly=True,
        help="The member's organisation when the notice was published.",
    )
    company_id = fields.Many2one(related="notice_id.company_id", string="Company")
    first_opened = fields.Datetime(readonly=True)
    acknowledged = fields.Datetime(readonly=True)
    last_reminded = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("unread", "Unread"), ("read", "Read"), ("acknowledged", "Acknowledged")],
        compute="_compute_state",
        string="Status",
    )
    notice_title = fields.Char(related="notice_id.title", string="Notice Title")
    ack_required = fields.Boolean(related="notice_id.ack_required")

    _sql_constraints = [
        (
            "notice_member_uniq",
            "unique(notice_id, member_id)",
            "A member receives a notice once.",
        ),
    ]

    def _compute_state(self):
        for receipt in self:
            if receipt.acknowledged:
                receipt.state = "acknowledged"
            elif receipt.first_opened:
                receipt.state = "read"
            else:
                receipt.state = "unread"

    def _mark_opened(self):
        """The first opening, once: one conditional UPDATE (two tabs opening the notice
        at once keep the first time)."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE party_notice_receipt
                      SET first_opened = now() at time zone 'UTC',
                          write_uid = %s, write_date = now() at time zone 'UTC'
                    WHERE id IN %s AND first_opened IS NULL""",
                self.env.uid,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["first_opened", "write_uid", "write_date"])
