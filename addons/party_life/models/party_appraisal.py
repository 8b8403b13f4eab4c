"""Annual democratic appraisal of members (民主评议党员).

《中国共产党支部工作条例（试行）》(2018) 第十六条 and 《关于党员民主评议的规定》: the branch holds a
democratic appraisal of its members generally once a year: self-assessment (个人自评), peer
appraisal (党员互评) and the organisation's conclusion (组织评定) in four grades — excellent
(优秀), qualified (合格), basically qualified (基本合格), unqualified (不合格).
"""

import random

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.tools import voting

RATINGS = [
    ("excellent", "Excellent"),
    ("qualified", "Qualified"),
    ("basically_qualified", "Basically Qualified"),
    ("unqualified", "Unqualified"),
]
RATING_KEYS = [key for key, _label in RATINGS]
APPRAISED_STATUSES = ("active", "lost_contact")
APPRAISED_CATEGORIES = ("full", "probationary")


class PartyAppraisal(models.Model):
    """An annual democratic appraisal campaign of one organisation.

    States: draft → self_assessment → voting → closed.

    Anonymity of the peer appraisal (匿名互评), by design:

    * ``party.appraisal.ballot`` is the register: one row per member of the campaign,
      created when voting opens (in member order, without creation or write log), marked
      ``voted`` when the member casts their ballot; the mark is set by one conditional
      UPDATE, so a member votes once even from two phones at the same moment.
    * ``party.appraisal.vote`` is the ballot box: one row per rating given (campaign,
      rated member, rating) and nothing else — no voter, no ballot, no log columns, and no
      access right for anyone: the rows are only ever counted, by ``action_close``. A
      ballot only inserts rows, so a whole branch votes at once without two ballots
      touching the same row; the register's order (members) does not match the box's.
    * Closing counts the box once and copies the counts onto the appraisal lines, which
      is where results are shown; a closed campaign is final (no reopening, no recount).
    """

    _name = "party.appraisal"
    _description = "Democratic Appraisal of Members"
    _inherit = ["mail.thread", "party.access.mixin"]

    # Closed is final: no write reopens a campaign (a reopened campaign would show
    # the next voter's ballot as the difference of two counts).
    _party_workflow_fields = ("state", "date_voting", "date_closed")
    _party_rpc_methods = {
        "action_refresh_members": "_party_check_manage: officer of the organisation",
        "action_start_self_assessment": "_party_check_manage: officer of the organisation",
        "action_start_voting": "_party_check_manage: officer of the organisation",
        "action_close": "_party_check_manage: officer of the organisation",
        "action_reset_draft": "_party_check_manage: officer of the organisation",
        "action_propose_conclusions": "_party_check_manage: officer of the organisation",
        "cast_ballot": "the caller's own campaign line (AccessError otherwise); one ballot",
        "get_results": "read access on the appraisal (record rules), closed campaigns only",
    }
    _party_rpc_sample_args = {"cast_ballot": ({},)}
    _order = "year desc, organization_id"
    _rec_names_search = ["organization_id.name"]

    # rendered in the reader's language (not stored: a campaign opened by the cron or at
    # install would otherwise keep the installer's language)
    name = fields.Char(compute="_compute_name")
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="organization_id.company_id", store=True, index=True, string="Company"
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("self_assessment", "Self-Assessment"),
            ("voting", "Peer Appraisal"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_voting = fields.Date(string="Voting Opened", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    note = fields.Html()
    line_ids = fields.One2many("party.appraisal.line", "appraisal_id", string="Members", copy=False)
    member_count = fields.Integer(compute="_compute_counts", store=True)
    excellent_count = fields.Integer(compute="_compute_counts", store=True)
    qualified_count = fields.Integer(compute="_compute_counts", store=True)
    basically_qualified_count = fields.Integer(compute="_compute_counts", store=True)
    unqualified_count = fields.Integer(compute="_compute_counts", store=True)
    ballot_count = fields.Integer(compute="_compute_ballot_count", string="Ballots Cast")

    _sql_constraints = [
        (
            "organization_year_uniq",
            "unique(organization_id, year)",
            "An organisation holds one democratic appraisal per year.",
        ),
    ]

    @api.depends("organization_id.name", "year")
    @api.depends_context("lang")
    def _compute_name(self):
        for appraisal in self:
            appraisal.name = appraisal.env._(
                "Democratic Appraisal %(year)s — %(org)s",
                year=appraisal.year,
                org=appraisal.organization_id.name or "",
            )

    @api.depends("line_ids", "line_ids.conclusion")
    def _compute_counts(self):
        for appraisal in self:
            lines = appraisal.line_ids
            appraisal.member_count = len(lines)
            for key in RATING_KEYS:
                appraisal[f"{key}_count"] = len(
                    lines.filtered(lambda ln, k=key: ln.conclusion == k)
                )

    def _compute_ballot_count(self):
        # Turnout only (who voted, never what): counted as superuser for every reader.
        data = dict(
            self.env["party.appraisal.ballot"]
            .sudo()
            ._read_group(
                [("appraisal_id", "in", self.ids), ("voted", "=", True)],
                ["appraisal_id"],
                ["__count"],
            )
        )
        for appraisal in self:
            appraisal.ballot_count = data.get(appraisal._origin, 0)

    # ------------------------------------------------------------------ workflow

    def _appraised_members(self):
        self.ensure_one()
        return self.env["party.member"].search(
            [
                ("organization_id", "=", self.organization_id.id),
                ("status", "in", APPRAISED_STATUSES),
                ("member_category", "in", APPRAISED_CATEGORIES),
            ],
            order="name, id",
        )

    def action_refresh_members(self):
        """Add a line for every member (active or lost contact) not yet in the campaign."""
        self._party_check_manage()
        for appraisal in self:
            if appraisal.state not in ("draft", "self_assessment"):
                raise UserError(self.env._("Members can only be added before voting opens."))
            missing = appraisal._appraised_members() - appraisal.line_ids.member_id
            self.env["party.appraisal.line"].create(
                [{"appraisal_id": appraisal.id, "member_id": m.id} for m in missing]
            )
        return True

    def action_start_self_assessment(self):
        self._party_check_manage()
        for appraisal in self:
            if appraisal.state != "draft":
                raise UserError(self.env._("Only a draft appraisal can open the self-assessment."))
            appraisal._party_action_write({"state": "self_assessment"})
            appraisal.action_refresh_members()
            if not appraisal.line_ids:
                raise UserError(self.env._("The organisation has no member to appraise."))
        return True

    def action_start_voting(self):
        self._party_check_manage()
        Ballot = self.env["party.appraisal.ballot"].with_user(SUPERUSER_ID)
        for appraisal in self:
            if appraisal.state != "self_assessment":
                raise UserError(self.env._("Voting opens after the self-assessment."))
            if len(appraisal.line_ids) < 2:
                raise UserError(self.env._("A peer appraisal needs at least two members."))
            # The register exists before the first ballot, in member order (class docstring).
            Ballot.create(
                [
                    {"appraisal_id": appraisal.id, "member_id": member.id}
                    for member in appraisal.line_ids.member_id.sorted("id")
                ]
            )
            appraisal._party_action_write(
                {"state": "voting", "date_voting": fields.Date.context_today(appraisal)}
            )
        return True

    def action_close(self):
        """Close the voting and publish the counts per rating on the lines."""
        self._party_check_manage()
        for appraisal in self:
            if appraisal.state != "voting":
                raise UserError(self.env._("Only an appraisal in peer appraisal can be closed."))
            tallies = appraisal._vote_tallies()
            for line in appraisal.line_ids:
                counts = tallies.get(line.member_id.id, {})
                line.sudo().write(
                    {f"votes_{key}": counts.get(key, 0) for key in RATING_KEYS}
                    | {"results_published": True}
                )
            appraisal._party_action_write(
                {"state": "closed", "date_closed": fields.Date.context_today(self)}
            )
        return True

    def action_reset_draft(self):
        self._party_check_manage()
        for appraisal in self:
            if appraisal.state != "self_assessment":
                raise UserError(
                    self.env._("Only an appraisal still in self-assessment can go back.")
                )
            appraisal._party_action_write({"state": "draft"})
        return True

    def _vote_tallies(self):
        """{member id: {rating: count}}: the ballot box counted, as superuser (aggregate only)."""
        self.ensure_one()
        result = {}
        counts = (
            self.env["party.appraisal.vote"]
            .sudo()
            ._read_group([("appraisal_id", "=", self.id)], ["member_id", "rating"], ["__count"])
        )
        for member, rating, count in counts:
            result.setdefault(member.id, {})[rating] = count
        return result

    # ------------------------------------------------------------------ voting

    def _voter_member(self, user=None):
        """The campaign member of ``user`` (the current user by default), or an empty record."""
        self.ensure_one()
        user = user or self.env.user
        lines = self.sudo().line_ids.filtered(lambda ln: ln.member_id.user_id == user)
        return lines[:1].member_id.with_env(self.env)

    def _has_voted(self, member):
        self.ensure_one()
        return bool(
            self.env["party.appraisal.ballot"]
            .sudo()
            .search_count(
                [
                    ("appraisal_id", "=", self.id),
                    ("member_id", "=", member.id),
                    ("voted", "=", True),
                ]
            )
        )

    def cast_ballot(self, ratings):
        """Cast the current user's anonymous ballot.

        ``ratings``: {party.member id: rating} for every other member of the campaign. A member
        does not rate themself (the self-assessment is the member's own word); probationary
        members take part in the appraisal like full members.
        """
        self.ensure_one()
        self.check_access("read")
        voter = self._voter_member()
        if self.sudo().state == "voting" and not voter:
            raise AccessError(self.env._("Only members of the appraised organisation can vote."))
        return self._cast_ballot_for(voter, ratings)

    @api.model
    def _party_ballot_ratings(self, ratings):
        """{member id: rating} from the ballot the client sent (ids as numbers or as text,
        the keys of a JSON object); a clear refusal for any other shape."""
        if not ratings:
            return {}
        message = self.env._("Send the ballot as {member id: rating}.")
        if not isinstance(ratings, dict):
            raise ValidationError(message)
        cleaned = {}
        for member_id, rating in ratings.items():
            if isinstance(member_id, bool) or not isinstance(member_id, (int, str)):
                raise ValidationError(message)
            try:
                cleaned[int(member_id)] = rating
            except ValueError:
                raise ValidationError(message) from None
        return cleaned

    def _cast_ballot_for(self, voter, ratings):
        """Record the ballot of ``voter`` (a party.member of the campaign); see cast_ballot."""
        self.ensure_one()
        appraisal = self.sudo()
        if appraisal.state != "voting":
            raise UserError(
                self.env._("Ballots can only be cast while the peer appraisal is open.")
            )
        if voter not in appraisal.line_ids.member_id:
            raise AccessError(self.env._("Only members of the appraised organisation can vote."))
        if refusal := voting.party_probation_refusal(voter):
            # 留党察看: no vote while it lasts (党章第四十一条); still appraised by the others
            raise UserError(refusal)
        if appraisal._has_voted(voter):
            raise UserError(self.env._("You have already cast your ballot: one ballot per member."))
        ratings = self._party_ballot_ratings(ratings)
        candidates = set(appraisal.line_ids.member_id.ids) - {voter.id}
        if voter.id in ratings:
            raise ValidationError(
                self.env._("Members do not rate themselves in the peer appraisal.")
            )
        unknown = set(ratings) - candidates
        if unknown:
            raise ValidationError(self.env._("Only members of this appraisal can be rated."))
        if set(ratings) != candidates:
            raise ValidationError(self.env._("Rate every other member of the appraisal."))
        if any(rating not in RATING_KEYS for rating in ratings.values()):
            raise ValidationError(self.env._("Unknown rating."))
        # The register says who voted (and nothing else): one conditional UPDATE, so two
        # ballots of one member at the same moment cannot both pass ...
        Ballot = self.env["party.appraisal.ballot"]
        Ballot.flush_model(["voted"])
        self.env.cr.execute(
            SQL(
                "UPDATE party_appraisal_ballot SET voted = TRUE WHERE appraisal_id = %s "
                "AND member_id = %s AND voted IS NOT TRUE RETURNING id",
                appraisal.id,
                voter.id,
            )
        )
        if not self.env.cr.fetchone():
            raise UserError(self.env._("You have already cast your ballot: one ballot per member."))
        Ballot.invalidate_model(["voted"])
        # ... the box receives the ratings and nothing about the voter, written as superuser.
        self.env["party.appraisal.vote"].sudo().create(
            [
                {"appraisal_id": appraisal.id, "member_id": member_id, "rating": rating}
                for member_id, rating in sorted(ratings.items())
            ]
        )
        return True

    def action_propose_conclusions(self):
        """Fill the missing conclusions with each member's most frequent peer rating.

        On a tie the stricter rating is proposed; the committee reviews every conclusion.
        """
        self._party_check_manage()
        for appraisal in self:
            if appraisal.state != "closed":
                raise UserError(
                    self.env._("Conclusions are proposed once the peer appraisal is closed.")
                )
            for line in appraisal.line_ids.filtered(lambda ln: not ln.conclusion):
                counts = [(line[f"votes_{key}"], index) for index, key in enumerate(RATING_KEYS)]
                best, index = max(counts)
                if best:
                    line.conclusion = RATING_KEYS[index]
        return True

    def _demo_simulate_ballots(self, seed=0, skip_users=()):
        """Demo data only: ballots of the members (except ``skip_users`` logins)."""
        rng = random.Random(seed)  # noqa: S311  (demo data, not security)
        profiles = ((10, 4, 1, 0), (3, 10, 1, 0), (1, 5, 8, 1))
        for appraisal in self:
            members = appraisal.line_ids.member_id
            weights = {m.id: rng.choices(profiles, weights=(3, 6, 1))[0] for m in members}
            voters = members.filtered(lambda m: not m.user_id or m.user_id.login not in skip_users)
            for voter in voters:
                ratings = {
                    other.id: rng.choices(RATING_KEYS, weights=weights[other.id])[0]
                    for other in members - voter
                }
                appraisal._cast_ballot_for(voter, ratings)
        return True

    def get_results(self):
        """Counts per rating per member, for those who may read the campaign, once closed."""
        self.ensure_one()
        self.check_access("read")
        appraisal = self.sudo()
        if appraisal.state != "closed":
            return []
        return [
            {
                "member": line.member_id.name,
                "member_id": line.member_id.id,
                **{key: line[f"votes_{key}"] for key in RATING_KEYS},
            }
            for line in appraisal.line_ids
        ]
