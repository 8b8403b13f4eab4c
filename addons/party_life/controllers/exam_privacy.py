"""Party exam results on eLearning's profile pages (website_slides, website_slides_survey).

website_slides_survey lists a user's certification attempts on their profile
(``/profile/user/<id>``, to the user and to every survey manager) and their passed
certifications (the profile and the list of users), and website_slides the courses they
follow and have completed (a Party course is completed when its exam is passed), all
searched as superuser. The attempts at a Party exam and the enrolments in a Party course
are part of the member's learning record: they are left out of those pages for every
visitor the record rules on ``survey.user_input`` and ``slide.channel.partner`` do not
let read them (party_life: ``security/party_exam_security.xml``)."""

from odoo.http import request

from odoo.addons.website_slides.controllers.main import WebsiteSlides
from odoo.addons.website_slides_survey.controllers.slides import WebsiteSlidesSurvey
from odoo.addons.website_slides_survey.controllers.website_profile import (
    WebsiteSlidesSurvey as WebsiteProfileSurvey,
)


def _party_visible(records, party_flag):
    """``records`` (attempts or enrolments, read as superuser) less those of Party exams
    or courses (``party_flag``) the visitor may not read: one filter by the visitor's
    record rules, whatever the number."""
    party = records.sudo().filtered(party_flag)
    if not party:
        return records
    user = request.env.user
    mine = party.filtered(lambda record: record.partner_id == user.partner_id)
    others = party - mine
    readable = records.browse()
    if others and not user.share:
        rule = request.env["ir.rule"].with_user(user)._compute_domain(records._name, "read")
        readable = others.sudo().filtered_domain(rule or [])
    return records - (others - readable)


def _party_visible_attempts(attempts):
    """``attempts`` less the attempts at Party exams the visitor may not read."""
    return _party_visible(attempts, "survey_id.is_party_exam")


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


class PartyCourseProfile(WebsiteSlides):
    def _prepare_user_slides_profile(self, user):
        values = super()._prepare_user_slides_profile(user)
        for key in ("courses_completed", "courses_ongoing"):
            if values.get(key):
                values[key] = _party_visible(values[key], "channel_id.is_party_course")
        return values
