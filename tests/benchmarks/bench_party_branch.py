"""Benchmark of party_branch at enterprise-group scale (not a timed test).

Builds 1,000 organisations and 50,000 members in the benchmark database, then
measures, with wall time and SQL query count:

* the full compliance pass over every organisation (first pass, which opens
  the findings and one activity per organisation and day listing them for the
  person responsible, and the daily re-run); the number of activities opened is
  printed with it;
* member search by name and by ID number, as administrator and as an officer
  (record rules applied);
* the officer dashboard (the kanban's web_search_read) for an officer of one
  branch and for an officer of a general branch with many branches, to show
  that the query count does not grow with the number of records returned.

Each compliance pass is broken down by part (``breakdown``): every check of the
table of the five addons, the member facts the checks share, the texts in every
language, the comparison with the open findings, the findings and digests
written; each part's own time and queries, slowest first.

Targets on a 2-core machine (issue 27): daily compliance re-run < 1 s, first
pass < 2 s, with every check of the five addons (the first pass opens about
12,800 findings and 1,000 digest activities: two INSERT statements, whose
foreign-key checks are most of its floor), a search < 200 ms, dashboard < 1 s.
Run through ``bin/party bench``; nothing is committed.
"""

import datetime
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    N_BRANCHES,
    QUIET,
    build_tree,
    create_members,
    emit,
    find_or_build,
    measure,
    member_vals,
    officer_of,
    print_target,
)

N_MEMBERS = 50_000
CODE = "BENCH"

# The parts of the compliance pass timed one by one (``breakdown``): besides every
# check of the table (``_check_<code>``), the shared facts and the writes.
PARTS = (
    ("party.compliance", "_member_snapshot", "shared: members"),
    ("party.organization", "_member_counts", "shared: member counts"),
    ("party.organization", "_position_state", "shared: positions"),
    ("party.compliance", "_render_breaches", "texts in every language"),
    ("party.finding", "_sync", "findings: compare"),
    ("party.finding", "_responsible_users", "findings: responsible users"),
    ("party.finding", "_digest_activities", "digests: mail.activity records"),
    ("party.finding", "_create_with_digests", "findings: insert"),
    ("party.finding", "_write_digest_texts", "digests: texts"),
    ("party.finding", "_close_activities", "findings: close"),
)


@contextmanager
def breakdown(env, parts):
    """Time the methods ``parts`` ((model, method, label)) while the block runs: yields
    {label: [seconds, queries, calls]}, each part's own time and queries (the parts it
    calls counted in theirs, not twice), so that the rows add up to the whole."""
    rows = {}
    stack = []
    patched = []

    def wrap(cls, method, label):
        orig = getattr(cls, method)

        def timed(self, *args, **kwargs):
            cr = self.env.cr
            frame = [0.0, 0]  # time and queries of the timed parts it calls
            stack.append(frame)
            start, queries = time.perf_counter(), cr.sql_log_count
            try:
                return orig(self, *args, **kwargs)
            finally:
                stack.pop()
                elapsed = time.perf_counter() - start
                count = cr.sql_log_count - queries
                row = rows.setdefault(label, [0.0, 0, 0])
                row[0] += elapsed - frame[0]
                row[1] += count - frame[1]
                row[2] += 1
                if stack:
                    stack[-1][0] += elapsed
                    stack[-1][1] += count

        setattr(cls, method, timed)
        patched.append((cls, method, orig))

    for model, method, label in parts:
        cls = type(env[model])
        if hasattr(cls, method):
            wrap(cls, method, label)
    try:
        yield rows
    finally:
        for cls, method, orig in reversed(patched):
            setattr(cls, method, orig)


def compliance_parts(env):
    """PARTS and one part per check of the compliance table."""
    return PARTS + tuple(
        ("party.compliance", check.function, f"check {check.code}")
        for check in env["party.compliance"]._check_table()
    )


def print_breakdown(label, rows):
    """The parts of one measurement, slowest first, and their machine-readable lines."""
    print(f"\n{label}: {'part':<40}  {'time (ms)':>10}  {'queries':>8}  {'calls':>6}")
    for part, (elapsed, queries, calls) in sorted(rows.items(), key=lambda r: -r[1][0]):
        print(f"{'':<{len(label)}}  {part:<40}  {elapsed * 1000:>10.1f}  {queries:>8}  {calls:>6}")
        emit(f"{label}: {part}", round(elapsed, 4), "s", queries, calls=calls)


def build(env):
    rng = random.Random(18)
    committee, generals, branches, groups = build_tree(env, CODE, "Bench Committee")
    today = datetime.date.today()
    vals = [
        {
            **member_vals(i, branches, groups, rng, 110101, today),
            "income_category": "salaried",
            "dues_base": 3000 + (i % 50) * 100,
        }
        for i in range(N_MEMBERS)
    ]
    members = create_members(env, vals)
    types = {t.code: t for t in env["party.position.type"].search([])}
    # The first members of each branch hold its positions; some branches keep a vacancy.
    first = {}
    for member in members[: N_BRANCHES * 5]:
        first.setdefault(member.organization_id.id, []).append(member.id)
    positions = []
    for n, branch in enumerate(branches):
        holders = first[branch.id]
        codes = ["secretary", "organization", "propaganda", "discipline"]
        if n % 7 == 0:
            codes.remove("propaganda")
        for code, member_id in zip(codes, holders, strict=False):
            positions.append(
                {
                    "organization_id": branch.id,
                    "member_id": member_id,
                    "position_type_id": types[code].id,
                    "date_start": "2024-01-01",
                }
            )
    env["party.position"].with_context(**QUIET).create(positions)
    return committee, generals, branches, groups, members


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        (committee, generals, branches, groups, members), found = find_or_build(env, CODE, build)
        orgs = env["party.organization"].search([("id", "child_of", committee.id)])
        # An officer of one branch, one of a general branch (all its branches).
        branch = branches[1]
        general = generals[1]
        branch_member = members.filtered(lambda m: m.organization_id == branch)[5]
        general_member = members.filtered(lambda m: m.organization_id.parent_id == general)[7]
        branch_officer = officer_of(env, branch, branch_member, "bench_branch_officer")
        general_officer = officer_of(env, general, general_member, "bench_general_officer")
        env["res.users"].invalidate_model(["party_managed_organization_ids"])
        env.flush_all()

        rows = []

        def check():
            orgs.action_check_compliance()
            return env["party.finding"].search_count(
                [("organization_id", "in", orgs.ids), ("state", "=", "open")]
            )

        parts = compliance_parts(env)
        with breakdown(env, parts) as first_parts:
            measure(env, "compliance pass, first (opens findings)", check, rows)
        # the digest: one activity per organisation and day, on the organisation
        activities = env["mail.activity"].search_count(
            [
                ("res_model", "=", "party.organization"),
                (
                    "activity_type_id",
                    "=",
                    env.ref("party_branch.mail_activity_type_party_finding").id,
                ),
            ]
        )
        with breakdown(env, parts) as rerun_parts:
            measure(env, "compliance pass, daily re-run", check, rows)
        name = members[12345].name
        number = members[23456].sudo().id_number
        own_number = general_member.sudo().id_number
        Member = env["party.member"]
        measure(
            env,
            f"search by name '{name}' (admin)",
            lambda: len(Member.search([("name", "ilike", name)], limit=80)),
            rows,
        )
        measure(
            env,
            "search by ID number (admin)",
            lambda: len(Member.search([("id_number", "=", number)])),
            rows,
        )
        as_general = Member.with_user(general_officer)
        measure(env, f"search by name '{name[0]}' (general-branch officer)",
                lambda: len(as_general.search([("name", "ilike", name[0])], limit=80)), rows)  # fmt: skip
        measure(env, "search by ID number (general-branch officer)",
                lambda: len(as_general.search([("id_number", "=", own_number)])), rows)  # fmt: skip
        spec = {
            name: {}
            for name in (
                "name", "org_type", "member_count", "full_member_count", "vacancy_count",
                "open_finding_count", "term_end",
            )
        }  # fmt: skip
        spec["secretary_id"] = {"fields": {"display_name": {}}}
        for label, user in (
            ("branch officer", branch_officer),
            ("general-branch officer", general_officer),
        ):
            Org = env["party.organization"].with_user(user)
            measure(env, f"dashboard ({label})", lambda Org=Org: Org.web_search_read(
                [("is_managed", "=", True)], spec, limit=80)["length"], rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'records':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print(f"\ndigest activities open after the first pass: {activities}")
    print_breakdown("first pass", first_parts)
    print_breakdown("re-run", rerun_parts)
    print_target("targets: daily compliance re-run < 1000 ms, first pass < 2000 ms, search < 200 ms, "
          "dashboard < 1000 ms; dashboard queries independent of the number of organisations "
          "returned")  # fmt: skip


if __name__ == "__main__":
    main()
