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
- ``asset_not_filed``: an asset the organisation holds, in service or disposed of,
  without an accepted filing (acquisition, disposal) within 30 days.

The first three (and ``asset_not_filed``: assets whose holding Party organisation
the accountants set) fire only on this addon's own records (a decision, a disclosure,
a report someone created). The last two are yearly rules about what was not
recorded: they apply from the company's ``party_systems_rules_from`` date on (set
by the Party administrator once the organisations record their talks and funds
here), so that installing the addon does not flood every organisation with
findings about a year it was not used in.
"""

from datetime import date, timedelta

from odoo import api, models

from odoo.addons.party_branch.models.party_compliance import (
    MEMBER_ORG_TYPES,
    PARENT_TYPES,
    Check,
    org_breaches,
)

# suite policy: the fund report of a year is approved by the end of March of the next year
FUND_REPORT_MONTHS = 3
# suite policy (备案资产登记): an asset is filed, and the filing accepted by the superior,
# within 30 days (以内: the 30th day included) of its start date (acquisition) or of its
# removal (disposal); the 31st day without an accepted filing raises asset_not_filed
ASSET_FILING_DAYS = 30


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
            Check(
                "asset_not_filed",
                self.env._("Asset Not Filed"),
                self.env._("管理监督制度 (备案资产登记)"),
                self.env._(
                    "each Party asset is filed with the superior organisation, and the filing "
                    "accepted, within %(days)s days of its acquisition and of its disposal.",
                    days=ASSET_FILING_DAYS,
                ),
                self.env._(
                    "%(org)s: %(type)s of the asset %(asset)s on %(date)s, not filed with the "
                    "superior and accepted within %(days)s days."
                ),
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
        return org_breaches(
            orgs,
            lambda org: coverage[org.id]["covered"] < coverage[org.id]["required"],
            lambda org: {
                "year": str(year),
                "covered": coverage[org.id]["covered"],
                "required": coverage[org.id]["required"],
            },
            key=str(year),
        )

    def _check_fund_report_missing(self, orgs, run):
        year = run.on_date.year - 1
        if run.on_date.month <= FUND_REPORT_MONTHS:
            return []
        orgs = self._ruled(orgs, year).filtered("analytic_account_id")
        if not orgs:
            return []
        done = self.env["party.fund.report"]._approved_orgs(orgs, year)
        return org_breaches(
            orgs, lambda org: org.id not in done, lambda org: {"year": str(year)}, key=str(year)
        )

    def _check_asset_not_filed(self, orgs, run):
        """One search: the assets held by ``orgs`` in service (running or fully
        depreciated) since more than ASSET_FILING_DAYS without an accepted acquisition
        filing, or removed since more than ASSET_FILING_DAYS without an accepted disposal
        filing."""
        limit = run.on_date - timedelta(days=ASSET_FILING_DAYS)

        def not_filed(filing_type):
            return (
                "party_filing_ids",
                "not any",
                [("state", "=", "accepted"), ("filing_type", "=", filing_type)],
            )

        assets = (
            self.env["account.asset"]
            .sudo()
            .search_fetch(
                [
                    ("party_organization_id", "in", orgs.ids),
                    "|",
                    "&",
                    "&",
                    ("state", "in", ("open", "close")),
                    ("date_start", "<", limit),
                    not_filed("acquisition"),
                    "&",
                    "&",
                    ("state", "=", "removed"),
                    ("date_remove", "<", limit),
                    not_filed("disposal"),
                ],
                ["party_organization_id", "display_name", "state", "date_start", "date_remove"],
            )
        )
        breaches = []
        for asset in assets:
            filing_type, day = (
                ("disposal", asset.date_remove)
                if asset.state == "removed"
                else ("acquisition", asset.date_start)
            )
            breaches.append(
                {
                    "organization_id": asset.party_organization_id.id,
                    "key": f"{asset.id}:{filing_type}",
                    "params": {
                        "org": asset.party_organization_id.name,
                        "asset": asset.display_name,
                        "date": day.isoformat(),
                        "type": {"selection": ["party.asset.filing", "filing_type", filing_type]},
                        "days": ASSET_FILING_DAYS,
                    },
                }
            )
        return breaches
