from odoo import api, fields, models

from odoo.addons.party_branch.models.party_organization import PARENT_TYPES

from .party_meeting import MEETING_TYPES


class PartyMeetingFrequency(models.Model):
    """How often a type of meeting is due, per organisation type (data, editable)."""

    _name = "party.meeting.frequency"
    _description = "Meeting Frequency Rule"
    _inherit = ["party.shared.rule.mixin", "party.access.mixin"]
    _order = "sequence, id"
    _party_org_field = False  # data of the Party administrators (ACL)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    meeting_type = fields.Selection(MEETING_TYPES, required=True)
    # the organisation types the rule applies to, one flag each (searchable, editable
    # in the list): see _org_types()
    for_committee = fields.Boolean(string="Party Committees")
    for_general_branch = fields.Boolean(string="General Branches")
    for_branch = fields.Boolean(string="Branches")
    for_joint_branch = fields.Boolean(string="Joint Branches")
    for_group = fields.Boolean(string="Party Groups")
    requires_committee = fields.Boolean(
        help="Applies only to organisations that have set up a committee."
    )
    by_secretary = fields.Boolean(
        string="Lectured by the Secretary",
        help="Counts only Party lectures given by the organisation's secretary.",
    )
    period_months = fields.Integer(
        string="Period (months)",
        required=True,
        default=1,
        help="1 monthly, 3 quarterly, 12 yearly. Periods are aligned on the calendar year.",
    )
    rule = fields.Char(help="Citation of the regulation.")

    _sql_constraints = [
        (
            "org_type_check",
            "CHECK(for_committee IS TRUE OR for_general_branch IS TRUE OR for_branch IS TRUE "
            "OR for_joint_branch IS TRUE OR for_group IS TRUE)",
            "A meeting frequency rule applies to at least one organisation type.",
        ),
        (
            "period_check",
            "CHECK(period_months IN (1, 2, 3, 4, 6, 12))",
            "The period must divide the year (1, 2, 3, 4, 6 or 12 months).",
        ),
    ]

    @api.model
    def _demo_load_translations(self):
        """Demo data: load party_life's translations now, before the demo's compliance
        check names the frequencies in its findings (Odoo loads a module's translations
        only after its demo data; the nightly check would fix the names a day later)."""
        langs = [code for code, __ in self.env["res.lang"].get_installed() if code != "en_US"]
        if langs:
            self.env["ir.module.module"]._load_module_terms(["party_life"], langs)

    def _gap_key(self):
        self.ensure_one()
        return f"{self.meeting_type}_secretary" if self.by_secretary else self.meeting_type

    def _org_types(self):
        """The organisation types (party.organization.org_type) the rule applies to."""
        self.ensure_one()
        return frozenset(org_type for org_type in PARENT_TYPES if self[f"for_{org_type}"])
