from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

#: 《中国共产党章程》第四十一条: the five Party disciplines, mildest first
DISCIPLINE_KINDS = [
    ("warning", "Warning (警告)"),
    ("serious_warning", "Serious Warning (严重警告)"),
    ("removal", "Removal from Party Posts (撤销党内职务)"),
    ("probation", "Probation within the Party (留党察看)"),
    ("expulsion", "Expulsion from the Party (开除党籍)"),
]
#: the groups that read every discipline record of their companies (besides the member
#: concerned, who reads their own)
DISCIPLINE_READERS = "party_branch.group_party_discipline,party_branch.group_party_auditor"


class PartyDiscipline(models.Model):
    """A Party discipline (党纪处分, 《中国共产党章程》第四十一条) decided on a member.

    Read only by the Party administrators, the discipline officers (group Party
    Discipline Officer, implied by the administrator only) and the auditors of the
    company, and by the member concerned (their own, also on the portal): record rules
    and access rights, so every path (read, search, read_group, export, attachments,
    the chatter) follows them. Written by discipline officers who manage the deciding
    organisation, and by Party administrators; never deleted.

    留党察看 (probation within the Party) lasts one or two years (党章第四十一条); during
    it the member has no vote, no right to elect and to be elected (党章第四十一条):
    ``party_branch.tools.voting`` leaves them out of the voters due. 撤销党内职务 ends
    the member's current positions; 开除党籍 ends the membership (the member's status
    becomes expelled, through the member's own status hooks: the portal group is
    revoked, the findings rechecked) and the positions.
    """

    _name = "party.discipline"
    _description = "Party Discipline"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the deciding organisation: one the discipline officer manages
    _party_org_field = "organization_id"
    _party_fixed_fields = ("member_id", "organization_id", "kind", "date", "probation_years")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Deciding Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("org_type", "!=", "group")],
        help="The Party organisation that decided the discipline (the member's own or one above).",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    kind = fields.Selection(DISCIPLINE_KINDS, required=True, tracking=True, index=True)
    date = fields.Date(
        string="Decided On", required=True, default=fields.Date.context_today, tracking=True
    )
    reference = fields.Char(string="Decision Number", tracking=True)
    reason = fields.Text()
    probation_years = fields.Selection(
        [("1", "One Year"), ("2", "Two Years")],
        string="Probation Period",
        help="留党察看: one or two years (《中国共产党章程》第四十一条).",
    )
    date_end = fields.Date(
        string="Probation Ends",
        compute="_compute_date_end",
        store=True,
        help="The last day of the probation: the member has no vote until then "
        "(《中国共产党章程》第四十一条).",
    )
    document = fields.Binary(string="Decision Document", attachment=True, copy=False)
    document_name = fields.Char()

    @api.depends("kind", "date", "probation_years")
    def _compute_date_end(self):
        for record in self:
            if record.kind == "probation" and record.date and record.probation_years:
                record.date_end = (
                    record.date
                    + relativedelta(years=int(record.probation_years))
                    - relativedelta(days=1)
                )
            else:
                record.date_end = False

    @api.constrains("kind", "probation_years")
    def _check_probation_years(self):
        for record in self:
            if record.kind == "probation" and not record.probation_years:
                raise ValidationError(
                    self.env._(
                        "Probation within the Party lasts one or two years: give its period "
                        "(《中国共产党章程》第四十一条)."
                    )
                )

    @api.constrains("member_id", "organization_id")
    def _check_deciding_organization(self):
        for record in self.sudo():
            member_path = record.member_id.organization_id.parent_path or ""
            if not member_path.startswith(record.organization_id.parent_path or "-"):
                raise ValidationError(
                    self.env._(
                        "A discipline is decided by the member's own organisation or one above it."
                    )
                )

    def _party_validate_create(self, vals_list):
        self._party_check_member_organizations(vals_list)
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        self._party_apply_consequences()
        return super()._party_after_create(vals_list)

    def _party_apply_consequences(self):
        """撤销党内职务 and 开除党籍 end the member's current positions; 开除党籍 ends the
        membership through the member's status (its hooks revoke the portal group and
        recheck the findings). As superuser: the create was the check."""
        records = self.sudo()
        ending = records.filtered(lambda r: r.kind in ("removal", "expulsion")).member_id
        if ending.current_position_ids:
            ending.current_position_ids.action_end_term()
        expelled = records.filtered(lambda r: r.kind == "expulsion").member_id.filtered(
            lambda m: m.status != "expelled"
        )
        if expelled:
            expelled.write({"status": "expelled"})

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A Party discipline is never deleted: it stays in the member's record; a "
                "discipline revoked on appeal is recorded by a new decision."
            )
        )

    @api.model
    def _party_on_probation(self, members, on_date=None):
        """The members of ``members`` on probation within the Party (留党察看) on
        ``on_date`` (today by default), in one search, as superuser: the rule of who
        votes (``party_branch.tools.voting``) does not depend on who asks."""
        if not members:
            return members
        on_date = on_date or fields.Date.context_today(self)
        records = self.sudo().search_fetch(
            [
                ("member_id", "in", members.ids),
                ("kind", "=", "probation"),
                ("date", "<=", on_date),
                ("date_end", ">=", on_date),
            ],
            ["member_id"],
        )
        return members & records.member_id.with_env(members.env)
