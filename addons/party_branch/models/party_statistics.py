"""The annual statistics of the Party (党内统计年报) for an organisation and its subtree.

An extension point like the index and the compliance checks: ``party.statistics`` turns
the register on a date (``party.member._party_members_on``, one query) into tables;
party_branch gives the members by category, gender, ethnicity, age, education,
occupation and standing, the admissions, conversions and losses of the period, the
organisations by type and committee, and the members by organisation. An addon adds its
own tables by extending ``_party_statistics_tables(run)`` with ``super() + [...]``
(party_life: the development pipeline), so party_branch alone still produces its own.

Every member table counts the same rows, those of ``run.members``: each one's total is
the number of members on the date, which is the member list of that date.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from odoo import api, models

from .party_member import AGE_BANDS, STANDING_BANDS, _band
from .party_organization import ORG_TYPES

LOSS_STATUSES = ("deceased", "withdrawn", "expelled", "transferred_out")


@dataclass
class Table:
    """One table of the statistics: a title, the headers of its value columns, its rows
    (label, values) and, when it has one, its total row."""

    code: str
    title: str
    columns: list
    rows: list
    total: list | None = None
    sequence: int = 10
    note: str = ""


@dataclass
class StatisticsRun:
    """One computation: the organisation (superuser), the period and the register on its
    last day, read once."""

    env: object
    organization: object
    date_from: object
    date_to: object
    extra: dict = field(default_factory=dict)

    @cached_property
    def rows(self):
        """The members on ``date_to`` and those who left in the period (one query)."""
        return self.env["party.member"]._party_members_on(
            self.organization, self.date_to, lost_since=self.date_from
        )

    @cached_property
    def members(self):
        """The member list on ``date_to``."""
        return [row for row in self.rows if row.present]

    @cached_property
    def organizations(self):
        """The organisation and its sub-organisations (today's tree, archived included)."""
        return (
            self.env["party.organization"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.organization.id)], order="parent_path")
        )

    def in_period(self, day):
        return bool(day) and self.date_from <= day <= self.date_to


class PartyStatistics(models.AbstractModel):
    _name = "party.statistics"
    _description = "Party Statistics"

    @api.model
    def _party_statistics(self, organization, date_from, date_to):
        """The tables of ``organization`` and its subtree: the register on ``date_to``
        and the movements of ``[date_from, date_to]``. The caller checks who asks."""
        run = StatisticsRun(self.env, organization.sudo(), date_from, date_to)
        tables = self._party_statistics_tables(run)
        return sorted(tables, key=lambda table: table.sequence)

    # ------------------------------------------------------------------ tables

    def _labels(self, model, field_name):
        return dict(self.env[model]._fields[field_name]._description_selection(self.env))

    def _breakdown(self, run, code, title, key, labels, sequence):
        """Members by ``key(row)`` (a code of ``labels`` or None): full, probationary,
        total; one row per code in the order of ``labels``, then "not recorded"."""
        counts = Counter((key(row), row.category) for row in run.members)
        rows = []
        for value, label in [*labels, (None, self.env._("Not recorded"))]:
            full, prob = counts[(value, "full")], counts[(value, "probationary")]
            if value is None and not full + prob:
                continue
            rows.append((label, [full + prob, full, prob]))
        full = sum(1 for row in run.members if row.category == "full")
        total = [len(run.members), full, len(run.members) - full]
        columns = [self.env._("Members"), self.env._("Full"), self.env._("Probationary")]
        return Table(code, title, columns, rows, total, sequence)

    @api.model
    def _party_statistics_tables(self, run):
        member = "party.member"
        members = run.members
        women = sum(1 for row in members if row.gender == "female")
        minorities = sum(1 for row in members if row.ethnicity and row.ethnicity != "han")
        full = sum(1 for row in members if row.category == "full")
        lost_contact = sum(1 for row in members if row.status == "lost_contact")
        overview = Table(
            "overview",
            self.env._("Overview"),
            [self.env._("Number")],
            [
                (self.env._("Members"), [len(members)]),
                (self.env._("Full members"), [full]),
                (self.env._("Probationary members"), [len(members) - full]),
                (self.env._("Women"), [women]),
                (self.env._("Ethnic minorities"), [minorities]),
                (self.env._("Lost contact"), [lost_contact]),
                (self.env._("Organisations"), [len(run.organizations.filtered("active"))]),
            ],
            sequence=1,
        )
        ethnicities = self._labels(member, "ethnicity")
        present = {row.ethnicity for row in members}
        tables = [
            overview,
            self._breakdown(
                run,
                "category",
                self.env._("Members by category"),
                lambda row: row.category,
                list(self._labels(member, "member_category").items()),
                2,
            ),
            self._breakdown(
                run,
                "gender",
                self.env._("Members by gender"),
                lambda row: row.gender,
                list(self._labels(member, "gender").items()),
                3,
            ),
            self._breakdown(
                run,
                "ethnicity",
                self.env._("Members by ethnicity"),
                lambda row: row.ethnicity,
                [(code, label) for code, label in ethnicities.items() if code in present],
                4,
            ),
            self._breakdown(
                run,
                "age",
                self.env._("Members by age"),
                lambda row: _band(row.age, AGE_BANDS) if row.age is not None else None,
                list(self._labels(member, "age_band").items()),
                5,
            ),
            self._breakdown(
                run,
                "education",
                self.env._("Members by education"),
                lambda row: row.education,
                list(self._labels(member, "education").items()),
                6,
            ),
            self._breakdown(
                run,
                "occupation",
                self.env._("Members by occupation"),
                lambda row: row.occupation,
                list(self._labels(member, "occupation").items()),
                7,
            ),
            self._breakdown(
                run,
                "standing",
                self.env._("Members by Party standing"),
                lambda row: (
                    _band(row.standing_years + 1, STANDING_BANDS[1:])
                    if row.category == "full" and row.standing_years is not None
                    else ("0" if row.category == "probationary" else None)
                ),
                list(self._labels(member, "standing_band").items()),
                8,
            ),
            self._movements(run),
            self._organizations_table(run),
            self._by_organization(run),
        ]
        return tables

    def _movements(self, run):
        """Admissions, conversions and losses of the period, from the register's dates."""
        statuses = self._labels("party.member", "status")
        admitted = sum(1 for row in run.rows if run.in_period(row.join_date))
        converted = sum(
            1 for row in run.rows if row.category == "full" and run.in_period(row.full_date)
        )
        lost = Counter(row.status for row in run.rows if not row.present)
        rows = [
            (self.env._("Admitted as probationary members"), [admitted]),
            (self.env._("Converted to full members"), [converted]),
        ]
        rows += [
            (self.env._("Lost: %(reason)s", reason=statuses[status]), [lost[status]])
            for status in LOSS_STATUSES
        ]
        return Table(
            "movements",
            self.env._("Admissions, conversions and losses"),
            [self.env._("Number")],
            rows,
            [sum(lost.values())],
            9,
            note=self.env._("The total is the number of members lost in the period."),
        )

    def _organizations_table(self, run):
        orgs = run.organizations.filtered("active")
        rows = []
        for code, label in ORG_TYPES:
            of_type = orgs.filtered(lambda o, c=code: o.org_type == c)
            with_committee = len(of_type.filtered("has_committee"))
            rows.append((label, [len(of_type), with_committee, len(of_type) - with_committee]))
        total = [sum(r[1][i] for r in rows) for i in range(3)]
        return Table(
            "organizations",
            self.env._("Organisations by type and committee"),
            [
                self.env._("Organisations"),
                self.env._("With a committee"),
                self.env._("Without a committee"),
            ],
            rows,
            total,
            10,
        )

    def _by_organization(self, run):
        counts = Counter((row.organization_id, row.category) for row in run.members)
        rows = []
        for org in run.organizations:
            full, prob = counts[(org.id, "full")], counts[(org.id, "probationary")]
            if not org.active and not full + prob:
                continue
            rows.append((org.complete_name or org.name, [full + prob, full, prob]))
        full = sum(1 for row in run.members if row.category == "full")
        return Table(
            "by_organization",
            self.env._("Members by organisation"),
            [self.env._("Members"), self.env._("Full"), self.env._("Probationary")],
            rows,
            [len(run.members), full, len(run.members) - full],
            11,
        )
