"""Two real transactions at once, for the concurrency tests of the Party addons.

A test transaction cannot see what another connection does, and the other
connection cannot see the test's uncommitted fixtures. These helpers open
independent cursors (``db_connect(...).cursor()``), commit a small fixture in
one of them, run two transactions in threads with a barrier so that they
really overlap, and remove the committed fixture afterwards.
"""

import multiprocessing
import os
import signal
import threading
import time
import uuid
from contextlib import closing, contextmanager
from datetime import date
from unittest.mock import patch

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.queue_job import jobrunner

from .common import member_user

# These helpers exist to commit: two transactions only meet when they are real ones.
# pylint: disable=invalid-commit,broad-exception-caught
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
         "mail_create_nosubscribe": True, "tz": "UTC"}  # fmt: skip
WAIT = 120  # seconds: a fault test's run reaching its hold, a killed backend going away


def stop_job_runner():
    """Stop the queue_job runner thread of this process, if one runs.

    A server started in the test process (pytest-odoo's ``--odoo-http`` starts Odoo's
    threaded server, which queue_job, loaded server-wide, patches to start its runner)
    runs a job runner that takes every committed job waiting in the database: it would
    race the tests that hand committed jobs out themselves. The tests of the runs call
    queue_job's own runner code on the jobs they choose; nothing else needs the thread.
    """
    thread = jobrunner.runner_thread
    if thread is not None and thread.is_alive():
        thread.stop()
        thread.join(WAIT)
    jobrunner.runner_thread = None


class CommittedCase(TransactionCase):
    """A test class whose fixture is committed (:func:`committed`), for other
    connections to see: ``cls.db`` is the database, ``cls.tag`` a tag of 8 hex digits
    unique to the class's run, for the names and codes of what it commits. No job
    runner of this process takes the jobs it commits (:func:`stop_job_runner`)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stop_job_runner()
        cls.db = cls.env.cr.dbname
        cls.tag = uuid.uuid4().hex[:8]


class FaultCase(CommittedCase):
    """A committed-fixture case whose tests interrupt a run halfway (issue 28): the
    process running it is killed (:meth:`_killed_child`), or its database connection
    (:meth:`_held_in_thread` then :meth:`_terminate`); then the test waits for the
    killed backend to go (:meth:`_wait_backend_gone`) before it reads what is left."""

    def _wait_backend_gone(self, pid):
        def alive(env):
            env.cr.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            return env.cr.fetchone()[0]

        deadline = time.monotonic() + WAIT
        while committed(self.db, alive):
            self.assertLess(time.monotonic(), deadline, "the killed backend is still there")
            time.sleep(0.2)

    def _terminate(self, pid):
        """Kill backend ``pid``'s connection (pg_terminate_backend)."""

        def terminate(env):
            env.cr.execute("SELECT pg_terminate_backend(%s)", [pid])
            return env.cr.fetchone()[0]

        self.assertTrue(committed(self.db, terminate))

    @contextmanager
    def _killed_child(self, target, *args):
        """Run ``target(*args, pipe)`` in a forked child process (database connections
        of its own); yield the test's end of the pipe. On leaving the block the child is
        killed (SIGKILL) and must have died of it: its ``"committed"``, sent if ``target``
        returns, is never read."""
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        child = context.Process(target=_child_main, args=(target, args, theirs))
        child.start()
        try:
            yield ours
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.join(WAIT)
        self.assertEqual(child.exitcode, -signal.SIGKILL)

    @contextmanager
    def _held_in_thread(self, work, owner, attribute, halfway):
        """Run ``work(env)`` in a thread, in a transaction of its own, held where it calls
        ``owner.attribute``: there ``halfway(*args)`` (the call's arguments) reads what the
        run has written, the pid of its backend first, and the run waits. Yields what
        ``halfway`` read; the block kills the connection (:meth:`_terminate`). After the
        block the run is released, and must have met a database error, uncommitted."""
        reached, release = threading.Event(), threading.Event()
        outcome = {}
        original = getattr(owner, attribute)

        def hold(*args):
            outcome["halfway"] = halfway(*args)
            reached.set()
            release.wait(WAIT)
            return original(*args)

        def run():
            try:
                with closing(db_connect(self.db).cursor()) as cr:
                    work(api.Environment(cr, SUPERUSER_ID, dict(QUIET)))
                    cr.commit()
                    outcome["committed"] = True
            except Exception as error:  # noqa: BLE001  (what the run met, for the test)
                outcome["error"] = error
                reached.set()

        thread = threading.Thread(target=run)
        with (
            patch.object(owner, attribute, hold),
            mute_logger("odoo.sql_db"),
            registry_lock_released(),
        ):
            thread.start()
            try:
                self.assertTrue(reached.wait(WAIT), "the run never reached its hold")
                self.assertIn("halfway", outcome, outcome.get("error"))
                yield outcome["halfway"]
            finally:
                release.set()
                thread.join(WAIT)
        self.assertNotIn("committed", outcome)
        self.assertIsInstance(outcome.get("error"), psycopg2.Error)


def _child_main(target, args, pipe):
    """The body of :meth:`FaultCase._killed_child`'s child process."""
    odoo.sql_db._Pool = None  # connections of its own: the parent's sockets are not its
    with registry_lock_released():
        target(*args, pipe)
    pipe.send("committed")  # never: the test kills the child first


def backend_pid(cr):
    """The pid of ``cr``'s database backend (what a fault test kills)."""
    cr.execute("SELECT pg_backend_pid()")
    return cr.fetchone()[0]


@contextmanager
def registry_lock_released():
    """Let threads create Environments while the caller holds ``Registry._lock``.

    Odoo's own test runner holds that lock in its main thread for the whole run
    (odoo/service/server.py: ``with Registry._lock: preload_registries(...)``);
    ``api.Environment`` calls ``Registry(db)``, which takes it, so a helper
    thread would wait until its join() gives up.  As HttpCase's test mode does
    (``Registry.enter_test_mode``), the lock is a dummy while the threads run:
    the registry exists already, nothing is built meanwhile.
    """
    saved = Registry._lock
    Registry._lock = DummyRLock()
    try:
        yield
    finally:
        Registry._lock = saved


def committed(dbname, build):
    """Run ``build(env)`` in its own transaction, commit, return its result."""
    with closing(db_connect(dbname).cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
        result = build(env)
        env.flush_all()
        cr.commit()
        return result


def build_tree(env, tag, count, **member_vals):
    """A committee, a branch under it and ``count`` full members of the branch; their ids."""
    Org = env["party.organization"]
    committee = Org.create({"name": f"Conc {tag}", "code": f"CONC-{tag}", "org_type": "committee"})
    branch = Org.create(
        {"name": f"Conc branch {tag}", "code": f"CONC-{tag}-B", "org_type": "branch",
         "parent_id": committee.id}
    )  # fmt: skip
    members = env["party.member"].create(
        [
            {"name": f"Conc {tag} {i}", "organization_id": branch.id, "member_category": "full",
             "join_date": date(2010, 3, 1), "full_date": date(2011, 3, 1), **member_vals}
            for i in range(count)
        ]
    )  # fmt: skip
    return committee.id, branch.id, members.ids


def committed_member_user(env, member_id, login, name):
    """A Party member's portal user ``login`` (named ``name``) of member ``member_id``,
    for a :func:`committed` fixture (:func:`remove_user` removes it); its id."""
    user = member_user(env, login, name=name)
    env["party.member"].browse(member_id).user_id = user
    return user.id


def remove_user(dbname, user_id):
    """Remove a committed user of :func:`committed_member_user` (its member kept)."""

    def drop(env):
        env.cr.execute("UPDATE party_member SET user_id = NULL WHERE user_id = %s", [user_id])
        env["res.users"].browse(user_id).unlink()

    committed(dbname, drop)


def race(dbname, first, second, hold=0.5, uid=SUPERUSER_ID):
    """Run ``first(env)`` and ``second(env)`` in two transactions that overlap.

    ``first`` runs to its end (uncommitted); then ``second`` starts while
    ``first`` waits ``hold`` seconds before committing, so that ``second``
    meets ``first``'s locks and rows. Returns ``{"first": result or exception,
    "second": ...}``; a transaction that raised is rolled back.
    """
    started = threading.Event()
    outcome = {}

    def run(name, func, before=None, after=None):
        with closing(db_connect(dbname).cursor()) as cr:
            env = api.Environment(cr, uid, dict(QUIET))
            try:
                if before:
                    before()
                outcome[name] = func(env)
                env.flush_all()
                if after:
                    after()
                cr.commit()
            except Exception as error:  # noqa: BLE001  (reported to the test)
                cr.rollback()
                outcome[name] = error
                started.set()

    def hold_then_commit():
        started.set()
        time.sleep(hold)

    threads = [
        threading.Thread(target=run, args=("first", first, None, hold_then_commit)),
        threading.Thread(target=run, args=("second", second, started.wait, None)),
    ]
    # the loser's failed statement is expected: Odoo's SQL logger would report it as an error
    with mute_logger("odoo.sql_db"), registry_lock_released():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    return outcome


def crowd(dbname, funcs, uid=SUPERUSER_ID):
    """Run every ``func(env)`` in its own transaction, all started together; return the
    results (or exceptions) in order. Nothing is retried: a conflict is an exception."""
    barrier = threading.Barrier(len(funcs))
    results = [None] * len(funcs)

    def run(index, func):
        with closing(db_connect(dbname).cursor()) as cr:
            env = api.Environment(cr, uid, dict(QUIET))
            barrier.wait()
            try:
                results[index] = func(env)
                env.flush_all()
                cr.commit()
            except Exception as error:  # noqa: BLE001  (reported to the test)
                cr.rollback()
                results[index] = error

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(funcs)]
    with mute_logger("odoo.sql_db"), registry_lock_released():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    return results


def remove_organizations(dbname, org_ids, extra=()):
    """Delete what a test committed under ``org_ids``: findings and their activities,
    positions, members and their contacts, chatter, then the organisations.

    ``extra``: statements ``(sql, params)`` run first (the rows of later addons).
    """
    org_ids = tuple(org_ids)
    with closing(db_connect(dbname).cursor()) as cr:
        for statement, params in extra:
            cr.execute(statement, params)
        cr.execute("SELECT id, partner_id FROM party_member WHERE organization_id IN %s", [org_ids])
        rows = cr.fetchall()
        member_ids = tuple(r[0] for r in rows) or (0,)
        partner_ids = tuple(r[1] for r in rows) or (0,)
        cr.execute(
            "DELETE FROM mail_activity WHERE (res_model = 'party.finding' AND res_id IN "
            "(SELECT id FROM party_finding WHERE organization_id IN %s)) "
            "OR (res_model = 'party.organization' AND res_id IN %s)",
            [org_ids, org_ids],
        )
        for table in ("party_finding", "party_position", "party_member_transfer"):
            column = (
                "from_organization_id" if table == "party_member_transfer" else "organization_id"
            )
            cr.execute(f"DELETE FROM {table} WHERE {column} IN %s", [org_ids])  # noqa: S608
        cr.execute(
            "DELETE FROM mail_message WHERE (model = 'party.member' AND res_id IN %s) "
            "OR (model = 'party.organization' AND res_id IN %s)",
            [member_ids, org_ids],
        )
        cr.execute(
            "DELETE FROM mail_followers WHERE (res_model = 'party.member' AND res_id IN %s) "
            "OR (res_model = 'party.organization' AND res_id IN %s)",
            [member_ids, org_ids],
        )
        cr.execute("DELETE FROM party_member WHERE id IN %s", [member_ids])
        cr.execute("DELETE FROM res_partner WHERE id IN %s", [partner_ids])
        cr.execute(
            "DELETE FROM party_organization WHERE id IN %s AND parent_id IS NOT NULL", [org_ids]
        )
        cr.execute("DELETE FROM party_organization WHERE id IN %s", [org_ids])
        cr.commit()
