"""Red team of session 9, through the RPC dispatch: the jobs of the long runs, and
messages on Party records.

The jobs (queue_job's ``queue.job``, their arguments and errors) are queue_job managers'
only: a Party administrator reads a run and its chunks, nobody but the server writes
them, and nobody else reads, requeues, cancels or closes a job.

Odoo lets a user create a message as a reply to a message they received, whatever record
the reply names (mail.message's "parent condition" of ``create``): a member who received
any message (one they sent themselves, without a record) would post on another
organisation's record they cannot even read, and ``message_post`` would mail its
followers. On a Party record, a client's reply answers a message of the same record."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.models.party_point import PointSource
from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc
from odoo.addons.party_branch.tests.test_job_runs import JOBS_ON, small_chunks


@tagged("post_install", "-at_install")
class TestRedteamSession9Messages(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal.partner_id.email = "member.a@example.com"

    def _received(self):
        """A message without record the member writes to themselves: received, so a
        parent Odoo accepts a reply to."""
        message_id = rpc(self.env, self.portal, "mail.message", "create", {
            "body": "Note to self", "message_type": "comment",
            "subtype_id": self.env.ref("mail.mt_comment").id,
            "partner_ids": [self.portal.partner_id.id],
        })  # fmt: skip
        return self.env["mail.message"].browse(message_id)

    def _messages_on_member_b(self, text):
        return self.member_b.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_member_does_not_create_a_reply_on_another_organisations_record(self):
        parent = self._received()
        with self.assertRaisesRegex(AccessError, "answers a message of the same record"):
            rpc(self.env, self.portal, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_b.id,
                "body": "Planted in Branch B", "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id, "parent_id": parent.id,
            })  # fmt: skip
        self.assertFalse(self._messages_on_member_b("Planted in Branch B"))

    def test_member_does_not_create_a_reply_naming_the_record_in_the_context(self):
        parent = self._received()
        context = {"default_model": "party.member", "default_res_id": self.member_b.id}
        with self.assertRaisesRegex(AccessError, "answers a message of the same record"):
            rpc(self.env, self.portal, "mail.message", "create", {
                "body": "Planted by context", "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id, "parent_id": parent.id,
            }, context=context)  # fmt: skip
        self.assertFalse(self._messages_on_member_b("Planted by context"))

    def test_follower_does_not_create_a_notification_naming_the_record_in_the_context(self):
        self.member_b.message_subscribe(partner_ids=self.portal.partner_id.ids)
        context = {"default_model": "party.member", "default_res_id": self.member_b.id}
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.portal, "mail.message", "create", {
                "body": "Dues waived", "message_type": "notification",
                "subtype_id": self.env.ref("mail.mt_comment").id,
            }, context=context)  # fmt: skip
        self.assertFalse(self._messages_on_member_b("Dues waived"))

    def test_member_does_not_post_a_reply_on_another_organisations_record(self):
        parent = self._received()
        with self.assertRaisesRegex(AccessError, "answers a message of the same record"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_b.ids,
                body="Posted in Branch B", message_type="comment",
                subtype_xmlid="mail.mt_comment", parent_id=parent.id)  # fmt: skip
        self.assertFalse(self._messages_on_member_b("Posted in Branch B"))

    def test_officer_replies_to_a_message_of_their_record(self):
        question = rpc(self.env, self.officer_b, "party.member", "message_post",
                       ids=self.member_b.ids, body="Question", message_type="comment",
                       subtype_xmlid="mail.mt_comment")  # fmt: skip
        answer = rpc(self.env, self.officer_b, "party.member", "message_post",
                     ids=self.member_b.ids, body="Answer", message_type="comment",
                     subtype_xmlid="mail.mt_comment", parent_id=question)  # fmt: skip
        self.assertEqual(self.env["mail.message"].browse(answer).parent_id.id, question)

    def test_follower_does_not_take_another_records_attachment_into_a_post(self):
        employee = new_test_user(self.env, login="pbt_rt9_follower", groups="base.group_user")
        self.member_a.message_subscribe(partner_ids=employee.partner_id.ids)
        secret = self.env["ir.attachment"].create({
            "name": "discipline.pdf", "raw": b"secret", "res_model": "party.member",
            "res_id": self.member_b.id,
        })  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, employee, "party.member", "message_post", ids=self.member_a.ids,
                body="See attached", message_type="comment", subtype_xmlid="mail.mt_comment",
                attachment_ids=secret.ids)  # fmt: skip
        self.assertEqual((secret.res_model, secret.res_id), ("party.member", self.member_b.id))

    def test_member_notified_of_an_officers_message_does_not_rewrite_it(self):
        answer = self.member_a.with_user(self.officer_a).message_post(
            body="Your transfer is approved", message_type="comment",
            subtype_xmlid="mail.mt_comment", partner_ids=self.portal.partner_id.ids,
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "mail.message", "write", {"body": "Refused"},
                ids=answer.ids)  # fmt: skip
        self.assertIn("approved", answer.body)

    def test_member_does_not_notify_through_message_notify(self):
        self.member_b.message_subscribe(partner_ids=self.portal.partner_id.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member", "message_notify", ids=self.member_b.ids,
                body="Urgent notice", partner_ids=self.officer_b.partner_id.ids)  # fmt: skip
        self.assertFalse(self._messages_on_member_b("Urgent notice"))


@tagged("post_install", "-at_install")
class TestRedteamSession9Jobs(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="pbt_rt9_employee", groups="base.group_user")
        with JOBS_ON, small_chunks():
            cls.job_run = cls.env["party.organization"]._cron_check_compliance()
        cls.jobs = cls.env["queue.job"].search(
            [("uuid", "in", cls.job_run.chunk_ids.mapped("job_uuid"))]
        )

    def _attackers(self):
        return {"admin": self.admin, "officer": self.officer_b, "employee": self.employee,
                "portal": self.portal}  # fmt: skip

    def test_nobody_but_queue_managers_reads_the_jobs(self):
        self.assertTrue(self.jobs)
        for name, user in self._attackers().items():
            with self.subTest(user=name), self.assertRaises(AccessError):
                rpc(self.env, user, "queue.job", "read", ["args", "kwargs", "exc_info"],
                    ids=self.jobs.ids)  # fmt: skip

    def test_nobody_but_queue_managers_closes_or_requeues_a_job(self):
        for name, user in self._attackers().items():
            for method in ("button_done", "button_cancelled", "requeue"):
                with self.subTest(user=name, method=method), self.assertRaises(AccessError):
                    rpc(self.env, user, "queue.job", method, ids=self.jobs.ids)
        self.assertEqual(set(self.jobs.mapped("state")), {"pending"})

    def test_nobody_but_queue_managers_uses_the_job_wizards(self):
        for name, user in self._attackers().items():
            for wizard in ("queue.jobs.to.done", "queue.jobs.to.cancelled", "queue.requeue.job"):
                with self.subTest(user=name, wizard=wizard), self.assertRaises(AccessError):
                    rpc(self.env, user, wizard, "create", {"job_ids": [(6, 0, self.jobs.ids)]})
        self.assertEqual(set(self.jobs.mapped("state")), {"pending"})

    def test_party_administrator_does_not_mark_a_chunk_done(self):
        chunk = self.job_run.chunk_ids[:1]
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.job.chunk", "write", {"state": "done"}, ids=chunk.ids)
        self.assertEqual(chunk.state, "pending")

    def test_party_administrator_does_not_start_a_run_of_their_choosing(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.job.run", "create", {
                "name": "Mine", "run_key": "mine", "model_name": "res.users",
                "method": "unlink", "params": {},
            })  # fmt: skip
        self.assertFalse(self.env["party.job.run"].search([("run_key", "=", "mine")]))


@tagged("post_install", "-at_install")
class TestRedteamSession9Points(PartyBranchCase):
    def _rule_vals(self, **vals):
        """A points rule's values, of the source of a default rule; with party_branch
        alone no addon adds a source of points (nor its default rules): one of the
        test's own then."""
        rule = self.env["party.point.rule"].search([("company_id", "=", False)], limit=1)
        source = rule.source
        if not rule:
            self.assertFalse(self.env["party.point"]._party_point_sources())
            self.patch(
                type(self.env["party.point"]),
                "_party_point_sources",
                lambda self: [PointSource("rt9", "Red team", "party.member")],
            )
            source = "rt9"
        return dict({"name": "Mine", "code": "rt9_mine", "source": source, "points": 0.0}, **vals)

    def test_officer_creates_no_points_rule(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.point.rule", "create",
                self._rule_vals(company_id=self.env.company.id))  # fmt: skip
        self.assertFalse(self.env["party.point.rule"].search([("code", "=", "rt9_mine")]))

    def test_party_administrator_creates_no_default_rule_of_every_company(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.point.rule", "create",
                self._rule_vals(company_id=False, active=False))  # fmt: skip
        self.assertFalse(
            self.env["party.point.rule"]
            .with_context(active_test=False)
            .search([("code", "=", "rt9_mine")])
        )

    def test_party_administrator_creates_no_second_rule_of_a_source(self):
        vals = self._rule_vals(company_id=self.env.company.id)
        self.env["party.point.rule"].create(dict(vals, code="rt9_first"))
        with self.assertRaisesRegex(ValidationError, "one active points rule per source"):
            rpc(self.env, self.admin, "party.point.rule", "create", vals)

    def test_nobody_writes_or_creates_a_points_line(self):
        line_vals = {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                     "company_id": self.env.company.id, "date": "2026-01-01", "year": 2026,
                     "points": 500.0}  # fmt: skip
        for name, user in {"admin": self.admin, "auditor": self.auditor,
                           "portal": self.portal}.items():  # fmt: skip
            with self.subTest(user=name), self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "create", line_vals)
        line = self.env["party.point"].browse(
            self.env["party.point"].action_correct(self.member_a.id, -1.0, "Late")
        )
        for name, user in {"admin": self.admin, "auditor": self.auditor,
                           "portal": self.portal}.items():  # fmt: skip
            with self.subTest(user=name, write=True), self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "write", {"points": 500.0}, ids=line.ids)
        self.assertFalse(self.env["party.point"].search([("points", "=", 500.0)]))
        self.assertEqual(line.points, -1.0)
