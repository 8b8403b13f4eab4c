"""Benchmark of party_venue at enterprise-group scale (not a timed test).

Builds the 1,000-organisation tree of ``_builder``, 5,000 venues over its
branches (five opening-hours calendars, 08:00–22:00 UTC every day) and
100,000 confirmed bookings of the last year: 19 two-hour bookings for every
venue, and 5,000 one-hour bookings for one busy venue. Venues go through the
ORM; the bookings are inserted with one SQL statement (their checks are what
is measured, not the building). Then measures, with wall time and SQL query
count:

* the clash lookup of one new slot against the 100,000 bookings (the GiST
  index of the exclusion constraint), free and clashing;
* the whole check of a booking (opening hours, capacity, clash) and a booking
  created through the ORM on the busy venue;
* utilisation (booked hours over opening hours) of the 5,000 venues over the
  year;
* the venue compliance checks over the tree.

Targets: conflict check < 50 ms; utilisation over 5,000 venues for a year
< 2 s; query counts that do not grow with the number of bookings or venues.
Run through ``bin/party bench``; nothing is committed.
"""

import datetime
import os
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.exceptions import ValidationError

from odoo.addons.party_branch.models.party_compliance import ComplianceRun

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import (  # noqa: E402
    QUIET,
    build_tree,
    measure,
    print_target,
)

N_VENUES = 5000
PER_VENUE = 19
BUSY = 5000


def build(env, year):
    _committee, _generals, branches, _groups = build_tree(
        env, "BVN", "Venue Bench Committee", "VB ", terms=False, joint_branches=False,
        context=QUIET,
    )  # fmt: skip
    calendars = env["resource.calendar"].create(
        [
            {
                "name": f"VB hours {i}",
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": str(d), "dayofweek": str(d), "hour_from": 8, "hour_to": 22,
                            "day_period": "morning"})
                    for d in range(7)
                ],
            }
            for i in range(5)
        ]
    )  # fmt: skip
    Venue = env["party.venue"].with_context(**QUIET)
    venues = Venue.browse()
    for start in range(0, N_VENUES, 1000):
        venues |= Venue.create(
            [
                {
                    "name": f"VB Venue {i:05d}",
                    "venue_type": "activity_room",
                    "organization_id": branches[i % len(branches)].id,
                    "resource_calendar_id": calendars[i % 5].id,
                    "capacity": 50,
                    "area": 60.0,
                    "date_open": f"{year - 1}-01-01",
                }
                for i in range(start, min(start + 1000, N_VENUES))
            ]
        )
    env.flush_all()
    busy = venues[0]
    # every venue: 19 two-hour bookings at 09:00, every 19th day of the year
    env.cr.execute(
        """
        INSERT INTO party_venue_booking (venue_id, organization_id, company_id, start, stop,
                                         duration, attendee_count, state, name, create_uid,
                                         write_uid, create_date, write_date)
        SELECT v.id, v.organization_id, v.company_id,
               make_timestamp(%(year)s, 1, 1, 9, 0, 0) + (k * 19 + v.id %% 19) * interval '1 day',
               make_timestamp(%(year)s, 1, 1, 11, 0, 0) + (k * 19 + v.id %% 19) * interval '1 day',
               2, 10, 'confirmed', v.name, 1, 1, now(), now()
          FROM party_venue v, generate_series(0, %(per)s - 1) k
         WHERE v.id = ANY(%(ids)s) AND v.id != %(busy)s
        """,
        {"year": year, "per": PER_VENUE, "ids": venues.ids, "busy": busy.id},
    )
    # the busy venue: one-hour bookings from 08:00 to 22:00, day after day
    env.cr.execute(
        """
        INSERT INTO party_venue_booking (venue_id, organization_id, company_id, start, stop,
                                         duration, attendee_count, state, name, create_uid,
                                         write_uid, create_date, write_date)
        SELECT v.id, v.organization_id, v.company_id,
               make_timestamp(%(year)s, 1, 1, 8, 0, 0) + (n / 14) * interval '1 day'
                   + (n %% 14) * interval '1 hour',
               make_timestamp(%(year)s, 1, 1, 9, 0, 0) + (n / 14) * interval '1 day'
                   + (n %% 14) * interval '1 hour',
               1, 10, 'confirmed', v.name, 1, 1, now(), now()
          FROM party_venue v, generate_series(0, %(busy_count)s - 1) n
         WHERE v.id = %(busy)s
        """,
        {"year": year, "busy_count": BUSY + PER_VENUE, "busy": busy.id},
    )
    env.cr.execute("ANALYZE party_venue_booking")
    env.invalidate_all()
    return venues, busy


def main():
    db = os.environ["PARTY_BENCH_DB"]
    registry = odoo.modules.registry.Registry(db)
    year = datetime.date.today().year - 1
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        t0 = time.perf_counter()
        venues, busy = build(env, year)
        Booking = env["party.venue.booking"].with_context(**QUIET)
        total = Booking.search_count([("venue_id", "in", venues.ids)])
        print(
            f"built {len(venues)} venues and {total} bookings in {time.perf_counter() - t0:.1f} s"
        )
        rows = []
        # a free slot on the busy venue, after its bookings (same year, 08:00-22:00)
        last_day = datetime.datetime(year, 1, 1) + datetime.timedelta(
            days=(BUSY + PER_VENUE) // 14 + 2
        )
        free = (None, busy, last_day.replace(hour=10), last_day.replace(hour=12), 20)
        taken = (
            None,
            busy,
            datetime.datetime(year, 3, 1, 10, 30),
            datetime.datetime(year, 3, 1, 11, 30),
            20,
        )

        def clash_lookup(slot):
            def run():
                try:
                    Booking._validate_slots([slot])
                except ValidationError:
                    return "clash"
                return "free"

            return run

        measure(env, "conflict check, free slot (all rules)", clash_lookup(free), rows)
        measure(env, "conflict check, clashing slot (all rules)", clash_lookup(taken), rows)

        def create():
            booking = Booking.create(
                {"venue_id": busy.id, "organization_id": busy.organization_id.id,
                 "start": free[2], "stop": free[3], "attendee_count": 20}
            )  # fmt: skip
            return booking.state

        measure(env, "booking created through the ORM (busy venue)", create, rows)
        date_from, date_to = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)

        def utilisation():
            figures = venues._utilisation(date_from, date_to)
            return f"{sum(r for __, __, r in figures.values()) / len(figures):.2f}%"

        measure(env, f"utilisation of {len(venues)} venues over {year}", utilisation, rows)
        orgs = venues.organization_id
        run = ComplianceRun(orgs, date_to)
        Compliance = env["party.compliance"]
        for code in ("venue_missing", "venue_checklist", "venue_unused"):
            measure(env, f"{code} check (breaches)",
                    lambda code=code: len(getattr(Compliance, f"_check_{code}")(orgs, run)), rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'result':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print_target(
        "\ntargets: conflict check < 50 ms; utilisation of 5,000 venues over a year < 2000 ms"
    )


if __name__ == "__main__":
    main()
