"""The compliance checks of party_systems (see party_branch/models/party_compliance.py).

- ``decision_unexecuted``: a passed resolution whose execution is not done by its
  deadline.
- ``disclosure_unpublished``: a disclosure whose publish date has passed and which
  is still not approved.
- ``secretary_report_late``: a secretary's yearly report not filed by its deadline.
- ``talk_coverage``: the heart-to-heart talks of the previous year did not cover
  every pair the rule asks for.
- ``fund_report_missing``: no approved fund report for the previous year by the end
  of March.

The first three fire only on this addon's own records (a decision, a disclosure,
a report someone created). The last two are yearly rules about what was not
recorded: they apply from the company's ``party_systems_rules_from`` date on (set
by the Party administrator once the organisations record their talks and funds
here), so that installing the addon does not flood every organisation with
findings about a year it was not used in.
"""

from datetime import date

from odoo import api, models

from odoo.addons.party_branch.models.party_compliance import (
    MEMBER_ORG_TYPES,
    PARENT_TYPES,
    Check,
)

# suite policy: the fund report of a year is approved by the end of March of the next year
FUND_REPORT_MONTHS = 3


class PartyCompliance(models.AbstractModel):
    _inherit = "party.compliance"

    @api.model
    def _checks(self):
        return super()._checks() + [
            Check(
                "decision_unexecuted",
                self.env._("Resolution Not Executed"),
                self.env._("议事决策制度 (《中国共产党支部工作条例（试行）》2018)"),
                self.env._("a passed resolution is executed by its owner before its deadline."),
                self.env._("%(org)s: the resolution %(name)s was due to be executed by %(date)s."),
                scope=tuple(PARENT_TYPES),
            ),
            Check(
                "disclosure_unpublished",
                self.env._("Disclosure Not Published"),
                self.env._("《中国共产党党务公开条例（试行）》2017"),
                self.env._("Party affairs are disclosed in time, after approval."),
                self.env._("%(org)s: %(name)s was due to be published on %(date)s."),
                scope=tuple(PARENT_TYPES),
            ),
            Check(
                "secretary_report_late",
                self.env._("Secretary's Report Late"),
                self.env._("双述双评制度"),
                self.env._(
                    "each branch secretary files a yearly report on duties and integrity "
                    "(述职述廉) by the deadline."
                ),
                self.env._("%(member)s has not filed the %(year)s report due on %(date)s."),
                scope=tuple(PARENT_TYPES),
                subject="member",
            ),
            Check(
                "talk_coverage",
                self.env._("Talks Not Covered"),
                self.env._("《中国共产党支部工作条例（试行）》2018 (谈心谈话)"),
                self.env._(
                    "heart-to-heart talks at least once a year between the committee members "
                    "and between them and the members."
                ),
                self.env._(
                    "%(org)s: the talks of %(year)s covered %(covered)s of the %(required)s "
                    "pairs the rule asks for."
                ),
                scope=MEMBER_ORG_TYPES,
            ),
            Check(
                "fund_report_missing",
                self.env._("Fund Report Missing"),
                self.env._("《关于中国共产党党费收缴、使用和管理的规定》2008"),
                self.env._(
                    "the collection and use of Party funds is reported to the members once a "
                    "year at least."
                ),
                self.env._("%(org)s has no approved fund report for %(year)s."),
                scope=MEMBER_ORG_TYPES,
            ),
        ]

    def _overdue(self, model, orgs, on_date, domain, date_field):
        """One breach per record of ``model`` in ``orgs`` matching ``domain`` whose
        ``date_field`` is before ``on_date`` (the day of the check): its name and that date."""
        records = (
            self.env[model]
            .sudo()
            .search([("organization_id", "in", orgs.ids), (date_field, "<", on_date), *domain])
        )
        return [
            {
                "organization_id": r.organization_id.id,
                "key": str(r.id),
                "params": {
                    "org": r.organization_id.name,
                    "name": r.name,
                    "date": r[date_field].isoformat(),
                },
            }
            for r in records
        ]

    def _check_decision_unexecuted(self, orgs, run):
        return self._overdue(
            "party.decision",
            orgs,
            run.on_date,
            [("state", "=", "passed"), ("execution_state", "!=", "done")],
            "execution_deadline",
        )

    def _check_disclosure_unpublished(self, orgs, run):
        return self._overdue(
            "party.disclosure",
            orgs,
            run.on_date,
            [("state", "in", ("draft", "to_approve"))],
            "publish_date",
        )

    def _check_secretary_report_late(self, orgs, run):
        reports = (
            self.env["party.secretary.report"]
            .sudo()
            .search(
                [
                    ("organization_id", "in", orgs.ids),
                    ("state", "=", "draft"),
                    ("deadline", "<", run.on_date),
                ]
            )
        )
        return [
            {
                "organization_id": r.organization_id.id,
                "member_id": r.member_id.id,
                "key": str(r.year),
                "params": {
                    "member": r.member_id.name,
                    "year": str(r.year),
                    "date": r.deadline.isoformat(),
                },
            }
            for r in reports
        ]

    @staticmethod
    def _ruled(orgs, year):
        """The organisations whose company checks the yearly rules for ``year``."""
        return orgs.filtered(
            lambda o: (
                o.company_id.party_systems_rules_from
                and o.company_id.party_systems_rules_from <= date(year, 1, 1)
            )
        )

    def _check_talk_coverage(self, orgs, run):
        year = run.on_date.year - 1
        orgs = self._ruled(orgs, year)
        if not orgs:
            return []
        coverage = self.env["party.talk"]._coverage(orgs, year)
        return [
            {
                "organization_id": org.id,
                "key": str(year),
                "params": {
                    "org": org.name,
                    "year": str(year),
                    "covered": coverage[org.id]["covered"],
                    "required": coverage[org.id]["required"],
                },
            }
            for org in orgs
            if coverage[org.id]["covered"] < coverage[org.id]["required"]
        ]

    def _check_fund_report_missing(self, orgs, run):
        year = run.on_date.year - 1
        if run.on_date.month <= FUND_REPORT_MONTHS:
            return []
        orgs = self._ruled(orgs, year).filtered("analytic_account_id")
        if not orgs:
            return []
        reported = (
            self.env["party.fund.report"]
            .sudo()
            ._read_group(
                [
                    ("organization_id", "in", orgs.ids),
                    ("state", "in", ("approved", "disclosed")),
                    ("date_to", "=", date(year, 12, 31)),
                ],
                ["organization_id"],
            )
        )
        done = {org.id for (org,) in reported}
        return [
            {
                "organization_id": org.id,
                "key": str(year),
                "params": {"org": org.name, "year": str(year)},
            }
            for org in orgs
            if org.id not in done
        ]
