"""Benchmark of the member import (Odoo's import, base_import) at group scale.

Builds 1,000 organisations, then imports a CSV file of 50,000 members (organisation
and Party group by code, category, ID number, dates of birth, admission and full
membership, gender, ethnicity, education) through ``base_import.import.execute_import``,
as a Party administrator, the way the import screen sends it (one call for the whole
file), and prints the wall time and the SQL query count of:

* the valid file (50,000 members created);
* the same file with 50 bad rows spread through it (wrong check digit, date of birth
  not the ID number's, full membership before admission, the same ID number twice):
  every bad row reported with its rule and row number, nothing saved.

Target on a 2-core machine: the valid file in under 60 s (the ORM's ``create`` builds
~265 members/s, 188 s for 50,000). Run through ``bin/party bench``; nothing is
committed.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import N_BRANCHES, N_GROUPS, QUIET, build_tree, emit, new_user, print_target  # noqa: E402

from odoo.addons.party_branch.tools import gb11643  # noqa: E402

N_MEMBERS = 50_000
N_BAD = 50
CODE = "IMPB"
PREFIX = "Imp "
FIELDS = ["name", "organization_id", "group_id", "member_category", "id_number",
          "birthdate", "gender", "join_date", "full_date", "ethnicity", "education"]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅玉兰海波宁"


def rows(n):
    """The file's rows: spread over the branches, the first branches' members in their
    Party group, 10 % probationary, valid ID numbers of region 130102."""
    rng = random.Random(27)
    out = []
    for i in range(n):
        birth = datetime.date(1958, 1, 1) + datetime.timedelta(days=i // 400)
        order = (i % 400) * 2 + 1 + (i % 2)
        full = i % 10 != 0
        branch = i % N_BRANCHES
        out.append(
            [
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                f"{CODE}-B{branch:04d}",
                f"{CODE}-G{branch:03d}" if branch < N_GROUPS else "",
                "full" if full else "probationary",
                gb11643.make(130102, birth, order),
                birth.isoformat(),
                "male" if order % 2 else "female",
                (birth + datetime.timedelta(days=365 * 25)).isoformat(),
                (birth + datetime.timedelta(days=365 * 26)).isoformat() if full else "",
                "han" if i % 20 else "hui",
                "bachelor" if i % 3 else "master",
            ]
        )
    return out


def spoil(data, n_bad):
    """``n_bad`` rows of ``data`` broken, each one rule, spread through the file."""
    step = len(data) // n_bad
    for k in range(n_bad):
        row = data[k * step + 7]
        kind = k % 4
        if kind == 0:  # wrong check digit
            row[4] = row[4][:17] + ("0" if row[4][17] != "0" else "1")
        elif kind == 1:  # date of birth not the ID number's
            row[5] = (datetime.date.fromisoformat(row[5]) + datetime.timedelta(days=1)).isoformat()
        elif kind == 2:  # full membership before admission
            row[3], row[8] = "full", "1970-01-01"
        else:  # the ID number of the row before
            row[4] = data[k * step + 6][4]
    return data


def csv_bytes(data):
    lines = [",".join(FIELDS)] + [",".join(row) for row in data]
    return "\n".join(lines).encode()


def run_import(env, data):
    wizard = env["base_import.import"].create(
        {
            "res_model": "party.member",
            "file": csv_bytes(data),
            "file_name": "members.csv",
            "file_type": "text/csv",
        }
    )
    return wizard.execute_import(
        FIELDS,
        FIELDS,
        {"quoting": '"', "separator": ",", "has_headers": True, "date_format": "%Y-%m-%d"},
    )


def timed(env, label, func, results):
    env.invalidate_all()
    env.flush_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, env.cr.sql_log_count - before))
    return result


def main():
    db = os.environ["PARTY_BENCH_DB"]
    n = int(os.environ.get("PARTY_BENCH_IMPORT_ROWS", N_MEMBERS))
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        t0 = time.perf_counter()
        build_tree(env, CODE, "Import Committee", PREFIX, context=QUIET)
        env.flush_all()
        print(f"built 1,000 organisations in {time.perf_counter() - t0:.1f} s")
        admin = new_user(
            env, "bench_import_admin", "base.group_user,party_branch.group_party_admin"
        )
        as_admin = api.Environment(cr, admin.id, {"lang": "en_US"})
        results = []
        bad = timed(
            as_admin,
            f"file of {n:,} rows with {N_BAD} bad rows: every one reported, nothing saved",
            lambda: run_import(as_admin, spoil(rows(n), N_BAD)),
            results,
        )
        errors = [m for m in bad["messages"] if m["type"] == "error"]
        good = timed(
            as_admin,
            f"file of {n:,} valid rows: every member created",
            lambda: run_import(as_admin, rows(n)),
            results,
        )
        created = len(good["ids"] or [])
        assert not [m for m in good["messages"] if m["type"] == "error"], good["messages"][:3]
        assert created == n, created
        assert len({m["rows"]["from"] for m in errors}) >= N_BAD, len(errors)
        print(f"{created:,} members created; {len(errors)} errors reported on the bad file")
        for label, elapsed, queries in results:
            print(f"{label}: {elapsed:.1f} s, {queries} queries")
            emit(label, round(elapsed, 3), "s", queries, records=n)
        print(f"rate: {n / results[1][1]:,.0f} members/s")
        print_target("target: the valid file of 50,000 members in under 60 s")
        cr.rollback()


if __name__ == "__main__":
    main()
