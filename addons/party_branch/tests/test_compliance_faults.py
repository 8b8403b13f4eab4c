"""Faults in the middle of the compliance pass (issue 28): the process running it is
killed, or its database connection, when it has written half of its work; nothing
of it is left, and running the pass again leaves the same findings and activities
as a pass that was never interrupted.

Real transactions (see concurrency.py): three identical trees are committed, one
checked without interruption, the others interrupted then checked again.
"""

import multiprocessing
import os
import signal
import threading
import time
import uuid
from contextlib import closing
from datetime import date
from unittest.mock import patch

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.models.party_finding import PartyFinding

from .concurrency import QUIET, build_tree, committed, registry_lock_released, remove_organizations

# These tests exist to commit and to kill: what they check is what a real transaction leaves.
# pylint: disable=invalid-commit,broad-exception-caught

ON_DATE = date(2026, 3, 2)
WAIT = 120  # seconds: the pass reaching its hold, a killed backend going away


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
    cr.execute("SELECT pg_backend_pid()")
    pid = cr.fetchone()[0]
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
    odoo.sql_db._Pool = None  # connections of its own: the parent's sockets are not its

    def hold(self, rows):
        pipe.send(_halfway(self.env, org_ids))
        time.sleep(WAIT)

    PartyFinding._write_digest_texts = hold
    with registry_lock_released(), closing(db_connect(dbname).cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
        _check(org_ids)(env)
        cr.commit()
    pipe.send("committed")  # never: the hold outlasts the test's patience


@tagged("post_install", "-at_install")
class TestCompliancePassFaults(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = cls.env.cr.dbname
        cls.trees = {}

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

    def _wait_backend_gone(self, pid):
        def alive(env):
            env.cr.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            return env.cr.fetchone()[0]

        deadline = time.monotonic() + WAIT
        while committed(self.db, alive):
            self.assertLess(time.monotonic(), deadline, "the killed backend is still there")
            time.sleep(0.2)

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
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        child = context.Process(target=_run_held_in_child, args=(self.db, org_ids, theirs))
        child.start()
        try:
            self.assertTrue(ours.poll(WAIT), "the pass never reached its hold")
            pid, findings, digests = ours.recv()
            # halfway: its findings and digests are written in its transaction
            self.assertGreater(findings, 0)
            self.assertGreater(digests, 0)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.join(WAIT)
        self.assertEqual(child.exitcode, -signal.SIGKILL)
        self._wait_backend_gone(pid)
        self._nothing_left(org_ids)
        committed(self.db, _check(org_ids))
        self.assertEqual(self._result(tree), self._result(self.trees["whole"]))

    def test_connection_killed_halfway_leaves_nothing_and_rerun_completes(self):
        tag, org_ids = tree = self.trees["connection"]
        reached, release = threading.Event(), threading.Event()
        outcome = {}
        write_texts = PartyFinding._write_digest_texts

        def hold(finding_self, rows):
            outcome["halfway"] = _halfway(finding_self.env, org_ids)
            reached.set()
            release.wait(WAIT)
            return write_texts(finding_self, rows)

        def run():
            try:
                with closing(db_connect(self.db).cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
                    _check(org_ids)(env)
                    cr.commit()
                    outcome["committed"] = True
            except Exception as error:  # noqa: BLE001  (what the pass met, for the test)
                outcome["error"] = error

        thread = threading.Thread(target=run)
        with (
            patch.object(PartyFinding, "_write_digest_texts", hold),
            mute_logger("odoo.sql_db"),
            registry_lock_released(),
        ):
            thread.start()
            try:
                self.assertTrue(reached.wait(WAIT), "the pass never reached its hold")
                pid, findings, digests = outcome["halfway"]
                self.assertGreater(findings, 0)
                self.assertGreater(digests, 0)

                def terminate(env):
                    env.cr.execute("SELECT pg_terminate_backend(%s)", [pid])
                    return env.cr.fetchone()[0]

                self.assertTrue(committed(self.db, terminate))
            finally:
                release.set()
                thread.join(WAIT)
        self.assertNotIn("committed", outcome)
        self.assertIsInstance(outcome.get("error"), psycopg2.Error)
        self._wait_backend_gone(pid)
        self._nothing_left(org_ids)
        committed(self.db, _check(org_ids))
        self.assertEqual(self._result(tree), self._result(self.trees["whole"]))
