"""Shared setup of the party_systems tests, on the party_branch tree:

    Committee (committee)          secretary: Secretary C  (user officer_c)
    ├── Branch A (branch)          secretary: Secretary A  (user officer_a)
    │   └── Group A1 (group)       member: Member A (portal user)
    │   + 4 full members "Voter n" and 1 probationary member "Probationer"
    └── Branch B (branch)          secretary: Secretary B  (user officer_b)

Branch A's assembly (``cls.assembly``) lists its 6 full members (the voters
due) and the probationary member.
"""

from datetime import datetime, timedelta

from odoo import http

from odoo.addons.party_branch.tests.common import PartyBranchCase


class PartySystemsCase(PartyBranchCase):
    compliance_codes = None  # every check

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Decision = cls.env["party.decision"]
        cls.Vote = cls.env["party.decision.vote"]
        cls.voters = cls._members(cls.branch_a, 4, prefix="Voter")
        cls.probationer = cls._member(cls.branch_a, "Probationer", category="probationary")
        cls.assembly = cls._meeting(cls.branch_a, "branch_assembly")
        cls.full = cls.secretary_a | cls.member_a | cls.voters

    @classmethod
    def _meeting(cls, org, meeting_type, days=0):
        start = datetime.combine(cls.today, datetime.min.time()) + timedelta(days=days, hours=9)
        return (
            cls.env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "organization_id": org.id,
                    "meeting_type": meeting_type,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                }
            )
        )

    @classmethod
    def _assembly_rules(cls):
        """Branch A's rules of its assembly, in force for 30 days, required reading."""
        return cls.env["party.regulation"].create(
            {
                "name": "Branch assembly rules",
                "column": "deliberation",
                "organization_id": cls.branch_a.id,
                "body": "<p>The assembly meets every quarter.</p>",
                "required_reading": True,
                "effective_date": cls.today - timedelta(days=30),
            }
        )

    def _secretary_report(self, **vals):
        """Secretary A's yearly report on Branch A for last year, due today, both parts
        written (``vals`` override)."""
        return self.env["party.secretary.report"].create(
            {
                "organization_id": self.branch_a.id,
                "member_id": self.secretary_a.id,
                "year": self.today.year - 1,
                "deadline": self.today,
                "duty_report": "<p>Duties</p>",
                "integrity_report": "<p>Integrity</p>",
                **vals,
            }
        )

    def _present(self, members, meeting=None):
        meeting = meeting or self.assembly
        meeting.attendance_ids.filtered(lambda a: a.member_id in members).state = "present"

    def _decision(self, name="Budget 2027", matter_type="ordinary", meeting=None, **vals):
        return self.Decision.create(
            {
                "name": name,
                "organization_id": self.branch_a.id,
                "matter_type": matter_type,
                "meeting_id": (self.assembly if meeting is None else meeting).id,
                # the tests record most votes as an officer (a show of hands)
                "voting_method": "show_of_hands",
                **vals,
            }
        )

    def _voting(self, **vals):
        decision = self._decision(**vals)
        decision.with_user(self.officer_a).action_schedule()
        decision.with_user(self.officer_a).action_open_voting()
        return decision

    def _votes(self, decision, choices):
        """choices: {member: 'for' | 'against' | 'abstain'}, recorded by the officer."""
        self.Vote.with_user(self.officer_a).create(
            [
                {"decision_id": decision.id, "member_id": member.id, "choice": choice}
                for member, choice in choices.items()
            ]
        )


class PortalForms:
    """For the HttpCase portal tests, on a phone (390 px wide, touch): log in as one of
    the class's users (login and password ``<login_prefix><key>``) and post a form as
    they would."""

    login_prefix = ""
    browser_size = "390x844"
    touch_enabled = True

    def _login(self, key):
        self.authenticate(f"{self.login_prefix}{key}", f"{self.login_prefix}{key}")

    def _post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}, allow_redirects=False
        )
