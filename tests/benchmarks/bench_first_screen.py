"""What the secretary waits for: the first screen after login, and saving a meeting
(issue 21, item 12). Not a timed test: it prints wall time and SQL query counts.

Runs on the demo database (``bin/party bench`` installs the suite with demo data), as
the demo secretary (login ``secretary``), cold caches before each step, replaying the
calls the web client makes:

* the first screen: the user's context, the menus, the dashboard action, the views
  of the organisation kanban it opens, the kanban's records, and the activity systray;
* saving a new meeting from the form (``web_save`` with the form's specification,
  a calendar event and the expected attendees made with it);
* saving a change of its place (``web_save`` of one field).

Nothing is committed: the transaction is rolled back at the end.
"""

import datetime
import sys
from pathlib import Path

import odoo
from odoo import api

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run by path (runpy): see _builder
from _builder import measure  # noqa: E402


def spec_of(fields_info, names):
    """The web client's specification for ``names``: relations read their name."""
    spec = {}
    for name in names:
        info = fields_info.get(name, {})
        if info.get("type") in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def first_screen(env):
    """The calls of the web client from login to the dashboard's records."""
    env["res.users"].context_get()
    env["ir.ui.menu"].load_web_menus(False)
    action = env.ref("party_branch.party_dashboard_server_action").run()
    model = env[action["res_model"]]
    views = [(view_id or False, kind) for view_id, kind in action.get("views", [])]
    result = model.get_views(views, {"toolbar": True, "load_filters": True})
    fields_info = result["models"][model._name]["fields"]
    records = model.web_search_read(
        action.get("domain") or [], spec_of(fields_info, list(fields_info)), limit=80
    )
    env.user._get_activity_groups()
    return records["length"]


def new_meeting_values(env, secretary):
    member = env["party.member"].sudo().search([("user_id", "=", secretary.id)], limit=1)
    start = datetime.datetime.now().replace(microsecond=0, second=0, minute=0) + datetime.timedelta(
        days=10
    )
    return {
        "name": "Bench theme day",
        "meeting_type": "theme_day",
        "organization_id": member.organization_id.id,
        "location": "Activity room",
        "start": start,
        "stop": start + datetime.timedelta(hours=2),
    }


def main():
    db = odoo.tools.config["db_name"]
    registry = odoo.modules.registry.Registry(db)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        secretary = env.ref("party_branch.user_demo_secretary", raise_if_not_found=False)
        if not secretary:
            print("the demo secretary is missing: run on a database with the suite's demo data")
            return
        as_secretary = api.Environment(cr, secretary.id, secretary.context_get())
        measure(as_secretary, "first screen (secretary)", lambda: first_screen(as_secretary), rows)
        measure(as_secretary, "first screen again (warm registry caches)",
                lambda: first_screen(as_secretary), rows)  # fmt: skip
        Meeting = as_secretary["party.meeting"]
        form = Meeting.get_views([(False, "form")])
        fields_info = form["models"]["party.meeting"]["fields"]
        spec = spec_of(fields_info, list(fields_info))
        values = new_meeting_values(env, secretary)
        saved = measure(as_secretary, "save a new meeting (form)",
                        lambda: Meeting.web_save(values, spec)[0]["id"], rows)  # fmt: skip
        meeting = Meeting.browse(saved)
        measure(as_secretary, "save the meeting's place (form)",
                lambda: meeting.web_save({"location": "Room 2"}, spec)[0]["id"], rows)  # fmt: skip
        cr.rollback()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'time (ms)':>10}  {'queries':>8}  {'result':>8}")
    for label, elapsed, queries, result in rows:
        print(f"{label:<{width}}  {elapsed * 1000:>10.1f}  {queries:>8}  {result!s:>8}")
    print("\nissue 21 measured 200 queries for a meeting save through the browser")


if __name__ == "__main__":
    main()
