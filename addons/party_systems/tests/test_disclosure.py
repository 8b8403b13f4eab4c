import datetime
from datetime import timedelta

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import activate_chinese, create_branch, member_user

from .common import PartySystemsCase


def _disclosure(case, org, name, scope="public", publish=None, **vals):
    return case.env["party.disclosure"].create(
        {
            "name": name,
            "organization_id": org.id,
            "scope": scope,
            "publish_date": publish or case.today,
            **vals,
        }
    )


def _approve(disclosure):
    disclosure.sudo()._party_action_write({"state": "approved"})
    return disclosure


@tagged("post_install", "-at_install")
class TestDisclosure(PartySystemsCase):
    def test_superior_approves(self):
        disclosure = _disclosure(self, self.branch_a, "Dues 2026")
        disclosure.with_user(self.officer_a).action_submit()
        with self.assertRaises(AccessError):
            disclosure.with_user(self.officer_a).action_approve()
        self.assertEqual(disclosure.state, "to_approve")
        disclosure.with_user(self.officer_c).action_approve()
        self.assertEqual(disclosure.state, "approved")
        self.assertEqual(disclosure.approved_by_id, self.officer_c)
        self.assertTrue(disclosure.is_published)

    def test_withdrawn_before_it_is_published_is_refused(self):
        draft = _disclosure(self, self.branch_a, "Draft")
        with self.assertRaisesRegex(UserError, "is not published"):
            draft.with_user(self.officer_a).action_withdraw()
        future = _approve(
            _disclosure(self, self.branch_a, "Later", publish=self.today + timedelta(1))
        )
        with self.assertRaisesRegex(UserError, "is not published"):
            future.with_user(self.officer_a).action_withdraw()
        self.assertEqual((draft.state, future.state), ("draft", "approved"))

    def test_withdrawn_after_it_is_published(self):
        disclosure = _approve(_disclosure(self, self.branch_a, "Now"))
        disclosure.with_user(self.officer_a).action_withdraw()
        self.assertEqual(disclosure.state, "withdrawn")
        self.assertEqual(disclosure.withdrawn_on, self.today)
        self.assertFalse(disclosure.is_published)

    def test_approved_disclosure_is_not_edited(self):
        disclosure = _approve(_disclosure(self, self.branch_a, "Fixed"))
        with self.assertRaisesRegex(UserError, "not edited"):
            disclosure.with_user(self.officer_a).write({"content": "<p>Changed</p>"})
        with self.assertRaises(AccessError):
            disclosure.with_user(self.officer_a).write({"state": "draft"})

    def test_shown_from_its_date_until_its_withdraw_date(self):
        disclosure = _approve(
            _disclosure(
                self,
                self.branch_a,
                "Window",
                publish=self.today,
                withdraw_date=self.today + timedelta(1),
            )  # fmt: skip
        )
        self.assertTrue(disclosure._published_on(self.today))
        self.assertFalse(disclosure._published_on(self.today - timedelta(1)))
        self.assertFalse(disclosure._published_on(self.today + timedelta(1)))

    def test_visibility(self):
        public = _approve(_disclosure(self, self.branch_a, "PUB"))
        members = _approve(_disclosure(self, self.branch_a, "MEM", scope="members"))
        upper = _approve(_disclosure(self, self.committee, "UPPER", scope="members"))
        other = _approve(_disclosure(self, self.branch_b, "OTHER", scope="members"))
        withdrawn = _approve(_disclosure(self, self.branch_a, "GONE"))
        withdrawn.action_withdraw()
        later = _approve(
            _disclosure(self, self.branch_a, "LATER", publish=self.today + timedelta(1))
        )
        draft = _disclosure(self, self.branch_a, "DRAFT")
        mine = [public, members, upper, other, withdrawn, later, draft]
        Disclosure = self.env["party.disclosure"]
        anonymous = Disclosure._visible_for(self.env.ref("base.public_user")) & Disclosure.browse(
            [d.id for d in mine]
        )
        self.assertEqual(anonymous, public)
        member = Disclosure._visible_for(self.portal) & Disclosure.browse([d.id for d in mine])
        self.assertEqual(member, public | members | upper)


@tagged("post_install", "-at_install")
class TestDisclosurePages(HttpCase):
    """The website shows the public disclosures; a members-only one only to its members."""

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env
        cls.reader = member_user(env, "pst_reader")
        cls.outsider = member_user(env, "pst_outsider")
        cls.branch, __ = create_branch(
            env,
            "Disclosure Branch",
            "PST-D",
            [("PST Reader", datetime.date(1980, 5, 5), 31)],
            user=cls.reader,
        )
        create_branch(
            env,
            "Other Disclosure Branch",
            "PST-O",
            [("PST Outsider", datetime.date(1981, 5, 5), 33)],
            user=cls.outsider,
        )
        today = datetime.date.today()
        Disclosure = env["party.disclosure"]

        def make(name, scope, publish=today, withdraw=False):
            disclosure = Disclosure.create(
                {"name": name, "organization_id": cls.branch.id, "scope": scope,
                 "publish_date": publish, "content": f"<p>{name} body</p>"}
            )  # fmt: skip
            disclosure._party_action_write({"state": "approved"})
            if withdraw:
                disclosure.action_withdraw()
            return disclosure

        cls.public = make("PSTPublicNotice", "public")
        cls.members = make("PSTMembersNotice", "members")
        cls.withdrawn = make("PSTWithdrawnNotice", "public", withdraw=True)
        cls.later = make("PSTLaterNotice", "public", publish=today + timedelta(days=3))

    def test_public_sees_public_disclosures_only(self):
        page = self.url_open("/party/disclosures").text
        self.assertIn("PSTPublicNotice", page)
        for hidden in ("PSTMembersNotice", "PSTWithdrawnNotice", "PSTLaterNotice"):
            self.assertNotIn(hidden, page)
        self.assertEqual(self.url_open(f"/party/disclosures/{self.public.id}").status_code, 200)
        for hidden in (self.members, self.withdrawn, self.later):
            self.assertEqual(self.url_open(f"/party/disclosures/{hidden.id}").status_code, 404)
        self.assertEqual(self.url_open("/party/disclosures/999999999").status_code, 404)

    def test_pages_are_titled_in_the_visitors_language(self):
        activate_chinese(self.env, ["party_systems"])
        self.assertIn("<title>党务公开 |", self.url_open("/zh_CN/party/disclosures").text)
        page = self.url_open(f"/zh_CN/party/disclosures/{self.public.id}").text
        self.assertIn("<title>PSTPublicNotice |", page)

    def test_member_sees_members_only_disclosures_of_their_organisation(self):
        self.authenticate("pst_reader", "pst_reader")
        page = self.url_open("/party/disclosures").text
        self.assertIn("PSTMembersNotice", page)
        self.assertIn("PSTPublicNotice", page)
        response = self.url_open(f"/party/disclosures/{self.members.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PSTMembersNotice body", response.text)

    def test_member_of_another_branch_does_not(self):
        self.authenticate("pst_outsider", "pst_outsider")
        self.assertNotIn("PSTMembersNotice", self.url_open("/party/disclosures").text)
        self.assertEqual(self.url_open(f"/party/disclosures/{self.members.id}").status_code, 404)


@tagged("post_install", "-at_install")
class TestRequiredReadingPortal(HttpCase):
    """Members acknowledge required reading on the portal; nobody else can."""

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env
        cls.reader = member_user(env, "pst_rr_reader")
        member_user(env, "pst_rr_outsider")
        branch, cls.member = create_branch(
            env,
            "Reading Branch",
            "PST-R",
            [("PST RR Reader", datetime.date(1980, 6, 6), 35)],
            user=cls.reader,
        )
        cls.regulation = env["party.regulation"].create(
            {"name": "PSTReadingRule", "column": "funds", "organization_id": branch.id,
             "required_reading": True, "effective_date": datetime.date.today()}
        )  # fmt: skip

    def test_member_acknowledges_on_the_portal(self):
        self.authenticate("pst_rr_reader", "pst_rr_reader")
        page = self.url_open("/my/party/regulations").text
        self.assertIn("PSTReadingRule", page)
        self.assertIn(f"/my/party/regulations/{self.regulation.id}/read", page)
        response = self.url_open(
            f"/my/party/regulations/{self.regulation.id}/read",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.regulation.ack_ids.member_id, self.member)

    def test_acknowledgement_is_confirmed_on_the_next_page_once(self):
        self.authenticate("pst_rr_reader", "pst_rr_reader")
        response = self.url_open(
            f"/my/party/regulations/{self.regulation.id}/read",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Your reading is recorded. Thank you.", response.text)
        self.assertNotIn("Your reading is recorded", self.url_open("/my/party/regulations").text)

    def test_someone_else_cannot_acknowledge(self):
        self.authenticate("pst_rr_outsider", "pst_rr_outsider")
        response = self.url_open(
            f"/my/party/regulations/{self.regulation.id}/read",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.regulation.ack_ids)
