from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    party_member_ids = fields.One2many(
        "party.member", "employee_id", string="Party Memberships", groups="hr.group_hr_user"
    )
