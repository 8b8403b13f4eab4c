"""The yearly study requirement of Party members, per member category (data, editable).

《2019—2023年全国党员教育培训工作规划》 (中共中央, 2019): 党员每年参加集中培训和集体学习
时间一般不少于32学时 (probationary members are Party members: the same 32). The
requirement is kept in 学时 with the length of one 学时 in hours beside it: no central
rule defines the 学时 of member education; the registers of study time in use count one
hour of study organised by the branch as one 学时, which the data says (1.0), and a Party
administrator changes it where their Party committee rules otherwise.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .party_member import STUDY_HOURS_REQUIRED


class PartyStudyRequirement(models.Model):
    _name = "party.study.requirement"
    _description = "Yearly Study Requirement"
    _inherit = ["party.access.mixin"]
    _order = "member_category, id"
    _party_org_field = False  # data of the Party administrators (ACL)

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    member_category = fields.Selection(
        [("probationary", "Probationary"), ("full", "Full")],
        required=True,
    )
    class_hours = fields.Float(
        string="学时 per Year",
        required=True,
        digits=(6, 2),
        help="Class hours (学时) of study a member of the category completes every year.",
    )
    hours_per_class_hour = fields.Float(
        string="Hours per 学时",
        required=True,
        default=1.0,
        digits=(6, 2),
        help="Length of one 学时 in hours: study time is counted in hours (each completed "
        "content's duration) and compared with class hours × this length.",
    )
    hours = fields.Float(
        string="Hours per Year",
        compute="_compute_hours",
        digits=(6, 2),
        help="Hours of study required per year.",
    )
    source = fields.Char(required=True, help="Citation of the regulation.")

    _sql_constraints = [
        (
            "positive_check",
            "CHECK(class_hours > 0 AND hours_per_class_hour > 0)",
            "A study requirement counts a positive number of class hours of a positive length.",
        ),
    ]

    @api.depends("class_hours", "hours_per_class_hour")
    def _compute_hours(self):
        for requirement in self:
            requirement.hours = requirement.class_hours * requirement.hours_per_class_hour

    @api.model
    def _hours_by_category(self):
        """{member category: hours required per year}; a category without an active
        requirement falls back on the 32 hours of the 规划."""
        hours = dict.fromkeys(("probationary", "full"), float(STUDY_HOURS_REQUIRED))
        for requirement in self.sudo().search_fetch(
            [("active", "=", True)], ["member_category", "class_hours", "hours_per_class_hour"]
        ):
            hours[requirement.member_category] = requirement.hours
        return hours

    # ------------------------------------------------------------------ who changes it

    def _party_check_every_company(self):
        """The requirement is the same for the members of every company: a Party
        administrator changes it only when they administer every company that has Party
        organisations (else an administrator of one company would lower the hours the
        members of another must study, and the findings its officers receive)."""
        if self._party_trusted() or self.env.user.has_group("base.group_system"):
            return
        companies = self.env["res.company"].browse(
            company.id
            for [company] in self.env["party.organization"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([], ["company_id"])
            if company
        )
        others = companies - self.env.user.company_ids
        if others:
            raise AccessError(
                self.env._(
                    "The yearly study requirement applies to the members of every company: "
                    "only an administrator of all of them changes it (not of %(companies)s).",
                    companies=", ".join(others.sudo().mapped("name")),
                )
            )

    def _party_validate_create(self, vals_list):
        self._party_check_every_company()
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        self._party_check_every_company()
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_every_company(self):
        self._party_check_every_company()
