from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyPosition(models.Model):
    """One member holding one position in one organisation for a term.

    Positions are never deleted: a change of holder ends the current record
    (``date_end``) and opens a new one, so that the history is kept.
    """

    _name = "party.position"
    _description = "Party Position"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "organization_id, position_sequence, date_start desc"
    _check_company_auto = True

    # A change of holder, position or organisation is a new term (the history stays);
    # moving a position to another organisation would hand its holder that organisation.
    _party_fixed_fields = ("organization_id", "member_id", "position_type_id")
    _party_location_fields = ("organization_id", "member_id")
    _party_audit_fields = ("member_id", "position_type_id", "date_start", "date_end")
    _party_rpc_methods = {
        "action_end_term": "_party_check_manage: officer of the position's organisation",
    }

    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    member_id = fields.Many2one(
        "party.member",
        string="Holder",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    position_type_id = fields.Many2one(
        "party.position.type", string="Position", required=True, ondelete="restrict", tracking=True
    )
    position_sequence = fields.Integer(related="position_type_id.sequence", store=True)
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End", tracking=True)
    appointment_reference = fields.Char(help="Election or appointment document.")
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current"
    )
    single_holder = fields.Boolean(related="position_type_id.single_holder", store=True)

    # Two holders of a single-holder position never overlap, even when two officers save
    # at the same moment: the database refuses the second (btree_gist, see init()).
    _sql_constraints = [
        (
            "single_holder_excl",
            "EXCLUDE USING gist (organization_id WITH =, position_type_id WITH =, "
            "daterange(date_start, date_end, '[]') WITH &&) WHERE (single_holder)",
            "This position has one holder at a time: another term overlaps these dates. End "
            "that term before the new one starts.",
        ),
    ]

    def init(self):
        res = super().init()
        # integer equality inside a GiST exclusion constraint (a trusted extension); a new
        # database gets it from the pre-init hook, an upgraded one here
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return res

    @api.model
    def _current_domain(self, on_date=None):
        on_date = on_date or fields.Date.context_today(self)
        return [
            ("date_start", "<=", on_date),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", on_date),
        ]

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for pos in self:
            pos.is_current = pos.date_start <= today and (not pos.date_end or pos.date_end >= today)

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on current positions."))
        if (operator == "=") == value:
            return self._current_domain()
        today = fields.Date.context_today(self)
        return ["|", ("date_start", ">", today), ("date_end", "<", today)]

    @api.depends("member_id", "position_type_id", "organization_id")
    def _compute_display_name(self):
        for pos in self:
            # officers read who holds which position across the tree (record rules): the
            # holder's name comes with the position, not with their member record
            holder = pos.sudo().member_id.name or ""
            pos.display_name = f"{pos.position_type_id.name or ''} · {holder}"

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for pos in self:
            if pos.date_end and pos.date_end < pos.date_start:
                raise ValidationError(
                    self.env._(
                        "The end of a term cannot be before its start (%(pos)s).",
                        pos=pos.display_name,
                    )
                )
            if pos.date_start > today:
                raise ValidationError(
                    self.env._("A term cannot start in the future (%(pos)s).", pos=pos.display_name)
                )

    @api.constrains("organization_id", "member_id", "position_type_id", "date_start", "date_end")
    def _check_single_holder(self):
        checked = self.filtered("position_type_id.single_holder")
        if not checked:
            return
        # one query for every holder of the same positions in the same organisations
        holders = defaultdict(list)
        for other in self.sudo().search_fetch(
            [
                ("organization_id", "in", checked.organization_id.ids),
                ("position_type_id", "in", checked.position_type_id.ids),
            ],
            ["organization_id", "position_type_id", "member_id", "date_start", "date_end"],
        ):
            holders[(other.organization_id.id, other.position_type_id.id)].append(other)
        for pos in checked:
            overlap = next(
                (
                    other
                    for other in holders[(pos.organization_id.id, pos.position_type_id.id)]
                    if other.id != pos.id
                    and (not other.date_end or other.date_end >= pos.date_start)
                    and (not pos.date_end or other.date_start <= pos.date_end)
                ),
                None,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "%(org)s can have only one %(position)s at a time: %(holder)s holds it "
                        "from %(start)s. End that term before the new one starts.",
                        org=pos.organization_id.name,
                        position=pos.position_type_id.name,
                        holder=overlap.member_id.name,
                        start=overlap.date_start,
                    )
                )

    @api.constrains("organization_id", "member_id")
    def _check_member_in_organization(self):
        for pos in self:
            org = pos.organization_id
            member = pos.member_id
            if org.org_type == "group":
                ok = member.group_id == org or member.organization_id == org.parent_id
            else:
                ok = member.organization_id and member.organization_id.parent_path.startswith(
                    org.parent_path
                )
            if not ok:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(org)s or of its sub-organisations and "
                        "cannot hold a position there.",
                        member=member.name,
                        org=org.name,
                    )
                )

    def _refresh_access(self):
        """Record rules follow the positions held: forget the cached managed organisations."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(["party_managed_organization_ids"])

    def _party_after_create(self, vals_list):
        self._refresh_access()
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        self._refresh_access()
        return super()._party_after_write(vals, before)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """A term of office is history: it ends, it is never deleted (only superuser
        data maintenance may remove a term entered by mistake)."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A term of office is never deleted: end it with End Term and the history "
                    "of who held %(position)s is kept.",
                    position=", ".join(self.mapped("position_type_id.name")),
                )
            )

    def action_end_term(self):
        """End the terms: yesterday was the last day in office, so that a successor
        can take over today. The history stays."""
        self._party_check_manage()
        yesterday = fields.Date.context_today(self) - timedelta(days=1)
        for pos in self.filtered(lambda p: not p.date_end or p.date_end > yesterday):
            pos.date_end = max(pos.date_start, yesterday)
        return True
