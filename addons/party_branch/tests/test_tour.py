import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import create_full_members


@tagged("post_install", "-at_install")
class TestOfficerTour(HttpCase):
    """An officer logs in, opens their branch, adds a member and sees a vacancy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.officer = new_test_user(
            env, login="tour_secretary", groups="base.group_user,party_branch.group_party_officer"
        )
        cls.branch = env["party.organization"].create(
            {"name": "Tour Branch", "code": "TOUR-B", "org_type": "branch", "has_committee": True}
        )
        members = create_full_members(
            env,
            cls.branch,
            [
                ("Tour Secretary", datetime.date(1980, 1, 1), 11),
                ("Tour Organiser", datetime.date(1981, 2, 2), 13),
                ("Tour Inspector", datetime.date(1982, 3, 3), 15),
            ],
        )
        members[0].user_id = cls.officer
        types = {
            code: env.ref(f"party_branch.position_type_{code}")
            for code in ("secretary", "organization", "discipline")
        }
        env["party.position"].create(
            [
                {
                    "organization_id": cls.branch.id,
                    "member_id": member.id,
                    "position_type_id": types[code].id,
                    "date_start": "2024-01-01",
                }
                for member, code in zip(
                    members, ("secretary", "organization", "discipline"), strict=True
                )
            ]
        )

    def test_officer_adds_member_and_sees_vacancy(self):
        self.start_tour("/odoo", "party_branch_officer_tour", login="tour_secretary")
        member = self.env["party.member"].search([("name", "=", "Tour Newcomer")])
        self.assertEqual(member.organization_id, self.branch)
        self.assertEqual(member.id_number, "110101199003071233")
        self.assertEqual(str(member.birthdate), "1990-03-07")
        self.assertEqual(member.gender, "male")
        self.assertEqual(self.branch.vacant_position_type_ids.mapped("code"), ["propaganda"])
