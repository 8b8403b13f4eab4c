"""The reminders of party_life (see party_branch/models/party_reminder.py): a meeting
tomorrow, an appraisal ballot open, the month's dues still unpaid at the month's end;
and the member's meetings in their calendar feed."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL


class PartyReminder(models.AbstractModel):
    _inherit = "party.reminder"

    @api.model
    def _item_labels(self):
        return {
            **super()._item_labels(),
            "appraisal": self.env._("Democratic appraisal"),
            "dues": self.env._("Month"),
        }

    @api.model
    def _reminder_meeting_tomorrow(self, run):
        """The planned meetings of tomorrow (in the Party's time zone) where the member
        is expected (not excused): when, where, and the page to sign in on."""
        self.env.cr.execute(
            SQL(
                """SELECT a.member_id, m.name, m.start, m.location
                     FROM party_meeting_attendance a
                     JOIN party_meeting m ON m.id = a.meeting_id
                    WHERE m.state = 'planned' AND a.state = 'expected' AND %s
                    ORDER BY m.start, m.id""",
                run.on_day(SQL("m.company_id"), SQL("m.start"), days=1),
            )
        )
        found = defaultdict(list)
        for member_id, name, start, location in self.env.cr.fetchall():
            found[member_id].append(
                {
                    "title": name,
                    "start": start.isoformat(),
                    "place": location or "",
                    "url": "/my/meetings",
                }
            )
        return found

    @api.model
    def _reminder_vote_open(self, run):
        """The democratic appraisals whose peer appraisal is open and where the member
        has not cast their ballot yet (the register says only whether they voted)."""
        self.env.cr.execute(
            SQL(
                """SELECT b.member_id, p.id, p.year, o.name
                     FROM party_appraisal_ballot b
                     JOIN party_appraisal p ON p.id = b.appraisal_id
                     JOIN party_organization o ON o.id = p.organization_id
                    WHERE p.state = 'voting' AND NOT COALESCE(b.voted, FALSE)
                    ORDER BY p.id"""
            )
        )
        found = defaultdict(list)
        for member_id, appraisal_id, year, org in self.env.cr.fetchall():
            found[member_id].append(
                {
                    "label": "appraisal",
                    "title": f"{year} · {org}",
                    "url": f"/my/appraisals/{appraisal_id}",
                }
            )
        return found

    @api.model
    def _reminder_dues_unpaid(self, run):
        """On the month's last day: the month's dues issued and not (fully) paid."""
        if (run.on_date + timedelta(days=1)).day != 1:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT d.member_id, d.amount - COALESCE(d.paid_amount, 0), c.currency_id
                     FROM party_dues d
                     JOIN res_company c ON c.id = d.company_id
                    WHERE d.period = %s AND d.state = 'due'""",
                run.on_date.replace(day=1),
            )
        )
        month = run.on_date.strftime("%Y-%m")
        return {
            member_id: [
                {
                    "label": "dues",
                    "title": month,
                    "amount": float(balance),
                    "currency_id": currency_id,
                    "url": "/my/dues",
                }
            ]
            for member_id, balance, currency_id in self.env.cr.fetchall()
        }

    @api.model
    def _calendar_entries(self, member, start, stop):
        """The meetings on the member's attendance list (cancelled ones as cancelled,
        so that the phone removes them)."""
        events = super()._calendar_entries(member, start, stop)
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search_fetch(
                [
                    ("member_id", "=", member.id),
                    ("meeting_id.start", ">=", start),
                    ("meeting_id.start", "<=", stop),
                ],
                ["meeting_id"],
            )
        )
        base_url = member.get_base_url()
        host = base_url.split("://", 1)[-1].split("/", 1)[0]
        for meeting in attendances.meeting_id:
            events.append(
                {
                    "uid": f"party-meeting-{meeting.id}@{host}",
                    "start": meeting.start,
                    "stop": meeting.stop,
                    "summary": meeting.name,
                    "location": meeting.location or "",
                    "url": f"{base_url}/my/meetings",
                    "status": "CANCELLED" if meeting.state == "cancelled" else "CONFIRMED",
                }
            )
        return events
