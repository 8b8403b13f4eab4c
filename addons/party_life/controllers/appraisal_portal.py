from odoo import http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.portal.controllers.portal import CustomerPortal


class PartyAppraisalPortal(PartyPortalBase, CustomerPortal):
    """The member's democratic appraisal on the portal (phone first).

    Campaigns and the member's own line are read as the user (record rules apply); the names of
    the other members to rate and the published counts come from a sudo'ed aggregate: members
    never read other lines, ballots or votes.
    """

    def _party_appraisal_domain(self):
        members = request.env.user.party_member_ids
        return [("organization_id", "in", members.organization_id.ids), ("state", "!=", "draft")]

    def _party_appraisal_allowed(self):
        return request.env.user.has_group("party_branch.group_party_member") and request.env[
            "party.appraisal"
        ].has_access("read")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_appraisal_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            values["party_appraisal_count"] = (
                request.env["party.appraisal"].search_count(self._party_appraisal_domain())
                if self._party_appraisal_allowed()
                else 0
            )
        return values

    def _party_appraisal_get(self, appraisal_id):
        if not self._party_appraisal_allowed():
            raise request.not_found()
        appraisal = request.env["party.appraisal"].search(
            [("id", "=", appraisal_id)] + self._party_appraisal_domain(), limit=1
        )
        if not appraisal:
            raise request.not_found()
        return appraisal

    @http.route(["/my/appraisals"], type="http", auth="user", website=True)
    def portal_my_appraisals(self, **kw):
        if not self._party_appraisal_allowed():
            return request.redirect("/my")
        appraisals = request.env["party.appraisal"].search(
            self._party_appraisal_domain(), order="year desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "party_appraisal", "appraisals": appraisals})
        return request.render("party_life.portal_my_appraisals", values)

    @http.route(["/my/appraisals/<int:appraisal_id>"], type="http", auth="user", website=True)
    def portal_my_appraisal(self, appraisal_id, **kw):
        appraisal = self._party_appraisal_get(appraisal_id)
        # The member's own line, as the user (record rule: own line only).
        line = request.env["party.appraisal.line"].search(
            [("appraisal_id", "=", appraisal.id), ("member_id.user_id", "=", request.env.uid)],
            limit=1,
        )
        voter = appraisal._voter_member()
        others = appraisal.sudo().line_ids.member_id - voter
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_appraisal",
                "appraisal": appraisal,
                "line": line,
                "can_vote": bool(
                    appraisal.state == "voting" and voter and not appraisal._has_voted(voter)
                ),
                "has_voted": bool(voter and appraisal._has_voted(voter)),
                # Names only: what a member needs to rate the others.
                "candidates": [(m.id, m.name) for m in others],
                # The labels in the visitor's language (the selection's translations).
                "ratings": request.env["party.appraisal.vote"]
                ._fields["rating"]
                ._description_selection(request.env),
                "results": appraisal.get_results(),
            }
        )
        return request.render("party_life.portal_my_appraisal", values)

    @http.route(
        ["/my/appraisals/<int:appraisal_id>/self_assessment"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_appraisal_self_assessment(self, appraisal_id, self_assessment="", **kw):
        appraisal = self._party_appraisal_get(appraisal_id)
        line = request.env["party.appraisal.line"].search(
            [("appraisal_id", "=", appraisal.id), ("member_id.user_id", "=", request.env.uid)],
            limit=1,
        )
        if not line:
            raise request.not_found()
        return self._party_act(
            f"/my/appraisals/{appraisal.id}",
            lambda: line.write({"self_assessment": self_assessment.strip()}),
            request.env._("Your self-assessment has been saved."),
            css="o_party_appraisal_saved",
        )

    @http.route(
        ["/my/appraisals/<int:appraisal_id>/ballot"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_appraisal_ballot(self, appraisal_id, **post):
        appraisal = self._party_appraisal_get(appraisal_id)
        ratings = {
            int(key.split("_", 1)[1]): value
            for key, value in post.items()
            if key.startswith("rating_") and key.split("_", 1)[1].isdigit() and value
        }
        return self._party_act(
            f"/my/appraisals/{appraisal.id}",
            lambda: appraisal.cast_ballot(ratings),
            request.env._("Your ballot has been cast anonymously. Thank you."),
            css="o_party_appraisal_voted",
        )
