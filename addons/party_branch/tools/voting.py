"""Who votes, and who counts: the voters due (应到会有表决权的党员) of a Party vote.

One module for every vote the suite counts: a decision of a branch member assembly
(支部党员大会) or of a committee meeting (支委会, party_systems), and the admission
and conversion votes of member development (party_life). The count never reads an
attendance list: a list says who came, not who was due, and taking names off it
lowers nothing.

Rules:

- 《中国共产党章程》第七条: probationary members have the duties of members and the
  rights of members except the rights to vote, to elect and to be elected. Only
  full members (``member_category == 'full'``) vote and are due.
- 《中国共产党章程》第十条 (democratic centralism, 少数服从多数) and
  《中国共产党支部工作条例（试行）》2018 第十一条/第十二条: a branch member assembly or a
  committee meeting deliberates with more than half of the voting members due
  present (quorum), and a resolution passes with the votes for of more than half of
  the voting members due, not of those present; "more than half" is strict
  (:func:`more_than_half`: 2 of 4 is not, 3 of 5 is).
- 《中国共产党发展党员工作细则》2014 第二十条/第二十一条/第三十三条: the admission
  of a probationary member and the conversion to full membership are voted by the
  branch member assembly, passed by more than half of the full members due
  (应到会有表决权的正式党员); the same quorum.

What "voters due" means, per kind of vote (:data:`KINDS`):

``assembly`` (branch member assembly; development admission and conversion votes)
    the full members in good standing (``status == 'active'``) whose Party
    relationship (组织关系, ``organization_id``) is kept by the organisation: the
    members the meeting's list is made from (party_life ``_expected_members``).
    A member transferred to another organisation is its member, not this one's.
``committee`` (branch committee meeting)
    the holders, on the meeting's date, of the organisation's current committee
    positions (``party.position`` whose type ``is_committee_member``), who are
    full members in good standing.

Left out of the count, each with its reason recorded where everyone sees it (the
practice of 支部工作条例 on 应到会人数: a member who cannot take part for a reason
the organisation has recorded is not counted; one who merely did not come is):

- a member the organisation lost contact with (失去联系): ``status == 'lost_contact'``,
  set on the member and kept in the member's history (tracking), raised as the
  ``lost_contact`` finding until contact is recorded again;
- a member no longer in the Party or in the organisation (transferred out,
  withdrawn, expelled, deceased): their status, same history.

- a member on probation within the Party (留党察看, ``party.discipline`` of kind
  ``probation``, from its date to the end of its one or two years): 《中国共产党章程》
  第四十一条, 留党察看期间没有表决权、选举权和被选举权. Read as superuser on the vote's
  date (today for an assembly vote without one); the day after the period ends the
  member votes again.

An excused (请假) or absent member stays due; so does a member whose attendance
row was deleted. The suite does not model the long-term absences (approved work or
study away for half a year or more, long-term illness) practice also allows to leave
out: such members are counted, which only ever makes a resolution harder to pass; a
member working away (流动党员, ``party.member.away``) stays their home organisation's
voter due.

The member register is read as it stands when the vote is counted; committee
positions are read on the meeting's date.

Who may vote is one function, :func:`refusal_code`: a member votes when they are one
of the voters due and are recorded present (``present`` in the room: an excused,
absent or remote attendance has no vote and is not in the quorum). Every answer of
the suite comes from it: the vote itself (:func:`check_may_vote`, from
``party.decision.vote``), the member's portal (``party.decision._portal_voting``),
the tallies of the quorum (:func:`voters_present`: ``party.decision`` and the
development votes of ``party.development``) and the show of hands an officer records.
The peer appraisal of party_life (民主评议) is not a vote of this module: every
member of the campaign, probationary members included, casts its anonymous ballot.
"""

from odoo import fields
from odoo.exceptions import UserError

#: member categories that vote (党章第七条: probationary members have no vote)
VOTING_CATEGORIES = ("full",)
#: member statuses that vote and count: lost contact and every way out are left out
VOTING_STATUSES = ("active",)
#: the kinds of vote and who is due at each
KINDS = ("assembly", "committee")
#: meeting types that take votes, and the kind of each
MEETING_KINDS = {"branch_assembly": "assembly", "committee_meeting": "committee"}
#: why a member may not vote (:func:`refusal_code`), in the order they are checked
REFUSAL_CODES = ("probationary", "not_in_good_standing", "not_due", "absent")


def more_than_half(count, due):
    """过半数: strictly more than half of ``due`` (exactly half is not enough, and
    nothing is more than half of nobody)."""
    return 0 < due < count * 2


def _voter_domain(on_date):
    return [
        ("member_category", "in", VOTING_CATEGORIES),
        ("status", "in", VOTING_STATUSES),
        # 留党察看: no vote while it lasts (党章第四十一条), in the same query
        ("discipline_ids", "not any", _probation_domain(on_date)),
    ]


def _probation_domain(on_date):
    """The discipline records of probation within the Party running on ``on_date``."""
    return [("kind", "=", "probation"), ("date", "<=", on_date), ("date_end", ">=", on_date)]


def voters_due_by_organization(organizations, on_date=None, kind="assembly"):
    """``{organization id: party.member}``: the voters due of each organisation for a
    vote of ``kind`` on ``on_date`` (see the module's docstring), in one search of
    members (plus one of positions for committees). Read with sudo: the count does
    not depend on who asks."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of vote: {kind!r}")
    env = organizations.env
    Member = env["party.member"].sudo()
    orgs = organizations.sudo()
    on_date = on_date or fields.Date.context_today(Member)
    if kind == "committee":
        committees = orgs._position_state(on_date)
        holders = {mid for state in committees.values() for mid in state["committee"]}
        members = Member.search_fetch(
            [("id", "in", list(holders)), *_voter_domain(on_date)], ["member_category", "status"]
        )
        return {
            org.id: members.filtered(lambda m, org=org: m.id in committees[org.id]["committee"])
            for org in orgs
        }
    members = Member.search_fetch(
        [("organization_id", "in", orgs.ids), *_voter_domain(on_date)],
        ["organization_id", "member_category", "status"],
    )
    result = {org.id: Member for org in orgs}
    for member in members:
        result[member.organization_id.id] |= member
    return result


def on_party_probation(members, on_date=None):
    """The members of ``members`` on probation within the Party (留党察看) on
    ``on_date``: no vote while it lasts (《中国共产党章程》第四十一条). One search."""
    return members.env["party.discipline"]._party_on_probation(members, on_date)


def party_probation_refusal(member, on_date=None):
    """The refusal of a vote to ``member`` on probation within the Party (留党察看) on
    ``on_date`` (a translated message), or ``None``: for the votes that are not counted
    here but that the probation takes away too (party_life's peer appraisal)."""
    if not on_party_probation(member.sudo(), on_date):
        return None
    return member.env._(
        "%(member)s has no vote: a member on probation within the Party (留党察看) has "
        "no vote while it lasts (《中国共产党章程》第四十一条).",
        member=member.sudo().name,
    )


def voters_due(organization, on_date=None, kind="assembly"):
    """The voters due (party.member, sudo) of one organisation."""
    organization.ensure_one()
    return voters_due_by_organization(organization, on_date, kind)[organization.id]


def refusal_code(member, due, present):
    """Why ``member`` may not vote, as one of :data:`REFUSAL_CODES`, or ``None`` when
    they may: the one rule of who votes. ``due``: the voters due of the vote
    (:func:`voters_due`); ``present``: the member is recorded present at the meeting.

    The member's own standing is checked first (probationary, then out of good
    standing), then whether they are one of the voters due, then their presence: a
    member who has no vote is told so, not that they are absent."""
    if member.member_category not in VOTING_CATEGORIES:
        return "probationary"
    if member.status not in VOTING_STATUSES:
        return "not_in_good_standing"
    if member not in due:
        return "not_due"
    if not present:
        return "absent"
    return None


def voters_present(due, present_ids):
    """The voters due (``due``, party.member) who may vote, ``present_ids`` being the ids
    of the members recorded present: the members a quorum and a show of hands count."""
    return due.filtered(lambda member: refusal_code(member, due, member.id in present_ids) is None)


def vote_refusal(member, organization, on_date=None, kind="assembly", present=True, due=None):  # pylint: disable=too-many-return-statements
    """Why ``member`` may not vote in a vote of ``kind`` of ``organization`` (a
    translated message), or ``None`` when they may (:func:`refusal_code`). ``due``: the
    voters due when the caller already counted them (:func:`voters_due_by_organization`,
    for many votes at once), otherwise they are searched."""
    env = member.env
    member = member.sudo()
    org = organization.sudo()
    if due is None:
        due = voters_due(org, on_date, kind)
    code = refusal_code(member, due, present)
    if code == "probationary":
        return env._(
            "%(member)s has no vote: probationary members have no vote (《中国共产党章程》第七条).",
            member=member.name,
        )
    if code == "not_in_good_standing":
        return env._(
            "%(member)s is not a member in good standing of %(org)s (status: %(status)s): only "
            "its voters due vote.",
            member=member.name,
            org=org.name,
            status=dict(member._fields["status"]._description_selection(env))[member.status],
        )
    if code == "not_due" and (refusal := party_probation_refusal(member, on_date)):
        return refusal
    if code == "not_due" and kind == "committee":
        return env._(
            "%(member)s does not sit on the committee of %(org)s: only its members vote at "
            "a committee meeting.",
            member=member.name,
            org=org.name,
        )
    if code == "not_due":
        return env._(
            "%(member)s is no longer in %(org)s: only its members vote.",
            member=member.name,
            org=org.name,
        )
    if code == "absent":
        return env._(
            "%(member)s is not recorded present: only a member present at the meeting votes.",
            member=member.name,
        )
    return None


def check_may_vote(member, organization, on_date=None, kind="assembly", present=True, due=None):
    """Raise the refusal of :func:`vote_refusal` as a UserError."""
    refusal = vote_refusal(member, organization, on_date, kind, present, due)
    if refusal:
        raise UserError(refusal)
