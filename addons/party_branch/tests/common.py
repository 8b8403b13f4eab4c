"""Shared setup of the party_branch tests.

Every test class builds its own small organisation tree, members and users,
so that the tests neither need nor disturb demo data:

    Committee (committee)          secretary: Secretary C  (user officer_c)
    ├── Branch A (branch)          secretary: Secretary A  (user officer_a)
    │   └── Group A1 (group)       leader:    Secretary A; member: Member A (portal user)
    └── Branch B (branch)          secretary: Secretary B  (user officer_b)
                                   member:    Member B (ID number, income, dues base)
"""

import itertools
import re
import subprocess
import unicodedata
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.party_branch.tools import gb11643

# The example published with GB 11643-1999: born 1949-12-31, order code 002 (female).
PUBLISHED_ID = "11010519491231002X"
# Address code used for the numbers the tests build (a code unlikely to be in demo data).
TEST_ADDRESS = 659004

POSITION_CODES = (
    "secretary",
    "deputy_secretary",
    "organization",
    "propaganda",
    "discipline",
    "committee_member",
    "group_leader",
)

_codes = itertools.count(1)
_orders = itertools.count(101)


def make_id(birth, female=False):
    """A valid, unique ID number for ``birth``; the order code's parity gives the gender."""
    order = next(_orders) * 2 + (0 if female else 1)
    return gb11643.make(TEST_ADDRESS, birth, order % 1000)


def create_full_members(env, org, people, **vals):
    """Full members of ``org`` from ``(name, birthdate, sequence)`` triples, each with a
    valid ID number (area 110101), for the HTTP tests that build their own branch."""
    return env["party.member"].create(
        [
            {
                "name": name,
                "organization_id": org.id,
                "member_category": "full",
                "join_date": "2010-01-01",
                "full_date": "2011-01-01",
                "id_number": gb11643.make(110101, birth, order),
                "birthdate": birth,
                "gender": "male",
                **vals,
            }
            for name, birth, order in people
        ]
    )


def member_user(env, login, **vals):
    """A Party member's portal user ``login`` (its password: the login, unless
    ``vals`` give one); ``vals`` go to :func:`new_test_user`."""
    return new_test_user(
        env, login=login, groups="base.group_portal,party_branch.group_party_member", **vals
    )


def create_branch(env, name, code, people, user=None, secretary=False, **member_vals):
    """A new branch of full members ``people`` (``(name, birth date, serial)``, as
    :func:`create_full_members` takes them): ``user`` is the first member's user;
    with ``secretary`` the first member is the branch's secretary; ``member_vals``
    go to every member. Returns ``(branch, members)``."""
    branch = env["party.organization"].create({"name": name, "code": code, "org_type": "branch"})
    members = create_full_members(env, branch, people, **member_vals)
    if user:
        members[0].user_id = user
    if secretary:
        appoint_secretary(env, branch, members[0], "2024-01-01")
    return branch, members


def appoint_secretary(env, org, member, date_start):
    """``member`` the secretary of ``org`` from ``date_start`` (a ``party.position``)."""
    return env["party.position"].create(
        {
            "organization_id": org.id,
            "member_id": member.id,
            "position_type_id": env.ref("party_branch.position_type_secretary").id,
            "date_start": date_start,
        }
    )


def portal_member(env, login, name, org, password=None, **vals):
    """A Party member's portal user ``login`` (its password: ``password``, else the
    login) and their full membership of ``org`` (joined 2012-05-01, full 2013-05-01;
    ``vals`` go to the member): ``(user, member)``."""
    user = member_user(env, login, password=password or login)
    member = env["party.member"].create(
        {
            "name": name,
            "organization_id": org.id,
            "user_id": user.id,
            "member_category": "full",
            "join_date": "2012-05-01",
            "full_date": "2013-05-01",
            **vals,
        }
    )
    return user, member


def member_branch(env, name, code, login, person):
    """A new branch of one full member ``person`` (``(name, birth date, serial)``) whose
    portal user is ``login`` (:func:`member_user`): ``(user, branch)``."""
    user = member_user(env, login)
    branch, __ = create_branch(env, name, code, [person], user=user)
    return user, branch


def pdf_text(pdf):
    """The text of ``pdf`` read back with pdftotext, white space removed and in NFKC
    (pdftotext gives some characters as their compatibility forms: ⽔ for 水)."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return unicodedata.normalize("NFKC", "".join(text.split()))


def activate_chinese(env, modules):
    """zh_CN active with the terms of ``modules`` loaded, and offered by every website
    (the portal speaks the visitor's language only when the website offers it)."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(modules, ["zh_CN"])
    if "website" in env.registry:
        env["website"].search([]).language_ids |= env["res.lang"]._lang_get("zh_CN")


class ReminderMixin:
    """What the reminder tests read: a member's digest of a day, the e-mails of digests."""

    reminder_day = date(2031, 5, 14)  # a day of no demo record: the digests are the tests'

    def _digest(self, member, day=None):
        return self.env["party.reminder.digest"].search(
            [("member_id", "=", member.id), ("date", "=", day or self.reminder_day)]
        )

    def _mails(self, digests):
        return self.env["mail.mail"].search(
            [("model", "=", "party.reminder.digest"), ("res_id", "in", digests.ids)]
        )

    _mail = _mails  # one digest's


class PortalPages:
    """For HttpCase tests: a page fetched as the authenticated user, and its title."""

    def _page(self, url):
        # a page's first render (its templates compiled) on a busy CI machine takes longer
        # than url_open's 12 seconds
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _assert_pages(self, urls, status, *absent):
        """Each of ``urls``, fetched as the authenticated user (or a visitor), answers
        ``status`` with a page that says none of ``absent``."""
        for url in urls:
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, status)
                for text in absent:
                    self.assertNotIn(text, response.text)

    def _my_home_party_first(self, login):
        """/my as ``login`` (password: the login) in Chinese: the page, whose title is
        the account's and whose first category is the Party section."""
        self.authenticate(login, login)
        page = self._page("/my")
        self.assertTrue(self._title(page).startswith("我的账户"), self._title(page))
        self.assertEqual(
            page.index('class="o_portal_category'),
            page.index('class="o_portal_category o_party_portal_category'),
        )
        return page

    @staticmethod
    def _title(page):
        return re.search(r"<title>([^<]*)</title>", page).group(1)

    @classmethod
    def _demo_users(cls):
        """``cls.secretary`` and ``cls.member``: the demo data's secretary and member
        users (None without demo data)."""
        cls.secretary = cls.env.ref("party_branch.user_demo_secretary", raise_if_not_found=False)
        cls.member = cls.env.ref("party_branch.user_demo_member", raise_if_not_found=False)

    def _csrf_token(self, url):
        """The CSRF token of the form on ``url``, as the authenticated user."""
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


class TrackedHistory:
    """For the tests of a record's history (docs/security.md, rule 2): what is in it
    once the commit hooks ran, after what the setup left for them was dropped."""

    def _forget_pending_tracking(self):
        """Drop what earlier quiet writes left for the commit hooks (their tracking is
        discarded): the history then holds only what the test does."""
        self.env.flush_all()
        self.env.cr.precommit.clear()

    def _tracked(self, record, field):
        """The values of ``field`` in the record's history, once the commit hooks ran."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        return (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", record._name),
                    ("mail_message_id.res_id", "=", record.id),
                    ("field_id.name", "=", field),
                ]
            )
        )


class PartyBranchCase(TransactionCase):
    """Base class: a small tree, one user per security group, helpers."""

    # The checks this addon's tests look at; addons that add checks of their own
    # (party_life: meetings, dues) do not change what party_branch's tests count.
    compliance_codes = (
        "committee_required", "committee_size", "position_vacant", "term_expired", "term_due",
        "too_few_members", "too_many_members", "lost_contact", "no_file",
    )  # fmt: skip

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                party_compliance_codes=cls.compliance_codes,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
                tz="UTC",  # one calendar day for every user of the tests
            )
        )
        cls.Org = cls.env["party.organization"]
        cls.Member = cls.env["party.member"]
        cls.Position = cls.env["party.position"]
        cls.Finding = cls.env["party.finding"]
        cls.Transfer = cls.env["party.member.transfer"]
        cls.today = fields.Date.context_today(cls.Member)
        cls.ptype = {
            code: cls.env.ref(f"party_branch.position_type_{code}") for code in POSITION_CODES
        }
        cls.finding_activity_type = cls.env.ref("party_branch.mail_activity_type_party_finding")

        # Users, one per group.
        cls.officer_c = new_test_user(
            cls.env, login="pbt_officer_c", groups="party_branch.group_party_officer"
        )
        cls.officer_a = new_test_user(
            cls.env, login="pbt_officer_a", groups="party_branch.group_party_officer"
        )
        cls.officer_b = new_test_user(
            cls.env, login="pbt_officer_b", groups="party_branch.group_party_officer"
        )
        cls.auditor = new_test_user(
            cls.env, login="pbt_auditor", groups="party_branch.group_party_auditor"
        )
        cls.admin = new_test_user(
            cls.env, login="pbt_admin", groups="party_branch.group_party_admin"
        )
        cls.portal = member_user(cls.env, "pbt_portal")

        # Tree.
        cls.committee = cls._org("Committee", "committee")
        cls.branch_a = cls._org("Branch A", "branch", cls.committee)
        cls.group_a = cls._org("Group A1", "group", cls.branch_a)
        cls.branch_b = cls._org("Branch B", "branch", cls.committee)

        # Members.
        cls.secretary_c = cls._member(cls.committee, "Secretary C", user_id=cls.officer_c.id)
        cls.secretary_a = cls._member(
            cls.branch_a,
            "Secretary A",
            user_id=cls.officer_a.id,
            id_number=make_id(date(1975, 4, 2)),
            birthdate=date(1975, 4, 2),
            gender="male",
        )
        cls.member_a = cls._member(
            cls.branch_a,
            "Member A",
            group_id=cls.group_a.id,
            user_id=cls.portal.id,
            id_number=make_id(date(1985, 8, 9), female=True),
            birthdate=date(1985, 8, 9),
            gender="female",
            monthly_income=6000,
            dues_base=6000,
        )
        cls.secretary_b = cls._member(cls.branch_b, "Secretary B", user_id=cls.officer_b.id)
        cls.member_b = cls._member(
            cls.branch_b,
            "Member B",
            id_number=make_id(date(1990, 1, 20)),
            income_category="retired",
            monthly_income=4500,
            dues_base=4500,
        )

        # Positions (since a past date, open-ended).
        cls.term_start = date(2024, 1, 1)
        cls.pos_secretary_c = cls._position(cls.committee, cls.secretary_c, "secretary")
        cls.pos_secretary_a = cls._position(cls.branch_a, cls.secretary_a, "secretary")
        cls.pos_leader_a = cls._position(cls.group_a, cls.secretary_a, "group_leader")
        cls.pos_secretary_b = cls._position(cls.branch_b, cls.secretary_b, "secretary")

    # ------------------------------------------------------------------ helpers

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):  # noqa: N802  pylint: disable=invalid-name
        """Like unittest's, but rolls back like Odoo's ``assertRaises`` (savepoint).

        Odoo's TransactionCase only wraps ``assertRaises`` in a savepoint; the
        records a refused operation wrote would otherwise stay in the database.
        """
        with self.assertRaises(exception, msg=msg) as context:
            yield context
        self.assertRegex(str(context.exception), re.compile(regex, re.S), msg)

    @classmethod
    def _org(cls, name, org_type="branch", parent=None, **vals):
        return cls.Org.create(
            {
                "name": name,
                "code": f"PBT-{next(_codes):04d}",
                "org_type": org_type,
                "parent_id": parent.id if parent else False,
                **vals,
            }
        )

    @classmethod
    def _member_vals(cls, org, name, category="full", **vals):
        values = {
            "name": name,
            "organization_id": org.id,
            "member_category": category,
            "join_date": date(2010, 3, 1),
        }
        if category == "full":
            values["full_date"] = date(2011, 3, 1)
        values.update(vals)
        return values

    @classmethod
    def _member(cls, org, name, category="full", **vals):
        return cls.Member.create(cls._member_vals(org, name, category, **vals))

    @classmethod
    def _members(cls, org, count, category="full", prefix=None, **vals):
        prefix = prefix or f"{org.name} {category}"
        return cls.Member.create(
            [cls._member_vals(org, f"{prefix} {i}", category, **vals) for i in range(count)]
        )

    @classmethod
    def _voting_branch(cls, prefix, count=5):
        """``Branch <prefix>`` under the committee and its ``count`` full members, who
        vote there (named ``<prefix> 0`` …): ``(branch, members)``."""
        branch = cls._org(f"Branch {prefix}", "branch", cls.committee)
        return branch, cls._members(branch, count, prefix=prefix)

    @classmethod
    def _position(cls, org, member, code, start=None, end=False):
        return cls.Position.create(
            {
                "organization_id": org.id,
                "member_id": member.id,
                "position_type_id": cls.ptype[code].id,
                "date_start": start or cls.term_start,
                "date_end": end,
            }
        )

    @classmethod
    def _group_leader(cls, login):
        """A group leader who is no branch officer: the new ``cls.group_member`` of
        Branch A (user ``cls.leader_user``, an officer) leads Group A1 from today, in
        the place of Secretary A, whose group position ended yesterday."""
        cls.leader_user = new_test_user(
            cls.env, login=login, groups="party_branch.group_party_officer"
        )
        cls.group_member = cls._member(
            cls.branch_a, "Group Member", group_id=cls.group_a.id, user_id=cls.leader_user.id
        )
        cls.pos_leader_a.date_end = cls.today - timedelta(days=1)
        cls._position(cls.group_a, cls.group_member, "group_leader", start=cls.today)

    def _findings(self, orgs, code=None, state="open"):
        domain = [("organization_id", "in", orgs.ids)]
        if state:
            domain.append(("state", "=", state))
        if code:
            domain.append(("code", "=", code))
        return self.Finding.search(domain)

    def _check(self, orgs, on_date=None, code=None):
        """Run the compliance check and return the open findings (of ``code``)."""
        orgs.action_check_compliance(on_date=on_date or self.today)
        return self._findings(orgs, code)

    def _activities(self, findings):
        """The open activities that remind someone of ``findings``: the digests of
        their organisations (one per organisation, person and day) that list them
        (a digest lists the open ones)."""
        findings.invalidate_recordset(["digest_activity_id", "state"])
        findings = findings.filtered(lambda f: f.state == "open")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "party.organization"),
                ("res_id", "in", findings.organization_id.ids),
                ("id", "in", findings.sudo().digest_activity_id.ids),
            ]
        )


class OtherCompanyCase(PartyBranchCase):
    """The test tree plus a second company with its own committee, branch and member,
    for the company-consistency tests (``_refused``: the refusal that names fields)."""

    other_prefix = "PBT"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prefix = cls.other_prefix
        cls.company_b = cls.env["res.company"].create({"name": f"{prefix} Other Company"})
        cls.committee_b = cls._org(
            f"{prefix} Other Company Committee", "committee", company_id=cls.company_b.id
        )
        cls.branch_other = cls._org(
            f"{prefix} Other Company Branch", "branch", cls.committee_b, company_id=cls.company_b.id
        )
        cls.member_other = cls._member(cls.branch_other, f"{prefix} Other Company Member")

    @classmethod
    def _other_company_admin(cls, login):
        """A Party administrator of the second company only (``login``)."""
        return new_test_user(
            cls.env,
            login=login,
            groups="party_branch.group_party_admin",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def _refused(self, names):
        return self.assertRaisesRegex(
            UserError, rf"^{names} of .* must belong to the record's company"
        )


class MemberCrowdCase(OtherCompanyCase):
    """OtherCompanyCase plus crowds of members in Branch A and Branch B
    (``crowd_sizes``, named after ``other_prefix``), for the tests of the record rules
    of many members checked at once (``party.member._check_access``)."""

    crowd_sizes = (3, 2)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        size_a, size_b = cls.crowd_sizes
        cls.crowd_a = cls._members(cls.branch_a, size_a, prefix=f"{cls.other_prefix} A")
        cls.crowd_b = cls._members(cls.branch_b, size_b, prefix=f"{cls.other_prefix} B")

    def _one_by_one(self, members, operation):
        """Odoo's own answer: each member checked alone (the override leaves single
        records to Odoo)."""
        return members.filtered(lambda member: member.has_access(operation))


class IndexTestMixin:
    """The Five Modernizations index in tests: the index of a period of ``orgs`` (the
    last complete year by default, so that every fact is dated and the index final)
    and its lines, by indicator or by dimension. Each addon's index tests use it."""

    index_period_type = "year"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Index = cls.env["party.index"]
        # the last complete year: every fact of it is dated, its index final
        cls.year = cls.today.year - 1
        cls.year_start = date(cls.year, 1, 1)

    def _index_day(self):
        """The first day of the period computed when a test names none."""
        return self.year_start

    def _compute(self, orgs, period_type=None, day=None, force=True):
        """The index of the period (``force``: again, if a test computed it final)."""
        return self.env["party.index"]._party_index_compute(
            orgs, period_type or self.index_period_type, day or self._index_day(), force=force
        )

    @staticmethod
    def _line(index, code):
        return index.line_ids.filtered(lambda line: line.indicator_id.code == code)

    @staticmethod
    def _figures(index, dimension, missing=False):
        """{indicator code: (value, score, detail[, is_missing])} of one dimension."""
        return {
            line.indicator_id.code: (line.value, line.score, line.detail)
            + ((line.is_missing,) if missing else ())
            for line in index.line_ids
            if line.dimension == dimension
        }


class PartyTourCase(HttpCase):
    """Browser tours (and the HTTP tests of portal pages read in English): English
    labels whatever language the database was made in; the users of a tour are made by
    :meth:`_tour_user` (UTC, English). ``tour_context``: keys added to the context of
    the class's environment (its setup)."""

    tour_context = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        if cls.tour_context:
            cls.env = cls.env(context=dict(cls.env.context, **cls.tour_context))

    @classmethod
    def _tour_user(cls, login, portal=False, **vals):
        """An officer (an employee of the Party officers' group), or with ``portal`` a
        Party member's portal user."""
        groups = (
            "base.group_portal,party_branch.group_party_member"
            if portal
            else "base.group_user,party_branch.group_party_officer"
        )
        return new_test_user(
            cls.env, login=login, groups=groups, **{"tz": "UTC", "lang": "en_US", **vals}
        )

    @classmethod
    def _tour_branch(cls, name, code, people, user=None, secretary=False, **member_vals):
        """:func:`create_branch` in the tour's environment."""
        return create_branch(cls.env, name, code, people, user, secretary, **member_vals)


class PartyPhoneTourCase(PartyTourCase):
    """Tours on a phone: 390 px wide, touch (docs/architecture.md, the member's phone)."""

    browser_size = "390x844"
    touch_enabled = True
