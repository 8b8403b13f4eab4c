from odoo import fields, models


class PartyPositionType(models.Model):
    """A position in a Party organisation (书记, 副书记, 组织委员 …).

    Which positions an organisation must fill is data: ``requirement`` and
    the organisation types the position applies to.
    """

    _name = "party.position.type"
    _description = "Party Position Type"
    _inherit = ["party.shared.rule.mixin", "party.access.mixin"]
    _party_org_field = False  # rules of the Party administrators (ACL)
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    single_holder = fields.Boolean(
        default=True, help="Only one member can hold this position in an organisation at a time."
    )
    is_committee_member = fields.Boolean(
        string="Committee Member", help="The holder sits on the organisation's committee."
    )
    requirement = fields.Selection(
        [
            ("none", "Optional"),
            ("always", "Always required"),
            ("committee", "Required where a committee is set up"),
        ],
        default="none",
        required=True,
    )
    for_committee = fields.Boolean(string="Party Committees")
    for_general_branch = fields.Boolean(string="General Branches")
    for_branch = fields.Boolean(string="Branches")
    for_joint_branch = fields.Boolean(string="Joint Branches")
    for_group = fields.Boolean(string="Party Groups")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a position type must be unique."),
    ]

    def _is_required_in(self, org):
        self.ensure_one()
        if not self[f"for_{org.org_type}"]:
            return False
        if self.requirement == "always":
            return True
        return self.requirement == "committee" and org.has_committee
