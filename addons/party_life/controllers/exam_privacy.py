"""Party exam results on eLearning's profile pages (website_slides_survey).

website_slides_survey lists a user's certification attempts on their profile
(``/profile/user/<id>``, to the user and to every survey manager) and their passed
certifications (the profile and the list of users), searched as superuser. The attempts
at a Party exam are part of the member's learning record: they are left out of those
pages for every visitor the record rules on ``survey.user_input`` do not let read them
(party_life: ``security/party_exam_security.xml``)."""

from odoo.http import request

from odoo.addons.website_slides_survey.controllers.slides import WebsiteSlidesSurvey
from odoo.addons.website_slides_survey.controllers.website_profile import (
    WebsiteSlidesSurvey as WebsiteProfileSurvey,
)


def _party_visible_attempts(attempts):
    """``attempts`` (read as superuser) less the attempts at Party exams the visitor may
    not read: one search as the visitor's record rules, whatever the number."""
    party = attempts.sudo().filtered("survey_id.is_party_exam")
    if not party:
        return attempts
    user = request.env.user
    mine = party.filtered(lambda attempt: attempt.partner_id == user.partner_id)
    others = party - mine
    readable = attempts.browse()
    if others and not user.share:
        rule = request.env["ir.rule"].with_user(user)._compute_domain("survey.user_input", "read")
        readable = others.sudo().filtered_domain(rule or [])
    return attempts - (others - readable)


class PartyExamProfile(WebsiteProfileSurvey):
    def _prepare_user_profile_values(self, user, **kwargs):
        values = super()._prepare_user_profile_values(user, **kwargs)
        if values.get("user_inputs"):
            values["user_inputs"] = _party_visible_attempts(values["user_inputs"])
        return values


class PartyExamSlides(WebsiteSlidesSurvey):
    def _get_users_certificates(self, users):
        certificates = super()._get_users_certificates(users)
        attempts = (
            request.env["survey.user_input"]
            .sudo()
            .browse({attempt.id for listed in certificates.values() for attempt in listed})
        )
        visible = set(_party_visible_attempts(attempts).ids)
        return {
            user_id: [attempt for attempt in listed if attempt.id in visible]
            for user_id, listed in certificates.items()
        }
