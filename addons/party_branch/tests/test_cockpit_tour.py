"""The cockpit in the browser: the committee drills from a weak branch to its findings;
the big-screen mode at 1920x1080; a secretary's own cockpit on a 390 px phone."""

import datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import appoint_secretary, create_full_members


class CockpitTourCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tours read English labels, whatever language the database was made in
        cls.env["res.lang"]._activate_lang("en_US")
        env = cls.env
        cls.admin_user = new_test_user(
            env,
            login="cockpit_committee",
            groups="base.group_user,party_branch.group_party_admin",
            tz="UTC",
            lang="en_US",
        )
        today = fields.Date.context_today(env["party.organization"])
        start = datetime.date(today.year - 2, 1, 1)
        Org = env["party.organization"]
        # named to come first among the company's top organisations
        cls.root = Org.create(
            {"name": "Cockpit Tour Committee", "code": "CKT-C", "org_type": "committee",
             "term_start": start}
        )  # fmt: skip
        cls.strong = Org.create(
            {"name": "Tour Strong Branch", "code": "CKT-S", "org_type": "branch",
             "parent_id": cls.root.id, "term_start": start}
        )  # fmt: skip
        cls.weak = Org.create(
            {"name": "Tour Weak Branch", "code": "CKT-W", "org_type": "branch",
             "parent_id": cls.root.id}
        )  # fmt: skip
        strong = create_full_members(
            env,
            cls.strong,
            [(f"Tour Strong {i}", datetime.date(1980, 1, 1 + i), 51 + 2 * i) for i in range(4)],
        )
        appoint_secretary(env, cls.strong, strong[0], start)
        weak = create_full_members(
            env,
            cls.weak,
            [(f"Tour Weak {i}", datetime.date(1981, 1, 1 + i), 61 + 2 * i) for i in range(3)],
        )
        weak.file_recorded = False
        env["party.finding"].create(
            {
                "organization_id": cls.weak.id,
                "code": "no_file",
                "key": "cockpit-tour",
                "message": "tour finding of the weak branch",
            }
        )
        # standardisation only: the other modernizations' facts are not crafted here
        env["party.index.indicator"].search([("dimension", "!=", "standardisation")]).active = False
        env["party.index"].sudo()._party_index_compute(cls.root, "month", today, force=True)


@tagged("post_install", "-at_install")
class TestCockpitTour(CockpitTourCase):
    def test_committee_drills_from_a_weak_branch_to_its_findings(self):
        self.start_tour(
            "/odoo/action-party_branch.party_cockpit_action",
            "party_branch_cockpit_tour",
            login="cockpit_committee",
        )


@tagged("post_install", "-at_install")
class TestCockpitWallTour(CockpitTourCase):
    browser_size = "1920x1080"

    def test_the_big_screen_fills_a_1920x1080_wall(self):
        self.start_tour(
            "/odoo/action-party_branch.party_cockpit_action",
            "party_branch_cockpit_wall_tour",
            login="cockpit_committee",
        )


@tagged("post_install", "-at_install")
class TestSecretaryPhoneCockpitTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_secretary_opens_her_own_cockpit_on_a_phone(self):
        self.env["res.lang"]._activate_lang("en_US")
        env = self.env
        user = new_test_user(
            env,
            login="phone_cockpit_secretary",
            groups="base.group_user,party_branch.group_party_officer",
            tz="UTC",
            lang="en_US",
        )
        branch = env["party.organization"].create(
            {"name": "Phone Cockpit Branch", "code": "PHONE-CK", "org_type": "branch"}
        )
        [secretary] = create_full_members(
            env, branch, [("Phone Cockpit Secretary", datetime.date(1982, 2, 3), 71)]
        )
        secretary.user_id = user
        appoint_secretary(env, branch, secretary, "2024-01-01")
        env["party.finding"].create(
            {
                "organization_id": branch.id,
                "code": "no_file",
                "key": "phone-cockpit",
                "message": "phone cockpit finding",
            }
        )
        self.start_tour(
            "/odoo/action-party_branch.party_cockpit_action",
            "party_branch_phone_cockpit_tour",
            login="phone_cockpit_secretary",
        )
