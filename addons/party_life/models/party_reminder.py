"""The reminders of party_life (see party_branch/models/party_reminder.py): a meeting
tomorrow, an appraisal ballot open, the month's dues still unpaid at the month's end,
a deadline of member development near (for the organisation's secretary); and the
member's meetings in their calendar feed."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

# a deadline of member development is announced to the secretary this many days ahead
DEVELOPMENT_NOTICE_DAYS = 7


class PartyReminder(models.AbstractModel):
    _inherit = "party.reminder"

    @api.model
    def _item_labels(self):
        return {
            **super()._item_labels(),
            "appraisal": self.env._("Democratic appraisal"),
            "dues": self.env._("Month"),
            "thought_report": self.env._("Thought report due on"),
            "development_talk": self.env._("Talk with the applicant due"),
            "development_approval": self.env._("Superior approval of the admission due"),
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
        return self._reminder_items(
            SQL(
                """SELECT b.member_id, p.id, CONCAT(p.year, ' · ', o.name)
                     FROM party_appraisal_ballot b
                     JOIN party_appraisal p ON p.id = b.appraisal_id
                     JOIN party_organization o ON o.id = p.organization_id
                    WHERE p.state = 'voting' AND NOT COALESCE(b.voted, FALSE)
                    ORDER BY p.id"""
            ),
            "appraisal",
            "/my/appraisals/{}",
        )

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
    def _reminder_thought_report_due(self, run):
        """Probationary members whose next thought report is due within the week (or
        already overdue): each day until they hand one in (``party.thought.report``)."""
        Report = self.env["party.thought.report"]
        window = Report._remind_window()
        return {
            member_id: [
                {
                    "label": "thought_report",
                    "title": due.isoformat(),
                    "date": due.isoformat(),
                    "url": "/my/party/thought-reports",
                }
            ]
            for member_id, __, __, __, due in Report._due_dates(run.on_date)
            if member_id and due <= run.on_date + window
        }

    @api.model
    def _reminder_development_deadline(self, run):
        """For the secretary in office of the development's organisation: each day in
        the DEVELOPMENT_NOTICE_DAYS days before a deadline the 细则 sets, while the step
        is not recorded (the talk with an applicant, the superior's approval of a voted
        admission). One query."""
        self.env.cr.execute(
            SQL(
                """SELECT pos.member_id, d.id, p.name, steps.label, steps.deadline
                     FROM party_development d
                     JOIN res_partner p ON p.id = d.partner_id
                     CROSS JOIN LATERAL (VALUES
                         ('development_talk', CASE WHEN d.stage = 'applicant'
                              AND d.talk_date IS NULL THEN d.talk_deadline END),
                         ('development_approval', CASE WHEN d.stage = 'target'
                              AND d.admission_voted AND d.approval_date IS NULL
                              THEN d.approval_deadline END)
                     ) AS steps(label, deadline)
                     JOIN party_position pos
                       ON pos.organization_id = d.organization_id
                      AND pos.date_start <= %(day)s
                      AND (pos.date_end IS NULL OR pos.date_end >= %(day)s)
                     JOIN party_position_type t
                       ON t.id = pos.position_type_id AND t.code = 'secretary'
                    WHERE steps.deadline BETWEEN %(day)s AND %(last)s
                      AND pos.member_id IS NOT NULL
                    ORDER BY steps.deadline, d.id""",
                day=run.on_date,
                last=run.on_date + timedelta(days=DEVELOPMENT_NOTICE_DAYS),
            )
        )
        found = defaultdict(list)
        for member_id, dev_id, name, label, deadline in self.env.cr.fetchall():
            found[member_id].append(
                {
                    "label": label,
                    "title": name,
                    "date": deadline.isoformat(),
                    "url": f"/odoo/party.development/{dev_id}",
                }
            )
        return found

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
