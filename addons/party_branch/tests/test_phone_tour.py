"""On a phone (390 px wide, touch): the secretary handles a finding of her branch."""

import datetime

from odoo.tests import tagged

from .common import PartyPhoneTourCase


@tagged("post_install", "-at_install")
class TestSecretaryPhoneFindingTour(PartyPhoneTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_user = cls._tour_user("phone_secretary")
        # Two full members: a branch needs at least three (a finding for its secretary).
        cls.branch, _members = cls._tour_branch(
            "Phone Branch",
            "PHONE-B",
            [
                ("Phone Secretary", datetime.date(1981, 4, 5), 21),
                ("Phone Member", datetime.date(1983, 6, 7), 23),
            ],
            user=cls.secretary_user,
            secretary=True,
        )
        # only this addon's check about the size (party_life adds meeting checks)
        cls.branch.with_context(
            party_compliance_codes=("too_few_members",)
        ).action_check_compliance()
        cls.findings = cls.env["party.finding"].search(
            [("organization_id", "=", cls.branch.id), ("state", "=", "open")]
        )

    def test_secretary_reads_the_digest_and_marks_it_done_on_a_phone(self):
        self.assertEqual(len(self.findings), 1, self.findings.mapped("message"))
        finding = self.findings
        self.assertEqual(finding.responsible_user_id, self.secretary_user)
        self.assertEqual(finding.digest_activity_id.user_id, self.secretary_user)
        self.start_tour(
            "/odoo/action-party_branch.party_dashboard_action",
            "party_branch_phone_finding_tour",
            login="phone_secretary",
        )
        self.assertFalse(self.branch.activity_ids)
        self.assertEqual(finding.state, "open")  # resolved only when its cause is fixed


@tagged("post_install", "-at_install")
class TestSecretaryPhoneHomeTour(PartyPhoneTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_user = cls._tour_user("phone_home_secretary")
        cls.secretary_user.action_id = cls.env.ref("party_branch.party_dashboard_server_action").id
        cls._tour_branch(
            "Phone Home Branch",
            "PHONE-H",
            [("Phone Home Secretary", datetime.date(1980, 3, 4), 31)],
            user=cls.secretary_user,
            secretary=True,
        )

    def test_the_drawer_shows_the_party_menus_after_login(self):
        self.start_tour("/odoo", "party_branch_phone_home_tour", login="phone_home_secretary")


@tagged("post_install", "-at_install")
class TestPhoneFormActions(PartyPhoneTourCase):
    def test_a_party_forms_action_is_on_the_phones_screen(self):
        user = self._tour_user("phone_form_secretary")
        _branch, (_secretary, member) = self._tour_branch(
            "Phone Form Branch",
            "PHONE-F",
            [
                ("Phone Form Secretary", datetime.date(1979, 2, 3), 41),
                ("Phone Form Member", datetime.date(1985, 5, 6), 43),
            ],
            user=user,
            secretary=True,
        )
        member.last_contact_date = datetime.date(2025, 1, 1)
        self.start_tour(
            f"/odoo/action-party_branch.party_member_action/{member.id}",
            "party_branch_phone_form_actions_tour",
            login="phone_form_secretary",
        )
        self.assertEqual(member.last_contact_date, datetime.date.today())
