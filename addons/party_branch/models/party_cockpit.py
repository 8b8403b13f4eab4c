"""The committee's cockpit (驾驶舱): the figures of a subtree on one screen.

One data call, :meth:`PartyCockpit.get_cockpit_data`, feeds the OWL client action
(``static/src/cockpit``). It checks who calls and for which organisation, then builds
the screen from *sections*, an extension point like the index's dimensions and the
compliance checks: each addon appends its own to :meth:`_party_cockpit_sections` (in its
``models/party_cockpit.py``) and writes one builder ``_party_cockpit_<code>(run)``
that reads its facts for the whole subtree at once (a grouped query or two) and returns
a section (or ``None`` when it has nothing to show):

``{"title", "kpis": [figure], "bars": [figure], "table": {"columns", "rows"}, "note",
"drills"}``, where a figure is ``{"label", "display", "detail", "tone", "ratio", "action"}``
and a table row ``{"cells": [cell], "tone", "depth"}``; a cell ``{"display", "action"}``,
``{"display", "org_id"}`` (opens the cockpit of that organisation) or ``{"display",
"drill", "org_id"}`` (the section's ``drills[drill]`` window action, restricted to the
organisation's subtree by the client). Every action is a window action whose domain the
web client searches *as the caller*: the records behind a figure are those the caller's
rules let them read.

A section whose model the caller may not read (its ACL) is left out: nothing is
computed from what the caller may not read.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .party_index import BRANCH_TYPES, INDEXED_TYPES, PERIOD_MONTHS

GOOD, FAIR = 80.0, 60.0  # score tones: good from 80, fair from 60, weak below
TREND_PERIODS = 6
RANKING_SIZE = 10
REFRESH_SECONDS = 300  # the wall screen reloads its figures every five minutes


@dataclass(frozen=True)
class Section:
    """One section of the cockpit (one row of ``_party_cockpit_sections``): ``model``
    is the model its figures come from; left out when the caller may not read it."""

    code: str
    sequence: int
    model: str


def tone(score, good=GOOD, fair=FAIR):
    """The colour of a score: good, fair, weak, or missing (no score)."""
    if score is None:
        return "missing"
    if score >= good:
        return "good"
    if score >= fair:
        return "fair"
    return "weak"


def percent(done, due):
    """``done`` of ``due`` in percent (None when nothing was due)."""
    return round(100.0 * done / due, 1) if due else None


def rate_figure(label, rate, detail, action, good=GOOD, fair=FAIR, display=None):
    """A figure of a rate in percent (``display`` for another scale): "—" and the tone
    *missing* when nothing was due (``rate`` None)."""
    if display is None:
        display = "—" if rate is None else f"{rate:.1f}%"
    return {
        "label": label,
        "display": display,
        "detail": detail,
        "tone": tone(rate, good, fair),
        "action": action,
    }


class CockpitRun:
    """What the sections of one call share: the organisation, its subtree and the
    period (the facts of ``date_from`` … ``as_of``)."""

    def __init__(self, env, root, scope, period_type, date_from, date_to, label):
        self.env = env
        self.root = root
        self.scope = scope  # superuser recordset: the organisation and every one below
        self.period_type = period_type
        self.date_from = date_from
        self.date_to = date_to
        self.label = label
        self.today = fields.Date.context_today(env["party.cockpit"])
        self.as_of = min(date_to, self.today)
        self.dt_from = datetime.combine(date_from, time.min)
        self.dt_to = datetime.combine(self.as_of + timedelta(days=1), time.min)

    def subtree(self, field="organization_id"):
        """The domain of the records of the subtree (as the drilled list searches them)."""
        return [(field, "child_of", self.root.id)]

    def period(self, field, datetimes=False):
        """The domain of the period's records on a date (or datetime) field."""
        if datetimes:
            return [
                (field, ">=", fields.Datetime.to_string(self.dt_from)),
                (field, "<", fields.Datetime.to_string(self.dt_to)),
            ]
        return [
            (field, ">=", fields.Date.to_string(self.date_from)),
            (field, "<=", fields.Date.to_string(self.as_of)),
        ]

    def action(self, name, model, domain, views=("list", "form"), context=None):
        """A window action opening the records behind a figure (searched as the caller)."""
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "domain": domain,
            "views": [[False, view] for view in views],
            "target": "current",
            "context": context or {},
        }


class PartyCockpit(models.AbstractModel):
    _name = "party.cockpit"
    _description = "Party Cockpit"
    _inherit = ["party.access.mixin"]
    _party_rpc_methods = {
        "get_cockpit_data": "group Branch Officer, Auditor or Administrator; the organisation "
        "is one of the caller's companies and, for an officer, one they manage or below; the "
        "period has begun",
    }
    _party_rpc_sample_args = {"get_cockpit_data": (False, "month")}

    # ------------------------------------------------------------------ sections

    @api.model
    def _party_cockpit_sections(self):
        """The table of sections: party_branch's; other addons append theirs."""
        return [
            Section("index", 10, "party.index"),
            Section("tree", 20, "party.index"),
            Section("findings", 30, "party.finding"),
        ]

    # ------------------------------------------------------------------ the data call

    @api.model
    def get_cockpit_data(self, organization_id=False, period="month", day=None):
        """The cockpit of ``organization_id`` (by default the caller's first: the top
        organisation of the company for the committee, the highest they manage for an
        officer) and its subtree, for the period of type ``period`` (month, quarter,
        year) containing ``day`` (today by default)."""
        root, roots = self._party_cockpit_root(organization_id)
        Index = self.env["party.index"]
        start, end = Index._party_index_period(period, day)
        # the fields the sections read, fetched with the search (one query, not every
        # column of a thousand organisations at the first field a section reads)
        scope = (
            self.env["party.organization"]
            .sudo()
            .search_fetch(
                [("id", "child_of", root.id)],
                ["name", "complete_name", "parent_path", "org_type", "company_id"],
                order="parent_path",
            )
        )
        run = CockpitRun(
            self.env, root, scope, period, start, end, Index._party_index_label(period, start)
        )
        sections = []
        for section in sorted(self._party_cockpit_sections(), key=lambda s: s.sequence):
            if not self.env[section.model].has_access("read"):
                continue
            data = getattr(self.sudo(), f"_party_cockpit_{section.code}")(run)
            if data:
                sections.append({"code": section.code, "sequence": section.sequence, **data})
        return {
            "organization": {
                "id": root.id,
                "name": root.complete_name,
                "parent_id": root.parent_id.id
                if root.parent_id and root.parent_id in self._party_cockpit_allowed(root.parent_id)
                else False,
            },
            "roots": [{"id": org.id, "name": org.complete_name} for org in roots],
            "period": {
                "type": period,
                "date_from": fields.Date.to_string(start),
                "date_to": fields.Date.to_string(end),
                "as_of": fields.Date.to_string(run.as_of),
                "label": run.label,
            },
            "refresh_seconds": REFRESH_SECONDS,
            "sections": sections,
        }

    @api.model
    def _party_cockpit_is_committee(self):
        """The Party committee's staff: administrators and auditors see their companies."""
        user = self.env.user
        return self._party_is_admin() or user.has_group("party_branch.group_party_auditor")

    @api.model
    def _party_cockpit_allowed(self, orgs):
        """The organisations of ``orgs`` whose cockpit the caller may open."""
        orgs = orgs.sudo()
        if self._party_cockpit_is_committee():
            return orgs.filtered(lambda o: o.company_id in self.env.user.company_ids)
        return self._party_managed(orgs)

    @api.model
    def _party_cockpit_roots(self):
        """The organisations the caller's cockpit starts from."""
        Org = self.env["party.organization"].sudo()
        roots = Org.browse()
        if self._party_cockpit_is_committee():
            roots = Org.search(
                [
                    ("parent_id", "=", False),
                    ("company_id", "in", self.env.companies.ids),
                    ("org_type", "in", INDEXED_TYPES),
                ]
            )
        managed = self.env.user.sudo().party_managed_organization_ids
        paths = managed.mapped("parent_path")
        tops = managed.filtered(
            lambda o: not any(o.parent_path != p and o.parent_path.startswith(p) for p in paths)
        )
        return roots | (tops - roots).filtered(lambda o: o.company_id in self.env.user.company_ids)

    @api.model
    def _party_cockpit_root(self, organization_id):
        """(organisation, organisations to choose from), or a refusal."""
        user = self.env.user
        if not (
            self._party_cockpit_is_committee() or user.has_group("party_branch.group_party_officer")
        ):
            raise AccessError(
                self.env._("Only a Party officer, auditor or administrator opens the cockpit.")
            )
        roots = self._party_cockpit_roots()
        if organization_id is None or organization_id is False:
            if not roots:
                raise AccessError(
                    self.env._(
                        "You hold no position in a Party organisation: the cockpit shows the "
                        "organisations an officer manages."
                    )
                )
            return roots[0], roots
        if not isinstance(organization_id, int) or isinstance(organization_id, bool):
            raise ValidationError(self.env._("Send the organisation as an id."))
        org = self.env["party.organization"].sudo().browse(organization_id).exists()
        if not org or not self._party_cockpit_allowed(org):
            # an unknown id and another company's organisation get the same answer
            raise AccessError(
                self.env._(
                    "The cockpit shows the organisations you manage and those below them "
                    "(the Party committee: those of its companies); this organisation is not "
                    "one of them."
                )
            )
        return org, roots

    # ------------------------------------------------------------------ party_branch

    def _party_cockpit_index_rows(self, run, start, org_ids, columns=("score_total",)):
        """{org_id: {column: value}} of the indices of the period starting ``start``."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT organization_id, is_measured, %s FROM party_index "
                "WHERE period_type = %s AND date_from = %s AND organization_id = ANY(%s)",
                SQL(", ").join(SQL.identifier(c) for c in columns),
                run.period_type,
                start,
                org_ids,
            )
        )
        result = {}
        for org_id, measured, *values in self.env.cr.fetchall():
            row = {
                c: (float(v) if v is not None and measured else None)
                for c, v in zip(columns, values, strict=True)
            }
            result[org_id] = row
        return result

    def _party_cockpit_index(self, run):
        """The index of the organisation (total and each modernization), its trend over
        the last periods, and the ranking of the branches below it with their change."""
        Index = self.env["party.index"]
        dimensions = [
            d
            for d in sorted(Index._party_index_dimensions(), key=lambda d: d.sequence)
            if f"score_{d.code}" in Index._fields
        ]
        columns = ["score_total"] + [f"score_{d.code}" for d in dimensions]
        root = run.root
        own = self._party_cockpit_index_rows(run, run.date_from, [root.id], columns).get(root.id)
        index_domain = [
            ("period_type", "=", run.period_type),
            ("date_from", "=", fields.Date.to_string(run.date_from)),
        ]
        records = run.action(
            self.env._("Index %(period)s", period=run.label),
            "party.index",
            run.subtree() + index_domain,
            ("list", "pivot", "graph", "form"),
        )
        kpis = []
        labels = [self.env._("Total")] + [d.name for d in dimensions]
        for column, label in zip(columns, labels, strict=True):
            score = own.get(column) if own else None
            kpis.append(
                {
                    "label": label,
                    "display": "—" if score is None else f"{score:.1f}",
                    "tone": tone(score),
                    "ratio": score or 0,
                    "action": run.action(
                        self.env._("Index of %(org)s", org=root.name),
                        "party.index",
                        [("organization_id", "=", root.id), *index_domain],
                        ("form", "list"),
                    )
                    if own
                    else None,
                }
            )
        # the trend: the organisation's total over the last periods of the type
        self.env.cr.execute(
            SQL(
                "SELECT period_label, score_total, is_measured FROM party_index "
                "WHERE organization_id = %s AND period_type = %s AND date_from <= %s "
                "ORDER BY date_from DESC LIMIT %s",
                root.id,
                run.period_type,
                run.date_from,
                TREND_PERIODS,
            )
        )
        bars = []
        for label, score, measured in reversed(self.env.cr.fetchall()):
            score = float(score) if measured and score is not None else None
            bars.append(
                {
                    "label": label,
                    "display": "—" if score is None else f"{score:.1f}",
                    "tone": tone(score),
                    "ratio": score or 0,
                }
            )
        # the ranking: the branches of the subtree by total, with the change since the
        # previous period
        ranked_orgs = run.scope.filtered(lambda o: o.org_type in BRANCH_TYPES and o != root)
        if not ranked_orgs:
            ranked_orgs = run.scope.filtered(lambda o: o.org_type in INDEXED_TYPES and o != root)
        current = self._party_cockpit_index_rows(run, run.date_from, ranked_orgs.ids)
        previous_start = run.date_from - relativedelta(months=PERIOD_MONTHS[run.period_type])
        previous = self._party_cockpit_index_rows(run, previous_start, ranked_orgs.ids)
        ranking = sorted(
            (
                (row["score_total"], org)
                for org in ranked_orgs
                if (row := current.get(org.id)) and row["score_total"] is not None
            ),
            key=lambda item: (-item[0], item[1].complete_name),
        )
        shown = list(enumerate(ranking, 1))
        if len(shown) > 2 * RANKING_SIZE:
            shown = shown[:RANKING_SIZE] + shown[-RANKING_SIZE:]
        rows = []
        for rank, (score, org) in shown:
            before = previous.get(org.id, {}).get("score_total")
            change = None if before is None else score - before
            rows.append(
                {
                    "tone": tone(score),
                    "cells": [
                        {"display": str(rank)},
                        {"display": org.name, "org_id": org.id},
                        {"display": f"{score:.1f}", "drill": "index", "org_id": org.id},
                        {
                            "display": "—" if change is None else f"{change:+.1f}",
                            "tone": "missing"
                            if change is None
                            else ("good" if change >= 0 else "weak"),
                        },
                    ],
                }
            )
        note = ""
        if not own:
            note = self.env._(
                "The index of %(period)s has not been computed for this organisation yet "
                "(Party > Reporting > Five Modernizations Index: Compute, or the nightly run).",
                period=run.label,
            )
        unmeasured = len(ranked_orgs) - len(ranking)
        if unmeasured and own:
            note = self.env._(
                "%(count)s organisation(s) below have no score for %(period)s: their facts "
                "are missing (their index lines say what would supply them).",
                count=unmeasured,
                period=run.label,
            )
        return {
            "title": self.env._("Five Modernizations Index %(period)s", period=run.label),
            "kpis": kpis,
            "bars": bars,
            "bars_title": self.env._("Trend"),
            "table": {
                "title": self.env._("Ranking"),
                "columns": [
                    self.env._("Rank"),
                    self.env._("Organisation"),
                    self.env._("Total"),
                    self.env._("Change"),
                ],
                "rows": rows,
            },
            "note": note,
            "action": records,
            "drills": {"index": {**records, "domain": index_domain}},
        }

    def _party_cockpit_tree(self, run):
        """The tree of the subtree coloured by the index total, with open findings."""
        orgs = run.scope.filtered(lambda o: o.org_type in INDEXED_TYPES)
        scores = self._party_cockpit_index_rows(run, run.date_from, orgs.ids)
        findings = {
            org.id: count
            for org, count in self.env["party.finding"]
            .sudo()
            ._read_group(
                [("organization_id", "in", run.scope.ids), ("state", "=", "open")],
                ["organization_id"],
                ["__count"],
            )
        }
        base_depth = run.root.parent_path.count("/")
        rows = []
        for org in orgs:
            score = scores.get(org.id, {}).get("score_total")
            count = findings.get(org.id, 0)
            rows.append(
                {
                    "tone": tone(score),
                    "depth": org.parent_path.count("/") - base_depth,
                    "cells": [
                        {"display": org.name, "org_id": org.id},
                        {"display": "—" if score is None else f"{score:.1f}", "tone": tone(score)},
                        {
                            "display": str(count),
                            "drill": "findings",
                            "org_id": org.id,
                            "tone": "weak" if count else "good",
                        },
                    ],
                }
            )
        open_findings = [("state", "=", "open")]
        return {
            "title": self.env._("Organisations by Score"),
            "table": {
                "columns": [
                    self.env._("Organisation"),
                    self.env._("Total"),
                    self.env._("Open Findings"),
                ],
                "rows": rows,
                "tree": True,
            },
            "legend": [
                {"tone": "good", "display": self.env._("80 and above")},
                {"tone": "fair", "display": self.env._("60 to 80")},
                {"tone": "weak", "display": self.env._("below 60")},
                {"tone": "missing", "display": self.env._("not measured")},
            ],
            "drills": {
                "findings": run.action(
                    self.env._("Open Findings"),
                    "party.finding",
                    open_findings,
                    ("list", "kanban", "pivot", "form"),
                )
            },
        }

    def _party_cockpit_findings(self, run):
        """Open findings by rule and by age (days since they were found)."""
        Finding = self.env["party.finding"]
        self.env.flush_all()
        today = run.today
        self.env.cr.execute(
            SQL(
                """
            SELECT code,
                   COUNT(*) FILTER (WHERE date_found > %(d30)s),
                   COUNT(*) FILTER (WHERE date_found <= %(d30)s AND date_found > %(d90)s),
                   COUNT(*) FILTER (WHERE date_found <= %(d90)s OR date_found IS NULL)
              FROM party_finding
             WHERE state = 'open' AND organization_id = ANY(%(orgs)s)
          GROUP BY code
                """,
                d30=today - timedelta(days=30),
                d90=today - timedelta(days=90),
                orgs=run.scope.ids,
            )
        )
        counts = self.env.cr.fetchall()
        labels = dict(Finding._fields["code"]._description_selection(self.env))
        base = run.subtree() + [("state", "=", "open")]
        ages = [
            (
                self.env._("Up to 30 days"),
                [("date_found", ">", fields.Date.to_string(today - timedelta(30)))],
            ),
            (
                self.env._("31 to 90 days"),
                [
                    ("date_found", "<=", fields.Date.to_string(today - timedelta(30))),
                    ("date_found", ">", fields.Date.to_string(today - timedelta(90))),
                ],
            ),
            (
                self.env._("Over 90 days"),
                [("date_found", "<=", fields.Date.to_string(today - timedelta(90)))],
            ),
        ]
        totals = [sum(row[i + 1] for row in counts) for i in range(3)]
        total = sum(totals)
        kpis = [
            {
                "label": self.env._("Open Findings"),
                "display": str(total),
                "tone": "weak" if total else "good",
                "action": run.action(
                    self.env._("Open Findings"),
                    "party.finding",
                    base,
                    ("list", "kanban", "pivot", "form"),
                ),
            }
        ]
        for age, ((label, domain), count) in enumerate(zip(ages, totals, strict=True)):
            kpis.append(
                {
                    "label": label,
                    "display": str(count),
                    # a finding open for over 90 days is weak; a newer one fair
                    "tone": ("weak" if age == 2 else "fair") if count else "good",
                    "action": run.action(
                        self.env._("Open Findings: %(age)s", age=label),
                        "party.finding",
                        base + domain,
                        ("list", "kanban", "pivot", "form"),
                    ),
                }
            )
        rows = []
        for code, *by_age in sorted(counts, key=lambda row: -sum(row[1:])):
            name = labels.get(code, code)
            action = run.action(
                self.env._("Open Findings: %(rule)s", rule=name),
                "party.finding",
                base + [("code", "=", code)],
                ("list", "kanban", "pivot", "form"),
            )
            rows.append(
                {
                    "tone": "weak" if by_age[2] else "fair",
                    "cells": [
                        {"display": name, "action": action},
                        *({"display": str(n)} for n in by_age),
                        {"display": str(sum(by_age)), "action": action},
                    ],
                }
            )
        return {
            "title": self.env._("Findings by Rule and Age"),
            "kpis": kpis,
            "table": {
                "columns": [self.env._("Rule")]
                + [label for label, __ in ages]
                + [self.env._("Total")],
                "rows": rows,
            },
        }
