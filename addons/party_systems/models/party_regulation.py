"""The regulation library in the six columns of the working systems (工作制度体系化).

Each regulation sits in one of the six columns the seed names (自身建设, 议事决策,
联系服务群众, 管理监督, 经费保障, 双述双评), is issued by an organisation, applies to
that organisation and those below it (or to the organisations listed), is in force
from its effective date until its repeal date, and may be required reading: each
member of the organisations it applies to acknowledges it on the portal, and the
officers see who has not read it yet.

A regulation is amended by a new version (``action_amend``), never by rewriting the
text in force: the new version replaces the previous one from its own effective
date (the previous one's repeal date follows it), shows what changed, and is
required reading again: the acknowledgements of a version stay with that version.
"""

from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES
from odoo.addons.party_branch.tools.guard import action_scope
from odoo.addons.web_editor.models.diff_utils import generate_comparison

COLUMNS = [
    ("self_building", "Self-Building (自身建设)"),
    ("deliberation", "Deliberation and Decisions (议事决策)"),
    ("public_service", "Contact with the Public (联系服务群众)"),
    ("supervision", "Management and Supervision (管理监督)"),
    ("funds", "Funds (经费保障)"),
    ("dual_report", "Dual Report, Dual Appraisal (双述双评)"),
]


class PartyRegulation(models.Model):
    _name = "party.regulation"
    _description = "Party Regulation"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "column, effective_date desc, id desc"
    _check_company_auto = True

    _party_rpc_methods = {
        "action_acknowledge": "the caller's own membership in an organisation the regulation "
        "applies to (AccessError otherwise)",
        "action_view_unread": "navigation: read access on the regulation",
        "action_amend": "_party_check_manage: officer of the issuing organisation",
        "action_view_versions": "navigation: read access on the regulation",
    }
    # The chain of versions is written by action_amend only.
    _party_workflow_fields = ("version", "previous_id", "root_id")
    # What a version says, to whom and from when: once it has taken effect or been read,
    # it changes only through action_amend (a new version), never in place.
    _party_version_fields = (
        "name",
        "column",
        "organization_id",
        "applies_to_ids",
        "body",
        "attachment_ids",
        "required_reading",
        "effective_date",
    )

    name = fields.Char(required=True, tracking=True)
    column = fields.Selection(COLUMNS, required=True, tracking=True, index=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Issued By",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    applies_to_ids = fields.Many2many(
        "party.organization",
        "party_regulation_org_rel",
        "regulation_id",
        "organization_id",
        check_company=True,
        help="Empty: the issuing organisation and every organisation below it.",
    )
    # not tracked: mail tracks no Html field (a write would be a server error), and the
    # text that took effect is never rewritten (a new version shows what changed)
    body = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    effective_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    repeal_date = fields.Date(tracking=True, help="No longer in force from this day.")
    in_force = fields.Boolean(compute="_compute_in_force", search="_search_in_force")
    required_reading = fields.Boolean(tracking=True)
    ack_ids = fields.One2many("party.regulation.ack", "regulation_id", string="Acknowledgements")
    ack_count = fields.Integer(compute="_compute_reading", string="Read")
    unread_count = fields.Integer(compute="_compute_reading", string="Not Yet Read")
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one(
        "party.regulation",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The version this one amends; it is repealed on this version's effective date.",
    )
    root_id = fields.Many2one(
        "party.regulation",
        string="First Version",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    next_ids = fields.One2many("party.regulation", "previous_id", string="Replaced By")
    later_version_ids = fields.One2many("party.regulation", "root_id", string="Later Versions")
    version_count = fields.Integer(compute="_compute_version_count", string="Versions")
    changes = fields.Html(
        compute="_compute_changes",
        sanitize=False,
        string="Changes from the Previous Version",
        help="The text of this version compared with the one it replaces.",
    )

    _sql_constraints = [
        (
            "one_amendment",
            "unique(previous_id)",
            "A version of a regulation is amended once: amend the newest version.",
        ),
    ]

    @api.constrains("effective_date", "repeal_date")
    def _check_dates(self):
        for regulation in self:
            if regulation.repeal_date and regulation.repeal_date <= regulation.effective_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the repeal date comes after the effective date.",
                        name=regulation.name,
                    )  # fmt: skip
                )

    @api.depends("root_id.later_version_ids", "later_version_ids")
    def _compute_version_count(self):
        for regulation in self.sudo():
            root = regulation.root_id or regulation
            regulation.with_env(self.env).version_count = 1 + len(root.later_version_ids)

    @api.depends("body", "previous_id.body")
    def _compute_changes(self):
        for regulation in self:
            previous = regulation.sudo().previous_id
            regulation.changes = (
                generate_comparison(regulation.body or "", previous.body or "")
                if previous
                else False
            )

    @api.constrains("previous_id", "root_id", "organization_id")
    def _check_versions_of_one_organisation(self):
        """The versions of a regulation are issued by one organisation: a version never
        repeals another organisation's regulation, and a version does not move to
        another organisation."""
        regulations = self.sudo()
        for regulation in regulations | regulations.next_ids | regulations.later_version_ids:
            chain = regulation.previous_id | regulation.root_id
            if chain and chain.organization_id != regulation.organization_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the versions of a regulation are issued by one organisation.",
                        name=regulation.name,
                    )
                )

    @api.depends("effective_date", "repeal_date")
    def _compute_in_force(self):
        today = fields.Date.context_today(self)
        for regulation in self:
            regulation.in_force = regulation.effective_date <= today and (
                not regulation.repeal_date or regulation.repeal_date > today
            )

    def _search_in_force(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on regulations in force."))
        today = fields.Date.context_today(self)
        domain = [
            ("effective_date", "<=", today),
            "|",
            ("repeal_date", "=", False),
            ("repeal_date", ">", today),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _readers_domain(self):
        """The members who must read this regulation: those of the organisations it
        applies to and below them, still in the organisation."""
        self.ensure_one()
        orgs = self.sudo().applies_to_ids or self.sudo().organization_id
        return [("organization_id", "child_of", orgs.ids), ("status", "in", IN_ORG_STATUSES)]

    def _unread(self):
        """{regulation_id: members who have not acknowledged it} (required reading)."""
        Member = self.env["party.member"].sudo()
        acks = (
            self.env["party.regulation.ack"]
            .sudo()
            ._read_group(
                [("regulation_id", "in", self.ids)], ["regulation_id"], ["member_id:array_agg"]
            )
        )
        read = {regulation.id: set(ids) for regulation, ids in acks}
        result = {}
        for regulation in self:
            if not regulation.required_reading:
                result[regulation.id] = Member
                continue
            done = read.get(regulation.id, set())
            readers = Member.search(regulation._readers_domain())
            result[regulation.id] = readers.filtered(lambda m, done=done: m.id not in done)
        return result

    @api.depends("ack_ids", "required_reading", "applies_to_ids")
    def _compute_reading(self):
        unread = self._unread()
        counts = dict(
            self.env["party.regulation.ack"]
            .sudo()
            ._read_group([("regulation_id", "in", self.ids)], ["regulation_id"], ["__count"])
        )
        for regulation in self:
            regulation.ack_count = counts.get(regulation, 0)
            regulation.unread_count = len(unread.get(regulation.id, []))

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            # a regulation is required reading only where its author manages
            self._party_check_organizations(self.sudo().applies_to_ids)
        # a new version (written by action_amend, or by data) repeals the one it replaces
        self.filtered("previous_id")._repeal_previous()
        return super()._party_after_create(vals_list)

    def _party_refuse_rewrite(self, vals):
        """A version that has taken effect (in force or repealed since) or that members
        have acknowledged is not rewritten in place: what they read stays as it was."""

        def changes(name):
            field = self._fields[name]
            if field.type in ("one2many", "many2many"):
                return True
            new = field.convert_to_record(field.convert_to_cache(vals[name], self), self)
            return any(record[name] != new for record in self)

        if not any(changes(name) for name in self._party_version_fields if name in vals):
            return
        today = fields.Date.context_today(self)
        taken = self.sudo().filtered(lambda r: r.effective_date <= today or r.ack_ids)
        if taken:
            raise UserError(
                self.env._(
                    "%(name)s has taken effect or has been read: a regulation is never "
                    "rewritten in place. To change it, amend it: a new version, required "
                    "reading again, replaces it from its own effective date.",
                    name=taken[0].name,
                )
            )

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            # who may not write here is refused access first (the guard has checked
            # where the caller puts it)
            self.check_access("write")
            self._party_refuse_rewrite(vals)
            if "repeal_date" in vals:
                self._party_refuse_past_repeal(vals["repeal_date"])
                if self.sudo().next_ids:
                    raise UserError(
                        self.env._(
                            "A version that has been amended is repealed on the effective date "
                            "of the version replacing it: change that date instead."
                        )
                    )
        return super()._party_validate_write(vals)

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        if "applies_to_ids" in vals and not self._party_trusted():
            before["applies_to"] = {r.id: r.applies_to_ids for r in self.sudo()}
        return before

    def _party_after_write(self, vals, before):
        if (applies_to := before.get("applies_to")) is not None:
            # added or taken off: a regulation is required reading only where its
            # author manages
            changed = self.env["party.organization"]
            for regulation in self.sudo():
                was, now = applies_to[regulation.id], regulation.applies_to_ids
                changed |= (was - now) | (now - was)
            self._party_check_organizations(changed)
        if "effective_date" in vals:
            self._repeal_previous()
        return super()._party_after_write(vals, before)

    def _party_refuse_past_repeal(self, repeal_date):
        """When a regulation was in force is history: it is repealed from today or a later
        day, and a repeal date that has passed is neither moved nor cleared."""
        today = fields.Date.context_today(self)
        new = fields.Date.to_date(repeal_date) if repeal_date else False
        moved = self.sudo().filtered(lambda r: r.repeal_date != new)
        passed = moved.filtered(lambda r: r.repeal_date and r.repeal_date < today)
        if moved and ((new and new < today) or passed):
            raise UserError(
                self.env._(
                    "%(name)s: a regulation is repealed from today or a later day, and a "
                    "repeal that has taken effect stays as it was: when a regulation was in "
                    "force is not rewritten.",
                    name=(passed or moved)[:1].name,
                )
            )

    def _repeal_previous(self):
        """The previous versions are repealed on the effective dates of the versions that
        replace them (called after the write's own checks)."""
        for regulation in self.sudo().filtered("previous_id"):
            previous = regulation.previous_id
            if regulation.effective_date <= previous.effective_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a new version takes effect after the version it replaces "
                        "(in force from %(date)s).",
                        name=regulation.name,
                        date=previous.effective_date,
                    )
                )
            if previous.repeal_date != regulation.effective_date:
                with action_scope():
                    previous.write({"repeal_date": regulation.effective_date})

    def action_amend(self):
        """A new version of the regulation, to edit and put in force from its effective
        date (tomorrow by default); the current version stays in force until then."""
        self.ensure_one()
        self._party_check_manage()
        regulation = self.sudo()
        # the new version is required reading again where it applies: only where the
        # caller manages
        self._party_check_organizations(regulation.applies_to_ids)
        if regulation.next_ids:
            raise UserError(
                self.env._(
                    "%(name)s has already been amended by version %(version)s: amend the "
                    "newest version.",
                    name=regulation.name,
                    version=regulation.next_ids[:1].version,
                )
            )
        today = fields.Date.context_today(self)
        if regulation.repeal_date and regulation.repeal_date <= today:
            raise UserError(
                self.env._("%(name)s is repealed: it is not amended.", name=regulation.name)
            )
        effective = max(today, regulation.effective_date) + timedelta(days=1)
        # the caller's context carries no default into the new version (an x2many default
        # would create or link other regulations unchecked)
        with action_scope():
            new = self.with_context(clean_context(self.env.context)).create(
                {
                    "name": regulation.name,
                    "column": regulation.column,
                    "organization_id": regulation.organization_id.id,
                    "applies_to_ids": [Command.set(regulation.applies_to_ids.ids)],
                    "body": regulation.body,
                    "attachment_ids": [Command.set(regulation.attachment_ids.ids)],
                    "required_reading": regulation.required_reading,
                    "effective_date": effective,
                    "version": regulation.version + 1,
                    "previous_id": regulation.id,
                    "root_id": (regulation.root_id or regulation).id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.regulation",
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_versions(self):
        self.ensure_one()
        self.check_access("read")
        root = self.root_id or self
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Versions: %(name)s", name=self.name),
            "res_model": "party.regulation",
            "view_mode": "list,form",
            "domain": ["|", ("id", "=", root.id), ("root_id", "=", root.id)],
            "context": {"active_test": False},
        }

    def action_view_unread(self):
        self.ensure_one()
        self.check_access("read")
        members = self._unread()[self.id]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not Yet Read: %(name)s", name=self.name),
            "res_model": "party.member",
            "view_mode": "list,form",
            "domain": [("id", "in", members.ids)],
        }

    def _my_member(self):
        """The caller's own membership among the regulation's readers, or nothing."""
        self.ensure_one()
        return (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), *self._readers_domain()], limit=1)
        )

    def action_acknowledge(self):
        """The caller confirms having read the regulation (for their own membership)."""
        member = self.env["party.member"]
        if len(self) == 1:
            member = self._my_member()
        if not member:
            raise AccessError(self.env._("This regulation is not required reading for you."))
        regulation = self.sudo()
        if not regulation.required_reading or not regulation.in_force:
            raise UserError(self.env._("%(name)s is not required reading now.",
                                       name=regulation.name))  # fmt: skip
        Ack = self.env["party.regulation.ack"].sudo()
        if not Ack.search_count([("regulation_id", "=", self.id), ("member_id", "=", member.id)]):
            Ack.create({"regulation_id": self.id, "member_id": member.id})
        return True
