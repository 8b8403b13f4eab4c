"""Benchmark of the committee's cockpit (驾驶舱) at enterprise-group scale.

Builds the tree and the facts of ``bench_party_index`` (1,000 organisations, 50,000
members, the facts of every dimension for the third quarter of last year), computes the
index of that quarter and of the one before (the ranking's change), then measures the
cockpit's data call (``party.cockpit.get_cockpit_data``) with wall time and SQL query
count, as the Party committee would open it:

* the first load (cold cache) of the whole tree by a Party administrator, and a reload
  (the wall screen's timer);
* the first load by a general-branch officer (their subtree);
* the first load of a branch by its officer.

Target: the first load under 1 s of server time, and a number of queries that does not
grow with the number of organisations. Run through ``bin/party bench`` (or
``/tmp/bench.sh NAME tests/benchmarks/bench_party_cockpit.py`` in development); nothing
is committed unless ``PARTY_BENCH_KEEP=1`` (then the tree, its facts and the index stay for
the next run).
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

import odoo
from odoo import api

from odoo.addons.party_branch.models.party_cockpit import CockpitRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy)
from _builder import (  # noqa: E402
    find_tree,
    measure,
    new_user,
    print_target,
)
from bench_party_index import CODE, build  # noqa: E402


def officer_of(env, org, member, login):
    user = new_user(env, login, "base.group_user,party_branch.group_party_officer")
    member.user_id = user
    env["party.position"].create(
        {"organization_id": org.id, "member_id": member.id, "date_start": "2024-01-01",
         "position_type_id": env.ref("party_branch.position_type_deputy_secretary").id}
    )  # fmt: skip
    return user


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    rng = random.Random(25)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        t0 = time.perf_counter()
        kept = find_tree(env, CODE)
        if kept:  # kept by an earlier run of bench_party_index (PARTY_BENCH_KEEP=1)
            committee, generals, branches, groups, members = kept
        else:
            committee, generals, branches, groups, members = build(env, year, rng)
        quarter = datetime.date(year, 7, 1)
        Index = env["party.index"]
        for day in (datetime.date(year, 4, 1), quarter):
            Index._party_index_compute(committee, "quarter", day, force=True)
        env.flush_all()
        if os.environ.get("PARTY_BENCH_KEEP") and not kept:
            cr.commit()
        orgs = len(committee | generals | branches | groups)
        print(
            f"{orgs} organisations, {len(members)} members, the facts and the index of two "
            f"quarters in {time.perf_counter() - t0:.1f} s"
        )
        admin = new_user(
            env, "bench_cockpit_admin", "base.group_user,party_branch.group_party_admin"
        )
        general = generals[1]
        general_officer = officer_of(
            env,
            general,
            members.filtered(lambda m: m.organization_id.parent_id == general)[7],
            "bench_cockpit_general",
        )
        branch = branches[5]
        branch_officer = officer_of(
            env,
            branch,
            members.filtered(lambda m: m.organization_id == branch)[3],
            "bench_cockpit_branch",
        )
        env.registry.clear_cache()
        env.flush_all()
        rows = []

        def load(user, org):
            data = (
                env["party.cockpit"]
                .with_user(user)
                .get_cockpit_data(org.id, "quarter", str(quarter))
            )
            tree = next(s for s in data["sections"] if s["code"] == "tree")
            return f"{len(data['sections'])} sections, {len(tree['table']['rows'])} orgs"

        measure(env, "first load, whole tree (Party administrator)",
                lambda: load(admin, committee), rows)  # fmt: skip
        measure(env, "reload, whole tree (the wall screen's timer)",
                lambda: load(admin, committee), rows)  # fmt: skip
        # each section alone (the whole tree)
        Cockpit = env["party.cockpit"].with_user(admin)
        scope = env["party.organization"].search(
            [("id", "child_of", committee.id)], order="parent_path"
        )
        run = CockpitRun(Cockpit.env, committee, scope, "quarter", quarter,
                         datetime.date(year, 9, 30), f"{year}-Q3")  # fmt: skip
        for section in Cockpit._party_cockpit_sections():
            method = getattr(Cockpit.sudo(), f"_party_cockpit_{section.code}")
            measure(env, f"  section {section.code}",
                    lambda method=method: bool(method(run)), rows)  # fmt: skip
        env.registry.clear_cache()
        measure(env, "first load, a general branch (its officer)",
                lambda: load(general_officer, general), rows)  # fmt: skip
        env.registry.clear_cache()
        measure(env, "first load, a branch (its officer)",
                lambda: load(branch_officer, branch), rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  result")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result}")
    print_target("\ntarget: the first load under 1000 ms of server time; queries independent of the "
          "number of organisations")  # fmt: skip


if __name__ == "__main__":
    main()
