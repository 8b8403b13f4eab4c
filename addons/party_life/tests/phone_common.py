"""A branch for the phone tours of party_life (test_phone_tours.py, test_exam_phone.py):
a secretary with a login (the branch's secretary) and two members, the first of them
with a portal login."""

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase


class PhoneBranchTourCase(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}
    # set by each test class: the logins, the branch and its people (name, birth date,
    # serial), the secretary first; values given to every member
    secretary_login = member_login = branch_name = branch_code = None
    people = ()
    member_values = {}

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.secretary_user = cls._tour_user(cls.secretary_login)
        cls.member_user = cls._tour_user(cls.member_login, portal=True)
        cls.branch, cls.branch_members = cls._tour_branch(
            cls.branch_name,
            cls.branch_code,
            list(cls.people),
            user=cls.secretary_user,
            secretary=True,
            **cls.member_values,
        )
        cls.branch_members[1].user_id = cls.member_user
