"""A member's first question sent twice at once (two tabs, a double tap on the phone),
in two real transactions (party_branch/tests/concurrency.py): one consultation, both
questions on it, and no error for the member (docs/security.md, rule 5)."""

from functools import partial

from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    build_tree,
    committed,
    committed_member_user,
    crowd,
    remove_organizations,
    remove_user,
)


@tagged("post_install", "-at_install")
class TestConsultationConcurrency(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        def build(env):
            committee_id, branch_id, member_ids = build_tree(env, tag, 1)
            user_id = committed_member_user(
                env, member_ids[0], f"conc_consult_{tag}", f"Conc member {tag}"
            )
            return committee_id, branch_id, member_ids[0], user_id

        cls.committee_id, cls.branch_id, cls.member_id, cls.user_id = committed(cls.db, build)

    @classmethod
    def tearDownClass(cls):
        consultations = "SELECT id FROM party_consultation WHERE member_id = %s"
        extra = [
            (f"DELETE FROM mail_activity WHERE res_model = 'party.consultation' "  # noqa: S608
             f"AND res_id IN ({consultations})", [cls.member_id]),
            (f"DELETE FROM mail_message WHERE model = 'party.consultation' "  # noqa: S608
             f"AND res_id IN ({consultations})", [cls.member_id]),
            (f"DELETE FROM mail_followers WHERE res_model = 'party.consultation' "  # noqa: S608
             f"AND res_id IN ({consultations})", [cls.member_id]),
            ("DELETE FROM party_consultation WHERE member_id = %s", [cls.member_id]),
        ]  # fmt: skip
        remove_user(cls.db, cls.user_id)
        remove_organizations(cls.db, [cls.branch_id, cls.committee_id], extra)
        super().tearDownClass()

    def test_two_first_questions_at_once_make_one_consultation(self):
        def ask(question, env):
            # as Odoo's dispatch runs a request: a transaction that fails to serialise
            # is run again; any other error is what the member would see
            return retrying(partial(env["party.consultation"].ask, question), env)

        first, second = crowd(
            self.db,
            [partial(ask, "First question, first tab"), partial(ask, "First question, second tab")],
            uid=self.user_id,
        )
        self.assertIsInstance(first, int, first)
        self.assertEqual(second, first, second)

        def read(env):
            consultation = env["party.consultation"].search([("member_id", "=", self.member_id)])
            questions = consultation.message_ids.filtered(lambda m: m.message_type == "comment")
            return len(consultation), sorted(questions.mapped("body"))

        count, bodies = committed(self.db, read)
        self.assertEqual(count, 1)
        self.assertEqual(len(bodies), 2)
        self.assertIn("second tab", bodies[1] + bodies[0])
