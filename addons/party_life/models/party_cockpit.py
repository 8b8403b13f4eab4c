"""party_life's sections of the cockpit (party_branch/models/party_cockpit.py): the
meeting completion rate, the dues collection rate (members and amount, from the
``party.dues.collection`` view), study hours and the development pipeline by stage.
Each reads the whole subtree at once (one grouped query)."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_cockpit import Section, percent, rate_figure, tone
from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from .party_development import STAGES

OPEN_STAGES = ("applicant", "activist", "target", "probationary")


class PartyCockpit(models.AbstractModel):
    _inherit = "party.cockpit"

    @api.model
    def _party_cockpit_sections(self):
        return super()._party_cockpit_sections() + [
            Section("meetings", 40, "party.meeting"),
            Section("dues", 50, "party.dues.collection"),
            Section("study", 60, "slide.slide.partner"),
            Section("pipeline", 70, "party.development"),
        ]

    def _party_cockpit_meetings(self, run):
        """Meetings of the period held of those due by now (held, or planned to start
        before now and not recorded held: cancelled ones left out), and the attendance of
        the held ones."""
        now = fields.Datetime.now()
        domain = [("organization_id", "in", run.scope.ids), *run.period("start", True)]
        Meeting = self.env["party.meeting"].sudo()
        held, present, expected = Meeting._read_group(
            domain + [("state", "=", "held")],
            [],
            ["__count", "present_count:sum", "expected_count:sum"],
        )[0]
        present, expected = int(present or 0), int(expected or 0)
        overdue = Meeting.search_count(domain + [("state", "=", "planned"), ("start", "<", now)])
        due = held + overdue
        base = run.subtree() + run.period("start", True)
        rate, attendance = percent(held, due), percent(present, expected)
        meetings = self.env._("Meetings %(period)s", period=run.label)
        views = ("list", "pivot", "graph", "form")
        return {
            "title": self.env._("Meeting Completion"),
            "kpis": [
                rate_figure(
                    self.env._("Completion Rate"),
                    rate,
                    f"{held} / {due}",
                    run.action(
                        meetings,
                        "party.meeting",
                        base
                        + [
                            "|",
                            ("state", "=", "held"),
                            "&",
                            ("state", "=", "planned"),
                            ("start", "<", fields.Datetime.to_string(now)),
                        ],
                        views,
                    ),
                ),
                {
                    "label": self.env._("Held"),
                    "display": str(held),
                    "action": run.action(
                        meetings, "party.meeting", base + [("state", "=", "held")], views
                    ),
                },
                rate_figure(
                    self.env._("Attendance"),
                    attendance,
                    f"{present} / {expected}",
                    run.action(
                        self.env._("Attendance %(period)s", period=run.label),
                        "party.meeting.attendance",
                        run.subtree()
                        + [("meeting_state", "=", "held")]
                        + run.period("meeting_start", True),
                        ("list", "pivot", "form"),
                    ),
                ),
                {
                    "label": self.env._("Not Recorded"),
                    "display": str(overdue),
                    "tone": "weak" if overdue else "good",
                    "action": run.action(
                        meetings,
                        "party.meeting",
                        base
                        + [
                            ("state", "=", "planned"),
                            ("start", "<", fields.Datetime.to_string(now)),
                        ],
                        views,
                    ),
                },
            ],
        }

    def _party_cockpit_dues(self, run):
        """The dues collection rate of the months of the period, in members and amount
        (the collection view's totals, never an average of rates)."""
        first = run.date_from
        # the totals of the collection view's rows of the subtree and months (its own
        # definition, summed in one pass over the dues rather than grouped per
        # organisation and month first)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT COALESCE(SUM(amount), 0),
                   COALESCE(SUM(LEAST(COALESCE(paid_amount, 0), amount)), 0),
                   COUNT(*),
                   COUNT(*) FILTER (WHERE state = 'paid')
              FROM party_dues
             WHERE organization_id = ANY(%s) AND period >= %s AND period <= %s
               AND state IN ('due', 'paid')
                """,
                run.scope.ids,
                first,
                run.as_of,
            )
        )
        amount_due, amount_paid, members_due, members_paid = self.env.cr.fetchone()
        amount_due, amount_paid = float(amount_due), float(amount_paid)
        members_due, members_paid = int(members_due or 0), int(members_paid or 0)
        by_members, by_amount = percent(members_paid, members_due), percent(amount_paid, amount_due)
        action = run.action(
            self.env._("Dues Collection %(period)s", period=run.label),
            "party.dues.collection",
            run.subtree()
            + [
                ("period", ">=", fields.Date.to_string(first)),
                ("period", "<=", fields.Date.to_string(run.as_of)),
            ],
            ("pivot", "graph", "list"),
        )
        currency = run.root.company_id.currency_id
        return {
            "title": self.env._("Dues Collection"),
            "kpis": [
                rate_figure(
                    self.env._("Members Paid"),
                    by_members,
                    f"{members_paid} / {members_due}",
                    action,
                    good=95,
                    fair=80,
                ),
                rate_figure(
                    self.env._("Amount Paid"),
                    by_amount,
                    f"{currency.symbol or ''}{amount_paid or 0:,.2f} / "
                    f"{currency.symbol or ''}{amount_due or 0:,.2f}",
                    action,
                    good=95,
                    fair=80,
                ),
            ],
        }

    def _party_cockpit_study(self, run):
        """Hours of Party courses completed in the period, in total and per member: one
        statement (the members in the organisations, counted as the member list counts
        them: an archived one left out)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            WITH lesson AS MATERIALIZED (
                -- the few lessons of the Party courses, read first: the completions are
                -- then hashed against them and against the members (two hash joins over
                -- one scan of the completions), never looked up one by one
                SELECT s.id, s.completion_time
                  FROM slide_slide s JOIN slide_channel c ON c.id = s.channel_id
                 WHERE c.is_party_course
            )
            SELECT COALESCE(SUM(lesson.completion_time), 0), COUNT(DISTINCT sp.partner_id),
                   (SELECT COUNT(*) FROM party_member m
                     WHERE m.organization_id = ANY(%(orgs)s) AND m.status = ANY(%(statuses)s)
                       AND NOT EXISTS (SELECT 1 FROM res_partner p
                                        WHERE p.id = m.partner_id AND NOT p.active))
              FROM slide_slide_partner sp
              JOIN lesson ON lesson.id = sp.slide_id
             WHERE sp.completed
               AND sp.completed_date >= %(start)s AND sp.completed_date <= %(end)s
               AND sp.partner_id IN (SELECT partner_id FROM party_member
                                      WHERE organization_id = ANY(%(orgs)s)
                                        AND status = ANY(%(statuses)s))
                """,
                start=run.date_from,
                end=run.as_of,
                orgs=run.scope.ids,
                statuses=list(IN_ORG_STATUSES),
            )
        )
        hours, learners, members = self.env.cr.fetchone()
        hours = float(hours)
        per_member = hours / members if members else None
        action = run.action(
            self.env._("Study %(period)s", period=run.label),
            "slide.slide.partner",
            [
                ("partner_id.party_member_ids.organization_id", "child_of", run.root.id),
                ("channel_id.is_party_course", "=", True),
                ("completed", "=", True),
                *run.period("completed_date"),
            ],
            ("list", "pivot", "form"),
        )
        return {
            "title": self.env._("Study Hours"),
            "kpis": [
                {"label": self.env._("Hours"), "display": f"{hours:.1f}", "action": action},
                {
                    "label": self.env._("Hours per Member"),
                    "display": "—" if per_member is None else f"{per_member:.1f}",
                    "detail": f"{hours:.1f} / {members}",
                    "action": action,
                },
                {
                    "label": self.env._("Members Who Studied"),
                    "display": str(learners),
                    "detail": f"{learners} / {members}",
                    "tone": tone(percent(learners, members)),
                    "action": action,
                },
            ],
        }

    def _party_cockpit_pipeline(self, run):
        """The development pipeline (入党积极分子 … 预备党员) of the subtree by stage, now."""
        counts = dict(
            self.env["party.development"]
            .sudo()
            ._read_group(
                [("organization_id", "in", run.scope.ids), ("stage", "in", OPEN_STAGES)],
                ["stage"],
                ["__count"],
            )
        )
        labels = dict(
            self.env["party.development"]._fields["stage"]._description_selection(self.env)
        )
        top = max(counts.values(), default=0)
        bars = []
        for stage, __ in STAGES:
            if stage not in OPEN_STAGES:
                continue
            count = counts.get(stage, 0)
            bars.append(
                {
                    "label": labels[stage],
                    "display": str(count),
                    "ratio": percent(count, top) or 0,
                    "action": run.action(
                        self.env._("Development: %(stage)s", stage=labels[stage]),
                        "party.development",
                        run.subtree() + [("stage", "=", stage)],
                        ("list", "form"),
                    ),
                }
            )
        return {"title": self.env._("Development Pipeline"), "bars": bars}
