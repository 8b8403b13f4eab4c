"""Party courses (微课堂) on eLearning: required learning of organisations.

A Party course assigned to organisations (``party_organization_ids``) is their members'
required learning: the members of those organisations and of the organisations below
them whose Party relationship is kept there (status active or lost contact) are enrolled
(``slide.channel.partner``), new members as they join or transfer in, leavers removed
(their enrolment archived, their progress and study hours kept). The course is then
visible to its members only (website_slides' ``visibility`` ``members``, enrolment by
invitation). Only an officer who manages an organisation assigns a course to it or takes
it off.
"""

from collections import defaultdict

from odoo import fields, models
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES


class SlideChannel(models.Model):
    _name = "slide.channel"
    # the guard's template first (party_branch: party.guard.mixin): its hooks below check
    # the organisations a course is assigned to, then enrol their members
    _inherit = ["party.guard.mixin", "slide.channel"]

    _party_rpc_methods = {
        "create": "website_slides ACL and rules and the guard (tools.guard.PartyGuard); "
        "the organisations assigned managed by the caller; their members enrolled",
        "write": "website_slides ACL and rules and the guard; the organisations assigned or "
        "taken off managed by the caller; enrolment follows",
    }

    is_party_course = fields.Boolean(
        string="Party Course", index=True, help="A micro-course (微课堂) of Party member learning."
    )
    party_organization_ids = fields.Many2many(
        "party.organization",
        "slide_channel_party_organization_rel",
        "channel_id",
        "organization_id",
        string="Party Organisations",
        help="Organisations whose members must take the course: they and the members of "
        "the organisations below them are enrolled, and only they see it.",
    )

    def _message_employee_chatter(self, msg, partners):
        """hr_skills_slides posts "the employee subscribed to / left the course" on the
        employee's chatter, which HR and the employee's followers read: not for a Party
        course (whose enrolment says who is a member, and whose completion, who passed)."""
        courses = self.filtered(lambda channel: not channel.is_party_course)
        if not courses:  # hr_skills_slides posts for the partners, whatever the courses
            return None
        return super(SlideChannel, courses)._message_employee_chatter(msg, partners)

    # per user: a count computed for one user, or as superuser, is not served to another
    members_certified_count = fields.Integer(depends_context=("uid",))
    members_completed_count = fields.Integer(depends_context=("uid",))

    def _party_readable_enrolments(self, domain):
        """({course: count}, the Party courses of ``self``): the enrolments in those
        courses matching ``domain`` that the caller reads (their record rules on
        ``slide.channel.partner``), for the totals eLearning counts as superuser; no
        counts (``None``) in superuser mode or without Party course. One grouped query."""
        party = self.filtered(lambda c: c.is_party_course and c.id)
        if self.env.su or not party:
            return None, party
        rule = self.env["ir.rule"]._compute_domain("slide.channel.partner", "read")
        counts = dict(
            self.env["slide.channel.partner"]
            .sudo()
            ._read_group(
                expression.AND([[("channel_id", "in", party.ids)], domain, rule or []]),
                ["channel_id"],
                ["__count"],
            )
        )
        return counts, party

    def _compute_members_certified_count(self):
        """A Party course counts the certified members whose exam results the caller
        reads (website_slides_survey counts them all as superuser: a count of one tells
        an officer of a sibling branch that the member passed)."""
        super()._compute_members_certified_count()
        counts, party = self._party_readable_enrolments(
            [("survey_certification_success", "=", True)]
        )
        if counts is None:
            return
        for channel in party:
            channel.members_certified_count = counts.get(channel, 0)

    def _compute_members_counts(self):
        """A Party course is completed when its exam is passed: its count of members who
        completed it counts those whose enrolment the caller reads (website_slides counts
        them all as superuser: one more tells an officer of a sibling branch that a member
        passed)."""
        super()._compute_members_counts()
        counts, party = self._party_readable_enrolments([("member_status", "=", "completed")])
        if counts is None:
            return
        for channel in party:
            channel.members_completed_count = counts.get(channel, 0)

    # ------------------------------------------------------------------ hooks

    def _party_after_create(self, vals_list):
        assigned = self.sudo().filtered("party_organization_ids")
        if assigned and not self._party_trusted():
            self._party_check_organizations(assigned.party_organization_ids)
        assigned._party_required_learning_changed()
        return super()._party_after_create(vals_list)

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        if "party_organization_ids" in vals:
            before["party_orgs"] = {c.id: c.party_organization_ids for c in self.sudo()}
        return before

    def _party_after_write(self, vals, before):
        if "party_orgs" in before and not self._party_trusted():
            changed = self.env["party.organization"]
            for channel in self.sudo():
                old = before["party_orgs"].get(channel.id, changed)
                new = channel.party_organization_ids
                changed |= (old - new) | (new - old)
            if changed:
                self._party_check_organizations(changed)
        if {"party_organization_ids", "is_party_course", "active"}.intersection(vals):
            before_orgs = before.get("party_orgs", {})
            self.sudo().filtered(
                lambda c: c.is_party_course or c.party_organization_ids or before_orgs.get(c.id)
            )._party_required_learning_changed()
        return super()._party_after_write(vals, before)

    # ------------------------------------------------------------------ enrolment

    def _party_required_learning_changed(self):
        """A course's organisations changed: members only, by invitation, and its
        enrolment synchronised with the register."""
        channels = self.sudo().filtered(lambda c: c.is_party_course and c.party_organization_ids)
        channels.filtered(lambda c: c.visibility != "members" or c.enroll != "invite").write(
            {"visibility": "members", "enroll": "invite"}
        )
        members = (
            self.env["party.member"]
            .sudo()
            .search([("organization_id", "child_of", channels.party_organization_ids.ids)])
            if channels
            else self.env["party.member"]
        )
        enrolled = (
            self.env["slide.channel.partner"]
            .sudo()
            .search_fetch([("channel_id", "in", self.ids)], ["partner_id"])
            if self
            else self.env["slide.channel.partner"]
        )
        members |= (
            self.env["party.member"].sudo().search([("partner_id", "in", enrolled.partner_id.ids)])
        )
        if self:
            self._party_sync_enrolment(members)

    def _party_required_courses(self):
        """``{course id: organisation ids}`` of the active Party courses assigned to
        organisations, among ``self`` (all of them when ``self`` is empty): one query,
        whoever calls (a member's creation pays for it, so no course record is read)."""
        Channel = self.env["slide.channel"]
        Channel.flush_model(["active", "is_party_course", "party_organization_ids"])
        self.env.cr.execute(
            SQL(
                """SELECT r.channel_id, array_agg(r.organization_id)
                     FROM slide_channel_party_organization_rel r
                     JOIN slide_channel c ON c.id = r.channel_id
                    WHERE c.active AND c.is_party_course %s
                 GROUP BY r.channel_id""",
                SQL("AND c.id = ANY(%s)", self.ids) if self else SQL(),
            )
        )
        return {channel_id: set(org_ids) for channel_id, org_ids in self.env.cr.fetchall()}

    def _party_sync_enrolment(self, members):
        """Enrol ``members`` in the required courses among ``self`` (all of them when
        ``self`` is empty) whose organisations keep their Party relationship (the
        organisation or one above it), and archive the enrolment of those no longer
        concerned (left, transferred away, course taken off their organisation). As
        superuser: the caller's change (a course assigned, a member transferred) was the
        check. Two queries, plus one per course that gains members."""
        members = members.sudo().filtered("id")
        if not members:  # nobody to enrol: not even the courses are read
            return
        required = self._party_required_courses()
        # the given courses all count: those no longer required lose their members
        channels = (self or self.browse(required)).sudo()
        if not channels:
            return
        wanted = set()  # (channel id, partner id)
        partners = set()
        for member in members:
            partners.add(member.partner_id.id)
            if member.status not in IN_ORG_STATUSES:
                continue
            ancestors = {int(i) for i in (member.organization_id.parent_path or "").split("/") if i}
            for channel_id, org_ids in required.items():
                if org_ids & ancestors:
                    wanted.add((channel_id, member.partner_id.id))
        # a partner stays enrolled while one of its memberships wants the course
        ChannelPartner = self.env["slide.channel.partner"].sudo().with_context(active_test=False)
        existing = ChannelPartner.search_fetch(
            [("channel_id", "in", channels.ids), ("partner_id", "in", list(partners))],
            ["channel_id", "partner_id", "active", "member_status"],
        )
        current = {
            (row.channel_id.id, row.partner_id.id): row
            for row in existing
            if row.active and row.member_status != "invited"
        }
        leaving = ChannelPartner.browse(row.id for key, row in current.items() if key not in wanted)
        to_add = defaultdict(list)
        for channel_id, partner_id in wanted - set(current):
            to_add[channel_id].append(partner_id)
        for channel in channels.filtered(lambda c: c.id in to_add):
            channel._action_add_members(self.env["res.partner"].browse(to_add[channel.id]))
        if leaving:
            leaving.action_archive()
