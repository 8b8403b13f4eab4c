"""The demo's Party users hold the rights their work needs, not the managers' groups
the apps installed after them spread to every employee (issue 21, item 10)."""

from odoo.tests import HttpCase, TransactionCase, tagged

# groups no demo Party user gets from an app installed after the user was made
NOT_FOR_PARTY_USERS = (
    "website_slides.group_website_slides_manager",  # creates and deletes every course
    "website.group_website_designer",  # edits every page of the site
)


@tagged("post_install", "-at_install")
class TestDemoRights(TransactionCase):
    def _demo_user(self, name):
        user = self.env.ref(f"party_branch.user_demo_{name}", raise_if_not_found=False)
        if not user:
            self.fail("the demo users are installed with the suite's demo data")
        return user

    def test_no_demo_party_user_manages_elearning_or_the_website(self):
        for name in ("secretary", "party_admin", "auditor"):
            user = self._demo_user(name)
            for xmlid in NOT_FOR_PARTY_USERS:
                with self.subTest(user=user.login, group=xmlid):
                    self.assertFalse(user.has_group(xmlid))

    def test_the_auditor_reads_and_edits_no_course(self):
        auditor = self._demo_user("auditor")
        self.assertFalse(auditor.has_group("website_slides.group_website_slides_officer"))
        self.assertFalse(auditor.has_group("website.group_website_restricted_editor"))

    def test_the_secretary_publishes_party_courses(self):
        secretary = self._demo_user("secretary")
        self.assertTrue(secretary.has_group("website_slides.group_website_slides_officer"))


@tagged("post_install", "-at_install")
class TestDemoLeavesWork(TransactionCase):
    def test_the_demo_secretary_has_dues_left_to_collect(self):
        """The demo's secretary finds this month's dues of her branch to collect
        (issue 21, item 11: nothing was left)."""
        secretary = self.env.ref("party_branch.user_demo_secretary", raise_if_not_found=False)
        if not secretary:
            self.fail("the demo users are installed with the suite's demo data")
        branch = self.env.ref("party_branch.org_branch_production")
        due = self.env["party.dues"].search_count(
            [("organization_id", "=", branch.id), ("state", "=", "due"), ("amount", ">", 0)]
        )
        self.assertGreater(due, 0)


@tagged("post_install", "-at_install")
class TestDemoWebsite(HttpCase):
    def test_the_homepage_is_the_partys(self):
        """The demo's homepage leads to the Party's pages, not an empty Odoo page
        (issue 21, item 9)."""
        if not self.env.ref("party_life.demo_party_homepage", raise_if_not_found=False):
            self.fail("the suite's demo data is installed")
        page = self.url_open("/").text
        for href in ('href="/slides"', 'href="/my/party"'):
            self.assertIn(href, page)

    def test_elearnings_own_demo_courses_are_archived(self):
        courses = self.env["slide.channel"].search([("website_published", "=", True)])
        names = " ".join(courses.mapped("name"))
        self.assertIn("党员微课堂", names)
        self.assertFalse(
            self.env.ref("website_slides.slide_channel_demo_0_gard_0").active,
            "eLearning's gardening course is not the Party's",
        )
