"""party_systems' dimension of the Five Modernizations index: systematisation (工作制度体系化).

See party_branch/models/party_index.py for the extension point and the arithmetic.

- ``sys_regulations_read``: acknowledgements of the required reading in force at the
  end of the period by the organisation's members, of the readings due (each regulation
  that applies to the organisation, times its members);
- ``sys_decisions_executed``: passed resolutions whose execution deadline fell in the
  period, executed (no resolution due: the indicator does not apply);
- ``sys_disclosures_on_time``: disclosures whose publish date fell in the period,
  approved (none: does not apply);
- ``sys_fund_report``: the yearly fund report last due (by 31 March) approved, for the
  organisations that keep funds (an analytic account) in a company that checks the
  yearly rules;
- ``sys_secretary_report``: the secretary's yearly report last due (双述双评): half for
  filing it by its deadline, half for its rating closed.
"""

from collections import defaultdict
from datetime import date

from odoo import fields, models

from odoo.addons.party_branch.models.party_index import (
    MISSING,
    NOT_APPLICABLE,
    Fact,
    dimension_fields,
    ratio,
    ratios,
)
from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from .party_compliance import FUND_REPORT_MONTHS
from .party_secretary_report import REPORTING_TYPES

APPROVED_DISCLOSURES = ("approved", "withdrawn")


class PartyIndex(models.Model):
    _inherit = "party.index"

    score_systematisation, coverage_systematisation = dimension_fields("Systematisation", 40)

    def _party_index_systematisation(self, orgs, run):
        return {
            "sys_regulations_read": self._party_index_regulations(orgs, run),
            "sys_decisions_executed": self._party_index_due_records(
                orgs,
                "party.decision",
                [("state", "=", "passed"), *self._party_index_decision_domain(run)],
                lambda state: state == "done",
                "execution_state",
            ),
            "sys_disclosures_on_time": self._party_index_due_records(
                orgs,
                "party.disclosure",
                self._party_index_disclosure_domain(run),
                lambda state: state in APPROVED_DISCLOSURES,
                "state",
            ),
            "sys_fund_report": self._party_index_fund_report(orgs, run),
            "sys_secretary_report": self._party_index_secretary_report(orgs, run),
        }

    # ------------------------------------------------------------ regulations

    def _party_index_regulation_domain(self, run):
        return [
            ("required_reading", "=", True),
            ("effective_date", "<=", run.as_of),
            "|",
            ("repeal_date", "=", False),
            ("repeal_date", ">", run.as_of),
        ]

    def _party_index_regulations(self, orgs, run):
        """The readings done of the readings due: one query for the regulations, one
        for the acknowledgements, grouped by organisation and regulation."""
        regulations = (
            self.env["party.regulation"]
            .sudo()
            .search_fetch(
                self._party_index_regulation_domain(run), ["organization_id", "applies_to_ids"]
            )
        )
        scopes = {
            regulation.id: set((regulation.applies_to_ids or regulation.organization_id).ids)
            for regulation in regulations
        }
        acks = defaultdict(int)
        if regulations:
            for org, regulation, count in (
                self.env["party.regulation.ack"]
                .sudo()
                ._read_group(
                    [
                        ("regulation_id", "in", regulations.ids),
                        ("organization_id", "in", orgs.ids),
                        ("member_id.status", "in", IN_ORG_STATUSES),
                        ("date", "<", run.dt_to),
                    ],
                    ["organization_id", "regulation_id"],
                    ["__count"],
                )
            ):
                acks[org.id, regulation.id] = count
        result = {}
        for org in orgs:
            members = run.counts[org.id]["all"]
            path = {int(p) for p in org.parent_path.split("/") if p}
            applying = [reg_id for reg_id, scope in scopes.items() if scope & path]
            if not members or not applying:
                result[org.id] = NOT_APPLICABLE  # nothing to read, or nobody to read it
                continue
            done = sum(min(acks[org.id, reg_id], members) for reg_id in applying)
            result[org.id] = ratio(done, members * len(applying))
        return result

    # ------------------------------------------------------ decisions, disclosures

    @staticmethod
    def _party_index_decision_domain(run):
        return [
            ("execution_deadline", ">=", run.date_from),
            ("execution_deadline", "<=", run.as_of),
        ]

    @staticmethod
    def _party_index_disclosure_domain(run):
        return [
            ("publish_date", ">=", run.date_from),
            ("publish_date", "<=", run.as_of),
        ]

    def _party_index_due_records(self, orgs, model, domain, done, state_field):
        """Records of ``model`` due in the period and those ``done``: one grouped query."""
        counts = defaultdict(lambda: [0, 0])
        for org, state, count in (
            self.env[model]
            .sudo()
            ._read_group(
                [("organization_id", "in", orgs.ids), *domain],
                ["organization_id", state_field],
                ["__count"],
            )
        ):
            counts[org.id][1] += count
            if done(state):
                counts[org.id][0] += count
        return ratios(orgs, counts)

    # ------------------------------------------------------------ yearly reports

    @staticmethod
    def _party_index_fund_year(run):
        """The last year whose fund report was due by ``as_of`` (31 March after it)."""
        due = date(run.as_of.year, FUND_REPORT_MONTHS, 31)
        return run.as_of.year - 1 if run.as_of > due else run.as_of.year - 2

    def _party_index_fund_report(self, orgs, run):
        year = self._party_index_fund_year(run)
        approved = self.env["party.fund.report"]._approved_orgs(orgs, year)
        result = {}
        for org in orgs:
            rules_from = org.company_id.party_systems_rules_from
            if not org.analytic_account_id:
                result[org.id] = NOT_APPLICABLE  # keeps no funds of its own
            elif org.id in approved:
                result[org.id] = Fact(100.0, str(year))
            elif not rules_from or rules_from > date(year, 1, 1):
                result[org.id] = MISSING  # the company does not check that year yet
            else:
                result[org.id] = Fact(0.0, str(year))
        return result

    @staticmethod
    def _party_index_report_year(run):
        """The year of the secretaries' reports last due by ``as_of`` (31 January)."""
        return run.as_of.year - 1 if run.as_of > date(run.as_of.year, 1, 31) else run.as_of.year - 2

    def _party_index_secretary_report(self, orgs, run):
        year = self._party_index_report_year(run)
        reports = {
            report.organization_id.id: report
            for report in self.env["party.secretary.report"]
            .sudo()
            .search_fetch(
                [("organization_id", "in", orgs.ids), ("year", "=", year)],
                ["organization_id", "deadline", "filed_on", "state"],
            )
        }
        result = {}
        for org in orgs:
            report = reports.get(org.id)
            if org.org_type not in REPORTING_TYPES:
                result[org.id] = NOT_APPLICABLE
            elif not report:
                result[org.id] = MISSING
            elif report.deadline > run.as_of and not report.filed_on:
                result[org.id] = NOT_APPLICABLE  # not due yet
            else:
                filed = bool(
                    report.filed_on
                    and report.filed_on <= report.deadline
                    and report.filed_on <= run.as_of
                )
                rated = report.state == "done"
                result[org.id] = Fact(
                    50.0 * filed + 50.0 * rated,
                    f"{year}: {report.filed_on or '-'} / {report.deadline}",
                )
        return result

    # ------------------------------------------------------------ records behind

    def _party_index_records_sys_regulations_read(self, org, run):
        return "party.regulation.ack", [
            ("organization_id", "=", org.id),
            ("date", "<", fields.Datetime.to_string(run.dt_to)),
        ]

    def _party_index_records_sys_decisions_executed(self, org, run):
        return "party.decision", [
            ("organization_id", "=", org.id),
            ("state", "=", "passed"),
            *self._party_index_decision_domain(run),
        ]

    def _party_index_records_sys_disclosures_on_time(self, org, run):
        return "party.disclosure", [
            ("organization_id", "=", org.id),
            *self._party_index_disclosure_domain(run),
        ]

    def _party_index_records_sys_fund_report(self, org, run):
        year = self._party_index_fund_year(run)
        return "party.fund.report", [
            ("organization_id", "=", org.id),
            ("date_to", "=", date(year, 12, 31)),
        ]

    def _party_index_records_sys_secretary_report(self, org, run):
        return "party.secretary.report", [
            ("organization_id", "=", org.id),
            ("year", "=", self._party_index_report_year(run)),
        ]
