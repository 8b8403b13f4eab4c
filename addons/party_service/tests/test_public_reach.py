"""Issue 21, items 1 and 2, through the public form as a visitor: every request reaches
a person of the Party (one who can read it has an activity on it), a request no
routing rule sends anywhere goes to the company's Party office with a finding, and the
form offers the Party's categories only (not helpdesk's Software, Wifi...)."""

import re

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

SYSTEM = "base.group_system"


@tagged("post_install", "-at_install")
class TestPublicRequestsReachSomeone(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.company = env.company
        # the Party office of the website's company: a Party administrator who is not a
        # system administrator, named in the company's setting
        cls.office = new_test_user(
            env, login="psr_office", groups="base.group_user,party_branch.group_party_admin"
        )
        cls.company.party_office_user_ids = cls.office
        cls.org = env["party.organization"].create(
            {"name": "PSR Branch", "code": "PSR-B1", "org_type": "branch"}
        )
        cls.category = env["helpdesk.ticket.category"].create(
            {"name": "PSR Routed", "party_category": True}
        )
        env["party.service.route"].create(
            {"sequence": 0, "category_id": cls.category.id, "organization_id": cls.org.id}
        )
        # helpdesk's own categories (its demo's Software, Wifi...) are not the Party's
        cls.it_category = env["helpdesk.ticket.category"].create(
            {"name": "PSR Laptops", "show_in_portal": True}
        )

    def _form(self):
        return html.fromstring(self.url_open("/service/request").text)

    def _options(self):
        """{value: label} of the form's categories ("" is "Other")."""
        return {
            option.get("value"): option.text_content().strip()
            for option in self._form().xpath("//select[@name='category_id']/option")
        }

    def _submit(self, category, title, **extra):
        token = self._form().xpath("string(//input[@name='csrf_token']/@value)")
        return self.url_open(
            "/service/request/submit",
            data={
                "csrf_token": token,
                "category_id": category,
                "name": title,
                "description": "Please help",
                "partner_name": "Mrs Chen",
                "party_phone": "+86 139 0000 3333",
                **extra,
            },
        )

    def _ticket(self, title):
        return self.env["helpdesk.ticket"].search([("name", "=", title)])

    def _party_readers_with_activity(self, ticket):
        """The Party users (not system administrators) with an activity on ``ticket``
        who can read it."""
        users = ticket.activity_ids.user_id.filtered(
            lambda u: not u.has_group(SYSTEM)
            and (u.has_group("party_branch.group_party_officer")
                 or u.has_group("party_branch.group_party_admin"))
        )  # fmt: skip
        return users.filtered(
            lambda u: (
                self.env["helpdesk.ticket"].with_user(u).search_count([("id", "=", ticket.id)])
            )
        )

    def test_public_request_in_every_category_reaches_a_party_user(self):
        options = self._options()
        self.assertIn("", options, "the form offers no category: Other")
        for value, label in options.items():
            with self.subTest(category=label):
                title = f"PSR request in {label}"
                response = self._submit(value, title)
                self.assertEqual(response.status_code, 200)
                ticket = self._ticket(title)
                self.assertEqual(len(ticket), 1)
                self.assertTrue(
                    self._party_readers_with_activity(ticket),
                    f"nobody of the Party is told of a request in {label}",
                )

    def test_unrouted_request_goes_to_the_party_office_with_a_finding(self):
        response = self._submit("", "PSR unrouted")
        # the requester still reads the acknowledgement
        self.assertIn("Your request has been received", response.text)
        ticket = self._ticket("PSR unrouted")
        self.assertTrue(ticket.party_organization_id, "the request is in no organisation")
        self.assertTrue(ticket.party_unrouted)
        self.assertEqual(ticket.party_organization_id.company_id, self.company)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.office)
        self.assertEqual(activity.summary, "Route this request")
        self.assertEqual(
            self.env["helpdesk.ticket"].with_user(self.office).search([("id", "=", ticket.id)]),
            ticket,
        )
        finding = self.env["party.finding"].search(
            [("code", "=", "service_request_unrouted"), ("state", "=", "open"),
             ("organization_id", "=", ticket.party_organization_id.id)]
        )  # fmt: skip
        self.assertEqual(len(finding), 1)
        self.assertIn(ticket.number, finding.message)

    def test_routing_an_unrouted_request_closes_its_activity_and_finding(self):
        self._submit("", "PSR to route")
        ticket = self._ticket("PSR to route")
        fallback = ticket.party_organization_id
        # the Party office routes it by hand to the organisation of its area
        ticket.with_user(self.office).write({"party_organization_id": self.org.id})
        self.assertFalse(ticket.party_unrouted)
        route_type = self.env.ref("party_service.mail_activity_type_service_route")
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.activity_type_id == route_type),
            "the activity to route the request stays after routing",
        )
        findings = self.env["party.finding"].search(
            [("code", "=", "service_request_unrouted"), ("state", "=", "open"),
             ("organization_id", "=", fallback.id)]
        )  # fmt: skip
        self.assertNotIn(ticket.number, " ".join(findings.mapped("message")))
        # the organisation it now belongs to is told
        self.assertTrue(self._party_readers_with_activity(ticket))

    def test_form_offers_the_party_categories_only(self):
        options = self._options()
        party = self.env["helpdesk.ticket.category"].search(
            [("party_category", "=", True), ("show_in_portal", "=", True)]
        )
        self.assertEqual(set(options) - {""}, {str(i) for i in party.ids})
        self.assertIn(str(self.category.id), options)
        self.assertNotIn(str(self.it_category.id), options)
        for name in ("Software", "Wifi", "Odoo", "Hardware", "Laptops"):
            self.assertNotIn(name, options.values())
        # a category the form does not offer is not taken from a crafted post either
        self._submit(str(self.it_category.id), "PSR crafted")
        self.assertFalse(self._ticket("PSR crafted").category_id)

    def test_party_categories_of_the_suite_are_offered(self):
        options = self._options()
        for xmlid in ("helpdesk_category_living", "helpdesk_category_environment",
                      "helpdesk_category_policy"):  # fmt: skip
            category = self.env.ref(f"party_service.{xmlid}")
            self.assertIn(str(category.id), options)
        self.assertTrue(re.search(r"\S", options[""]))
