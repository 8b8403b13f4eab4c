/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the member opens their home, sees the unread notice in its
// block and follows it to read the notice.
registry.category("web_tour.tours").add("party_branch_phone_member_home_tour", {
    url: "/my/party",
    steps: () => [
        {
            content: "The home opens with the next meeting, the notices, the organisation…",
            trigger: ".o_party_home .o_party_home_organization:contains('PMH Branch A')",
        },
        {
            content: "The notice block lists the unread notice: open it",
            trigger: ".o_party_home_notices .o_party_home_notice:contains('PMH Phone notice')",
            run: "click",
        },
        {
            content: "The notice's text is shown",
            trigger: ".o_party_notice_body:contains('Bring your card.')",
        },
    ],
});
