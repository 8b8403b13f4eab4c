"""Who may vote has one answer (party_branch.tools.voting.refusal_code), whoever asks.

One table of cases — a member present, absent, on leave, whose contact is lost,
probationary, transferred to another organisation, a decision closed, a committee
meeting with a member on the committee and members listed who are not — fed to every
place that answers "may this member vote here": the member's portal page of the
decision and its vote form (HTTP, as the member's phone), the member's vote through
the RPC dispatch (``action_vote_for``), the officer's record of a show of hands
through the RPC dispatch (``party.decision.vote`` create, on a twin decision voted by
hand at the same meeting) and the tally (the member counts among the voters present,
the quorum). Each path is run in a savepoint rolled back after it, so that every path
sees the same case.
"""

import datetime
import re
from contextlib import closing

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import create_full_members
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PortalForms

# (case, member, decision, why the member may not vote: None when they may). The portal
# does not show a decision to a member no longer in its organisation: "hidden" there.
CASES = (
    ("present", "present", "assembly", None),
    ("absent", "absent", "assembly", "absent"),
    ("on leave", "leave", "assembly", "absent"),
    ("lost contact", "lost", "assembly", "no_vote"),
    ("probationary", "probationer", "assembly", "no_vote"),
    ("another organisation", "moved", "assembly", "no_vote"),
    ("another organisation, absent", "moved_absent", "assembly", "no_vote"),
    ("decision closed", "present", "closed", "closed"),
    ("on the committee", "present", "committee", None),
    ("not on the committee", "guest", "committee", "no_vote"),
    ("not on the committee, absent", "guest_absent", "committee", "no_vote"),
)
HIDDEN_ON_THE_PORTAL = ("moved", "moved_absent")
# the reason the member's portal page gives, by the text it shows
PAGE_TEXTS = {
    "closed": "Voting is closed.",
    "no_vote": "You have no vote on this decision",
    "absent": "You are not recorded present at the meeting",
}
# the reason of a refusal through RPC, by its message (party_branch.tools.voting)
RPC_MESSAGES = {
    "closed": "is not open for voting",
    "absent": "is not recorded present",
    "no_vote": "has no vote|is not a member in good standing|is no longer in|does not sit on "
    "the committee",
}
MEMBERS = ("officer", "present", "absent", "leave", "lost", "probationer", "moved",
           "moved_absent", "guest", "guest_absent")  # fmt: skip


@tagged("post_install", "-at_install")
class TestVotingOneRule(PortalForms, HttpCase):
    login_prefix = "pvo_"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = env["party.organization"]
        branch = Org.create({"name": "PVO Branch", "code": "PVO-A", "org_type": "branch"})
        other = Org.create({"name": "PVO Other", "code": "PVO-B", "org_type": "branch"})
        cls.users = {
            key: new_test_user(
                env,
                login=f"pvo_{key}",
                groups="base.group_user,party_branch.group_party_officer"
                if key == "officer"
                else "base.group_portal,party_branch.group_party_member",
            )
            for key in MEMBERS
        }
        born = datetime.date(1979, 3, 1)
        members = create_full_members(
            env, branch, [(f"PVO {key}", born, 41 + 2 * i) for i, key in enumerate(MEMBERS)]
        )
        cls.members = dict(zip(MEMBERS, members, strict=True))
        for key, member in cls.members.items():
            member.user_id = cls.users[key]
        Position = env["party.position"]
        for key, code in (("officer", "secretary"), ("present", "committee_member")):
            Position.create(
                {
                    "organization_id": branch.id,
                    "member_id": cls.members[key].id,
                    "position_type_id": env.ref(f"party_branch.position_type_{code}").id,
                    "date_start": "2020-01-01",
                }
            )
        Meeting = env["party.meeting"].with_context(party_meeting_no_calendar=True)
        start = datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(minutes=5)
        meetings = {
            kind: Meeting.create(
                {
                    "name": f"PVO {kind}",
                    "organization_id": branch.id,
                    "meeting_type": kind,
                    "start": start,
                    "stop": start + datetime.timedelta(hours=2),
                }
            )
            for kind in ("branch_assembly", "committee_meeting")
        }
        # members listed at the committee meeting who do not sit on the committee (列席)
        env["party.meeting.attendance"].create(
            [
                {"meeting_id": meetings["committee_meeting"].id, "member_id": cls.members[k].id}
                for k in ("guest", "guest_absent")
            ]
        )
        states = {"absent": "absent", "moved_absent": "absent", "guest_absent": "absent",
                  "leave": "excused"}  # fmt: skip
        for attendance in (meetings["branch_assembly"] | meetings["committee_meeting"]).mapped(
            "attendance_ids"
        ):
            key = next(k for k, m in cls.members.items() if m == attendance.member_id)
            attendance.write(
                {"state": states.get(key, "present"), "excuse": "Ill" if key == "leave" else False}
            )
        # after the meetings' lists were made: contact lost, a transfer elsewhere
        cls.members["lost"].status = "lost_contact"
        cls.members["probationer"].write({"member_category": "probationary", "full_date": False})
        (cls.members["moved"] | cls.members["moved_absent"]).organization_id = other

        Decision = env["party.decision"].with_user(cls.users["officer"])
        meeting_of = {"assembly": "branch_assembly", "closed": "branch_assembly",
                      "committee": "committee_meeting"}  # fmt: skip
        # each decision of the table, and its twin voted by a show of hands
        cls.decisions = {}
        for key, meeting_type in meeting_of.items():
            for method in ("members", "show_of_hands"):
                decision = Decision.create(
                    {
                        "name": f"PVO {key} {method}",
                        "organization_id": branch.id,
                        "meeting_id": meetings[meeting_type].id,
                        "voting_method": method,
                    }
                )
                decision.action_schedule()
                decision.action_open_voting()
                if key == "closed":
                    decision.action_close_voting()
                cls.decisions[key, method] = decision.sudo()

    # ------------------------------------------------------------------ the paths

    def _reason(self, message):
        for reason, pattern in RPC_MESSAGES.items():
            if re.search(pattern, message):
                return reason
        raise self.failureException(f"a refusal that names no rule of the vote: {message}")

    def _portal_page(self, key, decision):
        self._login(key)
        response = self.url_open(f"/my/party/decisions/{decision.id}")
        if response.status_code == 404:
            return "hidden"
        if "o_party_vote_for" in response.text:
            return None
        for reason, text in PAGE_TEXTS.items():
            if text in response.text:
                return reason
        raise self.failureException(f"the portal page gives no reason to {key}")

    def _voted(self, decision, key):
        self.env.invalidate_all()
        return bool(
            self.env["party.decision.vote"].search_count(
                [("decision_id", "=", decision.id), ("member_id", "=", self.members[key].id)]
            )
        )

    def _portal_vote(self, key, decision):
        """The member's vote form posted: whether a vote was recorded."""
        self._login(key)
        with closing(self.env.cr.savepoint()):
            self._post(f"/my/party/decisions/{decision.id}/vote", choice="for")
            voted = self._voted(decision, key)
        self.env.invalidate_all()
        return voted

    def _rpc_vote(self, key, decision):
        """The member's own vote through the RPC dispatch: None, or why it was refused."""
        with closing(self.env.cr.savepoint()):
            try:
                rpc(self.env, self.users[key], "party.decision", "action_vote_for",
                    ids=decision.ids)  # fmt: skip
            except AccessError:
                return "hidden"
            except UserError as error:
                return self._reason(str(error))
            finally:
                self.env.invalidate_all()
        return None

    def _officer_records(self, key, decision):
        """The officer records the member's raised hand through the RPC dispatch."""
        vals = [{"decision_id": decision.id, "member_id": self.members[key].id, "choice": "for"}]
        with closing(self.env.cr.savepoint()):
            try:
                rpc(self.env, self.users["officer"], "party.decision.vote", "create", vals)
            except UserError:
                return False
            finally:
                self.env.invalidate_all()
        return True

    def _tally_counts(self, key, decision):
        """The member counts among the voters present: the tally's present count drops
        by one when they are marked absent."""
        self.env.invalidate_all()
        before = decision.present_count
        attendance = decision.meeting_id.attendance_ids.filtered(
            lambda a: a.member_id == self.members[key]
        )
        with closing(self.env.cr.savepoint()):
            attendance.write({"state": "absent", "excuse": False})
            self.env.invalidate_all()
            after = decision.present_count
        self.env.invalidate_all()
        return before - after == 1

    # ------------------------------------------------------------------ the table

    def test_every_path_gives_the_same_answer(self):
        for case, key, decision_key, why in CASES:
            with self.subTest(case=case):
                decision = self.decisions[decision_key, "members"]
                hands = self.decisions[decision_key, "show_of_hands"]
                may = why is None
                portal = "hidden" if key in HIDDEN_ON_THE_PORTAL else why
                self.assertEqual(self._portal_page(key, decision), portal, "portal page")
                self.assertEqual(self._portal_vote(key, decision), may, "portal vote")
                self.assertEqual(self._rpc_vote(key, decision), why, "RPC vote")
                self.assertEqual(self._officer_records(key, hands), may, "show of hands")
                self.assertEqual(self._tally_counts(key, decision), may, "tally")
                self.assertFalse(decision.vote_ids | hands.vote_ids)
