"""Print the annual statistics (党内统计年报) of an organisation and its subtree on a date,
or export the index and the statistics of a period for the superior (XLSX).

The reports read their numbers only through :meth:`_party_statistics_data`, which checks
the caller first (a Party officer or administrator, who prepared this wizard, managing its
organisation, on a date not in the future) whatever route renders them
(``/report/xlsx/…``, ``/report/pdf/…``, ``/report/html/…``, with the ids and the options
of the caller's choosing): nothing is computed from what the caller may not read.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class PartyStatisticsWizard(models.TransientModel):
    _name = "party.statistics.wizard"
    _description = "Party Statistics"
    _party_rpc_methods = {
        "action_print_xlsx": "_party_check_caller: a Party officer who prepared the wizard and "
        "manages its organisation, on a date not in the future; the report checks it again",
        "action_print_pdf": "_party_check_caller, then the report checks it again",
        "action_export_xlsx": "_party_check_caller, then the report checks it again",
    }

    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        required=True,
        domain=[("org_type", "!=", "group")],
        default=lambda self: self._default_organization(),
        help="The statistics count this organisation and every organisation below it.",
    )
    date = fields.Date(
        string="On Date",
        required=True,
        default=fields.Date.context_today,
        help="The member list of the end of this day; admissions, conversions and losses "
        "from the start of its period to this day.",
    )
    period_type = fields.Selection(
        PERIOD_TYPES,
        string="Period",
        required=True,
        default="year",
        help="The movements (admissions, conversions, losses) are counted from the start "
        "of this period to the date; the export for the superior adds the index of the period.",
    )
    date_from = fields.Date(string="From", compute="_compute_date_from")

    @api.model
    def _default_organization(self):
        orgs = self.env.user.sudo().party_managed_organization_ids
        return orgs[:1].id if orgs else False

    @api.depends("date", "period_type")
    def _compute_date_from(self):
        for wizard in self:
            wizard.date_from = wizard._period_start() if wizard.date else False

    def _period_start(self):
        months = PERIOD_MONTHS[self.period_type or "year"]
        day = self.date
        return day.replace(month=(day.month - 1) // months * months + 1, day=1)

    @api.constrains("organization_id", "date")
    def _check_request(self):
        """A wizard is prepared only for an organisation the caller manages, on a date that
        has come (the refusals are the report's own, see ``_party_check_caller``)."""
        for wizard in self:
            wizard._party_check_request()

    def _party_check_request(self):
        self.ensure_one()
        if self.date > fields.Date.context_today(self):
            raise ValidationError(
                self.env._(
                    "The statistics are taken on a day that has come, from the register: "
                    "%(date)s is in the future.",
                    date=self.date,
                )
            )
        if self.organization_id.sudo().org_type == "group":
            raise ValidationError(
                self.env._(
                    "A Party group keeps no member's relationship: take the statistics of its "
                    "branch."
                )
            )
        self.env["party.organization"]._party_check_organizations(self.organization_id)

    def _party_check_caller(self):
        """A Party officer or administrator who prepared these wizards and manages their
        organisations, on dates that have come. Raises otherwise."""
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("party_branch.group_party_officer"):
            raise AccessError(
                self.env._("Only a Party officer or administrator prints the Party statistics.")
            )
        wizards = self.sudo().exists()
        if not wizards or wizards != self.sudo() or any(w.create_uid != user for w in wizards):
            raise AccessError(
                self.env._("These statistics were prepared by another user: prepare your own.")
            )
        for wizard in self:
            wizard._party_check_request()

    # ------------------------------------------------------------------ actions

    def _report_action(self, xmlid):
        self.ensure_one()
        self._party_check_caller()
        return self.env.ref(xmlid).report_action(self)

    def action_print_xlsx(self):
        return self._report_action("party_branch.action_report_party_statistics_xlsx")

    def action_print_pdf(self):
        return self._report_action("party_branch.action_report_party_statistics_pdf")

    def action_export_xlsx(self):
        return self._report_action("party_branch.action_report_party_export_xlsx")

    # ------------------------------------------------------------------ data

    def _party_statistics_data(self):
        """What a report prints of this wizard, after the caller's check: the
        organisation, the period and the tables."""
        self.ensure_one()
        self._party_check_caller()
        wizard = self.sudo()
        org = wizard.organization_id
        date_from = wizard._period_start()
        tables = self.env["party.statistics"].sudo()._party_statistics(org, date_from, wizard.date)
        return {
            "organization": org,
            "date_from": date_from,
            "date_to": wizard.date,
            "period_type": wizard.period_type,
            "tables": tables,
        }

    def _party_index_data(self):
        """The indices of the wizard's period for the organisation's subtree, and their
        lines, after the caller's check (the export for the superior)."""
        self.ensure_one()
        self._party_check_caller()
        wizard = self.sudo()
        start = wizard._period_start()
        domain = [
            ("organization_id", "child_of", wizard.organization_id.id),
            ("period_type", "=", wizard.period_type),
            ("date_from", "=", start),
        ]
        indices = self.env["party.index"].sudo().search(domain)
        indices = indices.sorted(lambda i: i.organization_id.parent_path or "")
        lines = indices.line_ids.sorted(
            lambda line: (line.organization_id.parent_path or "", line.sequence, line.id)
        )
        return {
            "indices": indices,
            "lines": lines,
            "date_from": start,
            "date_to": start + relativedelta(months=PERIOD_MONTHS[wizard.period_type], days=-1),
        }
