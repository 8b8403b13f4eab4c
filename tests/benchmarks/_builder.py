"""The 1,000-organisation tree and the members the benchmarks share.

Imported by the ``bench_*.py`` scripts next to it (``bin/party bench`` globs
``bench_*.py``, so this module is no benchmark itself). ``bin/party`` runs a
script with ``runpy.run_path``, which does not put the script's folder on
``sys.path``: each script adds it before importing this module.

Every benchmark builds its own tree, with its own codes (``BENCH-``, ``DUES-``,
``BMT-``) and ID number region, so that several can keep their data in one
database (``PARTY_BENCH_KEEP=1``).
"""

import datetime
import json
import os
import sys
import time

from odoo import Command
from odoo.tools import SQL

from odoo.addons.party_branch.tools import gb11643

N_ORGS = 1000
N_GENERAL = 10
N_GROUPS = 159
N_BRANCHES = N_ORGS - 1 - N_GENERAL - N_GROUPS
MEMBER_BATCH = 2000
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅玉兰海波宁"


def emit(name, figure, unit="s", queries=None, **extra):
    """The machine-readable line of one figure, next to what the script prints:
    ``PARTY_BENCH {"bench": …, "name": …, "figure": …, "unit": …, "queries": …}``
    (``bin/party bench --report`` collects them into BENCHMARKS.md). ``extra``: the
    records handled (``records``), the rate (``rate``, ``rate_unit``), ..."""
    bench = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    line = {"bench": bench, "name": name, "figure": figure, "unit": unit, "queries": queries}
    print("PARTY_BENCH " + json.dumps({**line, **extra}, ensure_ascii=False, default=str))


def print_target(text):
    """Print the benchmark's target, and its machine-readable line."""
    print(text)
    emit("target", None, None, None, target=text.strip())


def measure(env, label, func, rows):
    """Run ``func()`` with a cold cache; record its wall time and SQL query count."""
    env.invalidate_all()
    env.cr.flush()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - before
    rows.append((label, elapsed, queries, result))
    records = result if isinstance(result, int) and not isinstance(result, bool) else None
    emit(label, round(elapsed, 4), "s", queries, records=records)
    return result


def insert(env, query, **params):
    """Run one ``INSERT … SELECT`` of a benchmark's facts; returns the rows written."""
    env.cr.execute(SQL(query, **params))
    return env.cr.rowcount


def build_members(env, code, committee_name, prefix, region, rng, n_members, extra=None):
    """The tree of ``code`` (:func:`build_tree`) and its ``n_members`` members
    (:func:`member_vals` of ``region``, with the values ``extra``): (committee,
    generals, branches, groups, members)."""
    committee, generals, branches, groups = build_tree(env, code, committee_name, prefix)
    today = datetime.date.today()
    members = create_members(
        env,
        [
            {**member_vals(i, branches, groups, rng, region, today), **(extra or {})}
            for i in range(n_members)
        ],
    )
    return committee, generals, branches, groups, members


def insert_dues(env, year, members, months, unpaid):
    """The dues of ``members`` for the months ``months`` (first, last) of ``year``: 30 a
    month on a base of 3,000, paid unless ``unpaid`` (an SQL condition on the member
    ``m`` and the month ``k``); returns the rows written."""
    return insert(
        env,
        """
        INSERT INTO party_dues (member_id, organization_id, company_id, period, base, rate,
                                amount, paid_amount, state)
        SELECT m.id, m.organization_id, %(company)s, make_date(%(year)s, k, 1), 3000, 1, 30,
               CASE WHEN %(unpaid)s THEN 0 ELSE 30 END,
               CASE WHEN %(unpaid)s THEN 'due' ELSE 'paid' END
          FROM party_member m, generate_series(%(first)s, %(last)s) k
         WHERE m.id = ANY(%(members)s)
        """,
        company=env.company.id,
        year=year,
        first=months[0],
        last=months[1],
        unpaid=SQL(unpaid),
        members=members.ids,
    )


def print_rows(rows):
    """The measurements of :func:`measure`, as a table."""
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'lines':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")


def ensure_chart(env):
    """The company's chart of accounts (the generic one when none is installed yet)."""
    if not env.company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company=env.company, install_demo=False
        )


def build_tree(env, code, committee_name, prefix="", *, terms=True, joint_branches=True,
               context=None):  # fmt: skip
    """1 committee, 10 general branches, 830 branches and 159 Party groups (one in
    each of the first branches). ``code`` prefixes the organisation codes
    (``{code}-PC``, ``-GB00``, ``-B0000``, ``-G000``), ``prefix`` the names.
    ``terms``: terms of office started; ``joint_branches``: every 40th branch is
    a joint branch. A third of the branches have no branch committee."""
    Org = env["party.organization"].with_context(**{**QUIET, **(context or {})})

    def term(start):
        return {"term_start": start} if terms else {}

    committee = Org.create(
        {
            "name": committee_name,
            "code": f"{code}-PC",
            "org_type": "committee",
            **term("2023-01-01"),
        }
    )
    generals = Org.create(
        [
            {
                "name": f"{prefix}General Branch {i:02d}",
                "code": f"{code}-GB{i:02d}",
                "org_type": "general_branch",
                "parent_id": committee.id,
                **term("2024-03-01"),
            }
            for i in range(N_GENERAL)
        ]
    )
    branches = Org.create(
        [
            {
                "name": f"{prefix}Branch {i:04d}",
                "code": f"{code}-B{i:04d}",
                "org_type": "joint_branch" if joint_branches and i % 40 == 0 else "branch",
                "parent_id": generals[i % N_GENERAL].id,
                **term((datetime.date(2022, 1, 1) + datetime.timedelta(days=i)).isoformat()),
                "has_committee": i % 3 != 0,
            }
            for i in range(N_BRANCHES)
        ]
    )
    groups = Org.create(
        [
            {
                "name": f"{prefix}Group {i:03d}",
                "code": f"{code}-G{i:03d}",
                "org_type": "group",
                "parent_id": branches[i].id,
            }
            for i in range(N_GROUPS)
        ]
    )
    return committee, generals, branches, groups


def find_or_build(env, code, build, size=None):
    """The tree of ``code`` kept from an earlier run (``PARTY_BENCH_KEEP=1``; with
    ``size``, only when it has that many members), else ``build(env)``'s; flushed, its
    size printed, committed when built with ``PARTY_BENCH_KEEP``. Returns ``(tree,
    found)``, the tree as :func:`find_tree` returns it."""
    t0 = time.perf_counter()
    tree = find_tree(env, code)
    found = bool(tree) and (size is None or len(tree[4]) == size)
    if not found:
        tree = build(env)
    env.flush_all()
    committee, generals, branches, groups, members = tree
    print(
        f"{'found' if found else 'built'} {len(committee | generals | branches | groups)} "
        f"organisations and {len(members)} members in {time.perf_counter() - t0:.1f} s"
    )
    if os.environ.get("PARTY_BENCH_KEEP") and not found:
        env.cr.commit()
    return tree, found


def new_user(env, login, groups):
    """A user ``login`` (password: the login, padded to 8 characters) in the groups
    ``groups`` (comma-separated xml ids), as Odoo's ``new_test_user`` makes one, without
    importing the test framework (which logs an ERROR outside a test run)."""
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login,
                "login": login,
                "password": login + "x" * (8 - len(login)),
                "email": f"{login}@example.com",
                "groups_id": [Command.set([env.ref(g.strip()).id for g in groups.split(",")])],
            }
        )
    )


def officer_of(env, org, member, login):
    """``member`` made an officer of ``org`` (its deputy secretary, unless they hold a
    position there already) with a new internal user ``login``; returns the user."""
    user = new_user(env, login, "base.group_user,party_branch.group_party_officer")
    member.user_id = user
    if not member.current_position_ids.filtered(lambda p: p.organization_id == org):
        env["party.position"].with_context(**QUIET).create(
            {
                "organization_id": org.id,
                "member_id": member.id,
                "position_type_id": env.ref("party_branch.position_type_deputy_secretary").id,
                "date_start": "2024-01-01",
            }
        )
    env.registry.clear_cache()
    return user


def find_tree(env, code):
    """The tree ``build_tree`` built with ``code`` and an earlier run kept, with its
    members: (committee, generals, branches, groups, members), or None."""
    Org = env["party.organization"]
    committee = Org.search([("code", "=", f"{code}-PC")])
    if not committee:
        return None
    generals = Org.search([("parent_id", "=", committee.id)], order="code")
    branches = Org.search([("code", "=like", f"{code}-B%")], order="code")
    groups = Org.search([("code", "=like", f"{code}-G%"), ("org_type", "=", "group")], order="code")
    members = env["party.member"].search([("organization_id", "in", branches.ids)], order="id")
    return committee, generals, branches, groups, members


def member_vals(i, branches, groups, rng, region, today, extra=None):
    """The values of the ``i``-th of the 50,000 members: spread over the branches,
    the first branches' members in their Party group, a valid ID number of
    ``region``, 10 % probationary, 2 % out of contact, about 1 % without a file.
    ``extra(rng)`` gives more values, drawn before the name (the draw order
    keeps the data of every run the same)."""
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 400)
    order = (i % 400) * 2 + 1 + (i % 2)
    full = i % 10 != 0
    more = extra(rng) if extra else {}
    return {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        "organization_id": branches[i % N_BRANCHES].id,
        "group_id": groups[i % N_BRANCHES].id if i % N_BRANCHES < N_GROUPS else False,
        "id_number": gb11643.make(region, birth, order),
        "birthdate": birth,
        "gender": "male" if order % 2 else "female",
        "member_category": "full" if full else "probationary",
        "join_date": birth + datetime.timedelta(days=365 * 25),
        "full_date": birth + datetime.timedelta(days=365 * 26) if full else False,
        "last_contact_date": today - datetime.timedelta(days=200 if i % 50 == 0 else 10),
        "file_recorded": i % 97 != 0,
        **more,
    }


def create_members(env, vals_list):
    """Create the members in batches, flushing and emptying the cache between them."""
    Member = env["party.member"].with_context(**QUIET)
    members = Member.browse()
    for start in range(0, len(vals_list), MEMBER_BATCH):
        members |= Member.create(vals_list[start : start + MEMBER_BATCH])
        env.flush_all()
        env.invalidate_all()
    return members
