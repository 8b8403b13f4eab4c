"""On a phone (390 px wide, touch): the secretary handles a finding of her branch."""

import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import create_full_members


@tagged("post_install", "-at_install")
class TestSecretaryPhoneFindingTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tours read English labels, whatever language the database was made in
        cls.env["res.lang"]._activate_lang("en_US")
        env = cls.env
        cls.secretary_user = new_test_user(
            env,
            login="phone_secretary",
            groups="base.group_user,party_branch.group_party_officer",
            tz="UTC",
            lang="en_US",
        )
        # Two full members: a branch needs at least three (a finding for its secretary).
        cls.branch = env["party.organization"].create(
            {"name": "Phone Branch", "code": "PHONE-B", "org_type": "branch"}
        )
        members = create_full_members(
            env,
            cls.branch,
            [
                ("Phone Secretary", datetime.date(1981, 4, 5), 21),
                ("Phone Member", datetime.date(1983, 6, 7), 23),
            ],
        )
        members[0].user_id = cls.secretary_user
        env["party.position"].create(
            {
                "organization_id": cls.branch.id,
                "member_id": members[0].id,
                "position_type_id": env.ref("party_branch.position_type_secretary").id,
                "date_start": "2024-01-01",
            }
        )
        # only this addon's check about the size (party_life adds meeting checks)
        cls.branch.with_context(
            party_compliance_codes=("too_few_members",)
        ).action_check_compliance()
        cls.findings = env["party.finding"].search(
            [("organization_id", "=", cls.branch.id), ("state", "=", "open")]
        )

    def test_secretary_marks_the_finding_activity_done_on_a_phone(self):
        self.assertEqual(len(self.findings), 1, self.findings.mapped("message"))
        finding = self.findings
        self.assertEqual(finding.responsible_user_id, self.secretary_user)
        self.assertEqual(finding.activity_ids.user_id, self.secretary_user)
        self.start_tour(
            "/odoo/action-party_branch.party_dashboard_action",
            "party_branch_phone_finding_tour",
            login="phone_secretary",
        )
        self.assertFalse(finding.activity_ids)
        self.assertEqual(finding.state, "open")  # resolved only when its cause is fixed


@tagged("post_install", "-at_install")
class TestSecretaryPhoneHomeTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        env = cls.env
        cls.secretary_user = new_test_user(
            env,
            login="phone_home_secretary",
            groups="base.group_user,party_branch.group_party_officer",
            tz="UTC",
            lang="en_US",
        )
        cls.secretary_user.action_id = env.ref("party_branch.party_dashboard_server_action").id
        branch = env["party.organization"].create(
            {"name": "Phone Home Branch", "code": "PHONE-H", "org_type": "branch"}
        )
        members = create_full_members(
            env, branch, [("Phone Home Secretary", datetime.date(1980, 3, 4), 31)]
        )
        members[0].user_id = cls.secretary_user
        env["party.position"].create(
            {
                "organization_id": branch.id,
                "member_id": members[0].id,
                "position_type_id": env.ref("party_branch.position_type_secretary").id,
                "date_start": "2024-01-01",
            }
        )

    def test_the_drawer_shows_the_party_menus_after_login(self):
        self.start_tour("/odoo", "party_branch_phone_home_tour", login="phone_home_secretary")


@tagged("post_install", "-at_install")
class TestPhoneFormActions(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_a_party_forms_action_is_on_the_phones_screen(self):
        self.env["res.lang"]._activate_lang("en_US")
        user = new_test_user(
            self.env,
            login="phone_form_secretary",
            groups="base.group_user,party_branch.group_party_officer",
            tz="UTC",
            lang="en_US",
        )
        branch = self.env["party.organization"].create(
            {"name": "Phone Form Branch", "code": "PHONE-F", "org_type": "branch"}
        )
        secretary, member = create_full_members(
            self.env,
            branch,
            [
                ("Phone Form Secretary", datetime.date(1979, 2, 3), 41),
                ("Phone Form Member", datetime.date(1985, 5, 6), 43),
            ],
        )
        secretary.user_id = user
        self.env["party.position"].create(
            {
                "organization_id": branch.id,
                "member_id": secretary.id,
                "position_type_id": self.env.ref("party_branch.position_type_secretary").id,
                "date_start": "2024-01-01",
            }
        )
        member.last_contact_date = datetime.date(2025, 1, 1)
        self.start_tour(
            f"/odoo/action-party_branch.party_member_action/{member.id}",
            "party_branch_phone_form_actions_tour",
            login="phone_form_secretary",
        )
        self.assertEqual(member.last_contact_date, datetime.date.today())
