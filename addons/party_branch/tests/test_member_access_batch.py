"""The record rules of many members checked at once (``party.member._check_access``).

Odoo checks the rules of a member's inherited contact one member at a time (a query
each); the members run them as one search, and hand the members it refuses to Odoo's
own check. These tests hold the answers to Odoo's, member by member, for every user
kind on a mixed set (two branches, a Party group, the committee, another company),
and the refusal of a write that reaches one member outside.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MemberCrowdCase


@tagged("post_install", "-at_install")
class TestMemberAccessBatch(MemberCrowdCase):
    other_prefix = "MAB"
    crowd_sizes = (12, 3)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.everyone = (
            cls.crowd_a
            | cls.crowd_b
            | cls.member_a
            | cls.member_b
            | cls.secretary_a
            | cls.secretary_b
            | cls.secretary_c
            | cls.member_other
        )

    def test_the_answers_are_odoos_member_by_member(self):
        users = {
            "officer of Branch A": self.officer_a,
            "officer of Branch B": self.officer_b,
            "officer of the committee": self.officer_c,
            "auditor": self.auditor,
            "Party administrator": self.admin,
            "member (portal)": self.portal,
        }
        for label, user in users.items():
            members = self.everyone.with_user(user)
            for operation in ("read", "write", "create", "unlink"):
                with self.subTest(user=label, operation=operation):
                    self.env.invalidate_all()
                    at_once = members._filtered_access(operation)
                    self.assertEqual(
                        set(at_once.ids), set(self._one_by_one(members, operation).ids)
                    )

    def test_an_officer_writes_many_members_with_the_queries_of_two(self):
        Member = self.env["party.member"].with_user(self.officer_a)

        def queries(members):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Member.browse(members.ids).write({"file_recorded": False})
            self.env.flush_all()
            return self.cr.sql_log_count - before

        queries(self.crowd_a[:2])  # the registry's first write of a member
        self.assertEqual(queries(self.crowd_a[2:4]), queries(self.crowd_a[4:]))
        self.assertFalse(any(self.crowd_a.mapped("file_recorded")))

    def test_a_write_reaching_one_member_outside_is_refused_and_writes_nothing(self):
        members = (self.crowd_a | self.crowd_b[:1]).with_user(self.officer_a)
        with self.assertRaises(AccessError):
            members.write({"file_recorded": False})
        self.env.invalidate_all()
        self.assertTrue(all((self.crowd_a | self.crowd_b).mapped("file_recorded")))

    def test_another_companys_member_stays_out(self):
        members = (self.crowd_a | self.member_other).with_user(self.admin)
        self.assertEqual(members._filtered_access("write"), self.crowd_a.with_user(self.admin))
        with self.assertRaises(AccessError):
            members.write({"file_recorded": False})
