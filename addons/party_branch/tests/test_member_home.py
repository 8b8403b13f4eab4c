"""The member's home (/my/party): party_branch's blocks (unread notices, the member's
organisation and its secretary), with data and empty; a member sees only their own;
a portal user who is no member reads why; on a phone, the member follows the notice
block to read a notice."""

import datetime

from lxml import html

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import appoint_secretary, create_full_members, member_user


class MemberHome:
    """Reading the home as a member does: the blocks by name, their text and links."""

    @classmethod
    def _home_on_party_tree(cls, login_b):
        """On the tree of ``PartyBranchCase``: English, UTC for Member A's portal login
        (``pbt_portal``), and a portal login ``login_b`` for Member B."""
        cls.env["res.lang"]._activate_lang("en_US")
        cls.portal.write({"lang": "en_US", "tz": "UTC"})
        cls.member_b.user_id = member_user(cls.env, login_b, lang="en_US", tz="UTC")

    def _home(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/party")
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.text)

    def _block(self, page, name):
        blocks = page.xpath(
            "//section[contains(concat(' ', normalize-space(@class), ' '), "
            f"' o_party_home_{name} ')]"
        )
        self.assertEqual(len(blocks), 1, f"one {name} block")
        return blocks[0]

    @staticmethod
    def _text(element):
        return " ".join(element.text_content().split())

    @staticmethod
    def _links(element):
        return element.xpath(".//a/@href")

    @staticmethod
    def _empty(block):
        return "o_party_home_empty" in block.get("class").split()


class MemberHomeCase(MemberHome, HttpCase):
    """Two branches of two members each; a member of each branch with a portal login;
    a secretary in branch A, none in branch B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = env["party.organization"]
        cls.branch_a = Org.create({"name": "PMH Branch A", "code": "PMH-A", "org_type": "branch"})
        cls.branch_b = Org.create({"name": "PMH Branch B", "code": "PMH-B", "org_type": "branch"})
        born = datetime.date(1982, 3, 4)
        cls.member_a, cls.secretary_a = create_full_members(
            env, cls.branch_a, [("PMH Member A", born, 41), ("PMH Secretary A", born, 43)]
        )
        (cls.member_b,) = create_full_members(env, cls.branch_b, [("PMH Member B", born, 45)])
        for key, member in (("a", cls.member_a), ("b", cls.member_b)):
            member.user_id = member_user(env, f"pmh_member_{key}", lang="en_US", tz="UTC")
        appoint_secretary(env, cls.branch_a, cls.secretary_a, "2020-01-01")

    @classmethod
    def _notice(cls, org, title, body="<p>Text of the notice.</p>"):
        notice = cls.env["party.notice"].create(
            {"title": title, "body": body, "organization_ids": [(6, 0, org.ids)]}
        )
        notice.action_publish()
        return notice


@tagged("post_install", "-at_install")
class TestMemberHomeBranchBlocks(MemberHomeCase):
    def test_unread_notices_listed_with_their_count_and_links(self):
        first = self._notice(self.branch_a, "PMH Flood roster")
        second = self._notice(self.branch_a, "PMH Study on Friday")
        block = self._block(self._home("pmh_member_a"), "notices")
        self.assertFalse(self._empty(block))
        text = self._text(block)
        self.assertIn("PMH Flood roster", text)
        self.assertIn("PMH Study on Friday", text)
        self.assertEqual(block.xpath(".//span[contains(@class, 'o_party_home_badge')]/text()"),
                         ["2"])  # fmt: skip
        links = self._links(block)
        self.assertIn(f"/my/notices/{first.id}", links)
        self.assertIn(f"/my/notices/{second.id}", links)
        self.assertIn("/my/notices", links)

    def test_notice_read_leaves_the_block(self):
        notice = self._notice(self.branch_a, "PMH Read already")
        self.authenticate("pmh_member_a", "pmh_member_a")
        self.assertEqual(self.url_open(f"/my/notices/{notice.id}").status_code, 200)
        block = self._block(self._home("pmh_member_a"), "notices")
        self.assertTrue(self._empty(block))
        self.assertNotIn("PMH Read already", self._text(block))

    def test_no_unread_notice_says_what_will_appear(self):
        block = self._block(self._home("pmh_member_a"), "notices")
        self.assertTrue(self._empty(block))
        self.assertIn(
            "The notices your organisation sends you will appear here.", self._text(block)
        )
        self.assertIn("/my/notices", self._links(block))

    def test_organisation_and_its_secretary(self):
        block = self._block(self._home("pmh_member_a"), "organization")
        text = self._text(block)
        self.assertIn("PMH Branch A", text)
        self.assertIn("PMH Secretary A", text)
        self.assertIn("/my/party/membership", self._links(block))

    def test_organisation_without_secretary_says_so(self):
        block = self._block(self._home("pmh_member_b"), "organization")
        self.assertIn("PMH Branch B", self._text(block))
        self.assertIn("No secretary in office.", self._text(block))

    def test_membership_page_opened_from_the_home(self):
        self.authenticate("pmh_member_a", "pmh_member_a")
        response = self.url_open("/my/party/membership")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.member_a.id_number, response.text)
        self.assertIn('href="/my/party"', response.text)  # back to the home
        self.assertNotIn("PMH Member B", response.text)


@tagged("post_install", "-at_install")
class TestMemberHomeIsOwn(MemberHomeCase):
    """A member sees only their own data through the home: two members of two
    organisations."""

    def test_member_does_not_see_another_organisations_notice(self):
        self._notice(self.branch_a, "PMH Only for A")
        self._notice(self.branch_b, "PMH Only for B")
        page = html.tostring(self._home("pmh_member_b"), encoding="unicode")
        self.assertIn("PMH Only for B", page)
        self.assertNotIn("PMH Only for A", page)
        self.assertNotIn("PMH Branch A", page)
        self.assertNotIn("PMH Secretary A", page)
        self.assertNotIn("PMH Member A", page)

    def test_request_parameters_do_not_choose_the_member(self):
        """The home takes no member, organisation or user from the request."""
        self._notice(self.branch_a, "PMH Only for A")
        self.authenticate("pmh_member_b", "pmh_member_b")
        response = self.url_open(
            f"/my/party?member_id={self.member_a.id}&uid={self.member_a.user_id.id}"
            f"&organization_id={self.branch_a.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("PMH Only for A", response.text)
        self.assertNotIn("PMH Branch A", response.text)
        self.assertIn("PMH Branch B", response.text)

    def test_portal_user_who_is_no_member_gets_a_clear_page(self):
        new_test_user(self.env, login="pmh_customer", groups="base.group_portal", lang="en_US")
        page = self._home("pmh_customer")
        self.assertEqual(len(page.xpath("//*[contains(@class, 'o_party_home_not_member')]")), 1)
        self.assertIn("This page is for Party members", self._text(page))
        self.assertFalse(page.xpath("//section[contains(@class, 'o_party_home_block')]"))

    def test_party_member_group_without_membership_gets_a_clear_page(self):
        member_user(self.env, "pmh_unlinked", lang="en_US")
        page = self._home("pmh_unlinked")
        self.assertIn("is not linked to a member in the Party register", self._text(page))
        self.assertFalse(page.xpath("//section[contains(@class, 'o_party_home_block')]"))

    def test_membership_page_of_no_member_goes_to_the_home(self):
        new_test_user(self.env, login="pmh_customer2", groups="base.group_portal")
        self.authenticate("pmh_customer2", "pmh_customer2")
        response = self.url_open("/my/party/membership", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/party"))


@tagged("post_install", "-at_install")
class TestMemberHomePhoneTour(MemberHomeCase):
    """On a phone (390x844, touch): the member opens the home and follows the notice
    block to read a notice."""

    browser_size = "390x844"
    touch_enabled = True

    def test_member_opens_the_home_and_reads_a_notice_on_a_phone(self):
        notice = self._notice(self.branch_a, "PMH Phone notice", "<p>Bring your card.</p>")
        self.start_tour("/my/party", "party_branch_phone_member_home_tour", login="pmh_member_a")
        self.assertTrue(notice.receipt_ids.filtered(lambda r: r.member_id == self.member_a)
                        .first_opened)  # fmt: skip


# the blocks each addon adds to the home
ADDON_BLOCKS = {
    "party_branch": {"notices", "organization", "points"},
    "party_life": {"meeting", "dues", "appraisal", "study", "thought_report"},
    "party_systems": {"votes"},
    "party_service": {"tasks", "score"},
}


@tagged("post_install", "-at_install")
class TestMemberHomeDemo(MemberHome, HttpCase):
    """The demo member's home shows a block of every installed addon, each with the
    demo's data."""

    def test_demo_member_home_shows_every_block_with_data(self):
        user = self.env.ref("party_branch.user_demo_member", raise_if_not_found=False)
        if not user:
            self.fail("the demo member is installed with the suite's demo data")
        installed = self.env["ir.module.module"].search(
            [("name", "in", list(ADDON_BLOCKS)), ("state", "=", "installed")]
        )
        expected = set().union(*(ADDON_BLOCKS[name] for name in installed.mapped("name")))
        user.write({"lang": "en_US"})
        page = self._home(user.login)
        names = {
            cls[len("o_party_home_") :]
            for section in page.xpath("//section[contains(@class, 'o_party_home_block')]")
            for cls in section.get("class").split()
            if cls.startswith("o_party_home_") and cls not in ("o_party_home_block",
                                                               "o_party_home_empty")
        }  # fmt: skip
        self.assertEqual(names, expected)
        empty = {name for name in names if self._empty(self._block(page, name))}
        if "meeting" in empty:
            # the demo's next meeting is a week after the demo was loaded: empty only
            # once it has passed
            upcoming = self.env["party.meeting"].search_count(
                [
                    ("attendance_ids.member_id.user_id", "=", user.id),
                    ("state", "!=", "cancelled"),
                    ("stop", ">=", fields.Datetime.now()),
                ]
            )
            self.assertFalse(upcoming)
            empty.discard("meeting")
        if "points" in empty and not self.env["party.point"]._party_point_sources():
            # party_branch alone: points come from the facts of the other addons
            # (meetings, dues, service...), none of which is installed
            empty.discard("points")
        self.assertFalse(empty, f"empty blocks on the demo member's home: {empty}")
