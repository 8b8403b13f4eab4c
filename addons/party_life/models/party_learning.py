"""Member learning (党员学习): micro-courses, key work points, online consultation.

- Party courses (微课堂) are ``slide.channel`` records flagged ``is_party_course``.
- Study hours of a member in a year are the ``completion_time`` (hours) of the
  slides of Party courses the member's partner completed that year.
- Key work points (工作重难点) are published per organisation.
- Online consultation is a discuss group per organisation, created on demand.
"""

from datetime import date

from odoo import Command, api, fields, models

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    is_party_course = fields.Boolean(
        string="Party Course", index=True, help="A micro-course (微课堂) of Party member learning."
    )
    party_organization_ids = fields.Many2many(
        "party.organization",
        "slide_channel_party_organization_rel",
        "channel_id",
        "organization_id",
        string="Party Organisations",
        help="Organisations whose members the course is meant for (empty: all).",
    )


class SlideSlidePartner(models.Model):
    _inherit = "slide.slide.partner"

    _party_rpc_methods = {
        "create": "website_slides ACL and rules (course officers); completed_date follows completed",
        "write": "website_slides ACL and rules (course officers); completed_date follows completed",
    }

    completed_date = fields.Date(
        string="Completed On", index=True, help="Day the content was completed (study hours)."
    )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("completed") and not vals.get("completed_date"):
                vals["completed_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if "completed" in vals and "completed_date" not in vals:
            if vals["completed"]:
                todo = self.filtered(lambda row: not row.completed)
                res = super().write(vals)
                todo.write({"completed_date": fields.Date.context_today(self)})
                return res
            vals = dict(vals, completed_date=False)
        return super().write(vals)


class PartyWorkPoint(models.Model):
    _name = "party.work.point"
    _description = "Key Work Point"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"

    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_publish": "_party_check_manage: officer of the work point's organisation",
        "action_draft": "_party_check_manage: officer of the work point's organisation",
    }

    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
    )

    def action_publish(self):
        self._party_check_manage()
        self._party_action_write({"state": "published"})
        return True

    def action_draft(self):
        self._party_check_manage()
        self._party_action_write({"state": "draft"})
        return True


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    # set by action_open_consultation only: the sudo code adds the caller to this channel
    _party_workflow_fields = ("consultation_channel_id",)
    _party_rpc_methods = {
        "action_open_consultation": "a member of the organisation (or of its Party group), or "
        "_party_check_manage: officer of the organisation",
    }

    consultation_channel_id = fields.Many2one("discuss.channel", copy=False, readonly=True)
    work_point_ids = fields.One2many(
        "party.work.point", "organization_id", string="Key Work Points"
    )

    def action_open_consultation(self):
        """Open the online consultation of the organisation, creating it on first use.

        The channel is a private discuss group of the members (with a login) of the
        organisation and of the user who opens it.
        """
        self.ensure_one()
        self.check_access("read")
        if not self.env.su:
            own = self.env.user.sudo().party_member_ids.filtered(
                lambda m: m.status in IN_ORG_STATUSES
            )
            if self not in (own.organization_id | own.group_id):
                self._party_check_manage()
        org = self.sudo()
        channel = org.consultation_channel_id
        if not channel:
            members = self.env["party.member"].sudo().search([("organization_id", "=", org.id)])
            partners = members.filtered("user_id").partner_id | self.env.user.partner_id
            channel = (
                self.env["discuss.channel"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Consultation: %s", org.name),
                        "channel_type": "group",
                        "channel_member_ids": [
                            Command.create({"partner_id": partner.id}) for partner in partners
                        ],
                    }
                )
            )
            org.consultation_channel_id = channel
        elif self.env.user.partner_id not in channel.channel_member_ids.partner_id:
            channel.sudo()._add_members(partners=self.env.user.partner_id)
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "context": {"active_id": f"discuss.channel_{channel.id}"},
        }


class PartyMember(models.Model):
    _inherit = "party.member"  # pylint: disable=consider-merging-classes-inherited

    study_hours_year = fields.Float(
        string="Study Hours (this year)",
        compute="_compute_study_hours_year",
        digits=(10, 2),
        help="Hours of Party course content completed this calendar year.",
    )

    def _compute_study_hours_year(self):
        hours = self._study_hours(fields.Date.context_today(self).year)
        for member in self:
            member.study_hours_year = hours.get(member.id, 0.0)

    def _study_hours(self, year):
        """Study hours of ``self`` in ``year``: ``{member_id: hours}``.

        Sum of ``slide.slide.completion_time`` (hours) of the slides of Party courses
        the member's partner completed during the year; one grouped query.
        """
        members = self.filtered("id")
        if not members:
            return {}
        partner_members = {}
        for member in members.sudo():
            partner_members.setdefault(member.partner_id.id, []).append(member.id)
        groups = (
            self.env["slide.slide.partner"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", list(partner_members)),
                    ("completed", "=", True),
                    ("channel_id.is_party_course", "=", True),
                    ("completed_date", ">=", date(year, 1, 1)),
                    ("completed_date", "<=", date(year, 12, 31)),
                ],
                ["partner_id", "slide_id"],
                ["__count"],
            )
        )
        result = dict.fromkeys(members.ids, 0.0)
        for partner, slide, _count in groups:
            for member_id in partner_members.get(partner.id, []):
                result[member_id] += slide.completion_time
        return result
