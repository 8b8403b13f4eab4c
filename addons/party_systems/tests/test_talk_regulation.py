from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestTalks(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Talk = cls.env["party.talk"]
        cls.year = cls.today.year
        # Branch A: the secretary is its committee; 6 other members to talk with
        cls.others = cls.member_a | cls.voters | cls.probationer

    def _talk(self, members, day=None, org=None):
        return self.Talk.create(
            {
                "name": "Talk",
                "organization_id": (org or self.branch_a).id,
                "date": day or date(self.year, 3, 1),
                "participant_ids": [(6, 0, members.ids)],
            }
        )

    def _coverage(self, year=None):
        return self.Talk._coverage(self.branch_a, year or self.year)[self.branch_a.id]

    def test_new_talk_has_the_recording_officer_as_participant(self):
        defaults = self.Talk.with_user(self.officer_a).default_get(["participant_ids"])
        talk = self.Talk.new(defaults)
        self.assertEqual(talk.participant_ids.ids, self.secretary_a.ids)

    def test_secretary_talks_with_every_member(self):
        self.assertEqual((self._coverage()["covered"], self._coverage()["required"]), (0, 6))
        for member in self.others[:-1]:
            self._talk(self.secretary_a | member)
        coverage = self._coverage()
        self.assertEqual((coverage["covered"], coverage["required"]), (5, 6))
        self.assertEqual(
            coverage["missing"], {tuple(sorted((self.secretary_a.id, self.probationer.id)))}
        )
        self._talk(self.secretary_a | self.probationer)
        self.assertEqual(self._coverage()["covered"], 6)

    def test_group_talk_covers_every_pair_in_it(self):
        self._talk(self.secretary_a | self.others)
        self.assertEqual(self._coverage()["covered"], 6)

    def test_talk_between_members_does_not_count(self):
        self._talk(self.voters[0] | self.voters[1])
        self.assertEqual(self._coverage()["covered"], 0)

    def test_talks_of_another_year_do_not_count(self):
        self._talk(self.secretary_a | self.others, day=date(self.year - 1, 12, 31))
        self.assertEqual(self._coverage()["covered"], 0)
        self.assertEqual(self._coverage(self.year - 1)["covered"], 6)

    def test_committee_members_talk_with_each_other(self):
        self._position(self.branch_a, self.voters[0], "organization")
        coverage = self._coverage()
        # 2 committee members: 1 pair between them + each with the 5 other members
        self.assertEqual(coverage["required"], 1 + 5 + 5)

    def test_talk_has_two_participants(self):
        with self.assertRaisesRegex(ValidationError, "two participants"):
            self._talk(self.secretary_a)

    def test_follow_up_done_by_an_officer_of_the_branch(self):
        talk = self._talk(self.secretary_a | self.member_a)
        with self.assertRaises(AccessError):
            talk.with_user(self.officer_b).action_follow_up_done()
        talk.with_user(self.officer_a).action_follow_up_done()
        self.assertTrue(talk.follow_up_done)


@tagged("post_install", "-at_install")
class TestRegulations(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Regulation = cls.env["party.regulation"]

    def _regulation(self, org=None, **vals):
        return self.Regulation.create(
            {
                "name": "Rules of deliberation",
                "column": "deliberation",
                "organization_id": (org or self.committee).id,
                "effective_date": self.today,
                "required_reading": True,
                **vals,
            }
        )

    def test_in_force_between_effective_and_repeal_dates(self):
        regulation = self._regulation(repeal_date=self.today + timedelta(days=1))
        self.assertTrue(regulation.in_force)
        self.assertIn(regulation, self.Regulation.search([("in_force", "=", True)]))
        later = self._regulation(effective_date=self.today + timedelta(days=1))
        self.assertFalse(later.in_force)
        with self.assertRaisesRegex(ValidationError, "repeal date"):
            self._regulation(repeal_date=self.today)

    def test_not_yet_read_list_and_acknowledgement(self):
        regulation = self._regulation(applies_to_ids=[(6, 0, self.branch_a.ids)])
        unread = regulation._unread()[regulation.id]
        self.assertIn(self.member_a, unread)
        self.assertNotIn(self.member_b, unread)  # Branch B: does not apply
        rpc(self.env, self.portal, "party.regulation", "action_acknowledge", ids=regulation.ids)
        rpc(self.env, self.portal, "party.regulation", "action_acknowledge", ids=regulation.ids)
        self.assertEqual(regulation.ack_ids.member_id, self.member_a)
        self.assertNotIn(self.member_a, regulation._unread()[regulation.id])
        self.assertEqual(regulation.unread_count, len(unread) - 1)

    def test_acknowledgement_only_for_own_membership_where_it_applies(self):
        regulation = self._regulation(applies_to_ids=[(6, 0, self.branch_b.ids)])
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.regulation", "action_acknowledge", ids=regulation.ids)
        self.assertFalse(regulation.ack_ids)

    def test_acknowledgement_of_a_regulation_not_required(self):
        regulation = self._regulation(required_reading=False)
        with self.assertRaisesRegex(UserError, "not required reading"):
            rpc(self.env, self.portal, "party.regulation", "action_acknowledge", ids=regulation.ids)
