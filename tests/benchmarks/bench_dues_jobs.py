"""Benchmark: the monthly dues run of 50,000 members as queue_job jobs that real job
runners execute, with one job at a time and with two (issue 27: "monthly dues with one
and with two job runners"). Not a timed test.

The tree is bench_party_dues's (1,000 organisations, 50,000 members, codes ``DUES-``),
found in the database or built and **committed**: the jobs run in other processes,
which see committed rows only. Each round:

1. deletes the rows of the benchmark's month (a month nobody uses, six months ahead)
   of the tree's members (committed, then ``VACUUM ANALYZE party_dues``);
2. starts one Odoo server in multi-process mode (``--workers``, default 3) that loads
   ``queue_job`` server-wide, with the channels ``root:<capacity>`` (queue_job's
   ``ODOO_QUEUE_JOB_CHANNELS``): its job runner sends that many jobs at once to the
   server's workers; waits until the runner is ready;
3. writes the run and enqueues its chunks (``party.job.run._party_start``, one job per
   100 organisations), commits, and waits until every chunk is done: the wall time
   from the first enqueue to the last chunk done, the members a second, and from
   queue_job's rows the jobs' own execution time (the sum, and the longest);
4. stops the server.

The rounds alternate the capacities (``PARTY_BENCH_CAPACITIES``, default ``1,2,1,2``)
so that a machine that others share gives paired figures; each prints the load
average before it. For comparison, the same chunks in the script's own transaction
(no runner, rolled back): the time and the query count of the chunks' work (the jobs'
SQL is that, plus queue_job's own bookkeeping: a few statements a job, not counted).
Queue_job elects one job runner per database (a PostgreSQL lock): two Odoo processes
with runners are one runner and a standby, so "two runners" is measured as one runner
with capacity 2 over workers that are separate processes (what a second machine's
workers behind a proxy add).

``PARTY_BENCH_CHUNK=20``: chunks of that many organisations instead of the suite's 100
(more, smaller jobs). Nothing of the benchmark is left in the database but the tree:
its runs, jobs and rows are deleted at the end.

``PARTY_BENCH_MEMBERS=200000`` (issue 27: "the figures for 200,000 members"): the run
over 200,000 members in 4,000 organisations: the 50,000-member tree and three copies of
it (codes ``DUES2-`` to ``DUES4-``, each 1,000 organisations built through the ORM), whose
members are SQL copies of the first tree's (their partners too; the same income mix,
new ID numbers of another region), committed and found again by the next run (minutes
through the ORM, seconds this way). Every monthly run of the database covers them
afterwards (bench_party_dues's run too: its members/s stay comparable, its counts grow).
"""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2
from dateutil.relativedelta import relativedelta

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import build_tree, emit, find_or_build, find_tree, print_target  # noqa: E402
from bench_party_dues import PREFIX, REGION, build  # noqa: E402

from odoo.addons.party_branch.models import party_job_run  # noqa: E402
from odoo.addons.party_branch.tools import gb11643  # noqa: E402

CAPACITIES = [
    int(c) for c in (os.environ.get("PARTY_BENCH_CAPACITIES") or "1,2,1,2").split(",") if c
]
WORKERS = int(os.environ.get("PARTY_BENCH_WORKERS") or 3)
CHUNK = int(os.environ.get("PARTY_BENCH_CHUNK") or party_job_run.CHUNK_SIZE)
READY_TIMEOUT = 180  # seconds for a server and its job runner to start
RUN_TIMEOUT = 900  # seconds for a round's chunks to be done
KEY = "bench-dues-jobs"
N_MEMBERS = int(os.environ.get("PARTY_BENCH_MEMBERS") or 50_000)
TREE_MEMBERS = 50_000  # members of one tree (bench_party_dues's)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def connect(db):
    """A plain autocommit connection (polling, VACUUM), apart from Odoo's cursors."""
    __, info = odoo.sql_db.connection_info_for(db)
    conn = psycopg2.connect(**info)
    conn.autocommit = True
    return conn


class Server:
    """One Odoo server with workers and queue_job's runner, in a process group of its
    own (stopped by that group's id)."""

    def __init__(self, db, capacity, log):
        self.port, self.log = free_port(), log
        environ = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=f"root:{capacity}")
        environ.pop("PARTY_BENCH_DB", None)
        command = [
            sys.executable, "-m", "odoo", "-c", odoo.tools.config.rcfile, "-d", db,
            "--load=base,web,queue_job", f"--workers={WORKERS}", "--max-cron-threads=0",
            "--http-interface=127.0.0.1", f"--http-port={self.port}",
            f"--gevent-port={free_port()}", f"--logfile={log}", "--log-level=info",
            "--limit-time-real=900", "--limit-time-cpu=600",
        ]  # fmt: skip
        log.unlink(missing_ok=True)
        self.process = subprocess.Popen(  # noqa: S603
            command,
            env=environ,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_ready(self):
        """Until the HTTP server answers and the job runner has its database."""
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Odoo server stopped: see {self.log}")
            text = self.log.read_text(errors="replace") if self.log.exists() else ""
            if "queue job runner ready for db" in text:
                try:
                    url = f"http://127.0.0.1:{self.port}/web/health"
                    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                        if response.status == 200:
                            return
                except OSError:
                    pass
            time.sleep(0.5)
        raise RuntimeError(f"the Odoo server or its job runner did not start: see {self.log}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def clear_month(db, period, org_ids):
    conn = connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "DELETE FROM party_dues WHERE period = %s AND organization_id = ANY(%s)",
                [period, org_ids],
            )
            cr.execute("VACUUM ANALYZE party_dues")
    finally:
        conn.close()


def start_run(registry, key, period, org_ids):
    """Write the run and enqueue its chunks, committed; the run's id."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        run = env["party.job.run"]._party_start(
            key,
            f"Benchmark: monthly dues of {period:%Y-%m} as jobs",
            "party.dues",
            "_party_job_generate",
            org_ids,
            {"period": str(period)},
            sync=False,
        )
        return run.id


def wait_done(conn, run_id):
    """Poll the run's chunks until all are done (a failed one ends the round)."""
    deadline = time.monotonic() + RUN_TIMEOUT
    with conn.cursor() as cr:
        while time.monotonic() < deadline:
            cr.execute(
                "SELECT count(*) FILTER (WHERE state = 'done'), "
                "count(*) FILTER (WHERE state = 'failed'), count(*) "
                "FROM party_job_chunk WHERE run_id = %s",
                [run_id],
            )
            done, failed, total = cr.fetchone()
            if failed:
                raise RuntimeError(f"{failed} of {total} chunks failed")
            if done == total:
                return total
            time.sleep(0.05)
    raise RuntimeError(f"the chunks were not done in {RUN_TIMEOUT} s")


def job_times(conn, run_id):
    """(sum, max) of the execution time of the run's jobs, in seconds."""
    with conn.cursor() as cr:
        cr.execute(
            """SELECT COALESCE(sum(q.exec_time), 0), COALESCE(max(q.exec_time), 0)
                 FROM queue_job q JOIN party_job_chunk c ON c.job_uuid = q.uuid
                WHERE c.run_id = %s AND q.state = 'done'""",
            [run_id],
        )
        return cr.fetchone()


def count_rows(conn, period, org_ids):
    with conn.cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM party_dues WHERE period = %s AND organization_id = ANY(%s)",
            [period, org_ids],
        )
        return cr.fetchone()[0]


def in_process(registry, period, org_ids):
    """The same chunks in this transaction, no runner, rolled back: (seconds, queries,
    chunks, rows)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.cr.flush()
        before = cr.sql_log_count
        start = time.perf_counter()
        run = env["party.job.run"]._party_start(
            f"{KEY}:in-process",
            "Benchmark: monthly dues in one transaction",
            "party.dues",
            "_party_job_generate",
            org_ids,
            {"period": str(period)},
            sync=True,
        )
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - before
        cr.execute(
            "SELECT count(*) FROM party_dues WHERE period = %s AND organization_id = ANY(%s)",
            [period, org_ids],
        )
        rows = cr.fetchone()[0]
        chunks = len(run.chunk_ids)
        cr.rollback()
    return elapsed, queries, chunks, rows


def cleanup(db, period, org_ids):
    """The benchmark's runs, their jobs and the month's rows."""
    conn = connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT id FROM party_job_run WHERE run_key LIKE %s", [f"{KEY}:%"])
            run_ids = [row[0] for row in cr.fetchall()]
            cr.execute(
                "DELETE FROM queue_job WHERE uuid IN (SELECT job_uuid FROM party_job_chunk "
                "WHERE run_id = ANY(%s))",
                [run_ids],
            )
            cr.execute("DELETE FROM party_job_run WHERE id = ANY(%s)", [run_ids])
            cr.execute(
                "DELETE FROM party_dues WHERE period = %s AND organization_id = ANY(%s)",
                [period, org_ids],
            )
    finally:
        conn.close()


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def copy_tree(env, number, source):
    """Copy ``number`` (2, 3, ...) of the tree ``source`` (find_tree's tuple): 1,000 new
    organisations through the ORM (codes ``DUES<number>-``), then the source's members
    and their partners copied by SQL, each into the copy of their branch and group, with
    an ID number of another region (same birth date and order code). Returns the copy
    as find_tree does."""
    code = f"{PREFIX}{number}"
    committee, generals, branches, groups = build_tree(
        env, code, f"Dues Bench Committee {number}", f"Dues{number} "
    )
    env.flush_all()
    __, __, src_branches, src_groups, src_members = source
    org_map = dict(zip(src_branches.ids, branches.ids, strict=True))
    org_map.update(zip(src_groups.ids, groups.ids, strict=True))
    cr = env.cr
    cr.execute(
        "SELECT id, partner_id, id_number, organization_id, group_id FROM party_member "
        "WHERE id = ANY(%s) ORDER BY id",
        [src_members.ids],
    )
    rows = cr.fetchall()
    ids = [r[0] for r in rows]
    partners = [r[1] for r in rows]
    numbers = [
        gb11643.make(REGION + number - 1, gb11643.birthdate(r[2]), int(r[2][14:17])) for r in rows
    ]
    orgs = [org_map[r[3]] for r in rows]
    group_ids = [org_map.get(r[4]) for r in rows]
    cr.execute(
        """CREATE TEMP TABLE bench_copy ON COMMIT DROP AS
           SELECT v.old_id, v.old_partner, nextval('res_partner_id_seq') AS new_partner,
                  v.id_number, v.organization_id, v.group_id
             FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::int[], %s::int[])
                  AS v(old_id, old_partner, id_number, organization_id, group_id)""",
        [ids, partners, numbers, orgs, group_ids],
    )
    partner_cols = [c for c in columns(cr, "res_partner") if c != "commercial_partner_id"]
    cr.execute(
        f"""INSERT INTO res_partner (id, commercial_partner_id, {", ".join(partner_cols)})
            SELECT b.new_partner, b.new_partner, {", ".join("p." + c for c in partner_cols)}
              FROM bench_copy b JOIN res_partner p ON p.id = b.old_partner"""  # noqa: S608
    )
    fixed = {"partner_id", "id_number", "organization_id", "group_id", "calendar_token",
             "user_id", "employee_id"}  # fmt: skip
    member_cols = [c for c in columns(cr, "party_member") if c not in fixed]
    cr.execute(
        f"""INSERT INTO party_member (partner_id, id_number, organization_id, group_id,
                                      {", ".join(member_cols)})
            SELECT b.new_partner, b.id_number, b.organization_id, b.group_id,
                   {", ".join("m." + c for c in member_cols)}
              FROM bench_copy b JOIN party_member m ON m.id = b.old_id"""  # noqa: S608
    )
    cr.execute("DROP TABLE bench_copy")
    env.invalidate_all()
    return find_tree(env, code)


def trees(env):
    """The trees of ``N_MEMBERS`` members: bench_party_dues's, and its copies beyond
    50,000 members (found, or built and committed)."""
    tree, __ = find_or_build(env, PREFIX, build)
    env.cr.commit()  # the runners' processes read committed rows only
    found = [tree]
    for number in range(2, -(-N_MEMBERS // TREE_MEMBERS) + 1):
        start = time.perf_counter()
        copy = find_tree(env, f"{PREFIX}{number}")
        if not copy or len(copy[4]) != len(tree[4]):
            if copy:
                raise RuntimeError(f"the tree {PREFIX}{number} is incomplete: drop it first")
            copy = copy_tree(env, number, tree)
            env.cr.commit()
            print(
                f"copied the tree as {PREFIX}{number}: {len(copy[4])} members in "
                f"{time.perf_counter() - start:.1f} s"
            )
        found.append(copy)
    return found


def main():
    db = os.environ["PARTY_BENCH_DB"]
    print_target(
        "target: the monthly run as jobs shares the chunks among the runner's slots: "
        "two at once finish sooner than one (issue 27)"
    )
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        org_ids, n_members = [], 0
        for committee, generals, branches, groups, members in trees(env):
            org_ids += (committee | generals | branches | groups).ids
            n_members += len(members)
        org_ids.sort()
        print(f"{len(org_ids)} organisations, {n_members} members")
    period = datetime.date.today().replace(day=1) + relativedelta(months=6)
    party_job_run.CHUNK_SIZE = CHUNK
    logs = Path(os.environ.get("PARTY_BENCH_LOGS") or "/tmp")
    results = []
    try:
        clear_month(db, period, org_ids)
        elapsed, queries, chunks, rows = in_process(registry, period, org_ids)
        print(
            f"in one transaction, no runner: {rows} rows, {chunks} chunks of {CHUNK} "
            f"organisations in {elapsed:.2f} s ({rows / elapsed:,.0f} members/s), "
            f"{queries} queries ({queries / chunks:.0f} a chunk)"
        )
        emit("monthly run, its chunks in one transaction (no runner)", round(elapsed, 3),
             "s", queries, records=rows, rate=round(rows / elapsed), rate_unit="members/s",
             chunks=chunks, load=os.getloadavg()[0])  # fmt: skip
        for index, capacity in enumerate(CAPACITIES, 1):
            clear_month(db, period, org_ids)
            load = os.getloadavg()
            server = Server(db, capacity, logs / f"bench_dues_jobs-{index}.log")
            try:
                server.wait_ready()
                conn = connect(db)
                try:
                    start = time.perf_counter()
                    run_id = start_run(registry, f"{KEY}:{index}", period, org_ids)
                    chunks = wait_done(conn, run_id)
                    elapsed = time.perf_counter() - start
                    rows = count_rows(conn, period, org_ids)
                    busy, longest = job_times(conn, run_id)
                finally:
                    conn.close()
            finally:
                server.stop()
            results.append((capacity, elapsed, rows, chunks, busy, longest, load))
            print(
                f"round {index}: {capacity} job(s) at once ({WORKERS} workers): {rows} rows "
                f"({n_members} members) in {chunks} jobs, {elapsed:.2f} s from the first "
                f"enqueue to the last chunk done ({rows / elapsed:,.0f} members/s); jobs' "
                f"own time {busy:.2f} s in all, longest {longest:.2f} s; load average "
                f"before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
            )
            emit(f"monthly run as jobs, {capacity} at once (round {index})", round(elapsed, 3),
                 "s", queries, records=rows, rate=round(rows / elapsed),
                 rate_unit="members/s", chunks=chunks, capacity=capacity, workers=WORKERS,
                 jobs_time=round(busy, 3), longest_job=round(longest, 3),
                 load=round(load[0], 2))  # fmt: skip
    finally:
        cleanup(db, period, org_ids)
    for capacity in sorted(set(CAPACITIES)):
        times = [r[1] for r in results if r[0] == capacity]
        if times:
            print(f"{capacity} at once: best {min(times):.2f} s of {len(times)} rounds")


if __name__ == "__main__":
    main()
