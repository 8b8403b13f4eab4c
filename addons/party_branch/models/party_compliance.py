"""The compliance engine: every rule of the Party's regulations the suite checks.

A check is two things, both in the file of the addon that owns it
(``models/party_compliance.py``):

* one declaration, a :class:`Check` in the addon's :meth:`PartyCompliance._checks`
  table: its code, its name, the regulation it comes from and what the rule
  says, the organisation types it applies to, what a breach is about (the
  organisation or one member) and its severity;
* one set-based function, ``_check_<code>(orgs, run)``: it receives every
  organisation in scope at once (superuser recordset) and the
  :class:`ComplianceRun` (date of the check, member counts and position state
  computed once for all checks), and returns the breaches as dicts with the
  keys ``organization_id``, ``member_id`` (member checks), ``key`` (optional:
  tells apart several breaches of one check in one organisation) and
  ``params``, the values of the check's message template.

The sentences a user reads follow the reader's language whoever ran the check
and when: a finding stores its message and rule in every installed language,
rendered from the table and the params (:meth:`PartyCompliance._render`).
Params are plain values (names, numbers, ISO dates) or, for what has a
translation of its own, ``{"record": [model, id, field]}``,
``{"selection": [model, field, value]}`` and ``{"text": "unknown_date"}``.

``party.organization.action_check_compliance()`` runs the table and
``party.finding._sync`` turns the breaches into findings and activities. Another
addon registers its checks the same way: ``_inherit = "party.compliance"``,
extend ``_checks()`` and add the functions.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .party_organization import (
    ELECTED_TYPES,
    IN_ORG_STATUSES,
    MEMBER_ORG_TYPES,
    PARENT_TYPES,
)

# Counting (docs/architecture.md): 以上/以下/以内/届满 include the number, 超过/不满 exclude it.
TERM_DUE_DAYS = 90  # suite policy: prepare the election 90 days before the term ends
# 失去联系6个月以上: 6 months or more; a member last reached exactly 6 months ago is lost
LOST_CONTACT_MONTHS = 6
COMMITTEE_REQUIRED_FULL = 7  # 正式党员7人以上的党支部设立支部委员会: 7 included
COMMITTEE_MIN, COMMITTEE_MAX = 3, 7  # 支部委员会由3至5人组成，一般不超过7人: 3 and 7 allowed
BRANCH_MIN_FULL = 3  # 正式党员3人以上的，应当成立党支部: 3 included
BRANCH_MAX_MEMBERS = 50  # 党支部党员人数一般不超过50名: 50 allowed, 51 flagged

_logger = logging.getLogger(__name__)

BRANCH_TYPES = ("branch", "joint_branch")
ALL_TYPES = tuple(PARENT_TYPES)


@dataclass(frozen=True)
class Check:
    """The declaration of one compliance check (one row of the table)."""

    code: str  # party.finding.code
    name: str  # short label, in the reader's language
    source: str  # the regulation the rule comes from
    rule: str  # what the rule says, in the reader's language
    message: str  # the finding's sentence, a %-template of the breach's params
    scope: tuple = ALL_TYPES  # organisation types checked
    subject: str = "organization"  # a breach is about the "organization" or one "member"
    severity: str = "breach"  # "breach" of the rule, or "reminder" of a duty coming due
    # fields of the subject's record whose change re-checks the rule for its organisation
    # when the record is saved: fixing the cause closes the finding at once
    # (party.compliance._recheck), not at the next daily run
    recheck: tuple = ()

    @property
    def function(self):
        return f"_check_{self.code}"


class MemberRow(NamedTuple):
    """One member of :attr:`ComplianceRun.members`."""

    id: int
    organization_id: int
    group_id: int | None
    category: str
    status: str
    name: str
    last_contact_date: date | None
    file_recorded: bool
    join_date: date | None


def org_breaches(orgs, breached, params=None, key=None):
    """The breaches of a check about the organisation: one for each of ``orgs`` where
    ``breached(org)``, its message's params the organisation's name and ``params(org)``,
    its ``key`` the same for all (``None``: none)."""
    return [
        {
            "organization_id": org.id,
            "key": key,
            "params": {"org": org.name, **(params(org) if params else {})},
        }
        for org in orgs
        if breached(org)
    ]


class ComplianceRun:
    """What the checks of one run share, each part computed once, on first use."""

    def __init__(self, orgs, on_date):
        self.orgs = orgs
        self.on_date = on_date

    @cached_property
    def members(self):
        """The members counted in the organisations or their Party groups (active or out
        of contact), by name: [:class:`MemberRow`], one statement for the member checks
        of every addon (``party.compliance._member_snapshot``)."""
        return self.orgs.env["party.compliance"]._member_snapshot(self.orgs)

    def members_of(self, orgs):
        """The rows of :attr:`members` kept in ``orgs``."""
        ids = set(orgs.ids)
        return [row for row in self.members if row.organization_id in ids]

    @cached_property
    def counts(self):
        """{org_id: {"full": n, "all": n, ...}} as ``party.organization._member_counts``
        counts them, from :attr:`members`."""
        ids = set(self.orgs.ids)
        counts = defaultdict(lambda: defaultdict(int))
        for row in self.members:
            for org_id in (row.organization_id, row.group_id):
                if org_id in ids:
                    counts[org_id][row.category] += 1
                    counts[org_id]["all"] += 1
        return counts

    @cached_property
    def positions(self):
        """{org_id: {"committee": ..., "vacant": ..., ...}} on the date of the check."""
        return self.orgs._position_state(self.on_date)


class PartyCompliance(models.AbstractModel):
    _name = "party.compliance"
    _description = "Compliance Engine"

    @api.model
    def _checks(self):
        """The table of checks: party_branch's; other addons append theirs."""
        branch_rules = self.env._("《中国共产党支部工作条例（试行）》(2018)")
        term_rules = self.env._("中办《关于党的基层组织任期的意见》(2018)")
        return [
            Check(
                "committee_required",
                self.env._("Committee Required"),
                branch_rules,
                self.env._("a branch with 7 or more full members sets up a branch committee."),
                self.env._("%(org)s has %(count)s full members but no branch committee."),
                scope=BRANCH_TYPES,
            ),
            Check(
                "committee_size",
                self.env._("Committee Size"),
                branch_rules,
                self.env._("a branch committee has 3 to 5 members, at most 7."),
                self.env._("The committee of %(org)s has %(size)s members (3 to 7 allowed)."),
            ),
            Check(
                "position_vacant",
                self.env._("Position Vacant"),
                branch_rules,
                self.env._(
                    "the secretary and the committee's officers are elected and kept filled."
                ),
                self.env._("%(org)s: the position of %(position)s is vacant."),
            ),
            Check(
                "term_expired",
                self.env._("Term Expired"),
                term_rules,
                self.env._(
                    "elections are held when the term ends; delays need approval, at most 1 year."
                ),
                self.env._("The term of %(org)s ended on %(date)s; the election is overdue."),
                scope=ELECTED_TYPES,
            ),
            Check(
                "term_due",
                self.env._("Election Due"),
                term_rules,
                self.env._("prepare the election before the term ends."),
                self.env._("The term of %(org)s ends on %(date)s: prepare the election."),
                scope=ELECTED_TYPES,
                severity="reminder",
            ),
            Check(
                "too_few_members",
                self.env._("Too Few Members"),
                branch_rules,
                self.env._(
                    "a branch needs 3 or more full members; with fewer, set up a joint branch."
                ),
                self.env._(
                    "%(org)s has %(count)s full members: fewer than 3, it should be a joint branch."
                ),
                scope=("branch",),
            ),
            Check(
                "too_many_members",
                self.env._("Too Many Members"),
                branch_rules,
                self.env._("a branch generally has no more than 50 members."),
                self.env._("%(org)s has %(count)s members, more than 50."),
                scope=BRANCH_TYPES,
            ),
            Check(
                "lost_contact",
                self.env._("Lost Contact"),
                self.env._("Rules on members out of contact"),
                self.env._(
                    "no contact with the organisation for 6 months or more (失去联系6个月以上)."
                ),
                self.env._("%(member)s has been out of contact since %(date)s."),
                scope=MEMBER_ORG_TYPES,
                subject="member",
                recheck=("last_contact_date", "status"),
            ),
            Check(
                "no_file",
                self.env._("No File"),
                self.env._("Member file management"),
                self.env._("every member's file is recorded with the organisation (脱档)."),
                self.env._("The file of %(member)s is not recorded."),
                scope=MEMBER_ORG_TYPES,
                subject="member",
                recheck=("file_recorded", "status"),
            ),
        ]

    @api.model
    @tools.ormcache("self.env.lang")
    def _check_table(self):
        """The table of ``_checks()`` in this environment's language, built once."""
        return tuple(self._checks())

    @api.model
    def _check_by_code(self):
        return {check.code: check for check in self._check_table()}

    @api.model
    def _run(self, orgs, on_date, codes=None):
        """Run the checks (all, or ``codes``) on ``orgs`` and sync their findings.

        Returns the findings opened and the findings closed."""
        orgs = orgs.sudo()
        checks = [c for c in self._check_table() if not codes or c.code in codes]
        # the checks read the database in SQL: what the ORM holds is written first, once
        self.env.flush_all()
        run = ComplianceRun(orgs, on_date)
        by_type = {}
        for org in orgs:
            by_type.setdefault(org.org_type, []).append(org.id)
        breaches = []
        for check in checks:
            in_scope = orgs.browse(
                [org_id for org_type in check.scope for org_id in by_type.get(org_type, ())]
            )
            if not in_scope:
                continue
            for breach in getattr(self, check.function)(in_scope, run):
                breach.update(code=check.code, severity=check.severity)
                breaches.append(breach)
        self._render_breaches(breaches)
        Finding = self.env["party.finding"].sudo()
        opened, closed = Finding._sync(orgs, [c.code for c in checks], breaches, on_date)
        if not codes:
            closed |= Finding._close_retired(orgs, [c.code for c in checks], on_date)
        return opened, closed

    @api.model
    def _recheck(self, orgs, fnames):
        """Re-run, for ``orgs``, the member checks that read one of ``fnames`` (a member
        saved with its file recorded closes its "no file" finding on save). The
        organisations that have open findings of those checks only: a save elsewhere
        costs one query. A clash with a compliance run under way leaves the finding to
        the next run, never the save refused."""
        codes = [
            check.code
            for check in self._check_table()
            if check.subject == "member" and set(check.recheck).intersection(fnames)
        ]
        if not codes or not orgs:
            return
        Finding = self.env["party.finding"].sudo()
        concerned = Finding.search(
            [("organization_id", "in", orgs.ids), ("state", "=", "open"), ("code", "in", codes)]
        ).organization_id
        if not concerned:
            return
        try:
            with self.env.cr.savepoint():
                self._run(concerned, fields.Date.context_today(self), codes)
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.ExclusionViolation):
            _logger.info("re-check of %s left to the next compliance run", codes)

    @api.model
    def _languages(self):
        """The installed languages, and always en_US: Odoo reads a translated field in
        en_US where no language is set (cron, a database made in Chinese only)."""
        return sorted({"en_US", *(code for code, __ in self.env["res.lang"].get_installed())})

    @api.model
    def _render_breaches(self, breaches):
        """Give each breach its ``message`` and ``rule`` in every installed language:
        ``{lang: text}``, the check's template filled with the breach's params.
        The records params name are read once per model and language."""
        refs = {}
        for breach in breaches:
            for value in (breach.get("params") or {}).values():
                if isinstance(value, dict) and "record" in value:
                    model, record_id, fname = value["record"]
                    refs.setdefault((model, fname), set()).add(record_id)
        for breach in breaches:
            breach["message"], breach["rule"] = {}, {}
        for lang in self._languages():
            engine = self.with_context(lang=lang)
            table = engine._check_by_code()
            citations = {
                code: engine.env._(
                    "%(regulation)s: %(rule)s", regulation=check.source, rule=check.rule
                )
                for code, check in table.items()
            }
            names = {
                (model, record.id, fname): record[fname]
                for (model, fname), ids in refs.items()
                for record in engine.env[model].sudo().browse(tuple(ids)).exists()
            }
            for breach in breaches:
                check = table[breach["code"]]
                breach["message"][lang] = engine._render(
                    check.message, breach.get("params") or {}, names
                )
                breach["rule"][lang] = citations[check.code]

    @api.model
    def _render(self, template, params, names=None):
        """``template`` % ``params``, each param in this environment's language;
        ``names``: the values of the records named by params, read beforehand."""
        return template % {
            name: self._render_param(value, names or {}) for name, value in params.items()
        }

    @api.model
    def _render_param(self, value, names):
        if not isinstance(value, dict):
            return value
        if "record" in value:
            key = tuple(value["record"])
            if key not in names:
                model, record_id, fname = key
                record = self.env[model].sudo().browse(record_id).exists()
                names[key] = record[fname] if record else ""
            return names[key]
        if "selection" in value:
            model, fname, key = value["selection"]
            labels = dict(self.env[model]._fields[fname]._description_selection(self.env))
            return labels.get(key, key)
        if value.get("text") == "unknown_date":
            return self.env._("an unknown date")
        return ""

    # ------------------------------------------------------------ the checks

    def _check_committee_required(self, orgs, run):
        return org_breaches(
            orgs,
            lambda org: (
                run.counts[org.id]["full"] >= COMMITTEE_REQUIRED_FULL and not org.has_committee
            ),
            lambda org: {"count": run.counts[org.id]["full"]},
        )

    def _check_committee_size(self, orgs, run):
        orgs = orgs.filtered("has_committee")
        size = {org.id: len(run.positions[org.id]["committee"]) for org in orgs}
        return org_breaches(
            orgs,
            lambda org: not COMMITTEE_MIN <= size[org.id] <= COMMITTEE_MAX,
            lambda org: {"size": size[org.id]},
        )

    def _check_position_vacant(self, orgs, run):
        return [
            {
                "organization_id": org.id,
                "key": ptype.code,
                "params": {
                    "org": org.name,
                    "position": {"record": ["party.position.type", ptype.id, "name"]},
                },
            }
            for org in orgs
            for ptype in run.positions[org.id]["vacant"]
        ]

    def _check_term_expired(self, orgs, run):
        return org_breaches(
            orgs,
            lambda org: org.term_end and org.term_end < run.on_date,
            lambda org: {"date": str(org.term_end)},
        )

    def _check_term_due(self, orgs, run):
        limit = run.on_date + timedelta(days=TERM_DUE_DAYS)
        return org_breaches(
            orgs,
            lambda org: org.term_end and run.on_date <= org.term_end <= limit,
            lambda org: {"date": str(org.term_end)},
        )

    def _check_too_few_members(self, orgs, run):
        return org_breaches(
            orgs,
            lambda org: run.counts[org.id]["full"] < BRANCH_MIN_FULL,
            lambda org: {"count": run.counts[org.id]["full"]},
        )

    def _check_too_many_members(self, orgs, run):
        return org_breaches(
            orgs,
            lambda org: run.counts[org.id]["all"] > BRANCH_MAX_MEMBERS,
            lambda org: {"count": run.counts[org.id]["all"]},
        )

    @api.model
    def _member_snapshot(self, orgs):
        """[:class:`MemberRow`] of the members (active or out of contact, as the ORM
        searches them: partner active) kept in ``orgs`` or in their Party groups, by
        name: one statement, no record read (the member checks over 50,000 members)."""
        if not orgs:
            return []
        self.env.cr.execute(
            SQL(
                """SELECT m.id, m.organization_id, m.group_id, m.member_category, m.status,
                          p.name, m.last_contact_date, COALESCE(m.file_recorded, FALSE),
                          m.join_date
                     FROM party_member m
                     JOIN res_partner p ON p.id = m.partner_id
                    WHERE (m.organization_id = ANY(%(orgs)s) OR m.group_id = ANY(%(orgs)s))
                      AND m.status IN %(statuses)s AND p.active
                    ORDER BY p.name, m.id""",
                orgs=orgs.ids,
                statuses=tuple(IN_ORG_STATUSES),
            )
        )
        return [MemberRow(*row) for row in self.env.cr.fetchall()]

    def _check_lost_contact(self, orgs, run):
        """The members out of contact 6 months or more, or recorded as lost: a member
        working away and registered (流动党员, party.member.away) is not lost, the
        organisation knows where they are; an explicit lost-contact status is the
        officers' own record and stays."""
        limit = run.on_date - relativedelta(months=LOST_CONTACT_MONTHS)
        rows = [
            row
            for row in run.members_of(orgs)
            if row.status == "lost_contact"
            or (row.last_contact_date and row.last_contact_date <= limit)
        ]
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT member_id FROM party_member_away
                    WHERE member_id = ANY(%s) AND date_from <= %s
                      AND (date_to IS NULL OR date_to >= %s)""",
                [row.id for row in rows if row.status != "lost_contact"],
                run.on_date,
                run.on_date,
            )
        )
        away = {member_id for (member_id,) in self.env.cr.fetchall()}
        return [
            {
                "organization_id": row.organization_id,
                "member_id": row.id,
                "params": {
                    "member": row.name,
                    "date": str(row.last_contact_date)
                    if row.last_contact_date
                    else {"text": "unknown_date"},
                },
            }
            for row in rows
            if row.id not in away
        ]

    def _check_no_file(self, orgs, run):
        return [
            {
                "organization_id": row.organization_id,
                "member_id": row.id,
                "params": {"member": row.name},
            }
            for row in run.members_of(orgs)
            if not row.file_recorded
        ]
