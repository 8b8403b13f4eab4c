"""Benchmark of party_branch at enterprise-group scale (not a timed test).

Builds 1,000 organisations and 50,000 members in the benchmark database, then
measures, with wall time and SQL query count:

* the full compliance pass over every organisation (first pass, which opens
  the findings and activities, and the daily re-run);
* member search by name and by ID number, as administrator and as an officer
  (record rules applied);
* the officer dashboard (the kanban's web_search_read) for an officer of one
  branch and for an officer of a general branch with many branches, to show
  that the query count does not grow with the number of records returned.

Targets on a 2-core machine: compliance pass < 5 s, a search < 200 ms,
dashboard < 1 s. Run through ``bin/party bench``; nothing is committed.
"""

import datetime
import os
import random
import time

import odoo
from odoo import api
from odoo.tests.common import new_test_user

from odoo.addons.party_branch.tools import gb11643

N_ORGS = 1000
N_MEMBERS = 50_000
N_GENERAL = 10
N_GROUPS = 159
N_BRANCHES = N_ORGS - 1 - N_GENERAL - N_GROUPS
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅玉兰海波宁"


def measure(env, label, func, rows):
    env.invalidate_all()
    env.cr.flush()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    rows.append((label, elapsed, env.cr.sql_log_count - before, result))
    return result


def build(env):
    rng = random.Random(18)
    Org = env["party.organization"].with_context(**QUIET)
    committee = Org.create(
        {
            "name": "Bench Committee",
            "code": "BENCH-PC",
            "org_type": "committee",
            "term_start": "2023-01-01",
        }
    )
    generals = Org.create(
        [
            {
                "name": f"General Branch {i:02d}",
                "code": f"BENCH-GB{i:02d}",
                "org_type": "general_branch",
                "parent_id": committee.id,
                "term_start": "2024-03-01",
            }
            for i in range(N_GENERAL)
        ]
    )
    branches = Org.create(
        [
            {
                "name": f"Branch {i:04d}",
                "code": f"BENCH-B{i:04d}",
                "org_type": "joint_branch" if i % 40 == 0 else "branch",
                "parent_id": generals[i % N_GENERAL].id,
                "term_start": (datetime.date(2022, 1, 1) + datetime.timedelta(days=i)).isoformat(),
                "has_committee": i % 3 != 0,
            }
            for i in range(N_BRANCHES)
        ]
    )
    groups = Org.create(
        [
            {
                "name": f"Group {i:03d}",
                "code": f"BENCH-G{i:03d}",
                "org_type": "group",
                "parent_id": branches[i].id,
            }
            for i in range(N_GROUPS)
        ]
    )
    today = datetime.date.today()
    vals = []
    for i in range(N_MEMBERS):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 400)
        order = (i % 400) * 2 + 1 + (i % 2)
        branch = branches[i % N_BRANCHES]
        full = i % 10 != 0
        vals.append(
            {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                "organization_id": branch.id,
                "group_id": groups[i % N_BRANCHES].id if i % N_BRANCHES < N_GROUPS else False,
                "id_number": gb11643.make(110101, birth, order),
                "birthdate": birth,
                "gender": "male" if order % 2 else "female",
                "member_category": "full" if full else "probationary",
                "join_date": birth + datetime.timedelta(days=365 * 25),
                "full_date": birth + datetime.timedelta(days=365 * 26) if full else False,
                "last_contact_date": today - datetime.timedelta(days=200 if i % 50 == 0 else 10),
                "file_recorded": i % 97 != 0,
                "income_category": "salaried",
                "dues_base": 3000 + (i % 50) * 100,
            }
        )
    Member = env["party.member"].with_context(**QUIET)
    members = Member.browse()
    for start in range(0, N_MEMBERS, 2000):
        members |= Member.create(vals[start : start + 2000])
        env.flush_all()
        env.invalidate_all()
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


def officer_of(env, org, member, login):
    user = new_test_user(
        env, login=login, groups="base.group_user,party_branch.group_party_officer"
    )
    member.user_id = user
    if not member.current_position_ids.filtered(lambda p: p.organization_id == org):
        env["party.position"].create(
            {
                "organization_id": org.id,
                "member_id": member.id,
                "position_type_id": env.ref("party_branch.position_type_deputy_secretary").id,
                "date_start": "2024-01-01",
            }
        )
    env.registry.clear_cache()
    return user


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        t0 = time.perf_counter()
        committee = env["party.organization"].search([("code", "=", "BENCH-PC")])
        if committee:  # kept from an earlier run (PARTY_BENCH_KEEP=1)
            Org = env["party.organization"]
            generals = Org.search([("parent_id", "=", committee.id)], order="code")
            branches = Org.search([("code", "=like", "BENCH-B%")], order="code")
            groups = Org.search(
                [("code", "=like", "BENCH-G%"), ("org_type", "=", "group")], order="code"
            )
            members = env["party.member"].search(
                [("organization_id", "in", branches.ids)], order="id"
            )
            verb = "found"
        else:
            committee, generals, branches, groups, members = build(env)
            verb = "built"
        env.flush_all()
        print(
            f"{verb} {len(committee | generals | branches | groups)} organisations and "
            f"{len(members)} members in {time.perf_counter() - t0:.1f} s"
        )
        if os.environ.get("PARTY_BENCH_KEEP") and verb == "built":
            cr.commit()
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
        measure(env, "compliance pass, first (opens findings)", lambda: orgs.action_check_compliance() and
                env["party.finding"].search_count([("organization_id", "in", orgs.ids), ("state", "=", "open")]),
                rows)  # fmt: skip
        measure(env, "compliance pass, daily re-run", lambda: orgs.action_check_compliance() and
                env["party.finding"].search_count([("organization_id", "in", orgs.ids), ("state", "=", "open")]),
                rows)  # fmt: skip
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
    print("\ntargets: compliance pass < 5000 ms, search < 200 ms, dashboard < 1000 ms; "
          "dashboard queries independent of the number of organisations returned")  # fmt: skip


if __name__ == "__main__":
    main()
