"""The member's study page (``/my/party/study``): the hours counted this year against
the requirement of their category, every content that counted (each once, with its
hours), their required courses with their progress, and their exam results.

Read with ``sudo()`` on domains built from the caller's own membership
(``PartyPortal._party_home_member``), never from anything the request sent."""

from odoo import fields, http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal


class PartyStudyPortal(PartyPortal):
    @http.route(["/my/party/study"], type="http", auth="user", website=True)
    def portal_my_study(self, **kw):
        member = self._party_home_member()
        if not member:
            return request.redirect("/my/party")
        member = member.sudo()
        partner = member.partner_id
        year = fields.Date.context_today(member).year
        done = (
            request.env["slide.slide.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("completed", "=", True),
                    ("channel_id.is_party_course", "=", True),
                    ("completed_date", ">=", f"{year}-01-01"),
                    ("completed_date", "<=", f"{year}-12-31"),
                ],
                order="completed_date desc, id desc",
            )
        )
        courses = (
            request.env["slide.channel.partner"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("channel_id.is_party_course", "=", True)],
                order="id desc",
            )
        )
        exams = (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("survey_id.certification", "=", True),
                    ("test_entry", "=", False),
                    ("state", "=", "done"),
                ],
                order="create_date desc, id desc",
                limit=50,
            )
        )
        hours = member.study_hours_year
        required = member.study_hours_required
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_study",
                "year": year,
                "hours": hours,
                "required": required,
                "shortfall": member.study_shortfall,
                "done": done,
                "courses": courses,
                "exams": exams,
            }
        )
        return request.render("party_life.portal_my_study", values)
