"""Faults in the middle of the monthly dues run and of a bulk collection (issue 28).

The process running them is killed (SIGKILL), or its database connection
(pg_terminate_backend), once it has started writing: nothing of it is left (no dues
row, no payment, no half entry, no receipt number used), and running it again
leaves the same rows as a run that was never interrupted, once.

Real transactions (party_branch/tests/concurrency.py): identical trees are committed,
one run without interruption, the others interrupted then run again. The monthly run
is one INSERT: it is held in the middle of that statement by a trigger the test
installs (on a member in the middle of the branch, it waits for an advisory lock the
test holds). The collection is held after its entry is posted and its payments and
allocations are inserted, before the months are marked paid.
"""

import threading
import time
import uuid
from contextlib import closing

import psycopg2

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.tests.concurrency import (
    QUIET,
    WAIT,
    FaultCase,
    backend_pid,
    build_tree,
    committed,
    registry_lock_released,
    remove_organizations,
)
from odoo.addons.party_life.models import party_dues_payment

from .common import dues_cleanup

# These tests exist to commit and to kill: what they check is what a real transaction leaves.
# pylint: disable=invalid-commit,broad-exception-caught

BASES = (2000.0, 4000.0, 6000.0, 12000.0, 20000.0)
TREES = ("whole", "gen_process", "gen_connection", "pay_process", "pay_connection")


def _generate(org_ids, month):
    def run(env):
        return len(env["party.dues"].generate(month, organizations=env["party.organization"]
                                              .browse(org_ids)))  # fmt: skip

    return run


def _collect(org_ids, month):
    """One payment per member of the tree who owes the month: its amount, cash, today."""

    def run(env):
        rows = env["party.dues"].search(
            [("organization_id", "in", org_ids), ("period", "=", month), ("state", "=", "due")],
            order="member_id",
        )
        return env["party.dues.payment"].register_payments(
            [{"member_id": row.member_id.id, "amount": row.amount, "method": "cash",
              "date": fields.Date.context_today(env["party.dues"])} for row in rows]
        ).ids  # fmt: skip

    return run


def _written(env, org_ids):
    """What the held collection has written in its transaction: its backend's pid, its
    payments, their allocations, its entries."""
    env.flush_all()
    cr = env.cr
    pid = backend_pid(cr)
    cr.execute(
        "SELECT count(*), count(DISTINCT move_id) FROM party_dues_payment "
        "WHERE organization_id = ANY(%s)",
        [org_ids],
    )
    payments, moves = cr.fetchone()
    cr.execute(
        "SELECT count(*) FROM party_dues_payment_line l JOIN party_dues_payment p "
        "ON p.id = l.payment_id WHERE p.organization_id = ANY(%s)",
        [org_ids],
    )
    return pid, payments, cr.fetchone()[0], moves


def _collect_held_in_child(dbname, org_ids, month, pipe):
    """The child process: runs the collection and holds once its entry, payments and
    allocations are written; sends what it has written, then waits to be killed."""

    def hold(env, *args):
        pipe.send(_written(env, org_ids))
        time.sleep(WAIT)

    party_dues_payment.update_rows = hold
    committed(dbname, _collect(org_ids, month))


def _generate_in_child(dbname, org_ids, month, pipe):
    """The child process: its backend's pid, then the monthly run (held by the test's
    trigger in the middle of its INSERT)."""

    def run(env):
        pipe.send(backend_pid(env.cr))
        return _generate(org_ids, month)(env)

    committed(dbname, run)


@tagged("post_install", "-at_install")
class TestDuesFaults(FaultCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = fields.Date.context_today(cls.env["party.dues"]).replace(day=1)
        cls.lock_key = f"party_dues_fault_{uuid.uuid4().hex[:8]}"

        def build(env):
            env.company.party_dues_lock_date = False
            env["party.dues.payment"]._dues_accounting(env.company)
            trees = {}
            for name in TREES:
                tag = f"DF{uuid.uuid4().hex[:8]}"
                committee_id, branch_id, member_ids = build_tree(
                    env, tag, len(BASES), income_category="salaried"
                )
                for member_id, base in zip(member_ids, BASES, strict=True):
                    env["party.member"].browse(member_id).dues_base = base
                trees[name] = (tag, [committee_id, branch_id], member_ids)
            return trees

        cls.trees = committed(cls.db, build)
        all_orgs = [i for __, ids, __ in cls.trees.values() for i in ids]
        cls.addClassCleanup(cls._remove, all_orgs)
        # the trigger that holds the monthly run in the middle of its INSERT: on the
        # middle member of each interrupted tree, it waits for the test's lock
        held = [cls.trees[name][2][len(BASES) // 2] for name in ("gen_process", "gen_connection")]

        def install(env):
            env.cr.execute(
                f"""CREATE FUNCTION {cls.lock_key}() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.member_id = ANY(%s) THEN
                            PERFORM pg_advisory_lock(hashtext(%s));
                            PERFORM pg_advisory_unlock(hashtext(%s));
                        END IF;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""",  # noqa: S608  (the test's own name)
                [held, cls.lock_key, cls.lock_key],
            )
            env.cr.execute(
                f"CREATE TRIGGER {cls.lock_key} BEFORE INSERT ON party_dues "
                f"FOR EACH ROW EXECUTE FUNCTION {cls.lock_key}()"
            )

        committed(cls.db, install)
        # the uninterrupted runs
        whole = cls.trees["whole"][1]
        committed(cls.db, _generate(whole, cls.month))
        committed(cls.db, _collect(whole, cls.month))
        for name in ("pay_process", "pay_connection"):
            committed(cls.db, _generate(cls.trees[name][1], cls.month))

    @classmethod
    def _remove(cls, org_ids):
        def drop(env):
            env.cr.execute(f"DROP TRIGGER IF EXISTS {cls.lock_key} ON party_dues")
            env.cr.execute(f"DROP FUNCTION IF EXISTS {cls.lock_key}()")

        committed(cls.db, drop)
        remove_organizations(cls.db, org_ids, dues_cleanup(org_ids))

    # ------------------------------------------------------------------ reading

    def _dues(self, name):
        """The month's dues rows of tree ``name``: (member's place, ledger's place,
        income category, base, rate, amount, paid, state, has an entry)."""
        __, org_ids, member_ids = self.trees[name]

        def read(env):
            rows = env["party.dues"].search([("member_id", "in", member_ids)])
            return sorted(
                (member_ids.index(r.member_id.id), org_ids.index(r.organization_id.id),
                 r.period, r.income_category, r.base, r.rate, r.amount, r.paid_amount, r.state,
                 bool(r.move_id))
                for r in rows
            )  # fmt: skip

        return committed(self.db, read)

    def _payments(self, name):
        """Tree ``name``'s payments (member's place, amount, method, state, receipt's
        year) and entries (per entry: the organisations' credit lines and the debit)."""
        __, org_ids, member_ids = self.trees[name]

        def read(env):
            payments = env["party.dues.payment"].search([("member_id", "in", member_ids)])
            lines = payments.move_id.line_ids
            return (
                sorted(
                    (member_ids.index(p.member_id.id), p.amount, p.method, p.state,
                     p.name.rsplit("/", 1)[0], p.move_id.state)
                    for p in payments
                ),
                sorted(
                    (line.credit, line.debit, line.account_id.id,
                     tuple(sorted(line.analytic_distribution or {})) and "analytic")
                    for line in lines
                ),
                len(payments.move_id),
            )  # fmt: skip

        return committed(self.db, read)

    def _receipt_next(self):
        """The next receipt number of this year (the range of the receipt sequence)."""

        def read(env):
            seq = env.ref("party_life.seq_party_dues_payment")
            year = fields.Date.context_today(seq).year
            day_range = env["party.dues.payment"]._receipt_range(seq, year)
            return day_range.number_next

        return committed(self.db, read)

    def _receipt_numbers(self, name):
        member_ids = self.trees[name][2]

        def read(env):
            names = (
                env["party.dues.payment"].search([("member_id", "in", member_ids)]).mapped("name")
            )
            return sorted(int(n.rsplit("/", 1)[1]) for n in names)

        return committed(self.db, read)

    def _wait_held(self, pid):
        """Wait until backend ``pid`` waits for the test's lock inside the INSERT."""

        def waiting(env):
            env.cr.execute(
                "SELECT wait_event_type = 'Lock' AND wait_event = 'advisory' "
                "FROM pg_stat_activity WHERE pid = %s",
                [pid],
            )
            row = env.cr.fetchone()
            return bool(row and row[0])

        deadline = time.monotonic() + WAIT
        while not committed(self.db, waiting):
            self.assertLess(time.monotonic(), deadline, "the monthly run never reached its hold")
            time.sleep(0.2)

    def _holding_lock(self):
        """A connection holding the lock the trigger waits for; closed to release it."""
        cr = db_connect(self.db).cursor()
        cr.execute("SELECT pg_advisory_lock(hashtext(%s))", [self.lock_key])
        cr.commit()
        return cr

    def _release(self, cr):
        cr.execute("SELECT pg_advisory_unlock(hashtext(%s))", [self.lock_key])
        cr.commit()
        cr.close()

    # ------------------------------------------------------------------ tests

    def test_uninterrupted_runs_bill_and_collect_every_member(self):
        rows = self._dues("whole")
        self.assertEqual(len(rows), len(BASES))
        self.assertEqual({row[8] for row in rows}, {"paid"})
        self.assertTrue(all(row[9] for row in rows), "every month paid has its entry")
        payments, lines, moves = self._payments("whole")
        self.assertEqual(len(payments), len(BASES))
        self.assertEqual(moves, 1, "one entry for the company, the day and cash")
        numbers = self._receipt_numbers("whole")
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(BASES))))

    def test_monthly_run_process_killed_halfway_leaves_nothing_and_rerun_completes(self):
        __, org_ids, __ = self.trees["gen_process"]
        lock = self._holding_lock()
        try:
            with self._killed_child(_generate_in_child, self.db, org_ids, self.month) as pipe:
                self.assertTrue(pipe.poll(WAIT), "the child never connected")
                pid = pipe.recv()
                self._wait_held(pid)
        finally:
            self._release(lock)
        self._wait_backend_gone(pid)
        self.assertEqual(self._dues("gen_process"), [], "no row of the killed run")
        self.assertEqual(committed(self.db, _generate(org_ids, self.month)), len(BASES))
        self.assertEqual(committed(self.db, _generate(org_ids, self.month)), len(BASES))
        self.assertEqual(self._dues("gen_process"), self._unpaid(self._dues("whole")))

    def test_monthly_run_connection_killed_halfway_leaves_nothing_and_rerun_completes(self):
        __, org_ids, __ = self.trees["gen_connection"]
        outcome = {}
        connected = threading.Event()

        def run():
            try:
                with closing(db_connect(self.db).cursor()) as cr:
                    cr.execute("SELECT pg_backend_pid()")
                    outcome["pid"] = cr.fetchone()[0]
                    connected.set()
                    env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
                    _generate(org_ids, self.month)(env)
                    cr.commit()
                    outcome["committed"] = True
            except Exception as error:  # noqa: BLE001  (what the run met, for the test)
                outcome["error"] = error
                connected.set()

        lock = self._holding_lock()
        thread = threading.Thread(target=run)
        with mute_logger("odoo.sql_db"), registry_lock_released():
            thread.start()
            try:
                self.assertTrue(connected.wait(WAIT))
                pid = outcome["pid"]
                self._wait_held(pid)
                self._terminate(pid)
            finally:
                self._release(lock)
                thread.join(WAIT)
        self.assertNotIn("committed", outcome)
        self.assertIsInstance(outcome.get("error"), psycopg2.Error)
        self._wait_backend_gone(pid)
        self.assertEqual(self._dues("gen_connection"), [], "no row of the killed run")
        self.assertEqual(committed(self.db, _generate(org_ids, self.month)), len(BASES))
        self.assertEqual(self._dues("gen_connection"), self._unpaid(self._dues("whole")))

    def test_collection_process_killed_halfway_leaves_nothing_and_rerun_completes(self):
        __, org_ids, __ = self.trees["pay_process"]
        before = self._dues("pay_process")
        receipt = self._receipt_next()
        with self._killed_child(_collect_held_in_child, self.db, org_ids, self.month) as pipe:
            self.assertTrue(pipe.poll(WAIT), "the collection never reached its hold")
            pid, payments, allocations, moves = pipe.recv()
            # halfway: its entry, payments and allocations are written in its transaction
            self.assertEqual((payments, allocations, moves), (len(BASES), len(BASES), 1))
        self._wait_backend_gone(pid)
        self._assert_nothing_collected("pay_process", before, receipt)
        self._assert_collected_once("pay_process", receipt)

    def test_collection_connection_killed_halfway_leaves_nothing_and_rerun_completes(self):
        __, org_ids, __ = self.trees["pay_connection"]
        before = self._dues("pay_connection")
        receipt = self._receipt_next()
        with self._held_in_thread(
            _collect(org_ids, self.month),
            party_dues_payment,
            "update_rows",
            lambda env, *args: _written(env, org_ids),
        ) as (pid, payments, allocations, moves):
            self.assertEqual((payments, allocations, moves), (len(BASES), len(BASES), 1))
            self._terminate(pid)
        self._wait_backend_gone(pid)
        self._assert_nothing_collected("pay_connection", before, receipt)
        self._assert_collected_once("pay_connection", receipt)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _unpaid(rows):
        """The rows of an uninterrupted run before their collection."""
        return [(*row[:7], 0.0, "due", False) for row in rows]

    def _assert_nothing_collected(self, name, before, receipt):
        """No payment, no entry, the months as they were, no receipt number used."""
        self.assertEqual(self._payments(name), ([], [], 0))
        self.assertEqual(self._dues(name), before)
        self.assertEqual(self._receipt_next(), receipt, "no receipt number lost")

    def _assert_collected_once(self, name, receipt):
        """Collected again: the rows of the uninterrupted collection, once, with the next
        receipt numbers, none skipped."""
        __, org_ids, __ = self.trees[name]
        committed(self.db, _collect(org_ids, self.month))
        self.assertEqual(committed(self.db, _collect(org_ids, self.month)), [])
        self.assertEqual(self._dues(name), self._dues("whole"))
        self.assertEqual(self._payments(name), self._payments("whole"))
        self.assertEqual(self._receipt_numbers(name), list(range(receipt, receipt + len(BASES))))
