"""Notices with read receipts (通知).

An officer writes a notice to one or more organisations they manage, with or without
their sub-organisations, and publishes it: every member of those organisations (active
or lost contact) gets one receipt, created in one statement. The member opens the
notice on the portal (or in the backend) and, when the notice asks for it,
acknowledges it; the officer sees who has read it and reminds the unread with one
action. A published notice is never edited: a correction is a new notice that refers
to it, and a notice is withdrawn, not deleted.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.guard import action_scope
from .party_organization import IN_ORG_STATUSES


class PartyNotice(models.Model):
    _name = "party.notice"
    _description = "Party Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "publish_date desc, id desc"
    _check_company_auto = True

    # A notice goes to several organisations (organization_ids): they are checked by
    # _party_check_notice_organizations on create, write and publish, not by the
    # mixin's single organisation field.
    _party_org_field = False
    _party_fixed_fields = ("company_id",)
    _party_workflow_fields = ("state", "author_id", "publish_date", "refers_to_id")
    # What a published notice says and to whom: corrected by a new notice, never in place.
    _party_content_fields = (
        "title",
        "body",
        "attachment_ids",
        "organization_ids",
        "include_sub_organizations",
        "ack_required",
    )
    _party_rpc_methods = {
        "action_publish": "_party_check_manage: write access and every addressed "
        "organisation managed by the caller",
        "action_withdraw": "_party_check_manage: write access and every addressed "
        "organisation managed by the caller",
        "action_correct": "_party_check_manage: write access and every addressed "
        "organisation managed by the caller",
        "action_remind_unread": "_party_check_manage: write access and every addressed "
        "organisation managed by the caller",
        "action_view_receipts": "navigation: read access on the notice",
        "action_view_unread": "navigation: read access on the notice",
        "action_view_read": "navigation: read access on the notice",
        "action_view_acknowledged": "navigation: read access on the notice",
        "action_view_correction": "navigation: read access on the notice",
        "action_mark_opened": "the caller's own receipt, found by their user (AccessError "
        "when the notice is not addressed to them)",
        "action_acknowledge": "the caller's own receipt, found by their user (AccessError "
        "when the notice is not addressed to them)",
        "web_read": "ACL and record rules (read); marks the caller's own receipt opened",
    }
    _party_rpc_sample_args = {"web_read": ({"display_name": {}},)}

    title = fields.Char(required=True, tracking=True)
    body = fields.Html(sanitize=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_notice_attachment_rel",
        "notice_id",
        "attachment_id",
        string="Attachments",
    )
    organization_ids = fields.Many2many(
        "party.organization",
        "party_notice_organization_rel",
        "notice_id",
        "organization_id",
        string="Organisations",
        check_company=True,
        help="The organisations whose members receive the notice.",
    )
    include_sub_organizations = fields.Boolean(
        string="Include Sub-Organisations",
        default=True,
        tracking=True,
        help="The members of every organisation below the ones chosen receive it too.",
    )
    ack_required = fields.Boolean(
        string="Acknowledgement Required",
        tracking=True,
        help="Each member confirms having read the notice.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
    )
    publish_date = fields.Datetime(
        string="Published On", readonly=True, copy=False, index=True, tracking=True
    )
    refers_to_id = fields.Many2one(
        "party.notice",
        string="Corrects",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The published notice this one corrects.",
    )
    correction_ids = fields.One2many("party.notice", "refers_to_id", string="Corrections")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    receipt_ids = fields.One2many("party.notice.receipt", "notice_id", string="Receipts")
    addressed_count = fields.Integer(compute="_compute_counts", string="Addressed")
    read_count = fields.Integer(compute="_compute_counts", string="Read")
    unread_count = fields.Integer(compute="_compute_counts", string="Unread")
    acknowledged_count = fields.Integer(compute="_compute_counts", string="Acknowledged")
    # the record rule of Party members: computed for the records checked (one query),
    # searched with a subquery (a path through receipt_ids would load every receipt)
    addressed_to_me = fields.Boolean(
        compute="_compute_addressed_to_me", search="_search_addressed_to_me"
    )
    my_first_opened = fields.Datetime(compute="_compute_mine", string="Opened On")
    my_acknowledged = fields.Datetime(compute="_compute_mine", string="Acknowledged On")

    # ------------------------------------------------------------------ computes

    @api.depends("receipt_ids")
    def _compute_counts(self):
        counts = {
            notice.id: (total, opened, acknowledged)
            for notice, total, opened, acknowledged in self.env["party.notice.receipt"]
            .sudo()
            ._read_group(
                [("notice_id", "in", self.ids)],
                ["notice_id"],
                ["__count", "first_opened:count", "acknowledged:count"],
            )
        }
        for notice in self:
            total, opened, acknowledged = counts.get(notice.id, (0, 0, 0))
            notice.addressed_count = total
            notice.read_count = opened
            notice.unread_count = total - opened
            notice.acknowledged_count = acknowledged

    @api.depends_context("uid")
    def _compute_addressed_to_me(self):
        mine = set(
            self.env["party.notice.receipt"]
            .sudo()
            .search([("notice_id", "in", self.ids), ("member_id.user_id", "=", self.env.uid)])
            .notice_id.ids
        )
        for notice in self:
            notice.addressed_to_me = notice.id in mine

    def _search_addressed_to_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the notices addressed to you with = True."))
        receipts = (
            self.env["party.notice.receipt"]
            .sudo()
            ._search([("member_id.user_id", "=", self.env.uid)])
        )
        inside = (operator == "=") == value
        return [("id", "in" if inside else "not in", receipts.subselect("notice_id"))]

    @api.depends_context("uid")
    def _compute_mine(self):
        receipts = self._my_receipts()
        for notice in self:
            mine = receipts.filtered(lambda r, n=notice: r.notice_id == n)[:1]
            notice.my_first_opened = mine.first_opened
            notice.my_acknowledged = mine.acknowledged

    # ------------------------------------------------------------------ guard

    def _party_organizations(self):
        return self.sudo().organization_ids

    def _party_check_notice_organizations(self):
        """Every organisation the notices go to is one the caller manages (rule 1 of
        docs/security.md): the mixin checks one organisation field, a notice has many."""
        self._party_check_organizations(self.sudo().organization_ids)

    def _party_check_attachments(self):
        """The files a notice shows its readers are files the author may read: the portal
        serves them to the members addressed, and an id of someone else's file would
        otherwise be handed out."""
        self.sudo().attachment_ids.with_env(self.env).check("read")

    def _party_refuse_published(self, vals):
        if set(self._party_content_fields).intersection(vals) and any(
            notice.state != "draft" for notice in self.sudo()
        ):
            raise UserError(
                self.env._(
                    "A published notice is not edited: publish a correction (a new notice "
                    "that refers to it) or withdraw it."
                )
            )

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            self._party_check_notice_organizations()
            self._party_check_attachments()
        return super()._party_after_create(vals_list)

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            self._party_refuse_published(vals)
            if "organization_ids" in vals:
                self._party_check_notice_organizations()
        return super()._party_validate_write(vals)

    def _party_after_write(self, vals, before):
        if not self._party_trusted():
            if "organization_ids" in vals:
                self._party_check_notice_organizations()
                self.check_access("write")
            if "attachment_ids" in vals:
                self._party_check_attachments()
        return super()._party_after_write(vals, before)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(notice.state != "draft" for notice in self):
            raise UserError(
                self.env._("A published notice is never deleted: withdraw it; its receipts stay.")
            )

    # ------------------------------------------------------------------ actions

    def action_publish(self):
        """Publish the draft notices: one receipt per member addressed."""
        self._party_check_manage()
        for notice in self:
            if notice.state != "draft":
                raise UserError(self.env._("%(title)s is already published.", title=notice.title))
            if not notice.organization_ids:
                raise UserError(
                    self.env._(
                        "Choose the organisations %(title)s goes to before publishing it.",
                        title=notice.title,
                    )
                )
        self._party_action_write({"state": "published", "publish_date": fields.Datetime.now()})
        self._create_receipts()
        return True

    def _addressed_members_domain(self):
        """The members a notice goes to: active or lost contact, in one of its
        organisations (their own organisation or their Party group), or below one of
        them when sub-organisations are included."""
        self.ensure_one()
        notice = self.sudo()
        operator = "child_of" if notice.include_sub_organizations else "in"
        org_ids = notice.organization_ids.ids
        return [
            ("status", "in", IN_ORG_STATUSES),
            "|",
            ("organization_id", operator, org_ids),
            ("group_id", operator, org_ids),
        ]

    def _create_receipts(self):
        """One receipt per member addressed, written in one INSERT ... SELECT per notice
        (50,000 members in well under a second); a member who already has one keeps it."""
        Receipt = self.env["party.notice.receipt"]
        Member = self.env["party.member"].sudo()
        now = fields.Datetime.now()
        for notice in self.sudo():
            query = Member._search(notice._addressed_members_domain(), order="id")
            members = query.select(
                SQL(
                    "%s, party_member.id, party_member.organization_id, %s, %s, %s, %s",
                    notice.id, self.env.uid, now, self.env.uid, now,
                )
            )  # fmt: skip
            self.env.cr.execute(
                SQL(
                    """INSERT INTO party_notice_receipt
                           (notice_id, member_id, organization_id,
                            create_uid, create_date, write_uid, write_date)
                       %s
                       ON CONFLICT (notice_id, member_id) DO NOTHING""",
                    members,
                )
            )
        Receipt.invalidate_model()
        self.invalidate_recordset(["receipt_ids"])

    def action_withdraw(self):
        """Take published notices back: members no longer see them; receipts stay."""
        self._party_check_manage()
        if any(notice.state != "published" for notice in self):
            raise UserError(self.env._("Only a published notice is withdrawn."))
        self._party_action_write({"state": "withdrawn"})
        return True

    def action_correct(self):
        """A new draft notice that corrects this published one (which stays as it was)."""
        self.ensure_one()
        self._party_check_manage()
        if self.state == "draft":
            raise UserError(self.env._("A draft is edited, not corrected."))
        notice = self.sudo()
        correction = self._party_new_correction(notice)
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.notice",
            "res_id": correction.id,
            "view_mode": "form",
            "target": "current",
        }

    def _party_new_correction(self, notice):
        vals = {
            "title": self.env._("Correction: %(title)s", title=notice.title),
            "body": notice.body,
            "attachment_ids": [(6, 0, notice.attachment_ids.ids)],
            "organization_ids": [(6, 0, notice.organization_ids.ids)],
            "include_sub_organizations": notice.include_sub_organizations,
            "ack_required": notice.ack_required,
            "company_id": notice.company_id.id,
            "refers_to_id": notice.id,
            "author_id": self.env.uid,
        }
        with action_scope():
            return self.env["party.notice"].create(vals)

    def action_remind_unread(self):
        """Remind the members who have not opened the notice: one notification per
        unread member with a login (e-mail, or the inbox of an internal user), sent in
        one call; the reminder is noted on their receipts."""
        self.ensure_one()
        self._party_check_manage()
        if self.state != "published":
            raise UserError(self.env._("Only a published notice has readers to remind."))
        receipts = (
            self.env["party.notice.receipt"]
            .sudo()
            .search(
                [
                    ("notice_id", "=", self.id),
                    ("first_opened", "=", False),
                    ("member_id.user_id", "!=", False),
                ]
            )
        )
        partners = receipts.member_id.user_id.partner_id
        if not partners:
            raise UserError(self.env._("Every member with a login has read %(title)s.",
                                       title=self.title))  # fmt: skip
        notice = self.sudo()
        url = f"{notice.get_base_url()}/my/notices/{notice.id}"
        body = Markup("<p>%s</p><p><a href='%s'>%s</a></p>") % (
            self.env._("You have not read the notice %(title)s yet.", title=notice.title),
            url,
            self.env._("Read the notice"),
        )
        notice.message_notify(
            partner_ids=partners.ids,
            subject=self.env._("Unread notice: %(title)s", title=notice.title),
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )
        with action_scope():
            receipts.write({"last_reminded": fields.Datetime.now()})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s unread members reminded.", count=len(partners)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _receipts_action(self, name, domain):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "party.notice.receipt",
            "view_mode": "list,form",
            "domain": [("notice_id", "=", self.id), *domain],
            "context": {"create": False, "delete": False},
        }

    def action_view_receipts(self):
        return self._receipts_action(self.env._("Addressed"), [])

    def action_view_read(self):
        return self._receipts_action(self.env._("Read"), [("first_opened", "!=", False)])

    def action_view_unread(self):
        return self._receipts_action(self.env._("Unread"), [("first_opened", "=", False)])

    def action_view_acknowledged(self):
        return self._receipts_action(self.env._("Acknowledged"), [("acknowledged", "!=", False)])

    def action_view_correction(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.notice",
            "view_mode": "list,form",
            "domain": ["|", ("id", "=", self.refers_to_id.id), ("refers_to_id", "=", self.id)],
        }

    # ------------------------------------------------------------ the member's side

    def _my_receipts(self):
        """The caller's own receipts of these notices (as superuser), found by the
        caller's user, never by an id the caller sent."""
        return (
            self.env["party.notice.receipt"]
            .sudo()
            .search(
                [
                    ("notice_id", "in", self.ids),
                    ("member_id.user_id", "=", self.env.uid),
                    ("notice_id.state", "=", "published"),
                ]
            )
        )

    def _my_receipts_or_refuse(self):
        receipts = self._my_receipts()
        if not self or receipts.notice_id != self:
            raise AccessError(self.env._("This notice is not addressed to you."))
        return receipts

    def action_mark_opened(self):
        """The caller opened the notices: their receipts' first opening, once."""
        self._my_receipts_or_refuse()._mark_opened()
        return True

    def action_acknowledge(self):
        """The caller confirms having read the notices that ask for it."""
        receipts = self._my_receipts_or_refuse()
        if not all(receipts.notice_id.mapped("ack_required")):
            raise UserError(self.env._("This notice asks for no acknowledgement."))
        receipts._mark_opened()
        receipts.filtered(lambda r: not r.acknowledged)._party_action_write(
            {"acknowledged": fields.Datetime.now()}
        )
        return True

    def web_read(self, specification):
        """The backend's form marks the caller's own receipt opened (a member reading
        the notice in the backend, as on the portal)."""
        result = super().web_read(specification)
        if len(self) == 1 and "body" in specification:
            self._my_receipts()._mark_opened()
        return result

    # it writes (the first opening): not on a read-only replica cursor
    web_read._readonly = False

    def _demo_open(self, user_id):
        """Demo data: the notices opened by the member of ``user_id``."""
        self.env["party.notice.receipt"].sudo().search(
            [("notice_id", "in", self.ids), ("member_id.user_id", "=", user_id)]
        )._mark_opened()
