/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("party_decision_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the decisions from the portal home",
            trigger: "a[href='/my/party/decisions']",
            run: "click",
        },
        {
            content: "Open the decision put to the vote",
            trigger: ".o_party_decision_row:contains('PDP Budget')",
            run: "click",
        },
        {
            content: "Read the proposal",
            trigger: ".o_party_decision:contains('PDP proposal text')",
        },
        {
            content: "Vote for it",
            trigger: ".o_party_vote_for",
            run: "click",
        },
        {
            content: "The vote is recorded",
            trigger: ".o_party_decision_voted",
        },
        {
            content: "and shown as the member's own",
            trigger: ".o_party_decision_my_vote:contains('For')",
        },
    ],
});
