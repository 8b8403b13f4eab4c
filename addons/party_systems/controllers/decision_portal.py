"""Members vote on the decisions of their meetings on the portal (议事决策, phone
first), when the decision is voted by the members themselves.

The decisions a member sees are found by the server from the member's own places
on meetings' attendance lists (``party.decision._portal_domain``), read with
sudo() only after that search; any other id is a 404. The vote goes through the
decision's public action as the caller, which checks the attendance, the right to
vote and the once-only again.
"""

from odoo import http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.portal.controllers.portal import CustomerPortal


class DecisionPortal(PartyPortalBase, CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_decision_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            Decision = request.env["party.decision"]
            decisions = Decision.sudo().search(
                Decision._portal_domain() + [("state", "=", "voting")]
            )
            values["party_decision_count"] = len(
                [
                    k
                    for k, why in decisions.with_env(request.env)._portal_voting().items()
                    if not why
                ]
            )
        return values

    def _party_decision(self, decision_id):
        Decision = request.env["party.decision"]
        decision = Decision.sudo().search(
            [("id", "=", decision_id)] + Decision._portal_domain(), limit=1
        )
        if not decision:
            raise request.not_found()
        return decision

    @http.route("/my/party/decisions", type="http", auth="user", website=True)
    def portal_my_decisions(self, **kw):
        Decision = request.env["party.decision"]
        decisions = Decision.sudo().search(Decision._portal_domain(), order="id desc", limit=100)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_decision",
                "decision": False,
                "decisions": decisions,
                "voting": decisions.with_env(request.env)._portal_voting(),
            }
        )
        return request.render("party_systems.portal_my_decisions", values)

    @http.route("/my/party/decisions/<int:decision_id>", type="http", auth="user", website=True)
    def portal_my_decision(self, decision_id, **kw):
        decision = self._party_decision(decision_id)
        Vote = request.env["party.decision.vote"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_decision",
                "decision": decision,
                "why_not": decision.with_env(request.env)._portal_voting()[decision.id],
                "my_vote": decision.with_env(request.env).my_vote,
                "choices": Vote._fields["choice"]._description_selection(request.env),
            }
        )
        return request.render("party_systems.portal_my_decision", values)

    @http.route(
        "/my/party/decisions/<int:decision_id>/vote",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_vote(self, decision_id, choice=None, **kw):
        decision = self._party_decision(decision_id)
        # As the caller: the decision finds the caller's attendance and checks the vote
        # (the choice, voting open, the right to vote, once); its refusal is shown.
        return self._party_act(
            f"/my/party/decisions/{decision.id}",
            lambda: decision.with_env(request.env)._cast_vote(choice),
            request.env._("Your vote has been recorded. Thank you."),
            css="o_party_decision_voted",
        )
