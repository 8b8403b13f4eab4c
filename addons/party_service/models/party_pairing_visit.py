"""Pairing assistance (结对帮扶): a member (or an organisation) paired with a household
or a person in need, with goals, planned and logged visits, outcomes and renewal."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_branch.tools.guard import action_scope

MAX_NOTE = 5000


class PartyPairingVisit(models.Model):
    _name = "party.pairing.visit"
    _description = "Pairing Visit"
    _inherit = ["party.access.mixin"]
    _order = "date desc, id desc"

    _party_org_field = False  # the pairing's (related, stored)
    _party_parent_field = "pairing_id"
    _party_fixed_fields = ("pairing_id",)
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_log": "_party_check_manage on the pairing, or the paired member's own visit "
        "(found by the caller's user)",
    }

    pairing_id = fields.Many2one("party.pairing", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(related="pairing_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="pairing_id.company_id", store=True)
    member_id = fields.Many2one(related="pairing_id.member_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Logged")], default="planned", required=True
    )
    note = fields.Text(string="Notes")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_pairing_visit_attachment_rel",
        "visit_id",
        "attachment_id",
        string="Photos",
    )

    @api.constrains("date", "pairing_id")
    def _check_date(self):
        for visit in self:
            pairing = visit.pairing_id
            if visit.date < pairing.date_start:
                raise ValidationError(
                    self.env._(
                        "A visit of %(pairing)s on %(date)s is before the pairing starts "
                        "(%(start)s).",
                        pairing=pairing.name,
                        date=visit.date,
                        start=pairing.date_start,
                    )
                )

    def _party_organizations(self):
        return self.sudo().mapped("pairing_id.organization_id")

    def _party_attach_photos(self, photos):
        """Attach ``photos`` ({name, data, mimetype}, checked by the caller) to the visit."""
        self.ensure_one()
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": photo["name"],
                    "raw": photo["data"],
                    "mimetype": photo["mimetype"],
                    "res_model": self._name,
                    "res_id": self.id,
                }
                for photo in photos
            ]
        )
        with action_scope():
            self.write({"attachment_ids": [Command.link(a.id) for a in attachments]})
        return attachments

    def _party_log_visit(self, note=None, photos=None):
        """The paired member logs the visit from the portal with a note and photos
        (read and checked from the upload by the caller): the action checks the caller
        first, then the note and photos are written on this visit."""
        self.ensure_one()
        self.action_log()
        note = (note or "").strip()[:MAX_NOTE]
        if note:
            self.sudo().note = note
        if photos:
            self.sudo()._party_attach_photos(photos)
        return True

    def action_log(self):
        """Log a planned visit as made (the paired member, or an officer); one planned
        for a later day is logged as made today."""
        mine = self.sudo().filtered(lambda v: v.pairing_id.member_id.user_id == self.env.user)
        others = self - mine.with_env(self.env)
        if others:
            others._party_check_manage()
        if self.sudo().filtered(lambda v: v.state != "planned"):
            # a logged visit is a record of what was done: logging it again would
            # rewrite its notes and photos
            raise UserError(
                self.env._("This visit is logged already: a logged visit is not logged again.")
            )
        # a visit is logged on or after its day: a planned visit made ahead of its
        # day is logged as made today (its day moves to today, never into the future)
        today = fields.Date.context_today(self)
        early = self.filtered(lambda v: v.date > today)
        if early:
            early.sudo()._party_action_write({"state": "done", "date": today})
        (self - early).sudo()._party_action_write({"state": "done"})
        return True
