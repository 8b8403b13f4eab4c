"""Enrolments in Party courses: the member's organisation, to list and filter who has
not passed a course's exam (website_slides_survey's ``survey_certification_success``)
per course and organisation."""

from odoo import fields, models

from odoo.addons.hr_skills_slides.models.slide_channel import (
    SlideChannelPartner as HrSkillsSlideChannelPartner,
)
from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES


class SlideChannelPartner(models.Model):
    _inherit = "slide.channel.partner"

    is_party_course = fields.Boolean(related="channel_id.is_party_course")

    # hr_skills_slides (installed with hr and website_slides) writes a completed course
    # on the employee's résumé, which every employee reads, and posts it on the
    # employee's chatter: for a Party course that says who passed its exam. Party
    # courses skip that layer (super() from below it); the others keep it.
    def _recompute_completion(self):
        party = self.filtered("channel_id.is_party_course")
        res = super(SlideChannelPartner, self - party)._recompute_completion()
        if party:
            # the layer below hr_skills_slides', on purpose
            super(HrSkillsSlideChannelPartner, party)._recompute_completion()  # pylint: disable=bad-super-call
        return res

    def _send_completed_mail(self):
        party = self.filtered("channel_id.is_party_course")
        res = super(SlideChannelPartner, self - party)._send_completed_mail()
        if party:
            super(HrSkillsSlideChannelPartner, party)._send_completed_mail()  # pylint: disable=bad-super-call
        return res

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        compute="_compute_party_organization_id",
        search="_search_party_organization_id",
        help="The organisation that keeps the enrolled member's Party relationship.",
    )

    def _compute_party_organization_id(self):
        members = (
            self.env["party.member"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("status", "in", IN_ORG_STATUSES),
                ],
                ["partner_id", "organization_id"],
            )
        )
        orgs = {member.partner_id.id: member.organization_id for member in members}
        for row in self:
            row.party_organization_id = orgs.get(row.partner_id.id, False)

    def _search_party_organization_id(self, operator, value):
        """Enrolments of the members (read as the caller) of the organisations given."""
        members = self.env["party.member"].search(
            [("organization_id", operator, value), ("status", "in", IN_ORG_STATUSES)]
        )
        return [("partner_id", "in", members.partner_id.ids)]
