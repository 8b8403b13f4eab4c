"""The yearly study requirement of Party members, per member category and per position
held (data, editable).

《2019—2023年全国党员教育培训工作规划》 (中共中央, 2019): 实行学时制，党员每年参加集中培训和
集体学习时间一般不少于32学时，基层党组织书记和班子成员每年参加集中培训和集体学习时间不少于
56学时 (probationary members are Party members: the same 32). A requirement applies either
to the members of a category or to the holders of positions (the secretaries, deputy
secretaries and committee members of an organisation: the position types of its
``position_type_ids``) during the year, for any part of it; a member to whom several apply
studies the highest of them. The
requirement is kept in 学时 with the length of one 学时 in hours beside it: no central
rule defines the 学时 of member education; the registers of study time in use count one
hour of study organised by the branch as one 学时, which the data says (1.0), and a Party
administrator changes it where their Party committee rules otherwise.
"""

from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_member import STUDY_HOURS_REQUIRED


class PartyStudyRequirement(models.Model):
    _name = "party.study.requirement"
    _description = "Yearly Study Requirement"
    # the same for the members of every company (party.shared.rule.mixin): changed only
    # by an administrator of every company that has Party organisations
    _inherit = ["party.shared.rule.mixin", "party.access.mixin"]
    _order = "basis, member_category, id"
    _party_org_field = False  # data of the Party administrators (ACL)

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    basis = fields.Selection(
        [("category", "Member Category"), ("position", "Position Held")],
        string="Applies To",
        required=True,
        default="category",
        help="Member Category: every member of the category. Position Held: the members "
        "holding a position of the types listed at any time in the year.",
    )
    member_category = fields.Selection(
        [("probationary", "Probationary"), ("full", "Full")],
    )
    position_type_ids = fields.Many2many(
        "party.position.type",
        "party_study_requirement_position_type_rel",
        "requirement_id",
        "position_type_id",
        string="Positions",
        help="The positions whose holders study at least these hours (secretaries and "
        "committee members: 基层党组织书记和班子成员).",
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

    @api.constrains("basis", "member_category", "position_type_ids")
    def _check_basis(self):
        for requirement in self:
            if requirement.basis == "category" and not requirement.member_category:
                raise ValidationError(
                    self.env._("A study requirement for a member category names the category.")
                )
            if requirement.basis == "position" and not requirement.position_type_ids:
                raise ValidationError(
                    self.env._("A study requirement for positions held names the positions.")
                )

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
            [("active", "=", True), ("basis", "=", "category")],
            ["member_category", "class_hours", "hours_per_class_hour"],
        ):
            hours[requirement.member_category] = requirement.hours
        return hours

    @api.model
    def _hours_by_position_type(self):
        """{position type id: hours required per year of its holders}: the highest of the
        active requirements by position naming it."""
        type_hours = {}
        for requirement in self.sudo().search_fetch(
            [("active", "=", True), ("basis", "=", "position")],
            ["position_type_ids", "class_hours", "hours_per_class_hour"],
        ):
            for position_type in requirement.position_type_ids:
                type_hours[position_type.id] = max(
                    type_hours.get(position_type.id, 0.0), requirement.hours
                )
        return type_hours

    @api.model
    def _hours_required(self, members, year):
        """{member id: hours required in ``year``} of ``members``: the requirement of their
        category, or the highest requirement of the positions they held in any part of
        the year where it is higher. Two queries (the requirements, the positions)
        whatever the number of members."""
        by_category = self._hours_by_category()
        hours = {
            member.id: by_category.get(member.member_category, 0.0)
            for member in members
            if member.id
        }
        type_hours = self._hours_by_position_type()
        if not type_hours or not hours:
            return hours
        positions = (
            self.env["party.position"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("member_id", "in", list(hours)),
                    ("position_type_id", "in", list(type_hours)),
                    ("date_start", "<=", date(year, 12, 31)),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date(year, 1, 1)),
                ],
                ["member_id", "position_type_id"],
            )
        )
        for member, position_type in positions:
            hours[member.id] = max(hours[member.id], type_hours[position_type.id])
        return hours
