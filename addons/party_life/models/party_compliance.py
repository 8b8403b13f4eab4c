"""The compliance checks of party_life (see party_branch/models/party_compliance.py).

- ``meeting_missing``: 三会一课 and the other meetings due per organisation type,
  from the ``party.meeting.frequency`` rules (data), over the complete periods of
  the year up to the day of the check.
- ``dues_arrears_6m``: 党章第九条, six consecutive months of dues unpaid.
- ``thought_report_overdue``: an activist or a probationary member whose thought
  report (思想汇报) is overdue, the interval being data (``party.thought.report``).
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_compliance import MEMBER_ORG_TYPES, PARENT_TYPES, Check

# 党章第九条 连续6个月不交纳党费: the 6th consecutive unpaid month raises the finding
DUES_ARREARS_MONTHS = 6


class PartyCompliance(models.AbstractModel):
    _inherit = "party.compliance"

    @api.model
    def _checks(self):
        return super()._checks() + [
            Check(
                "meeting_missing",
                self.env._("Meeting Missing"),
                self.env._("三会一课 (《中国共产党支部工作条例（试行）》2018)"),
                self.env._(
                    "branch member assembly once per quarter; branch committee and Party group "
                    "meetings once per month; a Party lecture at least once per quarter, the "
                    "secretary lecturing at least once a year; theme Party day monthly; "
                    "organisational life meeting and democratic appraisal once per year."
                ),
                self.env._("%(org)s: no %(type)s held in %(periods)s."),
                scope=tuple(PARENT_TYPES),
            ),
            Check(
                "development_talk_overdue",
                self.env._("Applicant Talk Overdue"),
                self.env._("《中国共产党发展党员工作细则》(2014)"),
                self.env._(
                    "the Party organisation talks with an applicant within 1 month of the "
                    "application."
                ),
                self.env._(
                    "%(name)s applied for membership and nobody talked with them by %(deadline)s."
                ),
                scope=MEMBER_ORG_TYPES,
            ),
            Check(
                "development_approval_overdue",
                self.env._("Admission Approval Overdue"),
                self.env._("《中国共产党发展党员工作细则》(2014)"),
                self.env._(
                    "the superior Party committee decides on an admission voted by the branch "
                    "member assembly within 3 months."
                ),
                self.env._(
                    "%(name)s: the admission voted by the branch member assembly was not "
                    "approved by %(deadline)s."
                ),
                scope=MEMBER_ORG_TYPES,
            ),
            Check(
                "dues_arrears_6m",
                self.env._("Dues Unpaid 6 Months"),
                self.env._("《中国共产党章程》第九条"),
                self.env._(
                    "a member who pays no dues for 6 consecutive months without a proper reason "
                    "is regarded as having left the Party; the branch decides."
                ),
                self.env._(
                    "%(member)s has paid no dues for %(months)s consecutive months: the "
                    "branch decides whether the procedure for leaving the Party applies."
                ),
                scope=MEMBER_ORG_TYPES,
                subject="member",
            ),
            Check(
                "thought_report_overdue",
                self.env._("Thought Report Overdue"),
                self.env._(
                    "《中国共产党发展党员工作细则》第十条, 第三十一条 (the interval: "
                    "party_life.thought_report_months, quarterly by default)"
                ),
                self.env._(
                    "activists are educated and examined by the branch, probationary members "
                    "during their probation; both hand in a thought report regularly, once in "
                    "each interval (quarterly by default)."
                ),
                self.env._(
                    "%(person)s has handed in no thought report since %(since)s: one was due on "
                    "%(due)s."
                ),
                scope=MEMBER_ORG_TYPES,
                subject="member",
            ),
            Check(
                "study_short",
                self.env._("Study Hours Short"),
                self.env._("《2019—2023年全国党员教育培训工作规划》"),
                self.env._(
                    "every member studies at least the class hours required each year "
                    "(党员每年参加集中培训和集体学习时间一般不少于32学时; 基层党组织书记和班子成员"
                    "每年参加集中培训和集体学习时间不少于56学时)."
                ),
                self.env._(
                    "%(org)s: %(count)s members studied less than the hours required in "
                    "%(year)s: %(members)s."
                ),
                scope=MEMBER_ORG_TYPES,
            ),
        ]

    @staticmethod
    def _periods(frequency, date_from, date_to):
        """The complete periods of ``frequency`` inside [date_from, date_to]: [(start, end)]."""
        months = frequency.period_months
        start = date(date_from.year, 1, 1)
        periods = []
        while start <= date_to:
            end = start + relativedelta(months=months, days=-1)
            if start >= date_from and end <= date_to:
                periods.append((start, end))
            start += relativedelta(months=months)
        return periods

    @staticmethod
    def _months(start, end):
        month = start.replace(day=1)
        while month <= end:
            yield month
            month += relativedelta(months=1)

    @api.model
    def _meeting_gaps(self, orgs, date_from, date_to):
        """Missing meetings per organisation: {org_id: {key: [(period start, end), ...]}}.

        ``key`` is the meeting type, or ``party_lecture_secretary`` for the
        secretary's yearly lecture. Only the complete periods inside
        [date_from, date_to] count; periods are aligned on the calendar year.
        Set-based: one grouped query over the held meetings by type with the
        organisations and months aggregated (and one for the secretaries'
        lectures), whatever the number of meetings or organisations.
        Months are UTC months.
        """
        orgs = orgs.sudo()
        frequencies = self.env["party.meeting.frequency"].sudo().search([("active", "=", True)])
        gaps = defaultdict(dict)
        if not orgs or not frequencies:
            return gaps
        Meeting = self.env["party.meeting"].sudo().with_context(tz="UTC")
        dt_from = datetime.combine(date_from, time.min)
        dt_to = datetime.combine(date_to + timedelta(days=1), time.min)
        base_domain = [
            ("organization_id", "in", orgs.ids),
            ("state", "=", "held"),
            ("start", ">=", dt_from),
            ("start", "<", dt_to),
        ]
        # One row per meeting type, the organisations and starts aggregated in
        # arrays (same order): a handful of rows whatever the number of meetings.
        held = defaultdict(set)  # (org_id, type) -> {(year, month)}
        for meeting_type, org_ids, starts in Meeting._read_group(
            base_domain, ["meeting_type"], ["organization_id:array_agg", "start:array_agg"]
        ):
            for org_id, start in zip(org_ids, starts, strict=True):
                held[org_id, meeting_type].add((start.year, start.month))

        lectured = defaultdict(set)  # org_id -> {(year, month)} lectured by the secretary
        if any(frequencies.mapped("by_secretary")):
            Position = self.env["party.position"].sudo()
            secretaries = {
                pos.organization_id.id: pos.member_id.id
                for pos in Position.search_fetch(
                    [
                        ("organization_id", "in", orgs.ids),
                        ("position_type_id.code", "=", "secretary"),
                    ]
                    + Position._current_domain(date_to),
                    ["organization_id", "member_id"],
                )
            }
            for __, org_ids, lecturers, starts in Meeting._read_group(
                base_domain
                + [("meeting_type", "=", "party_lecture"), ("lecturer_id", "!=", False)],
                ["meeting_type"],
                ["organization_id:array_agg", "lecturer_id:array_agg", "start:array_agg"],
            ):
                for org_id, lecturer, start in zip(org_ids, lecturers, starts, strict=True):
                    if secretaries.get(org_id) == lecturer:
                        lectured[org_id].add((start.year, start.month))

        rules = []
        for freq in frequencies:
            periods = self._periods(freq, date_from, date_to)
            if periods:
                rules.append(
                    (
                        freq.meeting_type,
                        freq._org_types(),
                        freq.requires_committee,
                        freq.by_secretary,
                        freq._gap_key(),
                        [
                            (start, end, {(d.year, d.month) for d in self._months(start, end)})
                            for start, end in periods
                        ],
                    )
                )
        for org in orgs:
            org_type, has_committee = org.org_type, org.has_committee
            for meeting_type, types, needs_committee, by_secretary, key, periods in rules:
                if org_type not in types or (needs_committee and not has_committee):
                    continue
                months = lectured[org.id] if by_secretary else held[org.id, meeting_type]
                missing = [(start, end) for start, end, span in periods if span.isdisjoint(months)]
                if missing:
                    gaps[org.id][key] = missing
        return gaps

    @staticmethod
    def _period_label(start, end):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 12:
            return str(start.year)
        if months == 3:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        return f"{start.year}-{start.month:02d}…{end.year}-{end.month:02d}"

    def _check_meeting_missing(self, orgs, run):
        """One finding per organisation and meeting type with the missing periods.

        The complete periods of the current year up to the day of the check count.
        """
        gaps = self._meeting_gaps(orgs, date(run.on_date.year, 1, 1), run.on_date)
        rules = {
            freq._gap_key(): freq.id
            for freq in self.env["party.meeting.frequency"].sudo().search([("active", "=", True)])
        }
        breaches = []
        for org in orgs:
            for key, missing in gaps.get(org.id, {}).items():
                breaches.append(
                    {
                        "organization_id": org.id,
                        "key": key,
                        "params": {
                            "org": org.name,
                            "type": {"record": ["party.meeting.frequency", rules[key], "name"]}
                            if key in rules
                            else {"selection": ["party.meeting", "meeting_type", key]},
                            "periods": ", ".join(self._period_label(s, e) for s, e in missing),
                        },
                    }
                )
        return breaches

    def _check_dues_arrears_6m(self, orgs, run):
        """The members (active or out of contact) whose last 6 months or more before the
        month under way are all unpaid (``party.dues._arrears``: the months due with an
        amount, back to the last month settled or exempt). One grouped statement over
        the dues of the organisations' members."""
        members = run.members_of(orgs)
        if not members:
            return []
        month = run.on_date.replace(day=1)
        self.env.cr.execute(
            SQL(
                """
                WITH d AS (
                    SELECT d.member_id, d.period, d.state = 'due' AND d.amount > 0 AS unpaid
                      FROM party_dues d
                      JOIN party_member m ON m.id = d.member_id
                     WHERE m.organization_id = ANY(%(orgs)s) AND d.period < %(month)s
                ), settled AS (
                    SELECT member_id, max(period) AS period FROM d WHERE NOT unpaid
                     GROUP BY member_id
                )
                SELECT d.member_id, count(*)
                  FROM d LEFT JOIN settled s ON s.member_id = d.member_id
                 WHERE d.unpaid AND (s.period IS NULL OR d.period > s.period)
                 GROUP BY d.member_id
                HAVING count(*) >= %(months)s
                """,
                orgs=orgs.ids,
                month=month,
                months=DUES_ARREARS_MONTHS,
            )
        )
        arrears = dict(self.env.cr.fetchall())
        return [
            {
                "organization_id": row.organization_id,
                "member_id": row.id,
                "params": {"member": row.name, "months": arrears[row.id]},
            }
            for row in members
            if row.id in arrears
        ]

    def _check_thought_report_overdue(self, orgs, run):
        """One finding per activist or probationary member whose next report's due date
        has passed (the day after it: a report handed in on the due date is in time).
        Activists have no membership: their finding is their organisation's, keyed by
        the development."""
        Report = self.env["party.thought.report"]
        months = relativedelta(months=Report._interval_months())
        breaches = []
        for member_id, development_id, org_id, name, due in Report._due_dates(
            run.on_date, org_ids=orgs.ids
        ):
            if due >= run.on_date:
                continue
            breach = {
                "organization_id": org_id,
                "params": {
                    "person": name,
                    "since": (due - months).isoformat(),
                    "due": due.isoformat(),
                },
            }
            if member_id:
                breach["member_id"] = member_id
            else:
                breach["key"] = f"development-{development_id}"
            breaches.append(breach)
        return breaches

    def _check_study_short(self, orgs, run):
        """One finding per organisation whose members (kept there, members before the
        year began) studied less than their category requires in the last complete
        year, or their positions (``party.member._study_shortfalls``: the hours are the
        facts of the points ledger's source ``study``, compared to the hundredth as on
        the member's form). Two grouped statements (the hours, the positions held)
        whatever the number of members."""
        year = run.on_date.year - 1
        start, stop = date(year, 1, 1), date(year, 12, 31)
        members = [
            row for row in run.members_of(orgs) if not row.join_date or row.join_date < start
        ]
        if not members:
            return []
        Requirement = self.env["party.study.requirement"]
        by_category = Requirement._hours_by_category()
        by_type = Requirement._hours_by_position_type()
        self.env.cr.execute(
            SQL(
                "SELECT f.member_id, SUM(f.quantity)::float8 FROM (%s) f GROUP BY f.member_id",
                self.env["party.point"]._party_point_facts_study(start, stop),
            )
        )
        hours = dict(self.env.cr.fetchall())
        held = {}
        if by_type:
            self.env.cr.execute(
                SQL(
                    """SELECT member_id, array_agg(DISTINCT position_type_id)
                         FROM party_position
                        WHERE position_type_id = ANY(%s) AND date_start <= %s
                          AND (date_end IS NULL OR date_end >= %s)
                        GROUP BY member_id""",
                    list(by_type),
                    stop,
                    start,
                )
            )
            held = {
                member_id: max(by_type[type_id] for type_id in type_ids)
                for member_id, type_ids in self.env.cr.fetchall()
            }
        by_org = defaultdict(list)
        for row in members:
            required = max(by_category.get(row.category, 0.0), held.get(row.id, 0.0))
            if round(hours.get(row.id, 0.0), 2) < round(required, 2):
                by_org[row.organization_id].append(row.name)
        org_names = dict(zip(orgs.ids, orgs.mapped("name"), strict=True))
        return [
            {
                "organization_id": org_id,
                "key": str(year),
                "params": {
                    "org": org_names[org_id],
                    "count": len(names),
                    "year": str(year),
                    "members": ", ".join(names),
                },
            }
            for org_id, names in by_org.items()
        ]

    @api.model
    def _development_overdue(self, orgs, run, domain, field):
        """The developments of ``orgs`` matching ``domain`` whose ``field`` (a deadline the
        细则 sets) has passed: one breach each (key: the development), one search."""
        devs = (
            self.env["party.development"]
            .sudo()
            .search_fetch(
                [("organization_id", "in", orgs.ids), (field, "<", run.on_date), *domain],
                ["organization_id", "partner_id", field],
            )
        )
        return [
            {
                "organization_id": dev.organization_id.id,
                "key": str(dev.id),
                "params": {"name": dev.partner_id.name, "deadline": dev[field].isoformat()},
            }
            for dev in devs
        ]

    def _check_development_talk_overdue(self, orgs, run):
        return self._development_overdue(
            orgs, run, [("stage", "=", "applicant"), ("talk_date", "=", False)], "talk_deadline"
        )

    def _check_development_approval_overdue(self, orgs, run):
        return self._development_overdue(
            orgs,
            run,
            [
                ("stage", "=", "target"),
                ("admission_voted", "=", True),
                ("approval_date", "=", False),
            ],
            "approval_deadline",
        )
