"""The Five Modernizations index (五化指数): one score per modernization and organisation.

An extension point like the compliance checks (``party_compliance.py``): each addon
that owns a modernization contributes its dimension, in its own
``models/party_index.py``:

* two fields of ``party.index``, ``score_<dimension>`` and ``coverage_<dimension>``,
  declared with :func:`dimension_fields` (label and sequence): they are the dimension's
  row of :meth:`PartyIndex._party_index_dimensions`;
* its indicators as data (``party.index.indicator``: weight, target, source), in the
  addon's ``data/party_index_<dimension>_data.xml``;
* one set-based function ``_party_index_<dimension>(orgs, run)``: it receives every
  organisation of the computation at once (superuser recordset) and the
  :class:`IndexRun` (the period, the day the facts are read on, member counts and
  positions computed once) and returns ``{indicator code: {org_id: Fact}}``;
* optionally ``_party_index_records_<indicator code>(org, run)``: ``(model, domain)``
  of the records behind a figure (the index line's "Records" button).

A dimension whose addon is not installed has no field, no indicator and is not shown.

Arithmetic (docs/architecture.md, "Five Modernizations index"):

* an indicator scores ``(value - zero_at) / (target - zero_at)``, clamped to 0–100;
* a fact the suite does not hold is *missing* (``Fact()``): its line says so and what
  would supply it, it scores nothing and its weight is left out: the dimension's score
  is the weighted mean of its measured indicators, the weights renormalised, and its
  coverage the share of the applicable weight measured. An indicator that does not
  apply to the organisation (``NOT_APPLICABLE``: no term for a Party committee's …)
  has no line and no weight;
* the total is the mean of the dimension scores measured;
* an organisation's index rolls up its subtree: each dimension's score is the mean of
  the organisations' own scores, weighted by their own members (an organisation without
  members of its own counts as one). Party groups are not indexed: their members and
  their meetings count in their branch.
"""

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.sql import pg_array
from .party_organization import ELECTED_TYPES, IN_ORG_STATUSES, MEMBER_ORG_TYPES

_logger = logging.getLogger(__name__)

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
INDEXED_TYPES = MEMBER_ORG_TYPES  # Party groups count in their branch
BRANCH_TYPES = ("branch", "joint_branch")


@dataclass(frozen=True)
class Dimension:
    """One modernization of the index (one row of ``_party_index_dimensions``)."""

    code: str
    name: str
    sequence: int = 10


@dataclass(frozen=True)
class Fact:
    """The value of one indicator for one organisation.

    ``value`` None: missing (the line shows what would supply it); ``applicable``
    False: the indicator does not apply to the organisation (no line, no weight);
    ``detail``: the figures behind the value ("5 / 12"), language-neutral."""

    value: float | None = None
    detail: str = ""
    applicable: bool = True


MISSING = Fact()
NOT_APPLICABLE = Fact(applicable=False)


def ratio(done, due):
    """``done`` of ``due`` in percent, or missing when nothing was due."""
    if not due:
        return MISSING
    return Fact(100.0 * done / due, f"{done} / {due}")


def ratios(orgs, counts, absent=NOT_APPLICABLE):
    """{org_id: :func:`ratio` of ``counts[org_id]`` ((done, due))} for ``orgs``; ``absent``
    for an organisation without counts (nothing of the kind: the indicator does not
    apply)."""
    return {org.id: ratio(*counts[org.id]) if org.id in counts else absent for org in orgs}


def dimension_fields(label, sequence):
    """The two fields of ``party.index`` by which an addon declares its dimension, the
    score and its coverage: ``score_<code>, coverage_<code> = dimension_fields("Name",
    sequence)``. The score field is the dimension's row of
    :meth:`PartyIndex._party_index_dimensions` (its label translated as the field's)."""
    return (
        fields.Float(
            string=label,
            digits=(5, 2),
            readonly=True,
            aggregator="avg",
            party_dimension_sequence=sequence,
        ),
        fields.Float(
            string=f"{label} Coverage (%)", digits=(5, 2), readonly=True, aggregator="avg"
        ),
    )


@dataclass(frozen=True)
class Spec:
    """An indicator in force for one computation, read once: its target and the value
    scoring zero scaled to the period (prorated indicators)."""

    id: int
    code: str
    weight: float
    target: float
    zero_at: float
    sequence: int

    def score(self, value):
        """``(value - zero_at) / (target - zero_at)``, clamped to 0–100."""
        return max(0.0, min(1.0, (value - self.zero_at) / (self.target - self.zero_at))) * 100.0


class IndexRun:
    """What the dimensions of one computation share, each part computed once."""

    def __init__(self, orgs, period_type, date_from, date_to, as_of):
        self.orgs = orgs
        self.period_type = period_type
        self.date_from = date_from
        self.date_to = date_to
        self.as_of = as_of  # the last day whose facts count: the period's end, or today
        # datetimes (UTC, as stored) of [date_from, as_of]: dt_from <= start < dt_to
        self.dt_from = datetime.combine(date_from, time.min)
        self.dt_to = datetime.combine(as_of + timedelta(days=1), time.min)

    @property
    def fraction(self):
        """The share of a year the facts cover (prorated targets): a month 1/12, a
        quarter 1/4, a period under way for the days elapsed."""
        period_days = (self.date_to - self.date_from).days + 1
        elapsed = (self.as_of - self.date_from).days + 1
        return PERIOD_MONTHS[self.period_type] / 12.0 * elapsed / period_days

    @cached_property
    def _org_data(self):
        """{org_id: (parent path ids, company id)}: one query."""
        cr = self.orgs.env.cr
        cr.execute(
            SQL(
                "SELECT id, parent_path, company_id FROM party_organization WHERE id = ANY(%s)",
                self.orgs.ids,
            )
        )
        return {
            org_id: ([int(p) for p in path.split("/") if p], company_id)
            for org_id, path, company_id in cr.fetchall()
        }

    @property
    def paths(self):
        """{org_id: [ids from the root to the organisation]}."""
        return {org_id: data[0] for org_id, data in self._org_data.items()}

    @property
    def companies(self):
        """{org_id: company id}, in the order of ``orgs``."""
        data = self._org_data
        return {org_id: data[org_id][1] for org_id in self.orgs.ids}

    @cached_property
    def counts(self):
        """{org_id: {"all": n, "full": n, "probationary": n}} (members in the organisation)."""
        return self.orgs._member_counts()

    @cached_property
    def positions(self):
        """{org_id: {"secretary", "committee", "vacant"}} on ``as_of``."""
        return self.orgs._position_state(self.as_of)


def roll_up(nodes, targets, dimensions):
    """The member-weighted roll-up of the organisations' own scores.

    ``nodes``: {org_id: (ancestor ids incl. itself, own members, own)} where ``own`` is
    {dimension: (score or None, coverage) or None when the dimension does not apply};
    ``targets``: the org ids to roll up. Returns {org_id: {dimension: (score or None,
    coverage), "members": n}}."""
    acc = {t: defaultdict(lambda: [0.0, 0.0, 0.0, 0.0]) for t in targets}
    members = defaultdict(int)
    for path, count, own in nodes.values():
        weight = max(count, 1)
        for ancestor in path:
            if ancestor not in acc:
                continue
            members[ancestor] += count
            for dimension in dimensions:
                entry = own.get(dimension)
                if entry is None:
                    continue
                score, coverage = entry
                sums = acc[ancestor][dimension]
                if score is not None:
                    sums[0] += weight * score
                    sums[1] += weight
                sums[2] += weight * coverage
                sums[3] += weight
    result = {}
    for target in targets:
        values = {"members": members[target]}
        for dimension in dimensions:
            ws, wm, wc, wt = acc[target][dimension]
            values[dimension] = (ws / wm if wm else None, wc / wt if wt else 0.0)
        result[target] = values
    return result


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


class PartyIndex(models.Model):
    _name = "party.index"
    _description = "Five Modernizations Index"
    _inherit = ["party.access.mixin"]
    _order = "date_from desc, period_type, organization_id"
    _party_rpc_methods = {
        "action_compute": "group Branch Officer and _party_check_organizations: the "
        "organisations given (or the caller's own) are managed by the caller; their subtree "
        "is computed",
        "action_recompute": "read access on the indices and _party_check_organizations: "
        "every index's organisation managed by the caller",
    }
    _party_rpc_sample_args = {"action_compute": ("month",)}

    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    org_type = fields.Selection(related="organization_id.org_type", string="Organisation Type")
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    period_label = fields.Char(readonly=True)
    as_of = fields.Date(
        string="Facts As Of",
        readonly=True,
        help="The last day whose facts count: the end of the period, or the day of the "
        "computation while the period is under way.",
    )
    computed_on = fields.Datetime(readonly=True)
    is_final = fields.Boolean(
        string="Final",
        readonly=True,
        help="Computed after the period closed: kept as the record of that period.",
    )
    member_count = fields.Integer(string="Own Members", readonly=True, aggregator="sum")
    subtree_member_count = fields.Integer(
        string="Members (with Sub-organisations)", readonly=True, aggregator="sum"
    )
    score_total = fields.Float(
        string="Total",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="The mean of the dimension scores measured (the organisation and its "
        "sub-organisations, weighted by members).",
    )
    own_score_total = fields.Float(
        string="Own Total",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="The mean of the organisation's own dimension scores (its own facts only).",
    )
    score_standardisation, coverage_standardisation = dimension_fields("Standardisation", 10)
    is_measured = fields.Boolean(
        string="Measured", readonly=True, help="At least one dimension has a score."
    )
    own_measured = fields.Boolean(
        string="Own Facts Measured", readonly=True, help="At least one own dimension has a score."
    )
    missing_count = fields.Integer(string="Missing Facts", readonly=True)
    own_scores = fields.Json(readonly=True)  # {dimension: [score or null, coverage] or null}
    line_ids = fields.One2many("party.index.line", "index_id", string="Indicators", readonly=True)

    _sql_constraints = [
        (
            "period_uniq",
            "unique(organization_id, period_type, date_from)",
            "An organisation has one index per period.",
        ),
    ]

    @api.depends("organization_id", "period_label")
    def _compute_display_name(self):
        for index in self:
            index.display_name = f"{index.organization_id.name or ''} {index.period_label or ''}"

    # ------------------------------------------------------------------ dimensions

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "party_dimension_sequence" or super()._valid_field_parameter(field, name)

    @api.model
    def _party_index_dimensions(self):
        """The table of dimensions, in their order: one per ``score_<code>`` field
        declared with :func:`dimension_fields` (party_branch's, and each addon's)."""
        return sorted(
            (
                Dimension(name[len("score_") :], field._description_string(self.env), sequence)
                for name, field in self._fields.items()
                if (sequence := getattr(field, "party_dimension_sequence", None)) is not None
            ),
            key=lambda dimension: dimension.sequence,
        )

    # ------------------------------------------------------------------ periods

    @api.model
    def _party_index_period(self, period_type, day=None):
        """(first day, last day) of the period of ``period_type`` that contains ``day``
        (today by default); refused when it has not begun."""
        if not isinstance(period_type, str) or period_type not in PERIOD_MONTHS:
            raise ValidationError(
                self.env._(
                    "%(value)r is no period of the index: month, quarter or year.",
                    value=str(period_type)[:20],
                )
            )
        today = fields.Date.context_today(self)
        try:
            day = fields.Date.to_date(day) if day else today
        except (TypeError, ValueError):
            day = None
        if not day:
            raise ValidationError(self.env._("The index is computed for a day of a period."))
        months = PERIOD_MONTHS[period_type]
        start = day.replace(month=(day.month - 1) // months * months + 1, day=1)
        end = start + relativedelta(months=months, days=-1)
        if start > today:
            raise ValidationError(
                self.env._(
                    "The period %(period)s has not begun: the index is computed for a period "
                    "under way or closed, from the facts recorded.",
                    period=self._party_index_label(period_type, start),
                )
            )
        return start, end

    @api.model
    def _party_index_label(self, period_type, start):
        if period_type == "month":
            return f"{start.year}-{start.month:02d}"
        if period_type == "quarter":
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return str(start.year)

    # ------------------------------------------------------------------ actions

    @api.model
    def action_compute(self, period_type, date_from=None, organization_ids=None):
        """Compute the index of the period of ``period_type`` containing ``date_from``
        (today by default) for ``organization_ids`` and their sub-organisations (by
        default the organisations the caller manages; a Party administrator: the top
        organisations of their companies). Returns the indices computed (a list view)."""
        if not self.env.su and not self.env.user.has_group("party_branch.group_party_officer"):
            raise AccessError(
                self.env._("Only a Party officer or administrator computes the index.")
            )
        start, __ = self._party_index_period(period_type, date_from)
        orgs = self._party_index_roots(organization_ids)
        self._party_check_organizations(orgs)
        self._party_lock_run("party.index", self.env._("A computation of the index"))
        indices = self.sudo()._party_index_compute(orgs, period_type, start, explicit=True)
        return self._party_index_window(indices)

    def action_recompute(self):
        """Compute again the periods of these indices for their organisations and
        sub-organisations (a final index, computed after its period closed, is kept)."""
        self.check_access("read")
        self._party_check_organizations(self._party_organizations())
        self._party_lock_run("party.index", self.env._("A computation of the index"))
        done = self.browse()
        for (period_type, start), indices in (
            self.sudo().grouped(lambda i: (i.period_type, i.date_from)).items()
        ):
            done |= self.sudo()._party_index_compute(
                indices.organization_id, period_type, start, explicit=True
            )
        return self._party_index_window(done)

    @api.model
    def _party_index_roots(self, organization_ids):
        Org = self.env["party.organization"].sudo()
        if organization_ids is None or organization_ids is False:
            if self.env.su or self._party_is_admin():
                return Org.search(
                    [("parent_id", "=", False), ("company_id", "in", self.env.companies.ids)]
                )
            return self.env.user.sudo().party_managed_organization_ids
        if isinstance(organization_ids, int) and not isinstance(organization_ids, bool):
            organization_ids = [organization_ids]
        if not isinstance(organization_ids, (list, tuple)) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in organization_ids
        ):
            raise ValidationError(self.env._("Send the organisations as a list of ids."))
        orgs = Org.browse(organization_ids).exists()
        if len(orgs) != len(set(organization_ids)):
            raise ValidationError(self.env._("Some of the organisations given do not exist."))
        return orgs

    def _party_index_window(self, indices):
        action = self.env["ir.actions.act_window"]._for_xml_id("party_branch.party_index_action")
        action["domain"] = [("id", "in", indices.ids)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ computation

    @api.model
    def _cron_compute(self):
        """Nightly: the periods under way (month, quarter, year) and the periods that
        closed since the last run (computed once more, then final), for every company."""
        today = fields.Date.context_today(self)
        roots = (
            self.env["party.organization"]
            .sudo()
            .search([("parent_id", "=", False), ("org_type", "in", INDEXED_TYPES)])
        )
        for period_type, months in PERIOD_MONTHS.items():
            start, __ = self._party_index_period(period_type, today)
            previous = start - relativedelta(months=months)
            for day in (previous, start):
                try:
                    with self.env.cr.savepoint():
                        self.sudo()._party_index_compute(roots, period_type, day)
                except (UserError, ValidationError) as error:
                    _logger.error("Five Modernizations index %s %s: %s", period_type, day, error)

    @api.model
    def _demo_compute(self, months=12):
        """Demo data: the months, quarters and years of the last ``months`` months, for
        every organisation (again when a later addon adds its dimension)."""
        today = fields.Date.context_today(self)
        roots = (
            self.env["party.organization"]
            .sudo()
            .search([("parent_id", "=", False), ("org_type", "in", INDEXED_TYPES)])
        )
        for period_type in PERIOD_MONTHS:
            starts = {
                self._party_index_period(period_type, today - relativedelta(months=back))[0]
                for back in range(months)
            }
            for start in sorted(starts):
                self.sudo()._party_index_compute(roots, period_type, start, force=True)

    @api.model
    def _party_index_compute(self, orgs, period_type, start, explicit=False, force=False):
        """Compute the index of ``orgs`` and their sub-organisations for the period of
        ``period_type`` starting on ``start``, and roll it up to their superiors that
        already have an index of the period. Runs in superuser mode, after the caller's
        checks. Final indices are kept (``force``: demo data only). Set-based: each
        dimension reads its facts for every organisation at once; the indices and their
        lines are written with one statement each."""
        assert self.env.su, "the index is computed in superuser mode, after the checks"
        start, end = self._party_index_period(period_type, start)
        today = fields.Date.context_today(self)
        as_of = min(end, today)
        Org = self.env["party.organization"].sudo()
        scope = Org.search(
            [("id", "child_of", orgs.ids), ("org_type", "in", INDEXED_TYPES)], order="id"
        )
        period_domain = [("period_type", "=", period_type), ("date_from", "=", start)]
        final = self.search([*period_domain, ("organization_id", "in", scope.ids),
                             ("is_final", "=", True)])  # fmt: skip
        if final and not force:
            scope -= final.organization_id
            if not scope:
                if explicit:
                    raise UserError(
                        self.env._(
                            "The index of %(period)s is final for these organisations: "
                            "computed after the period closed, it is kept as the record of "
                            "that period.",
                            period=self._party_index_label(period_type, start),
                        )
                    )
                return self.browse()
        if not scope:
            return self.browse()

        dimensions = self._party_index_dimensions()
        resolved = (
            self.env["party.index.indicator"]
            .sudo()
            ._party_index_indicators(scope.company_id, [d.code for d in dimensions])
        )
        run = IndexRun(scope, period_type, start, end, as_of)
        fraction = run.fraction
        # {company_id: {dimension: [Spec of the indicators in force]}}
        indicators = defaultdict(lambda: defaultdict(list))
        for company_id, records in resolved.items():
            for indicator in sorted(records, key=lambda i: (i.sequence, i.id)):
                target, zero_at = indicator._bounds(fraction)
                indicators[company_id][indicator.dimension].append(
                    Spec(indicator.id, indicator.code, indicator.weight, target, zero_at,
                         indicator.dimension_sequence * 1000 + indicator.sequence)
                )  # fmt: skip

        facts = {}
        for dimension in dimensions:
            if any(by_dimension[dimension.code] for by_dimension in indicators.values()):
                facts.update(getattr(self, f"_party_index_{dimension.code}")(scope, run))

        counts = run.counts
        rows, lines = {}, []
        for org_id, company_id in run.companies.items():
            own, missing = {}, 0
            by_dimension = indicators[company_id]
            for dimension in dimensions:
                weighted, measured, applicable = 0.0, 0.0, 0.0
                for spec in by_dimension[dimension.code]:
                    fact = facts.get(spec.code, {}).get(org_id, MISSING)
                    if not fact.applicable:
                        continue
                    applicable += spec.weight
                    score = None
                    if fact.value is not None:
                        score = round(spec.score(fact.value), 2)
                        weighted += spec.weight * score
                        measured += spec.weight
                    else:
                        missing += 1
                    lines.append(
                        (org_id, spec, dimension.code,
                         None if fact.value is None else round(fact.value, 2), score,
                         fact.detail)
                    )  # fmt: skip
                if applicable:
                    own[dimension.code] = (
                        weighted / measured if measured else None,
                        100.0 * measured / applicable,
                    )
                else:
                    own[dimension.code] = None
            rows[org_id] = (own, counts[org_id]["all"], missing)

        codes = [d.code for d in dimensions]
        return self._party_index_store(run, today <= end, codes, rows, lines)

    def _party_index_store(self, run, open_, codes, rows, lines):
        """Write the indices of ``run.orgs`` (and the roll-up of their superiors that have
        an index of the period) and their lines; returns the indices of ``run.orgs``."""
        cr = self.env.cr
        self.env.flush_all()
        scope, period_type, start = run.orgs, run.period_type, run.date_from
        end, as_of = run.date_to, run.as_of
        label = self._party_index_label(period_type, start)
        paths = run.paths
        # the own scores of the period's other indices of the trees (not recomputed)
        top = {path[0] for path in paths.values()}
        cr.execute(
            SQL(
                """
            SELECT i.organization_id, o.parent_path, i.member_count, i.own_scores, i.is_final
              FROM party_index i JOIN party_organization o ON o.id = i.organization_id
             WHERE i.period_type = %(type)s AND i.date_from = %(start)s
               AND split_part(o.parent_path, '/', 1)::int = ANY(%(top)s)
               AND i.organization_id != ALL(%(scope)s)
                """,
                type=period_type,
                start=start,
                top=list(top),
                scope=scope.ids,
            )
        )
        nodes, others_final = {}, set()
        for org_id, path, count, own, is_final in cr.fetchall():
            own = own or {}
            nodes[org_id] = (
                [int(p) for p in path.split("/") if p],
                count or 0,
                {k: tuple(v) if v is not None else None for k, v in own.items()},
            )
            if is_final:
                others_final.add(org_id)
        for org_id, (own, count, __) in rows.items():
            nodes[org_id] = (paths[org_id], count, own)
        targets = set(rows) | {
            ancestor
            for org_id in rows
            for ancestor in paths[org_id]
            if ancestor in nodes and ancestor not in others_final
        }
        rolled = roll_up(nodes, targets, codes)

        def r2(value):
            return None if value is None else round(value, 2)

        now = fields.Datetime.now()
        final = not open_
        uid = self.env.uid
        columns = [
            "organization_id", "company_id", "period_type", "date_from", "date_to",
            "period_label", "as_of", "computed_on", "is_final", "member_count",
            "subtree_member_count", "score_total", "own_score_total", "is_measured",
            "own_measured", "missing_count", "own_scores", "create_uid", "create_date", "write_uid",
            "write_date",
        ]  # fmt: skip
        for code in codes:
            columns += [f"score_{code}", f"coverage_{code}"]
        companies = dict(run.companies)
        outside = [t for t in targets if t not in companies]
        if outside:
            cr.execute(
                SQL("SELECT id, company_id FROM party_organization WHERE id = ANY(%s)", outside)
            )
            companies.update(cr.fetchall())
        recomputed = [t for t in targets if t in rows]
        rolled_only = [t for t in targets if t not in rows]
        values = {column: [] for column in columns}
        for target in recomputed:
            own, count, missing = rows[target]
            roll = rolled[target]
            own_total = mean(own[c][0] for c in codes if own[c] is not None)
            row = {
                "organization_id": target, "company_id": companies[target],
                "period_type": period_type, "date_from": start, "date_to": end,
                "period_label": label, "as_of": as_of, "computed_on": now, "is_final": final,
                "member_count": count, "subtree_member_count": roll["members"],
                "score_total": r2(mean(roll[c][0] for c in codes)),
                "is_measured": mean(roll[c][0] for c in codes) is not None,
                "own_score_total": r2(own_total),
                "own_measured": own_total is not None,
                "missing_count": missing,
                "own_scores": json.dumps({c: list(own[c]) if own[c] else None for c in codes}),
                "create_uid": uid, "create_date": now, "write_uid": uid, "write_date": now,
            }  # fmt: skip
            for code in codes:
                row[f"score_{code}"] = r2(roll[code][0])
                row[f"coverage_{code}"] = r2(roll[code][1])
            for column in columns:
                values[column].append(row[column])
        types = {
            "organization_id": "int4", "company_id": "int4", "period_type": "varchar",
            "date_from": "date", "date_to": "date", "period_label": "varchar", "as_of": "date",
            "computed_on": "timestamp", "is_final": "bool", "member_count": "int4",
            "subtree_member_count": "int4", "score_total": "numeric",
            "own_score_total": "numeric", "is_measured": "bool", "own_measured": "bool",
            "missing_count": "int4",
            "own_scores": "jsonb",
            "create_uid": "int4", "create_date": "timestamp", "write_uid": "int4",
            "write_date": "timestamp",
        }  # fmt: skip
        for code in codes:
            types[f"score_{code}"] = types[f"coverage_{code}"] = "numeric"
        ids = []
        if recomputed:
            updates = [c for c in columns if c not in ("organization_id", "period_type",
                                                        "date_from", "create_uid", "create_date")]  # fmt: skip
            cr.execute(
                SQL(
                    "INSERT INTO party_index (%s) SELECT * FROM unnest(%s) "
                    "ON CONFLICT (organization_id, period_type, date_from) DO UPDATE SET %s "
                    "RETURNING id",
                    SQL(", ").join(SQL.identifier(c) for c in columns),
                    SQL(", ").join(
                        SQL("%s::%s[]", pg_array(values[c]), SQL(types[c])) for c in columns
                    ),
                    SQL(", ").join(
                        SQL("%s = EXCLUDED.%s", SQL.identifier(c), SQL.identifier(c))
                        for c in updates
                    ),
                )
            )
            ids = [row[0] for row in cr.fetchall()]
        for target in rolled_only:
            # a superior's index of the period, rolled up again from its subtree
            roll = rolled[target]
            total = mean(roll[c][0] for c in codes)
            sets = [
                SQL("subtree_member_count = %s", roll["members"]),
                SQL("score_total = %s", r2(total)),
                SQL("is_measured = %s", total is not None),
                SQL("write_date = %s", now),
                SQL("write_uid = %s", uid),
            ]
            for code in codes:
                sets.append(SQL("%s = %s", SQL.identifier(f"score_{code}"), r2(roll[code][0])))
                sets.append(SQL("%s = %s", SQL.identifier(f"coverage_{code}"), r2(roll[code][1])))
            cr.execute(
                SQL(
                    "UPDATE party_index SET %s WHERE organization_id = %s "
                    "AND period_type = %s AND date_from = %s",
                    SQL(", ").join(sets),
                    target,
                    period_type,
                    start,
                )
            )
        indices = self.browse(ids)
        by_org = dict(zip(recomputed, ids, strict=True))
        cr.execute(SQL("DELETE FROM party_index_line WHERE index_id = ANY(%s)", ids))
        if lines:
            cols = {
                "index_id": [], "organization_id": [], "company_id": [], "indicator_id": [],
                "dimension": [], "sequence": [], "value": [], "target": [], "zero_at": [],
                "weight": [], "score": [], "is_missing": [], "detail": [],
            }  # fmt: skip
            for org_id, spec, dimension, value, score, detail in lines:
                cols["index_id"].append(by_org[org_id])
                cols["organization_id"].append(org_id)
                cols["company_id"].append(companies[org_id])
                cols["indicator_id"].append(spec.id)
                cols["dimension"].append(dimension)
                cols["sequence"].append(spec.sequence)
                cols["value"].append(value)
                cols["target"].append(round(spec.target, 2))
                cols["zero_at"].append(round(spec.zero_at, 2))
                cols["weight"].append(spec.weight)
                cols["score"].append(score)
                cols["is_missing"].append(value is None)
                cols["detail"].append(detail or None)
            line_types = {
                "index_id": "int4", "organization_id": "int4", "company_id": "int4",
                "indicator_id": "int4", "dimension": "varchar", "sequence": "int4",
                "value": "numeric", "target": "numeric", "zero_at": "numeric",
                "weight": "numeric", "score": "numeric", "is_missing": "bool",
                "detail": "varchar",
            }  # fmt: skip
            cr.execute(
                SQL(
                    # the lines are the index's: its author and date say who computed them
                    # (no author on 15,000 lines: two foreign keys fewer to check each)
                    "INSERT INTO party_index_line (%s, create_date, write_date) "
                    "SELECT *, %s, %s FROM unnest(%s)",
                    SQL(", ").join(SQL.identifier(c) for c in cols),
                    now,
                    now,
                    SQL(", ").join(
                        SQL("%s::%s[]", pg_array(values), SQL(line_types[c]))
                        for c, values in cols.items()
                    ),
                )
            )
        self.env.invalidate_all()
        return indices

    # ------------------------------------------------------------- standardisation

    def _party_index_standardisation(self, orgs, run):
        """Positions filled, term current, member files complete, open breaches."""
        facts = defaultdict(dict)
        types = self.env["party.position.type"].sudo().search([("active", "=", True)])
        positions = run.positions
        required_counts = {}  # (type, committee) -> positions required
        for org in orgs:
            key = (org.org_type, org.has_committee)
            if key not in required_counts:
                required_counts[key] = len(
                    types.filtered(lambda t, org=org: t._is_required_in(org))
                )
            required = required_counts[key]
            if required:
                vacant = positions[org.id]["vacant"]
                facts["std_positions_filled"][org.id] = ratio(required - len(vacant), required)
            else:
                facts["std_positions_filled"][org.id] = NOT_APPLICABLE
            if org.org_type not in ELECTED_TYPES:
                facts["std_term_current"][org.id] = NOT_APPLICABLE
            elif not org.term_start or org.term_start > run.as_of or not org.term_end:
                # the term current then is not the one recorded (or none is)
                facts["std_term_current"][org.id] = MISSING
            else:
                current = org.term_end >= run.as_of
                facts["std_term_current"][org.id] = Fact(
                    100.0 if current else 0.0, org.term_end.isoformat()
                )
        files = defaultdict(lambda: [0, 0])
        for org, recorded, count in (
            self.env["party.member"]
            .sudo()
            ._read_group(
                [("organization_id", "in", orgs.ids), ("status", "in", IN_ORG_STATUSES)],
                ["organization_id", "file_recorded"],
                ["__count"],
            )
        ):
            files[org.id][1] += count
            if recorded:
                files[org.id][0] += count
        open_breaches = {
            org.id: count
            for org, count in self.env["party.finding"]
            .sudo()
            ._read_group(
                [
                    ("organization_id", "in", orgs.ids),
                    ("severity", "=", "breach"),
                    *self._party_index_open_findings_domain(run),
                ],
                ["organization_id"],
                ["__count"],
            )
        }
        for org in orgs:
            if files[org.id][1] or org.org_type in BRANCH_TYPES:
                facts["std_member_files"][org.id] = ratio(*files[org.id])
            else:
                # a committee's members are usually kept in its branches
                facts["std_member_files"][org.id] = NOT_APPLICABLE
            count = open_breaches.get(org.id, 0)
            facts["std_open_findings"][org.id] = Fact(float(count), str(count))
        return facts

    @staticmethod
    def _party_index_open_findings_domain(run):
        return [
            ("date_found", "<=", run.as_of),
            "|",
            ("state", "=", "open"),
            ("date_closed", ">", run.as_of),
        ]

    def _party_index_records_std_positions_filled(self, org, run):
        Position = self.env["party.position"]
        return "party.position", [("organization_id", "=", org.id)] + Position._current_domain(
            run.as_of
        )

    def _party_index_records_std_term_current(self, org, run):
        return "party.organization", [("id", "=", org.id)]

    def _party_index_records_std_member_files(self, org, run):
        return "party.member", [
            ("organization_id", "=", org.id),
            ("status", "in", IN_ORG_STATUSES),
        ]

    def _party_index_records_std_open_findings(self, org, run):
        return "party.finding", [
            ("organization_id", "=", org.id),
            ("severity", "=", "breach"),
            *self._party_index_open_findings_domain(run),
        ]
