"""Attacks on the batched record-rule check of members (``party.member._check_access``).

The override runs the rules of many members as one search (``active_test=False``) and
hands the members it refuses to Odoo's own check. Each test here asks, over the RPC
dispatch or through the access API, for something Odoo's own check (member by member,
in the caller's context) refuses, and holds the batched answer to it.
"""

from odoo.exceptions import AccessError, MissingError
from odoo.tests import tagged

from .common import MemberCrowdCase
from .rpc import rpc

# an id no member has (the ids of a test database stay far below it)
NO_SUCH_ID = 2_000_000_000


@tagged("post_install", "-at_install")
class TestRedteamMemberAccess(MemberCrowdCase):
    other_prefix = "RTM"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # members whose contact is archived (party.member delegates ``active`` to it)
        cls.archived_a = cls._members(cls.branch_a, 2, prefix="RTM Archived A")
        cls.archived_b = cls._members(cls.branch_b, 2, prefix="RTM Archived B")
        (cls.archived_a | cls.archived_b).partner_id.active = False
        cls.other_admin = cls._other_company_admin("rtm_other_admin")
        cls.users = {
            "officer of Branch A": cls.officer_a,
            "officer of the committee": cls.officer_c,
            "auditor": cls.auditor,
            "Party administrator": cls.admin,
            "member (portal)": cls.portal,
            "administrator of the other company": cls.other_admin,
        }

    # ------------------------------------------------------------------ helpers

    def _assert_refused(self, call, *args, **kwargs):
        """``call`` raises an error of access or a missing record (no other error)."""
        try:
            call(*args, **kwargs)
        except (AccessError, MissingError):
            return
        self.fail("not refused")

    def _assert_unwritten(self, members):
        self.env.invalidate_all()
        self.assertTrue(
            all(members.with_context(active_test=False).mapped("file_recorded")),
            "a refused write wrote",
        )

    # ------------------------------------------- archived members (active_test)

    def test_archived_members_get_odoos_answers(self):
        """The search runs with active_test=False; Odoo's check reads the contact's
        memberships (res.partner.party_member_ids, the officers' and administrators'
        contact rules) in the caller's context, which leaves archived members out."""
        members = self.archived_a | self.archived_b | self.crowd_a[:1]
        for label, user in self.users.items():
            batch = members.with_user(user)
            for operation in ("read", "write", "unlink"):
                with self.subTest(user=label, operation=operation):
                    self.env.invalidate_all()
                    at_once = batch._filtered_access(operation)
                    self.env.invalidate_all()
                    self.assertEqual(
                        sorted(at_once.ids), sorted(self._one_by_one(batch, operation).ids)
                    )

    def test_archived_members_written_over_rpc_as_one_by_one(self):
        """Two archived members of the administrator's company: Odoo refuses the write
        of each (the administrators' contact rule, party_member_ids.company_id, reads
        the contact's memberships in the caller's context: none, the contact archived);
        the write of both together must be refused too."""
        for member in self.archived_a:
            with self.subTest(alone=member.name), self.assertRaises(AccessError):
                rpc(self.env, self.admin, "party.member", "write", {"file_recorded": False},
                    ids=member.ids)  # fmt: skip
        self._assert_unwritten(self.archived_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.member", "write", {"file_recorded": False},
                ids=self.archived_a.ids)  # fmt: skip
        self._assert_unwritten(self.archived_a)

    def test_has_access_of_archived_pair_is_odoos(self):
        pair = self.archived_a.with_user(self.admin)
        alone = [member.has_access("write") for member in pair]
        self.env.invalidate_all()
        self.assertEqual(pair.has_access("write"), all(alone))

    def test_members_moved_onto_an_archived_contact(self):
        """partner_id is a location field: the guard checks the rules again after the
        write. Odoo refuses the administrator a member moved onto an archived contact;
        two members moved at once must be refused too."""
        Partner = self.env["res.partner"]
        contacts = Partner.create([{"name": "RTM Archived 1"}, {"name": "RTM Archived 2"}])
        contacts.active = False
        target = self.crowd_a[0]
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.member", "write",
                {"partner_id": contacts[0].id}, ids=target.ids)  # fmt: skip
        self.env.invalidate_all()
        self.assertNotEqual(target.partner_id, contacts[0])
        # two members on one contact: memberships no organisation keeps any more
        self.crowd_a[1:].status = "withdrawn"
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.member", "write",
                {"partner_id": contacts[1].id}, ids=self.crowd_a[1:].ids)  # fmt: skip
        self.env.invalidate_all()
        self.assertNotIn(contacts[1], self.crowd_a.partner_id)

    # ------------------------------------------------------------ odd id lists

    def test_duplicate_ids_of_a_member_outside(self):
        member_b = self.member_b
        for ids in (
            [member_b.id, member_b.id],
            [self.secretary_a.id, member_b.id, member_b.id],
            [member_b.id, self.secretary_a.id, self.secretary_a.id],
        ):
            with self.subTest(ids=ids):
                with self.assertRaises(AccessError):
                    rpc(self.env, self.officer_a, "party.member", "write",
                        {"file_recorded": False}, ids=ids)  # fmt: skip
                self._assert_unwritten(member_b | self.secretary_a)
                batch = self.Member.with_user(self.officer_a).browse(ids)
                self.env.invalidate_all()
                self.assertFalse(batch.has_access("write"))
                self.assertEqual(
                    set(batch._filtered_access("write").ids), {self.secretary_a.id} & set(ids)
                )

    def test_duplicate_ids_of_own_members_stay_allowed(self):
        ids = [self.secretary_a.id, self.secretary_a.id, self.member_a.id]
        batch = self.Member.with_user(self.officer_a).browse(ids)
        self.assertTrue(batch.has_access("write"))

    def test_ids_that_do_not_exist(self):
        """A missing id among allowed ones: an error of access (or a missing record),
        never a write, never another error."""
        for ids in (
            [self.secretary_a.id, NO_SUCH_ID],
            [NO_SUCH_ID, NO_SUCH_ID + 1],
            [self.member_b.id, NO_SUCH_ID],
            [self.secretary_a.id, -5],
        ):
            with self.subTest(ids=ids):
                self._assert_refused(rpc, self.env, self.officer_a, "party.member", "write",
                                     {"file_recorded": False}, ids=ids)  # fmt: skip
                self._assert_unwritten(self.secretary_a | self.member_b)
                batch = self.Member.with_user(self.officer_a).browse(ids)
                self.env.invalidate_all()
                try:
                    allowed = batch._filtered_access("write")
                except (AccessError, MissingError):
                    continue
                self.assertLessEqual(set(allowed.ids), {self.secretary_a.id})

    def test_ids_sent_as_strings(self):
        """JSON gives what the caller sends: ids as strings are no way around the rules."""
        ids = [str(self.secretary_a.id), str(self.member_b.id)]
        self._assert_refused(rpc, self.env, self.officer_a, "party.member", "write",
                             {"file_recorded": False}, ids=ids)  # fmt: skip
        self._assert_unwritten(self.secretary_a | self.member_b)

    def test_new_records_mixed_with_a_member_outside(self):
        Member = self.Member.with_user(self.officer_a)
        mixed = Member.new({"name": "RTM New"}) | Member.browse(self.member_b.id)
        self.assertFalse(mixed.has_access("write"))
        self.assertFalse(Member.browse([self.member_b.id, self.crowd_b[0].id]).has_access("write"))

    # ------------------------------------------------------------------ context

    def test_active_test_sent_by_the_caller(self):
        for active_test in (False, True):
            with self.subTest(active_test=active_test), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.member", "write", {"file_recorded": False},
                    ids=(self.crowd_a | self.archived_b).ids,
                    context={"active_test": active_test})  # fmt: skip
            self._assert_unwritten(self.crowd_a | self.archived_b)

    def test_active_ids_in_the_context_change_nothing(self):
        context = {
            "active_id": self.secretary_a.id,
            "active_ids": (self.crowd_a | self.crowd_b).ids,
            "active_model": "party.member",
        }
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "write", {"file_recorded": False},
                ids=(self.crowd_a | self.crowd_b).ids, context=context)  # fmt: skip
        self._assert_unwritten(self.crowd_a | self.crowd_b)

    def test_allowed_company_ids_of_another_company(self):
        members = self.member_other | self.crowd_a[:1]
        for label, user, companies in (
            ("admin of A naming B", self.admin, [self.admin.company_id.id, self.company_b.id]),
            (
                "admin of B naming A",
                self.other_admin,
                [self.company_b.id, self.admin.company_id.id],
            ),
            ("admin of B, no context", self.other_admin, None),
            ("admin of A, no context", self.admin, None),
        ):
            context = {"allowed_company_ids": companies} if companies else None
            with self.subTest(user=label), self.assertRaises(AccessError):
                rpc(self.env, user, "party.member", "write", {"file_recorded": False},
                    ids=members.ids, context=context)  # fmt: skip
            self._assert_unwritten(members)

    def test_another_companys_members_are_not_read(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.member", "read", ["name"],
                ids=(self.crowd_a | self.member_other).ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.other_admin, "party.member", "read", ["name"],
                ids=(self.member_other | self.crowd_a).ids,
                context={"allowed_company_ids": [self.company_b.id]})  # fmt: skip

    # ------------------------------------------------------------ other users

    def test_portal_member_reads_only_their_own(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member", "read", ["name"],
                ids=[self.member_a.id, self.member_b.id])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member", "read", ["name"],
                ids=[self.member_a.id, self.member_a.id, self.archived_a[0].id],
                context={"active_test": False})  # fmt: skip
        rows = rpc(self.env, self.portal, "party.member", "read", ["name"],
                   ids=[self.member_a.id, self.member_a.id])  # fmt: skip
        self.assertEqual({row["id"] for row in rows}, {self.member_a.id})

    def test_auditor_writes_nothing(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.auditor, "party.member", "write", {"file_recorded": False},
                ids=self.crowd_a.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.auditor, "party.member", "web_save", {"file_recorded": False},
                {}, ids=self.crowd_a[:1].ids)  # fmt: skip
        self._assert_unwritten(self.crowd_a)

    def test_officer_creates_no_member_outside(self):
        vals = [
            self._member_vals(self.branch_a, "RTM Created A"),
            self._member_vals(self.branch_b, "RTM Created B"),
        ]
        vals = [{k: str(v) if k.endswith("_date") else v for k, v in row.items()} for row in vals]
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "create", vals)
        self.assertFalse(self.Member.search([("name", "like", "RTM Created")]))

    def test_group_leader_batch_is_odoos(self):
        self._group_leader("rtm_leader")
        members = self.member_a | self.group_member | self.secretary_a | self.crowd_a[:1]
        batch = members.with_user(self.leader_user)
        for operation in ("read", "write"):
            with self.subTest(operation=operation):
                self.env.invalidate_all()
                at_once = batch._filtered_access(operation)
                self.env.invalidate_all()
                self.assertEqual(
                    sorted(at_once.ids), sorted(self._one_by_one(batch, operation).ids)
                )
