"""Faults in the middle of the compliance pass (issue 28): the process running it is
killed, or its database connection, when it has written half of its work; nothing
of it is left, and running the pass again leaves the same findings and activities
as a pass that was never interrupted.

Real transactions (see concurrency.py): three identical trees are committed, one
checked without interruption, the others interrupted then checked again.
"""

import time
import uuid
from datetime import date

from odoo.tests import tagged

from odoo.addons.party_branch.models.party_finding import PartyFinding

from .concurrency import WAIT, FaultCase, backend_pid, build_tree, committed, remove_organizations

# These tests exist to commit and to kill: what they check is what a real transaction leaves.
# pylint: disable=invalid-commit,broad-exception-caught

ON_DATE = date(2026, 3, 2)


def _check(org_ids):
    def run(env):
        env["party.organization"].browse(org_ids).action_check_compliance(on_date=ON_DATE)
        return True

    return run


def _halfway(env, org_ids):
    """What the held pass has written in its transaction: its backend's pid, the
    findings and the activities (digests) of ``org_ids``."""
    env.flush_all()
    cr = env.cr
    pid = backend_pid(cr)
    cr.execute("SELECT count(*) FROM party_finding WHERE organization_id = ANY(%s)", [org_ids])
    findings = cr.fetchone()[0]
    cr.execute(
        "SELECT count(*) FROM mail_activity WHERE res_model = 'party.organization' "
        "AND res_id = ANY(%s)",
        [org_ids],
    )
    return pid, findings, cr.fetchone()[0]


def _run_held_in_child(dbname, org_ids, pipe):
    """The child process: runs the pass and holds when findings and digests are written,
    before their texts; sends what it has written, then waits to be killed."""

    def hold(self, rows):
        pipe.send(_halfway(self.env, org_ids))
        time.sleep(WAIT)

    PartyFinding._write_digest_texts = hold
    committed(dbname, _check(org_ids))


@tagged("post_install", "-at_install")
class TestCompliancePassFaults(FaultCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def build(env):
            trees = {}
            for name in ("whole", "process", "connection"):
                tag = f"F{name[:3].upper()}{uuid.uuid4().hex[:6]}"
                committee_id, branch_id, member_ids = build_tree(env, tag, 2)
                # a second breach in the branch: one member's file is not recorded
                env["party.member"].browse(member_ids[1]).file_recorded = False
                trees[name] = (tag, [committee_id, branch_id])
            return trees

        cls.trees = committed(cls.db, build)
        cls.addClassCleanup(
            remove_organizations, cls.db, [i for __, ids in cls.trees.values() for i in ids]
        )
        committed(cls.db, _check(cls.trees["whole"][1]))

    def _result(self, tree):
        """What the committed pass left on ``tree`` (a committee and its branch), told
        apart from the tree's ids and names: the findings (organisation's place, code,
        key, state, person responsible, message) and the digests (place, person,
        summary, codes of the findings it lists)."""
        tag, org_ids = tree

        def read(env):
            place = {org_id: n for n, org_id in enumerate(org_ids)}
            findings = env["party.finding"].search([("organization_id", "in", org_ids)])
            activities = env["mail.activity"].search(
                [("res_model", "=", "party.organization"), ("res_id", "in", org_ids)]
            )
            return (
                sorted(
                    (place[f.organization_id.id], f.code, f.key or "", f.state,
                     f.responsible_user_id.id, f.message.replace(tag, "TAG"))
                    for f in findings
                ),
                sorted(
                    (place[a.res_id], a.user_id.id, a.summary, a.activity_type_id.id,
                     tuple(sorted(findings.filtered(lambda f, a=a: f.digest_activity_id == a)
                                  .mapped("code"))))
                    for a in activities
                ),
            )  # fmt: skip

        return committed(self.db, read)

    def _nothing_left(self, org_ids):
        def count(env):
            env.cr.execute(
                "SELECT (SELECT count(*) FROM party_finding WHERE organization_id = ANY(%s)), "
                "(SELECT count(*) FROM mail_activity WHERE res_model = 'party.organization' "
                "AND res_id = ANY(%s))",
                [org_ids, org_ids],
            )
            return env.cr.fetchone()

        self.assertEqual(committed(self.db, count), (0, 0))

    def test_uninterrupted_pass_opens_findings_and_digests(self):
        findings, digests = self._result(self.trees["whole"])
        branch = 1
        codes = tuple(sorted(f[1] for f in findings if f[0] == branch))
        self.assertIn("no_file", codes)
        self.assertIn("too_few_members", codes)
        # one digest for the branch, listing its findings
        self.assertEqual(
            [(d[2], d[4]) for d in digests if d[0] == branch],
            [(f"{len(codes)} compliance finding(s) to resolve", codes)],
        )

    def test_process_killed_halfway_leaves_nothing_and_rerun_completes(self):
        tag, org_ids = tree = self.trees["process"]
        with self._killed_child(_run_held_in_child, self.db, org_ids) as pipe:
            self.assertTrue(pipe.poll(WAIT), "the pass never reached its hold")
            pid, findings, digests = pipe.recv()
            # halfway: its findings and digests are written in its transaction
            self.assertGreater(findings, 0)
            self.assertGreater(digests, 0)
        self._wait_backend_gone(pid)
        self._nothing_left(org_ids)
        committed(self.db, _check(org_ids))
        self.assertEqual(self._result(tree), self._result(self.trees["whole"]))

    def test_connection_killed_halfway_leaves_nothing_and_rerun_completes(self):
        tag, org_ids = tree = self.trees["connection"]
        with self._held_in_thread(
            _check(org_ids),
            PartyFinding,
            "_write_digest_texts",
            lambda finding, rows: _halfway(finding.env, org_ids),
        ) as (pid, findings, digests):
            self.assertGreater(findings, 0)
            self.assertGreater(digests, 0)
            self._terminate(pid)
        self._wait_backend_gone(pid)
        self._nothing_left(org_ids)
        committed(self.db, _check(org_ids))
        self.assertEqual(self._result(tree), self._result(self.trees["whole"]))
