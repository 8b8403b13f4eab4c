"""The applicant's own path on the portal, through HTTP as a phone's browser would: an
applicant (a contact with a portal login and a development record, no member yet) reads
their stage, next step and its date on /my/party and /my/party/application; anybody
else gets nothing of it, and nobody reads the political review there. And the phone
tour (390x844) of an activist reading her stage."""

from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase, member_user

from .test_development import PartyDevelopmentCase


def _portal_activist(case, login, **vals):
    """A portal user ``login`` whose application to Branch A (10 January 2023) made them
    an activist on 1 March 2023, after the talk and the recommendation: the user and
    the development."""
    user = new_test_user(case.env, login=login, groups="base.group_portal", lang="en_US")
    dev = case.Dev.create(
        {
            "partner_id": user.partner_id.id,
            "organization_id": case.branch_a.id,
            "birthdate": date(2000, 1, 1),
            "application_date": date(2023, 1, 10),
            "talk_date": date(2023, 1, 20),
            "activist_date": date(2023, 3, 1),
            "recommendation_date": date(2023, 1, 25),
            **vals,
        }
    )
    dev.action_to_activist()
    return user, dev


@tagged("post_install", "-at_install")
class TestDevelopmentPortal(HttpCase, PartyDevelopmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.applicant_user, cls.dev = _portal_activist(
            cls, "pdp_applicant", recommendation_method="members"
        )
        cls.stranger = new_test_user(
            cls.env, login="pdp_stranger", groups="base.group_portal", lang="en_US"
        )
        cls.dev.write(
            {
                "contact_member_ids": [Command.set(cls.introducers.ids)],
                "contact_date": date(2023, 3, 1),
                "target_date": date(2024, 3, 2),
            }
        )
        cls.dev.action_to_target()
        cls.dev.write(
            {
                "political_review_done": True,
                "political_review_date": date(2024, 5, 1),
                "political_review_by": "PDP confidential reviewer",
            }
        )

    def _page(self, url, user):
        self.authenticate(user.login, user.login)
        return self.url_open(url)

    def _page_ok(self, url, user):
        """The page ``url`` as ``user`` sees it, answered with 200."""
        response = self._page(url, user)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_applicant_reads_the_stage_and_next_step(self):
        page = self._page_ok("/my/party/application", self.applicant_user)
        self.assertIn("Development Target", page)
        self.assertIn("Concentrated training", page)
        self.assertIn("Selected as development target", page)
        self.assertIn("Secretary A", page)

    def test_applicant_page_never_shows_the_political_review(self):
        page = self._page_ok("/my/party/application", self.applicant_user)
        self.assertNotIn("PDP confidential reviewer", page)
        self.assertNotIn("Political review", page)

    def test_applicant_home_shows_the_path(self):
        page = self._page_ok("/my/party", self.applicant_user)
        self.assertIn("o_party_home_development", page)
        self.assertIn("Concentrated training", page)

    def test_other_user_gets_no_application_page(self):
        response = self._page("/my/party/application", self.stranger)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Concentrated training", response.text)

    def test_other_user_home_shows_no_path(self):
        page = self._page_ok("/my/party", self.stranger)
        self.assertNotIn("o_party_home_development", page)
        self.assertIn("This page is for Party members", page)

    def test_request_parameters_do_not_open_another_application(self):
        response = self._page(f"/my/party/application?id={self.dev.id}", self.stranger)
        self.assertEqual(response.status_code, 404)

    def test_member_home_shows_the_probation_step(self):
        dev = self._probationary()
        user = member_user(self.env, "pdp_probationary", lang="en_US")  # fmt: skip
        dev.member_id.user_id = user
        page = self._page_ok("/my/party", user)
        self.assertIn("o_party_home_development", page)
        self.assertIn("Oath facing the Party flag", page)


@tagged("post_install", "-at_install")
class TestDevelopmentPhone(PartyPhoneTourCase, PartyDevelopmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        __, dev = _portal_activist(cls, "pdp_phone_applicant")
        dev.write({"contact_member_ids": [Command.set(cls.introducers.ids)]})

    def test_applicant_sees_her_stage_on_a_phone(self):
        self.start_tour(
            "/my/party", "party_life_phone_applicant_path_tour", login="pdp_phone_applicant"
        )
